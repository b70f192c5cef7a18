"""`mccat diff`: the semantic diff between two git revisions, on real temporary repositories."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from mccat.model.schema import descriptors
from mccat.model.vocabulary import label
from mccat.review.diff_report import field_label
from tests.git_catalogue import CatalogueRepo, programs_with

KOSEN = "example-kosen"


@pytest.fixture
def repo(tmp_path):
    repo = CatalogueRepo(tmp_path / "repo")
    repo.base = repo.commit("base")
    return repo


def diff_json(repo, monkeypatch, capsys, *revisions: str) -> dict:
    status, out, err = repo.mccat(monkeypatch, capsys, "diff", *revisions, "--format", "json")
    assert status == 0, err
    return json.loads(out)


def only_change(report: dict) -> dict:
    assert len(report["changes"]) == 1, report["changes"]
    return report["changes"][0]


def some_program(repo, predicate=lambda data: True) -> str:
    return programs_with(predicate)[0]


def test_no_changes_says_so_in_both_languages(repo, monkeypatch, capsys):
    status, out, _ = repo.mccat(monkeypatch, capsys, "diff", repo.base, repo.base, "--lang", "en")
    assert status == 0 and "No changes to the catalogue." in out
    status, out, _ = repo.mccat(monkeypatch, capsys, "diff", repo.base, "--lang", "ja", "--format", "markdown")
    assert status == 0 and "カタログに変更はありません。" in out


def test_added_program_is_listed_with_its_key_facts(repo, monkeypatch, capsys):
    source = some_program(repo)
    new_id = f"{source.split('/')[0]}/brand-new-program"
    repo.write(repo.program_path(new_id), repo.read(repo.program_path(source)) | {"title": {"ja": "新規", "en": "New"}})
    head = repo.commit("add")
    report = diff_json(repo, monkeypatch, capsys, repo.base, head)
    # The copy is nearly identical to its source, which still exists: an addition, not a rename.
    change = only_change(report)
    assert (change["kind"], change["change"], change["id"]) == ("program", "added", new_id)
    assert report["summary"]["added"] == 1
    status, out, _ = repo.mccat(monkeypatch, capsys, "diff", repo.base, head, "--format", "markdown", "--lang", "ja")
    assert f"追加: `{new_id}` `新規`" in out
    _status, out, _ = repo.mccat(monkeypatch, capsys, "diff", repo.base, head, "--format", "markdown", "--lang", "en")
    assert f"Added: `{new_id}` `New`" in out


def test_removed_program(repo, monkeypatch, capsys):
    gone = some_program(repo)
    repo.program_path(gone).unlink()
    head = repo.commit("remove")
    change = only_change(diff_json(repo, monkeypatch, capsys, repo.base, head))
    assert (change["change"], change["id"], change["old_file"]) == ("removed", gone, f"catalogue/programs/{gone}.yaml")


def test_rename_is_detected_with_the_fields_that_changed_on_the_way(repo, monkeypatch, capsys):
    old_id = some_program(repo)
    provider = old_id.split("/")[0]
    new_id = f"{provider}/renamed-program"
    repo.git("mv", f"catalogue/programs/{old_id}.yaml", f"catalogue/programs/{new_id}.yaml")
    repo.change(repo.program_path(new_id), lambda d: d["title"].update(en=d["title"]["en"] + " (revised)"))
    head = repo.commit("rename")
    change = only_change(diff_json(repo, monkeypatch, capsys, repo.base, head))
    assert (change["change"], change["old_id"], change["id"]) == ("renamed", old_id, new_id)
    assert 0.8 <= change["similarity"] < 1
    assert [f["path"] for f in change["fields"]] == ["title.en"]
    assert not [f for f in change["flags"] if f["code"] == "provider-changed"]
    _status, out, _ = repo.mccat(monkeypatch, capsys, "diff", repo.base, head, "--lang", "en")
    assert f"Renamed: Program {old_id} → {new_id}" in out and "its public URL changes" in out


def test_unrelated_remove_and_add_are_not_a_rename(repo, monkeypatch, capsys):
    first, second = programs_with(lambda d: True)[:2]
    repo.program_path(first).unlink()
    data = repo.read(repo.program_path(second))
    repo.program_path(second).unlink()
    data = dict(data.items())
    data["title"] = {"ja": "全く別のプログラム", "en": "Something else entirely"}
    for key in ("summary", "description", "learning_outcomes", "skills", "offerings", "delivery"):
        data.pop(key, None)
    repo.write(repo.program_path(f"{second.split('/')[0]}/other"), data)
    head = repo.commit("swap")
    kinds = sorted(c["change"] for c in diff_json(repo, monkeypatch, capsys, repo.base, head)["changes"])
    assert kinds == ["added", "removed", "removed"]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_field_changes_use_schema_titles_and_vocabulary_labels(repo, monkeypatch, capsys, lang):
    program = some_program(repo, lambda d: d["delivery"]["mode"] != "online")
    old_mode = repo.read(repo.program_path(program))["delivery"]["mode"]
    repo.change(
        repo.program_path(program),
        lambda d: (
            d["delivery"].update(mode="online"),
            d["delivery"].pop("location", None),
            d["summary"].update(ja=d["summary"]["ja"] + "（改訂）"),
        ),
    )
    head = repo.commit("change mode")
    _status, out, _ = repo.mccat(monkeypatch, capsys, "diff", repo.base, head, "--format", "markdown", "--lang", lang)
    titles = {d.name: d.title[lang] for d in descriptors("program")}
    mode_row = (
        f"| {titles['delivery']} › {titles['delivery.mode']} | "
        f"`{label('delivery_mode', old_mode, lang)} ({old_mode})` | "
        f"`{label('delivery_mode', 'online', lang)} (online)` |"
    )
    assert mode_row in out
    assert f"| {titles['summary']} › {label('language', 'ja', lang)} |" in out
    assert f"| {titles['delivery']} › {titles['delivery.location']} › " in out  # removed: shown field by field
    header = {"ja": "| 項目 | 変更前 | 変更後 |", "en": "| Field | Before | After |"}[lang]
    assert header in out


def test_long_texts_show_the_changed_passage_not_the_whole_text(repo, monkeypatch, capsys):
    program = some_program(repo, lambda d: len(d["description"]["en"]) > 200)
    original = repo.read(repo.program_path(program))["description"]["en"]
    words = original.split(" ")
    middle = len(words) // 2
    changed = " ".join(words[:middle] + ["ZEBRA"] + words[middle + 1 :])
    repo.change(repo.program_path(program), lambda d: d["description"].update(en=changed))
    head = repo.commit("edit description")
    _status, out, _ = repo.mccat(monkeypatch, capsys, "diff", repo.base, head, "--lang", "en")
    line = next(l for l in out.splitlines() if l.strip().startswith("Content › English:"))
    assert "{+ZEBRA+}" in line and f"[-{words[middle]}-]" in line
    assert len(line) < len(original)  # an excerpt, with … for the unchanged rest
    # JSON keeps the whole texts for tools.
    fields = only_change(diff_json(repo, monkeypatch, capsys, repo.base, head))["fields"]
    assert fields == [
        {
            "path": "description.en",
            "change": "changed",
            "old": original,
            "new": changed,
            "label": {
                "ja": field_label("program", ("description", "en"), "ja"),
                "en": field_label("program", ("description", "en"), "en"),
            },
        }
    ]


# ------------------------------------------------------------------ flags


def flag_codes(report: dict) -> list[str]:
    return [f["code"] for c in report["changes"] for f in c["flags"]]


def test_hours_cut_is_flagged_and_an_increase_is_not(repo, monkeypatch, capsys):
    program = some_program(repo)
    hours = repo.read(repo.program_path(program))["effort"]["hours"]
    repo.change(repo.program_path(program), lambda d: d["effort"].update(hours=hours - 5))
    cut = repo.commit("cut")
    repo.change(repo.program_path(program), lambda d: d["effort"].update(hours=hours + 5))
    more = repo.commit("more")
    report = diff_json(repo, monkeypatch, capsys, repo.base, cut)
    assert flag_codes(report) == ["assessed-changed", "hours-cut"]  # an approved program: needs an amendment too
    flag = report["changes"][0]["flags"][1]
    assert (flag["old"], flag["new"]) == (hours, hours - 5)
    assert f"{hours:g} → {hours - 5:g}" in flag["message"]["en"] and "学習時間が減りました" in flag["message"]["ja"]
    assert flag_codes(diff_json(repo, monkeypatch, capsys, repo.base, more)) == ["assessed-changed"]


def test_credits_cut_or_removed_is_flagged(repo, monkeypatch, capsys):
    program = some_program(repo, lambda d: "credits" in d.get("recognition", {}))
    value = repo.read(repo.program_path(program))["recognition"]["credits"]["value"]
    repo.change(repo.program_path(program), lambda d: d["recognition"]["credits"].update(value=value / 2))
    halved = repo.commit("halve")
    repo.change(repo.program_path(program), lambda d: d["recognition"].pop("credits"))
    dropped = repo.commit("drop")
    assert flag_codes(diff_json(repo, monkeypatch, capsys, repo.base, halved)) == ["assessed-changed", "credits-cut"]
    assert flag_codes(diff_json(repo, monkeypatch, capsys, repo.base, dropped)) == ["assessed-changed", "credits-cut"]


def test_assessment_and_quality_assurance_changes_are_flagged(repo, monkeypatch, capsys):
    program = some_program(repo, lambda d: len(d["assessment"]["types"]) > 1 and d["quality_assurance"]["types"])
    repo.change(
        repo.program_path(program), lambda d: (d["assessment"]["types"].pop(), d["quality_assurance"]["types"].pop())
    )
    head = repo.commit("weaken")
    report = diff_json(repo, monkeypatch, capsys, repo.base, head)
    assert flag_codes(report) == ["assessed-changed", "assessment-changed", "qa-changed"]
    message = report["changes"][0]["flags"][1]["message"]["en"]
    assert field_label("program", ("assessment", "types"), "en") in message


def test_provider_change_is_flagged_when_a_program_moves_to_another_provider(repo, monkeypatch, capsys):
    program = some_program(repo, lambda d: d["provider"] != KOSEN)
    slug = program.split("/")[1]
    repo.git("mv", f"catalogue/programs/{program}.yaml", f"catalogue/programs/{KOSEN}/{slug}.yaml")
    repo.change(repo.program_path(f"{KOSEN}/{slug}"), lambda d: d.update(provider=KOSEN))
    head = repo.commit("move")
    change = only_change(diff_json(repo, monkeypatch, capsys, repo.base, head))
    assert (change["change"], change["old_id"], change["id"]) == ("renamed", program, f"{KOSEN}/{slug}")
    assert [f["code"] for f in change["flags"]] == ["approved-renamed", "provider-changed"]
    assert change["flags"][1]["old"] == program.split("/")[0] and change["flags"][1]["new"] == KOSEN


def test_maintainers_change_on_a_provider_is_flagged(repo, monkeypatch, capsys):
    repo.change(repo.provider_path(KOSEN), lambda d: d["maintainers"].append("someone-new"))
    head = repo.commit("add maintainer")
    change = only_change(diff_json(repo, monkeypatch, capsys, repo.base, head))
    assert (change["kind"], change["id"]) == ("provider", KOSEN)
    assert [f["code"] for f in change["flags"]] == ["maintainers-changed"]
    assert "someone-new" in change["flags"][0]["message"]["en"]


@pytest.mark.parametrize("char", ["\u202e", "\u200b", "\u2066"])
def test_invisible_characters_in_changed_text_are_flagged_and_shown(repo, monkeypatch, capsys, char):
    program = some_program(repo)
    repo.change(repo.program_path(program), lambda d: d["summary"].update(en=f"Safe{char}text"))
    head = repo.commit("hide")
    report = diff_json(repo, monkeypatch, capsys, repo.base, head)
    assert flag_codes(report) == ["invisible-characters", "one-language-changed"]
    marker = f"<U+{ord(char):04X}>"
    for lang in ("ja", "en"):
        status, out, _ = repo.mccat(
            monkeypatch, capsys, "diff", repo.base, head, "--format", "markdown", "--lang", lang
        )
        assert char not in out, "the raw character must never reach the comment"
        assert f"Safe{marker}text" in out
    _status, out, _ = repo.mccat(monkeypatch, capsys, "diff", repo.base, head)
    assert char not in out and f"Safe{marker}text" in out


def test_invisible_characters_in_an_added_program_are_flagged(repo, monkeypatch, capsys):
    source = some_program(repo)
    data = repo.read(repo.program_path(source))
    data["learning_outcomes"][0]["en"] = "Explain\u202dthings"
    repo.write(repo.program_path(f"{source.split('/')[0]}/sneaky"), data)
    head = repo.commit("add")
    report = diff_json(repo, monkeypatch, capsys, repo.base, head)
    assert flag_codes(report) == ["invisible-characters"]
    assert report["changes"][0]["flags"][0]["path"] == "learning_outcomes.0.en"


@pytest.mark.parametrize(
    ("field", "disguised", "shown", "flags"),
    [
        (  # an approved program's title is also assessed content (the signed certificate names it)
            "title",
            "D\u0430ta Science",
            "D<U+0430 CYRILLIC SMALL LETTER A>ta Science",
            ["lookalike-letters", "assessed-changed", "one-language-changed"],
        ),
        (
            "summary",
            "Learn P\uff59thon for work, with exercises on real data sets and a final project to finish.",
            "P<U+FF59 FULLWIDTH LATIN SMALL LETTER Y>thon",
            ["lookalike-letters", "one-language-changed"],
        ),
    ],
)
def test_lookalike_letters_in_changed_text_are_flagged_and_shown(
    repo, monkeypatch, capsys, field, disguised, shown, flags
):
    program = some_program(repo)
    repo.change(repo.program_path(program), lambda d: d[field].update(en=disguised))
    head = repo.commit("disguise")
    report = diff_json(repo, monkeypatch, capsys, repo.base, head)
    assert flag_codes(report) == flags
    lookalike = next(c for c in disguised if not c.isascii())
    for lang in ("ja", "en"):
        status, out, _ = repo.mccat(
            monkeypatch, capsys, "diff", repo.base, head, "--format", "markdown", "--lang", lang
        )
        assert lookalike not in out, "the disguised word must be written out, never shown as it looks"
        assert shown in out
    _status, out, _ = repo.mccat(monkeypatch, capsys, "diff", repo.base, head)
    assert lookalike not in out and shown in out


def test_lookalike_letters_in_an_added_program_are_flagged_and_japanese_text_is_not(repo, monkeypatch, capsys):
    source = some_program(repo)
    data = repo.read(repo.program_path(source))
    data["learning_outcomes"][0]["en"] = "Explain \u0441loud costs"  # Cyrillic с
    data["learning_outcomes"][1]["ja"] = "Python入門とβ版のＩＴ演習"  # Japanese mixing scripts as it does
    repo.write(repo.program_path(f"{source.split('/')[0]}/sneaky"), data)
    head = repo.commit("add")
    report = diff_json(repo, monkeypatch, capsys, repo.base, head)
    assert flag_codes(report) == ["lookalike-letters"]
    assert report["changes"][0]["flags"][0]["path"] == "learning_outcomes.0.en"


# ------------------------------------------------------------------ decisions (issue 15)


def diff_text(repo, monkeypatch, capsys, head: str, lang: str = "en", fmt: str = "text") -> str:
    status, out, err = repo.mccat(monkeypatch, capsys, "diff", repo.base, head, "--format", fmt, "--lang", lang)
    assert status == 0, err
    return out


def test_a_new_program_without_a_decision_is_not_published_and_a_decision_in_the_change_approves_it(
    repo, monkeypatch, capsys
):
    source = some_program(repo)
    new_id = f"{KOSEN}/brand-new-program"
    repo.write(repo.program_path(new_id), repo.read(repo.program_path(source)) | {"provider": KOSEN})
    proposal = repo.commit("a provider proposes")
    change = only_change(diff_json(repo, monkeypatch, capsys, repo.base, proposal))
    assert (change["decision"], change["flags"]) == (None, [])
    assert "Not published until the committee adds a decision" in change["notes"]["en"][0]
    assert "公開サイトには掲載されません" in diff_text(repo, monkeypatch, capsys, proposal, "ja", "markdown")
    repo.write_decision("MCR-2026-090", kind="approve", programs=[new_id], date="2026-11-01")
    approved = repo.commit("the committee approves")
    report = diff_json(repo, monkeypatch, capsys, repo.base, approved)
    program = next(c for c in report["changes"] if c["kind"] == "program")
    decision = next(c for c in report["changes"] if c["kind"] == "decision")
    assert program["decision"] == "MCR-2026-090" and "Approved by decision MCR-2026-090" in program["notes"]["en"][0]
    assert (decision["change"], decision["id"], decision["flags"]) == ("added", "MCR-2026-090", [])
    markdown = diff_text(repo, monkeypatch, capsys, approved, "en", "markdown")
    assert "### Committee decisions" in markdown and "#### ➕ Added: `MCR-2026-090`" in markdown
    assert f"`Approval (approve)` · `2026-11-01` · `{new_id}`" in markdown


def test_an_approved_programs_assessed_content_needs_an_amended_approval(repo, monkeypatch, capsys):
    program = some_program(repo)
    repo.change(
        repo.program_path(program), lambda d: d["learning_outcomes"][0].update(ja="別の成果。", en="Something else.")
    )
    head = repo.commit("change an outcome")
    report = diff_json(repo, monkeypatch, capsys, repo.base, head)
    assert flag_codes(report) == ["assessed-changed"]
    flag = report["changes"][0]["flags"][0]
    assert field_label("program", ("learning_outcomes",), "en") in flag["message"]["en"]
    repo.write_decision("MCR-2026-091", kind="amend-approval", programs=[program], date="2026-11-01")
    amended = repo.commit("the committee approves the amendment")
    report = diff_json(repo, monkeypatch, capsys, repo.base, amended)
    assert flag_codes(report) == []
    assert next(c for c in report["changes"] if c["kind"] == "program")["decision"] == "MCR-2026-091"
    # Content that was not assessed (the description) changes without a decision.
    repo.git("reset", "-q", "--hard", repo.base)
    repo.change(
        repo.program_path(program),
        lambda d: d["description"].update(ja="より分かりやすい説明。", en="A clearer description."),
    )
    assert flag_codes(diff_json(repo, monkeypatch, capsys, repo.base, repo.commit("describe"))) == []


def test_retitling_or_relevelling_an_approved_program_needs_an_amended_approval(repo, monkeypatch, capsys):
    """The signed approval certificate names the program by its title: a provider who renames an approved
    "IoT Embedded Systems" to "Master of Science in Artificial Intelligence" and raises its EQF level must not
    get a certificate for that under the old decision without the committee seeing it."""
    program = some_program(repo, lambda d: "eqf" in d.get("level", {}))
    level = repo.read(repo.program_path(program))["level"]["eqf"]

    def upgrade(data: dict) -> None:
        data["title"] = {"ja": "人工知能学修士（学位プログラム）", "en": "Master of Science in Artificial Intelligence"}
        data["level"]["eqf"] = min(level + 2, 8)

    repo.change(repo.program_path(program), upgrade)
    head = repo.commit("a grander name")
    report = diff_json(repo, monkeypatch, capsys, repo.base, head)
    assert flag_codes(report) == ["assessed-changed"]
    message = report["changes"][0]["flags"][0]["message"]
    for lang in ("ja", "en"):
        for name in (field_label("program", ("title",), lang), field_label("program", ("level", "eqf"), lang)):
            assert name in message[lang]
    repo.write_decision("MCR-2026-092", kind="amend-approval", programs=[program], date="2026-11-01")
    amended = repo.commit("the committee approves the new title")
    assert flag_codes(diff_json(repo, monkeypatch, capsys, repo.base, amended)) == []


def test_deleting_or_renaming_an_approved_program_is_flagged_unless_a_decision_covers_it(repo, monkeypatch, capsys):
    gone, moved = programs_with(lambda d: True)[:2]
    repo.program_path(gone).unlink()
    new_id = f"{moved.split('/')[0]}/moved-program"
    repo.git("mv", f"catalogue/programs/{moved}.yaml", f"catalogue/programs/{new_id}.yaml")
    head = repo.commit("delete and rename")
    report = diff_json(repo, monkeypatch, capsys, repo.base, head)
    assert flag_codes(report) == ["approved-removed", "approved-renamed"]
    assert "its public pages disappear" in diff_text(repo, monkeypatch, capsys, head)
    repo.git("reset", "-q", "--hard", repo.base)
    repo.write_decision("MCR-2026-092", kind="withdraw", programs=[gone], date="2026-11-01")
    repo.write_decision("MCR-2026-093", kind="rename", programs=[moved], renamed_to=new_id, date="2026-11-01")
    repo.program_path(gone).unlink()
    repo.git("mv", f"catalogue/programs/{moved}.yaml", f"catalogue/programs/{new_id}.yaml")
    covered = repo.commit("with the committee's decisions")
    report = diff_json(repo, monkeypatch, capsys, repo.base, covered)
    assert flag_codes(report) == []
    text = diff_text(repo, monkeypatch, capsys, covered)
    assert "decision MCR-2026-092 keeps its page and files at the same addresses" in text
    assert "Decision MCR-2026-093 moves it; the old address points to the new one." in text


def test_a_published_decision_edited_or_removed_is_flagged(repo, monkeypatch, capsys):
    edited, removed = sorted((repo.root / "catalogue/decisions").glob("*.yaml"))[:2]
    repo.change(edited, lambda d: d.update(date="2020-01-01"))
    removed.unlink()
    head = repo.commit("rewrite the record")
    report = diff_json(repo, monkeypatch, capsys, repo.base, head)
    decisions = {c["id"]: c for c in report["changes"] if c["kind"] == "decision"}
    assert [f["code"] for f in decisions[edited.stem]["flags"]] == ["decision-edited"]
    assert [f["code"] for f in decisions[removed.stem]["flags"]] == ["decision-removed"]
    assert decisions[edited.stem]["fields"][0]["path"] == "date"
    markdown = diff_text(repo, monkeypatch, capsys, head, "ja", "markdown")
    assert "公開済みの決定（公開の記録）が変更されました" in markdown
    assert "誤りは編集ではなく新しい決定で正してください" in markdown


def test_a_new_approval_numbered_before_published_ones_is_flagged(repo, monkeypatch, capsys):
    """Certificates' status-list entries follow decision numbers (mccat.publish.certificates)."""
    program = programs_with(lambda d: True)[0]
    repo.write_decision("MCR-2020-001", kind="renew", programs=[program], date="2026-11-01", valid_until="2029-10-31")
    report = diff_json(repo, monkeypatch, capsys, repo.base, repo.commit("a back-numbered renewal"))
    decisions = {c["id"]: c for c in report["changes"] if c["kind"] == "decision"}
    assert [f["code"] for f in decisions["MCR-2020-001"]["flags"]] == ["decision-out-of-order"]
    repo.git("reset", "-q", "--hard", repo.base)
    repo.write_decision("MCR-2026-099", kind="renew", programs=[program], date="2026-11-01", valid_until="2029-10-31")
    report = diff_json(repo, monkeypatch, capsys, repo.base, repo.commit("the next number"))
    assert [c["flags"] for c in report["changes"] if c["kind"] == "decision"] == [[]]


