"""The committee's decisions register as a visitor meets it on the built sample site: the index (the newest
decisions, every month with its count), one page per month with decisions (each decision in full at the
anchor of its id, the months before and after), and every link to a decision, from program pages, the Atom
feeds and the JSON-LD files, landing on that decision. The views themselves: tests/test_decisions_register.py."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import lxml.html
import pytest

from mccat import LANGUAGES
from mccat.site.decisions import MONTHS_FILE, RECENT
from mccat.site.formatting import format_month
from mccat.site.language import Language
from mccat.site.texts import INTERFACE_TEXT

from .test_site_build import SITE_URL, resolve, site_file, text

ATOM = "{http://www.w3.org/2005/Atom}"
MONTH = re.compile(r"^\d{4}-\d{2}$")


def shown_decisions(built_site):
    """The decisions the site shows (up to the build date), newest first."""
    today = built_site.build_date.isoformat()
    return sorted((d for d in built_site.catalogue.decisions.values() if d.date <= today), key=lambda d: d.sort_key)[
        ::-1
    ]


def months_with_decisions(built_site) -> list[str]:
    return sorted({d.date[:7] for d in shown_decisions(built_site)}, reverse=True)


def decision_at(built_site, site_path: str):
    """The decision a link leads to (a site path with its fragment, "/en/decisions/2026-03/#MCR-2026-010"): the
    page must exist and hold the decision in full at that anchor. Returns the decision's element."""
    path, _, anchor = site_path.partition("#")
    page = site_file(built_site, path)
    assert anchor and page.is_file(), site_path
    found = lxml.html.fromstring(page.read_bytes()).xpath("//*[@id=$id]", id=anchor)
    assert len(found) == 1, site_path
    (entry,) = found
    assert entry.tag == "article" and entry.get("data-decision") == anchor, site_path
    return entry


def site_path_of(url: str) -> str:
    """An absolute URL of the site as a site path with its fragment."""
    assert url.startswith(SITE_URL), url
    parts = urlsplit(url)
    return parts.path[len(urlsplit(SITE_URL).path) - 1 :] + (f"#{parts.fragment}" if parts.fragment else "")


