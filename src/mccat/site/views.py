"""What page templates render: views, plain frozen dataclasses computed by the core.

A view holds values already chosen for the page's language and formatted
(dates, money, vocabulary labels), so templates only lay them out. Nothing
here computes anything; the modules beside it build these (mccat.site.programs,
mccat.site.listings, mccat.site.compare, mccat.site.search, mccat.site.reference).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

# --- pages --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageSpec:
    """One generated page: where it lives in the docs tree, its title and the template that renders it."""

    src_uri: str
    title: str
    template: str
    kind: str  # program | provider | field | programs | fields | providers | decisions | decisions_month | ...
    key: str = ""  # the program, provider, field or month (YYYY-MM) it shows
    in_nav: bool = False
    description: str = ""  # for <meta name="description">

    @property
    def url(self) -> str:
        stem = self.src_uri[: -len(".md")]
        return "" if stem == "index" else (stem[: -len("index")] if stem.endswith("/index") else stem + "/")


@dataclass(frozen=True)
class Heading:
    """A section heading for the page's table of contents."""

    id: str
    title: str


# --- values and descriptor rows ------------------------------------------------------------------


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
    """A program's state (mccat.model.lifecycle) as pages say it: a badge, and a note where it is not simply active."""

    code: str  # proposed | active | expiring | expired | suspended | withdrawn | renamed
    label: str
    note: str = ""
    reason: Value | None = None  # the suspension's or withdrawal's reason, from the decision
    decision: Value | None = None  # the decision that set it, linking to it on its month's decisions page


# --- program pages and lists ---------------------------------------------------------------------


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
    mode: str  # the full label (the program page's); lists show mode_short, the full label on hover
    mode_short: str
    languages: str
    fee: str
    status: Status
    sort_key: tuple = field(compare=False, default=())
    reading: str = ""  # the title's katakana reading, on Japanese pages
    group: str = ""  # the group of a list's index it files under (mccat.site.language.Language.index_group)


@dataclass(frozen=True)
class Offering:
    start: str
    end: str
    deadline: str
    past: bool


@dataclass(frozen=True)
class TimelineEntry:
    """One event of a program's record: a decision, an expiry, or a content change since approval."""

    date: str  # formatted for the language
    iso_date: str  # YYYY-MM-DD, for <time datetime>
    kind: str  # approved | renewed | amended | suspended | reinstated | withdrawn | renamed | expired | updated
    label: str
    decision: Value | None = None  # its id, linking to it on its month's decisions page
    details: tuple[str, ...] = ()  # validity, the id it had then, what it moved to
    successor: Value | None = None  # renamed: the new page
    conditions: Value | None = None
    reason: Value | None = None
    fields: tuple[str, ...] = ()  # updated: the labels of the descriptors that changed
    fields_unknown: bool = False  # updated, but the two revisions could not be compared
    pull_request: Value | None = None  # "#123", linking to it when the repository is known


@dataclass(frozen=True)
class RecordView:
    """The program's record, newest first; `history` is False when the build had no version history (then
    only the decisions show)."""

    entries: tuple[TimelineEntry, ...]
    history: bool


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
class CertificationView:
    """A program's certification mark, the HTML a provider copies to show it, and its certificates."""

    mark_src: str  # the mark's path from a language's pages
    mark_alt: str
    mark_width: int
    snippet: str  # HTML source to copy (shown as text, escaped by the template)
    certificates: tuple[DataLink, ...]  # empty when the site was built without the registry's key
    verify_href: str  # the check page, opened on this program's Achievement


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
    history: RecordView
    certification: CertificationView
    conformance: tuple[ConformanceView, ...]
    data_links: tuple[DataLink, ...]
    identifiers: tuple[Row, ...]  # under the data links: identifiers for other registries (the CTID)
    jsonld_href: str
    headings: tuple[Heading, ...]
    reading: str = ""  # the title's katakana reading, on Japanese pages


