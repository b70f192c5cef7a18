"""Credential Engine: the Credential Transparency Description Language (CTDL), as the Credential Registry
takes it (a JSON-LD @graph of publishable resources).

    ctdl_problems(pub, program) -> list[str]   what keeps the program from a publishable graph ([] = none)
    program_ctdl(pub, program) -> dict         /api/v1/programs/{provider}/{slug}.ctdl.json (raises CtdlError)
    catalogue_ctdl(pub) -> dict                every publishable program's graph: /api/v1/catalogue.ctdl.json.gz

A program's graph holds three Registry resources, each with its CTID and `@id` = the Registry's IRI for it
(Urls.ctdl_resource):
- the program as `ceterms:Course`, or `ceterms:LearningProgram` when it is a programme of several parts
  (other registry programs stack into it, or it is a 履修証明プログラム or a BP). CTDL: a Course is "a
  single structured sequence of educational activities", a LearningProgram "a set of learning
  opportunities that leads to an outcome".
- the credential it leads to: `ceterms:MicroCredential`, or `ceterms:Certificate` for those programmes
  (a 履修証明書 is a certificate of a programme).
- the provider as `ceterms:CredentialOrganization`.

CTIDs are never invented here: the Registry keys every update on them. The program's and the provider's
come from their files (`ctid`, given once by `mccat new`); the credential's is derived from the program's
(UUID v5, mccat.model.identifiers.derived_ctid), so it is stable without a field of its own.

What the Registry requires to publish (../shared/vocab/ctdl/README): a CTID on every resource; names and
descriptions of at least 15 characters in every language; the provider's sector (`agentSectorType`).
A program whose files lack one of these has no CTDL file (ctdl_problems says why); the API page and
`mccat export` list them.

Texts are language maps {"ja": ..., "en": ...}; concepts are CredentialAlignmentObjects with framework,
targetNode and targetNodeName (the Registry's JSON Schemas require targetNodeName). What CTDL cannot hold
here (offerings with dates and deadlines need ScheduledOffering resources of their own; subsidies need a
FinancialAssistanceProfile, which the last Registry JSON Schemas reject, so the Education and Training
Benefit designation is a keyword and an identifier) is listed on the API page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mccat import LANGUAGES
from mccat.model.catalogue import Program, Provider
from mccat.model.countries import country_name
from mccat.model.identifiers import CTID, derived_ctid
from mccat.publish import mappings as m
from mccat.publish.bulk import OnceById
from mccat.publish.elm import join_texts, labelled, lang_map, number_text
from mccat.publish.jsonld import descriptor_titles, hours_duration, provider_descriptor_titles, term_labels
from mccat.publish.publication import Publication
from mccat.publish.urls import Urls

CTDL_CONTEXT = "https://credreg.net/ctdl/schema/context/json"
MIN_DESCRIPTION = 15  # Registry Assistant: "Description ... must be a minimum of 15 characters"

Node = dict[str, Any]
Text = dict[str, str]

CAO = "ceterms:CredentialAlignmentObject"
SENTENCE_SEPARATOR = {"ja": "", "en": " "}
STOP = {"ja": "。", "en": ". "}
ISCED_FRAMEWORK = (m.ELM_ISCED_SCHEME, {"ja": "ISCED-F 2013", "en": "ISCED-F 2013"})
EQF_FRAMEWORK = (m.ELM_EQF_SCHEME, {"ja": "欧州資格枠組（EQF）", "en": "European Qualifications Framework"})
ESCO_FRAMEWORK = (m.ESCO_SKILL_SCHEME, {"ja": "ESCOスキル", "en": "ESCO skills"})
TEXTS: dict[str, Text] = {
    "free": {"ja": "無料", "en": "Free of charge"},
    "requires_name": {"ja": "取得要件", "en": "Requirements"},
    "requires": {
        "ja": "「{title}」を修了し、評価に合格すること。",
        "en": "Complete “{title}” and pass its assessment.",
    },
    "hours": {"ja": "総学習時間{hours}時間", "en": "{hours} hours of learning in total"},
    "weeks": {"ja": "（期間{weeks}週間）", "en": " over {weeks} weeks"},
    "ects": {
        "ja": "ECTS単位換算の学習量（提供機関による記載）",
        "en": "ECTS credits: the workload equivalent stated by the provider",
    },
    "registry_id": {"ja": "{name} ID", "en": "{name} ID"},
    "designation_number": {"ja": "{label} 指定番号", "en": "{label}: designation number"},
}


class CtdlError(ValueError):
    """The program cannot be published to the Credential Registry; `problems` says why, one line each."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def credential_ctid(program_ctid: str) -> str:
    """The CTID of the credential a program leads to: derived from the program's, stable."""
    return derived_ctid(program_ctid, "credential")


