"""Open Badges 3.0 Achievements: valid against 1EdTech's JSON Schema, every JSON-LD term kept,
one edition per language linked to the other."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from jsonschema import Draft201909Validator

from mccat import LANGUAGES
from mccat.model.vocabulary import vocabularies
from mccat.publish.openbadges import program_achievement, tombstone_achievement
from mccat.publish.publication import Publication
from mccat.publish.urls import Urls
from mccat.validation.load import load_catalogue
from tests import jsonld_loader
from tests.jsonld_loader import count_properties

REPO = Path(__file__).parents[1]
SITE = "https://registry.example.org"
URLS = Urls(SITE)
TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(REPO / "catalogue", today=TODAY)


def all_achievements(pub: Publication) -> dict[tuple[str, str], dict]:
    """Every Achievement under /api/v1/: the programs', and those that stay after a withdrawal or rename."""
    return {
        (p.id, lang): program_achievement(pub, p, lang) for p in pub.catalogue.programs.values() for lang in LANGUAGES
    } | {(t.id, lang): tombstone_achievement(pub, t, lang) for t in pub.tombstones.values() for lang in LANGUAGES}


@pytest.fixture(scope="module")
def achievements(catalogue) -> dict[tuple[str, str], dict]:
    return all_achievements(Publication(catalogue, URLS, TODAY))


def achievement_validator() -> Draft201909Validator:
    """1EdTech's AchievementCredential schema, entered at $defs/Achievement."""
    full = json.loads(jsonld_loader.vocab_file("openbadges3/achievementcredential.schema.json").read_text("utf-8"))
    schema = {"$schema": full["$schema"], "$defs": full["$defs"], "$ref": "#/$defs/Achievement"}
    Draft201909Validator.check_schema(schema)
    return Draft201909Validator(schema)


@pytest.fixture(scope="module")
def achievement_schema() -> Draft201909Validator:
    return achievement_validator()


def test_every_achievement_validates_against_the_1edtech_schema(achievements, achievement_schema):
    assert len(achievements) == (33 + 2) * 2  # programs and tombstones
    for key, achievement in achievements.items():
        errors = [
            f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in achievement_schema.iter_errors(achievement)
        ]
        assert not errors, f"{key}: {errors}"
        assert achievement["achievementType"] == "MicroCredential"


def test_the_schema_check_can_fail(achievements, achievement_schema):
    broken = dict(achievements["example-national-univ/ds-python-basics", "ja"])
    del broken["criteria"]
    broken["inLanguage"] = "Japanese"
    assert len(list(achievement_schema.iter_errors(broken))) == 2


def test_every_achievement_expands_offline_without_dropping_a_term(achievements):
    """The Open Badges context has no @vocab: a key it does not define would vanish here."""
    for key, achievement in achievements.items():
        expanded = jsonld_loader.expand(achievement)
        assert count_properties(expanded) == count_properties(achievement), key
    misspelt = dict(achievements["example-national-univ/ds-python-basics", "en"], creditAvailable=2.0)
    assert count_properties(jsonld_loader.expand(misspelt)) == count_properties(misspelt) - 1


def test_each_language_edition_is_in_its_language_and_points_to_the_other(catalogue, achievements):
    for (program_id, lang), achievement in achievements.items():
        if program_id not in catalogue.programs:
            continue  # a tombstone: the test above
        program = catalogue.programs[program_id]
        assert achievement["id"] == URLS.achievement(program_id, lang)
        assert achievement["inLanguage"] == lang
        assert achievement["name"] == program.title[lang]
        assert achievement["description"] == program.data["summary"][lang]
        assert achievement["criteria"]["id"] == URLS.program_page(lang, program_id)
        for outcome in program.data["learning_outcomes"]:
            assert f"- {outcome[lang]}\n" in achievement["criteria"]["narrative"]
        (related,) = achievement["related"]
        other = related["inLanguage"]
        assert other != lang and related["id"] == achievements[program_id, other]["id"]


