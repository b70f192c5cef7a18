"""Search keys: the words that let Pagefind find a program or provider page by what its visible text does not
give the index: the Japanese title as any substring, its katakana reading, the provider's name and reading, the
katakana words of the texts, the keywords, and (on Japanese pages) English skill and provider names. They go
into one hidden Pagefind meta field, `keys` (mccat.site.search, mccat.site.value_html.search_record_html); the query
side is overrides/assets/javascripts/search.js.

Why a meta field, and why suffixes:

- Pagefind (1.5) indexes meta fields as words split at whitespace only: no Japanese segmentation and, on a
  Japanese page, no stemming. The body of a Japanese page, by contrast, is cut into words by Lindera when it is
  indexed, while the browser cuts the query with Intl.Segmenter (ICU); the two disagree (ICU cuts the hiragana
  query かいご into かい + ご, サーキュラーエコノミー into six pieces), so a query often names no indexed word.
- Pagefind matches each query word as the start of indexed words. So every suffix of a Japanese string, indexed
  as one word, makes every substring of that string findable however the browser cuts the query: each piece of
  a substring is itself a substring.
- Readings are katakana, and the browser folds a query typed in kana to katakana (`fold_kana` here and
  `foldKana` in search.js are the same mapping), so かいご, カイゴ and ｶｲｺﾞ find 介護 (reading カイゴ...) alike.
- Each suffix ends with TERMINATOR, a full-width "ｚ". When no indexed word starts with a query word, Pagefind
  falls back to the longest indexed word that the query word starts with: without the terminator a query such
  as ゴルフ would fall back to the one-letter suffix ゴ of ニホンゴ and find unrelated programs. The browser
  NFKC-normalises every query first, which turns a full-width letter into ASCII, so no query contains the
  terminator and none can start with a terminated suffix.

Costs, measured on the sample and on 1,000 synthetic programs: about +0.7 kB of compressed word index per
program page and language, 0.2 ms per page to compute.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

TERMINATOR = "\uff5a"  # ｚ, FULLWIDTH LATIN SMALL LETTER Z: NFKC turns it into "z", so no query holds it

# Words of English texts that find nothing worth finding.
_STOPWORDS = "a an and as at by for from in into of on or the to with without through its their your"
ENGLISH_STOPWORDS = frozenset(_STOPWORDS.split())

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u3005\u3006]")
_HIRAGANA = re.compile(r"[\u3041-\u3096]")
_KATAKANA_WORD = re.compile(r"[\u30a1-\u30fa\u30fc]{2,}")
HIRAGANA_TO_KATAKANA = 0x60  # the distance between a hiragana letter and its katakana (search.js: foldKana)


def normalize(text: str) -> str:
    """NFKC and lower case: full-width Latin and half-width katakana become their usual forms (search.js:
    normalize)."""
    return unicodedata.normalize("NFKC", text).lower()


# ヴ spellings and their バ-row twins are one word (ヴェトナム and ベトナム, ヴァイオリン and バイオリン): both fold to
# the バ row (search.js: V_SOUNDS, the same table).
V_SOUNDS = {"ヴァ": "バ", "ヴィ": "ビ", "ヴェ": "ベ", "ヴォ": "ボ", "ヴュ": "ビュ", "ヴ": "ブ"}
_V = re.compile("ヴ[ァィェォュ]?")


def fold_kana(text: str) -> str:
    """Hiragana to katakana: ぁ..ゖ (U+3041..U+3096) to ァ..ヶ, then ヴ spellings to the バ row (search.js:
    foldKana, the same mapping)."""
    katakana = _HIRAGANA.sub(lambda m: chr(ord(m.group()) + HIRAGANA_TO_KATAKANA), text)
    return _V.sub(lambda m: V_SOUNDS[m.group()], katakana)


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def chunks(text: str) -> list[str]:
    """Runs of letters and digits of the normalised text: punctuation, spaces and symbols separate them."""
    out: list[str] = []
    current: list[str] = []
    for char in normalize(text):
        if char.isalnum():
            current.append(char)
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


def suffixes(chunk: str) -> list[str]:
    """Every suffix of a run that holds Japanese, terminated; a suffix never starts inside a Latin word
    ("bimによる": bimによる, による, よる, る; not im... or m...)."""
    return [chunk[i:] + TERMINATOR for i in range(len(chunk)) if not i or has_cjk(chunk[i]) or has_cjk(chunk[i - 1])]


def text_keys(text: str | None, *, kana: bool = False) -> list[str]:
    """Keys of one string: the suffixes of its Japanese runs, its Latin words as they are (not stopwords,
    not single letters). `kana`: the string is a reading, its hiragana folded to katakana as queries are."""
    if not text:
        return []
    out: list[str] = []
    for chunk in chunks(fold_kana(text) if kana else text):
        if has_cjk(chunk):
            out += suffixes(chunk)
        elif len(chunk) > 1 and chunk not in ENGLISH_STOPWORDS:
            out.append(chunk)
    return out


def latin_words(texts: Iterable[str | None]) -> list[str]:
    """The Latin words of other-language texts (Pagefind splits meta at spaces already: no suffixes)."""
    return [
        chunk
        for text in texts
        for chunk in chunks(text or "")
        if len(chunk) > 1 and chunk not in ENGLISH_STOPWORDS and not has_cjk(chunk)
    ]


def japanese_texts(value: Any) -> Iterator[str]:
    """Every Japanese text of a program's data: the `ja` side of each bilingual text."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "ja" and isinstance(item, str):
                yield item
            else:
                yield from japanese_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from japanese_texts(item)


