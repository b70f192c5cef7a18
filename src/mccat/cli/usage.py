"""What every subcommand shares: the usage error (exit status 2) and the catalogue folder's default."""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path

from mccat.validation.messages import Shown, Text, language_from_environment, text


class UsageError(Exception):
    """Bad arguments: `mccat` prints the message (a Text, in the reader's language) and exits with status 2."""

    def __init__(self, message: Text):
        self.text = message
        super().__init__(str(message))


def default_catalogue() -> Path:
    return Path(os.environ.get("MCCAT_CATALOGUE", "catalogue"))


def require_catalogue(folder: Path) -> None:
    if not folder.is_dir():
        raise UsageError(text("usage.no-catalogue", folder=Shown(str(folder))))


def day(value: str) -> date:
    """A YYYY-MM-DD command-line argument."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date (YYYY-MM-DD)") from None


def add_lang(parser: argparse.ArgumentParser) -> None:
    """`--lang ja|en`: the language of messages; by default Japanese when the locale is Japanese
    (LC_ALL, LC_MESSAGES, LANG), else English."""
    parser.add_argument(
        "--lang",
        choices=["ja", "en"],
        default=None,
        help="language of messages (default: from LC_ALL/LC_MESSAGES/LANG, Japanese when the locale is Japanese)",
    )


def message_language(args: argparse.Namespace) -> str:
    return getattr(args, "lang", None) or language_from_environment()
