"""Templates lose their indentation as Jinja loads them (mccat.build.compact_html): pages keep what they
show (the same text, tags and attributes), code, scripts and styles keep every space."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import lxml.etree
import lxml.html

from mccat.build.compact_html import CompactTemplates, strip_indentation

TEMPLATE = """<!doctype html>
<html>
  <head>
    <style>
      body { margin: 0; }
    </style>
    <script>
      var s = `two
          spaces`;
    </script>
  </head>
  <body>
    {% for item in items %}
      <p class="a
                b">
        {{ item }}
        <em>word</em>   <strong>next</strong>
      </p>

    {% endfor %}
    <pre>
  keep
      this</pre><script>var one = "line";</script>
    <textarea>
   typed</textarea>
    after
  </body>
</html>
"""


def render(extensions: list) -> str:
    env = jinja2.Environment(autoescape=True, extensions=extensions)
    return env.from_string(TEMPLATE).render(items=["first  value", "  second\n   value"])


def shown(html: str) -> list:
    """What a browser shows and scripts see: text with white space collapsed, tags, attribute tokens,
    and the exact content of pre, textarea, script and style."""
    document = lxml.html.fromstring(html)
    elements = []
    for element in document.iter():
        attributes = {k: v.split() for k, v in element.attrib.items()}
        verbatim = element.text if element.tag in ("pre", "textarea", "script", "style") else None
        elements.append((element.tag, attributes, verbatim))
    return [re.sub(r"\s+", " ", document.text_content()).strip(), elements]


def test_the_page_shows_the_same_with_fewer_bytes():
    plain, compact = render([]), render([CompactTemplates])
    assert shown(compact) == shown(plain)
    assert len(compact) < 0.8 * len(plain)
    assert "\n    " not in compact.split("<pre>")[0].split("</script>", 1)[1]  # indentation gone outside
    assert "\n\n\n" not in compact  # a block tag alone on its line still leaves its line break


def test_code_scripts_and_styles_keep_their_spaces():
    compact = render([CompactTemplates])
    assert "<pre>\n  keep\n      this</pre>" in compact
    assert "<textarea>\n   typed</textarea>" in compact
    assert "var s = `two\n          spaces`;" in compact
    assert "      body { margin: 0; }\n" in compact


def test_printed_values_keep_their_own_white_space():
    """Only the template's source is compacted: catalogue text printed into it is not touched."""
    assert "  second\n   value" in render([CompactTemplates])


def test_a_line_break_stays_between_words_on_separate_lines():
    assert strip_indentation("one\n    two\n\n\n  three") == "one\ntwo\nthree"
    assert strip_indentation("<pre>a\n  b</pre>\n  c") == "<pre>a\n  b</pre>\nc"
    assert strip_indentation("<script>x</script><pre>\n  y\n</pre>\n   z") == "<script>x</script><pre>\n  y\n</pre>\nz"


def test_every_icon_the_partials_draw_from_the_icon_file_is_in_it():
    """Icons drawn with <use> from assets/images/icons.svg (once per visitor, not twice per page)."""
    overrides = Path(__file__).resolve().parents[1] / "overrides"
    sprite = lxml.etree.fromstring((overrides / "assets/images/icons.svg").read_bytes())
    symbols = {s.get("id"): s.get("viewBox") for s in sprite.iter("{http://www.w3.org/2000/svg}symbol")}
    used = []
    for partial in (overrides / "partials").glob("*.html"):
        text = partial.read_text(encoding="utf-8")
        used += re.findall(r'<svg viewBox="([^"]+)"[^>]*><use href="[^"]*icons\.svg\' \| url }}#([\w-]+)"', text)
    assert {name for _, name in used} == {"git-alt", "library", "magnify", "translate"}
    assert all(symbols.get(name) == box for box, name in used)  # the page's box is the symbol's


def test_a_line_of_jinja_tags_alone_prints_no_empty_line():
    """A line holding only tags (or a comment) leaves no empty line; words and tags on either side stay apart;
    a tag that already removes the white space after it is left as written, so lines never join."""
    source = "<ul>\n  {% for i in xs %}\n  <li>{{ i }}</li>\n  {% endfor %}\n</ul>\nword\n{% if a %}\n{# note #}\n"
    source += "more\n{% endif %}\nend\n{% if a -%}\n  y\n{% endif %}"
    env = jinja2.Environment(extensions=[CompactTemplates])
    for values in ({"xs": [1, 2], "a": True}, {"xs": [], "a": False}):
        compact, plain = env.from_string(source).render(**values), jinja2.Template(source).render(**values)
        assert "\n\n" not in compact and " \n" not in compact, compact
        assert compact.split() == plain.split()  # the same words and tags, each still separated
    assert env.from_string(source).render(xs=[1], a=True) == "<ul>\n<li>1</li>\n</ul>\nword\nmore\nend\ny"
