"""Ownership: the committee list, CODEOWNERS, and `mccat check-ownership` on temporary git repositories."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from mccat.review.ownership import codeowners_text, parse_committee
from mccat.validation.source import load_yaml
from tests.git_catalogue import CATALOGUE, ROOT, CatalogueRepo

COMMITTEE = ["chair-account", "Secretary-Account"]
KOSEN, UNIV = "example-kosen", "example-national-univ"


def maintainers(provider: str) -> list[str]:
    return load_yaml(CATALOGUE / "providers" / f"{provider}.yaml").data["maintainers"]


@pytest.fixture
def repo(tmp_path, monkeypatch, capsys):
    repo = CatalogueRepo(tmp_path / "repo")
    repo.write_text("governance/committee.yaml", yaml.safe_dump({"members": COMMITTEE}))
    repo.write_text("schemas/program.schema.json", "{}\n")
    repo.write_text("schemas/vocabularies.schema.json", "{}\n")
    repo.write_text("src/mccat/rules.py", "# rules\n")
    repo.write_text(".github/workflows/pull-request.yml", "name: checks\n")
    repo.write_text("docs/en/index.md", "# Home\n")
    status, _, err = repo.mccat(monkeypatch, capsys, "owners")
    assert status == 0, err
    repo.base = repo.commit("base")
    return repo


def check(repo, monkeypatch, capsys, author: str, head: str | None = None, *extra: str) -> tuple[int, str]:
    args = ["check-ownership", "--author", author, repo.base] + ([head] if head else []) + list(extra)
    status, out, err = repo.mccat(monkeypatch, capsys, *args)
    assert "Traceback" not in out + err
    return status, out


def a_program_of(provider: str) -> str:
    return f"{provider}/{sorted((CATALOGUE / 'programs' / provider).glob('*.yaml'))[0].stem}"


# ------------------------------------------------------------------ the committee list


def test_the_committed_committee_list_is_valid_and_codeowners_is_current(monkeypatch, capsys):
    accounts, problems = parse_committee(
        (ROOT / "governance/committee.yaml").read_text(encoding="utf-8"), "governance/committee.yaml"
    )
    assert problems == [] and accounts
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("MCCAT_CATALOGUE", raising=False)
    from mccat.cli.main import main

    assert main(["owners", "--check"]) == 0, capsys.readouterr().out


@pytest.mark.parametrize(
    "text, rule, line",
    [
        ("members:\n  - good-one\n  - -bad-\n", "committee.account", 3),
        ("members:\n  - Same\n  - same\n", "committee.duplicate", 3),
        ("members: []\n", "committee.empty", 1),
        ("chair: someone\n", "committee.members", 1),
        ("members:\n  - ok\nnotes: x\n", "committee.unknown-key", 3),
        ("members: [unclosed\n", "yaml.syntax", 2),
    ],
)
def test_committee_list_problems_name_the_line(text, rule, line):
    _, problems = parse_committee(text, "governance/committee.yaml")
    assert [(p.rule, p.line) for p in problems] == [(rule, line)]
    assert all(p.hint for p in problems)


def test_owners_refuses_a_broken_committee_list(repo, monkeypatch, capsys):
    repo.write_text("governance/committee.yaml", "members:\n  - not an account\n")
    status, _out, err = repo.mccat(monkeypatch, capsys, "owners")
    assert status == 1 and "governance/committee.yaml:2:5: error [committee.account]" in err


# ------------------------------------------------------------------ CODEOWNERS


def owners_line(text: str, pattern: str) -> list[str]:
    line = next(l for l in text.splitlines() if l.split(" ")[0] == pattern)
    return line.split(" ")[1:]


def test_codeowners_gives_the_committee_everything_and_maintainers_their_folder(repo):
    text = repo.path(".github/CODEOWNERS").read_text(encoding="utf-8")
    committee = [f"@{a}" for a in COMMITTEE]
    assert owners_line(text, "*") == committee
    for provider in (KOSEN, UNIV):
        expected = [f"@{a}" for a in maintainers(provider)] + committee
        assert owners_line(text, f"/catalogue/programs/{provider}/") == expected
        assert owners_line(text, f"/catalogue/providers/{provider}.yaml") == expected
    providers = sorted(p.stem for p in (CATALOGUE / "providers").glob("*.yaml"))
    assert [l.split("/")[3] for l in text.splitlines() if l.startswith("/catalogue/programs/")] == providers


def test_owners_check_fails_when_maintainers_change_until_regenerated(repo, monkeypatch, capsys):
    repo.change(repo.provider_path(KOSEN), lambda d: d["maintainers"].append("new-person"))
    status, out, _ = repo.mccat(monkeypatch, capsys, "owners", "--check")
    assert status == 1 and "is out of date" in out and "run `mccat owners`" in out
    assert repo.mccat(monkeypatch, capsys, "owners")[0] == 0
    assert repo.mccat(monkeypatch, capsys, "owners", "--check")[0] == 0
    assert "@new-person" in owners_line(repo.path(".github/CODEOWNERS").read_text(), f"/catalogue/programs/{KOSEN}/")


def test_codeowners_of_a_catalogue_at_the_repository_root():
    text = codeowners_text(["c"], {"p": ["m"]}, "")
    assert "/programs/p/ @m @c" in text and "/providers/p.yaml @m @c" in text


# ------------------------------------------------------------------ the check: allowed


def test_maintainer_may_change_their_own_programs_and_provider_file(repo, monkeypatch, capsys):
    repo.change(repo.program_path(a_program_of(KOSEN)), lambda d: d["effort"].update(hours=99))
    repo.change(repo.provider_path(KOSEN), lambda d: d["url"].replace("http", "http"))
    repo.write(repo.program_path(f"{KOSEN}/new-course"), repo.read(repo.program_path(a_program_of(KOSEN))))
    head = repo.commit("own changes")
    status, out = check(repo, monkeypatch, capsys, maintainers(KOSEN)[0], head)
    assert status == 0, out
    assert f"ok   catalogue/programs/{KOSEN}/new-course.yaml: maintainer of {KOSEN}" in out


def test_account_names_match_whatever_their_case(repo, monkeypatch, capsys):
    repo.change(repo.program_path(a_program_of(KOSEN)), lambda d: d["effort"].update(hours=99))
    head = repo.commit("edit")
    assert check(repo, monkeypatch, capsys, maintainers(KOSEN)[0].upper(), head)[0] == 0
    assert check(repo, monkeypatch, capsys, "@" + maintainers(KOSEN)[0], head)[0] == 0


def test_committee_member_may_change_anything(repo, monkeypatch, capsys):
    repo.write_text("schemas/program.schema.json", '{"title": "changed"}\n')
    repo.change(repo.program_path(a_program_of(UNIV)), lambda d: d["effort"].update(hours=99))
    head = repo.commit("committee work")
    status, out = check(repo, monkeypatch, capsys, "secretary-account", head)
    assert status == 0 and "Registry Committee member" in out


def test_new_provider_with_its_programs_by_its_own_maintainer(repo, monkeypatch, capsys):
    provider = repo.read(repo.provider_path(KOSEN)) | {"maintainers": ["newcomer"]}
    repo.write(repo.provider_path("example-newcomer"), provider)
    program = repo.read(repo.program_path(a_program_of(KOSEN))) | {"provider": "example-newcomer"}
    repo.write(repo.program_path("example-newcomer/first-course"), program)
    head = repo.commit("new provider")
    status, out = check(repo, monkeypatch, capsys, "newcomer", head)
    assert status == 0, out
    assert "the committee checks who the maintainers are" in out
    assert check(repo, monkeypatch, capsys, maintainers(KOSEN)[0], head)[0] == 1


def test_maintainer_change_with_regenerated_codeowners_is_allowed_but_not_a_hand_edit(repo, monkeypatch, capsys):
    repo.change(repo.provider_path(KOSEN), lambda d: d["maintainers"].append("colleague"))
    repo.mccat(monkeypatch, capsys, "owners")
    head = repo.commit("add colleague")
    status, out = check(repo, monkeypatch, capsys, maintainers(KOSEN)[0], head)
    assert status == 0, out
    assert "ok   .github/CODEOWNERS: generated by `mccat owners`" in out
    codeowners = repo.path(".github/CODEOWNERS")
    codeowners.write_text(codeowners.read_text() + "/schemas/ @colleague\n")
    head = repo.commit("sneak")
    status, out = check(repo, monkeypatch, capsys, maintainers(KOSEN)[0], head)
    assert status == 1 and "DENY .github/CODEOWNERS: is one of the workflows and repository settings" in out


def test_working_tree_is_the_default_head(repo, monkeypatch, capsys):
    repo.change(repo.program_path(a_program_of(UNIV)), lambda d: d["effort"].update(hours=99))
    status, out = check(repo, monkeypatch, capsys, maintainers(KOSEN)[0])
    assert status == 1 and f"DENY catalogue/programs/{a_program_of(UNIV)}.yaml" in out


# ------------------------------------------------------------------ the check: cross-provider


def test_maintainer_may_not_change_another_providers_program(repo, monkeypatch, capsys):
    other = a_program_of(UNIV)
    repo.change(repo.program_path(a_program_of(KOSEN)), lambda d: d["effort"].update(hours=99))
    repo.change(repo.program_path(other), lambda d: d["effort"].update(hours=1))
    head = repo.commit("cross")
    status, out = check(repo, monkeypatch, capsys, maintainers(KOSEN)[0], head)
    assert status == 1
    assert (
        f"DENY catalogue/programs/{other}.yaml: belongs to the provider `{UNIV}`, maintained by "
        f"{', '.join(maintainers(UNIV))}"
    ) in out
    assert f"ok   catalogue/programs/{a_program_of(KOSEN)}.yaml" in out
    assert "may not change 1 of 2 file(s)" in out
    status, out = check(repo, monkeypatch, capsys, maintainers(KOSEN)[0], head, "--lang", "ja")
    assert status == 1
    assert (
        f"拒否 catalogue/programs/{other}.yaml: 提供機関 `{UNIV}` のファイルです（担当：{'、'.join(maintainers(UNIV))}）。"
        "担当者か委員会に依頼してください"
    ) in out
    assert f"許可 catalogue/programs/{a_program_of(KOSEN)}.yaml: {KOSEN} の担当アカウント" in out
    assert "は 2 ファイルのうち 1 ファイルを変更できません" in out


def test_maintainer_may_not_add_themselves_to_another_provider(repo, monkeypatch, capsys):
    intruder = maintainers(KOSEN)[0]
    repo.change(repo.provider_path(UNIV), lambda d: d["maintainers"].append(intruder))
    repo.change(repo.program_path(a_program_of(UNIV)), lambda d: d["effort"].update(hours=1))
    head = repo.commit("take over")
    status, out = check(repo, monkeypatch, capsys, intruder, head)
    assert status == 1  # the maintainers that count are those of the base revision
    assert f"DENY catalogue/providers/{UNIV}.yaml" in out and f"DENY catalogue/programs/{a_program_of(UNIV)}" in out


def test_moving_a_program_into_another_providers_folder_is_denied(repo, monkeypatch, capsys):
    mine = a_program_of(KOSEN)
    repo.git("mv", f"catalogue/programs/{mine}.yaml", f"catalogue/programs/{UNIV}/moved.yaml")
    head = repo.commit("move")
    status, out = check(repo, monkeypatch, capsys, maintainers(KOSEN)[0], head)
    assert status == 1
    assert f"DENY catalogue/programs/{UNIV}/moved.yaml" in out
    # Moving an approved program also deletes its old file: that needs a rename decision (issue 15).
    assert f"DENY catalogue/programs/{mine}.yaml: deletes the approved program `{mine}` without a decision" in out


def test_program_of_a_provider_that_does_not_exist(repo, monkeypatch, capsys):
    repo.write(repo.program_path("ghost-provider/course"), repo.read(repo.program_path(a_program_of(KOSEN))))
    head = repo.commit("ghost")
    status, out = check(repo, monkeypatch, capsys, maintainers(KOSEN)[0], head)
    assert status == 1 and "which has no readable provider file" in out


# ------------------------------------------------------------------ the check: committee-only paths


@pytest.mark.parametrize(
    "path, area",
    [
        ("schemas/program.schema.json", "the schemas and vocabularies"),
        ("schemas/vocabularies.schema.json", "the schemas and vocabularies"),
        ("src/mccat/rules.py", "the catalogue tools"),
        (".github/workflows/pull-request.yml", "the workflows and repository settings"),
        ("governance/committee.yaml", "the committee's governance files"),
        ("docs/en/index.md", "files outside the catalogue"),
        ("catalogue/README.md", "files that are not catalogue entries"),
    ],
)
def test_committee_only_paths_are_denied_to_maintainers(repo, monkeypatch, capsys, path, area):
    target = repo.path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text((target.read_text() if target.exists() else "") + "# changed\n", encoding="utf-8")
    head = repo.commit("touch")
    status, out = check(repo, monkeypatch, capsys, maintainers(KOSEN)[0], head)
    assert status == 1
    assert f"DENY {path}: is one of {area}, which only the committee may change" in out


def test_joining_the_committee_in_the_same_pull_request_does_not_help(repo, monkeypatch, capsys):
    intruder = maintainers(KOSEN)[0]
    repo.write_text("governance/committee.yaml", yaml.safe_dump({"members": COMMITTEE + [intruder]}))
    repo.write_text("schemas/program.schema.json", '{"title": "mine now"}\n')
    head = repo.commit("coup")
    status, out = check(repo, monkeypatch, capsys, intruder, head)
    assert status == 1 and "DENY governance/committee.yaml" in out and "DENY schemas/program.schema.json" in out


def test_a_missing_committee_list_fails_with_a_hint(tmp_path, monkeypatch, capsys):
    bare = CatalogueRepo(tmp_path / "bare")
    shutil.rmtree(bare.root / "governance")
    bare.base = bare.commit("no committee")
    bare.change(bare.program_path(a_program_of(KOSEN)), lambda d: d["effort"].update(hours=99))
    status, out = check(bare, monkeypatch, capsys, maintainers(KOSEN)[0])
    assert status == 1 and "governance/committee.yaml:1:1: error [committee.missing] does not exist" in out


def test_unknown_base_is_a_usage_error(repo, monkeypatch, capsys):
    status, _out, err = repo.mccat(monkeypatch, capsys, "check-ownership", "--author", "x", "nope")
    assert status == 2 and "`nope` is not a commit" in err


def test_paths_are_relative_to_the_repository_root_from_a_subfolder(repo, monkeypatch, capsys):
    repo.change(repo.program_path(a_program_of(UNIV)), lambda d: d["effort"].update(hours=1))
    head = repo.commit("edit")
    monkeypatch.chdir(repo.root / "catalogue")
    from mccat.cli.main import main

    status = main(["--catalogue", ".", "check-ownership", "--author", maintainers(KOSEN)[0], repo.base, head])
    out = capsys.readouterr().out
    assert status == 1 and f"DENY catalogue/programs/{a_program_of(UNIV)}.yaml" in out
    assert Path.cwd() == repo.root / "catalogue"


# ------------------------------------------------------------------ rights come from the target branch's tip


def test_a_removed_maintainer_cannot_pass_from_an_old_branch_point(repo, monkeypatch, capsys):
    """Attack: branch from a commit where you still had rights, after the committee took them away."""
    removed = maintainers(KOSEN)[0]
    program = a_program_of(KOSEN)
    repo.git("checkout", "-q", "-b", "old-rights")  # the branch point: removed is still a maintainer
    repo.change(repo.program_path(program), lambda d: d["effort"].update(hours=1))
    head = repo.commit("cut hours with rights I no longer have")
    repo.git("checkout", "-q", "main")
    repo.change(repo.provider_path(KOSEN), lambda d: d.update(maintainers=["someone-else"]))
    repo.mccat(monkeypatch, capsys, "owners")
    repo.base = repo.commit("the committee removes the maintainer")
    status, out = check(repo, monkeypatch, capsys, removed, head)
    assert status == 1, out
    assert (
        f"DENY catalogue/programs/{program}.yaml: belongs to the provider `{KOSEN}`, maintained by someone-else" in out
    )


def test_a_removed_committee_member_cannot_pass_from_an_old_branch_point(repo, monkeypatch, capsys):
    removed = COMMITTEE[0]
    repo.git("checkout", "-q", "-b", "old-committee")
    repo.write_text("hooks/catalogue_hook.py", "# rewritten\n")
    repo.write_text(".github/workflows/pull-request.yml", "name: nothing to see\n")
    repo.change(repo.program_path(a_program_of(UNIV)), lambda d: d["effort"].update(hours=1))
    head = repo.commit("edits only the committee may make")
    repo.git("checkout", "-q", "main")
    repo.write_text("governance/committee.yaml", yaml.safe_dump({"members": COMMITTEE[1:]}))
    repo.base = repo.commit("the committee loses a member")
    status, out = check(repo, monkeypatch, capsys, removed, head)
    assert status == 1, out
    assert "DENY hooks/catalogue_hook.py" in out and "DENY .github/workflows/pull-request.yml" in out
    assert f"DENY catalogue/programs/{a_program_of(UNIV)}.yaml" in out
    assert ": committee member" not in out


def test_a_provider_deleted_on_the_target_branch_is_not_new_again(repo, monkeypatch, capsys):
    """Attack: the provider was removed from main; its old maintainer edits its programs from an old branch point,
    where the provider file still exists, hoping it passes as a new provider's file."""
    removed = maintainers(KOSEN)[0]
    program = a_program_of(KOSEN)
    repo.git("checkout", "-q", "-b", "ghost")
    repo.change(repo.program_path(program), lambda d: d["effort"].update(hours=1))
    head = repo.commit("edit a provider that is gone on main")
    repo.git("checkout", "-q", "main")
    repo.provider_path(KOSEN).unlink()
    repo.git("rm", "-q", "-r", f"catalogue/programs/{KOSEN}")
    repo.mccat(monkeypatch, capsys, "owners")
    repo.base = repo.commit("the provider leaves")
    status, out = check(repo, monkeypatch, capsys, removed, head)
    assert status == 1, out
    assert f"DENY catalogue/programs/{program}.yaml" in out


