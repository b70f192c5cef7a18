"""No script injection: a site built from a catalogue with classic XSS payloads in every field.

The catalogue (tests/hostile/xss.py) puts 16 payloads into every text field of programs and
providers (both languages) and 4 breaking-out URLs into every URL field. Then:

- values the schema and rules refuse (identifiers, codes, dates, non-https URLs, lookalike hosts)
  are each shown to be refused by the validator: "stopped" before any page exists;
- every built HTML page is parsed: no injected element, no injected script, every JSON-LD block
  still parses, and program pages show each payload exactly once escaped (the text on the page
  is the text in the YAML: nothing dropped, nothing escaped twice);
- headless Chromium visits every page of both languages, the compare tool with the programs
  chosen, the comparison table of their field, the search page and the header search box with
  queries that find the payloads. Any dialog, any element carrying `data-xss`, any call of the
  sentinel `window.__xss.push` fails the test. The browser bypasses the site's
  Content-Security-Policy here, so escaping is tested on its own (test_csp.py tests the policy).

Run with -s to see payloads per field and executions.
"""

from __future__ import annotations

import copy
import functools
import http.server
import json
import shutil
import socketserver
import threading
from collections import Counter
from datetime import date
from pathlib import Path

import lxml.html
import pytest
import yaml

from mccat import LANGUAGES
from mccat.validation.validate import validate
from tests.conftest import run_mkdocs_build
from tests.hostile.xss import (
    PROGRAM,
    PROVIDER,
    TEXT_PAYLOADS,
    URL_PAYLOADS,
    XssCatalogue,
    refused_values,
    set_path,
    write_xss_catalogue,
)

CASES = Path(__file__).parent / "cases"
BUILD_DATE = date(2026, 1, 15)  # after every decision of the payload catalogue
LIST_PAGE = 5  # programs a page of the list of every program holds here: the payloads reach pages 2, 3, ...

# Reports itself wherever it runs; defined before any script of the page.
SENTINEL = "window.__xss = [];"


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory) -> tuple[Path, XssCatalogue]:
    root = tmp_path_factory.mktemp("xss")
    catalogue = write_xss_catalogue(root / "catalogue")
    # The list of every program in pages of LIST_PAGE (mccat.site.program_list): the payloads on pages 2, 3, ... too.
    status, output, _ = run_mkdocs_build(
        root / "site",
        catalogue=root / "catalogue",
        build_date=BUILD_DATE,
        extra_env={"MCCAT_PROGRAM_LIST_PAGE": str(LIST_PAGE)},
    )
    assert status == 0, output
    return root / "site", catalogue


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def xss_server(xss_site):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(xss_site[0])))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


# --- stopped by the validator -----------------------------------------------------------------------


def test_the_validator_refuses_payloads_in_identifiers_codes_dates_and_urls(tmp_path, monkeypatch):
    """Every value in refused_values(), one per file over a valid catalogue: each file gets an error."""
    root = tmp_path / "catalogue"
    shutil.copytree(CASES / "base", root)
    files, controls = {}, set()

    def write(kind: str, data: dict) -> str:
        number = len(files) + len(controls)
        if kind == "provider":  # a name of its own: a provider named like another is refused (provider.name-twin)
            for lang, suffix in (("ja", f" 第{number}"), ("en", f" {number}")):
                if data["name"][lang] == PROVIDER["name"][lang]:
                    data["name"][lang] += suffix
        file = (
            root / "programs/example-univ" / f"refused-{number:04d}.yaml"
            if kind == "program"
            else root / "providers" / f"refused-{number:04d}.yaml"
        )
        file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
        return file.relative_to(tmp_path).as_posix()

    for kind, path, name, value in refused_values():
        data = copy.deepcopy(PROGRAM if kind == "program" else PROVIDER)
        set_path(data, path, value)
        files[write(kind, data)] = (kind, ".".join(map(str, path)), name)
    for kind, path in {(kind, path) for kind, path, _, _ in refused_values()}:
        data = copy.deepcopy(PROGRAM if kind == "program" else PROVIDER)
        if path[:2] == ("stackability", "stacks_into"):
            set_path(data, path, "example-univ/python-basics")  # a valid value where the base has none
        controls.add(write(kind, data))  # the same file with a valid value there: accepted
    monkeypatch.chdir(tmp_path)
    result = validate(root, workers=1)
    refused = {p.file for p in result.problems if p.is_error}
    assert not refused & controls, [p for p in result.problems if p.file in controls][:5]
    accepted = sorted(files[f] for f in files if f not in refused)
    assert not accepted, f"the validator let these through: {accepted}"
    by_field = Counter(f"{kind}:{path}" for kind, path, _ in files.values())
    print("\nrefused by the validator (field: values tried, all refused):")
    for key, count in sorted(by_field.items()):
        print(f"  {key}: {count}")


