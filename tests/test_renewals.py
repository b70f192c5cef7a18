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
    return load_catalogue(CATALOGUE, today=date(2026, 12, 1))


def run(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.setenv("MCCAT_CATALOGUE", str(CATALOGUE))
    capsys.readouterr()
    status = main(["renewals", *args])
    out, err = capsys.readouterr()
    return status, out, err


def valid_until(catalogue, today: date) -> dict[str, date]:
    """The end of every approval the report may list on `today`: active, expiring or expired programs."""
    states = {pid: catalogue.lifecycle(pid, today) for pid in catalogue.programs}
    return {
        pid: date.fromisoformat(s.valid_until)
        for pid, s in states.items()
        if s.state in ("active", "expiring", "expired")
    }


def test_due_and_expired_programs_are_exactly_the_approved_ones_in_the_window(catalogue, monkeypatch, capsys):
    today = date(2026, 12, 1)  # one approval ended on 2026-10-31, one ends on 2027-01-31
    status, out, _ = run(monkeypatch, capsys, "--within", "90", "--format", "json", "--today", today.isoformat())
    assert status == 0
    report = json.loads(out)
    ends = valid_until(catalogue, today)
    expected = sorted((end.isoformat(), pid) for pid, end in ends.items() if end <= today + timedelta(days=90))
    assert [(r["valid_until"], r["id"]) for r in report["programs"]] == expected
    assert [r["id"] for r in report["programs"]] == [
        "example-national-univ/biodiversity-field-survey",
        "example-pref-agri-center/forestry-felling-safety",
    ]
    assert report["expired"] == 1
    first = report["programs"][0]
    assert first["days_left"] == (date.fromisoformat(first["valid_until"]) - today).days == -31
    provider = catalogue.providers[first["provider"]]
    assert first["maintainers"] == provider.data["maintainers"]


def test_suspended_programs_wait_for_their_reinstatement_not_a_renewal(catalogue, monkeypatch, capsys):
    suspended = "example-tech-corp/cybersecurity-incident-response"  # suspended, valid until 2028-02-18
    status, out, _ = run(monkeypatch, capsys, "--within", "3650", "--format", "json", "--today", "2026-12-01")
    listed = {r["id"] for r in json.loads(out)["programs"]}
    assert suspended not in listed and "example-national-univ/ds-python-basics" in listed


def test_a_renewal_decision_moves_the_end(catalogue, monkeypatch, capsys):
    renewed = "example-open-learning/japanese-art-history"  # approved to 2026-04-18, renewed to 2029-03-31
    status, out, _ = run(monkeypatch, capsys, "--within", "60", "--format", "json", "--today", "2026-03-18")
    assert renewed not in {r["id"] for r in json.loads(out)["programs"]}  # the day of the renewal
    status, out, _ = run(monkeypatch, capsys, "--within", "60", "--format", "json", "--today", "2026-03-17")
    assert renewed in {r["id"] for r in json.loads(out)["programs"]}  # the day before


def test_markdown_speaks_the_chosen_language_and_does_not_notify_unless_asked(catalogue, monkeypatch, capsys):
    due, end = "example-pref-agri-center/forestry-felling-safety", date(2027, 1, 31)
    today = (end - timedelta(days=5)).isoformat()
    title = catalogue.programs[due].title
    status, out, _ = run(monkeypatch, capsys, "--today", today, "--lang", "ja")
    assert status == 0 and "## 更新期限レポート" in out and "Renewal" not in out
    assert "### 90日以内に期限" in out and "| 5 |" in out and title["ja"] in out
    assert "| プログラム | 提供機関 | 有効期限 | 残り日数 | 担当 |" in out
    assert "kind: renew" in out and "approval." not in out  # the committee renews by a decision
    status, out, _ = run(monkeypatch, capsys, "--today", today, "--lang", "en")
    assert status == 0 and "## Renewal report" in out and "更新" not in out
    assert "### Due within 90 days" in out and "| 5 |" in out and title["en"] in out
    account = catalogue.providers[due.split("/")[0]].data["maintainers"][0]
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


def test_a_limit_lists_the_most_urgent_and_counts_the_rest(monkeypatch, capsys):
    """The workflow posts the report as an issue, which holds 65,536 characters: `--limit` keeps it within."""
    args = ("--within", "90", "--today", "2026-12-01", "--limit", "1")
    for lang, more in (("en", "… and 1 more (the whole list is in the workflow's job summary"), ("ja", "ほか 1 件")):
        status, out, _ = run(monkeypatch, capsys, *args, "--lang", lang)
        assert status == 0
        rows = [line for line in out.splitlines() if line.startswith("| `example-")]
        assert [row.split("<br>")[0] for row in rows] == ["| `example-national-univ/biodiversity-field-survey`"]
        assert more in out
        assert "example-pref-agri-center/forestry-felling-safety" not in out
    status, out, _ = run(monkeypatch, capsys, *args[:-2], "--lang", "en")
    assert status == 0 and "more (the whole list" not in out and "forestry-felling-safety" in out
