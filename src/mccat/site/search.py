"""Search: what Pagefind learns about each program, and the search page's filters.

The site's search runs in the browser with Pagefind (https://pagefind.app), over an
index built from the finished site. This module is the search stage of the core:

- `program_record(program, summary)`: a program page's Pagefind metadata. Filters
  hold codes, never labels (`mode:online`, `field:061`), so a search URL such as
  `/ja/search/?q=データ&mode=online` means the same in both languages; sort keys
  are fixed-width strings that order the same as text and as numbers; meta holds the
  texts a result shows (provider, hours, mode), already in the page's language.
  The program template writes them as data-pagefind-* attributes.
- `search_page_view(catalogue, lang)`: the search page's filter groups and sort
  options, with labels from the schema (group titles) and the vocabularies or
  interface text (values): nothing is labelled twice.
- Indexing the built site is mccat.build.search_index.

Only pages that carry `data-pagefind-body` are indexed (program, provider and
hand-written pages); list pages, the home page, navigation, footers, and
boilerplate marked `data-pagefind-ignore` are not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable

from mccat.model.catalogue import Catalogue, Program
from mccat.site.formatting import format_number, localized
from mccat.site.labels import descriptor_label, interface_text
from mccat.model.vocabulary import vocabularies

if TYPE_CHECKING:
    from mccat.site.pages import ProgramSummary


# Hours bands: the lower bound is in the band, the upper one is not. 60 hours is the minimum of a
# 履修証明プログラム; about 10 hours is where Japanese usage starts to call a course a micro-credential.
HOURS_BANDS = (0, 10, 30, 60, 120)

# The search page's filters: URL parameter, and the schema descriptor whose title labels the group.
FILTER_DESCRIPTORS = {
    "field": "fields",
    "provider": "provider",
    "mode": "delivery.mode",
    "language": "languages",
    "hours": "effort.hours",
    "fee": "fee",
    "credit": "recognition.credits",
    "format": "credential.formats",
    "level": "level",
}
KIND = "kind"  # a filter the page does not show: "program" or "provider"; an empty query lists programs only


@dataclass(frozen=True)
class SortOption:
    value: str  # in the URL (?sort=hours-asc); "" is relevance, the default
    label: str
    key: str = ""  # Pagefind sort key
    direction: str = ""  # asc | desc


SORTS = (("", "search.sort.relevance", "", ""),
         ("hours-asc", "search.sort.hours_asc", "hours", "asc"),
         ("hours-desc", "search.sort.hours_desc", "hours", "desc"),
         ("newest", "search.sort.newest", "approved", "desc"))


# --- one program's metadata -------------------------------------------------------------------------

@dataclass(frozen=True)
class SearchRecord:
    """A program page's Pagefind metadata, as (name, value) pairs in a fixed order."""

    filters: tuple[tuple[str, str], ...]
    sort: tuple[tuple[str, str], ...]
    meta: tuple[tuple[str, str], ...]


def hours_band(hours: float) -> str:
    """The band code of a number of hours: "0-10", "10-30", ..., "120-"."""
    index = max(i for i, low in enumerate(HOURS_BANDS) if hours >= low or i == 0)
    high = HOURS_BANDS[index + 1] if index + 1 < len(HOURS_BANDS) else ""
    return f"{HOURS_BANDS[index]}-{high}"


def fee_code(fee: dict[str, Any] | None) -> str:
    if not fee:
        return "none"
    return "free" if fee["amount"] == 0 else "paid"


def level_code(level: dict[str, Any] | None) -> str:
    return f"eqf{level['eqf']}" if level and "eqf" in level else "none"


def program_filters(program: Program) -> tuple[tuple[str, str], ...]:
    """Every filter value of a program, by filter, in FILTER_DESCRIPTORS order."""
    data = program.data
    pairs = [("field", code) for code in data["fields"]]
    pairs.append(("provider", program.provider_id))
    pairs.append(("mode", data["delivery"]["mode"]))
    pairs += [("language", code) for code in data["languages"]]
    pairs.append(("hours", hours_band(data["effort"]["hours"])))
    pairs.append(("fee", fee_code(data.get("fee"))))
    pairs.append(("credit", "yes" if (data.get("recognition") or {}).get("credits") else "no"))
    pairs += [("format", code) for code in data["credential"]["formats"]]
    pairs.append(("level", level_code(data.get("level"))))
    return tuple(pairs)


