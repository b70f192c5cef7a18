"""The built sample site in headless Chromium, as a new visitor meets it: the root sends each browser
to its language, the language switch keeps the page, nothing is wider than a phone or a desktop.

Set MCCAT_SCREENSHOTS=/some/folder to keep a screenshot of every page checked at each width.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from mccat import LANGUAGES

WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
SCREENSHOTS = os.environ.get("MCCAT_SCREENSHOTS")


def sample_pages(built_site) -> list[str]:
    program = sorted(built_site.catalogue.programs)[0]
    stacked = next(p.id for p in built_site.catalogue.programs.values() if p.stacks_into)
    field = built_site.catalogue.programs[program].data["fields"][0]
    return [
        "",
        "programs/",
        f"programs/{program}/",
        f"programs/{stacked}/",
        "fields/",
        f"fields/{field}/",
        "providers/",
        f"providers/{program.split('/')[0]}/",
        "about/",
        "propose/",
        "governance/",
        "descriptors/",
    ]


@pytest.mark.parametrize(("locale", "expected"), [("en-GB", "en"), ("en-US", "en"), ("ja-JP", "ja"), ("fr-FR", "ja")])
def test_root_sends_the_browser_to_its_language(browser, site_server, locale, expected):
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(site_server)
    page.wait_for_url(re.compile(rf"/{expected}/$"))
    assert page.evaluate("document.documentElement.lang") == expected
    context.close()


def test_root_works_without_javascript(browser, site_server):
    context = browser.new_context(locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server)
    page.wait_for_url(re.compile(r"/ja/$"))  # the meta refresh: Japanese by default
    assert page.locator("html").get_attribute("lang") == "ja"
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_switch_opens_the_same_program(browser, site_server, built_site, lang):
    program = built_site.catalogue.programs[sorted(built_site.catalogue.programs)[0]]
    other = next(code for code in LANGUAGES if code != lang)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{site_server}{lang}/programs/{program.id}/")
    page.hover(".md-header__option .md-select")  # the translate icon opens the language menu
    page.locator(f'a[data-mc="language-switch"][hreflang="{other}"]').click()
    page.wait_for_url(f"{site_server}{other}/programs/{program.id}/")
    assert page.locator("html").get_attribute("lang") == other
    assert page.locator("article h1").inner_text() == program.title[other]
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_fit_the_screen(browser, site_server, built_site, lang, width):
    errors: list[str] = []
    page = browser.new_page(viewport=dict(zip(("width", "height"), WIDTHS[width])))
    page.on("pageerror", lambda error: errors.append(str(error)))
    for url in sample_pages(built_site):
        page.goto(f"{site_server}{lang}/{url}")
        page.wait_for_load_state("load")
        wider = page.evaluate("""() => {
            const limit = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth > limit) return ['page is ' + document.documentElement.scrollWidth];
            return [...document.querySelectorAll('article *')]
              .filter(e => e.closest('.md-typeset__scrollwrap, pre') === null)
              .filter(e => e.getBoundingClientRect().right > limit + 1)
              .slice(0, 3).map(e => e.tagName + '.' + e.className);
        }""")
        assert not wider, (url, wider)
        assert page.locator("article h1").count() == 1, url
        if SCREENSHOTS:
            name = url.strip("/").replace("/", "_") or "home"
            page.screenshot(path=str(Path(SCREENSHOTS) / f"{lang}-{width}-{name}.png"), full_page=True)
    assert not errors
    page.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_number_on_the_home_page_opens_a_list_of_that_many(browser, site_server, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{site_server}{lang}/")
        stats = page.locator("[data-stat]")
        numbers = {
            item.get_attribute("data-stat"): item.locator(".mc-stats__value").inner_text() for item in stats.all()
        }
        for key, number in numbers.items():
            page.goto(f"{site_server}{lang}/")
            page.locator(f'[data-stat="{key}"] a').click()
            page.wait_for_load_state()
            if "/search/" in page.url:
                page.wait_for_selector("form[data-mc-search][data-ready]")
                status = page.locator("form[data-mc-search] [data-status]").inner_text()
                assert re.sub(r"\D", "", status) == re.sub(r"\D", "", number), (key, status, number)
            else:  # providers, fields: the list page counts its entries
                entries = page.locator("[data-provider], .mc-fields [data-field]").count()
                assert str(entries) == re.sub(r"\D", "", number), key
        # The search box sends its words to the search page, which runs them.
        page.goto(f"{site_server}{lang}/")
        page.fill('form[data-mc="home-search"] input[name=q]', "python")
        page.press('form[data-mc="home-search"] input[name=q]', "Enter")
        page.wait_for_selector("form[data-mc-search][data-ready]")
        assert page.input_value("input.mc-search__input") == "python"
        assert page.locator(".mc-search__result[data-program]").count() > 0
    finally:
        context.close()
