"""Stacking cannot blow up the output (issue 20, hole 9): N programs each stacking into every later one made
the API output grow with N² (800 valid programs gave 479 MB). Fan-out and fan-in are bounded with located
errors, and the output of the worst catalogue the validator accepts grows linearly."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from mccat.authoring.synth import write_synthetic_catalogue
from mccat.publish.exports import api_files
from mccat.publish.publication import Publication
from mccat.publish.urls import Urls
from mccat.site.pages import SitePages
from mccat.validation.load import load_catalogue
from mccat.validation.rules import MAX_STACKED_FROM, MAX_STACKS_INTO
from mccat.validation.validate import validate

URLS = Urls("https://registry.example.org")


def catalogue_with_links(root: Path, programs: int, links) -> list[Path]:
    """A synthetic catalogue (one provider) whose program i stacks into links(i, ids)."""
    write_synthetic_catalogue(root, programs=programs, providers=1, seed=3)
    paths = sorted((root / "programs").glob("*/*.yaml"))
    ids = [f"{p.parent.name}/{p.stem}" for p in paths]
    for index, path in enumerate(paths):
        text = path.read_text(encoding="utf-8")
        header, body = text.split("\n", 1)
        data = yaml.safe_load(body)
        targets = links(index, ids)
        data["stackability"] = {"stackable": bool(targets)} | ({"stacks_into": targets} if targets else {})
        path.write_text(header + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return paths


def every_later(index: int, ids: list[str]) -> list[str]:
    return ids[index + 1 :]


def test_the_quadratic_attack_is_refused_with_located_errors(tmp_path):
    root = tmp_path / "attack"
    catalogue_with_links(root, 80, every_later)
    result = validate(root)
    fan_out = [p for p in result.errors if "stacks_into" in p.message_in("en") and p.rule.startswith("schema.")]
    fan_in = [p for p in result.errors if p.rule == "stacking.fan-in"]
    assert fan_out and fan_in
    assert all(p.line > 1 and p.hint for p in fan_out + fan_in)
    assert str(MAX_STACKED_FROM) in fan_in[0].message_in("en")


def test_the_limits_themselves_are_accepted(tmp_path):
    root = tmp_path / "edge"
    # Program i stacks into the MAX_STACKS_INTO programs after the first ten; those receive at most 60 links
    count = 60

    def links(index, ids):
        if index >= 10:
            return []
        return ids[10 + index : 10 + index + MAX_STACKS_INTO]

    catalogue_with_links(root, count, links)
    assert validate(root).errors == []


def worst_accepted(root: Path, programs: int) -> int:
    """Total bytes of the /api/v1/ files for a catalogue at the limits: every program stacks into
    MAX_STACKS_INTO others and every target receives MAX_STACKED_FROM links."""
    group = MAX_STACKED_FROM  # sources per block; targets are the block's last MAX_STACKS_INTO programs

    def links(index, ids):
        block = index // (group + MAX_STACKS_INTO)
        start = block * (group + MAX_STACKS_INTO)
        if index - start >= group:
            return []
        targets = ids[start + group : start + group + MAX_STACKS_INTO]
        return targets

    catalogue_with_links(root, programs, links)
    assert validate(root).errors == []
    catalogue = load_catalogue(root)
    files = api_files(Publication(catalogue, URLS, date(2026, 12, 1)))  # every synthetic program approved by then
    pages = SitePages(catalogue, lang="en", today=date(2026, 12, 1), urls=URLS)
    views = sum(len(repr(pages.programs.view(program))) for program in catalogue.programs.values())
    return sum(len(content) for content in files.values()), views


@pytest.mark.parametrize("size", [60])
def test_the_output_grows_linearly_at_the_limits(tmp_path, size):
    """The /api/v1/ files and the program pages' views (what each page shows). Doubling the catalogue
    doubles the output plus a little (ids gain a digit, the decisions' catalogue-wide files grow with them:
    60 -> 120: 2.16, 120 -> 240: 1.84, measured); the quadratic growth this test guards against gives 4."""
    small = worst_accepted(tmp_path / "small", size)
    large = worst_accepted(tmp_path / "large", 2 * size)
    assert large[0] / small[0] < 2.3, (small, large)
    assert large[1] / small[1] < 2.3, (small, large)
