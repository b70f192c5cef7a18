"""Search without a browser: the Pagefind metadata of programs (mccat.site.search), the search page's filters,
the indexing step and its failures, and what the built site (conftest.built_site) hands to Pagefind.

The browser tests are in test_search_browser.py."""

from __future__ import annotations

import json
import os
import re
import stat
from datetime import date
from pathlib import Path

import lxml.html
import pytest

from mccat import LANGUAGES
from mccat.build.search_index import EXCLUDE_SELECTORS, SearchIndexError, index_site
from mccat.model.schema import descriptor_label
from mccat.model.vocabulary import vocabularies
from mccat.publish.urls import Urls
from mccat.site.formatting import format_hours, localized
from mccat.site.language import Language, kana_sort_key
from mccat.site.pages import SitePages
from mccat.site.search import (
    FILTER_DESCRIPTORS,
    FILTER_KINDS,
    HOURS_BANDS,
    OPEN,
    apply_by_dates,
    fee_sort_key,
    hours_band,
    next_start,
    program_filters,
    search_page_view,
)
from mccat.site.search_keys import text_keys
from mccat.site.texts import INTERFACE_TEXT, interface_text
from mccat.validation.load import load_catalogue

from .conftest import run_mkdocs_build

ROOT = Path(__file__).resolve().parents[1]
VOCABULARY_OF = {
    "field": "isced_field",
    "mode": "delivery_mode",
    "language": "language",
    "format": "credential_format",
    "status": "approval_status",
    "designation": "designation",
    "benefit": "training_benefit_kind",
    "prefecture": "prefecture",
}
TODAY = date(2026, 12, 1)  # the sample shows every state on this day


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT / "catalogue", today=TODAY)


def filters(catalogue, program, day: date = TODAY):
    state = catalogue.lifecycle(program.id, day).state
    return program_filters(program, state, catalogue.providers[program.provider_id], day)


def page_html(lang: str, body: str) -> str:
    return f'<!doctype html><html lang="{lang}"><head><title>t</title></head><body>{body}</body></html>'


# --- metadata and the filters --------------------------------------------------------------------


def test_hours_bands_put_every_number_in_exactly_one_band():
    assert [hours_band(h) for h in (0.5, 9.99, 10, 29.5, 30, 59, 60, 119.9, 120, 2000)] == [
        "0-10",
        "0-10",
        "10-30",
        "10-30",
        "30-60",
        "30-60",
        "60-120",
        "60-120",
        "120-",
        "120-",
    ]
    assert HOURS_BANDS[0] == 0 and list(HOURS_BANDS) == sorted(HOURS_BANDS)
    assert 60 in HOURS_BANDS  # the minimum of a 履修証明プログラム starts a band of its own


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_value_a_program_has_is_an_option_labelled_in_the_page_language(catalogue, lang):
    view = search_page_view(catalogue, Language.of(lang), TODAY)
    groups = {group.key: group for group in view.filters}
    assert groups.pop(OPEN).options[0].value == "now"  # computed in the browser (test_search_browser)
    assert list(groups) == list(FILTER_DESCRIPTORS)  # every filter of the issue, in a fixed order
    for key, group in groups.items():
        descriptor = FILTER_DESCRIPTORS[key]  # the schema's title, or the interface's for the state
        kind = FILTER_KINDS.get(key, "program")
        label = descriptor_label(kind, descriptor, lang) if descriptor else interface_text("record.status", lang)
        assert group.label == label
        labels = {option.value: option.label for option in group.options}
        assert len(labels) == len(group.options) and all(labels.values())
        if key in VOCABULARY_OF:  # labels come from the vocabularies, the one source
            terms = vocabularies()[VOCABULARY_OF[key]].terms
            assert labels == {code: terms[code].label[lang] for code in labels}
    used = {(key, code) for program in catalogue.programs.values() for key, code in filters(catalogue, program)}
    offered = {(key, option.value) for key, group in groups.items() for option in group.options}
    assert used == offered  # every value some program has, and no value nobody has
    provider_names = [o.label for o in groups["provider"].options]
    assert set(provider_names) == {
        localized(p.name, lang).text for p in catalogue.providers.values() if catalogue.programs_of(p.id)
    }
    assert [o.value for o in groups["hours"].options] == sorted(
        (o.value for o in groups["hours"].options), key=lambda code: int(code.split("-")[0])
    )
    sorts = [option.value for option in view.sorts]
    assert sorts[0] == "" and {"start", "fee-asc", "hours-asc", "hours-desc", "newest"} <= set(sorts)


