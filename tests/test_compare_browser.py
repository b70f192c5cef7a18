"""The compare buttons, tray, tool and sortable tables in headless Chromium (conftest: built_site,
site_server, browser).

Set MCCAT_SCREENSHOTS=/some/folder to keep screenshots of the tool and a field table at desktop and
phone widths in both languages.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from mccat import LANGUAGES
from mccat.site.texts import INTERFACE_TEXT

from .test_compare_core import keyed

WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
SCREENSHOTS = os.environ.get("MCCAT_SCREENSHOTS")


def t(key: str, lang: str, **values) -> str:
    return INTERFACE_TEXT[key][lang].format(**values)


def other_language(lang: str) -> str:
    return next(code for code in LANGUAGES if code != lang)


def largest_field(catalogue) -> tuple[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for program in catalogue.programs.values():
        for code in program.data["fields"]:
            fields.setdefault(code, []).append(program.id)
    code = max(sorted(fields), key=lambda c: len(fields[c]))
    return code, sorted(fields[code])


@pytest.fixture(scope="module")
def three(built_site) -> list[str]:
    """Three programs of one field: some descriptors equal, some not."""
    return largest_field(built_site.catalogue)[1][:3]


@pytest.fixture
def open_page(browser):
    """A page in a fresh browser context (its own localStorage); JavaScript errors fail the test."""
    contexts, errors = [], []

    def open_(url: str, width: str = "desktop"):
        w, h = WIDTHS[width]
        context = browser.new_context(viewport={"width": w, "height": h})
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url)
        return page

    yield open_
    for context in contexts:
        context.close()
    assert not errors, errors


def shown_programs(page) -> list[str]:
    page.wait_for_selector('[data-mc="compare-table"] th[data-program]')
    page.wait_for_function(
        "!document.querySelector('[data-mc=\"compare-messages\"]').textContent.includes("
        "document.querySelector('[data-mc=\"compare-tool\"]').getAttribute('data-text-loading'))"
    )
    return page.eval_on_selector_all(
        '[data-mc="compare-table"] th[data-program]', "heads => heads.map(h => h.getAttribute('data-program'))"
    )


def record(built_site, lang: str, program_id: str) -> dict:
    """A program's data file as the tool reads it (by row key)."""
    path = built_site.root / lang / "compare" / "data" / f"{program_id}.json"
    tool = built_site.tree(lang, "compare/").cssselect('[data-mc="compare-tool"]')[0]
    keys = [row.get("data-row") for row in tool.cssselect("tr[data-row]:not([data-computed])")]
    return keyed(json.loads(path.read_text(encoding="utf-8")), keys)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_three_programs_added_from_their_pages_are_compared_and_the_link_works_in_the_other_language(
    built_site, site_server, open_page, three, lang
):
    catalogue = built_site.catalogue
    page = open_page(f"{site_server}{lang}/programs/{three[0]}/")
    for count, program_id in enumerate(three, start=1):
        page.goto(f"{site_server}{lang}/programs/{program_id}/")
        button = page.locator(f'article button[data-compare-id="{program_id}"]')
        assert button.is_visible() and button.get_attribute("aria-pressed") == "false"
        button.click()
        assert button.get_attribute("aria-pressed") == "true"
        assert page.locator('[data-mc="compare-count"]').inner_text() == str(count)
    page.locator('[data-mc="compare-tray-link"]').click()
    page.wait_for_url(re.compile(r"/compare/\?p="))
    assert shown_programs(page) == three
    titles = page.eval_on_selector_all("th[data-program] .mc-compare-table__title", "a => a.map(e => e.textContent)")
    assert titles == [catalogue.programs[p].title[lang] for p in three]
    rows = page.locator('[data-mc="compare-table"] tr[data-row]')
    assert rows.count() > 30
    assert all(n == 4 for n in page.eval_on_selector_all("tr[data-row]", "rows => rows.map(r => r.cells.length)"))
    assert parse_qs(urlsplit(page.url).query)["p"] == [",".join(three)]
    # The language switch carries the selection.
    other = other_language(lang)
    switch = page.locator(f'a[data-mc="language-switch"][hreflang="{other}"]').get_attribute("href")
    assert urlsplit(urljoin(page.url, switch)).query == urlsplit(page.url).query

    # The shared link, opened by someone else in the other language: the same three programs.
    shared = open_page(page.url.replace(f"/{lang}/compare/", f"/{other}/compare/"))
    assert shared.locator("html").get_attribute("lang") == other
    assert shown_programs(shared) == three
    titles = shared.eval_on_selector_all("th[data-program] .mc-compare-table__title", "a => a.map(e => e.textContent)")
    assert titles == [catalogue.programs[p].title[other] for p in three]
    assert shared.evaluate("window.mcCompare.list()") == three  # and it is now their selection too


