"""Whole builds of other catalogues: approval history from a temporary git repository, expiry at the
build date, a catalogue outside git, and an invalid catalogue that stops the build."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import lxml.html
import pytest
import yaml

from mccat import LANGUAGES
from mccat.site.formatting import format_date, format_hours
from mccat.site.texts import INTERFACE_TEXT
from mccat.validation.validate import validate
from tests.conftest import ROOT, run_mkdocs_build
from tests.git_catalogue import CatalogueRepo, programs_with

REPO_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python/name:", ""))[
    "repo_url"
].rstrip("/")


def page(site: Path, lang: str, program_id: str):
    return lxml.html.fromstring((site / lang / "programs" / program_id / "index.html").read_text(encoding="utf-8"))


def history(tree) -> list[dict]:
    return [
        {
            "commit": item.get("data-commit"),
            "pull_request": [a.get("href") for a in item.cssselect('a[data-mc="pull-request"]')],
            "commit_link": [a.get("href") for a in item.cssselect('a[data-mc="commit"]')],
        }
        for item in tree.cssselect(".mc-changes__item")
    ]


def text(tree, selector: str) -> str:
    return " ".join(tree.cssselect(selector)[0].text_content().split())


@pytest.mark.build
def test_history_and_expiry_from_a_temporary_git_repository(tmp_path, monkeypatch):
    repo = CatalogueRepo(tmp_path / "repo")
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2026-01-15T10:00:00+09:00")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-01-15T10:00:00+09:00")
    initial = repo.commit("Add the catalogue")

    # A provider changes one program on a branch; the committee merges the pull request.
    changed = programs_with(lambda d: d["approval"]["status"] == "active")[0]
    unchanged = programs_with(lambda d: d["approval"]["status"] == "active")[1]
    hours = repo.read(repo.program_path(changed))["effort"]["hours"] + 12
    repo.git("checkout", "-q", "-b", "more-hours")
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2026-03-02T10:00:00+09:00")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-03-02T10:00:00+09:00")
    repo.change(repo.program_path(changed), lambda d: d["effort"].__setitem__("hours", hours))
    branch_commit = repo.commit("More practice hours")
    repo.git("checkout", "-q", "main")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-03-05T10:00:00+09:00")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge pull request #42 from example/more-hours", "more-hours")
    merge = repo.git("rev-parse", "HEAD")

    # Build on the day after the first approval in the catalogue ends: that program is expired.
    catalogue = repo.root / "catalogue"
    approvals = {f"{p.parent.name}/{p.stem}": repo.read(p)["approval"] for p in catalogue.glob("programs/*/*.yaml")}
    active = {pid: a for pid, a in approvals.items() if a["status"] == "active"}
    first_end = min(date.fromisoformat(a["valid_until"]) for a in active.values())
    expiring = sorted(pid for pid, a in active.items() if a["valid_until"] == first_end.isoformat())
    site = tmp_path / "site"
    status, output, _ = run_mkdocs_build(site, catalogue=catalogue, build_date=first_end + timedelta(days=1))
    assert status == 0, output

    for lang in LANGUAGES:
        tree = page(site, lang, changed)
        assert history(tree) == [
            {"commit": merge, "pull_request": [f"{REPO_URL}/pull/42"], "commit_link": [f"{REPO_URL}/commit/{merge}"]},
            {"commit": initial, "pull_request": [], "commit_link": [f"{REPO_URL}/commit/{initial}"]},
        ]  # the branch's own commit is not on the main line
        assert branch_commit not in tree.text_content()
        assert text(tree, '[data-mc="history-first"] dd') == format_date("2026-01-15", lang)
        assert text(tree, '[data-mc="history-last"] dd') == format_date("2026-03-05", lang)
        assert text(tree, '[data-descriptor="effort.hours"] dd') == format_hours(hours, lang)
        assert [h["commit"] for h in history(page(site, lang, unchanged))] == [initial]

        # Both languages computed statuses for the same build date.
        for program_id in expiring:
            expired = page(site, lang, program_id)
            assert expired.cssselect('[data-mc="status"]')[0].get("data-status") == "expired"
            assert format_date(first_end, lang) in text(expired, '[data-mc="status-note"]')
        still_active = sorted(set(active) - set(expiring))[0]
        assert page(site, lang, still_active).cssselect('[data-mc="status"]')[0].get("data-status") == "active"


@pytest.mark.build
def test_invalid_catalogue_stops_the_build_with_the_validators_messages(tmp_path):
    catalogue = tmp_path / "catalogue"  # a copy outside any git repository
    shutil.copytree(ROOT / "catalogue", catalogue)
    program_id = programs_with(lambda d: True)[0]
    path = catalogue / "programs" / f"{program_id}.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("learning_outcomes:", "learning_outcome:", 1), encoding="utf-8")

    site = tmp_path / "site"
    status, output, _ = run_mkdocs_build(site, catalogue=catalogue)
    assert status == 1
    assert "Traceback" not in output
    errors = [p for p in validate(catalogue).problems if p.is_error]
    assert errors
    for problem in errors:
        assert f"{path.name}:{problem.line}:{problem.column}: error [{problem.rule}] {problem.message}" in output
        if problem.hint:
            assert problem.hint in output
    assert not (site / "ja" / "programs").exists()

    # Fixed, it builds; outside git, program pages say there is no history.
    path.write_text(original, encoding="utf-8")
    status, output, _ = run_mkdocs_build(site, catalogue=catalogue)
    assert status == 0, output
    for lang in LANGUAGES:
        tree = page(site, lang, program_id)
        assert not tree.cssselect(".mc-changes__item")
        assert INTERFACE_TEXT["history.none"][lang] in tree.text_content()
