"""mccat.site.compare without MkDocs: which comparison pages exist, and the tool's data files."""

from __future__ import annotations

import gc
import json
from datetime import date
from pathlib import Path

import pytest

from mccat import LANGUAGES
from mccat.authoring.synth import write_synthetic_catalogue
from mccat.model.schema import descriptor_index
from mccat.publish.urls import Urls
from mccat.site.compare import COLUMNS, KEY_FACTS, SAME_SHORT, _normalise, _same
from mccat.site.pages import SitePages
from mccat.site.texts import interface_text
from mccat.site.views import ProgramView
from mccat.validation.load import load_catalogue

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 12, 1)
URLS = Urls("https://registry.example.org/")


def keyed(data: dict, keys) -> dict:
    """A data file as the tool's script reads it (compare.js readRecord): values and normalised values by row
    key (the file has them in the page's row order), a value that is only text as {"text": ...}, offerings as
    objects. Raises when the file does not fit the rows."""
    assert len(data["rows"]) == len(data["same"]) == len(keys)
    return {
        "id": data["id"],
        "title": data["title"],
        "provider": data["provider"],
        "status": {"code": data["status"][0], "label": data["status"][1]},
        "rows": {
            key: [{"text": v} if isinstance(v, str) else v for v in values]
            for key, values in zip(keys, data["rows"], strict=True)
        },
        "norm": dict(zip(keys, data["same"], strict=True)),
        "offerings": [
            dict(zip(("start", "start_text", "deadline", "deadline_text"), offering, strict=False))
            for offering in data["offerings"]
        ],
    }


