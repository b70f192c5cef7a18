"""A language's search index in several bundles (mccat.build.search_index, mccat.build.merged_sorts).

A large catalogue is indexed as several Pagefind bundles, one process after the other, so that no
process holds every page (Pagefind's memory grows with the pages); the browser searches them as one.
What a visitor finds must not depend on how many bundles there are: the sample site built with a
bundle every 15 pages (three per language) is searched in Chromium beside the one-bundle site, and
every sort and query must give the same results in the same order of values."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mccat.build.merged_sorts import SORT_ELEMENT, _sort_elements, fragment_url, page_sort_values
from mccat.build.plan import SEARCH_BUNDLE_PAGES, PlanError, search_bundle_pages
from mccat.build.search_index import (
    SearchIndexError,
    bundle_count,
    bundle_files,
    index_site,
    pagefind_executable,
    search_bundles,
)
from mccat.build.stable_bundle import read_pagefind_file
from mccat.cli.site_commands import BUILD_ENV
from mccat.site.search import SORTS
from tests.conftest import ROOT, run_mkdocs_build, serve
from tests.processes import pagefind_witness
from tests.test_search import page_html
from tests.test_search_browser import results

BUNDLE_PAGES = 15  # the sample has about 50 pages per language: three bundles each


def test_a_language_is_split_into_bundles_of_at_most_the_set_number_of_pages():
    assert [bundle_count(n, 6000) for n in (0, 1, 6000, 6001, 20_400)] == [1, 1, 1, 2, 4]
    assert search_bundles("ja", 3) == ("pagefind/ja/", "pagefind/ja-2/", "pagefind/ja-3/")
    assert search_bundle_pages({}) == 6000
    assert search_bundle_pages({"MCCAT_SEARCH_BUNDLE_PAGES": "250"}) == 250
    for wrong in ("0", "-5", "many", "１２"):
        with pytest.raises(PlanError, match=r"`MCCAT_SEARCH_BUNDLE_PAGES` must be a whole number of pages"):
            search_bundle_pages({"MCCAT_SEARCH_BUNDLE_PAGES": wrong})
    assert SEARCH_BUNDLE_PAGES in BUILD_ENV  # mccat verify-site rebuilds with the publishing build's setting


def bundle_orders(site: Path, lang: str, bundles: int) -> dict[str, list[str]]:
    """Each sort key's pages (URLs) in the order a merged sorted search gives: by score, which Pagefind takes
    from the page's first place in its own bundle's order."""
    ranked: dict[str, list[tuple[int, str]]] = {}
    for name in search_bundles(lang, bundles):
        bundle = site / name
        info = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"][lang]
        meta = read_pagefind_file(bundle / f"pagefind.{info['hash']}.pf_meta")
        pages = meta[1]
        for key, order in meta[4]:
            for page in set(order) & set(range(len(pages))):
                url = fragment_url(bundle / "fragment" / f"{pages[page][0]}.pf_fragment")
                ranked.setdefault(key, []).append((order.index(page), url))
    return {key: [url for _, url in sorted(places)] for key, places in ranked.items()}


def test_a_sorted_search_over_several_bundles_keeps_one_order(tmp_path):
    # nine pages in three bundles; the middle bundle has no fee at all; hours are out of path order
    hours = [40, 5, 120, 30, 30, 8, 60, 1, 30]
    for n, value in enumerate(hours):
        fee = "" if 3 <= n < 6 else f'<span data-pagefind-sort="fee:{(n * 7) % 5}"></span>'
        body = f'<main data-pagefind-body><h1>Page {n}</h1><span data-pagefind-sort="hours:{value}"></span>{fee}</main>'
        page = tmp_path / "en" / f"p{n}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(page_html("en", body), encoding="utf-8")
    assert [len(share) for share in bundle_files(tmp_path, "en", 3)] == [3, 3, 3]
    report = index_site(tmp_path, languages=("en",), min_pages=9, bundles=3)
    assert report.pages == {"en": 9}
    orders = bundle_orders(tmp_path, "en", 3)
    by_url = {f"/en/p{n}/": n for n in range(9)}
    assert [hours[by_url[url]] for url in orders["hours"]] == sorted(hours)
    assert sorted(by_url[url] for url in orders["hours"]) == list(range(9))  # every page once
    fees = [(n * 7) % 5 for n in range(9) if not 3 <= n < 6]
    assert [(by_url[url] * 7) % 5 for url in orders["fee"]] == sorted(fees)
    assert len(orders["fee"]) == 6  # the pages without a fee are not in a fee-sorted search


def test_sort_values_are_read_as_pagefind_reads_them():
    inline = '<span data-pagefind-sort="hours:40"></span><span data-pagefind-sort="fee:0001&amp;2"></span>'
    assert page_sort_values(inline) == {"hours": "40", "fee": "0001&2"}
    named = '<div hidden data-pagefind-sort="hours[data-s1], approved[data-s2]" data-s1="7.5" data-s2="2026-04-01">'
    assert page_sort_values(named) == {"hours": "7.5", "approved": "2026-04-01"}
    assert page_sort_values("<p>no sort</p>") == {}


def _spans(matches) -> list[tuple[int, int, int, int]]:
    return [(m.start(), m.end(), m.start(1), m.end(1)) for m in matches]


# The pieces a page is made of around a sort element, in any order: markers inside and outside tags, ">"
# and "<" before and after them, a marker without the space before it, quotes that do not close.
PIECES = ["<", ">", "<div", "<span", " ", "\n", 'data-pagefind-sort="', '"', "hours:4", "x", 'a="b"', "=", "<!--"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_sort_elements_are_found_exactly_as_the_full_regex_finds_them(pieces):
    """The marker-first search (270 us -> a few us a page) gives SORT_ELEMENT.finditer's matches, no more,
    no fewer, at the same places."""
    text = "".join(pieces)
    assert _spans(_sort_elements(text)) == _spans(SORT_ELEMENT.finditer(text))


def test_every_built_page_gives_the_same_sort_values_as_the_full_regex(built_site):
    pages = sorted(built_site.root.rglob("*.html"))
    with_sorts = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert _spans(_sort_elements(text)) == _spans(SORT_ELEMENT.finditer(text)), page
        with_sorts += "data-pagefind-sort=" in text
    assert with_sorts >= len(built_site.catalogue.programs) * 2  # every program page in both languages


def test_a_sort_value_that_cannot_be_read_stops_the_build_instead_of_missorting(tmp_path):
    for n in range(4):  # the element's text as the value: a form merged_sorts does not read
        body = f'<main data-pagefind-body><h1 data-pagefind-sort="title">Page {n}</h1></main>'
        page = tmp_path / "en" / f"p{n}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(page_html("en", body), encoding="utf-8")
    with pytest.raises(SearchIndexError, match=r"sorted page \d+ by 'title', but its value could not be read"):
        index_site(tmp_path, languages=("en",), bundles=2)


def test_a_bundle_that_cannot_be_made_reproducible_stops_the_next_bundles(tmp_path, monkeypatch):
    # each bundle is tidied while Pagefind indexes the next: a broken first bundle must not go unnoticed, and
    # no bundle after the one being indexed when it is found starts (an entry file naming no meta file)
    runs = tmp_path / "runs.log"
    binary = tmp_path / "bin" / "pagefind_extended"
    binary.parent.mkdir()
    binary.write_text(
        "#!/bin/sh\n"
        f"echo run >> '{runs}'\n"
        'while [ $# -gt 0 ]; do if [ "$1" = --output-path ]; then out="$2"; fi; shift; done\n'
        'mkdir -p "$out" && echo \'{"version":"1","languages":{"en":{"hash":"x","page_count":1}}}\' '
        '> "$out/pagefind-entry.json"\n',
        encoding="utf-8",
    )
    binary.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
    for n in range(6):
        page = tmp_path / "site" / "en" / f"p{n}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(page_html("en", f"<main data-pagefind-body><h1>Page {n}</h1></main>"), encoding="utf-8")
    with pytest.raises(SearchIndexError, match=r"en search index could not be made reproducible: .*names pagefind\.x"):
        index_site(tmp_path / "site", languages=("en",), bundles=3)
    assert runs.read_text(encoding="utf-8").split() == ["run", "run"]  # the third bundle was never indexed


@pytest.mark.parametrize(("bundle_pages", "side_by_side"), [(6000, True), (8, False)])
def test_only_small_indexes_run_side_by_side(tmp_path, monkeypatch, bundle_pages, side_by_side):
    """Pagefind's memory grows with the pages it indexes: an index of more than half a bundle's pages waits for
    any other such index (at 20,000 programs two at once held 0.6 GB more and saved 6 s of 140); small ones,
    the whole of a 1,000-program site's languages, run side by side (0.4 s of 8)."""
    for lang in ("ja", "en"):
        for n in range(5):
            page = tmp_path / "site" / lang / f"p{n}" / "index.html"
            page.parent.mkdir(parents=True)
            page.write_text(page_html(lang, f"<main data-pagefind-body><h1>Page {n}</h1></main>"), encoding="utf-8")
    witness, log = pagefind_witness(tmp_path, pagefind_executable())
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(witness))
    report = index_site(tmp_path / "site", languages=("ja", "en"), bundle_pages=bundle_pages)
    assert report.pages == {"ja": 5, "en": 5}
    runs = log.read_text(encoding="utf-8").splitlines()
    assert ("two at once" in runs) is side_by_side, runs


