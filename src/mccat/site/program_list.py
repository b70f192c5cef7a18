"""The list of every program, in pages of at most PROGRAMS_PER_PAGE, with an index and a pager.

    /{lang}/programs/        page 1 (its address never changes)
    /{lang}/programs/2/      page 2, 3, ... (Urls.programs_path); a catalogue of PROGRAMS_PER_PAGE programs or
                             fewer has page 1 only

The list keeps its order (ProgramViews.sorted: Japanese pages in 五十音順 by reading, English pages by title), cut
into pages of PROGRAMS_PER_PAGE: 500 programs are about 200 KB of HTML, where one page of 20,000 took 7.8 MB per
language. A program page is always two folders deep (programs/{provider}/{slug}/), so programs/{n}/ is never
one, even where a provider's id is a number.

Every page shows the index of the whole list (索引, Index: mccat.site.language.INDEX_GROUPS): each group with
its count, linking to the page and anchor where it starts (`programs/7/#group-ka`), or as plain text when it is
empty. In the list, a heading starts each group (`group-{key}`); a page that begins inside a group repeats the
group's heading, marked as continued (カ行（続き）). The pager links every page, labelled with the reading or
title it starts with, and the pages before and after.

The page size is a setting of the build (MCCAT_PROGRAM_LIST_PAGE, read by mccat.build.plan), given to
SitePages; tests set it small.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cached_property
from typing import TypeVar

from mccat.publish.urls import Urls
from mccat.site.language import Language
from mccat.site.views import (
    DataLink,
    IndexEntry,
    ListSection,
    PageLink,
    PageSpec,
    ProgramSummary,
    ProgramsView,
)

PROGRAMS_PER_PAGE = 500  # about 200 KB of HTML a page (390 bytes a program)
KIND = "programs"
TEMPLATE = "mc/programs.html"
FIRST_CHARACTERS = 6  # of the reading or title a page starts with, in the pager

T = TypeVar("T")


def paginate(items: Sequence[T], per_page: int) -> list[Sequence[T]]:
    """`items` in consecutive pages of at most `per_page`; always at least one page (empty when there is
    nothing to list)."""
    if per_page < 1:
        raise ValueError(f"a page holds at least one program, not {per_page}")
    return [items[start : start + per_page] for start in range(0, len(items), per_page)] or [items[:0]]


def is_later_page(page_url: str) -> bool:
    """A page of the list after the first (programs/2/, ...). Each language sorts the list its own way, so page 2
    of one language lists other programs than page 2 of the other: such a page has no translation (no hreflang
    alternates), and the language switch leads to the other language's first page, with its index."""
    rest = page_url.removeprefix("programs/").removesuffix("/")
    return rest.isascii() and rest.isdigit() and int(rest) > 1 and page_url == Urls.programs_path(int(rest))


def group_anchor(group: str) -> str:
    """The anchor of a group's heading: group-ka, group-latin, group-a, group-digits, group-other."""
    return f"group-{group}"


def sections(programs: Sequence[ProgramSummary], language: Language, before: str | None) -> list[ListSection]:
    """One page's programs under the heading of their group; `before` is the group of the program before the
    page (None on the first page): a page that begins inside it repeats its heading, marked as continued."""
    found: list[ListSection] = []
    run: list[ProgramSummary] = []
    for program in programs:
        if run and program.group != run[-1].group:
            found.append(_section(run, language, continued=not found and run[0].group == before))
            run = []
        run.append(program)
    if run:
        found.append(_section(run, language, continued=not found and run[0].group == before))
    return found


def _section(run: list[ProgramSummary], language: Language, *, continued: bool) -> ListSection:
    group = run[0].group
    return ListSection(group_anchor(group), language.group_heading(group, continued=continued), continued, tuple(run))


def shortened(text: str, length: int = FIRST_CHARACTERS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length].rstrip() + "…"


class ProgramList:
    """The pages of the list of every program in one language: `programs` in the list's order."""

    def __init__(
        self,
        programs: Sequence[ProgramSummary],
        language: Language,
        filters: tuple[DataLink, ...],
        per_page: int = PROGRAMS_PER_PAGE,
    ):
        self.programs = tuple(programs)
        self.language = language
        self.filters = filters
        self.per_page = per_page
        self.chunks = paginate(self.programs, per_page)

    @property
    def page_count(self) -> int:
        return len(self.chunks)

    def title(self, page: int) -> str:
        """The page's title: すべてのプログラム; すべてのプログラム（2/40） from page 2 on, so that titles differ."""
        lang = self.language
        title = lang.t("list.programs")
        if page == 1:
            return title
        return lang.t("list.programs_page", title=title, page=lang.count(page), pages=lang.count(self.page_count))

    def pages(self) -> list[PageSpec]:
        """Page 1 (in the nav, at programs/), then pages 2 ... (out of the nav: the pager links them)."""
        return [
            PageSpec(
                "programs/index.md" if page == 1 else f"programs/{page}.md",
                self.title(page),
                TEMPLATE,
                KIND,
                str(page),
                in_nav=page == 1,
            )
            for page in range(1, self.page_count + 1)
        ]

    @cached_property
    def index(self) -> tuple[IndexEntry, ...]:
        """Every group of the language in the list's order, with its count and where it starts."""
        lang = self.language
        counts = Counter(program.group for program in self.programs)
        starts: dict[str, int] = {}
        for page, chunk in enumerate(self.chunks, start=1):
            for program in chunk:
                starts.setdefault(program.group, page)
        return tuple(
            IndexEntry(
                group,
                lang.group_label(group),
                lang.count(counts[group]),
                f"{Urls.programs_path(starts[group])}#{group_anchor(group)}" if group in starts else None,
            )
            for group in lang.index_groups
        )

    @cached_property
    def page_links(self) -> tuple[PageLink, ...]:
        return tuple(
            PageLink(page, self.language.count(page), Urls.programs_path(page), self._first(chunk))
            for page, chunk in enumerate(self.chunks, start=1)
        )

    def _first(self, chunk: Sequence[ProgramSummary]) -> str:
        if not chunk:
            return ""
        return shortened(chunk[0].reading or chunk[0].title)

    def view(self, page: int) -> ProgramsView:
        """Page `page` (1, 2, ...) of the list."""
        if not 1 <= page <= self.page_count:
            raise ValueError(f"the list has {self.page_count} page(s), not a page {page}")
        chunk = self.chunks[page - 1]
        start = (page - 1) * self.per_page
        before = self.programs[start - 1].group if start else None
        links = self.page_links
        return ProgramsView(
            programs=tuple(chunk),
            filters=self.filters,
            total=len(self.programs),
            page=page,
            page_count=self.page_count,
            first=start + 1 if chunk else 0,
            last=start + len(chunk),
            index=self.index,
            sections=tuple(sections(chunk, self.language, before)),
            pages=tuple(
                PageLink(link.number, link.label, link.href, link.first, current=link.number == page) for link in links
            ),
            previous=links[page - 2] if page > 1 else None,
            next=links[page] if page < self.page_count else None,
        )
