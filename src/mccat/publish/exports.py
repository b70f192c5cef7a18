"""The machine-readable files under /api/v1/: per program, catalogue-wide, change feed, schemas.

    write_api_files(catalogue, out_dir, *, urls, build_date, changes=None, registry=REGISTRY) -> list[Path]
        Writes everything under out_dir/api/v1/ (that folder belongs to this function:
        files it did not write this time are removed). A file that exists is
        replaced through a temporary file renamed into place, or left alone if its
        bytes are unchanged; a new one is written directly. Same input,
        byte-identical files: keys sorted, lists in catalogue order (by id) or
        newest-first with ties broken by id, no clock reads.
    api_files(...) -> dict[str, bytes]     the same files in memory, path relative to /api/v1/

    build_date   the date program statuses are computed for (expired once valid_until has
                 passed); pass the build's date, or the last commit's for reproducible builds.
    changes      the approval history, newest first or in any order: ProgramChange objects or
                 plain mappings {"program": "provider/slug", "date": "YYYY-MM-DD",
                 "kind": "added" | "changed" | "withdrawn", "commit": sha or None,
                 "summary": one line or None, "url": pull-request URL or None}.
                 None: every program's approval.approved_on as an "added" entry
                 (changes.json then says "source": "approvals").
                 `changes_from_history(catalogue, mccat.model.history.read_history(root))` turns
                 the site's git history into these records.

Files (documented for aggregators in docs/{ja,en}/api.md):
    programs/{provider}/{slug}.jsonld | .json | .achievement.{ja,en}.json
    providers/{provider}.jsonld, vocabularies.jsonld
    catalogue.jsonld, catalogue.json (schemas/catalogue-export.schema.json), catalogue.csv
    changes.json (schemas/changes.schema.json), feed.ja.atom, feed.en.atom
    schemas/*.json (copies of schemas/)
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mccat import LANGUAGES
from mccat.model.catalogue import Catalogue, Program
from mccat.model.schema import SCHEMA_DIR, help_text
from mccat.publish.canonical_json import json_bytes
from mccat.publish.jsonld import (
    REGISTRY,
    RegistryBody,
    catalogue_jsonld,
    load_schema_file,
    program_jsonld,
    program_node,
    provider_jsonld,
    term_labels,
    vocabularies_jsonld,
)
from mccat.publish.openbadges import program_achievement
from mccat.publish.urls import API_PATH, Urls

FEED_LIMIT = 200  # newest entries per Atom feed; changes.json has them all
ATOM_NS = "http://www.w3.org/2005/Atom"
TITLE_SEPARATOR = {"ja": "：", "en": ": "}
CSV_SEPARATOR = "; "  # between the values of a multi-valued CSV cell
# What spreadsheets read as the start of a formula, fullwidth forms included (a Japanese spreadsheet takes ＝).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
# A separator a spreadsheet may split on (`,` ours, `;` many locales' list separator) before a formula start.
_FORMULA_AFTER_SEPARATOR = re.compile(r"([,;])(?=[ ]*[=+\-@\t\r＝＋－＠])")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# --- plain JSON ----------------------------------------------------------------------------


def program_links(urls: Urls, program: Program) -> dict[str, Any]:
    return {
        "page": {lang: urls.program_page(lang, program.id) for lang in LANGUAGES},
        "jsonld": urls.program_jsonld(program.id),
        "json": urls.program_json(program.id),
        "achievement": {lang: urls.achievement(program.id, lang) for lang in LANGUAGES},
        "provider": urls.provider_jsonld(program.provider_id),
    }


def program_record(program: Program, *, urls: Urls, as_of: date) -> dict[str, Any]:
    """One program as plain JSON: id, status on `as_of`, links and the catalogue file's data."""
    return {
        "id": program.id,
        "status": program.status(as_of),
        "links": program_links(urls, program),
        "program": program.data,
    }


