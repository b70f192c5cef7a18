"""The catalogue's pages in one language: which pages exist, their URLs, and what each shows.

`SitePages` is computed once per build and language. It lists the generated
pages (program, provider and field pages, and the three list pages) and
builds the view each page template renders: values already chosen for the
language, formatted, and labelled from the schema and vocabularies. The
templates only lay them out. Nothing here knows about MkDocs; the hook turns
`PageSpec`s into MkDocs files and hands views to the templates.

URLs are relative to the language's root (`/ja/`, `/en/`) and end in a slash
(MkDocs' directory URLs): `programs/{provider}/{slug}/`, `providers/{id}/`,
`fields/{code}/`. Every page exists in both languages at the same path, which
is what makes the language switch and the hreflang alternates possible.

Per-page work is constant: the indexes every page needs (programs per
provider, per field, what stacks into what) are built once, so a page costs
the same in a catalogue of 30 programs or 5,000.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, Callable, Iterable

import yaml

from mccat import LANGUAGES
from mccat.model.catalogue import Catalogue, Program, Provider
from mccat.model.conformance import FrameworkResult, check_conformance
from mccat.site.formatting import (country_name, format_count, format_date, format_hours, format_money,
                         format_number, format_weeks, localized)
from mccat.model.history import Change, History
from mccat.site.labels import descriptor_index, descriptor_label, interface_text
from mccat.model.schema import Descriptor
from mccat.site.search import program_record, provider_record, search_page_view
from mccat.model.vocabulary import broad_field, vocabularies

RECENT_PROGRAMS = 6
PROGRAM_SECTIONS = ("overview", "outcomes", "delivery", "assessment", "credential", "fee", "approval",
                    "conformance", "data")
API_ROOT = "../api/v1"  # machine-readable files live beside /ja/ and /en/, at /api/v1/


# --- URLs -----------------------------------------------------------------------------------------

def program_url(program_id: str) -> str:
    return f"programs/{program_id}/"


def provider_url(provider_id: str) -> str:
    return f"providers/{provider_id}/"


def field_url(code: str) -> str:
    return f"fields/{code}/"


def api_urls(program_id: str) -> dict[str, str]:
    """The program's machine-readable files, relative to a language root (written by mccat.publish.exports)."""
    return {"jsonld": f"{API_ROOT}/programs/{program_id}.jsonld", "json": f"{API_ROOT}/programs/{program_id}.json"}


# --- the site as every template sees it -----------------------------------------------------------

LANGUAGE_NAMES = {"ja": "日本語", "en": "English"}


@dataclass(frozen=True)
class Language:
    code: str
    name: str


@dataclass(frozen=True)
class SiteInfo:
    """What any template may ask: the page language, the other languages, where the site lives."""

    lang: str
    root_url: str  # the site's root, above /ja/ and /en/, ending in "/"
    is_example: bool

    @property
    def languages(self) -> tuple[Language, ...]:
        return tuple(Language(code, LANGUAGE_NAMES[code]) for code in LANGUAGES)

    @property
    def others(self) -> tuple[Language, ...]:
        return tuple(language for language in self.languages if language.code != self.lang)

    def t(self, key: str, **values: object) -> str:
        return interface_text(key, self.lang, **values)

    def number(self, value: float | int) -> str:
        return format_number(value, self.lang)

    def t_in(self, lang: str, key: str, **values: object) -> str:
        """Interface text in a given language, for the bilingual pages at the site root."""
        return interface_text(key, lang, **values)

    @property
    def root_path(self) -> str:
        """The site root's path on its host ("/" or "/registry/"), for pages whose location is unknown (404)."""
        return urlsplit(self.root_url).path or "/"

    def absolute_url(self, code: str, page_url: str | None = "") -> str:
        """The full URL of a page (by its URL inside a language) in language `code`, for hreflang."""
        return f"{self.root_url}{code}/{page_url or ''}"

    def alternate_href(self, code: str, page_url: str | None, base_url: str) -> str:
        """A relative link to the same page in language `code`.

        `base_url` leads from the page to its language root ("../.." or "."; an
        absolute "/ja/" on error pages), so one more "../" reaches the site root.
        """
        return f"{base_url.rstrip('/')}/../{code}/{page_url or ''}"


