"""Ids are short enough for every file name made from them (issue 20, hole 7): a 245-character slug used to
validate and then fail the build with "File name too long". The longest valid id builds."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from mccat.model.schema import load_schema
from mccat.publish.exports import api_files
from mccat.publish.publication import Publication
from mccat.publish.urls import Urls
from mccat.validation.load import load_catalogue
from mccat.validation.rules import MAX_ID_LENGTH
from mccat.validation.validate import validate
from tests.conftest import run_mkdocs_build

CASES = Path(__file__).parent / "cases"
NAME_MAX = 255  # bytes in a file name on Linux, macOS and Windows file systems
MARGIN = 64  # room for what tools add: temporary-file prefixes and suffixes, backups, archive names


def make_catalogue(root: Path, provider: str, slug: str) -> Path:
    """The base case catalogue with its provider renamed and one program's slug changed."""
    shutil.copytree(CASES / "base", root)
    (root / "providers/example-univ.yaml").rename(root / f"providers/{provider}.yaml")
    (root / "programs/example-univ").rename(root / f"programs/{provider}")
    for path in (root / "programs" / provider).glob("*.yaml"):
        text = path.read_text(encoding="utf-8").replace("example-univ/data-certificate", f"{provider}/{slug}")
        path.write_text(text.replace("provider: example-univ", f"provider: {provider}"), encoding="utf-8")
    (root / f"programs/{provider}/data-certificate.yaml").rename(root / f"programs/{provider}/{slug}.yaml")
    for path in (root / "decisions").glob("*.yaml"):  # the committee's decisions name the programs too
        text = path.read_text(encoding="utf-8").replace("example-univ/data-certificate", f"{provider}/{slug}")
        path.write_text(text.replace("example-univ/", f"{provider}/"), encoding="utf-8")
    return root


def longest_id() -> tuple[str, str]:
    word = "abcdefghi-"
    part = (word * 10)[: MAX_ID_LENGTH - 1] + "z"
    return "p" + part[1:], part


def test_the_limit_is_the_schemas():
    defs = load_schema("program")["$defs"]
    assert defs["slug"]["maxLength"] == MAX_ID_LENGTH and defs["program_id"]["maxLength"] == 2 * MAX_ID_LENGTH + 1


@pytest.mark.parametrize("where", ["slug", "provider"])
def test_an_id_part_too_long_is_a_located_error(tmp_path, monkeypatch, where):
    provider, slug = ("example-univ", "a" * 245) if where == "slug" else ("b" * (MAX_ID_LENGTH + 1), "ok")
    root = make_catalogue(tmp_path / "catalogue", provider, slug)
    monkeypatch.chdir(tmp_path)
    problems = [p for p in validate(root).problems if p.rule == "id.too-long"]
    assert problems, [str(p) for p in validate(root).problems]
    assert all(p.line >= 1 and str(MAX_ID_LENGTH) in p.message_in("en") and p.hint for p in problems)


def test_every_file_name_made_from_the_longest_id_fits_with_margin(tmp_path):
    provider, slug = longest_id()
    root = make_catalogue(tmp_path / "catalogue", provider, slug)
    assert [p for p in validate(root).problems if p.is_error] == []
    pub = Publication(load_catalogue(root), Urls("https://registry.example.org"), date(2026, 1, 15))
    files = api_files(pub)
    longest = max((part for name in files for part in name.split("/")), key=lambda p: len(p.encode()))
    assert slug in longest
    temporary = len(f".{longest}.12345678.tmp".encode())  # exports.write_file's temporary name
    assert temporary <= NAME_MAX - MARGIN, (len(longest), temporary)


@pytest.mark.build
def test_the_longest_valid_id_builds(tmp_path):
    provider, slug = longest_id()
    root = make_catalogue(tmp_path / "catalogue", provider, slug)
    site = tmp_path / "site"
    status, output, _ = run_mkdocs_build(site, catalogue=root, build_date=date(2026, 1, 15))
    assert status == 0, output[-3000:]
    for lang in ("ja", "en"):
        assert (site / lang / "programs" / provider / slug / "index.html").is_file()
    assert (site / "api/v1/programs" / provider / f"{slug}.achievement.ja.json").is_file()
