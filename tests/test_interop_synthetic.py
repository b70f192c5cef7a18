"""Every standard, on a 200-program synthetic catalogue and on every sample program file alone (`slow`: a few
minutes of SHACL and JSON Schema; the fast loop validates the sample catalogue as a whole, tests/test_interop.py,
tests/test_jsonld.py, tests/test_exports.py).

On the synthetic catalogue (mccat.authoring.synth, every vocabulary term and designation used): schema.org
SHACL with zero violations; the ja page, the en page and the file merged give the file's graph with no untagged
duplicates; Open Badges 3.0 Achievements valid against 1EdTech's schema; ELM (LOQ) and CTDL with zero problems;
every JSON file valid against our published schemas resolved by their `$id`; the manifest's digests match.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
import rdflib
from jsonschema import Draft202012Validator
from pyld import jsonld
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from mccat.authoring.synth import write_synthetic_catalogue
from mccat.publish.ctdl import program_ctdl
from mccat.publish.elm import program_elm
from mccat.publish.exports import api_files
from mccat.publish.publication import Publication
from mccat.publish.urls import Urls
from mccat.validation.load import load_catalogue
from tests import jsonld_loader
from tests.interop_validation import ctdl_problems, elm_problems
from tests.jsonld_loader import count_properties
from tests.test_jsonld import SCHEMA_CONTEXT, schema_org_shacl_failures, untagged_duplicates
from tests.test_jsonld_achievement import achievement_validator

pytestmark = pytest.mark.slow

REPO = Path(__file__).parents[1]
SITE = "https://registry.example.org/mc"
URLS = Urls(SITE)
BUILD = date(2026, 12, 1)  # every synthetic program approved by then (mccat.authoring.synth)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> tuple[Publication, dict[str, bytes]]:
    root = tmp_path_factory.mktemp("synthetic")
    write_synthetic_catalogue(root, programs=200, providers=20, seed=16)
    catalogue = load_catalogue(root, today=BUILD)
    pub = Publication(catalogue, URLS, BUILD)
    return pub, api_files(pub)


def _json(files: dict[str, bytes], path: str) -> dict:
    return json.loads(gzip.decompress(files[path]) if path.endswith(".gz") else files[path])


def test_the_synthetic_catalogue_uses_what_the_exports_must_handle(synthetic):
    pub, files = synthetic
    programs = list(pub.catalogue.programs.values())
    assert len(programs) == 200
    statuses = {pub.standing(p).status for p in programs}
    assert {"active", "suspended"} <= statuses
    assert {k for p in programs for k in p.data.get("designations", {})} == {
        "rishu_shomei",
        "brush_up_program",
        "training_benefit",
    }
    assert len([p for p in programs if f"programs/{p.id}.ctdl.json" in files]) == 200


SHACL_CHUNKS = 4  # four runs of 50 programs (~20-25 CPU s each), spread over the workers


@pytest.mark.parametrize("chunk", range(SHACL_CHUNKS))
def test_schema_org_shacl_has_zero_violations(synthetic, chunk):
    pub, files = synthetic
    programs = list(pub.catalogue.programs.values())[chunk::SHACL_CHUNKS]
    documents = [_json(files, f"programs/{p.id}.jsonld") for p in programs]
    if chunk == 0:
        documents += [_json(files, path) for path in files if path.startswith("providers/")]
        documents.append(_json(files, "vocabularies.jsonld"))
    for document in documents:
        assert count_properties(jsonld_loader.expand(document)) == count_properties(document)
    failing, text = schema_org_shacl_failures(documents)
    assert failing == set(), text[:3000]


def test_pages_and_files_merge_into_the_file(synthetic):
    pub, files = synthetic
    for program in pub.catalogue.programs.values():
        document = _json(files, f"programs/{program.id}.jsonld")
        triples = jsonld.to_rdf(document, {**jsonld_loader.OPTIONS, "format": "application/n-quads"})
        alone = rdflib.Graph().parse(data=triples, format="nt")
        merged = rdflib.Graph()
        for _copy in range(3):  # the ja page, the en page, the file: each parsed on its own, as a crawler does
            merged.parse(data=triples, format="nt")
        assert set(merged) == set(alone), program.id
        assert not untagged_duplicates(merged), program.id
        assert not [n for n in alone.all_nodes() if isinstance(n, rdflib.BNode)], program.id
    assert SCHEMA_CONTEXT == "https://schema.org"


def test_open_badges_achievements_are_valid(synthetic):
    pub, files = synthetic
    validator = achievement_validator()
    checked = 0
    for path, content in files.items():
        if ".achievement." in path:
            achievement = json.loads(content)
            errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(achievement)]
            assert not errors, (path, errors)
            assert count_properties(jsonld_loader.expand(achievement)) == count_properties(achievement), path
            checked += 1
    assert checked == 400


def test_elm_has_zero_problems(synthetic):
    _pub, files = synthetic
    assert elm_problems(_json(files, "catalogue.elm.jsonld.gz")) == []


def test_ctdl_has_zero_problems(synthetic):
    _pub, files = synthetic
    assert ctdl_problems(_json(files, "catalogue.ctdl.json.gz")) == []


def test_json_files_are_valid_against_the_published_schemas_by_their_id(synthetic):
    pub, files = synthetic
    resources = [
        Resource.from_contents(json.loads(content), default_specification=DRAFT202012)
        for path, content in files.items()
        if path.startswith("schemas/")
    ]
    registry = Registry().with_resources((resource.id(), resource) for resource in resources)
    checked = 0
    for path, content in files.items():
        if not path.endswith(".json") or path.startswith("schemas/") or ".ctdl." in path or ".achievement." in path:
            continue
        document = json.loads(content)
        if "$schema" not in document:
            continue  # catalogue.csv-metadata.json (CSV on the Web)
        validator = Draft202012Validator({"$ref": document["$schema"]}, registry=registry)
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]
        assert not errors, (path, errors[:3])
        checked += 1
    assert checked == 200 + 3
    program = Draft202012Validator({"$ref": URLS.schema("program.schema.json")}, registry=registry)
    assert all(not list(program.iter_errors(p.data)) for p in pub.catalogue.programs.values())


def test_the_manifest_digests_match(synthetic):
    _pub, files = synthetic
    manifest = _json(files, "index.json")["files"]
    assert set(manifest) == set(files) - {"index.json"}
    for path, entry in manifest.items():
        assert entry["sha256"] == hashlib.sha256(files[path]).hexdigest() and entry["size"] == len(files[path])


# --- every sample program's files alone ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> Publication:
    return Publication(load_catalogue(REPO / "catalogue"), URLS, date(2026, 12, 1))  # every file published


PROGRAM_IDS = sorted(f"{p.parent.name}/{p.stem}" for p in (REPO / "catalogue" / "programs").glob("*/*.yaml"))


@pytest.mark.parametrize("program_id", PROGRAM_IDS)
def test_every_sample_program_file_validates_alone(sample, program_id):
    program = sample.catalogue.programs[program_id]
    assert elm_problems(program_elm(sample, program)) == []
    assert ctdl_problems(program_ctdl(sample, program)) == []
