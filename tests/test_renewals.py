"""`mccat renewals`: active programs whose approval ends within N days or has ended."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from mccat.cli.main import main
from mccat.validation.load import load_catalogue
from tests.git_catalogue import CATALOGUE


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(CATALOGUE, today=date(2026, 1, 1))


def run(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.setenv("MCCAT_CATALOGUE", str(CATALOGUE))
    capsys.readouterr()
    status = main(["renewals", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_due_and_expired_programs_are_exactly_the_active_ones_in_the_window(catalogue, monkeypatch, capsys):
    ends = sorted({date.fromisoformat(p.data["approval"]["valid_until"]) for p in catalogue.programs.values()})
    today = ends[1] - timedelta(days=10)  # the first end date has passed, the second is 10 days away
    status, out, _ = run(monkeypatch, capsys, "--within", "30", "--format", "json", "--today", today.isoformat())
    assert status == 0
    report = json.loads(out)
    expected = sorted(
        (p.data["approval"]["valid_until"], p.id)
        for p in catalogue.programs.values()
        if p.data["approval"]["status"] == "active"
        and date.fromisoformat(p.data["approval"]["valid_until"]) <= today + timedelta(days=30)
    )
    assert [(r["valid_until"], r["id"]) for r in report["programs"]] == expected
    assert report["expired"] == sum(date.fromisoformat(v) < today for v, _ in expected) > 0
    first = report["programs"][0]
    assert first["days_left"] == (date.fromisoformat(first["valid_until"]) - today).days
    provider = catalogue.providers[first["provider"]]
    assert first["maintainers"] == provider.data["maintainers"]


def test_markdown_is_bilingual_and_does_not_notify_unless_asked(catalogue, monkeypatch, capsys):
    end = min(
        date.fromisoformat(p.data["approval"]["valid_until"])
        for p in catalogue.programs.values()
        if p.data["approval"]["status"] == "active"
    )
    today = (end - timedelta(days=5)).isoformat()
    status, out, _ = run(monkeypatch, capsys, "--today", today)
    assert status == 0 and "## 更新期限レポート / Renewal report" in out
    assert "### 90日以内に期限 / Due within 90 days" in out and "| 5 |" in out
    due = next(p for p in catalogue.programs.values() if p.data["approval"]["valid_until"] == end.isoformat())
    account = catalogue.providers[due.provider_id].data["maintainers"][0]
    assert f"`{account}`" in out and f"@{account}" not in out  # a code span notifies nobody
    status, mentioned, _ = run(monkeypatch, capsys, "--today", today, "--mention")
    assert f"@{account}" in mentioned and f"`{account}`" not in mentioned


def test_nothing_due(monkeypatch, capsys):
    status, out, _ = run(monkeypatch, capsys, "--within", "0", "--today", "2000-01-01")
    assert status == 0 and "No program needs renewal." in out


def test_bad_arguments_and_an_invalid_catalogue(tmp_path, monkeypatch, capsys):
    with pytest.raises(SystemExit) as exit_info:
        run(monkeypatch, capsys, "--today", "soon")
    assert exit_info.value.code == 2
    broken = tmp_path / "catalogue"
    (broken / "providers").mkdir(parents=True)
    (broken / "providers" / "x.yaml").write_text("name: [\n", encoding="utf-8")
    capsys.readouterr()
    status = main(["--catalogue", str(broken), "renewals"])
    assert status == 1 and "x.yaml:2:1: error [yaml.syntax]" in capsys.readouterr().err
