"""mccat.site.compare without MkDocs: which comparison pages exist, and the tool's data files."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from mccat import LANGUAGES
from mccat.authoring.synth import write_synthetic_catalogue
from mccat.model.schema import descriptor_index
from mccat.publish.urls import Urls
from mccat.site.compare import COLUMNS, KEY_FACTS, _normalise
from mccat.site.pages import SitePages
from mccat.site.texts import interface_text
from mccat.validation.load import load_catalogue

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 12, 1)
URLS = Urls("https://registry.example.org/")


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
        for program_id in catalogue.programs:
            record = json.loads(files[Urls.compare_data_path(program_id)])
            assert record["id"] == program_id and record["lang"] == lang
            assert list(record["rows"]) == sorted(rows)  # sorted keys in the file; the page gives the order
            assert list(record["norm"]) == sorted(rows)  # what "the same" compares, for each row
            assert record["url"] == f"programs/{program_id}/"


def test_data_files_are_deterministic(synthetic):
    first = SitePages(synthetic, lang="ja", today=TODAY, urls=URLS).comparison.data_files()
    again = SitePages(synthetic, lang="ja", today=TODAY, urls=URLS).comparison.data_files()
    assert first == again


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
    norms = [comparison.tool_record(p)["norm"] for p in programs]
    # Codes stay codes, numbers numbers: two programs with the same mode and hours compare equal there.
    assert {n["delivery.mode"] for n in norms} <= {"online", "onsite", "blended"}
    assert all(isinstance(n["effort.hours"], float) for n in norms)
    # A text differs by its words only: width, case and spacing aside.
    assert _normalise({"ja": "Ｐｙｔｈｏｎ  入門"}, "ja") == _normalise({"ja": "python 入門"}, "ja")
    assert _normalise(["b", "a"], "en") == _normalise(["a", "b"], "en")
    # Offerings carry their ISO dates for the next start, computed in the browser.
    record = comparison.tool_record(programs[0])
    assert all(len(o["start"]) == 10 and o["start_text"] for o in record["offerings"])