def test_bundles_are_the_same_bytes_from_build_to_build(tmp_path):
    for run in ("a", "b"):
        for n in range(6):
            page = tmp_path / run / "en" / f"p{n}" / "index.html"
            page.parent.mkdir(parents=True)
            body = f'<main data-pagefind-body><h1>Page {n}</h1><span data-pagefind-sort="hours:{n % 3}"></span></main>'
            page.write_text(page_html("en", body), encoding="utf-8")
        index_site(tmp_path / run, languages=("en",), bundles=2)
    files = {run: sorted((tmp_path / run / "pagefind").rglob("*")) for run in ("a", "b")}
    assert [p.relative_to(tmp_path / "a") for p in files["a"]] == [p.relative_to(tmp_path / "b") for p in files["b"]]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(files["a"], files["b"], strict=True) if a.is_file())


# --- the sample site in three bundles per language, in the browser ---------------------------------


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory, built_site) -> Path:
    site = tmp_path_factory.mktemp("bundled") / "site"
    status, output, _ = run_mkdocs_build(
        site, build_date=built_site.build_date, extra_env={"MCCAT_SEARCH_BUNDLE_PAGES": str(BUNDLE_PAGES)}
    )
    if status != 0:
        pytest.fail(f"mkdocs build failed ({status}):\n{output}")
    return site