# ------------------------------------------------------------------ stacking onto another provider's program


def _stack(repo, program: str, targets: list[str]) -> None:
    repo.change(
        repo.program_path(program), lambda d: d.update(stackability={"stackable": True, "stacks_into": targets})
    )


def test_stacking_onto_another_providers_program_is_a_change_to_their_record(repo, monkeypatch, capsys):
    """Attack: provider A adds its course to B's page (and B's JSON-LD hasPart) from A's own file."""
    mine, theirs = a_program_of(KOSEN), a_program_of(UNIV)
    _stack(repo, mine, [theirs])
    head = repo.commit("stack into B")
    status, out = check(repo, monkeypatch, capsys, maintainers(KOSEN)[0], head)
    assert status == 1, out
    assert f"DENY catalogue/programs/{mine}.yaml: adds a stacking link onto `{theirs}` of the provider `{UNIV}`" in out
    assert check(repo, monkeypatch, capsys, "chair-account", head)[0] == 0  # the committee may


def test_a_new_program_stacking_onto_another_provider_is_denied_too(repo, monkeypatch, capsys):
    theirs = a_program_of(UNIV)
    data = repo.read(repo.program_path(a_program_of(KOSEN)))
    data["stackability"] = {"stackable": True, "stacks_into": [theirs]}
    repo.write(repo.program_path(f"{KOSEN}/brand-new"), data)
    head = repo.commit("new program stacking into B")
    status, out = check(repo, monkeypatch, capsys, maintainers(KOSEN)[0], head)
    assert status == 1 and f"adds a stacking link onto `{theirs}`" in out


