#!/usr/bin/env bash
# Build the public site from catalogue/ into site/ (both languages, search
# index, machine-readable files). Extra arguments go to `mkdocs build`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Material prints its end-of-life notice (May 2027) on every build; it says nothing about this site.
export NO_MKDOCS_2_WARNING=1
if [ -f mkdocs.yml ]; then
    echo "build: building the site in Japanese and English into site/, with its search index and" \
        "machine-readable files (about 20-40 seconds for the sample catalogue)" >&2
    exec .venv/bin/mkdocs build --strict "$@"
else
    exec .venv/bin/mccat validate   # until the site exists, check the catalogue
fi
