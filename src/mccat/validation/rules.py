"""Catalogue rules that JSON Schema cannot express."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mccat.model.conformance import Element, Framework, missing_in_program
from mccat.model.countries import is_country
from mccat.model.decisions import Decision, decision_number, replay
from mccat.model.identifiers import CORPORATE_NUMBER, corporate_number_check_digit
from mccat.model.schema import load_schema, optional_language_paths
from mccat.model.vocabulary import vocabularies
from mccat.validation.hidden import HIDDEN_CHARACTER
from mccat.validation.keyboard import JAPANESE_IN_URL, url_without_japanese, yaml_scalar
from mccat.validation.messages import Choices, ElementRef, FieldRef, Label, Listing, Shown, Text, text, word
from mccat.validation.problems import Fix, Problem
from mccat.validation.source import SourceDocument, as_list, load_yaml

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
# Longest provider id and slug (the schema's `slug`): every file name made from them (page folders,
# programs/<provider>/<slug>.achievement.ja.json, its temporary name while written) fits in 255 bytes with room.
MAX_ID_LENGTH: int = load_schema("program")["$defs"]["slug"]["maxLength"]
# Stacking links: at most MAX_STACKS_INTO per program (the schema's maxItems) and MAX_STACKED_FROM into one
# program, so that pages and API files, which list both ends of every link, grow linearly with the catalogue.
MAX_STACKS_INTO: int = load_schema("program")["properties"]["stackability"]["properties"]["stacks_into"]["maxItems"]
MAX_STACKED_FROM = 50
PLAUSIBLE_MIN_HOURS = 10
PLAUSIBLE_MAX_DAYS = 366  # "under a year"; one leap day of slack
RISHU_SHOMEI_MIN_HOURS = (
    60  # School Education Act, Art. 105 and its ordinance: a certificate program is 60 hours or more
)
# Who may run a 履修証明プログラム or a Brush-up Program: universities, junior colleges, colleges of technology
# and specialised training colleges (School Education Act, Art. 105, 123 and 133).
SCHOOL_PROVIDER_TYPES = ("university", "junior_college", "college_of_technology", "vocational_school")
JAPAN_ONLY = ("prefecture", "corporate_number", "school_code")  # provider fields of Japanese registers

# The URL fields (schema `https_url`), and what their host may be: ASCII names only.
URL_PATHS = {
    "program": (("url",), ("stackability", "stacks_into_external", "*", "url")),
    "provider": (("url",), ("contact", "url")),
    "decision": (("evidence", "*", "url"),),
}
_ASCII_HOST = re.compile(r"[A-Za-z0-9.-]+(?::[0-9]+)?")

INVISIBLE_CHARACTER = HIDDEN_CHARACTER  # the one definition: mccat.validation.hidden

# Names a reader recognises a program or provider by: a lookalike letter there can pass one off as another.
NAME_PATHS = {
    "program": (("title", "ja"), ("title", "en")),
    "provider": (("name", "ja"), ("name", "en")),
    "decision": tuple(("records", "*", name, lang) for name in ("title", "provider_name") for lang in ("ja", "en")),
}
# Letters that look like Latin ones: inside a Latin word they disguise it ("Dаta" with a Cyrillic а).
_LOOKALIKE_SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "FULLWIDTH LATIN", "MATHEMATICAL")
# A run of letters; kana and kanji end a word, since Japanese text has no spaces ("Python入門とβ版" is
# three words: Python, β, and nothing Latin around the β).
_WORD = re.compile(r"[^\W\d_\u3005\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]+")
_ASCII_LETTER = re.compile("[A-Za-z]")
# Greek and Cyrillic letters drawn like Latin ones: a word made of these alone, in a text that has Latin letters,
# reads as a Latin word ("ΑΙ" is Greek Alpha and Iota, "Тесһ" Cyrillic). Greek words of other letters (β版,
# α-helix, Ω) are left alone.
_LATIN_LOOKING = frozenset(
    "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοϳ"  # Greek
    "АВЕЅІЈКМНОРСТУХҮԚԜаеѕіјорсухһԁԛԝүӏ"  # Cyrillic
)


def _character(char: str) -> dict[str, Any]:
    """How a message names one character: itself (shown safely), its code point and its Unicode name."""
    return {"char": Shown(char), "code": f"{ord(char):04X}", "name": unicodedata.name(char, "")}


def _letter_script(char: str) -> str:
    name = unicodedata.name(char, "")
    return next((s for s in ("LATIN", *_LOOKALIKE_SCRIPTS) if name.startswith(s)), "OTHER")


def lookalike_letters(text: str) -> list[tuple[int, str]]:
    """Letters that disguise a word: (position, letter) for each letter of a lookalike script inside a
    word that also has ASCII letters, every letter of a word written wholly in Greek or Cyrillic letters
    that look Latin in a text with Latin words ("ΑΙ and ΙοΤ"), and every mathematical letter (𝐃𝐚𝐭𝐚)."""
    found = []
    latin_text = _ASCII_LETTER.search(text) is not None
    for match in _WORD.finditer(text):
        letters = match.group()
        if letters.isascii():
            continue
        latin = _ASCII_LETTER.search(letters) is not None or (latin_text and set(letters) <= _LATIN_LOOKING)
        for offset, char in enumerate(letters):
            if char.isascii():
                continue
            script = _letter_script(char)
            if script == "MATHEMATICAL" or (latin and script in _LOOKALIKE_SCRIPTS):
                found.append((match.start() + offset, char))
    return found


@dataclass
class Entry:
    """A catalogue file whose YAML parsed: what it is, its data, and (while checking) its positions."""

    kind: str  # "program", "provider" or "decision"
    id: str
    file: str
    data: dict[str, Any]
    doc: SourceDocument | None = None
    schema_valid: bool = True

    def source(self) -> SourceDocument:
        """The positions of every value, re-read from disk if they were dropped for transport."""
        return self.doc if self.doc is not None else load_yaml(Path(self.file), self.file)


def _problem(
    doc: SourceDocument,
    path: tuple,
    rule: str,
    message: Text,
    hint: Text | None,
    severity: str = "error",
    key: bool = False,
    fix: Fix | None = None,
) -> Problem:
    line, column = doc.position(path, key=key)
    return Problem(doc.file, line, column, rule, message, hint, severity, fix)  # type: ignore[arg-type]


def _field(kind: str, path: tuple) -> FieldRef:
    return FieldRef(kind, tuple(path))


def _strings(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str, bool]]:
    """Every string in a document (keys too), with its path and whether it is a key."""
    if isinstance(value, str):
        yield path, value, False
    elif isinstance(value, dict):
        for key, item in value.items():
            yield path + (key,), str(key), True
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, path + (index,))


def invisible_characters(doc: SourceDocument, content: str | None = None, kind: str = "") -> Iterator[Problem]:
    """Find invisible characters; with the file's text, skip the walk when it has none."""
    # One search over the raw file finds nothing in most files; but a double-quoted YAML string can spell
    # any character as an escape ("\e", "\u200b", "\N"), so a file with a backslash is always walked.
    if content is not None and "\\" not in content:
        found = INVISIBLE_CHARACTER.search(content)
        if found is None or (found.group() == "\r" and not INVISIBLE_CHARACTER.search(content.replace("\r\n", "\n"))):
            return
    for path, value, is_key in _strings(doc.data):
        match = INVISIBLE_CHARACTER.search(value)
        if match:
            char = match.group()
            name = unicodedata.name(char, "CONTROL CHARACTER")
            yield _problem(
                doc,
                path,
                "text.invisible-character",
                text(
                    "text.invisible-character",
                    field=_field(kind, path),
                    code=f"{ord(char):04X}",
                    name=name,
                    position=match.start() + 1,
                ),
                text("hint.invisible"),
                key=is_key,
            )