def catalogue_json(catalogue: Catalogue, *, urls: Urls, as_of: date) -> dict[str, Any]:
    """Every provider and program; follows schemas/catalogue-export.schema.json."""
    return {
        "$schema": urls.api("schemas/catalogue-export.schema.json"),
        "api_version": "v1",
        "as_of": as_of.isoformat(),
        "providers": [
            {
                "id": provider.id,
                "links": {
                    "page": {lang: urls.provider_page(lang, provider.id) for lang in LANGUAGES},
                    "jsonld": urls.provider_jsonld(provider.id),
                },
                "provider": provider.data,
            }
            for provider in catalogue.providers.values()
        ],
        "programs": [program_record(p, urls=urls, as_of=as_of) for p in catalogue.programs.values()],
    }


def status_labels(status: str) -> dict[str, str]:
    """Labels of a computed status: the approval statuses' from the vocabulary, 'expired' from the export schema."""
    if status == "expired":
        expired = load_schema_file("catalogue-export.schema.json")["$defs"]["status"]["anyOf"][1]
        return help_text(expired)["title"]
    return term_labels("approval_status", status)


# --- CSV -----------------------------------------------------------------------------------


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet shows as text, whether it splits on `,` or on `;`: a cell starting like a formula
    (after spaces) gets a leading apostrophe, and so does the text after an embedded separator."""
    cell = _FORMULA_AFTER_SEPARATOR.sub(r"\1'", cell)
    return "'" + cell if cell.lstrip(" ").startswith(FORMULA_STARTS) else cell


def _number(value: Any) -> str:
    return "" if value is None else str(value)


@dataclass(frozen=True)
class CsvRow:
    """What one CSV row is made from."""

    program: Program
    provider_name: dict[str, str]
    status: str
    urls: Urls

    @property
    def data(self) -> dict[str, Any]:
        return self.program.data


Cell = Callable[[CsvRow], str]


def _coded(name: str, vocabulary: str, codes: Callable[[dict], list[str]]) -> list[tuple[str, Cell]]:
    """A coded column and its Japanese and English label columns."""
    return [
        (name, lambda r: CSV_SEPARATOR.join(codes(r.data))),
        *(
            (
                f"{name}_{lang}",
                lambda r, lang=lang: CSV_SEPARATOR.join(term_labels(vocabulary, code)[lang] for code in codes(r.data)),
            )
            for lang in LANGUAGES
        ),
    ]


def _text(path: str) -> list[tuple[str, Cell]]:
    """The ja and en columns of a text field ("delivery.location" -> location_ja, location_en)."""
    *parents, leaf = path.split(".")

    def column(lang: str) -> Cell:
        def cell(row: CsvRow) -> str:
            data = row.data
            for key in parents:
                data = data.get(key, {})
            return data.get(leaf, {}).get(lang, "")

        return cell

    return [(f"{leaf}_{lang}", column(lang)) for lang in LANGUAGES]


def _optional(get: Callable[[dict], Any]) -> Callable[[dict], list[str]]:
    return lambda data: [] if get(data) is None else [get(data)]


def _credits(data: dict) -> dict:
    return data.get("recognition", {}).get("credits", {})


# (header, cell) in column order; documented in docs/{ja,en}/api.md. Add columns at the end only.
CSV_COLUMNS: list[tuple[str, Cell]] = [
    ("id", lambda r: r.program.id),
    ("provider", lambda r: r.program.provider_id),
    *((f"provider_name_{lang}", lambda r, lang=lang: r.provider_name[lang]) for lang in LANGUAGES),
    *_text("title"),
    *_text("summary"),
    ("status", lambda r: r.status),
    *((f"status_{lang}", lambda r, lang=lang: status_labels(r.status)[lang]) for lang in LANGUAGES),
    ("approved_on", lambda r: r.data["approval"]["approved_on"]),
    ("valid_until", lambda r: r.data["approval"]["valid_until"]),
    ("decision", lambda r: r.data["approval"]["decision"]),
    *_coded("fields", "isced_field", lambda d: d["fields"]),
    *_coded("languages", "language", lambda d: d["languages"]),
    *_coded("delivery_mode", "delivery_mode", lambda d: [d["delivery"]["mode"]]),
    *_coded("pace", "pace", lambda d: [d["delivery"]["pace"]]),
    *_text("delivery.location"),
    ("hours", lambda r: _number(r.data["effort"]["hours"])),
    ("weeks", lambda r: _number(r.data["effort"].get("weeks"))),
    ("ects", lambda r: _number(r.data["effort"].get("ects"))),
    *_coded("assessment_types", "assessment_type", lambda d: d["assessment"]["types"]),
    *_coded("identity_verification", "identity_verification", lambda d: [d["assessment"]["identity_verification"]]),
    *_coded("qa_types", "qa_type", lambda d: d["quality_assurance"]["types"]),
    ("eqf_level", lambda r: _number(r.data.get("level", {}).get("eqf"))),
    *_coded("credential_formats", "credential_format", lambda d: d["credential"]["formats"]),
    ("credits", lambda r: _number(_credits(r.data).get("value"))),
    *_coded("credit_system", "credit_system", _optional(lambda d: _credits(d).get("system"))),
    ("stackable", lambda r: "true" if r.data.get("stackability", {}).get("stackable") else "false"),
    ("stacks_into", lambda r: CSV_SEPARATOR.join(r.data.get("stackability", {}).get("stacks_into", []))),
    ("fee_amount", lambda r: _number(r.data.get("fee", {}).get("amount"))),
    ("fee_currency", lambda r: r.data.get("fee", {}).get("currency", "")),
    ("capacity", lambda r: _number(r.data.get("capacity"))),
    ("url", lambda r: r.data["url"]),
    *((f"page_{lang}", lambda r, lang=lang: r.urls.program_page(lang, r.program.id)) for lang in LANGUAGES),
    ("jsonld", lambda r: r.urls.program_jsonld(r.program.id)),
]


def csv_rows(catalogue: Catalogue, *, urls: Urls, as_of: date) -> list[list[str]]:
    """The CSV as rows of cells (header first), before spreadsheet escaping."""
    rows = [[name for name, _ in CSV_COLUMNS]]
    for program in catalogue.programs.values():
        row = CsvRow(program, catalogue.providers[program.provider_id].name, program.status(as_of), urls)
        rows.append([cell(row) for _, cell in CSV_COLUMNS])
    return rows


def catalogue_csv(catalogue: Catalogue, *, urls: Urls, as_of: date) -> bytes:
    """CSV that Excel opens correctly: UTF-8 with BOM, CRLF, formula-like cells neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in csv_rows(catalogue, urls=urls, as_of=as_of):
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# --- changes and feeds ---------------------------------------------------------------------


