"""The sample site's output is what the committed manifest says (tests/snapshot.py): a change that alters
output is a deliberate one, with the manifest regenerated in the same commit."""

from __future__ import annotations

import re

import pytest

from mccat.build.fragments import FragmentDependsOnPage, SharedFragments
from tests.snapshot import MANIFEST, build_sample_site, differences, digests, read_manifest


@pytest.mark.build
def test_the_sample_site_matches_the_manifest(tmp_path):
    actual = digests(build_sample_site(tmp_path))
    changes = differences(read_manifest(MANIFEST.read_text(encoding="utf-8")), actual)
    assert not changes, (
        "the built sample site differs from tests/snapshot/sample-site.sha256:\n"
        + "\n".join(changes[:40])
        + "\nIf the change is meant to alter the output, run `.venv/bin/python -m tests.snapshot --update` "
        "and commit the manifest with it."
    )


def test_the_comparison_names_every_difference():
    expected = {"a.html": "1", "b.html": "2", "c.html": "3"}
    actual = {"a.html": "1", "b.html": "9", "d.html": "4"}
    assert differences(expected, actual) == ["changed: b.html", "new:     d.html", "gone:    c.html"]
    assert differences(expected, dict(expected)) == []


def test_a_shared_frame_part_that_depends_on_the_page_is_caught():
    """What the snapshot build checks on every page (MCCAT_CHECK_FRAGMENTS=1): a shared part rendered
    differently for two pages of one kind and depth stops the build; without the check it is reused."""
    titles = iter(["Program A", "Program B"])
    checked = SharedFragments(check=True)
    assert checked.once("program:../..:header", lambda: "<h1>same</h1>") == "<h1>same</h1>"
    assert checked.once("program:../..:header", lambda: "<h1>same</h1>") == "<h1>same</h1>"
    checked.once("program:../..:title", lambda: next(titles))
    with pytest.raises(FragmentDependsOnPage, match=re.escape("program:../..:title")):
        checked.once("program:../..:title", lambda: next(titles))
    unchecked = SharedFragments()
    assert unchecked.once("k", lambda: "first") == unchecked.once("k", lambda: "second") == "first"
