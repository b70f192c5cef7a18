"""Benchmark: Pagefind search over a synthetic catalogue (default 1,000 programs, 20 providers).

    .venv/bin/python bench/search.py
    .venv/bin/python bench/search.py --programs 5000 --providers 50 --keep /tmp/bench-site

Steps, all as a visitor or CI would run them:
1. `mccat synth --programs N --providers M --out DIR` writes the catalogue.
2. `MCCAT_CATALOGUE=DIR mkdocs build -d OUT` builds both languages and indexes them
   (the "Search index:" line of the build is reported as the in-build index time).
3. `mccat.build.search_index.index_site(OUT)` (both languages in parallel, one bundle each) is timed again
   on its own, best of --repeat runs.
4. Index size: the bundle on disk, split into what a visitor may download (the
   per-language index: pf_meta, index, filter and fragment chunks; the engine:
   pagefind.js, its worker, the WebAssembly) and Pagefind's UI files we do not use.
5. Bytes for one query: headless Chromium (Playwright) with an empty cache opens the
   search page with a query in the URL, over a plain static server on 127.0.0.1
   (no compression: Pagefind's index files are gzip already; a host that compresses
   would shrink only pagefind.js and its worker). Every response is counted by
   Playwright's network events, grouped; the site's own search UI script
   (assets/javascripts/search.js) and the HTML/CSS of the page are excluded.
   The header box is measured the same way (typing a query on a program page).
6. Search quality on the synthetic catalogue: a query set made from its own data (bench/search_quality.py:
   synthetic_queries; topics in Japanese and English on both sites, partial titles, provider names), typed into
   the search page as tests/test_search_quality.py does with the sample's set: precision@5 and top-3 rate.

Measured here (2026-12-01; 2 cores, load average 2.7; Pagefind 1.5.2 extended), 1,000 programs and
20 providers, 1,025 indexed pages per language:
  index: 3.15 s wall at best alone, both languages in parallel (5.6 s CPU; the extended binary spends
         about 0.9 s loading its Japanese dictionary), 3.8 s after the pages inside the build; bundles
         3.7 MB on disk: ja index 292 kB + fragments 1.13 MB, en 219 kB + 770 kB, 382 kB engine (a copy
         per language), 836 kB Pagefind UI files we do not load.
  one query, empty cache: 242 kB (ja "データ", 20 results shown), 219 kB (en "data"), of which
         155-159 kB is the engine (pagefind.js, worker, WebAssembly, cacheable), 12 kB language meta,
         12-29 kB word index, 21 kB filter index (the search page's counts), 15-26 kB for 20 fragments;
         the header box (6 results, no filters) 206 kB.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import re
import resource
import shutil
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(REPO / "hooks"))

from mccat import LANGUAGES
from mccat.build.search_index import BUNDLE_DIR, index_site

sys.path.insert(0, str(REPO / "bench"))
import search_quality

QUERIES = [  # (language, query string of the search page, what it is)
    ("ja", "q=" + quote("データ"), "ja word"),
    ("ja", "q=" + quote("データ") + "&mode=online", "ja word + filter"),
    ("en", "q=data", "en word"),
    ("en", "q=data&mode=online&sort=hours-asc", "en word + filter + sort"),
]
UNUSED_UI = ("pagefind-ui", "pagefind-component-ui", "pagefind-modular-ui", "pagefind-highlight")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def kind_of(path: str) -> str:
    """The group a downloaded file belongs to."""
    name = path.rsplit("/", 1)[-1]
    if f"/{BUNDLE_DIR}/" not in path:
        return "page"  # HTML, CSS, the site's own scripts (search.js among them), fonts
    if name.startswith(("pagefind.js", "pagefind-worker.js", "wasm.")):
        return "engine"
    for part in ("index", "filter", "fragment"):
        if re.search(rf"/{BUNDLE_DIR}/(?:[a-z]+/)?{part}/", path):  # /pagefind/<lang>/index/...
            return part
    if name.endswith(".pf_meta") or name.startswith("pagefind-entry.json"):
        return "meta"
    return "other"


def bundle_sizes(bundle: Path) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for file in bundle.rglob("*"):
        if not file.is_file():
            continue
        relative = "/" + BUNDLE_DIR + "/" + file.relative_to(bundle).as_posix()
        group = "unused UI" if file.name.startswith(UNUSED_UI) else kind_of(relative)
        lang = next((code for code in LANGUAGES if re.match(rf"(pagefind\.)?{code}_", file.name)), "")
        key = f"{group} ({lang})" if lang else group
        sizes[key] = sizes.get(key, 0) + file.stat().st_size
    return dict(sorted(sizes.items()))


def measure_queries(site: Path) -> list[dict]:
    from playwright.sync_api import sync_playwright

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    program_page = next((site / "ja" / "programs").glob("*/*/index.html")).parent.relative_to(site).as_posix()
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            cases = [(lang, f"{base}{lang}/search/?{query}", label, None) for lang, query, label in QUERIES]
            cases.append(("ja", f"{base}{program_page}/", "header box, ja word", "データ"))
            for lang, url, label, typed in cases:
                context = browser.new_context()  # empty cache every time
                responses = []
                context.on(
                    "response", lambda response: responses.append(response)
                )  # the context's: Pagefind fetches from a worker
                page = context.new_page()
                start = time.perf_counter()
                page.goto(url)
                if typed:
                    page.fill(".mc-searchbox__input", typed)
                    page.wait_for_selector(".mc-searchbox__result")
                else:
                    page.wait_for_selector("form[data-mc-search][data-ready]")
                seconds = time.perf_counter() - start
                results = page.locator(".mc-searchbox__result" if typed else ".mc-search__result").count()
                status = "" if typed else page.locator("form[data-mc-search] [data-status]").inner_text()
                page.wait_for_timeout(300)  # late responses (a fragment still arriving) are counted too
                groups: dict[str, int] = {}
                files: dict[str, int] = {}
                for response in responses:
                    path = urlsplit(response.url).path
                    try:
                        size = len(response.body())
                    except Exception:  # redirects and aborted requests have no body
                        continue
                    group = kind_of(path)
                    groups[group] = groups.get(group, 0) + size
                    files[group] = files.get(group, 0) + 1
                search_bytes = sum(size for group, size in groups.items() if group != "page")
                rows.append(
                    {
                        "case": label,
                        "lang": lang,
                        "shown": results,
                        "status": status,
                        "seconds": round(seconds, 2),
                        "search_bytes": search_bytes,
                        "groups": groups,
                        "files": files,
                    }
                )
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return rows


def build_site(args: argparse.Namespace, catalogue: Path, site: Path) -> dict:
    """Steps 1 and 2: the synthetic catalogue and its site, as `mkdocs build` makes it."""
    subprocess.run(
        [
            BIN / "mccat",
            "synth",
            "--programs",
            str(args.programs),
            "--providers",
            str(args.providers),
            "--out",
            str(catalogue),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("MCCAT_")}
    env.update(MCCAT_CATALOGUE=str(catalogue), NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    build = subprocess.run(
        [BIN / "mkdocs", "build", "-d", str(site)], cwd=REPO, env=env, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    if build.returncode != 0:
        raise SystemExit(f"mkdocs build failed:\n{build.stdout}{build.stderr}")
    in_build = re.search(r"Search index: .*", build.stdout + build.stderr)
    print(f"catalogue: {args.programs} programs, {args.providers} providers")
    print(f"build (both languages, indexing included): {seconds:.1f} s")
    print(f"in the build: {in_build.group(0) if in_build else '(no Search index line)'}")
    return {"build_seconds": seconds, "in_build": in_build.group(0) if in_build else None}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--programs", type=int, default=1000)
    parser.add_argument("--providers", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3, help="runs of the index alone; the best is reported")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it (default: a temporary one)")
    parser.add_argument("--site", type=Path, help="measure this already built site (skips steps 1 and 2)")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    parser.add_argument("--catalogue", type=Path, help="with --site: the catalogue it was built from (search quality)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-search-"))
    try:
        site = (args.site or args.keep or work / "site").resolve()
        numbers = {"programs": args.programs, "providers": args.providers}
        if args.site:
            print(f"site: {site}")
        else:
            numbers.update(build_site(args, work / "catalogue", site))

        times, cpu = [], []
        for _ in range(args.repeat):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            report = index_site(site, languages=LANGUAGES, min_pages=args.programs if not args.site else 0)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            times.append(report.seconds)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        print(
            f"index alone: best {min(times):.2f} s wall of {args.repeat} (runs: {', '.join(f'{t:.2f}' for t in times)}), "
            f"CPU {min(cpu):.2f} s; pages {report.pages}; load average {os.getloadavg()[0]:.1f}"
        )

        sizes = bundle_sizes(site / BUNDLE_DIR)
        files = sum(1 for f in (site / BUNDLE_DIR).rglob("*") if f.is_file())
        print(f"\nbundle on disk: {sum(sizes.values()) / 1e6:.2f} MB, {files} files")
        for key, size in sizes.items():
            print(f"  {key:<22} {size / 1e3:>10.1f} kB")

        rows = measure_queries(site)
        print("\none query, empty cache: kB downloaded for search (not the page, its CSS or the site's search.js);")
        print("kB/files per group")
        print(
            f"  {'case':<26} {'shown':>5} {'total':>7} {'engine':>7} {'meta':>6} {'index':>9} {'filter':>9} "
            f"{'fragment':>10} {'s':>5}"
        )
        for row in rows:
            g, n = row["groups"], row["files"]

            def cell(group: str, width: int) -> str:
                return f"{g.get(group, 0) / 1e3:.1f}/{n.get(group, 0)}".rjust(width)

            print(
                f"  {row['case']:<26} {row['shown']:>5} {row['search_bytes'] / 1e3:>7.1f} "
                f"{g.get('engine', 0) / 1e3:>7.1f} {g.get('meta', 0) / 1e3:>6.1f} {cell('index', 9)} "
                f"{cell('filter', 9)} {cell('fragment', 10)} {row['seconds']:>5.2f}  {row['status']}"
            )
        catalogue = args.catalogue or (None if args.site else work / "catalogue")
        if catalogue is not None:
            outcomes = search_quality.run_queries(site, search_quality.synthetic_queries(catalogue))
            quality = search_quality.summarise(outcomes)
            numbers["quality"] = quality
            print(
                f"\nsearch quality, {quality['queries']} queries made from the catalogue's data "
                f"(bench/search_quality.py: synthetic_queries): precision@5 {quality['precision_at_5']}, "
                f"expected program in the top 3 {quality['top3_hit_rate'] * 100:.1f}%"
            )
            for kind, figures in quality["by_kind"].items():
                print(
                    f"  {kind:<16} n={figures['n']:<3} precision@5 {figures['precision_at_5']}  top-3 {figures['top3']}"
                )
        if args.json:
            numbers.update(
                index_seconds=times, index_cpu_seconds=cpu, index_pages=report.pages, bundle_bytes=sizes, queries=rows
            )
            args.json.write_text(json.dumps(numbers, ensure_ascii=False, indent=2), encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)  # the catalogue, and the site unless --keep put it elsewhere
    return 0


if __name__ == "__main__":
    sys.exit(main())
