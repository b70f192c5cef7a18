"""Japanese-keyboard mistakes (mccat.validation.keyboard) that the case folders do not show one by one:
what is left alone (text in values, block scalars), several slips in one file, and the conversions."""

from __future__ import annotations

from datetime import date

import pytest

from mccat.model.vocabulary import vocabularies
from mccat.validation.keyboard import (
    apply_line_fixes,
    code_for_label,
    japanese_date,
    katakana,
    line_mistakes,
    url_without_japanese,
)
from mccat.validation.source import parse_yaml


def test_japanese_text_in_values_and_block_scalars_is_left_alone():
    source = (
        "description:\n"
        "  ja: |\n"
        "    　本講座は：データ分析の基礎を学ぶ。\n"
        "    ー 演習：週1回\n"
        "    note：\tタブ入り\n"
        "  en: Text\n"
        "summary:\n"
        "  ja: 注意：全角のコロンと　全角スペースは本文では使える\n"
    )
    assert line_mistakes(source) == []


def test_several_slips_in_one_file_are_each_reported_and_fixed():
    source = "effort：\n\thours: 30\n  weeks:\u30006\nlanguages:\n  ー ja\n  -\u3000en\n"
    found = line_mistakes(source)
    assert [(m.line, m.column, m.rule) for m in found] == [
        (1, 7, "input.full-width-colon"),
        (2, 1, "input.tab"),
        (3, 9, "input.full-width-space-key"),
        (5, 3, "input.full-width-hyphen"),
        (6, 4, "input.full-width-hyphen"),
    ]
    fixed = apply_line_fixes(source, found)
    assert fixed == "effort:\n  hours: 30\n  weeks: 6\nlanguages:\n  - ja\n  - en\n"
    assert parse_yaml(fixed, "x.yaml").data == {"effort": {"hours": 30, "weeks": 6}, "languages": ["ja", "en"]}


def test_a_tab_after_a_colon_is_a_slip_too():
    [found] = line_mistakes("effort:\n  hours:\t30\n")
    assert (found.line, found.column, found.rule, found.new) == (2, 9, "input.full-width-space-key", "  hours: 30")


@pytest.mark.parametrize(
    "written, meant",
    [
        ("2025年4月1日", date(2025, 4, 1)),
        ("２０２５年４月１日", date(2025, 4, 1)),
        ("令和7年4月1日", date(2025, 4, 1)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("R7.4.1", date(2025, 4, 1)),
        ("r7/4/1", date(2025, 4, 1)),
        ("平成31年4月30日", date(2019, 4, 30)),
        ("H31.4.30", date(2019, 4, 30)),
        ("昭和64年1月7日", date(1989, 1, 7)),
        ("2025/4/1", date(2025, 4, 1)),
        ("2025.04.01", date(2025, 4, 1)),
        ("2025年2月30日", "invalid"),
        ("来年の春", None),
    ],
)
def test_dates_in_japanese_style(written, meant):
    assert japanese_date(written) == meant


def test_labels_and_other_names_lead_to_codes():
    vocab = vocabularies()
    assert code_for_label(vocab["delivery_mode"], "ハイブリッド") == "blended"
    assert code_for_label(vocab["delivery_mode"], "ブレンディッド") == "blended"  # the label without its note
    assert code_for_label(vocab["delivery_mode"], "オンライン") == "online"
    assert code_for_label(vocab["language"], "日本語") == "ja" and code_for_label(vocab["language"], "Japanese") == "ja"
    assert code_for_label(vocab["assessment_type"], "レポート") == "assignment"
    assert code_for_label(vocab["delivery_mode"], "通信") is None  # no term says so: nothing is guessed


def test_readings_and_urls():
    assert katakana("ぱいそん　にゅうもん") == "パイソン　ニュウモン"
    assert katakana("ﾃﾞｰﾀ") == "データ"
    assert url_without_japanese("「https://example.ac.jp/講座」。") == "https://example.ac.jp/講座"
    assert url_without_japanese("ｈｔｔｐｓ：／／example。ac。jp/a") == "https://example.ac.jp/a"
