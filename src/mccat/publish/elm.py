"""Europass: the European Learning Model v3, application profile LOQ (learning opportunities and
qualifications), what the Europass learning-opportunity portal and the Qualification Data Register take.

    program_elm(pub, program) -> dict       /api/v1/programs/{provider}/{slug}.elm.jsonld
    catalogue_elm(pub) -> dict              every program's nodes in one @graph: /api/v1/catalogue.elm.jsonld.gz

A program's document describes:
- one `LearningOpportunity` per offering: in ELM an opportunity is an offering in time, with one
  `temporal`, its own application deadline and price; one undated opportunity when the program lists no
  offerings. All point to
- one specification of what is learnt and awarded: a `LearningAchievementSpecification` for every
  program, or a `Qualification` only when the program states an EU NQF level (`level.nqf`) with its EQF
  level. LOQ requires an NQF level on a Qualification; Japan has no NQF referenced to the EQF, and
  inventing one would be false. The EQF level, which LOQ allows on Qualification only, goes to the
  specification as `educationLevel` (the EQF concept). LOQ ships the specification's shape deactivated;
  the tests re-activate it, so the specification is held to that closed shape too.
- a `LearningAssessmentSpecification` (types, description; identity verification as a note: LOQ has no
  idVerification on a specification),
- the provider as an `Organisation` (its corporate number as the `LegalIdentifier`, location with the
  prefecture, contact point) and the registry as `publisher`.

Concepts carry their `@type` and `inScheme` (and the official English label where we write one), so the
document is valid without the EU's lists. Our own terms (assessment types, credit systems other than
ECTS, provider types) are SKOS concepts of our schemes (their IRIs in /api/v1/vocabularies.jsonld).

What the edc-ap context does to data, and how this module avoids it (../shared/vocab/README.md):
no id/type aliases (we write @id and @type); `elm:defaultLanguage` and `rdf:value` have no term (compact
IRIs); its `dateModified` is typed @id and silently loses a date (we write `dc:modified` typed
xsd:dateTime); xsd:duration has no weeks (weeks become days); an Amount's value is an xsd:decimal string
(a JSON number would be xsd:integer and fail).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from mccat import LANGUAGES
from mccat.model.catalogue import Program, Provider
from mccat.publish import mappings as m
from mccat.publish.bulk import OnceById
from mccat.publish.jsonld import STATUS_VOCABULARY, descriptor_titles, hours_duration, term_labels
from mccat.publish.publication import Publication

ELM_CONTEXT = "http://data.europa.eu/snb/model/context/edc-ap"

Node = dict[str, Any]
Text = dict[str, str]

REGISTRY_SCHEME = "Micro-credential Registry identifier"
CTID_SCHEME = "Credential Engine CTID"
PREFECTURE_SCHEME = "JIS X 0401"
CORPORATE_NUMBER = {"name": "Corporate Number (Japan)", "agency": "National Tax Agency of Japan"}
SCHOOL_CODE = {
    "name": "School code (MEXT, Japan)",
    "agency": "Ministry of Education, Culture, Sports, Science and Technology",
}
LIST_SEPARATOR = {"ja": "、", "en": ", "}
LABEL_SEPARATOR = {"ja": "：", "en": ": "}
NOTES: dict[str, Text] = {
    "fee": {"ja": "受講料", "en": "Fee"},
    "free": {"ja": "無料", "en": "Free of charge"},
    "capacity": {"ja": "{n}名（1回の開講あたり）", "en": "{n} learners per offering"},
    "stacks_into": {"ja": "積み上げ先", "en": "Counts towards"},
    "status": {"ja": "レジストリでの状況", "en": "Status in the registry"},
    "decision": {"ja": "レジストリ委員会の決定 {decision}", "en": "Registry Committee decision {decision}"},
    "valid_until": {"ja": "（承認の有効期限 {date}）", "en": " (approval valid until {date})"},
    "pages": {"ja": "レジストリのプログラムページ", "en": "Registry page of the program"},
    "designation_number": {
        "ja": "指定番号：{number}（指定期間 {start}〜{end}）",
        "en": "Designation number {number} (designated {start} to {end})",
    },
    "bp_year": {"ja": "{label}（{year}年度認定）", "en": "{label} (certified in {year})"},
}


# --- texts --------------------------------------------------------------------------------------


def lang_map(value: Text | None) -> Text:
    """A bilingual text as a JSON-LD language map, Japanese first, empty languages left out."""
    return {lang: value[lang] for lang in LANGUAGES if value and value.get(lang)}


def join_texts(parts: list[Text], separator: Text) -> Text:
    """Texts joined per language; a language a part lacks is filled from its other language."""
    result: Text = {}
    for lang in LANGUAGES:
        values = [part.get(lang) or next((part[o] for o in LANGUAGES if part.get(o)), "") for part in parts]
        values = [v for v in values if v]
        if values:
            result[lang] = separator[lang].join(values)
    return result


def labelled(label: Text, value: Text | None) -> Text:
    """ "Label: text" in each language the text has (a Note has no title of its own)."""
    return {lang: f"{label[lang]}{LABEL_SEPARATOR[lang]}{text}" for lang, text in lang_map(value).items()}


def number_text(value: float) -> str:
    """2 -> "2", 1.5 -> "1.5" (YAML numbers arrive as int or float)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


