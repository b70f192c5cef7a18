"""The jsonschema-rs fast path and the Python validator always agree on validity.

The validator asks jsonschema-rs first and only runs the (slower, message-rich)
Python validator on documents it rejects; if the two ever disagreed, an invalid
file could pass. Mutations of a real program probe every kind of keyword.
"""

from __future__ import annotations

import copy
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mccat.model.schema import fast_validator, validator

BASE = yaml.safe_load((Path(__file__).parent / "cases/base/programs/example-univ/python-basics.yaml").read_text())
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.floats(-1, 100, allow_nan=False),
    st.sampled_from(
        [
            "",
            "ja",
            "online",
            "061",
            "61",
            "2026-04-01",
            "2026/04/01",
            "https://x.example",
            "http://x.example",
            "JPY",
            "jpy",
            "MCR-2025-003",
            "x" * 6000,
        ]
    ),
    st.lists(st.sampled_from(["ja", "ja", "online_quiz", "061", 1]), max_size=3),
    st.fixed_dictionaries({"ja": st.sampled_from(["", "テキスト"])}),
    st.dictionaries(st.sampled_from(["ja", "en", "fr"]), st.sampled_from(["", "t"]), max_size=3),
)


def paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths(value, prefix + (index,))


ALL_PATHS = [p for p in paths(BASE) if p]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ALL_PATHS), VALUES, st.booleans()), min_size=1, max_size=3))
def test_fast_and_full_validators_agree(mutations):
    doc = copy.deepcopy(BASE)
    for path, value, delete in mutations:
        parent = doc
        try:
            for part in path[:-1]:
                parent = parent[part]
            if delete and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    fast = fast_validator("program").is_valid(doc)
    full = not any(True for _ in validator("program").iter_errors(doc))
    assert fast == full, doc