def test_alignments_point_at_vocabulary_terms_and_esco(catalogue, achievements):
    fields = vocabularies()["isced_field"]
    for (program_id, lang), achievement in achievements.items():
        if program_id not in catalogue.programs:
            continue  # a tombstone has no data to align
        data = catalogue.programs[program_id].data
        targets = {a["targetUrl"]: a for a in achievement["alignment"]}
        for code in data["fields"]:
            alignment = targets[URLS.term_iri("isced_field", code)]
            assert (alignment["targetCode"], alignment["targetName"]) == (code, fields.label(code, lang))
        escos = [s["esco"] for s in data.get("skills", []) if "esco" in s]
        assert [url for url in targets if url.startswith("http://data.europa.eu/esco/")] == escos
        assert achievement["tag"] == [s["label"][lang] for s in data.get("skills", [])]


def test_credits_available_is_always_ects_and_other_credits_are_stated_with_their_system(catalogue, achievements):
    """Open Badges has a number for credits but no credit system: `creditsAvailable` is ECTS (awarded, else the
    ECTS equivalent of the effort); 1 Japanese university credit never comes out as a bare 1."""
    seen = set()
    for (program_id, lang), achievement in achievements.items():
        if program_id not in catalogue.programs:
            continue  # a tombstone states no credits
        data = catalogue.programs[program_id].data
        credits = data.get("recognition", {}).get("credits")
        ects = credits["value"] if credits and credits["system"] == "ects" else data["effort"].get("ects")
        assert achievement.get("creditsAvailable") == ects, program_id
        if credits and credits["system"] != "ects":
            seen.add(credits["system"])
            system = vocabularies()["credit_system"].label(credits["system"], lang)
            assert system in achievement["criteria"]["narrative"], program_id
            assert achievement.get("creditsAvailable") != credits["value"] or ects == credits["value"]
    assert {"jp_university_credit", "cpd_points", "us_credit_hour"} <= seen


@pytest.fixture(scope="module")
def tombstone_achievements(catalogue) -> dict[tuple[str, str], dict]:
    """The Achievements that stay at their URLs after a withdrawal or rename deleted the program's file."""
    return {
        (t.id, lang): tombstone_achievement(pub, t, lang)
        for pub in [Publication(catalogue, URLS, TODAY)]
        for t in pub.tombstones.values()
        for lang in LANGUAGES
    }


def test_a_withdrawn_or_renamed_programs_achievement_says_what_happened(catalogue, tombstone_achievements):
    for (program_id, lang), achievement in tombstone_achievements.items():
        tombstone = catalogue.tombstones(TODAY)[program_id]
        decision = tombstone.lifecycle.ending_decision
        assert achievement["id"] == URLS.achievement(program_id, lang)
        assert achievement["name"] == tombstone.title[lang]
        assert decision.id in achievement["description"] and decision.reason[lang] in achievement["description"]
        related = [r["id"] for r in achievement["related"]]
        assert URLS.achievement(program_id, "en" if lang == "ja" else "ja") in related
        if tombstone.lifecycle.successor:
            assert URLS.achievement(tombstone.lifecycle.successor, lang) in related


def _credential_example(lang: str) -> dict:
    """The badge an issuer makes, as the API page shows it (the ```json block with an OpenBadgeCredential)."""
    page = (REPO / "docs" / lang / "api.md").read_text("utf-8")
    blocks = [block.split("```", 1)[0] for block in page.split("```json\n")[1:]]
    [example] = [json.loads(block) for block in blocks if "OpenBadgeCredential" in block]
    return example


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_api_page_shows_issuers_a_credential_that_embeds_the_whole_achievement(catalogue, achievements, lang):
    """The Open Badges 3.0 schema requires the Achievement object in credentialSubject.achievement; the page's
    example validates against 1EdTech's AchievementCredential schema, and with only the id it would not."""
    full = json.loads(jsonld_loader.vocab_file("openbadges3/achievementcredential.schema.json").read_text("utf-8"))
    validator = Draft201909Validator(full)
    example = _credential_example(lang)
    assert not [e.message for e in validator.iter_errors(example)]
    achievement = example["credentialSubject"]["achievement"]
    published = achievements["example-national-univ/ds-python-basics", lang]
    assert {k: v for k, v in achievement.items() if k != "criteria"} == {
        k: published[k] for k in achievement if k != "criteria"
    }
    assert achievement["criteria"]["id"] == published["criteria"]["id"]
    assert published["criteria"]["narrative"].startswith(achievement["criteria"]["narrative"].rstrip("\n"))
    only_id = json.loads(json.dumps(example))
    only_id["credentialSubject"]["achievement"] = achievement["id"]
    assert list(validator.iter_errors(only_id))