def name_lookalikes(doc: SourceDocument, data: Any, kind: str) -> Iterator[Problem]:
    """Titles and names with lookalike letters (mixed into a Latin word, or mathematical letters)."""
    for pattern in NAME_PATHS[kind]:
        for path, name in _expand(data, pattern, ()):
            if not isinstance(name, str) or name.isascii() or not (found := lookalike_letters(name)):
                continue
            position, char = found[0]
            found_word = next(w.group() for w in _WORD.finditer(name) if w.start() <= position < w.end())
            yield _problem(
                doc,
                path,
                "text.lookalike-letter",
                text(
                    "text.lookalike-letter",
                    field=_field(kind, path),
                    **_character(char),
                    word=Shown(found_word),
                    position=position + 1,
                ),
                text("hint.lookalike"),
            )


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_AUTHORITY_END = re.compile(r"[/?#]")


def _parse_date(
    doc: SourceDocument, path: tuple, value: Any, problems: list[Problem], kind: str = "program"
) -> date | None:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None  # the schema reports the format
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(
            _problem(
                doc,
                path,
                "date.invalid",
                text("date.invalid", field=_field(kind, path), value=Shown(value)),
                text("hint.month-day"),
            )
        )
        return None


def program_rules(entry: Entry, provider_ids: set[str], program_ids: set[str], today: date) -> list[Problem]:
    """Rules for one program file; cross-file checks use the sets of known ids."""
    doc, data, problems = entry.source(), entry.data, []
    folder, slug = entry.id.split("/", 1)
    if not ID_PATTERN.match(slug):
        problems.append(
            _problem(
                doc,
                (),
                "id.file-name",
                text("id.file-name.program", name=Shown(f"{slug}.yaml")),
                text("hint.rename-id", name=f"{suggest_id(slug)}.yaml"),
                fix=Fix(1, 1, f"{slug}.yaml", f"{suggest_id(slug)}.yaml", rename=True),
            )
        )
    problems += _id_length(doc, slug, "id.too-long.file-program")
    problems += _id_length(doc, folder, "id.too-long.folder")
    if not ID_PATTERN.match(folder):
        problems.append(
            _problem(
                doc,
                (),
                "id.folder-name",
                text("id.folder-name", folder=Shown(folder)),
                text("hint.rename-folder", name=suggest_id(folder)),
            )
        )
    provider = data.get("provider")
    if isinstance(provider, str) and ID_PATTERN.match(provider):  # else the schema says what is wrong
        if provider != folder:
            problems.append(
                _problem(
                    doc,
                    ("provider",),
                    "provider.folder",
                    text(
                        "provider.folder",
                        field=_field("program", ("provider",)),
                        provider=Shown(provider),
                        folder=Shown(folder),
                    ),
                    text("hint.provider-folder", folder=folder, provider=provider),
                )
            )
        elif folder not in provider_ids:
            problems.append(
                _problem(
                    doc,
                    ("provider",),
                    "provider.unknown",
                    text("provider.unknown", provider=Shown(provider)),
                    text("hint.add-provider", provider=provider),
                )
            )
    problems += _stacking(entry, program_ids)
    problems += _dates(doc, data, today)
    problems += _delivery(doc, data)
    if entry.schema_valid:  # where the schema already failed, its errors say more
        problems += _languages(doc, data, "program")
    problems += _plausibility(doc, data)
    problems += _designations(doc, data, today)
    problems += _keywords(doc, data)
    problems += url_hosts(doc, data, "program")
    problems += name_lookalikes(doc, data, "program")
    return problems


