"""The mccat command as a provider or CI uses it: exit codes, formats, templates."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from mccat.cli.main import main

REPO = Path(__file__).parents[1]
CASES = REPO / "tests/cases"


def mccat(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mccat", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "hooks")},
    )


def test_sample_catalogue_is_valid_and_strict_clean():
    result = mccat("validate", "--strict", cwd=REPO)
    assert result.returncode == 0, result.stdout
    assert re.match(r"ok: \d+ file\(s\) valid", result.stdout.splitlines()[-1])
    assert " error [" not in result.stdout and " warning [" not in result.stdout


def test_usage_errors_exit_2(tmp_path):
    assert mccat("validate", "--format", "xml", cwd=tmp_path).returncode == 2
    missing = mccat("--catalogue", "nowhere", "validate", cwd=tmp_path)
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    assert "Traceback" not in missing.stderr
    assert mccat("new", "program", "Not An Id", cwd=tmp_path).returncode == 2


@pytest.fixture
def broken(tmp_path):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(CASES / "base", catalogue)
    shutil.copytree(CASES / "governance", tmp_path / "governance")
    shutil.copytree(CASES / "invalid/schema-enum-typo/catalogue", catalogue, dirs_exist_ok=True)
    shutil.copytree(CASES / "invalid/warn-few-hours/catalogue/programs", catalogue / "programs", dirs_exist_ok=True)
    shutil.copytree(CASES / "invalid/schema-enum-typo/catalogue", catalogue, dirs_exist_ok=True)
    return tmp_path


def test_json_report(broken):
    result = mccat("validate", "--format", "json", cwd=broken)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["files_checked"] == 4 and report["errors"] == 1
    [problem] = report["problems"]
    assert problem["file"] == "catalogue/programs/example-univ/python-basics.yaml"
    assert (problem["line"], problem["column"], problem["rule"]) == (47, 9, "schema.enum")
    assert "`online` (Online)" in problem["hint"]["en"] and "`online`（オンライン）" in problem["hint"]["ja"]
    assert problem["fix"] == {"line": 47, "column": 9, "old": "onlne", "new": "online"}


def test_github_annotations(broken):
    result = mccat("validate", "--format", "github", cwd=broken)
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(
        "::error file=catalogue/programs/example-univ/python-basics.yaml,line=47,col=9,title=schema.enum::"
    )
    ja, en = first.split("::", 2)[2].split("%0A%0A")
    assert (
        ja.startswith("「実施形態」（`delivery.mode`）の値 `onlne`")
        and "ヒント: `online`（オンライン）の書き間違い" in ja
    )
    assert en.startswith("Delivery mode (`delivery.mode`) is `onlne`") and "hint: did you mean `online` (Online)?" in en


def test_validate_named_files_only(broken):
    good = "catalogue/programs/example-univ/data-certificate.yaml"
    assert mccat("validate", good, cwd=broken).returncode == 0
    assert mccat("validate", "catalogue/programs/example-univ/python-basics.yaml", cwd=broken).returncode == 1
    assert mccat("validate", "catalogue/programs/example-univ/nope.yaml", cwd=broken).returncode == 1


def test_new_program_template_points_at_every_empty_field(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(CASES / "base", tmp_path / "catalogue")
    assert main(["new", "program", "example-univ/new-course"]) == 0
    path = tmp_path / "catalogue/programs/example-univ/new-course.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/program.schema.json\n")
    for label in ("Learning outcomes / 学修成果", "Credential formats / 証明の形式"):
        assert label in text
    assert "approval" not in text  # the committee decides in catalogue/decisions/, not the provider
    assert main(["new", "program", "example-univ/new-course"]) == 2  # never overwrites
    capsys.readouterr()
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "error [yaml." not in out and "Traceback" not in out
    assert "Title (`title.ja`) is empty" in out and "Hours (`effort.hours`) is empty; it must be a number" in out


def test_template_offers_every_field_of_the_schema():
    from mccat.authoring.scaffold import scaffold
    from mccat.model.schema import descriptors

    text = scaffold("program", "x")
    for d in descriptors("program"):
        assert f"{d.path[-1]}:" in text, d.name
        assert d.title["ja"] in text and d.title["en"] in text, d.name


def test_new_provider(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "catalogue").mkdir()
    assert main(["new", "provider", "my-college"]) == 0
    text = (tmp_path / "catalogue/providers/my-college.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/provider.schema.json\n")
    assert "Maintainers / 担当アカウント" in text


@pytest.mark.parametrize("provider", ["on", "no", "123", "null"])
def test_a_new_programs_provider_id_stays_text(tmp_path, capsys, monkeypatch, provider):
    """`provider: on` is a boolean to YAML, `provider: 123` a number: the template quotes the id."""
    monkeypatch.chdir(tmp_path)
    assert main(["new", "program", f"{provider}/basics", "--stdout"]) == 0
    data = yaml.safe_load(capsys.readouterr().out)
    assert data["provider"] == provider


def test_new_never_writes_through_a_link_out_of_the_catalogue(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "catalogue/providers").mkdir(parents=True)
    (tmp_path / "catalogue/programs").mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "catalogue/providers/evil.yaml").symlink_to(outside / "target.txt")  # dangling: exists() is False
    (tmp_path / "catalogue/programs/evil2").symlink_to(outside)
    assert main(["new", "provider", "evil"]) == 2
    assert main(["new", "program", "evil2/x"]) == 2
    assert "leads out of the catalogue" in capsys.readouterr().err
    assert list(outside.iterdir()) == []


def test_synth_writes_a_valid_catalogue(tmp_path):
    out = tmp_path / "synthetic"
    assert main(["synth", "--programs", "60", "--providers", "4", "--seed", "3", "--out", str(out)]) == 0
    assert len(list(out.glob("programs/*/*.yaml"))) == 60
    assert main(["--catalogue", str(out), "validate", "--strict"]) == 0


def test_new_decision_fills_in_what_is_known_and_points_at_the_rest(tmp_path, capsys, monkeypatch):
    """`mccat new decision`: the date, kind and programs filled in, a withdrawal's records taken from the files
    (so the page can stay once the file is gone); the reason, reviewers and evidence left for the committee."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(CASES / "base", tmp_path / "catalogue")
    shutil.copytree(CASES / "governance", tmp_path / "governance")
    program = "example-univ/python-basics"
    args = ["new", "decision", "MCR-2026-050", "--kind", "withdraw", "--program", program]
    assert main(args) == 0
    path = tmp_path / "catalogue/decisions/MCR-2026-050.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/decision.schema.json\n")
    assert "\nkind: withdraw\n" in text and f"\nprograms:\n  - {program}\n" in text
    assert "ja: Pythonによるデータ分析入門" in text and "provider_name:" in text
    assert main(args) == 2  # never overwrites
    capsys.readouterr()
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "Reason (`reason.ja`) is empty" in out and "Reviewers (`reviewers`) needs at least 1 item" in out
    assert "Traceback" not in out
    assert main(["new", "decision", "decision-1"]) == 2
    assert main(["new", "decision", "MCR-2026-051", "--kind", "promote"]) == 2
    assert main(["new", "program", "example-univ/x", "--kind", "approve"]) == 2
    assert "not a decision number" in capsys.readouterr().err


