#!/usr/bin/env bash
# Publish a built site to S3-compatible object storage, uploading only the files
# whose SHA-256 changed since the last upload (docs/deployment.md).
#
#   BUCKET=name [PREFIX=path/] [AWS_ENDPOINT_URL=https://...] bash scripts/publish-s3.sh site
#
# The bucket keeps the manifest of what it holds (site-manifest.sha256, the
# sha256sum format of `mccat site-manifest`). Order: changed and new files
# first, then the files the site no longer has, so a visitor never meets a page
# whose files are missing, then the new manifest, once every deletion is done:
# a run that fails before it leaves the old manifest, and the next run deletes
# again what this one could not. A first upload (no manifest in the bucket)
# uploads everything. Needs the AWS CLI v2 (on GitHub's
# runners) and credentials in its usual variables.
set -euo pipefail
cd "$(dirname "$0")/.."
site="${1:?give the built site folder, e.g. site}"
: "${BUCKET:?set BUCKET to the bucket name}"
prefix="${PREFIX:-}"
if [ -n "$prefix" ] && [ "${prefix%/}" = "$prefix" ]; then prefix="$prefix/"; fi
target="s3://$BUCKET/$prefix"
manifest="site-manifest.sha256"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! aws s3 cp "$target$manifest" "$work/previous" --only-show-errors 2>"$work/error"; then
    if grep -qE "\(404\)|NoSuchKey" "$work/error"; then  # the key is missing, not some other error
        : > "$work/previous"  # the first upload
    else
        cat "$work/error" >&2
        exit 1
    fi
fi
.venv/bin/mccat site-manifest "$site" --out "$work/current"
.venv/bin/mccat site-changes "$site" --previous "$work/previous" --upload "$work/upload" --delete "$work/delete"

# Changed and new files, copied into a tree of their own and uploaded in one parallel transfer.
# JSON-LD gets its media type (the CLI would guess application/octet-stream).
mkdir "$work/changed"
(cd "$site" && tr '\n' '\0' < "$work/upload" | xargs -0 -r cp --parents -t "$work/changed" --)
aws s3 cp "$work/changed" "$target" --recursive --only-show-errors --exclude "*.jsonld" \
    --cache-control "public, max-age=300"
aws s3 cp "$work/changed" "$target" --recursive --only-show-errors --exclude "*" --include "*.jsonld" \
    --content-type "application/ld+json" --cache-control "public, max-age=300"

# What the site no longer has, 1,000 keys per request. S3 answers 200 even when keys fail (AccessDenied):
# its Errors list is read, and any error stops the run before the new manifest is written.
if [ -s "$work/delete" ]; then
    split -l 1000 "$work/delete" "$work/delete-batch-"
    for batch in "$work"/delete-batch-*; do
        .venv/bin/python - "$batch" "$prefix" > "$batch.json" <<'PY'
import json, sys
keys = [sys.argv[2] + line for line in open(sys.argv[1], encoding="utf-8").read().splitlines() if line]
print(json.dumps({"Objects": [{"Key": key} for key in keys], "Quiet": True}))
PY
        aws s3api delete-objects --bucket "$BUCKET" --delete "file://$batch.json" --output json > "$batch.out"
        .venv/bin/python - "$batch.out" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read().strip()
errors = json.loads(text).get("Errors", []) if text else []
for error in errors:
    print(f"not deleted: {error.get('Key')!r}: {error.get('Code')} {error.get('Message', '')}", file=sys.stderr)
sys.exit(1 if errors else 0)
PY
    done
fi
aws s3 cp "$work/current" "$target$manifest" --only-show-errors --content-type "text/plain; charset=utf-8"
echo "published: $(wc -l < "$work/upload") files uploaded, $(wc -l < "$work/delete") deleted"
