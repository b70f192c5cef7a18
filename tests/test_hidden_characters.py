"""Hidden characters: one definition by Unicode properties, refused by the validator and written out by every
diff output (issue 20, hole 6: variation selectors, tag characters, fillers and blanks used to pass unseen)."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import pytest
import regex
import yaml

from mccat.validation.hidden import HIDDEN_CHARACTER, HIDDEN_RANGES, PROPERTIES, hidden_characters, reveal
from mccat.validation.source import load_yaml
from mccat.validation.validate import validate
from tests.git_catalogue import CATALOGUE, CatalogueRepo

CASES = Path(__file__).parent / "cases"

# Every character the attack used, and the blank-looking ones the issue names.
PASSED_UNSEEN = {
    "U+034F COMBINING GRAPHEME JOINER": "\u034f",
    "U+FE00 VARIATION SELECTOR-1": "\ufe00",
    "U+FE0F VARIATION SELECTOR-16": "\ufe0f",
    "U+E0100 VARIATION SELECTOR-17": "\U000e0100",
    "U+E01EF VARIATION SELECTOR-256": "\U000e01ef",
    "U+180B MONGOLIAN FREE VARIATION SELECTOR ONE": "\u180b",
    "U+180F MONGOLIAN FREE VARIATION SELECTOR FOUR": "\u180f",
    "U+17B4 KHMER VOWEL INHERENT AQ": "\u17b4",
    "U+17B5 KHMER VOWEL INHERENT AA": "\u17b5",
    "U+2800 BRAILLE PATTERN BLANK": "\u2800",
    "U+115F HANGUL CHOSEONG FILLER": "\u115f",
    "U+1160 HANGUL JUNGSEONG FILLER": "\u1160",
    "U+3164 HANGUL FILLER": "\u3164",
    "U+FFA0 HALFWIDTH HANGUL FILLER": "\uffa0",
    "U+E0000 (tag block, unassigned)": "\U000e0000",
    "U+E0001 LANGUAGE TAG": "\U000e0001",
    "U+E0041 TAG LATIN CAPITAL LETTER A": "\U000e0041",
    "U+E007F CANCEL TAG": "\U000e007f",
    "U+001B ESCAPE": "\x1b",
    "U+0085 NEXT LINE": "\x85",
    "U+2028 LINE SEPARATOR": "\u2028",
    "U+FFFF (noncharacter)": "\uffff",
}


def hide_message(message: bytes) -> str:
    """The attack's encoding: one variation selector per byte (FE00-FE0F for 0-15, E0100-E01EF for the rest)."""
    return "".join(chr(0xFE00 + b) if b < 16 else chr(0xE0100 + b - 16) for b in message)


SECRET = b"wire the fee to account 12345, now!!"  # 37 bytes... close enough: the length does not matter


@pytest.mark.parametrize("char", PASSED_UNSEEN.values(), ids=PASSED_UNSEEN.keys())
def test_each_character_that_passed_unseen_is_hidden(char):
    assert HIDDEN_CHARACTER.search(f"Data{char}Science")
    assert reveal(f"Data{char}Science") == f"Data<U+{ord(char):04X}>Science"


def test_the_table_is_generated_from_the_unicode_properties():
    """HIDDEN_RANGES is PROPERTIES, computed with the regex module (which knows Default_Ignorable_Code_Point)."""
    everything = "".join(map(chr, range(0x110000)))
    codes = [ord(c) for c in regex.compile(PROPERTIES, regex.VERSION1).findall(everything)]
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    table = "".join(f"    (0x{a:04X}, 0x{b:04X}),\n" for a, b in ranges)
    assert [tuple(r) for r in ranges] == list(HIDDEN_RANGES), (
        f"Unicode changed (regex {regex.__version__}): put this table in mccat/validation/hidden.py:\n{table}"
    )


