"""A build setting given in an environment variable with a value the build cannot use stops the build with a
message in Japanese and in English that names the variable, shows the value on one line with its hidden
characters written out (a value is hostile: it must not act on the terminal), and says what to set instead."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mccat.build.plan import (
    PlanError,
    build_date,
    catalogue_root,
    check_keys_file,
    program_list_page,
    search_bundle_pages,
    switch,
)
from tests.conftest import ROOT, run_mkdocs_build

HOSTILE = "\x1b[2J\x1b]0;owned\x07\r\nrm -rf /\u202e"  # clear the screen, set the title, a new line, RTL override
SHOWN = "<U+001B>[2J<U+001B>]0;owned<U+0007> ⏎ rm -rf /<U+202E>"  # the same, written out on one line
JAPANESE = re.compile(r"[ぁ-んァ-ヶ一-龯]")


def _error(read, environ) -> str:
    with pytest.raises(PlanError) as caught:
        read(environ)
    return str(caught.value)


CASES = {  # variable: (how the plan reads it, a wrong value as a person might type it, what the fix says)
    "MCCAT_BUILD_DATE": (build_date, "1/12/2026", r"`MCCAT_BUILD_DATE=\d{4}-\d\d-\d\d`"),
    "SOURCE_DATE_EPOCH": (build_date, "yesterday", r"`SOURCE_DATE_EPOCH=\$\(git log -1 --format=%ct\)`"),
    "MCCAT_SEARCH_BUNDLE_PAGES": (search_bundle_pages, "0", r"`MCCAT_SEARCH_BUNDLE_PAGES=6000`"),
    "MCCAT_PROGRAM_LIST_PAGE": (program_list_page, "0", r"`MCCAT_PROGRAM_LIST_PAGE=500`"),
    "MCCAT_CATALOGUE": (lambda env: catalogue_root(env, ROOT), "catalog", r"`unset MCCAT_CATALOGUE`"),
    "MCCAT_KEYS": (check_keys_file, "governance/key.yaml", r"`MCCAT_KEYS=governance/keys.yaml`.*`unset MCCAT_KEYS`"),
    # read as off, `true` would hide the programs under review from the very preview that shows them
    "MCCAT_SHOW_PROPOSED": (lambda env: switch(env, "MCCAT_SHOW_PROPOSED"), "true", r"`MCCAT_SHOW_PROPOSED=1`"),
    "MCCAT_CHECK_FRAGMENTS": (
        lambda env: switch(env, "MCCAT_CHECK_FRAGMENTS"),
        "yes",
        r"`unset MCCAT_CHECK_FRAGMENTS`",
    ),
}


@pytest.mark.parametrize("variable", CASES)
def test_a_wrong_value_is_named_in_japanese_and_english_with_the_fix(variable):
    read, wrong, fix = CASES[variable]
    ja, en = _error(read, {variable: wrong}).split("\n")
    assert JAPANESE.search(ja) and not JAPANESE.search(en)
    for line in (ja, en):
        assert f"`{variable}`" in line and f"`{wrong}`" in line
        assert re.search(fix, line), line
    assert en.startswith(f"the environment variable `{variable}` ")


@pytest.mark.parametrize("variable", CASES)
def test_a_hostile_value_is_written_out_on_one_line(variable):
    read = CASES[variable][0]
    message = _error(read, {variable: "9" + HOSTILE})
    assert message.count("\n") == 1  # Japanese, English: the value adds no line
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f\u202e]", message)
    assert message.count(f"`9{SHOWN}`") == 2


def test_good_values_are_read():
    assert build_date({"MCCAT_BUILD_DATE": "2026-12-01"}).isoformat() == "2026-12-01"
    assert search_bundle_pages({"MCCAT_SEARCH_BUNDLE_PAGES": "250"}) == 250
    assert catalogue_root({"MCCAT_CATALOGUE": str(ROOT / "catalogue")}, Path("/elsewhere")) == ROOT / "catalogue"
    assert catalogue_root({}, ROOT) == ROOT / "catalogue"  # unset: beside mkdocs.yml (its absence: validation's)
    check_keys_file({"MCCAT_KEYS": str(ROOT / "governance" / "keys.yaml")})
    assert [switch({"MCCAT_SHOW_PROPOSED": value}, "MCCAT_SHOW_PROPOSED") for value in ("1", "0", "")] == [
        True,
        False,
        False,
    ]
    assert switch({}, "MCCAT_SHOW_PROPOSED") is False
    check_keys_file({})  # unset: governance/keys.yaml beside mkdocs.yml, whose absence means no keys yet


@pytest.mark.build
def test_the_build_stops_with_both_languages_and_no_traceback(tmp_path):
    status, output, _ = run_mkdocs_build(tmp_path / "site", extra_env={"MCCAT_CATALOGUE": "x" + HOSTILE})
    assert status != 0
    assert "Traceback" not in output and "\x1b" not in output and "\u202e" not in output
    assert "環境変数 `MCCAT_CATALOGUE` がフォルダーを指していません" in output
    assert "the environment variable `MCCAT_CATALOGUE` does not name a folder" in output
    assert f"`x{SHOWN}`" in output and "`unset MCCAT_CATALOGUE`" in output
    assert not (tmp_path / "site").exists()  # nothing half-written
