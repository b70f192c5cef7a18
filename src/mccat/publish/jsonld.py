"""schema.org JSON-LD for programs, providers, the vocabularies and the whole catalogue.

Pure functions of one build's `Publication` (mccat.publish.publication): they build dicts, fetch nothing
and write nothing.

    program_node(pub, program) -> dict                 the program as a node (no @context), computed once
    program_jsonld(pub, program) -> dict               the document: /api/v1/programs/{provider}/{slug}.jsonld,
                                                       and exactly what the program's pages embed
    provider_jsonld(pub, provider) -> dict
    vocabularies_jsonld(pub) -> dict                   every vocabulary as a DefinedTermSet
    tombstone_jsonld(pub, tombstone) -> dict           a program withdrawn or renamed whose file is gone: its
                                                       recorded title and provider, its status, and
                                                       `dcterms:isReplacedBy` the new id after a rename
    catalogue_jsonld(pub, date_modified=None, full=True) -> dict
                                                       an ItemList with every program in full or by reference (and
                                                       the old ids of programs whose file is gone), the registry
                                                       and a DataCatalog of the /api/v1/ files
    json_for_script(data) -> str                       the one way JSON goes into an HTML <script>

Merging cleanly (what an aggregator does with the ja page, the en page and the file):
- The pages embed the standalone document unchanged: every text is a language-tagged value
  ({"@value": ..., "@language": "ja"}) in the page as in the file, so merging them adds nothing.
- Every node has an @id (a fragment of the document that describes it, mccat.publish.urls), offerings
  and offers included: no blank nodes, so three copies merge into one node each. A node that appears in
  several documents (the provider, the registry, a vocabulary term) says the same in each.

Modelling choices (documented for aggregators in docs/*/api.md):
- The program node is typed ["EducationalOccupationalProgram", "Course"]: schema.org defines inLanguage,
  teaches, educationalLevel, about, abstract, timeRequired and hasCourseInstance on Course (a
  CreativeWork), not on EducationalOccupationalProgram, and a multi-typed node uses each property where
  schema.org defines it.
- Vocabulary terms are DefinedTerms with stable @ids in /api/v1/vocabularies.jsonld, `sameAs` the EU's
  concept where there is one (ISCED-F, languages, ECTS, delivery modes; mccat.publish.mappings), with
  ja/en names and definitions. Mappings from our codes to schema.org values are `x-schemaorg` on the
  terms in schemas/vocabularies.schema.json (`term_mapping`).
- Learning outcomes are `teaches` DefinedTerms, one per outcome with its Japanese and English statement;
  skills are the credential's `competencyRequired` (DefinedTerm, `sameAs` ESCO).
- The assessment is a part of the program (`hasPart`, a LearningResource): its types as
  `learningResourceType`, the outcomes it `assesses`, identity verification as a `keywords` term.
  Quality-assurance types are the program's `keywords`; pace and the 履修証明/BP designations its
  `programType`; an Education and Training Benefit designation its `financialAidEligible`.
- Credits are `numberOfCredits` QuantitativeValues whose `unitCode` is the credit system's term (ECTS
  sameAs the EU's ECTS); the ECTS equivalent of the learner effort is a second value.
- The EQF level is a DefinedTerm `sameAs` the EU's EQF level, stated by the provider (self-assessed).
- A program's status on the build date comes from the committee's decisions (mccat.model.lifecycle,
  through mccat.publish.publication): `creativeWorkStatus` is its state as a DefinedTerm, the registry
  appears in `recognizedBy` only while the program is active or expiring, `datePublished` is the first
  approval, `dateModified` the last change, `expires` the last day of the approval in force, and the
  latest decision an `identifier` (PropertyValue) that links to it on the decisions page of its month. A
  renamed program's new id says `dcterms:replaces` the old ones, which say `dcterms:isReplacedBy` it.
- `sdLicense` and `sdPublisher` say under which licence the registry publishes the data (not the course).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any

from mccat import LANGUAGES
from mccat.model.catalogue import Program, Provider, Tombstone
from mccat.model.countries import country_name
from mccat.model.registry import REGISTRY, RegistryBody
from mccat.model.schema import SCHEMA_DIR, descriptors, help_text, load_schema
from mccat.model.vocabulary import vocabularies
from mccat.publish import mappings
from mccat.publish.canonical_json import json_bytes
from mccat.publish.publication import Publication
from mccat.publish.urls import Urls

SCHEMA_CONTEXT = "https://schema.org"
CREDENTIAL_CATEGORY = "micro-credential"
EQF_SCHEME = mappings.ELM_EQF_SCHEME
ESCO_SKILLS = mappings.ESCO_SKILL_SCHEME
STATUS_VOCABULARY = "approval_status"  # the state of a program on a date (mccat.model.lifecycle)
# schema.org has no term for one record replacing another: Dublin Core's, as full IRIs (no context needed).
REPLACES = "http://purl.org/dc/terms/replaces"
IS_REPLACED_BY = "http://purl.org/dc/terms/isReplacedBy"
DECISION_NAME = {"ja": "委員会の決定", "en": "Committee decision"}

# Texts of the exports' own (not descriptors, not vocabulary terms)
SELF_ASSESSED = {
    "ja": "提供機関が示したレベル（自己評価）。国家資格枠組を通じた対応付けではない。",
    "en": "Level stated by the provider (self-assessed), not referenced through a national qualifications framework.",
}
EQF_NAME = {"ja": "EQFレベル{level}", "en": "EQF level {level}"}
ECTS_EQUIVALENT = {"ja": "学習量のECTS換算", "en": "ECTS equivalent of the learner effort"}
DESIGNATION_PERIOD = {"ja": "指定期間 {start}〜{end}", "en": "Designated from {start} to {end}"}
BP_YEAR = {"ja": "{year}年度認定", "en": "Certified in {year}"}

__all__ = ["REGISTRY", "RegistryBody"]  # re-exported: the registry lives in mccat.model.registry


# --- text and vocabulary helpers ---------------------------------------------------------


def text(value: dict[str, str] | None) -> list[dict[str, str]] | None:
    """Bilingual text as language-tagged values, Japanese first; None when there is none."""
    if not value:
        return None
    tagged = [{"@value": value[lang], "@language": lang} for lang in LANGUAGES if value.get(lang)]
    return tagged or None


def _formatted(template: dict[str, str], **values: Any) -> list[dict[str, str]] | None:
    return text({lang: template[lang].format(**values) for lang in LANGUAGES})


def json_for_script(data: Any) -> str:
    """JSON safe inside an HTML <script> element: no '</script>', no '<!--', no line separators.

    `<`, `>` and `&` are written as \\u escapes (they can only occur inside JSON strings,
    so the data is unchanged); U+2028/2029 too, for older JavaScript parsers.
    Keys are sorted so that a page's bytes do not depend on dict order.
    """
    encoded = json_bytes(data, compact=True)[:-1].decode("utf-8")  # without its final newline
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        encoded = encoded.replace(char, escape)
    return encoded


@cache
def _mappings() -> dict[str, dict[str, dict[str, Any]]]:
    defs = load_schema("vocabularies")["$defs"]
    return {name: {t["const"]: t.get("x-schemaorg", {}) for t in node["oneOf"]} for name, node in defs.items()}


def term_mapping(vocabulary: str, code: str) -> dict[str, Any]:
    """The schema.org values a vocabulary term maps to (its `x-schemaorg`), {} if none."""
    return _mappings()[vocabulary].get(code, {})


def term_labels(vocabulary: str, code: str) -> dict[str, str]:
    return vocabularies()[vocabulary].terms[code].label


def defined_term(urls: Urls, vocabulary: str, code: str) -> dict[str, Any]:
    """One of our terms, as every document that uses it writes it (the same triples everywhere)."""
    return {
        "@id": urls.term_iri(vocabulary, code),
        "@type": "DefinedTerm",
        "termCode": code,
        "name": text(term_labels(vocabulary, code)),
        "inDefinedTermSet": urls.vocabulary_iri(vocabulary),
    }


@cache
def load_schema_file(name: str) -> dict[str, Any]:
    """One of our JSON Schema files by file name (schemas/ holds more than mccat.model.schema knows)."""
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


@cache
def descriptor_titles() -> dict[str, dict[str, str]]:
    """The program schema's property titles in both languages, by dotted path ("level.eqf")."""
    return {d.name: d.title for d in descriptors("program")}


