"""The site's core modules without MkDocs: formatting, conformance, git history, labels, page views."""

from __future__ import annotations

import copy
import re
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

import mccat.site.texts
from mccat import LANGUAGES
from mccat.model.catalogue import Catalogue, Program
from mccat.model.conformance import check_conformance
from mccat.model.history import parse_log, pull_request_number, read_history
from mccat.publish.urls import Urls
from mccat.site.formatting import format_date, format_hours, format_money, format_number, localized
from mccat.site.frame import SiteInfo
from mccat.site.pages import SitePages, docs_without_translation
from mccat.site.texts import INTERFACE_TEXT, interface_text
from mccat.site.views import PageSpec
from mccat.validation.load import load_catalogue

ROOT = Path(__file__).resolve().parents[1]
URLS = Urls("https://registry.example.org/")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(ROOT / "catalogue", today=date(2026, 12, 1))


# --- formatting ---


@pytest.mark.parametrize(("lang", "expected"), [("ja", "2026年4月1日"), ("en", "1 April 2026")])
def test_dates_are_written_the_way_each_language_writes_them(lang, expected):
    assert format_date("2026-04-01", lang) == expected


@pytest.mark.parametrize(
    ("amount", "currency", "lang", "expected"),
    [
        (30000, "JPY", "ja", "30,000円"),
        (30000, "JPY", "en", "¥30,000"),
        (450, "EUR", "en", "€450"),
        (450.5, "EUR", "en", "€450.50"),
        (1200, "USD", "ja", "$1,200"),
    ],
)
def test_money(amount, currency, lang, expected):
    assert format_money(amount, currency, lang) == expected


def test_numbers_and_hours():
    assert format_number(1234567, "ja") == "1,234,567"
    assert format_hours(56, "ja") == "56時間"
    assert format_hours(1, "en") == "1 hour" and format_hours(7.5, "en") == "7.5 hours"


def test_optional_text_in_one_language_falls_back_and_says_so():
    assert localized({"ja": "社会人"}, "en").lang == "ja"
    assert localized({"ja": "社会人", "en": "Adults"}, "en").text == "Adults"
    assert localized(None, "ja") is None


# --- conformance ---


def _program(catalogue: Catalogue, program_id: str) -> dict:
    return copy.deepcopy(catalogue.programs[program_id].data)


def _result(program: dict, provider: dict, framework: str):
    return next(r for r in check_conformance(program, provider) if r.framework.key == framework)


def test_conformance_follows_the_fields_that_are_filled_in(catalogue):
    program_id = next(
        pid
        for pid, p in catalogue.programs.items()
        if p.data.get("recognition") and p.data.get("offerings") and p.data.get("level")
    )
    program = _program(catalogue, program_id)
    provider = catalogue.providers[catalogue.programs[program_id].provider_id].data
    assert all(r.complete for r in check_conformance(program, provider))

    del program["recognition"]
    assert _result(program, provider, "jp").missing[0].element.key == "recognition"
    assert [r.element.key for r in _result(program, provider, "au").missing] == ["recognition"]
    assert _result(program, provider, "eu").complete  # the EU list has no credit element

    program["assessment"]["types"] = []  # no assessment: not a micro-credential
    assert "assessment" in [r.element.key for r in _result(program, provider, "eu").missing]


def test_eu_level_counts_only_when_stated(catalogue):
    program = _program(catalogue, next(iter(catalogue.programs)))
    provider = catalogue.providers[catalogue.programs[next(iter(catalogue.programs))].provider_id].data
    with_level = _result(program, provider, "eu")
    program.pop("level", None)
    without = _result(program, provider, "eu")
    assert without.complete and without.counted == with_level.counted - 1
    assert {r.status for r in without.elements if r.element.key in ("learner", "issued_on")} == {"on_credential"}


# --- history ---


@pytest.mark.parametrize(
    ("message", "number"),
    [
        ("Merge pull request #123 from someone/branch", 123),
        ("Add data science program (#45)", 45),
        ("Fix typo, see #7", 7),
        ("Raise the fee to 30,000 yen", None),
        ("Link to https://example.org/#12", None),
        ("Update hours (#1) (#123)", 123),  # a squash merge of a pull request whose title names another
        ('Revert "Merge pull request #5 from a/b" (#9)', 9),
    ],
)
def test_pull_request_named_in_a_commit_message(message, number):
    assert pull_request_number(message) == number


