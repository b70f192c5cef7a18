"""Which framework-required information a program publishes, computed from its fields.

Three frameworks list the information a micro-credential must state:

- EU: Council Recommendation on a European approach to micro-credentials
  (2022), Annex I, 11 mandatory elements. Two of them (the learner's identity
  and the date of issue) belong on each credential issued, not on the program.
- AU: National Microcredentials Framework (2021/2022), required information.
- JP: JV-Campus/JMOOC Micro-credential Framework 1.0 (2024), required descriptors.

Each element names the catalogue fields that state it, from the frameworks'
lists of required information above. An element counts as present when one of its fields holds a non-empty value.
Element labels are the schema titles of those fields, so the table reads
like the rest of the program page.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any, Literal

from mccat.model.schema import descriptor_label

Status = Literal["present", "missing", "not_stated", "on_credential"]


@dataclass(frozen=True)
class Element:
    key: str
    fields: tuple[str, ...]  # "program:path.to.field" or "provider:field"; any one present is enough
    condition: Literal["required", "if_applicable", "on_credential"] = "required"
    label: dict[str, str] | None = None  # only for elements with no field of ours


@dataclass(frozen=True)
class Framework:
    key: str
    name: dict[str, str]
    source: str  # where the list comes from, as a citation
    elements: tuple[Element, ...]


ON_CREDENTIAL = {
    "learner": {"ja": "学習者の識別情報", "en": "Identification of the learner"},
    "issued_on": {"ja": "発行日", "en": "Date of issuing"},
}

FRAMEWORKS: tuple[Framework, ...] = (
    Framework(
        "eu",
        {"ja": "EU理事会勧告（2022）附属書I", "en": "EU Council Recommendation (2022), Annex I"},
        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32022H0627(02)",
        (
            Element("learner", (), "on_credential", ON_CREDENTIAL["learner"]),
            Element("title", ("program:title",)),
            Element("country", ("provider:country",)),
            Element("awarding_body", ("program:provider",)),
            Element("issued_on", (), "on_credential", ON_CREDENTIAL["issued_on"]),
            Element("learning_outcomes", ("program:learning_outcomes",)),
            Element("workload", ("program:effort.hours", "program:effort.ects")),
            Element("level", ("program:level.eqf", "program:level.description"), "if_applicable"),
            Element("assessment", ("program:assessment.types",)),
            Element("participation", ("program:delivery.mode",)),
            Element("quality_assurance", ("program:quality_assurance.types",)),
        ),
    ),
    Framework(
        "au",
        {
            "ja": "オーストラリア国家マイクロクレデンシャル枠組み",
            "en": "Australia's National Microcredentials Framework",
        },
        "https://www.education.gov.au/higher-education-publications/resources/national-microcredentials-framework",
        (
            Element("title", ("program:title",)),
            Element("awarding_body", ("program:provider",)),
            Element("content", ("program:description",)),
            Element("learning_outcomes", ("program:learning_outcomes",)),
            Element("participation", ("program:delivery.mode",)),
            Element("language", ("program:languages",)),
            Element("workload", ("program:effort.hours",)),
            Element("assessment", ("program:assessment.types",)),
            Element("quality_assurance", ("program:quality_assurance.types",)),
            Element("certification", ("program:credential.formats",)),
            Element("recognition", ("program:recognition",)),
            Element("prerequisites", ("program:prerequisites",)),
            Element("dates", ("program:offerings",)),
            Element("cost", ("program:fee",)),
        ),
    ),
    Framework(
        "jp",
        {
            "ja": "マイクロクレデンシャル・フレームワーク1.0（JV-Campus・JMOOC）",
            "en": "Japan Micro-credential Framework 1.0 (JV-Campus/JMOOC)",
        },
        "JV-Campus/JMOOC Joint WG, Micro-credential Framework 1.0 (April 2024)",
        (
            Element("title", ("program:title",)),
            Element("awarding_body", ("program:provider",)),
            Element("content", ("program:description",)),
            Element("learning_outcomes", ("program:learning_outcomes",)),
            Element("participation", ("program:delivery.mode",)),
            Element("workload", ("program:effort.hours",)),
            Element("assessment", ("program:assessment.types",)),
            Element("quality_assurance", ("program:quality_assurance.types",)),
            Element("recognition", ("program:recognition",)),
        ),
    ),
)


@dataclass(frozen=True)
class ElementResult:
    element: Element
    status: Status


@dataclass(frozen=True)
class FrameworkResult:
    framework: Framework
    elements: tuple[ElementResult, ...]

    @property
    def required(self) -> tuple[ElementResult, ...]:
        """The elements a program listing can state (not those that belong on each issued credential)."""
        return tuple(r for r in self.elements if r.status != "on_credential")

    @cached_property
    def missing(self) -> tuple[ElementResult, ...]:
        return tuple(r for r in self.elements if r.status == "missing")

    @cached_property
    def present_count(self) -> int:
        return sum(r.status == "present" for r in self.elements)

    @cached_property
    def counted(self) -> int:
        """Elements that count towards the score: required ones, and if-applicable ones that are stated."""
        return sum(r.status in ("present", "missing") for r in self.elements)

    @property
    def complete(self) -> bool:
        return not self.missing


def _stated(value: Any) -> bool:
    if isinstance(value, (list, dict, str)):
        return bool(value)
    return value is not None


def field_value(field: str, program: dict[str, Any], provider: dict[str, Any]) -> Any:
    kind, path = _field_path(field)
    value: Any = program if kind == "program" else provider
    for part in path:
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


@cache
def _field_path(field: str) -> tuple[str, tuple[str, ...]]:
    """A framework element's field ("program:path.to.field") as its kind and path, split once per build (every
    program page and `mccat validate` check every field of every framework)."""
    kind, _, path = field.partition(":")
    return kind, tuple(path.split("."))


def check_conformance(program: dict[str, Any], provider: dict[str, Any]) -> tuple[FrameworkResult, ...]:
    """For each framework, whether the program states each of its elements."""
    results = []
    for framework in FRAMEWORKS:
        elements = []
        for element in framework.elements:
            if element.condition == "on_credential":
                status: Status = "on_credential"
            elif _any_stated(element.fields, program, provider):
                status = "present"
            else:
                status = "not_stated" if element.condition == "if_applicable" else "missing"
            elements.append(_result(element, status))
        results.append(FrameworkResult(framework, tuple(elements)))
    return tuple(results)


def _any_stated(fields: tuple[str, ...], program: dict[str, Any], provider: dict[str, Any]) -> bool:
    for field in fields:  # noqa: SIM110 - a loop, not any() over a generator: a page checks about 100 elements
        if _stated(field_value(field, program, provider)):
            return True
    return False


_RESULTS: dict[tuple[int, str], ElementResult] = {}


def _result(element: Element, status: Status) -> ElementResult:
    """The one ElementResult of an element (a constant of FRAMEWORKS) in a state: results are immutable, and a
    build checks every element of every program in each language."""
    key = (id(element), status)
    found = _RESULTS.get(key)
    if found is None or found.element is not element:
        found = _RESULTS[key] = ElementResult(element, status)
    return found


def element_label(element: Element, lang: str) -> str:
    """An element's name in one language: its own label, or the schema title of its first field.

    The program page's conformance table and `mccat validate`'s notes both name elements with it."""
    if element.label:
        return element.label[lang]
    kind, _, path = element.fields[0].partition(":")
    return descriptor_label(kind, path, lang)


def element_path(element: Element) -> tuple[str, str]:
    """The kind ("program" or "provider") and dotted path of the element's first field."""
    kind, _, path = element.fields[0].partition(":")
    return kind, path