# --- the pages -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_month_has_a_page_only_if_it_has_decisions(built_site, lang):
    folders = sorted(
        (p.name for p in (built_site.root / lang / "decisions").iterdir() if p.is_dir()),
        reverse=True,
    )
    assert folders == months_with_decisions(built_site)
    assert all(MONTH.match(name) for name in folders)
    assert not (built_site.root / lang / "decisions" / "2026-08").exists()  # the sample decided nothing that month


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_decision_is_in_full_on_its_months_page_at_its_anchor_and_nowhere_else(built_site, lang):
    found: dict[str, list[str]] = {}
    for page in (built_site.root / lang).rglob("*.html"):
        tree = lxml.html.fromstring(page.read_bytes())
        for entry in tree.cssselect("article.mc-decision, [data-decision]"):
            found.setdefault(entry.get("id"), []).append(page.relative_to(built_site.root / lang).as_posix())
    decisions = shown_decisions(built_site)
    assert found == {d.id: [f"decisions/{d.date[:7]}/index.html"] for d in decisions}
    language = Language.of(lang)
    for decision in decisions:
        entry = decision_at(built_site, f"/{lang}/decisions/{decision.date[:7]}/#{decision.id}")
        heading = text(entry.cssselect("h2")[0])
        assert decision.id in heading and language.date(decision.date) in heading
        assert language.term("decision_kind", decision.kind) in heading
        if decision.reason:
            assert decision.reason[lang] in text(entry)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_month_page_names_its_month_counts_and_leads_to_the_months_around_it(built_site, lang):
    months = months_with_decisions(built_site)
    decisions = shown_decisions(built_site)
    language = Language.of(lang)
    visited = []
    month = months[0]  # the newest month has no next month; following "previous" visits every month once
    while month:
        visited.append(month)
        here = f"/{lang}/decisions/{month}/"
        tree = built_site.tree(lang, f"decisions/{month}/")
        h1 = text(tree.cssselect("article h1")[0])
        assert h1 == INTERFACE_TEXT["decisions.month_title"][lang].format(month=format_month(month, lang))
        assert text(tree.cssselect("title")[0]).startswith(h1)
        count = sum(1 for d in decisions if d.date[:7] == month)
        assert len(tree.cssselect("article.mc-decision")) == count
        assert language.decision_count(count) in text(tree.cssselect("article")[0])
        pager = tree.cssselect(".mc-month-pager")[0]
        assert pager.tag == "nav" and pager.get("aria-label") == INTERFACE_TEXT["decisions.other_months"][lang]
        (all_months,) = pager.cssselect(".mc-month-pager__all")
        assert resolve(here, all_months.get("href")) == f"/{lang}/decisions/#months"
        assert built_site.tree(lang, "decisions/").xpath('//*[@id="months"]')
        at = months.index(month)
        newer = pager.cssselect("a[rel=next]")
        older = pager.cssselect("a[rel=prev]")
        if at == 0:
            assert not newer
        else:
            assert resolve(here, newer[0].get("href")) == f"/{lang}/decisions/{months[at - 1]}/"
            assert format_month(months[at - 1], lang) in text(newer[0])
            assert INTERFACE_TEXT["decisions.next"][lang] in text(newer[0])
        if older:
            target = resolve(here, older[0].get("href"))
            assert site_file(built_site, target).is_file()
            assert INTERFACE_TEXT["decisions.previous"][lang] in text(older[0])
            month = target.removeprefix(f"/{lang}/decisions/").rstrip("/")
            assert format_month(month, lang) in text(older[0])
        else:
            month = ""
        crumbs = [resolve(here, a.get("href")) for a in tree.cssselect("nav.mc-breadcrumb a")]
        assert crumbs == [f"/{lang}/decisions/", f"/{lang}/decisions/#year-{visited[-1][:4]}"]
    assert visited == months  # each month with decisions once, newest first: none skipped, none without


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_index_shows_the_total_the_newest_decisions_and_every_month_with_its_count(built_site, lang):
    tree = built_site.tree(lang, "decisions/")
    here = f"/{lang}/decisions/"
    decisions = shown_decisions(built_site)
    language = Language.of(lang)
    article = tree.cssselect("article")[0]
    assert f"{len(decisions)}" in text(article.cssselect("h1 + p")[0])
    assert not tree.cssselect("[data-decision]")  # no decision in full here
    # The newest RECENT, one line each: id (its link), date, kind, its programs' pages.
    lines = tree.cssselect("ul.mc-decision-lines > li")
    assert len(lines) == RECENT < len(decisions)
    for line, decision in zip(lines, decisions, strict=False):
        (link,) = line.cssselect("a.mc-decision__id")
        assert text(link) == decision.id
        assert decision_at(built_site, resolve(here, link.get("href"))) is not None
        assert resolve(here, link.get("href")) == f"/{lang}/decisions/{decision.date[:7]}/#{decision.id}"
        assert line.cssselect("time")[0].get("datetime") == decision.date
        assert language.term("decision_kind", decision.kind) in text(line)
        programs = [resolve(here, a.get("href")) for a in line.cssselect(".mc-decision-lines__programs a")]
        assert programs == [f"/{lang}/programs/{p}/" for p in decision.programs]
        assert all(site_file(built_site, p).is_file() for p in programs)
    # Every month with decisions, newest first, grouped by year, with its count, leading to its page.
    shown = []
    for heading in tree.cssselect("h3[id^=year-]"):
        year = heading.get("id").removeprefix("year-")
        assert text(heading) == language.year(year) + "¶"  # with its permalink: month pages link back to it
        assert heading.cssselect("a.headerlink")[0].get("href") == f"#year-{year}"
        for item in heading.getnext().cssselect("li[data-month]"):
            month = item.get("data-month")
            assert month.startswith(year)
            (link,) = item.cssselect("a")
            assert text(link) == format_month(month, lang)
            target = resolve(here, link.get("href"))
            assert target == f"/{lang}/decisions/{month}/" and site_file(built_site, target).is_file()
            count = sum(1 for d in decisions if d.date[:7] == month)
            assert text(item.cssselect(".mc-decision-months__count")[0]) == language.decision_count(count)
            shown.append(month)
    assert shown == months_with_decisions(built_site)
    toc = [text(a) for a in tree.cssselect("nav.md-nav--secondary a")]
    assert INTERFACE_TEXT["decisions.recent"][lang] in toc and INTERFACE_TEXT["decisions.months"][lang] in toc


# --- every link to a decision ------------------------------------------------------------------------------


