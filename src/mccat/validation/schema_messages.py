"""Turn jsonschema errors into messages a provider can act on."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

from mccat.model.schema import Descriptor, descriptors, fast_validator, validator
from mccat.model.vocabulary import vocabularies
from mccat.validation.problems import Problem
from mccat.validation.source import SourceDocument

_TYPE_NAMES = {
    "object": "a set of fields",
    "array": "a list",
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "empty",
    "decimal": "a decimal number",
}


@cache
def _descriptor_index(kind: str) -> dict[tuple[str, ...], Descriptor]:
    return {d.path: d for d in descriptors(kind)}


def field_name(path: tuple) -> str:
    """'learning_outcomes[2].en' from ('learning_outcomes', 2, 'en')."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(the file)"


def _show(value: Any, limit: int = 60) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= limit else text[: limit - 1] + "…'"


def _label(kind: str, path: tuple) -> str:
    """The field's bilingual title, for example 'Learning outcomes / 学修成果'."""
    names = tuple(p for p in path if isinstance(p, str))
    index = _descriptor_index(kind)
    while names and names not in index:
        names = names[:-1]
    if not names:
        return ""
    d = index[names]
    return f" ({d.title['en']} / {d.title['ja']})"


def schema_problems(kind: str, doc: SourceDocument) -> Iterator[Problem]:
    """Every schema violation in a document, rewritten for humans."""
    if fast_validator(kind).is_valid(doc.data):
        return
    for error in validator(kind).iter_errors(doc.data):
        yield from _explain(kind, doc, error)