def test_own_stacking_links_and_removing_links_stay_allowed(repo, monkeypatch, capsys):
    first, second = sorted(p.stem for p in (CATALOGUE / "programs" / KOSEN).glob("*.yaml"))[:2]
    _stack(repo, f"{KOSEN}/{first}", [f"{KOSEN}/{second}"])
    head = repo.commit("stack into my own program")
    assert check(repo, monkeypatch, capsys, maintainers(KOSEN)[0], head)[0] == 0
    # A link that exists on the target branch (approved by the committee) may be kept or removed by A.
    theirs = a_program_of(UNIV)
    _stack(repo, f"{KOSEN}/{first}", [theirs])
    repo.base = repo.commit("the committee approved a cross-provider link")
    repo.change(repo.program_path(f"{KOSEN}/{first}"), lambda d: d["effort"].update(hours=99))
    head = repo.commit("unrelated edit keeps the link")
    assert check(repo, monkeypatch, capsys, maintainers(KOSEN)[0], head)[0] == 0
    _stack(repo, f"{KOSEN}/{first}", [])
    head = repo.commit("drop the link")
    assert check(repo, monkeypatch, capsys, maintainers(KOSEN)[0], head)[0] == 0


# ------------------------------------------------------------------ decisions and what nothing may erase (issue 15)


