"""The built site (one `mkdocs build --strict` of the sample catalogue, see conftest.built_site):
every program in both languages with its descriptors, labels and alternates; list pages; the
language switch; sitemaps and the root redirect."""

from __future__ import annotations

import json
import posixpath
import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from mccat import LANGUAGES
from mccat.model.schema import descriptor_index
from mccat.model.vocabulary import label as vocab_label
from mccat.site.formatting import format_hours, format_money, localized
from mccat.site.texts import INTERFACE_TEXT

from .page_rows import descriptor_rows, status_of
from .page_rows import not_stated as not_stated_line

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_PROGRAMS = sorted(
    p.relative_to(ROOT / "catalogue" / "programs").with_suffix("").as_posix()
    for p in (ROOT / "catalogue" / "programs").glob("*/*.yaml")
)
SITE_URL = (
    yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python/name:", ""))["site_url"].rstrip(
        "/"
    )
    + "/"
)
MATERIAL_LANGUAGES = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"

# Schema properties that are not rows of their own on a program page, and where they show instead.
SHOWN_ELSEWHERE = {
    "schema_version": "not shown",
    "title": "the h1",
    "title_kana": "above the h1 on Japanese pages (tests/test_readings.py), and the search keys (mccat.site.search_keys): かいご finds 介護",
    "summary": "the lead paragraph and <meta name=description>",
    "delivery": "its fields",
    "effort": "its fields",
    "assessment": "its fields",
    "quality_assurance": "its fields",
    "level": "its fields",
    "credential": "its fields",
    "recognition": "its fields",
    "stackability": "its fields",
    "fee": "its fields",
    "recognition.credits.value": "recognition.credits",
    "recognition.credits.system": "recognition.credits",
    "skills.label": "skills",
    "skills.esco": "skills (as the link)",
    "stackability.stacks_into_external.title": "stackability.stacks_into_external",
    "stackability.stacks_into_external.url": "stackability.stacks_into_external (as the link)",
    "fee.currency": "fee.amount",
    "offerings.start": "the offerings table",
    "offerings.end": "the offerings table",
    "offerings.application_deadline": "the offerings table",
    "designations": "its fields",
    "designations.brush_up_program.certified_in": "designations.brush_up_program",
    "designations.training_benefit.kind": "designations.training_benefit",
    "designations.training_benefit.number": "designations.training_benefit",
    "designations.training_benefit.valid_from": "designations.training_benefit (its period)",
    "designations.training_benefit.valid_until": "designations.training_benefit (its period)",
}


def resolve(page_path: str, href: str) -> str:
    """The site path (from the site root) a relative link on a page leads to."""
    return posixpath.normpath(urljoin("http://site" + page_path, href)[len("http://site") :]) + (
        "/" if href.endswith("/") else ""
    )


def site_file(built_site, site_path: str) -> Path:
    target = built_site.root / site_path.lstrip("/")
    return target / "index.html" if site_path.endswith("/") else target


def text(element) -> str:
    return " ".join(element.text_content().split())


def material_text(lang: str, key: str) -> str:
    """A string of Material's own interface in `lang`, from its language file."""
    source = (MATERIAL_LANGUAGES / f"{lang}.html").read_text(encoding="utf-8")
    return re.search(rf'"{re.escape(key)}": "([^"]*)"', source).group(1)


def test_build_is_strict_and_clean(built_site):
    assert "WARNING" not in built_site.output and "ERROR" not in built_site.output, built_site.output
    for lang in LANGUAGES:
        assert built_site.path(lang).is_file()
    print(f"\nsample build: {built_site.seconds:.1f} s wall")


