"""The site's Content-Security-Policy (mccat.site.csp): every page carries it, and the site passes it.

- Every HTML file of the built site has the policy as the first element of its head after the
  charset, before anything it governs; the root pages list the hashes of their own inline script
  and style, and those hashes match what the pages hold.
- Headless Chromium visits a page of every kind in both languages (lists, program, provider,
  field, comparison table, the compare tool with programs chosen, search with a query, every
  hand-written page, the root and 404 pages) and fails on any policy violation, any request to
  another origin, any failed request and any script error. An inline script injected into a
  page does not run.
- The review-workflow diagrams are SVG files rendered from their Mermaid sources
  (tools/mermaid/render.py): each is well-formed XML (an <img> shows nothing otherwise) and was
  rendered from its source as it is now.
"""

from __future__ import annotations

import hashlib
import importlib.util
import xml.dom.minidom
from pathlib import Path

import lxml.html
import pytest
from markupsafe import Markup

from mccat import LANGUAGES
from mccat.site.csp import content_security_policy, policy_attribute, source_hash

ROOT = Path(__file__).resolve().parents[1]

# Reports every violation the page sees, from before its first script.
RECORD_VIOLATIONS = """
window.__mcViolations = [];
document.addEventListener("securitypolicyviolation",
    e => window.__mcViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline")));
"""


