"""Benchmark: how long after saving a program file `mkdocs serve` shows the change.

    .venv/bin/python bench/serve.py                 # the sample catalogue, 3 edits
    .venv/bin/python bench/serve.py --edits 5 --in-place

Method. `mkdocs serve -a 127.0.0.1:<free port>` runs at the repository root
on a copy of the sample catalogue (catalogue/ copied into a temporary git
repository with one commit, so the build reads a git history as it does in
the real repository; --in-place uses catalogue/ itself). Once the program
page answers, each edit changes the title of one program file (the `ja:`
and `en:` lines under `title:`, the way a provider would) and the script
polls the program's page in both languages (/ja/programs/<id>/ and
/en/programs/<id>/, every 0.1 s) until both carry the new title. The time
from writing the file to the second page showing it is the edit latency:
the server noticing the change, rebuilding both languages, the /api/v1
files and the search index (the server holds requests while it rebuilds,
so a page is never half-built). Under `mkdocs serve` the search index is
written in the background after each rebuild (hooks/catalogue_hook.py), so
before each edit the script waits until the server has logged the previous
index ("Search index: ..."): the edit meets an idle server, as when a person
saves, looks, then edits again. The file's original bytes are written back
at the end, whatever happens, and the server is stopped.

Target (issue 8): the change visible within 5 s on the sample catalogue.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 5.0
STARTUP_TIMEOUT = 600
EDIT_TIMEOUT = 120


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def retitled(text: str, marker: str) -> str:
    """The program file with " <marker>" after both titles (the `ja:` and `en:` lines under `title:`)."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.rstrip() == "title:")
    changed = 0
    for i in range(start + 1, len(lines)):
        if not lines[i].startswith("  "):
            break
        key = lines[i].strip().split(":", 1)[0]
        if key in ("ja", "en"):
            lines[i] = lines[i].rstrip("\n") + f" {marker}\n"
            changed += 1
    if changed != 2:
        raise SystemExit("the program file's title is not written as `title:` with `ja:` and `en:` lines below")
    return "".join(lines)


def copy_catalogue(work: Path) -> Path:
    """The sample catalogue in a fresh git repository of its own (as repo/catalogue/), one commit."""
    root = work / "repo" / "catalogue"
    shutil.copytree(REPO / "catalogue", root)
    git = ["git", "-C", str(root.parent), "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "Sample catalogue (#1)"], check=True)
    return root


def wait_for(urls: list[str], marker: str, *, since: float, timeout: float) -> float:
    """Seconds from `since` until every URL's page contains marker (polling every 0.1 s)."""
    start = since
    pending = list(urls)
    while pending:
        if time.perf_counter() - start > timeout:
            raise SystemExit(f"not visible after {timeout} s: {', '.join(pending)}")
        pending = [url for url in pending if marker not in (fetch(url) or "")]
        if pending:
            time.sleep(0.1)
    return time.perf_counter() - start


def stop(server: subprocess.Popen) -> None:
    """Stop the server and what it started (a language build, Pagefind): its own process group."""
    for sig in (signal.SIGINT, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, sig)
        try:
            server.wait(timeout=30)
            return
        except subprocess.TimeoutExpired:
            continue


def wait_for_index(log, count: int, timeout: float = EDIT_TIMEOUT) -> None:
    """Until the server's log holds `count` search index summaries (the background index is done)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        log.seek(0)
        if log.read().count(b"Search index:") >= count:
            return
        time.sleep(0.1)
    raise SystemExit(f"the search index was not written within {timeout} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--program", default="", help="provider/slug (default: the first program file)")
    parser.add_argument("--in-place", action="store_true", help="edit catalogue/ itself (restored afterwards)")
    parser.add_argument("--show-log", action="store_true", help="print what the server logged")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="mccat-serve-"))
    catalogue = REPO / "catalogue" if args.in_place else copy_catalogue(work)
    files = sorted((catalogue / "programs").glob("*/*.yaml"))
    program = (
        next((f for f in files if f"{f.parent.name}/{f.stem}" == args.program), None) if args.program else files[0]
    )
    if program is None:
        raise SystemExit(f"no program file {args.program}.yaml in {catalogue}/programs")
    program_id = f"{program.parent.name}/{program.stem}"
    original = program.read_bytes()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    urls = [f"{base}/{lang}/programs/{program_id}/" for lang in ("ja", "en")]
    env = {**os.environ, "MCCAT_CATALOGUE": str(catalogue), "NO_MKDOCS_2_WARNING": "1"}
    log = open(work / "serve.log", "w+b")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    latencies = []
    try:
        start = time.perf_counter()
        while any(fetch(url) is None for url in urls):
            if server.poll() is not None or time.perf_counter() - start > STARTUP_TIMEOUT:
                log.seek(0)
                raise SystemExit(f"mkdocs serve did not come up:\n{log.read().decode(errors='replace')[-3000:]}")
            time.sleep(0.2)
        print(f"mkdocs serve on {base}: first build {time.perf_counter() - start:.1f} s; editing {program_id}")
        for edit in range(1, args.edits + 1):
            wait_for_index(log, edit)  # the previous build's search index (written in the background)
            time.sleep(1)  # and let the file watcher take a look at the tree as it is
            marker = f"BENCHEDIT{edit}x{os.getpid()}"
            text = retitled(original.decode("utf-8"), marker)
            saved = time.perf_counter()
            program.write_text(text, encoding="utf-8")
            seconds = wait_for(urls, marker, since=saved, timeout=EDIT_TIMEOUT)
            latencies.append(seconds)
            print(f"edit {edit}: title visible in ja and en after {seconds:.2f} s", flush=True)
        if args.show_log:
            log.seek(0)
            print(log.read().decode("utf-8", errors="replace"))
    finally:
        program.write_bytes(original)
        stop(server)
        log.close()
        shutil.rmtree(work, ignore_errors=True)
    middle = statistics.median(latencies)
    verdict = "PASS" if middle <= TARGET_SECONDS else "FAIL"
    print(
        f"\n{verdict}  edit visible after {middle:.2f} s median "
        f"({min(latencies):.2f}-{max(latencies):.2f} over {len(latencies)} edits; target <= {TARGET_SECONDS} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