def check_pushed(repo, monkeypatch, capsys, author: str, pushed_by: str, before: str, head: str) -> tuple[int, str]:
    """check-ownership as the workflow runs it after a push by `pushed_by` that moved the branch from `before`."""
    status, out, err = repo.mccat(
        monkeypatch,
        capsys,
        "check-ownership",
        "--author",
        author,
        "--pushed-by",
        pushed_by,
        "--pushed-from",
        before,
        repo.base,
        head,
    )
    assert "Traceback" not in out + err
    return status, out


def test_a_providers_pull_request_may_not_add_or_change_a_decision(repo, monkeypatch, capsys):
    program = a_program_of(KOSEN)
    repo.change(repo.program_path(program), lambda d: d["effort"].update(hours=99))
    change = repo.commit("the provider's change")
    repo.write_decision("MCR-2026-080", kind="amend-approval", programs=[program], date="2026-11-01")
    head = repo.commit("self-approval")
    status, out = check(repo, monkeypatch, capsys, maintainers(KOSEN)[0], head)
    assert status == 1
    assert "DENY catalogue/decisions/MCR-2026-080.yaml: is a committee decision (catalogue/decisions/)" in out
    assert f"ok   catalogue/programs/{program}.yaml: maintainer of {KOSEN}" in out
    # A committee member who pushes the decision file vouches for it.
    status, out = check_pushed(repo, monkeypatch, capsys, maintainers(KOSEN)[0], "chair-account", change, head)
    assert status == 0, out
    assert "ok   catalogue/decisions/MCR-2026-080.yaml: a committee decision, pushed by chair-account" in out
    # A push by anyone else vouches for nothing.
    assert check_pushed(repo, monkeypatch, capsys, maintainers(KOSEN)[0], maintainers(KOSEN)[1], change, head)[0] == 1
    # --pushed-by alone is refused: it would vouch for whatever the branch holds.
    status, _, err = repo.mccat(
        monkeypatch, capsys, "check-ownership", "--author", maintainers(KOSEN)[0], "--pushed-by", "chair-account",
        repo.base, head,
    )  # fmt: skip
    assert status == 2 and "--pushed-from" in err


