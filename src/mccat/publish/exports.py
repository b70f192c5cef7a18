"""The machine-readable files under /api/v1/: per program, catalogue-wide, change feed, schemas.

    write_api_files(catalogue, out_dir, *, urls, build_date, changes=None, registry=REGISTRY) -> list[Path]
        Writes everything under out_dir/api/v1/ (that folder belongs to this function:
        files it did not write this time are removed). A file that exists is
        replaced through a temporary file renamed into place, or left alone if its
        bytes are unchanged; a new one is written directly. Same input,
        byte-identical files: keys sorted, lists in catalogue order (by id) or
        newest-first with ties broken by id, no clock reads.
    api_files(...) -> dict[str, bytes]     the same files in memory, path relative to /api/v1/

    build_date   the date program statuses are computed for (mccat.model.lifecycle); pass the
                 build's date, or the last commit's for reproducible builds.
    changes      the content changes of program files (mccat.model.history.ContentChange by
                 program id, oldest first: mccat.review.content_changes reads them from git), or
                 None without version history. changes.json and the feeds list the committee's
                 decisions, expiries and these changes (`change_records`); its "source" is
                 "history" with them and "decisions" without.

Only what the public site shows is published: `catalogue.published(build_date)` (no
program without a decision, unless the catalogue includes proposed ones for a preview).
Programs withdrawn or renamed whose file is gone keep their files (tombstones): the JSON
record, JSON-LD and Achievements at the same URLs, from what their decision recorded.

Files (documented for aggregators in docs/{ja,en}/api.md):
    programs/{provider}/{slug}.jsonld | .json | .achievement.{ja,en}.json   (tombstones too)
    providers/{provider}.jsonld, vocabularies.jsonld
    catalogue.jsonld, catalogue.json (schemas/catalogue-export.schema.json), catalogue.csv
    changes.json (schemas/changes.schema.json), feed.ja.atom, feed.en.atom
    decisions.json: the committee's decisions, newest first
    schemas/*.json (copies of schemas/)
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mccat import LANGUAGES
from mccat.model.catalogue import Catalogue, Program, Tombstone
from mccat.model.decisions import Decision, in_order
from mccat.model.history import ContentChange
from mccat.model.lifecycle import Lifecycle
from mccat.model.record import program_record as record_entries
from mccat.model.schema import SCHEMA_DIR, help_text
from mccat.publish.canonical_json import json_bytes
from mccat.publish.certificates import Signer, certification
from mccat.publish.jsonld import (
    REGISTRY,
    RegistryBody,
    catalogue_jsonld,
    descriptor_titles,
    load_schema_file,
    program_jsonld,
    program_node,
    provider_jsonld,
    term_labels,
    tombstone_jsonld,
    tombstone_node,
    vocabularies_jsonld,
)
from mccat.publish.openbadges import program_achievement, tombstone_achievement
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


def program_links(urls: Urls, program_id: str, successor: str | None = None) -> dict[str, Any]:
    links = {
        "page": {lang: urls.program_page(lang, program_id) for lang in LANGUAGES},
        "jsonld": urls.program_jsonld(program_id),
        "json": urls.program_json(program_id),
        "achievement": {lang: urls.achievement(program_id, lang) for lang in LANGUAGES},
        "provider": urls.provider_jsonld(program_id.split("/", 1)[0]),
    }
    if successor:
        links["successor"] = urls.program_json(successor)
    return links


def approval_json(state: Lifecycle) -> dict[str, Any]:
    """What the decisions say of a program on the status date (schemas/catalogue-export.schema.json#approval)."""
    result: dict[str, Any] = {
        "first_approved_on": state.first_approved,
        "valid_until": state.valid_until,
        "decision": state.current.id if state.current else None,
        "replaces": list(state.predecessors),
        "decisions": [
            {
                "id": d.id,
                "date": d.date,
                "kind": d.kind,
                "valid_until": d.valid_until,
                "program": next((p for p in d.programs if p in (state.program_id, *state.predecessors)), None),
            }
            for d in state.decisions
        ],
    }
    result["decisions"] = [{k: v for k, v in d.items() if v is not None} for d in result["decisions"]]
    return {k: v for k, v in result.items() if v not in (None, [])} | {"decisions": result["decisions"]}


def program_record(catalogue: Catalogue, program: Program, *, urls: Urls, as_of: date) -> dict[str, Any]:
    """One program as plain JSON: id, status on `as_of`, its approval record, links and the catalogue file's data."""
    state = catalogue.lifecycle(program.id, as_of)
    return {
        "id": program.id,
        "status": state.state,
        "approval": approval_json(state),
        "links": program_links(urls, program.id),
        "program": program.data,
    }


def tombstone_record(tombstone: Tombstone, *, urls: Urls) -> dict[str, Any]:
    """A program withdrawn or renamed whose file is gone: its status, record, successor and links; no data."""
    state = tombstone.lifecycle
    record: dict[str, Any] = {
        "id": tombstone.id,
        "status": state.state,
        "approval": approval_json(state),
        "links": program_links(urls, tombstone.id, state.successor),
        "program": None,
    }
    if state.successor:
        record["superseded_by"] = state.successor
    if tombstone.record:
        record["title"] = tombstone.record.title
        record["provider_name"] = tombstone.record.provider_name
    return record


def catalogue_json(
    catalogue: Catalogue, *, urls: Urls, as_of: date, records: Mapping[str, dict[str, Any]] | None = None
) -> dict[str, Any]:
    """Every provider and published program, and the tombstones; follows schemas/catalogue-export.schema.json.
    `records` are the program records by id when the caller has made them (api_files: the same as in
    each program's own file, certification links included)."""
    catalogue = catalogue.published(as_of)
    if records is None:
        records = program_records(catalogue, urls=urls, as_of=as_of)
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
        "programs": [records[program_id] for program_id in sorted(records)],
    }


