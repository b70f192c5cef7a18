"""Keyboard only, in Chromium: the skip link, the search box and the search page's filters, the compare tray (add,
remove, open), the language switch; focus always visible; other-language text marked with its `lang`; the compare
table's cells tied to their row and column heads. No mouse event is used here: keys only."""

from __future__ import annotations

import re

import pytest

from mccat import LANGUAGES

FOCUSED_OUTLINE = """() => { const e = document.activeElement; const s = getComputedStyle(e);
  return {tag: e.tagName, text: (e.textContent || e.value || '').trim().slice(0, 40),
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1,
          shadow: s.boxShadow !== 'none', underline: s.textDecorationLine.includes('underline')}; }"""


def tab_to(page, predicate: str, limit: int = 80) -> dict:
    """Press Tab until the focused element matches `predicate` (a JS expression over `e`); its description."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const e = document.activeElement; return !!({predicate}); }})()"):
            return page.evaluate(FOCUSED_OUTLINE)
    raise AssertionError(f"Tab never reached {predicate}")


def test_the_skip_link_comes_first_and_moves_to_the_content(page, site_server):
    page.goto(f"{site_server}ja/programs/example-national-univ/ds-python-basics/")
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.className")
    assert "md-skip" in first and page.locator("a.md-skip").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") != ""
    focused = tab_to(page, "e.closest('article')")  # the next Tab lands in the content, not the header
    assert focused["tag"] in ("A", "BUTTON")


def test_every_control_shows_where_the_focus_is(page, site_server):
    """Tab through the top of a program page and the search page: each focused element is outlined or underlined."""
    for url in ("ja/programs/example-national-univ/ds-python-basics/", "en/search/?q=data"):
        page.goto(f"{site_server}{url}")
        if "search" in url:
            page.wait_for_selector("form[data-mc-search][data-ready]")
        seen = []
        for _ in range(30):
            page.keyboard.press("Tab")
            state = page.evaluate(FOCUSED_OUTLINE)
            if state["tag"] == "BODY":
                continue
            seen.append(state)
            assert state["outline"] or state["shadow"], state
        assert len(seen) > 10


def test_the_header_search_box_by_keyboard(page, site_server):
    page.goto(f"{site_server}ja/")
    tab_to(page, "e.classList.contains('mc-searchbox__input')")
    page.keyboard.type("かいご")
    page.wait_for_selector(".mc-searchbox__result")
    assert page.get_attribute(".mc-searchbox__input", "aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.closest('.mc-searchbox__result') && document.activeElement.href")
    assert first and "/programs/example-care-association/" in first
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/ja/programs/example-care-association/"))


def test_the_search_page_and_its_filters_by_keyboard(page, site_server, built_site):
    page.goto(f"{site_server}en/search/")
    page.wait_for_selector("form[data-mc-search][data-ready]")
    tab_to(page, "e.classList.contains('mc-search__input')")
    page.keyboard.type("data")
    page.keyboard.press("Enter")
    page.wait_for_selector("form[data-mc-search][data-ready]")
    assert "q=data" in page.url
    # To the "online" option of the delivery mode, and Space to choose it.
    tab_to(page, "e.name === 'mode' && e.value === 'online'")
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"mode=online"))
    page.wait_for_selector("form[data-mc-search][data-ready]")
    programs = built_site.catalogue.programs
    found = page.eval_on_selector_all(".mc-search__result[data-program]", "items => items.map(i => i.dataset.program)")
    assert found and all(programs[p].data["delivery"]["mode"] == "online" for p in found)
    # A long group's "show all" opens with Enter and says so.
    state = tab_to(page, "e.hasAttribute('data-show-all')")
    assert state["tag"] == "BUTTON"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "true"
    # The sort, with the arrow keys.
    tab_to(page, "e.name === 'sort'")
    page.keyboard.press("ArrowDown")
    page.wait_for_url(re.compile(r"sort="))


def test_the_compare_tray_by_keyboard_add_open_remove(page, site_server, built_site):
    first, second = "example-national-univ/ds-python-basics", "example-national-univ/ds-machine-learning"
    for program in (first, second):
        page.goto(f"{site_server}en/programs/{program}/")
        tab_to(page, f"e.getAttribute('data-compare-id') === '{program}'")
        page.keyboard.press("Enter")
        assert page.get_attribute(f'article [data-compare-id="{program}"]', "aria-pressed") == "true"
    tray = page.locator('[data-mc="compare-tray"]')
    assert tray.is_visible() and tray.locator('[data-mc="compare-count"]').inner_text() == "2"
    tab_to(page, "e.getAttribute('data-mc') === 'compare-tray-link'")
    page.keyboard.press("Enter")
    page.wait_for_selector('[data-mc="compare-tool"][data-ready]')
    heads = page.eval_on_selector_all("thead th[data-program]", "hs => hs.map(h => h.dataset.program)")
    assert heads == [first, second]
    tab_to(page, "e.classList.contains('mc-compare-table__remove')")
    page.keyboard.press("Enter")
    heads = page.eval_on_selector_all("thead th[data-program]", "hs => hs.map(h => h.dataset.program)")
    assert heads == [second]
    assert page.evaluate("document.activeElement.classList.contains('mc-compare-table__remove')")  # focus stays near
    assert first not in page.url


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_language_switch_by_keyboard(page, site_server, lang):
    other = next(code for code in LANGUAGES if code != lang)
    program = "example-national-univ/ds-python-basics"
    page.goto(f"{site_server}{lang}/programs/{program}/")
    tab_to(page, "e.closest('.md-select') && e.tagName === 'BUTTON'")
    state = tab_to(page, f"e.getAttribute('hreflang') === '{other}' && e.dataset.mc === 'language-switch'")
    assert page.locator(f'a[data-mc="language-switch"][hreflang="{other}"]').is_visible()  # the menu opened
    assert state["outline"]
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/{other}/programs/{program}/$"))
    assert page.evaluate("document.documentElement.lang") == other


def test_japanese_text_on_english_pages_is_marked_with_its_language(page, site_server):
    """Screen readers switch voice on `lang`: every run of Japanese text on an English page is inside an element
    marked lang="ja" (other-language titles in results, texts given only in Japanese, the language switch)."""
    urls = [
        "en/",
        "en/programs/",
        "en/programs/example-care-association/care-basics-ja-vi/",
        "en/search/?q=%E4%BB%8B%E8%AD%B7",
        "en/compare/?p=example-care-association/care-basics-ja-vi,example-national-univ/ds-python-basics",
    ]
    for url in urls:
        page.goto(f"{site_server}{url}")
        if "search" in url:
            page.wait_for_selector("form[data-mc-search][data-ready]")
        if "compare/?" in url:
            page.wait_for_selector('[data-mc="compare-tool"][data-ready]')
        unmarked = page.evaluate(
            """() => { const out = []; const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              for (let n = w.nextNode(); n; n = w.nextNode()) {
                if (!/[\\u3040-\\u30ff\\u4e00-\\u9fff]/.test(n.data)) continue;
                const p = n.parentElement; if (p.closest('script, style, template, [hidden]')) continue;
                if (p.closest('[lang]').getAttribute('lang') !== 'ja') out.push(n.data.trim().slice(0, 30)); }
              return out; }"""
        )
        assert not unmarked, (url, unmarked)


def test_compare_cells_are_tied_to_their_program_and_descriptor(page, site_server):
    page.goto(
        f"{site_server}ja/compare/?p=example-national-univ/ds-python-basics,example-tech-corp/generative-ai-business-practice"
    )
    page.wait_for_selector('[data-mc="compare-tool"][data-ready]')
    problems = page.evaluate(
        """() => { const out = []; const table = document.querySelector('[data-mc="compare-table"]');
          const heads = [...table.tHead.rows[0].cells];
          for (const row of table.querySelectorAll('tr[data-row]')) {
            const rowHead = row.cells[0];
            if (rowHead.tagName !== 'TH' || rowHead.getAttribute('scope') !== 'row') out.push(row.dataset.row);
            [...row.cells].slice(1).forEach((cell, i) => {
              const head = heads[i + 1];
              if (cell.tagName !== 'TD' || !head || head.tagName !== 'TH' || head.getAttribute('scope') !== 'col'
                  || !head.dataset.program) out.push(row.dataset.row + ':' + i); }); }
          return out; }"""
    )
    assert not problems, problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_checking_a_badge_by_keyboard(page, site_server, lang):
    """The check page: Tab to the box, type an Achievement's URL, Tab to the button, Enter; the verdict is
    announced (a polite live region) and says the program is approved."""
    page.goto(f"{site_server}{lang}/verify/")
    page.wait_for_selector("form[data-mc-verify]:not([hidden])")
    focused = tab_to(page, "e.id === 'mc-verify-input'")
    assert focused["outline"] or focused["shadow"], focused
    page.keyboard.type(
        "https://registry.example.org/api/v1/programs/example-national-univ/ds-python-basics.achievement.en.json"
    )
    focused = tab_to(page, "e.classList.contains('mc-verify__submit')", limit=3)
    assert focused["outline"] or focused["shadow"], focused
    page.keyboard.press("Enter")
    result = page.locator(".mc-verify__result[data-verdict]")
    result.wait_for()
    assert result.get_attribute("data-verdict") == "active"
    assert result.get_attribute("aria-live") == "polite" and result.get_attribute("role") == "status"