# --- value nodes --------------------------------------------------------------------------------


def _concept(concept: m.Concept) -> Node:
    return {
        "@id": concept.iri,
        "@type": "Concept",
        "inScheme": {"@id": concept.scheme, "@type": "ConceptScheme"},
        "prefLabel": {"en": concept.label},
    }


def _eu_concept(iri: str, scheme: str, notation: str | None = None) -> Node:
    """A concept of an EU list whose label we do not write (ISCED-F, EQF, country, currency, ESCO)."""
    node: Node = {"@id": iri, "@type": "Concept", "inScheme": {"@id": scheme, "@type": "ConceptScheme"}}
    if notation:
        node["notation"] = notation
    return node


def _own_concept(pub: Publication, vocabulary: str, code: str) -> Node:
    """One of our terms as a SKOS concept in our own scheme (where there is no EU list)."""
    return {
        "@id": pub.urls.term_iri(vocabulary, code),
        "@type": "Concept",
        "inScheme": {"@id": pub.urls.vocabulary_iri(vocabulary), "@type": "ConceptScheme"},
        "prefLabel": lang_map(term_labels(vocabulary, code)),
        "notation": code,
    }


def _language(code: str) -> Node:
    concept = m.term("language", code).elm
    assert concept is not None, code  # tests/test_interop_mappings.py: every language has its EU concept
    return _concept(concept)


def _country(code: str) -> Node:
    iri = m.country_iri(code)
    assert iri is not None, code  # the validator accepts ISO 3166-1 countries only (mccat.model.countries)
    return _eu_concept(iri, m.ELM_COUNTRY_SCHEME)


def _web_resource(url: str, *, lang: str | None = None, title: Text | None = None) -> Node:
    node: Node = {"@type": "WebResource", "contentURL": url}
    if title:
        node["title"] = lang_map(title)
    if lang:
        node["language"] = _language(lang)
    return node


def _note(value: Text) -> Node:
    return {"@type": "Note", "noteLiteral": lang_map(value)}


def _date_time(value: str, *, end_of_day: bool = False) -> str:
    """YYYY-MM-DD -> a local xsd:dateTime without zone (catalogue dates have none)."""
    return f"{value}T23:59:59" if end_of_day else f"{value}T00:00:00"


def _decimal(value: float) -> Node:
    return {"@value": format(Decimal(str(value)).normalize(), "f"), "@type": "xsd:decimal"}


# --- parts of the document ----------------------------------------------------------------------


def _registry_pages(pub: Publication, program: Program) -> list[Node]:
    return [
        _web_resource(pub.urls.program_page(lang, program.id), lang=lang, title={lang: NOTES["pages"][lang]})
        for lang in LANGUAGES
    ]


