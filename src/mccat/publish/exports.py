"""The machine-readable files under /api/v1/: per program, catalogue-wide, change feed, schemas, manifest.

    write_api_files(pub, out_dir, signer=None) -> ApiFiles
        Writes everything under out_dir/api/v1/ as it is made (that folder belongs to this function:
        files it did not write this time are removed). A file that exists is
        replaced through a temporary file renamed into place, or left alone if its
        bytes are unchanged; a new one is written directly. Same input,
        byte-identical files: keys sorted, lists in catalogue order (by id) or
        newest-first with ties broken by id, no clock reads.
    api_files(pub, signer=None) -> dict[str, bytes]     the same files in memory, path relative to /api/v1/

    pub          the build's Publication (mccat.publish.publication): what the public site shows (no
                 program without a decision, unless the catalogue includes proposed ones for a preview),
                 URLs, the date program states are computed for (mccat.model.lifecycle; pass the build's
                 date, or the last commit's for reproducible builds), the registry (publisher, licence),
                 the history of the files and the content changes of program files (`pub.changes`:
                 mccat.review.content_changes; None without version history). changes.json and the feeds
                 list the committee's decisions, expiries and those changes (`change_records`); its
                 "source" is "history" with them and "decisions" without.
    signer       the build's signing key (mccat.build.signing), or None: with it, the approval certificates
                 and status lists (mccat.publish.certificates) are published and each Achievement carries
                 its certificates as `endorsement`; the certification marks are published always.

Programs withdrawn or renamed whose file is gone keep their files (tombstones): the JSON record, JSON-LD
and Achievements at the same URLs, from what their decision recorded. Their ELM and CTDL files go: the
data those formats require left with the catalogue file (see docs/*/api.md).

Files (documented for aggregators in docs/{ja,en}/api.md):
    programs/{provider}/{slug}.jsonld | .json | .achievement.{ja,en}.json   (tombstones too)
    programs/{provider}/{slug}.elm.jsonld | .ctdl.json
    providers/{provider}.jsonld, vocabularies.jsonld
    catalogue.jsonld (the programs by reference), catalogue.json (schemas/catalogue-export.schema.json),
    catalogue.csv and its description catalogue.csv-metadata.json (CSV on the Web); gzip-compressed, every
    program in full: catalogue.full.jsonld.gz, catalogue.elm.jsonld.gz, catalogue.ctdl.json.gz (mccat.publish.bulk)
    changes.json (schemas/changes.schema.json), feed.ja.atom, feed.en.atom
    decisions.json: the committee's decisions, newest first
    schemas/*.json (copies of schemas/, each with its `$id`: its URL here)
    marks/{provider}/{slug}.{ja,en}.svg; with a signer, certificates/{provider}/{slug}/{decision}.{lang}.json
    and status/{n}.json (mccat.publish.certificates)
    index.json: every other file with its size, SHA-256 and dateModified (schemas/manifest.schema.json)

A program has a .ctdl.json file only when the Credential Registry would take it (mccat.publish.ctdl:
CTIDs, the provider's sector); `skipped_ctdl` lists the others and why.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import os
import re
import tempfile
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from mccat import LANGUAGES
from mccat.model.catalogue import Program, Provider, Tombstone
from mccat.model.decisions import Decision, in_order
from mccat.model.lifecycle import Lifecycle
from mccat.model.record import program_record as record_entries
from mccat.model.registry import RegistryBody
from mccat.model.schema import SCHEMA_DIR, help_text
from mccat.publish.bulk import GzipJson, OnceById, around, compact, joined
from mccat.publish.canonical_json import json_bytes
from mccat.publish.certificates import Signer, certification
from mccat.publish.ctdl import CTDL_CONTEXT, ctdl_problems, program_ctdl
from mccat.publish.elm import ELM_CONTEXT, program_elm
from mccat.publish.jsonld import (
    FULL_CATALOGUE,
    SCHEMA_CONTEXT,
    catalogue_nodes,
    descriptor_titles,
    item_list,
    list_item,
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
from mccat.publish.publication import Designations, Publication, Standing
from mccat.publish.urls import API_PATH, Urls

NO_DESIGNATIONS = Designations()  # a tombstone's: its designations left with its file
FEED_LIMIT = 200  # newest entries per Atom feed; changes.json has them all
ATOM_NS = "http://www.w3.org/2005/Atom"
TITLE_SEPARATOR = {"ja": "：", "en": ": "}
CSV_SEPARATOR = "; "  # between the values of a multi-valued CSV cell
# What spreadsheets read as the start of a formula, fullwidth forms included (a Japanese spreadsheet takes ＝).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
# A separator a spreadsheet may split on (`,` ours, `;` many locales' list separator) before a formula start.
_FORMULA_AFTER_SEPARATOR = re.compile(r"([,;])(?=[ ]*[=+\-@\t\r＝＋－＠])")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# --- plain JSON ----------------------------------------------------------------------------


def licence_json(registry: RegistryBody) -> dict[str, Any]:
    """The data licence as every JSON file states it."""
    licence = registry.licence
    return {"id": licence.id, "name": dict(licence.name), "url": licence.url}


def publisher_json(pub: Publication) -> dict[str, Any]:
    registry = pub.registry
    found = {"name": dict(registry.name), "url": registry.url or pub.urls.root}
    if registry.email:
        found["email"] = registry.email
    if registry.contact_url:
        found["contact_url"] = registry.contact_url
    return found


def program_links(pub: Publication, program_id: str) -> dict[str, Any]:
    urls = pub.urls
    links = {
        "page": {lang: urls.program_page(lang, program_id) for lang in LANGUAGES},
        "jsonld": urls.program_jsonld(program_id),
        "json": urls.program_json(program_id),
        "achievement": {lang: urls.achievement(program_id, lang) for lang in LANGUAGES},
        "provider": urls.provider_jsonld(program_id.split("/", 1)[0]),
    }
    program = pub.catalogue.programs.get(program_id)
    if program is not None:
        links["elm"] = urls.program_elm(program_id)
        if not ctdl_problems(pub, program):
            links["ctdl"] = urls.program_ctdl(program_id)
    successor = pub.standing(pub.tombstones[program_id]).successor if program_id in pub.tombstones else None
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


def _dates(pub: Publication, item: Program | Tombstone) -> dict[str, Any]:
    standing = pub.standing(item)
    return {"date_published": standing.first_approved, "date_modified": standing.modified}


def program_record(pub: Publication, program: Program) -> dict[str, Any]:
    """One program as plain JSON: id, status on the build date, its approval record, dates, links and the
    catalogue file's data."""
    record = {
        "id": program.id,
        "status": pub.standing(program).status,
        "approval": approval_json(pub.catalogue.lifecycle(program.id, pub.today)),
        **_dates(pub, program),
        "links": program_links(pub, program.id),
        "program": program.data,
    }
    return {key: value for key, value in record.items() if value is not None}