def conformance_notes(doc: SourceDocument, data: dict[str, Any]) -> list[Problem]:
    """Information, not errors: what the frameworks ask for that the program does not state yet, named
    as the program page's conformance table names it, so a provider can complete it before review."""
    line, column = doc.position(())
    return [
        Problem(doc.file, line, column, "conformance.missing", *_conformance_texts(element, frameworks), "info")
        for element, frameworks in missing_in_program(data)
    ]


_CONFORMANCE_TEXTS: dict[tuple[str, ...], tuple[Text, Text]] = {}  # bounded: elements and frameworks are code


def _conformance_texts(element: Element, frameworks: tuple[Framework, ...]) -> tuple[Text, Text]:
    """A note's message and hint: the same few for thousands of programs, so made once, and the notes share
    them (smaller to send back from a worker process, and a report renders each once)."""
    key = (element.key, *(f.key for f in frameworks))
    texts = _CONFORMANCE_TEXTS.get(key)
    if texts is None:
        texts = _CONFORMANCE_TEXTS[key] = (
            text(
                "conformance.missing",
                element=ElementRef(frameworks[0].key, element.key),
                frameworks=Listing(tuple(Label(f.name["ja"], f.name["en"]) for f in frameworks)),
            ),
            text("hint.conformance"),
        )
    return texts


def provider_rules(entry: Entry) -> list[Problem]:
    doc, problems = entry.source(), []
    if not ID_PATTERN.match(entry.id):
        problems.append(
            _problem(
                doc,
                (),
                "id.file-name",
                text("id.file-name.provider", name=Shown(f"{entry.id}.yaml")),
                text("hint.rename-id", name=f"{suggest_id(entry.id)}.yaml"),
                fix=Fix(1, 1, f"{entry.id}.yaml", f"{suggest_id(entry.id)}.yaml", rename=True),
            )
        )
    problems += _id_length(doc, entry.id, "id.too-long.file-provider")
    if entry.schema_valid:
        problems += _languages(doc, entry.data, "provider")
    problems += _japanese_identifiers(doc, entry.data)
    problems += url_hosts(doc, entry.data, "provider")
    problems += name_lookalikes(doc, entry.data, "provider")
    return problems


def _id_length(doc: SourceDocument, part: str, message: str) -> list[Problem]:
    if len(part) <= MAX_ID_LENGTH:
        return []
    return [
        _problem(
            doc,
            (),
            "id.too-long",
            text(message, name=Shown(part[:24] + "…"), length=len(part), max=MAX_ID_LENGTH),
            text("hint.id-too-long"),
        )
    ]


def _japanese_identifiers(doc: SourceDocument, data: dict) -> list[Problem]:
    """The country is a country; Japanese registers' numbers belong to providers in Japan; a corporate number's
    check digit holds."""
    problems = []
    country = data.get("country")
    if isinstance(country, str) and re.fullmatch("[A-Z]{2}", country) and not is_country(country):
        problems.append(
            _problem(
                doc,
                ("country",),
                "provider.country",
                text("provider.country", field=_field("provider", ("country",)), value=Shown(country)),
                text("hint.country-code"),
            )
        )
    elif isinstance(country, str) and country != "JP":
        for key in JAPAN_ONLY:
            if key in data:
                problems.append(
                    _problem(
                        doc,
                        (key,),
                        "provider.japan-only",
                        text(
                            "provider.japan-only",
                            field=_field("provider", (key,)),
                            country_field=_field("provider", ("country",)),
                            country=Shown(country),
                        ),
                        text("hint.japan-only"),
                    )
                )
    number = data.get("corporate_number")
    if isinstance(number, str) and CORPORATE_NUMBER.match(number):
        expected = corporate_number_check_digit(number[1:])
        if int(number[0]) != expected:
            problems.append(
                _problem(
                    doc,
                    ("corporate_number",),
                    "provider.corporate-number",
                    text(
                        "provider.corporate-number",
                        field=_field("provider", ("corporate_number",)),
                        number=Shown(number),
                        expected=expected,
                        digits=number[1:],
                    ),
                    text("hint.corporate-number"),
                )
            )
    return problems


def _designations(doc: SourceDocument, data: dict, today: date) -> list[Problem]:
    """履修証明 needs 60 hours; a benefit designation's period runs forwards and is still current."""
    problems: list[Problem] = []
    designations = data.get("designations")
    if not isinstance(designations, dict):
        return problems
    effort = data.get("effort")
    hours = effort.get("hours") if isinstance(effort, dict) else None
    if (
        designations.get("rishu_shomei") is True
        and isinstance(hours, (int, float))
        and not isinstance(hours, bool)
        and hours < RISHU_SHOMEI_MIN_HOURS
    ):
        problems.append(
            _problem(
                doc,
                ("designations", "rishu_shomei"),
                "designation.hours",
                text(
                    "designation.hours",
                    field=_field("program", ("effort", "hours")),
                    hours=f"{hours:g}",
                    min=RISHU_SHOMEI_MIN_HOURS,
                ),
                text("hint.designation-hours"),
            )
        )
    benefit = designations.get("training_benefit")
    if isinstance(benefit, dict):
        path = ("designations", "training_benefit")
        start = _parse_date(doc, path + ("valid_from",), benefit.get("valid_from"), problems)
        end = _parse_date(doc, path + ("valid_until",), benefit.get("valid_until"), problems)
        if start and end and start > end:
            problems.append(
                _problem(
                    doc,
                    path + ("valid_until",),
                    "date.order",
                    text(
                        "date.order.designation",
                        until_field=_field("program", path + ("valid_until",)),
                        until=end,
                        from_field=_field("program", path + ("valid_from",)),
                        start=start,
                    ),
                    text("hint.designation-dates"),
                )
            )
        elif end and end < today:
            problems.append(
                _problem(
                    doc,
                    path + ("valid_until",),
                    "designation.expired",
                    text("designation.expired", date=end),
                    text("hint.designation-expired"),
                    "warning",
                )
            )
    return problems