def test_validate_takes_the_day_and_the_committee_list(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(CASES / "base", tmp_path / "catalogue")
    assert main(["validate", "--strict"]) == 1  # no committee list beside the catalogue: reviewers unchecked
    assert "[decision.reviewer] the reviewers cannot be checked" in capsys.readouterr().out
    assert main(["validate", "--strict", "--committee", str(CASES / "governance/committee.yaml")]) == 0
    capsys.readouterr()
    committee = ["--committee", str(CASES / "governance/committee.yaml")]
    assert main(["validate", *committee, "--today", "2025-03-13"]) == 1  # the approval is dated 2025-03-14
    assert "[decision.future]" in capsys.readouterr().out


def test_new_files_get_their_own_ctid_and_new_ctid_prints_one(tmp_path, capsys, monkeypatch):
    """`mccat new` writes a fresh CTID into the file (uncommented: it is given once, at creation);
    `mccat new ctid` prints one for a file that has none. No two are the same."""
    import re

    monkeypatch.chdir(tmp_path)
    shutil.copytree(CASES / "base", tmp_path / "catalogue")
    assert main(["new", "program", "example-univ/one"]) == 0
    assert main(["new", "program", "example-univ/two"]) == 0
    assert main(["new", "provider", "my-college"]) == 0
    ctids = []
    for path in ("programs/example-univ/one.yaml", "programs/example-univ/two.yaml", "providers/my-college.yaml"):
        lines = (tmp_path / "catalogue" / path).read_text(encoding="utf-8").splitlines()
        ctids += [line.removeprefix("ctid: ") for line in lines if line.startswith("ctid: ")]
    capsys.readouterr()
    assert main(["new", "ctid"]) == 0
    ctids.append(capsys.readouterr().out.strip())
    pattern = re.compile(r"^ce-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
    assert len(ctids) == 4 and len(set(ctids)) == 4
    assert all(pattern.match(ctid) for ctid in ctids), ctids
    assert main(["new", "ctid", "example-univ/x"]) == 2
    assert main(["new", "program"]) == 2