def test_unknown_ids_in_the_address_are_reported(site_server, open_page, three):
    lang = "en"
    bad = ["example-nowhere/no-such-program", "../../etc/passwd", "NotAnId"]
    page = open_page(f"{site_server}{lang}/compare/?p={three[0]},{bad[0]},{three[1]},{bad[1]},{bad[2]}")
    assert shown_programs(page) == three[:2]
    messages = page.locator('[data-mc="compare-messages"] p').all_inner_texts()
    for program_id in bad:
        assert t("compare.unknown", lang, id=program_id) in messages
    assert parse_qs(urlsplit(page.url).query)["p"] == [",".join(three[:2])]  # the address keeps what is shown


def test_ids_that_name_nothing_do_not_take_the_places_of_real_ones(site_server, open_page, three):
    """The limit of four applies to the programs found: four unknown ids before a real one left the table empty."""
    nowhere = [f"example-nowhere/program-{n}" for n in range(4)]
    page = open_page(f"{site_server}ja/compare/?p={','.join([*nowhere, three[0]])}")
    assert shown_programs(page) == [three[0]]
    messages = page.locator('[data-mc="compare-messages"] p').all_inner_texts()
    assert t("compare.too_many", "ja", max=4) not in messages


def test_removing_the_last_programs_by_keyboard_keeps_the_focus_in_the_tool(site_server, open_page, three):
    """With one program left "show differences only" is disabled; focus went to the page's body."""
    page = open_page(f"{site_server}ja/compare/?p={three[0]},{three[1]}")
    assert shown_programs(page) == three[:2]
    for _ in range(2):
        page.locator(".mc-compare-table__remove").first.focus()
        page.keyboard.press("Enter")
    focused = page.evaluate("document.activeElement.getAttribute('data-mc')")
    assert focused == "compare-messages"
    assert t("compare.empty", "ja") in page.locator('[data-mc="compare-messages"]').inner_text()


def test_one_program_asks_for_another_and_none_says_how_to_choose(site_server, open_page, three):
    page = open_page(f"{site_server}ja/compare/?p={three[0]}")
    assert shown_programs(page) == three[:1]
    assert t("compare.too_few", "ja") in page.locator('[data-mc="compare-messages"]').inner_text()
    page.locator('[data-mc="compare-clear"]').click()
    assert page.locator('[data-mc="compare-messages"]').inner_text() == t("compare.empty", "ja")
    assert page.locator("th[data-program]").count() == 0 and urlsplit(page.url).query == ""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hide_equal_rows_hides_exactly_the_equal_rows(built_site, site_server, open_page, three, lang):
    records = [record(built_site, lang, p) for p in three]
    # "The same" is the same data (the file's "same"), whatever the wording; the two computed rows compare the next
    # offering's dates, from the offerings and today's date.
    today = date.today().isoformat()

    def upcoming(r, what):
        nxt = next((o for o in r["offerings"] if o["start"] >= today), None)
        return None if nxt is None else nxt.get("start" if what == "next_start" else "deadline")

    norms = [{**r["norm"], **{k: upcoming(r, k) for k in ("next_start", "next_deadline")}} for r in records]
    equal = {key for key in norms[0] if all(n[key] == norms[0][key] for n in norms)}
    every = set(norms[0])
    assert equal and every - equal  # the three programs share some descriptors and differ in others
    page = open_page(f"{site_server}{lang}/compare/?p={','.join(three)}")
    assert shown_programs(page) == three

    def visible_rows() -> set[str]:
        return set(
            page.eval_on_selector_all(
                "tr[data-row]", "rows => rows.filter(r => r.getClientRects().length).map(r => r.dataset.row)"
            )
        )

    differs = set(page.eval_on_selector_all(".mc-compare-table__row--differs", "rows => rows.map(r => r.dataset.row)"))
    assert differs == every - equal
    assert visible_rows() == every
    page.locator('[data-mc="hide-equal"]').check()
    assert visible_rows() == every - equal
    assert "diff=1" in page.url  # shareable: the link opens the same view
    page.locator('[data-mc="hide-equal"]').uncheck()
    assert visible_rows() == every and "diff=1" not in page.url


