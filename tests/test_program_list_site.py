"""The list of every program in pages, as a visitor meets it on a built site: a small catalogue built with pages of
PAGE_SIZE programs (MCCAT_PROGRAM_LIST_PAGE), one of its providers with the id `2` (its programs' pages are at
programs/2/{slug}/ beside the list's page programs/2/), titles that carry markup and quotes. Every program once
across the pages, in the order of the one-page list; the index and the pager lead where they say; page 1 stays
at /{lang}/programs/; each page has its own title, canonical URL, prev/next links and place in the sitemap. The
views themselves: tests/test_program_list.py."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import lxml.etree
import lxml.html
import pytest

from mccat import LANGUAGES
from mccat.authoring.synth import write_synthetic_catalogue
from mccat.publish.urls import Urls
from mccat.site.language import INDEX_GROUPS, Language
from mccat.site.pages import SitePages
from mccat.site.program_list import shortened
from mccat.site.texts import INTERFACE_TEXT
from mccat.validation.load import load_catalogue

from .conftest import run_mkdocs_build, serve
from .test_accessibility import AXE, WIDTHS, violations
from .test_csp import RECORD_VIOLATIONS
from .test_site_build import SITE_URL, resolve, text

BUILD_DATE = date(2026, 12, 1)
PAGE_SIZE = 4
HOSTILE_EN = "0 <script>alert(\"en\")</script> 'quoted' & <img src=x onerror=alert(1)>"
HOSTILE_JA = '<script>alert("ja")</script>「引用」\'&"<b>太字</b>'
# program number -> (Japanese title, its reading or None, English title); even numbers are synthetic-provider-000's
# (whatever synth names it), odd ones provider `2`'s.
PROGRAMS = {
    0: ("IoT入門", "IoTニュウモン", "IoT basics"),
    1: ("愛の講座", "アイ", "Accounting"),
    2: ("学習", "ガクシュウ", "(Intro) Learning"),
    3: ("介護", "カイゴ", "Care work"),
    4: ("基礎", "キソ", "Ｆｏｕｎｄａｔｉｏｎｓ"),
    5: ("経営", "ケイエイ", "Management"),
    6: ("体力", "タイリョク", "Physical training"),
    7: ("ヴァイオリン", "ヴァイオリン", "Violin"),
    8: (HOSTILE_JA, None, HOSTILE_EN),
    9: ("和食", "ワショク", "Washoku"),
    10: ("パイソン入門", "パイソン（Python）：ニュウモン、キソ", "Python"),
}


def write_paged_catalogue(root: Path) -> Path:
    catalogue = root / "catalogue"
    write_synthetic_catalogue(catalogue, programs=len(PROGRAMS), providers=2, seed=3)
    first, second = sorted(p.stem for p in (catalogue / "providers").glob("*.yaml"))
    # The second provider becomes `2`: its file, its folder, and every reference to its programs.
    (catalogue / "providers" / f"{second}.yaml").rename(catalogue / "providers" / "2.yaml")
    (catalogue / "programs" / second).rename(catalogue / "programs" / "2")
    for path in catalogue.rglob("*.yaml"):
        source = path.read_text(encoding="utf-8")
        source = source.replace(f"provider: {second}\n", 'provider: "2"\n').replace(f"{second}/", "2/")
        path.write_text(source, encoding="utf-8")
    for path in sorted((catalogue / "programs").rglob("*.yaml")):
        number = int(path.stem.rsplit("-", 1)[1])
        ja, reading, en = PROGRAMS[number]
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        at = lines.index("title:\n")
        assert lines[at + 1].startswith("  ja: ") and lines[at + 2].startswith("  en: ")
        lines[at + 1 : at + 3] = [f"  ja: {json.dumps(ja)}\n", f"  en: {json.dumps(en)}\n"]
        if reading:
            lines.insert(at + 3, f"title_kana: {reading}\n")
        path.write_text("".join(lines), encoding="utf-8")
    assert (catalogue / "programs" / "2" / "program-00001.yaml").is_file() and first != "2"
    return catalogue


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("paged")
    catalogue = write_paged_catalogue(root)
    status, output, _ = run_mkdocs_build(
        root / "site",
        catalogue=catalogue,
        build_date=BUILD_DATE,
        # the frame parts pages 2 and 3 share (mccat.build.fragments) checked on every page
        extra_env={"MCCAT_PROGRAM_LIST_PAGE": str(PAGE_SIZE), "MCCAT_CHECK_FRAGMENTS": "1"},
    )
    assert status == 0, output
    yield root / "site", load_catalogue(catalogue, today=BUILD_DATE)
    shutil.rmtree(root, ignore_errors=True)


def tree_of(site: Path, path: str):
    """The page at a site path ("/ja/programs/2/")."""
    file = site / path.strip("/") / "index.html"
    assert file.is_file(), path
    return lxml.html.fromstring(file.read_bytes())


def one_page_order(catalogue, lang: str) -> list[str]:
    """The list's order as one page shows it (the page size does not change it)."""
    pages = SitePages(catalogue, lang=lang, today=BUILD_DATE, urls=Urls(SITE_URL))
    return [p.id for p in pages.listings.all_programs.programs]


