"""Fuzz targets over the loader and validator: any input yields valid data or clean problems.

Used by tests/test_fuzz.py (a few hundred examples per run) and by
`python -m tests.fuzzing --iterations N` for long runs; both drive the same
targets with Hypothesis.
"""

from __future__ import annotations

import argparse
import copy
import sys
from datetime import date
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mccat.validation.problems import Problem
from mccat.validation.rules import Entry, invisible_characters, program_rules
from mccat.validation.schema_messages import schema_problems
from mccat.validation.source import YamlProblem, parse_yaml

BASE_TEXT = (Path(__file__).parent / "cases/base/programs/example-univ/python-basics.yaml").read_text(encoding="utf-8")
BASE = yaml.safe_load(BASE_TEXT)
PROVIDERS, PROGRAMS = {"example-univ"}, {"example-univ/python-basics", "example-univ/data-certificate"}

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.sampled_from(["2026-02-30", "2026-04-01", "https://x.example", "example-univ/x", "061", ""]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=12,
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, prefix + (index,))


PATHS = [p for p in _paths(BASE) if p]


def check_text(text: str) -> list[Problem]:
    """The whole per-file pipeline on one text: never raises anything but YamlProblem."""
    try:
        doc = parse_yaml(text, "programs/example-univ/fuzz.yaml")
    except YamlProblem as exc:
        return [exc.problem]
    if not isinstance(doc.data, dict):
        return []
    entry = Entry("program", "example-univ/fuzz", doc.file, doc.data, doc)
    problems = list(schema_problems("program", doc))
    entry.schema_valid = not problems
    problems += invisible_characters(doc, text)
    problems += program_rules(entry, PROVIDERS, PROGRAMS, date(2026, 11, 22))
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message_in("ja") and problem.message_in("en"), (
            problem
        )
    return problems


def mutate(mutations) -> str:
    doc = copy.deepcopy(BASE)
    for path, value in mutations:
        parent = doc
        try:
            for part in path[:-1]:
                parent = parent[part]
            parent[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


raw_text = st.one_of(
    st.text(max_size=400),
    st.binary(max_size=400).map(lambda b: b.decode("utf-8", "replace")),
    st.builds(lambda cut, extra: BASE_TEXT[:cut] + extra, st.integers(0, len(BASE_TEXT)), st.text(max_size=30)),
)
mutated_text = st.lists(st.tuples(st.sampled_from(PATHS), values), min_size=1, max_size=4).map(mutate)


def run(iterations: int) -> int:
    count = {"n": 0}

    @settings(max_examples=iterations, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.one_of(raw_text, mutated_text))
    def target(text):
        count["n"] += 1
        check_text(text)

    target()
    return count["n"]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Fuzz the loader and validator.")
    parser.add_argument("--iterations", type=int, default=10_000)
    args = parser.parse_args()
    done = run(args.iterations)
    print(f"{done} inputs, 0 crashes")  # any crash raises and exits non-zero with the failing input
    sys.exit(0)
