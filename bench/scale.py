"""The national-scale series: our full bilingual build of 1,000, 5,000 and 20,000 synthetic programs.

    nice .venv/bin/python bench/scale.py                      # N = 1,000, 5,000, 20,000 (about 5 minutes)
    nice .venv/bin/python bench/scale.py --sizes 1000 5000    # without the big one
    nice .venv/bin/python bench/scale.py --signed              # signing certificates, as the publish workflow
    .venv/bin/python bench/scale.py --sizes 1000 --keep /tmp/scale   # keep catalogue and site
    git worktree add /tmp/base main && nice .venv/bin/python bench/scale.py --repo /tmp/base   # the baseline

Method. For each N, `mccat synth --programs N --providers N/50 --seed 19` (the issue's 20,000 / 400)
writes a valid catalogue; then ONE build, `mkdocs build -q` at the repository root with
MCCAT_CATALOGUE and a fixed MCCAT_BUILD_DATE, into a new folder, exit status and search index
checked (as bench/build.py). Measured:

  - wall seconds and CPU seconds (user + system of the whole tree);
  - peak memory: the largest single process (`ru_maxrss` from os.wait4, bench/measure.py), and the peak
    of the SUM over the process tree (the ja build, the en build it starts, the copy writing /api/v1,
    Pagefind, validation workers), sampled from /proc every 0.3 s, twice: as RSS, which counts a page
    shared by a fork and its parent twice, and as PSS, which splits it (what a CI runner must hold);
  - files and bytes written, bytes per program, program page sizes.

Growth is linear when seconds, peak memory and bytes per program stay flat per program from 5,000
to 20,000. Targets (issue 19, a 2-core machine): 20,000 programs in at most 150 s with a peak
resident memory of at most 2.0 GB. The machine is shared: run it alone, with `nice`, and compare
CPU seconds when wall time looks off. Outputs are deleted when the benchmark ends.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from measure import indexed_pages, program_page_sizes, settle_file_system, tree_bytes

BUILD_DATE = "2026-10-01"
SEED = 19
SECONDS_TARGET = 150.0  # at 20,000 programs
MEMORY_TARGET_MB = 2000  # at 20,000 programs
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class ScaleResult:
    programs: int
    site: Path
    seconds: float
    cpu: float
    peak_process_mb: int  # the largest single process
    peak_tree_mb: int  # the largest sum of RSS over the process tree, sampled (counts shared pages twice)
    peak_tree_pss_mb: int  # the largest sum of PSS over the process tree: what it holds at once
    files: int
    bytes: int
    mean_page: float
    max_page: int


def descendants_memory(root: int, *, pss: bool = True) -> tuple[int, int]:
    """Resident bytes of a process and all its descendants, now (from /proc): the sum of their RSS, which
    counts twice a page two processes share (a forked copy shares its parent's until either writes it),
    and the sum of their PSS, which splits each shared page between its sharers: what the tree holds."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as stat:
                    fields = stat.read().rsplit(b")", 1)[1].split()
                parents[int(entry.name)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier += children
    rss = proportional = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/statm", "rb") as statm:
                rss += int(statm.read().split()[1]) * PAGE_SIZE
            if pss:
                with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
                    proportional += next(int(line.split()[1]) * 1024 for line in rollup if line.startswith(b"Pss:"))
        except (OSError, IndexError, ValueError, StopIteration):
            continue
    return rss, proportional


def run_sampled(
    command: list[str], *, cwd: Path, env: dict[str, str]
) -> tuple[float, float, int, tuple[int, int], int, str]:
    """Wall s, CPU s, peak of the largest process MB, peaks of the tree's sums of RSS and PSS MB, exit status,
    output. The sampler's own CPU time (reading smaps_rollup walks every process's page tables) is printed."""
    log = tempfile.TemporaryFile()
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
    )
    peak = [0, 0]
    done = threading.Event()

    def sample() -> None:
        # PSS every 3 s only: smaps_rollup walks each process's page tables (read every 0.3 s at 20,000
        # programs, the sampler took 36 CPU s, and the build's wall time with it); RSS every 0.3 s
        count = 0
        while not done.wait(0.3):
            count += 1
            rss, pss = descendants_memory(process.pid, pss=count % 10 == 0)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
        print(f"  (memory sampler: {time.thread_time():.1f} CPU s)", file=sys.stderr)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    log.seek(0)
    output = log.read().decode("utf-8", errors="replace")
    log.close()
    cpu = usage.ru_utime + usage.ru_stime
    tree_mb = (peak[0] // (1024 * 1024), peak[1] // (1024 * 1024))
    return seconds, cpu, usage.ru_maxrss // 1024, tree_mb, process.returncode, output


def synthesize(n: int, out: Path, seed: int = SEED) -> None:
    command = [str(Path(sys.executable).parent / "mccat"), "synth", "--programs", str(n)]
    command += ["--providers", str(max(1, n // 50)), "--seed", str(seed), "--out", str(out)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def build_once(
    n: int, work: Path, *, env_extra: dict[str, str] | None = None, name: str = "", repo: Path = REPO
) -> ScaleResult:
    catalogue = work / f"catalogue-{n}"
    if not catalogue.exists():
        synthesize(n, catalogue)
    site = work / (name or f"site-{n}-{time.strftime('%H%M%S')}")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MCCAT_")}
    env |= {"MCCAT_CATALOGUE": str(catalogue), "MCCAT_BUILD_DATE": BUILD_DATE, "NO_MKDOCS_2_WARNING": "1"}
    env |= env_extra or {}
    if repo != REPO:  # another checkout (the baseline): its own code and schemas, this environment's packages
        env["PYTHONPATH"] = str(repo / "src")
        schemas = repo / "src" / "mccat" / "schemas"  # what the editable install maps to this checkout's schemas/
        if not schemas.exists():
            schemas.symlink_to(repo / "schemas", target_is_directory=True)
    seconds, cpu, peak_process, peak_tree, status, output = run_sampled(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=repo, env=env
    )
    if status != 0:
        raise SystemExit(f"the build of {n} programs failed (exit {status}):\n{output[-3000:]}")
    for lang in ("ja", "en"):
        if indexed_pages(site, lang) < n:
            raise SystemExit(f"the {lang} search index has fewer pages than programs")
    pages = program_page_sizes(site)
    files = sum(len(names) for _, _, names in os.walk(site))
    return ScaleResult(
        n, site, seconds, cpu, peak_process, *peak_tree, files, tree_bytes(site), statistics.mean(pages), max(pages)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--keep", type=Path, help="work here and keep catalogues and sites (default: a temp dir)")
    parser.add_argument(
        "--repo",
        type=Path,
        default=REPO,
        help="build this checkout instead (e.g. `git worktree add /tmp/base main`: the baseline, same catalogues)",
    )
    parser.add_argument(
        "--signed",
        action="store_true",
        help="sign every approval certificate, as the publish workflow does (MCCAT_SIGNING_KEY=preview: a throwaway "
        "key, the same work; without it the build signs nothing)",
    )
    parser.add_argument(
        "--no-settle",
        dest="settle",
        action="store_false",
        help="skip the 65 s wait that lets the file system forget files deleted before the run (measure.py)",
    )
    args = parser.parse_args()
    if args.settle:
        settle_file_system()
    work = args.keep or Path(tempfile.mkdtemp(prefix="mccat-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    results: list[ScaleResult] = []
    try:
        print(
            f"{'N':>6} | {'s':>6} {'CPU s':>6} {'s/1k':>5} | {'peak proc MB':>12} {'tree RSS MB':>11} {'tree PSS MB':>11} | "
            f"{'files':>8} {'MB':>8} {'KB/prog':>8} | {'page KB':>7} {'max KB':>6}"
        )
        for n in args.sizes:
            signing = {"MCCAT_SIGNING_KEY": "preview"} if args.signed else None
            r = build_once(n, work, env_extra=signing, repo=args.repo.resolve())
            results.append(r)
            print(
                f"{n:>6} | {r.seconds:>6.1f} {r.cpu:>6.1f} {r.seconds / n * 1000:>5.2f} | {r.peak_process_mb:>12} "
                f"{r.peak_tree_mb:>11} {r.peak_tree_pss_mb:>11} | {r.files:>8,} {r.bytes / 1e6:>8.1f} {r.bytes / n / 1024:>8.1f} | "
                f"{r.mean_page / 1024:>7.1f} {r.max_page / 1024:>6.1f}",
                flush=True,
            )
            if args.keep is None:
                shutil.rmtree(r.site, ignore_errors=True)
        print()
        big = next((r for r in results if r.programs == 20000), None)
        if big is not None:
            verdict(
                f"20,000 programs: {big.seconds:.1f} s (target <= {SECONDS_TARGET:.0f} s)",
                big.seconds <= SECONDS_TARGET,
            )
            verdict(
                f"20,000 programs: peak memory {big.peak_tree_pss_mb} MB for the whole tree (PSS; RSS sum "
                f"{big.peak_tree_mb} MB), {big.peak_process_mb} MB the largest process (target <= {MEMORY_TARGET_MB} MB)",
                big.peak_tree_pss_mb <= MEMORY_TARGET_MB,
            )
        if len(results) > 1:
            first, last = results[0], results[-1]
            ratio = (last.bytes / last.programs) / (first.bytes / first.programs)
            time_ratio = (last.seconds / last.programs) / (first.seconds / first.programs)
            print(
                f"growth {first.programs:,} -> {last.programs:,}: bytes per program x{ratio:.2f}, "
                f"seconds per program x{time_ratio:.2f}, peak tree memory x{last.peak_tree_pss_mb / first.peak_tree_pss_mb:.2f} "
                f"for x{last.programs / first.programs:.0f} programs"
            )
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def verdict(text: str, ok: bool) -> None:
    print(f"{'PASS' if ok else 'FAIL'}  {text}")


if __name__ == "__main__":
    sys.exit(main())
