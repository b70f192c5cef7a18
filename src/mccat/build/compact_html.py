"""Templates without their indentation: the same pages, about 15% fewer bytes, at no cost per page.

Material's templates and ours are indented for people, and the indentation and blank lines reached
every page: 6.1 of a program page's 43-45 KB at 1,000 programs (bench/sitebytes.py). HTML collapses
white space between words and tags, so a template line's leading spaces and tabs, and its blank
lines, can go as long as each line break stays. `CompactTemplates` is a Jinja extension that does it
to each template's SOURCE when Jinja loads it, so the pages come out compact without any work per page
(post-processing every page's HTML cost 1.5 ms a page, measured). Left as written:

- lines inside `<pre>`, `<textarea>`, `<script>` and `<style>` elements of a template (code examples,
  inline scripts);
- everything the template prints: catalogue text, JSON-LD and the HTML that mccat.site.value_html
  makes keep their own white space (texts styled `white-space: pre-line` keep every line break).

A line that only held indentation becomes empty, and empty lines go: the line break before it stays,
so two words or tags on separate lines stay separated by white space.

A line that holds only Jinja tags (`{% if %}`, `{% for %}`, `{# ... #}`) printed an empty line on every
page (600 of a program page's 1,300 lines): it gets Jinja's `-` on its left, which removes the line
break before it, while its own line break stays. Not when its last tag already removes the white space
after it (`-%}`): the two lines would join.
"""

from __future__ import annotations

import re

from jinja2.ext import Extension

_TAGS_ONLY = re.compile(r"(?:\{%[^%]*%\}|\{#[^#]*#\})+")
_OPEN = re.compile(r"<(pre|textarea|script|style)\b", re.IGNORECASE)
_CLOSE = {tag: re.compile(rf"</{tag}\s*>", re.IGNORECASE) for tag in ("pre", "textarea", "script", "style")}


def strip_indentation(source: str) -> str:
    """A template's source without leading white space and empty lines, outside verbatim elements."""
    out = []
    verbatim: str | None = None  # the element whose lines are kept as they are
    for line in source.split("\n"):
        if verbatim is None:
            line = line.lstrip(" \t")
            tags = line.rstrip(" \t")
            if _TAGS_ONLY.fullmatch(tags) and tags[2] != "-" and not tags.endswith(("-%}", "-#}")):
                line = tags[:2] + "-" + tags[2:]  # its output is empty: remove the line break before it
            if line:
                out.append(line)
            at = 0
        else:
            out.append(line)
            close = _CLOSE[verbatim].search(line)
            if close is None:
                continue
            verbatim, at = None, close.end()
        while (opened := _OPEN.search(line, at)) is not None:  # an element opened (and maybe closed) here
            tag = opened.group(1).lower()
            close = _CLOSE[tag].search(line, opened.end())
            if close is None:
                verbatim = tag
                break
            at = close.end()
    return "\n".join(out)


class CompactTemplates(Extension):
    """Jinja extension: every template is compacted as it is loaded (mccat.build.compact_html)."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return strip_indentation(source)
