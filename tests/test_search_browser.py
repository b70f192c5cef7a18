"""Search in a real browser (headless Debian chromium via Playwright) over the built sample site,
served by a plain static HTTP server (conftest: built_site, site_server, browser).

Expected results come from the catalogue, never from a list written here."""

from __future__ import annotations

import functools
import http.server
import re
import socketserver
import threading
from datetime import date, datetime
from urllib.parse import urlencode, urlsplit

import pytest

from mccat import LANGUAGES
from mccat.model.vocabulary import vocabularies
from mccat.site.formatting import format_date
from mccat.site.search import fee_sort_key
from mccat.site.texts import INTERFACE_TEXT

READY = "form[data-mc-search][data-ready]"


def search_page(page, base: str, lang: str, **params) -> str:
    query = urlencode(params, doseq=True)
    return f"{base}{lang}/search/" + (f"?{query}" if query else "")


def results(page) -> list[dict]:
    """Every result of the search shown (follows "show more"): its URL path and program id."""
    page.wait_for_selector(READY)
    more = page.locator("[data-more]")
    while more.is_visible():
        count = page.locator(".mc-search__result").count()
        more.click()
        page.locator(".mc-search__result").nth(count).wait_for()  # no wait_for_function: the site's CSP forbids eval
    return page.eval_on_selector_all(
        ".mc-search__result", "items => items.map(i => ({url: i.dataset.url, program: i.dataset.program || null}))"
    )


def programs_found(page) -> set[str]:
    return {r["program"] for r in results(page) if r["program"]}


def run(page, url: str) -> list[dict]:
    page.goto(url)
    return results(page)


# --- queries ------------------------------------------------------------------------------------


def test_a_field_name_in_japanese_finds_the_programs_of_that_field(page, site_server, built_site):
    programs = built_site.catalogue.programs
    by_field: dict[str, set[str]] = {}
    for pid, program in programs.items():
        for code in program.data["fields"]:
            by_field.setdefault(code, set()).add(pid)
    code = max(sorted(by_field), key=lambda c: len(by_field[c]))
    name = vocabularies()["isced_field"].label(code, "ja")
    page.goto(search_page(page, site_server, "ja", q=name))
    found = programs_found(page)
    assert by_field[code] <= found, (name, by_field[code] - found)


def test_the_first_half_of_a_japanese_compound_finds_the_compound(page, site_server, built_site):
    compound, half = "データサイエンス", "データ"
    expected = {pid for pid, p in built_site.catalogue.programs.items() if compound in p.data["title"]["ja"]}
    assert expected, "the sample catalogue has a program with データサイエンス in its title"
    page.goto(search_page(page, site_server, "ja", q=half))
    found = results(page)
    assert expected <= {r["program"] for r in found}
    first = page.locator(".mc-search__result").first
    assert first.get_attribute("data-program") in expected or first.locator("mark").count()
    assert page.locator(".mc-search__result mark", has_text=half).count() > 0  # the excerpt marks the match


def test_japanese_excerpts_have_japanese_full_stops(page, site_server):
    """Pagefind joins a heading and the next paragraph with ". ", which read as English between Japanese words."""
    page.goto(search_page(page, site_server, "ja", q="かいご"))
    results(page)
    excerpts = page.locator(".mc-search__excerpt").all_inner_texts()
    assert excerpts and not any(re.search(r"[^\x00-\x7f]\. [^\x00-\x7f]", e) for e in excerpts), excerpts
    assert any("。" in e for e in excerpts)


def test_an_english_query_finds_the_programs_that_say_it(page, site_server, built_site):
    word = "caregiving"
    expected = {pid for pid, p in built_site.catalogue.programs.items() if word in p.data["title"]["en"].lower()}
    assert expected
    page.goto(search_page(page, site_server, "en", q=word))
    found = results(page)
    assert expected <= {r["program"] for r in found}
    assert page.locator(".mc-search__result").first.get_attribute("data-program") in expected  # title weighs most