def test_the_definition_follows_unicode_properties_not_a_hand_list():
    for code in range(0x110000):
        char = chr(code)
        category = unicodedata.category(char)
        if category in ("Cc", "Cf", "Co", "Zl", "Zp") and char not in "\t\n":
            assert HIDDEN_CHARACTER.match(char), f"U+{code:04X} ({category}) is not caught"
    # Variation selectors and the tag block, whole (Default_Ignorable_Code_Point)
    for first, last in ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF), (0xE0000, 0xE0FFF), (0x180B, 0x180F)):
        assert all(HIDDEN_CHARACTER.match(chr(c)) for c in range(first, last + 1)), hex(first)


LEGITIMATE = [
    "データサイエンス入門（基礎）",
    "「実践」コース・第２期〜第３期、全１２回。",
    "全角スペース\u3000のある文",
    "①②③ ㈱ 髙橋 𠮷野家 々 ゝ ヶ",
    "ｶﾀｶﾅ ＡＢＣ １２３",
    "Café, naïve, Zürich — “quotes” ‘and’ … 50% off; tabs\tand\nnew lines",
    "한국어 텍스트, Ελληνικά, кириллица, العربية",
]


@pytest.mark.parametrize("text", LEGITIMATE)
def test_legitimate_japanese_and_english_text_is_not_hidden(text):
    assert hidden_characters(text) == [] and reveal(text) == text


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_no_text_of_the_sample_catalogue_is_refused():
    texts = [t for path in sorted(CATALOGUE.rglob("*.yaml")) for t in _strings(load_yaml(path).data)]
    assert len(texts) > 1000
    assert [t for t in texts if hidden_characters(t)] == []
    problems = validate(CATALOGUE).problems
    assert [p for p in problems if p.rule == "text.invisible-character"] == []


@pytest.fixture
def catalogue(tmp_path, monkeypatch):
    root = tmp_path / "catalogue"
    shutil.copytree(CASES / "base", root)
    monkeypatch.chdir(tmp_path)
    return root


def _set_title(catalogue: Path, title: str) -> Path:
    path = catalogue / "programs/example-univ/python-basics.yaml"
    data = load_yaml(path).data
    data["title"]["en"] = title
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("char", PASSED_UNSEEN.values(), ids=PASSED_UNSEEN.keys())
def test_the_validator_refuses_each_of_them(catalogue, char):
    _set_title(catalogue, f"Python{char} Basics")
    found = [
        p for p in validate(catalogue).problems if p.rule in ("text.invisible-character", "yaml.control-character")
    ]
    assert found and found[0].line > 1, [str(p) for p in validate(catalogue).problems]


def test_a_message_hidden_in_variation_selectors_is_refused_and_shown_in_the_diff(tmp_path, monkeypatch, capsys):
    repo = CatalogueRepo(tmp_path / "repo")
    base = repo.commit("base")
    program = sorted((repo.root / "catalogue/programs").glob("*/*.yaml"))[0]
    data = repo.read(program)
    data["title"]["en"] = data["title"]["en"] + hide_message(SECRET)
    repo.write(program, data)
    head = repo.commit("hide a message")
    problems = validate(repo.root / "catalogue").problems
    assert [p.rule for p in problems if p.is_error] == ["text.invisible-character"]
    for fmt, lang in (("markdown", "ja"), ("markdown", "en"), ("text", "en")):
        status, out, _ = repo.mccat(monkeypatch, capsys, "diff", base, head, "--format", fmt, "--lang", lang)
        assert status == 0
        assert not HIDDEN_CHARACTER.search(out.replace("\n", "")), fmt
        revealed = "".join(f"<U+{ord(c):04X}>" for c in hide_message(SECRET))
        assert revealed in out
        assert ("見えない文字" if lang == "ja" else "Invisible") in out
    status, out, _ = repo.mccat(monkeypatch, capsys, "diff", base, head, "--format", "json")
    assert not HIDDEN_CHARACTER.search(out.replace("\n", "")), "JSON escapes them (\\uXXXX)"
    report = json.loads(out)
    assert [f["code"] for f in report["changes"][0]["flags"]] == [
        "invisible-characters",
        "assessed-changed",  # the title of an approved program
        "one-language-changed",
    ]
    assert report["changes"][0]["fields"][0]["new"].endswith(hide_message(SECRET))  # the value, untouched
