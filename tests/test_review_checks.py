"""The checks that decide a pull request run from the base branch's code and read the pull request as git data
(issue 20, hole 2): `mccat review` and `mccat validate --rev`, on scratch repositories."""

from __future__ import annotations

import json
import os

import pytest
import yaml

from mccat.review.checks import COMMENT_LIMIT, SHORTENED
from tests.conftest import ROOT
from tests.git_catalogue import CATALOGUE, CatalogueRepo
from tests.markdown_check import MARK, MARKDOWN_PAYLOADS, count, data_outside_code, elements

# The sample decisions' reviewers are on the committee too: the review checks them against the base's list.
SAMPLE_REVIEWERS = yaml.safe_load((CATALOGUE.parent / "governance/committee.yaml").read_text(encoding="utf-8"))[
    "members"
]
COMMITTEE = ["chair-account", *SAMPLE_REVIEWERS]
KOSEN, UNIV = "example-kosen", "example-national-univ"


def maintainer(provider: str) -> str:
    return yaml.safe_load((CATALOGUE / "providers" / f"{provider}.yaml").read_text(encoding="utf-8"))["maintainers"][0]


def a_program_of(provider: str) -> str:
    return f"{provider}/{sorted((CATALOGUE / 'programs' / provider).glob('*.yaml'))[0].stem}"


@pytest.fixture
def repo(tmp_path, monkeypatch, capsys):
    repo = CatalogueRepo(tmp_path / "repo")
    repo.write_text("governance/committee.yaml", yaml.safe_dump({"members": COMMITTEE}))
    repo.write_text(".github/workflows/pull-request-review.yml", "name: Pull request review\n")
    repo.write_text("src/mccat/review/ownership.py", "# the rules\n")
    assert repo.mccat(monkeypatch, capsys, "owners")[0] == 0
    repo.base = repo.commit("base")
    return repo


def review(repo, monkeypatch, capsys, head: str, author: str, tmp_path) -> tuple[dict, str]:
    out = tmp_path / "review-out"
    status, stdout, err = repo.mccat(
        monkeypatch, capsys, "review", repo.base, head, "--author", author, "--out", str(out)
    )
    assert status == 0, err
    assert "Traceback" not in stdout + err
    result = json.loads((out / "result.json").read_text(encoding="utf-8"))
    states = {s["context"]: s["state"] for s in result["statuses"]}
    assert result["head"] == repo.git("rev-parse", head)
    return states, (out / "summary.md").read_text(encoding="utf-8")


def test_a_pull_request_that_rewrites_the_judging_jobs_is_still_judged_by_the_base(repo, monkeypatch, capsys, tmp_path):
    """Attack: edit the workflow and the checker so that they say "ok", and cut another provider's hours."""
    repo.git("checkout", "-q", "-b", "pr")
    repo.write_text(".github/workflows/pull-request-review.yml", "name: ok\njobs: {}\n")
    repo.write_text("src/mccat/review/ownership.py", "def check_ownership(*a, **k):\n    print('ok')\n")
    other = a_program_of(UNIV)
    repo.change(repo.program_path(other), lambda d: d["effort"].update(hours=1))
    head = repo.commit("everything is fine")
    states, summary = review(repo, monkeypatch, capsys, head, maintainer(KOSEN), tmp_path)
    assert states == {"mccat/validate": "success", "mccat/ownership": "failure", "mccat/review-summary": "success"}
    assert "DENY .github/workflows/pull-request-review.yml" in summary
    assert "DENY src/mccat/review/ownership.py" in summary
    assert f"DENY catalogue/programs/{other}.yaml" in summary
    assert "学習時間が減りました" in summary and "Learner hours cut" in summary


def test_nothing_from_the_pull_request_runs_or_lands_in_the_checkout(repo, monkeypatch, capsys, tmp_path):
    marker = tmp_path / "pwned"
    payload = f"import pathlib; pathlib.Path({str(marker)!r}).write_text('ran')\n"
    repo.git("checkout", "-q", "-b", "pr")
    repo.write_text("catalogue/sitecustomize.py", payload)
    repo.write_text("catalogue/conftest.py", payload)
    repo.write_text("sitecustomize.py", payload)
    repo.write_text("scripts/setup.sh", f"touch {marker}\n")
    repo.write_text("setup.py", payload)
    # git attributes of the revision must not hide or rewrite a file from the validator
    repo.write_text(".gitattributes", "catalogue/** export-ignore filter=evil\n")
    repo.write_text(f"catalogue/programs/{KOSEN}/broken.yaml", "title: [unclosed\n")
    head = repo.commit("payloads")
    repo.git("checkout", "-q", "main")  # the workflow's checkout: the base branch
    before = repo.git("status", "--porcelain", "--ignored")
    states, summary = review(repo, monkeypatch, capsys, head, maintainer(KOSEN), tmp_path)
    assert not marker.exists()
    assert repo.git("status", "--porcelain", "--ignored") == before
    assert not (repo.root / "sitecustomize.py").exists() and not (repo.root / ".gitattributes").exists()
    assert states["mccat/validate"] == "failure"
    assert f"catalogue/programs/{KOSEN}/broken.yaml:" in summary