@pytest.fixture(scope="module")
def bundled_server(bundled_site):
    yield from serve(bundled_site)


@pytest.mark.build
def test_the_sample_in_bundles_indexes_every_page_once_and_pages_name_their_bundles(bundled_site, built_site):
    for lang in ("ja", "en"):
        names = sorted(path.name for path in (bundled_site / "pagefind").iterdir() if path.name.startswith(lang))
        assert names == [lang, f"{lang}-2", f"{lang}-3"]
        counts = [
            json.loads((bundled_site / "pagefind" / name / "pagefind-entry.json").read_text())["languages"][lang][
                "page_count"
            ]
            for name in names
        ]
        single = json.loads((built_site.root / "pagefind" / lang / "pagefind-entry.json").read_text())["languages"]
        assert all(counts) and sum(counts) == single[lang]["page_count"]
        page = (bundled_site / lang / "index.html").read_text(encoding="utf-8")
        assert f'data-more-bundles="./../pagefind/{lang}-2/ ./../pagefind/{lang}-3/ "' in page
        assert "data-more-bundles" not in built_site.html(lang)  # one bundle: pages as before


def sort_values(site: Path, url: str, key: str) -> str:
    return page_sort_values((site / url.lstrip("/") / "index.html").read_text(encoding="utf-8")).get(key, "")


@pytest.mark.build
def test_every_sort_gives_the_same_order_of_values_in_bundles(page, site_server, bundled_server, built_site):
    sorts = [(value, key) for value, _, key, _ in SORTS if value]
    for n, (value, key) in enumerate(sorts):
        url = f"{('ja', 'en')[n % 2]}/search/?sort={value}"  # each sort once, the languages in turn
        page.goto(site_server + url)
        one = [r["url"] for r in results(page)]
        page.goto(bundled_server + url)
        three = [r["url"] for r in results(page)]
        assert len(one) == len(three) > 0, value
        assert [sort_values(built_site.root, u, key) for u in three] == [
            sort_values(built_site.root, u, key) for u in one
        ], value


@pytest.mark.build
def test_queries_and_filters_find_the_same_pages_in_bundles(page, site_server, bundled_server):
    queries = yaml.safe_load((ROOT / "tests" / "search_queries.yaml").read_text(encoding="utf-8"))
    checked = 0
    for query in queries[::6]:  # every sixth: each kind of query, kanji to half-width
        url = f"{query['lang']}/search/?q={quote(query['q'])}"
        page.goto(site_server + url)
        one = {r["url"] for r in results(page)}
        page.goto(bundled_server + url)
        assert {r["url"] for r in results(page)} == one, query["q"]
        checked += bool(one)
    assert checked >= 5
    for url in ("ja/search/?mode=online", "en/search/?q=data&fee=free", "ja/search/?open=now"):
        page.goto(site_server + url)
        one = {r["url"] for r in results(page)}
        counts = page.locator("form[data-mc-search] label").all_inner_texts()
        page.goto(bundled_server + url)
        assert {r["url"] for r in results(page)} == one, url
        assert page.locator("form[data-mc-search] label").all_inner_texts() == counts, url
