"""SECURITY.md stays true to the tree: every file it names exists, and the numbers it quotes are the
limits the code enforces."""

from __future__ import annotations

import re
from pathlib import Path

from mccat.validation.rules import MAX_ID_LENGTH, MAX_STACKED_FROM, MAX_STACKS_INTO
from mccat.validation.source import MAX_DEPTH, MAX_FILE_BYTES
from mccat.validation.validate import MAX_FOLDER_DEPTH, MAX_PROBLEMS_PER_FILE
from tests.hostile.corpus import CORPUS, SPECIAL
from tests.hostile.xss import TEXT_PAYLOADS, URL_PAYLOADS

ROOT = Path(__file__).resolve().parents[1]
TEXT = (ROOT / "SECURITY.md").read_text(encoding="utf-8")


def test_every_file_it_names_exists():
    named = set(re.findall(r"`((?:tests|hooks|\.github|governance)/[^`]+)`", TEXT))
    assert named, "SECURITY.md names the files that keep its promises"
    assert sorted(n for n in named if not (ROOT / n).exists()) == []


def test_the_limits_it_quotes_are_the_enforced_ones():
    assert f"at most {MAX_FILE_BYTES // 1024} KiB and {MAX_DEPTH} levels deep" in TEXT
    assert f"At most {MAX_PROBLEMS_PER_FILE} problems are listed per file" in TEXT
    assert f"a corpus of {len(CORPUS) + len(SPECIAL)} hostile files" in TEXT.replace("\n", " ")
    assert (
        f"{len(TEXT_PAYLOADS)} XSS payloads in every text field and {len(URL_PAYLOADS)} breaking-out URLs"
        in TEXT.replace("\n", " ")
    )


def test_the_limits_of_issue_20_are_the_enforced_ones():
    text = TEXT.replace("\n", " ")
    assert f"more than {MAX_FOLDER_DEPTH} levels inside the catalogue" in text
    assert f"has at most {MAX_ID_LENGTH} characters" in text
    assert f"stacks into at most {MAX_STACKS_INTO} others and at most {MAX_STACKED_FROM} stack into one" in text


def test_every_promise_names_a_test():
    promises = [p for p in TEXT.split("## What it does not promise")[0].split("\n\n") if p.startswith("**")]
    assert len(promises) >= 9
    assert [p[:60] for p in promises if "`tests/" not in p] == []
