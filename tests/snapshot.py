"""The sample site's snapshot: a digest of every file the build writes, so "the same output" is checked.

    .venv/bin/python -m tests.snapshot            # build and compare with the committed manifest
    .venv/bin/python -m tests.snapshot --update   # a change meant to alter the output: rewrite the manifest

The build is the real one (`mkdocs build --strict`, both languages) of the sample catalogue, copied out
of git so that no commit metadata enters the pages, with a fixed build date. Every file is listed with
its SHA-256, the Pagefind bundles included (mccat.build.stable_bundle makes them the same from build
to build). test_snapshot runs the comparison; a mismatch names each file that changed, appeared or
disappeared.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "tests" / "snapshot" / "sample-site.sha256"
BUILD_DATE = date(2026, 12, 1)
EXCLUDED: tuple[str, ...] = ()  # every file, the search bundles included


def digests(site: Path) -> dict[str, str]:
    """Every file of a built site but the excluded ones: path relative to the site -> SHA-256."""
    result = {}
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if path.is_file() and not (EXCLUDED and relative.startswith(EXCLUDED)):
            result[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return result


def manifest_text(files: dict[str, str]) -> str:
    return "".join(f"{digest}  {path}\n" for path, digest in sorted(files.items()))


def read_manifest(text: str) -> dict[str, str]:
    return {path: digest for digest, path in (line.split("  ", 1) for line in text.splitlines() if line)}


def build_sample_site(workdir: Path, extra_env: dict[str, str] | None = None) -> Path:
    """Build the sample catalogue (a copy outside git) into workdir/site; raise with the output if it fails.

    Shared frame parts are checked as they are rendered (MCCAT_CHECK_FRAGMENTS, mccat.build.fragments): a
    part that depends on the page fails the build."""
    catalogue = workdir / "catalogue"
    shutil.copytree(ROOT / "catalogue", catalogue)
    site = workdir / "site"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MCCAT_")}
    env |= {
        "NO_MKDOCS_2_WARNING": "1",
        "MCCAT_CATALOGUE": str(catalogue),
        "MCCAT_BUILD_DATE": BUILD_DATE.isoformat(),
        "MCCAT_CHECK_FRAGMENTS": "1",
    }
    env |= extra_env or {}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"the sample site did not build:\n{result.stdout}{result.stderr}")
    return site


def differences(expected: dict[str, str], actual: dict[str, str]) -> list[str]:
    """Files that changed, appeared or disappeared, one line each."""
    lines = [f"changed: {p}" for p in sorted(expected.keys() & actual.keys()) if expected[p] != actual[p]]
    lines += [f"new:     {p}" for p in sorted(actual.keys() - expected.keys())]
    lines += [f"gone:    {p}" for p in sorted(expected.keys() - actual.keys())]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="rewrite the manifest from this build")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mccat-snapshot-") as work:
        actual = digests(build_sample_site(Path(work)))
    if args.update:
        MANIFEST.parent.mkdir(parents=True, exist_ok=True)
        MANIFEST.write_text(manifest_text(actual), encoding="utf-8")
        print(f"wrote {MANIFEST.relative_to(ROOT)}: {len(actual)} files")
        return 0
    changes = differences(read_manifest(MANIFEST.read_text(encoding="utf-8")), actual)
    print("\n".join(changes) if changes else f"same output: {len(actual)} files")
    return 1 if changes else 0


if __name__ == "__main__":
    sys.exit(main())