def test_payload_file_names_are_refused(tmp_path, monkeypatch):
    """A program id comes from the file's path: a payload there never reaches a URL or a page."""
    root = tmp_path / "catalogue"
    shutil.copytree(CASES / "base", root)
    source = (CASES / "base/programs/example-univ/python-basics.yaml").read_text(encoding="utf-8")
    names = ['"><img src=x onerror=alert(1)>', "<script>alert(1)<", "javascript:alert(1)", "A B", "x%2f..%2fy", "-"]
    for name in names:
        (root / "programs/example-univ" / f"{name}.yaml").write_text(source, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = validate(root, workers=1)
    refused = {Path(p.file).name for p in result.problems if p.is_error}
    assert refused >= {f"{name}.yaml" for name in names}, refused


# --- the built pages, parsed ------------------------------------------------------------------------


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_built_page_carries_an_injected_element_or_script(xss_site):
    site, _ = xss_site
    pages = html_pages(site)
    assert len(pages) > 2 * (len(TEXT_PAYLOADS) * 2 + 5)
    injected = []
    for path in pages:
        tree = lxml.html.fromstring(path.read_bytes())
        for element in tree.xpath("//*[@data-xss]"):
            injected.append((path.relative_to(site).as_posix(), element.tag, element.get("data-xss")))
        for script in tree.xpath("//script"):
            if script.get("type") == "application/ld+json":
                json.loads(script.text)  # the payloads stay data inside the JSON-LD
            elif "__xss" in (script.text or "") or "__xss" in (script.get("src") or ""):
                injected.append((path.relative_to(site).as_posix(), "script", script.text[:80]))
        for element in tree.xpath("//*[@*[starts-with(name(), 'on')]]"):
            injected.append((path.relative_to(site).as_posix(), element.tag, "event handler attribute"))
    assert not injected, injected[:20]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_decision_texts_show_as_text_on_the_record_pages(xss_site, lang):
    """Payloads in decisions (conditions, reasons, evidence, records of withdrawn and renamed programs) reach
    the decisions' month pages, the register's index (the programs' titles), the timelines, the tombstone and
    redirect pages as text, whole."""
    site, catalogue = xss_site
    decisions = sorted((catalogue.root / "decisions").glob("*.yaml"))
    assert decisions and catalogue.placed["decision:reason.en"]
    months = {}
    checked = 0
    for path in decisions:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        month = data["date"][:7]  # a decision is on the page of its month, at its anchor
        if month not in months:
            months[month] = lxml.html.fromstring((site / lang / "decisions" / month / "index.html").read_bytes())
        (entry,) = months[month].xpath("//article[@id=$id]", id=path.stem)
        shown = entry.text_content()
        for key in ("conditions", "reason"):
            if key in data:
                assert data[key][lang] in shown, (path.name, key)
                checked += 1
        for record in data.get("records", []):
            gone = lxml.html.fromstring((site / lang / "programs" / record["program"] / "index.html").read_bytes())
            if data["kind"] == "withdraw":
                assert gone.xpath("string(//h1)").strip() == record["title"][lang].strip(), record["program"]
            else:
                assert record["title"][lang] in gone.text_content(), record["program"]
            checked += 1
    assert len(months) > 1 and checked > len(decisions)
    # The index: the newest decisions in one line each, their programs by title (payloads), as text, whole.
    index = lxml.html.fromstring((site / lang / "decisions" / "index.html").read_bytes())
    recorded = {
        record["program"]: record["title"][lang]
        for path in decisions
        for record in yaml.safe_load(path.read_text(encoding="utf-8")).get("records", [])
    }
    lines = index.cssselect("ul.mc-decision-lines > li")
    assert lines
    for line in lines:
        decision_id = line.cssselect("a.mc-decision__id")[0].text_content()
        data = yaml.safe_load((catalogue.root / "decisions" / f"{decision_id}.yaml").read_text(encoding="utf-8"))
        expected = []
        for program in data["programs"]:
            file = catalogue.root / "programs" / f"{program}.yaml"
            if file.is_file():
                expected.append(yaml.safe_load(file.read_text(encoding="utf-8"))["title"][lang])
            else:
                expected.append(recorded[program])
        titles = [a.text_content() for a in line.cssselect(".mc-decision-lines__programs a")]
        assert [t.strip() for t in titles] == [t.strip() for t in expected], decision_id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_program_pages_show_each_payload_as_text_exactly_once_escaped(xss_site, lang):
    site, catalogue = xss_site
    for _number, program_id in enumerate(catalogue.programs):
        data = yaml.safe_load((catalogue.root / "programs" / f"{program_id}.yaml").read_text(encoding="utf-8"))
        tree = lxml.html.fromstring((site / lang / "programs" / program_id / "index.html").read_bytes())
        title, summary = data["title"][lang], data["summary"][lang]
        assert tree.xpath("string(//h1)").strip() == title.strip(), program_id
        assert tree.xpath("string(//title)").startswith(title), program_id
        assert tree.xpath("string(//meta[@name='description']/@content)") == summary, program_id
        outcomes = [li.text_content().strip() for li in tree.xpath("//ol[@class='mc-outcomes']/li")]
        assert outcomes == [o[lang].strip() for o in data["learning_outcomes"]], program_id
        hrefs = tree.xpath("//a/@href")
        assert data["url"] in hrefs, program_id  # the URL is an attribute value, whole
        (jsonld,) = tree.xpath("//script[@type='application/ld+json']")
        assert title in strings(json.loads(jsonld.text)), program_id  # data inside the JSON, whole


def strings(node) -> set[str]:
    if isinstance(node, str):
        return {node}
    values = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    return set().union(*(strings(v) for v in values))


def test_every_payload_lands_on_the_site(xss_site):
    """The payloads are really there: each program's title text appears in the list pages (in several pages)."""
    site, catalogue = xss_site
    for lang in LANGUAGES:
        pages = [site / lang / "programs/index.html", *sorted((site / lang / "programs").glob("[0-9]*/index.html"))]
        assert len(pages) == -(-len(catalogue.programs) // LIST_PAGE) > 2
        titles = set()
        for page in pages:
            listed = lxml.html.fromstring(page.read_bytes())
            titles |= {a.text_content() for a in listed.xpath("//a[contains(@class, 'mc-programs__title')]")}
        for program_id in catalogue.programs:
            data = yaml.safe_load((catalogue.root / "programs" / f"{program_id}.yaml").read_text(encoding="utf-8"))
            assert data["title"][lang] in titles


# --- in the browser ---------------------------------------------------------------------------------


class Watch:
    """Dialogs, injected elements and sentinel calls, over every page a test opens (one tab, reused)."""

    def __init__(self, browser):
        # bypass_csp: the site's policy would block inline scripts; here escaping must hold on its own.
        self.context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
        self.context.set_default_timeout(15_000)
        self.context.add_init_script(SENTINEL)
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.executions: list[tuple[str, str]] = []
        self.injected: list[tuple[str, str]] = []
        self.pages = 0
        self.page = self.context.new_page()
        self.page.on(
            "dialog", lambda dialog: (self.dialogs.append(f"{self.page.url}: {dialog.message}"), dialog.dismiss())
        )
        self.page.on("pageerror", lambda error: self.errors.append(f"{self.page.url}: {error}"))

    def open(self, url: str):
        self.page.goto(url)
        self.pages += 1
        return self.page

    def check(self, page, url: str) -> None:
        page.wait_for_timeout(20)  # autofocus and image errors fire just after load
        self.executions += [(url, marker) for marker in page.evaluate("window.__xss")]
        self.injected += [
            (url, marker)
            for marker in page.eval_on_selector_all(
                "[data-xss]", "els => els.map(e => e.tagName + ' ' + e.getAttribute('data-xss'))"
            )
        ]


@pytest.fixture(scope="module")
def watch(browser):
    watch = Watch(browser)
    yield watch
    watch.context.close()


def test_every_page_in_the_browser(xss_site, xss_server, watch):
    site, _ = xss_site
    for path in html_pages(site):
        url = xss_server + path.relative_to(site).as_posix().removesuffix("index.html")
        page = watch.open(url)
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8"):  # a renamed program's old address
            page.wait_for_url(lambda now: now != url)  # goes on to the new one: check that page
            page.wait_for_load_state("load")
        watch.check(page, url)
    assert watch.pages == len(html_pages(site))
    assert not watch.dialogs and not watch.executions and not watch.injected, (
        watch.dialogs[:5],
        watch.executions[:5],
        watch.injected[:5],
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_compare_tool_with_the_payload_programs_chosen(xss_site, xss_server, watch, lang):
    _, catalogue = xss_site
    for start in range(0, len(catalogue.programs), 4):
        chosen = catalogue.programs[start : start + 4]
        url = f"{xss_server}{lang}/compare/?p={','.join(chosen)}"
        page = watch.open(url)
        page.wait_for_function(
            f"document.querySelectorAll('[data-mc=\"compare-table\"] th[data-program]').length === {len(chosen)}"
        )
        page.wait_for_function(
            "!document.querySelector('[data-mc=\"compare-messages\"]').textContent.includes("
            "document.querySelector('[data-mc=\"compare-tool\"]').dataset.textLoading)"
        )
        cells = page.eval_on_selector_all('[data-mc="compare-table"] td', "cells => cells.length")
        assert cells > 20 * len(chosen)
        shown = page.eval_on_selector_all(
            '[data-mc="compare-table"] th[data-program] a', "links => links.map(a => a.textContent)"
        )
        for program_id, text in zip(chosen, shown):
            data = yaml.safe_load((catalogue.root / "programs" / f"{program_id}.yaml").read_text(encoding="utf-8"))
            assert data["title"][lang] in text  # the title shown as text, whole
        watch.check(page, url)
    assert not watch.dialogs and not watch.executions and not watch.injected, (
        watch.dialogs[:5],
        watch.executions[:5],
        watch.injected[:5],
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_results_for_the_payloads(xss_site, xss_server, watch, lang):
    queries = ["onerror", "xss", "hyperlink"]
    found = 0
    for query in queries:
        url = f"{xss_server}{lang}/search/?q={query}"
        page = watch.open(url)
        page.wait_for_selector("form[data-mc-search][data-ready]")
        more = page.locator("[data-more]")
        while more.is_visible():
            count = page.locator(".mc-search__result").count()
            more.click()
            page.wait_for_function(f"document.querySelectorAll('.mc-search__result').length > {count}")
        found += page.locator(".mc-search__result").count()
        watch.check(page, url)
    page = watch.open(f"{xss_server}{lang}/")
    page.fill(".mc-searchbox__input", "onerror")
    page.wait_for_selector(".mc-searchbox__result")
    found += page.locator(".mc-searchbox__result").count()
    watch.check(page, f"{lang} header search box")
    assert found > len(queries) * 2, "the queries must find the payload programs"
    assert not watch.dialogs and not watch.executions and not watch.injected, (
        watch.dialogs[:5],
        watch.executions[:5],
        watch.injected[:5],
    )


def test_report(xss_site, watch):
    """Payloads per field and executions seen (run last in this module; -s shows the table)."""
    _, catalogue = xss_site
    print(
        f"\nXSS payloads per field ({len(TEXT_PAYLOADS)} text payloads, {len(URL_PAYLOADS)} URL payloads; "
        f"both languages):"
    )
    for key, names in sorted(catalogue.placed.items()):
        print(f"  {key}: {len(set(names))} payloads, {len(names)} placements")
    print(
        f"pages opened in the browser: {watch.pages}; dialogs: {len(watch.dialogs)}; "
        f"sentinel calls: {len(watch.executions)}; injected elements: {len(watch.injected)}"
    )
    if watch.pages == 0:  # pytest-xdist sent the browser tests to another worker, where they made their checks
        pytest.skip("this worker opened no page: the browser tests ran in another worker")
    assert not watch.dialogs and not watch.executions and not watch.injected
