"""The YAML loader: plain data, positions, and refusal of what a registry file must not hold."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mccat.validation.source import YamlProblem, block_subset, parse_with_libyaml, parse_yaml


def test_values_keep_their_line_and_column():
    doc = parse_yaml('title:\n  ja: 名称\n  en: Name\nfields:\n  - "061"\n', "f.yaml")
    assert doc.data == {"title": {"ja": "名称", "en": "Name"}, "fields": ["061"]}
    assert doc.position(("title", "en")) == (3, 7)
    assert doc.position(("fields", 0)) == (5, 5)
    assert doc.position(("title",), key=True) == (1, 1)
    assert doc.position(("title", "missing", 3)) == (2, 3)  # nearest known parent: the mapping


def test_dates_stay_strings_and_numbers_are_numbers():
    doc = parse_yaml("a: 2026-04-01\nb: 30\nc: 1.5\nd: true\ne: ~\nf: '30'\n", "f.yaml")
    assert doc.data == {"a": "2026-04-01", "b": 30, "c": 1.5, "d": True, "e": None, "f": "30"}


@pytest.mark.parametrize(
    "text, rule",
    [
        ("a: 1\na: 2\n", "yaml.duplicate-key"),
        ("a: &x 1\n", "yaml.anchor"),
        ("a: *x\n", "yaml.alias"),
        ("a: !!binary aGk=\n", "yaml.tag"),
        ("a: !!set {x}\n", "yaml.tag"),
        ("a: !!python/name:os.system\n", "yaml.tag"),
        ("a: 1\n---\nb: 2\n", "yaml.multiple-documents"),
        ("", "yaml.empty"),
        ("~\n", "yaml.empty"),
        ("a: [1, 2\n", "yaml.syntax"),
        ("a: .inf\n", "yaml.not-a-number"),
        ("? [a, b]\n: 1\n", "yaml.complex-key"),
        ("a: " + "[" * 64 + "]" * 64 + "\n", "yaml.too-deep"),
        ("a: \x1b[31m\n", "yaml.control-character"),
    ],
)
def test_refused(text, rule):
    with pytest.raises(YamlProblem) as info:
        parse_yaml(text, "f.yaml")
    assert info.value.problem.rule == rule
    assert info.value.problem.file == "f.yaml" and info.value.problem.line >= 1


def test_alias_bomb_is_refused_at_once():
    bomb = "a: &a [x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(20)
    )
    with pytest.raises(YamlProblem) as info:
        parse_yaml(bomb, "f.yaml")
    assert info.value.problem.rule == "yaml.anchor"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_data_or_a_clean_problem(text):
    try:
        doc = parse_yaml(text, "f.yaml")
    except YamlProblem as exc:
        assert exc.problem.line >= 1 and exc.problem.message
    else:
        assert doc.data is not None


@pytest.mark.parametrize("parse", [block_subset, parse_with_libyaml], ids=["block subset", "libyaml"])
def test_keys_and_short_values_are_one_string_across_files(parse):
    """A loaded catalogue holds each key and each short value (a code, a date) once, not once a file: unshared,
    they were half of its memory, held by each process of a build."""
    first = parse("title: 入門講座\ndelivery_mode: online\nlanguages:\n  - ja\nstart: '2026-04-01'\n", "a.yaml").data
    second = parse("title: 別の講座\ndelivery_mode: online\nlanguages:\n  - ja\nstart: '2026-04-01'\n", "b.yaml").data
    assert first is not None and second is not None
    keys = {key: key for key in first}
    assert all(key is keys[key] for key in second)
    for key in ("delivery_mode", "start"):
        assert first[key] == second[key] and first[key] is second[key]
    assert first["languages"][0] is second["languages"][0]