def provider_node(pub: Publication, provider: Provider) -> Node:
    """The provider as an ELM Organisation (the same node in every program's document)."""
    urls, data = pub.urls, provider.data
    country = data["country"]
    location: Node = {"@type": "Location", "address": {"@type": "Address", "countryCode": _country(country)}}
    if data.get("prefecture"):
        location["geographicName"] = lang_map(term_labels("prefecture", data["prefecture"]))
        location["identifier"] = {
            "@type": "Identifier",
            "notation": data["prefecture"],
            "schemeName": PREFECTURE_SCHEME,
        }
    identifiers: list[Node] = [{"@type": "Identifier", "notation": provider.id, "schemeName": REGISTRY_SCHEME}]
    if data.get("school_code"):
        identifiers.append(
            {
                "@type": "Identifier",
                "notation": data["school_code"],
                "schemeName": SCHOOL_CODE["name"],
                "schemeAgency": {"en": SCHOOL_CODE["agency"]},
            }
        )
    if data.get("ctid"):
        identifiers.append(
            {
                "@type": "Identifier",
                "notation": data["ctid"],
                "schemeName": CTID_SCHEME,
                "schemeAgency": {"en": "Credential Engine"},
            }
        )
    notes = [_note(data["description"])]  # LOQ has no description on an Organisation
    if data.get("quality_assurance"):
        notes.append(_note(labelled(descriptor_titles()["quality_assurance"], data["quality_assurance"])))
    node: Node = {
        "@id": urls.provider_iri(provider.id),
        "@type": "Organisation",
        "legalName": lang_map(data["name"]),
        "dcType": _own_concept(pub, "provider_type", data["type"]),
        "homepage": _web_resource(data["url"]),
        "location": location,
        "identifier": identifiers,
        "additionalNote": notes,
    }
    if data.get("corporate_number"):
        node["registration"] = {
            "@type": "LegalIdentifier",
            "notation": data["corporate_number"],
            "spatial": _country(country),
            "schemeName": CORPORATE_NUMBER["name"],
            "schemeAgency": {"en": CORPORATE_NUMBER["agency"]},
            "schemeId": m.CORPORATE_NUMBER_SCHEME,
        }
    contact = data.get("contact") or {}
    if contact:
        point: Node = {"@type": "ContactPoint"}
        if contact.get("email"):
            point["emailAddress"] = {"@id": f"mailto:{contact['email']}", "@type": "Mailbox"}
        if contact.get("url"):
            point["contactForm"] = _web_resource(contact["url"])
        node["contactPoint"] = point
    return node


def registry_node(pub: Publication) -> Node:
    registry = pub.registry
    return {
        "@id": pub.urls.registry_iri(),
        "@type": "Organisation",
        "legalName": lang_map(registry.name),
        "homepage": _web_resource(registry.url or pub.urls.root),
        "location": {"@type": "Location", "address": {"@type": "Address", "countryCode": _country(registry.country)}},
    }


def _learning_schedule(effort: dict[str, Any]) -> m.Concept | None:
    """Full or part time from the weekly load (our thresholds, mccat.publish.mappings); None without weeks."""
    weeks = effort.get("weeks")
    if not weeks:
        return None
    per_week = effort["hours"] / weeks
    if per_week >= m.FULL_TIME_HOURS_PER_WEEK:
        return m.FULL_TIME
    return m.PART_TIME_INTENSIVE if per_week >= m.INTENSIVE_HOURS_PER_WEEK else m.PART_TIME_LIGHT


def _credit_points(pub: Publication, program: Program) -> list[Node]:
    """ECTS (awarded, else the stated workload equivalent) and any other credit, each in its framework."""
    data = program.data
    points: list[Node] = []
    credits = data.get("recognition", {}).get("credits")
    ects = data["effort"].get("ects")
    if credits and credits["system"] == "ects":
        ects = credits["value"]
    if ects is not None:
        points.append({"@type": "CreditPoint", "framework": _concept(m.ECTS), "point": number_text(ects)})
    if credits and credits["system"] != "ects":
        mapped = m.term("credit_system", credits["system"]).elm
        framework = _concept(mapped) if mapped else _own_concept(pub, "credit_system", credits["system"])
        points.append({"@type": "CreditPoint", "framework": framework, "point": number_text(credits["value"])})
    return points