def test_program_filters_are_codes_and_sort_keys_order_like_the_values(catalogue):
    pages = SitePages(catalogue, lang="ja", today=TODAY, urls=Urls("https://registry.example.org/"))
    records = {pid: pages.context(pages.pages[f"programs/{pid}.md"])["search_record"] for pid in catalogue.programs}
    for pid, record in records.items():
        program = catalogue.programs[pid]
        assert dict(record.filters)["kind"] == "program"
        state = catalogue.lifecycle(pid, TODAY).state
        assert set(record.filters) == {
            ("kind", "program"),
            *filters(catalogue, program),
            *(("apply_by", day) for day in apply_by_dates(program, state)),
        }
        assert all(re.fullmatch(r"[a-z0-9_-]+", value) for _, value in record.filters), record.filters
        meta = dict(record.meta)
        assert "id" not in meta  # its parts would match English words on every page; the browser reads the URL
        assert meta["title_alt"] == program.data["title"]["en"]
        title_keys = text_keys(program.data["title"]["ja"])  # every suffix of the Japanese title, terminated
        assert title_keys and set(title_keys) <= set(meta["keys"].split())
        assert meta["hours"] == format_hours(program.data["effort"]["hours"], "ja")
        assert meta["mode"] == Language.of("ja").term_short("delivery_mode", program.data["delivery"]["mode"])
        assert meta["provider"] == localized(catalogue.providers[program.provider_id].name, "ja").text
        assert ("status" in meta) == (catalogue.lifecycle(pid, TODAY).state != "active")
    by_text = sorted(records, key=lambda pid: dict(records[pid].sort)["hours"])
    by_number = sorted(records, key=lambda pid: catalogue.programs[pid].data["effort"]["hours"])
    assert [catalogue.programs[p].data["effort"]["hours"] for p in by_text] == [
        catalogue.programs[p].data["effort"]["hours"] for p in by_number
    ]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", dict(r.sort)["approved"]) for r in records.values())
    assert {dict(r.filters)["status"] for r in records.values()} == {"active", "expiring", "expired", "suspended"}


def test_search_interface_text_exists_in_both_languages():
    keys = [key for key in INTERFACE_TEXT if key.startswith("search.")]
    assert keys and all(set(INTERFACE_TEXT[key]) == set(LANGUAGES) for key in keys)


# --- indexing and its failures -------------------------------------------------------------------


def test_index_site_writes_one_bundle_per_language(tmp_path):
    for lang, word in (("ja", "データサイエンス入門"), ("en", "Data science")):
        page = tmp_path / lang / "p" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(
            page_html(lang, f"<nav>menu</nav><main data-pagefind-body><h1>{word}</h1></main>"), encoding="utf-8"
        )
    (tmp_path / "index.html").write_text(page_html("ja", "<p>not indexed: no data-pagefind-body</p>"), encoding="utf-8")
    stale = tmp_path / "pagefind" / "ja" / "fragment" / "stale.pf_fragment"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    report = index_site(tmp_path, languages=("ja", "en"), min_pages=1)
    assert report.pages == {"ja": 1, "en": 1}
    for lang in ("ja", "en"):
        bundle = tmp_path / "pagefind" / lang
        assert (bundle / "pagefind.js").is_file()
        assert set(json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]) == {lang}
    assert not stale.exists()
    assert "ja 1, en 1 pages" in report.summary