def test_validate_rev_reads_the_revision_from_git(repo, monkeypatch, capsys):
    repo.git("checkout", "-q", "-b", "pr")
    program = repo.program_path(a_program_of(KOSEN))
    repo.change(program, lambda d: d.update(hours="many"))
    os.symlink("/etc/passwd", repo.root / f"catalogue/programs/{KOSEN}/link.yaml")
    head = repo.commit("bad")
    repo.git("checkout", "-q", "main")
    status, out, err = repo.mccat(monkeypatch, capsys, "validate", "--rev", head)
    assert status == 1, err
    relative = program.relative_to(repo.root).as_posix()
    assert f"{relative}:" in out and "schema.additionalProperties" in out
    assert f"catalogue/programs/{KOSEN}/link.yaml:1:1: error [file.symlink]" in out
    assert repo.mccat(monkeypatch, capsys, "validate", "--rev", repo.base)[0] == 0
    assert repo.mccat(monkeypatch, capsys, "validate", "--rev", "no-such-rev")[0] == 2


def test_a_submodule_entry_in_the_catalogue_fails_validation(repo, monkeypatch, capsys, tmp_path):
    """Attack: a gitlink (submodule entry) named like a program file in the provider's own folder. The review
    read blobs only and saw no change; after the merge every checkout has an empty folder there and the site
    stops building until the committee removes it."""
    repo.git("checkout", "-q", "-b", "pr")
    ghost = f"catalogue/programs/{KOSEN}/ghost.yaml"
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{'1' * 40},{ghost}")
    repo.git("commit", "-q", "-m", "a submodule")
    head = repo.git("rev-parse", "HEAD")
    states, summary = review(repo, monkeypatch, capsys, head, maintainer(KOSEN), tmp_path)
    assert states["mccat/validate"] == "failure"
    assert f"{ghost}:1:1: error [file.not-a-file]" in summary
    status, out, _ = repo.mccat(monkeypatch, capsys, "validate", "--rev", head)
    assert status == 1 and f"{ghost}:1:1: error [file.not-a-file]" in out


def test_the_whole_comment_is_inert(repo, monkeypatch, capsys, tmp_path):
    repo.git("checkout", "-q", "-b", "pr")
    for index, payload in enumerate(MARKDOWN_PAYLOADS[:8]):
        program = repo.program_path(a_program_of(KOSEN).split("/")[0] + f"/added-{index}")
        data = repo.read(repo.program_path(a_program_of(KOSEN)))
        data["title"] = {"ja": payload, "en": payload}
        data[f"x-{MARK}"] = payload
        repo.write(program, data)
    repo.write_text(f"docs/{MARK} `x` <!--.md", "x\n")
    head = repo.commit("hostile")
    _states, summary = review(repo, monkeypatch, capsys, head, f"{MARK}-author", tmp_path)
    assert MARK in summary
    assert data_outside_code(summary) == []
    html = [e.source.strip() for e in elements(summary) if e.kind == "html"]
    assert set(html) <= {"<details><summary>English</summary>", "</details>"}, html
    assert count(summary, "link") == count(summary, "image") == 0


