"""File-system oddities a pull request can bring: links, folders, huge files, missing paths."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from mccat.validation.validate import validate

CASES = Path(__file__).parent / "cases"


@pytest.fixture
def catalogue(tmp_path, monkeypatch):
    root = tmp_path / "catalogue"
    shutil.copytree(CASES / "base", root)
    monkeypatch.chdir(tmp_path)
    return root


def rules(result):
    return [(p.file, p.rule) for p in result.problems]


def test_symlink_is_refused(catalogue):
    (catalogue / "programs/example-univ/link.yaml").symlink_to("/etc/passwd")
    assert ("catalogue/programs/example-univ/link.yaml", "file.symlink") in rules(validate(catalogue))


def test_directory_where_a_file_belongs(catalogue):
    (catalogue / "programs/example-univ/folder.yaml").mkdir()
    assert ("catalogue/programs/example-univ/folder.yaml", "file.not-a-file") in rules(validate(catalogue))


def test_huge_file_is_refused_without_reading_it_all(catalogue):
    big = catalogue / "programs/example-univ/big.yaml"
    big.write_text("title:\n  ja: " + "あ" * 400_000 + "\n", encoding="utf-8")
    assert ("catalogue/programs/example-univ/big.yaml", "file.too-large") in rules(validate(catalogue))


def test_missing_path_is_reported(catalogue):
    result = validate(catalogue, [catalogue / "programs/nope.yaml"])
    assert rules(result) == [("catalogue/programs/nope.yaml", "file.missing")]


def test_validator_never_modifies_files(catalogue):
    def fingerprint():
        return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(catalogue.rglob("*")) if p.is_file()}

    before = fingerprint()
    shutil.copytree(CASES / "invalid/yaml-duplicate-key/catalogue", catalogue, dirs_exist_ok=True)
    before = fingerprint()
    validate(catalogue)
    assert fingerprint() == before


def test_parallel_and_serial_agree(tmp_path):
    """Large catalogues are checked in worker processes; the report must not change."""
    from mccat.authoring.synth import write_synthetic_catalogue

    root = tmp_path / "synthetic"
    count = write_synthetic_catalogue(root, programs=450, providers=5, seed=7)  # programs, providers, decisions
    bad = root / "programs/synthetic-provider-000/program-00000.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("mode: online", "mode: onlne"), encoding="utf-8")
    serial = validate(root, workers=1)
    parallel = validate(root, workers=2)
    assert serial.files_checked == parallel.files_checked == count > 455
    assert serial.problems == parallel.problems and len(serial.errors) == 1