def test_a_result_shows_title_provider_hours_mode_and_a_snippet(page, site_server, built_site):
    page.goto(search_page(page, site_server, "en", q="python"))
    results(page)
    item = page.locator(".mc-search__result[data-program]").first
    program = built_site.catalogue.programs[item.get_attribute("data-program")]
    provider = built_site.catalogue.providers[program.provider_id]
    text = item.inner_text()
    assert program.data["title"]["en"] in text and provider.name["en"] in text
    assert vocabularies()["delivery_mode"].label(program.data["delivery"]["mode"], "en") in text
    assert re.search(r"\d+ hours?", text)
    assert item.locator(".mc-search__excerpt").inner_text().strip()
    item.locator("a").first.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == f"/en/programs/{program.id}/"


def test_a_result_adds_its_program_to_the_comparison(page, site_server, built_site):
    page.goto(search_page(page, site_server, "en", q="python"))
    results(page)
    item = page.locator(".mc-search__result[data-program]").first
    program = built_site.catalogue.programs[item.get_attribute("data-program")]
    button = item.locator("button[data-compare-id]")
    assert button.get_attribute("data-compare-id") == program.id
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert not page.locator(".mc-search__result:not([data-program]) button[data-compare-id]").count()
    page.goto(f"{site_server}en/compare/")
    # visible: the phone layout's pair switcher also names the program, in hidden <option>s
    page.get_by_text(program.data["title"]["en"]).filter(visible=True).first.wait_for()


# --- filters, sort and the URL ------------------------------------------------------------------


def test_a_filter_narrows_the_results_to_programs_that_have_it(page, site_server, built_site):
    programs = built_site.catalogue.programs
    everything = run(page, search_page(page, site_server, "ja"))  # no words: every program
    assert {r["program"] for r in everything} == set(programs)
    page.locator('fieldset[data-filter="mode"] input[value="online"]').check()
    page.wait_for_selector(READY)
    online = programs_found(page)
    assert online == {pid for pid, p in programs.items() if p.data["delivery"]["mode"] == "online"}
    assert 0 < len(online) < len(programs)
    assert "mode=online" in page.url

    words = run(page, search_page(page, site_server, "ja", q="データ"))
    narrowed = run(page, search_page(page, site_server, "ja", q="データ", mode="online"))
    assert {r["program"] for r in narrowed} == {
        r["program"] for r in words if r["program"] and programs[r["program"]].data["delivery"]["mode"] == "online"
    }
    assert len(narrowed) < len(words)


def test_values_of_one_filter_add_up_and_filters_combine(page, site_server, built_site):
    programs = built_site.catalogue.programs
    found = {
        p["program"] for p in run(page, search_page(page, site_server, "en", mode=["online", "onsite"], fee="free"))
    }
    assert found == {
        pid
        for pid, p in programs.items()
        if p.data["delivery"]["mode"] in ("online", "onsite") and p.data.get("fee", {}).get("amount", -1) == 0
    }
    count = page.locator('fieldset[data-filter="mode"] input[value="blended"] ~ [data-count]').inner_text()
    assert int(count) == sum(
        1
        for p in programs.values()
        if p.data["delivery"]["mode"] == "blended" and p.data.get("fee", {}).get("amount", -1) == 0
    )


def test_sort_by_hours_and_by_newest_approval(page, site_server, built_site):
    programs = built_site.catalogue.programs
    hours = [
        programs[r["program"]].data["effort"]["hours"]
        for r in run(page, search_page(page, site_server, "en", sort="hours-asc"))
    ]
    assert len(hours) == len(programs) and hours == sorted(hours)
    catalogue, today = built_site.catalogue, built_site.build_date
    dates = [
        catalogue.lifecycle(r["program"], today).first_approved
        for r in run(page, search_page(page, site_server, "en", q="data", sort="newest"))
    ]
    assert dates and dates == sorted(dates, reverse=True)


def test_a_shared_url_restores_query_filters_and_sort(page, browser, site_server):
    page.goto(search_page(page, site_server, "ja"))
    page.wait_for_selector(READY)
    page.fill("input.mc-search__input", "データ")
    page.press("input.mc-search__input", "Enter")
    page.wait_for_selector(READY)
    page.locator('fieldset[data-filter="mode"] input[value="online"]').check()
    page.wait_for_selector(READY)
    page.select_option("select[name=sort]", "hours-desc")
    page.wait_for_selector(READY)
    shared = page.url
    assert re.search(r"q=%E3%83%87", shared) and "mode=online" in shared and "sort=hours-desc" in shared
    shown = results(page)

    other = browser.new_context().new_page()  # someone else opens the link
    try:
        other.goto(shared)
        assert results(other) == shown and shown
        assert other.input_value("input.mc-search__input") == "データ"
        assert other.is_checked('fieldset[data-filter="mode"] input[value="online"]')
        assert other.locator("fieldset[data-filter] input:checked").count() == 1
        assert other.input_value("select[name=sort]") == "hours-desc"
        switch = other.locator('a[data-mc="language-switch"][hreflang="en"]').get_attribute("href")
        assert urlsplit(switch).path.endswith("/en/search/") and urlsplit(switch).query == urlsplit(shared).query
    finally:
        other.context.close()


