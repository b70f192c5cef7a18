"""No control character from data reaches a terminal (issue 20, hole 4): ESC sequences used to erase the
"learner hours cut" flag from the reviewer's screen. Every text output writes them out as <U+001B>."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from mccat.validation.source import load_yaml
from tests.git_catalogue import CatalogueRepo

ERASE_PREVIOUS_LINE = "\x1b[1A\x1b[2K\r"  # cursor up, erase the line, back to its start
C1_CSI = "\x9b2K"  # the one-byte C1 form of the same
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # what a terminal acts on (tab and newline aside)
CASES = Path(__file__).parent / "cases"


@pytest.fixture
def repo(tmp_path):
    repo = CatalogueRepo(tmp_path / "repo")
    repo.base = repo.commit("base")
    return repo


def test_escape_sequences_cannot_erase_a_flag_from_the_text_diff(repo, monkeypatch, capsys):
    program = sorted((repo.root / "catalogue/programs").glob("*/*.yaml"))[0]
    data = repo.read(program)
    data["effort"]["hours"] = data["effort"]["hours"] - 5
    data["summary"]["en"] = "Fine." + ERASE_PREVIOUS_LINE * 3 + C1_CSI
    data["x-note\x1b[8m"] = "hidden key"  # an unknown key is printed as a field name
    repo.write(program, data)
    evil = program.parent / "evil\x1b[2K.yaml"
    repo.write(evil, data)
    head = repo.commit("erase the flag")
    status, out, _ = repo.mccat(monkeypatch, capsys, "diff", repo.base, head, "--format", "text", "--lang", "en")
    assert CONTROL.findall(out) == []
    assert "<U+001B>[1A<U+001B>[2K<U+000D>" in out and "<U+009B>2K" in out
    assert "x-note<U+001B>[8m" in out and "evil<U+001B>[2K" in out
    assert any(line.strip().startswith("! Learner hours cut") for line in out.splitlines())


def test_a_line_break_in_a_value_cannot_forge_a_line_of_the_text_diff(repo, monkeypatch, capsys):
    program = sorted((repo.root / "catalogue/programs").glob("*/*.yaml"))[0]
    repo.change(program, lambda d: d["title"].update(en="Safe\n  ! Learner hours cut: 10 → 100\u2028\x85x"))
    head = repo.commit("forge")
    _, out, _ = repo.mccat(monkeypatch, capsys, "diff", repo.base, head, "--format", "text", "--lang", "en")
    assert not any(line.startswith("  ! Learner hours cut: 10") for line in out.splitlines())
    assert "Safe ⏎   ! Learner hours cut: 10 → 100<U+2028><U+0085>x" in out


def test_validate_reports_reveal_control_characters(tmp_path, monkeypatch, capsys):
    root = tmp_path / "catalogue"
    shutil.copytree(CASES / "base", root)
    monkeypatch.chdir(tmp_path)
    path = root / "programs/example-univ/python-basics.yaml"
    data = load_yaml(path).data
    data["unknown\x1b[2K"] = 1
    data["provider"] = "x\x1b]0;title\x07"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    bad_name = root / "programs/example-univ/bad\x1b[1Aname.yaml"
    shutil.copy(path, bad_name)
    from mccat.cli.main import main

    for fmt in ("text", "github"):
        capsys.readouterr()
        assert main(["validate", "--format", fmt]) == 1
        out = capsys.readouterr().out
        assert CONTROL.findall(out) == [], fmt
        assert "<U+001B>" in out


def test_ownership_output_reveals_control_characters_in_paths(repo, monkeypatch, capsys):
    repo.write_text("governance/committee.yaml", "members:\n  - chair\n")
    repo.base = repo.commit("committee")
    repo.write_text("catalogue/programs/example-kosen/x\x1b[2K\x1b[1A.yaml", "a: 1\n")
    repo.write_text("docs/\x1b[32mok\x1b[0m", "x\n")
    head = repo.commit("paths")
    status, out, _ = repo.mccat(monkeypatch, capsys, "check-ownership", "--author", "someone", repo.base, head)
    assert status == 1
    assert CONTROL.findall(out) == []
    assert "DENY docs/<U+001B>[32mok<U+001B>[0m" in out