@pytest.fixture(scope="module")
def sample():
    return load_catalogue(ROOT / "catalogue", today=TODAY)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic")
    write_synthetic_catalogue(folder, programs=120, providers=9, seed=5)
    return load_catalogue(folder, today=TODAY)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_comparison_page_per_field_with_programs_and_only_the_tool_in_the_nav(sample, lang):
    pages = SitePages(sample, lang=lang, today=TODAY, urls=URLS)
    fields = {code for program in sample.programs.values() for code in program.data["fields"]}
    compare = {spec.url: spec for spec in pages.pages.values() if spec.kind.startswith("compare")}
    assert set(compare) == {"compare/"} | {f"compare/{code}/" for code in fields}
    assert [url for url, spec in compare.items() if spec.in_nav] == ["compare/"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_table_columns_are_headed_by_the_schema_titles(sample, lang):
    comparison = SitePages(sample, lang=lang, today=TODAY, urls=URLS).comparison
    titles = descriptor_index("program")
    assert [(c.key, c.label) for c in comparison.columns] == [
        (key, titles[path].title[lang] if path else interface_text(f"record.{key}", lang)) for key, path, _ in COLUMNS
    ]


@pytest.mark.parametrize("catalogue_name", ["sample", "synthetic"])
def test_every_data_file_has_exactly_the_rows_of_the_tool(request, catalogue_name):
    catalogue = request.getfixturevalue(catalogue_name)
    for lang in LANGUAGES:
        comparison = SitePages(catalogue, lang=lang, today=TODAY, urls=URLS).comparison
        every = [row for section in comparison.tool_sections for row in section.rows]
        rows = [row.key for row in every if not row.computed]  # next start and deadline: computed in the browser
        assert len(rows) == len(set(rows)) > 30
        assert [row.key for row in every if row.computed] == ["next_start", "next_deadline"]
        files = comparison.data_files()
        assert set(files) == {Urls.compare_data_path(pid) for pid in catalogue.programs}
        assert comparison.data_keys == tuple(rows)  # the files' values are in the page's row order
        assert comparison.index.data_key == comparison.data_key and len(comparison.data_key) == 8
        for program_id in catalogue.programs:
            data = json.loads(files[Urls.compare_data_path(program_id)])
            assert data["id"] == program_id and data["key"] == comparison.data_key
            assert set(data) == {"id", "key", "title", "provider", "status", "rows", "same", "offerings"}
            record = keyed(data, rows)  # a value and what "the same" compares, for each row
            assert record["status"]["code"] == comparison.programs.summaries[program_id].status.code


def test_a_change_of_rows_changes_the_fingerprint(sample):
    """A page and a data file of different builds do not pair values with the wrong rows: the tool refuses a
    file whose fingerprint is not its page's (test_compare_browser checks the refusal)."""
    comparison = SitePages(sample, lang="en", today=TODAY, urls=URLS).comparison
    key = comparison.data_key
    comparison.__dict__["data_keys"] = comparison.data_keys[1:] + comparison.data_keys[:1]
    del comparison.__dict__["data_key"]
    assert comparison.data_key != key


def test_data_files_are_deterministic(synthetic):
    first = SitePages(synthetic, lang="ja", today=TODAY, urls=URLS).comparison.data_files()
    again = SitePages(synthetic, lang="ja", today=TODAY, urls=URLS).comparison.data_files()
    assert first == again


def test_a_data_file_is_made_from_its_pages_view_and_no_view_outlives_it(synthetic):
    """A build makes each program's view once, for its page, and the data file from it; none is kept (20,000
    views held about 200 MB in each language's build)."""
    pages = SitePages(synthetic, lang="ja", today=TODAY, urls=URLS)
    expected = pages.comparison.data_files()
    made = {}
    for program in synthetic.programs.values():
        view = pages.programs.view(program)  # the page's, as on_page_context makes it
        path, content = pages.comparison.data_file(program, view)
        made[path] = content
        del view
    assert made == expected
    gc.collect()
    assert [o for o in gc.get_objects() if isinstance(o, ProgramView)] == []


def test_hours_and_fee_are_the_columns_compare_css_keeps_on_one_line():
    """compare.css finds them by position (td:nth-child(2) and (5): the program's head comes first)."""
    assert [key for key, _, _ in COLUMNS].index("hours") + 2 == 2
    assert [key for key, _, _ in COLUMNS].index("fee") + 2 == 5
    css = (ROOT / "overrides/assets/stylesheets/compare.css").read_text(encoding="utf-8")
    assert "mc-compare-field td:nth-child(2)," in css and "mc-compare-field td:nth-child(5) {" in css


def test_cells_sort_numbers_and_mark_fee_currency(sample):
    comparison = SitePages(sample, lang="en", today=TODAY, urls=URLS).comparison
    for program in sample.programs.values():
        cells = {cell.column: cell for cell in comparison.cells(program)}
        assert [c for c, _, _ in COLUMNS] == list(cells)
        assert float(cells["hours"].sort) == program.data["effort"]["hours"]
        fee = program.data.get("fee")
        assert (cells["fee"].sort, cells["fee"].sort_group) == (
            (str(fee["amount"]), fee["currency"]) if fee else ("", "")
        )
        eqf = program.data.get("level", {}).get("eqf")
        assert cells["level"].sort == (str(eqf) if eqf else "")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_tool_puts_the_key_facts_first_and_the_long_texts_last_and_collapsed(sample, lang):
    sections = SitePages(sample, lang=lang, today=TODAY, urls=URLS).comparison.tool_sections
    assert sections[0].id == "key" and [row.key for row in sections[0].rows] == list(KEY_FACTS)
    assert sections[-1].id == "texts" and sections[-1].collapsed
    assert {row.layout for row in sections[-1].rows} <= {"block", "list"} and "learning_outcomes" in {
        row.key for row in sections[-1].rows
    }
    middle = [row for section in sections[1:-1] for row in section.rows]
    assert all(row.layout != "block" for row in middle) and not [s for s in sections[:-1] if s.collapsed]
    keys = [row.key for section in sections for row in section.rows]
    assert len(keys) == len(set(keys))  # every row once


def test_the_same_means_the_same_data_not_the_same_wording(sample):
    comparison = SitePages(sample, lang="ja", today=TODAY, urls=URLS).comparison
    programs = list(sample.programs.values())
    norms = [keyed(comparison.tool_record(p), comparison.data_keys)["norm"] for p in programs]
    # Codes stay codes, numbers numbers: two programs with the same mode and hours compare equal there.
    assert {n["delivery.mode"] for n in norms} <= {"online", "onsite", "blended"}
    assert all(isinstance(n["effort.hours"], float) for n in norms)
    # A text differs by its words only: width, case and spacing aside.
    assert _normalise({"ja": "Ｐｙｔｈｏｎ  入門"}, "ja") == _normalise({"ja": "python 入門"}, "ja")
    assert _normalise(["b", "a"], "en") == _normalise(["a", "b"], "en")
    # Offerings carry their ISO dates for the next start, computed in the browser.
    record = keyed(comparison.tool_record(programs[0]), comparison.data_keys)
    assert all(len(o["start"]) == 10 and o["start_text"] for o in record["offerings"])


def test_a_long_normalised_value_is_a_digest_equal_exactly_when_the_value_is():
    long_text = _normalise({"ja": "Ｐｙｔｈｏｎ  で学ぶデータ分析の入門的な内容"}, "ja")  # width, case, spacing aside
    assert _same(long_text) == _same(_normalise({"ja": "python で学ぶデータ分析の入門的な内容 "}, "ja"))
    assert _same(long_text) != _same(long_text + "x")
    digest = _same(long_text)
    assert isinstance(digest, str) and digest.startswith("~") and len(digest) == 9
    # Short values stay as they are (a code, a number, a date); a short text that looks like a digest is not one.
    assert [_same(v) for v in ("online", 40.0, None, "2026-04-01", ["ja"])] == [
        "online",
        40.0,
        None,
        "2026-04-01",
        ["ja"],
    ]
    assert _same("~" + digest[1:]) != "~" + digest[1:] and _same("~x").startswith("~")
    assert _same(["a" * SAME_SHORT]).startswith("~")  # longer than SAME_SHORT bytes of JSON: a digest
    # Lists compare as sets, whatever the order; the digest of a list too.
    assert _same(_normalise(["blockcerts", "paper_certificate", "open_badges_3"], "en")) == _same(
        _normalise(["open_badges_3", "paper_certificate", "blockcerts"], "en")
    )