def designation_providers(entries: Iterable[Entry]) -> list[Problem]:
    """履修証明 and BP programs belong to schools (a cross-file check: the provider's type decides)."""
    types = {e.id: e.data.get("type") for e in entries if e.kind == "provider"}
    problems = []
    for entry in entries:
        designations = entry.data.get("designations") if entry.kind == "program" else None
        if not isinstance(designations, dict):
            continue
        kind = types.get(entry.id.split("/", 1)[0])
        if not isinstance(kind, str) or kind in SCHOOL_PROVIDER_TYPES:
            continue
        for key in ("rishu_shomei", "brush_up_program"):
            if designations.get(key) not in (None, False):
                problems.append(
                    _problem(
                        entry.source(),
                        ("designations", key),
                        "designation.provider-type",
                        text(
                            "designation.provider-type",
                            field=_field("program", ("designations", key)),
                            type=Label(
                                vocabularies()["provider_type"].label(kind, "ja"),
                                vocabularies()["provider_type"].label(kind, "en"),
                            ),
                        ),
                        text("hint.designation-provider-type"),
                    )
                )
    return problems


def duplicate_ctids(entries: Iterable[Entry]) -> list[Problem]:
    """A CTID names one record: every file after the first that repeats one is refused."""
    first: dict[str, Entry] = {}
    problems = []
    for entry in sorted(entries, key=lambda e: (e.kind != "provider", e.id)):
        ctid = entry.data.get("ctid")
        if not isinstance(ctid, str):
            continue
        if ctid in first:
            other = first[ctid]
            problems.append(
                _problem(
                    entry.source(),
                    ("ctid",),
                    "id.duplicate-ctid",
                    text(
                        "id.duplicate-ctid",
                        field=_field(entry.kind, ("ctid",)),
                        ctid=Shown(ctid),
                        other=word(f"kind.{other.kind}"),
                        id=Shown(other.id),
                        file=other.file,
                    ),
                    text("hint.duplicate-ctid"),
                )
            )
        else:
            first[ctid] = entry
    return problems


# Katakana and kanji (and one hiragana) drawn alike: a new provider named 架空エ業高等専門学校 (katakana エ) reads
# as 架空工業高等専門学校 (kanji 工) on every page and in the diff.
_JAPANESE_TWINS = str.maketrans("エカロニートタハヘ〇", "工力口二一卜夕八へ○")
_NOT_READ = re.compile(r"[\s・･.,、。\-‐－]+")


def _name_skeleton(name: str) -> str:
    """What a reader tells a name by: no width, case, spacing or punctuation, lookalike kana as kanji."""
    return _NOT_READ.sub("", unicodedata.normalize("NFKC", name).casefold()).translate(_JAPANESE_TWINS)


def provider_name_twins(entries: Iterable[Entry]) -> list[Problem]:
    """No provider may be named like another: the same name, or one a reader cannot tell from it (other
    width, case or spacing, katakana エ for the kanji 工). Every provider of such a pair is refused, each naming
    the other: the files alone cannot tell which one came first (a new provider's id may sort before)."""
    named: dict[tuple[str, str], list[Entry]] = {}
    for entry in sorted((e for e in entries if e.kind == "provider"), key=lambda e: e.id):
        names = entry.data.get("name")
        for lang in ("ja", "en"):
            name = names.get(lang) if isinstance(names, dict) else None
            if isinstance(name, str) and (skeleton := _name_skeleton(name)):
                named.setdefault((lang, skeleton), []).append(entry)
    problems = []
    for (lang, _), twins in named.items():
        for entry in twins if len(twins) > 1 else ():
            other = next(twin for twin in twins if twin is not entry)
            message = text(
                "provider.name-twin",
                field=_field("provider", ("name", lang)),
                name=Shown(entry.data["name"][lang]),
                id=Shown(other.id),
                file=other.file,
            )
            hint = text("hint.name-twin")
            problems.append(_problem(entry.source(), ("name", lang), "provider.name-twin", message, hint))
    return problems


