"""Markdown that shows data as inert text: the pull-request comment, job summaries, the renewal issue, the
issue form. GitHub renders these; text from catalogue data or git (titles, keys, file names) must come out
as literal text, never as a heading, link, image, mention, table cell or HTML.

- `code(text)`: data goes into a code span. Inside one, Markdown and HTML are literal and GitHub makes no
  mentions, issue links or autolinks; the fence is longer than any run of backticks in the text; every
  line break (LF, CR, NEL, U+2028, U+2029) becomes ⏎ or <U+XXXX>, since a line break would end the span's
  line (and a blank line or a lone CR its paragraph); hidden characters are written out (mccat.validation.hidden);
  in a table, `|` is escaped so that it cannot end the cell.
- `code_block(text)`: several lines of data (the ownership report) in a fenced block, each line as
  `one_line` writes it, the fence longer than any run of backticks or tildes in it.
- `plain(text)`: trusted prose (schema help texts) with every character that could start markup escaped,
  and mention-, link- and reference-like words put in code spans, so that nothing in it becomes an element.

Shared by mccat.review and mccat.authoring (which may not import each other), hence here.
"""

from __future__ import annotations

import re

from mccat.validation.hidden import one_line, reveal

LINE_BREAK = re.compile(r"\r\n|[\n\r\x85\u2028\u2029\x0b\x0c]")
_BACKTICKS = re.compile(r"`+")


def code(text: str, *, in_table: bool = False) -> str:
    """A Markdown code span that shows text literally on one line, whatever it holds."""
    text = reveal(LINE_BREAK.sub(" ⏎ ", text))
    if in_table:
        text = text.replace("|", "\\|")  # GFM splits cells before it parses code spans
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if not text or text.startswith("`") or text.endswith("`") or not text.strip(" ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def code_block(text: str, info: str = "text") -> str:
    """A fenced code block holding text line by line, literally."""
    lines = [one_line(line) for line in text.splitlines()]
    longest = max((len(run) for line in lines for run in re.findall(r"`+|~+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return "\n".join([f"{fence}{info}", *lines, fence])


# Characters that can start or end markup anywhere in a line, and what can start a block at a line's start.
_INLINE = re.compile(r"([\\`*_\[\]<>!|~&#$])")
_LINE_START = re.compile(r"^(\s*)(\d*)([-+=>.)])", re.MULTILINE)
# What GitHub turns into a link or a mention in text: @account, #123, GH-123, a/b#1, URLs, www., e-mail.
_LINK_LIKE = re.compile(r"\S*(?:@|#\d|GH-\d|://|www\.)\S*", re.IGNORECASE)


def plain(text: str) -> str:
    """Trusted prose as Markdown that renders as this text and nothing else (line breaks stay)."""
    parts = []
    last = 0
    for match in _LINK_LIKE.finditer(text):
        parts.append(_escape(text[last : match.start()]))
        parts.append(code(match.group()))
        last = match.end()
    parts.append(_escape(text[last:]))
    return "".join(parts)


def _escape(text: str) -> str:
    escaped = _INLINE.sub(r"\\\1", reveal(text))
    return _LINE_START.sub(lambda m: f"{m.group(1)}{m.group(2)}\\{m.group(3)}", escaped)