@cache
def provider_descriptor_titles() -> dict[str, dict[str, str]]:
    return {d.name: d.title for d in descriptors("provider")}


def hours_duration(hours: float) -> str:
    """ISO 8601 duration of a number of hours: 30 -> PT30H, 7.5 -> PT7H30M."""
    minutes = round(hours * 60)
    whole, rest = divmod(minutes, 60)
    return f"PT{whole}H" + (f"{rest}M" if rest else "")


def _compact(node: dict[str, Any]) -> dict[str, Any]:
    """Drop properties without a value, so absent data never appears as null or []."""
    return {k: v for k, v in node.items() if v not in (None, [], {})}


def offering_fragments(offerings: list[dict[str, Any]]) -> list[str]:
    """A stable fragment per offering, from its start date ("offering-2026-04-01"; "-2" for a second run that
    starts the same day); "offering" for the one undated instance of a program without offerings."""
    if not offerings:
        return ["offering"]
    fragments: list[str] = []
    for offering in offerings:
        fragment = f"offering-{offering['start']}"
        while fragment in fragments:
            fragment += "-2"
        fragments.append(fragment)
    return fragments


def property_value(iri: str, name: dict[str, str], value: Any, property_id: str) -> dict[str, Any]:
    return {"@id": iri, "@type": "PropertyValue", "propertyID": property_id, "name": text(name), "value": value}