def tombstone_record(pub: Publication, tombstone: Tombstone) -> dict[str, Any]:
    """A program withdrawn or renamed whose file is gone: its status, record, dates, successor and links; no
    data."""
    state = tombstone.lifecycle
    record: dict[str, Any] = {
        "id": tombstone.id,
        "status": state.state,
        "approval": approval_json(state),
        **{key: value for key, value in _dates(pub, tombstone).items() if value is not None},
        "links": program_links(pub, tombstone.id),
        "program": None,
    }
    if state.successor:
        record["superseded_by"] = state.successor
    if tombstone.record:
        record["title"] = tombstone.record.title
        record["provider_name"] = tombstone.record.provider_name
    return record


def program_file(pub: Publication, record: dict[str, Any]) -> dict[str, Any]:
    """/api/v1/programs/{provider}/{slug}.json: a program's record (or a tombstone's), with its
    schema and the data licence."""
    schema = pub.urls.schema("catalogue-export.schema.json") + "#/$defs/program_record"
    return {"$schema": schema, "license": licence_json(pub.registry)} | record


def provider_record(pub: Publication, provider: Provider) -> dict[str, Any]:
    urls = pub.urls
    record = {
        "id": provider.id,
        "date_modified": pub.provider_modified(provider),
        "links": {
            "page": {lang: urls.provider_page(lang, provider.id) for lang in LANGUAGES},
            "jsonld": urls.provider_jsonld(provider.id),
        },
        "provider": provider.data,
    }
    return {key: value for key, value in record.items() if value is not None}


def catalogue_head(pub: Publication) -> dict[str, Any]:
    """catalogue.json without its programs: the publisher, licence, date and every provider. build_api_files
    adds the program and tombstone records, by id, as each program's own file has them; the whole follows
    schemas/catalogue-export.schema.json."""
    return {
        "$schema": pub.urls.schema("catalogue-export.schema.json"),
        "api_version": "v1",
        "as_of": pub.today.isoformat(),
        "license": licence_json(pub.registry),
        "publisher": publisher_json(pub),
        "providers": [provider_record(pub, provider) for provider in pub.catalogue.providers.values()],
    }


