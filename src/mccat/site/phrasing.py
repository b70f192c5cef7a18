"""Phrase-aware line breaks for Japanese titles, for browsers without CSS `word-break: auto-phrase`.

A Japanese line may break between any two characters, so on a phone a title breaks inside a word
(データ分|析入門). Chromium's `word-break: auto-phrase` breaks between phrases (Pythonによる|データ分析入門);
other browsers do not have it yet. For them, titles get break opportunities (<wbr>) between phrases at build
time and `word-break: keep-all` (assets/stylesheets/catalogue.css: .mc-phrase), so lines break only there.

Phrases come from BudouX (its Japanese model), and a boundary it proposes between two kanji, two katakana or
two Latin letters is dropped: its model cuts some compounds (Pythonに|よる|データ分|析入門), and a compound is
one word to a reader. What remains are boundaries at a change of script or after kana (介護の|基本と|現場の),
which never fall inside a word. A phrase longer than the line still wraps (overflow-wrap: anywhere).
"""

from __future__ import annotations

import re
from functools import cache

import budoux

_KANJI = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3005]")
_KATAKANA = re.compile(r"[\u30a0-\u30ff\uff66-\uff9f]")
_LATIN = re.compile(r"[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


@cache
def _parser() -> budoux.Parser:
    return budoux.load_default_japanese_parser()


def _same_word(before: str, after: str) -> bool:
    """Two characters that a reader takes as one word when they stand together."""
    return any(pattern.match(before) and pattern.match(after) for pattern in (_KANJI, _KATAKANA, _LATIN))


@cache
def phrases(text: str) -> tuple[str, ...]:
    """The text cut where a line may break without splitting a word: ("Pythonによる", "データ分析入門")."""
    pieces: list[str] = []
    for phrase in _parser().parse(text):
        if pieces and _same_word(pieces[-1][-1], phrase[0]):
            pieces[-1] += phrase
        else:
            pieces.append(phrase)
    return tuple(pieces) or (text,)
