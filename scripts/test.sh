#!/usr/bin/env bash
# Run every check and every test: installs the test tools and Debian's chromium if missing.
# Extra arguments go to pytest (for example: -k diff, -x, -n 2, -m "not build and not browser").
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
export NO_MKDOCS_2_WARNING=1  # Material's end-of-life notice, once per build otherwise
echo "checks: ruff, ruff format, mypy, import-linter (about 30 seconds)" >&2
.venv/bin/ruff check --quiet .
.venv/bin/ruff format --check --quiet .
.venv/bin/mypy
if ! layers="$(.venv/bin/lint-imports --no-cache 2>&1)"; then echo "$layers"; exit 1; fi
echo "tests: pytest (every test: about 15-25 minutes on 2 cores with -n 2; the fast loop" \
    "-m \"not build and not browser\" about 4 minutes)" >&2
exec .venv/bin/python -m pytest "$@"