def status_labels(status: str) -> dict[str, str]:
    """Labels of a program's state (mccat.model.lifecycle), from the vocabulary."""
    return term_labels("approval_status", status)


def decisions_json(pub: Publication) -> dict[str, Any]:
    """The committee's decisions up to the build date, newest first, as their files say them (with their id)."""
    day = pub.today.isoformat()
    decisions = [d for d in in_order(pub.catalogue.decisions.values()) if d.date <= day]
    return {
        "api_version": "v1",
        "as_of": day,
        "license": licence_json(pub.registry),
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
    if "," in cell or ";" in cell:  # the pattern starts with one of them (most cells have neither)
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
    provider: Provider | None  # None for a tombstone
    state: Lifecycle
    standing: Standing
    designations: Designations
    urls: Urls

    @property
    def provider_id(self) -> str:
        return self.id.split("/", 1)[0]

    @property
    def status(self) -> str:
        return self.standing.status

    def provider_field(self, key: str) -> Any:
        return self.provider.data.get(key) if self.provider else None


Cell = Callable[[CsvRow], str]


def _coded(name: str, vocabulary: str, codes: Callable[[dict], list[str]]) -> list[tuple[str, Cell]]:
    """A coded column of the program's data and its Japanese and English label columns."""
    return _coded_row(name, vocabulary, lambda r: codes(r.data))


def _coded_row(name: str, vocabulary: str, codes: Callable[[CsvRow], list[str]]) -> list[tuple[str, Cell]]:
    """A coded column and its Japanese and English label columns."""
    return [
        (name, lambda r: CSV_SEPARATOR.join(codes(r))),
        *(
            (
                f"{name}_{lang}",
                lambda r, lang=lang: CSV_SEPARATOR.join(term_labels(vocabulary, code)[lang] for code in codes(r)),
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


def _present(value: str | None) -> list[str]:
    return [value] if value else []


def _benefit_kind(designations: Designations) -> list[str]:
    return [designations.training_benefit["kind"]] if designations.training_benefit else []


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
    ("approved_on", lambda r: r.standing.first_approved or ""),
    ("valid_until", lambda r: r.standing.valid_until or ""),
    ("decision", lambda r: r.standing.decision or ""),
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
    ("superseded_by", lambda r: r.standing.successor or ""),
    ("date_published", lambda r: r.standing.first_approved or ""),
    ("date_modified", lambda r: r.standing.modified or ""),
    ("ctid", lambda r: r.data.get("ctid", "")),
    *_coded_row("designations", "designation", lambda r: r.designations.codes),
    ("bp_certified_in", lambda r: _number((r.designations.brush_up_program or {}).get("certified_in"))),
    *_coded_row("training_benefit_kind", "training_benefit_kind", lambda r: _benefit_kind(r.designations)),
    ("training_benefit_number", lambda r: (r.designations.training_benefit or {}).get("number", "")),
    ("training_benefit_valid_until", lambda r: (r.designations.training_benefit or {}).get("valid_until", "")),
    *_coded_row("provider_sector", "sector", lambda r: _present(r.provider_field("sector"))),
    *_coded_row("provider_prefecture", "prefecture", lambda r: _present(r.provider_field("prefecture"))),
    ("provider_corporate_number", lambda r: r.provider_field("corporate_number") or ""),
    ("provider_school_code", lambda r: r.provider_field("school_code") or ""),
    ("provider_contact_email", lambda r: (r.provider_field("contact") or {}).get("email", "")),
    ("provider_contact_url", lambda r: (r.provider_field("contact") or {}).get("url", "")),
    ("elm", lambda r: r.urls.program_elm(r.id)),
]
# The columns a tombstone fills (its catalogue data is gone, and with it its ELM file); the others stay empty.
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
    "date_published",
    "date_modified",
}


def csv_rows(pub: Publication) -> Iterator[list[str]]:
    """The CSV as rows of cells (header first), before spreadsheet escaping: every published program, and the
    tombstones, by id; each row made as it is asked for (at 20,000 programs the rows held at once were 0.1 GB)."""
    catalogue = pub.catalogue
    yield [name for name, _ in CSV_COLUMNS]
    for program_id in sorted(catalogue.programs.keys() | pub.tombstones.keys()):
        tombstone = pub.tombstones.get(program_id)
        if tombstone is None:
            program = catalogue.programs[program_id]
            provider = catalogue.providers[program.provider_id]
            state = catalogue.lifecycle(program.id, pub.today)
            row = CsvRow(
                program.id,
                program.data,
                program.title,
                provider.name,
                provider,
                state,
                pub.standing(program),
                pub.designations(program),
                pub.urls,
            )
            yield [cell(row) for _, cell in CSV_COLUMNS]
            continue
        found = catalogue.providers.get(tombstone.provider_id)
        record = tombstone.record
        name = found.name if found else (record.provider_name if record else {})
        standing = pub.standing(tombstone)
        row = CsvRow(
            tombstone.id, {}, tombstone.title, name, None, tombstone.lifecycle, standing, NO_DESIGNATIONS, pub.urls
        )
        yield [cell(row) if header in TOMBSTONE_COLUMNS else "" for header, cell in CSV_COLUMNS]


def catalogue_csv(pub: Publication) -> bytes:
    """CSV that Excel opens correctly: UTF-8 with BOM, CRLF, formula-like cells neutralised. Encoded as it is
    written, so that the whole text is never held as a string as well as bytes."""
    data = io.BytesIO()
    with io.TextIOWrapper(data, encoding="utf-8-sig", newline="", write_through=True) as text:
        writer = csv.writer(text, lineterminator="\r\n")
        for row in csv_rows(pub):
            writer.writerow([spreadsheet_safe(cell) for cell in row])
        text.flush()
        return data.getvalue()


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


def change_records(pub: Publication) -> list[ProgramChange]:
    """Every event of the published programs' records up to the build date: decisions, expiries and (with
    `pub.changes`) content changes since the first approval. Each event once, under the id the program had
    then."""
    catalogue = pub.catalogue
    ids = sorted(set(catalogue.programs) | set(pub.tombstones))
    seen: dict[tuple, ProgramChange] = {}
    for program_id in ids:
        for entry in record_entries(catalogue.lifecycle(program_id, pub.today), pub.changes or {}):
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


def changes_json(pub: Publication, changes: list[ProgramChange], *, source: str) -> dict[str, Any]:
    """Every change; follows schemas/changes.schema.json."""
    return {
        "$schema": pub.urls.schema("changes.schema.json"),
        "api_version": "v1",
        "license": licence_json(pub.registry),
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


RIGHTS = {"ja": "データのライセンス：{name}（{url}）", "en": "Data licence: {name} ({url})"}


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


def atom_feed(pub: Publication, changes: list[ProgramChange], *, lang: str, limit: int = FEED_LIMIT) -> bytes:
    """The Atom feed of the record's events in one language, newest `limit` entries."""
    urls, catalogue, registry = pub.urls, pub.catalogue, pub.registry
    feed_url = urls.api(f"feed.{lang}.atom")
    kinds = change_kinds()
    tombstones = pub.tombstones
    feed = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": lang})
    _sub(feed, "id", feed_url)
    _sub(feed, "title", help_text(load_schema_file("changes.schema.json"))["title"][lang])
    _sub(feed, "updated", _atom_time(changes[0].date if changes else pub.today.isoformat()))
    _sub(_sub(feed, "author"), "name", registry.name[lang])
    licence = registry.licence
    _sub(feed, "rights", RIGHTS[lang].format(name=licence.name[lang], url=licence.url), type="text")
    _sub(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    _sub(feed, "link", rel="alternate", type="text/html", href=urls.home(lang))
    _sub(feed, "link", rel="related", type="application/json", href=urls.api("changes.json"))
    _sub(feed, "link", rel="license", type="text/html", href=licence.url)
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
        if change.decision:  # on the decisions page of its month: a decision's event is on the decision's date
            href = urls.decision_page(lang, change.decision, change.date)
            _sub(entry, "link", rel="related", type="text/html", href=href)
        elif change.url:
            _sub(entry, "link", rel="related", type="text/html", href=change.url)
        _sub(entry, "summary", _feed_summary(change, lang), type="text")
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8") + b"\n"


# --- the CSV's description (CSV on the Web) -----------------------------------------------------

CSV_DESCRIPTION = {
    "ja": "承認されたマイクロクレデンシャル・プログラムの一覧（1行1プログラム）。UTF-8（BOM付き）、改行はCRLF。"
    "複数の値は「; 」で区切る。=、+、-、@、タブ、CR（全角の＝＋－＠も）で始まるセル（前の空白は数えない）と、"
    "セル内の「,」「;」の後でそれらが始まる部分には、表計算ソフトが数式として実行しないようアポストロフィ（'）を付けている。",
    "en": "The approved micro-credential programs, one per row. UTF-8 with a byte order mark, CRLF line ends. "
    "Several values in one cell are separated by '; '. A cell that begins (after spaces) with =, +, -, @, a tab or "
    "a carriage return, or their fullwidth forms, gets an apostrophe (') in front, and so does any part of a cell "
    "after a ',' or ';' that begins so, so that spreadsheets show it as text instead of running it.",
}


def csv_metadata(pub: Publication, date_modified: str | None) -> dict[str, Any]:
    """catalogue.csv-metadata.json: the CSV described for CSV on the Web (W3C), with its licence."""
    urls = pub.urls
    export = help_text(load_schema_file("catalogue-export.schema.json"))
    return {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "en"}],
        "url": urls.api("catalogue.csv"),
        "dc:title": [{"@value": export["title"][lang], "@language": lang} for lang in LANGUAGES],
        "dc:description": [{"@value": CSV_DESCRIPTION[lang], "@language": lang} for lang in LANGUAGES],
        "dc:license": {"@id": pub.registry.licence.url},
        "dc:publisher": {
            "@id": urls.registry_iri(),
            "schema:name": pub.registry.name["en"],
            "schema:url": {"@id": urls.root},
        },
        "dc:modified": date_modified,
        "dialect": {"encoding": "utf-8", "lineTerminators": ["\r\n"], "header": True, "doubleQuote": True},
        "tableSchema": {
            "columns": [{"name": name, "titles": name, "datatype": "string"} for name, _ in CSV_COLUMNS],
            "primaryKey": "id",
        },
    }


# --- published schemas and the manifest ----------------------------------------------------------


def published_schema(pub: Publication, path: Path) -> bytes:
    """A schema as /api/v1/schemas/ publishes it: with `$id`, its own URL there, so that its relative `$ref`s
    ("vocabularies.schema.json#/$defs/...") resolve against the published copies from anywhere. (The files
    in schemas/ have no `$id`: editors resolve them by path, and a fixed host would send them online.)"""
    schema = json.loads(path.read_text(encoding="utf-8"))
    first, rest = list(schema.items())[:1], list(schema.items())[1:]  # "$schema" stays first, then "$id"
    published = dict(first + [("$id", pub.urls.schema(path.name))] + rest)
    return (json.dumps(published, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


MANIFEST = "index.json"


def manifest(pub: Publication, entries: Mapping[str, tuple[int, str]], modified: Mapping[str, str | None]) -> bytes:
    """index.json: every other file under /api/v1/ with its size, SHA-256 and the last change of what it is
    made from (dateModified; null where that is not known), so an aggregator fetches only what changed.
    `entries`: path -> (size, SHA-256 in hex), from ApiOutput. Written member by member, the bytes json_bytes
    would give (at 20,000 programs, 204,000 entries made as objects first raised the copy's peak by 78 MB,
    written so by 56)."""
    dates = [d for d in modified.values() if d]
    head = {
        "$schema": pub.urls.schema("manifest.schema.json"),
        "api_version": "v1",
        "license": licence_json(pub.registry),
        "dateModified": max(dates) if dates else None,
        "files": None,
    }
    before, after = around(head, "files")
    files = (
        compact(path)
        + b":"
        + compact({"url": pub.urls.api(path), "size": size, "sha256": digest, "dateModified": modified.get(path)})
        for path, (size, digest) in sorted(entries.items())
    )
    return joined(before, files, after + b"\n", brackets=b"{}")


# --- all files -----------------------------------------------------------------------------


@dataclass
class ApiFiles:
    """The files under /api/v1/ (path relative to it -> bytes; empty when they went to a sink) and what the
    build should report."""

    files: dict[str, bytes]
    skipped_ctdl: dict[str, list[str]]  # program id -> why it has no .ctdl.json
    # write_api_files: the files' paths relative to /api/v1/, in path order (strings: at 20,000 programs, 160,000
    # Path objects held about 80 MB in the copy of the build that writes them)
    written: list[str] = field(default_factory=list)


Sink = Callable[[str, bytes], None]


class ApiOutput:
    """Where the files go as they are made (a sink, or kept in `files`), with what the manifest says of each:
    a build never holds the whole API in memory (at 20,000 programs it was 1.3 GB of bytes)."""

    def __init__(self, sink: Sink | None) -> None:
        self.files: dict[str, bytes] = {}
        self.entries: dict[str, tuple[int, str]] = {}
        self.modified: dict[str, str | None] = {}
        self._sink = sink if sink is not None else self.files.__setitem__

    def put(self, path: str, content: bytes, modified: str | None) -> None:
        if path in self.entries:
            raise ValueError(f"two files at /api/v1/{path}")  # a programming error: ids are unique
        self.entries[path] = (len(content), hashlib.sha256(content).hexdigest())
        self.modified[path] = modified
        self._sink(path, content)


def _program_modified(pub: Publication, program: Program) -> str | None:
    """The latest change of the records a program's files are made from: itself, its provider, the programs
    it stacks with (their titles appear in its files)."""
    catalogue = pub.catalogue
    dates = [pub.standing(program).modified, pub.provider_modified(catalogue.providers[program.provider_id])]
    related = [catalogue.programs[t] for t in program.stacks_into if t in catalogue.programs]
    related += catalogue.stacked_from(program.id)
    dates += [pub.standing(other).modified for other in related]
    found = [d for d in dates if d]
    return max(found) if found else None


def _mark_modified(pub: Publication, program_id: str) -> str | None:
    """A mark changes with the state of the program it now names (a renamed id's, with its new id's)."""
    current = pub.catalogue.current_id(program_id, pub.today)
    shown: Program | Tombstone | None = pub.catalogue.programs.get(current) or pub.tombstones.get(current)
    return pub.standing(shown).modified if shown else None


def _graph_stream(context: Any) -> tuple[GzipJson, bytes]:
    """A catalogue-wide @graph document to be written node by node, and the bytes that close it."""
    before, after = around({"@context": context, "@graph": None}, "@graph")
    return GzipJson(before), after + b"\n"


class _Catalogues:
    """The catalogue-wide documents, made as the programs go by: catalogue.json (its records, compact; about
    4 KB a program), catalogue.jsonld (the programs by reference) and the three gzip-compressed ones."""

    def __init__(self, pub: Publication) -> None:
        self.pub = pub
        # catalogue.json's records, by id, until the end: compressed, they hold 1.5 KB a program instead of 3.7
        self.records: dict[str, bytes] = {}
        self.references: list[bytes] = []
        # The full document and the one by reference share the ItemList's head: its members sorted before
        # "itemListElement" (@id, @type) do not depend on the number of items, known at the end.
        head, _ = around({"@context": SCHEMA_CONTEXT, "@graph": None}, "@graph")
        list_head, _ = around(item_list(pub, 0) | {"itemListElement": None}, "itemListElement")
        self.list_head = head + b"[" + list_head
        self.full = GzipJson(self.list_head)
        self.elm, self.elm_end = _graph_stream(ELM_CONTEXT)
        self.ctdl, self.ctdl_end = _graph_stream(CTDL_CONTEXT)
        self.elm_once, self.ctdl_once = OnceById(), OnceById()

    def add(self, record: dict[str, Any], node: dict[str, Any]) -> None:
        """A program's or tombstone's record and schema.org node, in catalogue order."""
        self.records[record["id"]] = zlib.compress(compact(record), 1)
        position = len(self.references) + 1
        self.full.add(list_item(self.pub, position, node, full=True))
        self.references.append(compact(list_item(self.pub, position, node, full=False)))

    def add_graphs(self, elm: list[dict[str, Any]], ctdl: list[dict[str, Any]] | None) -> None:
        self.elm.add_all(self.elm_once.take(elm))
        if ctdl is not None:
            self.ctdl.add_all(self.ctdl_once.take(ctdl))

    def files(self, date_modified: str | None) -> dict[str, Callable[[], bytes]]:
        """The catalogue-wide documents, each made when called (build_api_files makes one, writes it and lets it
        go before the next: catalogue.json alone is 4 KB a program)."""
        pub = self.pub

        @functools.cache
        def end() -> bytes:  # the ItemList's end and the other nodes, shared by catalogue.jsonld and the full one
            _, list_end = around(item_list(pub, len(self.references)) | {"itemListElement": None}, "itemListElement")
            others = b"".join(b"," + compact(node) for node in catalogue_nodes(pub, date_modified=date_modified))
            return list_end + others + b"]}\n"

        def elm() -> bytes:
            self.elm.add_all(self.elm_once.rest())
            return self.elm.finish(self.elm_end)

        return {
            "catalogue.jsonld": lambda: joined(self.list_head, self.references, end()),
            FULL_CATALOGUE: lambda: self.full.finish(end()),
            "catalogue.json": self._catalogue_json,
            "catalogue.elm.jsonld.gz": elm,
            "catalogue.ctdl.json.gz": lambda: self.ctdl.finish(self.ctdl_end),
        }

    def _catalogue_json(self) -> bytes:
        """catalogue.json: the head, then every record by id; the records are let go once joined."""
        before, after = around(catalogue_head(self.pub) | {"programs": None}, "programs")
        records, self.records = self.records, {}
        return joined(before, (zlib.decompress(records.pop(key)) for key in sorted(records)), after + b"\n")


SIGN_AHEAD = 100  # programs whose certificates are signed in one run, then written and let go


def build_api_files(pub: Publication, *, signer: Signer | None = None, sink: Sink | None = None) -> ApiFiles:
    """Every file under /api/v1/, by path relative to it, and the programs without a CTDL file. With a `signer`,
    the approval certificates and status lists too (mccat.publish.certificates); the certification marks
    always. With a `sink`, each file goes to it as soon as it is made instead of into ApiFiles.files.

    A program's nodes are made once, go into its own files and into the catalogue-wide documents, and are
    let go (`Publication.release`): memory does not grow with the catalogue's graphs."""
    catalogue = pub.catalogue
    proofs = certification(catalogue, urls=pub.urls, today=pub.today, signer=signer, registry_name=pub.registry.name)
    source = "decisions" if pub.changes is None else "history"
    ordered = sort_changes(change_records(pub))
    out = ApiOutput(sink)
    whole = _Catalogues(pub)
    skipped: dict[str, list[str]] = {}
    programs = list(catalogue.programs.values())
    for position, program in enumerate(programs):
        if position % SIGN_AHEAD == 0:  # the next programs' certificates, in one run (Certification.sign_ahead)
            proofs.sign_ahead(p.id for p in programs[position : position + SIGN_AHEAD])
        day = _program_modified(pub, program)
        record = program_record(pub, program)
        record["links"] |= proofs.links(program.id, pub.urls)
        elm = program_elm(pub, program)
        own = {
            ".jsonld": json_bytes(program_jsonld(pub, program), compact=True),
            ".json": json_bytes(program_file(pub, record), compact=True),
            ".elm.jsonld": json_bytes(elm, compact=True),
        }
        for lang in LANGUAGES:
            achievement = program_achievement(pub, program, lang)
            own[f".achievement.{lang}.json"] = json_bytes(
                achievement | proofs.achievement_extras(program.id, lang, pub.urls), compact=True
            )
        problems = ctdl_problems(pub, program)
        ctdl = None
        if problems:
            skipped[program.id] = problems
        else:
            ctdl = program_ctdl(pub, program)
            own[".ctdl.json"] = json_bytes(ctdl, compact=True)
        whole.add(record, program_node(pub, program))
        whole.add_graphs(elm["@graph"], ctdl["@graph"] if ctdl else None)
        for suffix, content in own.items():
            out.put(Urls.program_file(program.id, suffix), content, day)
        for path, content in proofs.take(program.id).items():  # its certificates, signed for the files above
            out.put(path, content, None)  # no date of their own to state
        for path, content in proofs.take_marks(program.id).items():
            out.put(path, content, _mark_modified(pub, program.id))
        pub.release(program.id)
    for old in sorted(pub.tombstones):  # withdrawn or renamed, file gone: the same URLs still answer
        tombstone = pub.tombstones[old]
        day = pub.standing(tombstone).modified
        record = tombstone_record(pub, tombstone)
        record["links"] |= proofs.links(tombstone.id, pub.urls)
        own = {
            ".jsonld": json_bytes(tombstone_jsonld(pub, tombstone), compact=True),
            ".json": json_bytes(program_file(pub, record), compact=True),
        }
        for lang in LANGUAGES:
            achievement = tombstone_achievement(pub, tombstone, lang)
            own[f".achievement.{lang}.json"] = json_bytes(
                achievement | proofs.achievement_extras(tombstone.id, lang, pub.urls), compact=True
            )
        whole.add(record, tombstone_node(pub, tombstone))
        for suffix, content in own.items():
            out.put(Urls.program_file(tombstone.id, suffix), content, day)
        for path, content in proofs.take(tombstone.id).items():
            out.put(path, content, None)
        for path, content in proofs.take_marks(tombstone.id).items():
            out.put(path, content, _mark_modified(pub, tombstone.id))
    for provider in catalogue.providers.values():
        content = json_bytes(provider_jsonld(pub, provider), compact=True)
        out.put(Urls.provider_file(provider.id), content, pub.provider_modified(provider))
    build_day = pub.today.isoformat()  # a build dated before a commit (a rebuild of the past) claims no later date
    days = [d for d in (*out.modified.values(), *(c.date for c in ordered)) if d and d <= build_day]
    latest = max(days) if days else None
    vocabularies = json_bytes(vocabularies_jsonld(pub), compact=True)
    out.put("vocabularies.jsonld", vocabularies, pub.schema_modified("vocabularies.schema.json"))
    bulk: dict[str, Callable[[], bytes]] = whole.files(latest) | {
        "catalogue.csv": functools.partial(catalogue_csv, pub),
        "catalogue.csv-metadata.json": lambda: json_bytes(csv_metadata(pub, latest), compact=True),
        "changes.json": lambda: json_bytes(changes_json(pub, ordered, source=source), compact=True),
        "decisions.json": lambda: json_bytes(decisions_json(pub), compact=True),
    }
    for lang in LANGUAGES:
        bulk[f"feed.{lang}.atom"] = functools.partial(atom_feed, pub, ordered, lang=lang)
    for path in sorted(bulk):  # each made, written and let go before the next
        # catalogue.json gives every status as of the build date, and says so (as_of)
        out.put(path, bulk[path](), build_day if path == "catalogue.json" else latest)
    for schema in sorted(SCHEMA_DIR.glob("*.json")):
        if schema.name not in UNPUBLISHED_SCHEMAS:
            out.put(f"schemas/{schema.name}", published_schema(pub, schema), pub.schema_modified(schema.name))
    for program_id in proofs.marked:  # the marks of ids renamed away
        for path, content in proofs.take_marks(program_id).items():
            out.put(path, content, _mark_modified(pub, program_id))
    for path, content in (proofs.files | proofs.rest()).items():  # status lists, certificates left
        out.put(path, content, None)  # (no date of their own to state)
    out.put(MANIFEST, manifest(pub, out.entries, out.modified), None)
    return ApiFiles(out.files, skipped)


def api_files(pub: Publication, *, signer: Signer | None = None) -> dict[str, bytes]:
    """Every file under /api/v1/, by path relative to it."""
    return build_api_files(pub, signer=signer).files


# The committee's settings file (governance/registry.yaml) is not catalogue data: its schema stays out of the API.
UNPUBLISHED_SCHEMAS = {"registry.schema.json"}


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


def write_api_files(pub: Publication, out_dir: Path, *, signer: Signer | None = None) -> ApiFiles:
    """Write every /api/v1/ file under out_dir/api/v1/ as it is made; remove files there this run did not write.
    Returns their paths (`written`) and the programs without a CTDL file."""
    root = Path(out_dir) / API_PATH
    written: list[str] = []
    folders: set[Path] = set()

    def write(relative: str, content: bytes) -> None:
        path = root / relative
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        write_file(path, content)
        written.append(relative)

    result = build_api_files(pub, signer=signer, sink=write)
    # The strings kept already, not a second set of 200,000 full paths: the end of a build's copy is its peak
    keep = set(written)
    start = len(str(root)) + 1  # of a path relative to root, in what os.walk gives
    for folder, _subfolders, names in os.walk(root, topdown=False):  # deepest first, so emptied folders go too
        for name in names:
            file = os.path.join(folder, name)
            if file[start:] not in keep:
                os.unlink(file)
        if folder != str(root) and not os.listdir(folder):
            os.rmdir(folder)
    del keep
    written.sort(key=_path_order)
    result.written = written
    return result


def _path_order(relative: str) -> str:
    """Sorts paths folder by folder ("a/x" before "a-b/x", as `relative.split("/")` would, without a list of
    parts for each of 200,000 paths): no path holds a NUL, which sorts before every other character."""
    return relative.replace("/", "\0")
