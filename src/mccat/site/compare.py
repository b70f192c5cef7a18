"""Comparing programs: the comparison table of each field of study and the side-by-side tool.

Two things are built here, per language, from the views `SitePages` already
computes (so a value reads the same on the program page, in a comparison
table and in the tool, and every label comes from the schema, the
vocabularies or the interface text, through mccat.site.language):

- `compare/{field}/`: for each ISCED-F narrow field that has programs, one
  table row per program and a column per descriptor that matters when
  choosing (COLUMNS). Static HTML; the page's script only adds sorting.
- `compare/`: the side-by-side tool. Its page carries the descriptor rows
  (labels and order, `ToolSection`s); the values come from one small JSON
  file per program and language, `compare/data/{provider}/{slug}.json`
  (`tool_record`), which the browser fetches only for the programs it shows.
  An id without a file is an unknown program. The files are display data,
  formatted for the language (dates, money, vocabulary labels); the plain
  records for other systems are the /api/v1/ files. They are lean, since
  there are two per program: the rows' values are a list in the page's row
  order (`data_keys`, checked by a fingerprint the page and the file share),
  a value that is only text is a string, and what decides "the same" is the
  normalised value itself when it is short and a digest of it otherwise.

Pages and files are listed in catalogue order, values in a fixed order, so
the output is deterministic.
"""

from __future__ import annotations

import base64
import hashlib
import json
import unicodedata
from functools import cached_property
from typing import Any

import orjson

from mccat.model.catalogue import Program
from mccat.model.vocabulary import broad_field
from mccat.publish.canonical_json import json_bytes
from mccat.publish.urls import Urls
from mccat.site.listings import Listings
from mccat.site.programs import ProgramViews
from mccat.site.value_html import mark_japanese
from mccat.site.views import (
    Cell,
    Column,
    CompareIndex,
    FieldComparison,
    Heading,
    PageSpec,
    ProgramView,
    Row,
    TableRow,
    ToolRow,
    ToolSection,
    Value,
)

INDEX_SRC = "compare/index.md"

# The tool's key facts, first and in this order (schema paths, and the rows the browser computes from the
# offerings and today's date: the next start and its application deadline).
COMPUTED = ("next_start", "next_deadline")
KEY_FACTS = (
    "effort.hours",
    "effort.ects",
    "recognition.credits",
    "fee.amount",
    "delivery.mode",
    "languages",
    "level.eqf",
    "record.status",  # the program's state and validity, from the committee's decisions
    "record.valid_until",
    *COMPUTED,
)

# The comparison tables' columns: (key, the schema path whose title heads the column, numeric sort); a column
# without a path is headed by interface text ("record.<key>").
COLUMNS: tuple[tuple[str, str, bool], ...] = (
    ("hours", "effort.hours", True),
    ("mode", "delivery.mode", False),
    ("languages", "languages", False),
    ("fee", "fee", True),
    ("assessment", "assessment.types", False),
    ("recognition", "recognition", False),
    ("level", "level", True),
    ("credential", "credential.formats", False),
    ("stackability", "stackability", False),
    ("quality_assurance", "quality_assurance.types", False),
    ("status", "", False),  # the program's state: its label is interface text (record.status)
)


