"""Catalogue rules that JSON Schema cannot express."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mccat.model.countries import is_country
from mccat.model.decisions import Decision, decision_number, replay
from mccat.model.identifiers import CORPORATE_NUMBER, corporate_number_check_digit
from mccat.model.schema import load_schema, optional_language_paths
from mccat.validation.hidden import HIDDEN_CHARACTER
from mccat.validation.problems import Problem
from mccat.validation.schema_messages import field_name
from mccat.validation.source import SourceDocument, as_list, load_yaml

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
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


def _letter_script(char: str) -> str:
    name = unicodedata.name(char, "")
    return next((s for s in ("LATIN", *_LOOKALIKE_SCRIPTS) if name.startswith(s)), "OTHER")


def lookalike_letters(text: str) -> list[tuple[int, str]]:
    """Letters that disguise a word: (position, letter) for each letter of a lookalike script inside a
    word that also has ASCII letters, and every mathematical letter (𝐃𝐚𝐭𝐚 looks like Data)."""
    found = []
    for word in _WORD.finditer(text):
        letters = word.group()
        if letters.isascii():
            continue
        latin = _ASCII_LETTER.search(letters) is not None
        for offset, char in enumerate(letters):
            if char.isascii():
                continue
            script = _letter_script(char)
            if script == "MATHEMATICAL" or (latin and script in _LOOKALIKE_SCRIPTS):
                found.append((word.start() + offset, char))
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
    doc: SourceDocument, path: tuple, rule: str, message: str, hint: str, severity: str = "error", key: bool = False
) -> Problem:
    line, column = doc.position(path, key=key)
    return Problem(doc.file, line, column, rule, message, hint, severity)  # type: ignore[arg-type]


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


def invisible_characters(doc: SourceDocument, text: str | None = None) -> Iterator[Problem]:
    """Find invisible characters; with the file's text, skip the walk when it has none."""
    # One search over the raw file finds nothing in most files; but a double-quoted YAML string can spell
    # any character as an escape ("\e", "\u200b", "\N"), so a file with a backslash is always walked.
    if text is not None and "\\" not in text:
        found = INVISIBLE_CHARACTER.search(text)
        if found is None or (found.group() == "\r" and not INVISIBLE_CHARACTER.search(text.replace("\r\n", "\n"))):
            return
    for path, text, is_key in _strings(doc.data):
        match = INVISIBLE_CHARACTER.search(text)
        if match:
            char = match.group()
            name = unicodedata.name(char, "control character")
            yield _problem(
                doc,
                path,
                "text.invisible-character",
                f"`{field_name(path)}` contains the invisible character U+{ord(char):04X} "
                f"({name}) at position {match.start() + 1}",
                "delete it; invisible and bidirectional characters can hide text from reviewers reading the diff",
                key=is_key,
            )


def name_lookalikes(doc: SourceDocument, data: Any, kind: str) -> Iterator[Problem]:
    """Titles and names with lookalike letters (mixed into a Latin word, or mathematical letters)."""
    for pattern in NAME_PATHS[kind]:
        for path, text in _expand(data, pattern, ()):
            if not isinstance(text, str) or text.isascii() or not (found := lookalike_letters(text)):
                continue
            position, char = found[0]
            word = next(w.group() for w in _WORD.finditer(text) if w.start() <= position < w.end())
            yield _problem(
                doc,
                path,
                "text.lookalike-letter",
                f"`{field_name(path)}` has the letter '{char}' (U+{ord(char):04X} "
                f"{unicodedata.name(char, '')}) in the word '{word}', at position {position + 1}: "
                "it looks like a Latin letter",
                "type the word again in Latin letters; a lookalike letter can pass a name off "
                "as another one in the diff and on the site",
            )