class SharedFragments:
    """Template fragments that come out the same on many pages, rendered once per build.

    The navigation and table of contents of a page that is not in the nav depend
    only on the page's kind and depth: every program page has the same ones. At
    thousands of program pages, rendering them once saves about a quarter of
    the build (overrides/main.html, block site_nav).
    """

    def __init__(self) -> None:
        self._rendered: dict[str, str] = {}

    def once(self, key: str, render: Callable[[], str]) -> str:
        """What `render` gave the first time it was asked for this key."""
        rendered = self._rendered.get(key)
        if rendered is None:
            rendered = self._rendered[key] = render()
        return rendered


# --- what a page is -------------------------------------------------------------------------------

@dataclass(frozen=True)
class PageSpec:
    """One generated page: where it lives in the docs tree, its title and the template that renders it."""

    src_uri: str
    title: str
    template: str
    kind: str  # program | provider | field | programs | fields | providers
    key: str = ""  # the program, provider or field it shows
    in_nav: bool = False
    description: str = ""  # for <meta name="description">

    @property
    def url(self) -> str:
        stem = self.src_uri[:-len(".md")]
        return "" if stem == "index" else (stem[:-len("index")] if stem.endswith("/index") else stem + "/")


@dataclass(frozen=True)
class Heading:
    """A section heading for the page's table of contents."""

    id: str
    title: str


# --- values the templates show --------------------------------------------------------------------

@dataclass(frozen=True)
class Value:
    """One shown value: text (with `lang` set when it is not in the page's language), maybe a link."""

    text: str
    lang: str | None = None
    href: str | None = None  # relative to the language root unless external
    external: bool = False
    muted: bool = False


@dataclass(frozen=True)
class Row:
    """A labelled descriptor. `key` is the schema path; no values means the descriptor is not stated."""

    key: str
    label: str
    values: tuple[Value, ...]
    layout: str = "inline"  # inline | list | block


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    rows: tuple[Row, ...] = ()


@dataclass(frozen=True)
class Status:
    code: str  # active | suspended | withdrawn | expired
    label: str
    note: str = ""


@dataclass(frozen=True)
class ProgramSummary:
    """A program as list pages show it."""

    id: str
    url: str
    title: str
    summary: Value
    provider: str
    provider_url: str
    hours: str
    mode: str
    languages: str
    fee: str
    status: Status
    approved_on: str
    sort_key: tuple = field(compare=False, default=())


@dataclass(frozen=True)
class Offering:
    start: str
    end: str
    deadline: str
    past: bool


@dataclass(frozen=True)
class ChangeView:
    date: str
    subject: str
    commit: str
    short_commit: str
    commit_url: str | None
    pull_request: int | None
    pull_request_url: str | None


@dataclass(frozen=True)
class HistoryView:
    available: bool
    first: ChangeView | None
    last: ChangeView | None
    changes: tuple[ChangeView, ...]


@dataclass(frozen=True)
class ElementView:
    label: str
    status: str
    status_label: str


@dataclass(frozen=True)
class ConformanceView:
    key: str
    name: str
    present: int
    total: int
    complete: bool
    missing: tuple[str, ...]
    elements: tuple[ElementView, ...]


@dataclass(frozen=True)
class DataLink:
    key: str
    label: str
    href: str
    external: bool = False
    media_type: str = ""


@dataclass(frozen=True)
class ProgramView:
    id: str
    title: str
    summary: Value
    status: Status
    provider: str
    provider_url: str
    facts: tuple[Row, ...]
    sections: tuple[Section, ...]
    outcomes: tuple[Value, ...]
    offerings: tuple[Offering, ...]
    offering_labels: dict[str, str]
    history: HistoryView
    conformance: tuple[ConformanceView, ...]
    data_links: tuple[DataLink, ...]
    jsonld_href: str
    headings: tuple[Heading, ...]