@pytest.mark.parametrize("lang", LANGUAGES)
def test_field_table_sorts_by_a_column_both_ways(built_site, site_server, open_page, lang):
    """Sorted by the program column, the rows come back in the order the page loads in: the titles' readings
    in 五十音順 on Japanese pages (a sort by the title's characters put kana titles first, then kanji by code)."""
    code, programs = largest_field(built_site.catalogue)
    page = open_page(f"{site_server}{lang}/compare/{code}/")
    hours = {p: built_site.catalogue.programs[p].data["effort"]["hours"] for p in programs}

    def order() -> list[str]:
        return page.eval_on_selector_all("table[data-mc-sortable] tbody tr", "rows => rows.map(r => r.dataset.program)")

    loaded = order()
    head = page.locator('thead th[data-column="hours"]')
    head.locator("button").click()
    assert head.get_attribute("aria-sort") == "ascending"
    assert page.locator('thead th[data-column="program"]').get_attribute("aria-sort") is None
    assert [hours[p] for p in order()] == sorted(hours.values())
    head.locator("button").click()
    assert head.get_attribute("aria-sort") == "descending"
    assert [hours[p] for p in order()] == sorted(hours.values(), reverse=True)
    page.locator('thead th[data-column="program"] button').click()  # another column: ascending first
    assert page.locator('thead th[data-column="program"]').get_attribute("aria-sort") == "ascending"
    assert order() == loaded
    page.locator('thead th[data-column="program"] button').click()
    assert order() == loaded[::-1]
    if lang == "en":
        titles = [built_site.catalogue.programs[p].title["en"].casefold() for p in order()]
        assert titles == sorted(titles, reverse=True)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lists_and_tables_get_a_compare_button_for_each_program_after_its_title(
    built_site, site_server, open_page, lang
):
    """Their HTML has no buttons (bytes): compare.js adds one per program, where the templates had it."""
    code, programs = largest_field(built_site.catalogue)
    for url, item, after in (
        (f"compare/{code}/", "tbody tr[data-program] th", ".mc-compare-field__provider"),
        (f"fields/{code}/", "li[data-program]", ".mc-programs__title, .mc-status"),
        ("programs/", "li[data-program]", ".mc-programs__title, .mc-status"),
    ):
        page = open_page(f"{site_server}{lang}/{url}")
        found = page.eval_on_selector_all(
            item,
            """(items, after) => items.map(item => {
                 const button = item.querySelector('button[data-compare-id]');
                 const before = button && button.previousElementSibling;
                 return [(item.closest('[data-program]')).dataset.program, button && button.dataset.compareId,
                         button && !button.hidden && button.textContent, !!(before && before.matches(after)),
                         button && button.getAttribute('aria-pressed')];
               })""",
            after,
        )
        assert found and all([p, p, t("compare.button", lang), True, "false"] == [p, *rest] for p, *rest in found), (
            url,
            found[:3],
        )
        if url.startswith("fields/"):
            assert sorted(p for p, *_ in found) == sorted(programs)


def test_selection_holds_at_most_four(site_server, open_page):
    page = open_page(f"{site_server}en/programs/")
    buttons = page.locator("button[data-compare-id]")
    for index in range(5):
        buttons.nth(index).click()
    assert [buttons.nth(i).get_attribute("aria-pressed") for i in range(5)] == ["true"] * 4 + ["false"]
    assert page.locator('[data-mc="compare-tray-message"]').inner_text() == t("compare.full", "en", max=4)
    assert page.locator('[data-mc="compare-count"]').inner_text() == "4"


