"""Search quality over a built site, as a visitor sees it: each query of a query set (tests/search_queries.yaml
for the sample catalogue) is typed into the search page (/<lang>/search/?q=...) in headless Chromium (Debian's
/usr/bin/chromium, driven by Playwright), and the results the page shows are compared with the expected ones.

    .venv/bin/python bench/search_quality.py                    # site/ (scripts/build-site.sh first)
    .venv/bin/python bench/search_quality.py --site DIR --json out.json --show 5

tests/test_search_quality.py runs it on the sample site; bench/search.py on a synthetic catalogue, with a
query set made from that catalogue's data (`synthetic_queries`).

Measures (defined in tests/search_queries.yaml):
- precision@5: of the first min(5, n) results shown, the share that is expected; a query that finds
  nothing scores 0, except one that expects nothing (1 if it finds nothing, else 0);
- top-3 hit: an expected result among the first three (queries that expect something).

Results are named as in the query file: a program by its id (the result's data-program), a provider
page as provider:<id>, any other page as page:<path>.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import re
import socketserver
import sys
import threading
import time
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote

import yaml

from mccat.authoring.synth import LEVELS, TOPICS
from mccat.validation.load import load_catalogue

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
READY = "form[data-mc-search][data-ready]"
TARGET_PRECISION = 0.8
TARGET_TOP3 = 0.9


@dataclass
class Outcome:
    q: str
    lang: str
    kind: str
    expect: list[str]
    found: list[str] = field(default_factory=list)  # results shown, in order (first page)
    count: str = ""  # the page's status line ("12 results")
    precision5: float = 0.0
    top3: bool | None = None  # None: the query expects nothing
    seconds: float = 0.0


def load_queries(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def result_name(program: str | None, url: str) -> str:
    if program:
        return program
    match = re.search(r"/providers/([^/]+)/$", url)
    return f"provider:{match.group(1)}" if match else f"page:{url}"


def score(outcome: Outcome) -> None:
    expected = set(outcome.expect)
    top = outcome.found[:5]
    if not expected:
        outcome.precision5 = 1.0 if not outcome.found else 0.0
        outcome.top3 = None
        return
    outcome.precision5 = (sum(1 for r in top if r in expected) / len(top)) if top else 0.0
    outcome.top3 = any(r in expected for r in outcome.found[:3])


def summarise(outcomes: list[Outcome]) -> dict:
    positive = [o for o in outcomes if o.expect]
    summary = {
        "queries": len(outcomes),
        "precision_at_5": round(sum(o.precision5 for o in outcomes) / len(outcomes), 3),
        "top3_hit_rate": round(sum(1 for o in positive if o.top3) / len(positive), 3),
        "no_results": sum(1 for o in positive if not o.found),
        "by_lang": {},
        "by_kind": {},
    }
    for key, attr in (("by_lang", "lang"), ("by_kind", "kind")):
        groups: dict[str, list[Outcome]] = {}
        for o in outcomes:
            groups.setdefault(getattr(o, attr), []).append(o)
        for name, group in sorted(groups.items()):
            pos = [o for o in group if o.expect]
            summary[key][name] = {
                "n": len(group),
                "precision_at_5": round(sum(o.precision5 for o in group) / len(group), 2),
                "top3": round(sum(1 for o in pos if o.top3) / len(pos), 2) if pos else None,
            }
    summary["meets_targets"] = summary["precision_at_5"] >= TARGET_PRECISION and summary["top3_hit_rate"] >= TARGET_TOP3
    return summary


def synthetic_queries(catalogue: Path, *, per_kind: int = 8) -> list[dict]:
    """A query set made from a synthetic catalogue's own data (mccat synth), judged from the data, never from
    what search returns: a topic in Japanese and in English on both sites, a topic with its level (a partial
    title), a provider's name (its page and its programs). Expected: every program whose title holds the words."""
    loaded = load_catalogue(catalogue)
    programs, providers = loaded.programs, loaded.providers

    def titled(lang: str, words: str) -> list[str]:
        words = unicodedata.normalize("NFKC", words).casefold()
        return sorted(
            p.id for p in programs.values() if words in unicodedata.normalize("NFKC", p.title[lang]).casefold()
        )

    queries = []
    for topic_ja, topic_en in TOPICS[:per_kind]:
        queries += [
            {"q": topic_ja, "lang": "ja", "kind": "kanji/katakana", "expect": titled("ja", topic_ja)},
            {"q": topic_en, "lang": "ja", "kind": "english-on-ja", "expect": titled("en", topic_en)},
            {"q": topic_ja, "lang": "en", "kind": "japanese-on-en", "expect": titled("ja", topic_ja)},
            {"q": topic_en, "lang": "en", "kind": "english", "expect": titled("en", topic_en)},
        ]
    for (topic_ja, _), (level_ja, _) in zip(TOPICS[per_kind : 2 * per_kind], LEVELS * per_kind, strict=False):
        queries.append(
            {
                "q": topic_ja + level_ja,
                "lang": "ja",
                "kind": "partial-title",
                "expect": titled("ja", topic_ja + level_ja),
            }
        )
    for provider in list(providers.values())[:per_kind]:
        own = sorted(p.id for p in programs.values() if p.provider_id == provider.id)
        queries.append(
            {"q": provider.name["ja"], "lang": "ja", "kind": "provider", "expect": [f"provider:{provider.id}", *own]}
        )
    return [q for q in queries if q["expect"]]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def serve(site: Path) -> tuple[socketserver.TCPServer, str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def run_queries(site: Path, queries: list[dict], *, browser=None) -> list[Outcome]:
    """Type every query into the search page of its language; `browser`: a Playwright browser to reuse."""
    server, base = serve(site)
    playwright = None
    try:
        if browser is None:
            from playwright.sync_api import sync_playwright

            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        outcomes = []
        for entry in queries:
            outcome = Outcome(
                q=str(entry["q"]),
                lang=entry["lang"],
                kind=entry.get("kind", ""),
                expect=list(entry.get("expect") or []),
            )
            start = time.monotonic()
            page.goto(f"{base}{outcome.lang}/search/?q={quote(outcome.q)}")
            page.wait_for_selector(READY)
            shown = page.eval_on_selector_all(
                ".mc-search__result",
                "items => items.map(i => ({url: i.dataset.url, program: i.dataset.program || null}))",
            )
            outcome.seconds = round(time.monotonic() - start, 3)
            outcome.found = [result_name(r["program"], r["url"]) for r in shown]
            outcome.count = page.inner_text("form[data-mc-search] [data-status]").strip()
            score(outcome)
            outcomes.append(outcome)
        context.close()
        if errors:
            raise RuntimeError(f"script errors on the search page: {errors}")
        return outcomes
    finally:
        if playwright is not None:
            browser.close()
            playwright.stop()
        server.shutdown()
        server.server_close()


def short(name: str) -> str:
    return name.split("/", 1)[-1] if "/" in name and not name.startswith(("provider:", "page:")) else name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=REPO / "site")
    parser.add_argument("--queries", type=Path, default=REPO / "tests" / "search_queries.yaml")
    parser.add_argument("--json", type=Path, help="write every outcome and the summary here")
    parser.add_argument("--show", type=int, default=5, help="results to print per query")
    args = parser.parse_args(argv)

    outcomes = run_queries(args.site, load_queries(args.queries))
    summary = summarise(outcomes)
    for o in outcomes:
        mark = "ok " if (o.top3 or (o.top3 is None and o.precision5 == 1.0)) else "MISS"
        shown = ", ".join(("*" if r in o.expect else "") + short(r) for r in o.found[: args.show])
        print(f"{mark} {o.lang} {o.q!r:<20} p@5={o.precision5:.2f} [{o.count}] {shown}")
    print(json.dumps({k: v for k, v in summary.items() if k != "by_kind"}, ensure_ascii=False, indent=1))
    print("by kind:", json.dumps(summary["by_kind"], ensure_ascii=False))
    if args.json:
        args.json.write_text(
            json.dumps({"summary": summary, "outcomes": [asdict(o) for o in outcomes]}, ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
