"""Readings (フリガナ): `title_kana` and `name_kana` are shown above names on Japanese pages, sort the
Japanese lists in 五十音順, go to search as meta, and `mccat new` asks for them."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import pytest

from mccat.authoring.scaffold import scaffold
from mccat.model.catalogue import Catalogue, Provider
from mccat.publish.urls import Urls
from mccat.site.language import Language, kana_sort_key
from mccat.site.pages import SitePages
from mccat.validation.load import load_catalogue

ROOT = Path(__file__).resolve().parents[1]
URLS = Urls("https://registry.example.org/")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(ROOT / "catalogue")


def test_gojuon_order_puts_voiced_small_and_long_kana_with_their_plain_kana():
    readings = ["パイソン", "ハイソン", "バイソン", "カード", "カアド", "ガード", "キャンプ", "アイ", "ヴァイオリン"]
    assert sorted(readings, key=kana_sort_key) == [
        "アイ",
        "ヴァイオリン",  # ウ
        "カアド",
        "カード",  # カアド: the long-vowel mark is the vowel it lengthens
        "ガード",
        "キャンプ",
        "ハイソン",
        "バイソン",
        "パイソン",
    ]
    assert kana_sort_key("かくう だいがく") == kana_sort_key("カクウダイガク")[0:1] + ("カクウダイガク",)


def test_latin_letters_in_a_reading_sort_before_kana_whatever_their_case_and_brackets_do_not_count():
    readings = [
        "データブンセキ",
        "pythonニュウモン",
        "IoTクミコミ",
        "Pythonニヨル",
        "カイゴ（ニホンゴ・ベトナムゴ）",
        "カイゴ",
    ]
    assert sorted(readings, key=kana_sort_key) == [
        "IoTクミコミ",
        "pythonニュウモン",
        "Pythonニヨル",
        "カイゴ",
        "カイゴ（ニホンゴ・ベトナムゴ）",
        "データブンセキ",
    ]


def test_the_japanese_provider_list_follows_the_readings(catalogue):
    ja = SitePages(catalogue, lang="ja", today=date(2026, 12, 1), urls=URLS).listings.all_providers
    readings = [catalogue.providers[p.id].data["name_kana"] for p in ja]
    assert readings == sorted(readings, key=kana_sort_key) and len(readings) == 11
    assert [p.reading for p in ja] == readings
    # By name alone the legal forms (一般社団法人, 株式会社, 特定非営利活動法人) would come first.
    assert ja[0].name == "架空応用科学大学（オランダ）" and ja[-1].name == "特定非営利活動法人 架空まなびネット"
    en = SitePages(catalogue, lang="en", today=date(2026, 12, 1), urls=URLS).listings.all_providers
    assert [p.name for p in en] == sorted((p.name for p in en), key=str.casefold)
    assert not any(p.reading for p in en)


def test_the_japanese_program_list_follows_the_readings_and_entries_without_one_come_last(catalogue):
    changed = copy.deepcopy(catalogue)
    program = changed.programs["example-national-univ/ds-python-basics"]
    del program.data["title_kana"]
    listed = SitePages(changed, lang="ja", today=date(2026, 12, 1), urls=URLS).listings.all_programs
    assert listed[-1].id == program.id and listed[-1].reading == ""
    readings = [changed.programs[p.id].data["title_kana"] for p in listed[:-1]]
    assert readings == sorted(readings, key=kana_sort_key)
    assert listed[0].title == "IoT組込みシステム開発入門"  # アイオーティー…


def test_a_provider_without_a_reading_is_listed_after_those_with_one(catalogue):
    changed = copy.deepcopy(catalogue)
    data = dict(changed.providers["example-uas-nl"].data)
    del data["name_kana"]
    changed.providers["example-uas-nl"] = Provider("example-uas-nl", data, "x")
    listed = SitePages(changed, lang="ja", today=date(2026, 12, 1), urls=URLS).listings.all_providers
    assert listed[-1].id == "example-uas-nl"


def test_search_records_carry_the_readings(catalogue):
    pages = SitePages(catalogue, lang="en", today=date(2026, 12, 1), urls=URLS)
    spec = next(s for s in pages.pages.values() if s.kind == "program" and s.key.endswith("ds-python-basics"))
    meta = dict(pages.context(spec)["search_record"].meta)
    assert meta["title_kana"] == "パイソンニヨルデータブンセキニュウモン"
    assert meta["provider_kana"] == "カクウコクリツダイガク"
    provider = next(s for s in pages.pages.values() if s.kind == "provider" and s.key == "example-kosen")
    assert dict(pages.context(provider)["search_record"].meta) == {
        "name_kana": "カクウコウギョウコウトウセンモンガッコウ"
    }


def test_readings_show_on_japanese_pages_only(catalogue):
    program = catalogue.programs["example-national-univ/ds-python-basics"]
    assert Language.of("ja").reading(program.data["title_kana"]) == "パイソンニヨルデータブンセキニュウモン"
    assert Language.of("en").reading(program.data["title_kana"]) == ""


@pytest.mark.parametrize("kind, field", [("program", "title_kana"), ("provider", "name_kana")])
def test_mccat_new_asks_for_the_reading(kind, field):
    template = scaffold(kind, "example-univ" if kind == "program" else None)
    assert f'\n{field}: ""\n' in template  # not commented out: left empty, the validator points at it
    assert "(recommended / 推奨)" in template.split(f'\n{field}: ""')[0].rsplit("\n#", 4)[1]


@pytest.mark.build
def test_built_japanese_pages_show_readings_and_sort_by_them(built_site):
    tree = built_site.tree("ja", "providers/")
    entries = tree.cssselect("ul.mc-providers > li")
    readings = [li.cssselect("[data-mc=reading]")[0].text_content() for li in entries]
    assert readings == sorted(readings, key=kana_sort_key) and len(readings) == 11
    page = built_site.tree("ja", "programs/example-national-univ/ds-python-basics/")
    [reading] = page.cssselect("p[data-mc=reading]")
    assert reading.text_content() == "パイソンニヨルデータブンセキニュウモン"
    assert reading.getnext().tag == "h1" and reading.get("data-pagefind-ignore") is not None
    assert not built_site.tree("en", "providers/").cssselect("[data-mc=reading]")
    assert not built_site.tree("en", "programs/example-national-univ/ds-python-basics/").cssselect("[data-mc=reading]")
