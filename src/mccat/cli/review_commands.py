"""Subcommands of the review workflow: diff, owners, check-ownership, review, renewals, issue-form.

Kept out of main.py so that the shared parser grows by one line; each
`run_*` parses nothing itself and returns the exit status (0 ok, 1 invalid
or not allowed, 2 bad usage via UsageError).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from mccat.authoring.issue_form import issue_form_text
from mccat.cli.usage import UsageError, add_lang, message_language, require_catalogue
from mccat.review.checks import COMMENT_LIMIT, STATUS_CONTEXTS, render_comment, result_json, review_pull_request
from mccat.review.diff import diff_revisions, load_snapshot
from mccat.review.diff_report import RENDERERS as DIFF_RENDERERS
from mccat.review.git_revisions import GitError, repo_root
from mccat.review.ownership import (
    Push,
    check_ownership,
    codeowners_text,
    maintainers_of,
    parse_committee,
    render_ownership,
)
from mccat.review.renewals import render_renewals_json, render_renewals_markdown, renewals_due
from mccat.validation.hidden import one_line
from mccat.validation.load import load_catalogue
from mccat.validation.messages import text
from mccat.validation.problems import CatalogueError, Problem
from mccat.validation.report import problem_lines


def _prefix(catalogue: Path, root: Path) -> str:
    """The catalogue folder relative to root, as CODEOWNERS and git paths need it."""
    relative = os.path.relpath(catalogue.resolve(), root.resolve())
    if relative.startswith(".."):
        raise UsageError(text("usage.outside-repository", folder=str(catalogue), root=str(root)))
    return "" if relative == "." else Path(relative).as_posix()


def _write_generated(target: Path, content: str, check: bool, command: str, lang: str) -> int:
    """Write a generated file, or with --check say whether the committed one is current."""
    if check:
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current == content:
            print(text("generated.current", file=str(target)).render(lang))
            return 0
        state = text("generated.missing" if current is None else "generated.stale")
        stale = Problem(str(target), 1, 1, "generated.stale", state, text("hint.regenerate", command=command))
        print("\n".join(problem_lines(stale, lang)))
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")
    print(text("cli.wrote", file=str(target)).render(lang))
    return 0


def _print_problems(problems: list[Problem], lang: str) -> None:
    for p in problems:
        print("\n".join(problem_lines(p, lang)), file=sys.stderr)


def run_diff(args: argparse.Namespace) -> int:
    try:
        result = diff_revisions(args.catalogue, args.base, args.head)
    except GitError as exc:
        raise UsageError(exc.text) from None
    except ValueError:
        root = repo_root(Path.cwd())
        raise UsageError(text("usage.outside-repository", folder=str(args.catalogue), root=str(root))) from None
    sys.stdout.write(DIFF_RENDERERS[args.format](result, message_language(args)))
    return 1 if result.problems else 0


def run_owners(args: argparse.Namespace) -> int:
    root = Path.cwd()
    require_catalogue(args.catalogue)
    if not args.committee.is_file():
        raise UsageError(text("usage.no-committee", file=str(args.committee)))
    committee, problems = parse_committee(args.committee.read_text(encoding="utf-8"), str(args.committee))
    snapshot = load_snapshot(root, None, _prefix(args.catalogue, root), "providers")
    problems += snapshot.problems
    if problems:
        _print_problems(problems, message_language(args))
        return 1
    content = codeowners_text(committee, maintainers_of(snapshot), _prefix(args.catalogue, root))
    return _write_generated(args.output, content, args.check, "mccat owners", message_language(args))


def _push(args: argparse.Namespace) -> Push | None:
    if not args.pushed_by:
        return None
    if not args.pushed_from:  # without it, a merge of the target branch pushed by a member would vouch for everything
        raise UsageError(text("usage.pushed-from"))
    return Push(args.pushed_by.lstrip("@"), args.pushed_from)


def run_check_ownership(args: argparse.Namespace) -> int:
    try:
        repo = repo_root(Path.cwd())
        result = check_ownership(
            repo,
            _prefix(args.catalogue, repo),
            args.author.lstrip("@"),
            args.base,
            args.head,
            committee_file=args.committee,
            pushed=_push(args),
        )
    except GitError as exc:
        raise UsageError(exc.text) from None
    sys.stdout.write(render_ownership(result, message_language(args)))
    return 0 if result.allowed else 1


def run_review(args: argparse.Namespace) -> int:
    """The checks that decide a pull request, from git data: writes summary.md (the job summary), comment.md (the
    same within a comment's length) and result.json to --out."""
    try:
        repo = repo_root(Path.cwd())
        review = review_pull_request(
            repo,
            _prefix(args.catalogue, repo),
            args.base,
            args.head,
            args.author.lstrip("@"),
            args.committee,
            pushed=_push(args),
        )
    except GitError as exc:
        raise UsageError(exc.text) from None
    except ValueError:
        root = repo_root(Path.cwd())
        raise UsageError(text("usage.outside-repository", folder=str(args.catalogue), root=str(root))) from None
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "summary.md").write_text(render_comment(review), encoding="utf-8")
    (args.out / "comment.md").write_text(render_comment(review, limit=COMMENT_LIMIT), encoding="utf-8")
    (args.out / "result.json").write_text(result_json(review), encoding="utf-8")
    for check, (state, description) in review.states().items():
        print(one_line(f"{STATUS_CONTEXTS[check]}: {state}: {description}"))
    return 0