def test_every_link_to_a_decision_from_pages_feeds_and_jsonld_lands_on_it(built_site):
    checked = {"pages": 0, "feeds": 0, "jsonld": 0}
    decisions = built_site.catalogue.decisions

    def lands(site_path: str, where: str) -> None:
        entry = decision_at(built_site, site_path)
        decision = decisions[entry.get("id")]
        assert f"/decisions/{decision.date[:7]}/#" in site_path, (where, site_path)

    for lang in LANGUAGES:
        for page in sorted((built_site.root / lang / "programs").rglob("index.html")):
            here = "/" + page.parent.relative_to(built_site.root).as_posix() + "/"
            for a in lxml.html.fromstring(page.read_bytes()).xpath("//article//a[@href][not(ancestor::nav)]"):
                target = resolve(here, a.get("href"))
                if f"/{lang}/decisions/" in target:
                    assert "#" in target, (here, target)  # a decision, never the register as a whole
                    lands(target, here)
                    checked["pages"] += 1
        feed = ET.fromstring((built_site.root / f"api/v1/feed.{lang}.atom").read_bytes())
        for link in feed.iter(f"{ATOM}link"):
            if "/decisions/" in link.get("href"):
                lands(site_path_of(link.get("href")), f"feed.{lang}.atom")
                checked["feeds"] += 1

    def urls_in(node):
        if isinstance(node, dict):
            for value in node.values():
                yield from urls_in(value)
        elif isinstance(node, list):
            for value in node:
                yield from urls_in(value)
        elif isinstance(node, str) and node.startswith(SITE_URL) and "/decisions/" in node:
            yield node

    for file in sorted((built_site.root / "api/v1/programs").rglob("*.jsonld")):
        for url in urls_in(json.loads(file.read_bytes())):
            lands(site_path_of(url), file.name)
            checked["jsonld"] += 1
    # Timelines, status notes and approval rows; both languages' feeds; every program's latest decision.
    assert checked["pages"] > 4 * len(built_site.catalogue.programs)
    assert checked["feeds"] >= 2 * len(shown_decisions(built_site))
    assert checked["jsonld"] >= 2 * len(built_site.catalogue.programs)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_decision_linked_from_a_program_page_opens_at_that_decision(page, site_server, built_site, lang):
    """In Chromium: the withdrawn program's decision link opens its month's page with that decision targeted and
    in view, below the header."""
    page.goto(f"{site_server}{lang}/programs/example-junior-college/childcare-support-basics/")
    page.locator("article .admonition a").first.click()
    decision = built_site.catalogue.decisions["MCR-2026-010"]
    page.wait_for_url(f"{site_server}{lang}/decisions/{decision.date[:7]}/#MCR-2026-010")
    assert page.evaluate("document.querySelector(':target').id") == "MCR-2026-010"
    box = page.locator("#MCR-2026-010").bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert header["y"] + header["height"] <= box["y"] < page.viewport_size["height"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_months_json_gives_each_shown_decision_its_month(built_site, lang):
    months = json.loads(site_file(built_site, f"/{lang}/{MONTHS_FILE}").read_bytes())
    assert months == {d.id: d.date[:7] for d in shown_decisions(built_site)}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_old_link_to_a_decision_moves_on_to_its_month(page, site_server, built_site, lang):
    """In Chromium: `decisions/#ID`, the address before the register was split by month (feeds and JSON-LD
    fetched then carry it), opens the decision on its month's page; an id the register does not have, and a
    hostile hash, leave the visitor on the index with nothing run."""
    decision = built_site.catalogue.decisions["MCR-2026-010"]
    page.goto(f"{site_server}{lang}/decisions/#MCR-2026-010")
    page.wait_for_url(f"{site_server}{lang}/decisions/{decision.date[:7]}/#MCR-2026-010")
    assert page.evaluate("document.querySelector(':target').id") == "MCR-2026-010"
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    looked_up: list[str] = []
    page.on("request", lambda request: looked_up.append(request.url) if "months.json" in request.url else None)
    for stays in ("#MCR-1999-001", '#"><img src=x onerror=alert(1)>', "#%E0%A4%A", "#__proto__", "#constructor"):
        page.goto("about:blank")  # a new document each time: a hash alone would not reload the index
        page.goto(f"{site_server}{lang}/decisions/{stays}", wait_until="networkidle")
        page.wait_for_timeout(200)  # time for a move that must not come
        assert urlsplit(page.url).path == f"/{lang}/decisions/", stays
    assert dialogs == []
    assert len(looked_up) == 4  # every id looked up but the one that is not even a hash this site makes


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_permalinks_are_titled_in_the_pages_language(built_site, lang):
    """The ¶ beside a decision, and beside a hand-written page's headings (Python-Markdown titles it "Permanent
    link" on every page unless told), says what it is in the page's language when hovered."""
    title = INTERFACE_TEXT["site.permalink"][lang]
    month = months_with_decisions(built_site)[0]
    for path in (f"/{lang}/decisions/{month}/", f"/{lang}/about/", f"/{lang}/propose/"):
        tree = lxml.html.fromstring(site_file(built_site, path).read_bytes())
        links = tree.cssselect("article h2 a.headerlink, article h3 a.headerlink")
        assert links, path
        assert {link.get("title") for link in links} == {title}, path
