"""What the two language builds share, and the work done beside them (issue 8, build performance).

The started build validates the catalogue and reads the git history once and hands both to the other
language's build (mccat.build.language_builds), whose forked copy writes the /api/v1 files while its pages
render; once they are written it says so, and the started build indexes them while it ends. These tests run real processes; timings are bench/build.py's business,
not theirs.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from mccat.build.language_builds import LanguageBuild
from mccat.build.language_builds import start_child as start_child_process
from mccat.build.search_index import pagefind_executable
from mccat.model.history import read_history
from mccat.publish.exports import api_files
from mccat.publish.publication import Publication
from mccat.publish.urls import Urls
from mccat.review.content_changes import content_changes
from mccat.validation.load import load_catalogue
from mccat.validation.registry_file import REGISTRY_FILE, load_registry
from tests.conftest import run_mkdocs_build
from tests.processes import pagefind_witness

REPO = Path(__file__).parents[1]
SITE = "https://registry.example.org/"
BUILD = date(2026, 12, 1)

# A stand-in for the child build's on_config: what it receives, as JSON on stdout.
CHILD = """
import json
from mccat.build.language_builds import shared_data
shared = shared_data()
if shared is None:
    print(json.dumps(None))
else:
    catalogue, history, changes = shared
    print(json.dumps({"programs": {pid: p.data for pid, p in catalogue.programs.items()},
                      "providers": sorted(catalogue.providers), "history": history.available,
                      "decisions": sorted(catalogue.decisions), "changes": sorted(changes),
                      "root": str(catalogue.root)}))
"""


def start_child(*args: str, script: str = CHILD, pages_pipe: bool = False) -> LanguageBuild:
    """A child build set up as start_language_build sets up `mkdocs build` (the same start_child), running `script`;
    with `pages_pipe`, also the pipe on which it says its pages are written."""
    return start_child_process("en", [sys.executable, "-c", script, *args], os.environ, pages_pipe=pages_pipe)


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(REPO / "catalogue", today=BUILD)


def test_the_other_build_gets_the_catalogue_and_history_the_started_build_read(catalogue):
    child = start_child()
    history = read_history(REPO / "catalogue")
    changes = content_changes(history, REPO / "catalogue")
    child.share((catalogue, history, changes))
    status, output = child.wait()
    assert status == 0, output
    received = json.loads(output)
    assert received["programs"] == {pid: p.data for pid, p in catalogue.programs.items()}
    assert received["providers"] == sorted(catalogue.providers)
    assert received["decisions"] == sorted(catalogue.decisions) and received["changes"] == sorted(changes)
    assert received["root"] == str(catalogue.root)
    assert not child.shared.parent.exists()  # the private file is gone once the child is done


def test_without_anything_shared_the_other_build_loads_the_catalogue_itself():
    child = start_child()  # the started build failed before sharing: wait() closes stdin
    status, output = child.wait()
    assert status == 0, output
    assert json.loads(output) is None


def test_a_stopped_child_leaves_nothing_behind():
    child = start_child()
    child.stop()
    assert child.process.poll() is not None
    assert not child.shared.parent.exists()


def test_the_site_build_writes_exactly_the_api_files_of_the_catalogue(built_site):
    """The started build's copy writes the /api/v1 files while the pages render: all of them, and byte for byte
    what write_api_files would write for the build's date and git history."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    catalogue = built_site.catalogue
    history = read_history(REPO / "catalogue", config["repo_url"])
    publication = Publication(
        catalogue,
        Urls(config["site_url"]),
        built_site.build_date,
        load_registry(REPO / REGISTRY_FILE),
        history,
        read_history(REPO / "schemas"),
        content_changes(history, REPO / "catalogue", catalogue.register.renamed_from()) if history.available else None,
    )
    expected = api_files(publication)
    root = built_site.root / "api" / "v1"
    written = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert sorted(written) == sorted(expected)
    assert written == expected


# A stand-in for the child build's on_post_build: says its pages are written (or not), then goes on.
ANNOUNCING_CHILD = """
import sys, time
from mccat.build.language_builds import announce_pages_written, parent_indexes_pages
print(parent_indexes_pages())
if sys.argv[1] == "says":
    announce_pages_written()
    print(parent_indexes_pages())
time.sleep(float(sys.argv[2]))
"""


def start_announcing_child(says: bool, linger: float = 0.0) -> LanguageBuild:
    """A child with the pipe start_language_build gives it when the parent indexes its pages."""
    return start_child("says" if says else "silent", str(linger), script=ANNOUNCING_CHILD, pages_pipe=True)


def test_the_other_build_says_once_when_its_pages_are_written():
    child = start_announcing_child(says=True, linger=30)
    try:
        assert child.pages_written()  # while the child still runs: the parent need not wait for its end
        assert child.process.poll() is None
    finally:
        child.stop()
    child = start_announcing_child(says=True)
    assert child.pages_written()
    status, output = child.wait()
    assert status == 0 and output.split() == ["True", "False"], output  # said once


def test_a_build_that_ends_without_saying_so_has_no_pages_to_index():
    child = start_announcing_child(says=False)
    assert not child.pages_written()
    status, output = child.wait()
    assert status == 0 and output.split() == ["True"], output


def test_a_stopped_build_ends_the_wait_for_its_pages():
    child = start_announcing_child(says=False, linger=30)
    child.stop()
    assert not child.pages_written()


@pytest.mark.build
def test_the_started_build_indexes_every_language_one_pagefind_at_a_time(tmp_path):
    """The other language's build leaves its pages' index to the started build and ends: at 20,000 programs it
    held 1 GB while it waited beside its Pagefind. And one large Pagefind runs at a time, whichever language: two
    at once saved 6 s of 140 and held 0.6 GB more (bench/README.md). Two bundles a language here, of about 25
    pages each: large, since a bundle holds at most 30."""
    witness, log = pagefind_witness(tmp_path, pagefind_executable())
    site = tmp_path / "site"
    env = {"PAGEFIND_BINARY_PATH": str(witness), "MCCAT_SEARCH_BUNDLE_PAGES": "30"}
    status, output, _ = run_mkdocs_build(site, extra_env=env)
    assert status == 0, output
    runs = log.read_text(encoding="utf-8").splitlines()
    assert "two at once" not in runs, runs
    assert len(runs) == 4, runs
    assert all("mkdocs build" in parent and "mkdocs.en.yml" not in parent for parent in runs), runs
    for lang in ("ja", "en"):
        for bundle in (lang, f"{lang}-2"):
            entry = json.loads((site / "pagefind" / bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
            assert list(entry["languages"]) == [lang]