def program_records(catalogue: Catalogue, *, urls: Urls, as_of: date) -> dict[str, dict[str, Any]]:
    """The record of every published program and tombstone of a published catalogue, by id."""
    records = {p.id: program_record(catalogue, p, urls=urls, as_of=as_of) for p in catalogue.programs.values()}
    records |= {t.id: tombstone_record(t, urls=urls) for t in catalogue.tombstones(as_of).values()}
    return records


def status_labels(status: str) -> dict[str, str]:
    """Labels of a program's state (mccat.model.lifecycle), from the vocabulary."""
    return term_labels("approval_status", status)


def decisions_json(catalogue: Catalogue, *, urls: Urls, as_of: date) -> dict[str, Any]:
    """The committee's decisions up to `as_of`, newest first, as their files say them (with their id)."""
    decisions = [d for d in in_order(catalogue.decisions.values()) if d.date <= as_of.isoformat()]
    return {
        "api_version": "v1",
        "as_of": as_of.isoformat(),
        "decisions": [decision_json(d) for d in reversed(decisions)],
    }


def decision_json(decision: Decision) -> dict[str, Any]:
    result: dict[str, Any] = {
        "id": decision.id,
        "date": decision.date,
        "kind": decision.kind,
        "programs": list(decision.programs),
        "valid_until": decision.valid_until,
        "renamed_to": decision.renamed_to,
        "conditions": decision.conditions,
        "reason": decision.reason,
        "reviewers": list(decision.reviewers),
        "evidence": [{k: v for k, v in vars(e).items() if v is not None} for e in decision.evidence],
        "records": [vars(r) for r in decision.records],
    }
    return {k: v for k, v in result.items() if v not in (None, [])}


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
    """What one CSV row is made from: a program, or a tombstone (its data is then empty)."""

    id: str
    data: dict[str, Any]
    title: dict[str, str]
    provider_name: dict[str, str]
    state: Lifecycle
    urls: Urls

    @property
    def provider_id(self) -> str:
        return self.id.split("/", 1)[0]

    @property
    def status(self) -> str:
        return self.state.state


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
            return (data.get(leaf) or {}).get(lang, "")

        return cell

    return [(f"{leaf}_{lang}", column(lang)) for lang in LANGUAGES]


def _optional(get: Callable[[dict], Any]) -> Callable[[dict], list[str]]:
    return lambda data: [] if get(data) is None else [get(data)]


def _credits(data: dict) -> dict:
    return data.get("recognition", {}).get("credits", {})


# (header, cell) in column order; documented in docs/{ja,en}/api.md. Add columns at the end only.
CSV_COLUMNS: list[tuple[str, Cell]] = [
    ("id", lambda r: r.id),
    ("provider", lambda r: r.provider_id),
    *((f"provider_name_{lang}", lambda r, lang=lang: r.provider_name.get(lang, "")) for lang in LANGUAGES),
    *((f"title_{lang}", lambda r, lang=lang: r.title.get(lang, "")) for lang in LANGUAGES),
    *_text("summary"),
    ("status", lambda r: r.status),
    *((f"status_{lang}", lambda r, lang=lang: status_labels(r.status)[lang]) for lang in LANGUAGES),
    ("approved_on", lambda r: r.state.first_approved or ""),
    ("valid_until", lambda r: r.state.valid_until or ""),
    ("decision", lambda r: r.state.current.id if r.state.current else ""),
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
    *((f"page_{lang}", lambda r, lang=lang: r.urls.program_page(lang, r.id)) for lang in LANGUAGES),
    ("jsonld", lambda r: r.urls.program_jsonld(r.id)),
    ("superseded_by", lambda r: r.state.successor or ""),
]
# The columns a tombstone fills (its catalogue data is gone); the others stay empty.
TOMBSTONE_COLUMNS = {
    "id",
    "provider",
    *(f"{name}_{lang}" for name in ("provider_name", "title", "status", "page") for lang in LANGUAGES),
    "status",
    "approved_on",
    "valid_until",
    "decision",
    "jsonld",
    "superseded_by",
}


