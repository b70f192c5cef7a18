"""HTML of the catalogue's values, descriptor rows, comparison cells and conformance tables.

Written in Python rather than as template macros because they are what pages
repeat most: a program page shows about 45 values in 30 rows and some 30
conformance elements, a field's comparison table ten cells per program, and
a Jinja macro call costs more than the markup it makes (bench/README.md). Everything
from the catalogue is escaped here; what comes back is Markup. `url` turns a
site path into a link from the page being rendered (the hook passes MkDocs'
own `url` filter), so links come out as the templates' `| url` made them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from markupsafe import Markup, escape

from mccat.site.language import Language
from mccat.site.phrasing import phrases
from mccat.site.views import Cell, ConformanceView, ElementView, Row, SearchRecord, Value

Url = Callable[[str], str]

# Runs of Japanese script (kana, kanji, the ideographic space and punctuation, fullwidth forms): on a page in
# another language, such a run is Japanese text (a 履修証明プログラム named in an English label) and says so.
JAPANESE_RUN = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")


def _escaped(text: str) -> str:
    """`markupsafe.escape(text)` as a plain str: the same five characters escaped the same way, without a Markup
    made for every piece (a program page escapes some 300 pieces here; tests/test_value_html.py compares the two)."""
    if type(text) is not str:  # Markup (already escaped) or another type: markupsafe's rules
        return str(escape(text))
    if "&" in text or "<" in text or ">" in text or "'" in text or '"' in text:
        return (
            text.replace("&", "&amp;")
            .replace(">", "&gt;")
            .replace("<", "&lt;")
            .replace("'", "&#39;")
            .replace('"', "&#34;")
        )
    return text


def mark_japanese(text: str, page_lang: str) -> Markup:
    """`text` escaped, with each run of Japanese script in <span lang="ja"> unless the page is Japanese (screen
    readers then read it as Japanese)."""
    return Markup(_marked(text, page_lang))


def _marked(text: str, page_lang: str) -> str:
    if page_lang == "ja":
        return _escaped(text)
    parts, end = [], 0
    for run in JAPANESE_RUN.finditer(text):
        parts += [_escaped(text[end : run.start()]), f'<span lang="ja">{_escaped(run.group())}</span>']
        end = run.end()
    if not end:
        return _escaped(text)
    parts.append(_escaped(text[end:]))
    return "".join(parts)


class ValueHTML:
    """The markup of values in one language; its interface texts are looked up once."""

    def __init__(self, language: Language) -> None:
        t = self._t = language.t
        self._lang = language.code
        self._other_language = f' <span class="mc-aside">{escape(t("program.in_other_language"))}</span>'
        self._not_stated = f'<span class="mc-missing">{escape(t("program.not_stated"))}</span>'
        self._separator = str(escape(language.separator))

    def phrased(self, text: str) -> Markup:
        """A title whose lines break only between phrases on Japanese pages (<wbr> between them; mccat.site.phrasing).
        The element that holds it carries class="mc-phrase"."""
        if self._lang != "ja":
            return escape(text)
        return Markup("<wbr>".join(str(escape(piece)) for piece in phrases(text)))

    def value(self, value: Value, *, url: Url) -> Markup:
        """One value: text, or a link; marked with its language when it is not the page's."""
        return Markup(self._value(value, url))

    def values(self, row: Row, *, url: Url) -> Markup:
        """A row's values in its layout; "not stated" when the descriptor is absent."""
        return Markup(self._values(row, url))

    def stated_rows(self, rows: Iterable[Row], *, url: Url) -> Markup:
        """The descriptors that have values (the others go into one `not_stated` line; the conformance table
        still lists every gap)."""
        return self.rows([row for row in rows if row.values], url=url)

    def not_stated(self, rows: Iterable[Row]) -> Markup:
        """One line naming every descriptor without a value by its label; empty if there is none."""
        missing = [row for row in rows if not row.values]
        if not missing:
            return Markup("")
        names = self._separator.join(_marked(row.label, self._lang) for row in missing)
        return Markup(
            '<p class="mc-not-stated" data-pagefind-ignore>'
            f'<span class="mc-not-stated__label">{escape(self._t("program.not_stated_list"))}</span>{names}</p>'
        )

    def rows(self, rows: Iterable[Row], *, url: Url) -> Markup:
        """Labelled descriptors, one line each, known by their label (no attribute per row: a program page has
        about 30 rows, and 1 KB of schema paths in them weighed on every page). Search skips the labels,
        which repeat on every page (`.mc-descriptors dt` is one of Pagefind's exclude selectors,
        mccat.build.search_index). No class or indentation per row."""
        parts = ['<dl class="mc-descriptors">']
        for row in rows:
            parts.append(
                "\n<div>"
                f"<dt>{_marked(row.label, self._lang)}</dt>"
                f"<dd>{self._values(row, url)}</dd>\n</div>"  # the line break: Pagefind adds no "." after each value
            )
        parts.append("\n</dl>")
        return Markup("".join(parts))

    def cell(self, cell: Cell, *, url: Url) -> Markup:
        """A comparison table's cell (mccat.site.views.Cell): its values, past offerings muted; "not stated"
        when there are none. A list is a bare <ul> (compare.css styles the table's; a table has thousands)."""
        if not cell.values:
            return Markup(self._not_stated)
        items = [self._value(value, url, compared=True) for value in cell.values]
        if cell.layout == "list" and len(items) > 1:
            return Markup("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
        return Markup(self._separator.join(items))

    def conformance(self, frameworks: Iterable[ConformanceView]) -> Markup:
        """Which framework-required information a program states (mccat.model.conformance): a table, then every
        element of each framework in a <details>."""
        t, frameworks = self._t, tuple(frameworks)
        rows = "".join(
            f'\n<tr data-framework="{escape(f.key)}" data-complete="{str(f.complete).lower()}">'
            f"<td>{escape(f.name)}</td>"
            f'<td class="mc-nowrap">{escape(t("conformance.count", present=f.present, total=f.total))}</td>'
            f"<td>{self._missing(f)}</td></tr>"
            for f in frameworks
        )
        # Each framework's elements by state, in words ("Stated: Title, Provider, ..."), not one line per element;
        # a class only where the state is not "present".
        details = "".join(
            f"\n<p><strong>{escape(f.name)}</strong></p>\n<ul>"
            + "".join(
                f"\n<li{_element_class(status)}>{_escaped(label)}: "
                f"{self._separator.join(_escaped(e.label) for e in elements)}</li>"
                for status, label, elements in _by_state(f.elements)
            )
            + "\n</ul>"
            for f in frameworks
        )
        return Markup(
            '<div class="mc-conformance">'
            '\n<div class="md-typeset__scrollwrap mc-table"><div class="md-typeset__table"><table>'
            f'\n<thead><tr><th scope="col">{escape(t("conformance.framework"))}</th>'
            f'<th scope="col">{escape(t("conformance.stated"))}</th>'
            f'<th scope="col">{escape(t("conformance.missing"))}</th></tr></thead>'
            f"\n<tbody>{rows}\n</tbody>\n</table></div></div>"
            f'\n<details class="mc-conformance__details">\n<summary>{escape(t("conformance.details"))}</summary>'
            f"{details}\n</details>"
            f'\n<p class="mc-aside">{escape(t("conformance.note"))}</p>\n</div>'
        )

    def _missing(self, framework: ConformanceView) -> str:
        if framework.complete:
            return f'<span class="mc-ok">✓ {escape(self._t("conformance.all"))}</span>'
        return self._separator.join(str(escape(name)) for name in framework.missing)

    def _value(self, value: Value, url: Url, *, compared: bool = False) -> str:
        """In a comparison table a value can be muted (a past offering) and its language is marked
        without the "in the other language" note."""
        text = _escaped(value.text) if value.lang else _marked(value.text, self._lang)
        lang = f' lang="{_escaped(value.lang)}"' if value.lang else ""
        muted = ' class="mc-aside"' if compared and value.muted else ""
        if value.href:
            href = value.href if value.external else url(value.href)
            rel = ' rel="noopener"' if value.external else ""
            html = f'<a href="{_escaped(href)}"{lang}{rel}{muted}>{text}</a>'
        elif lang or muted:
            html = f"<span{lang}{muted}>{text}</span>"
        else:
            html = text
        return html + self._other_language if value.lang and not compared else html

    def _values(self, row: Row, url: Url) -> str:
        if not row.values:
            return self._not_stated
        items = [self._value(value, url) for value in row.values]
        if row.layout == "list":
            return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
        if row.layout == "block":
            return "".join(f'<p class="mc-block">{item}</p>' for item in items)
        return self._separator.join(items)


def _element_class(status: str) -> str:
    """A framework element's class: none when it is stated ("present", most of them), else its state."""
    return "" if status == "present" else f' class="mc-element--{escape(status)}"'


def _by_state(elements: Iterable[ElementView]) -> list[tuple[str, str, list[ElementView]]]:
    """A framework's elements grouped by state (each state's words), states in the order they first come."""
    groups: dict[str, tuple[str, list[ElementView]]] = {}
    for element in elements:
        groups.setdefault(element.status, (element.status_label, []))[1].append(element)
    return [(status, label, members) for status, (label, members) in groups.items()]


def search_record_html(record: SearchRecord | None) -> Markup:
    """A page's Pagefind metadata (mccat.site.search), the element program and provider pages put first inside
    their data-pagefind-body: made here, not by an included template, as it is on every such page (the same
    bytes; tests/test_value_html.py).

    Pagefind still reads filters, sort keys and meta inside data-pagefind-ignore; the words are not indexed as
    body text, but Pagefind indexes every meta field (split at spaces): `keys` (mccat.site.search_keys) relies
    on that, and the other language's title (`title_alt`) is searchable as well as shown. Filters and sort keys
    are codes, all on the one element: Pagefind's `name[attribute]` form names the attribute that holds each
    value (`field[data-f2]` and data-f2="061"), a filter as often as it has values; an element per value weighed
    0.3 KB more on every program page. Meta values are texts, each its element's content."""
    if not record:
        return Markup("")
    parts = ["\n<div hidden data-pagefind-ignore"]
    for kind, letter, pairs in (("filter", "f", record.filters), ("sort", "s", record.sort)):
        if pairs:
            names = ", ".join(f"{_escaped(name)}[data-{letter}{n}]" for n, (name, _) in enumerate(pairs, 1))
            parts.append(f' data-pagefind-{kind}="{names}"')
            parts += [f' data-{letter}{n}="{_escaped(value)}"' for n, (_, value) in enumerate(pairs, 1)]
    parts.append(">")
    for name, value in record.meta:
        lang = f' lang="{_escaped(record.other_lang)}"' if name == "title_alt" else ""
        parts.append(f'<span data-pagefind-meta="{_escaped(name)}"{lang}>{_escaped(value)}</span>')
    parts.append("\n</div>")
    return Markup("".join(parts))