def change_kinds() -> dict[str, dict[str, str]]:
    """The kinds of change and their labels, from schemas/changes.schema.json."""
    terms = load_schema_file("changes.schema.json")["$defs"]["change_kind"]["oneOf"]
    return {term["const"]: help_text(term)["title"] for term in terms}


@dataclass(frozen=True)
class ProgramChange:
    """One approval or change of one program: the record the change feed is made of."""

    program: str
    date: str  # YYYY-MM-DD
    kind: str  # added | changed | withdrawn
    commit: str | None = None
    summary: str | None = None
    url: str | None = None

    @classmethod
    def from_record(cls, record: ProgramChange | Mapping[str, Any]) -> ProgramChange:
        change = (
            record
            if isinstance(record, ProgramChange)
            else cls(*(record.get(key) for key in ("program", "date", "kind", "commit", "summary", "url")))  # type: ignore[arg-type]
        )
        if change.kind not in change_kinds():
            raise ValueError(f"change {record!r}: kind must be one of {sorted(change_kinds())}")
        if not isinstance(change.date, str) or not _DATE.match(change.date):
            raise ValueError(f"change {record!r}: date must be YYYY-MM-DD")
        if not isinstance(change.program, str) or "/" not in change.program:
            raise ValueError(f"change {record!r}: program must be a program id, provider/slug")
        for name in ("commit", "summary", "url"):
            if not isinstance(getattr(change, name), (str, type(None))):
                raise ValueError(f"change {record!r}: {name} must be a string or None")
        return change

    def as_json(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if value is not None}


def changes_from_approvals(catalogue: Catalogue) -> list[ProgramChange]:
    """Without history: each program's first approval, dated approval.approved_on."""
    return [ProgramChange(p.id, p.data["approval"]["approved_on"], "added") for p in catalogue.programs.values()]


