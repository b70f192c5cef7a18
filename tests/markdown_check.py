"""Render Markdown as GitHub would (CommonMark with the GFM extensions: tables, strikethrough, autolinks) with
markdown-it-py, and tell which elements came from data.

Every hostile value in the tests carries MARK; `data_outside_code(markdown)` lists the places where MARK shows
outside a code span or block (a heading, link, image, HTML, a table cell boundary, or text GitHub would turn
into a mention or an issue link), `elements(markdown)` the elements the renderer made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

MARK = "EVIL"

# Markdown injection payloads: each would make an element if it reached the Markdown outside a code span.
MARKDOWN_PAYLOADS = [
    f"{MARK}\n# {MARK} heading",
    f"{MARK}\r# {MARK} heading after a lone CR",
    f"{MARK}\r\n\r\n## {MARK} after a blank line",
    f"{MARK}\u2028# {MARK} after a line separator\u2029# {MARK}\x85# {MARK}",
    f"{MARK} @{MARK}mention and @octocat",
    f"[{MARK} link](https://evil.example/{MARK}) ![{MARK}](https://evil.example/{MARK}.png)",
    f"<!-- {MARK} unclosed comment",
    f"<img src=x alt={MARK}> <b>{MARK}</b> <details open>{MARK}",
    f"</details>{MARK}</summary>",
    f"`{MARK}` ``{MARK}`` ```{MARK}",
    f"{MARK} | {MARK} | {MARK} |",
    f"{MARK}\\| {MARK} \\",
    f"{MARK} https://{MARK}.example www.{MARK}.example {MARK}@example.org #1 GH-1",
    f"&lt;{MARK}&gt; &#64;{MARK}",
    f"*{MARK}* _{MARK}_ ~~{MARK}~~",
    f"> {MARK} quote",
    f"{MARK}\n\n```\n{MARK} block\n```",
    f"    {MARK} indented",
]


@dataclass(frozen=True)
class Element:
    kind: str
    source: str  # the markup or text it came from


def renderer() -> MarkdownIt:
    return MarkdownIt("gfm-like", {"linkify": True, "html": True})


def _walk(tokens: list[Token]):
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def elements(markdown: str) -> list[Element]:
    """Headings, links, images, HTML and the text of every other node, in order."""
    found = []
    tokens = renderer().parse(markdown)
    for index, token in enumerate(tokens):
        if token.type == "heading_open":  # what the heading says outside its code spans
            children = tokens[index + 1].children or []
            found.append(Element("heading", "".join(c.content for c in children if c.type == "text")))
    for token in _walk(tokens):
        if token.type == "heading_open":
            continue
        elif token.type == "link_open":
            found.append(Element("link", str(token.attrGet("href"))))
        elif token.type == "image":
            found.append(Element("image", str(token.attrGet("src")) + " " + token.content))
        elif token.type in ("html_inline", "html_block"):
            found.append(Element("html", token.content))
        elif token.type in ("code_inline", "code_block", "fence"):
            found.append(Element("code", token.content))
        elif token.type == "text":
            found.append(Element("text", token.content))
        elif token.type in ("th_open", "td_open"):
            found.append(Element("cell", ""))
    return found


MENTION_LIKE = re.compile(r"(?<![\w`])@[A-Za-z0-9]|(?<![\w&])#\d|GH-\d|https?://|www\.", re.IGNORECASE)


def data_outside_code(markdown: str) -> list[Element]:
    """Elements that data made: MARK anywhere but in code, and mention- or link-like text outside code."""
    bad = []
    for element in elements(markdown):
        if element.kind == "code":
            continue
        if MARK in element.source or (element.kind == "text" and MENTION_LIKE.search(element.source)):
            bad.append(element)
    return bad


def count(markdown: str, kind: str) -> int:
    return sum(e.kind == kind for e in elements(markdown))