def test_buttons_added_later_are_wired_and_data_is_written_as_text(built_site, site_server, open_page, three):
    """The search results' convention (a <button data-compare-id> added any time), and hostile data."""
    page = open_page(f"{site_server}en/")
    page.evaluate(
        """id => { const b = document.createElement('button'); b.dataset.compareId = id;
                             b.id = 'late'; document.querySelector('article').append(b); }""",
        three[0],
    )
    late = page.locator("#late")
    late.click()
    assert late.get_attribute("aria-pressed") == "true" and late.inner_text() == t("compare.button", "en")
    assert page.evaluate("window.mcCompare.list()") == [three[0]]

    hostile = '<img src=x onerror="window.pwned=1">'
    tool = built_site.tree("en", "compare/").cssselect('[data-mc="compare-tool"]')[0]
    keys = [row.get("data-row") for row in tool.cssselect("tr[data-row]:not([data-computed])")]
    values = [[hostile] for _ in keys]
    values[keys.index("description")] = [{"text": hostile, "href": "javascript:alert(1)", "external": True}]
    data = {
        "id": three[1],
        "key": tool.get("data-data-key"),
        "title": hostile,
        "provider": hostile,
        "status": [hostile, hostile],
        "rows": values,
        "same": [hostile for _ in keys],
        "offerings": [[hostile, hostile, hostile, hostile]],
    }
    page.route(
        f"**/compare/data/{three[1]}.json",
        lambda route: route.fulfill(content_type="application/json", body=json.dumps(data)),
    )
    page.goto(f"{site_server}en/compare/?p={three[0]},{three[1]}")
    assert shown_programs(page) == three[:2]
    assert page.locator(f'th[data-program="{three[1]}"] .mc-compare-table__title').inner_text() == hostile
    assert page.locator('[data-mc="compare-table"] img').count() == 0
    assert page.locator('tr[data-row="description"] a[href^="javascript"]').count() == 0
    assert page.evaluate("window.pwned") is None

    # A file of another build (its rows in another order: another fingerprint) is refused, not misread.
    stale = {**data, "title": "stale", "key": "00000000"}
    page.unroute(f"**/compare/data/{three[1]}.json")
    page.route(
        f"**/compare/data/{three[1]}.json",
        lambda route: route.fulfill(content_type="application/json", body=json.dumps(stale)),
    )
    page.goto(f"{site_server}en/compare/?p={three[0]},{three[1]}")
    assert shown_programs(page) == three[:1]
    messages = page.locator('[data-mc="compare-messages"] p').all_inner_texts()
    assert t("compare.failed", "en", id=three[1]) in messages


