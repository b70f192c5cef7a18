#!/usr/bin/env bash
# Run every check and every test: installs the test tools and Debian's chromium if missing.
# Extra arguments go to pytest (for example: -k diff, -x, -n 2, -m "not build and not browser").
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
echo "checks: ruff, ruff format, mypy, import-linter" >&2
.venv/bin/ruff check --quiet .
.venv/bin/ruff format --check --quiet .
.venv/bin/mypy
if ! layers="$(.venv/bin/lint-imports --no-cache 2>&1)"; then echo "$layers"; exit 1; fi
exec .venv/bin/python -m pytest "$@"