def run_renewals(args: argparse.Namespace) -> int:
    require_catalogue(args.catalogue)
    today = args.today or date.today()
    try:  # decisions are checked against the real date; the report counts from --today
        catalogue = load_catalogue(args.catalogue, today=max(today, date.today()))
    except CatalogueError as exc:
        _print_problems([p for p in exc.problems if p.is_error], message_language(args))
        return 1
    items = renewals_due(catalogue, today, args.within)
    if args.format == "json":
        sys.stdout.write(render_renewals_json(items, today, args.within))
    else:
        sys.stdout.write(
            render_renewals_markdown(
                items, today, args.within, mention=args.mention, lang=message_language(args), limit=args.limit
            )
        )
    return 0


def run_issue_form(args: argparse.Namespace) -> int:
    return _write_generated(args.output, issue_form_text(), args.check, "mccat issue-form", message_language(args))


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def _days(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of days")
    return int(text)


def add_review_commands(sub) -> None:
    """Register the review workflow's subcommands on the main parser's subparsers."""
    p = sub.add_parser("diff", help="what changed in the catalogue between two git revisions, field by field")
    p.add_argument(
        "base",
        help="the revision to compare with (e.g. origin/main); the diff starts where HEAD "
        "branched from it, like `git diff BASE...HEAD`",
    )
    p.add_argument("head", nargs="?", help="the revision with the changes (default: the working tree)")
    p.add_argument("--format", choices=sorted(DIFF_RENDERERS), default="text")
    add_lang(p)
    p.set_defaults(run=run_diff)

    p = sub.add_parser("owners", help="write .github/CODEOWNERS from the committee list and providers' maintainers")
    p.add_argument("--committee", type=Path, default=Path("governance/committee.yaml"))
    p.add_argument("--output", type=Path, default=Path(".github/CODEOWNERS"))
    p.add_argument("--check", action="store_true", help="only check that the file is up to date (exit 1 if not)")
    add_lang(p)
    p.set_defaults(run=run_owners)

    p = sub.add_parser("check-ownership", help="fail if ACCOUNT may not make the changes from BASE to HEAD")
    p.add_argument("--author", required=True, help="the GitHub account that opened the pull request")
    p.add_argument("base", help="the target branch's revision")
    p.add_argument("head", nargs="?", help="the pull request's revision (default: the working tree)")
    p.add_argument(
        "--committee",
        default="governance/committee.yaml",
        help="the committee list, relative to the repository root (read at BASE)",
    )
    p.add_argument(
        "--pushed-by",
        help="the account that pushed HEAD, when another than the author: a committee member's push vouches for "
        "the decision files (catalogue/decisions/) of the pull request",
    )
    p.add_argument(
        "--pushed-from",
        metavar="REV",
        help="with --pushed-by: the commit the branch was at before that push; the push vouches only for the "
        "decision files it changed",
    )
    add_lang(p)
    p.set_defaults(run=run_check_ownership)

    p = sub.add_parser(
        "review",
        help="the checks that decide a pull request (validation at HEAD, ownership, the summary), read from git",
    )
    p.add_argument("base", help="the target branch's tip: rights are read there")
    p.add_argument("head", help="the pull request's head commit (fetched, never checked out)")
    p.add_argument("--author", required=True, help="the GitHub account that opened the pull request")
    p.add_argument("--out", type=Path, required=True, help="folder for summary.md, comment.md and result.json")
    p.add_argument("--committee", default="governance/committee.yaml", help="the committee list (read at BASE)")
    p.add_argument(
        "--pushed-by",
        help="the account that pushed HEAD (the workflow passes it for a push event only): a committee member's "
        "push vouches for the decision files (catalogue/decisions/) of the pull request",
    )
    p.add_argument(
        "--pushed-from",
        metavar="REV",
        help="with --pushed-by: the commit the branch was at before that push; the push vouches only for the "
        "decision files it changed",
    )
    p.set_defaults(run=run_review)

    p = sub.add_parser("renewals", help="approved programs whose approval ends within N days or has ended")
    p.add_argument("--within", type=_days, default=90, help="days ahead (default 90)")
    p.add_argument("--format", choices=["markdown", "json"], default="markdown")
    p.add_argument("--today", type=_day, help="the date to count from (default: today)")
    p.add_argument("--mention", action="store_true", help="@-mention maintainers (notifies them on GitHub)")
    p.add_argument(
        "--limit", type=_days, help="markdown: list at most N programs, the most urgent, and count the others"
    )
    add_lang(p)
    p.set_defaults(run=run_renewals)

    p = sub.add_parser("issue-form", help="write the program proposal issue form from the schema")
    p.add_argument("--output", type=Path, default=Path(".github/ISSUE_TEMPLATE/program-proposal.yml"))
    p.add_argument("--check", action="store_true", help="only check that the file is up to date (exit 1 if not)")
    add_lang(p)
    p.set_defaults(run=run_issue_form)
