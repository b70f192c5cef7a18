"""Where a built site's bytes go: bytes per program, program page sizes, and the weight of each kind of file.

    .venv/bin/python bench/sitebytes.py --site /tmp/bench/site-1000 --programs 1000
    .venv/bin/python bench/sitebytes.py --build 1000            # synthesize, build, measure, delete

Counted: the apparent size of every file the build writes (what a host stores and an upload
sends), grouped by kind (program pages, compare data, per-program API files by suffix, the
catalogue-wide API files, search bundles, theme assets, other pages). "Bytes per program" is the
whole site divided by the number of programs, as in the issue (139.8 MB / 1,000 programs = 140 KB
before). A program page's HTML is also split into its parts (head, header, the nav of the left
sidebar, the table of contents, the article, scripts) on one page per language.

Targets (issue 19): at most 70 KB of published bytes per program at 1,000 programs; every program
page at most 32 KB of HTML.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from measure import program_page_sizes

BYTES_PER_PROGRAM_TARGET = 70 * 1024
PAGE_TARGET = 32 * 1024
PROGRAM_PAGE = re.compile(r"^(ja|en)/programs/[^/]+/[^/]+/index\.html$")
PARTS = {  # a program page's parts, found by their opening tag (Material's classes)
    "head": (r"<head>", r"</head>"),
    "header": (r"<header class=\"md-header", r"</header>"),
    "tabs": (r"<nav class=\"md-tabs", r"</nav>"),
    "nav (left sidebar)": (
        r"<div class=\"md-sidebar md-sidebar--primary",
        r"<div class=\"md-sidebar md-sidebar--secondary",
    ),
    "toc (right sidebar)": (r"<div class=\"md-sidebar md-sidebar--secondary", r"<div class=\"md-content"),
    "article": (r"<article", r"</article>"),
    "footer": (r"<footer", r"</footer>"),
}


def kind(path: str) -> str:
    parts = path.split("/")
    if PROGRAM_PAGE.match(path):
        return "program pages (both languages)"
    if parts[0] in ("ja", "en"):
        if len(parts) > 1 and parts[1] == "compare":
            return "compare pages and data"
        if len(parts) > 1 and parts[1] == "assets":
            return "theme assets (CSS, JS, images)"
        return "other pages (lists, providers, fields, hand-written)"
    if parts[0] == "api":
        if len(parts) > 3 and parts[2] == "programs":
            suffix = parts[-1].split(".", 1)[1] if "." in parts[-1] else parts[-1]
            return f"API per program: *.{suffix}"
        if len(parts) > 3 and parts[2] == "providers":
            return "API per provider"
        return "API catalogue-wide files"
    if parts[0] == "pagefind":
        return "search bundles"
    return "root files"


def breakdown(site: Path) -> tuple[int, int, Counter, Counter]:
    sizes: Counter = Counter()
    counts: Counter = Counter()
    total = files = 0
    for folder, _, names in os.walk(site):
        for name in names:
            path = Path(folder) / name
            relative = path.relative_to(site).as_posix()
            size = path.stat().st_size
            key = kind(relative)
            sizes[key] += size
            counts[key] += 1
            total += size
            files += 1
    return total, files, sizes, counts


def page_parts(page: Path) -> dict[str, int]:
    text = page.read_text(encoding="utf-8")
    parts = {}
    for name, (start, end) in PARTS.items():
        begin = re.search(start, text)
        if begin is None:
            continue
        finish = re.search(end, text[begin.start() :])
        if finish is not None:
            parts[name] = len(text[begin.start() : begin.start() + finish.end()].encode("utf-8"))
    parts["whitespace at line starts"] = sum(len(m.group(0)) - 1 for m in re.finditer(r"\n[ \t]+", text))
    parts["whole page"] = len(text.encode("utf-8"))
    return parts


def report(site: Path, programs: int) -> dict[str, float]:
    total, files, sizes, counts = breakdown(site)
    pages = program_page_sizes(site)
    per_program = total / programs
    print(f"{site}: {total / 1e6:.1f} MB in {files:,} files, {programs:,} programs")
    print(f"  {'kind':<52} {'MB':>8} {'files':>7} {'KB/program':>11}")
    for key, size in sizes.most_common():
        print(f"  {key:<52} {size / 1e6:>8.2f} {counts[key]:>7,} {size / programs / 1024:>11.1f}")
    print(f"  {'total':<52} {total / 1e6:>8.2f} {files:>7,} {per_program / 1024:>11.1f}")
    for lang in ("ja", "en"):
        sample = sorted(site.glob(f"{lang}/programs/*/*/index.html"))
        if sample:
            parts = page_parts(sample[len(sample) // 2])
            print(f"  a {lang} program page, KB: " + ", ".join(f"{k} {v / 1024:.1f}" for k, v in parts.items()))
    mean_page, max_page = statistics.mean(pages), max(pages)
    print(f"  program pages: mean {mean_page / 1024:.1f} KB, largest {max_page / 1024:.1f} KB ({len(pages):,} pages)")
    for lang in ("ja", "en"):
        sizes = [page.stat().st_size for page in site.glob(f"{lang}/programs/*/*/index.html")]
        if sizes:
            largest = max(sizes)
            over = sum(size > PAGE_TARGET for size in sizes)
            print(
                f"    {lang}: mean {statistics.mean(sizes) / 1024:.1f} KB, largest {largest / 1024:.2f} KB ({largest:,} "
                f"bytes), {over:,} of {len(sizes):,} over {PAGE_TARGET // 1024} KB"
            )
    verdict(
        f"bytes per program {per_program / 1024:.1f} KB (target <= {BYTES_PER_PROGRAM_TARGET // 1024} KB)",
        per_program <= BYTES_PER_PROGRAM_TARGET,
    )
    verdict(
        f"largest program page {max_page / 1024:.1f} KB (target <= {PAGE_TARGET // 1024} KB)", max_page <= PAGE_TARGET
    )
    return {"total": total, "files": files, "per_program": per_program, "mean_page": mean_page, "max_page": max_page}


def verdict(text: str, ok: bool) -> None:
    print(f"{'PASS' if ok else 'FAIL'}  {text}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site to measure")
    parser.add_argument("--programs", type=int, help="its number of programs (with --site)")
    parser.add_argument("--build", type=int, metavar="N", help="synthesize N programs, build, measure, delete")
    args = parser.parse_args()
    if args.site:
        if not args.programs:
            parser.error("--site needs --programs")
        report(args.site, args.programs)
        return 0
    if not args.build:
        parser.error("give --site DIR --programs N, or --build N")
    from scale import build_once

    work = Path(tempfile.mkdtemp(prefix="mccat-bytes-"))
    try:
        result = build_once(args.build, work)
        report(result.site, args.build)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