def test_a_withdrawn_program_edited_afterwards_and_a_withdrawn_id_used_again_are_flagged(repo, monkeypatch, capsys):
    kept, deleted = programs_with(lambda d: True)[2:4]
    repo.write_decision("MCR-2026-094", kind="withdraw", programs=[kept], date="2026-11-01")
    repo.write_decision("MCR-2026-095", kind="withdraw", programs=[deleted], date="2026-11-01")
    source = repo.read(repo.program_path(deleted))
    repo.program_path(deleted).unlink()
    repo.base = repo.commit("withdraw two programs, delete one file")
    repo.change(
        repo.program_path(kept),
        lambda d: d["description"].update(ja="取り下げ後の編集。", en="Edited after the withdrawal."),
    )
    repo.write(repo.program_path(deleted), source)
    head = repo.commit("edit the withdrawn program, reuse the id")
    report = diff_json(repo, monkeypatch, capsys, repo.base, head)
    flags = {c["id"]: [f["code"] for f in c["flags"]] for c in report["changes"]}
    assert flags == {kept: ["withdrawn-edited"], deleted: ["id-reused"]}


def test_every_flag_code_is_exercised_by_these_tests():
    from mccat.review.diff import FLAG_CODES

    source = open(__file__, encoding="utf-8").read()
    assert [code for code in FLAG_CODES if f'"{code}"' not in source] == []