def _short_languages(value: Mapping[str, str] | None) -> list[str]:
    return [lang for lang, text in lang_map(dict(value or {})).items() if len(text) < MIN_DESCRIPTION]


def _credential_description(program: Program) -> Text:
    """The credential's own description if it has every language of the summary, each long enough; else the
    program's summary (always bilingual)."""
    described = program.data["credential"].get("description")
    summary: Text = program.data["summary"]
    if described and set(lang_map(summary)) <= set(lang_map(described)) and not _short_languages(described):
        return described
    return summary


def ctdl_problems(pub: Publication, program: Program) -> list[str]:
    """What keeps the program from a graph the Credential Registry publishes; [] means program_ctdl succeeds."""
    return pub.cached("ctdl-problems", program.id, lambda: _problems(pub, program))


def _problems(pub: Publication, program: Program) -> list[str]:
    provider = pub.catalogue.providers[program.provider_id]
    problems = []
    for what, record in (("program", program.data), (f"provider {provider.id}", provider.data)):
        ctid = record.get("ctid")
        if not ctid:
            problems.append(f"{what}: no `ctid` (give it one with `mccat new ctid`)")
        elif not CTID.match(ctid):
            problems.append(f"{what}: `ctid` {ctid!r} is not ce- and a UUID in lowercase")
    if not provider.data.get("sector"):
        problems.append(f"provider {provider.id}: no `sector` (the Registry requires agentSectorType)")
    for what, value in (
        ("program `description`", program.data["description"]),
        ("credential description (or the program's `summary`)", _credential_description(program)),
        (f"provider {provider.id} `description`", provider.data["description"]),
    ):
        short = _short_languages(value)
        if short:
            problems.append(f"{what} is shorter than {MIN_DESCRIPTION} characters in {', '.join(short)}")
    return problems


# --- alignment objects --------------------------------------------------------------------------


def _cao(concept: m.Concept) -> Node:
    """A CTDL concept (lifeCycle:Active, ...) as the Registry writes it."""
    framework, framework_name = m.CTDL_FRAMEWORKS[concept.scheme]
    return {
        "@type": CAO,
        "ceterms:framework": framework,
        "ceterms:frameworkName": {"en": framework_name},
        "ceterms:targetNode": concept.iri,
        "ceterms:targetNodeName": {"en": concept.label},
    }


def _caos(concepts: list[m.Concept]) -> list[Node]:
    """Alignments without repeats (several of our codes can map to one CTDL concept)."""
    seen: dict[str, m.Concept] = {}
    for concept in concepts:
        seen.setdefault(concept.iri, concept)
    return [_cao(c) for c in seen.values()]


def _external_cao(framework: tuple[str, Text], name: Text, *, node: str | None = None, code: str | None = None) -> Node:
    result: Node = {
        "@type": CAO,
        "ceterms:framework": framework[0],
        "ceterms:frameworkName": dict(framework[1]),
        "ceterms:targetNodeName": lang_map(name),
    }
    if node:
        result["ceterms:targetNode"] = node
    if code:
        result["ceterms:codedNotation"] = code
    return result


def _fields(program: Program) -> list[Node]:
    return [
        _external_cao(ISCED_FRAMEWORK, term_labels("isced_field", code), node=m.isced_iri(code), code=code)
        for code in program.data["fields"]
    ]


