"""Benchmark: `mccat validate` against check-jsonschema on the same synthetic files.

    .venv/bin/python bench/validate.py                 # N = 100, 1,000, 10,000
    .venv/bin/python bench/validate.py --sizes 10000 --peer-limit 2000

For each N it writes a synthetic catalogue (`mccat synth`), then times, as
separate processes run one after the other in the same minute:
  ours:  `mccat validate` over the whole catalogue (YAML, schema, every rule);
  peer:  `check-jsonschema --schemafile schemas/program.schema.json` over the
         same program files (schema only, no catalogue rules).
It prints wall time, peak memory (largest process), and the ratio peer/ours.
With --peer-limit the peer runs on the first K files only and its time is
scaled to N (marked "scaled"); without it the peer sees every file.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run(cmd: list[str], cwd: Path) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in MB of the process tree, exit status."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    # Linux reports the largest of the process and the descendants it waited for.
    return wall, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--peer-limit", type=int, default=0, help="run the peer on at most K files, scaled")
    parser.add_argument("--repeat", type=int, default=3, help="runs of ours per size; the best is reported")
    args = parser.parse_args()
    print(f"{'N':>7} {'ours s':>8} {'ours MB':>8} {'peer s':>9} {'peer MB':>8} {'peer/ours':>9}")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "catalogue"
            subprocess.run(
                [
                    BIN / "mccat",
                    "synth",
                    "--programs",
                    str(n),
                    "--providers",
                    str(max(1, n // 100)),
                    "--out",
                    str(root),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            runs = [run([str(BIN / "mccat"), "--catalogue", str(root), "validate"], REPO) for _ in range(args.repeat)]
            ours, ours_mb, status = min(runs)
            assert status == 0, "synthetic catalogue must be valid"
            files = sorted(str(p) for p in root.glob("programs/*/*.yaml"))
            sample = files[: args.peer_limit] if args.peer_limit else files
            peer, peer_mb, status = run(
                [str(BIN / "check-jsonschema"), "--schemafile", str(REPO / "schemas/program.schema.json"), *sample],
                REPO,
            )
            assert status == 0, "check-jsonschema must accept the synthetic programs"
            scaled = len(sample) < len(files)
            peer *= len(files) / len(sample)
            print(
                f"{n:>7} {ours:>8.2f} {ours_mb:>8} {peer:>9.2f}{'*' if scaled else ' '} {peer_mb:>7} "
                f"{peer / ours:>8.1f}x",
                flush=True,
            )
    if args.peer_limit:
        print("* peer time measured on the first", args.peer_limit, "files and scaled to N")
    return 0


if __name__ == "__main__":
    sys.exit(main())