class Comparison:
    """The comparison pages and the tool's data files of one language."""

    def __init__(self, programs: ProgramViews, listings: Listings):
        self.programs = programs
        self.listings = listings
        self.language = programs.language
        self.catalogue = programs.catalogue

    # -- pages

    def pages(self) -> list[PageSpec]:
        """The tool (in the nav) and one table per field (out of it: there can be dozens)."""
        lang = self.language
        specs = [
            PageSpec(
                INDEX_SRC,
                lang.t("compare.title"),
                "mc/compare.html",
                "compare",
                in_nav=True,
                description=lang.t("compare.description"),
            )
        ]
        for code in self.listings.field_codes:
            label = lang.term("isced_field", code)
            specs.append(
                PageSpec(
                    f"compare/{code}.md",
                    lang.t("compare.field_title", field=label),
                    "mc/compare-field.html",
                    "compare_field",
                    code,
                    description=lang.t("compare.field_description", field=label),
                )
            )
        return specs

    def headings(self) -> tuple[Heading, ...]:
        lang = self.language
        return (
            Heading("tool", lang.t("compare.tool")),
            Heading("by-field", lang.t("compare.by_field")),
            *(Heading(f"field-{group.code}", group.label) for group in self.index.groups),
        )

    # -- the index page: the tool's rows and the tables by broad field

    @cached_property
    def index(self) -> CompareIndex:
        return CompareIndex(
            sections=self.tool_sections,
            groups=self.listings.field_groups(Urls.compare_field_path),
            data_key=self.data_key,
        )

    # -- comparison table of one field

    @cached_property
    def columns(self) -> tuple[Column, ...]:
        lang = self.language
        return tuple(
            Column(key, lang.label(path) if path else lang.t(f"record.{key}"), numeric)
            for key, path, numeric in COLUMNS
        )

    def field_comparison(self, code: str) -> FieldComparison:
        lang, summaries = self.language, self.programs.summaries
        term = lang.vocab["isced_field"].terms[code]
        programs = sorted(self.listings.programs_by_field.get(code, []), key=lambda p: summaries[p.id].sort_key)
        return FieldComparison(
            code=code,
            label=term.label[lang.code],
            broad=lang.term("isced_broad_field", broad_field(code)),
            description=term.description.get(lang.code, ""),
            count=lang.program_count(len(programs)),
            columns=self.columns,
            rows=tuple(TableRow(summaries[p.id], self.cells(p)) for p in programs),
            program_label=lang.t("compare.program"),
        )

    def cells(self, program: Program) -> tuple[Cell, ...]:
        """One program's cells, in COLUMNS order."""
        lang, data = self.language, program.data
        fee = data.get("fee")
        level = data.get("level", {})
        recognition = data.get("recognition", {})
        stack = data.get("stackability")

        credits = self.programs.credits(program)
        recognised = [v for v in (credits, *(lang.text(body) for body in recognition.get("recognised_by", []))) if v]
        if not recognised and (description := lang.text(recognition.get("description"))):
            recognised = [description]

        level_values = [Value(lang.eqf(level["eqf"]))] if "eqf" in level else []
        description = lang.text(level.get("description"))
        if description:
            level_values.append(Value(description.text, description.lang, muted=bool(level_values)))

        stack_values = []
        if stack:
            stack_values = [
                Value(lang.yes_no(stack["stackable"])),
                *self.programs.stacks_into(program),
                *self.programs.stacks_into_external(program),
            ]

        return (
            Cell("hours", (Value(lang.hours(data["effort"]["hours"])),), _number(data["effort"]["hours"])),
            Cell("mode", tuple(lang.terms("delivery_mode", [data["delivery"]["mode"]]))),
            Cell("languages", tuple(lang.terms("language", data["languages"]))),
            Cell(
                "fee",
                (Value(lang.fee(fee)),) if fee else (),
                _number(fee["amount"]) if fee else "",
                fee["currency"] if fee else "",
            ),
            Cell(
                "assessment",
                tuple(lang.terms("assessment_type", data["assessment"]["types"]) or [Value(lang.t("program.none"))]),
                layout="list",
            ),
            Cell("recognition", tuple(recognised), layout="list"),
            Cell("level", tuple(level_values), _number(level["eqf"]) if "eqf" in level else "", layout="list"),
            Cell("credential", tuple(lang.terms("credential_format", data["credential"]["formats"])), layout="list"),
            Cell("stackability", tuple(stack_values), layout="list"),
            Cell("quality_assurance", tuple(lang.terms("qa_type", data["quality_assurance"]["types"])), layout="list"),
            Cell("status", (Value(self.programs.summaries[program.id].status.label),)),
        )

    # -- the side-by-side tool

    def tool_rows(self, program: Program, view: ProgramView | None = None) -> list[tuple[str, str, Row]]:
        """Every descriptor of the program page (its `view`, made here if not given), in its order: (section id,
        section title, row)."""
        lang = self.language
        view = view or self.programs.view(program)
        rows: list[tuple[str, str, Row]] = []
        for section in view.sections:
            rows += [(section.id, section.title, row) for row in section.rows]
            if section.id == "overview":
                rows.append(
                    (
                        section.id,
                        section.title,
                        Row("learning_outcomes", lang.label("learning_outcomes"), view.outcomes, "list"),
                    )
                )
            if section.id == "fee":
                rows.append(
                    (
                        section.id,
                        section.title,
                        Row("offerings", lang.label("offerings"), self._offerings(program), "list"),
                    )
                )
        return rows

    def _offerings(self, program: Program) -> tuple[Value, ...]:
        """The program page's offerings as one line each, past ones muted."""
        lang = self.language
        values = []
        for offering in self.programs.offerings(program):
            text = offering.start + (f" – {offering.end}" if offering.end else "")
            if offering.deadline:
                text += lang.t(
                    "compare.deadline", label=lang.label("offerings.application_deadline"), date=offering.deadline
                )
            values.append(Value(text, muted=offering.past))
        return tuple(values)

    @cached_property
    def tool_sections(self) -> tuple[ToolSection, ...]:
        """The tool's rows, for reading across programs: the key facts first (two of them computed in the
        browser from the offerings and today's date), then the program page's other descriptors in its order,
        then its long texts (collapsed until asked for). Every program has every row (a descriptor that is not
        stated is a row without values), so the first program gives them all; test_compare checks each data file
        has exactly these."""
        lang = self.language
        rows: dict[str, ToolRow] = {}
        sections: dict[str, tuple[str, list[str]]] = {}
        for program in list(self.catalogue.programs.values())[:1]:
            for section_id, title, row in self.tool_rows(program):
                rows[row.key] = ToolRow(row.key, mark_japanese(row.label, lang.code), row.layout)
                if row.key in KEY_FACTS:
                    continue
                target = ("texts", lang.t("compare.long_texts")) if row.layout == "block" else (section_id, title)
                if row.key == "learning_outcomes":
                    target = ("texts", lang.t("compare.long_texts"))
                sections.setdefault(target[0], (target[1], []))[1].append(row.key)
        for key in COMPUTED:
            rows[key] = ToolRow(key, lang.t(f"compare.{key}"), "inline", computed=True)
        key_facts = ToolSection("key", lang.t("compare.key_facts"), tuple(rows[k] for k in KEY_FACTS if k in rows))
        texts = sections.pop("texts", None)
        ordered = [key_facts]
        ordered += [ToolSection(sid, title, tuple(rows[k] for k in keys)) for sid, (title, keys) in sections.items()]
        if texts:
            ordered.append(ToolSection("texts", texts[0], tuple(rows[k] for k in texts[1]), collapsed=True))
        return tuple(ordered)

    @cached_property
    def data_keys(self) -> tuple[str, ...]:
        """The rows a data file gives values for, in the page's order (every row but the computed ones)."""
        return tuple(row.key for section in self.tool_sections for row in section.rows if not row.computed)

    @cached_property
    def data_key(self) -> str:
        """A fingerprint of `data_keys`, in the tool's page and in every data file: a page and a file from
        different builds (a cached page after a deploy) would pair values with the wrong rows; the tool
        refuses a file whose fingerprint is not its own."""
        return _digest(_canonical(self.data_keys))

    def tool_record(self, program: Program, view: ProgramView | None = None) -> dict[str, Any]:
        """What the tool shows of one program, for its data file: each row's values as the program page shows
        them (`rows`, in `data_keys` order), each row's normalised value (`same`: codes, numbers, ids and plain
        text, which decide "the same"; `_same` makes a long one a digest), and the offerings' dates (ISO and
        as shown: [start, start as shown, deadline, deadline as shown]) for the next start and deadline, which
        depend on the day. The program's page is `Urls.program_path(id)`, which the script knows. `view`: the
        program page's, when the page has made it."""
        summary = self.programs.summaries[program.id]
        rows = {row.key: row for _, _, row in self.tool_rows(program, view)}
        lang = self.language
        offerings = []
        for item in sorted(program.data.get("offerings", []), key=lambda o: o["start"]):
            offering = [item["start"], lang.date(item["start"])]
            if item.get("application_deadline"):
                offering += [item["application_deadline"], lang.date(item["application_deadline"])]
            offerings.append(offering)
        return {
            "id": program.id,
            "key": self.data_key,
            "title": summary.title,
            "provider": summary.provider,
            "status": [summary.status.code, summary.status.label],
            "rows": [[_value_json(v) for v in rows[key].values] for key in self.data_keys],
            "same": [_same(self._norm(program, rows[key])) for key in self.data_keys],
            "offerings": offerings,
        }

    def _norm(self, program: Program, row: Row) -> Any:
        """A row's value for "the same?": the data behind it, not its wording. Codes and numbers compare as
        they are, lists as sorted lists, texts by their words in the page's language (width, case and spacing
        aside), links by the program or provider they lead to."""
        key, data = row.key, program.data
        if key == "provider":
            return program.provider_id
        if key == "provider.country":
            return self.catalogue.providers[program.provider_id].data["country"]
        if key == "stacked_from":
            return sorted(p.id for p in self.catalogue.stacked_from(program.id))
        if key.startswith("record."):  # the record (state, validity, decision...): from decisions, as shown
            return [_normalise(value.text, self.language.code) for value in row.values]
        if key == "fee.amount":
            fee = data.get("fee")
            return [fee["amount"], fee["currency"]] if fee else None
        value: Any = data
        for part in key.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return _normalise(value, self.language.code)

    def data_file(self, program: Program, view: ProgramView | None = None) -> tuple[str, bytes]:
        """The tool's data file of one program: its path relative to the language root, and its bytes. A build
        writes it as the program's page renders, from the page's `view`, so no view outlives its page."""
        return Urls.compare_data_path(program.id), json_bytes(self.tool_record(program, view), compact=True)

    def data_files(self) -> dict[str, bytes]:
        """Every data file of this language, by path relative to the language root."""
        return dict(self.data_file(program) for program in self.catalogue.programs.values())