def changes_from_history(catalogue: Catalogue, history: Any) -> list[ProgramChange] | None:
    """The site's git history (mccat.model.history.History) as change records; None without history.

    A program file's first commit is its approval ("added"), later commits are
    changes; the latest commit of a program whose approval is now withdrawn is its
    withdrawal. Programs not yet in the history count from approval.approved_on.
    """
    if not getattr(history, "available", False):
        return None
    result = []
    for program in catalogue.programs.values():
        commits = list(history.of(f"programs/{program.id}.yaml"))  # newest first
        if not commits:
            result.append(ProgramChange(program.id, program.data["approval"]["approved_on"], "added"))
            continue
        for index, commit in enumerate(commits):
            kind = "added" if index == len(commits) - 1 else "changed"
            if index == 0 and kind == "changed" and program.data["approval"]["status"] == "withdrawn":
                kind = "withdrawn"
            result.append(
                ProgramChange(
                    program.id,
                    commit.date,
                    kind,
                    commit.commit,
                    commit.subject or None,
                    commit.pull_request_url or commit.commit_url,
                )
            )
    return result


def sort_changes(changes: Iterable[ProgramChange | Mapping[str, Any]]) -> list[ProgramChange]:
    """Validated records, newest first. Dates are days, so on one day a later stage of the life
    cycle (withdrawn, changed, added) comes first; then program id and commit keep the order stable."""
    records = sorted((ProgramChange.from_record(c) for c in changes), key=lambda c: (c.program, c.commit or ""))
    stage = list(change_kinds())  # added, changed, withdrawn: the order of the schema
    return sorted(records, key=lambda c: (c.date, stage.index(c.kind)), reverse=True)


def changes_json(changes: list[ProgramChange], *, urls: Urls, source: str) -> dict[str, Any]:
    """Every change; follows schemas/changes.schema.json."""
    return {
        "$schema": urls.api("schemas/changes.schema.json"),
        "api_version": "v1",
        "source": source,
        "changes": [c.as_json() for c in changes],
    }


def _atom_time(day: str) -> str:
    return f"{day}T00:00:00Z"


def _xml_text(value: str) -> str:
    return _XML_INVALID.sub("", value)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = _xml_text(text)
    return element