# --- nodes ---------------------------------------------------------------------------------


def registry_node(urls: Urls, registry: RegistryBody) -> dict[str, Any]:
    return _compact(
        {
            "@id": urls.registry_iri(),
            "@type": "Organization",
            "name": text(registry.name),
            "url": registry.url or urls.root,
            "email": registry.email,
        }
    )


def _address(urls: Urls, provider: Provider, *, full: bool) -> dict[str, Any]:
    data = provider.data
    country = data["country"]
    country_node = _compact(
        {
            "@id": mappings.country_iri(country),
            "@type": "Country",
            "identifier": country,
            "name": text({lang: country_name(country, lang) for lang in LANGUAGES}),
        }
    )
    prefecture = data.get("prefecture")
    return _compact(
        {
            "@id": urls.provider_part_iri(provider.id, "address"),
            "@type": "PostalAddress",
            "addressCountry": country_node if "@id" in country_node else country,
            "addressRegion": text(term_labels("prefecture", prefecture)) if prefecture and full else None,
        }
    )


def organization_node(pub: Publication, provider: Provider, *, full: bool = False) -> dict[str, Any]:
    """The provider: name, type, web site and country wherever it appears; its file adds the rest."""
    urls, data = pub.urls, provider.data
    node: dict[str, Any] = {
        "@id": urls.provider_iri(provider.id),
        "@type": term_mapping("provider_type", data["type"]).get("@type", "Organization"),
        "name": text(data["name"]),
        "url": data["url"],
        "address": _address(urls, provider, full=full),
    }
    if full:
        titles = provider_descriptor_titles()
        identifiers: list[Any] = [provider.id]
        for key, property_id in (
            ("corporate_number", "corporate_number"),
            ("school_code", "school_code"),
            ("ctid", "ctid"),
        ):
            if data.get(key):
                identifiers.append(
                    property_value(urls.provider_part_iri(provider.id, key), titles[key], data[key], property_id)
                )
        contact = data.get("contact") or {}
        node |= {
            "identifier": identifiers,
            "description": text(data["description"]),
            "mainEntityOfPage": [urls.provider_page(lang, provider.id) for lang in LANGUAGES],
            "iso6523Code": f"{mappings.CORPORATE_NUMBER_ISO6523}:{data['corporate_number']}"
            if data.get("corporate_number")
            else None,
            "email": contact.get("email"),
            "contactPoint": _compact(
                {
                    "@id": urls.provider_part_iri(provider.id, "contact"),
                    "@type": "ContactPoint",
                    "email": contact.get("email"),
                    "url": contact.get("url"),
                }
            )
            if contact
            else None,
            "keywords": [defined_term(urls, "sector", data["sector"])] if data.get("sector") else None,
        }
    return _compact(node)


def _credential_ref(urls: Urls, program: Program) -> dict[str, Any]:
    return {
        "@id": urls.credential_iri(program.id),
        "@type": "EducationalOccupationalCredential",
        "name": text(program.title),
    }


