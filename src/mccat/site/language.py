"""One language's way of saying things, for every part of the site.

`Language` is the one object per language that pages, the compare tool,
search records and the HTML value builder ask for words and formats: the
site's interface text (mccat.site.texts), descriptor labels (the schema's
titles), vocabulary labels, dates, numbers, hours, money and lists. Nothing
else in the site formats a value or knows a separator, so a value reads
the same on a program page, in a comparison table and in a search result.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from functools import cache
from typing import Any

from mccat import LANGUAGES
from mccat.model.countries import country_name
from mccat.model.schema import descriptor_label
from mccat.model.vocabulary import vocabularies
from mccat.site.formatting import (
    format_count,
    format_date,
    format_hours,
    format_money,
    format_month,
    format_number,
    format_weeks,
    format_year,
    localized,
)
from mccat.site.texts import interface_text
from mccat.site.views import Value

_BRACKETED_END = re.compile(r"^(.+?)\s*[（(][^（）()]+[）)]$")
# Locales for the browser's Intl API that format dates as mccat.site.formatting does (2027年1月13日, 13 January 2027).
INTL_LOCALES = {"ja": "ja-JP", "en": "en-GB"}


def sort_text(text: str) -> str:
    """A sort key that ignores case and full-width/half-width differences."""
    return unicodedata.normalize("NFKC", text).casefold()


# 五十音順 (gojūon order): voiced and small kana sort with their plain, full-size kana (ガ with カ, ッ with
# ツ), a long-vowel mark as the vowel it lengthens (カード as カアド); ties go to the plain kana first.
_SMALL = str.maketrans("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ")
_VOWEL_OF = {
    kana: vowel
    for vowel, row in (
        ("ア", "アカサタナハマヤラワガザダバパァャヮヵ"),
        ("イ", "イキシチニヒミリヰギジヂビピィ"),
        ("ウ", "ウクスツヌフムユルグズヅブプヴゥッュ"),
        ("エ", "エケセテネヘメレヱゲゼデベペェヶ"),
        ("オ", "オコソトノホモヨロヲゴゾドボポォョ"),
    )
    for kana in row
}


# Legal forms of Japanese organisations, as read: a reading keeps them as the name shows them (株式会社
# 架空テクノロジーズ: カブシキガイシャカクウテクノロジーズ), but a list of organisations files each under the name
# before or after its legal form (カクウテクノロジーズ), as directories and 五十音順 indexes do.
LEGAL_FORMS = (
    "イッパンシャダンホウジン",
    "コウエキシャダンホウジン",
    "イッパンザイダンホウジン",
    "コウエキザイダンホウジン",
    "トクテイヒエイリカツドウホウジン",
    "エヌピーオーホウジン",
    "シャカイフクシホウジン",
    "ガッコウホウジン",
    "コクリツダイガクホウジン",
    "コウリツダイガクホウジン",
    "チホウドクリツギョウセイホウジン",
    "ドクリツギョウセイホウジン",
    "カブシキガイシャ",
    "ユウゲンガイシャ",
    "ゴウドウガイシャ",
    "ゴウメイガイシャ",
    "ゴウシガイシャ",
)


def without_legal_form(reading: str) -> str:
    """A reading without the legal form it starts or ends with (separated by a space or not)."""
    stripped = reading.strip(" \u3000")
    for form in LEGAL_FORMS:
        if stripped.startswith(form) and stripped[len(form) :].strip(" \u3000"):
            return stripped[len(form) :].strip(" \u3000")
        if stripped.endswith(form) and stripped[: -len(form)].strip(" \u3000"):
            return stripped[: -len(form)].strip(" \u3000")
    return stripped


def kana_sort_key(reading: str) -> tuple[str, str]:
    """A reading's place in 五十音順: (the plain kana, the reading itself to break ties). Readings may keep a
    title's Latin letters and digits as written (`Pythonニヨル…`, issue 18's contract): they sort before kana,
    whatever their case; spaces, the middle dot and brackets do not count, nor does a legal form the reading
    starts or ends with (カブシキガイシャ, イッパンシャダンホウジン: LEGAL_FORMS)."""
    text = unicodedata.normalize("NFKC", reading)
    text = "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in text)  # hiragana -> katakana
    text = without_legal_form(text)  # カブシキガイシャカクウ… files under カクウ…
    text = "".join(c for c in text if c not in " \u3000・（）：、()：,").casefold()  # Latin letters kept, any case
    plain: list[str] = []
    for char in text:
        if char == "ー" and plain:
            char = _VOWEL_OF.get(plain[-1], plain[-1])
        base = unicodedata.normalize("NFD", char)[0].translate(_SMALL)
        plain.append("ウ" if char == "ヴ" else base)
    return "".join(plain), text


# The index of a list (mccat.site.program_list): each entry of a list belongs to one group, and the groups follow
# each other in the list's order (Language.sort_key sorts by the group first, so a group is never split).
#
# Japanese pages, by the reading's first kana in 五十音順 (kana_sort_key: voiced and small kana as their plain
# kana, ガ in カ, ッ in タ, ヴ in ア):
#   latin   英数字: a reading that starts with a Latin letter or a digit (kept as written, issue 18); they sort
#           before the kana, as JIS X 4061 sorts them, so the group comes first
#   a ... wa  the ten rows ア カ サ タ ナ ハ マ ヤ ラ ワ (ヰ ヱ ヲ ン in ワ)
#   other   その他: no reading, or a reading whose first counted character is neither kana nor a Latin letter
#           or digit (a long-vowel mark ー with no kana before it, a sign): after the rows, with the programs
#           without a reading
# English pages, by the title's first letter or digit (width and case ignored, leading punctuation and signs
# skipped, accents dropped: “(Intro)” files under I, École under E):
#   digits  0–9, first (digits sort before letters)
#   a ... z
#   other   any other first letter (Japanese, Greek, ø), or no letter or digit at all
KANA_ROWS = (
    ("a", "ア"),
    ("ka", "カ"),
    ("sa", "サ"),
    ("ta", "タ"),
    ("na", "ナ"),
    ("ha", "ハ"),
    ("ma", "マ"),
    ("ya", "ヤ"),
    ("ra", "ラ"),
    ("wa", "ワ"),
)
_ROW_KANA = dict(KANA_ROWS)
_ROW_STARTS = [kana for _, kana in KANA_ROWS]  # in code point order: a row runs to the next row's first kana
LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"
INDEX_GROUPS = {
    "ja": ("latin", *(key for key, _ in KANA_ROWS), "other"),
    "en": ("digits", *LATIN_LETTERS, "other"),
}
_GROUP_RANK = {lang: {key: rank for rank, key in enumerate(groups)} for lang, groups in INDEX_GROUPS.items()}


def kana_group(reading: str) -> str:
    """The group of a Japanese list a reading files under: "latin", a row ("a", "ka", ... "wa") or "other"
    (see INDEX_GROUPS)."""
    return _kana_group_of_plain(kana_sort_key(reading)[0])


def _kana_group_of_plain(plain: str) -> str:
    """kana_group of a reading already made plain by kana_sort_key."""
    if not plain:
        return "other"
    first = plain[0]
    if first.isascii() and first.isalnum():
        return "latin"
    if "ア" <= first <= "ン":
        return KANA_ROWS[bisect_right(_ROW_STARTS, first) - 1][0]
    return "other"


def initial_group(name: str) -> str:
    """The group of an English list a name files under: "digits", its first letter ("a" ... "z") or "other"."""
    for char in sort_text(name):
        if unicodedata.category(char)[0] in "LN":
            base = unicodedata.normalize("NFKD", char)[0]
            if "a" <= base <= "z":
                return base
            return "digits" if "0" <= base <= "9" else "other"
    return "other"


class Language:
    """Words and formats in one language (`code`: "ja" or "en"); get one with `Language.of(code)`."""

    def __init__(self, code: str):
        if code not in LANGUAGES:
            raise ValueError(f"unknown language '{code}'; the site has {', '.join(LANGUAGES)}")
        self.code = code
        self.other = next(lang for lang in LANGUAGES if lang != code)
        self.vocab = vocabularies()
        self.separator = interface_text("list.separator", code)
        self.intl_locale = INTL_LOCALES[code]

    @staticmethod
    @cache
    def of(code: str) -> Language:
        return Language(code)

    def __repr__(self) -> str:
        return f"Language({self.code!r})"

    # -- words

    def t(self, key: str, **values: object) -> str:
        """The site's own interface text (mccat.site.texts), placeholders filled in."""
        return interface_text(key, self.code, **values)

    def label(self, path: str, kind: str = "program") -> str:
        """A descriptor's label: the schema's title of the field at `path` ("delivery.mode")."""
        return descriptor_label(kind, path, self.code)

    def term(self, vocabulary: str, code: str) -> str:
        """A controlled term's label (the code itself if the vocabulary has no such term)."""
        return self.vocab[vocabulary].label(code, self.code)

    def term_short(self, vocabulary: str, code: str) -> str:
        """A term's label without the explanation in brackets at its end, for lists and results:
        "ブレンディッド（対面とオンラインの併用）" -> "ブレンディッド". The program page shows the full label."""
        label = self.term(vocabulary, code)
        match = _BRACKETED_END.match(label)
        return match.group(1) if match else label

    def terms(self, vocabulary: str, codes: Iterable[str]) -> list[Value]:
        return [Value(self.term(vocabulary, code)) for code in codes]

    def text(self, value: dict[str, str] | None) -> Value | None:
        """A bilingual catalogue text in this language, else in the other one (marked with its `lang`)."""
        local = localized(value, self.code)
        if local is None:
            return None
        return Value(local.text, lang=None if local.lang == self.code else local.lang)

    def plain(self, value: dict[str, str] | None) -> str:
        """A bilingual catalogue text as a plain string (for titles, sort keys, search metadata)."""
        local = localized(value, self.code)
        return local.text if local else ""

    def reading(self, value: Any) -> str:
        """A katakana reading (`title_kana`, `name_kana`) as Japanese pages show it; none on other pages."""
        return value if self.code == "ja" and isinstance(value, str) else ""

    def sort_key(self, name: str, reading: Any, key: str) -> tuple:
        """Where a named entry goes in a list: on Japanese pages in 五十音順 by its reading (entries without
        one after them, by name); elsewhere by name, ignoring case and width. The index group (index_group)
        comes first, so that each group is one run of the list. `key` breaks ties."""
        if self.code == "ja" and isinstance(reading, str) and reading:
            plain, text = kana_sort_key(reading)  # once: the group is the plain reading's first kana
            return (0, _GROUP_RANK["ja"][_kana_group_of_plain(plain)], plain, text, key)
        return (1, _GROUP_RANK["en"][initial_group(name)], sort_text(name), "", key)

    def index_group(self, name: str, reading: Any) -> str:
        """The group of a list's index an entry files under (INDEX_GROUPS): on Japanese pages by its reading
        ("other" without one), elsewhere by the name's first letter or digit."""
        if self.code == "ja":
            return kana_group(reading) if isinstance(reading, str) and reading else "other"
        return initial_group(name)

    @property
    def index_groups(self) -> tuple[str, ...]:
        """The groups of a list's index, in the list's order."""
        return INDEX_GROUPS[self.code]

    def group_label(self, group: str) -> str:
        """A group as the index shows it: ア, 英数字, その他; A, 0–9, Other."""
        if self.code == "ja" and group in _ROW_KANA:
            return _ROW_KANA[group]
        if len(group) == 1:
            return group.upper()
        return self.t(f"index.group_{group}")

    def group_heading(self, group: str, *, continued: bool = False) -> str:
        """A group's heading in the list: カ行, 英数字, K; "（続き）" / "(continued)" on a page that begins inside
        the group."""
        label = self.group_label(group)
        heading = self.t("index.row", kana=label) if self.code == "ja" and group in _ROW_KANA else label
        return self.t("index.continued", group=heading) if continued else heading

    def yes_no(self, flag: bool) -> str:
        return self.t("program.yes" if flag else "program.no")

    # -- formats

    def date(self, value: str) -> str:
        return format_date(value, self.code)

    def month(self, value: str) -> str:
        """A month, YYYY-MM (or a date in it): 2026年11月, November 2026."""
        return format_month(value, self.code)

    def year(self, value: str | int) -> str:
        return format_year(value, self.code)

    def number(self, value: float | int) -> str:
        return format_number(value, self.code)

    def count(self, value: int) -> str:
        return format_count(value, self.code)

    def hours(self, value: float | int) -> str:
        return format_hours(value, self.code)

    def weeks(self, value: int) -> str:
        return format_weeks(value, self.code)

    def country(self, code: str) -> str:
        return country_name(code, self.code)

    def fee(self, fee: dict[str, Any] | None) -> str:
        """A program's fee: "free", the amount in its currency, or "" when it is not stated."""
        if not fee:
            return ""
        if fee["amount"] == 0:
            return self.t("program.free")
        return format_money(fee["amount"], fee["currency"], self.code)

    def credits(self, credits: dict[str, Any]) -> str:
        """Credits with their system: "2 ECTS credits", "大学の単位 1単位"."""
        return self.t(
            "program.credits", value=self.number(credits["value"]), system=self.term("credit_system", credits["system"])
        )

    def eqf(self, level: int) -> str:
        return self.t("program.eqf", level=level)

    def join(self, items: Iterable[str]) -> str:
        """Several values in one line, with the language's list separator (、 or ", ")."""
        return self.separator.join(items)

    def program_count(self, count: int) -> str:
        if count == 1:
            return self.t("list.program_count_one")
        return self.t("list.program_count", count=self.count(count))

    def decision_count(self, count: int) -> str:
        """3件, 3 decisions."""
        if count == 1:
            return self.t("decisions.count_one")
        return self.t("decisions.count", count=self.count(count))
