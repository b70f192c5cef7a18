"""The built site embeds each program's JSON-LD: the /api/v1 file itself, so that an aggregator that merges
the Japanese page, the English page and the file gets one description of each thing."""

from __future__ import annotations

import json

import rdflib

from tests import jsonld_loader
from tests.test_jsonld import untagged_duplicates

LANGS = ("ja", "en")


def embedded(built_site, lang: str, program_id: str) -> dict:
    tree = built_site.tree(lang, f"programs/{program_id}/")
    scripts = tree.xpath('//script[@type="application/ld+json"]')
    assert len(scripts) == 1, f"{lang} {program_id}: one JSON-LD script per page"
    [link] = tree.xpath('//head/link[@rel="alternate"][@type="application/ld+json"]')
    assert link.get("href").endswith(f"api/v1/programs/{program_id}.jsonld")
    return json.loads(scripts[0].text)


def test_embedded_jsonld_is_the_standalone_file(built_site):
    for program_id in built_site.catalogue.programs:
        standalone = json.loads((built_site.root / f"api/v1/programs/{program_id}.jsonld").read_text("utf-8"))
        for lang in LANGS:
            assert embedded(built_site, lang, program_id) == standalone, (lang, program_id)


def test_merging_both_pages_and_the_file_adds_nothing_to_the_file(built_site):
    """The ja page's graph, the en page's and the file's merged (as an aggregator merges what it crawls) are
    the file's graph: no untagged duplicate text, no second node for an offering or an offer."""
    for program_id in built_site.catalogue.programs:
        file = json.loads((built_site.root / f"api/v1/programs/{program_id}.jsonld").read_text("utf-8"))
        alone = jsonld_loader.to_graph([file])
        merged = jsonld_loader.to_graph([embedded(built_site, lang, program_id) for lang in LANGS] + [file])
        assert set(merged) == set(alone), program_id
        assert not untagged_duplicates(merged), program_id
        assert not [node for node in merged.all_nodes() if isinstance(node, rdflib.BNode)], program_id


def test_machine_readable_files_exist_for_every_program(built_site):
    for program_id in built_site.catalogue.programs:
        for suffix in (".jsonld", ".json", ".achievement.ja.json", ".achievement.en.json", ".elm.jsonld", ".ctdl.json"):
            assert (built_site.root / f"api/v1/programs/{program_id}{suffix}").is_file(), program_id + suffix
    for name in ("catalogue.jsonld", "catalogue.full.jsonld.gz", "catalogue.json", "catalogue.csv", "index.json"):
        assert (built_site.root / "api/v1" / name).is_file(), name