def test_a_language_without_enough_pages_fails(tmp_path):
    for lang, body in (("en", "<div data-pagefind-body><h1>One</h1></div><p>x</p>"), ("ja", "<h1>印なし</h1>")):
        for name in ("a", "b"):
            page = tmp_path / lang / name / "index.html"
            page.parent.mkdir(parents=True)
            page.write_text(page_html(lang, body), encoding="utf-8")
    (tmp_path / "ja" / "a" / "index.html").write_text(
        page_html("ja", "<div data-pagefind-body><h1>一つ</h1></div>"), encoding="utf-8"
    )
    with pytest.raises(SearchIndexError, match=r"ja has 1 pages; every language needs at least 2.*data-pagefind-body"):
        index_site(tmp_path, languages=("ja", "en"), min_pages=2)
    with pytest.raises(SearchIndexError, match=r"could not index the fr pages.*\n.*not able to build an index"):
        index_site(tmp_path, languages=("ja", "en", "fr"))  # no page at all in that language


def test_a_page_in_another_language_fails(tmp_path):
    for lang in ("en", "fr"):
        page = tmp_path / lang / "index.html"
        page.parent.mkdir()
        page.write_text(page_html(lang, "<div data-pagefind-body><h1>Page</h1></div>"), encoding="utf-8")
    (tmp_path / "en" / "fr").mkdir()
    (tmp_path / "fr" / "index.html").rename(tmp_path / "en" / "fr" / "index.html")  # a French page among the English
    with pytest.raises(SearchIndexError, match=r"pages in fr among the en pages.*<html lang=\"en\">"):
        index_site(tmp_path, languages=("en",))


def test_the_plain_binary_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/usr/bin/true")
    with pytest.raises(SearchIndexError, match=r"not the extended Pagefind binary.*pagefind\[extended\]"):
        index_site(tmp_path, languages=("en",))


