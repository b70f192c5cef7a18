"""Subcommands about a built site: its size against the host's limit, its manifest, what changed, and
whether a published copy is what its commit builds.

    mccat site-size site/ --limit 1GB          # exit 1, in both languages, when the site is too large
    mccat site-manifest site/ --out FILE       # SHA-256 of every file (sha256sum format)
    mccat site-changes --previous OLD site/    # what to upload and what to delete, from two manifests
    mccat verify-site --commit SHA --published DIR   # rebuild SHA in a temporary clone and compare

Exit status: 0 fine (or the same), 1 too large (or different), 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from mccat.cli.usage import UsageError, add_lang, message_language
from mccat.publish.site_files import (
    STALE_AFTER_DAYS,
    ManifestError,
    compare,
    manifest_text,
    parse_size,
    read_manifest,
    site_digests,
    site_size,
)
from mccat.review.git_revisions import GitError, repo_root, resolve
from mccat.validation.hidden import one_line
from mccat.validation.messages import Shown, text

T = TypeVar("T")

SIZE_LIMIT_VARIABLE = "MCCAT_SITE_LIMIT"  # the publish workflow's budget, e.g. 1GB (repository variable)
BUILD_TIMEOUT = 3600  # seconds for the rebuild of verify-site


def add_site_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("site-size", help="fail (exit 1) when the built site is larger than the host accepts")
    p.add_argument("site", type=Path, help="the built site folder")
    p.add_argument(
        "--limit", help=f"largest site the host accepts (default ${SIZE_LIMIT_VARIABLE} or 1GB, GitHub Pages' limit)"
    )
    add_lang(p)
    p.set_defaults(run=run_site_size)

    p = sub.add_parser("site-manifest", help="SHA-256 of every file of a built site (sha256sum format)")
    p.add_argument("site", type=Path)
    p.add_argument("--out", type=Path, help="write here (default: standard output)")
    add_lang(p)
    p.set_defaults(run=run_site_manifest)

    p = sub.add_parser("site-changes", help="files to upload and to delete, from the last published manifest")
    p.add_argument("site", type=Path)
    p.add_argument("--previous", type=Path, required=True, help="the manifest of what is published (may be empty)")
    p.add_argument("--upload", type=Path, required=True, help="write the paths to upload here, one per line")
    p.add_argument("--delete", type=Path, required=True, help="write the paths to delete here, one per line")
    add_lang(p)
    p.set_defaults(run=run_site_changes)

    p = sub.add_parser("verify-site", help="rebuild a commit in a temporary clone and compare with a published copy")
    p.add_argument("--commit", required=True, help="the commit the site was built from (sha, tag, branch)")
    p.add_argument("--published", type=Path, required=True, help="a downloaded copy of the published site")
    p.add_argument("--repo", type=Path, default=Path.cwd(), help="the repository (default: the current one)")
    p.add_argument("--build-date", help="the build's date (default: as_of in the copy's api/v1/catalogue.json)")
    p.add_argument("--keep", type=Path, help="rebuild in this new folder and keep it (default: a temporary one)")
    p.add_argument(
        "--with-signing-key",
        action="store_true",
        help="pass MCCAT_SIGNING_KEY (and MCCAT_KEYS) to the rebuild, which runs the commit's own code: only for "
        "commits of the main branch, which the committee reviewed",
    )
    add_lang(p)
    p.set_defaults(run=run_verify_site)


def _require_site(folder: Path) -> None:
    if not folder.is_dir():
        raise UsageError(text("usage.site-folder", folder=Shown(str(folder))))


def _readable(read: Callable[[Path], T], folder: Path) -> T:
    """read(folder); a folder or file that cannot be read is a usage error that names it, not a traceback."""
    try:
        return read(folder)
    except OSError as error:
        raise UsageError(text("usage.unreadable-site", detail=one_line(str(error)))) from None


def run_site_size(args: argparse.Namespace) -> int:
    _require_site(args.site)
    variable = os.environ.get(SIZE_LIMIT_VARIABLE) if args.limit is None else None
    try:
        limit = parse_size(args.limit if args.limit is not None else variable or "1GB")
    except ValueError:
        if variable:  # the publish workflow's repository variable: say which setting to change
            raise UsageError(text("usage.size-variable", variable=SIZE_LIMIT_VARIABLE, value=Shown(variable))) from None
        raise UsageError(text("usage.size", value=Shown(args.limit))) from None
    size = _readable(site_size, args.site)
    summary = f"{size.bytes / 1e6:,.1f} MB in {size.files:,} files (limit {limit / 1e6:,.1f} MB)"
    if size.bytes <= limit:
        print(f"サイトの大きさ / Site size: {summary}: OK")
        return 0
    print(
        f"サイトが大きすぎます / The site is too large: {summary}.\n"
        f"公開先が受け付ける大きさ（{limit / 1e6:,.0f} MB）を超えたため、公開しません。"
        "大きな登録簿はオブジェクトストレージと CDN で公開できます（docs/deployment.md）。\n"
        f"It is larger than the host accepts ({limit / 1e6:,.0f} MB), so it is not deployed. A larger "
        "registry can be published to S3-compatible object storage behind a CDN (docs/deployment.md). "
        f"The limit is the repository variable {SIZE_LIMIT_VARIABLE}.\n"
        "いちばん大きいフォルダ / The largest folders:"
    )
    for folder, folder_bytes in size.largest:
        print(f"  {folder_bytes / 1e6:10,.1f} MB  {one_line(folder)}")
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print(f"::error title=Site too large / サイトが大きすぎます::{summary}")
    return 1


def run_site_manifest(args: argparse.Namespace) -> int:
    _require_site(args.site)
    try:
        manifest = manifest_text(_readable(site_digests, args.site))
    except ManifestError as error:
        raise UsageError(text("usage.unlisted-entry", detail=one_line(str(error)))) from None
    if args.out is None:
        sys.stdout.write(manifest)
    else:
        args.out.write_text(manifest, encoding="utf-8")
    return 0


def run_site_changes(args: argparse.Namespace) -> int:
    _require_site(args.site)
    try:
        previous = read_manifest(args.previous.read_text(encoding="utf-8"), name=str(args.previous))
    except FileNotFoundError:
        raise UsageError(text("usage.no-manifest", file=Shown(str(args.previous)))) from None
    except (ManifestError, UnicodeDecodeError) as error:
        raise UsageError(text("usage.bad-manifest", detail=one_line(str(error)))) from None
    changes = compare(previous, _readable(site_digests, args.site))
    args.upload.write_text("".join(f"{p}\n" for p in changes.upload), encoding="utf-8")
    args.delete.write_text("".join(f"{p}\n" for p in changes.gone), encoding="utf-8")
    counts = {"upload": len(changes.upload), "new": len(changes.new), "gone": len(changes.gone)}
    print(text("site.changes", **counts).render(message_language(args)))
    return 0


def published_build_date(published: Path) -> str:
    """The date the published copy was built for: as_of in its /api/v1/catalogue.json."""
    source = published / "api" / "v1" / "catalogue.json"
    try:
        as_of = json.loads(source.read_bytes())["as_of"]
        return date.fromisoformat(as_of).isoformat()
    except (OSError, ValueError, KeyError, TypeError):
        raise UsageError(text("usage.no-build-date", file=Shown(str(source)))) from None


def run_verify_site(args: argparse.Namespace) -> int:
    _require_site(args.published)
    build_date = args.build_date or published_build_date(args.published)
    try:
        build_date = date.fromisoformat(build_date).isoformat()
        repo = repo_root(args.repo)
        commit = resolve(repo, args.commit)
    except ValueError:
        raise UsageError(text("usage.build-date", value=Shown(build_date))) from None
    except GitError as error:
        raise UsageError(error.text) from None
    if args.keep is not None and args.keep.exists():
        raise UsageError(text("usage.keep-exists", folder=Shown(str(args.keep))))
    work = args.keep or Path(tempfile.mkdtemp(prefix="mccat-verify-"))
    try:
        built = rebuild(repo, commit, build_date, work, signing=args.with_signing_key)
        changes = compare(_readable(site_digests, args.published), _readable(site_digests, built))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    lang = message_language(args)
    age = (date.today() - date.fromisoformat(build_date)).days
    stale = args.build_date is None and age > STALE_AFTER_DAYS  # a date given by hand is the one asked about
    if changes.same:
        print(text("site.same", commit=commit, date=build_date).render(lang))
        if stale:
            print(text("site.stale", date=build_date, days=age).render(lang))
        return 1 if stale else 0
    for label, paths in (
        ("site.label-changed", changes.changed),
        ("site.label-missing", changes.new),  # in the rebuild, not in the published copy
        ("site.label-gone", changes.gone),
    ):
        for path in paths:
            print(f"{text(label).render(lang)} {one_line(path)}")
    counts = {"changed": len(changes.changed), "new": len(changes.new), "gone": len(changes.gone)}
    print(text("site.differs", commit=commit, date=build_date, **counts).render(lang))
    return 1


SIGNING_ENV = ("MCCAT_SIGNING_KEY", "MCCAT_KEYS")  # mccat.build.signing
# settings of the build machine that shape the output: passed as the publish workflow set them
BUILD_ENV = (*SIGNING_ENV, "MCCAT_SEARCH_BUNDLE_PAGES", "MCCAT_PROGRAM_LIST_PAGE")  # mccat.build.plan


def rebuild(repo: Path, commit: str, build_date: str, work: Path, *, signing: bool = False) -> Path:
    """Build `commit` of `repo` as the publish workflow does, in a clone under `work`; the site folder.
    `signing`: pass this environment's signing key (MCCAT_SIGNING_KEY, MCCAT_KEYS) to the build."""
    clone, site = work / "repo", work / "site"
    work.mkdir(parents=True, exist_ok=True)
    git = ["git", "-c", "advice.detachedHead=false"]
    for command in (
        [*git, "clone", "--quiet", "--no-checkout", "--", str(repo), str(clone)],  # full history: program pages show it
        [*git, "-C", str(clone), "checkout", "--quiet", "--detach", commit],
    ):
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise UsageError(
                text("usage.checkout-failed", commit=Shown(commit), detail=one_line(result.stderr.strip()))
            )
    # The commit's own code comes first on the path, and its schemas with it: an editable install maps
    # mccat.schemas to this checkout's schemas/ folder, so the clone gets the same mapping as a link.
    (clone / "src" / "mccat" / "schemas").symlink_to(clone / "schemas", target_is_directory=True)
    # The signing key passes only when asked: Ed25519 signatures are deterministic, so a signed site rebuilds
    # the same only with the key that signed it, but the build runs the commit's own code (its hooks, its src/),
    # and a commit that is not the main branch's could read the key. The search bundle size always passes:
    # pages name their bundles.
    passed = BUILD_ENV if signing else tuple(key for key in BUILD_ENV if key not in SIGNING_ENV)
    env = {key: value for key, value in os.environ.items() if not key.startswith("MCCAT_") or key in passed}
    env |= {
        "MCCAT_BUILD_DATE": build_date,
        "NO_MKDOCS_2_WARNING": "1",
        # the commit's own code, not this checkout's (an editable install would otherwise win)
        "PYTHONPATH": os.pathsep.join([str(clone / "src"), *filter(None, [env.get("PYTHONPATH")])]),
    }
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)]
    print(f"Building {commit} for {build_date} in {work} ...", file=sys.stderr, flush=True)
    result = subprocess.run(
        command, cwd=clone, env=env, capture_output=True, text=True, check=False, timeout=BUILD_TIMEOUT
    )
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()[-3000:]
        raise UsageError(text("usage.rebuild-failed", commit=Shown(commit), status=result.returncode, output=output))
    return site