def program_record(program: Program, summary: ProgramSummary) -> SearchRecord:
    """The metadata of a program page; `summary` is the program as list pages show it, in the page's language."""
    data = program.data
    meta = [("id", program.id), ("provider", summary.provider), ("hours", summary.hours), ("mode", summary.mode)]
    if summary.status.code != "active":  # results say so, as list pages do
        meta += [("status", summary.status.label), ("status_code", summary.status.code)]
    return SearchRecord(
        filters=((KIND, "program"), *program_filters(program)),
        # Fixed width: these order the same whether compared as text or as numbers.
        sort=(("hours", f"{data['effort']['hours']:08.2f}"), ("approved", data["approval"]["approved_on"])),
        meta=tuple(meta),
    )


def provider_record() -> SearchRecord:
    return SearchRecord(filters=((KIND, "provider"),), sort=(), meta=())


# --- the search page ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class FilterOption:
    value: str
    label: str


@dataclass(frozen=True)
class FilterGroup:
    key: str  # the URL parameter and Pagefind filter name
    label: str
    options: tuple[FilterOption, ...]


@dataclass(frozen=True)
class SearchPageView:
    filters: tuple[FilterGroup, ...]
    sorts: tuple[SortOption, ...]


def _hours_label(code: str, lang: str) -> str:
    low, _, high = code.partition("-")
    if not high:
        return interface_text("search.hours_over", lang, low=format_number(int(low), lang))
    if low == "0":
        return interface_text("search.hours_under", lang, high=format_number(int(high), lang))
    return interface_text("search.hours_between", lang, low=format_number(int(low), lang),
                          high=format_number(int(high), lang))


def _value_label(catalogue: Catalogue, key: str, code: str, lang: str) -> str:
    vocab = vocabularies()
    if key == "field":
        return vocab["isced_field"].label(code, lang)
    if key == "provider":
        name = localized(catalogue.providers[code].name, lang)
        return name.text if name else code
    if key == "mode":
        return vocab["delivery_mode"].label(code, lang)
    if key == "language":
        return vocab["language"].label(code, lang)
    if key == "format":
        return vocab["credential_format"].label(code, lang)
    if key == "hours":
        return _hours_label(code, lang)
    if key == "fee":
        return interface_text({"free": "program.free", "paid": "search.fee_paid", "none": "program.not_stated"}[code],
                              lang)
    if key == "credit":
        return interface_text("program.yes" if code == "yes" else "program.no", lang)
    if key == "level":
        return interface_text("program.not_stated", lang) if code == "none" else interface_text(
            "program.eqf", lang, level=code[len("eqf"):])
    raise ValueError(f"unknown search filter '{key}'")


def _option_order(catalogue: Catalogue, key: str, codes: Iterable[str], lang: str) -> list[str]:
    """Values in the order a reader expects: vocabulary order, names alphabetically, bands ascending."""
    from mccat.site.pages import sort_text  # pages imports this module; the list pages order names the same way

    codes = set(codes)
    vocab = vocabularies()
    named = {"field": "isced_field", "mode": "delivery_mode", "language": "language", "format": "credential_format"}
    if key in named:
        return [code for code in vocab[named[key]].codes if code in codes]
    if key == "provider":
        return sorted(codes, key=lambda code: (sort_text(_value_label(catalogue, key, code, lang)), code))
    fixed = {"hours": [hours_band(low) for low in HOURS_BANDS], "fee": ["free", "paid", "none"],
             "credit": ["yes", "no"], "level": [f"eqf{n}" for n in range(1, 9)] + ["none"]}
    return [code for code in fixed[key] if code in codes]


def search_page_view(catalogue: Catalogue, lang: str) -> SearchPageView:
    """The filter groups (only values some program has) and sort options, labelled in `lang`."""
    used: dict[str, list[str]] = {key: [] for key in FILTER_DESCRIPTORS}
    for program in catalogue.programs.values():
        for key, code in program_filters(program):
            used[key].append(code)
    groups = []
    for key, descriptor in FILTER_DESCRIPTORS.items():
        options = tuple(FilterOption(code, _value_label(catalogue, key, code, lang))
                        for code in _option_order(catalogue, key, used[key], lang))
        if options:
            groups.append(FilterGroup(key, descriptor_label("program", descriptor, lang), options))
    sorts = tuple(SortOption(value, interface_text(text, lang), key, direction)
                  for value, text, key, direction in SORTS)
    return SearchPageView(tuple(groups), sorts)