def test_a_failing_pagefind_fails_with_its_message(tmp_path, monkeypatch):
    binary = tmp_path / "bin" / "pagefind_extended"
    binary.parent.mkdir()
    binary.write_text("#!/bin/sh\necho 'Error: the index could not be written' >&2\nexit 3\n", encoding="utf-8")
    binary.chmod(binary.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
    with pytest.raises(SearchIndexError, match=r"en pages \(exit 3\):\nError: the index could not be written") as error:
        index_site(tmp_path, languages=("en",))
    # said in Japanese first, then English, then Pagefind's own words as it printed them
    ja, en, printed = str(error.value).split("\n")
    assert "終了コード 3" in ja and en.startswith("Pagefind could not index") and printed.startswith("Error:")


def test_a_pagefind_that_cannot_start_fails_with_a_clear_message(tmp_path, monkeypatch):
    binary = tmp_path / "bin" / "pagefind_extended"
    binary.parent.mkdir()
    binary.write_text("not a program", encoding="utf-8")  # not executable: the process cannot start
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
    page = tmp_path / "en" / "index.html"
    page.parent.mkdir()
    page.write_text(page_html("en", "<div data-pagefind-body><h1>Page</h1></div>"), encoding="utf-8")
    with pytest.raises(
        SearchIndexError, match=r"could not index the en pages: Permission denied \(.*pagefind_extended\)"
    ):
        index_site(tmp_path, languages=("en",))


@pytest.mark.build
def test_a_failed_index_fails_the_build_with_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/usr/bin/true")
    status, output, _ = run_mkdocs_build(tmp_path / "site", strict=False)
    assert status == 1
    assert "not the extended Pagefind binary" in output and "pip install 'pagefind[extended]'" in output
    assert "Traceback" not in output
    assert not (tmp_path / "site" / "pagefind").exists()


# --- what the built site gives Pagefind ----------------------------------------------------------


def marked_pages(built_site, lang: str) -> list[Path]:
    return sorted(
        p for p in (built_site.root / lang).rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")
    )


def test_the_build_indexes_each_language_into_its_own_bundle_with_every_marked_page(built_site):
    assert sorted(p.name for p in (built_site.root / "pagefind").iterdir()) == sorted(LANGUAGES)
    for lang in LANGUAGES:
        bundle = built_site.root / "pagefind" / lang
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert set(entry["languages"]) == {lang}  # a page of one language never finds the other's pages
        assert entry["languages"][lang]["page_count"] == len(marked_pages(built_site, lang))
        assert entry["languages"][lang]["page_count"] >= len(built_site.catalogue.programs)
        assert not (built_site.root / lang / "pagefind").exists()  # bundles live at the site root
    assert built_site.output.count("Search index:") == 1
    assert not list(built_site.root.rglob("search_index.json"))  # Material's search is not there as well


@pytest.mark.parametrize("lang", LANGUAGES)
def test_only_content_is_marked_for_the_index(built_site, lang):
    marked = {p.relative_to(built_site.root / lang).parent.as_posix() for p in marked_pages(built_site, lang)}
    programs = {f"programs/{pid}" for pid in built_site.catalogue.programs}
    providers = {f"providers/{pid}" for pid in built_site.catalogue.providers}
    assert programs | providers <= marked
    assert "about" in marked  # hand-written pages are searchable too
    for unmarked in (".", "programs", "providers", "fields", "search", "descriptors"):
        assert unmarked not in marked, unmarked  # list pages, the home page and the search page are not
    assert not [m for m in marked if m.startswith("fields/")]
    for url in (f"programs/{sorted(built_site.catalogue.programs)[0]}/", "about/"):
        tree = built_site.tree(lang, url)
        bodies = tree.cssselect("[data-pagefind-body]")
        assert bodies
        for body in bodies:  # navigation, header and footer stay outside
            assert not body.cssselect("nav.md-nav, header, footer, .md-sidebar")
            assert not [a for a in body.iterancestors() if a.tag in ("header", "footer", "nav")]


def pagefind_pairs(element, kind: str = "filter") -> list[tuple[str, str]]:
    """The (name, value) pairs an element gives Pagefind in its data-pagefind-<kind> attribute, read as Pagefind
    reads it: `name:value`, or `name[attribute], ...` where each value is the named attribute's."""
    spec = element.get(f"data-pagefind-{kind}")
    if ":" in spec:
        name, value = spec.split(":", 1)
        return [(name.strip(), value)]
    pairs = []
    for part in spec.split(","):
        found = re.fullmatch(r"\s*([^:\[\]]+)\[(.+)\]\s*", part)
        assert found, spec
        pairs.append((found.group(1), element.get(found.group(2))))
    return pairs


def test_pagefind_pairs_reads_both_forms():
    element = lxml.html.fragment_fromstring(
        '<div data-pagefind-filter="a[data-f1], a[data-f2]" data-f1="x" data-f2="y:z"></div>'
    )
    assert pagefind_pairs(element) == [("a", "x"), ("a", "y:z")]
    element = lxml.html.fragment_fromstring('<span data-pagefind-sort="hours:00010.00"></span>')
    assert pagefind_pairs(element, "sort") == [("hours", "00010.00")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_program_pages_carry_their_filters_and_weigh_title_and_outcomes(built_site, lang):
    for pid, program in built_site.catalogue.programs.items():
        tree = built_site.tree(lang, f"programs/{pid}/")
        body = tree.cssselect("[data-pagefind-body]")[0]
        filters = {pair for element in body.cssselect("[data-pagefind-filter]") for pair in pagefind_pairs(element)}
        state = built_site.catalogue.lifecycle(pid, built_site.build_date).state
        assert filters == {
            ("kind", "program"),
            *program_filters(
                program, state, built_site.catalogue.providers[program.provider_id], built_site.build_date
            ),
            *(("apply_by", day) for day in apply_by_dates(program, state)),
        }
        meta = {span.get("data-pagefind-meta"): span.text_content() for span in body.cssselect("[data-pagefind-meta]")}
        assert meta["hours"] == format_hours(program.data["effort"]["hours"], lang)
        h1 = body.cssselect("h1")[0]
        outcomes = body.cssselect("ol.mc-outcomes")[0]
        assert float(h1.get("data-pagefind-weight")) > float(outcomes.get("data-pagefind-weight")) > 1
        # boilerplate repeated on every program is not indexed: labels (an exclude selector given to Pagefind,
        # mccat.build.search_index), section headings, the facts grid
        assert ".mc-descriptors dt" in EXCLUDE_SELECTORS
        excluded = set(body.cssselect(".mc-descriptors dt"))
        for node in body.cssselect("dt, h2, .mc-facts"):
            assert (
                node in excluded
                or node.get("data-pagefind-ignore") is not None
                or [a for a in node.iterancestors() if a.get("data-pagefind-ignore") is not None]
            ), node.tag
        assert not body.cssselect("#conformance, #data")  # the same framework tables and file links everywhere


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_page_labels_filters_in_its_language(built_site, lang):
    tree = built_site.tree(lang, "search/")
    form = tree.cssselect("form[data-mc-search]")[0]
    assert form.get("hidden") is not None  # shown by the script; without it, the noscript message
    noscript = tree.cssselect("noscript")
    assert noscript and INTERFACE_TEXT["search.noscript"][lang] in noscript[0].text_content()
    view = search_page_view(built_site.catalogue, Language.of(lang), built_site.build_date)
    for group in view.filters:
        fieldset = form.cssselect(f'fieldset[data-filter="{group.key}"]')[0]
        assert fieldset.cssselect("legend")[0].text_content() == group.label
        shown = [
            (box.get("name"), box.get("value"), label.text_content().strip())
            for label in fieldset.cssselect("label")
            for box in label.cssselect("input")
        ]
        assert shown == [(group.key, o.value, o.label) for o in group.options]
    assert [o.get("value") for o in form.cssselect("select[name=sort] option")] == [s.value for s in view.sorts]
    assert tree.cssselect('meta[name=robots][content*="noindex"]')


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_the_header_search_box_leading_to_the_search_page(built_site, lang):
    from urllib.parse import urljoin

    pid = sorted(built_site.catalogue.programs)[0]
    for url in ("", "about/", f"programs/{pid}/"):
        tree = built_site.tree(lang, url)
        form = tree.cssselect("header form.mc-searchbox__form")[0]
        page_url = f"http://site/{lang}/{url}"
        assert urljoin(page_url, form.get("action")) == f"http://site/{lang}/search/"
        assert form.cssselect("input[name=q]")
        box = tree.cssselect("[data-mc-searchbox]")[0]
        assert urljoin(page_url, box.get("data-bundle")) == f"http://site/pagefind/{lang}/"  # its language's bundle
    assert os.path.isfile(built_site.root / "pagefind" / lang / "pagefind.js")


def test_japanese_designations_and_prefectures_are_filters(catalogue):
    """What Japanese learners and portals filter on first: 履修証明, BP, 教育訓練給付 (and its kind), prefecture."""
    found: dict[str, dict] = {}
    for program in catalogue.programs.values():
        pairs = filters(catalogue, program)
        found[program.id] = {key: {v for k, v in pairs if k == key} for key in ("designation", "benefit", "prefecture")}
    certificate = found["example-national-univ/data-science-certificate"]
    assert certificate == {
        "designation": {"rishu_shomei", "brush_up_program", "training_benefit"},
        "benefit": {"specialized"},
        "prefecture": {"04"},
    }
    assert found["example-uas-nl/circular-product-design"] == {
        "designation": set(),
        "benefit": set(),
        "prefecture": set(),
    }
    care = catalogue.programs["example-care-association/care-basics-ja-vi"]
    ended = filters(catalogue, care, date(2028, 10, 1))  # its period ended
    assert ("designation", "training_benefit") not in ended and ("benefit", "general") not in ended
    view = search_page_view(catalogue, Language.of("ja"), TODAY)
    labels = {g.key: {o.value: o.label for o in g.options} for g in view.filters}
    assert labels["designation"]["rishu_shomei"] == "履修証明プログラム"
    assert labels["benefit"]["specialized"] == "専門実践教育訓練"
    assert labels["prefecture"]["13"] == "東京都"


# --- sorts and the filters the browser computes ----------------------------------------------------------


def test_fee_sort_key_puts_free_first_then_yen_by_amount_then_other_currencies_then_not_stated():
    fees = [
        None,
        {"amount": 450, "currency": "EUR"},
        {"amount": 120000, "currency": "JPY"},
        {"amount": 0, "currency": "JPY"},
        {"amount": 9900, "currency": "JPY"},
        {"amount": 30, "currency": "EUR"},
    ]
    ordered = sorted(fees, key=fee_sort_key)
    assert ordered == [fees[3], fees[4], fees[2], fees[5], fees[1], None]


def test_next_start_is_the_first_start_from_the_date_on_and_apply_by_the_deadline_else_the_start(catalogue):
    program = next(p for p in catalogue.programs.values() if len(p.data.get("offerings", [])) >= 2)
    offerings = sorted(program.data["offerings"], key=lambda o: o["start"])
    first, second = offerings[0]["start"], offerings[1]["start"]
    assert next_start(program, date.fromisoformat(first)) == first
    day_after = date.fromordinal(date.fromisoformat(first).toordinal() + 1)
    assert next_start(program, day_after) == second
    assert next_start(program, date(2999, 1, 1)) == "9999-12-31"  # none to come: after every date
    for state in ("active", "expiring"):
        assert apply_by_dates(program, state) == sorted(
            {o.get("application_deadline") or o["start"] for o in offerings}
        )
    for state in ("suspended", "expired", "proposed"):
        assert apply_by_dates(program, state) == []  # only a program the registry vouches for takes applications


def test_a_program_never_open_for_application_has_no_apply_by_values(catalogue):
    for program in catalogue.programs.values():
        if not program.data.get("offerings"):
            assert apply_by_dates(program, "active") == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_mode_label_is_short_in_results_and_full_on_hover(catalogue, lang):
    pages = SitePages(catalogue, lang=lang, today=TODAY, urls=Urls("https://registry.example.org/"))
    blended = next(p for p in catalogue.programs.values() if p.data["delivery"]["mode"] == "blended")
    meta = dict(pages.context(pages.pages[f"programs/{blended.id}.md"])["search_record"].meta)
    full = vocabularies()["delivery_mode"].label("blended", lang)
    assert meta["mode"] == Language.of(lang).term_short("delivery_mode", "blended")
    if lang == "ja":
        assert meta["mode"] == "ブレンディッド" and meta["mode_full"] == full
    else:
        assert meta["mode"] == full and "mode_full" not in meta


def test_providers_tie_break_by_their_reading_on_japanese_pages(catalogue):
    view = search_page_view(catalogue, Language.of("ja"), TODAY)
    providers = next(g for g in view.filters if g.key == "provider").options
    readings = [catalogue.providers[o.value].data.get("name_kana") or o.label for o in providers]
    assert readings == sorted(readings, key=kana_sort_key)  # 五十音順, as the provider list (tests/test_readings.py)
    assert all(catalogue.providers[o.value].data.get("name_kana") for o in providers)


def test_the_status_filter_counts_what_the_home_page_counts(catalogue):
    recognised = [
        p
        for p in catalogue.programs.values()
        if {("status", "active"), ("status", "expiring")} & set(filters(catalogue, p))
    ]
    assert len(recognised) == sum(catalogue.lifecycle(pid, TODAY).recognised for pid in catalogue.programs)