def _skills(urls: Urls, program: Program) -> list[dict[str, Any]]:
    return [
        _compact(
            {
                "@id": urls.program_part_iri(program.id, f"skill-{index}"),
                "@type": "DefinedTerm",
                "name": text(skill["label"]),
                "sameAs": skill.get("esco"),
                "inDefinedTermSet": ESCO_SKILLS if skill.get("esco") else None,
            }
        )
        for index, skill in enumerate(program.data.get("skills", []), start=1)
    ]


def credential_node(pub: Publication, program: Program) -> dict[str, Any]:
    urls, data, catalogue = pub.urls, program.data, pub.catalogue
    recognition = data.get("recognition", {})
    recognized_by = [registry_node(urls, pub.registry)] if pub.standing(program).approved else []
    recognized_by += [
        {
            "@id": urls.program_part_iri(program.id, f"recognised-by-{index}"),
            "@type": "Organization",
            "name": text(body),
        }
        for index, body in enumerate(recognition.get("recognised_by", []), start=1)
    ]
    stackability = data.get("stackability", {})
    part_of = [
        _credential_ref(urls, catalogue.programs[target])
        for target in stackability.get("stacks_into", [])
        if target in catalogue.programs
    ]
    part_of += [
        _compact(
            {
                "@id": urls.program_part_iri(program.id, f"stacks-into-{index}"),
                "@type": "EducationalOccupationalCredential",
                "name": text(external["title"]),
                "url": external.get("url"),
            }
        )
        for index, external in enumerate(stackability.get("stacks_into_external", []), start=1)
    ]
    formats = [term_mapping("credential_format", f).get("encodingFormat") for f in data["credential"]["formats"]]
    return _compact(
        {
            "@id": urls.credential_iri(program.id),
            "@type": "EducationalOccupationalCredential",
            "name": text(data["title"]),
            "description": text(data["credential"].get("description")),
            "credentialCategory": CREDENTIAL_CATEGORY,
            "recognizedBy": recognized_by,
            "encodingFormat": [f for f in formats if f],
            "competencyRequired": _skills(urls, program),
            "isPartOf": part_of,
            "hasPart": [_credential_ref(urls, p) for p in catalogue.stacked_from(program.id)],
        }
    )


def _outcomes(urls: Urls, program: Program) -> list[dict[str, Any]]:
    """Each learning outcome as one node holding its Japanese and English statement."""
    return [
        {
            "@id": urls.program_part_iri(program.id, f"outcome-{index}"),
            "@type": "DefinedTerm",
            "name": text(outcome),
        }
        for index, outcome in enumerate(program.data["learning_outcomes"], start=1)
    ]


def _educational_level(urls: Urls, program: Program) -> list[Any]:
    level = program.data.get("level", {})
    if "eqf" not in level:
        return text(level.get("description")) or []
    return [
        _compact(
            {
                "@id": urls.program_part_iri(program.id, "level"),
                "@type": "DefinedTerm",
                "termCode": str(level["eqf"]),
                "name": _formatted(EQF_NAME, level=level["eqf"]),
                "description": text(level.get("description")),
                "disambiguatingDescription": text(SELF_ASSESSED),
                "inDefinedTermSet": EQF_SCHEME,
                "sameAs": mappings.eqf_iri(level["eqf"]),
            }
        )
    ]


def _assessment(urls: Urls, program: Program) -> list[dict[str, Any]]:
    """The assessment as a part of the program: how learning is assessed and the identity check."""
    assessment = program.data["assessment"]
    if not assessment["types"]:
        return []  # attendance only: nothing is assessed
    outcomes = len(program.data["learning_outcomes"])
    return [
        _compact(
            {
                "@id": urls.program_part_iri(program.id, "assessment"),
                "@type": "LearningResource",
                "name": text(descriptor_titles()["assessment"]),
                "educationalUse": "assessment",
                "learningResourceType": [defined_term(urls, "assessment_type", code) for code in assessment["types"]],
                "description": text(assessment.get("description")),
                "keywords": [defined_term(urls, "identity_verification", assessment["identity_verification"])],
                "assesses": [
                    {"@id": urls.program_part_iri(program.id, f"outcome-{i}")} for i in range(1, outcomes + 1)
                ],
            }
        )
    ]


def _offer(urls: Urls, program: Program, fragment: str, extra: dict[str, Any]) -> dict[str, Any] | None:
    fee = program.data.get("fee")
    if not fee and not extra:
        return None
    node: dict[str, Any] = {"@id": urls.program_part_iri(program.id, fragment), "@type": "Offer"}
    if fee:
        node |= {
            "price": fee["amount"],
            "priceCurrency": fee["currency"],
            "category": "Free" if fee["amount"] == 0 else "Paid",
            "description": text(fee.get("notes")),
        }
    return _compact(node | extra)


