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
from mccat.site.compare import COLUMNS
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
        rows = [row.key for section in comparison.tool_sections for row in section.rows]
        assert len(rows) == len(set(rows)) > 30
        files = comparison.data_files()
        assert set(files) == {Urls.compare_data_path(pid) for pid in catalogue.programs}
        for program_id in catalogue.programs:
            record = json.loads(files[Urls.compare_data_path(program_id)])
            assert record["id"] == program_id and record["lang"] == lang
            assert list(record["rows"]) == sorted(rows)  # sorted keys in the file; the page gives the order
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
