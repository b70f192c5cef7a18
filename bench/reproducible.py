"""Reproducible at scale: two builds of one synthetic catalogue, in different folders, at different
times, with different time zones and hash seeds, compared file by file (the search bundles included).

    nice .venv/bin/python bench/reproducible.py                 # 1,000 programs (two builds, ~1 minute)
    nice .venv/bin/python bench/reproducible.py --programs 5000

tests/test_reproducible.py does the same on the sample catalogue in every full test run; this is the
check at a size where Pagefind's index has many chunks and filter values. Prints PASS with the file
count, or FAIL with every file that differs.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "src"))

from scale import build_once

from mccat.publish.site_files import compare, site_digests


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--programs", type=int, default=1000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mccat-repro-"))
    try:
        one = build_once(args.programs, work, env_extra={"TZ": "UTC", "PYTHONHASHSEED": "1"}, name="one/site")
        time.sleep(2)
        two = build_once(
            args.programs, work, env_extra={"TZ": "Asia/Tokyo", "PYTHONHASHSEED": "2"}, name="elsewhere/two/out"
        )
        changes = compare(site_digests(one.site), site_digests(two.site))
        bundle = sum(1 for path in site_digests(one.site) if path.startswith("pagefind/"))
        if changes.same:
            print(
                f"PASS  two builds of {args.programs:,} programs: {one.files:,} files, all identical ({bundle} search files)"
            )
            return 0
        print("\n".join(changes.lines()))
        print(f"FAIL  two builds of {args.programs:,} programs differ in {len(changes.lines())} files")
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