def _course_instances(urls: Urls, program: Program) -> list[dict[str, Any]]:
    """One CourseInstance per offering, each with its own offer (deadline); without offerings, one undated
    instance (mode and place). Every one has a stable @id."""
    data = program.data
    delivery = data["delivery"]
    offerings = data.get("offerings", [])
    location = (
        {"@id": urls.program_part_iri(program.id, "location"), "@type": "Place", "name": text(delivery["location"])}
        if delivery.get("location")
        else None
    )
    instances = []
    for fragment, offering in zip(offering_fragments(offerings), offerings or [{}], strict=True):
        deadline = offering.get("application_deadline")
        instances.append(
            _compact(
                {
                    "@id": urls.program_part_iri(program.id, fragment),
                    "@type": "CourseInstance",
                    "courseMode": term_mapping("delivery_mode", delivery["mode"]).get("courseMode"),
                    "location": location,
                    "startDate": offering.get("start"),
                    "endDate": offering.get("end"),
                    "offers": _offer(urls, program, f"{fragment}-offer", {"availabilityEnds": deadline})
                    if deadline
                    else None,
                }
            )
        )
    return instances


def _credits(pub: Publication, program: Program) -> list[dict[str, Any]]:
    """Credits awarded, in their system, and the ECTS equivalent of the learner effort: each names its system
    by its term (unitCode), so 1 Japanese university credit and 2 ECTS never read as the same number."""
    urls, data = pub.urls, program.data
    credits = data.get("recognition", {}).get("credits")
    values = []
    if credits:
        values.append(
            {
                "@id": urls.program_part_iri(program.id, "credits"),
                "@type": "QuantitativeValue",
                "name": text(descriptor_titles()["recognition.credits"]),
                "value": credits["value"],
                "unitCode": urls.term_iri("credit_system", credits["system"]),
                "unitText": text(term_labels("credit_system", credits["system"])),
            }
        )
    ects = data["effort"].get("ects")
    if ects is not None and not (credits and credits["system"] == "ects"):
        values.append(
            {
                "@id": urls.program_part_iri(program.id, "ects"),
                "@type": "QuantitativeValue",
                "name": text(ECTS_EQUIVALENT),
                "value": ects,
                "unitCode": urls.term_iri("credit_system", "ects"),
                "unitText": text(term_labels("credit_system", "ects")),
            }
        )
    return values


def _identifiers(pub: Publication, program: Program) -> list[Any]:
    urls, data = pub.urls, program.data
    titles = descriptor_titles()
    standing = pub.standing(program)
    designations = pub.designations(program)
    values: list[Any] = [program.id]
    if standing.decision:
        values.append(_decision_value(pub, program.id, standing.decision))
    if data.get("ctid"):
        values.append(property_value(urls.program_part_iri(program.id, "ctid"), titles["ctid"], data["ctid"], "ctid"))
    if designations.brush_up_program:
        year = designations.brush_up_program["certified_in"]
        node = property_value(
            urls.program_part_iri(program.id, "brush-up-program"),
            titles["designations.brush_up_program"],
            year,
            urls.term_iri("designation", "brush_up_program"),
        )
        values.append(node | {"description": _formatted(BP_YEAR, year=year)})
    benefit = designations.training_benefit
    if benefit:
        node = property_value(
            urls.program_part_iri(program.id, "training-benefit"),
            titles["designations.training_benefit.number"],
            benefit["number"],
            urls.term_iri("designation", "training_benefit"),
        )
        period = _formatted(DESIGNATION_PERIOD, start=benefit["valid_from"], end=benefit["valid_until"])
        values.append(node | {"description": period})
    return values


def _decision_value(pub: Publication, program_id: str, decision: str) -> dict[str, Any]:
    """The latest decision on the program, linking to it on the decisions page of its month."""
    node = property_value(pub.urls.program_part_iri(program_id, "decision"), DECISION_NAME, decision, "decision")
    day = pub.catalogue.decisions[decision].date  # its month's page
    return node | {"url": [pub.urls.decision_page(lang, decision, day) for lang in LANGUAGES]}