def _price(fee: dict[str, Any]) -> Node:
    node: Node = {
        "@type": "PriceDetail",
        "prefLabel": NOTES["free" if fee["amount"] == 0 else "fee"],
        "amount": {
            "@type": "Amount",
            "rdf:value": _decimal(fee["amount"]),
            "unit": _eu_concept(m.currency_iri(fee["currency"]), m.ELM_CURRENCY_SCHEME, fee["currency"]),
        },
    }
    if fee.get("notes"):
        node["description"] = lang_map(fee["notes"])
    return node


def _grants(pub: Publication, program: Program) -> list[Node]:
    """An Education and Training Benefit designation is a grant towards the fee of each opportunity."""
    benefit = pub.designations(program).training_benefit
    if not benefit:
        return []
    number = {
        lang: NOTES["designation_number"][lang].format(
            number=benefit["number"], start=benefit["valid_from"], end=benefit["valid_until"]
        )
        for lang in LANGUAGES
    }
    return [
        {
            "@type": "Grant",
            "title": join_texts(
                [term_labels("designation", "training_benefit"), term_labels("training_benefit_kind", benefit["kind"])],
                LABEL_SEPARATOR,
            ),
            "description": number,
        }
    ]


def _opportunities(pub: Publication, program: Program, provider: Provider, spec_iri: str) -> list[Node]:
    """One LearningOpportunity per offering (each with its dates, deadline and price), or one undated."""
    urls, data = pub.urls, program.data
    delivery = data["delivery"]
    mode = m.term("delivery_mode", delivery["mode"]).elm
    assert mode is not None
    standing = pub.standing(program)
    common: Node = {
        "@type": "LearningOpportunity",
        "title": lang_map(data["title"]),
        "description": lang_map(data["description"]),
        "dcType": _concept(m.LO_TYPE_MOOC if provider.data["type"] == "mooc_platform" else m.LO_TYPE_SHORT),
        "homepage": _web_resource(data["url"]),
        "supplementaryDocument": _registry_pages(pub, program),
        "elm:defaultLanguage": _language(data["languages"][0]),
        "providedBy": {"@id": urls.provider_iri(provider.id)},
        "learningAchievementSpecification": {"@id": spec_iri},
        "mode": _concept(mode),
        "publisher": {"@id": urls.registry_iri()},
        "status": standing.status,
    }
    schedule = _learning_schedule(data["effort"])
    if schedule:
        common["learningSchedule"] = _concept(schedule)
        common["duration"] = f"P{data['effort']['weeks'] * 7}D"
    if delivery.get("description"):
        common["scheduleInformation"] = _note(delivery["description"])
    if delivery.get("location") and delivery["mode"] != "online":
        common["location"] = {
            "@type": "Location",
            "geographicName": lang_map(delivery["location"]),
            "address": {"@type": "Address", "countryCode": _country(provider.data["country"])},
        }
    titles = descriptor_titles()
    notes = []
    if data.get("audience"):
        notes.append(_note(labelled(titles["audience"], data["audience"])))
    if data.get("capacity"):
        capacity = {lang: text.format(n=data["capacity"]) for lang, text in NOTES["capacity"].items()}
        notes.append(_note(labelled(titles["capacity"], capacity)))
    if not standing.approved:  # `status` is a bare string in ELM: say it in words too, for portals that show notes
        notes.append(_note(labelled(NOTES["status"], term_labels(STATUS_VOCABULARY, standing.status))))
    if standing.decision:  # LOQ has no place for an approval's decision and validity: a note says them
        # beside a suspension or withdrawal (the latest decision then) a validity would read as that decision's
        valid = standing.valid_until if standing.status not in ("suspended", "withdrawn") else None
        until = {lang: NOTES["valid_until"][lang].format(date=valid) if valid else "" for lang in LANGUAGES}
        said = {lang: NOTES["decision"][lang].format(decision=standing.decision) + until[lang] for lang in LANGUAGES}
        notes.append(_note(said))
    if notes:
        common["additionalNote"] = notes
    grants = _grants(pub, program)
    if grants:
        common["grant"] = grants
    if data.get("fee"):
        common["priceDetail"] = _price(data["fee"])
    if standing.modified:
        common["dc:modified"] = {"@value": _date_time(standing.modified), "@type": "xsd:dateTime"}

    offerings = data.get("offerings") or []
    if not offerings:
        return [{"@id": urls.elm_iri(program.id, "opportunity"), **common}]
    result, used = [], set()
    for offering in offerings:
        fragment = f"opportunity-{offering['start']}"
        while fragment in used:  # two runs starting the same day
            fragment += "-2"
        used.add(fragment)
        node: Node = {"@id": urls.elm_iri(program.id, fragment), **common}  # shares common values (never changed)
        period: Node = {"@type": "PeriodOfTime", "startDate": _date_time(offering["start"])}
        if offering.get("end"):
            period["endDate"] = _date_time(offering["end"], end_of_day=True)
        node["temporal"] = period
        if offering.get("application_deadline"):
            node["applicationDeadline"] = _date_time(offering["application_deadline"], end_of_day=True)
        result.append(node)
    return result


