"""What every subcommand shares: the usage error (exit status 2) and the catalogue folder's default."""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path


class UsageError(Exception):
    """Bad arguments: `mccat` prints the message and exits with status 2."""


def default_catalogue() -> Path:
    return Path(os.environ.get("MCCAT_CATALOGUE", "catalogue"))


def require_catalogue(folder: Path) -> None:
    if not folder.is_dir():
        raise UsageError(f"catalogue folder '{folder}' does not exist (use --catalogue DIR)")


def day(text: str) -> date:
    """A YYYY-MM-DD command-line argument."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None
