"""A folder 1,100 levels deep gives a located error, not a RecursionError (issue 20, hole 10)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from mccat.cli.main import main
from tests.git_catalogue import CatalogueRepo

CASES = Path(__file__).parent / "cases"
LEVELS = 1100


@pytest.fixture(autouse=True)
def remove_deep_folders(tmp_path):
    """shutil.rmtree recurses too: remove the deep folders bottom-up before pytest cleans its temporary folders."""
    yield
    remove_deep(tmp_path)


def remove_deep(top: Path) -> None:
    """Every folder under top, deepest first, with plain strings (Path.rglob recurses as well)."""
    folders, stack = [], [str(top)]
    while stack:
        folder = stack.pop()
        folders.append(folder)
        stack.extend(e.path for e in os.scandir(folder) if e.is_dir(follow_symlinks=False))
    for folder in sorted(folders[1:], key=lambda f: -f.count(os.sep)):
        for entry in os.scandir(folder):
            if not entry.is_dir(follow_symlinks=False):
                os.unlink(entry.path)
        os.rmdir(folder)


def deep_folder(top: Path, levels: int = LEVELS) -> Path:
    path = top
    for _ in range(levels):  # os.makedirs recurses too
        path = path / "d"
        path.mkdir()
    (path / "x.yaml").write_text("title: deep\n", encoding="utf-8")
    return path


def test_validate_reports_a_deep_folder_with_a_location(tmp_path, monkeypatch, capsys):
    root = tmp_path / "catalogue"
    shutil.copytree(CASES / "base", root)
    deep_folder(root / "programs" / "example-univ")
    monkeypatch.chdir(tmp_path)
    status = main(["validate"])
    out, err = capsys.readouterr()
    assert status == 1 and "Traceback" not in out + err and "RecursionError" not in out + err
    line = next(l for l in out.splitlines() if "folder.too-deep" in l)
    assert line.startswith("catalogue/programs/example-univ/d/d:1:1: error [folder.too-deep]"), line
    assert len(out) < 5000  # one problem for the whole tree, not one per level


def test_the_working_tree_diff_survives_a_deep_folder(tmp_path, monkeypatch, capsys):
    repo = CatalogueRepo(tmp_path / "repo")
    base = repo.commit("base")
    deep_folder(repo.root / "catalogue" / "programs" / "example-kosen")
    status, out, err = repo.mccat(monkeypatch, capsys, "diff", base)
    assert status in (0, 1) and "Traceback" not in out + err
    status, out, err = repo.mccat(monkeypatch, capsys, "check-ownership", "--author", "x", base)
    assert "Traceback" not in out + err
