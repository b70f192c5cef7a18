"""Characters a reader cannot see: the one definition the validator refuses and every output writes out.

Decided by Unicode properties, not by a list of code points:

- controls (Cc) but tab and line feed: ESC sequences rewrite a terminal, a lone CR or NEL breaks a line;
- format characters (Cf): zero-width, bidirectional embeddings, overrides and isolates, tags;
- Default_Ignorable_Code_Point: variation selectors (a message can be spelled in them, one per byte),
  the combining grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian free variation
  selectors, the whole tag block;
- line and paragraph separators (Zl, Zp), private use (Co), surrogates (Cs), noncharacters;
- characters that draw as a blank though they are not spaces: U+2800 BRAILLE PATTERN BLANK (the Hangul
  fillers are default-ignorable already).

Spaces (U+0020, the ideographic space U+3000, ...) are visible as space and stay allowed.

The definition is PROPERTIES, a Unicode property expression (the `regex` module's syntax). Matching
it with `regex` costs about 3 ms per catalogue file, twelve times the standard `re` with a character
class, so the class is generated from the properties: HIDDEN_RANGES below. tests/test_hidden_characters.py
computes the set from PROPERTIES with `regex` and fails, printing the new table, when they differ
(a new Unicode version): the table is never edited by hand.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

PROPERTIES = (
    r"[[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}"
    r"\u2800\u115f\u1160\u3164\uffa0]--[\t\n]]"  # U+2800 and the Hangul fillers draw as blanks
)
# Generated from PROPERTIES (regex 2026.11.19); tests/test_hidden_characters.py keeps it so.
HIDDEN_RANGES: tuple[tuple[int, int], ...] = (
    (0x0000, 0x0008),
    (0x000B, 0x001F),
    (0x007F, 0x009F),
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x2028, 0x202E),
    (0x2060, 0x206F),
    (0x2800, 0x2800),
    (0x3164, 0x3164),
    (0xD800, 0xF8FF),
    (0xFDD0, 0xFDEF),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFFB),
    (0xFFFE, 0xFFFF),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0x1FFFE, 0x1FFFF),
    (0x2FFFE, 0x2FFFF),
    (0x3FFFE, 0x3FFFF),
    (0x4FFFE, 0x4FFFF),
    (0x5FFFE, 0x5FFFF),
    (0x6FFFE, 0x6FFFF),
    (0x7FFFE, 0x7FFFF),
    (0x8FFFE, 0x8FFFF),
    (0x9FFFE, 0x9FFFF),
    (0xAFFFE, 0xAFFFF),
    (0xBFFFE, 0xBFFFF),
    (0xCFFFE, 0xCFFFF),
    (0xDFFFE, 0xE0FFF),
    (0xEFFFE, 0x10FFFF),
)


def _class(ranges: list[tuple[int, int]]) -> str:
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


class HiddenPattern:
    """HIDDEN_RANGES as a pattern with the methods of a compiled `re` pattern that the code uses.

    `re` checks a class with many ranges above U+FFFF one range at a time (2 ms a file instead of
    0.2 ms), so candidates are found with the ranges below U+FFFF plus all of the planes above as one
    range, and only a candidate above U+FFFF is checked against the exact class."""

    def __init__(self, ranges: tuple[tuple[int, int], ...]):
        bmp = [r for r in ranges if r[1] <= 0xFFFF]
        astral = [r for r in ranges if r[1] > 0xFFFF]
        self.exact = re.compile(f"[{_class(bmp + astral)}]")
        self._candidates = re.compile(f"[{_class(bmp)}\U00010000-\U0010ffff]")

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        for match in self._candidates.finditer(text):
            if match.group() <= "\uffff" or self.exact.match(match.group()):
                yield match

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.finditer(text), None)

    def match(self, text: str) -> re.Match[str] | None:
        return self.exact.match(text)

    def findall(self, text: str) -> list[str]:
        return [match.group() for match in self.finditer(text)]

    def sub(self, replace: Callable[[re.Match[str]], str], text: str) -> str:
        if self.search(text) is None:
            return text
        hidden = self.exact.match
        return self._candidates.sub(lambda m: replace(m) if hidden(m.group()) else m.group(), text)


HIDDEN_CHARACTER = HiddenPattern(HIDDEN_RANGES)


def hidden_characters(text: str) -> list[str]:
    """The hidden characters of a text, in order of appearance, each once."""
    return list(dict.fromkeys(HIDDEN_CHARACTER.findall(text)))


def code_point(char: str) -> str:
    return f"<U+{ord(char):04X}>"


def reveal(text: str) -> str:
    """The text with every hidden character written out as <U+XXXX> (tab and line feed stay)."""
    return HIDDEN_CHARACTER.sub(lambda m: code_point(m.group()), text)


def json_escape_hidden(text: str) -> str:
    """JSON text (from json.dumps) with every hidden character inside its strings written as a \\uXXXX escape:
    the same value for a program, and nothing unseen for a person reading it."""

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        if code > 0xFFFF:
            code -= 0x10000
            return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
        return f"\\u{code:04x}"

    return HIDDEN_CHARACTER.sub(lambda m: m.group() if m.group() in "\t\n" else escape(m), text)


def one_line(text: str) -> str:
    """Text for one line of terminal output: line breaks shown as ⏎, every hidden character written out
    (ESC, CR, NEL, U+2028 ...), so that data can neither add a line nor act on the terminal."""
    return reveal(text.replace("\r\n", "\n").replace("\n", " ⏎ "))