def url_hosts(doc: SourceDocument, data: Any, kind: str) -> list[Problem]:
    """A link goes where a reviewer reads it goes: no lookalike letters in the host (Cyrillic `а` for
    Latin `a`, fullwidth `ｅ`), no `user@` before it, no backslash (browsers read it as `/`)."""
    problems = []
    for pattern in URL_PATHS[kind]:
        for path, url in _expand(data, pattern, ()):
            if not isinstance(url, str) or not url.startswith("https://"):
                continue  # the schema reports it
            authority = _AUTHORITY_END.split(url[len("https://") :], maxsplit=1)[0]
            if JAPANESE_IN_URL.search(url):
                meant = url_without_japanese(url)
                source = doc.source_of(path)
                fix = Fix(source[0], source[1], source[2], yaml_scalar(meant, source[2])) if source else None
                problems.append(
                    _problem(
                        doc,
                        path,
                        "input.url-characters",
                        text(
                            "input.url-characters",
                            field=_field(kind, path),
                            value=Shown(url, whole=True),
                            chars=Listing(tuple(Shown(c) for c in dict.fromkeys(JAPANESE_IN_URL.findall(url)))),
                        ),
                        text("hint.replace", old=Shown(fix.old, whole=True), new=Shown(fix.new, whole=True))
                        if fix
                        else text("hint.host-path"),
                        fix=fix,
                    )
                )
            elif "\\" in authority:
                problems.append(
                    _problem(
                        doc,
                        path,
                        "url.host",
                        text("url.backslash", field=_field(kind, path), authority=Shown(authority)),
                        text("hint.host-path"),
                    )
                )
            elif "@" in authority:
                problems.append(
                    _problem(
                        doc,
                        path,
                        "url.host",
                        text(
                            "url.user-info",
                            field=_field(kind, path),
                            authority=Shown(authority),
                            host=Shown(authority.rsplit("@", 1)[1]),
                        ),
                        text("hint.no-user-info"),
                    )
                )
            elif not _ASCII_HOST.fullmatch(authority):
                odd = next((c for c in authority if not c.isascii()), None)
                if odd is None:
                    continue  # other malformed hosts: the browser refuses them, nothing is hidden
                problems.append(
                    _problem(
                        doc,
                        path,
                        "url.host",
                        text(
                            "url.non-ascii-host",
                            field=_field(kind, path),
                            **_character(odd),
                            host=Shown(authority),
                        ),
                        _ascii_host_hint(authority),
                    )
                )
    return problems


def _ascii_host_hint(host: str) -> Text:
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return text("hint.ascii-host")
    if "xn--" in ascii_host:
        return text("hint.ascii-host-idna", ascii=Shown(ascii_host))
    return text("hint.replace", old=Shown(host), new=Shown(ascii_host))


def suggest_id(name: str) -> str:
    """A valid id close to a name: 'Care_Data' -> 'care-data'."""
    suggestion = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return suggestion or "my-program"


def _stacking(entry: Entry, program_ids: set[str]) -> list[Problem]:
    doc, problems = entry.source(), list[Problem]()
    stack = entry.data.get("stackability")
    if not isinstance(stack, dict):
        return problems
    targets = as_list(stack.get("stacks_into"))
    if stack.get("stackable") is False and (targets or stack.get("stacks_into_external")):
        problems.append(
            _problem(
                doc,
                ("stackability", "stackable"),
                "stacking.incoherent",
                text("stacking.incoherent", field=_field("program", ("stackability", "stackable"))),
                text("hint.stackable"),
            )
        )
    for index, target in enumerate(targets):
        if not isinstance(target, str):
            continue
        if target == entry.id:
            problems.append(
                _problem(
                    doc,
                    ("stackability", "stacks_into", index),
                    "stacking.self",
                    text("stacking.self"),
                    text("hint.remove-self"),
                )
            )
        elif target not in program_ids and ID_PATTERN.match(target.replace("/", "-")):
            problems.append(
                _problem(
                    doc,
                    ("stackability", "stacks_into", index),
                    "stacking.unknown",
                    text(
                        "stacking.unknown",
                        field=_field("program", ("stackability", "stacks_into")),
                        target=Shown(target),
                    ),
                    text("hint.check-program-id", target=target),
                )
            )
    return problems


def stacking_fan_in(entries: Iterable[Entry]) -> list[Problem]:
    """At most MAX_STACKED_FROM programs stack into one: the links past the limit (in id order) are errors."""
    sources: dict[str, list[tuple[str, Entry, int]]] = {}
    for entry in entries:
        stack = entry.data.get("stackability")
        targets = stack.get("stacks_into") if isinstance(stack, dict) else None
        for index, target in enumerate(targets if isinstance(targets, list) else []):
            if isinstance(target, str):
                sources.setdefault(target, []).append((entry.id, entry, index))
    problems = []
    for target, links in sorted(sources.items()):
        if len(links) <= MAX_STACKED_FROM:
            continue
        for _, entry, index in sorted(links, key=lambda link: link[0])[MAX_STACKED_FROM:]:
            problems.append(
                _problem(
                    entry.source(),
                    ("stackability", "stacks_into", index),
                    "stacking.fan-in",
                    text("stacking.fan-in", count=len(links), target=Shown(target), max=MAX_STACKED_FROM),
                    text("hint.fan-in"),
                )
            )
    return problems


def stacking_cycles(entries: Iterable[Entry]) -> list[Problem]:
    """One problem per cycle in the stacks_into graph, reported on its first member."""
    graph: dict[str, list[str]] = {}
    by_id: dict[str, Entry] = {}
    for entry in entries:
        stack = entry.data.get("stackability")
        targets = stack.get("stacks_into") if isinstance(stack, dict) else None
        graph[entry.id] = [t for t in targets if isinstance(t, str)] if isinstance(targets, list) else []
        by_id[entry.id] = entry
    problems: list[Problem] = []
    state: dict[str, int] = {}  # 1 visiting, 2 done
    for start in sorted(graph):
        if state.get(start):
            continue
        stack = [(start, iter(graph[start]))]
        trail = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                trail.pop()
            elif child in graph and child != node:
                if state.get(child) == 1:
                    cycle = trail[trail.index(child) :] + [child]
                    first = by_id[cycle[0]]
                    index = graph[cycle[0]].index(cycle[1])
                    problems.append(
                        _problem(
                            first.source(),
                            ("stackability", "stacks_into", index),
                            "stacking.cycle",
                            text("stacking.cycle", cycle=" → ".join(cycle)),
                            text("hint.cycle"),
                        )
                    )
                elif not state.get(child):
                    state[child] = 1
                    stack.append((child, iter(graph[child])))
                    trail.append(child)
    return problems


