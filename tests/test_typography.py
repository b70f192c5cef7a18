"""Type on Japanese pages: a Japanese font first (Latin letters in Japanese titles from the same font as the kana),
titles at a readable weight and contrast, and titles that break between phrases, never inside a word
(mccat.site.phrasing; assets/stylesheets/catalogue.css)."""

from __future__ import annotations

import itertools
import re

import pytest

from mccat.site.phrasing import phrases

LINES = """e => { const out = []; let top = null, line = '';
  const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT); const range = document.createRange();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) for (let i = 0; i < n.length; i++) {
    range.setStart(n, i); range.setEnd(n, i + 1); const t = Math.round(range.getBoundingClientRect().top);
    if (top !== null && t > top + 2) { out.push(line); line = ''; } top = t; line += n.data[i]; }
  out.push(line); return out; }"""


def test_phrases_keep_compounds_whole():
    assert phrases("Pythonによるデータ分析入門")[-1] == "データ分析入門"  # BudouX alone cuts データ分|析入門
    assert phrases("介護の基本と現場の日本語（日本語・ベトナム語）")[:3] == ("介護の", "基本と", "現場の")
    assert "".join(phrases("地域活動のためのファシリテーション")) == "地域活動のためのファシリテーション"
    for title in ("データサイエンス履修証明プログラム", "IoT組込みシステム開発入門", "お知らせ"):
        for before, after in zip(phrases(title), phrases(title)[1:]):
            assert not (before[-1] + after[0]).isascii(), (title, before, after)


@pytest.mark.parametrize("auto_phrase", [True, False])
def test_a_japanese_title_breaks_between_phrases_on_a_phone(browser, site_server, auto_phrase):
    """With the browser's auto-phrase, and without it (the <wbr> the build inserts, and keep-all)."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(f"{site_server}ja/programs/example-national-univ/ds-python-basics/")
        h1 = page.locator("article h1")
        if not auto_phrase:
            h1.evaluate("e => { e.style.wordBreak = 'keep-all'; }")
        title = "Pythonによるデータ分析入門"
        cuts = {len("".join(phrases(title)[: i + 1])) for i in range(len(phrases(title)))}
        for width in (200, 260, 320):  # each phrase fits; the whole title does not (at 390 px it does since 1.6em)
            h1.evaluate(f"e => {{ e.style.width = '{width}px'; }}")
            lines = h1.evaluate(LINES)
            assert "".join(lines) == title and len(lines) > 1, lines
            ends = {len("".join(lines[: i + 1])) for i in range(len(lines))}
            assert ends <= cuts, (width, lines)  # every line ends where a phrase ends: データ分析入門 stays whole
    finally:
        context.close()


# Two letters of one word: katakana (with the long-vowel mark), kanji, or Latin letters on both sides of a line end.
SAME_WORD = re.compile(r"[ァ-ヺー][ァ-ヺー]|[\u3400-\u9fff々][\u3400-\u9fff々]|[A-Za-z][A-Za-z]")


def test_no_japanese_page_title_breaks_inside_a_word_on_a_phone(browser, site_server, built_site):
    """Every Japanese page's title at 390 px: the home page, the lists, the hand-written pages, every program and
    provider page. A line may end after a particle, a bracket or ・, never between two letters of one word
    (マイクロクレデンシャ|ル, データ分|析入門)."""
    catalogue = built_site.catalogue
    paths = ["", "programs/", "fields/", "providers/", "compare/", "search/", "about/", "propose/"]
    paths += ["review-workflow/", "governance/", "descriptors/", "api/"]
    paths += [f"programs/{pid}/" for pid in sorted(catalogue.programs)]
    paths += [f"providers/{pid}/" for pid in sorted(catalogue.providers)]
    context = browser.new_context(viewport={"width": 390, "height": 844})
    broken, wrapped = [], 0
    try:
        page = context.new_page()
        for path in paths:
            page.goto(f"{site_server}ja/{path}")
            lines = page.locator("article h1").first.evaluate(LINES)
            wrapped += len(lines) > 1
            for before, after in itertools.pairwise(lines):
                if SAME_WORD.fullmatch(before[-1:] + after[:1]):  # a space between: a word boundary
                    broken.append((path, lines))
    finally:
        context.close()
    print(f"\n{len(paths)} Japanese titles at 390 px, {wrapped} on more than one line")
    assert wrapped > 5  # the check saw titles that wrap
    for path, lines in broken:
        print("  broken:", path, "|".join(lines))
    assert not broken, broken


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_titles_use_the_japanese_font_first_and_a_readable_weight(browser, site_server, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{site_server}{lang}/programs/example-national-univ/ds-python-basics/")
        h1 = page.locator("article h1")
        style = h1.evaluate("e => { const s = getComputedStyle(e); return [s.fontFamily, s.fontWeight, s.color]; }")
        family, weight, color = style
        if lang == "ja":
            assert family.startswith('"Hiragino Sans"') and "Noto Sans CJK JP" in family and "system-ui" in family
            assert family.index("Noto Sans CJK JP") < family.index("system-ui")
        assert int(weight) >= 700
        assert color in ("rgba(0, 0, 0, 0.87)", "rgb(0, 0, 0)"), color  # Material's full text colour, not --light
        # Japanese text on the English page is set in the Japanese font too.
        if lang == "en":
            page.goto(f"{site_server}en/search/?q=%E4%BB%8B%E8%AD%B7")
            page.wait_for_selector("form[data-mc-search][data-ready]")
            alt = page.locator(".mc-search__result [data-slot=title_alt]").first
            assert alt.get_attribute("lang") == "ja"
            assert alt.evaluate("e => getComputedStyle(e).fontFamily").startswith('"Hiragino Sans"')
    finally:
        context.close()
