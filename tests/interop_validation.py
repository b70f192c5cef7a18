"""Offline validation of the ELM and CTDL exports: the shared recipes, imported as they are, plus the checks
they lack. Nothing in ../shared/vocab is modified; the recipes are loaded from their files.

- ELM: elm3/validate_elm.py `validate(doc, "loq")`: pyld -> RDF with the two local contexts, the fixed LOQ
  and controlled-vocabulary shapes, keys dropped by the context, a vacuous pass (no targeted node), and
  membership of concepts in the EU lists. Its warnings (elm: terms missing from the ontology) count too.
  Added here:
  * `strict_specification_problems`: LOQ ships the LearningAchievementSpecification shape deactivated, so
    a specification would pass whatever it holds. Each main specification (the object of an opportunity's
    learningAchievementSpecification) is validated against a re-activated copy (closed; title, ISCED-F,
    language, outcomes required).
  * `elm_lexical_problems`: the RDF round trip hides two traps, so the JSON is checked itself. rdflib
    rewrites "P6W" as P42D and "P1.5Y" as P1Y (xsd:duration has no weeks, no fractional years), and the
    context types `dateModified` as @id, so a date there becomes a relative IRI that pyld drops without
    reporting it. Durations and date-times must be XSD-lexical; the context's broken terms (dateModified,
    resultDestribution, nationalID, areaDialingCode) and the undefined aliases id/type must not occur.
- CTDL: ctdl/validate_ctdl.py `validate(doc)`: context and vocabulary (classes, properties, domains,
  concepts), the minimum data for publishing, the fixed Registry JSON Schemas.
  Added here (`ctdl_problems`): the recipe checks only @graph nodes that carry a ceterms:ctid, so a Course
  or credential that lost its CTID would pass unchecked; here every node of a Registry resource type must
  have one. A list-valued @type makes the recipe raise TypeError: reported as a problem, not a crash.

Validating a whole catalogue: `elm_problems` takes a document with many programs' nodes (the catalogue-wide
file), which pyshacl validates in one run (far faster than one run per program).
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pyshacl
import rdflib
from rdflib.namespace import RDF, SH

from tests.jsonld_loader import VOCAB_DIR

ELM = rdflib.Namespace("http://data.europa.eu/snb/model/elm/")
LOQ = rdflib.Namespace("http://data.europa.eu/snb/model/ap/loq-constraints/")


def _load(name: str, path: Path) -> ModuleType:
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} is missing: the offline vocabularies live in ../shared/vocab (or MCCAT_VOCAB_DIR)"
        )
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def elm_validator() -> ModuleType:
    return _load("shared_validate_elm", VOCAB_DIR / "elm3" / "validate_elm.py")


@functools.cache
def ctdl_validator() -> ModuleType:
    return _load("shared_validate_ctdl", VOCAB_DIR / "ctdl" / "validate_ctdl.py")


@functools.cache
def _strict_specification_shape() -> rdflib.Graph:
    """The LOQ LearningAchievementSpecification shape with everything it uses, re-activated, untargeted."""
    shapes = elm_validator().shapes_graph("loq")
    root = LOQ.LearningAchievementSpecificationShape
    out = rdflib.Graph()
    todo, seen = [root], set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for predicate, obj in shapes.predicate_objects(node):
            if node == root and predicate in (SH.deactivated, SH.targetClass):
                continue
            out.add((node, predicate, obj))
            if isinstance(obj, rdflib.BNode) or predicate == SH.node:
                todo.append(obj)
    return out


def main_specifications(data: rdflib.Graph) -> set[Any]:
    return {
        spec
        for opportunity in data.subjects(RDF.type, ELM.LearningOpportunity)
        for spec in data.objects(opportunity, ELM.learningAchievementSpecification)
        if (spec, RDF.type, ELM.LearningAchievementSpecification) in data
    }


def strict_specification_problems(data: rdflib.Graph) -> list[str]:
    specs = main_specifications(data)
    if not specs:
        return []
    shapes = rdflib.Graph()
    shapes += _strict_specification_shape()
    for spec in specs:
        shapes.add((LOQ.LearningAchievementSpecificationShape, SH.targetNode, spec))
    extra, _errors = elm_validator().cv_support(data)
    conforms, _graph, text = pyshacl.validate(
        data + extra, shacl_graph=shapes, inference="none", abort_on_first=False, allow_warnings=True, advanced=False
    )
    return [] if conforms else ["strict LearningAchievementSpecification shape:\n" + text]


XSD_DURATION = re.compile(r"^-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$")
XSD_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
ISO_DURATION = re.compile(r"^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$")
XSD_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ELM_DURATION_KEYS = frozenset({"duration", "volumeOfLearning", "maximumDuration", "workload"})
ELM_DATE_TIME_KEYS = frozenset(
    {"startDate", "endDate", "applicationDeadline", "dateIssued", "dc:modified", "expiryDate", "reviewDate"}
)
ELM_FORBIDDEN_KEYS = frozenset({"dateModified", "resultDestribution", "nationalID", "areaDialingCode", "id", "type"})
CTDL_RESOURCE_TYPES = frozenset(
    {
        "ceterms:Course",
        "ceterms:LearningProgram",
        "ceterms:LearningOpportunityProfile",
        "ceterms:CredentialOrganization",
        "ceterms:QACredentialOrganization",
        "ceterms:Organization",
    }
)


def _walk(node: Any, path: str = ""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield path, key, value
            yield from _walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, f"{path}[{index}]")


def _literal(value: Any) -> Any:
    return value.get("@value") if isinstance(value, dict) else value


def elm_lexical_problems(doc: dict[str, Any]) -> list[str]:
    problems = []
    for path, key, value in _walk(doc):
        if key in ELM_FORBIDDEN_KEYS:
            problems.append(f"{path}: key {key!r} is lost or mistyped by the edc-ap context")
        for item in value if isinstance(value, list) else [value]:
            literal = _literal(item)
            if key in ELM_DURATION_KEYS and not (isinstance(literal, str) and XSD_DURATION.match(literal)):
                problems.append(f"{path}/{key}: {literal!r} is not an xsd:duration")
            if key in ELM_DATE_TIME_KEYS and not (isinstance(literal, str) and XSD_DATE_TIME.match(literal)):
                problems.append(f"{path}/{key}: {literal!r} is not an xsd:dateTime")
    return problems


def elm_problems(doc: dict[str, Any]) -> list[str]:
    """Every ELM (LOQ) problem of a document; [] means zero violations and zero warnings."""
    problems = elm_lexical_problems(doc)
    conforms, text, data = elm_validator().validate(doc, "loq")
    if not conforms or "Warning:" in text:
        problems.append(text)
    else:
        problems += strict_specification_problems(data)
    return problems


def _is_resource_type(type_: Any) -> bool:
    if not isinstance(type_, str):
        return False
    return type_ in CTDL_RESOURCE_TYPES or "ceterms:Credential" in ctdl_validator().superclasses(type_)


def ctdl_problems(doc: dict[str, Any]) -> list[str]:
    """Every CTDL problem of a @graph document; [] means the Credential Registry would take it."""
    problems = []
    for index, node in enumerate(doc.get("@graph", [doc])):
        type_ = node.get("@type")
        if not isinstance(type_, str):
            problems.append(f"@graph[{index}]: @type must be one string (the shared recipe cannot handle {type_!r})")
        elif _is_resource_type(type_) and "ceterms:ctid" not in node:
            problems.append(f"@graph[{index}] {type_}: no ceterms:ctid, so no Registry rule was checked")
    for path, key, value in _walk(doc):
        if key in ("ceterms:exactDuration", "ceterms:timeRequired") and not ISO_DURATION.match(str(value)):
            problems.append(f"{path}/{key}: {value!r} is not an ISO 8601 duration")
        if key in ("ceterms:dateEffective", "ceterms:expirationDate") and not XSD_DATE.match(str(value)):
            problems.append(f"{path}/{key}: {value!r} is not an xsd:date")
    if problems:
        return problems
    try:
        return list(ctdl_validator().validate(doc))
    except Exception as exc:  # the recipe's own limits, reported instead of crashing the test run
        return [f"shared CTDL validator failed: {type(exc).__name__}: {exc}"]
