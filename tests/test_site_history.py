"""Whole builds of other catalogues: the public record (decisions and content changes) from a temporary git
repository, expiry at the build date, a catalogue outside git, and an invalid catalogue that stops the build."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import lxml.html
import pytest
import yaml

from mccat import LANGUAGES
from mccat.model.identifiers import new_ctid
from mccat.model.schema import descriptor_label
from mccat.site.formatting import format_date, format_hours
from mccat.site.texts import INTERFACE_TEXT
from mccat.validation.validate import validate
from tests.conftest import ROOT, run_mkdocs_build
from tests.git_catalogue import CatalogueRepo, programs_with
from tests.page_rows import descriptor_rows, status_of

REPO_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python/name:", ""))[
    "repo_url"
].rstrip("/")


def page(site: Path, lang: str, program_id: str):
    return lxml.html.fromstring((site / lang / "programs" / program_id / "index.html").read_text(encoding="utf-8"))


def timeline(tree) -> list[dict]:
    """The program page's record, newest first: kind, date, decision, changed fields, pull request link (the
    detail that says so, in the page's language)."""
    pull_request = INTERFACE_TEXT["history.pull_request"][tree.get("lang")]

    def details(item, start: str) -> list:
        return [span for span in item.cssselect(".mc-timeline__detail") if span.text_content().startswith(start)]

    return [
        {
            "kind": item.get("data-kind"),
            "date": item.cssselect("time")[0].get("datetime"),
            "decision": [a.text_content() for a in item.cssselect(".mc-timeline__decision a")],
            "fields": " ".join(item.cssselect(".mc-timeline__fields")[0].text_content().split())
            if item.cssselect(".mc-timeline__fields")
            else "",
            "pull_request": [a.get("href") for span in details(item, pull_request) for a in span.cssselect("a")],
        }
        for item in tree.cssselect(".mc-history li")
    ]


def text(tree, selector: str) -> str:
    return " ".join(tree.cssselect(selector)[0].text_content().split())


def commit_at(repo: CatalogueRepo, monkeypatch, when: str) -> None:
    monkeypatch.setenv("GIT_AUTHOR_DATE", f"{when}T10:00:00+09:00")
    monkeypatch.setenv("GIT_COMMITTER_DATE", f"{when}T10:00:00+09:00")


