"""schema.org JSON-LD: expands offline with every term kept, uses schema.org terms as schema.org
defines them, passes schema.org's SHACL shapes, and keeps stable ids."""

from __future__ import annotations

import copy
import json
import warnings
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pyshacl
import pytest
import rdflib
from rdflib.namespace import RDF, SH

from mccat import LANGUAGES
from mccat.model.catalogue import Catalogue
from mccat.model.vocabulary import vocabularies
from mccat.publish.jsonld import (
    SCHEMA_CONTEXT,
    catalogue_jsonld,
    for_language,
    json_for_script,
    program_jsonld,
    program_node,
    provider_jsonld,
    term_mapping,
    tombstone_jsonld,
    vocabularies_jsonld,
)
from mccat.publish.urls import Urls
from mccat.validation.load import load_catalogue
from tests import jsonld_loader
from tests.jsonld_loader import count_properties

REPO = Path(__file__).parents[1]
SITE = "https://registry.example.org/mc"  # under a path, as on a project's GitHub Pages
URLS = Urls(SITE)
SCHEMA = "http://schema.org/"  # what the schema.org context's @vocab expands to
# What schema.org cannot say, in Dublin Core: a record that replaces another (a renamed program's ids).
DCTERMS = ("http://purl.org/dc/terms/replaces", "http://purl.org/dc/terms/isReplacedBy")
TODAY = date(2026, 12, 1)  # the snapshot's date: the sample shows every state then


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(REPO / "catalogue", today=TODAY)


@pytest.fixture(scope="module")
def documents(catalogue) -> dict[str, Any]:
    """Every JSON-LD document the site publishes, by a name for messages."""
    docs = {
        f"program {p.id}": program_jsonld(catalogue, p, urls=URLS, as_of=TODAY) for p in catalogue.programs.values()
    }
    docs |= {f"program {t.id}": tombstone_jsonld(catalogue, t, urls=URLS) for t in catalogue.tombstones(TODAY).values()}
    docs |= {f"provider {p.id}": provider_jsonld(catalogue, p, urls=URLS) for p in catalogue.providers.values()}
    docs["vocabularies"] = vocabularies_jsonld(urls=URLS)
    docs["catalogue"] = catalogue_jsonld(catalogue, urls=URLS, date_modified="2026-01-01", as_of=TODAY)
    return docs


@pytest.fixture(scope="module")
def expanded(documents) -> dict[str, list]:
    return {name: jsonld_loader.expand(doc) for name, doc in documents.items()}


# --- the schema.org vocabulary file -------------------------------------------------------


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


@cache
def schema_org() -> dict[str, Any]:
    """Classes with their superclasses, properties with domains and ranges, enumeration members."""
    graph = json.loads(jsonld_loader.vocab_file("schemaorg/schemaorg-current-https.jsonld").read_text("utf-8"))
    nodes = {n["@id"].removeprefix("schema:"): n for n in graph["@graph"] if n["@id"].startswith("schema:")}
    parents = {
        name: [p["@id"].removeprefix("schema:") for p in _as_list(n.get("rdfs:subClassOf"))]
        for name, n in nodes.items()
        if "rdfs:Class" in _as_list(n.get("@type"))
    }

    def ancestors(name: str) -> set[str]:
        found, todo = {name}, [name]
        while todo:
            for parent in parents.get(todo.pop(), []):
                if parent not in found:
                    found.add(parent)
                    todo.append(parent)
        return found

    properties = {
        name: {
            "domain": {d["@id"].removeprefix("schema:") for d in _as_list(n.get("schema:domainIncludes"))},
            "range": {r["@id"].removeprefix("schema:") for r in _as_list(n.get("schema:rangeIncludes"))},
        }
        for name, n in nodes.items()
        if "rdf:Property" in _as_list(n.get("@type"))
    }
    # Text, URL, Date, Number, ...: instances of DataType and their subclasses (as fix_datatype_shapes.py)
    roots = {name for name, n in nodes.items() if "schema:DataType" in _as_list(n.get("@type"))}
    datatypes = {name for name in parents if ancestors(name) & roots}
    return {
        "classes": {name: ancestors(name) for name in parents},
        "properties": properties,
        "datatypes": datatypes,
        "terms": set(nodes),
    }


def walk_nodes(node: Any) -> Iterator[dict]:
    """Every node object of an expanded document (dicts that are not value objects)."""
    if isinstance(node, list):
        for item in node:
            yield from walk_nodes(item)
    elif isinstance(node, dict) and "@value" not in node:
        yield node
        for key, value in node.items():
            if not key.startswith("@") or key == "@graph":
                yield from walk_nodes(value)


