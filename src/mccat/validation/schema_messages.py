"""Turn jsonschema errors into messages a provider can act on.

Each error becomes a Problem at the value's line and column, naming the field by its label and
key. Where the value is a typing mistake with one valid reading (full-width digits, a unit after a
number, a Japanese-style date, a label instead of a code; mccat.validation.keyboard), the problem
says so and carries the fix.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

from mccat.model.schema import Descriptor, descriptors, fast_validator, validator
from mccat.model.vocabulary import Vocabulary, vocabularies
from mccat.validation.keyboard import suggest_value, yaml_scalar
from mccat.validation.messages import Choices, Either, FieldRef, Label, Listing, Shown, Text, field_key, text, word
from mccat.validation.problems import Fix, Problem
from mccat.validation.source import SourceDocument

# How many codes a hint lists with their labels; longer vocabularies point to the reference.
MAX_LISTED_CODES = 12


@cache
def _descriptor_index(kind: str) -> dict[tuple[str, ...], Descriptor]:
    return {d.path: d for d in descriptors(kind)}


def field_name(path: tuple) -> str:
    """'learning_outcomes[2].en' from ('learning_outcomes', 2, 'en')."""
    return field_key(path) or "(the file)"


def schema_problems(kind: str, doc: SourceDocument) -> Iterator[Problem]:
    """Every schema violation in a document, rewritten for humans."""
    fast = fast_validator(kind)
    if fast.is_valid(doc.data):
        return
    explained = False
    for error in validator(kind).iter_errors(doc.data):
        explained = True
        yield from _explain(kind, doc, error)
    if not explained:  # the two validators disagree: the file is refused all the same, where jsonschema-rs says
        for refusal in fast.iter_errors(doc.data):
            at = tuple(refusal.instance_path)
            line, column = doc.position(at)
            detail = text("schema.rejected", field=FieldRef(kind, at), detail=refusal.message)
            yield Problem(doc.file, line, column, "schema.rejected", detail, text("hint.schema-rejected"))


def _key_normal(name: Any) -> str:
    return unicodedata.normalize("NFKC", str(name)).strip()


def _explain(kind: str, doc: SourceDocument, error: ValidationError) -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    keyword = error.validator
    field = FieldRef(kind, path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    value: Any = error.instance  # jsonschema types these as Any | Unset; an error always has them
    rule: Any = error.validator_value

    def problem(
        message: Text,
        hint: Text | None,
        at: tuple = path,
        key: bool = False,
        fix: Fix | None = None,
        rule_id: str = f"schema.{keyword}",
    ) -> Problem:
        line, column = doc.position(at, key=key)
        return Problem(doc.file, line, column, rule_id, message, hint, fix=fix)

    def is_valid(candidate: Any) -> bool:
        return validator(kind).evolve(schema=schema).is_valid(candidate)

    if keyword in ("type", "enum", "pattern", "const") and value is not None:
        vocab = _vocabulary_for(rule) if keyword == "enum" else None
        suggestion = suggest_value(
            field,
            value,
            is_valid,
            vocabulary=vocab,
            field_name=next((p for p in reversed(path) if isinstance(p, str)), ""),
        )
        if suggestion is not None:
            if suggestion.value is None:  # a date that names no day: nothing to suggest
                yield problem(suggestion.message, text("hint.month-day"), rule_id=suggestion.rule)
                return
            fix = _value_fix(doc, path, suggestion.value)
            yield problem(suggestion.message, _fix_hint(fix), fix=fix, rule_id=suggestion.rule)
            return

    if keyword == "required":
        present = {_key_normal(k) for k in value} if isinstance(value, dict) else set()
        for name in _missing(error):
            if name in present:
                continue  # typed with full-width letters or spaces: the unknown key's problem says so
            sub = schema.get("properties", {}).get(name, {})
            is_text = "text_both" in str(sub.get("$ref", ""))
            if set(schema.get("properties", {})) == {"ja", "en"}:
                yield problem(
                    text("schema.required.text", field=field, lang=word(f"lang.{name}"), key=name),
                    text("hint.add-text-language", field=field, key=name),
                )
            else:
                hint = text("hint.add-text", name=name) if is_text else text("hint.add-field", name=name)
                yield problem(text("schema.required", field=FieldRef(kind, path + (name,))), hint)
        return
    if keyword == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for name in [k for k in value if k not in allowed]:
            at = path + (name,)
            normal = _key_normal(name)
            close = difflib.get_close_matches(str(name), allowed, n=1, cutoff=0.6)
            fix = None
            if normal in allowed:
                fix = _key_fix(doc, at, str(name), normal)
                yield problem(
                    text("input.full-width-key", key=Shown(name)),
                    _fix_hint(fix),
                    at,
                    key=True,
                    fix=fix,
                    rule_id="input.full-width",
                )
                continue
            if kind == "program" and at == ("approval",):
                hint = text("hint.approval-in-program")
            elif allowed == ["ja", "en"]:
                hint = text("hint.text-languages")
            elif close:
                fix = _key_fix(doc, at, str(name), close[0])
                hint = text("hint.did-you-mean-key", name=close[0])
            else:
                hint = text("hint.allowed-keys", names=Listing(tuple(Shown(a) for a in allowed)))
            yield problem(text("schema.additionalProperties", key=field_name(at)), hint, at, key=True, fix=fix)
        return
    if keyword == "type":
        expected = rule if isinstance(rule, list) else [rule]
        wanted = _type_words(expected)
        if value is None:
            yield problem(text("schema.type.empty", field=field, wanted=wanted), text("hint.write-value"))
            return
        got = word(f"type.{_json_type(value)}")
        fix = None
        hint = _type_hint(expected, value)
        if ("number" in expected or "integer" in expected) and isinstance(value, str):
            number = _plain_number(value)
            if number is not None and is_valid(number):
                fix = _value_fix(doc, path, number)
                hint = _fix_hint(fix) if fix else hint
        if "string" in expected and isinstance(value, (int, float, bool)):
            source = doc.source_of(path)
            if source is not None:
                new = f'"{source[2]}"'
                fix = Fix(source[0], source[1], source[2], new)
                hint = text("hint.quote-text", new=Shown(new))
        yield problem(text("schema.type", field=field, wanted=wanted, got=got, value=Shown(value)), hint, fix=fix)
        return
    if keyword == "enum":
        vocab = _vocabulary_for(rule)
        allowed = [str(v) for v in rule]
        if value is None:
            yield from _empty_choice(kind, doc, path, vocab, allowed)
            return
        choices = _choices(vocab, allowed)
        if vocab is not None and vocab.name == "isced_field" and isinstance(value, int):
            fix = _value_fix(doc, path, f"{value:03d}") if f"{value:03d}" in allowed else None
            hint = _fix_hint(fix) if fix else text("hint.isced-quotes")
            yield problem(text("schema.enum", field=field, value=Shown(value)), hint, fix=fix)
            return
        close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.5)
        fix = _value_fix(doc, path, close[0]) if close else None
        label = _term_label(vocab, close[0]) if close and vocab is not None else (close[0] if close else "")
        typed = fix.new if fix is not None else (close[0] if close else "")  # quoted when YAML needs it: "47"
        if close and choices is not None:
            hint = text("hint.did-you-mean-code", code=typed, label=label, choices=choices)
        elif close:
            hint = text("hint.did-you-mean", code=typed, label=label)
        elif choices is None:
            hint = text("hint.many-codes", n=len(allowed))
        else:
            hint = text("hint.allowed-codes", choices=choices)
        key = "schema.enum" if vocab is not None else "schema.enum.plain"
        yield problem(text(key, field=field, value=Shown(value)), hint, fix=fix)
        return
    if keyword == "const":
        fix = _value_fix(doc, path, rule)
        yield problem(
            text("schema.const", field=field, expected=Shown(rule), value=Shown(value)),
            _fix_hint(fix) if fix else None,
            fix=fix,
        )
        return
    if keyword == "pattern" and value == "":
        yield problem(text("schema.minLength", field=field), text("hint.write-text"), rule_id="schema.minLength")
        return
    if keyword == "pattern":
        title = schema.get("title", "")
        variants = {
            "Date (YYYY-MM-DD)": ("schema.pattern.date", text("hint.date")),
            "https URL": ("schema.pattern.url", text("hint.url")),
            "Identifier (a-z, 0-9, hyphens)": ("schema.pattern.id", text("hint.id")),
            "Program id (provider/slug)": ("schema.pattern.program-id", text("hint.program-id")),
            "Reading in katakana": ("schema.pattern.kana", text("hint.kana")),
        }
        key, hint = variants.get(title, ("schema.pattern", _example_hint(kind, path)))
        fix = None
        if title == "https URL" and isinstance(value, str) and value.startswith("http://"):
            key = "schema.pattern.http"
            source = doc.source_of(path)
            if source is not None and source[2].lstrip("\"'").startswith("http://"):
                line, column, written = source
                column += len(written) - len(written.lstrip("\"'"))
                fix = Fix(line, column, "http://", "https://")
            hint = _fix_hint(fix) if fix else text("hint.url")
        yield problem(text(key, field=field, value=Shown(value)), hint, fix=fix)
        return
    if keyword == "minLength":
        yield problem(text("schema.minLength", field=field), text("hint.write-text"))
        return
    if keyword == "maxLength":
        yield problem(
            text("schema.maxLength", field=field, length=f"{len(value):,}", max=f"{rule:,}"), text("hint.shorten")
        )
        return
    if keyword == "minItems":
        yield problem(text("schema.minItems", field=field, n=rule), text("hint.add-item"))
        return
    if keyword == "maxItems":
        yield problem(text("schema.maxItems", field=field, count=len(value), n=rule), text("hint.fewer-items"))
        return
    if keyword == "uniqueItems":
        seen, repeated = [], None
        for item in value:
            if item in seen:
                repeated = item
                break
            seen.append(item)
        yield problem(text("schema.uniqueItems", field=field, value=Shown(repeated)), text("hint.remove-repeated"))
        return
    if keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        bound = f"{rule:,}" if keyword == "maximum" else str(rule)
        yield problem(
            text("schema.range", field=field, value=Shown(value), relation=word(f"relation.{keyword}", bound=bound)),
            text("hint.correct-number"),
            rule_id=f"schema.{keyword}",
        )
        return
    if keyword == "minProperties":
        yield problem(text("schema.minProperties", field=field), text("hint.text-or-remove"))
        return
    yield problem(text("schema.other", field=field, keyword=keyword), text("hint.reference"))


def _empty_choice(
    kind: str, doc: SourceDocument, path: tuple, vocab: Vocabulary | None, allowed: list[str]
) -> Iterator[Problem]:
    """A choice left empty (`mode:`): say it is empty, list the choices with their labels, never "None"."""
    field = FieldRef(kind, path)
    choices = _choices(vocab, allowed)
    fix = None
    if path and isinstance(path[-1], str) and path in doc.key_marks:
        line, column = doc.position(path, key=True)
        written = doc.line_text(line)[column - 1 :]
        old = f"{path[-1]}:"
        if written.startswith(old) and not written[len(old) :].split("#", 1)[0].strip():
            new = [f"{old} {yaml_scalar(code)}" for code in allowed]
            fix = Fix(line, column, old, new[0], tuple(new[1:]))
    line, column = doc.position(path, key=True)
    yield Problem(
        doc.file,
        line,
        column,
        "input.empty-choice",
        text("input.empty-choice", field=field),
        text("hint.choose", choices=choices) if choices is not None else text("hint.many-codes", n=len(allowed)),
        fix=fix,
    )


def _value_fix(doc: SourceDocument, path: tuple, new_value: Any) -> Fix | None:
    """The fix that writes new_value where the value at path is written (None if it spans lines)."""
    source = doc.source_of(path)
    if source is None:
        return None
    line, column, old = source
    return Fix(line, column, old, yaml_scalar(new_value, old))


def _key_fix(doc: SourceDocument, path: tuple, old: str, new: str) -> Fix | None:
    if path not in doc.key_marks:
        return None
    line, column = doc.position(path, key=True)
    if not doc.line_text(line)[column - 1 :].startswith(old):
        return None
    return Fix(line, column, old, new)


def _fix_hint(fix: Fix | None) -> Text:
    if fix is None:
        return text("hint.reference")
    return text("hint.replace", old=Shown(fix.old), new=Shown(fix.new, whole=True))


def _type_words(expected: list[str]) -> Any:
    words = [word(f"type.{t}" if f"type.{t}" in _TYPE_KEYS else "type.other") for t in expected]
    return words[0] if len(words) == 1 else Either(tuple(words))


_TYPE_KEYS = {f"type.{t}" for t in ("object", "array", "string", "number", "integer", "boolean", "null", "decimal")}


def _choices(vocab: Vocabulary | None, allowed: list[str]) -> Any:
    if vocab is None:
        return Listing(tuple(Shown(a) for a in allowed))
    if len(allowed) > MAX_LISTED_CODES:
        return None  # too many to list: the hint points to where they are
    return Choices(vocab.name, tuple(allowed))


def _term_label(vocab: Vocabulary, code: str) -> Any:
    term = vocab.terms[code]
    return Label(term.label["ja"], term.label["en"])


def _example_hint(kind: str, path: tuple) -> Text:
    """'write it like `JP` (ISO 3166-1 alpha-2 code ...)' from the field's own example and description."""
    names = tuple(p for p in path if isinstance(p, str))
    d = _descriptor_index(kind).get(names)
    if d is None or d.example is None:
        return text("hint.reference")
    return text(
        "hint.example",
        example=Shown(d.example, whole=True),
        description=Label(d.description["ja"].rstrip("。"), d.description["en"].rstrip(".")),
    )


