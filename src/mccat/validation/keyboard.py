"""Mistakes of Japanese keyboards and input methods, found where they are and fixed literally.

Typing YAML with a Japanese input method on, people write what looks right but is not: full-width
digits and letters (`３０`, `ｏｎｌｉｎｅ`), a full-width space (U+3000) or a tab for indentation, a
full-width colon after a key (`weeks：8`), a long-vowel mark or full-width hyphen for a list item
(`ー online`), full-width quotes, Japanese punctuation in a URL, a Japanese label where a code
belongs (`ハイブリッド`), a date in Japanese style (`令和7年4月1日`, `R7.4.1`), a number with its
unit (`40時間`), a reading in hiragana.

Two kinds of finding, each with a `Fix` that is valid input:

- `line_mistakes`: YAML syntax typed with the wrong characters, found line by line. The parser
  reports these late and elsewhere (a full-width colon makes "could not find expected ':'" on the
  next line), so `mccat.validation.validate` looks for them in any file that fails, reports them
  where they are, and checks the rest of the file with the fixes applied.
- `suggest_value`: a value the schema refuses, and what the provider meant, when exactly one
  reading of it is valid (checked against the same part of the schema).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from mccat.model.vocabulary import Vocabulary
from mccat.validation.messages import Label, Listing, Shown, Text, text

# ------------------------------------------------------------------------------------- line mistakes

# What a key looks like in our files: ASCII field names.
_KEY = r"[A-Za-z_][A-Za-z0-9_]*"
# Characters an input method gives for "-": full-width hyphen-minus, long-vowel marks, dashes, minus.
_HYPHENS = "－ーｰ−‐‑‒–—―﹣"
_LINE = re.compile(
    rf"""^(?P<indent>[ \t\u3000]*)
        (?:(?P<dash>[-{_HYPHENS}])(?P<dash_space>[ \t\u3000]+))?
        (?P<key>{_KEY})(?P<before>[ \t\u3000]*)(?P<colon>[:：])(?P<after>[ \t\u3000]*)(?P<rest>.*)$""",
    re.VERBOSE,
)
_ITEM = re.compile(rf"^(?P<indent>[ \t\u3000]*)(?P<dash>[-{_HYPHENS}])(?P<space>[ \t\u3000]+)(?P<rest>\S.*)$")
_BLOCK_SCALAR = re.compile(r"[|>][-+0-9]*\s*(#.*)?$")
_SUSPECT = re.compile(rf"[\t\u3000：{_HYPHENS}]")


@dataclass(frozen=True)
class LineMistake:
    line: int
    column: int
    rule: str
    message: Text
    old: str  # the line as written
    new: str  # the line as it should be

    @property
    def hint(self) -> Text:
        return text("hint.write-line", new=_code(self.new))


def line_mistakes(source: str) -> list[LineMistake]:
    """YAML syntax typed with full-width characters or tabs, line by line (block scalars are text and skipped)."""
    if not _SUSPECT.search(source):
        return []
    lines = source.split("\n")
    fixed = list(lines)  # lines with earlier fixes applied, for the indentation of later ones
    found: list[LineMistake] = []
    block_indent: int | None = None  # inside a block scalar (| or >) opened at this indentation
    for number, line in enumerate(lines):
        stripped = line.lstrip(" \t\u3000")
        width = len(line) - len(stripped)
        if block_indent is not None:
            if not stripped or width > block_indent:
                continue
            block_indent = None
        if not stripped or stripped.startswith("#"):
            continue
        mistake = _line_mistake(number, line, fixed)
        if mistake is not None:
            found.append(mistake)
            fixed[number] = mistake.new
        match = _LINE.match(fixed[number])
        if match and _BLOCK_SCALAR.match(match["rest"]):
            block_indent = len(match["indent"]) + (len(match["dash"] or "") + len(match["dash_space"] or ""))
    return found


def _line_mistake(number: int, line: str, fixed: list[str]) -> LineMistake | None:
    match = _LINE.match(line) or _ITEM.match(line)
    if match is None:
        return None
    parts = match.groupdict()
    indent, dash, rest = parts["indent"], parts["dash"] or "", parts["rest"]
    dash_space = (parts.get("dash_space") or parts.get("space") or "") if dash else ""
    key, before, colon, after = (parts.get(name) or "" for name in ("key", "before", "colon", "after"))
    bad_indent = next((i for i, c in enumerate(indent) if c in "\t\u3000"), None)
    new_indent = _intended_indent(number, fixed) if bad_indent is not None else indent
    new_dash = "- " if dash else ""
    if key:
        new = f"{new_indent}{new_dash}{key}:{' ' if rest else ''}{rest}"
    else:
        new = f"{new_indent}{new_dash}{rest}"
    if new == line:
        return None

    def mistake(column: int, rule: str, message: Text) -> LineMistake:
        return LineMistake(number + 1, column, rule, message, line, new)

    # Report the first wrong character, in the order it appears on the line.
    if bad_indent is not None:
        rule = "input.tab" if indent[bad_indent] == "\t" else "input.full-width-indent"
        return mistake(bad_indent + 1, rule, text(rule))
    column = len(indent) + 1
    if dash and (dash != "-" or dash_space != " "):
        if dash == "-":  # a half-width hyphen followed by a full-width space or a tab
            return mistake(
                column + 1, "input.full-width-hyphen", text("input.full-width-hyphen", mark=dash + dash_space)
            )
        return mistake(column, "input.full-width-hyphen", text("input.full-width-hyphen", mark=dash))
    column += len(dash) + len(dash_space) + len(key)
    if before.strip(" "):  # a full-width space or a tab between the key and its colon
        return mistake(
            column + _first(before), "input.full-width-space-key", text("input.full-width-space-key", key=key)
        )
    column += len(before)
    if colon == "：":
        return mistake(column, "input.full-width-colon", text("input.full-width-colon", key=key))
    column += 1
    if after.strip(" "):  # a full-width space or a tab after the colon
        return mistake(
            column + _first(after), "input.full-width-space-key", text("input.full-width-space-key", key=key)
        )
    return None


def _first(spaces: str) -> int:
    return next(i for i, c in enumerate(spaces) if c in "\t\u3000")


def _intended_indent(number: int, lines: list[str]) -> str:
    """The indentation a line with tabs or full-width spaces meant: a child of the line before when that
    line opens a block (ends with ':'), else a sibling of it (inside a list item, its content)."""
    previous = next(
        (
            lines[i]
            for i in range(number - 1, -1, -1)
            if lines[i].strip(" \t\u3000") and not lines[i].lstrip().startswith("#")
        ),
        None,
    )
    if previous is None:
        return ""
    width = len(previous) - len(previous.lstrip(" "))
    body = previous[width:]
    match = _LINE.match(previous)
    if match and not match["rest"].strip():
        # The line before opens a block: a child, indented like the children that follow if any.
        for later in lines[number + 1 :]:
            later_width = len(later) - len(later.lstrip(" "))
            if later.strip() and later_width > width and later[later_width : later_width + 1] not in ("\t", "\u3000"):
                return " " * later_width
            if later.strip():
                break
        extra = 2 + (2 if body.startswith("- ") else 0)
        return " " * (width + extra)
    current = lines[number].lstrip(" \t\u3000")
    if body.startswith("- ") and current[:1] not in ("-", *_HYPHENS):
        return " " * (width + 2)  # the next key of the same list item
    return " " * width


def apply_line_fixes(source: str, mistakes: list[LineMistake]) -> str:
    lines = source.split("\n")
    for mistake in mistakes:
        lines[mistake.line - 1] = mistake.new
    return "\n".join(lines)


def _code(value: str) -> str:
    return f"`{value}`"


# ------------------------------------------------------------------------------------ value mistakes


@dataclass(frozen=True)
class Suggestion:
    rule: str  # the rule the problem is reported under
    message: Text
    value: Any  # what the provider meant


# Japanese punctuation and full-width forms that do not belong in a URL.
_URL_TRAILING = "。、，．」』）】〕　 "
_URL_LEADING = "「『（【〔　 "
# Japanese punctuation, full-width forms and spaces: never meant inside a URL.
JAPANESE_IN_URL = re.compile("[。、，．「」『』（）【】〔〕\u3000\uff01-\uff5e]")
_QUOTES = "\"'“”„‟‘’‚‛＂＇「」『』"
_ERAS = {"令和": 2018, "R": 2018, "平成": 1988, "H": 1988, "昭和": 1925, "S": 1925, "大正": 1911, "T": 1911}
_ERA_DATE = re.compile(
    r"^(?P<era>令和|平成|昭和|大正|[RHST])\s*(?P<year>\d{1,2}|元)\s*[年./-]\s*(?P<month>\d{1,2})\s*[月./-]\s*"
    r"(?P<day>\d{1,2})\s*日?$",
    re.IGNORECASE,
)
_WESTERN_DATE = re.compile(r"^(?P<year>\d{4})\s*[年./-]\s*(?P<month>\d{1,2})\s*[月./-]\s*(?P<day>\d{1,2})\s*日?$")
_NUMBER_WITH_WORDS = re.compile(
    r"^(?:約|およそ|概ね|おおむね|about|approx\.?|ca\.?|¥|￥)?\s*(?P<number>[0-9][0-9,]*(?:\.[0-9]+)?)\s*"
    r"(?P<unit>[^\d\s.,~〜～-][^\d~〜～-]*?)?\s*$",
    re.IGNORECASE,
)
# Units that fit each numeric field; a number with another unit is not what the field means.
UNITS = {
    "hours": {"時間", "時間程度", "h", "hr", "hrs", "hour", "hours", "時間以上", "時間相当"},
    "weeks": {"週", "週間", "week", "weeks", "週程度"},
    "ects": {"ects", "単位", "ects単位", "credits", "credit"},
    "value": {"単位", "credits", "credit"},
    "amount": {"円", "yen", "jpy", "円（税込）", "円(税込)", "円税込"},
    "capacity": {"名", "人", "名程度", "人程度", "people", "learners", "名まで"},
}


MINUTES = {"分", "分間", "min", "mins", "minutes"}


def normalize(value: str) -> str:
    """NFKC (full-width letters, digits and symbols to their usual forms; half-width kana to full-width),
    without the spaces around."""
    return unicodedata.normalize("NFKC", value).strip()


def katakana(value: str) -> str:
    """Hiragana to katakana, half-width kana to full-width; full-width spaces kept as typed."""
    return "".join(
        chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c
        for c in unicodedata.normalize("NFKC", value.replace("\u3000", "\0")).replace("\0", "\u3000").strip()
    )


def japanese_date(value: str) -> date | str | None:
    """An ISO date from a date in Japanese style; "invalid" when it names no day of the calendar."""
    value = normalize(value)
    match = _ERA_DATE.match(value)
    if match:
        era = match["era"].upper() if len(match["era"]) == 1 else match["era"]
        year = 1 if match["year"] == "元" else int(match["year"])
        year += _ERAS[era]
    else:
        match = _WESTERN_DATE.match(value)
        if not match:
            return None
        year = int(match["year"])
    try:
        return date(year, int(match["month"]), int(match["day"]))
    except ValueError:
        return "invalid"


def suggest_value(
    field: Any,
    value: Any,
    is_valid: Callable[[Any], bool],
    *,
    vocabulary: Vocabulary | None = None,
    field_name: str = "",
) -> Suggestion | None:
    """What a refused value meant, when exactly that reading of it is valid here.

    `is_valid` checks a candidate against the part of the schema that refused the value; `field` is
    the FieldRef the message names; `field_name` the last key of its path (which units fit).
    """
    if not isinstance(value, str):
        return None
    normal = normalize(value)
    unquoted = normal.strip(_QUOTES).strip()
    full_width = normal != value.strip()  # NFKC changed something: full-width letters, digits, symbols
    quoted = unquoted != normal  # quotes that are part of the value (YAML's own quotes are gone by now)

    def found(rule: str, candidate: Any, key: str | None = None, **params: Any) -> Suggestion:
        return Suggestion(rule, text(key or rule, field=field, value=Shown(value), **params), candidate)

    for number in _numbers(unquoted, field_name):
        if not is_valid(number):
            continue
        if quoted:
            return found("input.full-width-quote", number)
        if _PLAIN_NUMBER.fullmatch(unquoted):
            return found("input.full-width", number) if full_width else None  # "30": the schema's message
        if _PLAIN_NUMBER.fullmatch(unquoted.replace(",", "")):  # 22,000
            return found("input.full-width" if full_width else "input.separators", number)
        written = _NUMBER_WITH_WORDS.match(unquoted)
        if written and (written["unit"] or "").strip().lower() in MINUTES:
            return found("input.units", number, key="input.minutes")
        return found("input.units", number)
    parsed = japanese_date(unquoted)
    if parsed == "invalid":
        return found("input.japanese-date", None, key="input.japanese-date-invalid")
    if isinstance(parsed, date) and is_valid(parsed.isoformat()):
        if parsed.isoformat() == unquoted:
            return found("input.full-width-quote" if quoted else "input.full-width", unquoted)
        return found("input.japanese-date", parsed.isoformat())
    if re.search("[\u3041-\u3096\uff66-\uff9f]", value):  # hiragana or half-width katakana
        reading = katakana(value)
        if reading != value and is_valid(reading):
            return found("input.hiragana", reading)
    if quoted or full_width:
        for candidate in (unquoted, unquoted.lower()):
            if is_valid(candidate):
                return found("input.full-width-quote" if quoted else "input.full-width", candidate)
    if JAPANESE_IN_URL.search(value) and normal.lower().startswith("http"):
        candidate = url_without_japanese(value)
        if candidate != value and is_valid(candidate):
            chars = Listing(tuple(Shown(c) for c in dict.fromkeys(JAPANESE_IN_URL.findall(value))))
            return found("input.url-characters", candidate, chars=chars)
    if vocabulary is not None:
        code = code_for_label(vocabulary, value)
        if code is not None and is_valid(code):
            label = Label(vocabulary.label(code, "ja"), vocabulary.label(code, "en"))
            return found("input.label-for-code", code, code=Shown(code), label=label)
    return None


_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def _numbers(value: str, field_name: str) -> list[int | float]:
    """The number a text means: `３０`, `30時間`, `約40 hours`, `33,000円`, `"30"`."""
    match = _NUMBER_WITH_WORDS.match(value)
    if not match:
        return []
    digits = match["number"].replace(",", "")
    if "," in match["number"] and not re.fullmatch(r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?", match["number"]):
        return []
    unit = (match["unit"] or "").strip().lower()
    number: int | float = float(digits) if "." in digits else int(digits)
    if field_name == "hours" and unit in MINUTES:  # 90分 -> 1.5 hours
        hours = number / 60
        return [int(hours) if hours == int(hours) else round(hours, 2)] if round(hours, 2) == hours else []
    if unit and unit not in UNITS.get(field_name, set()):
        return []
    return [number]


def _number_text(value: int | float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def url_without_japanese(value: str) -> str:
    """A URL with the Japanese punctuation around it dropped and full-width forms made half-width;
    an ideographic full stop inside the host becomes a dot (as IDNA reads it)."""
    value = value.strip(_URL_TRAILING).lstrip(_URL_LEADING)
    value = unicodedata.normalize("NFKC", value)
    scheme, sep, rest = value.partition("://")
    host, slash, path = rest.partition("/")
    return scheme + sep + host.replace("。", ".").replace("、", ".") + slash + path


def code_for_label(vocabulary: Vocabulary, value: str) -> str | None:
    """The code whose Japanese or English label (or a common other name) is the value: ハイブリッド -> blended."""
    wanted = _label_key(value)
    if not wanted:
        return None
    matches = {
        term.code
        for term in vocabulary.terms.values()
        for name in (*term.label.values(), *term.aliases, term.code)
        if wanted in (_label_key(name), _label_key(re.sub(r"[（(].*?[)）]", "", name)))
    }
    return matches.pop() if len(matches) == 1 else None


def _label_key(name: str) -> str:
    return re.sub(r"[\s・･_\-]+", "", katakana(name).casefold())


# ---------------------------------------------------------------------------------- writing values


def yaml_scalar(value: Any, like: str = "") -> str:
    """A value as YAML text that reads back as exactly that value; text is quoted when the original
    was quoted or when YAML would read it as something else (a number, a date, true)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _number_text(value)
    quoted = f'"{value}"' if '"' not in value and "\\" not in value else None
    if like[:1] in ("'", '"') and quoted:
        return quoted
    try:
        loaded = yaml.safe_load(f"k: {value}")
    except yaml.YAMLError:
        loaded = None
    if isinstance(loaded, dict) and loaded.get("k") == value and not re.match(r"\d{4}-\d{2}-\d{2}\Z", value):
        return value
    return quoted or yaml.safe_dump(value, allow_unicode=True).splitlines()[0]
