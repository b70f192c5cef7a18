"""Case-folder acceptance tests for `mccat validate`.

Each folder in tests/cases/invalid/<case>/ holds files that are laid over the
small valid catalogue in tests/cases/base/ (with the committee list
tests/cases/governance/ beside it), an optional `args` file (extra
command-line arguments), an optional `removed` file (base files the case
deletes), and `expected.ja.txt` and `expected.en.txt`: the exact report a
provider would see in each language (`--lang ja`, `--lang en`), exit status
first. The validator is run on the day given by an `args` file's `--today`, or
today: a case that depends on the day says so. Regenerate after a deliberate
message change with `MCCAT_UPDATE_CASES=1 pytest tests/test_validate_cases.py`,
then review the diff of the expected files like any other change.

Where a problem carries a fix (the hint says exactly what to type), a test
applies it to the file as the hint says and checks that the file is then valid.
"""

from __future__ import annotations

import json
import os
import re
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
    assert main(["--catalogue", "catalogue", "validate", "--strict", "--lang", "en"]) == 0
    assert capsys.readouterr().out == "ok: 4 file(s) valid\n"
    assert main(["--catalogue", "catalogue", "validate", "--strict", "--lang", "ja"]) == 0
    assert capsys.readouterr().out == "OK：4 ファイルはすべて有効です\n"


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_invalid_case(case: Path, lang: str, tmp_path, capsys, monkeypatch):
    report = run_case(case, tmp_path, capsys, monkeypatch, ["--lang", lang])
    expected_file = case / f"expected.{lang}.txt"
    if os.environ.get("MCCAT_UPDATE_CASES"):
        expected_file.write_text(report, encoding="utf-8")
    assert report == expected_file.read_text(encoding="utf-8")
    assert not report.startswith("exit: 0"), "an invalid case must fail"
    assert "Traceback" not in report


def _json_report(tmp_path: Path, capsys, monkeypatch, args: list[str] | None = None) -> dict:
    monkeypatch.chdir(tmp_path)
    main(["--catalogue", "catalogue", "validate", "--format", "json", *(args or [])])
    return json.loads(capsys.readouterr().out)


def _changed_part(old: str, new: str) -> str:
    """What a fix types: `new` without what it shares with `old` at the start and the end."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[len(old) - 1 - end] == new[len(new) - 1 - end]:
        end += 1
    return new[start : len(new) - end].strip()


def _fixable(case: Path, tmp_path: Path, capsys, monkeypatch) -> list[dict]:
    lay_out(case, tmp_path)
    report = _json_report(tmp_path, capsys, monkeypatch, case_args(case, keep=("--today",)))
    problems = [p for p in report["problems"] if p["severity"] == "error"]
    return problems if problems and all("fix" in p for p in problems) else []


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_the_hint_applied_literally_makes_the_file_valid(case: Path, tmp_path, capsys, monkeypatch):
    """Every case whose errors all carry a fix: the hint shows exactly what to type, and typing it (each
    choice, when the hint offers several) leaves a valid catalogue."""
    problems = _fixable(case, tmp_path, capsys, monkeypatch)
    if not problems:
        pytest.skip("no fix: the hint explains, it does not say what to type")
    choices = max(len(p["fix"].get("choices", [p["fix"]["new"]])) for p in problems)
    for alternative in range(choices):
        work = tmp_path / f"try-{alternative}"
        lay_out(case, work)
        for problem in problems:
            fix = problem["fix"]
            options = fix.get("choices", [fix["new"]])
            new = options[min(alternative, len(options) - 1)]
            typed = _changed_part(fix["old"], new)
            for lang in ("ja", "en"):
                assert f"`{typed}`" in problem["hint"][lang] or f"`{new}`" in problem["hint"][lang], (
                    f"the {lang} hint does not show what to type ({new!r}): {problem['hint'][lang]}"
                )
            path = work / problem["file"]
            if fix.get("rename"):
                assert path.name == fix["old"]
                path.rename(path.with_name(new))
                continue
            lines = path.read_text(encoding="utf-8").split("\n")
            line = lines[fix["line"] - 1]
            start = fix["column"] - 1
            assert line[start : start + len(fix["old"])] == fix["old"], "the fix is not where it says"
            lines[fix["line"] - 1] = line[:start] + new + line[start + len(fix["old"]) :]
            path.write_text("\n".join(lines), encoding="utf-8")
        monkeypatch.chdir(work)
        status = main(["--catalogue", "catalogue", "validate", "--lang", "en", *case_args(case, keep=("--today",))])
        out = capsys.readouterr().out
        assert status == 0, f"still invalid after applying the hint:\n{out}"


# What a Japanese-keyboard mistake is, by rule: the character the problem must point at.
MISTAKEN_CHARACTERS = {
    "input.tab": "\t",
    "input.full-width-indent": "\u3000",
    "input.full-width-space-key": "\u3000",
    "input.full-width-colon": "：",
    "input.full-width-hyphen": "－ーｰ−‐‑‒–—―﹣\u3000",
}


@pytest.mark.parametrize("case", [c for c in INVALID if c.name.startswith("input-")], ids=lambda c: c.name)
def test_each_keyboard_mistake_is_one_error_located_where_it_is(case: Path, tmp_path, capsys, monkeypatch):
    lay_out(case, tmp_path)
    report = _json_report(tmp_path, capsys, monkeypatch, case_args(case, keep=("--today",)))
    errors = [p for p in report["problems"] if p["severity"] == "error"]
    assert len(errors) == 1, errors
    [problem] = errors
    assert problem["rule"].startswith("input."), problem
    line = (tmp_path / problem["file"]).read_text(encoding="utf-8").split("\n")[problem["line"] - 1]
    at = line[problem["column"] - 1 :]
    if problem["rule"] in MISTAKEN_CHARACTERS:
        assert at[:1] and at[0] in MISTAKEN_CHARACTERS[problem["rule"]], (problem, line)
    elif problem["rule"] != "input.empty-choice":
        assert problem["fix"]["old"] and at.startswith(problem["fix"]["old"]), (problem, line)


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
        for line in (case / "expected.en.txt").read_text(encoding="utf-8").splitlines():
            if "] " in line and " [" in line:
                reported.add(line.split(" [", 1)[1].split("]", 1)[0])
    core = Path(__file__).parents[1] / "src/mccat/validation"
    source = "\n".join(
        (core / name).read_text(encoding="utf-8")
        for name in ("source.py", "validate.py", "rules.py", "schema_messages.py", "keyboard.py")
    )
    source += (core.parent / "model" / "lifecycle.py").read_text(encoding="utf-8")  # the life cycle's refusals
    source = re.sub(r'\b(text|word)\(\s*"', r'\1("', source)  # message keys, not rule ids
    candidates = re.findall(
        r'(?<!text\()(?<!word\()(?<!key=)"((?:yaml|file|id|provider|stacking|date|approval|decision|delivery|text'
        r'|plausibility|url|input|conformance|designation)\.[a-z-]+)"',
        source,
    )
    rules = set(candidates)  # rule ids: strings used other than as a message key (text("...") alone)
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