def _replaces(pub: Publication, program: Program | Tombstone) -> list[dict[str, str]]:
    return [{"@id": pub.urls.program_iri(old)} for old in pub.standing(program).predecessors]


def _program_types(pub: Publication, program: Program) -> list[dict[str, Any]]:
    urls = pub.urls
    types = [defined_term(urls, "pace", program.data["delivery"]["pace"])]
    types += [
        defined_term(urls, "designation", code)
        for code in pub.designations(program).codes
        if code in mappings.PROGRAMME_DESIGNATIONS
    ]
    return types


def program_node(pub: Publication, program: Program) -> dict[str, Any]:
    """The program as a schema.org node, every text in both languages (no @context); computed once per build."""
    return pub.cached("jsonld", program.id, lambda: _program_node(pub, program))


def _program_node(pub: Publication, program: Program, only: frozenset[str] | None = None) -> dict[str, Any]:
    """The node; with `only`, just those of its properties (what a program page embeds: mccat.publish.page_jsonld),
    made by the same code, so a part never disagrees with the whole and costs only what it holds."""
    urls, data = pub.urls, program.data
    effort = data["effort"]
    standing = pub.standing(program)
    benefit = pub.designations(program).training_benefit
    parts: dict[str, Callable[[], Any]] = {
        "@id": lambda: urls.program_iri(program.id),
        "@type": lambda: ["EducationalOccupationalProgram", "Course"],
        "identifier": lambda: _identifiers(pub, program),
        "name": lambda: text(data["title"]),
        "abstract": lambda: text(data["summary"]),
        "description": lambda: text(data["description"]),
        "url": lambda: data["url"],
        "mainEntityOfPage": lambda: [urls.program_page(lang, program.id) for lang in LANGUAGES],
        "provider": lambda: organization_node(pub, pub.catalogue.providers[program.provider_id]),
        "educationalCredentialAwarded": lambda: credential_node(pub, program),
        "educationalProgramMode": lambda: term_mapping("delivery_mode", data["delivery"]["mode"]).get(
            "educationalProgramMode"
        ),
        "programType": lambda: _program_types(pub, program),
        "inLanguage": lambda: list(data["languages"]),
        "about": lambda: [
            defined_term(urls, "isced_field", code) | {"sameAs": mappings.isced_iri(code)} for code in data["fields"]
        ],
        "teaches": lambda: _outcomes(urls, program),
        "hasPart": lambda: _assessment(urls, program),
        # the quality assurance types as terms, then the provider's keywords (text in both languages)
        "keywords": lambda: (
            [defined_term(urls, "qa_type", code) for code in data["quality_assurance"]["types"]]
            + [value for keyword in data.get("keywords", []) for value in text(keyword) or []]
        ),
        "educationalLevel": lambda: _educational_level(urls, program),
        "timeRequired": lambda: hours_duration(effort["hours"]),
        "timeToComplete": lambda: f"P{effort['weeks']}W" if "weeks" in effort else None,
        "programPrerequisites": lambda: text(data.get("prerequisites")),
        "audience": lambda: (
            {
                "@id": urls.program_part_iri(program.id, "audience"),
                "@type": "Audience",
                "audienceType": text(data["audience"]),
            }
            if data.get("audience")
            else None
        ),
        "maximumEnrollment": lambda: data.get("capacity"),
        "numberOfCredits": lambda: _credits(pub, program),
        "financialAidEligible": lambda: (
            [defined_term(urls, "training_benefit_kind", benefit["kind"])] if benefit else None
        ),
        "offers": lambda: _offer(urls, program, "offer", {}),
        "hasCourseInstance": lambda: _course_instances(urls, program),
        "creativeWorkStatus": lambda: defined_term(urls, STATUS_VOCABULARY, standing.status),
        "datePublished": lambda: standing.first_approved,
        "dateModified": lambda: standing.modified,
        "expires": lambda: standing.valid_until,
        "sdLicense": lambda: pub.registry.licence.url,
        "sdPublisher": lambda: {"@id": urls.registry_iri()},
        REPLACES: lambda: _replaces(pub, program),
    }
    return _compact({key: make() for key, make in parts.items() if only is None or key in only})


def program_node_part(pub: Publication, program: Program, keys: frozenset[str]) -> dict[str, Any]:
    """Only these properties of `program_node` (not cached: a page's part is made once), made by the same code."""
    return _program_node(pub, program, keys)