# ------------------------------------------------------------------ robustness and output safety


def test_bad_yaml_on_either_side_is_a_clean_problem(repo, monkeypatch, capsys):
    broken, edited = programs_with(lambda d: True)[:2]
    repo.program_path(broken).write_text("title: [unclosed\n", encoding="utf-8")
    repo.change(repo.program_path(edited), lambda d: d["effort"].update(hours=d["effort"]["hours"] + 1))
    bad_head = repo.commit("break")
    status, out, err = repo.mccat(
        monkeypatch, capsys, "diff", repo.base, bad_head, "--format", "markdown", "--lang", "en"
    )
    assert status == 1 and "Traceback" not in out + err
    assert re.search(rf"`{bad_head[:7]}:catalogue/programs/{re.escape(broken)}\.yaml:\d+:\d+: is not valid YAML", out)
    assert f"`{edited}`" in out  # the rest of the diff is still there
    # Broken at the base, fixed at the head: the same clean report.
    repo.git("checkout", "-q", repo.base, "--", f"catalogue/programs/{broken}.yaml")
    fixed = repo.commit("fix")
    status, out, err = repo.mccat(monkeypatch, capsys, "diff", bad_head, fixed)
    assert status == 1 and f"{bad_head[:7]}:catalogue/programs/{broken}.yaml" in out