def _outcomes(pub: Publication, program: Program) -> list[Node]:
    """Each outcome statement, then each skill (with its ESCO concept where given)."""
    urls, data = pub.urls, program.data
    outcomes: list[Node] = [
        {"@id": urls.elm_iri(program.id, f"outcome-{i}"), "@type": "LearningOutcome", "title": lang_map(text)}
        for i, text in enumerate(data["learning_outcomes"], start=1)
    ]
    for i, skill in enumerate(data.get("skills", []), start=1):
        node: Node = {
            "@id": urls.elm_iri(program.id, f"skill-{i}"),
            "@type": "LearningOutcome",
            "title": lang_map(skill["label"]),
        }
        if skill.get("esco"):
            node["relatedESCOSkill"] = _eu_concept(skill["esco"], m.ESCO_SKILL_SCHEME)
        outcomes.append(node)
    return outcomes


def _assessment(pub: Publication, program: Program, spec_iri: str) -> Node | None:
    data = program.data
    assessment = data["assessment"]
    if not assessment["types"]:
        return None  # no assessment: not a micro-credential, nothing to specify
    verification = assessment["identity_verification"]
    mode = m.term("identity_verification", verification).elm or m.term("delivery_mode", data["delivery"]["mode"]).elm
    assert mode is not None
    node: Node = {
        "@id": pub.urls.elm_iri(program.id, "assessment"),
        "@type": "LearningAssessmentSpecification",
        "title": join_texts([term_labels("assessment_type", t) for t in assessment["types"]], LIST_SEPARATOR),
        "dcType": [_own_concept(pub, "assessment_type", t) for t in assessment["types"]],
        "language": [_language(code) for code in data["languages"]],
        "mode": _concept(mode),
        "additionalNote": [
            {
                "@type": "Note",
                "noteLiteral": labelled(
                    descriptor_titles()["assessment.identity_verification"],
                    term_labels("identity_verification", verification),
                ),
                "subject": _own_concept(pub, "identity_verification", verification),
            }
        ],
        "proves": {"@id": spec_iri},
    }
    if assessment.get("description"):
        node["description"] = lang_map(assessment["description"])
    return node


