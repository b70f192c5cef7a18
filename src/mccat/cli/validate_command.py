"""`mccat validate`: the command every push and pull request runs, so `mccat.cli.main` builds its parser
from this module alone, which loads the validator and nothing of the site or the exports (the other
commands' modules load only when one of them is asked for: a second off a 10,000-file check), nor the
review modules unless `--rev` asks for a revision.

Exit status: 0 valid, 1 invalid data, 2 bad usage (UsageError).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mccat.cli.usage import UsageError, add_lang, day, message_language, require_catalogue
from mccat.validation.messages import text
from mccat.validation.report import REPORTERS
from mccat.validation.validate import validate


def add_validate_command(sub) -> None:
    """The `validate` subcommand and its options."""
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


def run_validate(args: argparse.Namespace) -> int:
    lang = message_language(args)
    if args.rev:  # the catalogue as committed at a revision, read from git: nothing is checked out
        # Only here: the review modules (git, the semantic diff) are a tenth of a second of start-up.
        from mccat.review.checks import validate_revision
        from mccat.review.diff import catalogue_prefix
        from mccat.review.git_revisions import GitError, repo_root, resolve

        if args.paths:
            raise UsageError(text("usage.rev-and-paths"))
        if args.committee:
            raise UsageError(text("usage.rev-and-committee"))
        try:
            repo = repo_root(Path.cwd())
            result = validate_revision(
                repo, resolve(repo, args.rev), catalogue_prefix(repo, args.catalogue), today=args.today
            )
        except GitError as exc:
            raise UsageError(exc.text) from None
        except ValueError:
            raise UsageError(
                text("usage.outside-repository", folder=str(args.catalogue), root=str(repo_root(Path.cwd())))
            ) from None
    else:
        require_catalogue(args.catalogue)
        result = validate(
            args.catalogue,
            [Path(p) for p in args.paths] or None,
            keep_data=False,
            today=args.today,
            committee_file=args.committee,
        )
    sys.stdout.write(REPORTERS[args.format](result.problems, result.files_checked, lang))
    failed = bool(result.errors) or (args.strict and bool(result.warnings))
    return 1 if failed else 0