def test_parse_log_maps_every_file_to_its_commits_newest_first():
    a, b = "a" * 40, "b" * 40
    a1, a2, b1, zero = "1" * 40, "2" * 40, "3" * 40, "0" * 40
    output = (
        f"\x00MARK{a}\x002026-05-01\x00Merge pull request #9 from x/y\x00\n"
        f":100644 100644 {a1} {a2} M\x00programs/p/a.yaml\x00:000000 100644 {zero} {b1} A\x00programs/p/b.yaml\x00"
        f"\x00MARK{b}\x002026-04-01\x00Add a\x00\n:000000 100644 {zero} {a1} A\x00programs/p/a.yaml\x00"
    )
    blobs: dict = {}
    changes = parse_log(output, "https://github.com/o/r", marker="\x00MARK", blobs=blobs)
    assert [c.commit for c in changes["programs/p/a.yaml"]] == [a, b]
    assert changes["programs/p/b.yaml"][0].pull_request_url == "https://github.com/o/r/pull/9"
    assert changes["programs/p/a.yaml"][1].pull_request is None
    assert changes["programs/p/a.yaml"][1].commit_url == f"https://github.com/o/r/commit/{b}"
    assert blobs[("programs/p/a.yaml", a)] == (a1, a2)  # the file before and after the commit
    assert blobs[("programs/p/b.yaml", a)] == (zero, b1)


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def test_history_is_empty_outside_git_and_in_a_shallow_clone(tmp_path):
    outside = tmp_path / "plain"
    outside.mkdir()
    assert not read_history(outside).available

    origin = tmp_path / "origin"
    (origin / "catalogue").mkdir(parents=True)
    _git(origin, "init", "-q", "-b", "main")
    for n in range(2):
        (origin / "catalogue" / "a.yaml").write_text(f"n: {n}\n")
        _git(origin, "add", "-A")
        _git(origin, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", f"change {n}")
    full = read_history(origin / "catalogue")
    assert full.available and len(full.of("a.yaml")) == 2 and full.prefix == "catalogue/"

    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", "shallow")
    shallow = read_history(tmp_path / "shallow" / "catalogue")
    assert not shallow.available and "shallow" in shallow.reason and shallow.of("a.yaml") == ()


# --- labels ---

TEMPLATES = ROOT / "overrides"


def test_interface_text_exists_in_both_languages():
    for key, texts in INTERFACE_TEXT.items():
        assert set(texts) == set(LANGUAGES) and all(texts.values()), key
        assert set(re.findall(r"{(\w+)}", texts["ja"])) == set(re.findall(r"{(\w+)}", texts["en"])), key


def test_every_interface_key_used_exists_and_every_key_is_used():
    """Keys are looked for where they are used: templates, scripts and the core, not the table that defines them."""
    texts = Path(mccat.site.texts.__file__).resolve()
    code = [p for p in (ROOT / "src" / "mccat").rglob("*.py") if p.resolve() != texts]
    assert len(code) > 30
    sources = "\n".join(
        [p.read_text(encoding="utf-8") for p in TEMPLATES.rglob("*.html")]
        + [p.read_text(encoding="utf-8") for p in TEMPLATES.rglob("*.js")]
        + [p.read_text(encoding="utf-8") for p in code]
    )
    called = set(re.findall(r"""(?<!lang\.)\bt(?:_in)?\((?:[^()"']*,\s*)?["']([a-z_]+\.[a-z_.]+)["']""", sources))
    assert called and called - set(INTERFACE_TEXT) == set()
    literals = set(re.findall(r"""["']([a-z_]+\.[a-z_.]+)["']""", sources))
    built = {
        key
        for prefix in re.findall(r"""\bt\(f["']([a-z_.]+)\{""", sources)
        for key in INTERFACE_TEXT
        if key.startswith(prefix)
    }  # t(f"program.status_note_{code}")
    assert set(INTERFACE_TEXT) - literals - built == set()


def test_missing_interface_text_is_a_clear_error():
    with pytest.raises(KeyError, match="add it to INTERFACE_TEXT"):
        interface_text("no.such.key", "ja")


# --- page views ---


def test_page_urls_and_untranslated_docs():
    assert PageSpec("programs/index.md", "", "", "programs").url == "programs/"
    assert PageSpec("programs/p/s.md", "", "", "program").url == "programs/p/s/"
    assert PageSpec("index.md", "", "", "home").url == ""
    assert docs_without_translation({"ja": {"a.md", "b.md"}, "en": {"a.md"}}) == [("en", "b.md")]


def test_language_switch_and_alternates_point_at_the_same_page():
    site = SiteInfo("ja", Urls("https://example.org/registry/"), True)
    assert site.urls.page("en", "programs/p/s/") == "https://example.org/registry/en/programs/p/s/"
    assert site.alternate_href("en", "programs/p/s/", "../../..") == "../../../../en/programs/p/s/"
    assert site.alternate_href("en", "", ".") == "./../en/"
    assert site.urls.root_path == "/registry/"


def test_expiring_then_expired_as_the_build_date_passes_the_last_day(catalogue):
    program = catalogue.programs["example-national-univ/ds-python-basics"]
    last_day = date.fromisoformat(catalogue.lifecycle(program.id, date(2026, 12, 1)).valid_until)
    for lang in LANGUAGES:

        def view(day: date):
            return SitePages(catalogue, lang=lang, today=day, urls=URLS).programs.view(program)

        before, on_last_day, after = (view(last_day + timedelta(days=n)) for n in (-91, 0, 1))
        assert (before.status.code, before.status.note) == ("active", "")
        assert on_last_day.status.code == "expiring" and format_date(last_day, lang) in on_last_day.status.note
        assert after.status.code == "expired" and format_date(last_day, lang) in after.status.note
        assert view(last_day - timedelta(days=90)).status.code == "expiring"  # the window's first day


def test_program_view_marks_text_in_the_other_language(catalogue):
    original = next(iter(catalogue.programs.values()))
    data = copy.deepcopy(original.data)
    data["audience"] = {"ja": "社会人"}
    changed = Catalogue(
        catalogue.root,
        catalogue.providers,
        {**catalogue.programs, original.id: Program(original.id, data, original.file)},
        decisions=catalogue.decisions,
    )
    view = SitePages(changed, lang="en", today=date(2026, 12, 1), urls=URLS).programs.view(
        changed.programs[original.id]
    )
    row = next(r for s in view.sections for r in s.rows if r.key == "audience")
    assert row.values[0].text == "社会人" and row.values[0].lang == "ja"


def _rows(view) -> dict[str, tuple[str, ...]]:
    """A page view's rows by descriptor path: the texts of their values (facts and every section)."""
    rows = list(getattr(view, "facts", ())) + [r for s in getattr(view, "sections", ()) for r in s.rows]
    rows += list(getattr(view, "rows", ()))
    return {row.key: tuple(v.text for v in row.values) for row in rows}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_program_pages_show_the_designations_that_hold_today(catalogue, lang):
    """履修証明, BP with its year and 教育訓練給付 with kind, number and period on the program page; the benefit
    designation only within its period."""
    program = catalogue.programs["example-national-univ/data-science-certificate"]
    benefit = program.data["designations"]["training_benefit"]
    rows = _rows(SitePages(catalogue, lang=lang, today=date(2026, 12, 1), urls=URLS).programs.view(program))
    assert len(rows["designations.rishu_shomei"]) == 1  # "yes"
    [bp] = rows["designations.brush_up_program"]
    assert str(program.data["designations"]["brush_up_program"]["certified_in"]) in bp
    [designated] = rows["designations.training_benefit"]
    assert benefit["number"] in designated
    assert {"ja": "専門実践教育訓練", "en": "Specialised practical"}[lang] in designated
    after = date.fromisoformat(benefit["valid_until"]) + timedelta(days=1)
    later = _rows(SitePages(catalogue, lang=lang, today=after, urls=URLS).programs.view(program))
    assert later.get("designations.training_benefit", ()) == ()  # the period is over: not shown
    assert len(later["designations.brush_up_program"]) == 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_provider_pages_show_sector_prefecture_contact_and_the_japanese_registers_numbers(catalogue, lang):
    provider = catalogue.providers["example-national-univ"]
    pages = SitePages(catalogue, lang=lang, today=date(2026, 12, 1), urls=URLS)
    rows = _rows(pages.listings.provider_view(provider))
    assert rows["corporate_number"] == (provider.data["corporate_number"],)
    assert rows["school_code"] == (provider.data["school_code"],)
    assert rows["prefecture"] == ({"ja": "宮城県", "en": "Miyagi"}[lang],)
    assert provider.data["contact"]["email"] in rows["contact"]
    assert len(rows["sector"]) == 1
