"""Benchmark: Lighthouse accessibility and best-practice scores of a program page and the search page, in both
languages, on the built site.

    .venv/bin/python bench/lighthouse.py                 # site/ (scripts/build-site.sh first)
    .venv/bin/python bench/lighthouse.py --site DIR --json scores.json

Lighthouse 12.2.3 from npm (tools/lighthouse/, the last release that runs on Node 20; scripts/setup.sh --tests
installs it) drives Debian's Chromium (/usr/bin/chromium, headless, --no-sandbox) against a plain static server on
127.0.0.1, desktop settings, only the accessibility and best-practices categories. The search page is opened with
a query in its URL, so results and filters are on the page when it is audited. Each failing audit is printed with
its title. The target (issue 18): 100 in both categories on every page; the script exits 1 if a score is lower.

Best practices on a local server: Lighthouse's "uses HTTPS" audit passes for localhost, so a 100 here is what a
page earns on an HTTPS host too.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import socketserver
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LIGHTHOUSE = REPO / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("accessibility", "best-practices")
PAGES = {
    "program": "programs/example-national-univ/ds-python-basics/",
    "search": "search/?q=%E3%83%87%E3%83%BC%E3%82%BF",  # データ
}
TARGET = 100


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def serve(site: Path) -> tuple[socketserver.TCPServer, str]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def audit(url: str) -> dict:
    """One Lighthouse run: {category: score 0-100}, and the audits that failed, by category."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--preset=desktop",
            f"--chrome-path={CHROMIUM}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
        if result.returncode != 0 or not report.is_file():
            raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    scores, failed = {}, {}
    for name in CATEGORIES:
        category = data["categories"][name]
        scores[name] = round(category["score"] * 100)
        failed[name] = [
            f"{ref['id']}: {data['audits'][ref['id']]['title']}"
            for ref in category["auditRefs"]
            if ref["weight"] > 0 and data["audits"][ref["id"]]["score"] not in (None, 1)
        ]
    return {"scores": scores, "failed": failed, "lighthouse": data.get("lighthouseVersion")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=REPO / "site")
    parser.add_argument("--json", type=Path, help="write the scores and failing audits here")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: npm ci --prefix tools/lighthouse", file=sys.stderr)
        return 2
    server, base = serve(args.site)
    results = {}
    try:
        for lang in ("ja", "en"):
            for name, path in PAGES.items():
                url = f"{base}{lang}/{path}"
                results[f"{lang} {name}"] = outcome = audit(url)
                scores = "  ".join(f"{c} {s}" for c, s in outcome["scores"].items())
                print(f"{lang} {name:<8} {scores}   (/{lang}/{path})")
                for category, audits in outcome["failed"].items():
                    for line in audits:
                        print(f"    {category}: {line}")
    finally:
        server.shutdown()
        server.server_close()
    low = [key for key, r in results.items() if min(r["scores"].values()) < TARGET]
    print(f"Lighthouse {next(iter(results.values()))['lighthouse']}: " + ("PASS" if not low else f"FAIL {low}"))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