@cache
def _program_requirements() -> tuple[
    tuple[tuple[tuple[str, ...], ...], ...], tuple[tuple[Framework, Element, int], ...]
]:
    """Each framework's required elements a program file can state, with their fields' paths split once.
    Frameworks ask for the same fields (30 requirements, 15 sets of fields): the distinct sets of
    fields, and each requirement with the index of its set."""
    requirements = [
        (framework, element, fields)
        for framework in FRAMEWORKS
        for element in framework.elements
        if element.condition == "required"
        and (
            fields := tuple(tuple(f[len("program:") :].split(".")) for f in element.fields if f.startswith("program:"))
        )
    ]
    field_sets = list(dict.fromkeys(fields for _, _, fields in requirements))
    return tuple(field_sets), tuple((f, e, field_sets.index(fields)) for f, e, fields in requirements)


def _stated_at(data: dict[str, Any], path: tuple[str, ...]) -> bool:
    value: Any = data
    for part in path:
        if not isinstance(value, dict):
            return False
        value = value.get(part)
    return _stated(value)


def missing_in_program(program: dict[str, Any]) -> tuple[tuple[Element, tuple[Framework, ...]], ...]:
    """The required elements a program file does not state yet, each with the frameworks that ask for it
    (in the order the frameworks list them).

    Only what the program file itself can state: an element the provider file states (the
    provider's country) is left out, since the provider schema requires it. `mccat validate` runs this
    on every program, so the paths are split once and each set of fields is looked up once
    (_program_requirements)."""
    field_sets, requirements = _program_requirements()
    stated = [any(_stated_at(program, path) for path in fields) for fields in field_sets]
    found: dict[str, tuple[Element, list[Framework]]] = {}
    for framework, element, index in requirements:
        if not stated[index]:
            found.setdefault(element.key, (element, []))[1].append(framework)
    return tuple((element, tuple(frameworks)) for element, frameworks in found.values())
