#!/usr/bin/env bash
# Build the public site from catalogue/ into site/ (both languages, search
# index, machine-readable files). Extra arguments go to `mkdocs build`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -f mkdocs.yml ]; then
    exec .venv/bin/mkdocs build --strict "$@"
else
    exec .venv/bin/mccat validate   # until the site exists, check the catalogue
fi