def _dates(doc: SourceDocument, data: dict, today: date) -> list[Problem]:
    problems: list[Problem] = []
    offerings = as_list(data.get("offerings"))
    for i, offering in enumerate(offerings):
        if not isinstance(offering, dict):
            continue
        start = _parse_date(doc, ("offerings", i, "start"), offering.get("start"), problems)
        end = _parse_date(doc, ("offerings", i, "end"), offering.get("end"), problems)
        deadline = _parse_date(
            doc, ("offerings", i, "application_deadline"), offering.get("application_deadline"), problems
        )
        if start and end and start > end:
            problems.append(
                _problem(
                    doc,
                    ("offerings", i, "end"),
                    "date.order",
                    text("date.order.end", field=_field("program", ("offerings", i, "end")), end=end, start=start),
                    text("hint.swap-dates"),
                )
            )
        if deadline and start and deadline > start:
            problems.append(
                _problem(
                    doc,
                    ("offerings", i, "application_deadline"),
                    "date.order",
                    text(
                        "date.order.deadline",
                        field=_field("program", ("offerings", i, "application_deadline")),
                        deadline=deadline,
                        start=start,
                    ),
                    text("hint.deadline"),
                )
            )
        if start and end and (end - start).days > PLAUSIBLE_MAX_DAYS:
            problems.append(
                _problem(
                    doc,
                    ("offerings", i, "end"),
                    "plausibility.too-long",
                    text(
                        "plausibility.too-long.offering",
                        field=_field("program", ("offerings", i)),
                        days=(end - start).days,
                    ),
                    text("hint.under-a-year-dates"),
                    "warning",
                )
            )
    return problems


def _delivery(doc: SourceDocument, data: dict) -> list[Problem]:
    delivery = data.get("delivery")
    if isinstance(delivery, dict) and delivery.get("mode") in ("onsite", "blended") and "location" not in delivery:
        return [
            _problem(
                doc,
                ("delivery",),
                "delivery.location",
                text(
                    "delivery.location",
                    mode_field=_field("program", ("delivery", "mode")),
                    mode=Choices("delivery_mode", (delivery["mode"],)),
                    location_field=_field("program", ("delivery", "location")),
                ),
                text("hint.location-text"),
            )
        ]
    return []


def _languages(doc: SourceDocument, data: Any, kind: str) -> list[Problem]:
    """Warn where an optional text has one language only: that page will fall back to the other."""
    problems = []
    for pattern in optional_language_paths(kind):
        for path, value in _expand(data, pattern, ()):
            if value.__class__ is dict and len(value) == 1:
                missing = "en" if "ja" in value else "ja"
                lang = word(f"lang.{missing}")
                problems.append(
                    _problem(
                        doc,
                        path,
                        "text.one-language",
                        text("text.one-language", field=_field(kind, path), lang=lang),
                        text("hint.add-language", key=missing, lang=lang),
                        "warning",
                    )
                )
    return sorted(problems, key=lambda p: p.sort_key)


def _expand(node: Any, pattern: tuple[str, ...], path: tuple) -> list[tuple[tuple, Any]]:
    """The values at a path pattern ('*' = every list item), with their concrete paths, in document order.
    One level at a time, without recursion: it runs for a dozen patterns on every file."""
    found = [(path, node)]
    for part in pattern:
        if part == "*":
            found = [
                (at + (index,), item)
                for at, value in found
                if value.__class__ is list
                for index, item in enumerate(value)
            ]
        else:
            found = [(at + (part,), value[part]) for at, value in found if value.__class__ is dict and part in value]
        if not found:
            break
    return found


def _plausibility(doc: SourceDocument, data: dict) -> list[Problem]:
    problems = []
    assessment = data.get("assessment")
    if isinstance(assessment, dict) and assessment.get("types") == []:
        problems.append(
            _problem(
                doc,
                ("assessment", "types"),
                "plausibility.no-assessment",
                text("plausibility.no-assessment"),
                text("hint.assessment"),
                "warning",
            )
        )
    effort = data.get("effort")
    if isinstance(effort, dict):
        hours = effort.get("hours")
        if isinstance(hours, (int, float)) and not isinstance(hours, bool) and 0 < hours < PLAUSIBLE_MIN_HOURS:
            problems.append(
                _problem(
                    doc,
                    ("effort", "hours"),
                    "plausibility.few-hours",
                    text(
                        "plausibility.few-hours",
                        field=_field("program", ("effort", "hours")),
                        hours=f"{hours:g}",
                        min=PLAUSIBLE_MIN_HOURS,
                    ),
                    text("hint.few-hours"),
                    "warning",
                )
            )
        weeks = effort.get("weeks")
        if isinstance(weeks, int) and not isinstance(weeks, bool) and weeks > 52:
            problems.append(
                _problem(
                    doc,
                    ("effort", "weeks"),
                    "plausibility.too-long",
                    text("plausibility.too-long.weeks", field=_field("program", ("effort", "weeks")), weeks=weeks),
                    text("hint.split"),
                    "warning",
                )
            )
    return problems


