"""Render the Mermaid diagrams of the docs into SVG files, once, on a maintainer's machine.

    npm ci --prefix tools/mermaid
    .venv/bin/python tools/mermaid/render.py

Each docs/diagrams/<name>.<lang>.mmd becomes docs/<lang>/<name>.svg, which the page shows as an
image. The site never loads Mermaid: Material would fetch it from unpkg.com in every visitor's
browser, and the site's Content-Security-Policy allows no other origin (mccat.site.csp). Each SVG
records the SHA-256 of its source; tests/test_csp.py fails when a source changed and its SVG was
not rendered again. Needs Debian's chromium (/usr/bin/chromium) and a Japanese font (fonts-noto-cjk).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MERMAID = ROOT / "tools/mermaid/node_modules/mermaid/dist/mermaid.min.js"
SOURCES = ROOT / "docs/diagrams"
CHROMIUM = "/usr/bin/chromium"
FONT = '"Noto Sans CJK JP", "Noto Sans JP", system-ui, sans-serif'


def source_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def svg_path(source: Path) -> Path:
    name, lang = source.name.removesuffix(".mmd").rsplit(".", 1)
    return ROOT / "docs" / lang / f"{name}.svg"


def recorded_digest(svg: str) -> str | None:
    """The source digest an SVG was rendered from (the comment render() writes), or None."""
    marker = "<!-- mermaid source sha256: "
    start = svg.find(marker)
    return svg[start + len(marker) : svg.index(" ", start + len(marker))] if start >= 0 else None


def render(page, source: Path) -> str:
    text = source.read_text(encoding="utf-8")
    # Labels as SVG text, not HTML in <foreignObject>; serialized as XML: a standalone .svg file shown by
    # <img> must be well-formed XML (Mermaid's own string is HTML: <br> without its slash).
    svg = page.evaluate(
        """async ([id, text, font]) => {
             mermaid.initialize({startOnLoad: false, theme: "neutral", fontFamily: font, htmlLabels: false,
                                 flowchart: {htmlLabels: false, wrappingWidth: 400}, markdownAutoWrap: false, securityLevel: "strict"});
             const {svg} = await mermaid.render(id, text);
             const holder = document.createElement("div");
             holder.innerHTML = svg;
             return new XMLSerializer().serializeToString(holder.firstElementChild);
           }""",
        [source.name.split(".")[0], text, FONT],
    )
    head, _, rest = svg.partition(">")
    comment = (
        f"<!-- mermaid source sha256: {source_digest(text)} (docs/diagrams/{source.name}; tools/mermaid/render.py) -->"
    )
    return f"{head}>{comment}{rest}\n"


def main() -> int:
    if not MERMAID.exists():
        print("Mermaid is not installed: run `npm ci --prefix tools/mermaid`", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.set_content("<!doctype html><html><body></body></html>")
        page.add_script_tag(path=str(MERMAID))
        for source in sorted(SOURCES.glob("*.mmd")):
            target = svg_path(source)
            target.write_text(render(page, source), encoding="utf-8")
            print(f"{source.relative_to(ROOT)} -> {target.relative_to(ROOT)}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