def csv_rows(catalogue: Catalogue, *, urls: Urls, as_of: date) -> list[list[str]]:
    """The CSV as rows of cells (header first), before spreadsheet escaping: every published program, and the
    tombstones, by id."""
    catalogue = catalogue.published(as_of)
    rows: dict[str, list[str]] = {}
    for program in catalogue.programs.values():
        state = catalogue.lifecycle(program.id, as_of)
        provider = catalogue.providers[program.provider_id].name
        row = CsvRow(program.id, program.data, program.title, provider, state, urls)
        rows[program.id] = [cell(row) for _, cell in CSV_COLUMNS]
    for tombstone in catalogue.tombstones(as_of).values():
        provider_data = catalogue.providers.get(tombstone.provider_id)
        record = tombstone.record
        name = provider_data.name if provider_data else (record.provider_name if record else {})
        row = CsvRow(tombstone.id, {}, tombstone.title, name, tombstone.lifecycle, urls)
        rows[tombstone.id] = [cell(row) if header in TOMBSTONE_COLUMNS else "" for header, cell in CSV_COLUMNS]
    return [[name for name, _ in CSV_COLUMNS]] + [rows[program_id] for program_id in sorted(rows)]


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


# On one day, a later stage of the life cycle comes first in the newest-first list.
STAGES = ("approved", "renewed", "amended", "updated", "suspended", "reinstated", "expired", "renamed", "withdrawn")


@dataclass(frozen=True)
class ProgramChange:
    """One event of one program's record: the record the change feed is made of."""

    program: str
    date: str  # YYYY-MM-DD
    kind: str  # one of STAGES
    decision: str | None = None
    valid_until: str | None = None
    successor: str | None = None
    fields: tuple[str, ...] | None = None  # updated: the descriptors that changed
    pull_request: int | None = None
    commit: str | None = None
    url: str | None = None  # updated: its pull request (or commit)

    @classmethod
    def from_record(cls, record: ProgramChange | Mapping[str, Any]) -> ProgramChange:
        if isinstance(record, ProgramChange):
            change = record
        else:
            values = {name: record.get(name) for name in cls.__dataclass_fields__}
            if isinstance(values["fields"], list):
                values["fields"] = tuple(values["fields"])
            change = cls(**values)  # type: ignore[arg-type]  # checked below
        if change.kind not in change_kinds():
            raise ValueError(f"change {record!r}: kind must be one of {sorted(change_kinds())}")
        if not isinstance(change.date, str) or not _DATE.match(change.date):
            raise ValueError(f"change {record!r}: date must be YYYY-MM-DD")
        if not isinstance(change.program, str) or "/" not in change.program:
            raise ValueError(f"change {record!r}: program must be a program id, provider/slug")
        for name in ("decision", "valid_until", "successor", "commit", "url"):
            if not isinstance(getattr(change, name), (str, type(None))):
                raise ValueError(f"change {record!r}: {name} must be a string or None")
        return change

    def as_json(self) -> dict[str, Any]:
        result = {key: value for key, value in asdict(self).items() if value is not None}
        if "fields" in result:
            result["fields"] = list(result["fields"])
        return result