def test_a_members_update_branch_merge_does_not_vouch_for_the_providers_decision(repo, monkeypatch, capsys):
    """Attack: the provider writes its own approval into its pull request and waits; the target branch moves on,
    a committee member clicks "Update branch", and GitHub reports that member as the pusher of the merge."""
    program = a_program_of(KOSEN)
    repo.git("checkout", "-q", "-b", "pr")
    repo.change(repo.program_path(program), lambda d: d["effort"].update(hours=99))
    repo.write_decision("MCR-2026-040", kind="amend-approval", programs=[program], date="2026-11-01")
    provider_head = repo.commit("approve my own change")
    repo.git("checkout", "-q", "main")
    repo.write_text("docs/ja/news.md", "news\n")
    repo.base = repo.commit("the target branch moves on")
    repo.git("checkout", "-q", "pr")
    repo.git("merge", "-q", "--no-edit", "main")  # "Update branch", pushed by the member
    merged = repo.git("rev-parse", "HEAD")
    status, out = check_pushed(repo, monkeypatch, capsys, maintainers(KOSEN)[0], "chair-account", provider_head, merged)
    assert status == 1
    assert "DENY catalogue/decisions/MCR-2026-040.yaml" in out
    # A force push from a commit this checkout does not have vouches for nothing either.
    unknown = "0" * 39 + "1"
    assert check_pushed(repo, monkeypatch, capsys, maintainers(KOSEN)[0], "chair-account", unknown, merged)[0] == 1


