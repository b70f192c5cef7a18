"""Case-folder acceptance tests for `mccat validate`.

Each folder in tests/cases/invalid/<case>/ holds files that are laid over the
small valid catalogue in tests/cases/base/ (with the committee list
tests/cases/governance/ beside it), an optional `args` file (extra
command-line arguments), and `expected.txt`: the exact report a provider
would see, exit status first. The validator is run on the day given by an
`args` file's `--today`, or today: a case that depends on the day says so. Regenerate after a deliberate message change
with `MCCAT_UPDATE_CASES=1 pytest tests/test_validate_cases.py`, then review
the diff of the expected files like any other change.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from mccat.cli.main import main

CASES = Path(__file__).parent / "cases"
INVALID = sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir())


def lay_out(case: Path, tmp_path: Path) -> Path:
    """The base catalogue with the case's files over it, and the committee list beside it."""
    catalogue = tmp_path / "catalogue"
    shutil.copytree(CASES / "base", catalogue)
    shutil.copytree(CASES / "governance", tmp_path / "governance")
    shutil.copytree(case / "catalogue", catalogue, dirs_exist_ok=True)
    for removed in (case / "removed").read_text().split() if (case / "removed").exists() else []:
        (catalogue / removed).unlink()
    return catalogue


def run_case(case: Path, tmp_path: Path, capsys, monkeypatch, extra: list[str] | None = None) -> str:
    lay_out(case, tmp_path)
    args = case_args(case)
    monkeypatch.chdir(tmp_path)
    status = main(["--catalogue", "catalogue", "validate", *args, *(extra or [])])
    return f"exit: {status}\n" + capsys.readouterr().out


def case_args(case: Path, keep: tuple[str, ...] | None = None) -> list[str]:
    """The case's extra arguments (all of them, or only the options in `keep` with their values)."""
    args = (case / "args").read_text().split() if (case / "args").exists() else []
    if keep is None:
        return args
    return [a for i, a in enumerate(args) if a in keep or (i and args[i - 1] in keep)]


def test_base_catalogue_is_valid(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(CASES / "base", tmp_path / "catalogue")
    shutil.copytree(CASES / "governance", tmp_path / "governance")
    assert main(["--catalogue", "catalogue", "validate", "--strict"]) == 0
    assert capsys.readouterr().out == "ok: 4 file(s) valid\n"


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_invalid_case(case: Path, tmp_path, capsys, monkeypatch):
    report = run_case(case, tmp_path, capsys, monkeypatch)
    expected_file = case / "expected.txt"
    if os.environ.get("MCCAT_UPDATE_CASES"):
        expected_file.write_text(report, encoding="utf-8")
    assert report == expected_file.read_text(encoding="utf-8")
    assert not report.startswith("exit: 0"), "an invalid case must fail"
    assert "Traceback" not in report


WARNING_CASES = [p for p in INVALID if p.name.startswith("warn-")]


@pytest.mark.parametrize("case", WARNING_CASES, ids=[p.name for p in WARNING_CASES])
def test_warnings_do_not_fail_without_strict(case: Path, tmp_path, capsys, monkeypatch):
    lay_out(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["--catalogue", "catalogue", "validate", *case_args(case, keep=("--today",))]) == 0
    out = capsys.readouterr().out
    assert " warning [" in out and " error [" not in out


def test_every_rule_is_covered_by_a_case():
    """Each rule the validator can report has at least one case folder showing its message."""
    reported = set()
    for case in INVALID:
        for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
            if "] " in line and " [" in line:
                reported.add(line.split(" [", 1)[1].split("]", 1)[0])
    core = Path(__file__).parents[1] / "src/mccat/validation"
    source = "\n".join(
        (core / name).read_text(encoding="utf-8")
        for name in ("source.py", "validate.py", "rules.py", "schema_messages.py")
    )
    source += (core.parent / "model" / "lifecycle.py").read_text(encoding="utf-8")  # the life cycle's refusals
    import re

    rules = set(
        re.findall(
            r'"((?:yaml|file|id|provider|stacking|date|decision|delivery|text|plausibility|url|designation)\.[a-z-]+)"',
            source,
        )
    )
    rules |= {
        f"schema.{k}"
        for k in (
            "required",
            "additionalProperties",
            "type",
            "enum",
            "const",
            "pattern",
            "minLength",
            "minItems",
            "uniqueItems",
            "minimum",
            "maximum",
        )
    }
    missing = sorted(
        rules
        - reported
        - {
            "file.missing",
            "file.unreadable",
            "file.symlink",
            "file.not-a-file",
            "file.too-large",
            "yaml.complex-key",
            "file.too-many-problems",
            "stacking.fan-in",  # needs 51 programs: tests/test_stacking_limits.py
        }
    )
    assert not missing, f"rules without a case folder: {missing}"
