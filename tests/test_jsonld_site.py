"""The built site: each program page embeds a small schema.org Course in its language, a part of the program's
/api/v1 file (the full record) that points to it, so that an aggregator that merges the Japanese page, the
English page and the file gets one description of each thing."""

from __future__ import annotations

import json

import rdflib

from tests import jsonld_loader
from tests.test_jsonld import SCHEMA, untagged_duplicates
from tests.test_site_build import SITE_URL

LANGS = ("ja", "en")


def embedded(built_site, lang: str, program_id: str) -> dict:
    tree = built_site.tree(lang, f"programs/{program_id}/")
    scripts = tree.xpath('//script[@type="application/ld+json"]')
    assert len(scripts) == 1, f"{lang} {program_id}: one JSON-LD script per page"
    [link] = tree.xpath('//head/link[@rel="alternate"][@type="application/ld+json"]')
    assert link.get("href").endswith(f"api/v1/programs/{program_id}.jsonld")
    return json.loads(scripts[0].text)


def test_embedded_jsonld_is_a_part_of_the_standalone_file_and_points_to_it(built_site):
    for program_id in built_site.catalogue.programs:
        path = built_site.root / f"api/v1/programs/{program_id}.jsonld"
        standalone = json.loads(path.read_text("utf-8"))
        assert "teaches" in standalone and "educationalCredentialAwarded" in standalone  # the full record
        for lang in LANGS:
            page = embedded(built_site, lang, program_id)
            assert page["@id"] == standalone["@id"], (lang, program_id)
            assert page["name"] in standalone["name"] and page["name"]["@language"] == lang
            file_url = page["subjectOf"]["contentUrl"]
            assert file_url.startswith(SITE_URL) and built_site.root / file_url.removeprefix(SITE_URL) == path
            assert page["@id"] == f"{file_url}#program"


def test_merging_both_pages_and_the_file_adds_only_the_pointer_to_the_file(built_site):
    """The ja page's graph, the en page's and the file's merged (as an aggregator merges what it crawls) are
    the file's graph and the pages' pointer to it: no untagged duplicate text, no second node for an offering
    or an offer."""
    for program_id in built_site.catalogue.programs:
        file = json.loads((built_site.root / f"api/v1/programs/{program_id}.jsonld").read_text("utf-8"))
        alone = jsonld_loader.to_graph([file])
        merged = jsonld_loader.to_graph([embedded(built_site, lang, program_id) for lang in LANGS] + [file])
        pointer = rdflib.URIRef(f"{SITE_URL}api/v1/programs/{program_id}.jsonld")
        added = set(merged) - set(alone)
        assert all(p == SUBJECT_OF or s == pointer for s, p, _ in added), program_id
        assert not untagged_duplicates(merged), program_id
        assert not [node for node in merged.all_nodes() if isinstance(node, rdflib.BNode)], program_id


SUBJECT_OF = rdflib.URIRef(f"{SCHEMA}subjectOf")


def test_machine_readable_files_exist_for_every_program(built_site):
    for program_id in built_site.catalogue.programs:
        for suffix in (".jsonld", ".json", ".achievement.ja.json", ".achievement.en.json", ".elm.jsonld", ".ctdl.json"):
            assert (built_site.root / f"api/v1/programs/{program_id}{suffix}").is_file(), program_id + suffix
    for name in ("catalogue.jsonld", "catalogue.full.jsonld.gz", "catalogue.json", "catalogue.csv", "index.json"):
        assert (built_site.root / "api/v1" / name).is_file(), name
