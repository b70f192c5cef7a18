"""CSV cells never start a formula, whatever separator a spreadsheet splits on (issue 20, hole 11).

A spreadsheet opening catalogue.csv may split on `,` (the file's separator) or on `;` (the list separator of
many locales). Split both ways, as a spreadsheet would (quotes respected), no cell may start with a formula
character: = + - @, their fullwidth forms, tab or CR."""

from __future__ import annotations

import copy
import csv
import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from mccat.publish.exports import api_files, spreadsheet_safe
from mccat.publish.publication import Publication
from mccat.publish.urls import Urls
from mccat.validation.load import load_catalogue

REPO = Path(__file__).parents[1]
URLS = Urls("https://registry.example.org")
FORMULA_STARTS = ("=", "+", "-", "@", "＝", "＋", "－", "＠", "\t", "\r")
HOSTILE_TITLES = [
    "IoT;=cmd|' /C calc'!A0;",
    "IoT,=cmd|' /C calc'!A0,",
    'IoT; =HYPERLINK("https://evil.example")',
    "IoT;\t=1+1",
    "＝cmd|' /C calc'!A0",
    "＋1;＠SUM(A1)；－2",
    "a;+1,b;-2,c;@x",
    "  =leading spaces",
    "\t=tab first",
    'say "hi";=1',
]


def _split(raw: bytes, separator: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=separator))


@pytest.fixture(scope="module")
def hostile_csv() -> bytes:
    catalogue = load_catalogue(REPO / "catalogue")
    programs = dict(catalogue.programs)
    published = sorted(p for p in programs if catalogue.lifecycle(p, date(2026, 1, 15)).published)
    for title, program_id in zip(HOSTILE_TITLES, published):
        program = programs[program_id]
        data = copy.deepcopy(program.data)
        data["title"] = {"ja": title, "en": title}
        data["summary"] = {"ja": f"概要{title}", "en": f"Summary {title}"}
        programs[program_id] = replace(program, data=data)
    changed = replace(catalogue, programs=programs)  # the same decisions: the same programs are published
    return api_files(Publication(changed, URLS, date(2026, 12, 1)))["catalogue.csv"]


@pytest.mark.parametrize("separator", [",", ";"])
def test_no_cell_starts_a_formula_whatever_the_separator(hostile_csv, separator):
    rows = _split(hostile_csv, separator)
    starts = [cell for row in rows for cell in row if cell.lstrip(" ").startswith(FORMULA_STARTS)]
    assert starts == []


def test_the_text_is_still_readable(hostile_csv):
    rows = _split(hostile_csv, ",")
    header = rows[0]
    titles = {row[header.index("title_en")] for row in rows[1:]}
    assert "IoT;'=cmd|' /C calc'!A0;" in titles
    assert "'＝cmd|' /C calc'!A0" in titles


@pytest.mark.parametrize("cell", HOSTILE_TITLES)
def test_spreadsheet_safe_alone(cell):
    for separator in (",", ";"):
        assert not [
            part for part in spreadsheet_safe(cell).split(separator) if part.lstrip(" ").startswith(FORMULA_STARTS)
        ]
