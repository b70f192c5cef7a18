"""Subcommands of the registry's signing keys and credentials: `keys new`, `verify`.

`mccat keys new ID` appends a new public key to governance/keys.yaml (a committee change to commit) and
prints only the private key, on standard output, for the publish workflow's secret MCCAT_SIGNING_KEY.

`mccat verify FILE|URL` checks a credential the registry signed, offline (mccat.publish.signing.check):
the proof against governance/keys.yaml and the key's period, the dates, and the status list read from
the built site folder. Exit status: 0 valid, 1 invalid (the reason is printed), 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import yaml

from mccat.cli.usage import UsageError, add_lang, message_language
from mccat.publish.signing.check import check_credential
from mccat.publish.signing.did_web import did_web_from_url
from mccat.publish.signing.keys import (
    KEYS_FILE,
    PREVIEW,
    SIGNING_KEY_ENV,
    SigningKeyError,
    append_entry,
    files_holding_key,
    load_keys,
    new_key_entry,
)
from mccat.publish.signing.multikey import decode_private_key, encode_private_key
from mccat.publish.urls import Urls
from mccat.validation.hidden import one_line
from mccat.validation.messages import Shown, text
from mccat.validation.report import problem_lines

MAX_CREDENTIAL_BYTES = 1024 * 1024


def _site_url(given: str | None, config: Path) -> str:
    """--site-url, else mkdocs.yml's site_url (read as plain YAML: the core never loads MkDocs)."""
    if given:
        return given
    try:
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        data = None
    url = data.get("site_url") if isinstance(data, dict) else None
    if not isinstance(url, str):
        raise UsageError(text("usage.keys-no-site-url", config=Shown(str(config))))
    return url


def run_keys_new(args: argparse.Namespace) -> int:
    try:
        keys = load_keys(args.keys)
    except SigningKeyError as exc:
        for p in exc.problems:
            print("\n".join(problem_lines(p, message_language(args))), file=sys.stderr)
        return 1
    if any(key.id == args.id for key in keys):
        raise UsageError(text("usage.keys-id-taken", file=Shown(str(args.keys)), id=Shown(args.id)))
    try:
        private, entry = new_key_entry(args.id, args.today or datetime.now(UTC).date())
    except ValueError:
        raise UsageError(text("usage.keys-bad-id", id=Shown(args.id))) from None
    try:
        append_entry(args.keys, entry)  # written first: a private key printed for a file left unchanged is lost
    except SigningKeyError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(
        text("keys.wrote", id=Shown(args.id), file=Shown(str(args.keys))).render(message_language(args)),
        file=sys.stderr,
    )
    sys.stdout.write(encode_private_key(private) + "\n")
    return 0


def run_keys_scan(args: argparse.Namespace) -> int:
    """Stop a deploy that would publish the signing key: look for it, in every usual spelling, in the site."""
    value = os.environ.get(SIGNING_KEY_ENV, "").strip()
    if not value or value == PREVIEW:
        print(
            f"{SIGNING_KEY_ENV} がないため、調べる鍵はありません。 / {SIGNING_KEY_ENV} is not set: nothing to look for."
        )
        return 0
    try:
        private = decode_private_key(value)
    except ValueError as exc:
        raise UsageError(text("usage.keys-bad-secret", detail=str(exc))) from None
    if not args.site.is_dir():
        raise UsageError(text("usage.not-a-folder", folder=Shown(str(args.site))))
    leaks = files_holding_key(args.site, private)
    for path in leaks:
        print(f"{path}: 署名用の秘密鍵が含まれています / contains the signing key's private half", file=sys.stderr)
    if leaks:
        print(
            "公開を中止します。鍵を退役させ、新しい鍵に替えてください（証明書と検証のページ）。\n"
            "Do not deploy: retire this key and switch to a new one (see the Certificates page).",
            file=sys.stderr,
        )
        return 1
    print(f"秘密鍵は {args.site} のどのファイルにもありません。 / The private key is in no file under {args.site}.")
    return 0


