"""How the build benchmarks measure a command: wall time, peak memory, output size.

Peak memory is `ru_maxrss` from `os.wait4` on the process we started. On
Linux a process's maxrss, once it has exited, is the larger of its own peak
and the peaks of the children it waited for, so this is the LARGEST single
process of the tree (for our build: the ja build, the en build it starts,
Pagefind), not their sum. For a sequence of commands we report the largest.

CPU seconds (user + system, the process and every descendant it waited for)
are reported beside wall time: other work on the machine changes wall time
a lot and CPU time much less, so they say where a difference comes from.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: int
    status: int
    cpu: float
    output: str = ""  # what the command printed (stdout and stderr), for failures


def run_measured(command: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run a command to the end; its wall time, the peak RSS of its process tree, its exit status, its CPU time."""
    log = cwd / f".bench-{os.getpid()}-{time.monotonic_ns()}.log"
    with open(log, "w+b") as out:  # a file, not a pipe: nobody reads a pipe while we wait4
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait for it again
        out.seek(0)
        output = out.read().decode("utf-8", errors="replace")
    log.unlink()
    return Run(seconds, usage.ru_maxrss // 1024, process.returncode, usage.ru_utime + usage.ru_stime, output)


def fresh_output(path: Path) -> None:
    """Refuse an output folder that exists: every timed build writes into a new folder, and the benchmark
    deletes outputs only when it ends.

    Why: this machine's file system (ext4 without a journal) skips, when it creates a file, every inode
    freed in the last minute, or six while the freed inode's table block is not yet written back (the
    kernel's `recently_deleted`: RECENTCY_MIN 60 s, RECENTCY_DIRTY 300 s, fs/ext4/ialloc.c), so a build
    started right after the previous output was deleted pays about (files it creates) x (files just
    deleted). Measured on our 1,000-program build: 8-13 s of system time instead of 2, and 14-17 s wall
    instead of 8-10. That cost is the benchmark's own clean-up, not either build's, and it grows with file
    count, so it would not hit both sides alike; a CI build starts in a fresh clone. `build.py
    --delete-before` measures it anyway. What other work deleted in the minutes before counts too:
    `settle_file_system`."""
    if path.exists():
        raise FileExistsError(f"{path} exists: each timed build writes into a folder of its own")


SETTLE_SECONDS = 65  # RECENTCY_MIN, once the deleted inodes' table blocks are written back, and a margin


def settle_file_system(seconds: float = SETTLE_SECONDS) -> None:
    """Before the first timed build: write back what is dirty and wait out the kernel's window of recently
    deleted inodes (fresh_output), so that what the machine deleted before the benchmark (an earlier run's
    sites, a test suite's temporary folders) does not slow the first builds' file creation. Measured on the
    same 1,000-program build: 15.6-16.4 s wall (14-16 s system) right after other deletions, 11.8 s (6.5 s
    system) settled, 7.9 s (1.6 s system) on tmpfs (bench/README.md, sixth pass)."""
    os.sync()
    print(f"(letting the file system settle for {seconds:.0f} s: measure.settle_file_system)", flush=True)
    time.sleep(seconds)


def tree_bytes(root: Path) -> int:
    """Bytes of every file under root."""
    return sum(entry.stat().st_size for entry in root.rglob("*") if entry.is_file())


def program_page_sizes(site: Path) -> list[int]:
    """Bytes of each program page's HTML, every language: <site>/<lang>/programs/<provider>/<slug>/index.html."""
    return [page.stat().st_size for page in site.glob("*/programs/*/*/index.html")]


def spread(values: list[float], digits: int = 1) -> str:
    """The median and, over several runs, the range: "41.2 (39.8-44.0)"."""
    middle = statistics.median(values)
    if len(values) == 1:
        return f"{middle:.{digits}f}"
    return f"{middle:.{digits}f} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def indexed_pages(site: Path, lang: str) -> int:
    """Pages in a language's search index, over all its bundles (/pagefind/ja/, /pagefind/ja-2/...); 0 if none."""
    bundles = [site / "pagefind" / lang, *(site / "pagefind").glob(f"{lang}-*")]
    entries = [bundle / "pagefind-entry.json" for bundle in bundles]
    return sum(
        json.loads(entry.read_text(encoding="utf-8"))["languages"].get(lang, {}).get("page_count", 0)
        for entry in entries
        if entry.is_file()
    )