def _explain(kind: str, doc: SourceDocument, error: ValidationError) -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    keyword = error.validator
    where = field_name(path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    value: Any = error.instance  # jsonschema types these as Any | Unset; an error always has them
    rule: Any = error.validator_value

    def problem(message: str, hint: str, at: tuple = path, key: bool = False) -> Problem:
        line, column = doc.position(at, key=key)
        return Problem(doc.file, line, column, f"schema.{keyword}", message, hint)

    if keyword == "required":
        missing = _missing(error)
        for name in missing:
            sub = schema.get("properties", {}).get(name, {})
            is_text = "text_both" in str(sub.get("$ref", ""))
            hint = (
                f"add `{name}:` with both `ja:` and `en:` text"
                if is_text or set(schema.get("properties", {})) == {"ja", "en"}
                else f"add `{name}:`; `mccat new` shows every field with an example"
            )
            label = _label(kind, path + (name,)) if path or name else ""
            if set(schema.get("properties", {})) == {"ja", "en"}:
                lang = "Japanese" if name == "ja" else "English"
                yield problem(
                    f"`{where}` has no {lang} text (`{name}`)",
                    f"add `{name}:` under `{where}`; this text is required in both languages",
                )
            else:
                yield problem(f"missing required field `{field_name(path + (name,))}`{label}", hint)
        return
    if keyword == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for name in [k for k in value if k not in allowed]:
            at = path + (name,)
            close = difflib.get_close_matches(str(name), allowed, n=1, cutoff=0.6)
            if kind == "program" and at == ("approval",):
                hint = (
                    "remove the `approval` block: the committee records its decisions in catalogue/decisions/ "
                    "(one file per decision), and the site computes the status from them"
                )
            elif allowed == ["ja", "en"]:
                hint = "text takes only `ja:` and `en:`"
            elif close:
                hint = f"did you mean `{close[0]}`?"
            else:
                hint = "allowed here: " + ", ".join(f"`{a}`" for a in allowed)
            yield problem(f"unknown field `{field_name(at)}`", hint, at, key=True)
        return
    if keyword == "type":
        expected = rule
        expected = expected if isinstance(expected, list) else [expected]
        wanted = " or ".join(_TYPE_NAMES.get(t, str(t)) for t in expected)
        got = _TYPE_NAMES.get(_json_type(value), "something else")
        shown = "" if value is None else f" ({_show(value)})"
        yield problem(f"`{where}`{_label(kind, path)} must be {wanted}, not {got}{shown}", _type_hint(expected, value))
        return
    if keyword == "enum":
        vocab = _vocabulary_for(rule)
        allowed = [str(v) for v in rule]
        close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.5)
        what = f"one of the values of “{vocab.title['en']}”" if vocab else "an allowed value"
        listing = (
            ", ".join(f"`{a}`" for a in allowed)
            if len(allowed) <= 12
            else f"see the {len(allowed)} codes in schemas/vocabularies.schema.json"
        )
        hint = (f"did you mean `{close[0]}`? " if close else "") + f"allowed: {listing}"
        if vocab and vocab.name == "isced_field" and isinstance(value, int):
            hint = (
                'write the code in quotes, like "061": unquoted, YAML reads a number with a '
                "leading zero as octal (054 becomes 44)"
            )
        yield problem(f"`{where}` is {_show(value)}, which is not {what}", hint)
        return
    if keyword == "const":
        yield problem(
            f"`{where}` must be {rule!r}, not {_show(value)}",
            f"write `{path[-1] if path else where}: {rule}`",
        )
        return
    if keyword == "pattern":
        title = schema.get("title", "")
        hints = {
            "Date (YYYY-MM-DD)": ("is not a date written YYYY-MM-DD", 'write the date like "2026-04-01"'),
            "https URL": ("is not an https URL", "use a full address starting with https://"),
            "Identifier (a-z, 0-9, hyphens)": ("is not a valid id", "use lowercase letters a-z, digits and hyphens"),
            "Program id (provider/slug)": (
                "is not a program id",
                "write `provider/slug`, lowercase letters, digits and hyphens",
            ),
        }
        what, hint = hints.get(title, ("does not have the expected form", _example_hint(kind, path)))
        if title == "https URL" and isinstance(value, str) and value.startswith("http://"):
            what, hint = "uses http://, not https://", "only https URLs are accepted; change http:// to https://"
        yield problem(f"`{where}`{_label(kind, path)} {what}: {_show(value)}", hint)
        return
    if keyword == "minLength":
        yield problem(f"`{where}` is empty", "write the text, or remove the field if it is optional")
        return
    if keyword == "maxLength":
        yield problem(f"`{where}` is {len(value):,} characters long, more than {rule:,}", "shorten the text")
        return
    if keyword in ("minItems", "maxItems"):
        n = rule
        if keyword == "minItems":
            yield problem(
                f"`{where}`{_label(kind, path)} needs at least {n} item{'s' if n != 1 else ''}",
                "add an item as a `- ` line",
            )
        else:
            yield problem(f"`{where}` has {len(value)} items, more than {n}", "keep the most important ones")
        return
    if keyword == "uniqueItems":
        seen, repeated = [], None
        for item in value:
            if item in seen:
                repeated = item
                break
            seen.append(item)
        yield problem(f"`{where}` lists {_show(repeated)} more than once", "remove the repeated item")
        return
    if keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        bound = rule
        relation = {
            "minimum": f"at least {bound}",
            "maximum": f"at most {bound:,}",
            "exclusiveMinimum": f"more than {bound}",
            "exclusiveMaximum": f"less than {bound}",
        }[keyword]
        yield problem(f"`{where}`{_label(kind, path)} is {value}, but must be {relation}", "correct the number")
        return
    if keyword == "minProperties":
        yield problem(f"`{where}`{_label(kind, path)} has no text", "write `ja:` and `en:` text, or remove the field")
        return
    yield problem(f"`{where}`: {error.message}", "see the descriptor reference for this field")


def _example_hint(kind: str, path: tuple) -> str:
    """'write it like `JP` (ISO 3166-1 alpha-2 code ...)' from the field's own example and description."""
    names = tuple(p for p in path if isinstance(p, str))
    d = _descriptor_index(kind).get(names)
    if d is None or d.example is None:
        return "see the descriptor reference for this field"
    return f"write it like `{d.example}` ({d.description['en'].rstrip('.')})"


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


def _type_hint(expected: list[str], value: Any) -> str:
    if value is None:
        return "write a value after the colon, or remove the line if the field is optional"
    if "object" in expected and isinstance(value, str):
        return "give the text in both languages on separate lines: `ja: ...` and `en: ...`"
    if "array" in expected and not isinstance(value, list):
        return "write each item on its own line starting with `- `"
    if ("number" in expected or "integer" in expected) and isinstance(value, str):
        digits = "".join(c for c in value if c.isdigit() or c == ".")
        return f"write the number alone, without quotes or units: {digits or '30'}"
    if "integer" in expected and isinstance(value, float):
        return f"write a whole number such as {int(value)}"
    if "string" in expected and value is None:
        return "write a value after the colon, or remove the line"
    if "string" in expected:
        return "put the value in quotes to keep it as text"
    if "boolean" in expected:
        return "write true or false"
    return "see the descriptor reference for this field"


def _vocabulary_for(values: list[Any]):
    for vocab in vocabularies().values():
        if vocab.codes == list(values):
            return vocab
    return None