def test_print_shows_the_whole_table_without_buttons(built_site, site_server, open_page):
    code, _ = largest_field(built_site.catalogue)
    page = open_page(f"{site_server}ja/compare/{code}/")
    page.emulate_media(media="print")
    assert page.locator("button[data-compare-id]").first.is_hidden()
    assert page.eval_on_selector(".mc-compare-scroll", "e => getComputedStyle(e).overflowX") == "visible"
    assert len(page.pdf()) > 1000


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_compare_pages_fit_the_screen(built_site, site_server, open_page, three, lang, width):
    """Nothing is cut off: the page never scrolls sideways. The tool fits the width (on a phone, two programs
    side by side); a field's table scrolls inside its box and every column can be scrolled into view."""
    code, programs = largest_field(built_site.catalogue)
    four = programs[:4]
    page = open_page(f"{site_server}{lang}/compare/?p={','.join(four)}", width)
    assert shown_programs(page) == four
    viewport = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport, width
    heads = page.locator('[data-mc="compare-table"] thead th[data-program]')
    visible = [h for h in heads.all() if h.is_visible()]
    assert len(visible) == (2 if width == "phone" else 4)
    for head in visible:
        box = head.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport + 1
    page = open_page(f"{site_server}{lang}/compare/{code}/", width)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport, width
    region = page.locator(".mc-compare-scroll")
    region.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    last = page.locator(".mc-compare-scroll thead th").last.bounding_box()
    assert last["x"] + last["width"] <= viewport + 1, width
    if SCREENSHOTS:
        region.evaluate("e => { e.scrollLeft = 0; }")
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"compare-field-{lang}-{width}.png"), full_page=False)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_program_names_stay_in_view_in_the_middle_of_the_table(built_site, site_server, open_page, lang, width):
    """Scrolled to the middle of a four-program comparison, each program's name is at the top of the window, not
    covered (the screenshots of 'Done when' are these, with MCCAT_SCREENSHOTS set)."""
    _, programs = largest_field(built_site.catalogue)
    four = programs[:4]
    page = open_page(f"{site_server}{lang}/compare/?p={','.join(four)}", width)
    shown_programs(page)
    table = page.locator('[data-mc="compare-table"]').bounding_box()
    page.evaluate(f"window.scrollTo(0, {table['y'] + table['height'] / 2 - page.viewport_size['height'] / 2})")
    page.wait_for_timeout(100)
    titles = [h.locator(".mc-compare-table__title") for h in page.locator("thead th[data-program]").all()]
    visible = [title for title in titles if title.is_visible()]
    assert len(visible) == (2 if width == "phone" else 4)
    for title in visible:
        box = title.bounding_box()
        assert 0 <= box["y"] < page.viewport_size["height"] / 3, box  # at the top of the window
        on_top = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).closest('.mc-compare-table__title')?.textContent || ''",
            [box["x"] + min(box["width"], 40) / 2, box["y"] + 4],
        )
        assert on_top == title.inner_text()  # nothing covers it
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"compare-tool-middle-{lang}-{width}.png"), full_page=False)


def test_on_a_phone_the_pair_switcher_chooses_the_two_programs_shown(built_site, site_server, open_page):
    _, programs = largest_field(built_site.catalogue)
    four = programs[:4]
    page = open_page(f"{site_server}ja/compare/?p={','.join(four)}", "phone")
    shown_programs(page)

    def visible() -> list[str]:
        return [h.get_attribute("data-program") for h in page.locator("thead th[data-program]").all() if h.is_visible()]

    assert visible() == four[:2]
    page.select_option('[data-mc="compare-pair"] select[data-side="1"]', "3")
    assert visible() == [four[0], four[3]]
    page.select_option('[data-mc="compare-pair"] select[data-side="0"]', "3")  # the same twice: they swap
    assert visible() == [four[0], four[3]] and page.input_value('select[data-side="1"]') == "0"
    # Every row still has a cell under each visible head.
    cells = page.eval_on_selector_all(
        "tr[data-row]", "rows => rows.map(r => [...r.children].filter(c => c.getClientRects().length).length)"
    )
    assert set(cells) == {3}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_key_facts_come_first_and_long_texts_are_collapsed_until_asked(built_site, site_server, open_page, lang):
    _, programs = largest_field(built_site.catalogue)
    page = open_page(f"{site_server}{lang}/compare/?p={','.join(programs[:2])}")
    shown_programs(page)
    sections = page.eval_on_selector_all("tbody[data-section]", "bodies => bodies.map(b => b.dataset.section)")
    assert sections[0] == "key" and sections[-1] == "texts"
    first_rows = page.eval_on_selector_all(
        'tbody[data-section="key"] tr[data-row]', "rows => rows.map(r => r.dataset.row)"
    )
    assert first_rows[:3] == ["effort.hours", "effort.ects", "recognition.credits"]
    cell = page.locator('tr[data-row="description"] .mc-compare-cell').first
    cut = "e => e.scrollHeight > e.clientHeight + 1"
    assert cell.evaluate(cut)  # the text is longer than what shows
    button = page.locator('[data-mc="compare-expand"]')
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert not cell.evaluate(cut)
    # The next start is computed with today's date from the offerings.
    today = date.today().isoformat()
    record_ = record(built_site, lang, programs[0])
    nxt = next((o for o in record_["offerings"] if o["start"] >= today), None)
    shown = page.locator('tr[data-row="next_start"] td').first.inner_text()
    assert shown == (nxt["start_text"] if nxt else t("compare.none_to_come", lang))