def test_a_comment_too_long_for_github_drops_whole_sections_and_stays_inert(repo, monkeypatch, capsys, tmp_path):
    """Attack: a pull request whose summary passes GitHub's limit, its descriptions full of links and mentions.
    The workflow cut the text at 60,000 characters, which could end inside a code span and let the rest render
    as Markdown in the bot's comment; comment.md now fits by dropping whole sections."""
    repo.git("checkout", "-q", "-b", "pr")
    long_text = " ".join(MARKDOWN_PAYLOADS) * 4  # about 4,500 characters
    source = repo.read(repo.program_path(a_program_of(KOSEN)))
    for index in range(6):
        data = source | {"description": {"ja": long_text, "en": long_text}}
        repo.write(repo.program_path(f"{KOSEN}/long-{index}"), data)
    head = repo.commit("long")
    _states, summary = review(repo, monkeypatch, capsys, head, maintainer(KOSEN), tmp_path)
    comment = (tmp_path / "review-out" / "comment.md").read_text(encoding="utf-8")
    assert len(summary) > COMMENT_LIMIT, "the case must be too long for a comment"
    assert len(comment.encode("utf-16-le")) // 2 <= COMMENT_LIMIT
    assert comment.startswith(summary.split("### 変更権限 / Ownership")[0])  # the checks and validation stay
    assert SHORTENED in comment
    assert data_outside_code(comment) == [] and data_outside_code(summary) == []
    assert count(comment, "link") == count(comment, "image") == 0
    workflow = (ROOT / ".github/workflows/pull-request-review.yml").read_text(encoding="utf-8")
    assert "comment.md" in workflow and ".slice(" not in workflow.split("const limit")[1].split("const body")[0]


def test_review_needs_real_revisions(repo, monkeypatch, capsys, tmp_path):
    status, _, err = repo.mccat(
        monkeypatch, capsys, "review", repo.base, "nope", "--author", "x", "--out", str(tmp_path / "o")
    )
    assert status == 2 and "`nope` is not a commit" in err


def test_git_itself_is_never_asked_to_check_out_the_head(repo, monkeypatch, capsys, tmp_path):
    """The reads are ls-tree, cat-file, diff and merge-base: a trace of every git command proves it."""
    repo.git("checkout", "-q", "-b", "pr")
    repo.change(repo.program_path(a_program_of(KOSEN)), lambda d: d["effort"].update(hours=99))
    head = repo.commit("edit")
    repo.git("checkout", "-q", "main")
    trace = tmp_path / "git-trace"
    monkeypatch.setenv("GIT_TRACE", str(trace))
    review(repo, monkeypatch, capsys, head, maintainer(KOSEN), tmp_path)
    commands = {
        line.split("git ", 1)[1].split()[0].strip("'")
        for line in trace.read_text().splitlines()
        if "built-in: git " in line
    }
    assert commands <= {"rev-parse", "merge-base", "ls-tree", "cat-file", "diff", "ls-files"}, commands


def test_decision_reviewers_are_checked_against_the_committee_at_the_base(repo, monkeypatch, capsys, tmp_path):
    """Attack: a pull request adds its author to the committee list and names them as a decision's reviewer."""
    program = a_program_of(KOSEN)
    repo.write_text("governance/committee.yaml", yaml.safe_dump({"members": [*COMMITTEE, "newcomer"]}))
    repo.write_decision(
        "MCR-2026-077", kind="amend-approval", programs=[program], date="2026-11-01", reviewers=["newcomer"]
    )
    head = repo.commit("a reviewer of my own")
    states, summary = review(repo, monkeypatch, capsys, head, "chair-account", tmp_path)
    assert states["mccat/validate"] == "failure"
    assert "catalogue/decisions/MCR-2026-077.yaml" in summary and "newcomer" in summary


def test_a_providers_decision_file_fails_the_review_unless_a_committee_member_pushed(
    repo, monkeypatch, capsys, tmp_path
):
    """Attack: a provider approves its own change by adding a decision file to its pull request."""
    program = a_program_of(KOSEN)
    repo.change(repo.program_path(program), lambda d: d["effort"].update(hours=99))
    change = repo.commit("my change")
    repo.write_decision("MCR-2026-078", kind="amend-approval", programs=[program], date="2026-11-01")
    head = repo.commit("approve my own change")
    states, summary = review(repo, monkeypatch, capsys, head, maintainer(KOSEN), tmp_path)
    assert states["mccat/ownership"] == "failure"
    assert "DENY catalogue/decisions/MCR-2026-078.yaml" in summary
    out = tmp_path / "pushed"
    for pusher, expected in ((maintainer(KOSEN), "failure"), ("chair-account", "success")):
        status, _, err = repo.mccat(
            monkeypatch,
            capsys,
            "review",
            repo.base,
            head,
            "--author",
            maintainer(KOSEN),
            "--pushed-by",
            pusher,
            "--pushed-from",
            change,
            "--out",
            str(out),
        )
        assert status == 0, err
        result = json.loads((out / "result.json").read_text(encoding="utf-8"))
        assert {s["context"]: s["state"] for s in result["statuses"]}["mccat/ownership"] == expected, pusher