def test_sample_catalogue_is_what_the_site_shows(built_site):
    assert sorted(built_site.catalogue.programs) == SAMPLE_PROGRAMS and len(SAMPLE_PROGRAMS) > 10


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("program_id", SAMPLE_PROGRAMS)
def test_program_page(built_site, program_id, lang):
    program = built_site.catalogue.programs[program_id]
    data = program.data
    url = f"programs/{program_id}/"
    page_path = f"/{lang}/{url}"
    tree = built_site.tree(lang, url)
    other = next(code for code in LANGUAGES if code != lang)

    # The page is in its language, Material's interface too.
    assert tree.get("lang") == lang
    assert tree.cssselect("nav.md-header__inner")[0].get("aria-label") == material_text(lang, "header")
    assert text(tree.cssselect("a.md-skip")[0]) == material_text(lang, "action.skip")
    assert text(tree.cssselect("article h1")[0]) == data["title"][lang]
    assert tree.cssselect('meta[name="description"]')[0].get("content") == data["summary"][lang]
    # The header, most of which every program page shares (rendered once), shows this program's title.
    assert text(tree.cssselect('[data-md-component="header-topic"]')[0]) == data["title"][lang]
    assert tree.cssselect("title")[0].text.startswith(data["title"][lang])

    # Every descriptor of the schema has its row, labelled with the schema's title in this language, or is
    # named by that title in the one line that lists those without a value (tests/page_rows.py reads both by
    # label, and fails on a label that names no descriptor). Learning outcomes and offerings are sections.
    rows = descriptor_rows(tree, lang)
    not_stated, line = not_stated_line(tree, lang)
    titles = {name: descriptor.title[lang] for name, descriptor in descriptor_index("program").items()}
    sections = {
        "learning_outcomes": tree.cssselect("h2#outcomes")[0].text.strip(),  # before its permalink
        "offerings": text(tree.cssselect(".mc-offerings h3#offerings")[0]),
    }
    assert sections == {"learning_outcomes": INTERFACE_TEXT["section.outcomes"][lang], "offerings": titles["offerings"]}
    for name in titles:
        if name in SHOWN_ELSEWHERE or name in sections:
            continue
        assert name in rows or name in not_stated, f"{name} is missing from {page_path}"
        if name in rows:
            assert text(rows[name].cssselect("dt")[0]) == titles[name], name
    assert not tree.cssselect("dd .mc-missing"), "no 'not stated' row is left among the rows"
    assert set(not_stated).isdisjoint(rows), "a descriptor is either a row or in the line"

    def value(name: str) -> str:
        return text(rows[name].cssselect("dd")[0])

    # Values, with labels from the vocabularies and formatting for the language.
    assert value("delivery.mode") == vocab_label("delivery_mode", data["delivery"]["mode"], lang)
    for keyword in data.get("keywords", []):  # provider-stated, shown where they act (search), in the page's language
        assert (keyword.get(lang) or keyword.get(other)) in value("keywords")
    for code in data["languages"]:
        assert vocab_label("language", code, lang) in value("languages")
    for code in data["assessment"]["types"]:
        assert vocab_label("assessment_type", code, lang) in value("assessment.types")
    for code in data["credential"]["formats"]:
        assert vocab_label("credential_format", code, lang) in value("credential.formats")
    assert value("effort.hours") == format_hours(data["effort"]["hours"], lang)
    assert value("ctid") == data["ctid"]  # under the data links, as the Credential Registry knows the program
    if data.get("fee"):
        fee = data["fee"]
        expected = (
            INTERFACE_TEXT["program.free"][lang]
            if fee["amount"] == 0
            else format_money(fee["amount"], fee["currency"], lang)
        )
        assert value("fee.amount") == expected
    outcomes = [text(li) for li in tree.cssselect("ol.mc-outcomes li")]
    assert outcomes == [localized(o, lang).text for o in data["learning_outcomes"]]
    status = built_site.catalogue.lifecycle(program_id, built_site.build_date).state
    assert status_of(tree) == status

    # Links to the provider, fields of study and stacked programs lead to pages that exist.
    links = {
        resolve(page_path, a.get("href"))
        for a in tree.cssselect("article a[href]")
        if not urlsplit(a.get("href")).scheme
    }
    expected_links = {f"/{lang}/providers/{program.provider_id}/"}
    expected_links |= {f"/{lang}/fields/{code}/" for code in data["fields"]}
    expected_links |= {f"/{lang}/programs/{target}/" for target in program.stacks_into}
    expected_links |= {f"/{lang}/programs/{p.id}/" for p in built_site.catalogue.stacked_from(program_id)}
    assert expected_links <= links
    for link in expected_links:
        assert site_file(built_site, link).is_file(), link

    # The table of contents lists the page's sections, each leading to its heading.
    ids = {element.get("id") for element in tree.xpath("//*[@id]")}
    toc = [a.get("href") for a in tree.cssselect(".md-sidebar--secondary a.md-nav__link")]
    assert len(toc) >= 8 and all(href.startswith("#") and href[1:] in ids for href in toc), toc

    # Conformance with the three frameworks.
    assert {row.get("data-framework") for row in tree.cssselect("[data-framework]")} == {"eu", "au", "jp"}

    # Machine-readable files: the head's JSON-LD alternate and the links on the page.
    jsonld = f"/api/v1/programs/{program_id}.jsonld"
    assert [
        resolve(page_path, link.get("href"))
        for link in tree.cssselect('link[rel="alternate"][type="application/ld+json"]')
    ] == [jsonld]
    data_links = {a.get("type"): resolve(page_path, a.get("href")) for a in tree.cssselect("ul.mc-data-links a")}
    assert data_links["application/ld+json"] == jsonld
    assert data_links["application/json"] == f"/api/v1/programs/{program_id}.json"

    # hreflang alternates name this same page in every language, and x-default the default language.
    alternates = {link.get("hreflang"): link.get("href") for link in tree.cssselect('link[rel="alternate"][hreflang]')}
    assert alternates == {"ja": f"{SITE_URL}ja/{url}", "en": f"{SITE_URL}en/{url}", "x-default": f"{SITE_URL}ja/{url}"}
    assert tree.cssselect('link[rel="canonical"]')[0].get("href") == f"{SITE_URL}{lang}/{url}"

    # The language switch leads to the same program in the other language.
    switch = tree.cssselect(f'a[data-mc="language-switch"][hreflang="{other}"]')[0]
    target = resolve(page_path, switch.get("href"))
    assert target == f"/{other}/{url}"
    assert site_file(built_site, target).is_file()


