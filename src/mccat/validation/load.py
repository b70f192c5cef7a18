"""The catalogue as a model, loaded only once every file is valid."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mccat.model.catalogue import Catalogue, Program, Provider
from mccat.validation.problems import CatalogueError
from mccat.validation.validate import validate


def load_catalogue(root: Path, *, today: date | None = None) -> Catalogue:
    """Load and validate the whole catalogue; raise CatalogueError listing every error."""
    result = validate(root, today=today)
    if result.errors:
        raise CatalogueError(result.problems)
    providers, programs = {}, {}
    for entry in sorted(result.entries, key=lambda e: e.id):
        if entry.kind == "provider":
            providers[entry.id] = Provider(entry.id, entry.data, entry.file)
        else:
            programs[entry.id] = Program(entry.id, entry.data, entry.file)
    return Catalogue(root, providers, programs, result.warnings)
