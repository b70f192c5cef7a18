"""The catalogue's pages in one language: which pages exist, and what each page's template renders.

`SitePages` is made once per build and language. It lists the generated
pages (program, provider and field pages, the list pages (every program's in pages), search, the
comparison pages, the decisions register's index and months) as `PageSpec`s,
and gives each page's template its variables through one table, page kind ->
(view, headings): the builders that compute views live beside it
(mccat.site.programs, listings, compare, search, reference, decisions), the
dataclasses they fill in mccat.site.views. Nothing
here knows about MkDocs; the hook turns `PageSpec`s into MkDocs files and
hands views to the templates.

Page paths are relative to the language's root (`/ja/`, `/en/`) and end in a
slash (MkDocs' directory URLs), from mccat.publish.urls. Every page exists in
both languages at the same path, which is what makes the language switch
and the hreflang alternates possible.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from mccat.model.catalogue import Catalogue
from mccat.model.history import ContentChange, History
from mccat.publish.urls import Urls
from mccat.site.compare import Comparison
from mccat.site.decisions import MONTH_KIND, DecisionRegister
from mccat.site.language import Language
from mccat.site.listings import Listings
from mccat.site.program_list import KIND as PROGRAM_LIST_KIND
from mccat.site.program_list import PROGRAMS_PER_PAGE
from mccat.site.programs import ProgramViews
from mccat.site.reference import descriptor_reference
from mccat.site.search import program_record, provider_record, search_page_view
from mccat.site.verify import verify_page_view
from mccat.site.views import Heading, PageSpec


@dataclass(frozen=True)
class PageKind:
    """How pages of one kind get their template's variables: the view, and the headings the template adds to
    the page's table of contents."""

    view: Callable[[PageSpec], Any]
    headings: Callable[[PageSpec], tuple[Heading, ...]] = lambda spec: ()


