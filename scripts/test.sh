#!/usr/bin/env bash
# Run every check and every test: installs the test tools and Debian's chromium if missing.
# Extra arguments go to pytest (for example: -k diff, -x, -n 0, -m "not build and not browser").
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
export NO_MKDOCS_2_WARNING=1  # Material's end-of-life notice, once per build otherwise
echo "checks: ruff, ruff format, mypy, import-linter (about 30 seconds)" >&2
.venv/bin/ruff check --quiet .
.venv/bin/ruff format --check --quiet .
.venv/bin/mypy
if ! layers="$(.venv/bin/lint-imports --no-cache 2>&1)"; then echo "$layers"; exit 1; fi
# One worker per core (pytest-xdist) unless the arguments choose (-n 0: one process).
parallel=(-n auto)
for argument in "$@"; do
    case "$argument" in -n | -n* | --numprocesses*) parallel=() ;; esac
done
echo "tests: pytest on every core (every test: about 10-15 minutes on 2 cores; the fast loop" \
    "-m \"not build and not browser\" about 4 minutes)" >&2
exec .venv/bin/python -m pytest "${parallel[@]}" "$@"