def atom_feed(
    catalogue: Catalogue,
    changes: list[ProgramChange],
    *,
    urls: Urls,
    lang: str,
    build_date: date,
    registry: RegistryBody = REGISTRY,
    limit: int = FEED_LIMIT,
) -> bytes:
    """The Atom feed of approvals and changes in one language, newest `limit` entries."""
    feed_url = urls.api(f"feed.{lang}.atom")
    kinds = change_kinds()
    feed = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": lang})
    _sub(feed, "id", feed_url)
    _sub(feed, "title", help_text(load_schema_file("changes.schema.json"))["title"][lang])
    _sub(feed, "updated", _atom_time(changes[0].date if changes else build_date.isoformat()))
    _sub(_sub(feed, "author"), "name", registry.name[lang])
    _sub(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    _sub(feed, "link", rel="alternate", type="text/html", href=urls.home(lang))
    _sub(feed, "link", rel="related", type="application/json", href=urls.api("changes.json"))
    for change in changes[:limit]:
        program = catalogue.programs.get(change.program)
        # The entry's id names its record in changes.json: program, date, kind (and commit).
        entry_id = f"{urls.api('changes.json')}#{change.program}/{change.date}/{change.kind}"
        entry = _sub(feed, "entry")
        _sub(entry, "id", entry_id + (f"/{change.commit[:12]}" if change.commit else ""))
        title = program.title[lang] if program else change.program
        _sub(entry, "title", f"{kinds[change.kind][lang]}{TITLE_SEPARATOR[lang]}{title}")
        _sub(entry, "updated", _atom_time(change.date))
        _sub(entry, "published", _atom_time(change.date))
        _sub(entry, "category", term=change.kind, label=kinds[change.kind][lang])
        if program:
            _sub(
                entry,
                "link",
                rel="alternate",
                type="text/html",
                hreflang=lang,
                href=urls.program_page(lang, program.id),
            )
            _sub(entry, "link", rel="alternate", type="application/ld+json", href=urls.program_jsonld(program.id))
        if change.url:
            _sub(entry, "link", rel="related", type="text/html", href=change.url)
        summary = change.summary or (program.data["summary"][lang] if program else None)
        if summary:
            _sub(entry, "summary", summary, type="text")
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8") + b"\n"


# --- all files -----------------------------------------------------------------------------


def api_files(
    catalogue: Catalogue,
    *,
    urls: Urls,
    build_date: date,
    changes: Iterable[ProgramChange | Mapping[str, Any]] | None = None,
    registry: RegistryBody = REGISTRY,
) -> dict[str, bytes]:
    """Every file under /api/v1/, by path relative to it."""
    source = "approvals" if changes is None else "history"
    ordered = sort_changes(changes_from_approvals(catalogue) if changes is None else changes)
    files: dict[str, bytes] = {}
    nodes = {
        program.id: program_node(catalogue, program, urls=urls, registry=registry)
        for program in catalogue.programs.values()
    }  # each in its own file and in catalogue.jsonld
    for program in catalogue.programs.values():
        files[urls.program_file(program.id, ".jsonld")] = json_bytes(
            program_jsonld(catalogue, program, urls=urls, registry=registry, node=nodes[program.id])
        )
        files[urls.program_file(program.id, ".json")] = json_bytes(program_record(program, urls=urls, as_of=build_date))
        for lang in LANGUAGES:
            files[urls.program_file(program.id, f".achievement.{lang}.json")] = json_bytes(
                program_achievement(catalogue, program, urls=urls, lang=lang)
            )
    for provider in catalogue.providers.values():
        files[Urls.provider_file(provider.id)] = json_bytes(provider_jsonld(catalogue, provider, urls=urls))
    files["vocabularies.jsonld"] = json_bytes(vocabularies_jsonld(urls=urls))
    files["catalogue.jsonld"] = json_bytes(
        catalogue_jsonld(
            catalogue, urls=urls, registry=registry, date_modified=ordered[0].date if ordered else None, nodes=nodes
        ),
        compact=True,
    )
    files["catalogue.json"] = json_bytes(catalogue_json(catalogue, urls=urls, as_of=build_date), compact=True)
    files["catalogue.csv"] = catalogue_csv(catalogue, urls=urls, as_of=build_date)
    files["changes.json"] = json_bytes(changes_json(ordered, urls=urls, source=source))
    for lang in LANGUAGES:
        files[f"feed.{lang}.atom"] = atom_feed(
            catalogue, ordered, urls=urls, lang=lang, build_date=build_date, registry=registry
        )
    for schema in sorted(SCHEMA_DIR.glob("*.json")):
        files[f"schemas/{schema.name}"] = schema.read_bytes()
    return files


def write_file(path: Path, content: bytes) -> None:
    """Write a file. One that exists is replaced through a temporary file renamed into place, so that
    nobody reads it half-written, and is left alone if its bytes are unchanged; a new file is written
    directly (in a site build, every file is new: the whole site is staged, mccat.build.staging)."""
    try:
        stream = open(path, "xb")  # noqa: SIM115 - "x" tells a new file from one to replace; closed below
    except FileExistsError:
        pass
    else:
        with stream:
            try:
                stream.write(content)
            except BaseException:
                path.unlink(missing_ok=True)  # never a half-written file
                raise
        return
    if path.is_file() and path.read_bytes() == content:
        return
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_api_files(
    catalogue: Catalogue,
    out_dir: Path,
    *,
    urls: Urls,
    build_date: date,
    changes: Iterable[ProgramChange | Mapping[str, Any]] | None = None,
    registry: RegistryBody = REGISTRY,
) -> list[Path]:
    """Write every /api/v1/ file under out_dir/api/v1/; remove files there this run did not write."""
    files = api_files(catalogue, urls=urls, build_date=build_date, changes=changes, registry=registry)
    root = Path(out_dir) / API_PATH
    written = []
    folders: set[Path] = set()
    for relative, content in files.items():
        path = root / relative
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        write_file(path, content)
        written.append(path)
    keep = set(written)
    for path in sorted(root.rglob("*"), reverse=True):  # deepest first, so emptied folders go too
        if path.is_file() and path not in keep:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return sorted(written)
