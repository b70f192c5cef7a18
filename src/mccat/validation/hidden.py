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
The `regex` module knows these properties for its Unicode version, newer than Python's own tables.
"""

from __future__ import annotations

import regex

BLANK_LOOKING = "\u2800\u115f\u1160\u3164\uffa0"  # draw as nothing, though no property says so for U+2800
ALLOWED_CONTROLS = "\t\n"

HIDDEN_CHARACTER = regex.compile(
    r"[[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}"
    + BLANK_LOOKING
    + r"]--[\t\n]]",
    regex.VERSION1,
)


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

    def escape(match: regex.Match[str]) -> str:
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
