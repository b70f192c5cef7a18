"""The catalogue as a model, loaded only once every file is valid."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mccat.model.catalogue import Catalogue, Program, Provider
from mccat.model.decisions import Decision
from mccat.model.lifecycle import EXPIRING_WITHIN_DAYS
from mccat.validation.problems import CatalogueError
from mccat.validation.validate import validate


def load_catalogue(
    root: Path,
    *,
    today: date | None = None,
    committee_file: Path | None = None,
    expiring_within: int = EXPIRING_WITHIN_DAYS,
    include_proposed: bool = False,
) -> Catalogue:
    """Load and validate the whole catalogue; raise CatalogueError listing every error.

    `expiring_within`: days before an approval's end that count as "expiring"; `include_proposed`:
    the site shows programs without a decision too (pull-request previews, mkdocs serve)."""
    result = validate(root, today=today, committee_file=committee_file)
    if result.errors:
        raise CatalogueError(result.problems)
    providers, programs, decisions = {}, {}, {}
    for entry in sorted(result.entries, key=lambda e: e.id):
        if entry.kind == "provider":
            providers[entry.id] = Provider(entry.id, entry.data, entry.file)
        elif entry.kind == "decision":
            decisions[entry.id] = Decision.from_data(entry.id, entry.data, entry.file)
        else:
            programs[entry.id] = Program(entry.id, entry.data, entry.file)
    return Catalogue(
        root,
        providers,
        programs,
        result.warnings,
        decisions,
        expiring_within=expiring_within,
        include_proposed=include_proposed,
    )