def _specification_notes(program: Program) -> list[Node]:
    """What LOQ has no property for on a specification: QA, certification, level text, recognition."""
    data, titles = program.data, descriptor_titles()
    qa = data["quality_assurance"]
    notes = [
        _note(
            labelled(
                titles["quality_assurance"],
                join_texts([term_labels("qa_type", t) for t in qa["types"]], LIST_SEPARATOR),
            )
        )
    ]
    if qa.get("description"):
        notes.append(_note(labelled(titles["quality_assurance.description"], qa["description"])))
    credential = data["credential"]
    formats = join_texts([term_labels("credential_format", f) for f in credential["formats"]], LIST_SEPARATOR)
    notes.append(_note(labelled(titles["credential.formats"], formats)))
    if credential.get("description"):
        notes.append(_note(labelled(titles["credential.description"], credential["description"])))
    level = data.get("level", {})
    if level.get("description"):
        notes.append(_note(labelled(titles["level.description"], level["description"])))
    recognition = data.get("recognition", {})
    if recognition.get("recognised_by"):
        bodies = join_texts(list(recognition["recognised_by"]), LIST_SEPARATOR)
        notes.append(_note(labelled(titles["recognition.recognised_by"], bodies)))
    if recognition.get("description"):
        notes.append(_note(labelled(titles["recognition.description"], recognition["description"])))
    return notes


def _identifiers(pub: Publication, program: Program) -> list[Node]:
    standing = pub.standing(program)
    registry_id: Node = {
        "@type": "Identifier",
        "notation": program.id,
        "schemeName": REGISTRY_SCHEME,
        "schemeAgency": {"en": pub.registry.name["en"]},
    }
    if standing.first_approved:
        registry_id["dateIssued"] = _date_time(standing.first_approved)  # the id exists since the first approval
    identifiers = [registry_id]
    if program.data.get("ctid"):
        identifiers.append(
            {
                "@type": "Identifier",
                "notation": program.data["ctid"],
                "schemeName": CTID_SCHEME,
                "schemeAgency": {"en": "Credential Engine"},
            }
        )
    return identifiers


def _categories(pub: Publication, program: Program) -> Text | dict[str, list[str]] | None:
    """履修証明 and BP designations as the specification's categories."""
    designations = pub.designations(program)
    labels: list[Text] = []
    if designations.rishu_shomei:
        labels.append(term_labels("designation", "rishu_shomei"))
    if designations.brush_up_program:
        label, year = term_labels("designation", "brush_up_program"), designations.brush_up_program["certified_in"]
        labels.append({lang: NOTES["bp_year"][lang].format(label=label[lang], year=year) for lang in LANGUAGES})
    if not labels:
        return None
    return {lang: [label[lang] for label in labels] for lang in LANGUAGES}


