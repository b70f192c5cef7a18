"""Approval history cannot be forged by a commit subject (issue 20, hole 5): git output is split on NUL and on a
marker no commit can know in advance; hashes and dates are checked; a malformed record is skipped with a
warning, never a traceback that stops every later build."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from datetime import date

import pytest

from mccat import environment_without_secrets
from mccat.model.history import parse_log, read_history
from mccat.review.git_revisions import resolve
from tests.git_catalogue import CatalogueRepo

FAKE = "0" * 40
FORGED_SUBJECTS = [
    f"edit\x1e{FAKE}\x1f2020-01-01\x1fMerge pull request #999 from evil/branch",
    f"edit\x1e{FAKE}\x1fnot-a-date\x1fforged",  # used to crash every later build
    f"edit\x00{FAKE}\x002020-01-01\x00Merge pull request #998",  # git cuts a subject at NUL
    f"edit\n\n{FAKE}\x1f2020-01-01",
]


@pytest.fixture
def repo(tmp_path):
    repo = CatalogueRepo(tmp_path / "repo")
    repo.commit("Add the catalogue")
    return repo


def _subject_commit(repo: CatalogueRepo, subject: str) -> str:
    """A commit whose message is exactly subject, NUL included (written as a raw object, as an attacker could)."""
    program = sorted((repo.root / "catalogue/programs").glob("*/*.yaml"))[0]
    repo.change(program, lambda d: d["effort"].update(hours=d["effort"]["hours"] + 1))
    repo.git("add", "-A")
    tree = repo.git("write-tree")
    parent = repo.git("rev-parse", "HEAD")
    raw = (
        f"tree {tree}\nparent {parent}\nauthor a <a@example.org> 1767225600 +0000\n"
        f"committer a <a@example.org> 1767225600 +0000\n\n{subject}\n"
    )
    sha = (
        subprocess.run(
            ["git", "hash-object", "-t", "commit", "-w", "--literally", "--stdin"],
            cwd=repo.root,
            input=raw.encode(),
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .strip()
    )
    repo.git("reset", "-q", "--hard", sha)
    return sha


@pytest.mark.parametrize("subject", FORGED_SUBJECTS)
def test_a_commit_subject_cannot_forge_a_history_record(repo, subject):
    real = _subject_commit(repo, subject)
    history = read_history(repo.root / "catalogue")
    assert history.available
    commits = set(repo.git("log", "--format=%H").split())
    records = [change for changes in history.changes.values() for change in changes]
    assert records
    assert {c.commit for c in records} <= commits and FAKE not in {c.commit for c in records}
    assert all(re.fullmatch(r"[0-9a-f]{40}", c.commit) for c in records)
    assert all(date.fromisoformat(c.date) for c in records)
    mine = [c for c in records if c.commit == real]
    assert len(mine) == 1 and mine[0].subject.startswith("edit") and mine[0].date == "2026-01-01"
    assert all(c.commit == real or c.date != "2020-01-01" for c in records)  # no record with the forged date


def test_malformed_records_are_skipped_with_a_warning_not_a_traceback():
    marker = "\x00MARK"
    file = f":100644 100644 {'1' * 40} {'2' * 40} M\x00programs/p/s.yaml\x00"
    good = f"{'a' * 40}\x002026-01-02\x00fine\x00\n{file}"
    output = (
        f"{marker}{good}"
        f"{marker}{'z' * 40}\x002026-01-02\x00bad hash\x00\n{file}"
        f"{marker}{'b' * 40}\x002026-02-30\x00not a day\x00\n{file}"
        f"{marker}{'c' * 40}\x00garbage"
    )
    warnings: list[str] = []
    changes = parse_log(output, None, marker=marker, warnings=warnings)
    assert [c.commit for c in changes["programs/p/s.yaml"]] == ["a" * 40]
    assert len(warnings) == 3 and all("skipped" in w for w in warnings)


def test_git_never_gets_the_signing_key(tmp_path, monkeypatch):
    """git (and Pagefind) are not our code: the build's private key stays out of their environment."""

    spy, seen = tmp_path / "bin", tmp_path / "seen"
    spy.mkdir()
    real = shutil.which("git")
    (spy / "git").write_text(f'#!/bin/sh\nenv >> "{seen}"\nexec "{real}" "$@"\n', encoding="utf-8")
    (spy / "git").chmod(0o755)
    repo = tmp_path / "repo"
    subprocess.run([real, "init", "-q", str(repo)], check=True)
    monkeypatch.setenv("PATH", f"{spy}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("MCCAT_SIGNING_KEY", "z-the-committee-s-secret")
    read_history(repo)
    with contextlib.suppress(Exception):
        resolve(repo, "HEAD")
    assert seen.read_text(encoding="utf-8").count("PATH=") >= 2, "both went through git"
    assert "z-the-committee-s-secret" not in seen.read_text(encoding="utf-8")
    assert "MCCAT_SIGNING_KEY" not in environment_without_secrets()