def _parse_date(doc: SourceDocument, path: tuple, value: Any, problems: list[Problem]) -> date | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None  # the schema reports the format
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(
            _problem(
                doc,
                path,
                "date.invalid",
                f"`{field_name(path)}` is '{value}', which is not a day of the calendar",
                "check the month and the day",
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
                f"the file name '{slug}.yaml' is not a valid program id",
                f"rename it to '{_suggest_id(slug)}.yaml': lowercase letters, digits and hyphens",
            )
        )
    problems += _id_length(doc, slug, "file name", "program id")
    problems += _id_length(doc, folder, "folder name", "provider id")
    if not ID_PATTERN.match(folder):
        problems.append(
            _problem(
                doc,
                (),
                "id.folder-name",
                f"the folder name '{folder}' is not a valid provider id",
                f"rename the folder to '{_suggest_id(folder)}'",
            )
        )
    provider = data.get("provider")
    if isinstance(provider, str):
        if provider != folder:
            problems.append(
                _problem(
                    doc,
                    ("provider",),
                    "provider.folder",
                    f"`provider` is '{provider}' but the file is in the folder '{folder}'",
                    f"write `provider: {folder}` or move the file to programs/{provider}/",
                )
            )
        elif folder not in provider_ids:
            problems.append(
                _problem(
                    doc,
                    ("provider",),
                    "provider.unknown",
                    f"the provider '{provider}' does not exist",
                    f"add catalogue/providers/{provider}.yaml (`mccat new provider {provider}`)",
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


def provider_rules(entry: Entry) -> list[Problem]:
    doc, problems = entry.source(), []
    if not ID_PATTERN.match(entry.id):
        problems.append(
            _problem(
                doc,
                (),
                "id.file-name",
                f"the file name '{entry.id}.yaml' is not a valid provider id",
                f"rename it to '{_suggest_id(entry.id)}.yaml': lowercase letters, digits and hyphens",
            )
        )
    problems += _id_length(doc, entry.id, "file name", "provider id")
    if entry.schema_valid:
        problems += _languages(doc, entry.data, "provider")
    problems += _japanese_identifiers(doc, entry.data)
    problems += url_hosts(doc, entry.data, "provider")
    problems += name_lookalikes(doc, entry.data, "provider")
    return problems


def _id_length(doc: SourceDocument, part: str, what: str, kind: str) -> list[Problem]:
    if len(part) <= MAX_ID_LENGTH:
        return []
    return [
        _problem(
            doc,
            (),
            "id.too-long",
            f"the {what} '{part[:24]}…' is {len(part)} characters long; a {kind} has at most {MAX_ID_LENGTH}",
            "choose a shorter id: it becomes part of URLs and file names, which have a length limit",
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
                f"`country` is {country}, which is not an ISO 3166-1 country code",
                "write the two-letter code of the country where the provider is established, such as JP",
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
                        f"`{field_name((key,))}` is given, but `country` is {country}: "
                        "it is a field of Japanese registers",
                        "remove it, or correct `country` to JP if the provider is established in Japan",
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
                    f"`corporate_number` {number} fails its check digit: the first digit should be {expected} "
                    f"for the digits {number[1:]}",
                    "copy the number again from the National Tax Agency's corporate number site "
                    "(https://www.houjin-bangou.nta.go.jp/); a digit is probably mistyped or two are swapped",
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
                f"the program is marked as a 履修証明プログラム but `effort.hours` is {hours:g}: "
                f"a certificate program has {RISHU_SHOMEI_MIN_HOURS} hours or more",
                "correct `effort.hours`, or remove `rishu_shomei` if the program is not a certificate program",
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
                    f"`designations.training_benefit.valid_until` ({end}) is before `valid_from` ({start})",
                    "copy both dates of the designation period again from the designation notice",
                )
            )
        elif end and end < today:
            problems.append(
                _problem(
                    doc,
                    path + ("valid_until",),
                    "designation.expired",
                    f"the Education and Training Benefit designation ended on {end}",
                    "enter the renewed designation (number and period), or remove `training_benefit`; "
                    "until then the site does not show the program as designated",
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
                        f"`designations.{key}` is given, but the provider's type is {kind}: only universities, "
                        "junior colleges, colleges of technology and specialised training colleges run "
                        "certificate programs and Brush-up Programs",
                        "remove it, or correct the provider's `type`",
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
                    f"`ctid` {ctid} is already the CTID of {other.kind} {other.id} ({other.file})",
                    "a CTID names one record: give this file a new one (`mccat new ctid` prints one); "
                    "never change the CTID of a file that is already published",
                )
            )
        else:
            first[ctid] = entry
    return problems


def url_hosts(doc: SourceDocument, data: Any, kind: str) -> list[Problem]:
    """A link goes where a reviewer reads it goes: no lookalike letters in the host (Cyrillic `а` for
    Latin `a`, fullwidth `ｅ`), no `user@` before it, no backslash (browsers read it as `/`)."""
    problems = []
    for pattern in URL_PATHS[kind]:
        for path, url in _expand(data, pattern, ()):
            if not isinstance(url, str) or not url.startswith("https://"):
                continue  # the schema reports it
            authority = re.split(r"[/?#]", url[len("https://") :], maxsplit=1)[0]
            if "\\" in authority:
                problems.append(
                    _problem(
                        doc,
                        path,
                        "url.host",
                        f"`{field_name(path)}` has a backslash before its path ('{authority}'): "
                        "browsers read it as '/', so the link would not go where it seems to",
                        "write the address as https://host/path",
                    )
                )
            elif "@" in authority:
                problems.append(
                    _problem(
                        doc,
                        path,
                        "url.host",
                        f"`{field_name(path)}` has a user name before its host ('{authority}'): "
                        f"the link goes to '{authority.rsplit('@', 1)[1]}'",
                        "write the address as https://host/path, without anything@ before the host",
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
                        f"`{field_name(path)}` has the non-ASCII character '{odd}' "
                        f"(U+{ord(odd):04X} {unicodedata.name(odd, '')}) in its host '{authority}'",
                        "write the host in ASCII letters: a lookalike letter can send readers to "
                        f"another site{_ascii_host_hint(authority)}",
                    )
                )
    return problems


def _ascii_host_hint(host: str) -> str:
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return ""
    if "xn--" in ascii_host:
        return f"; an internationalised domain is written in its xn-- form, here '{ascii_host}'"
    return f"; here '{ascii_host}'"


def _suggest_id(name: str) -> str:
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
                "`stackability.stackable` is false but the program lists what it stacks into",
                "set `stackable: true`, or remove the stacks_into lists",
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
                    "the program stacks into itself",
                    "remove its own id from `stacks_into`",
                )
            )
        elif target not in program_ids and ID_PATTERN.match(target.replace("/", "-")):
            problems.append(
                _problem(
                    doc,
                    ("stackability", "stacks_into", index),
                    "stacking.unknown",
                    f"`stackability.stacks_into` names '{target}', which is not in the catalogue",
                    f"check the id (provider/slug); the file would be catalogue/programs/{target}.yaml",
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
                    f"{len(links)} programs stack into '{target}'; at most {MAX_STACKED_FROM} may",
                    "a larger credential made of more parts is rare: ask the committee, or group the parts "
                    "into intermediate programs",
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
                            "programs stack into each other in a circle: " + " → ".join(cycle),
                            "a program can only stack into a larger one; remove one link",
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
                    f"`offerings[{i}].end` ({end}) is before its start ({start})",
                    "swap the dates or correct the one that is wrong",
                )
            )
        if deadline and start and deadline > start:
            problems.append(
                _problem(
                    doc,
                    ("offerings", i, "application_deadline"),
                    "date.order",
                    f"`offerings[{i}].application_deadline` ({deadline}) is after the start ({start})",
                    "applications must close on or before the first day",
                )
            )
        if start and end and (end - start).days > PLAUSIBLE_MAX_DAYS:
            problems.append(
                _problem(
                    doc,
                    ("offerings", i, "end"),
                    "plausibility.too-long",
                    f"`offerings[{i}]` lasts {(end - start).days} days, longer than a year",
                    "a micro-credential is completed in under a year; check the dates",
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
                f"`delivery.mode` is {delivery['mode']} but `delivery.location` is missing",
                "add `location:` with `ja:` and `en:` so learners know where to go",
            )
        ]
    return []