def test_editing_an_existing_decision_is_the_committees_alone(repo, monkeypatch, capsys):
    decision = sorted((repo.root / "catalogue/decisions").glob("*.yaml"))[0]
    repo.change(decision, lambda d: d.update(valid_until="2099-12-31"))
    head = repo.commit("extend my own approval")
    assert check(repo, monkeypatch, capsys, maintainers(KOSEN)[0], head)[0] == 1
    assert check(repo, monkeypatch, capsys, "chair-account", head)[0] == 0  # the diff flags it for review


def test_deleting_an_approved_program_needs_a_withdrawal_even_for_the_committee(repo, monkeypatch, capsys):
    program = a_program_of(KOSEN)
    repo.program_path(program).unlink()
    head = repo.commit("delete")
    for author in (maintainers(KOSEN)[0], "chair-account"):
        status, out = check(repo, monkeypatch, capsys, author, head)
        assert status == 1
        assert (
            f"DENY catalogue/programs/{program}.yaml: deletes the approved program `{program}` without a decision"
            in out
        )
        assert f"--kind withdraw --program {program}" in out


def test_a_withdrawal_in_the_same_change_lets_the_file_go(repo, monkeypatch, capsys):
    program = a_program_of(KOSEN)
    repo.write_decision("MCR-2026-081", kind="withdraw", programs=[program], date="2026-11-01")
    repo.program_path(program).unlink()
    head = repo.commit("withdraw and delete")
    status, out = check(repo, monkeypatch, capsys, "chair-account", head)
    assert status == 0, out
    # A maintainer deleting the file after the committee withdrew it on the base branch: allowed too.
    repo.git("reset", "-q", "--hard", repo.base)
    repo.write_decision("MCR-2026-081", kind="withdraw", programs=[program], date="2026-11-01")
    repo.base = repo.commit("the committee withdraws")
    repo.program_path(program).unlink()
    head = repo.commit("the provider deletes the file")
    status, out = check(repo, monkeypatch, capsys, maintainers(KOSEN)[0], head)
    assert status == 0, out