def _render_module():
    spec = importlib.util.spec_from_file_location("mermaid_render", ROOT / "tools/mermaid/render.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def page_urls(built_site) -> list[str]:
    """A page of every kind, as paths below the site root."""
    catalogue = built_site.catalogue
    program = catalogue.programs[sorted(catalogue.programs)[0]]
    field = program.data["fields"][0]
    chosen = ",".join(sorted(catalogue.programs)[:3])
    docs = sorted(p.stem for p in (ROOT / "docs/en").glob("*.md") if p.stem != "index")
    kinds = [
        "",
        "programs/",
        f"programs/{program.id}/",
        "fields/",
        f"fields/{field}/",
        "providers/",
        f"providers/{program.provider_id}/",
        "compare/",
        f"compare/?p={chosen}",
        f"compare/{field}/",
        "search/?q=data",
        "decisions/",
        f"decisions/{catalogue.decisions['MCR-2026-010'].date[:7]}/",  # a month of the register
        # a withdrawn program's page kept from its decision, and a renamed one's old address (it redirects)
        *(f"programs/{t.id}/" for t in catalogue.tombstones(built_site.build_date).values()),
        f"verify/?achievement=https://registry.example.org/api/v1/programs/{program.id}.achievement.en.json",
        *(f"{name}/" for name in docs),
    ]
    return ["", "404.html", *(f"{lang}/{url}" for lang in LANGUAGES for url in kinds)]


def csp_of(tree) -> str | None:
    meta = tree.xpath('//head/meta[@http-equiv="Content-Security-Policy"]')
    return meta[0].get("content") if meta else None


def test_every_page_carries_the_policy_before_anything_it_governs(built_site):
    pages = sorted(built_site.root.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        head = lxml.html.fromstring(path.read_bytes()).find("head")
        first = [element for element in head if isinstance(element.tag, str)][:2]
        assert [(e.tag, e.get("charset") or e.get("http-equiv")) for e in first] == [
            ("meta", "utf-8"),
            ("meta", "Content-Security-Policy"),
        ], path
        policy = first[1].get("content")
        assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy, path
        assert "script-src 'self' 'wasm-unsafe-eval'" in policy, path


@pytest.mark.parametrize("name", ["index.html", "404.html"])
def test_root_pages_allow_exactly_their_own_inline_script_and_style(built_site, name):
    tree = lxml.html.fromstring((built_site.root / name).read_bytes())
    scripts = [s.text for s in tree.xpath("//script[not(@src)]")]
    styles = [s.text for s in tree.xpath("//style")]
    assert styles, "the root pages style themselves"
    assert csp_of(tree) == content_security_policy(scripts=scripts, styles=styles)
    assert all(source_hash(s) in csp_of(tree) for s in scripts + styles)


def test_the_pages_attribute_is_the_policy_with_its_quotes_as_they_are():
    value = policy_attribute(scripts=["x()"], styles=["p{}"])
    assert isinstance(value, Markup) and str(value) == content_security_policy(scripts=["x()"], styles=["p{}"])
    assert "'self'" in value and "&#39;" not in str(value)  # safe in a double-quoted attribute as it is


def test_the_preview_policy_lets_only_the_live_reload_script_in():
    preview = content_security_policy(scripts=["x()"], preview=True)
    assert "'unsafe-inline'" in preview and source_hash("x()") not in preview  # a hash would disable it
    assert "connect-src 'self';" in preview and "default-src 'none'" in preview


OVERLAP = 5  # pages open at once: their network-idle waits (500 ms each) overlap instead of adding up


@pytest.fixture
def visit(browser, site_server):
    """Open pages like a visitor and return what went wrong on each: violations, other origins, failures."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    context.add_init_script(RECORD_VIOLATIONS)

    def watch(page, problems: list[str], aborted: list[str]) -> None:
        def record_request(request):
            if not request.url.startswith((site_server, "data:", "blob:")):
                problems.append(f"request to another origin: {request.url}")

        def record_response(response):
            if response.status >= 400 and not response.url.endswith("/404.html"):
                problems.append(f"{response.status} {response.url}")

        page.on("request", record_request)
        page.on("response", record_response)
        # a redirecting page aborts what it was still loading (its favicon, at times)
        page.on(
            "requestfailed",
            lambda r: (aborted if r.failure == "net::ERR_ABORTED" else problems).append(f"failed: {r.url} {r.failure}"),
        )
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        page.on(
            "console", lambda m: problems.append(f"console: {m.text}") if "Content Security Policy" in m.text else None
        )

    def open_pages(urls: list[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for start in range(0, len(urls), OVERLAP):
            opened = []
            for url in urls[start : start + OVERLAP]:
                page, problems, aborted = context.new_page(), [], []
                watch(page, problems, aborted)
                page.goto(site_server + url, wait_until="commit")  # the next page starts while this one loads
                opened.append((url, page, problems, aborted))
            for url, page, problems, aborted in opened:
                page.wait_for_load_state("networkidle")
                problems.extend(f"violation: {v}" for v in page.evaluate("window.__mcViolations || []"))
                if page.url == site_server + url:
                    problems.extend(aborted)
                found[url] = list(problems)  # before closing: closing aborts what is still loading
            for _url, page, _problems, _aborted in opened:
                page.close()
        return found

    yield open_pages
    context.close()


def test_every_kind_of_page_passes_the_policy_in_chromium(visit, built_site):
    urls = page_urls(built_site)
    found = visit([*urls, "en/no-such-page/"])  # the last one planted: a page that is not there is reported
    assert list(found) == [*urls, "en/no-such-page/"] and found.pop("en/no-such-page/")
    assert not {url: problems for url, problems in found.items() if problems}, found


def test_the_pages_do_their_work_under_the_policy(browser, site_server, built_site):
    """Search and the compare tool run their scripts and fetch their data under the policy."""
    context = browser.new_context()
    page = context.new_page()
    chosen = sorted(built_site.catalogue.programs)[:2]
    page.goto(f"{site_server}en/compare/?p={','.join(chosen)}")
    heads = page.locator('[data-mc="compare-table"] th[data-program]')
    heads.nth(1).wait_for()  # the script fetches both programs' data first
    assert heads.count() == 2
    page.goto(f"{site_server}ja/search/?q=データ")
    page.wait_for_selector("form[data-mc-search][data-ready]")
    assert page.locator(".mc-search__result").count() > 0
    context.close()


def test_an_injected_inline_script_does_not_run(browser, site_server, built_site):
    program = sorted(built_site.catalogue.programs)[0]
    page = browser.new_page()
    page.goto(f"{site_server}en/programs/{program}/")
    ran = page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.__mcInjected = true";
        document.body.append(script);
        const handler = document.createElement("img");
        handler.setAttribute("onerror", "window.__mcInjected = true");
        handler.src = "data:,";
        document.body.append(handler);
        return new Promise(done => setTimeout(() => done(window.__mcInjected === true), 300));
    }""")
    assert ran is False
    assert page.evaluate("window.__mcViolations === undefined")  # no init script here: the policy alone
    page.close()


@pytest.mark.parametrize("source", sorted((ROOT / "docs/diagrams").glob("*.mmd")), ids=lambda p: p.name)
def test_diagram_files_are_well_formed_and_rendered_from_their_source(source, built_site):
    render = _render_module()
    svg = render.svg_path(source)
    text = svg.read_text(encoding="utf-8")
    xml.dom.minidom.parseString(text.encode("utf-8"))  # an <img> shows nothing of a malformed SVG
    assert "<script" not in text and "foreignObject" not in text
    assert render.recorded_digest(text) == hashlib.sha256(source.read_bytes()).hexdigest(), (
        f"{source.relative_to(ROOT)} changed: run `npm ci --prefix tools/mermaid` and "
        "`.venv/bin/python tools/mermaid/render.py`"
    )
    lang = svg.parent.name
    page = built_site.tree(lang, f"{svg.stem}/")
    assert page.xpath(f'//article//img[@src="../{svg.name}"]'), f"/{lang}/{svg.stem}/ shows {svg.name}"
    assert (built_site.root / lang / svg.name).is_file()