# ---------------------------------------------------------------- decisions

# What each kind of decision must say, and what it may not (valid_until, renamed_to, reason, records).
NEEDS_VALIDITY = ("approve", "renew")
NO_VALIDITY = ("suspend", "reinstate", "withdraw", "rename")
NEEDS_REASON = ("suspend", "withdraw")
NEEDS_RECORDS = ("withdraw", "rename")


def _decision_kind(kind: Any) -> Any:
    """A decision's kind as its label in the reader's language (the code itself when it is not one)."""
    vocabulary = vocabularies()["decision_kind"]
    if isinstance(kind, str) and kind in vocabulary.terms:
        return Label(vocabulary.label(kind, "ja"), vocabulary.label(kind, "en"))
    return Shown(kind)


def _refusal_texts(key: str, params: dict[str, Any]) -> tuple[Text, Text]:
    """Why the life cycle refuses a decision (mccat.model.lifecycle.Refusal), in the reader's language."""
    shown = {
        name: _decision_kind(value) if name == "kind" else (Shown(value) if name in ("program", "target") else value)
        for name, value in params.items()
    }
    hint = {name: value for name, value in shown.items() if name in ("successor",)}
    return text(key, **shown), text(f"hint.{key}", **hint)


def decision_rules(entry: Entry, committee: list[str] | None, today: date) -> list[Problem]:
    """Rules for one decision file; the life cycle across decisions is `decision_register_problems`."""
    doc, data, problems = entry.source(), entry.data, []
    if decision_number(entry.id) is None:
        problems.append(
            _problem(
                doc,
                (),
                "id.decision-file-name",
                text("id.decision-file-name", name=Shown(f"{entry.id}.yaml")),
                text("hint.decision-file-name"),
            )
        )
    kind = data.get("kind")
    decided = _parse_date(doc, ("date",), data.get("date"), problems, "decision")
    until = _parse_date(doc, ("valid_until",), data.get("valid_until"), problems, "decision")
    kind_label = _decision_kind(kind)
    if decided and decided > today:
        problems.append(
            _problem(
                doc,
                ("date",),
                "decision.future",
                text("decision.future", field=_field("decision", ("date",)), date=decided, today=today),
                text("hint.decision-future"),
            )
        )
    if decided and until and until <= decided:
        problems.append(
            _problem(
                doc,
                ("valid_until",),
                "decision.validity",
                text(
                    "decision.validity",
                    until_field=_field("decision", ("valid_until",)),
                    until=until,
                    date_field=_field("decision", ("date",)),
                    date=decided,
                ),
                text("hint.decision-validity"),
            )
        )
    if kind in NEEDS_VALIDITY and "valid_until" not in data:
        problems.append(
            _problem(
                doc,
                ("kind",),
                "decision.valid-until",
                text("decision.no-valid-until", kind=kind_label),
                text("hint.decision-add-valid-until"),
            )
        )
    if kind in NO_VALIDITY and "valid_until" in data:
        problems.append(
            _problem(
                doc,
                ("valid_until",),
                "decision.valid-until",
                text("decision.extra-valid-until", kind=kind_label),
                text("hint.decision-remove-valid-until"),
                key=True,
            )
        )
    if kind == "rename":
        if "renamed_to" not in data:
            problems.append(
                _problem(
                    doc,
                    ("kind",),
                    "decision.renamed-to",
                    text("decision.no-renamed-to"),
                    text("hint.decision-add-renamed-to"),
                )
            )
        programs = as_list(data.get("programs"))
        if len(programs) > 1:
            problems.append(
                _problem(
                    doc,
                    ("programs", 1),
                    "decision.rename-one",
                    text("decision.rename-one", count=len(programs)),
                    text("hint.decision-rename-one"),
                )
            )
    elif "renamed_to" in data:
        problems.append(
            _problem(
                doc,
                ("renamed_to",),
                "decision.renamed-to",
                text("decision.extra-renamed-to", kind=kind_label),
                text("hint.decision-remove-renamed-to"),
                key=True,
            )
        )
    if kind in NEEDS_REASON and "reason" not in data:
        problems.append(
            _problem(
                doc,
                ("kind",),
                "decision.reason",
                text("decision.no-reason", kind=kind_label),
                text("hint.decision-add-reason"),
            )
        )
    problems += _records(doc, data, kind)
    problems += _reviewers(doc, data, committee)
    if entry.schema_valid:
        problems += _languages(doc, data, "decision")
    problems += url_hosts(doc, data, "decision")
    problems += name_lookalikes(doc, data, "decision")
    return problems


