"""Benchmark: `mccat validate` against check-jsonschema on the same synthetic files.

    .venv/bin/python bench/validate.py                 # 10,000 files, PASS/FAIL against 5 s
    .venv/bin/python bench/validate.py --files 1000 10000 --peer-limit 100
    .venv/bin/python bench/validate.py --sizes 10000   # N programs instead of N files

`--files N` (the default: 10,000) counts files, as the target does: `mccat synth` writes about 2.13
files per program (the program, its decisions, its provider), so N files is about N / 2.13 programs,
one provider per 100 (`--programs 4700 --providers 47` writes 10,011 files); the table shows the
files written. For each size it writes a synthetic catalogue (`mccat synth`), then times, as
separate processes run one after the other in the same minute:
  ours:  `mccat validate` over the whole catalogue (YAML, schema, every rule);
  peer:  `check-jsonschema --schemafile schemas/program.schema.json` over the
         same program files (schema only, no catalogue rules).
It prints wall time (the median of --repeat runs and their range), CPU time, peak memory (largest
process), and the ratio peer/ours; for 10,000 files or more, PASS or FAIL against the 5 s target.
With --peer-limit the peer runs on the first K files only and its time is
scaled to N (marked "scaled"); without it the peer sees every file.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


FILES_PER_PROGRAM = 2.13  # what mccat synth writes per program, decisions and providers included
TARGET_FILES, TARGET_SECONDS = 10_000, 5.0


def synthesize(root: Path, programs: int) -> int:
    """A synthetic catalogue of `programs` programs (one provider per 100); the number of files written."""
    subprocess.run(
        [
            BIN / "mccat",
            "synth",
            "--programs",
            str(programs),
            "--providers",
            str(max(1, programs // 100)),
            "--out",
            str(root),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return sum(1 for _ in root.rglob("*.yaml"))


def timed(cmd: list[str], cwd: Path) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds (the process and its workers), peak RSS in MB, exit status."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return (
        time.perf_counter() - start,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss // 1024,
        os.waitstatus_to_exitcode(status),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, nargs="+", help="catalogue sizes in files (default: 10,000)")
    parser.add_argument("--sizes", type=int, nargs="+", help="catalogue sizes in programs instead")
    parser.add_argument("--peer-limit", type=int, default=0, help="run the peer on at most K files, scaled")
    parser.add_argument("--no-peer", action="store_true", help="time ours only")
    parser.add_argument("--repeat", type=int, default=5, help="runs of ours per size (median and range)")
    args = parser.parse_args()
    programs = args.sizes or [round(n / FILES_PER_PROGRAM) for n in (args.files or [TARGET_FILES])]
    print(
        f"{'programs':>8} {'files':>7} {'ours s (range)':>20} {'CPU s':>6} {'MB':>5} {'peer s':>9} {'MB':>5} "
        f"{'peer/ours':>9}  target"
    )
    failed = False
    for n in programs:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "catalogue"
            files = synthesize(root, n)
            runs = [timed([str(BIN / "mccat"), "--catalogue", str(root), "validate"], REPO) for _ in range(args.repeat)]
            assert all(run[3] == 0 for run in runs), "synthetic catalogue must be valid"
            walls = sorted(run[0] for run in runs)
            ours = statistics.median(walls)
            cpu = statistics.median(run[1] for run in runs)
            ours_mb = max(run[2] for run in runs)
            peer_text = f"{'-':>9} {'-':>5} {'-':>9}"
            if not args.no_peer:
                paths = sorted(str(p) for p in root.glob("programs/*/*.yaml"))
                sample = paths[: args.peer_limit] if args.peer_limit else paths
                peer, _, peer_mb, status = timed(
                    [str(BIN / "check-jsonschema"), "--schemafile", str(REPO / "schemas/program.schema.json"), *sample],
                    REPO,
                )
                assert status == 0, "check-jsonschema must accept the synthetic programs"
                scaled = len(sample) < len(paths)
                peer *= len(paths) / len(sample)
                peer_text = f"{peer:>8.2f}{'*' if scaled else ' '} {peer_mb:>5} {peer / ours:>8.1f}x"
            verdict = ""
            if files >= TARGET_FILES:
                met = walls[-1] < TARGET_SECONDS
                failed |= not met
                verdict = (
                    f"{'PASS' if met else 'FAIL'}: every run under {TARGET_SECONDS:g} s"
                    if met
                    else (
                        f"FAIL: {sum(w >= TARGET_SECONDS for w in walls)} of {len(walls)} runs at {TARGET_SECONDS:g} s or more"
                    )
                )
            ranged = f"{ours:.2f} ({walls[0]:.2f}-{walls[-1]:.2f})"
            print(f"{n:>8} {files:>7} {ranged:>20} {cpu:>6.2f} {ours_mb:>5} {peer_text}  {verdict}", flush=True)
    if args.peer_limit and not args.no_peer:
        print("* peer time measured on the first", args.peer_limit, "files and scaled to N")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