def _normalise(value: Any, lang: str) -> Any:
    # The most frequent first: a descriptor not stated, then texts and codes (about 40 calls per program and
    # language, with their items).
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return _plain(value)
    if isinstance(value, dict):
        if value.keys() <= {"ja", "en"}:
            return _plain(value.get(lang) or value.get("en" if lang == "ja" else "ja") or "")
        return {k: _normalise(v, lang) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return sorted((_normalise(v, lang) for v in value), key=_canonical)
    if isinstance(value, (int, float)):
        return float(value)
    return value


def _plain(text: str) -> str:
    """A text's words: width, case and spacing aside."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.casefold().split())


def _canonical(value: Any) -> bytes:
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:  # what orjson refuses (an integer beyond 64 bits): the standard library
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _digest(encoded: bytes) -> str:
    """8 characters (48 bits) of the SHA-256 of canonical JSON."""
    return base64.urlsafe_b64encode(hashlib.sha256(encoded).digest()[:6]).decode("ascii")


SAME_SHORT = 16  # bytes of JSON: a normalised value this short is in the file as it is, a longer one as a digest


def _same(norm: Any) -> Any:
    """A row's normalised value as the data file gives it: as it is when short (codes, numbers, dates), else
    "~" and 8 characters of its SHA-256 (48 bits: the tool compares at most 4 programs, so two different
    values pass for "the same" with a chance of about one in 10^13). Only a digest starts with "~" (a short
    text that does is digested too), so a value and a digest are never equal; the tool compares only for
    equality."""
    encoded = _canonical(norm)
    if len(encoded) <= SAME_SHORT and not (isinstance(norm, str) and norm.startswith("~")):
        return norm
    return "~" + _digest(encoded)


def _number(value: float | int) -> str:
    return str(int(value) if float(value).is_integer() else value)


def _value_json(value: Value) -> str | dict[str, Any]:
    """A Value as the tool's script reads it: its text when that is all it has, else only the fields that
    are set."""
    if not (value.lang or value.href or value.external or value.muted):
        return value.text
    item: dict[str, Any] = {"text": value.text}
    if value.lang:
        item["lang"] = value.lang
    if value.href:
        item["href"] = value.href
    if value.external:
        item["external"] = True
    if value.muted:
        item["muted"] = True
    return item