def _languages(doc: SourceDocument, data: Any, kind: str) -> list[Problem]:
    """Warn where an optional text has one language only: that page will fall back to the other."""
    problems = []
    for pattern in optional_language_paths(kind):
        for path, text in _expand(data, pattern, ()):
            if text.__class__ is dict and len(text) == 1:
                missing = "en" if "ja" in text else "ja"
                lang = "English" if missing == "en" else "Japanese"
                problems.append(
                    _problem(
                        doc,
                        path,
                        "text.one-language",
                        f"`{field_name(path)}` has no {lang} text",
                        f"add `{missing}:`; until then the {lang} page shows the other language",
                        "warning",
                    )
                )
    return sorted(problems)


def _expand(node: Any, pattern: tuple[str, ...], path: tuple) -> Iterator[tuple[tuple, Any]]:
    """The values at a path pattern ('*' = every list item), with their concrete paths."""
    if not pattern:
        yield path, node
    elif pattern[0] == "*":
        if node.__class__ is list:
            for index, item in enumerate(node):
                yield from _expand(item, pattern[1:], path + (index,))
    elif node.__class__ is dict and pattern[0] in node:
        yield from _expand(node[pattern[0]], pattern[1:], path + (pattern[0],))


def _plausibility(doc: SourceDocument, data: dict) -> list[Problem]:
    problems = []
    assessment = data.get("assessment")
    if isinstance(assessment, dict) and assessment.get("types") == []:
        problems.append(
            _problem(
                doc,
                ("assessment", "types"),
                "plausibility.no-assessment",
                "the program has no assessment",
                "a course with attendance only is not a micro-credential; list how learning is assessed",
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
                    f"`effort.hours` is {hours:g}, fewer than {PLAUSIBLE_MIN_HOURS}",
                    "micro-credentials in Japan are roughly 10 hours or more; check the figure",
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
                    f"`effort.weeks` is {weeks}, longer than a year",
                    "a micro-credential is completed in under a year; consider splitting it",
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


def decision_rules(entry: Entry, committee: list[str] | None, today: date) -> list[Problem]:
    """Rules for one decision file; the life cycle across decisions is `decision_register_problems`."""
    doc, data, problems = entry.source(), entry.data, []
    if decision_number(entry.id) is None:
        problems.append(
            _problem(
                doc,
                (),
                "id.decision-file-name",
                f"the file name '{entry.id}.yaml' is not a decision id",
                "name the file after the decision, like MCR-2026-014.yaml: 2 to 6 capital letters, the year "
                "and the number, joined by hyphens",
            )
        )
    kind = data.get("kind")
    decided = _parse_date(doc, ("date",), data.get("date"), problems)
    until = _parse_date(doc, ("valid_until",), data.get("valid_until"), problems)
    if decided and decided > today:
        problems.append(
            _problem(
                doc,
                ("date",),
                "decision.future",
                f"`date` is {decided}, after today ({today})",
                "a decision is dated the day the committee took it; record it on or after that day",
            )
        )
    if decided and until and until <= decided:
        problems.append(
            _problem(
                doc,
                ("valid_until",),
                "decision.validity",
                f"`valid_until` ({until}) is not after the decision's `date` ({decided})",
                "the validity ends after the decision; check both dates",
            )
        )
    if kind in NEEDS_VALIDITY and "valid_until" not in data:
        problems.append(
            _problem(
                doc,
                ("kind",),
                "decision.valid-until",
                f"a decision of kind {kind} has no `valid_until`",
                'add `valid_until: "YYYY-MM-DD"`, the last day of the approval',
            )
        )
    if kind in NO_VALIDITY and "valid_until" in data:
        problems.append(
            _problem(
                doc,
                ("valid_until",),
                "decision.valid-until",
                f"a decision of kind {kind} does not set `valid_until`",
                "remove `valid_until`; only approve, renew and amend-approval set the validity",
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
                    "a rename has no `renamed_to`",
                    "add `renamed_to: provider/slug`, the program's new id",
                )
            )
        programs = as_list(data.get("programs"))
        if len(programs) > 1:
            problems.append(
                _problem(
                    doc,
                    ("programs", 1),
                    "decision.rename-one",
                    f"a rename names {len(programs)} programs",
                    "write one rename decision per program: `programs` holds the old id, `renamed_to` the new one",
                )
            )
    elif "renamed_to" in data:
        problems.append(
            _problem(
                doc,
                ("renamed_to",),
                "decision.renamed-to",
                f"a decision of kind {kind} does not rename",
                "remove `renamed_to`, or write `kind: rename`",
                key=True,
            )
        )
    if kind in NEEDS_REASON and "reason" not in data:
        problems.append(
            _problem(
                doc,
                ("kind",),
                "decision.reason",
                f"a decision of kind {kind} has no `reason`",
                "add `reason:` with `ja:` and `en:`; the program's page shows it",
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
                    f"a decision of kind {kind} keeps no records",
                    "remove `records`; only withdraw and rename record what the program's page keeps showing",
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
                    f"`records[{index}]` is about '{program}', which `programs` does not list",
                    "record only the programs the decision names",
                )
            )
        elif program in recorded:
            problems.append(
                _problem(
                    doc,
                    ("records", index, "program"),
                    "decision.records",
                    f"`records` lists '{program}' twice (first as item {recorded[program] + 1})",
                    "remove one of them",
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
                f"a decision of kind {kind} has no record of " + ", ".join(f"'{p}'" for p in missing),
                "add under `records:` each program's `program`, `title` (ja, en) and `provider_name` (ja, en) as "
                "they are now: the page stays at its address from this record once the file is gone "
                "(`mccat new decision` fills it in)",
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
                "the reviewers cannot be checked: there is no committee list (governance/committee.yaml)",
                "run from the repository root, or give the list with `--committee PATH`",
                "warning",
            )
        ]
    members = {account.lower() for account in committee}
    return [
        _problem(
            doc,
            ("reviewers", index),
            "decision.reviewer",
            f"the reviewer '{account}' is not on the committee (governance/committee.yaml)",
            "list only committee members' accounts; a new member is added to governance/committee.yaml first",
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
                        f"is the decision {entry.id}, which {first.file} already is "
                        "(numbers are compared without leading zeros)",
                        "give each decision its own number",
                    )
                )
                continue
            by_number[number] = entry
        if entry.schema_valid and number is not None:
            valid.append((entry, Decision.from_data(entry.id, entry.data, entry.file)))
    entries = {decision.id: entry for entry, decision in valid}
    register = replay(decision for _, decision in valid if decision.date <= today.isoformat())
    ended = {pid for pid, standing in register.standings.items() if standing.ended}
    unknown = (register.named() - set(program_files)) - ended
    for misplaced in register.misplaced:
        if misplaced.path[0] == "programs" and misplaced.decision.programs[misplaced.path[1]] in unknown:
            continue  # said once below: the program is not in the catalogue
        refusal = misplaced.refusal
        problems.append(
            _problem(
                entries[misplaced.decision.id].source(), misplaced.path, refusal.code, refusal.message, refusal.hint
            )
        )
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
                        f"names the program '{program}', which is not in the catalogue",
                        f"check the id (provider/slug): the file would be catalogue/programs/{program}.yaml",
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
                    f"the program id '{program}' moved to '{standing.successor}' by decision {standing.ended_by}",
                    f"ids are never used twice: the program lives on as catalogue/programs/{standing.successor}.yaml; "
                    "give a new program a new id",
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
            text = keyword.get(lang)
            if text.__class__ is not str:
                continue
            key = (lang, unicodedata.normalize("NFKC", text).casefold())
            if key in seen:
                problems.append(
                    _problem(
                        doc,
                        ("keywords", index, lang),
                        "keywords.duplicate",
                        f"the keyword `{text}` is listed twice (as keywords[{seen[key]}].{lang})",
                        "list each keyword once; case and full-width or half-width forms do not make a new keyword",
                    )
                )
            else:
                seen[key] = index
    return problems
