"""Search: what Pagefind learns about each program, and the search page's filters.

The site's search runs in the browser with Pagefind (https://pagefind.app), over an
index built from the finished site. This module is the search stage of the core:

- `program_record(program, summary, provider, lang, today)`: a program page's Pagefind
  metadata. Filters hold codes, never labels (`mode:online`, `field:061`), so a search
  URL such as `/ja/search/?q=データ&mode=online` means the same in both languages; sort
  keys are fixed-width strings that order the same as text and as numbers; meta holds
  the texts a result shows, already in the page's language, the other language's title
  and the search keys (mccat.site.search_keys). Two filters the page does not show:
  `kind` (program or provider) and `apply_by` (the last day to apply for each offering),
  from which the browser computes "open for application" with its own date.
  The program template writes them as data-pagefind-* attributes.
- `search_page_view(catalogue, language, today)`: the search page's filter groups and
  sort options, with labels from the schema (group titles) and the vocabularies or
  interface text (values): nothing is labelled twice. The browser orders each group's
  options by their count for the search shown.
- Indexing the built site is mccat.build.search_index; how search fits Japanese, and
  the measurements behind it, are in docs/search.md.

Only pages that carry `data-pagefind-body` are indexed (program, provider and
hand-written pages); list pages, the home page, navigation, footers, and
boilerplate marked `data-pagefind-ignore` are not.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from mccat.model.catalogue import Catalogue, Program, Provider
from mccat.model.lifecycle import RECOGNISED
from mccat.publish.publication import current_designations
from mccat.site.language import Language
from mccat.site.search_keys import program_keys, provider_page_keys
from mccat.site.views import FilterGroup, FilterOption, ProgramSummary, SearchPageView, SearchRecord, SortOption

# Hours bands: the lower bound is in the band, the upper one is not. 60 hours is the minimum of a
# 履修証明プログラム; about 10 hours is where Japanese usage starts to call a course a micro-credential.
HOURS_BANDS = (0, 10, 30, 60, 120)

# The search page's filters: URL parameter, and the schema descriptor whose title labels the group ("" for
# a filter labelled by interface text: "status" is the program's state, from the committee's decisions), in page order.
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
    "status": "",
    "designation": "designations",
    "benefit": "designations.training_benefit.kind",
    "prefecture": "prefecture",
}
FILTER_LABELS = {"status": "record.status"}  # filters without a descriptor: their label's text key
FILTER_KINDS = {"prefecture": "provider"}  # filters whose descriptor is the provider's (the others: the program's)
KIND = "kind"  # a filter the page does not show: "program" or "provider"; an empty query lists programs only
# A filter the page does not show: the last day to apply for each offering (its application deadline, else its
# start), of programs the registry vouches for (active or expiring). The visitor's browser turns it into "open for
# application now" with its own date (search.js: openFilter), so the answer does not go stale between builds.
APPLY_BY = "apply_by"
OPEN = "open"  # the URL parameter of "open for application" (?open=now)
# Groups whose values form a scale keep its order (the page dims values without results in place); every other
# group is ordered by its count in the browser, values without results last.
ORDINAL = frozenset({"hours", "level"})
COLLAPSE_AFTER = 6  # a group with more options shows the first five and a "show all" button
NO_DATE = "9999-12-31"  # the sort key of a program with no start to come: after every date

SORTS = (
    ("", "search.sort.relevance", "", ""),
    ("start", "search.sort.start", "start", "asc"),
    ("fee-asc", "search.sort.fee_asc", "fee", "asc"),
    ("hours-asc", "search.sort.hours_asc", "hours", "asc"),
    ("hours-desc", "search.sort.hours_desc", "hours", "desc"),
    ("newest", "search.sort.newest", "approved", "desc"),
)


# --- one program's metadata -------------------------------------------------------------------------


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


def program_filters(
    program: Program, state: str, provider: Provider | None = None, today: date | None = None
) -> tuple[tuple[str, str], ...]:
    """Every filter value of a program whose state (mccat.model.lifecycle) is `state`, by filter, in
    FILTER_DESCRIPTORS order: with its provider (prefecture) and the day designations are current on (an
    Education and Training Benefit designation has a period)."""
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
    pairs.append(("status", state))
    designations = current_designations(program, today or date.today())
    pairs += [("designation", code) for code in designations.codes]
    if designations.training_benefit:
        pairs.append(("benefit", designations.training_benefit["kind"]))
    if provider is not None and provider.data.get("prefecture"):
        pairs.append(("prefecture", provider.data["prefecture"]))
    return tuple(pairs)


def apply_by_dates(program: Program, state: str) -> list[str]:
    """The last day to apply for each offering (deadline, else start), for a program the registry vouches for
    (its state is active or expiring: mccat.model.lifecycle.RECOGNISED)."""
    if state not in RECOGNISED:
        return []
    offerings = program.data.get("offerings", [])
    return sorted({item.get("application_deadline") or item["start"] for item in offerings})


def next_start(program: Program, today: date) -> str:
    """The first start on or after `today` (ISO), NO_DATE if none: the build's sort key; the browser corrects
    the programs whose start has passed since (search.js: nextStart)."""
    starts = [item["start"] for item in program.data.get("offerings", []) if item["start"] >= today.isoformat()]
    return min(starts, default=NO_DATE)


def fee_sort_key(fee: dict[str, Any] | None) -> str:
    """Lowest fee first: free, then yen by amount, then other currencies (by currency, then amount: no exchange
    rates here), then programs that do not state a fee. Fixed width, so it orders as text and as numbers."""
    if not fee:
        return "3"
    if fee["amount"] == 0:
        return "0"
    group = "1JPY" if fee["currency"] == "JPY" else f"2{fee['currency']}"
    return f"{group}{fee['amount']:015.2f}"


def program_record(
    program: Program,
    summary: ProgramSummary,
    provider: Provider,
    lang: Language,
    today: date,
    first_approved: str | None,
) -> SearchRecord:
    """The metadata of a program page; `summary` is the program as list pages show it, in the page's language,
    `first_approved` the date of its first approval (sorts "newest").

    Meta: what a result shows (provider, hours, the mode's short label and its full one, status, the offerings'
    starts for "next start"), the other language's title (`title_alt`, shown under the title and searchable:
    介護 finds care programs on the English site), and the search keys (`keys`, mccat.site.search_keys). The
    program's id is not meta: Pagefind indexes every meta field, and an id's parts (example, care, basics) would
    match English words on every page; the browser reads the id from the result's URL (Urls.program_path;
    search.js: programId).
    """
    data = program.data
    meta = [("provider", summary.provider), ("hours", summary.hours), ("mode", summary.mode_short)]
    if summary.mode_short != summary.mode:
        meta.append(("mode_full", summary.mode))
    if summary.status.code != "active":  # results say so, as list pages do
        meta += [("status", summary.status.label), ("status_code", summary.status.code)]
    starts = sorted({item["start"] for item in data.get("offerings", [])})
    if starts:
        meta.append(("starts", " ".join(starts)))
    if data["title"].get(lang.other):
        meta.append(("title_alt", data["title"][lang.other]))
    meta.append(("keys", program_keys(data, provider.data, lang.code)))
    return SearchRecord(
        filters=(
            (KIND, "program"),
            *program_filters(program, summary.status.code, provider, today),
            *((APPLY_BY, day) for day in apply_by_dates(program, summary.status.code)),
        ),
        # Fixed width: these order the same whether compared as text or as numbers.
        sort=(
            ("hours", f"{data['effort']['hours']:08.2f}"),
            ("approved", first_approved or "0000-00-00"),
            ("start", next_start(program, today)),
            ("fee", fee_sort_key(data.get("fee"))),
        ),
        meta=tuple(meta),
        other_lang=lang.other,
    )


def provider_record(provider: Provider, lang: Language) -> SearchRecord:
    meta = []
    if provider.name.get(lang.other):
        meta.append(("title_alt", provider.name[lang.other]))
    meta.append(("keys", provider_page_keys(provider.data)))
    return SearchRecord(filters=((KIND, "provider"),), sort=(), meta=tuple(meta), other_lang=lang.other)


# --- the search page ---------------------------------------------------------------------------------


def _hours_label(code: str, lang: Language) -> str:
    low, _, high = code.partition("-")
    if not high:
        return lang.t("search.hours_over", low=lang.number(int(low)))
    if low == "0":
        return lang.t("search.hours_under", high=lang.number(int(high)))
    return lang.t("search.hours_between", low=lang.number(int(low)), high=lang.number(int(high)))


# Filters whose values are the codes of a vocabulary: labelled, and ordered, as the vocabulary has them.
VOCABULARY_FILTERS = {
    "field": "isced_field",
    "mode": "delivery_mode",
    "language": "language",
    "format": "credential_format",
    "status": "approval_status",
    "designation": "designation",
    "benefit": "training_benefit_kind",
    "prefecture": "prefecture",
}
FIXED_ORDER = {
    "hours": [hours_band(low) for low in HOURS_BANDS],
    "fee": ["free", "paid", "none"],
    "credit": ["yes", "no"],
    "level": [f"eqf{n}" for n in range(1, 9)] + ["none"],
}


def _value_label(catalogue: Catalogue, key: str, code: str, lang: Language) -> str:
    if key in VOCABULARY_FILTERS:
        return lang.term(VOCABULARY_FILTERS[key], code)
    if key == "provider":
        return lang.plain(catalogue.providers[code].name) or code
    if key == "hours":
        return _hours_label(code, lang)
    if key == "fee":
        return lang.t({"free": "program.free", "paid": "search.fee_paid", "none": "program.not_stated"}[code])
    if key == "credit":
        return lang.yes_no(code == "yes")
    if key == "level":
        return lang.t("program.not_stated") if code == "none" else lang.eqf(int(code[len("eqf") :]))
    raise ValueError(f"unknown search filter '{key}'")


def _option_order(catalogue: Catalogue, key: str, codes: set[str], lang: Language) -> list[str]:
    """Values in the order that breaks ties between equal counts (the browser orders by count): providers by
    reading (their katakana `name_kana` on Japanese pages, else the name), coded terms in vocabulary order (a
    curated order; their kanji labels have no reading), bands and scales ascending."""
    if key in VOCABULARY_FILTERS:
        return [code for code in lang.vocab[VOCABULARY_FILTERS[key]].codes if code in codes]
    if key == "provider":
        return sorted(
            codes,
            key=lambda code: lang.sort_key(
                _value_label(catalogue, key, code, lang), catalogue.providers[code].data.get("name_kana"), code
            ),
        )
    return [code for code in FIXED_ORDER[key] if code in codes]


def search_page_view(catalogue: Catalogue, lang: Language, today: date) -> SearchPageView:
    """The filter groups (only values some program has on `today`) and sort options, labelled in `lang`."""
    used: dict[str, set[str]] = {key: set() for key in FILTER_DESCRIPTORS}
    for program in catalogue.programs.values():
        state = catalogue.lifecycle(program.id, today).state
        for key, code in program_filters(program, state, catalogue.providers.get(program.provider_id), today):
            used[key].add(code)
    groups = [
        FilterGroup(
            OPEN,
            lang.t("search.open_group"),
            (FilterOption("now", lang.t("search.open_now")),),
            ordinal=True,
            hint=lang.t("search.open_hint"),
        )
    ]
    for key, descriptor in FILTER_DESCRIPTORS.items():
        options = tuple(
            FilterOption(code, _value_label(catalogue, key, code, lang))
            for code in _option_order(catalogue, key, used[key], lang)
        )
        if options:
            label = (
                lang.label(descriptor, FILTER_KINDS.get(key, "program")) if descriptor else lang.t(FILTER_LABELS[key])
            )
            groups.append(
                FilterGroup(key, label, options, ordinal=key in ORDINAL, collapsed=len(options) > COLLAPSE_AFTER)
            )
    sorts = tuple(SortOption(value, lang.t(text), key, direction) for value, text, key, direction in SORTS)
    return SearchPageView(tuple(groups), sorts)