@pytest.mark.build
def test_the_record_from_a_temporary_git_repository_and_expiry_at_the_build_date(tmp_path, monkeypatch):
    """Content changes since approval (fields, pull request) from git; a rename that keeps the old program's
    history; statuses at the build date; never a commit subject on a page."""
    repo = CatalogueRepo(tmp_path / "repo")
    commit_at(repo, monkeypatch, "2026-01-15")
    repo.commit("Add the catalogue")
    changed, unchanged = "example-national-univ/ds-python-basics", "example-national-univ/ds-applied-statistics"

    # A provider changes one program on a branch; the committee merges the pull request.
    hours = repo.read(repo.program_path(changed))["effort"]["hours"] + 12
    repo.git("checkout", "-q", "-b", "more-hours")
    commit_at(repo, monkeypatch, "2026-11-02")
    repo.change(repo.program_path(changed), lambda d: d["effort"].__setitem__("hours", hours))
    branch_commit = repo.commit("More practice hours SUBJECT-TEXT")
    repo.git("checkout", "-q", "main")
    commit_at(repo, monkeypatch, "2026-11-05")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge pull request #42 from example/more-hours", "more-hours")

    # The committee moves a program to a new id; the provider retitles it in the same pull request.
    old, new = "example-kosen/iot-embedded-systems", "example-kosen/iot-embedded-development"
    repo.write_decision("MCR-2026-070", kind="rename", programs=[old], renamed_to=new, date="2026-11-10")
    repo.git("mv", f"catalogue/programs/{old}.yaml", f"catalogue/programs/{new}.yaml")
    repo.change(repo.program_path(new), lambda d: d["title"].update(en="IoT Embedded Development"))
    commit_at(repo, monkeypatch, "2026-11-10")
    repo.commit("Rename IoT (#43) SUBJECT-TEXT")

    # Built the day after an approval ends (forestry-felling-safety: valid until 2027-01-31).
    ending = "example-pref-agri-center/forestry-felling-safety"
    site = tmp_path / "site"
    status, output, _ = run_mkdocs_build(site, catalogue=repo.root / "catalogue", build_date=date(2027, 2, 1))
    assert status == 0, output

    for lang in LANGUAGES:
        tree = page(site, lang, changed)
        assert timeline(tree) == [
            {
                "kind": "updated",
                "date": "2026-11-05",
                "decision": [],
                "fields": f"{INTERFACE_TEXT['history.fields'][lang]}: {descriptor_label('program', 'effort.hours', lang)}",
                "pull_request": [f"{REPO_URL}/pull/42"],
            },
            {"kind": "approved", "date": "2025-03-14", "decision": ["MCR-2025-003"], "fields": "", "pull_request": []},
        ]  # the merge is dated when it reached the main line; the branch's own commit is not on it
        assert branch_commit not in tree.text_content()
        assert " ".join(descriptor_rows(tree, lang)["effort.hours"].cssselect("dd")[0].text_content().split()) == (
            format_hours(hours, lang)
        )
        assert [e["kind"] for e in timeline(page(site, lang, unchanged))] == ["approved"]

        # The renamed program: its old history, the move, and the retitling in the same pull request.
        moved = timeline(page(site, lang, new))
        assert [e["kind"] for e in moved] == ["updated", "renamed", "reinstated", "suspended", "approved"]
        assert moved[0]["pull_request"] == [f"{REPO_URL}/pull/43"] and moved[1]["decision"] == ["MCR-2026-070"]
        assert descriptor_label("program", "title", lang) in moved[0]["fields"]
        redirect = page(site, lang, old)
        assert redirect.xpath("//meta[@http-equiv='refresh']/@content") == ["0; url=../iot-embedded-development/"]

        # Statuses at the build date, in both languages.
        expired = page(site, lang, ending)
        assert status_of(expired) == "expired"
        assert format_date("2027-01-31", lang) in text(expired, "article .admonition")
        assert status_of(page(site, lang, unchanged)) == "active"

    for path in site.rglob("*"):
        if path.suffix in (".html", ".atom", ".json"):
            assert "SUBJECT-TEXT" not in path.read_text(encoding="utf-8", errors="replace"), path


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
    assert "The catalogue is not valid; fix these and build again:" in output
    for problem in errors:
        where = f"{path.name}:{problem.line}:{problem.column}"
        assert f"{where}: error [{problem.rule}] {problem.message_in('en')}" in output
        if problem.hint:
            assert f"hint: {problem.hint_in('en')}" in output
    assert not (site / "ja" / "programs").exists()
    # In a Japanese locale the build says it in Japanese.
    status, output, _ = run_mkdocs_build(site, catalogue=catalogue, locale="ja_JP.UTF-8")
    assert status == 1 and "カタログに誤りがあります。次の点を直してから、もう一度ビルドしてください：" in output
    for problem in errors:
        assert (
            f"{path.name}:{problem.line}:{problem.column}: エラー [{problem.rule}] {problem.message_in('ja')}" in output
        )

    # Fixed, it builds; outside git, program pages say there is no history.
    path.write_text(original, encoding="utf-8")
    status, output, _ = run_mkdocs_build(site, catalogue=catalogue)
    assert status == 0, output
    for lang in LANGUAGES:
        tree = page(site, lang, program_id)
        assert not tree.cssselect('[data-kind="updated"]')
        assert INTERFACE_TEXT["history.none"][lang] in tree.text_content()
        assert tree.cssselect('.mc-history [data-kind="approved"]')  # the decisions still show


@pytest.mark.build
def test_a_program_without_a_decision_is_published_only_in_a_preview(tmp_path):
    """The public site leaves out a program the committee has not decided on; the pull-request preview
    (MCCAT_SHOW_PROPOSED=1) shows it, marked "under review"."""
    catalogue = tmp_path / "catalogue"
    shutil.copytree(ROOT / "catalogue", catalogue)
    source = catalogue / "programs" / "example-kosen" / "bim-construction-basics.yaml"
    proposal = source.with_name("a-new-proposal.yaml")
    original = source.read_text(encoding="utf-8")
    ctid = yaml.safe_load(original)["ctid"]
    # a new file gets its own CTID, as `mccat new` gives it (two files sharing one fail validation)
    proposal.write_text(original.replace(ctid, new_ctid()), encoding="utf-8")
    public, preview = tmp_path / "public", tmp_path / "preview"
    assert run_mkdocs_build(public, catalogue=catalogue, build_date=date(2026, 12, 1))[0] == 0
    status, output, _ = run_mkdocs_build(
        preview, catalogue=catalogue, build_date=date(2026, 12, 1), extra_env={"MCCAT_SHOW_PROPOSED": "1"}
    )
    assert status == 0, output
    for lang in LANGUAGES:
        assert not (public / lang / "programs/example-kosen/a-new-proposal").exists()
        assert "a-new-proposal" not in (public / lang / "programs/index.html").read_text(encoding="utf-8")
        tree = page(preview, lang, "example-kosen/a-new-proposal")
        assert status_of(tree) == "proposed"
        assert INTERFACE_TEXT["program.status_note_proposed"][lang] in tree.text_content()
    assert not (public / "api/v1/programs/example-kosen/a-new-proposal.json").exists()