def _eqf(program: Program) -> list[Node]:
    level = program.data.get("level", {})
    if not level.get("eqf"):
        return []
    title = descriptor_titles()["level.eqf"]
    cao = _external_cao(
        EQF_FRAMEWORK,
        {lang: f"{title[lang]} {level['eqf']}" for lang in LANGUAGES},
        node=m.eqf_iri(level["eqf"]),
        code=str(level["eqf"]),
    )
    if level.get("description"):
        cao["ceterms:targetNodeDescription"] = lang_map(level["description"])
    return [cao]


def _teaches(program: Program) -> list[Node]:
    """Outcome statements as named alignments; skills too, pointing at ESCO where given."""
    teaches: list[Node] = [
        {"@type": CAO, "ceterms:targetNodeName": lang_map(outcome)} for outcome in program.data["learning_outcomes"]
    ]
    for skill in program.data.get("skills", []):
        if skill.get("esco"):
            teaches.append(_external_cao(ESCO_FRAMEWORK, skill["label"], node=skill["esco"]))
        else:
            teaches.append({"@type": CAO, "ceterms:targetNodeName": lang_map(skill["label"])})
    return teaches


def _keywords(pub: Publication, program: Program) -> dict[str, list[str]]:
    designations = pub.designations(program)
    labels = [term_labels("designation", code) for code in designations.codes]
    if designations.training_benefit:
        labels.append(term_labels("training_benefit_kind", designations.training_benefit["kind"]))
    labels += [skill["label"] for skill in program.data.get("skills", [])]
    result: dict[str, list[str]] = {}
    for label in labels:
        for lang, value in lang_map(label).items():
            if value not in result.setdefault(lang, []):
                result[lang].append(value)
    return result


# --- profiles -----------------------------------------------------------------------------------


def _duration(effort: dict[str, Any]) -> Node:
    hours, weeks = number_text(effort["hours"]), effort.get("weeks")
    node: Node = {"@type": "ceterms:DurationProfile", "ceterms:timeRequired": hours_duration(effort["hours"])}
    description = {lang: TEXTS["hours"][lang].format(hours=hours) for lang in LANGUAGES}
    if weeks:
        node["ceterms:exactDuration"] = f"P{weeks}W"  # ISO 8601 (schema:Duration)
        description = {lang: description[lang] + TEXTS["weeks"][lang].format(weeks=weeks) for lang in LANGUAGES}
    node["ceterms:description"] = description
    return node


def _cost(program: Program) -> list[Node]:
    fee = program.data.get("fee")
    if not fee:
        return []
    title = descriptor_titles()["fee"]
    base = TEXTS["free"] if fee["amount"] == 0 else title
    description = join_texts([base, fee["notes"]], STOP) if fee.get("notes") else dict(base)
    return [
        {
            "@type": "ceterms:CostProfile",
            "ceterms:name": dict(title),
            "ceterms:description": description,
            "ceterms:directCostType": [_cao(m.TUITION)],
            "ceterms:price": fee["amount"],
            "ceterms:currency": fee["currency"],
            "ceterms:costDetails": program.data["url"],
        }
    ]


def _credit_values(program: Program) -> list[Node]:
    data = program.data
    values: list[Node] = []
    credits = data.get("recognition", {}).get("credits")
    if credits:
        values.append(
            {
                "@type": "ceterms:ValueProfile",
                "schema:value": credits["value"],
                "ceterms:creditUnitType": _caos(list(m.term("credit_system", credits["system"]).ctdl)),
                "schema:description": lang_map(term_labels("credit_system", credits["system"])),
            }
        )
    ects = data["effort"].get("ects")
    if ects is not None and not (credits and credits["system"] == "ects"):
        values.append(
            {
                "@type": "ceterms:ValueProfile",
                "schema:value": ects,
                "ceterms:creditUnitType": [_cao(m.DEGREE_CREDIT)],
                "schema:description": dict(TEXTS["ects"]),
            }
        )
    return values