class SitePages:
    """Every generated page of one language, and the view each page's template renders."""

    def __init__(
        self,
        catalogue: Catalogue,
        *,
        lang: str,
        today: date,
        history: History | None = None,
        repo_url: str | None = None,
        changes: Mapping[str, Sequence[ContentChange]] | None = None,
        urls: Urls,
        certificates: bool = False,
        programs_per_page: int = PROGRAMS_PER_PAGE,
    ):
        catalogue = catalogue.published(today)  # no program without a decision (unless a preview shows them)
        self.catalogue = catalogue
        self.language = Language.of(lang)
        self.lang = lang
        self.today = today
        self.urls = urls  # absolute URLs: a renamed program's canonical page
        self.programs = ProgramViews(
            catalogue,
            self.language,
            today=today,
            history=history,
            repo_url=repo_url,
            changes=changes,
            urls=urls,
            certificates=certificates,
        )
        self.listings = Listings(catalogue, self.programs, programs_per_page)
        self.comparison = Comparison(self.programs, self.listings)
        self.decisions = DecisionRegister(self.programs)

    @cached_property
    def kinds(self) -> dict[str, PageKind]:
        """Generated pages by kind (PageSpec.kind)."""
        catalogue, listings = self.catalogue, self.listings
        return {
            "program": PageKind(
                lambda spec: self.programs.view(catalogue.programs[spec.key]), lambda spec: self.programs.headings
            ),
            "provider": PageKind(lambda spec: listings.provider_view(catalogue.providers[spec.key])),
            "field": PageKind(lambda spec: listings.field_view(spec.key)),
            PROGRAM_LIST_KIND: PageKind(lambda spec: listings.all_programs.view(int(spec.key))),
            "fields": PageKind(
                lambda spec: listings.all_fields,
                lambda spec: tuple(Heading(f"field-{g.code}", g.label) for g in listings.all_fields),
            ),
            "providers": PageKind(lambda spec: listings.all_providers),
            "search": PageKind(lambda spec: search_page_view(catalogue, self.language, self.today)),
            "decisions": PageKind(lambda spec: self.decisions.index, lambda spec: self.decisions.index_headings),
            MONTH_KIND: PageKind(lambda spec: self.decisions.month_view(spec.key)),
            "tombstone": PageKind(
                lambda spec: self.programs.tombstone_view(self.programs.tombstones[spec.key]),
                lambda spec: self.record_headings,
            ),
            "redirect": PageKind(
                lambda spec: self.programs.redirect_view(
                    self.programs.tombstones[spec.key],
                    self.urls.program_page(self.lang, catalogue.current_id(spec.key, self.today)),
                )
            ),
            "verify": PageKind(lambda spec: verify_page_view(self.language)),
            "compare": PageKind(lambda spec: self.comparison.index, lambda spec: self.comparison.headings()),
            "compare_field": PageKind(lambda spec: self.comparison.field_comparison(spec.key)),
        }

    @cached_property
    def record_headings(self) -> tuple[Heading, ...]:
        t = self.language.t
        return (Heading("approval", t("section.approval")), Heading("data", t("section.data")))

    @cached_property
    def templates(self) -> dict[str, PageKind]:
        """Hand-written pages (docs/) whose template shows a view too, by template."""
        t = self.language.t
        return {
            "mc/home.html": PageKind(
                lambda spec: self.listings.home_view,
                lambda spec: (Heading("in-numbers", t("home.in_numbers")), Heading("recent", t("home.recent"))),
            ),
            "mc/descriptors.html": PageKind(
                lambda spec: descriptor_reference(self.language),
                lambda spec: (
                    Heading("program-descriptors", t("reference.program")),
                    Heading("provider-descriptors", t("reference.provider")),
                ),
            ),
        }

    @cached_property
    def pages(self) -> dict[str, PageSpec]:
        """Every generated page by src_uri, in a stable order."""
        lang, catalogue = self.language, self.catalogue
        specs = [
            *self.listings.all_programs.pages(),  # page 1 at programs/ (in the nav), then programs/2/ ...
            PageSpec("fields/index.md", lang.t("list.fields"), "mc/fields.html", "fields", in_nav=True),
            PageSpec("providers/index.md", lang.t("list.providers"), "mc/providers.html", "providers", in_nav=True),
            PageSpec(
                "decisions/index.md",
                lang.t("decisions.title"),
                "mc/decisions.html",
                "decisions",
                in_nav=True,
                description=lang.t("decisions.description"),
            ),
            PageSpec(
                "search/index.md",
                lang.t("search.title"),
                "mc/search.html",
                "search",
                description=lang.t("search.description"),
            ),
            PageSpec(
                "verify/index.md",
                lang.t("verify.title"),
                "mc/verify.html",
                "verify",
                description=lang.t("verify.description"),
            ),
        ]
        for provider in catalogue.providers.values():
            specs.append(
                PageSpec(
                    f"providers/{provider.id}.md",
                    lang.plain(provider.name),
                    "mc/provider.html",
                    "provider",
                    provider.id,
                )
            )
        for code in self.listings.field_codes:
            specs.append(PageSpec(f"fields/{code}.md", lang.term("isced_field", code), "mc/field.html", "field", code))
        for program in catalogue.programs.values():
            specs.append(
                PageSpec(
                    f"programs/{program.id}.md",
                    lang.plain(program.title),
                    "mc/program.html",
                    "program",
                    program.id,
                    description=lang.plain(program.data["summary"]),
                )
            )
        for tombstone in self.programs.tombstones.values():  # withdrawn or renamed, file gone: the page stays
            renamed = tombstone.lifecycle.state == "renamed"
            specs.append(
                PageSpec(
                    f"programs/{tombstone.id}.md",
                    lang.plain(tombstone.title),
                    "mc/redirect.html" if renamed else "mc/tombstone.html",
                    "redirect" if renamed else "tombstone",
                    tombstone.id,
                )
            )
        specs += self.decisions.pages()  # a page for each month that has decisions
        specs += self.comparison.pages()
        return {spec.src_uri: spec for spec in specs}

    def _kind(self, spec: PageSpec | None, template: str | None) -> PageKind | None:
        if spec is not None:
            return self.kinds[spec.kind]
        return self.templates.get(template or "")

    def view(self, spec: PageSpec | None, template: str | None = None) -> Any:
        """The one object a page's template renders (`view` in the template), or None."""
        kind = self._kind(spec, template)
        return kind.view(spec) if kind is not None else None  # type: ignore[arg-type]

    def headings(self, spec: PageSpec | None, template: str | None = None) -> tuple[Heading, ...]:
        """Headings the template adds to the page, for its table of contents."""
        kind = self._kind(spec, template)
        return kind.headings(spec) if kind is not None else ()  # type: ignore[arg-type]

    def context(self, spec: PageSpec | None, template: str | None = None) -> dict[str, Any]:
        """The variables a page's template needs.

        One variable, `view`: Material's templates use many short names (`provider` among them);
        program and provider pages also get `search_record`, their Pagefind metadata (mccat.site.search).
        """
        context = {"view": self.view(spec, template)}
        if spec is not None and spec.kind == "program":
            program = self.catalogue.programs[spec.key]
            context["search_record"] = program_record(
                program,
                self.programs.summaries[spec.key],
                self.catalogue.providers[program.provider_id],
                self.language,
                self.today,
                self.programs.lifecycle(spec.key).first_approved,
            )
        elif spec is not None and spec.kind == "provider":
            context["search_record"] = provider_record(self.catalogue.providers[spec.key], self.language)
        return context


def docs_without_translation(pages: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Hand-written pages that exist in one language only: (language it lacks, page)."""
    missing = []
    every = set().union(*pages.values()) if pages else set()
    for lang, present in sorted(pages.items()):
        missing += [(lang, page) for page in sorted(every - present)]
    return missing
