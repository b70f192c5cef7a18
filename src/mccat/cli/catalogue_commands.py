"""Subcommands of the catalogue itself: new, synth, export (validate: mccat.cli.validate_command).

Each `run_*` takes the parsed arguments and returns the exit status (0 ok, 1 invalid data); bad
arguments raise UsageError (exit status 2).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from mccat.authoring.scaffold import scaffold, scaffold_decision
from mccat.authoring.synth import write_synthetic_catalogue
from mccat.cli.usage import UsageError, message_language, require_catalogue
from mccat.model.decisions import decision_number
from mccat.model.history import History, read_history
from mccat.model.identifiers import new_ctid
from mccat.model.vocabulary import vocabularies
from mccat.publish.exports import write_api_files
from mccat.publish.publication import Publication
from mccat.publish.urls import Urls
from mccat.review.content_changes import content_changes
from mccat.validation.load import load_catalogue
from mccat.validation.messages import Listing, Shown, text
from mccat.validation.problems import CatalogueError
from mccat.validation.registry_file import REGISTRY_FILE, load_registry
from mccat.validation.report import REPORTERS
from mccat.validation.rules import ID_PATTERN
from mccat.validation.source import YamlProblem, load_yaml


def _record(catalogue: Path, program: str) -> dict:
    """What a withdrawal or rename records about a program, read from its file and its provider's."""
    provider = program.split("/", 1)[0]
    try:
        data = load_yaml(catalogue / "programs" / f"{program}.yaml").data
        provider_data = load_yaml(catalogue / "providers" / f"{provider}.yaml").data
        title, name = data["title"], provider_data["name"]
    except (YamlProblem, KeyError, TypeError):
        raise UsageError(text("usage.decision-record", program=Shown(program))) from None
    return {"program": program, "title": title, "provider_name": name}


def _decision_template(args: argparse.Namespace) -> tuple[Path, str]:
    if decision_number(args.id) is None:
        raise UsageError(text("usage.decision-id", id=Shown(args.id)))
    kinds = vocabularies()["decision_kind"].codes
    if args.decision_kind is not None and args.decision_kind not in kinds:
        raise UsageError(text("usage.decision-kind", kinds=Listing(tuple(Shown(k) for k in kinds))))
    for program in args.program + ([args.renamed_to] if args.renamed_to else []):
        provider, _, slug = program.partition("/")
        if not (ID_PATTERN.match(provider) and ID_PATTERN.match(slug)):
            raise UsageError(text("usage.program-id", id=Shown(program)))
    records = None
    if args.decision_kind in ("withdraw", "rename"):
        records = [_record(args.catalogue, program) for program in args.program]
    content = scaffold_decision(
        args.decision_kind, args.program, today=date.today(), renamed_to=args.renamed_to, records=records
    )
    return args.catalogue / "decisions" / f"{args.id}.yaml", content


def run_new(args: argparse.Namespace) -> int:
    if args.kind != "decision" and (args.decision_kind or args.program or args.renamed_to):
        raise UsageError(text("usage.decision-options"))
    if args.kind == "ctid":
        if args.id:
            raise UsageError(text("usage.ctid-no-id"))
        print(new_ctid())
        return 0
    if not args.id:
        raise UsageError(text("usage.new-needs-id", kind=args.kind))
    if args.kind == "decision":
        target, content = _decision_template(args)
    elif args.kind == "provider":
        if not ID_PATTERN.match(args.id):
            raise UsageError(text("usage.provider-id", id=Shown(args.id)))
        target = args.catalogue / "providers" / f"{args.id}.yaml"
        content = scaffold("provider", ctid=new_ctid())
    else:
        provider, _, slug = args.id.partition("/")
        if not (ID_PATTERN.match(provider) and ID_PATTERN.match(slug)):
            raise UsageError(text("usage.program-id", id=Shown(args.id)))
        target = args.catalogue / "programs" / provider / f"{slug}.yaml"
        content = scaffold("program", provider, ctid=new_ctid())
    if args.stdout:
        sys.stdout.write(content)
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    # Never through a link out of the catalogue (a linked folder, a dangling link at the file's place): the
    # file is made new here (O_EXCL: an existing file or link is refused), or not at all.
    if not target.parent.resolve().is_relative_to(args.catalogue.resolve()):
        raise UsageError(text("usage.outside-catalogue", file=str(target)))
    try:
        with os.fdopen(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644), "w") as out:
            out.write(content)
    except FileExistsError:
        raise UsageError(text("usage.exists", file=str(target))) from None
    print(text("new.wrote", file=str(target)).render(message_language(args)))
    return 0


def run_synth(args: argparse.Namespace) -> int:
    if args.out.exists() and any(args.out.iterdir()):
        raise UsageError(text("usage.not-empty", folder=str(args.out)))
    count = write_synthetic_catalogue(args.out, programs=args.programs, providers=args.providers, seed=args.seed)
    print(text("synth.wrote", count=count, folder=str(args.out)).render(message_language(args)))
    return 0


def run_export(args: argparse.Namespace) -> int:
    require_catalogue(args.catalogue)
    try:
        build_date = date.fromisoformat(args.build_date) if args.build_date else date.today()
    except ValueError:
        raise UsageError(text("usage.build-date", value=Shown(args.build_date))) from None
    try:
        urls = Urls(args.site_url)
    except ValueError:
        raise UsageError(text("usage.site-url", value=Shown(args.site_url))) from None
    repository = Path(args.catalogue).resolve().parent  # the catalogue's repository: governance/, schemas/
    if args.registry is not None and not args.registry.is_file():
        raise UsageError(
            text("usage.no-registry-file", file=Shown(str(args.registry), whole=True), default=REGISTRY_FILE)
        )
    try:
        catalogue = load_catalogue(args.catalogue, today=build_date, expiring_within=args.expiring_days)
        registry = load_registry(args.registry or repository / REGISTRY_FILE)
    except CatalogueError as exc:
        sys.stdout.write(REPORTERS["text"](exc.problems, 0, message_language(args)))
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
    lang = message_language(args)
    print(text("export.wrote", count=len(result.written), folder=str(args.out / "api" / "v1")).render(lang))
    for program_id, problems in result.skipped_ctdl.items():
        print(text("export.no-ctdl", id=Shown(program_id), reasons="; ".join(problems)).render(lang))
    return 0