def test_renaming_an_approved_program_needs_a_rename_decision(repo, monkeypatch, capsys):
    program = a_program_of(KOSEN)
    new = f"{KOSEN}/renamed-course"
    repo.git("mv", f"catalogue/programs/{program}.yaml", f"catalogue/programs/{new}.yaml")
    head = repo.commit("rename")
    status, out = check(repo, monkeypatch, capsys, maintainers(KOSEN)[0], head)
    assert status == 1 and f"DENY catalogue/programs/{program}.yaml: deletes the approved program" in out
    repo.write_decision(
        "MCR-2026-082",
        kind="rename",
        programs=[program],
        renamed_to=new,
        date="2026-11-01",
        records=[
            {"program": program, "title": {"ja": "旧", "en": "Old"}, "provider_name": {"ja": "高専", "en": "Kosen"}}
        ],
    )
    head = repo.commit("with the committee's decision")
    status, out = check(repo, monkeypatch, capsys, "chair-account", head)
    assert status == 0, out


def test_a_program_never_approved_may_be_deleted(repo, monkeypatch, capsys):
    proposal = f"{KOSEN}/a-proposal"
    repo.write(repo.program_path(proposal), repo.read(repo.program_path(a_program_of(KOSEN))))
    repo.base = repo.commit("a proposal merged without a decision")
    repo.program_path(proposal).unlink()
    head = repo.commit("the provider takes it back")
    status, out = check(repo, monkeypatch, capsys, maintainers(KOSEN)[0], head)
    assert status == 0, out


