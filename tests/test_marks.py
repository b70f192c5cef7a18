"""The certification mark (mccat.publish.marks): its state on a given day, what it says in each language,
that it is small, accessible (title, description, contrast) and escapes what it is given."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from mccat.publish.marks import COLOURS, STATES, mark_state, mark_svg

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    ("lifecycle_state", "state"),
    [
        ("active", "active"),
        ("expiring", "expiring"),
        ("expired", "expired"),
        ("suspended", "suspended"),
        ("withdrawn", "withdrawn"),
        ("proposed", "unapproved"),
        ("renamed", "unapproved"),
    ],
)
def test_state_from_the_life_cycle(lifecycle_state, state):
    assert mark_state(lifecycle_state) == state


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("state", STATES)
def test_text_contrast_is_at_least_4_5(state):
    background, ink, _ = COLOURS[state]
    light, dark = sorted((_luminance(background), _luminance(ink)), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("state", STATES)
def test_the_mark_says_what_holds_and_is_small(lang, state):
    svg = mark_svg(program_id="example-kosen/iot-embedded-systems", lang=lang, state=state, valid_until="2028-01-21")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None and root.get("aria-labelledby") == "t d"
    assert "example-kosen/iot-embedded-systems" in desc.text
    assert ("2028-01-21" in desc.text) == (state in ("active", "expiring", "expired"))
    assert len(svg.encode()) < 3000


def test_states_look_different():
    marks = {state: mark_svg(program_id="a/b", lang="en", state=state, valid_until="2028-01-21") for state in STATES}
    assert len(set(marks.values())) == len(STATES)
    assert "Approved by the registry" in marks["active"]
    assert "Approval withdrawn" in marks["withdrawn"] and "2028" not in marks["withdrawn"]
    assert "was valid until 2028-01-21" in marks["expired"]
    assert "stroke-dasharray" in marks["suspended"] and "stroke-dasharray" not in marks["active"]


def test_hostile_values_stay_text():
    svg = mark_svg(program_id='a/b"><script>alert(1)</script>&', lang="ja", state="active", valid_until=None)
    root = ET.fromstring(svg)  # well-formed: nothing broke out
    assert not re.search(r"<script", svg)
    assert root.find(f"{SVG}script") is None