def _identifier(names: Text, code: str, scheme: str | None = None) -> Node:
    node: Node = {
        "@type": "ceterms:IdentifierValue",
        "ceterms:identifierTypeName": lang_map(names),
        "ceterms:identifierValueCode": code,
    }
    if scheme:
        node["ceterms:identifierType"] = scheme
    return node


def _registry_identifier(pub: Publication, code: str) -> Node:
    names = {lang: TEXTS["registry_id"][lang].format(name=name) for lang, name in lang_map(pub.registry.name).items()}
    return _identifier(names, code, pub.urls.root)


def _registry_reference(pub: Publication) -> Node:
    """The registry as an organisation that is not itself a record of the Credential Registry."""
    return {
        "@type": "ceterms:QACredentialOrganization",
        "ceterms:name": lang_map(pub.registry.name),
        "ceterms:subjectWebpage": pub.registry.url or pub.urls.root,
    }


def _place(country: str, *, name: Text | None = None, prefecture: str | None = None) -> Node:
    place: Node = {
        "@type": "ceterms:Place",
        "ceterms:addressCountry": {lang: country_name(country, lang) for lang in LANGUAGES},
    }
    if name:
        place["ceterms:name"] = lang_map(name)
    if prefecture:
        place["ceterms:addressRegion"] = lang_map(term_labels("prefecture", prefecture))
    return place


# --- resources ----------------------------------------------------------------------------------


def _is_programme(pub: Publication, program: Program) -> bool:
    codes = set(pub.designations(program).codes)
    return bool(pub.catalogue.stacked_from(program.id)) or bool(codes & m.PROGRAMME_DESIGNATIONS)


def organization(pub: Publication, provider: Provider) -> Node:
    data = provider.data
    titles = provider_descriptor_titles()
    identifiers = [_registry_identifier(pub, provider.id)]
    if data.get("corporate_number"):
        identifiers.append(_identifier(titles["corporate_number"], data["corporate_number"], m.CORPORATE_NUMBER_SCHEME))
    if data.get("school_code"):
        identifiers.append(_identifier(titles["school_code"], data["school_code"]))
    node: Node = {
        "@id": Urls.ctdl_resource(data["ctid"]),
        "@type": "ceterms:CredentialOrganization",
        "ceterms:ctid": data["ctid"],
        "ceterms:name": lang_map(data["name"]),
        "ceterms:description": lang_map(data["description"]),
        "ceterms:subjectWebpage": data["url"],
        "ceterms:agentType": _caos(list(m.term("provider_type", data["type"]).ctdl)),
        "ceterms:agentSectorType": _caos(list(m.term("sector", data["sector"]).ctdl)),
        "ceterms:lifeCycleStatusType": _cao(m.ACTIVE[0]),
        "ceterms:address": [_place(data["country"], prefecture=data.get("prefecture"))],
        "ceterms:identifier": identifiers,
    }
    contact = data.get("contact") or {}
    if contact.get("email"):
        node["ceterms:email"] = [contact["email"]]
    return node


def _ids(pub: Publication, program: Program) -> dict[str, str]:
    provider = pub.catalogue.providers[program.provider_id]
    program_ctid = program.data["ctid"]
    return {
        "program": Urls.ctdl_resource(program_ctid),
        "program_ctid": program_ctid,
        "credential": Urls.ctdl_resource(credential_ctid(program_ctid)),
        "credential_ctid": credential_ctid(program_ctid),
        "organization": Urls.ctdl_resource(provider.data["ctid"]),
        "country": provider.data["country"],
    }


def _related(pub: Publication, ids: list[str], *, credential: bool) -> list[str]:
    """Registry records of other programs (or their credentials), for those that have a CTID."""
    found = []
    for program_id in ids:
        other = pub.catalogue.programs.get(program_id)
        ctid = other.data.get("ctid") if other else None
        if ctid:
            found.append(Urls.ctdl_resource(credential_ctid(ctid) if credential else ctid))
    return found


