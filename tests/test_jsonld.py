"""schema.org JSON-LD: expands offline with every term kept, uses schema.org terms as schema.org
defines them, passes schema.org's SHACL shapes, and keeps stable ids."""

from __future__ import annotations

import copy
import json
import warnings
from collections.abc import Iterator
from contextlib import nullcontext
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
from mccat.publish import mappings
from mccat.publish.jsonld import (
    SCHEMA_CONTEXT,
    catalogue_jsonld,
    json_for_script,
    program_jsonld,
    program_node,
    program_node_part,
    provider_jsonld,
    term_mapping,
    tombstone_jsonld,
    vocabularies_jsonld,
)
from mccat.publish.page_jsonld import PAGE_PROPERTIES, program_page_jsonld
from mccat.publish.publication import Publication
from mccat.publish.urls import Urls
from mccat.validation.load import load_catalogue
from tests import jsonld_loader
from tests.jsonld_loader import count_properties
from tests.shacl_or import or_stops_at_first_conforming_member

REPO = Path(__file__).parents[1]
SITE = "https://registry.example.org/mc"  # under a path, as on a project's GitHub Pages
URLS = Urls(SITE)
SCHEMA = "http://schema.org/"  # what the schema.org context's @vocab expands to
TODAY = date(2026, 12, 1)  # the snapshot's date: the sample shows every state then
BUILD = TODAY
DCTERMS = ("http://purl.org/dc/terms/replaces", "http://purl.org/dc/terms/isReplacedBy")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(REPO / "catalogue", today=TODAY)


@pytest.fixture(scope="module")
def pub(catalogue) -> Publication:
    return Publication(catalogue, URLS, BUILD)


def all_documents(pub: Publication) -> dict[str, Any]:
    """Every JSON-LD document the site publishes, by a name for messages."""
    catalogue = pub.catalogue
    docs = {f"program {p.id}": program_jsonld(pub, p) for p in catalogue.programs.values()}
    docs |= {f"program {t.id}": tombstone_jsonld(pub, t) for t in pub.tombstones.values()}
    docs |= {f"provider {p.id}": provider_jsonld(pub, p) for p in catalogue.providers.values()}
    docs["vocabularies"] = vocabularies_jsonld(pub)
    docs["catalogue"] = catalogue_jsonld(pub, date_modified="2026-01-01")
    return docs


@pytest.fixture(scope="module")
def documents(pub) -> dict[str, Any]:
    return all_documents(pub)


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
        "competencyRequired",
        "learningResourceType",
        "assesses",
        "programType",
        "financialAidEligible",
        "datePublished",
        "dateModified",
        "sdLicense",
        "license",
        "iso6523Code",
        "unitCode",
        "sameAs",
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


def schema_org_shacl_report(documents: list[dict], *, or_shortcut: bool = True) -> tuple[rdflib.Graph, str]:
    """pyshacl's report graph and text for schema.org's SHACL shapes, over one graph of every document.

    Validated the way schema.org validates its own examples (vocab README): the fixed shapes, the
    subclass graph as ontology, RDFS inference. `or_shortcut`: sh:or stops at its first conforming
    member (tests/shacl_or.py: same verdicts, a quarter less time)."""
    graph = jsonld_loader.to_graph(documents)
    shapes = rdflib.Graph().parse(jsonld_loader.vocab_file("schemaorg/schemaorg-shapes-fixed.shacl"))
    ontology = rdflib.Graph().parse(jsonld_loader.vocab_file("schemaorg/schemaorg-subclasses.shacl"))
    with warnings.catch_warnings(), or_stops_at_first_conforming_member() if or_shortcut else nullcontext():
        warnings.simplefilter("ignore")  # pyshacl warns about recursive shapes, which schema.org's are
        _conforms, report, text = pyshacl.validate(
            graph, shacl_graph=shapes, ont_graph=ontology, inference="rdfs", abort_on_first=False
        )
    return report, text


def schema_org_shacl_failures(documents: list[dict]) -> tuple[set, str]:
    """The focus nodes that fail schema.org's SHACL shapes, and pyshacl's text."""
    report, text = schema_org_shacl_report(documents)
    return {report.value(result, SH.focusNode) for result in report.subjects(RDF.type, SH.ValidationResult)}, text


