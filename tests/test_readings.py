"""Readings (フリガナ): `title_kana` and `name_kana` are shown above names on Japanese pages, sort the
Japanese lists in 五十音順, become search keys (issue 18's mccat.site.search_keys), and `mccat new` asks for them."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import pytest

from mccat.authoring.scaffold import scaffold
from mccat.model.catalogue import Catalogue, Provider
from mccat.publish.urls import Urls
from mccat.site.language import Language, kana_sort_key, without_legal_form
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


def test_a_legal_form_at_either_end_of_a_reading_does_not_count():
    assert without_legal_form("カブシキガイシャカクウテクノロジーズ") == "カクウテクノロジーズ"
    assert (
        without_legal_form("イッパンシャダンホウジン カクウカイゴフクシショクノウキョウカイ")
        == "カクウカイゴフクシショクノウキョウカイ"
    )
    assert without_legal_form("カクウテクノロジーズカブシキガイシャ") == "カクウテクノロジーズ"
    assert without_legal_form("カブシキガイシャ") == "カブシキガイシャ"  # a name that is only a legal form stays
    readings = ["トクテイヒエイリカツドウホウジン カクウマナビネット", "カクウカイゴ", "カブシキガイシャアオゾラ"]
    assert sorted(readings, key=kana_sort_key) == [
        "カブシキガイシャアオゾラ",  # アオゾラ
        "カクウカイゴ",
        "トクテイヒエイリカツドウホウジン カクウマナビネット",  # カクウマナビネット
    ]


def test_the_japanese_provider_list_follows_the_readings(catalogue):
    ja = SitePages(catalogue, lang="ja", today=date(2026, 12, 1), urls=URLS).listings.all_providers
    readings = [catalogue.providers[p.id].data["name_kana"] for p in ja]
    assert readings == sorted(readings, key=kana_sort_key) and len(readings) == 11
    assert [p.reading for p in ja] == readings
    # By name, or by the readings as written, the legal forms (一般社団法人, 株式会社, 特定非営利活動法人) would
    # file three providers under イ, カブ and ト; 五十音順 files them under their names (カクウ…).
    assert [p.name for p in ja] == [
        "架空応用科学大学（オランダ）",  # カクウオウヨウ
        "架空オープンラーニング",  # カクウオオプン
        "一般社団法人 架空介護福祉職能協会",  # カクウカイゴ
        "架空学院大学",  # カクウガクイン
        "架空観光ビジネス専門学校",  # カクウカンコウ
        "架空県農林水産研修センター",
        "架空工業高等専門学校",
        "架空国立大学",
        "架空短期大学",
        "株式会社架空テクノロジーズ",
        "特定非営利活動法人 架空まなびネット",
    ]
    en = SitePages(catalogue, lang="en", today=date(2026, 12, 1), urls=URLS).listings.all_providers
    assert [p.name for p in en] == sorted((p.name for p in en), key=str.casefold)
    assert not any(p.reading for p in en)


def test_the_japanese_program_list_follows_the_readings_and_entries_without_one_come_last(catalogue):
    changed = copy.deepcopy(catalogue)
    program = changed.programs["example-national-univ/ds-python-basics"]
    del program.data["title_kana"]
    listed = SitePages(changed, lang="ja", today=date(2026, 12, 1), urls=URLS).listings.all_programs.programs
    assert listed[-1].id == program.id and listed[-1].reading == ""
    readings = [changed.programs[p.id].data["title_kana"] for p in listed[:-1]]
    assert readings == sorted(readings, key=kana_sort_key)
    # Latin letters first, whatever their case (BIM, IoT, PLC; Python's reading is the one removed), then kana
    assert [p.title for p in listed[:4]] == [
        "BIMによる建築設計・施工管理の基礎",
        "IoT組込みシステム開発入門",
        "PLCによる生産設備の自動化",
        "英語によるビジネスプレゼンテーション",  # エイゴ…
    ]


def test_a_provider_without_a_reading_is_listed_after_those_with_one(catalogue):
    changed = copy.deepcopy(catalogue)
    data = dict(changed.providers["example-uas-nl"].data)
    del data["name_kana"]
    changed.providers["example-uas-nl"] = Provider("example-uas-nl", data, "x")
    listed = SitePages(changed, lang="ja", today=date(2026, 12, 1), urls=URLS).listings.all_providers
    assert listed[-1].id == "example-uas-nl"


def test_search_records_carry_the_readings(catalogue):
    """Issue 18's search keys hold the readings (every suffix, folded to katakana): a name typed in kana finds it."""
    pages = SitePages(catalogue, lang="en", today=date(2026, 12, 1), urls=URLS)
    spec = next(s for s in pages.pages.values() if s.kind == "program" and s.key.endswith("ds-python-basics"))
    keys = dict(pages.context(spec)["search_record"].meta)["keys"].split()
    assert "ニヨルデータブンセキニュウモンｚ" in keys  # the title's reading
    assert "コクリツダイガクｚ" in keys  # the provider's reading
    provider = next(s for s in pages.pages.values() if s.kind == "provider" and s.key == "example-kosen")
    assert "コウトウセンモンガッコウｚ" in dict(pages.context(provider)["search_record"].meta)["keys"].split()


def test_readings_show_on_japanese_pages_only(catalogue):
    program = catalogue.programs["example-national-univ/ds-python-basics"]
    assert Language.of("ja").reading(program.data["title_kana"]) == "Pythonニヨルデータブンセキニュウモン"
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
    assert reading.text_content() == "Pythonニヨルデータブンセキニュウモン"
    assert reading.getnext().tag == "h1" and reading.get("data-pagefind-ignore") is not None
    assert not built_site.tree("en", "providers/").cssselect("[data-mc=reading]")
    assert not built_site.tree("en", "programs/example-national-univ/ds-python-basics/").cssselect("[data-mc=reading]")