def local(iri: str) -> str:
    assert iri.startswith(SCHEMA), f"{iri} is not a schema.org term"
    return iri.removeprefix(SCHEMA)


# --- expansion -------------------------------------------------------------------------------


def test_every_key_expands_to_a_schema_org_iri(documents, expanded):
    assert len(documents) == 33 + 2 + 11 + 2  # programs, tombstones (withdrawn, renamed), providers, and two more
    for name, document in documents.items():
        result = expanded[name]
        assert count_properties(result) == count_properties(document), f"{name}: a term was dropped in expansion"
        for node in walk_nodes(result):
            for key in node:
                assert key.startswith(("@", SCHEMA)) or key in DCTERMS, f"{name}: {key} is not a schema.org IRI"
            for type_iri in _as_list(node.get("@type")):
                assert type_iri.startswith(SCHEMA), f"{name}: type {type_iri}"


def test_the_dropped_term_check_can_fail():
    """With a context that leaves a key undefined, expansion drops it and the count shows it."""
    document = {"@context": {"name": "http://schema.org/name"}, "name": "kept", "shoeSize": "dropped"}
    assert count_properties(jsonld_loader.expand(document)) == count_properties(document) - 1


def test_every_type_and_property_exists_in_the_schema_org_vocabulary(expanded):
    vocabulary = schema_org()
    used_types, used_properties = set(), set()
    for _name, result in expanded.items():
        for node in walk_nodes(result):
            used_types |= {local(t) for t in _as_list(node.get("@type"))}
            used_properties |= {local(key) for key in node if not key.startswith("@") and key not in DCTERMS}
    assert used_types - set(vocabulary["classes"]) == set()
    assert used_properties - set(vocabulary["properties"]) == set()
    assert {"EducationalOccupationalProgram", "EducationalOccupationalCredential", "Organization"} <= used_types
    assert {
        "timeToComplete",
        "educationalProgramMode",
        "inLanguage",
        "numberOfCredits",
        "offers",
        "programPrerequisites",
        "educationalLevel",
        "teaches",
        "credentialCategory",
        "recognizedBy",
    } <= used_properties


def test_schema_org_values_that_are_iris_name_real_terms(documents):
    """Enumeration values written as schema.org URLs (itemListOrder) exist in the vocabulary."""
    terms = schema_org()["terms"]
    found = []

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)
        elif isinstance(node, str) and node.startswith("https://schema.org/") and node != SCHEMA_CONTEXT:
            found.append(node)
            assert node.removeprefix("https://schema.org/") in terms, node

    for document in documents.values():
        visit({k: v for k, v in document.items() if k != "@context"})
    assert found


def test_every_property_is_used_on_a_type_of_its_domain_with_a_value_of_its_range(expanded):
    vocabulary = schema_org()
    classes, properties, datatypes = vocabulary["classes"], vocabulary["properties"], vocabulary["datatypes"]
    for name, result in expanded.items():
        for node in walk_nodes(result):
            types = set().union(*(classes[local(t)] for t in _as_list(node.get("@type")))) if "@type" in node else None
            for key, values in node.items():
                if key in DCTERMS:  # Dublin Core: it holds the @id of another program's node
                    assert all(set(value) == {"@id"} and value["@id"].endswith(".jsonld#program") for value in values)
                    continue
                if key.startswith("@"):
                    continue
                prop = properties[local(key)]
                if types is not None:
                    assert prop["domain"] & types, f"{name}: {local(key)} is not defined on {node['@type']}"
                for value in values:
                    if "@value" in value:
                        assert prop["range"] & datatypes, f"{name}: {local(key)} takes things, got a literal"
                    elif "@type" in value:
                        value_types = set().union(*(classes[local(t)] for t in value["@type"]))
                        assert prop["range"] & value_types, f"{name}: {local(key)} cannot hold {value['@type']}"


# --- SHACL -----------------------------------------------------------------------------------


def _without_program_bodies(document: dict) -> dict:
    """The catalogue document with each list item cut to its @id (the bodies are the program documents)."""
    document = copy.deepcopy(document)
    for node in document["@graph"]:
        for item in node.get("itemListElement", []):
            item["item"] = {"@id": item["item"]["@id"]}
    return document


