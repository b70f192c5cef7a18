"""The built site embeds each program's JSON-LD, equal to its /api/v1 file for the page's language."""

from __future__ import annotations

import json

import pytest

from mccat.publish.jsonld import for_language

LANGS = ("ja", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_embedded_jsonld_equals_the_standalone_file(built_site, lang):
    programs = built_site.catalogue.programs
    assert programs
    for program_id in programs:
        tree = built_site.tree(lang, f"programs/{program_id}/")
        scripts = tree.xpath('//script[@type="application/ld+json"]')
        assert len(scripts) == 1, f"{lang} {program_id}: one JSON-LD script per page"
        embedded = json.loads(scripts[0].text)
        standalone = json.loads((built_site.root / f"api/v1/programs/{program_id}.jsonld").read_text("utf-8"))
        assert embedded == for_language(standalone, lang), program_id
        [link] = tree.xpath('//head/link[@rel="alternate"][@type="application/ld+json"]')
        assert link.get("href").endswith(f"api/v1/programs/{program_id}.jsonld")


def test_machine_readable_files_exist_for_every_program(built_site):
    for program_id in built_site.catalogue.programs:
        for suffix in (".jsonld", ".json", ".achievement.ja.json", ".achievement.en.json"):
            assert (built_site.root / f"api/v1/programs/{program_id}{suffix}").is_file(), program_id + suffix
    for name in ("catalogue.jsonld", "catalogue.json", "catalogue.csv", "feed.ja.atom", "feed.en.atom"):
        assert (built_site.root / "api/v1" / name).is_file(), name