def tombstone_node(pub: Publication, tombstone: Tombstone) -> dict[str, Any]:
    """A program withdrawn or renamed whose file is gone: what its decision recorded, its status and dates, and
    (renamed) the id that replaces it. The registry recognises it no more; computed once per build."""
    return pub.cached("jsonld", tombstone.id, lambda: _tombstone_node(pub, tombstone))


def _tombstone_node(pub: Publication, tombstone: Tombstone) -> dict[str, Any]:
    urls = pub.urls
    provider = pub.catalogue.providers.get(tombstone.provider_id)
    record = tombstone.record
    if provider is not None:
        organization = organization_node(pub, provider)
    else:  # the provider's file is gone too: its name as the decision recorded it
        organization = _compact(
            {
                "@id": urls.provider_iri(tombstone.provider_id),
                "@type": "Organization",
                "name": text(record.provider_name if record else None),
            }
        )
    standing = pub.standing(tombstone)
    return _compact(
        {
            "@id": urls.program_iri(tombstone.id),
            "@type": ["EducationalOccupationalProgram", "Course"],
            "identifier": [tombstone.id]
            + ([_decision_value(pub, tombstone.id, standing.decision)] if standing.decision else []),
            "name": text(tombstone.title),
            "mainEntityOfPage": [urls.program_page(lang, tombstone.id) for lang in LANGUAGES],
            "provider": organization,
            "creativeWorkStatus": defined_term(urls, STATUS_VOCABULARY, standing.status),
            "datePublished": standing.first_approved,
            "dateModified": standing.modified,
            "sdLicense": pub.registry.licence.url,
            "sdPublisher": {"@id": urls.registry_iri()},
            REPLACES: _replaces(pub, tombstone),
            IS_REPLACED_BY: {"@id": urls.program_iri(standing.successor)} if standing.successor else None,
        }
    )


# --- documents -----------------------------------------------------------------------------


def program_jsonld(pub: Publication, program: Program) -> dict[str, Any]:
    """The program's JSON-LD document: its file under /api/v1/, and what each of its pages embeds."""
    return {"@context": SCHEMA_CONTEXT, **program_node(pub, program)}


def tombstone_jsonld(pub: Publication, tombstone: Tombstone) -> dict[str, Any]:
    """The JSON-LD document of a program withdrawn or renamed whose file is gone (its file, and its page's)."""
    return {"@context": SCHEMA_CONTEXT, **tombstone_node(pub, tombstone)}


def provider_jsonld(pub: Publication, provider: Provider) -> dict[str, Any]:
    return {"@context": SCHEMA_CONTEXT, **organization_node(pub, provider, full=True)}


def _terms(name: str) -> list[tuple[str, dict[str, str], dict[str, str]]]:
    """A vocabulary's terms as (code, labels, definitions)."""
    return [(t.code, t.label, t.description) for t in vocabularies()[name].terms.values()]


def vocabularies_jsonld(pub: Publication) -> dict[str, Any]:
    """Every controlled vocabulary as a DefinedTermSet: the @ids program documents point to."""
    urls = pub.urls
    sets = []
    for name, vocabulary in vocabularies().items():
        node = load_schema("vocabularies")["$defs"][name]
        sets.append(
            _compact(
                {
                    "@id": urls.vocabulary_iri(name),
                    "@type": "DefinedTermSet",
                    "identifier": name,
                    "name": text(vocabulary.title),
                    "description": text(help_text(node)["description"]),
                    "license": pub.registry.licence.url,
                    "hasDefinedTerm": [
                        _compact(
                            {
                                "@id": urls.term_iri(name, code),
                                "@type": ["DefinedTerm", "Language"] if name == "language" else "DefinedTerm",
                                "termCode": code,
                                "alternateName": code if name == "language" else None,
                                "name": text(label),
                                "description": text(definition),
                                "inDefinedTermSet": urls.vocabulary_iri(name),
                                "sameAs": mappings.same_as(name, code),
                            }
                        )
                        for code, label, definition in _terms(name)
                    ],
                }
            )
        )
    return {"@context": SCHEMA_CONTEXT, "@graph": sets}


FULL_CATALOGUE = "catalogue.full.jsonld.gz"  # catalogue.jsonld with every program in full