def _plain_number(value: str) -> int | float | None:
    """A number written as text ("30", "1.5"), as YAML would read it unquoted."""
    value = value.strip()
    if re.fullmatch(r"-?(?:0|[1-9][0-9]*)", value):
        return int(value)
    if re.fullmatch(r"-?(?:0|[1-9][0-9]*)\.[0-9]+", value):
        return float(value)
    return None


def _missing(error: ValidationError) -> list[str]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    required: Any = error.validator_value
    return [name for name in required if name not in instance]


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "decimal"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _type_hint(expected: list[str], value: Any) -> Text:
    if "object" in expected and isinstance(value, str):
        return text("hint.text-both")
    if "array" in expected and not isinstance(value, list):
        return text("hint.list-items")
    if ("number" in expected or "integer" in expected) and isinstance(value, str):
        return text("hint.number-alone")
    if "integer" in expected and isinstance(value, float):
        return text("hint.whole-number", n=int(value))
    if "string" in expected:
        return text("hint.quote-text", new=Shown(f'"{value}"'))
    if "boolean" in expected:
        return text("hint.true-false")
    return text("hint.reference")


def _vocabulary_for(values: list[Any]) -> Vocabulary | None:
    for vocab in vocabularies().values():
        if vocab.codes == list(values):
            return vocab
    return None