def katakana_keys(program_data: dict[str, Any]) -> list[str]:
    """The suffixes of the katakana words of the program's Japanese texts.

    The browser's segmenter cuts many katakana words that the index holds whole (ドローン -> ド + ローン,
    ファシリテーション -> six pieces): each piece must then start a word of the page, and with the suffixes it
    does. A query typed in hiragana (どろーん) is folded to katakana and finds them too.
    """
    found = dict.fromkeys(
        spelling
        for text in japanese_texts(program_data)
        for match in _KATAKANA_WORD.finditer(unicodedata.normalize("NFKC", text))
        for spelling in (match.group(), fold_kana(match.group()))  # ヴェトナム is found as ベトナム too
    )
    return [key for word in found for key in suffixes(word)]


# Words written more than one way in Japanese (表記ゆれ), with the same meaning in every context: a page that
# writes one is found by the others (子供 and こども find 子ども). Readings alone (こども) are folded to katakana as
# queries are. Kept to spellings of one word: 障害 and 障がい, say, are not (in IT texts 障害 is an outage).
SPELLING_VARIANTS = (
    ("子ども", "子供", "こども"),
    ("申し込み", "申込み", "申込"),
    ("取り組み", "取組み", "取組"),
    ("組み込み", "組込み", "組込"),
    ("受け付け", "受付け", "受付"),
    ("話し合い", "話合い"),
)


def variant_keys(program_data: dict[str, Any]) -> list[str]:
    """The other spellings of every word of SPELLING_VARIANTS that the program's Japanese texts write."""
    text = "\n".join(japanese_texts(program_data))  # the spellings are full-width: NFKC would change nothing
    keys: list[str] = []
    for spellings in SPELLING_VARIANTS:
        if any(spelling in text for spelling in spellings):
            for spelling in spellings:
                keys += text_keys(spelling) + text_keys(spelling, kana=True)
    return keys


def keyword_keys(program_data: dict[str, Any]) -> list[str]:
    """The program's keywords, in both languages on both sites (簿記 and bookkeeping find it anywhere)."""
    keys: list[str] = []
    for keyword in program_data.get("keywords", []):
        for lang in ("ja", "en"):
            keys += text_keys(keyword.get(lang)) + text_keys(keyword.get(lang), kana=True)
    return keys


def provider_keys(provider_data: dict[str, Any]) -> list[str]:
    """A provider's Japanese name (every substring) and its reading."""
    return text_keys(provider_data["name"].get("ja")) + text_keys(provider_data.get("name_kana"), kana=True)


def _unique(items: Iterable[str]) -> str:
    return " ".join(dict.fromkeys(items))


def program_keys(program_data: dict[str, Any], provider_data: dict[str, Any], lang: str) -> str:
    """The `keys` meta of a program page in `lang`, space-separated.

    Both languages: the Japanese title (every substring), its reading, the provider's Japanese name and reading,
    the katakana words of the Japanese texts, the other spellings of words they write (表記ゆれ), the keywords.
    Japanese pages add the English skill labels and provider name (their English title is the `title_alt` meta,
    searchable as it is); English pages' own text is English already.
    """
    keys = text_keys(program_data["title"].get("ja"))
    keys += text_keys(program_data.get("title_kana"), kana=True)
    keys += provider_keys(provider_data)
    keys += katakana_keys(program_data)
    keys += variant_keys(program_data)
    keys += keyword_keys(program_data)
    if lang == "ja":
        keys += latin_words(skill["label"].get("en") for skill in program_data.get("skills", []))
        keys += latin_words([provider_data["name"].get("en")])
    return _unique(keys)


def provider_page_keys(provider_data: dict[str, Any]) -> str:
    """The `keys` meta of a provider page: its Japanese name and reading (its other-language name is
    `title_alt`)."""
    return _unique(provider_keys(provider_data))