@dataclass(frozen=True)
class TombstoneView:
    """The page of a program withdrawn whose file is gone: what its decision recorded, and its record."""

    id: str
    title: str
    provider: Value
    status: Status
    history: RecordView
    data_links: tuple[DataLink, ...]
    jsonld_href: str


@dataclass(frozen=True)
class RedirectView:
    """The page at a renamed program's old address: a link (and a redirect) to where it lives now."""

    id: str
    title: str  # the title it had, as the rename decision recorded it
    successor_id: str
    successor: Value  # the new page, by its title
    canonical: str  # the new page's absolute URL
    note: str
    decision: Value | None
    history: RecordView
    data_links: tuple[DataLink, ...]
    jsonld_href: str


@dataclass(frozen=True)
class DecisionEntry:
    id: str  # also its anchor on its month's page
    date: str
    iso_date: str
    kind: str
    label: str
    programs: tuple[Value, ...]  # links to the programs' pages (their titles)
    renamed_to: Value | None
    validity: str
    conditions: Value | None
    reason: Value | None
    reviewers: tuple[Value, ...]
    evidence: tuple[Value, ...]


@dataclass(frozen=True)
class DecisionLine:
    """A decision in one line of the register's index, linking to it on its month's page."""

    id: str
    href: str  # its anchor on its month's page
    date: str
    iso_date: str
    kind: str
    label: str
    programs: tuple[Value, ...]


@dataclass(frozen=True)
class MonthLink:
    """A month of the register that has decisions: its page and how many it holds."""

    month: str  # YYYY-MM
    label: str  # 2026年11月, November 2026
    href: str
    count: str  # 3件, 3 decisions


@dataclass(frozen=True)
class DecisionYear:
    year: str  # YYYY
    label: str  # 2026年, 2026
    months: tuple[MonthLink, ...]  # newest first


@dataclass(frozen=True)
class DecisionsView:
    """The register's index: the newest decisions, then every month that has decisions, by year."""

    intro: str
    recent: tuple[DecisionLine, ...]  # newest first
    years: tuple[DecisionYear, ...]  # newest first


@dataclass(frozen=True)
class DecisionMonthView:
    """One month's decisions in full, newest first, with the months before and after it that have any."""

    month: str  # YYYY-MM
    title: str
    intro: str
    year: str  # the year's label, for the breadcrumb
    previous: MonthLink | None  # the nearest earlier month with decisions
    next: MonthLink | None  # the nearest later month with decisions
    decisions: tuple[DecisionEntry, ...]  # newest first


# --- providers, fields, home, descriptor reference ------------------------------------------------


@dataclass(frozen=True)
class ProviderSummary:
    id: str
    url: str
    name: str
    type: str
    country: str
    programs: str
    sort_key: tuple = field(compare=False, default=())
    reading: str = ""  # the name's katakana reading, on Japanese pages


@dataclass(frozen=True)
class ProviderView:
    id: str
    name: str
    rows: tuple[Row, ...]
    programs: tuple[ProgramSummary, ...]
    programs_title: str
    search: DataLink | None = None  # its programs on the search page, to filter and sort
    reading: str = ""  # the name's katakana reading, on Japanese pages


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
    search: DataLink | None = None  # its programs on the search page, to filter and sort


@dataclass(frozen=True)
class Stat:
    key: str
    value: str
    label: str
    href: str = ""  # the list the number counts (relative to the language root)


@dataclass(frozen=True)
class IndexEntry:
    """A group of the list's index (the jump bar): where it starts, and how many programs it holds."""

    group: str  # ka, latin, other; a, digits (mccat.site.language.INDEX_GROUPS)
    label: str  # カ, 英数字; K, 0–9
    count: str  # formatted
    href: str | None  # the page where the group starts, at its anchor ("programs/7/#group-ka"); None when empty