@dataclass(frozen=True)
class ProviderSummary:
    id: str
    url: str
    name: str
    type: str
    country: str
    programs: str
    sort_key: tuple = field(compare=False, default=())


@dataclass(frozen=True)
class ProviderView:
    id: str
    name: str
    rows: tuple[Row, ...]
    programs: tuple[ProgramSummary, ...]
    programs_title: str


@dataclass(frozen=True)
class FieldEntry:
    code: str
    label: str
    url: str
    count: str


@dataclass(frozen=True)
class FieldGroup:
    code: str
    label: str
    fields: tuple[FieldEntry, ...]


@dataclass(frozen=True)
class FieldView:
    code: str
    label: str
    description: str
    broad: str
    programs: tuple[ProgramSummary, ...]


@dataclass(frozen=True)
class Stat:
    key: str
    value: str
    label: str


@dataclass(frozen=True)
class HomeView:
    stats: tuple[Stat, ...]
    recent: tuple[ProgramSummary, ...]
    browse: tuple[DataLink, ...]


@dataclass(frozen=True)
class DescriptorDoc:
    name: str  # dotted path, as written in YAML
    depth: int
    title: str
    other_title: str
    description: str
    required: bool
    example: str
    values: tuple[str, ...]  # "code — label" for vocabulary-backed fields


@dataclass(frozen=True)
class DescriptorReference:
    program: tuple[DescriptorDoc, ...]
    provider: tuple[DescriptorDoc, ...]


# --- the site in one language ---------------------------------------------------------------------

def sort_text(text: str) -> str:
    """A sort key that ignores case and full-width/half-width differences."""
    return unicodedata.normalize("NFKC", text).casefold()


