"""A program's public record: the content changes read from git (mccat.review.content_changes) and the record
that joins them to the decisions (mccat.model.record), on scratch git repositories.

What a reader sees: when the content changed, which descriptors, in which pull request; never a commit's text;
and the work stays one `git log` and one `git cat-file` whatever the catalogue's size.
"""

from __future__ import annotations

import subprocess
from datetime import date

from mccat.model.history import read_history
from mccat.model.record import program_record
from mccat.review.content_changes import content_changes, descriptor_paths
from mccat.validation.load import load_catalogue
from tests.git_catalogue import CatalogueRepo

PYTHON = "example-national-univ/ds-python-basics"  # approved 2025-03-14
STATS = "example-national-univ/ds-applied-statistics"
REPO_URL = "https://git.example.org/registry"


def changes_of(repo: CatalogueRepo) -> dict:
    history = read_history(repo.root / "catalogue", REPO_URL)
    assert history.available
    renames = {}
    for path in (repo.root / "catalogue" / "decisions").glob("*.yaml"):
        data = repo.read(path)
        if data.get("renamed_to"):
            renames[data["renamed_to"]] = data["programs"][0]
    return content_changes(history, repo.root / "catalogue", renames)


def test_each_content_change_names_its_fields_and_pull_request_never_its_subject(tmp_path):
    repo = CatalogueRepo(tmp_path)
    repo.commit("Initial registry")
    repo.change(repo.program_path(PYTHON), lambda d: (d["effort"].update(hours=32), d["fee"].update(amount=25000)))
    hours = repo.commit("Merge pull request #12 from provider/hours: SECRET subject text")
    repo.change(repo.program_path(PYTHON), lambda d: d["learning_outcomes"][1].update(ja="別の学修成果"))
    outcomes = repo.commit("Reword an outcome (#13)")
    text = repo.program_path(PYTHON).read_text(encoding="utf-8")
    repo.program_path(PYTHON).write_text("# a comment only\n" + text, encoding="utf-8")
    repo.commit("Comment (#14)")  # no descriptor changed: not a content change
    changes = changes_of(repo)
    assert [(c.commit, c.fields, c.pull_request) for c in changes[PYTHON]] == [
        (hours, ("effort.hours", "fee.amount"), 12),
        (outcomes, ("learning_outcomes",), 13),
    ]
    assert changes[PYTHON][0].pull_request_url == f"{REPO_URL}/pull/12"
    assert "SECRET" not in repr(changes)
    assert STATS not in changes  # added with the first commit, never changed: the proposal is not a change


def test_a_rename_in_one_commit_is_compared_with_the_old_file(tmp_path):
    repo = CatalogueRepo(tmp_path)
    repo.commit("Initial registry")
    new = "example-national-univ/ds-python-data-basics"
    repo.git("mv", f"catalogue/programs/{PYTHON}.yaml", f"catalogue/programs/{new}.yaml")
    repo.change(repo.program_path(new), lambda d: d["title"].update(en="Data Basics with Python"))
    repo.write_decision(
        "MCR-2026-060",
        kind="rename",
        programs=[PYTHON],
        renamed_to=new,
        date="2026-11-01",
        records=[
            {"program": PYTHON, "title": {"ja": "旧", "en": "Old"}, "provider_name": {"ja": "大学", "en": "Univ"}}
        ],
    )
    moved = repo.commit("Rename (#20)")
    changes = changes_of(repo)
    ((change,),) = [changes[new]]
    assert (change.commit, change.fields, change.renamed_from, change.pull_request) == (moved, ("title",), PYTHON, 20)
    assert PYTHON not in changes  # its deletion is the rename, said by the decision


def test_the_record_joins_decisions_and_changes_since_the_first_approval(tmp_path):
    repo = CatalogueRepo(tmp_path)
    repo.commit("Initial registry")
    repo.change(repo.program_path(PYTHON), lambda d: d["effort"].update(hours=40))
    repo.commit("More hours (#30)")
    repo.write_decision("MCR-2026-061", kind="amend-approval", programs=[PYTHON], date="2026-11-02")
    repo.commit("Approve the change (#31)")
    today = date.today()
    catalogue = load_catalogue(repo.root / "catalogue", today=today)
    record = program_record(catalogue.lifecycle(PYTHON, today), changes_of(repo))
    kinds = [(e.kind, e.date) for e in record]
    assert kinds[0] == ("approved", "2025-03-14")
    assert ("amended", "2026-11-02") in kinds and ("updated", today.isoformat()) in kinds
    assert [e.kind for e in record] == sorted((e.kind for e in record), key=[e.kind for e in record].index)
    dates = [e.date for e in record]
    assert dates == sorted(dates)


def test_changes_before_the_first_approval_are_not_part_of_the_record(tmp_path):
    repo = CatalogueRepo(tmp_path)
    proposed = "example-national-univ/ds-new-course"
    copy = {k: v for k, v in repo.read(repo.program_path(PYTHON)).items() if k != "ctid"}  # a CTID names one record
    repo.write(repo.program_path(proposed), copy)
    repo.commit("Propose (#40)")
    repo.change(repo.program_path(proposed), lambda d: d["effort"].update(hours=33))
    repo.commit("Fix the hours before approval (#41)")
    catalogue = load_catalogue(repo.root / "catalogue", today=date.today())
    state = catalogue.lifecycle(proposed, date.today())
    assert state.state == "proposed"
    assert program_record(state, changes_of(repo)) == ()


def test_reading_the_record_takes_the_same_git_processes_for_few_or_many_changes(tmp_path, monkeypatch):
    calls: list[list[str]] = []
    real = subprocess.run

    def counting(args, *rest, **kwargs):
        if args and args[0] == "git":
            calls.append(list(args))
        return real(args, *rest, **kwargs)

    def processes(programs: int) -> int:
        repo = CatalogueRepo(tmp_path / f"r{programs}")
        repo.commit("Initial registry")
        ids = sorted(f"{p.parent.name}/{p.stem}" for p in (repo.root / "catalogue/programs").glob("*/*.yaml"))
        for round_ in range(2):
            for program_id in ids[:programs]:
                repo.change(repo.program_path(program_id), lambda d, n=round_: d["effort"].update(hours=50 + n))
            repo.commit(f"Round {round_} (#{round_ + 1})")
        calls.clear()
        monkeypatch.setattr(subprocess, "run", counting)
        changes = changes_of(repo)
        monkeypatch.setattr(subprocess, "run", real)
        assert sum(len(c) for c in changes.values()) == 2 * programs
        return len(calls)

    assert processes(2) == processes(12) <= 3  # rev-parse, log, cat-file


def test_descriptor_paths_name_descriptors_once():
    assert descriptor_paths(
        [("learning_outcomes", 2, "en"), ("learning_outcomes", 0, "ja"), ("effort", "hours"), ("approval", "status")]
    ) == ("learning_outcomes", "effort.hours")
    assert descriptor_paths([("schema_version",)]) == ()
