"""Accessibility, measured: axe-core (npm, tools/axe/) runs in Debian's Chromium over every kind of page of the built
sample site, in both languages, at desktop and phone widths, and must find no violation of the WCAG 2.0, 2.1 and
2.2 level A and AA rules (JIS X 8341-3 follows WCAG 2). Pages are checked as a visitor meets them: scripts run,
search results shown, programs in the compare tool, the compare tray open. Each test prints the pages it checked.

axe is injected through the DevTools protocol (Playwright's evaluate), so the pages keep their strict
Content-Security-Policy: no inline script is allowed for it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mccat import LANGUAGES

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# A withdrawn program whose file is gone keeps its page (its record). A renamed program's old address is not
# checked: it is only a refresh to the new page (the page checked as "program").
WITHDRAWN = "example-junior-college/childcare-support-basics"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
KINDS = {
    "home",
    "programs",
    "program",
    "program (not active)",
    "fields",
    "field",
    "providers",
    "provider",
    "compare tool",
    "compare table",
    "search",
    "search (nothing found)",
    "descriptors",
    "about",
    "propose",
    "review workflow",
    "governance",
    "api",
    "certificates",
    "check a badge",
    "check a badge (withdrawn)",
    "not found",
    "root",
    "decisions",
    "decisions (month)",
    "withdrawn program (record)",
}


def achievement(program_id: str) -> str:
    return f"https://registry.example.org/api/v1/programs/{program_id}.achievement.en.json"


def pages(built_site, lang: str) -> list[tuple[str, str, str]]:
    """(kind, URL path from the site root, what to wait for) for every kind of page."""
    catalogue = built_site.catalogue
    program = "example-national-univ/ds-python-basics"
    other = min(pid for pid in catalogue.programs if catalogue.lifecycle(pid, built_site.build_date).state != "active")
    field = catalogue.programs[program].data["fields"][0]
    # The month of the withdrawal: a decision with a reason, and months with decisions before and after it.
    month = catalogue.decisions["MCR-2026-010"].date[:7]
    three = "example-national-univ/ds-python-basics,example-tech-corp/generative-ai-business-practice,example-uas-nl/circular-product-design"
    return [
        ("home", f"{lang}/", ""),
        ("programs", f"{lang}/programs/", ""),
        ("program", f"{lang}/programs/{program}/", ""),
        ("program (not active)", f"{lang}/programs/{other}/", ""),
        ("fields", f"{lang}/fields/", ""),
        ("field", f"{lang}/fields/{field}/", ""),
        ("providers", f"{lang}/providers/", ""),
        ("provider", f"{lang}/providers/{program.split('/')[0]}/", ""),
        ("compare tool", f"{lang}/compare/?p={three}", '[data-mc="compare-tool"][data-ready]'),
        ("compare table", f"{lang}/compare/{field}/", ""),
        ("search", f"{lang}/search/?q=%E3%83%87%E3%83%BC%E3%82%BF&mode=online", "form[data-mc-search][data-ready]"),
        ("search (nothing found)", f"{lang}/search/?q=zzzzqqq", "form[data-mc-search][data-ready]"),
        ("descriptors", f"{lang}/descriptors/", ""),
        ("about", f"{lang}/about/", ""),
        ("propose", f"{lang}/propose/", ""),
        ("review workflow", f"{lang}/review-workflow/", ""),
        ("governance", f"{lang}/governance/", ""),
        ("api", f"{lang}/api/", ""),
        ("certificates", f"{lang}/certificates/", ""),
        ("check a badge", f"{lang}/verify/?achievement={achievement(program)}", ".mc-verify__result[data-verdict]"),
        (
            "check a badge (withdrawn)",
            f"{lang}/verify/?achievement={achievement(WITHDRAWN)}",
            ".mc-verify__result[data-verdict]",
        ),
        ("decisions", f"{lang}/decisions/", ""),
        ("decisions (month)", f"{lang}/decisions/{month}/", ""),
        ("withdrawn program (record)", f"{lang}/programs/{WITHDRAWN}/", ""),
        ("not found", f"{lang}/404.html", ""),
        ("root", "index.html" if lang == "ja" else "404.html", ""),
    ]


def violations(page) -> list[dict]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", TAGS
    )
    return [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"][:5]],
            "summary": v["nodes"][0].get("failureSummary", "")[:300] if v["nodes"] else "",
        }
        for v in result["violations"]
    ]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_wcag_a_or_aa_violation_on_any_kind_of_page(browser, site_server, built_site, lang, width):
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: npm ci --prefix tools/axe (scripts/setup.sh --tests does it)")
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h})
    found: dict[str, list[dict]] = {}
    checked = []
    try:
        page = context.new_page()
        # The compare tray shows on every page once a program is chosen: checked with it open.
        page.goto(f"{site_server}{lang}/")
        page.evaluate("localStorage.setItem('mc-compare', JSON.stringify(['example-kosen/iot-embedded-systems']))")
        for kind, path, ready in pages(built_site, lang):
            page.goto(f"{site_server}{path}")
            if ready:
                page.wait_for_selector(ready)
            page.wait_for_load_state("load")
            checked.append(f"{kind}: /{path}")
            problems = violations(page)
            if problems:
                found[f"{kind}: /{path}"] = problems
    finally:
        context.close()
    print(f"\naxe {lang} {width} ({w}px), WCAG 2.2 A/AA, {len(checked)} pages checked:")
    for line in checked:
        print("  " + line)
    assert {line.split(":")[0] for line in checked} == KINDS
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)