def open_on(catalogue, day: str, build_date) -> set[str]:
    """Programs open for application on `day`, from the data: recognised on the build date (active or expiring),
    and an offering whose deadline (else its start) is not before that day."""
    return {
        pid
        for pid, p in catalogue.programs.items()
        if catalogue.lifecycle(pid, build_date).recognised
        and any((o.get("application_deadline") or o["start"]) >= day for o in p.data.get("offerings", []))
    }


def test_open_for_application_is_computed_with_the_visitors_date_not_the_build_date(browser, site_server, built_site):
    catalogue = built_site.catalogue
    days = sorted(
        {
            o.get("application_deadline") or o["start"]
            for p in catalogue.programs.values()
            for o in p.data.get("offerings", [])
        }
    )
    # Two dates in the browser's clock (the build's date stays what it was): before and after a deadline.
    early, late = days[len(days) // 3], days[2 * len(days) // 3]
    for day in (early, late):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            page.clock.set_fixed_time(datetime.fromisoformat(day + "T12:00:00"))
            page.goto(search_page(page, site_server, "ja", open="now"))
            expected = open_on(catalogue, day, built_site.build_date)
            assert programs_found(page) == expected, day
            count = page.locator('fieldset[data-filter="open"] [data-count]').inner_text()
            assert int(count) == len(expected)
            for item in page.locator(".mc-search__result[data-program]").all():  # each says until when
                assert item.locator("[data-slot=open]").inner_text().strip()
        finally:
            context.close()
    assert open_on(catalogue, early, built_site.build_date) > open_on(
        catalogue, late, built_site.build_date
    )  # the dates mattered


def test_options_are_ordered_by_count_and_long_groups_collapse(page, site_server):
    page.goto(search_page(page, site_server, "ja", q="データ"))
    results(page)
    for fieldset in page.locator("fieldset[data-filter]").all():
        labels = fieldset.locator("label").all()
        counts = [int(label.locator("[data-count]").inner_text()) for label in labels]
        empty = [
            label.get_attribute("class") and "mc-search__option--empty" in label.get_attribute("class")
            for label in labels
        ]
        assert empty == [c == 0 for c in counts]  # no results: dimmed
        if fieldset.get_attribute("data-ordinal") is None:
            assert counts == sorted(counts, reverse=True), fieldset.get_attribute("data-filter")
    fields = page.locator('fieldset[data-filter="field"]')
    toggle = fields.locator("[data-show-all]")
    assert fields.locator("label:visible").count() == 5 and toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert fields.locator("label:visible").count() == fields.locator("label").count() > 5
    assert toggle.get_attribute("aria-expanded") == "true"
    toggle.click()
    assert fields.locator("label:visible").count() == 5


def test_sort_by_fee_and_by_next_start(page, site_server, built_site):
    programs = built_site.catalogue.programs
    found = [r["program"] for r in run(page, search_page(page, site_server, "en", sort="fee-asc"))]
    keys = [fee_sort_key(programs[pid].data.get("fee")) for pid in found]
    assert len(found) == len(programs) and keys == sorted(keys)
    assert programs[found[0]].data["fee"]["amount"] == 0  # free first
    today = date.today().isoformat()
    found = [r["program"] for r in run(page, search_page(page, site_server, "ja", sort="start"))]

    def upcoming(pid: str) -> str:
        return min((o["start"] for o in programs[pid].data.get("offerings", []) if o["start"] >= today), default="9999")

    firsts = [upcoming(pid) for pid in found[:20]]
    assert firsts == sorted(firsts) and firsts[0] != "9999"
    shown = page.locator(".mc-search__result[data-program]").first.locator("[data-slot=next]").inner_text()
    assert shown == INTERFACE_TEXT["search.next_start"]["ja"].format(date=format_date(firsts[0], "ja"))


# --- one index per language ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_page_searches_only_pages_in_its_own_language(page, site_server, built_site, lang):
    other = next(code for code in LANGUAGES if code != lang)
    program = built_site.catalogue.programs["example-care-association/care-basics-ja-vi"]
    for query in ("python", "data", program.data["title"][other], program.data["title"][lang]):
        found = run(page, search_page(page, site_server, lang, q=query))
        assert all(r["url"].startswith(f"/{lang}/") for r in found), (query, found)
    assert found and found[0]["program"] == program.id
    requested = []
    page.context.on("request", lambda request: requested.append(request.url))  # Pagefind fetches from a worker
    page.goto(search_page(page, site_server, lang, q="data"))
    results(page)
    assert [u for u in requested if f"/pagefind/{lang}/pagefind.{lang}_" in u]
    index_files = [urlsplit(u).path for u in requested if re.search(r"/pagefind/[a-z]+/(index|fragment|filter)/", u)]
    assert index_files and all(
        f"/pagefind/{lang}/" in path and path.rsplit("/", 1)[1].startswith(f"{lang}_") for path in index_files
    )  # never the other language's bundle


# --- the header box, no JavaScript, another path ------------------------------------------------


def test_the_header_box_lists_results_and_enter_opens_the_search_page(page, site_server, built_site):
    pid = sorted(built_site.catalogue.programs)[0]
    page.goto(f"{site_server}ja/programs/{pid}/")
    page.fill(".mc-searchbox__input", "データ")
    page.wait_for_selector(".mc-searchbox__result")
    assert all(
        href.startswith("/ja/")
        for href in page.eval_on_selector_all(
            ".mc-searchbox__result a", "links => links.map(a => a.getAttribute('href'))"
        )
    )
    assert page.locator(".mc-searchbox__all").get_attribute("href").endswith("search/?q=%E3%83%87%E3%83%BC%E3%82%BF")
    kinds = page.eval_on_selector_all(
        ".mc-searchbox__result",
        "items => items.map(i => i.dataset.program ? 'program' : i.querySelector('[data-slot=kind]').textContent)",
    )
    assert "program" in kinds and set(kinds) <= {
        "program",
        INTERFACE_TEXT["search.kind.page"]["ja"],
        INTERFACE_TEXT["search.kind.provider"]["ja"],
    }
    # a program's English title, marked as English (search.js makes the result's markup: tests/test_search.py)
    alternates = page.eval_on_selector_all(".mc-searchbox__alt", "spans => spans.map(s => [s.lang, s.textContent])")
    titles = {program.title["en"] for program in built_site.catalogue.programs.values()}
    assert alternates and all(lang == "en" and title in titles for lang, title in alternates), alternates
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('.mc-searchbox__result') !== null")
    page.keyboard.press("Escape")
    assert page.locator(".mc-searchbox__panel").is_hidden()
    page.fill(".mc-searchbox__input", "データ")
    page.press(".mc-searchbox__input", "Enter")
    page.wait_for_selector(READY)
    assert urlsplit(page.url).path == "/ja/search/"
    assert page.input_value("input.mc-search__input") == "データ" and results(page)


def test_without_javascript_the_page_says_so(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        for lang in LANGUAGES:
            page.goto(search_page(page, site_server, lang, q="data"))
            assert page.locator("form[data-mc-search]").is_hidden()
            message = page.locator("[data-mc=search-noscript]")
            assert message.is_visible() and INTERFACE_TEXT["search.noscript"][lang] in message.inner_text()
            assert message.locator("a").count() == 3
    finally:
        context.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def test_search_works_when_the_site_lives_below_a_path(page, built_site):
    """Static hosting often serves a project under /<name>/: nothing may assume the site is at /."""
    server = socketserver.ThreadingTCPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(built_site.root.parent))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/{built_site.root.name}/"
        found = run(page, search_page(page, base, "en", q="python"))
        assert found and all(r["url"].startswith(f"/{built_site.root.name}/en/") for r in found)
        response = page.goto(f"http://127.0.0.1:{server.server_address[1]}{found[0]['url']}")
        assert response.status == 200
    finally:
        server.shutdown()
        server.server_close()
