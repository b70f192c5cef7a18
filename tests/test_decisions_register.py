"""The committee's decisions register by month (mccat.site.decisions), without a build: each decision's address
(its anchor on the page of its date's month), which months get a page, what the index and a month page show, in
both languages. What the built pages show, and that every link to a decision lands on it, is in
tests/test_decisions_site.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from mccat import LANGUAGES
from mccat.model.catalogue import Catalogue
from mccat.model.decisions import Decision
from mccat.publish.urls import Urls
from mccat.site.decisions import RECENT
from mccat.site.formatting import format_month, format_year
from mccat.site.language import Language
from mccat.site.pages import SitePages
from mccat.validation.load import load_catalogue

ROOT = Path(__file__).resolve().parents[1]
URLS = Urls("https://registry.example.org/")
TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(ROOT / "catalogue", today=TODAY)


def pages(catalogue: Catalogue, lang: str, today: date = TODAY) -> SitePages:
    return SitePages(catalogue, lang=lang, today=today, urls=URLS)


def newest_first(decisions, today: date = TODAY) -> list[Decision]:
    shown = [d for d in decisions if d.date <= today.isoformat()]
    return sorted(shown, key=lambda d: d.sort_key, reverse=True)


def test_a_decisions_address_is_its_anchor_on_the_page_of_its_dates_month():
    assert Urls.decisions_path() == "decisions/"
    assert Urls.decisions_path("2026-11") == "decisions/2026-11/"
    assert Urls.decision_month("2026-11-05") == "2026-11"
    assert Urls.decision_path("MCR-2026-014", "2026-11-05") == "decisions/2026-11/#MCR-2026-014"
    assert URLS.decision_page("en", "MCR-2026-014", "2026-11-05") == (
        "https://registry.example.org/en/decisions/2026-11/#MCR-2026-014"
    )
    assert Urls("https://example.org/registry").decision_page("ja", "MCR-2023-011", "2023-04-19") == (
        "https://example.org/registry/ja/decisions/2023-04/#MCR-2023-011"
    )


@pytest.mark.parametrize(
    ("lang", "month", "year", "one", "three", "thousands"),
    [
        ("ja", "2026年11月", "2026年", "1件", "3件", "1,234件"),
        ("en", "November 2026", "2026", "1 decision", "3 decisions", "1,234 decisions"),
    ],
)
def test_months_years_and_counts_of_decisions_as_each_language_writes_them(lang, month, year, one, three, thousands):
    assert format_month("2026-11", lang) == month == format_month("2026-11-30", lang)
    assert format_year("2026", lang) == year == format_year(2026, lang)
    language = Language.of(lang)
    assert [language.decision_count(n) for n in (1, 3, 1234)] == [one, three, thousands]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_page_for_each_month_with_decisions_and_none_for_the_others(catalogue, lang):
    site = pages(catalogue, lang)
    expected = newest_first(catalogue.decisions.values())
    months = sorted({d.date[:7] for d in expected}, reverse=True)
    specs = [spec for spec in site.pages.values() if spec.kind == "decisions_month"]
    assert [spec.url for spec in specs] == [f"decisions/{m}/" for m in months]
    assert all(not spec.in_nav and spec.template == "mc/decisions-month.html" for spec in specs)
    # The sample has months without a decision between months with some: those have no page.
    first, last = months[-1], months[0]
    every = [f"{y}-{m:02d}" for y in range(int(first[:4]), int(last[:4]) + 1) for m in range(1, 13)]
    empty = [m for m in every if first <= m <= last and m not in months]
    assert empty and not [spec for spec in site.pages.values() if any(m in spec.url for m in empty)]
    # A decision dated after the build date is not on the site, nor is its month (until that day).
    newest = expected[0]
    before = date.fromisoformat(newest.date).replace(day=1).toordinal() - 1
    earlier = pages(catalogue, lang, date.fromordinal(before))
    assert f"decisions/{newest.date[:7]}.md" in site.pages
    assert f"decisions/{newest.date[:7]}.md" not in earlier.pages
    assert newest.id not in [line.id for line in earlier.decisions.index.recent]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_decision_is_in_full_on_its_months_page_only_newest_first(catalogue, lang):
    site = pages(catalogue, lang)
    expected = newest_first(catalogue.decisions.values())
    seen = []
    for spec in (s for s in site.pages.values() if s.kind == "decisions_month"):
        view = site.view(spec)
        assert view.month == spec.key and view.decisions
        assert all(catalogue.decisions[entry.id].date[:7] == spec.key for entry in view.decisions)
        seen += [entry.id for entry in view.decisions]
    assert seen == [d.id for d in expected]  # each once, and months newest first, so in one order: newest first


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_month_page_names_its_month_counts_and_links_the_nearest_months_with_decisions(catalogue, lang):
    site = pages(catalogue, lang)
    language = Language.of(lang)
    months = [s.key for s in site.pages.values() if s.kind == "decisions_month"]  # newest first
    for at, month in enumerate(months):
        view = site.view(site.pages[f"decisions/{month}.md"])
        count = sum(1 for d in newest_first(catalogue.decisions.values()) if d.date[:7] == month)
        assert (
            view.title
            == {"ja": f"{format_month(month, 'ja')}の決定", "en": f"Decisions, {format_month(month, 'en')}"}[lang]
        )
        assert site.pages[f"decisions/{month}.md"].title == view.title
        assert language.decision_count(count) in view.intro and format_month(month, lang) in view.intro
        older = months[at + 1] if at + 1 < len(months) else None
        newer = months[at - 1] if at > 0 else None
        assert (view.previous.month if view.previous else None) == older
        assert (view.next.month if view.next else None) == newer
        for link in (view.previous, view.next):
            if link is not None:
                assert link.href == f"decisions/{link.month}/" and link.label == format_month(link.month, lang)
    assert site.view(site.pages[f"decisions/{months[0]}.md"]).next is None
    assert site.view(site.pages[f"decisions/{months[-1]}.md"]).previous is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_index_shows_the_total_the_newest_decisions_and_every_month_by_year(catalogue, lang):
    site = pages(catalogue, lang)
    language = Language.of(lang)
    expected = newest_first(catalogue.decisions.values())
    assert len(expected) > RECENT  # the sample has more than the index lists
    view = site.view(site.pages["decisions/index.md"])
    assert f"{len(expected)}" in view.intro
    assert [line.id for line in view.recent] == [d.id for d in expected[:RECENT]]
    for line, decision in zip(view.recent, expected, strict=False):
        assert line.href == f"decisions/{decision.date[:7]}/#{decision.id}"
        assert line.date == language.date(decision.date) and line.label == language.term("decision_kind", decision.kind)
        assert [p.href for p in line.programs] == [f"programs/{p}/" for p in decision.programs]
    counts: dict[str, int] = {}
    for decision in expected:
        counts[decision.date[:7]] = counts.get(decision.date[:7], 0) + 1
    shown = [(year.year, m.month, m.count, m.href) for year in view.years for m in year.months]
    assert shown == [
        (month[:4], month, language.decision_count(count), f"decisions/{month}/")
        for month, count in sorted(counts.items(), reverse=True)
    ]
    assert [year.label for year in view.years] == [
        format_year(y, lang) for y in sorted({m[:4] for m in counts}, reverse=True)
    ]
    headings = [h.id for h in site.headings(site.pages["decisions/index.md"])]
    assert headings == ["recent", "months"]


def test_the_index_grows_by_one_line_a_month_not_with_the_decisions(catalogue):
    """A national register: 12,000 decisions over ten years. The index holds RECENT decisions and one line per
    month; each month's page holds that month's."""
    program = sorted(catalogue.programs)[0]
    template = next(iter(catalogue.decisions.values()))
    many = {}
    for number in range(12_000):
        year, month, day = 2015 + number // 1200, 1 + number // 100 % 12, 1 + number % 28
        decision_id = f"MCR-{year}-{number % 1200 + 1}"
        many[decision_id] = replace(
            template, id=decision_id, date=f"{year}-{month:02d}-{day:02d}", kind="approve", programs=(program,)
        )
    big = Catalogue(catalogue.root, catalogue.providers, catalogue.programs, decisions=many)
    site = pages(big, "en", date(2025, 1, 1))
    index = site.decisions.index
    assert len(index.recent) == RECENT
    assert sum(len(year.months) for year in index.years) == 120 and len(index.years) == 10
    assert {m.count for year in index.years for m in year.months} == {"100 decisions"}
    month_pages = [s for s in site.pages.values() if s.kind == "decisions_month"]
    assert len(month_pages) == 120
    assert len(site.view(month_pages[0]).decisions) == 100
