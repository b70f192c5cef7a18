"""A built page's descriptor rows, found as a visitor finds them: by their label.

Rows carry no schema path (bench/README.md, "Third pass: program page": 1 KB a page), so tests read
what the page shows, the <dt> of each row of `dl.mc-descriptors` and the names in the "not stated"
line, and map each label back to its descriptor through the schema's titles in the page's language
(and the interface text of the rows the schema does not title). A label that names no descriptor, or
two rows with one label, fail here: a visitor could not tell such rows apart either.
"""

from __future__ import annotations

from mccat.model.schema import descriptor_index
from mccat.site.texts import INTERFACE_TEXT

# Rows of a program page that the program schema does not title: their label's interface text key (the
# record's state, from the committee's decisions; stacked programs), or the provider schema's descriptor.
UNTITLED_ROWS = {
    "stacked_from": "program.stacked_from",
    "record.status": "record.status",
    "record.first_approved": "record.first_approved",
    "record.valid_until": "record.valid_until",
    "record.decision": "record.decision",
    "record.conditions": "record.conditions",
    "record.formerly": "program.formerly",
}
PROVIDER_ROWS = {"provider.country": "country"}


def text(element) -> str:
    return " ".join(element.text_content().split())


def labels(kind: str, lang: str) -> dict[str, str]:
    """Descriptor path by its label in `lang` (labels two descriptors share are left out: neither is a row)."""
    by_label: dict[str, list[str]] = {}
    for name, descriptor in descriptor_index(kind).items():
        by_label.setdefault(descriptor.title[lang], []).append(name)
    found = {label: names[0] for label, names in by_label.items() if len(names) == 1}
    if kind == "program":
        provider = descriptor_index("provider")
        more = {INTERFACE_TEXT[key][lang]: name for name, key in UNTITLED_ROWS.items()}
        more |= {provider[key].title[lang]: name for name, key in PROVIDER_ROWS.items()}
        assert not more.keys() & by_label.keys(), "a label of two rows"
        found |= more
    return found


def descriptor_rows(tree, lang: str, kind: str = "program") -> dict:
    """The page's descriptor rows (`<div><dt><dd>` in `dl.mc-descriptors`) by descriptor path."""
    known = labels(kind, lang)
    rows: dict = {}
    for row in tree.cssselect("dl.mc-descriptors > div"):
        label = text(row.cssselect("dt")[0])
        assert label in known, f"a row labelled {label!r} names no {kind} descriptor"
        assert known[label] not in rows, f"two rows labelled {label!r}"
        rows[known[label]] = row
    return rows


def not_stated(tree, lang: str, kind: str = "program") -> tuple[list[str], object | None]:
    """The descriptors named in the page's one "not stated" line, in its order, and the line (None if none)."""
    lines = tree.cssselect("p.mc-not-stated")
    assert len(lines) <= 1
    if not lines:
        return [], None
    shown = text(lines[0])
    prefix = " ".join(INTERFACE_TEXT["program.not_stated_list"][lang].split())
    assert shown.startswith(prefix), shown
    separator = INTERFACE_TEXT["list.separator"][lang]
    known = labels(kind, lang)
    names = [" ".join(label.split()) for label in shown[len(prefix) :].split(separator.strip())]
    assert all(name in known for name in names), names
    return [known[name] for name in names], lines[0]


def status_of(tree) -> str:
    """The state a program page's badge shows (the one before its summary), from its class mc-status--<state>."""
    [badge] = tree.cssselect("article p.mc-lead .mc-status")
    [state] = [c.removeprefix("mc-status--") for c in badge.get("class").split() if c.startswith("mc-status--")]
    return state
