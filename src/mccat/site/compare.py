"""Comparing programs: the comparison table of each field of study and the side-by-side tool.

Two things are built here, per language, from the views `SitePages` already
computes (so a value reads the same on the program page, in a comparison
table and in the tool, and every label comes from the schema, the
vocabularies or `labels.INTERFACE_TEXT`):

- `compare/{field}/`: for each ISCED-F narrow field that has programs, one
  table row per program and a column per descriptor that matters when
  choosing (COLUMNS). Static HTML; the page's script only adds sorting.
- `compare/`: the side-by-side tool. Its page carries the descriptor rows
  (labels and order, `ToolSection`s); the values come from one small JSON
  file per program and language, `compare/data/{provider}/{slug}.json`
  (`tool_record`), which the browser fetches only for the programs it shows.
  An id without a file is an unknown program. The files are display data,
  formatted for the language (dates, money, vocabulary labels); the plain
  records for other systems are the /api/v1/ files.

Pages and files are listed in catalogue order, values in a fixed order, so
the output is deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, Iterable

from mccat.publish.canonical_json import json_bytes
from mccat.model.catalogue import Program
from mccat.site.formatting import format_date, format_hours, format_number
from mccat.site.pages import (FieldEntry, FieldGroup, Heading, PageSpec, ProgramSummary, Row, SitePages, Value,
                    program_url)
from mccat.model.vocabulary import broad_field

INDEX_SRC = "compare/index.md"
DATA_DIR = "compare/data"  # per language: /{lang}/compare/data/{provider}/{slug}.json


def field_compare_url(code: str) -> str:
    return f"compare/{code}/"


def data_path(program_id: str) -> str:
    """The tool's file for one program, relative to the language root."""
    return f"{DATA_DIR}/{program_id}.json"


# --- what the templates render --------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    key: str
    label: str
    numeric: bool = False  # sorts by the cells' `sort` numbers instead of their text


@dataclass(frozen=True)
class Cell:
    column: str
    values: tuple[Value, ...]  # none: the descriptor is not stated
    sort: str = ""  # for numeric columns: a number, or "" when not stated (sorted last)
    sort_group: str = ""  # numbers compare only within a group (fees: the currency), groups sort first
    layout: str = "inline"  # inline | list


@dataclass(frozen=True)
class TableRow:
    program: ProgramSummary
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class FieldComparison:
    code: str
    label: str
    broad: str
    description: str
    count: str  # "5 programs"
    columns: tuple[Column, ...]
    rows: tuple[TableRow, ...]
    program_label: str  # the head of the first column


@dataclass(frozen=True)
class ToolRow:
    key: str  # the schema path (or "stacked_from"), the key of the values in the data files
    label: str
    layout: str  # inline | list | block


@dataclass(frozen=True)
class ToolSection:
    id: str
    title: str
    rows: tuple[ToolRow, ...]


@dataclass(frozen=True)
class CompareIndex:
    sections: tuple[ToolSection, ...]  # the tool's rows
    groups: tuple[FieldGroup, ...]  # the comparison tables, by broad field


# The comparison tables' columns: (key, the schema path whose title heads the column, numeric sort).
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
    ("status", "approval.status", False),
)