# Files listed as the catalogue's distributions: (path under /api/v1/, media type). The three catalogue-wide
# JSON-LD documents in full are gzip-compressed (mccat.publish.bulk); catalogue.jsonld names the programs only.
DISTRIBUTIONS = (
    ("catalogue.jsonld", "application/ld+json"),
    (FULL_CATALOGUE, "application/gzip"),
    ("catalogue.json", "application/json"),
    ("catalogue.csv", "text/csv"),
    ("catalogue.elm.jsonld.gz", "application/gzip"),
    ("catalogue.ctdl.json.gz", "application/gzip"),
    ("changes.json", "application/json"),
    ("decisions.json", "application/json"),
    ("feed.ja.atom", "application/atom+xml"),
    ("feed.en.atom", "application/atom+xml"),
    ("vocabularies.jsonld", "application/ld+json"),
    ("index.json", "application/json"),
)
# What catalogue.jsonld keeps of each program: enough to name it and find its page and its own file (@id).
_REFERENCE = ("@id", "@type", "name", "mainEntityOfPage")


def catalogue_nodes(pub: Publication, *, date_modified: str | None = None) -> list[dict[str, Any]]:
    """The registry and the DataCatalog of the /api/v1/ files: the last nodes of both catalogue documents."""
    urls = pub.urls
    export = help_text(load_schema_file("catalogue-export.schema.json"))
    catalogue_iri = urls.api("catalogue.jsonld")
    licence = pub.registry.licence.url
    data_catalog = _compact(
        {
            "@id": catalogue_iri + "#catalogue",
            "@type": "DataCatalog",
            "name": text(export["title"]),
            "description": text(export["description"]),
            "url": urls.root,
            "publisher": {"@id": urls.registry_iri()},
            "license": licence,
            "inLanguage": list(LANGUAGES),
            "dateModified": date_modified,
            "dataset": {
                "@id": catalogue_iri + "#dataset",
                "@type": "Dataset",
                "name": text(export["title"]),
                "description": text(export["description"]),
                "publisher": {"@id": urls.registry_iri()},
                "license": licence,
                "distribution": [
                    {
                        "@id": f"{catalogue_iri}#distribution-{path}",
                        "@type": "DataDownload",
                        "contentUrl": urls.api(path),
                        "encodingFormat": media_type,
                        "license": licence,
                    }
                    for path, media_type in DISTRIBUTIONS
                ],
                "mainEntity": {"@id": catalogue_iri + "#programs"},
            },
        }
    )
    return [registry_node(urls, pub.registry), data_catalog]


def item_list(pub: Publication, count: int) -> dict[str, Any]:
    """The ItemList of every program, without its items (`list_item`)."""
    return {
        "@id": pub.urls.api("catalogue.jsonld") + "#programs",
        "@type": "ItemList",
        "numberOfItems": count,
        "itemListOrder": "https://schema.org/ItemListUnordered",
    }


def list_item(pub: Publication, position: int, node: dict[str, Any], *, full: bool) -> dict[str, Any]:
    """A program's place in the ItemList: the whole node (the full document) or a reference to it."""
    return {
        "@id": f"{pub.urls.api('catalogue.jsonld')}#item-{position}",
        "@type": "ListItem",
        "position": position,
        "item": node if full else {key: node[key] for key in _REFERENCE if key in node},
    }


def catalogue_graph(pub: Publication) -> list[dict[str, Any]]:
    """Every published program in catalogue order, then the old ids of programs whose file is gone, by id."""
    nodes = [program_node(pub, program) for program in pub.catalogue.programs.values()]
    return nodes + [tombstone_node(pub, pub.tombstones[old]) for old in sorted(pub.tombstones)]


def catalogue_jsonld(pub: Publication, *, date_modified: str | None = None, full: bool = True) -> dict[str, Any]:
    """One document with an ItemList of every program (in full, or by reference), the registry and a
    DataCatalog of the /api/v1/ files. The build writes the same documents program by program
    (mccat.publish.exports): catalogue.jsonld by reference, catalogue.full.jsonld.gz in full."""
    nodes = catalogue_graph(pub)
    items = [list_item(pub, position, node, full=full) for position, node in enumerate(nodes, start=1)]
    programs = item_list(pub, len(nodes)) | {"itemListElement": items}
    return {"@context": SCHEMA_CONTEXT, "@graph": [programs, *catalogue_nodes(pub, date_modified=date_modified)]}