def _local_file(target: str, urls: Urls, site: Path) -> Path:
    """A file argument, or a URL of this site mapped into the site folder."""
    if target.startswith(("http://", "https://")):
        if not target.startswith(urls.root):
            raise UsageError(text("usage.verify-other-site", url=Shown(target), root=Shown(urls.root)))
        relative = target[len(urls.root) :].split("#", 1)[0]
        path = (site / relative).resolve()
        if not path.is_relative_to(site.resolve()):
            raise UsageError(text("usage.verify-outside", url=Shown(target)))
        return path
    return Path(target)


def _read_json(path: Path) -> Any:
    if not path.is_file():
        return None
    if path.stat().st_size > MAX_CREDENTIAL_BYTES:
        raise ValueError(f"{path} is larger than {MAX_CREDENTIAL_BYTES // 1024} KB")
    return json.loads(path.read_text(encoding="utf-8"))


def run_verify(args: argparse.Namespace) -> int:
    try:
        urls = Urls(_site_url(args.site_url, args.config))
        did = did_web_from_url(urls.root)
    except ValueError as exc:
        raise UsageError(text("usage.verify-site-url", detail=str(exc))) from None
    try:
        keys = load_keys(args.keys)
    except SigningKeyError as exc:
        for p in exc.problems:
            print("\n".join(problem_lines(p, message_language(args))), file=sys.stderr)
        return 2
    if not keys:
        raise UsageError(text("usage.verify-no-keys", file=Shown(str(args.keys))))
    path = _local_file(args.credential, urls, args.site)
    try:
        document = _read_json(path)
    except (ValueError, UnicodeDecodeError) as exc:
        print(one_line(f"INVALID: {path} is not a JSON credential ({exc})"))
        return 1
    if document is None:
        raise UsageError(text("usage.no-file", file=Shown(str(path))))

    def lists(url: str) -> Any:
        if not url.startswith(("http://", "https://")):  # a status list is on the registry's site, never a local path
            return None
        try:
            return _read_json(_local_file(url, urls, args.site))
        except (UsageError, ValueError, UnicodeDecodeError):
            return None

    now = datetime.combine(args.date, datetime.min.time(), UTC) if args.date else datetime.now(UTC)
    report = check_credential(document, did=did, keys=keys, lists=lists, now=now)
    # The details quote the credential (URLs, dates): one line each, every control character written out, so a
    # forged credential can neither overwrite a FAIL line nor print a VALID of its own (ANSI escapes, CR).
    for check in report.checks:
        print(one_line(f"{'ok  ' if check.ok else 'FAIL'} {check.name}: {check.detail}"))
    print("VALID" if report.ok else one_line(f"INVALID: {report.reason}"))
    return 0 if report.ok else 1


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def add_signing_commands(sub: Any) -> None:
    """Register `keys` and `verify` on the main parser's subparsers."""
    keys = sub.add_parser("keys", help="the registry's signing keys (governance/keys.yaml)")
    keys_sub = keys.add_subparsers(dest="keys_command", required=True)
    p = keys_sub.add_parser("new", help="append a new public key and print its private key once")
    p.add_argument("id", help="the key's id, e.g. key-2026-12 (becomes did:web:<site>#<id>)")
    p.add_argument("--keys", type=Path, default=Path(KEYS_FILE))
    p.add_argument("--today", type=_day, help="the first day it may sign (default: today, UTC)")
    add_lang(p)
    p.set_defaults(run=run_keys_new)
    p = keys_sub.add_parser("scan", help="fail if the site holds the private key of MCCAT_SIGNING_KEY")
    p.add_argument("site", type=Path, nargs="?", default=Path("site"), help="the built site folder")
    add_lang(p)
    p.set_defaults(run=run_keys_scan)

    p = sub.add_parser("verify", help="check a credential the registry signed (offline)")
    p.add_argument("credential", help="a certificate file, or its URL on this site (read from --site)")
    p.add_argument("--site", type=Path, default=Path("site"), help="the built site folder (for URLs and status lists)")
    p.add_argument("--site-url", help="the site's public URL (default: site_url of --config)")
    p.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    p.add_argument("--keys", type=Path, default=Path(KEYS_FILE))
    p.add_argument("--date", type=_day, help="check as of this day (default: now)")
    add_lang(p)
    p.set_defaults(run=run_verify)
