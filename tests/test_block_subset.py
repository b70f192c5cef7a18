"""The quick reader of plain block-style YAML (block_subset) against libyaml (parse_with_libyaml).

Wherever block_subset answers, it must give exactly the data and the positions libyaml gives (so
every located error stays where it was), and it must decline every file libyaml refuses (so every
refusal still comes from libyaml, with its message). It must also answer for the files providers
actually write, or it speeds nothing up.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mccat.authoring.synth import write_synthetic_catalogue
from mccat.validation.source import SourceDocument, YamlProblem, block_subset, parse_with_libyaml, parse_yaml

REPO = Path(__file__).resolve().parents[1]


def _snapshot(doc: SourceDocument) -> tuple:
    """Everything a reader of a SourceDocument sees: the data (with types) and every position."""
    return (
        repr(doc.data),
        {path: doc.position(path) for path in doc.value_marks},
        {path: doc.position(path, key=True) for path in doc.key_marks},
        {path: doc.source_of(path) for path in doc.value_marks},
        {path: doc.source_of(path, key=True) for path in doc.key_marks},
    )


def _agree(text: str) -> bool:
    """True when block_subset answered for text; fails the test when its answer differs from libyaml's."""
    quick = block_subset(text, "f.yaml")
    if quick is None:
        return False
    try:
        full = parse_with_libyaml(text, "f.yaml")
    except YamlProblem as exc:
        pytest.fail(f"block_subset read a file libyaml refuses ({exc.problem.rule}):\n{text}")
    assert _snapshot(quick) == _snapshot(full), text
    return True


def _catalogue_texts() -> list[str]:
    files = sorted((REPO / "catalogue").rglob("*.yaml"))
    return [f.read_text(encoding="utf-8") for f in files]


@pytest.fixture(scope="module")
def synthetic_texts(tmp_path_factory) -> list[str]:
    root = tmp_path_factory.mktemp("synth") / "catalogue"
    write_synthetic_catalogue(root, programs=40, providers=4, seed=1)
    return [f.read_text(encoding="utf-8") for f in sorted(root.rglob("*.yaml"))]


def test_every_sample_and_synthetic_file_is_read_quickly_and_identically(synthetic_texts):
    texts = _catalogue_texts() + synthetic_texts
    assert len(texts) > 100
    declined = [text for text in texts if not _agree(text)]
    assert declined == []


def test_the_test_cases_agree_wherever_block_subset_answers():
    files = sorted((REPO / "tests" / "cases").rglob("*.yaml"))
    texts = []
    for file in files:
        try:
            texts.append(file.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, IsADirectoryError):
            continue
    answered = sum(_agree(text) for text in texts)
    assert answered > len(texts) // 2  # the valid cases at least


# Lines that step just inside or just outside the subset: continuations, indentation, quoting,
# comments, YAML 1.1 numbers and booleans, keys that are not strings, indicators, documents.
EDGE_LINES = [
    "  continued",
    "    continued",
    "key: value",
    "key:",
    "key:   ",
    "key: # comment",
    "key: a # comment",
    "key: a#b",
    "key: a: b",
    "key: a:",
    "key:a",
    "key: 'it''s'",
    "key: 'a' # c",
    "key: 'a'b",
    "key: ''",
    'key: ""',
    'key: "a\\"b"',
    'key: "a" b',
    'key: "a"  # c',
    "key: 'unterminated",
    'key: "unterminated',
    "key: [a, b]",
    "key: {a: 1}",
    "key: &x a",
    "key: *x",
    "key: !!str a",
    "key: |",
    "key: >-",
    "key: -",
    "key: - a",
    "key: 036",
    "key: 0x1E",
    "key: 1:30",
    "key: 1_000",
    "key: .nan",
    "key: -.inf",
    "key: yes",
    "key: No",
    "key: on",
    "key: ~",
    "key: null",
    "key: 1.5",
    "key: 1e3",
    "key: -1",
    "key: +1",
    "key: 2026-04-01",
    "key: 2026-04-01 10:00:00",
    "key: =",
    "key: <<",
    "key: @a",
    "key: `a",
    "key: %a",
    "key: a  ",
    "key:   spaced",
    "key: a, b [c] {d}",
    "yes: a",
    "1: a",
    "052: a",
    "null: a",
    "~: a",
    "<<: a",
    "-a: x",
    "a-: x",
    "? a",
    ": a",
    "---",
    "--- a",
    "...",
    "%YAML 1.1",
    "-",
    "- ",
    "- x",
    "-  x",
    "- - a",
    "- ja: x",
    "- ja:",
    "  - x",
    "   - y",
    "  ja: x",
    "   ja: x",
    " key: a",
    "# comment",
    "  # comment",
    "",
    "key: a\tb",
    "key\t: a",
    "\tkey: a",
    "key: a\u2028b",
    "key: a\x85b",
    "key: \ufeffa",
    "key: a\x7f",
    "key: 日本語: です",
    "キー: 値",
    "title: duplicate",
    "ja: duplicate",
]


def _mutations(text: str, rng: random.Random, count: int) -> list[str]:
    lines = text.split("\n")
    variants = []
    for _ in range(count):
        at = rng.randrange(len(lines))
        edit = rng.randrange(6)
        changed = list(lines)
        edge = rng.choice(EDGE_LINES)
        if edit == 0:
            changed[at] = edge
        elif edit == 1:
            changed.insert(at, edge)
        elif edit == 2:  # the same edge line, at the indentation of the line it follows
            changed.insert(at + 1, " " * (len(lines[at]) - len(lines[at].lstrip(" "))) + edge)
        elif edit == 3:
            del changed[at]
        elif edit == 4:  # shift a line's indentation
            changed[at] = " " * rng.choice([1, 2, 4]) + lines[at] if rng.random() < 0.5 else lines[at][1:]
        else:  # the end of a line replaced by an edge value
            key = lines[at].split(":")[0]
            changed[at] = key + ":" + edge.split(":", 1)[-1] if ":" in edge else lines[at] + edge
        variants.append("\n".join(changed))
    return variants


def test_mutated_files_agree_or_are_declined(synthetic_texts):
    rng = random.Random(19)
    bases = _catalogue_texts()[:6] + synthetic_texts[:4] + [synthetic_texts[-1]]
    answered = 0
    for base in bases:
        for variant in _mutations(base, rng, 150):
            answered += _agree(variant)
    assert answered > 300  # mutations the subset still covers were compared, not only declined


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(EDGE_LINES + ["a:", "  b: 1", "  - c", "- d: e", "  f: g"]), max_size=8))
def test_any_arrangement_of_edge_lines_agrees_or_is_declined(lines):
    _agree("root: 1\n" + "\n".join(lines) + "\n")


def test_parse_yaml_gives_libyaml_errors_for_files_outside_the_subset():
    with pytest.raises(YamlProblem) as info:
        parse_yaml("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert (info.value.problem.rule, info.value.problem.line) == ("yaml.duplicate-key", 3)
    with pytest.raises(YamlProblem) as info:
        parse_yaml("a: 1\n  continued: 2\n", "f.yaml")
    assert info.value.problem.rule == "yaml.syntax" and info.value.problem.line == 2