class Comparison:
    """The comparison pages and the tool's data files of one language (built on its SitePages)."""

    def __init__(self, site: SitePages):
        self.site = site
        self.lang = site.lang

    # -- pages

    def pages(self) -> list[PageSpec]:
        """The tool (in the nav) and one table per field (out of it: there can be dozens)."""
        site = self.site
        specs = [PageSpec(INDEX_SRC, site.t("compare.title"), "mc/compare.html", "compare", in_nav=True,
                          description=site.t("compare.description"))]
        for code in site.field_codes:
            label = site.term("isced_field", code)
            specs.append(PageSpec(f"compare/{code}.md", site.t("compare.field_title", field=label),
                                  "mc/compare-field.html", "compare_field", code,
                                  description=site.t("compare.field_description", field=label)))
        return specs

    def view(self, spec: PageSpec) -> CompareIndex | FieldComparison:
        if spec.kind == "compare_field":
            return self.field_comparison(spec.key)
        return self.index

    def headings(self, spec: PageSpec) -> tuple[Heading, ...]:
        if spec.kind != "compare":
            return ()
        return (Heading("tool", self.site.t("compare.tool")),
                Heading("by-field", self.site.t("compare.by_field")),
                *(Heading(f"field-{group.code}", group.label) for group in self.index.groups))

    # -- the index page: the tool's rows and the tables by broad field

    @cached_property
    def index(self) -> CompareIndex:
        site = self.site
        groups: dict[str, list[FieldEntry]] = {}
        for code in site.field_codes:
            groups.setdefault(broad_field(code), []).append(FieldEntry(
                code, site.term("isced_field", code), field_compare_url(code),
                site.program_count(len(site.programs_by_field[code]))))
        return CompareIndex(
            sections=self.tool_sections,
            groups=tuple(FieldGroup(code, site.term("isced_broad_field", code), tuple(entries))
                         for code, entries in groups.items()))

    # -- comparison table of one field

    @cached_property
    def columns(self) -> tuple[Column, ...]:
        return tuple(Column(key, self.site.label(path), numeric) for key, path, numeric in COLUMNS)

    def field_comparison(self, code: str) -> FieldComparison:
        site = self.site
        term = site.vocab["isced_field"].terms[code]
        programs = sorted(site.programs_by_field.get(code, []), key=lambda p: site.summaries[p.id].sort_key)
        return FieldComparison(
            code=code,
            label=term.label[self.lang],
            broad=site.term("isced_broad_field", broad_field(code)),
            description=term.description.get(self.lang, ""),
            count=site.program_count(len(programs)),
            columns=self.columns,
            rows=tuple(TableRow(site.summaries[p.id], self.cells(p)) for p in programs),
            program_label=site.t("compare.program"),
        )

    def cells(self, program: Program) -> tuple[Cell, ...]:
        """One program's cells, in COLUMNS order."""
        site, data, lang = self.site, program.data, self.lang

        def terms(vocabulary: str, codes: Iterable[str]) -> list[Value]:
            return [Value(site.term(vocabulary, code)) for code in codes]

        fee = data.get("fee")
        level = data.get("level", {})
        recognition = data.get("recognition", {})
        credits = recognition.get("credits")
        stack = data.get("stackability")
        status = site.status(program)

        recognised = [Value(site.t("program.credits", value=format_number(credits["value"], lang),
                                   system=site.term("credit_system", credits["system"])))] if credits else []
        recognised += [v for v in (site.text(body) for body in recognition.get("recognised_by", [])) if v]
        if not recognised and recognition.get("description"):
            recognised = [site.text(recognition["description"])]

        level_values = [Value(site.t("program.eqf", level=level["eqf"]))] if "eqf" in level else []
        description = site.text(level.get("description"))
        if description:
            level_values.append(Value(description.text, description.lang, muted=bool(level_values)))

        stack_values = []
        if stack:
            stack_values.append(Value(site.t("program.yes" if stack["stackable"] else "program.no")))
            stack_values += [self._program_link(pid) for pid in stack.get("stacks_into", [])]
            stack_values += [Value(site.plain(item["title"]), href=item.get("url"), external=bool(item.get("url")))
                             for item in stack.get("stacks_into_external", [])]

        return (
            Cell("hours", (Value(format_hours(data["effort"]["hours"], lang)),), _number(data["effort"]["hours"])),
            Cell("mode", tuple(terms("delivery_mode", [data["delivery"]["mode"]]))),
            Cell("languages", tuple(terms("language", data["languages"]))),
            Cell("fee", (Value(site.fee_text(fee)),) if fee else (), _number(fee["amount"]) if fee else "",
                 fee["currency"] if fee else ""),
            Cell("assessment", tuple(terms("assessment_type", data["assessment"]["types"])
                                     or [Value(site.t("program.none"))]), layout="list"),
            Cell("recognition", tuple(recognised), layout="list"),
            Cell("level", tuple(level_values), _number(level["eqf"]) if "eqf" in level else "", layout="list"),
            Cell("credential", tuple(terms("credential_format", data["credential"]["formats"])), layout="list"),
            Cell("stackability", tuple(stack_values), layout="list"),
            Cell("quality_assurance", tuple(terms("qa_type", data["quality_assurance"]["types"])), layout="list"),
            Cell("status", (Value(status.label),)),
        )

    def _program_link(self, program_id: str) -> Value:
        program = self.site.catalogue.programs.get(program_id)
        if program is None:  # the validator refuses this; show the id rather than fail
            return Value(program_id)
        return Value(self.site.plain(program.title), href=program_url(program_id))

    # -- the side-by-side tool

    def tool_rows(self, program: Program) -> list[tuple[str, str, Row]]:
        """Every descriptor of the program page, in its order: (section id, section title, row)."""
        site = self.site
        view = site.program_view(program)
        rows: list[tuple[str, str, Row]] = []
        for section in view.sections:
            rows += [(section.id, section.title, row) for row in section.rows]
            if section.id == "overview":
                rows.append((section.id, section.title,
                             Row("learning_outcomes", site.label("learning_outcomes"), view.outcomes, "list")))
            if section.id == "fee":
                rows.append((section.id, section.title,
                             Row("offerings", site.label("offerings"), self._offerings(program), "list")))
        return rows

    def _offerings(self, program: Program) -> tuple[Value, ...]:
        site, lang = self.site, self.lang
        values = []
        for item in sorted(program.data.get("offerings", []), key=lambda o: o["start"]):
            text = format_date(item["start"], lang)
            if item.get("end"):
                text += f" – {format_date(item['end'], lang)}"
            if item.get("application_deadline"):
                text += site.t("compare.deadline", label=site.label("offerings.application_deadline"),
                               date=format_date(item["application_deadline"], lang))
            last_day = item.get("end") or item["start"]
            values.append(Value(text, muted=last_day < site.today.isoformat()))
        return tuple(values)

    @cached_property
    def tool_sections(self) -> tuple[ToolSection, ...]:
        """The tool's rows: every row any program has, in program-page order (the same for every program)."""
        # Every program has every row (a descriptor that is not stated is a row without values),
        # so the first program gives them all; test_compare checks each data file has exactly these.
        sections: dict[str, tuple[str, list[ToolRow]]] = {}
        for program in list(self.site.catalogue.programs.values())[:1]:
            for section_id, title, row in self.tool_rows(program):
                sections.setdefault(section_id, (title, []))[1].append(ToolRow(row.key, row.label, row.layout))
        return tuple(ToolSection(sid, title, tuple(rows)) for sid, (title, rows) in sections.items())

    def tool_record(self, program: Program) -> dict[str, Any]:
        """What the tool shows of one program, for its data file."""
        site = self.site
        summary = site.summaries[program.id]
        return {
            "id": program.id,
            "lang": self.lang,
            "title": summary.title,
            "url": summary.url,
            "provider": summary.provider,
            "status": {"code": summary.status.code, "label": summary.status.label},
            "rows": {row.key: [_value_json(v) for v in row.values] for _, _, row in self.tool_rows(program)},
        }

    def data_files(self) -> dict[str, bytes]:
        """The tool's data files of this language, by path relative to the language root."""
        return {data_path(program.id): json_bytes(self.tool_record(program), compact=True)
                for program in self.site.catalogue.programs.values()}


def _number(value: float | int) -> str:
    return str(int(value) if float(value).is_integer() else value)


def _value_json(value: Value) -> dict[str, Any]:
    """A Value as the tool's script reads it: only the fields that are set."""
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