def _records(doc: SourceDocument, data: dict, kind: Any) -> list[Problem]:
    """Withdrawals and renames record each program's title and provider's name; other kinds do not."""
    records = as_list(data.get("records"))
    if kind not in NEEDS_RECORDS:
        if "records" in data:
            return [
                _problem(
                    doc,
                    ("records",),
                    "decision.records",
                    text("decision.extra-records", kind=_decision_kind(kind)),
                    text("hint.decision-remove-records"),
                    key=True,
                )
            ]
        return []
    programs = [p for p in as_list(data.get("programs")) if isinstance(p, str)]
    recorded: dict[str, int] = {}
    problems = []
    for index, item in enumerate(records):
        program = item.get("program") if isinstance(item, dict) else None
        if not isinstance(program, str):
            continue
        if program not in programs:
            problems.append(
                _problem(
                    doc,
                    ("records", index, "program"),
                    "decision.records",
                    text("decision.record-not-named", field=f"records[{index}]", program=Shown(program)),
                    text("hint.decision-record-named"),
                )
            )
        elif program in recorded:
            problems.append(
                _problem(
                    doc,
                    ("records", index, "program"),
                    "decision.records",
                    text("decision.record-twice", program=Shown(program), n=recorded[program] + 1),
                    text("hint.remove-one"),
                )
            )
        else:
            recorded[program] = index
    missing = [p for p in programs if p not in recorded]
    if missing:
        problems.append(
            _problem(
                doc,
                ("records",) if "records" in data else ("kind",),
                "decision.records",
                text(
                    "decision.no-record",
                    kind=_decision_kind(kind),
                    programs=Listing(tuple(Shown(p) for p in missing)),
                ),
                text("hint.decision-add-records"),
            )
        )
    return problems


def _reviewers(doc: SourceDocument, data: dict, committee: list[str] | None) -> list[Problem]:
    reviewers = as_list(data.get("reviewers"))
    if not reviewers:
        return []
    if committee is None:  # a catalogue copied out of its repository; the pull-request checks have the list
        return [
            _problem(
                doc,
                ("reviewers",),
                "decision.reviewer",
                text("decision.no-committee"),
                text("hint.decision-committee-path"),
                "warning",
            )
        ]
    members = {account.lower() for account in committee}
    return [
        _problem(
            doc,
            ("reviewers", index),
            "decision.reviewer",
            text("decision.reviewer", account=Shown(account)),
            text("hint.decision-reviewer"),
        )
        for index, account in enumerate(reviewers)
        if isinstance(account, str) and account.lower() not in members
    ]


def decision_register_problems(decisions: list[Entry], program_files: dict[str, str], today: date) -> list[Problem]:
    """The decisions as a register: ids used once, programs that exist, a life cycle each step allows.

    `program_files`: the program ids that have a file, and its path as shown."""
    problems: list[Problem] = []
    by_number: dict[tuple, Entry] = {}
    valid: list[tuple[Entry, Decision]] = []
    for entry in sorted(decisions, key=lambda e: e.file):
        number = decision_number(entry.id)
        if number is not None:
            if number in by_number:
                first = by_number[number]
                problems.append(
                    _problem(
                        entry.source(),
                        (),
                        "decision.duplicate-id",
                        text("decision.duplicate-id", decision=Shown(entry.id), file=first.file),
                        text("hint.decision-own-number"),
                    )
                )
                continue
            by_number[number] = entry
        if entry.schema_valid and number is not None:
            valid.append((entry, Decision.from_data(entry.id, entry.data, entry.file)))
    entries = {decision.id: entry for entry, decision in valid}
    today_iso = today.isoformat()
    register = replay(decision for _, decision in valid if decision.date <= today_iso)
    ended = {pid for pid, standing in register.standings.items() if standing.ended}
    unknown = (register.named() - set(program_files)) - ended
    for misplaced in register.misplaced:
        if misplaced.path[0] == "programs" and misplaced.decision.programs[misplaced.path[1]] in unknown:
            continue  # said once below: the program is not in the catalogue
        refusal = misplaced.refusal
        message, hint = _refusal_texts(refusal.key, dict(refusal.params))
        problems.append(_problem(entries[misplaced.decision.id].source(), misplaced.path, refusal.code, message, hint))
    for entry, decision in valid:
        named: list[tuple[tuple, str]] = [(("programs", i), p) for i, p in enumerate(decision.programs)]
        if decision.renamed_to and decision.kind == "rename":
            named.append((("renamed_to",), decision.renamed_to))
        for path, program in named:
            if program not in program_files and program not in ended:
                problems.append(
                    _problem(
                        entry.source(),
                        path,
                        "decision.unknown-program",
                        text("decision.unknown-program", program=Shown(program)),
                        text("hint.check-program-id", target=program),
                    )
                )
    for program, file in sorted(program_files.items()):
        standing = register.standings.get(program)
        if standing is not None and standing.ended == "renamed":
            problems.append(
                Problem(
                    file,
                    1,
                    1,
                    "id.reused",
                    text(
                        "id.reused",
                        program=Shown(program),
                        successor=Shown(standing.successor),
                        decision=standing.ended_by,
                    ),
                    text("hint.id-reused", file=f"catalogue/programs/{standing.successor}.yaml"),
                )
            )
    return problems


def _keywords(doc: SourceDocument, data: dict) -> list[Problem]:
    """A keyword listed twice (ignoring case and full-width/half-width forms) says nothing more: an error, so that
    the list stays a description and never becomes repetition that pushes a program up in search results."""
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    keywords = data.get("keywords")
    for index, keyword in enumerate(keywords if keywords.__class__ is list else []):
        if keyword.__class__ is not dict:
            continue
        for lang in ("ja", "en"):
            written = keyword.get(lang)
            if written.__class__ is not str:
                continue
            key = (lang, unicodedata.normalize("NFKC", written).casefold())
            if key in seen:
                problems.append(
                    _problem(
                        doc,
                        ("keywords", index, lang),
                        "keywords.duplicate",
                        text("keywords.duplicate", value=Shown(written), first=seen[key], lang=lang),
                        text("hint.keywords-duplicate"),
                    )
                )
            else:
                seen[key] = index
    return problems
