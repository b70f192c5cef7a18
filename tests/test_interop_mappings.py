"""The table of our terms -> EU (ELM) and Credential Engine (CTDL) concepts, against our vocabularies and the
official lists: every code mapped, every target in its list with its exact official label."""

from __future__ import annotations

import json
from functools import cache

import pytest
import rdflib
from babel import Locale
from rdflib.namespace import RDF, SKOS

from mccat.model.countries import alpha3, is_country
from mccat.model.lifecycle import STATES
from mccat.model.vocabulary import vocabularies
from mccat.publish import mappings as m
from tests.jsonld_loader import VOCAB_DIR, vocab_file

MAPPED = (
    "delivery_mode",
    "pace",
    "assessment_type",
    "identity_verification",
    "credit_system",
    "provider_type",
    "sector",
    "language",
)


@cache
def eu_lists() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in sorted((VOCAB_DIR / "elm3" / "cv").glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


@cache
def ctdl_concepts() -> dict[str, dict]:
    schema = json.loads(vocab_file("ctdl/schema/ctdl-schema.json").read_text(encoding="utf-8"))
    return {node["@id"]: node for node in schema["@graph"] if node.get("@type") == "skos:Concept"}


def all_elm_concepts() -> list[m.Concept]:
    found = [t.elm for terms in m.TERMS.values() for t in terms.values() if t.elm]
    return found + [
        m.FULL_TIME,
        m.PART_TIME_INTENSIVE,
        m.PART_TIME_LIGHT,
        m.FORMAL,
        m.NON_FORMAL,
        m.LO_TYPE_MOOC,
        m.LO_TYPE_SHORT,
        m.ECTS,
    ]


def all_ctdl_concepts() -> list[m.Concept]:
    return [c for terms in m.TERMS.values() for t in terms.values() for c in t.ctdl] + [m.TUITION]


@pytest.mark.parametrize("vocabulary", MAPPED)
def test_every_code_of_our_vocabularies_is_mapped(vocabulary):
    assert set(vocabularies()[vocabulary].codes) == set(m.TERMS[vocabulary])


def test_every_status_a_program_can_have_is_mapped():
    """Every state of the life cycle (mccat.model.lifecycle.STATES, the approval_status vocabulary)."""
    assert set(vocabularies()["approval_status"].codes) == set(STATES) == set(m.TERMS["status"])


def test_every_field_of_study_is_an_eu_concept():
    for name in ("isced_field", "isced_broad_field"):
        for code in vocabularies()[name].codes:
            assert (rdflib.URIRef(m.isced_iri(code)), SKOS.inScheme, rdflib.URIRef(m.ELM_ISCED_SCHEME)) in eu_lists()


def test_every_eqf_level_is_an_eu_concept():
    for level in range(1, 9):
        assert (rdflib.URIRef(m.eqf_iri(level)), SKOS.inScheme, rdflib.URIRef(m.ELM_EQF_SCHEME)) in eu_lists()


@pytest.mark.parametrize("concept", all_elm_concepts(), ids=lambda c: c.iri.rsplit("/", 2)[-2] + "/" + c.label)
def test_elm_concepts_are_in_the_official_lists_with_their_label(concept):
    iri = rdflib.URIRef(concept.iri)
    assert (iri, SKOS.inScheme, rdflib.URIRef(concept.scheme)) in eu_lists()
    assert (iri, SKOS.prefLabel, rdflib.Literal(concept.label, lang="en")) in eu_lists()  # else two labels


@pytest.mark.parametrize("concept", all_ctdl_concepts(), ids=lambda c: c.iri)
def test_ctdl_concepts_exist_with_their_label_and_framework(concept):
    node = ctdl_concepts()[concept.iri]
    assert node["skos:prefLabel"]["en-US"] == concept.label
    schemes = node["skos:inScheme"] if isinstance(node["skos:inScheme"], list) else [node["skos:inScheme"]]
    framework_url, _name = m.CTDL_FRAMEWORKS[concept.scheme]
    assert framework_url.rsplit("/", 1)[1] in {s.split(":", 1)[1] for s in schemes}


def test_every_iso_country_but_one_has_its_eu_concept():
    """249 ISO 3166-1 countries (CLDR); the EU's list lacks only the French Southern Territories."""
    scheme = rdflib.URIRef(m.ELM_COUNTRY_SCHEME)
    eu = {str(c) for c in eu_lists().subjects(SKOS.inScheme, scheme)}
    countries = [code for code in Locale("en").territories if is_country(code)]
    assert len(countries) == 249
    assert [c for c in countries if m.country_iri(c) not in eu] == ["TF"]
    assert (alpha3("JP"), alpha3("FR"), alpha3("CD"), alpha3("EU"), alpha3("ZZ")) == ("JPN", "FRA", "COD", None, None)


def test_the_scheme_iris_are_the_lists():
    schemes = set(eu_lists().subjects(RDF.type, SKOS.ConceptScheme))
    for name in (
        "ELM_MODE_SCHEME",
        "ELM_SCHEDULE_SCHEME",
        "ELM_SETTING_SCHEME",
        "ELM_LO_TYPE_SCHEME",
        "ELM_CREDIT_SCHEME",
        "ELM_EQF_SCHEME",
        "ELM_ISCED_SCHEME",
        "ELM_LANGUAGE_SCHEME",
        "ELM_COUNTRY_SCHEME",
    ):
        assert rdflib.URIRef(getattr(m, name)) in schemes, name


def test_an_unmapped_code_is_named():
    with pytest.raises(KeyError, match="delivery_mode/by-pigeon"):
        m.term("delivery_mode", "by-pigeon")