@dataclass(frozen=True)
class ListSection:
    """The programs of one group on one page of the list, under their heading."""

    id: str  # group-ka: the heading's anchor
    title: str  # カ行, or カ行（続き） on a page that begins inside the group
    continued: bool
    programs: tuple[ProgramSummary, ...]


@dataclass(frozen=True)
class PageLink:
    """A page of the list in its pager."""

    number: int
    label: str  # the number as the language writes it
    href: str
    first: str  # the reading (Japanese pages) or title the page starts with, shortened
    current: bool = False


@dataclass(frozen=True)
class ProgramsView:
    """One page of the list of every program: its programs by index group, the index of the whole list, the
    pager, and links to the search page with common filters set."""

    programs: tuple[ProgramSummary, ...]  # on this page, in the list's order
    filters: tuple[DataLink, ...]
    total: int = 0  # programs in the whole list
    page: int = 1
    page_count: int = 1
    first: int = 0  # the place in the list of this page's first and last program (1-based; 0 when empty)
    last: int = 0
    index: tuple[IndexEntry, ...] = ()
    sections: tuple[ListSection, ...] = ()
    pages: tuple[PageLink, ...] = ()  # every page, this one marked current
    previous: PageLink | None = None
    next: PageLink | None = None


@dataclass(frozen=True)
class HomeView:
    stats: tuple[Stat, ...]
    recent: tuple[ProgramSummary, ...]
    browse: tuple[DataLink, ...]
    search_href: str = "search/"  # the home page's search box sends its query there


@dataclass(frozen=True)
class DescriptorDoc:
    name: str  # dotted path, as written in YAML
    depth: int
    title: Markup  # escaped, Japanese runs marked on an English page (mccat.site.value_html.mark_japanese)
    other_title: str
    description: Markup  # the same
    required: bool
    example: str
    values: tuple[Markup, ...]  # "code — label" for vocabulary-backed fields, the same


@dataclass(frozen=True)
class DescriptorReference:
    program: tuple[DescriptorDoc, ...]
    provider: tuple[DescriptorDoc, ...]


# --- comparison tables and the compare tool -------------------------------------------------------


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
    label: str  # Markup: Japanese runs marked on an English page (mccat.site.value_html.mark_japanese)
    layout: str  # inline | list | block
    computed: bool = False  # shown by the browser from the offerings and today's date (next start, deadline)


@dataclass(frozen=True)
class ToolSection:
    id: str
    title: str
    rows: tuple[ToolRow, ...]
    collapsed: bool = False  # long texts: a few lines each until the reader expands them


@dataclass(frozen=True)
class CompareIndex:
    sections: tuple[ToolSection, ...]  # the tool's rows
    groups: tuple[FieldGroup, ...]  # the comparison tables, by broad field
    data_key: str = ""  # the fingerprint of the data files' row order (Comparison.data_key)


# --- search ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SortOption:
    value: str  # in the URL (?sort=hours-asc); "" is relevance, the default
    label: str
    key: str = ""  # Pagefind sort key
    direction: str = ""  # asc | desc


@dataclass(frozen=True)
class SearchRecord:
    """A program page's Pagefind metadata, as (name, value) pairs in a fixed order."""

    filters: tuple[tuple[str, str], ...]
    sort: tuple[tuple[str, str], ...]
    meta: tuple[tuple[str, str], ...]
    other_lang: str = ""  # the language of the `title_alt` meta, the other language's title


@dataclass(frozen=True)
class FilterOption:
    value: str
    label: str


@dataclass(frozen=True)
class FilterGroup:
    key: str  # the URL parameter and Pagefind filter name
    label: str
    options: tuple[FilterOption, ...]
    ordinal: bool = False  # a scale: options keep their order (the browser orders other groups by count)
    collapsed: bool = False  # long: the first options and a "show all" button
    hint: str = ""  # a line under the options


@dataclass(frozen=True)
class SearchPageView:
    filters: tuple[FilterGroup, ...]
    sorts: tuple[SortOption, ...]
