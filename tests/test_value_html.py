"""The values, descriptor rows and comparison cells every page shows (mccat.site.value_html): escaped, linked
from the page, in the page's language. The site tests check them on real pages; these check each case."""

from __future__ import annotations

from markupsafe import Markup, escape

from mccat.site.language import Language
from mccat.site.texts import interface_text
from mccat.site.value_html import ValueHTML, _escaped, mark_japanese, search_record_html
from mccat.site.views import Cell, Row, SearchRecord, Value

HOSTILE = "<script>alert(\"x\")</script> & 'quoted'"
ESCAPED = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;quoted&#39;"


def from_page(path: str) -> str:
    return f"../../{path}"  # what MkDocs' url filter makes of a site path on a page two levels down


def html(lang: str = "en") -> ValueHTML:
    return ValueHTML(Language.of(lang))


def test_text_and_links_are_escaped_and_internal_links_lead_from_the_page():
    assert html().value(Value(HOSTILE), url=from_page) == ESCAPED
    link = html().value(Value(HOSTILE, href='providers/a"b/'), url=from_page)
    assert link == f'<a href="../../providers/a&#34;b/">{ESCAPED}</a>'
    external = html().value(Value("Site", href="https://example.org/?a=1&b=2", external=True), url=from_page)
    assert external == '<a href="https://example.org/?a=1&amp;b=2" rel="noopener">Site</a>'


def test_text_in_the_other_language_is_marked_and_said():
    note = interface_text("program.in_other_language", "ja")
    assert (
        html("ja").value(Value("Data", lang="en"), url=from_page)
        == f'<span lang="en">Data</span> <span class="mc-aside">{note}</span>'
    )


def test_rows_in_each_layout_and_a_descriptor_not_stated():
    values = (Value("A"), Value("B<"))
    separator = interface_text("list.separator", "en")
    assert html().values(Row("k", "K", values, "list"), url=from_page) == "<ul><li>A</li><li>B&lt;</li></ul>"
    assert (
        html().values(Row("k", "K", values, "block"), url=from_page)
        == '<p class="mc-block">A</p><p class="mc-block">B&lt;</p>'
    )
    assert html().values(Row("k", "K", values), url=from_page) == f"A{separator}B&lt;"
    missing = interface_text("program.not_stated", "en")
    assert html().values(Row("k", "K", ()), url=from_page) == f'<span class="mc-missing">{missing}</span>'
    rows = html().rows([Row('a"b', HOSTILE, (Value("A"),))], url=from_page)
    assert f"\n<div><dt>{ESCAPED}</dt><dd>A</dd>\n</div>" in rows and 'a"b' not in rows  # known by its label
    assert rows.startswith('<dl class="mc-descriptors">') and rows.endswith("</dl>")


def test_comparison_cells_mute_past_offerings_and_list_only_several_values():
    one = Cell("offerings", (Value("2025-04", muted=True),), layout="list")
    assert html().cell(one, url=from_page) == '<span class="mc-aside">2025-04</span>'
    several = Cell("offerings", (Value("a", href="programs/x/"), Value("b", lang="ja")), layout="list")
    assert (
        html().cell(several, url=from_page)
        == '<ul><li><a href="../../programs/x/">a</a></li><li><span lang="ja">b</span></li></ul>'
    )
    assert "mc-missing" in html().cell(Cell("fee", ()), url=from_page)


def test_conformance_table_escapes_names_and_lists_what_is_missing():
    from mccat.site.views import ConformanceView, ElementView

    frameworks = [
        ConformanceView(
            "eu",
            HOSTILE,
            9,
            9,
            True,
            (),
            (
                ElementView("Title", "present", "Stated"),
                ElementView("Date", "on_credential", "On each credential"),
                ElementView("Hours", "present", "Stated"),
            ),
        ),
        ConformanceView(
            "au", "AU", 12, 14, False, ("Hours", "Fee <b>"), (ElementView("Fee <b>", "missing", "Not stated"),)
        ),
    ]
    table = html().conformance(frameworks)
    separator = interface_text("list.separator", "en")
    assert f"<td>{ESCAPED}</td>" in table and f"<p><strong>{ESCAPED}</strong></p>" in table
    assert '<tr data-framework="eu" data-complete="true">' in table and 'data-complete="false"' in table
    assert f"<td>Hours{separator}Fee &lt;b&gt;</td>" in table
    # each framework's elements by state, in the order the states first come
    assert '<li class="mc-element--missing">Not stated: Fee &lt;b&gt;</li>' in table
    assert (
        f'<li>Stated: Title{separator}Hours</li>\n<li class="mc-element--on_credential">On each credential: Date</li>'
        in table
    )
    assert interface_text("conformance.count", "en", present=12, total=14) in table


def test_descriptors_not_stated_in_one_line_by_their_labels_in_order():
    line = html().not_stated([Row('a"b', HOSTILE, ()), Row("c", "C", (Value("x"),)), Row("d", "D", ())])
    separator = interface_text("list.separator", "en")
    label = interface_text("program.not_stated_list", "en")
    assert line == (
        f'<p class="mc-not-stated" data-pagefind-ignore><span class="mc-not-stated__label">{label}</span>'
        f"{ESCAPED}{separator}D</p>"
    )
    assert html().not_stated([Row("c", "C", (Value("x"),))]) == ""


def test_the_fast_escape_escapes_as_markupsafe_does():
    """value_html escapes pieces as plain text (no Markup per piece): the same bytes as markupsafe.escape, for
    every character it escapes, text already escaped (Markup) and text in Japanese."""
    for text in (HOSTILE, "", "plain", "&amp;", "a<b>c", "'\"", "データ&<科学>", "\u3000&#39;", Markup("<b>safe</b>")):
        assert _escaped(text) == str(escape(text)), text
        assert mark_japanese(text, "ja") == escape(text)
    assert mark_japanese("A <データ> & 科学", "en") == (
        'A &lt;<span lang="ja">データ</span>&gt; &amp; <span lang="ja">科学</span>'
    )


def test_the_search_record_is_the_element_the_template_made_with_every_value_escaped():
    """The bytes overrides/mc/search-record.html rendered (autoescaped, compacted) for the same record: its
    filters and sort keys as attributes, its meta texts as contents, hostile values escaped everywhere."""
    record = SearchRecord(
        (("kind", "program"), ("field", '0"><script>')),
        (("hours", "1"),),
        (("provider", "A&B <i>"), ("title_alt", "x'y")),
        "ja",
    )
    assert search_record_html(record) == (
        '\n<div hidden data-pagefind-ignore data-pagefind-filter="kind[data-f1], field[data-f2]" data-f1="program" '
        'data-f2="0&#34;&gt;&lt;script&gt;" data-pagefind-sort="hours[data-s1]" data-s1="1">'
        '<span data-pagefind-meta="provider">A&amp;B &lt;i&gt;</span>'
        '<span data-pagefind-meta="title_alt" lang="ja">x&#39;y</span>\n</div>'
    )
    assert isinstance(search_record_html(record), Markup)
    assert search_record_html(SearchRecord((), (), ())) == "\n<div hidden data-pagefind-ignore>\n</div>"
    assert search_record_html(None) == ""