def _planted_invalid(planted: str, **properties: Any) -> dict:
    return {"@context": SCHEMA_CONTEXT, "@id": planted, "@type": "EducationalOccupationalProgram", **properties}


def test_every_document_passes_the_schema_org_shapes(documents):
    """One pyshacl run over the graph of every document, plus one node planted to fail."""
    planted = "urn:test:invalid-program"
    invalid = _planted_invalid(planted, provider="a provider must be a node, not a string")
    failing, text = schema_org_shacl_failures(
        [_without_program_bodies(d) if name == "catalogue" else d for name, d in documents.items()] + [invalid]
    )
    assert failing == {rdflib.URIRef(planted)}, text


def test_the_sh_or_shortcut_gives_pyshacls_own_results(documents):
    """tests/shacl_or.py against pyshacl as shipped: every result the same, over a program and nodes planted
    to fail an sh:or (a string or a number where only nodes are allowed), at the top and nested in a program."""
    programs = [d for name, d in sorted(documents.items()) if name.startswith("program ")][:1]
    invalid = [
        _planted_invalid("urn:test:string-provider", provider="not a node"),
        _planted_invalid(
            "urn:test:number-offer", offers={"@value": "1", "@type": "http://www.w3.org/2001/XMLSchema#integer"}
        ),
        _planted_invalid("urn:test:parent", hasPart=_planted_invalid("urn:test:nested", provider="not a node")),
    ]

    def results(or_shortcut: bool) -> set[tuple]:
        report, _text = schema_org_shacl_report(programs + invalid, or_shortcut=or_shortcut)
        keys = (SH.focusNode, SH.resultPath, SH.value, SH.sourceConstraintComponent, SH.resultSeverity)
        return {tuple(report.value(r, key) for key in keys) for r in report.subjects(RDF.type, SH.ValidationResult)}

    shortcut = results(or_shortcut=True)
    assert shortcut == results(or_shortcut=False)
    assert {r[0] for r in shortcut} == {
        rdflib.URIRef(f"urn:test:{n}") for n in ("string-provider", "number-offer", "nested")
    }, shortcut
    assert {r[3] for r in shortcut} == {SH.OrConstraintComponent}


# --- what pages embed, and what an aggregator merges ------------------------------------------------


def _tagged(node: Any) -> Iterator[dict]:
    if isinstance(node, dict):
        if set(node) == {"@value", "@language"}:
            yield node
        for value in node.values():
            yield from _tagged(value)
    elif isinstance(node, list):
        for value in node:
            yield from _tagged(value)


def untagged_duplicates(graph: rdflib.Graph) -> list[tuple]:
    """(subject, property) pairs that hold a text both with and without a language tag: what merging a page that
    embeds plain strings with a file of tagged ones produces (a name twice, once in no language)."""
    texts: dict[tuple, set[bool]] = {}
    for subject, predicate, value in graph:
        if isinstance(value, rdflib.Literal) and (value.language or value.datatype in (None, XSD_STRING)):
            texts.setdefault((subject, predicate), set()).add(value.language is not None)
    return sorted(key for key, kinds in texts.items() if kinds == {True, False})


XSD_STRING = rdflib.URIRef("http://www.w3.org/2001/XMLSchema#string")


def test_the_file_holds_the_full_record_in_both_languages(pub):
    """The /api/v1 file is the full record: every text in both languages, tagged, safe in a <script>."""
    for program in pub.catalogue.programs.values():
        document = program_jsonld(pub, program)
        assert json.loads(json_for_script(document)) == document
        assert {t["@language"] for t in _tagged(document["name"])} == set(LANGUAGES)
        for key in ("teaches", "educationalCredentialAwarded", "hasPart", "identifier", "creativeWorkStatus"):
            assert key in document, (program.id, key)


