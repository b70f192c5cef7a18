"""What every subcommand shares: the usage error (exit status 2) and the catalogue folder's default."""

from __future__ import annotations

import os
from pathlib import Path


class UsageError(Exception):
    """Bad arguments: `mccat` prints the message and exits with status 2."""


def default_catalogue() -> Path:
    return Path(os.environ.get("MCCAT_CATALOGUE", "catalogue"))


def require_catalogue(folder: Path) -> None:
    if not folder.is_dir():
        raise UsageError(f"catalogue folder '{folder}' does not exist (use --catalogue DIR)")
