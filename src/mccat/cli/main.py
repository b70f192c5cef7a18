"""The `mccat` command: parse arguments, run one subcommand, return its exit status.

Exit status: 0 valid, 1 invalid data, 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mccat.cli.catalogue_commands import run_export, run_new, run_synth, run_validate
from mccat.cli.review_commands import add_review_commands
from mccat.cli.signing_commands import add_signing_commands
from mccat.cli.site_commands import add_site_commands
from mccat.cli.usage import UsageError, add_lang, day, default_catalogue, message_language
from mccat.model.lifecycle import EXPIRING_WITHIN_DAYS
from mccat.validation.messages import text
from mccat.validation.registry_file import REGISTRY_FILE
from mccat.validation.report import REPORTERS


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mccat", description="Micro-credential catalogue tools.")
    parser.add_argument(
        "--catalogue",
        type=Path,
        default=default_catalogue(),
        help="catalogue folder (default: ./catalogue or $MCCAT_CATALOGUE)",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check catalogue files against the schemas and rules")
    p.add_argument("paths", nargs="*", help="files or folders (default: the whole catalogue)")
    p.add_argument("--format", choices=sorted(REPORTERS), default="text")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("--rev", help="check the catalogue as committed at this git revision, read from git")
    p.add_argument("--today", type=day, help="the day decisions may not be later than (YYYY-MM-DD, default today)")
    p.add_argument(
        "--committee",
        type=Path,
        help="the committee list that decisions' reviewers must be on (default: governance/committee.yaml "
        "beside the catalogue folder)",
    )
    add_lang(p)
    p.set_defaults(run=run_validate)

    p = sub.add_parser(
        "new", help="write a template file with every field explained (and its CTID), or print a new CTID"
    )
    p.add_argument("kind", choices=["provider", "program", "decision", "ctid"])
    p.add_argument("id", nargs="?", help="provider id, provider/slug for a program, or a decision id (MCR-2026-014)")
    p.add_argument(
        "--kind",
        dest="decision_kind",
        help="decision: its kind (approve, renew, amend-approval, suspend, reinstate, withdraw, rename)",
    )
    p.add_argument("--program", action="append", default=[], help="decision: a program it concerns (repeatable)")
    p.add_argument("--renamed-to", help="decision of kind rename: the program's new id")
    p.add_argument("--stdout", action="store_true", help="print the template instead of writing it")
    add_lang(p)
    p.set_defaults(run=run_new)

    p = sub.add_parser("synth", help="write a synthetic catalogue for benchmarks")
    p.add_argument("--programs", type=int, default=1000)
    p.add_argument("--providers", type=int, default=50)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", type=Path, required=True)
    add_lang(p)
    p.set_defaults(run=run_synth)

    p = sub.add_parser("export", help="write the machine-readable files (/api/v1/: JSON-LD, JSON, CSV, Atom)")
    p.add_argument("--out", type=Path, required=True, help="site folder; files go to OUT/api/v1/")
    p.add_argument("--site-url", required=True, help="the site's public URL, for ids and links")
    p.add_argument("--build-date", help="date statuses are computed for (YYYY-MM-DD, default today)")
    p.add_argument(
        "--expiring-days",
        type=int,
        default=EXPIRING_WITHIN_DAYS,
        help=f"an approval ending within this many days is 'expiring' (default {EXPIRING_WITHIN_DAYS})",
    )
    p.add_argument(
        "--registry",
        type=Path,
        help=f"the registry's publisher, contact and licence (default: {REGISTRY_FILE} beside the catalogue folder,"
        " if it exists)",
    )
    add_lang(p)
    p.set_defaults(run=run_export)

    add_review_commands(sub)  # diff, owners, check-ownership, renewals, issue-form
    add_signing_commands(sub)  # keys, verify
    add_site_commands(sub)  # site-size, site-manifest, site-changes, verify-site
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except UsageError as exc:
        print(text("cli.error", message=exc.text).render(message_language(args)), file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
