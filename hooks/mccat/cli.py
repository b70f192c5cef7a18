"""The `mccat` command: parse arguments, run one subcommand, return its exit status.

Exit status: 0 valid, 1 invalid data, 2 bad usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import LANGUAGES  # noqa: F401  (re-exported for subcommands)
from .report import REPORTERS
from .rules import ID_PATTERN


def default_catalogue() -> Path:
    return Path(os.environ.get("MCCAT_CATALOGUE", "catalogue"))


class UsageError(Exception):
    pass


def run_validate(args: argparse.Namespace) -> int:
    from .validate import validate
    root: Path = args.catalogue
    if not root.is_dir():
        raise UsageError(f"catalogue folder '{root}' does not exist (use --catalogue DIR)")
    result = validate(root, [Path(p) for p in args.paths] or None, keep_data=False)
    sys.stdout.write(REPORTERS[args.format](result.problems, result.files_checked))
    failed = bool(result.errors) or (args.strict and bool(result.warnings))
    return 1 if failed else 0


def run_new(args: argparse.Namespace) -> int:
    from .scaffold import scaffold
    if args.kind == "provider":
        if not ID_PATTERN.match(args.id):
            raise UsageError(f"'{args.id}' is not a valid provider id: use lowercase letters, digits and hyphens")
        target = args.catalogue / "providers" / f"{args.id}.yaml"
        text = scaffold("provider")
    else:
        provider, _, slug = args.id.partition("/")
        if not (ID_PATTERN.match(provider) and ID_PATTERN.match(slug)):
            raise UsageError(f"'{args.id}' is not a valid program id: write provider/slug, "
                             "lowercase letters, digits and hyphens")
        target = args.catalogue / "programs" / provider / f"{slug}.yaml"
        text = scaffold("program", provider)
    if args.stdout:
        sys.stdout.write(text)
        return 0
    if target.exists():
        raise UsageError(f"{target} already exists; edit it, or choose another id")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}\nnext: fill in the empty values, then run `mccat validate {target}`")
    return 0


def run_synth(args: argparse.Namespace) -> int:
    from .synth import write_synthetic_catalogue
    if args.out.exists() and any(args.out.iterdir()):
        raise UsageError(f"{args.out} is not empty; choose a new folder")
    count = write_synthetic_catalogue(args.out, programs=args.programs, providers=args.providers, seed=args.seed)
    print(f"wrote {count} files to {args.out}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from datetime import date

    from .catalogue import load_catalogue
    from .exports import write_api_files
    from .problems import CatalogueError
    if not args.catalogue.is_dir():
        raise UsageError(f"catalogue folder '{args.catalogue}' does not exist (use --catalogue DIR)")
    try:
        build_date = date.fromisoformat(args.build_date) if args.build_date else date.today()
    except ValueError:
        raise UsageError(f"--build-date must be YYYY-MM-DD, got '{args.build_date}'") from None
    try:
        catalogue = load_catalogue(args.catalogue, today=build_date)
        written = write_api_files(catalogue, args.out, site_url=args.site_url, build_date=build_date)
    except CatalogueError as exc:
        sys.stdout.write(REPORTERS["text"](exc.problems, 0))
        return 1
    except ValueError as exc:  # a bad --site-url
        raise UsageError(str(exc)) from None
    print(f"wrote {len(written)} files under {args.out / 'api' / 'v1'}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mccat", description="Micro-credential catalogue tools.")
    parser.add_argument("--catalogue", type=Path, default=default_catalogue(),
                        help="catalogue folder (default: ./catalogue or $MCCAT_CATALOGUE)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check catalogue files against the schemas and rules")
    p.add_argument("paths", nargs="*", help="files or folders (default: the whole catalogue)")
    p.add_argument("--format", choices=sorted(REPORTERS), default="text")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.set_defaults(run=run_validate)

    p = sub.add_parser("new", help="write a template file with every field explained")
    p.add_argument("kind", choices=["provider", "program"])
    p.add_argument("id", help="provider id, or provider/slug for a program")
    p.add_argument("--stdout", action="store_true", help="print the template instead of writing it")
    p.set_defaults(run=run_new)

    p = sub.add_parser("synth", help="write a synthetic catalogue for benchmarks")
    p.add_argument("--programs", type=int, default=1000)
    p.add_argument("--providers", type=int, default=50)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(run=run_synth)

    p = sub.add_parser("export", help="write the machine-readable files (/api/v1/: JSON-LD, JSON, CSV, Atom)")
    p.add_argument("--out", type=Path, required=True, help="site folder; files go to OUT/api/v1/")
    p.add_argument("--site-url", required=True, help="the site's public URL, for ids and links")
    p.add_argument("--build-date", help="date statuses are computed for (YYYY-MM-DD, default today)")
    p.set_defaults(run=run_export)

    from .review_cli import add_review_commands  # diff, owners, check-ownership, renewals, issue-form
    add_review_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except UsageError as exc:
        print(f"mccat: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