def _dates_and_approval(pub: Publication, program: Program, node: Node) -> None:
    standing = pub.standing(program)
    if standing.first_approved:
        node["ceterms:dateEffective"] = standing.first_approved
    if standing.approved:
        node["ceterms:approvedBy"] = [_registry_reference(pub)]


def _learning(pub: Publication, program: Program, ids: dict[str, str], programme: bool) -> Node:
    data = program.data
    delivery, assessment = data["delivery"], data["assessment"]
    titles = descriptor_titles()
    stackability = data.get("stackability", {})
    node: Node = {
        "@id": ids["program"],
        "@type": "ceterms:LearningProgram" if programme else "ceterms:Course",
        "ceterms:ctid": ids["program_ctid"],
        "ceterms:name": lang_map(data["title"]),
        "ceterms:description": lang_map(data["description"]),
        "ceterms:subjectWebpage": data["url"],
        "ceterms:lifeCycleStatusType": _cao(m.term("status", pub.standing(program).status).ctdl[0]),
        "ceterms:ownedBy": [ids["organization"]],
        "ceterms:offeredBy": [ids["organization"]],
        "ceterms:inLanguage": list(data["languages"]),
        "ceterms:deliveryType": _caos(list(m.term("delivery_mode", delivery["mode"]).ctdl)),
        "ceterms:learningMethodType": _caos(list(m.term("pace", delivery["pace"]).ctdl)),
        "ceterms:estimatedDuration": [_duration(data["effort"])],
        "ceterms:teaches": _teaches(program),
        "ceterms:instructionalProgramType": _fields(program),
        "ceterms:resultsInCredential": [ids["credential"]],
        "ceterms:identifier": [_registry_identifier(pub, program.id)] + _designation_identifiers(pub, program),
        "ceterms:isNonCredit": (data.get("recognition", {}).get("credits") or {}).get("system")
        not in m.FORMAL_CREDIT_SYSTEMS,
    }
    if delivery.get("description"):
        node["ceterms:deliveryTypeDescription"] = lang_map(delivery["description"])
    if delivery.get("location") and delivery["mode"] != "online":
        # the catalogue has no country for sessions: the provider's
        node["ceterms:availableAt"] = [_place(ids["country"], name=delivery["location"])]
    if delivery["mode"] != "onsite":
        node["ceterms:availableOnlineAt"] = [data["url"]]
    if assessment["types"]:
        node["ceterms:assessmentMethodType"] = _caos(
            [c for t in assessment["types"] for c in m.term("assessment_type", t).ctdl]
        )
    verification = labelled(
        titles["assessment.identity_verification"],
        term_labels("identity_verification", assessment["identity_verification"]),
    )
    parts = [assessment["description"]] if assessment.get("description") else []
    node["ceterms:assessmentMethodDescription"] = join_texts([*parts, verification], SENTENCE_SEPARATOR)
    if data.get("prerequisites"):
        node["ceterms:entryCondition"] = [
            {
                "@type": "ceterms:ConditionProfile",
                "ceterms:name": dict(titles["prerequisites"]),
                "ceterms:description": lang_map(data["prerequisites"]),
            }
        ]
    optional = {
        "ceterms:estimatedCost": _cost(program),
        "ceterms:creditValue": _credit_values(program),
        "ceterms:atLevel": _eqf(program),
        "ceterms:keyword": _keywords(pub, program),
        "ceterms:isPartOf": _related(pub, stackability.get("stacks_into", []), credential=False),
        "ceterms:hasPart": _related(pub, [p.id for p in pub.catalogue.stacked_from(program.id)], credential=False),
    }
    node.update({key: value for key, value in optional.items() if value})
    _dates_and_approval(pub, program, node)
    return node


def _designation_identifiers(pub: Publication, program: Program) -> list[Node]:
    benefit = pub.designations(program).training_benefit
    if not benefit:
        return []
    label = term_labels("designation", "training_benefit")
    names = {lang: TEXTS["designation_number"][lang].format(label=label[lang]) for lang in LANGUAGES}
    return [_identifier(names, benefit["number"], pub.urls.term_iri("designation", "training_benefit"))]