def test_default_head_is_the_working_tree_and_base_changes_after_branching_do_not_show(repo, monkeypatch, capsys):
    first, second = programs_with(lambda d: True)[:2]
    repo.git("checkout", "-q", "-b", "proposal")
    repo.change(repo.program_path(first), lambda d: d["title"].update(en="Proposal title"))
    repo.commit("proposal")
    repo.git("checkout", "-q", "main")
    repo.change(repo.program_path(second), lambda d: d["title"].update(en="Changed on main later"))
    repo.commit("main moves on")
    repo.git("checkout", "-q", "proposal")
    repo.change(repo.program_path(first), lambda d: d["summary"].update(en="Uncommitted edit"))
    report = diff_json(repo, monkeypatch, capsys, "main")
    assert report["head"] == "working tree"
    change = only_change(report)
    assert change["id"] == first and [f["path"] for f in change["fields"]] == ["title.en", "summary.en"]


def test_pull_request_text_cannot_inject_markdown(repo, monkeypatch, capsys):
    program = some_program(repo)
    hostile = "Hi @everyone <img src=x onerror=alert(1)> | ![x](https://evil.example/) ``` `"
    repo.change(repo.program_path(program), lambda d: d["title"].update(en=hostile))
    head = repo.commit("hostile")
    _status, out, _ = repo.mccat(monkeypatch, capsys, "diff", repo.base, head, "--format", "markdown", "--lang", "en")
    row = next(
        line for line in out.splitlines() if line.startswith(f"| {field_label('program', ('title', 'en'), 'en')}")
    )
    # Outside code spans there is nothing but the field name and the table pipes.
    outside = re.sub(r"(`+)(?: ?)(.*?)(?: ?)\1(?!`)", "", row)
    assert "@" not in outside and "<img" not in outside and "![" not in outside
    assert row.count(" | ") == 2 and hostile.replace("|", "\\|") in row