def test_every_document_passes_the_schema_org_shapes(documents):
    """One pyshacl run over the graph of every document, plus one node planted to fail.

    Validated the way schema.org validates its own examples (vocab README): the
    fixed shapes, the subclass graph as ontology, RDFS inference.
    """
    planted = "urn:test:invalid-program"
    invalid = {
        "@context": SCHEMA_CONTEXT,
        "@id": planted,
        "@type": "EducationalOccupationalProgram",
        "provider": "a provider must be a node, not a string",
    }
    graph = jsonld_loader.to_graph(
        [_without_program_bodies(d) if name == "catalogue" else d for name, d in documents.items()] + [invalid]
    )
    shapes = rdflib.Graph().parse(jsonld_loader.vocab_file("schemaorg/schemaorg-shapes-fixed.shacl"))
    ontology = rdflib.Graph().parse(jsonld_loader.vocab_file("schemaorg/schemaorg-subclasses.shacl"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pyshacl warns about recursive shapes, which schema.org's are
        conforms, report, text = pyshacl.validate(
            graph, shacl_graph=shapes, ont_graph=ontology, inference="rdfs", abort_on_first=False
        )
    assert not conforms
    failing = {report.value(result, SH.focusNode) for result in report.subjects(RDF.type, SH.ValidationResult)}
    assert failing == {rdflib.URIRef(planted)}, text


# --- what pages embed --------------------------------------------------------------------------


def _tagged(node: Any) -> Iterator[dict]:
    if isinstance(node, dict):
        if set(node) == {"@value", "@language"}:
            yield node
        for value in node.values():
            yield from _tagged(value)
    elif isinstance(node, list):
        for value in node:
            yield from _tagged(value)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_page_embeds_its_language_as_plain_text(catalogue, documents, lang):
    for program in catalogue.programs.values():
        standalone = documents[f"program {program.id}"]
        embedded = program_jsonld(catalogue, program, urls=URLS, lang=lang, as_of=TODAY)
        assert embedded == for_language(standalone, lang)
        assert embedded["name"] == program.title[lang]
        assert embedded["educationalCredentialAwarded"]["name"] == program.title[lang]
        outcomes = [t for t in embedded["teaches"] if isinstance(t, str)]
        assert outcomes == [o[lang] for o in program.data["learning_outcomes"]]
        assert not [t for t in _tagged(embedded) if t["@language"] == lang]
        assert embedded["@id"] == standalone["@id"]
        assert count_properties(jsonld_loader.expand(embedded)) == count_properties(embedded)


def test_a_text_missing_in_the_page_language_stays_tagged_with_its_own(catalogue):
    program = catalogue.programs["example-national-univ/ds-python-basics"]
    data = copy.deepcopy(program.data) | {"prerequisites": {"ja": "高校数学程度"}}
    only_ja = replace(program, data=data)
    embedded = program_jsonld(catalogue, only_ja, urls=URLS, lang="en", as_of=TODAY)
    assert embedded["programPrerequisites"] == {"@value": "高校数学程度", "@language": "ja"}
    assert (
        program_jsonld(catalogue, only_ja, urls=URLS, lang="ja", as_of=TODAY)["programPrerequisites"] == "高校数学程度"
    )


class _ScriptReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts, self._inside = [], False

    def handle_starttag(self, tag, attrs):
        self._inside = tag == "script"
        if self._inside:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.scripts[-1] += data


def test_json_for_script_cannot_end_the_script_element():
    hostile = {"name": "</script><script>alert(1)</script><!-- & \u2028\u2029 ]]>", "n": [1, 2.5, None, True]}
    encoded = json_for_script(hostile)
    assert not set("<>&\u2028\u2029") & set(encoded)
    reader = _ScriptReader()
    reader.feed(f'<script type="application/ld+json">{encoded}</script><p>after</p>')
    assert reader.scripts == [encoded]
    assert json.loads(reader.scripts[0]) == hostile


# --- ids, links and mappings ---------------------------------------------------------------------


def test_ids_come_from_the_site_url_and_the_url_scheme(catalogue):
    program = catalogue.programs["example-national-univ/ds-python-basics"]
    here = program_jsonld(catalogue, program, urls=Urls(SITE + "/"), as_of=TODAY)
    assert here == program_jsonld(catalogue, program, urls=URLS, as_of=TODAY)  # a trailing slash changes nothing
    assert here["@id"] == f"{SITE}/api/v1/programs/{program.id}.jsonld#program"
    assert here["mainEntityOfPage"] == [f"{SITE}/{lang}/programs/{program.id}/" for lang in LANGUAGES]
    elsewhere = program_jsonld(catalogue, program, urls=Urls("https://other.example.net"), as_of=TODAY)
    assert json.dumps(here).replace(SITE, "https://other.example.net") == json.dumps(elsewhere)
    with pytest.raises(ValueError, match="absolute"):
        Urls("registry.example.org")


def test_stacking_is_stated_from_both_ends(catalogue, documents):
    pairs = 0
    for program in catalogue.programs.values():
        credential = documents[f"program {program.id}"]["educationalCredentialAwarded"]
        for target in program.stacks_into:
            assert URLS.credential_iri(target) in [part.get("@id") for part in credential["isPartOf"]]
            parts = documents[f"program {target}"]["educationalCredentialAwarded"]["hasPart"]
            assert URLS.credential_iri(program.id) in [part["@id"] for part in parts]
            pairs += 1
    assert pairs >= 3


def test_the_registry_recognises_only_programs_that_are_active_or_expiring(catalogue, documents):
    registry = URLS.registry_iri()
    statuses = set()
    for program in catalogue.programs.values():
        status = catalogue.lifecycle(program.id, TODAY).state
        statuses.add(status)
        credential = documents[f"program {program.id}"]["educationalCredentialAwarded"]
        recognised = registry in [body.get("@id") for body in credential.get("recognizedBy", [])]
        assert recognised == (status in ("active", "expiring")), program.id
        assert documents[f"program {program.id}"]["creativeWorkStatus"]["termCode"] == status
    assert statuses == {"active", "expiring", "expired", "suspended"}
    for tombstone in catalogue.tombstones(TODAY).values():
        document = documents[f"program {tombstone.id}"]
        assert document["creativeWorkStatus"]["termCode"] == tombstone.lifecycle.state
        assert "recognizedBy" not in json.dumps(document) and "educationalCredentialAwarded" not in document


def test_the_registry_stops_recognising_a_program_the_day_after_its_approval_ends(catalogue):
    program = catalogue.programs["example-pref-agri-center/forestry-felling-safety"]  # valid until 2027-01-31
    registry = URLS.registry_iri()
    for day, state, recognised in (
        (date(2027, 1, 31), "expiring", True),
        (date(2027, 2, 1), "expired", False),
    ):
        document = program_jsonld(catalogue, program, urls=URLS, as_of=day)
        bodies = document["educationalCredentialAwarded"].get("recognizedBy", [])
        assert (document["creativeWorkStatus"]["termCode"], registry in [b.get("@id") for b in bodies]) == (
            state,
            recognised,
        )
        assert document["expires"] == "2027-01-31"


def test_vocabulary_mappings_name_schema_org_terms():
    classes = schema_org()["classes"]
    for code in vocabularies()["provider_type"].codes:
        assert "Organization" in classes[term_mapping("provider_type", code)["@type"]], code
    for code in vocabularies()["delivery_mode"].codes:
        assert set(term_mapping("delivery_mode", code)) == {"educationalProgramMode", "courseMode"}, code
    digital = [c for c in vocabularies()["credential_format"].codes if c != "paper_certificate"]
    assert all(term_mapping("credential_format", c).get("encodingFormat") for c in digital)
    assert term_mapping("credential_format", "paper_certificate") == {}


def test_the_catalogue_document_holds_every_program_as_published_alone(catalogue, documents):
    graph = documents["catalogue"]["@graph"]
    item_list = next(node for node in graph if node["@type"] == "ItemList")
    ids = sorted(set(catalogue.programs) | set(catalogue.tombstones(TODAY)))
    assert item_list["numberOfItems"] == len(ids)
    assert [item["position"] for item in item_list["itemListElement"]] == list(range(1, len(ids) + 1))
    for item, program_id in zip(item_list["itemListElement"], ids, strict=True):
        standalone = documents[f"program {program_id}"]
        assert item["item"] == {k: v for k, v in standalone.items() if k != "@context"}
        if program_id in catalogue.programs:
            assert item["item"] == program_node(catalogue, catalogue.programs[program_id], urls=URLS, as_of=TODAY)
    data_catalog = next(node for node in graph if node["@type"] == "DataCatalog")
    downloads = [d["contentUrl"] for d in data_catalog["dataset"]["distribution"]]
    assert f"{SITE}/api/v1/catalogue.csv" in downloads and f"{SITE}/api/v1/feed.ja.atom" in downloads