def change_records(
    catalogue: Catalogue,
    *,
    as_of: date,
    changes: Mapping[str, Sequence[ContentChange]] | None = None,
) -> list[ProgramChange]:
    """Every event of the published programs' records up to `as_of`: decisions, expiries and (with `changes`)
    content changes since the first approval. Each event once, under the id the program had then."""
    catalogue = catalogue.published(as_of)
    ids = sorted(set(catalogue.programs) | set(catalogue.tombstones(as_of)))
    seen: dict[tuple, ProgramChange] = {}
    for program_id in ids:
        for entry in record_entries(catalogue.lifecycle(program_id, as_of), changes or {}):
            if entry.program != program_id and entry.program in ids:
                continue  # told under its own id
            event, content = entry.event, entry.change
            if content is not None:
                record = ProgramChange(
                    entry.program,
                    entry.date,
                    "updated",
                    fields=content.fields,
                    pull_request=content.pull_request,
                    commit=content.commit,
                    url=content.pull_request_url,
                )
            else:
                assert event is not None
                record = ProgramChange(
                    entry.program,
                    entry.date,
                    entry.kind,
                    decision=event.decision.id if event.decision else None,
                    valid_until=event.valid_until,
                    successor=event.decision.renamed_to if entry.kind == "renamed" and event.decision else None,
                )
            seen.setdefault((record.program, record.date, record.kind, record.decision, record.commit), record)
    return list(seen.values())


def sort_changes(changes: Iterable[ProgramChange | Mapping[str, Any]]) -> list[ProgramChange]:
    """Validated records, newest first. Dates are days, so on one day a later stage of the life cycle comes
    first (STAGES); then program id, decision and commit keep the order stable."""
    records = sorted(
        (ProgramChange.from_record(c) for c in changes), key=lambda c: (c.program, c.decision or "", c.commit or "")
    )
    return sorted(records, key=lambda c: (c.date, STAGES.index(c.kind)), reverse=True)


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


# What a feed entry says, in each language (never a commit's text).
FEED_TEXT = {
    "decision": {"ja": "委員会の決定 {id}（{date}）", "en": "Committee decision {id} ({date})"},
    "valid_until": {"ja": "有効期限：{date}", "en": "Valid until {date}"},
    "expired": {"ja": "{date}までの承認が更新されずに終了しました。", "en": "The approval that ran to {date} ended."},
    "renamed": {"ja": "新しいID：{id}", "en": "New id: {id}"},
    "updated": {"ja": "変更された項目：{fields}", "en": "Changed: {fields}"},
    "pull_request": {"ja": "プルリクエスト #{number}", "en": "Pull request #{number}"},
    "separator": {"ja": "、", "en": ", "},
    "sentence": {"ja": "。", "en": ". "},
}


def _feed_summary(change: ProgramChange, lang: str) -> str:
    def say(key: str, **values: Any) -> str:
        return FEED_TEXT[key][lang].format(**values)

    parts = []
    if change.decision:
        parts.append(say("decision", id=change.decision, date=change.date))
    if change.kind == "expired" and change.valid_until:
        parts.append(say("expired", date=change.valid_until))
    elif change.valid_until:
        parts.append(say("valid_until", date=change.valid_until))
    if change.successor:
        parts.append(say("renamed", id=change.successor))
    if change.kind == "updated":
        titles = descriptor_titles()
        labels = [titles[f][lang] if f in titles else f for f in change.fields or ()]
        if labels:
            parts.append(say("updated", fields=FEED_TEXT["separator"][lang].join(labels)))
        if change.pull_request:
            parts.append(say("pull_request", number=change.pull_request))
    return FEED_TEXT["sentence"][lang].join(p.rstrip("。.") for p in parts) + ("。" if lang == "ja" else ".")


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
    """The Atom feed of the record's events in one language, newest `limit` entries."""
    feed_url = urls.api(f"feed.{lang}.atom")
    kinds = change_kinds()
    tombstones = catalogue.tombstones(build_date)
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
        tombstone = tombstones.get(change.program)
        # The entry's id names its record in changes.json: program, date, kind (and decision or commit).
        entry_id = f"{urls.api('changes.json')}#{change.program}/{change.date}/{change.kind}"
        suffix = change.decision or (change.commit[:12] if change.commit else "")
        entry = _sub(feed, "entry")
        _sub(entry, "id", entry_id + (f"/{suffix}" if suffix else ""))
        titles = program.title if program else (tombstone.title if tombstone else {})
        title = titles.get(lang) or next(iter(titles.values()), change.program)
        _sub(entry, "title", f"{kinds[change.kind][lang]}{TITLE_SEPARATOR[lang]}{title}")
        _sub(entry, "updated", _atom_time(change.date))
        _sub(entry, "published", _atom_time(change.date))
        _sub(entry, "category", term=change.kind, label=kinds[change.kind][lang])
        if program or tombstone:
            _sub(
                entry,
                "link",
                rel="alternate",
                type="text/html",
                hreflang=lang,
                href=urls.program_page(lang, change.program),
            )
            _sub(entry, "link", rel="alternate", type="application/ld+json", href=urls.program_jsonld(change.program))
        if change.decision:
            _sub(entry, "link", rel="related", type="text/html", href=urls.decision_page(lang, change.decision))
        elif change.url:
            _sub(entry, "link", rel="related", type="text/html", href=change.url)
        _sub(entry, "summary", _feed_summary(change, lang), type="text")
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8") + b"\n"