def test_unknown_revision_is_a_usage_error(repo, monkeypatch, capsys):
    status, _out, err = repo.mccat(monkeypatch, capsys, "diff", "no-such-branch")
    assert status == 2 and "no-such-branch" in err and "Traceback" not in err


def test_the_installed_command_runs_outside_python(repo):
    program = some_program(repo)
    repo.change(repo.program_path(program), lambda d: d["effort"].update(hours=1))
    head = repo.commit("cut")
    result = subprocess.run(
        [sys.executable, "-m", "mccat", "diff", repo.base, head, "--lang", "ja"],
        cwd=repo.root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "学習時間が減りました" in result.stdout


def test_a_new_stacking_link_onto_another_providers_program_is_flagged(repo, monkeypatch, capsys):
    mine = programs_with(lambda d: d["provider"] == KOSEN)[0]
    theirs = programs_with(lambda d: d["provider"] != KOSEN)[0]
    repo.change(repo.program_path(mine), lambda d: d.update(stackability={"stackable": True, "stacks_into": [theirs]}))
    head = repo.commit("stack into another provider's program")
    report = diff_json(repo, monkeypatch, capsys, repo.base, head)
    assert flag_codes(report) == ["cross-provider-stacking"]
    assert report["changes"][0]["flags"][0]["new"] == [theirs]
    _status, out, _ = repo.mccat(monkeypatch, capsys, "diff", repo.base, head, "--format", "markdown", "--lang", "en")
    assert "Stacks onto another provider's program" in out


# ------------------------------------------------------------------ the review view (issue 20, item 12)


def test_an_added_program_is_shown_whole_grouped_as_on_its_page(repo, monkeypatch, capsys):
    from mccat.review.diff_report import PAGE_SECTIONS

    source = some_program(repo)
    data = repo.read(repo.program_path(source)) | {"title": {"ja": "新しい講座", "en": "A new course"}}
    new_id = f"{source.split('/')[0]}/a-new-course"
    repo.write(repo.program_path(new_id), data)
    head = repo.commit("add")
    for lang in ("ja", "en"):
        _status, out, _ = repo.mccat(
            monkeypatch, capsys, "diff", repo.base, head, "--format", "markdown", "--lang", lang
        )
        headings = [line[2:-2] for line in out.splitlines() if line.startswith("**") and line.endswith("**")]
        page_order = [names[lang] for _, names, keys in PAGE_SECTIONS if any(k in data for k in keys)]
        assert headings[: len(page_order)] == page_order
        # every value of the file is there, the long texts whole
        assert data["description"][lang] in out
        assert all(outcome[lang] in out for outcome in data["learning_outcomes"])
        assert str(data["effort"]["hours"]) in out
    _status, out, _ = repo.mccat(monkeypatch, capsys, "diff", repo.base, head, "--format", "text", "--lang", "en")
    assert "  [Overview]" in out and "  [Learning outcomes]" in out and data["description"]["en"] in out


def test_review_sections_are_the_program_pages():
    """PAGE_SECTIONS names the program page's sections and puts each field where the page shows it."""
    from datetime import date

    from mccat.publish.urls import Urls
    from mccat.review.diff_report import PAGE_SECTIONS
    from mccat.site.pages import SitePages
    from mccat.site.texts import INTERFACE_TEXT
    from mccat.validation.load import load_catalogue
    from tests.git_catalogue import CATALOGUE

    catalogue = load_catalogue(CATALOGUE)
    where = {key: section for section, _, keys in PAGE_SECTIONS for key in keys}
    for section, names, _ in PAGE_SECTIONS:
        assert names == {lang: INTERFACE_TEXT[f"section.{section}"][lang] for lang in ("ja", "en")}
    view = SitePages(
        catalogue, lang="en", today=date(2026, 1, 15), urls=Urls("https://registry.example.org/")
    ).programs.view(next(iter(catalogue.programs.values())))
    for page_section in view.sections:
        for row in page_section.rows:
            top = row.key.split(".")[0]
            if top in where:
                assert where[top] == page_section.id, (row.key, page_section.id)


def test_a_long_japanese_text_is_diffed_by_character_with_the_change_marked(repo, monkeypatch, capsys):
    program = some_program(repo, lambda d: len(d["description"]["ja"]) > 100)
    original = repo.read(repo.program_path(program))["description"]["ja"]
    middle = len(original) // 2
    changed = original[:middle] + "週3回" + original[middle + 2 :]
    repo.change(repo.program_path(program), lambda d: d["description"].update(ja=changed))
    head = repo.commit("edit the Japanese description")
    _status, out, _ = repo.mccat(monkeypatch, capsys, "diff", repo.base, head, "--lang", "ja")
    line = next(l for l in out.splitlines() if "内容 › 日本語:" in l)
    assert "{+週3回+}" in line and f"[-{original[middle : middle + 2]}-]" in line
    assert len(line) < len(original)  # the changed passage with some context, not both texts whole


def test_a_change_in_one_language_only_asks_to_check_the_other(repo, monkeypatch, capsys):
    program = some_program(repo)
    repo.change(repo.program_path(program), lambda d: d["summary"].update(ja=d["summary"]["ja"] + "（更新）"))
    head = repo.commit("Japanese only")
    report = diff_json(repo, monkeypatch, capsys, repo.base, head)
    assert flag_codes(report) == ["one-language-changed"]
    flag = report["changes"][0]["flags"][0]
    assert flag["path"] == "summary" and (flag["old"], flag["new"]) == ("ja", "en")
    assert "check the other language" in flag["message"]["en"] and "English" in flag["message"]["en"]
    repo.change(repo.program_path(program), lambda d: d["summary"].update(en=d["summary"]["en"] + " (updated)"))
    both = repo.commit("and English")
    assert flag_codes(diff_json(repo, monkeypatch, capsys, repo.base, both)) == []


def test_numbers_that_differ_between_the_languages_are_flagged(repo, monkeypatch, capsys):
    program = some_program(repo)
    repo.change(
        repo.program_path(program),
        lambda d: d["summary"].update(
            ja="修了には出席率６０％以上が必要。受講料1万2,000円。",
            en="Completion needs 50% attendance. Fee 12,000 yen.",
        ),
    )
    head = repo.commit("numbers")
    report = diff_json(repo, monkeypatch, capsys, repo.base, head)
    assert flag_codes(report) == ["numbers-differ"]
    flag = report["changes"][0]["flags"][0]
    assert (flag["old"], flag["new"]) == (["12000", "60%"], ["12000", "50%"])
    assert "Japanese 12000, 60% · English 12000, 50%" in flag["message"]["en"]


def test_the_same_numbers_written_differently_are_not_flagged():
    from mccat.review.diff import text_numbers

    assert text_numbers("受講料は1万2,000円、定員30名、出席率6割。") == text_numbers(
        "The fee is 12,000 yen for 30 learners; 60% attendance."
    )
    assert text_numbers("3週間で全5回") == text_numbers("five sessions over three weeks") == set()


def test_a_changed_or_dropped_ctid_is_flagged(repo, monkeypatch, capsys):
    """A CTID is given once and never changed: the Credential Registry keys every update on it."""
    program = some_program(repo)
    old = repo.read(repo.program_path(program))["ctid"]
    repo.change(repo.program_path(program), lambda d: d.update(ctid="ce-00000000-0000-4000-8000-000000000001"))
    changed = repo.commit("new ctid")
    change = only_change(diff_json(repo, monkeypatch, capsys, repo.base, changed))
    assert [f["code"] for f in change["flags"]] == ["ctid-changed"]
    assert f"{old} → ce-00000000-0000-4000-8000-000000000001" in change["flags"][0]["message"]["en"]
    repo.change(repo.program_path(program), lambda d: d.pop("ctid"))
    dropped = repo.commit("no ctid")
    assert flag_codes(diff_json(repo, monkeypatch, capsys, repo.base, dropped)) == ["ctid-changed"]
    repo.change(repo.provider_path(KOSEN), lambda d: d.update(ctid="ce-00000000-0000-4000-8000-000000000002"))
    provider = repo.commit("provider ctid")
    report = diff_json(repo, monkeypatch, capsys, dropped, provider)
    assert [(c["id"], [f["code"] for f in c["flags"]]) for c in report["changes"]] == [(KOSEN, ["ctid-changed"])]


def test_a_designation_change_is_flagged(repo, monkeypatch, capsys):
    program = some_program(repo, lambda d: d["effort"]["hours"] >= 60 and d["provider"] != KOSEN)
    repo.change(
        repo.program_path(program),
        lambda d: d.setdefault("designations", {}).update(
            training_benefit={
                "kind": "specialized",
                "number": "1-2",
                "valid_from": "2026-04-01",
                "valid_until": "2029-03-31",
            }
        ),
    )
    head = repo.commit("claim a benefit designation")
    change = only_change(diff_json(repo, monkeypatch, capsys, repo.base, head))
    assert [f["code"] for f in change["flags"]] == ["designations-changed"]
    assert "Public designations changed" in change["flags"][0]["message"]["en"]
