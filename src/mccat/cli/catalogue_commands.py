"""Subcommands of the catalogue itself: validate, new, synth, export.

Each `run_*` takes the parsed arguments and returns the exit status (0 ok, 1 invalid data); bad
arguments raise UsageError (exit status 2).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from mccat.authoring.scaffold import scaffold, scaffold_decision
from mccat.authoring.synth import write_synthetic_catalogue
from mccat.cli.usage import UsageError, require_catalogue
from mccat.model.decisions import decision_number
from mccat.model.history import History, read_history
from mccat.model.identifiers import new_ctid
from mccat.model.vocabulary import vocabularies
from mccat.publish.exports import write_api_files
from mccat.publish.publication import Publication
from mccat.publish.urls import Urls
from mccat.review.checks import validate_revision
from mccat.review.content_changes import content_changes
from mccat.review.diff import catalogue_prefix
from mccat.review.git_revisions import GitError, repo_root, resolve
from mccat.validation.load import load_catalogue
from mccat.validation.problems import CatalogueError
from mccat.validation.registry_file import REGISTRY_FILE, load_registry
from mccat.validation.report import REPORTERS
from mccat.validation.rules import ID_PATTERN
from mccat.validation.source import YamlProblem, load_yaml
from mccat.validation.validate import validate


def run_validate(args: argparse.Namespace) -> int:
    if args.rev:  # the catalogue as committed at a revision, read from git: nothing is checked out
        if args.paths:
            raise UsageError("--rev checks the whole catalogue; name no files")
        if args.committee:
            raise UsageError("--rev reads the committee list at that revision; leave out --committee")
        try:
            repo = repo_root(Path.cwd())
            result = validate_revision(
                repo, resolve(repo, args.rev), catalogue_prefix(repo, args.catalogue), today=args.today
            )
        except (GitError, ValueError) as exc:
            raise UsageError(str(exc)) from None
    else:
        require_catalogue(args.catalogue)
        result = validate(
            args.catalogue,
            [Path(p) for p in args.paths] or None,
            keep_data=False,
            today=args.today,
            committee_file=args.committee,
        )
    sys.stdout.write(REPORTERS[args.format](result.problems, result.files_checked))
    failed = bool(result.errors) or (args.strict and bool(result.warnings))
    return 1 if failed else 0


def _record(catalogue: Path, program: str) -> dict:
    """What a withdrawal or rename records about a program, read from its file and its provider's."""
    provider = program.split("/", 1)[0]
    try:
        data = load_yaml(catalogue / "programs" / f"{program}.yaml").data
        provider_data = load_yaml(catalogue / "providers" / f"{provider}.yaml").data
        title, name = data["title"], provider_data["name"]
    except (YamlProblem, KeyError, TypeError) as exc:
        raise UsageError(f"cannot read the title of '{program}' and its provider's name: {exc}") from None
    return {"program": program, "title": title, "provider_name": name}


def _decision_template(args: argparse.Namespace) -> tuple[Path, str]:
    if decision_number(args.id) is None:
        raise UsageError(f"'{args.id}' is not a decision id: write it like MCR-2026-014")
    kinds = vocabularies()["decision_kind"].codes
    if args.decision_kind is not None and args.decision_kind not in kinds:
        raise UsageError(f"--kind must be one of {', '.join(kinds)}")
    for program in args.program + ([args.renamed_to] if args.renamed_to else []):
        provider, _, slug = program.partition("/")
        if not (ID_PATTERN.match(provider) and ID_PATTERN.match(slug)):
            raise UsageError(f"'{program}' is not a program id: write provider/slug")
    records = None
    if args.decision_kind in ("withdraw", "rename"):
        records = [_record(args.catalogue, program) for program in args.program]
    text = scaffold_decision(
        args.decision_kind, args.program, today=date.today(), renamed_to=args.renamed_to, records=records
    )
    return args.catalogue / "decisions" / f"{args.id}.yaml", text


def run_new(args: argparse.Namespace) -> int:
    if args.kind != "decision" and (args.decision_kind or args.program or args.renamed_to):
        raise UsageError("--kind, --program and --renamed-to are for `mccat new decision`")
    if args.kind == "ctid":
        if args.id:
            raise UsageError("`mccat new ctid` takes no id: it prints a new CTID for a file that has none")
        print(new_ctid())
        return 0
    if not args.id:
        raise UsageError(f"`mccat new {args.kind}` needs the new file's id")
    if args.kind == "decision":
        target, text = _decision_template(args)
    elif args.kind == "provider":
        if not ID_PATTERN.match(args.id):
            raise UsageError(f"'{args.id}' is not a valid provider id: use lowercase letters, digits and hyphens")
        target = args.catalogue / "providers" / f"{args.id}.yaml"
        text = scaffold("provider", ctid=new_ctid())
    else:
        provider, _, slug = args.id.partition("/")
        if not (ID_PATTERN.match(provider) and ID_PATTERN.match(slug)):
            raise UsageError(
                f"'{args.id}' is not a valid program id: write provider/slug, lowercase letters, digits and hyphens"
            )
        target = args.catalogue / "programs" / provider / f"{slug}.yaml"
        text = scaffold("program", provider, ctid=new_ctid())
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
    if args.out.exists() and any(args.out.iterdir()):
        raise UsageError(f"{args.out} is not empty; choose a new folder")
    count = write_synthetic_catalogue(args.out, programs=args.programs, providers=args.providers, seed=args.seed)
    print(f"wrote {count} files to {args.out}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    require_catalogue(args.catalogue)
    try:
        build_date = date.fromisoformat(args.build_date) if args.build_date else date.today()
    except ValueError:
        raise UsageError(f"--build-date must be YYYY-MM-DD, got '{args.build_date}'") from None
    try:
        urls = Urls(args.site_url)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    repository = Path(args.catalogue).resolve().parent  # the catalogue's repository: governance/, schemas/
    if args.registry is not None and not args.registry.is_file():
        raise UsageError(f"registry file '{args.registry}' does not exist (default: {REGISTRY_FILE})")
    try:
        catalogue = load_catalogue(args.catalogue, today=build_date, expiring_within=args.expiring_days)
        registry = load_registry(args.registry or repository / REGISTRY_FILE)
    except CatalogueError as exc:
        sys.stdout.write(REPORTERS["text"](exc.problems, 0))
        return 1
    history = read_history(args.catalogue)
    changes = content_changes(history, args.catalogue, catalogue.register.renamed_from()) if history.available else None
    schemas = repository / "schemas"
    pub = Publication(
        catalogue,
        urls,
        build_date,
        registry,
        history,
        read_history(schemas) if schemas.is_dir() else History(),
        changes,
    )
    result = write_api_files(pub, args.out)
    print(f"wrote {len(result.written)} files under {args.out / 'api' / 'v1'}")
    for program_id, problems in result.skipped_ctdl.items():
        print(f"no CTDL file for {program_id}: {'; '.join(problems)}")
    return 0
