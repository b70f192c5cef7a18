"""Markdown outputs render data inert (issue 20, hole 3): rendered with a real CommonMark/GFM renderer
(markdown-it-py), no heading, link, image, mention, issue link, table cell or HTML comes from data.

Covers the review comment and job summary (`mccat diff --format markdown`), the renewal issue
(`mccat renewals`) and the issue form's texts."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from mccat.authoring.issue_form import issue_form_text
from mccat.review.renewals import Renewal, render_renewals_markdown
from mccat.validation.markdown import code, code_block, plain
from tests.git_catalogue import CatalogueRepo
from tests.markdown_check import MARK, MARKDOWN_PAYLOADS, MENTION_LIKE, count, data_outside_code, elements, renderer


@pytest.mark.parametrize("payload", MARKDOWN_PAYLOADS)
def test_the_harness_sees_each_payload_come_alive_when_printed_raw(payload):
    assert data_outside_code(payload) or payload.startswith("    "), "the payload must be live Markdown raw"


@pytest.mark.parametrize("payload", MARKDOWN_PAYLOADS)
def test_a_code_span_keeps_each_payload_inert_anywhere(payload):
    for markdown in (
        f"text {code(payload)} text",
        f"# heading {code(payload)}",
        f"- item {code(payload)}\n- next",
        f"| a | b |\n|---|---|\n| {code(payload, in_table=True)} | {code(payload, in_table=True)} |",
    ):
        assert data_outside_code(markdown) == [], markdown
    table = f"| a | b |\n|---|---|\n| {code(payload, in_table=True)} | x |"
    assert count(table, "cell") == 4  # two header cells, two body cells: no pipe of the data split a cell


def test_a_code_block_keeps_lines_inert():
    text = "\n".join(MARKDOWN_PAYLOADS) + "\n~~~\n````\n"
    assert data_outside_code(code_block(text)) == []


@pytest.mark.parametrize("payload", MARKDOWN_PAYLOADS)
def test_plain_prose_renders_as_itself_and_nothing_else(payload):
    markdown = plain(payload.replace(MARK, "word"))
    kinds = {e.kind for e in elements(markdown)}
    assert kinds <= {"text", "code"}, (markdown, kinds)
    assert not any(MENTION_LIKE.search(e.source) for e in elements(markdown) if e.kind == "text")


# ------------------------------------------------------------------ the review comment


@pytest.fixture
def hostile_diff(tmp_path, monkeypatch, capsys):
    """A pull request that puts every payload into titles, texts, keys, values and file names."""
    repo = CatalogueRepo(tmp_path / "repo")
    base = repo.commit("base")
    programs = sorted((repo.root / "catalogue/programs").glob("*/*.yaml"))
    source = repo.read(programs[0])
    for index, payload in enumerate(MARKDOWN_PAYLOADS):
        data = repo.read(programs[index % len(programs)])
        data["title"]["en"] = payload
        data["summary"]["ja"] = payload
        data["effort"]["hours"] = data["effort"]["hours"] - 1  # a flag with the title nearby
        data[f"x-{MARK}{index} `{payload}`"] = payload  # an unknown key, printed as a field name
        repo.write(programs[index % len(programs)], data)
        added = dict(source)
        added["title"] = {"ja": payload, "en": payload}
        repo.write(repo.root / f"catalogue/programs/example-kosen/added-{index}.yaml", added)
    for name in ("# EVIL", "[EVIL](x)", "@EVIL", "EVIL`x`", "<!-- EVIL", "EVIL|EVIL"):
        repo.write_text(f"catalogue/programs/example-kosen/{name}.yaml", yaml.safe_dump(source, allow_unicode=True))
    provider = repo.root / "catalogue/providers/example-kosen.yaml"
    repo.change(provider, lambda d: d["name"].update(en=MARKDOWN_PAYLOADS[0], ja=MARKDOWN_PAYLOADS[5]))
    repo.write_text("catalogue/programs/example-kosen/broken-EVIL-<!--.yaml", "title: [EVIL\n")
    head = repo.commit("hostile")
    outputs = {}
    for lang in ("ja", "en"):
        _status, out, _ = repo.mccat(monkeypatch, capsys, "diff", base, head, "--format", "markdown", "--lang", lang)
        outputs[lang] = out
    return outputs


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_element_of_the_review_comment_comes_from_data(hostile_diff, lang):
    markdown = hostile_diff[lang]
    assert MARK in markdown
    assert data_outside_code(markdown) == []
    assert count(markdown, "link") == count(markdown, "image") == count(markdown, "html") == 0


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_table_row_of_the_review_comment_has_its_columns(hostile_diff, lang):
    tokens = renderer().parse(hostile_diff[lang])
    rows, cells = [], 0
    for token in tokens:
        if token.type == "tr_open":
            cells = 0
        elif token.type in ("td_open", "th_open"):
            cells += 1
        elif token.type == "tr_close":
            rows.append(cells)
    assert rows and set(rows) <= {2, 3}
    headings = [t for t in tokens if t.type == "heading_open"]
    assert {t.tag for t in headings} <= {"h2", "h3", "h4"}


# ------------------------------------------------------------------ the renewal issue


def test_no_element_of_the_renewal_issue_comes_from_data():
    items = [
        Renewal(
            f"example-kosen/{MARK.lower()}-{i}",
            {"ja": payload, "en": payload},
            "example-kosen",
            {"ja": payload, "en": f"{MARK} provider"},
            date(2026, 1, 1),
            -3 if i % 2 else 30,
            [f"{MARK}-maintainer", "@octocat", f"x`{MARK}"],
            "catalogue/programs/x.yaml",
        )
        for i, payload in enumerate(MARKDOWN_PAYLOADS)
    ]
    markdown = render_renewals_markdown(items, date(2026, 1, 4), 90)
    assert MARK in markdown
    assert data_outside_code(markdown) == []
    assert count(markdown, "link") == count(markdown, "image") == 0
    assert {e.source for e in elements(markdown) if e.kind == "html"} == {"<br>"}
    mentioned = render_renewals_markdown(items, date(2026, 1, 4), 90, mention=True)
    assert "@EVIL-maintainer" in mentioned and "@@octocat" not in mentioned  # only real account names mention


def test_renewals_of_the_hostile_catalogue_through_the_cli(tmp_path, monkeypatch, capsys):
    """Titles that the validator accepts (no hidden characters) but that are Markdown: the real command."""
    repo = CatalogueRepo(tmp_path / "repo")
    one_line = [p for p in MARKDOWN_PAYLOADS if "\n" not in p and "\r" not in p and "\u2028" not in p]
    for index, path in enumerate(sorted((repo.root / "catalogue/programs").glob("*/*.yaml"))):
        title = one_line[index % len(one_line)]
        repo.change(path, lambda d, t=title: d["title"].update(en=t, ja=t))
    status, out, err = repo.mccat(monkeypatch, capsys, "renewals", "--within", "100000", "--today", "2026-01-01")
    assert status == 0, err
    assert MARK in out and data_outside_code(out) == []


# ------------------------------------------------------------------ the issue form


def test_the_issue_form_texts_make_no_element_from_the_schema():
    form = yaml.safe_load(issue_form_text())
    for element in form["body"]:
        attributes = element.get("attributes", {})
        for key in ("description", "value"):
            text = attributes.get(key)
            if not text:
                continue
            kinds = {e.kind for e in elements(text)}
            assert kinds <= {"text", "code"}, (element.get("id"), kinds)
            assert not [e for e in elements(text) if e.kind == "text" and MENTION_LIKE.search(e.source)]
