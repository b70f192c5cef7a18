"""The sitemaps' <lastmod> of the decisions register (mccat.site.sitemap.page_dates), on the sample catalogue and
its git history: a month page is dated by what it shows, not by the whole catalogue's latest change."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mccat.model.history import read_history
from mccat.publish.publication import Publication
from mccat.publish.urls import Urls
from mccat.review.content_changes import content_changes
from mccat.site.decisions import MONTH_KIND
from mccat.site.pages import SitePages
from mccat.site.sitemap import page_dates
from mccat.validation.load import load_catalogue

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 12, 1)  # before the sample's decision files were committed: their days count, not the commits'


@pytest.fixture(scope="module")
def dated():
    catalogue = load_catalogue(ROOT / "catalogue", today=TODAY)
    history = read_history(ROOT / "catalogue")
    changes = (
        content_changes(history, ROOT / "catalogue", catalogue.register.renamed_from()) if history.available else None
    )
    pub = Publication(catalogue, Urls("https://registry.example.org/"), TODAY, history=history, changes=changes)
    pages = SitePages(catalogue, lang="ja", today=TODAY, urls=pub.urls)
    return pages, pub, history, page_dates(pages, pub)


def test_a_month_of_decisions_is_dated_by_its_decisions_and_the_programs_they_name(dated):
    """The latest of its decisions (a decision file's last commit up to the build date, else the decision's day)
    and of the programs they name (their titles show), each as its own page is dated."""
    pages, pub, history, dates = dated
    day = TODAY.isoformat()
    months = [spec for spec in pages.pages.values() if spec.kind == MONTH_KIND]
    assert len(months) > 10
    for spec in months:
        days = []
        for decision in pages.decisions.months[spec.key]:
            commits = [c.date for c in history.of(f"decisions/{decision.id}.yaml") if c.date <= day]
            days.append(max(commits) if commits else decision.date)
            named = (*decision.programs, decision.renamed_to)
            days += [dates[f"programs/{p}.md"] for p in named if p in pub.catalogue.programs]
        assert dates[spec.src_uri] == max(days), spec.key
    everything = dates["index.md"]
    assert sum(dates[spec.src_uri] < everything for spec in months) > 5  # not the catalogue's latest change
    assert dates["decisions/index.md"] == max(everything, *(dates[spec.src_uri] for spec in months))


def test_a_corrected_decision_file_dates_its_month(dated):
    """A decision file committed again after its decision (a correction) dates its month by that commit, once the
    build date has reached it."""
    pages, pub, history, _ = dated
    commits = {
        decision.id: max(c.date for c in history.of(f"decisions/{decision.id}.yaml"))
        for decision in pages.decisions.decisions
        if history.of(f"decisions/{decision.id}.yaml")
    }
    if not commits:
        pytest.skip("no git history of the decision files (a copy of the catalogue outside git)")
    later = date.fromisoformat(max(commits.values()))
    catalogue = load_catalogue(ROOT / "catalogue", today=later)
    pub = Publication(catalogue, pub.urls, later, history=history, changes=pub.changes)
    pages = SitePages(catalogue, lang="en", today=later, urls=pub.urls)
    dates = page_dates(pages, pub)
    for month, decisions in pages.decisions.months.items():
        committed = [commits[d.id] for d in decisions if d.id in commits]
        if committed:
            assert dates[f"decisions/{month}.md"] >= max(committed), month
