"""The `mccat` command: parse arguments, run one subcommand, return its exit status.

Exit status: 0 valid, 1 invalid data, 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mccat.cli.usage import UsageError, add_lang, default_catalogue, message_language
from mccat.cli.validate_command import add_validate_command
from mccat.model.lifecycle import EXPIRING_WITHIN_DAYS
from mccat.validation.messages import text
from mccat.validation.registry_file import REGISTRY_FILE


def build_parser(full: bool = True) -> argparse.ArgumentParser:
    """The parser of every command; with full=False, of `validate` only (see mccat.cli.validate_command)."""
    parser = argparse.ArgumentParser(prog="mccat", description="Micro-credential catalogue tools.")
    parser.add_argument(
        "--catalogue",
        type=Path,
        default=default_catalogue(),
        help="catalogue folder (default: ./catalogue or $MCCAT_CATALOGUE)",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    add_validate_command(sub)
    if not full:
        return parser
    # The other commands' modules load the site, the exports and signing: only when one of them runs.
    from mccat.cli.catalogue_commands import run_export, run_new, run_synth
    from mccat.cli.review_commands import add_review_commands
    from mccat.cli.signing_commands import add_signing_commands
    from mccat.cli.site_commands import add_site_commands

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
    argv = sys.argv[1:] if argv is None else argv
    args, unknown = build_parser(full=False).parse_known_args(argv) if _command(argv) == "validate" else (None, [])
    if args is None or unknown:  # the full parser, also to word an unknown argument's error as it always has
        args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except UsageError as exc:
        print(text("cli.error", message=exc.text).render(message_language(args)), file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


def _command(argv: list[str]) -> str | None:
    """The subcommand named in argv (None for none, or for `--help` before one), read as the full
    parser reads it: `--catalogue` takes a value, the first word after the options is the command."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("-h", "--help", action="store_true")
    pre.add_argument("--catalogue")
    pre.add_argument("command", nargs="?")
    try:
        known, _ = pre.parse_known_args(argv)
    except SystemExit:  # what the full parser reports as a usage error
        return None
    return None if known.help else known.command


if __name__ == "__main__":
    sys.exit(main())
