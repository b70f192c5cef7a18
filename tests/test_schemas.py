"""The schemas and vocabularies are complete, valid and bilingual."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from mccat.model.schema import SCHEMA_FILES, descriptors, load_schema, resolve, validator
from mccat.model.vocabulary import vocabularies
from mccat.validation.load import load_catalogue

REPO = Path(__file__).parents[1]


@pytest.mark.parametrize("kind", sorted(SCHEMA_FILES))
def test_schema_is_valid_json_schema_2020_12(kind):
    schema = load_schema(kind)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("kind", ["program", "provider"])
def test_every_ref_resolves(kind):
    root = load_schema(kind)

    def walk(node):
        if isinstance(node, dict):
            if "$ref" in node:
                assert resolve(node, root), node["$ref"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(root)
    validator(kind)  # compiles with every reference


@pytest.mark.parametrize("kind", ["program", "provider"])
def test_every_property_has_bilingual_help(kind):
    found = list(descriptors(kind))
    assert len(found) > 5
    for d in found:
        for lang in ("ja", "en"):
            assert d.title[lang].strip(), f"{kind}.{d.name} has no {lang} title"
            assert d.description[lang].strip(), f"{kind}.{d.name} has no {lang} description"


@pytest.mark.parametrize("kind", ["program", "provider"])
def test_unknown_keys_are_errors_everywhere(kind):
    """Every object in the schema closes itself with additionalProperties: false."""
    root = load_schema(kind)

    def walk(node, where):
        node = resolve(node, root)
        if node.get("type") == "object":
            assert node.get("additionalProperties") is False, where
            for name, prop in node.get("properties", {}).items():
                walk(prop, f"{where}.{name}")
        if node.get("type") == "array":
            walk(node.get("items", {}), f"{where}[]")

    walk(root, kind)


def test_every_vocabulary_term_has_both_labels():
    vocabs = vocabularies()
    assert {"delivery_mode", "assessment_type", "qa_type", "credential_format", "isced_field", "provider_type"} <= set(
        vocabs
    )
    for vocab in vocabs.values():
        assert vocab.title["ja"] and vocab.title["en"], vocab.name
        assert len(vocab.terms) == len(set(vocab.terms)), vocab.name
        for term in vocab.terms.values():
            assert term.label["ja"].strip() and term.label["en"].strip(), f"{vocab.name}:{term.code}"
            # a definition in both languages: vocabularies.jsonld publishes it with each term
            assert term.description["ja"].strip() and term.description["en"].strip(), f"{vocab.name}:{term.code}"


def test_isced_narrow_fields_belong_to_a_broad_field():
    broad = vocabularies()["isced_broad_field"].codes
    for code in vocabularies()["isced_field"].codes:
        assert code[:2] in broad, code


def test_sample_catalogue_uses_every_vocabulary_term():
    today = __import__("datetime").date(2026, 12, 1)
    catalogue = load_catalogue(REPO / "catalogue", today=today)
    used: dict[str, set] = {name: set() for name in vocabularies()}
    for program in catalogue.programs.values():
        d = program.data
        used["delivery_mode"].add(d["delivery"]["mode"])
        used["pace"].add(d["delivery"]["pace"])
        used["assessment_type"].update(d["assessment"]["types"])
        used["identity_verification"].add(d["assessment"]["identity_verification"])
        used["qa_type"].update(d["quality_assurance"]["types"])
        used["credential_format"].update(d["credential"]["formats"])
        if "credits" in d.get("recognition", {}):
            used["credit_system"].add(d["recognition"]["credits"]["system"])
        used["language"].update(d["languages"])
        used["isced_field"].update(d["fields"])
        designations = d.get("designations", {})
        used["designation"].update(designations)
        if "training_benefit" in designations:
            used["training_benefit_kind"].add(designations["training_benefit"]["kind"])
    for provider in catalogue.providers.values():
        used["provider_type"].add(provider.data["type"])
        used["sector"].add(provider.data["sector"])
    for decision in catalogue.decisions.values():
        used["decision_kind"].add(decision.kind)
    used["approval_status"] = {catalogue.lifecycle(pid, today).state for pid in catalogue.register.lineages}
    used["approval_status"].add("proposed")  # programs without a decision are not published: previews show them
    for name, vocab in vocabularies().items():
        if name in ("isced_broad_field", "prefecture"):  # derived from the narrow fields; 47 codes
            continue
        assert set(vocab.codes) == used[name], f"{name}: unused {sorted(set(vocab.codes) - used[name])}"


def test_sample_catalogue_exercises_the_spread_the_site_needs():
    catalogue = load_catalogue(REPO / "catalogue")
    programs = list(catalogue.programs.values())
    assert len(catalogue.providers) >= 6 and len(programs) >= 24
    hours = [p.data["effort"]["hours"] for p in programs]
    assert min(hours) <= 12 and max(hours) >= 120
    assert any(p.data.get("fee", {}).get("amount") == 0 for p in programs)
    assert any(p.data.get("fee", {}).get("amount", 0) > 0 for p in programs)
    assert any("credits" in p.data.get("recognition", {}) for p in programs)
    assert any("credits" not in p.data.get("recognition", {}) for p in programs)
    # Stackable chains: at least two programs that several others stack into.
    targets = [pid for pid in catalogue.programs if len(catalogue.stacked_from(pid)) >= 2]
    assert len(targets) >= 2
    today = __import__("datetime").date(2026, 12, 1)  # the snapshot's day: every state shows on the sample site
    states = {pid: catalogue.lifecycle(pid, today).state for pid in catalogue.register.lineages}
    assert set(states.values()) == {"active", "expiring", "expired", "suspended", "withdrawn", "renamed"}
    kinds = {d.kind for d in catalogue.decisions.values()}
    assert kinds == {"approve", "renew", "amend-approval", "suspend", "reinstate", "withdraw", "rename"}
    withdrawn = [pid for pid, state in states.items() if state == "withdrawn"]
    assert withdrawn and not set(withdrawn) & set(catalogue.programs)  # its page stays from the decision's record
    assert catalogue.is_example


def test_editor_settings_map_catalogue_files_to_schemas():
    settings = json.loads((REPO / ".vscode/settings.json").read_text())
    mapping = settings["yaml.schemas"]
    assert mapping["./schemas/program.schema.json"] == "catalogue/programs/*/*.yaml"
    assert mapping["./schemas/provider.schema.json"] == "catalogue/providers/*.yaml"
    for path in Path(REPO / "catalogue").rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.exists(), f"{path}: {first}"


def test_designations_are_the_designation_vocabulary():
    """The program schema's `designations` has one key per term of the `designation` vocabulary (their labels
    and IRIs come from there)."""
    keys = list(load_schema("program")["properties"]["designations"]["properties"])
    assert keys == vocabularies()["designation"].codes