def _specification(
    pub: Publication, program: Program, spec_iri: str, assessment: Node | None
) -> tuple[Node, list[Node]]:
    """The specification (or Qualification) and the stub nodes of the specifications it stacks with."""
    urls, data = pub.urls, program.data
    level = data.get("level", {})
    qualification = bool(level.get("nqf") and level.get("eqf"))
    delivery_mode = m.term("delivery_mode", data["delivery"]["mode"]).elm
    assert delivery_mode is not None
    credits = data.get("recognition", {}).get("credits")
    setting = m.FORMAL if credits and credits["system"] in m.FORMAL_CREDIT_SYSTEMS else m.NON_FORMAL
    standing = pub.standing(program)
    node: Node = {
        "@id": spec_iri,
        "@type": "Qualification" if qualification else "LearningAchievementSpecification",
        "title": lang_map(data["title"]),
        "description": lang_map(data["summary"]),
        "identifier": _identifiers(pub, program),
        "homepage": _web_resource(data["url"]),
        "supplementaryDocument": _registry_pages(pub, program),
        "thematicArea": [_eu_concept(m.isced_iri(code), m.ELM_ISCED_SCHEME, code) for code in data["fields"]],
        "language": [_language(code) for code in data["languages"]],
        "mode": _concept(delivery_mode),
        "learningSetting": _concept(setting),
        "volumeOfLearning": hours_duration(data["effort"]["hours"]),
        "learningOutcome": _outcomes(pub, program),
        "awardingOpportunity": {
            "@type": "AwardingOpportunity",
            "awardingBody": {"@id": urls.provider_iri(program.provider_id)},
            "learningAchievementSpecification": {"@id": spec_iri},
        },
        "additionalNote": _specification_notes(program),
        "publisher": {"@id": urls.registry_iri()},
        "status": standing.status,
    }
    points = _credit_points(pub, program)
    if points:
        node["creditPoint"] = points
    if level.get("eqf"):
        eqf = _eu_concept(m.eqf_iri(level["eqf"]), m.ELM_EQF_SCHEME, str(level["eqf"]))
        if qualification:
            node["eqfLevel"] = eqf
            node["nqfLevel"] = _eu_concept(level["nqf"], m.ELM_NQF_SCHEME)
        else:
            node["educationLevel"] = eqf
    if data.get("prerequisites"):
        node["entryRequirement"] = _note(data["prerequisites"])
    if assessment:
        node["provenBy"] = {"@id": assessment["@id"]}
    categories = _categories(pub, program)
    if categories:
        node["category"] = categories
    if standing.modified:
        node["dc:modified"] = {"@value": _date_time(standing.modified), "@type": "xsd:dateTime"}

    stubs: list[Node] = []
    stackability = data.get("stackability", {})
    if qualification:
        # LOQ lets a Qualification be part of a Qualification only: say it in words instead.
        targets: list[Text] = [
            pub.catalogue.programs[t].title for t in stackability.get("stacks_into", []) if t in pub.catalogue.programs
        ]
        targets += [dict(t["title"]) for t in stackability.get("stacks_into_external", [])]
        if targets:
            node["additionalNote"].append(_note(labelled(NOTES["stacks_into"], join_texts(targets, LIST_SEPARATOR))))
        return node, stubs
    part_of: list[Node] = []
    for target in stackability.get("stacks_into", []):
        stub = {"@id": urls.elm_iri(target, "specification"), "@type": "LearningAchievementSpecification"}
        stubs.append(stub)
        part_of.append({"@id": stub["@id"]})
    for external in stackability.get("stacks_into_external", []):
        ext: Node = {"@type": "LearningAchievementSpecification", "title": lang_map(external["title"])}
        if external.get("url"):
            ext["homepage"] = _web_resource(external["url"])
        part_of.append(ext)
    if part_of:
        node["isPartOf"] = part_of
    parts = [p.id for p in pub.catalogue.stacked_from(program.id)]
    if parts:
        node["hasPart"] = [{"@id": urls.elm_iri(part, "specification")} for part in parts]
        stubs += [
            {"@id": urls.elm_iri(part, "specification"), "@type": "LearningAchievementSpecification"} for part in parts
        ]
    return node, stubs


def program_graph(pub: Publication, program: Program) -> list[Node]:
    """The program's nodes: opportunities, specification, assessment, provider, registry, stubs."""
    return pub.cached("elm", program.id, lambda: _program_graph(pub, program))


def _program_graph(pub: Publication, program: Program) -> list[Node]:
    provider = pub.catalogue.providers[program.provider_id]
    spec_iri = pub.urls.elm_iri(program.id, "specification")
    assessment = _assessment(pub, program, spec_iri)
    specification, stubs = _specification(pub, program, spec_iri, assessment)
    graph = _opportunities(pub, program, provider, spec_iri)
    graph.append(specification)
    if assessment:
        graph.append(assessment)
    graph.append(provider_node(pub, provider))
    graph.append(registry_node(pub))
    return graph + stubs


def program_elm(pub: Publication, program: Program) -> dict[str, Any]:
    """The program as an ELM v3 (LOQ) JSON-LD document: the edc-ap context and one @graph."""
    return {"@context": ELM_CONTEXT, "@graph": program_graph(pub, program)}


def catalogue_elm(pub: Publication) -> dict[str, Any]:
    """Every program in one @graph: each node once (providers and the registry are shared; a stacking stub
    gives way to the full specification it stands for: mccat.publish.bulk.OnceById). The build writes the same
    graph program by program into catalogue.elm.jsonld.gz (mccat.publish.exports)."""
    once = OnceById()
    graph = [node for program in pub.catalogue.programs.values() for node in once.take(program_graph(pub, program))]
    return {"@context": ELM_CONTEXT, "@graph": graph + once.rest()}