class SitePages:
    """Every generated page of one language, and the view each page's template renders."""

    def __init__(self, catalogue: Catalogue, *, lang: str, today: date, history: History | None = None,
                 repo_url: str | None = None):
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language '{lang}'; the site has {', '.join(LANGUAGES)}")
        self.catalogue = catalogue
        self.lang = lang
        self.today = today
        self.history = history or History()
        self.repo_url = repo_url.rstrip("/") if repo_url else None
        self.vocab = vocabularies()
        self._program_views: dict[str, ProgramView] = {}

    # -- helpers

    def t(self, key: str, **values: object) -> str:
        return interface_text(key, self.lang, **values)

    def label(self, path: str, kind: str = "program") -> str:
        return descriptor_label(kind, path, self.lang)

    def term(self, vocabulary: str, code: str) -> str:
        return self.vocab[vocabulary].label(code, self.lang)

    def text(self, value: dict[str, str] | None) -> Value | None:
        local = localized(value, self.lang)
        if local is None:
            return None
        return Value(local.text, lang=None if local.lang == self.lang else local.lang)

    def plain(self, value: dict[str, str]) -> str:
        local = localized(value, self.lang)
        return local.text if local else ""

    def _row(self, path: str, values: Iterable[Value | None], layout: str = "inline", kind: str = "program") -> Row:
        return Row(path, self.label(path, kind), tuple(v for v in values if v is not None), layout)

    def _terms(self, vocabulary: str, codes: Iterable[str]) -> list[Value]:
        return [Value(self.term(vocabulary, code)) for code in codes]

    # -- the list of pages

    @cached_property
    def pages(self) -> dict[str, PageSpec]:
        """Every generated page by src_uri, in a stable order."""
        specs = [
            PageSpec("programs/index.md", self.t("list.programs"), "mc/programs.html", "programs", in_nav=True),
            PageSpec("fields/index.md", self.t("list.fields"), "mc/fields.html", "fields", in_nav=True),
            PageSpec("providers/index.md", self.t("list.providers"), "mc/providers.html", "providers", in_nav=True),
            PageSpec("search/index.md", self.t("search.title"), "mc/search.html", "search",
                     description=self.t("search.description")),
        ]
        for provider in self.catalogue.providers.values():
            specs.append(PageSpec(f"providers/{provider.id}.md", self.plain(provider.name), "mc/provider.html",
                                  "provider", provider.id))
        for code in self.field_codes:
            specs.append(PageSpec(f"fields/{code}.md", self.term("isced_field", code), "mc/field.html",
                                  "field", code))
        for program in self.catalogue.programs.values():
            specs.append(PageSpec(f"programs/{program.id}.md", self.plain(program.title), "mc/program.html",
                                  "program", program.id, description=self.plain(program.data["summary"])))
        specs += self.comparison.pages()
        return {spec.src_uri: spec for spec in specs}

    def context(self, spec: PageSpec | None, template: str | None = None) -> dict[str, Any]:
        """The variables a page's template needs: by page kind, or by template for hand-written pages.

        One variable, `view`: Material's templates use many short names (`provider` among them);
        program and provider pages also get `search_record`, their Pagefind metadata (mccat.site.search).
        """
        context = {"view": self.view(spec, template)}
        if spec is not None and spec.kind == "program":
            context["search_record"] = program_record(self.catalogue.programs[spec.key], self.summaries[spec.key])
        elif spec is not None and spec.kind == "provider":
            context["search_record"] = provider_record()
        return context

    def view(self, spec: PageSpec | None, template: str | None = None) -> Any:
        """The one object a page's template renders (`view` in the template), or None."""
        if spec is not None:
            if spec.kind == "program":
                return self.program_view(self.catalogue.programs[spec.key])
            if spec.kind == "provider":
                return self.provider_view(self.catalogue.providers[spec.key])
            if spec.kind == "field":
                return self.field_view(spec.key)
            if spec.kind == "programs":
                return self.all_programs
            if spec.kind == "fields":
                return self.field_groups
            if spec.kind == "providers":
                return self.all_providers
            if spec.kind == "search":
                return search_page_view(self.catalogue, self.lang)
            if spec.kind in ("compare", "compare_field"):
                return self.comparison.view(spec)
        if template == "mc/home.html":
            return self.home_view
        if template == "mc/descriptors.html":
            return self.descriptor_reference
        return None

    def headings(self, spec: PageSpec | None, template: str | None = None) -> tuple[Heading, ...]:
        """Headings the template adds to the page, for its table of contents."""
        if spec is not None and spec.kind == "program":
            return self.program_headings
        if spec is not None and spec.kind in ("compare", "compare_field"):
            return self.comparison.headings(spec)
        if spec is not None and spec.kind == "fields":
            return tuple(Heading(f"field-{g.code}", g.label) for g in self.field_groups)
        if template == "mc/home.html":
            return (Heading("in-numbers", self.t("home.in_numbers")), Heading("recent", self.t("home.recent")))
        if template == "mc/descriptors.html":
            return (Heading("program-descriptors", self.t("reference.program")),
                    Heading("provider-descriptors", self.t("reference.provider")))
        return ()

    # -- indexes built once

    @cached_property
    def comparison(self):
        """The comparison pages and the compare tool's data (mccat.site.compare builds on these pages)."""
        from mccat.site.compare import Comparison  # imported here: compare imports this module
        return Comparison(self)

    @cached_property
    def field_codes(self) -> list[str]:
        """ISCED-F narrow fields that have programs, in vocabulary order."""
        used = {code for program in self.catalogue.programs.values() for code in program.data["fields"]}
        return [code for code in self.vocab["isced_field"].codes if code in used]

    @cached_property
    def programs_by_field(self) -> dict[str, list[Program]]:
        index: dict[str, list[Program]] = {}
        for program in self.catalogue.programs.values():
            for code in program.data["fields"]:
                index.setdefault(code, []).append(program)
        return index

    @cached_property
    def summaries(self) -> dict[str, ProgramSummary]:
        return {p.id: self.program_summary(p) for p in self.catalogue.programs.values()}

    def _sorted(self, programs: Iterable[Program]) -> tuple[ProgramSummary, ...]:
        return tuple(sorted((self.summaries[p.id] for p in programs), key=lambda s: s.sort_key))

    @cached_property
    def all_programs(self) -> tuple[ProgramSummary, ...]:
        return self._sorted(self.catalogue.programs.values())

    @cached_property
    def all_providers(self) -> tuple[ProviderSummary, ...]:
        rows = []
        for provider in self.catalogue.providers.values():
            name = self.plain(provider.name)
            rows.append(ProviderSummary(
                provider.id, provider_url(provider.id), name, self.term("provider_type", provider.data["type"]),
                country_name(provider.data["country"], self.lang),
                self.program_count(len(self.catalogue.programs_of(provider.id))), (sort_text(name), provider.id)))
        return tuple(sorted(rows, key=lambda r: r.sort_key))

    @cached_property
    def field_groups(self) -> tuple[FieldGroup, ...]:
        groups: dict[str, list[FieldEntry]] = {}
        for code in self.field_codes:
            groups.setdefault(broad_field(code), []).append(FieldEntry(
                code, self.term("isced_field", code), field_url(code),
                self.program_count(len(self.programs_by_field[code]))))
        return tuple(FieldGroup(code, self.term("isced_broad_field", code), tuple(entries))
                     for code, entries in groups.items())

    def program_count(self, count: int) -> str:
        if count == 1:
            return self.t("list.program_count_one")
        return self.t("list.program_count", count=format_count(count, self.lang))

    # -- program

    def status(self, program: Program) -> Status:
        code = program.status(self.today)
        approval = program.data["approval"]
        if code == "expired":
            return Status(code, self.t("status.expired"),
                          self.t("program.status_note_expired", date=format_date(approval["valid_until"], self.lang)))
        note = ""
        if code in ("suspended", "withdrawn"):
            note = self.t(f"program.status_note_{code}")
        return Status(code, self.term("approval_status", code), note)

    def fee_text(self, fee: dict[str, Any] | None) -> str:
        if not fee:
            return ""
        if fee["amount"] == 0:
            return self.t("program.free")
        return format_money(fee["amount"], fee["currency"], self.lang)

    def list_text(self, items: Iterable[str]) -> str:
        return ("、" if self.lang == "ja" else ", ").join(items)

    def program_summary(self, program: Program) -> ProgramSummary:
        data = program.data
        provider = self.catalogue.providers[program.provider_id]
        title = self.plain(data["title"])
        return ProgramSummary(
            id=program.id,
            url=program_url(program.id),
            title=title,
            summary=self.text(data["summary"]) or Value(""),
            provider=self.plain(provider.name),
            provider_url=provider_url(provider.id),
            hours=format_hours(data["effort"]["hours"], self.lang),
            mode=self.term("delivery_mode", data["delivery"]["mode"]),
            languages=self.list_text(self.term("language", code) for code in data["languages"]),
            fee=self.fee_text(data.get("fee")),
            status=self.status(program),
            approved_on=format_date(data["approval"]["approved_on"], self.lang),
            sort_key=(sort_text(title), program.id),
        )

    @cached_property
    def program_headings(self) -> tuple[Heading, ...]:
        """The sections of a program page, the same on every program page (and in this order)."""
        return tuple(Heading(section, self.t(f"section.{section}")) for section in PROGRAM_SECTIONS)

    def program_view(self, program: Program) -> ProgramView:
        """The program page's view, computed once: the compare tool's data file shows the same rows."""
        view = self._program_views.get(program.id)
        if view is None:
            view = self._program_views[program.id] = self._compute_program_view(program)
        return view

    def _compute_program_view(self, program: Program) -> ProgramView:
        data = program.data
        provider = self.catalogue.providers[program.provider_id]
        lang = self.lang
        row = self._row
        effort, delivery = data["effort"], data["delivery"]
        assessment, qa = data["assessment"], data["quality_assurance"]
        level, credential = data.get("level", {}), data["credential"]
        recognition, stack = data.get("recognition", {}), data.get("stackability", {})
        fee, approval = data.get("fee"), data["approval"]
        credits = recognition.get("credits")

        overview = Section("overview", self.t("section.overview"), (
            row("provider", [Value(self.plain(provider.name), href=provider_url(provider.id))]),
            Row("provider.country", self.label("country", "provider"),
                (Value(country_name(provider.data["country"], lang)),)),
            row("description", [self.text(data["description"])], "block"),
            row("audience", [self.text(data.get("audience"))], "block"),
            row("prerequisites", [self.text(data.get("prerequisites"))], "block"),
            row("fields", [Value(self.term("isced_field", code), href=field_url(code)) for code in data["fields"]]),
            row("skills", [self._skill(skill) for skill in data.get("skills", [])]),
            row("url", [Value(data["url"], href=data["url"], external=True)]),
        ))
        delivery_section = Section("delivery", self.t("section.delivery"), (
            row("delivery.mode", self._terms("delivery_mode", [delivery["mode"]])),
            row("delivery.pace", self._terms("pace", [delivery["pace"]])),
            row("delivery.location", [self.text(delivery.get("location"))]),
            row("delivery.description", [self.text(delivery.get("description"))], "block"),
            row("languages", self._terms("language", data["languages"])),
            row("effort.hours", [Value(format_hours(effort["hours"], lang))]),
            row("effort.weeks", [Value(format_weeks(effort["weeks"], lang)) if "weeks" in effort else None]),
            row("effort.ects", [Value(self.t("program.ects", value=format_number(effort["ects"], lang)))
                                if "ects" in effort else None]),
            row("capacity", [Value(self.t("program.learners", count=format_count(data["capacity"], lang)))
                             if "capacity" in data else None]),
        ))
        assessment_section = Section("assessment", self.t("section.assessment"), (
            row("assessment.types", self._terms("assessment_type", assessment["types"])
                or [Value(self.t("program.none"))]),
            row("assessment.identity_verification",
                self._terms("identity_verification", [assessment["identity_verification"]])),
            row("assessment.description", [self.text(assessment.get("description"))], "block"),
            row("quality_assurance.types", self._terms("qa_type", qa["types"])),
            row("quality_assurance.description", [self.text(qa.get("description"))], "block"),
            row("level.eqf", [Value(self.t("program.eqf", level=level["eqf"])) if "eqf" in level else None]),
            row("level.description", [self.text(level.get("description"))]),
        ))
        credential_section = Section("credential", self.t("section.credential"), (
            row("credential.formats", self._terms("credential_format", credential["formats"])),
            row("credential.description", [self.text(credential.get("description"))], "block"),
            row("recognition.credits", [Value(self.t(
                "program.credits", value=format_number(credits["value"], lang),
                system=self.term("credit_system", credits["system"])))] if credits else []),
            row("recognition.recognised_by", [self.text(body) for body in recognition.get("recognised_by", [])],
                "list"),
            row("recognition.description", [self.text(recognition.get("description"))], "block"),
            row("stackability.stackable", [Value(self.t("program.yes" if stack["stackable"] else "program.no"))]
                if stack else []),
            row("stackability.stacks_into", [self._program_link(pid) for pid in stack.get("stacks_into", [])],
                "list"),
            row("stackability.stacks_into_external", [
                Value(self.plain(item["title"]), href=item.get("url"), external=bool(item.get("url")))
                for item in stack.get("stacks_into_external", [])], "list"),
            Row("stacked_from", self.t("program.stacked_from"), tuple(
                self._program_link(p.id) for p in self.catalogue.stacked_from(program.id)), "list"),
        ))
        fee_section = Section("fee", self.t("section.fee"), (
            row("fee.amount", [Value(self.fee_text(fee))] if fee else []),
            row("fee.notes", [self.text(fee.get("notes")) if fee else None], "block"),
        ))
        status = self.status(program)
        approval_section = Section("approval", self.t("section.approval"), (
            row("approval.status", [Value(status.label)]),
            row("approval.approved_on", [Value(format_date(approval["approved_on"], lang))]),
            row("approval.valid_until", [Value(format_date(approval["valid_until"], lang))]),
            row("approval.decision", [Value(approval["decision"])]),
            row("approval.note", [self.text(approval.get("note"))], "block"),
        ))
        sections = (overview, delivery_section, assessment_section, credential_section, fee_section,
                    approval_section)
        facts = (
            row("effort.hours", [Value(format_hours(effort["hours"], lang))]),
            row("delivery.mode", self._terms("delivery_mode", [delivery["mode"]])),
            row("languages", self._terms("language", data["languages"])),
            Row("fee", self.label("fee"), (Value(self.fee_text(fee)),) if fee else ()),
            row("credential.formats", self._terms("credential_format", credential["formats"])),
        )
        urls = api_urls(program.id)
        data_links = [
            DataLink("jsonld", self.t("data.jsonld"), urls["jsonld"], media_type="application/ld+json"),
            DataLink("json", self.t("data.json"), urls["json"], media_type="application/json"),
        ]
        if self.repo_url and self.history.available:
            data_links.append(DataLink("source", self.t("data.source"),
                                       f"{self.repo_url}/blob/HEAD/{self.history.prefix}programs/{program.id}.yaml",
                                       external=True))
        return ProgramView(
            id=program.id,
            title=self.plain(data["title"]),
            summary=self.text(data["summary"]) or Value(""),
            status=status,
            provider=self.plain(provider.name),
            provider_url=provider_url(provider.id),
            facts=facts,
            sections=sections,
            outcomes=tuple(v for v in (self.text(o) for o in data["learning_outcomes"]) if v),
            offerings=self._offerings(data.get("offerings", [])),
            offering_labels={"title": self.label("offerings"),
                             **{key: self.label(f"offerings.{key}") for key in ("start", "end", "application_deadline")}},
            history=self.history_view(program),
            conformance=self.conformance_view(program, provider),
            data_links=tuple(data_links),
            jsonld_href=urls["jsonld"],
            headings=self.program_headings,
        )

    def _skill(self, skill: dict[str, Any]) -> Value | None:
        text = self.text(skill["label"])
        if text is None:
            return None
        if skill.get("esco"):
            return Value(text.text, text.lang, href=skill["esco"], external=True)
        return text

    def _program_link(self, program_id: str) -> Value:
        program = self.catalogue.programs.get(program_id)
        title = self.plain(program.title) if program else program_id
        return Value(title, href=program_url(program_id) if program else None)

    def _offerings(self, offerings: list[dict[str, str]]) -> tuple[Offering, ...]:
        rows = []
        for item in sorted(offerings, key=lambda o: o["start"]):
            last_day = item.get("end") or item["start"]
            rows.append(Offering(
                format_date(item["start"], self.lang),
                format_date(item["end"], self.lang) if item.get("end") else "",
                format_date(item["application_deadline"], self.lang) if item.get("application_deadline") else "",
                date.fromisoformat(last_day) < self.today,
            ))
        return tuple(rows)

    def _change(self, change: Change) -> ChangeView:
        return ChangeView(format_date(change.date, self.lang), change.subject, change.commit, change.short_commit,
                          change.commit_url, change.pull_request, change.pull_request_url)

    def history_view(self, program: Program) -> HistoryView:
        changes = tuple(self._change(c) for c in self.history.of(f"programs/{program.id}.yaml"))
        return HistoryView(self.history.available, changes[-1] if changes else None,
                           changes[0] if changes else None, changes)

    def conformance_view(self, program: Program, provider: Provider) -> tuple[ConformanceView, ...]:
        return tuple(self._framework(result) for result in check_conformance(program.data, provider.data))

    def _framework(self, result: FrameworkResult) -> ConformanceView:
        def element_label(element) -> str:
            if element.label:
                return element.label[self.lang]
            kind, _, path = element.fields[0].partition(":")
            return self.label(path, kind)

        return ConformanceView(
            key=result.framework.key,
            name=result.framework.name[self.lang],
            present=result.present_count,
            total=result.counted,
            complete=result.complete,
            missing=tuple(element_label(r.element) for r in result.missing),
            elements=tuple(ElementView(element_label(r.element), r.status, self.t(f"conformance.status.{r.status}"))
                           for r in result.elements),
        )

    # -- provider and field pages

    def provider_view(self, provider: Provider) -> ProviderView:
        data = provider.data
        row = self._row
        rows = (
            row("type", self._terms("provider_type", [data["type"]]), kind="provider"),
            row("country", [Value(country_name(data["country"], self.lang))], kind="provider"),
            row("url", [Value(data["url"], href=data["url"], external=True)], kind="provider"),
            row("description", [self.text(data["description"])], "block", kind="provider"),
            row("quality_assurance", [self.text(data.get("quality_assurance"))], "block", kind="provider"),
            row("maintainers", [Value(f"@{name}", href=f"https://github.com/{name}", external=True)
                                for name in data["maintainers"]], kind="provider"),
        )
        programs = self._sorted(self.catalogue.programs_of(provider.id))
        return ProviderView(provider.id, self.plain(provider.name), rows, programs,
                            self.t("list.programs_of_provider"))

    def field_view(self, code: str) -> FieldView:
        term = self.vocab["isced_field"].terms[code]
        return FieldView(code, term.label[self.lang], term.description.get(self.lang, ""),
                         self.term("isced_broad_field", broad_field(code)),
                         self._sorted(self.programs_by_field.get(code, [])))

    # -- home page and descriptor reference

    @cached_property
    def home_view(self) -> HomeView:
        programs = list(self.catalogue.programs.values())
        open_programs = [p for p in programs if p.status(self.today) == "active"]

        def stat(key: str, count: int) -> Stat:
            return Stat(key, format_count(count, self.lang), self.t(f"home.stat.{key}"))

        stats = (
            stat("programs", len(open_programs)),
            stat("providers", len(self.catalogue.providers)),
            stat("fields", len(self.field_codes)),
            stat("credit", sum(bool(p.data.get("recognition")) for p in open_programs)),
            stat("online", sum(p.data["delivery"]["mode"] in ("online", "blended") for p in open_programs)),
        )
        recent = sorted(open_programs, key=lambda p: (p.data["approval"]["approved_on"], p.id), reverse=True)
        browse = (
            DataLink("programs", self.t("list.programs"), "programs/"),
            DataLink("fields", self.t("list.fields"), "fields/"),
            DataLink("providers", self.t("list.providers"), "providers/"),
        )
        return HomeView(stats, tuple(self.summaries[p.id] for p in recent[:RECENT_PROGRAMS]), browse)

    @cached_property
    def descriptor_reference(self) -> DescriptorReference:
        return DescriptorReference(self._reference("program"), self._reference("provider"))

    def _reference(self, kind: str) -> tuple[DescriptorDoc, ...]:
        other = next(lang for lang in LANGUAGES if lang != self.lang)
        docs = []
        for descriptor in descriptor_index(kind).values():
            docs.append(DescriptorDoc(
                name=descriptor.name,
                depth=len(descriptor.path) - 1,
                title=descriptor.title[self.lang],
                other_title=descriptor.title[other],
                description=descriptor.description[self.lang],
                required=descriptor.required,
                example=_example_yaml(descriptor),
                values=tuple(f"{code} — {term.label[self.lang]}"
                             for code, term in self._vocabulary_of(descriptor).items()),
            ))
        return tuple(docs)

    def _vocabulary_of(self, descriptor: Descriptor) -> dict:
        node = descriptor.node
        ref = node.get("$ref") or (node.get("items") or {}).get("$ref") or ""
        if ref.startswith("vocabularies.schema.json#/$defs/"):
            name = ref.rsplit("/", 1)[1]
            if name != "isced_field":  # 29 codes: the field pages list them instead
                return self.vocab[name].terms
        return {}


def _example_yaml(descriptor: Descriptor) -> str:
    if descriptor.example is None:
        return ""
    return yaml.safe_dump({descriptor.path[-1]: descriptor.example}, allow_unicode=True, sort_keys=False,
                          default_flow_style=False, width=80).rstrip("\n")


def docs_without_translation(pages: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Hand-written pages that exist in one language only: (language it lacks, page)."""
    missing = []
    every = set().union(*pages.values()) if pages else set()
    for lang, present in sorted(pages.items()):
        missing += [(lang, page) for page in sorted(every - present)]
    return missing