def test_a_page_embeds_a_small_course_in_its_language_that_points_to_the_file(pub):
    """What a program page's <script> holds: the Course a search engine reads (name, description, provider with
    name and url, url, offers, instances), texts in the page's language only, the file's @id, and the file named
    as a DataDownload; a few KB, not the whole record."""
    for program in pub.catalogue.programs.values():
        document = program_jsonld(pub, program)
        for lang in LANGUAGES:
            page = program_page_jsonld(pub, program, lang)
            assert json.loads(json_for_script(page)) == page
            assert len(json_for_script(page).encode()) < max(2500, len(json_for_script(document).encode()) // 4)
            assert page["@id"] == document["@id"] == URLS.program_iri(program.id)
            assert "Course" in page["@type"] and page["@context"] == document["@context"]
            assert {t["@language"] for t in _tagged(page)} == {lang}, program.id
            assert page["name"] == {"@value": program.title[lang], "@language": lang}
            assert page["description"] == {"@value": program.data["description"][lang], "@language": lang}
            provider = pub.catalogue.providers[program.provider_id]
            assert page["provider"]["name"] == {"@value": provider.name[lang], "@language": lang}
            assert page["provider"]["url"] == document["provider"]["url"]
            assert page["url"] == program.data["url"] and page["mainEntityOfPage"] == URLS.program_page(
                lang, program.id
            )
            assert (
                page["offers"]["price"] == document["offers"]["price"] if "offers" in document else "offers" not in page
            )
            assert page["subjectOf"] == {
                "@id": URLS.program_jsonld(program.id),
                "@type": "DataDownload",
                "contentUrl": URLS.program_jsonld(program.id),
                "encodingFormat": "application/ld+json",
            }
            assert URLS.program_iri(program.id).startswith(URLS.program_jsonld(program.id) + "#")


def test_a_part_of_a_program_node_is_the_same_properties_of_the_whole_node(pub):
    """A page's node is made alone (program_node_part, not the whole node: a build makes 2,000 pages): every
    property it asks for is the whole node's, byte for byte, and an absent one stays absent."""
    keys = [frozenset(PAGE_PROPERTIES) - {"@context"}, frozenset({"name", "teaches", "offers"}), frozenset()]
    for program in pub.catalogue.programs.values():
        whole = program_node(pub, program)
        for wanted in keys:
            part = program_node_part(pub, program, wanted)
            assert part == {key: value for key, value in whole.items() if key in wanted}, program.id
            assert list(part) == [key for key in whole if key in wanted]
    assert any("hasCourseInstance" in program_node(pub, p) for p in pub.catalogue.programs.values())


def test_merging_the_two_pages_and_the_file_gives_the_file_and_the_pointer(pub):
    """An aggregator merges the ja page, the en page and the file: every node has an @id (no blank node to
    duplicate), so the merge is the file's graph plus the pages' pointer to the file (subjectOf), with no
    untagged duplicates and one node per offering."""
    for program in pub.catalogue.programs.values():
        document = program_jsonld(pub, program)
        alone = jsonld_loader.to_graph([document])
        pages = [program_page_jsonld(pub, program, lang) for lang in LANGUAGES]
        merged = jsonld_loader.to_graph([*pages, document])
        file_node = rdflib.URIRef(URLS.program_jsonld(program.id))
        added = set(merged) - set(alone)
        assert added and all(p == SDO.subjectOf or s == file_node for s, p, _ in added), (program.id, added)
        assert not [n for n in merged.all_nodes() if isinstance(n, rdflib.BNode)], program.id
        assert not untagged_duplicates(merged), program.id
        instances = set(merged.objects(rdflib.URIRef(URLS.program_iri(program.id)), SDO.hasCourseInstance))
        assert len(instances) == max(1, len(program.data.get("offerings", []))), program.id


def test_the_merge_check_can_fail(pub):
    """The embedding this registry used before: plain strings in the page's language, blank-node offerings."""
    program = pub.catalogue.programs["example-national-univ/ds-python-basics"]
    document = program_jsonld(pub, program)
    old_page = json.loads(json.dumps(document))
    old_page["name"] = program.title["ja"]
    for instance in old_page["hasCourseInstance"]:
        del instance["@id"]
    merged = jsonld_loader.to_graph([old_page, document])
    assert (rdflib.URIRef(URLS.program_iri(program.id)), SDO.name) in untagged_duplicates(merged)
    instances = set(merged.objects(rdflib.URIRef(URLS.program_iri(program.id)), SDO.hasCourseInstance))
    assert len(instances) == 2 * len(program.data["offerings"])


SDO = rdflib.Namespace(SCHEMA)


def test_a_text_in_one_language_stays_tagged_with_its_language(pub, catalogue):
    program = catalogue.programs["example-national-univ/ds-python-basics"]
    data = copy.deepcopy(program.data) | {"prerequisites": {"ja": "高校数学程度"}}
    only_ja = Publication(
        Catalogue(
            catalogue.root,
            catalogue.providers,
            catalogue.programs | {program.id: replace(program, data=data)},
            decisions=catalogue.decisions,
        ),
        URLS,
        BUILD,
    )
    assert program_jsonld(only_ja, only_ja.catalogue.programs[program.id])["programPrerequisites"] == [
        {"@value": "高校数学程度", "@language": "ja"}
    ]


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
    here = program_jsonld(Publication(catalogue, Urls(SITE + "/"), BUILD), program)
    assert here == program_jsonld(Publication(catalogue, URLS, BUILD), program)  # a trailing slash changes nothing
    assert here["@id"] == f"{SITE}/api/v1/programs/{program.id}.jsonld#program"
    assert here["mainEntityOfPage"] == [f"{SITE}/{lang}/programs/{program.id}/" for lang in LANGUAGES]
    elsewhere = program_jsonld(Publication(catalogue, Urls("https://other.example.net"), BUILD), program)
    assert json.dumps(here).replace(SITE, "https://other.example.net") == json.dumps(elsewhere)
    with pytest.raises(ValueError, match="absolute"):
        Urls("registry.example.org")


def test_offerings_and_offers_have_stable_ids(pub):
    program = pub.catalogue.programs["example-national-univ/ds-python-basics"]
    instances = program_jsonld(pub, program)["hasCourseInstance"]
    assert [i["@id"] for i in instances] == [
        URLS.program_part_iri(program.id, "offering-2026-04-01"),
        URLS.program_part_iri(program.id, "offering-2026-10-01"),
    ]
    assert instances[0]["offers"]["@id"] == URLS.program_part_iri(program.id, "offering-2026-04-01-offer")
    assert program_jsonld(pub, program)["offers"]["@id"] == URLS.program_part_iri(program.id, "offer")


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


def test_vocabulary_mappings_name_schema_org_terms():
    classes = schema_org()["classes"]
    for code in vocabularies()["provider_type"].codes:
        assert "Organization" in classes[term_mapping("provider_type", code)["@type"]], code
    for code in vocabularies()["delivery_mode"].codes:
        assert set(term_mapping("delivery_mode", code)) == {"educationalProgramMode", "courseMode"}, code
    digital = [c for c in vocabularies()["credential_format"].codes if c != "paper_certificate"]
    assert all(term_mapping("credential_format", c).get("encodingFormat") for c in digital)
    assert term_mapping("credential_format", "paper_certificate") == {}


def test_the_catalogue_document_holds_every_program_as_published_alone(pub, documents):
    catalogue = pub.catalogue
    graph = documents["catalogue"]["@graph"]
    item_list = next(node for node in graph if node["@type"] == "ItemList")
    ids = list(catalogue.programs) + sorted(pub.tombstones)  # the programs, then the old ids whose file is gone
    assert pub.tombstones and item_list["numberOfItems"] == len(ids)
    assert [item["position"] for item in item_list["itemListElement"]] == list(range(1, len(ids) + 1))
    for item, program_id in zip(item_list["itemListElement"], ids, strict=True):
        standalone = documents[f"program {program_id}"]
        assert item["item"] == {k: v for k, v in standalone.items() if k != "@context"}
        if program_id in catalogue.programs:
            assert item["item"] == program_node(pub, catalogue.programs[program_id])
    data_catalog = next(node for node in graph if node["@type"] == "DataCatalog")
    downloads = [d["contentUrl"] for d in data_catalog["dataset"]["distribution"]]
    for name in ("catalogue.csv", "feed.ja.atom", "catalogue.elm.jsonld.gz", "catalogue.ctdl.json.gz", "index.json"):
        assert f"{SITE}/api/v1/{name}" in downloads
    assert data_catalog["license"] == "https://creativecommons.org/licenses/by/4.0/"


# --- the fields an aggregator tripped on --------------------------------------------------------------


def _by_id(node: Any) -> dict[str, dict]:
    return {n["@id"]: n for n in walk_nodes(node) if isinstance(n, dict) and "@id" in n and len(n) > 1}


def _values(value: Any) -> list:
    return value if isinstance(value, list) else [value]


def test_assessment_identity_verification_qa_and_pace_are_terms_with_stable_iris(pub):
    for program in pub.catalogue.programs.values():
        data, document = program.data, program_jsonld(pub, program)
        if data["assessment"]["types"]:
            [assessment] = document["hasPart"]
            assert assessment["@id"] == URLS.program_part_iri(program.id, "assessment")
            assert [t["@id"] for t in assessment["learningResourceType"]] == [
                URLS.term_iri("assessment_type", code) for code in data["assessment"]["types"]
            ]
            verification = data["assessment"]["identity_verification"]
            assert [k["@id"] for k in assessment["keywords"]] == [URLS.term_iri("identity_verification", verification)]
            assert len(assessment["assesses"]) == len(data["learning_outcomes"])
        else:
            assert "hasPart" not in document
        terms = [k["@id"] for k in document["keywords"] if "@id" in k]  # then the provider's keywords, as text
        assert terms == [URLS.term_iri("qa_type", code) for code in data["quality_assurance"]["types"]]
        stated = [value for keyword in data.get("keywords", []) for value in keyword.values()]
        assert sorted(k["@value"] for k in document["keywords"] if "@id" not in k) == sorted(stated)
        assert document["programType"][0]["@id"] == URLS.term_iri("pace", data["delivery"]["pace"])
        state = pub.catalogue.lifecycle(program.id, BUILD)  # what the committee's decisions say
        assert document["datePublished"] == state.first_approved <= document["dateModified"]
        decision = next(i for i in document["identifier"] if isinstance(i, dict) and i["propertyID"] == "decision")
        assert decision["value"] == state.current.id
        assert decision["url"] == [URLS.decision_page(lang, state.current.id, state.current.date) for lang in LANGUAGES]
        month = state.current.date[:7]  # its anchor on the page of its date's month
        assert decision["url"] == [f"{URLS.root}{lang}/decisions/{month}/#{state.current.id}" for lang in LANGUAGES]


def test_outcomes_are_paired_per_language_and_apart_from_skills(pub):
    for program in pub.catalogue.programs.values():
        data, document = program.data, program_jsonld(pub, program)
        outcomes = document["teaches"]
        assert len(outcomes) == len(data["learning_outcomes"])
        for outcome, text in zip(outcomes, data["learning_outcomes"]):
            assert {v["@language"]: v["@value"] for v in outcome["name"]} == text
        skills = document["educationalCredentialAwarded"].get("competencyRequired", [])
        assert len(skills) == len(data.get("skills", []))
        for skill, given in zip(skills, data.get("skills", [])):
            assert skill.get("sameAs") == given.get("esco")
            assert {v["@language"]: v["@value"] for v in skill["name"]} == given["label"]


def test_credits_name_their_system_and_ects_is_exported(pub):
    seen = set()
    for program in pub.catalogue.programs.values():
        data, document = program.data, program_jsonld(pub, program)
        values = {v["@id"].rsplit("#", 1)[1]: v for v in document.get("numberOfCredits", [])}
        credits = data.get("recognition", {}).get("credits")
        if credits:
            assert values["credits"]["value"] == credits["value"]
            assert values["credits"]["unitCode"] == URLS.term_iri("credit_system", credits["system"])
            seen.add(credits["system"])
        ects = data["effort"].get("ects")
        if ects is not None and not (credits and credits["system"] == "ects"):
            assert (values["ects"]["value"], values["ects"]["unitCode"]) == (
                ects,
                URLS.term_iri("credit_system", "ects"),
            )
            seen.add("ects-equivalent")
        assert set(values) <= {"credits", "ects"}
    assert seen >= {"jp_university_credit", "ects", "ects-equivalent", "cpd_points"}


def test_the_eqf_level_is_the_eu_concept_as_stated_by_the_provider(pub):
    program = pub.catalogue.programs["example-national-univ/ds-python-basics"]
    [level] = program_jsonld(pub, program)["educationalLevel"]
    assert (level["termCode"], level["sameAs"]) == ("5", "http://data.europa.eu/snb/eqf/5")
    assert level["inDefinedTermSet"] == "http://data.europa.eu/snb/eqf/25831c2"
    assert "self-assessed" in {v["@language"]: v["@value"] for v in level["disambiguatingDescription"]}["en"]


def test_designations_are_exported(pub):
    certificate = pub.catalogue.programs["example-national-univ/data-science-certificate"]
    document = program_jsonld(pub, certificate)
    assert [t["termCode"] for t in document["programType"]][1:] == ["rishu_shomei", "brush_up_program"]
    [benefit] = document["financialAidEligible"]
    assert benefit["@id"] == URLS.term_iri("training_benefit_kind", "specialized")
    numbers = {i["@id"].rsplit("#", 1)[1]: i for i in document["identifier"] if isinstance(i, dict)}
    assert numbers["training-benefit"]["value"] == certificate.data["designations"]["training_benefit"]["number"]
    assert numbers["brush-up-program"]["value"] == 2024
    ended = Publication(pub.catalogue, URLS, date(2028, 4, 1))  # the designation period ended on 2028-03-31
    assert "financialAidEligible" not in program_jsonld(ended, certificate)


def test_providers_carry_their_japanese_identifiers(pub):
    provider = pub.catalogue.providers["example-national-univ"]
    document = provider_jsonld(pub, provider)
    assert document["iso6523Code"] == f"0188:{provider.data['corporate_number']}"
    ids = {i["propertyID"]: i["value"] for i in document["identifier"] if isinstance(i, dict)}
    assert ids == {key: provider.data[key] for key in ("corporate_number", "school_code", "ctid")}
    address = document["address"]
    assert address["addressCountry"]["@id"] == "http://publications.europa.eu/resource/authority/country/JPN"
    assert {v["@language"]: v["@value"] for v in address["addressRegion"]} == {"ja": "宮城県", "en": "Miyagi"}
    assert document["contactPoint"]["email"] == provider.data["contact"]["email"]
    assert document["keywords"][0]["@id"] == URLS.term_iri("sector", "public")


def test_vocabulary_terms_have_definitions_and_the_eu_concepts_they_are(documents):
    terms = _by_id(documents["vocabularies"])
    for name, vocabulary in vocabularies().items():
        for code in vocabulary.codes:
            term = terms[URLS.term_iri(name, code)]
            assert {v["@language"] for v in term["description"]} == set(LANGUAGES), (name, code)
    assert terms[URLS.term_iri("isced_field", "061")]["sameAs"] == "http://data.europa.eu/snb/isced-f/061"
    assert terms[URLS.term_iri("isced_broad_field", "06")]["sameAs"] == "http://data.europa.eu/snb/isced-f/06"
    assert (
        terms[URLS.term_iri("language", "ja")]["sameAs"]
        == "http://publications.europa.eu/resource/authority/language/JPN"
    )
    assert terms[URLS.term_iri("credit_system", "ects")]["sameAs"] == mappings.ECTS.iri
    assert "sameAs" not in terms[URLS.term_iri("credit_system", "jp_university_credit")]
    assert URLS.term_iri("approval_status", "expired") in terms


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
    assert catalogue.tombstones(TODAY)
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
        document = program_jsonld(Publication(catalogue, URLS, day), program)
        bodies = document["educationalCredentialAwarded"].get("recognizedBy", [])
        assert (document["creativeWorkStatus"]["termCode"], registry in [b.get("@id") for b in bodies]) == (
            state,
            recognised,
        )
        assert document["expires"] == "2027-01-31"