# --- all files -----------------------------------------------------------------------------


def api_files(
    catalogue: Catalogue,
    *,
    urls: Urls,
    build_date: date,
    changes: Mapping[str, Sequence[ContentChange]] | None = None,
    registry: RegistryBody = REGISTRY,
    signer: Signer | None = None,
) -> dict[str, bytes]:
    """Every file under /api/v1/, by path relative to it. With a `signer`, the approval certificates and
    status lists too (mccat.publish.certificates); the certification marks always."""
    catalogue = catalogue.published(build_date)
    tombstones = catalogue.tombstones(build_date)
    proofs = certification(catalogue, urls=urls, today=build_date, signer=signer, registry_name=registry.name)
    source = "decisions" if changes is None else "history"
    ordered = sort_changes(change_records(catalogue, as_of=build_date, changes=changes))
    files: dict[str, bytes] = {}
    nodes = {
        program.id: program_node(catalogue, program, urls=urls, registry=registry, as_of=build_date)
        for program in catalogue.programs.values()
    }  # each in its own file and in catalogue.jsonld
    nodes |= {t.id: tombstone_node(catalogue, t, urls=urls) for t in tombstones.values()}
    records = program_records(catalogue, urls=urls, as_of=build_date)  # in their own files and catalogue.json
    for program_id, record in records.items():
        record["links"] |= proofs.links(program_id, urls)
    for program in catalogue.programs.values():
        files[urls.program_file(program.id, ".jsonld")] = json_bytes(
            program_jsonld(catalogue, program, urls=urls, registry=registry, node=nodes[program.id], as_of=build_date)
        )
        files[urls.program_file(program.id, ".json")] = json_bytes(records[program.id])
        for lang in LANGUAGES:
            achievement = program_achievement(catalogue, program, urls=urls, lang=lang)
            files[urls.program_file(program.id, f".achievement.{lang}.json")] = json_bytes(
                achievement | proofs.achievement_extras(program.id, lang, urls)
            )
    for tombstone in tombstones.values():  # withdrawn or renamed, file gone: the same URLs still answer
        files[urls.program_file(tombstone.id, ".jsonld")] = json_bytes(
            tombstone_jsonld(catalogue, tombstone, urls=urls)
        )
        files[urls.program_file(tombstone.id, ".json")] = json_bytes(records[tombstone.id])
        for lang in LANGUAGES:
            achievement = tombstone_achievement(catalogue, tombstone, urls=urls, lang=lang)
            files[urls.program_file(tombstone.id, f".achievement.{lang}.json")] = json_bytes(
                achievement | proofs.achievement_extras(tombstone.id, lang, urls)
            )
    for provider in catalogue.providers.values():
        files[Urls.provider_file(provider.id)] = json_bytes(provider_jsonld(catalogue, provider, urls=urls))
    files["vocabularies.jsonld"] = json_bytes(vocabularies_jsonld(urls=urls))
    files["catalogue.jsonld"] = json_bytes(
        catalogue_jsonld(
            catalogue,
            urls=urls,
            registry=registry,
            date_modified=ordered[0].date if ordered else None,
            nodes=nodes,
            as_of=build_date,
        ),
        compact=True,
    )
    files["catalogue.json"] = json_bytes(
        catalogue_json(catalogue, urls=urls, as_of=build_date, records=records), compact=True
    )
    files["catalogue.csv"] = catalogue_csv(catalogue, urls=urls, as_of=build_date)
    files["changes.json"] = json_bytes(changes_json(ordered, urls=urls, source=source))
    files["decisions.json"] = json_bytes(decisions_json(catalogue, urls=urls, as_of=build_date))
    for lang in LANGUAGES:
        files[f"feed.{lang}.atom"] = atom_feed(
            catalogue, ordered, urls=urls, lang=lang, build_date=build_date, registry=registry
        )
    for schema in sorted(SCHEMA_DIR.glob("*.json")):
        files[f"schemas/{schema.name}"] = schema.read_bytes()
    return files | proofs.files


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
    changes: Mapping[str, Sequence[ContentChange]] | None = None,
    registry: RegistryBody = REGISTRY,
    signer: Signer | None = None,
) -> list[Path]:
    """Write every /api/v1/ file under out_dir/api/v1/; remove files there this run did not write."""
    files = api_files(catalogue, urls=urls, build_date=build_date, changes=changes, registry=registry, signer=signer)
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