def test_a_provider_file_goes_only_once_each_approved_program_is_withdrawn(repo, monkeypatch, capsys):
    programs = sorted(f"{KOSEN}/{p.stem}" for p in (repo.root / "catalogue/programs" / KOSEN).glob("*.yaml"))
    repo.provider_path(KOSEN).unlink()
    for program in programs:
        repo.program_path(program).unlink()
    head = repo.commit("provider leaves")
    status, out = check(repo, monkeypatch, capsys, "chair-account", head)
    assert status == 1 and f"DENY catalogue/providers/{KOSEN}.yaml: deletes the provider `{KOSEN}`" in out
    repo.git("reset", "-q", "--hard", repo.base)
    for index, program in enumerate(programs):
        repo.write_decision(f"MCR-2026-{90 + index}", kind="withdraw", programs=[program], date="2026-11-01")
    repo.provider_path(KOSEN).unlink()
    for program in programs:
        repo.program_path(program).unlink()
    head = repo.commit("provider leaves, withdrawn")
    status, out = check(repo, monkeypatch, capsys, "chair-account", head)
    assert status == 0, out


def test_a_decision_file_is_never_deleted(repo, monkeypatch, capsys):
    decision = sorted((repo.root / "catalogue/decisions").glob("*.yaml"))[0]
    decision.unlink()
    head = repo.commit("erase a decision")
    status, out = check(repo, monkeypatch, capsys, "chair-account", head)
    assert status == 1 and f"DENY catalogue/decisions/{decision.name}: deletes the committee decision" in out


def test_a_withdrawal_merged_on_the_target_branch_after_the_branch_point_lets_the_file_go(repo, monkeypatch, capsys):
    """The provider branched before the committee withdrew the program on main, then deletes its file."""
    program = a_program_of(KOSEN)
    repo.git("checkout", "-q", "-b", "take-it-down")
    repo.program_path(program).unlink()
    head = repo.commit("the provider deletes the file")
    repo.git("checkout", "-q", "main")
    assert check(repo, monkeypatch, capsys, maintainers(KOSEN)[0], head)[0] == 1  # no decision yet
    repo.write_decision("MCR-2026-083", kind="withdraw", programs=[program], date="2026-11-01")
    repo.base = repo.commit("the committee withdraws it on main")
    status, out = check(repo, monkeypatch, capsys, maintainers(KOSEN)[0], head)
    assert status == 0, out
