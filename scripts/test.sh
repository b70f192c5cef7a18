#!/usr/bin/env bash
# Run every test: installs the test tools and Debian's chromium if missing.
# Extra arguments go to pytest (for example: -k diff, -x, -n 2).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
exec .venv/bin/python -m pytest "$@"