def test_every_generated_page_exists_in_both_languages(built_site):
    pages = {
        lang: {p.relative_to(built_site.root / lang).as_posix() for p in (built_site.root / lang).rglob("index.html")}
        for lang in LANGUAGES
    }
    assert pages["ja"] == pages["en"]
    assert len(pages["ja"]) > len(SAMPLE_PROGRAMS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_all_programs_page_lists_every_program_once(built_site, lang):
    tree = built_site.tree(lang, "programs/")
    listed = [item.get("data-program") for item in tree.cssselect("[data-program]")]
    assert sorted(listed) == SAMPLE_PROGRAMS
    for item in tree.cssselect("[data-program]"):
        href = item.cssselect("a.mc-programs__title")[0].get("href")
        assert resolve(f"/{lang}/programs/", href) == f"/{lang}/programs/{item.get('data-program')}/"
    # The filters are the search page's, linked with them set.
    links = {a.get("data-filter-link"): a.get("href") for a in tree.cssselect("[data-filter-link]")}
    assert resolve(f"/{lang}/programs/", links["open"]) == f"/{lang}/search/?open=now"
    assert resolve(f"/{lang}/programs/", links["all"]) == f"/{lang}/search/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_field_pages_list_exactly_their_programs(built_site, lang):
    by_field: dict[str, set[str]] = {}
    for program in built_site.catalogue.programs.values():
        for code in program.data["fields"]:
            by_field.setdefault(code, set()).add(program.id)
    index = built_site.tree(lang, "fields/")
    assert {li.get("data-field") for li in index.cssselect("[data-field]")} == set(by_field)
    for code, programs in by_field.items():
        tree = built_site.tree(lang, f"fields/{code}/")
        assert text(tree.cssselect("article h1")[0]) == vocab_label("isced_field", code, lang)
        assert {item.get("data-program") for item in tree.cssselect("[data-program]")} == programs


@pytest.mark.parametrize("lang", LANGUAGES)
def test_provider_pages_list_exactly_their_programs(built_site, lang):
    catalogue = built_site.catalogue
    index = built_site.tree(lang, "providers/")
    assert {li.get("data-provider") for li in index.cssselect("[data-provider]")} == set(catalogue.providers)
    labels = {descriptor.name: descriptor.title[lang] for descriptor in descriptor_index("provider").values()}
    for provider_id, provider in catalogue.providers.items():
        tree = built_site.tree(lang, f"providers/{provider_id}/")
        assert text(tree.cssselect("article h1")[0]) == provider.name[lang]
        assert {item.get("data-program") for item in tree.cssselect("[data-program]")} == {
            p.id for p in catalogue.programs_of(provider_id)
        }
        shown = {name: text(row.cssselect("dt")[0]) for name, row in descriptor_rows(tree, lang, "provider").items()}
        assert shown == {name: labels[name] for name in shown}
        assert {"type", "country", "url", "description", "maintainers"} <= set(shown)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_numbers_and_recent_programs(built_site, lang):
    catalogue, today = built_site.catalogue, built_site.build_date
    active = [p for p in catalogue.programs.values() if catalogue.lifecycle(p.id, today).recognised]
    tree = built_site.tree(lang)
    stats = {
        item.get("data-stat"): text(item.cssselect(".mc-stats__value")[0]) for item in tree.cssselect("[data-stat]")
    }
    assert stats["programs"] == str(len(active))
    assert stats["providers"] == str(len(catalogue.providers))
    assert stats["fields"] == str(len({code for p in catalogue.programs.values() for code in p.data["fields"]}))
    # Each number links to the list it counts (test_site_browser checks the search page shows that many).
    links = {
        item.get("data-stat"): resolve(f"/{lang}/", item.cssselect("a")[0].get("href"))
        for item in tree.cssselect("[data-stat]")
    }
    assert links["providers"] == f"/{lang}/providers/" and links["fields"] == f"/{lang}/fields/"
    assert links["programs"] == f"/{lang}/search/?status=active&status=expiring"
    # A search box that works without JavaScript: a GET form to the search page.
    form = tree.cssselect('form[data-mc="home-search"]')[0]
    assert resolve(f"/{lang}/", form.get("action")) == f"/{lang}/search/" and form.get("method") == "get"
    assert form.cssselect("input[name=q]")[0].get("id") == form.cssselect("label")[0].get("for")
    recent = sorted(active, key=lambda p: (catalogue.lifecycle(p.id, today).first_approved, p.id), reverse=True)[:6]
    assert [item.get("data-program") for item in tree.cssselect("[data-program]")] == [p.id for p in recent]
    assert tree.cssselect("p.mc-example-banner"), "the sample catalogue is example data"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_descriptor_reference_lists_every_schema_field(built_site, lang):
    tree = built_site.tree(lang, "descriptors/")
    for kind, section in (("program", "program-descriptors"), ("provider", "provider-descriptors")):
        items = tree.xpath(f'//h2[@id="{section}"]/following-sibling::dl[1]/div[@data-field]')
        shown = {item.get("data-field"): item for item in items}
        assert set(shown) == set(descriptor_index(kind)), kind
        for name, descriptor in descriptor_index(kind).items():
            item = shown[name]
            assert text(item.cssselect(".mc-reference__title")[0]) == descriptor.title[lang]
            assert descriptor.description[lang] in text(item)
            badge = INTERFACE_TEXT["reference.required" if descriptor.required else "reference.optional"][lang]
            assert text(item.cssselect(".mc-badge")[0]) == badge


def test_hand_written_pages_exist_in_both_languages(built_site):
    docs = {
        lang: sorted(p.relative_to(ROOT / "docs" / lang).as_posix() for p in (ROOT / "docs" / lang).rglob("*.md"))
        for lang in LANGUAGES
    }
    assert docs["ja"] == docs["en"]
    for lang in LANGUAGES:
        for page in docs[lang]:
            url = "" if page == "index.md" else page[:-3] + "/"
            assert built_site.tree(lang, url).get("lang") == lang


def test_program_pages_stay_out_of_the_nav_and_out_of_docs(built_site):
    for lang in LANGUAGES:
        for url in ("", "programs/", f"programs/{SAMPLE_PROGRAMS[0]}/"):
            nav_links = [a.get("href") for a in built_site.tree(lang, url).cssselect("nav.md-nav a[href]")]
            assert nav_links and not [h for h in nav_links if re.search(r"programs/[^/]+/[^/]+/", h)]
        assert not (ROOT / "docs" / lang / "programs").exists()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sitemap_lists_every_page_with_its_alternates(built_site, lang):
    import lxml.etree

    sitemap = lxml.etree.parse(str(built_site.root / lang / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = sitemap.findall("s:url", ns)
    pages = {
        p.parent.relative_to(built_site.root / lang).as_posix()
        for p in (built_site.root / lang).rglob("index.html")
        if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")  # a renamed program's old address
    }
    assert {u.findtext("s:loc", namespaces=ns) for u in urls} == {
        f"{SITE_URL}{lang}/" + ("" if p == "." else p + "/") for p in pages
    }
    for u in urls:
        path = u.findtext("s:loc", namespaces=ns)[len(SITE_URL) + len(lang) + 1 :]
        alternates = {a.get("hreflang"): a.get("href") for a in u.findall("x:link", ns)}
        assert alternates["ja"] == f"{SITE_URL}ja/{path}" and alternates["en"] == f"{SITE_URL}en/{path}"
        assert "x-default" in alternates
    # <lastmod>: every page made from the catalogue, the day what it shows last changed (its JSON's date_modified)
    lastmod = {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns) for u in urls}
    for program_id in built_site.catalogue.programs:
        record = json.loads((built_site.root / f"api/v1/programs/{program_id}.json").read_text(encoding="utf-8"))
        assert lastmod[f"{SITE_URL}{lang}/programs/{program_id}/"] == record["date_modified"], program_id
    assert lastmod[f"{SITE_URL}{lang}/programs/"] == max(d for d in lastmod.values() if d)
    assert lastmod[f"{SITE_URL}{lang}/about/"] is None  # hand-written: no date claimed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_names_the_data_licence_and_the_api_in_its_footer(built_site, lang):
    for path in ("", "programs/example-national-univ/ds-python-basics/", "about/", "providers/example-kosen/"):
        [footer] = built_site.tree(lang, path).cssselect("footer .mc-data-licence")
        assert footer.text.strip() == INTERFACE_TEXT["site.data_licence"][lang].strip()
        licence, api, contact = footer.cssselect("a")
        assert (licence.get("href"), licence.get("rel")) == ("https://creativecommons.org/licenses/by/4.0/", "license")
        assert api.text == INTERFACE_TEXT["site.data_api"][lang]
        assert posixpath.normpath(posixpath.join(lang, path, api.get("href"))) == f"{lang}/api", path
        assert contact.get("href") == "mailto:office@registry.example.org"


def test_site_root_sends_visitors_to_a_language(built_site):
    import lxml.etree
    import lxml.html

    root = lxml.html.fromstring((built_site.root / "index.html").read_text(encoding="utf-8"))
    refresh = root.xpath("//noscript/meta[@http-equiv='refresh']")
    assert refresh and refresh[0].get("content").endswith("url=ja/")  # no JavaScript: Japanese
    assert {a.get("href") for a in root.cssselect("a[hreflang]")} == {"ja/", "en/"}
    assert "navigator.languages" in root.xpath("//script")[0].text
    index = lxml.etree.parse(str(built_site.root / "sitemap.xml"))
    assert [loc.text for loc in index.iter("{*}loc")] == [f"{SITE_URL}{lang}/sitemap.xml" for lang in LANGUAGES]
    assert f"Sitemap: {SITE_URL}sitemap.xml" in (built_site.root / "robots.txt").read_text(encoding="utf-8")
    not_found = (built_site.root / "404.html").read_text(encoding="utf-8")
    assert all(INTERFACE_TEXT["site.not_found"][lang] in not_found for lang in LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_interface_text_of_the_other_language(built_site, lang):
    """Our interface strings appear only in their own language's pages."""
    other = next(code for code in LANGUAGES if code != lang)
    # Whole phrases only: a single common word ("providers") may well be part of the data.
    foreign = {
        texts[other]
        for texts in INTERFACE_TEXT.values()
        if texts[other] != texts[lang]
        and "{" not in texts[other]
        and (" " in texts[other].strip() if other == "en" else len(texts[other]) > 3)
    }
    for url in (
        "",
        "programs/",
        "fields/",
        "providers/",
        "descriptors/",
        f"programs/{SAMPLE_PROGRAMS[0]}/",
        f"providers/{SAMPLE_PROGRAMS[0].split('/')[0]}/",
    ):
        tree = built_site.tree(lang, url)
        for node in tree.cssselect("[lang], pre, code"):  # text in another language, and code, are data
            if node.get("lang") != lang and node is not tree:
                node.drop_tree()
        body = text(tree.cssselect("body")[0])
        assert not [s for s in foreign if s in body], (url, [s for s in foreign if s in body])


# --- the public record: decisions, tombstones, renamed programs (issue 15) ---------------------------------

WITHDRAWN = "example-junior-college/childcare-support-basics"  # withdrawn by MCR-2026-010, its file deleted
RENAMED, SUCCESSOR = "example-tech-corp/generative-ai-for-business", "example-tech-corp/generative-ai-business-practice"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_withdrawn_program_is_found_at_its_old_url_and_says_why(built_site, lang):
    decision = built_site.catalogue.decisions["MCR-2026-010"]
    tree = built_site.tree(lang, f"programs/{WITHDRAWN}/")
    assert text(tree.cssselect("h1")[0]) == decision.records[0].title[lang]
    assert status_of(tree) == "withdrawn"
    note = tree.cssselect("article .admonition")[0]
    assert decision.reason[lang] in text(note)  # why, in the page's language
    page_path = f"/{lang}/programs/{WITHDRAWN}/"
    (href,) = [a.get("href") for a in note.cssselect("a")]
    month = f"/{lang}/decisions/{decision.date[:7]}/"
    assert resolve(page_path, href) == f"{month}#MCR-2026-010"  # the decision, at its anchor on its month's page
    kinds = [li.get("data-kind") for li in tree.cssselect(".mc-history li")]
    assert kinds == ["withdrawn", "approved"]
    (script,) = tree.xpath("//script[@type='application/ld+json']")
    assert json.loads(script.text)["creativeWorkStatus"]["termCode"] == "withdrawn"
    for suffix in (".json", ".jsonld", ".achievement.ja.json", ".achievement.en.json"):
        assert (built_site.root / f"api/v1/programs/{WITHDRAWN}{suffix}").is_file()
    decisions = built_site.tree(lang, month.removeprefix(f"/{lang}/"))
    (entry,) = decisions.xpath('//*[@id="MCR-2026-010"]')
    assert decision.reason[lang] in text(entry)
    assert f"/{lang}/programs/{WITHDRAWN}/" in {
        resolve(month, a.get("href")) for a in entry.cssselect('[data-mc="decision-program"] a')
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_renamed_programs_old_url_leads_to_its_new_page(built_site, lang):
    html = built_site.html(lang, f"programs/{RENAMED}/")
    tree = built_site.tree(lang, f"programs/{RENAMED}/")
    page_path = f"/{lang}/programs/{RENAMED}/"
    new_page = f"/{lang}/programs/{SUCCESSOR}/"
    (canonical,) = tree.xpath("//link[@rel='canonical']/@href")
    assert canonical == f"{SITE_URL}{lang}/programs/{SUCCESSOR}/"
    (refresh,) = tree.xpath("//meta[@http-equiv='refresh']/@content")
    assert refresh.startswith("0; url=") and resolve(page_path, refresh.removeprefix("0; url=")) == new_page
    link = tree.cssselect('[data-mc="successor"]')[0]
    assert resolve(page_path, link.get("href")) == new_page and site_file(built_site, new_page).is_file()
    new_title = built_site.catalogue.programs[SUCCESSOR].title[lang]
    assert text(link) == new_title
    assert tree.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert "data-pagefind-body" not in html
    sitemap = (built_site.root / lang / "sitemap.xml").read_text(encoding="utf-8")
    assert f"/programs/{RENAMED}/" not in sitemap and f"/programs/{SUCCESSOR}/" in sitemap
    old = json.loads((built_site.root / f"api/v1/programs/{RENAMED}.json").read_bytes())
    assert old["superseded_by"] == SUCCESSOR
    # The new page keeps the old one's history: approved under the old id, then moved.
    successor = built_site.tree(lang, f"programs/{SUCCESSOR}/")
    kinds = [li.get("data-kind") for li in successor.cssselect(".mc-history li")]
    assert kinds[-2:] == ["renamed", "approved"]
    formerly = descriptor_rows(successor, lang)["record.formerly"].cssselect("a")
    assert [resolve(new_page, a.get("href")) for a in formerly] == [page_path]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_decisions_month_pages_list_every_decision_newest_first_linking_to_its_programs(built_site, lang):
    """Read month by month, newest first, as the index lists them: every decision once, newest first, each at the
    anchor of its id, linking to its programs' pages. (tests/test_decisions_site.py: the index and the links.)"""
    catalogue = built_site.catalogue
    index = built_site.tree(lang, "decisions/")
    months = [resolve(f"/{lang}/decisions/", a.get("href")) for a in index.cssselect("[data-month] a")]
    entries = []
    for month in months:
        for entry in built_site.tree(lang, month.removeprefix(f"/{lang}/")).cssselect("[data-decision]"):
            entries.append(entry)
            links = [resolve(month, a.get("href")) for a in entry.cssselect('[data-mc="decision-program"] a')]
            assert links and all(site_file(built_site, link).is_file() for link in links), entry.get("id")
    today = built_site.build_date.isoformat()
    expected = sorted((d for d in catalogue.decisions.values() if d.date <= today), key=lambda d: d.sort_key)[::-1]
    assert [e.get("data-decision") for e in entries] == [d.id for d in expected]
    assert all(e.get("id") == e.get("data-decision") for e in entries)
    nav = [text(a) for a in built_site.tree(lang).cssselect(".md-nav a")]
    assert INTERFACE_TEXT["decisions.title"][lang] in nav


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_state_shows_on_the_sample_site(built_site, lang):
    catalogue, today = built_site.catalogue, built_site.build_date
    shown = set()
    for program_id in catalogue.register.lineages:
        state = catalogue.lifecycle(program_id, today).state
        if state == "renamed":
            shown.add(state)  # a redirect page (above)
            continue
        assert status_of(built_site.tree(lang, f"programs/{program_id}/")) == state
        shown.add(state)
    assert {"active", "suspended", "withdrawn", "renamed"} <= shown
    assert shown & {"expiring", "expired"}  # which of them depends on the day the site is built


def test_no_commit_subject_reaches_a_page_or_a_feed(built_site):
    """The record shows decisions and which fields changed, never the text of a commit (the project's own
    development messages, in English, on the Japanese pages)."""
    log = subprocess.run(
        ["git", "log", "--format=%s", "--", "catalogue"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    subjects = {s.strip() for s in log.stdout.splitlines() if len(s.strip()) > 12}
    assert subjects, "the sample catalogue has a history"
    outputs = [p for p in built_site.root.rglob("*") if p.suffix in (".html", ".atom", ".json", ".jsonld", ".csv")]
    for path in outputs:
        content = path.read_text(encoding="utf-8", errors="replace")
        leaked = [s for s in subjects if s in content]
        assert not leaked, f"{path.relative_to(built_site.root)}: {leaked[:2]}"