def _credential(pub: Publication, program: Program, ids: dict[str, str], programme: bool) -> Node:
    data = program.data
    title = lang_map(data["title"])
    requirement = {
        lang: TEXTS["requires"][lang].format(title=title.get(lang) or next(iter(title.values()))) for lang in LANGUAGES
    }
    node: Node = {
        "@id": ids["credential"],
        "@type": "ceterms:Certificate" if programme else "ceterms:MicroCredential",
        "ceterms:ctid": ids["credential_ctid"],
        "ceterms:name": title,
        "ceterms:description": lang_map(_credential_description(program)),
        "ceterms:subjectWebpage": data["url"],
        "ceterms:ownedBy": [ids["organization"]],
        "ceterms:offeredBy": [ids["organization"]],
        "ceterms:credentialStatusType": _cao(m.term("status", pub.standing(program).status).ctdl[1]),
        "ceterms:inLanguage": list(data["languages"]),
        "ceterms:requires": [
            {
                "@type": "ceterms:ConditionProfile",
                "ceterms:name": dict(TEXTS["requires_name"]),
                "ceterms:description": requirement,
                "ceterms:targetLearningOpportunity": [ids["program"]],
            }
        ],
        "ceterms:learningDeliveryType": _caos(list(m.term("delivery_mode", data["delivery"]["mode"]).ctdl)),
        "ceterms:instructionalProgramType": _fields(program),
        "ceterms:identifier": [_registry_identifier(pub, program.id)],
    }
    recognition = data.get("recognition", {})
    stackability = data.get("stackability", {})
    external_title = descriptor_titles()["stackability.stacks_into_external"]
    optional: dict[str, Any] = {
        "ceterms:atLevel": _eqf(program),
        "ceterms:keyword": _keywords(pub, program),
        "ceterms:recognizedBy": [
            {"@type": "ceterms:CredentialOrganization", "ceterms:name": lang_map(body)}
            for body in recognition.get("recognised_by", [])
        ],
        "ceterms:isPartOf": _related(pub, stackability.get("stacks_into", []), credential=True),
        "ceterms:hasPart": _related(pub, [p.id for p in pub.catalogue.stacked_from(program.id)], credential=True),
        "ceterms:isPreparationFor": [
            {
                "@type": "ceterms:ConditionProfile",
                "ceterms:name": lang_map(external["title"]),
                "ceterms:description": labelled(external_title, external["title"]),
                **({"ceterms:subjectWebpage": external["url"]} if external.get("url") else {}),
            }
            for external in stackability.get("stacks_into_external", [])
        ],
    }
    node.update({key: value for key, value in optional.items() if value})
    _dates_and_approval(pub, program, node)
    return node


def program_graph(pub: Publication, program: Program) -> list[Node]:
    """The program, its credential and its provider (CtdlError when the Registry would refuse them)."""
    problems = ctdl_problems(pub, program)
    if problems:
        raise CtdlError(problems)
    return pub.cached("ctdl", program.id, lambda: _program_graph(pub, program))


def _program_graph(pub: Publication, program: Program) -> list[Node]:
    ids = _ids(pub, program)
    programme = _is_programme(pub, program)
    provider = pub.catalogue.providers[program.provider_id]
    return [
        _learning(pub, program, ids, programme),
        _credential(pub, program, ids, programme),
        organization(pub, provider),
    ]


def program_ctdl(pub: Publication, program: Program) -> dict[str, Any]:
    return {"@context": CTDL_CONTEXT, "@graph": program_graph(pub, program)}


def catalogue_ctdl(pub: Publication) -> dict[str, Any]:
    """Every publishable program's resources in one @graph, each provider once. The build writes the same graph
    program by program into catalogue.ctdl.json.gz (mccat.publish.exports)."""
    once = OnceById()
    programs = [program for program in pub.catalogue.programs.values() if not ctdl_problems(pub, program)]
    return {"@context": CTDL_CONTEXT, "@graph": [node for p in programs for node in once.take(program_graph(pub, p))]}