def list_pages(site: Path, lang: str) -> list[str]:
    """The list's pages, from page 1 following each page's "next" link."""
    found, here = [], f"/{lang}/programs/"
    while here:
        assert here not in found
        found.append(here)
        links = tree_of(site, here).xpath('//head/link[@rel="next"]')
        here = resolve(here, links[0].get("href")) if links else ""
    return found


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_program_is_on_one_page_of_the_list_in_the_order_of_the_one_page_list(paged_site, lang):
    site, catalogue = paged_site
    pages = list_pages(site, lang)
    count = len(catalogue.programs)
    assert pages == [f"/{lang}/programs/"] + [f"/{lang}/programs/{n}/" for n in range(2, -(-count // PAGE_SIZE) + 1)]
    listed = []
    for page in pages:
        items = tree_of(site, page).cssselect("article [data-program]")
        assert 1 <= len(items) <= PAGE_SIZE
        listed += [item.get("data-program") for item in items]
        for item in items:  # each links to its program's page, which exists
            target = resolve(page, item.cssselect("a.mc-programs__title")[0].get("href"))
            assert target == f"/{lang}/programs/{item.get('data-program')}/"
            assert text(tree_of(site, target).cssselect("article h1")[0])
    assert listed == one_page_order(catalogue, lang)
    assert len(set(listed)) == count == len(PROGRAMS)


@pytest.mark.build
def test_a_provider_whose_id_is_a_number_keeps_its_program_pages_beside_the_lists_page(paged_site):
    site, catalogue = paged_site
    assert catalogue.providers["2"] and catalogue.programs["2/program-00001"].provider_id == "2"
    for lang in LANGUAGES:
        listing = tree_of(site, f"/{lang}/programs/2/")
        assert text(listing.cssselect("article h1")[0]) == INTERFACE_TEXT["list.programs_page"][lang].format(
            title=INTERFACE_TEXT["list.programs"][lang], page=2, pages=3
        )
        program = tree_of(site, f"/{lang}/programs/2/program-00001/")
        title = Language.of(lang).plain(catalogue.programs["2/program-00001"].title)
        assert text(program.cssselect("article h1")[0]) == title
        assert not program.cssselect("nav.mc-pager")
        provider = tree_of(site, f"/{lang}/providers/2/")
        assert {i.get("data-program") for i in provider.cssselect("[data-program]")} == {
            f"2/program-{n:05d}" for n in PROGRAMS if n % 2
        }


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_index_leads_to_where_each_group_starts_and_shows_empty_groups_as_text(paged_site, lang):
    site, catalogue = paged_site
    language = Language.of(lang)
    order = one_page_order(catalogue, lang)
    summaries = SitePages(catalogue, lang=lang, today=BUILD_DATE, urls=Urls(SITE_URL)).programs.summaries
    groups = [summaries[program].group for program in order]
    for page in list_pages(site, lang):
        tree = tree_of(site, page)
        (index,) = tree.cssselect("nav.mc-index")
        assert index.get("aria-label") == INTERFACE_TEXT["index.title"][lang]
        entries = index.cssselect("li")
        assert len(entries) == len(INDEX_GROUPS[lang])
        for entry, group in zip(entries, INDEX_GROUPS[lang], strict=True):
            count = groups.count(group)
            assert text(entry) == f"{language.group_label(group)} {count}"
            links = entry.cssselect("a")
            if not count:  # plain text: no link, nothing to focus
                assert not links and not entry.xpath(".//*[@href or @tabindex]")
                continue
            target = resolve(page, links[0].get("href"))
            path, _, anchor = target.partition("#")
            assert anchor == f"group-{group}"
            (heading,) = tree_of(site, path).xpath("//*[@id=$id]", id=anchor)
            assert heading.tag == "h2" and text(heading) == language.group_heading(group) + "¶"
            assert heading.cssselect("a.headerlink")[0].get("href") == f"#{anchor}"
            first = heading.getnext().cssselect("[data-program]")[0].get("data-program")
            assert first == order[groups.index(group)]  # where the group starts


@pytest.mark.build
def test_a_page_that_begins_inside_a_group_says_the_group_continues(paged_site):
    site, _ = paged_site
    # 五十音順: IoT アイ ヴァイオリン カイゴ | ガクシュウ キソ ケイエイ タイリョク | パイソン ワショク (no reading)
    headings = {
        (lang, n): [text(h) for h in tree_of(site, f"/{lang}/{Urls.programs_path(n)}").cssselect("article h2")]
        for lang in LANGUAGES
        for n in (1, 2, 3)
    }
    assert headings["ja", 1] == ["英数字¶", "ア行¶", "カ行¶"]
    assert headings["ja", 2] == ["カ行（続き）¶", "タ行¶"]
    assert headings["ja", 3] == ["ハ行¶", "ワ行¶", "その他¶"]
    # by title: 0 <script> Accounting Care Ｆｏｕｎｄａｔｉｏｎｓ | (Intro) IoT Management Physical | Python Violin Washoku
    assert headings["en", 1] == ["0–9¶", "A¶", "C¶", "F¶"]
    assert headings["en", 2] == ["I¶", "M¶", "P¶"]  # a page that begins with a new group: not continued
    assert headings["en", 3] == ["P (continued)¶", "V¶", "W¶"]
    for lang in LANGUAGES:  # the reading line stays, on Japanese pages only
        readings = [text(r) for r in tree_of(site, f"/{lang}/programs/").cssselect(".mc-reading")]
        assert readings == (["IoTニュウモン", "アイ", "ヴァイオリン", "カイゴ"] if lang == "ja" else [])


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pager_titles_canonical_urls_and_sitemap(paged_site, lang):
    site, catalogue = paged_site
    pages = list_pages(site, lang)
    titles = set()
    summaries = SitePages(catalogue, lang=lang, today=BUILD_DATE, urls=Urls(SITE_URL)).programs.summaries
    order = [summaries[program] for program in one_page_order(catalogue, lang)]
    starts = [" ".join(shortened(p.reading or p.title).split()) for p in order[::PAGE_SIZE]]
    assert starts[1] == {"ja": "ガクシュウ", "en": "(Intro…"}[lang]
    sitemap = (site / lang / "sitemap.xml").read_text(encoding="utf-8")
    for number, page in enumerate(pages, start=1):
        tree = tree_of(site, page)
        titles.add(text(tree.cssselect("title")[0]))
        assert tree.xpath('//head/link[@rel="canonical"]')[0].get("href") == SITE_URL + page[1:]
        assert f"<loc>{SITE_URL}{page[1:]}</loc>" in sitemap
        prev = tree.xpath('//head/link[@rel="prev"]')
        assert [resolve(page, link.get("href")) for link in prev] == pages[number - 2 : number - 1]
        pagers = tree.cssselect("nav.mc-pager")
        assert [p.get("aria-label") for p in pagers] == [
            INTERFACE_TEXT["list.pages"][lang],
            INTERFACE_TEXT["list.pages_end"][lang],
        ]
        for pager in pagers:
            numbers = pager.cssselect(".mc-pager__pages > li")
            assert [text(n.cssselect(".mc-pager__number")[0]) for n in numbers] == [str(n) for n in range(1, 4)]
            (current,) = pager.cssselect('[aria-current="page"]')
            assert current.tag == "span" and text(current.cssselect(".mc-pager__number")[0]) == str(number)
            links = {
                text(a.cssselect(".mc-pager__number")[0]): resolve(page, a.get("href")) for a in pager.cssselect("ol a")
            }
            assert links == {str(n): p for n, p in enumerate(pages, start=1) if n != number}
            previous = pager.cssselect("a.mc-pager__previous")
            following = pager.cssselect("a.mc-pager__next")
            assert [resolve(page, a.get("href")) for a in previous] == pages[number - 2 : number - 1]
            assert [resolve(page, a.get("href")) for a in following] == pages[number : number + 1]
        top, bottom = pagers  # the pager below the list names what each page starts with (its reading or title)
        assert not top.cssselect(".mc-pager__first")
        assert [text(first) for first in bottom.cssselect(".mc-pager__first")] == starts
        intro = text(tree.cssselect("article h1 + p")[0])
        assert f"{len(catalogue.programs)}" in intro  # the count of the whole list, on every page
    assert len(titles) == len(pages)  # every page its own title
    assert f"<loc>{SITE_URL}{lang}/programs/2/program-00001/</loc>" in sitemap
    nav = tree_of(site, f"/{lang}/").cssselect("nav.md-nav a")
    assert not [a for a in nav if re.search(r"programs/\d+/$", a.get("href") or "")]  # out of the nav


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_only_the_first_page_of_the_list_names_a_translation(paged_site, lang):
    """Each language sorts the list its own way (above: page 2 starts at ガクシュウ in Japanese, at "(Intro)" in
    English), so page 2 in one language is no translation of page 2 in the other. A later page names no hreflang
    alternate, in its head or in the sitemap, and its language switch leads to the other language's first page,
    with its index; the first page names the other language's first page, as every other page names its own."""
    site, _ = paged_site
    other = next(code for code in LANGUAGES if code != lang)
    sitemap = lxml.etree.fromstring((site / lang / "sitemap.xml").read_bytes())
    spaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    pages = list_pages(site, lang)
    assert len(pages) == 3
    for number, page in enumerate(pages, start=1):
        tree = tree_of(site, page)
        alternates = {link.get("hreflang"): link.get("href") for link in tree.xpath("//head/link[@hreflang]")}
        (entry,) = sitemap.xpath("//s:url[s:loc = $loc]", loc=SITE_URL + page[1:], namespaces=spaces)
        listed = {link.get("hreflang"): link.get("href") for link in entry.xpath("x:link", namespaces=spaces)}
        (switch,) = tree.cssselect(f'a[data-mc="language-switch"][hreflang="{other}"]')
        (own,) = tree.cssselect(f'a[data-mc="language-switch"][hreflang="{lang}"]')
        assert resolve(page, switch.get("href")) == f"/{other}/programs/"
        assert resolve(page, own.get("href")) == page
        if number == 1:
            expected = {
                lang: f"{SITE_URL}{lang}/programs/",
                other: f"{SITE_URL}{other}/programs/",
                "x-default": f"{SITE_URL}{LANGUAGES[0]}/programs/",
            }
            assert alternates == listed == expected
        else:
            assert alternates == listed == {}, page
    program = tree_of(site, f"/{lang}/programs/2/program-00001/")  # a program page beside page 2 keeps its own
    assert {link.get("hreflang") for link in program.xpath("//head/link[@hreflang]")} == {*LANGUAGES, "x-default"}


@pytest.mark.build
def test_titles_from_the_catalogue_stay_text_on_every_list_page(paged_site):
    site, _ = paged_site
    hostile = {"ja": HOSTILE_JA, "en": HOSTILE_EN}
    for lang in LANGUAGES:
        seen = 0
        for page in list_pages(site, lang):
            html = (site / page.strip("/") / "index.html").read_text(encoding="utf-8")
            tree = lxml.html.fromstring(html)
            article = tree.cssselect("article")[0]
            assert not article.cssselect("script, img, b"), page  # no element from a title
            assert all(s.get("src") or s.get("type") == "application/json" for s in tree.cssselect("script")), page
            for item in article.cssselect('[data-program="synthetic-provider-000/program-00008"]'):
                assert item.cssselect("a.mc-programs__title")[0].text_content() == hostile[lang]
                seen += 1
            for first in article.cssselect(".mc-pager__first"):  # a page's first title, shortened, as text
                assert len(first) == 0, page
        assert seen == 1, lang
    en = (site / "en" / "programs" / "index.html").read_text(encoding="utf-8")
    assert "0 &lt;scr…" in en  # page 1 starts with the hostile title: its first characters, escaped


# --- in the browser: the policy holds, axe finds nothing, the index jumps ------------------------------------


@pytest.fixture(scope="module")
def paged_server(paged_site):
    yield from serve(paged_site[0])


@pytest.mark.parametrize("width", WIDTHS)
def test_list_pages_pass_the_policy_and_axe_and_the_index_jumps(browser, paged_server, width):
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: npm ci --prefix tools/axe (scripts/setup.sh --tests does it)")
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h})
    context.add_init_script(RECORD_VIOLATIONS)
    errors: list[str] = []
    found = {}
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
        for lang in LANGUAGES:
            for path in (f"{lang}/programs/", f"{lang}/programs/2/", f"{lang}/programs/3/"):
                page.goto(paged_server + path)
                page.wait_for_load_state("load")
                assert page.evaluate("window.__mcViolations") == [], path
                if problems := violations(page):
                    found[path] = problems
        # From the last page, the index leads back to where カ行 starts: page 1, its heading in view (the page is
        # too short to bring it to the top).
        page.goto(paged_server + "ja/programs/3/")
        page.get_by_role("link", name=re.compile(r"^カ 4$")).click()
        page.wait_for_url(re.compile(r"/ja/programs/#group-ka$"))
        assert page.locator("#group-ka").is_visible()
        top = page.evaluate("document.getElementById('group-ka').getBoundingClientRect().top")
        assert 0 <= top < h
        assert page.get_by_text("マ 0", exact=True).count() == 1 and page.get_by_role("link", name="マ 0").count() == 0
    finally:
        context.close()
    assert not errors
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)
