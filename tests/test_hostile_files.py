"""Hostile files never crash the validator: each yields a clean, located error in bounded time."""

from __future__ import annotations

import resource
import shutil
import time
from pathlib import Path

import pytest

from mccat.validation.validate import validate
from tests.hostile.corpus import CORPUS, SPECIAL

CASES = Path(__file__).parent / "cases"
ALL = CORPUS + SPECIAL


def test_corpus_is_large_enough():
    assert len(ALL) >= 100
    assert len({name for name, _ in ALL}) == len(ALL)


@pytest.mark.parametrize("name, make", ALL, ids=[name for name, _ in ALL])
def test_hostile_file_gives_a_clean_error(name, make, tmp_path, monkeypatch):
    root = tmp_path / "catalogue"
    shutil.copytree(CASES / "base", root)
    target = root / "programs/example-univ" / f"{name}.yaml"
    make(target)
    monkeypatch.chdir(tmp_path)
    started = time.process_time()  # CPU seconds: other work on a shared machine does not count
    result = validate(root, workers=1)
    elapsed = time.process_time() - started
    mine = [p for p in result.problems if p.file == f"catalogue/programs/example-univ/{name}.yaml"]
    assert any(p.is_error for p in mine), f"no error for {name}: {result.problems}"
    for problem in mine:
        assert problem.line >= 1 and problem.column >= 1
        for lang in ("ja", "en"):
            assert problem.message_in(lang) and problem.hint_in(lang), problem
            assert "Traceback" not in problem.message_in(lang)
    # The base files stay valid: one bad file never hides or breaks the others.
    others = [p for p in result.problems if p.is_error and "example-univ/python-basics" in p.file]
    assert not others, others
    assert len(mine) <= 51, "a hopeless file gets at most 50 problems and a note"
    # A guard against runaway (quadratic, exponential) cases, not a speed measure (bench/ measures speed):
    # the slowest case takes about 3.5 CPU seconds.
    assert elapsed < 10, f"{name} took {elapsed:.1f} CPU seconds"


def test_memory_stays_bounded_on_the_worst_files(tmp_path, monkeypatch):
    """The alias bomb and the deepest nesting must not blow up memory (measured in this process)."""
    root = tmp_path / "catalogue"
    shutil.copytree(CASES / "base", root)
    for name, make in CORPUS:
        if name in ("billion-laughs", "alias-bomb", "deep-flow-nesting", "deep-unclosed", "many-keys", "huge-file"):
            make(root / "programs/example-univ" / f"{name}.yaml")
    monkeypatch.chdir(tmp_path)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = validate(root, workers=1)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert len(list(result.errors)) >= 6
    assert grown_mb < 200, f"validation grew the process by {grown_mb:.0f} MB"
