"""Europass (ELM v3, LOQ profile) and Credential Engine (CTDL) exports: every program of the sample catalogue,
and variants of sample programs for the edge cases, validate offline with zero problems; each edge case says
what the exports then state; negative controls show that the validation can fail.

Validation is slow (SHACL), so the sample catalogue and every variant are validated together, as one
catalogue-wide document per standard (the per-program files are parts of it: a test checks that), and three
program files on their own. tests/test_interop_synthetic.py (marked `slow`) validates every program file alone
and a 200-program synthetic catalogue.
"""

from __future__ import annotations

import copy
import json
import uuid
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from mccat.model.catalogue import Catalogue, Program
from mccat.model.decisions import Decision
from mccat.publish import mappings as m
from mccat.publish.ctdl import CtdlError, catalogue_ctdl, credential_ctid, ctdl_problems, program_ctdl
from mccat.publish.elm import catalogue_elm, program_elm
from mccat.publish.publication import Publication
from mccat.publish.urls import Urls
from mccat.validation.load import load_catalogue
from tests.interop_validation import ctdl_problems as ctdl_findings
from tests.interop_validation import elm_lexical_problems, elm_problems

REPO = Path(__file__).parents[1]
URLS = Urls("https://registry.example.org/")
BUILD = date(2026, 12, 1)  # every sample program file is published by then
VARIANT_NAMESPACE = uuid.UUID("7e57c0de-0000-4000-8000-000000000016")  # fictional CTIDs of the variants

CLASSROOM = "example-care-association/care-basics-ja-vi"  # blended, two offerings, EQF 3, fee, benefit designation
ONLINE = "example-national-univ/ds-python-basics"  # online, stacks into the certificate
CERTIFICATE = "example-national-univ/data-science-certificate"  # three programs stack into it; 履修証明, BP
EU = "example-uas-nl/circular-product-design"  # NL, EUR, ECTS 2 awarded


@cache
def sample() -> Catalogue:
    return load_catalogue(REPO / "catalogue")


def _variant(base: str, name: str, change) -> Program:
    program = sample().programs[base]
    data = copy.deepcopy(program.data)
    change(data)
    new_id = f"{program.provider_id}/variant-{name}"
    data["ctid"] = f"ce-{uuid.uuid5(VARIANT_NAMESPACE, new_id)}"
    data.get("stackability", {}).pop("stacks_into", None)  # a variant is nobody's part
    if data.get("stackability") == {"stackable": True}:
        data["stackability"] = {"stackable": False}
    return replace(program, id=new_id, data=data)


def _set(**values: Any):
    def change(data: dict) -> None:
        for key, value in values.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value

    return change


def _nested(path: tuple, value: Any):
    def change(data: dict) -> None:
        node = data
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node[path[-1]] = value

    return change


VARIANTS = {
    "no-fee": (CLASSROOM, _set(fee=None)),
    "free": (CLASSROOM, _set(fee={"amount": 0, "currency": "JPY"})),
    "fractional-fee": (EU, _set(fee={"amount": 449.5, "currency": "EUR"})),
    "no-credit": (EU, _set(effort={"hours": 56, "weeks": 8}, recognition=None)),
    "ects-awarded": (EU, _set(recognition={"credits": {"value": 3, "system": "ects"}})),
    "jp-credits": (
        ONLINE,
        _set(
            recognition={"credits": {"value": 2, "system": "jp_university_credit"}},
            effort={"hours": 90, "weeks": 15, "ects": 3},
        ),
    ),
    "us-credits": (ONLINE, _set(recognition={"credits": {"value": 1.5, "system": "us_credit_hour"}})),
    "cpd-points": (ONLINE, _set(recognition={"credits": {"value": 1.5, "system": "cpd_points"}})),
    "no-eqf": (CLASSROOM, _set(level={"description": {"ja": "入門", "en": "Introductory"}})),
    "no-level": (CLASSROOM, _set(level=None)),
    "qualification": (EU, _set(level={"eqf": 7, "nqf": "http://data.europa.eu/snb/qdr/c_c392e7a2"})),
    "online": (ONLINE, _set(delivery={"mode": "online", "pace": "self_paced"})),
    "full-time": (CLASSROOM, _set(effort={"hours": 160, "weeks": 4})),
    "intensive": (CLASSROOM, _set(effort={"hours": 120, "weeks": 8})),
    "fractional-hours": (ONLINE, _set(effort={"hours": 7.5, "weeks": 1})),
    "no-weeks": (ONLINE, _set(effort={"hours": 30})),
    "no-offerings": (CLASSROOM, _set(offerings=None)),
    "same-day-offerings": (
        CLASSROOM,
        _set(offerings=[{"start": "2026-04-13", "end": "2026-06-30"}, {"start": "2026-04-13", "end": "2026-07-31"}]),
    ),
    "one-language-texts": (ONLINE, _set(prerequisites={"ja": "高校数学程度"}, audience={"en": "Managers"})),
    "english-only": (EU, _set(languages=["en"])),
    "no-assessment": (ONLINE, _nested(("assessment", "types"), [])),
    "rishu-shomei": (CERTIFICATE, _set(designations={"rishu_shomei": True})),
    "benefit-ended": (
        CLASSROOM,
        _set(
            designations={
                "training_benefit": {
                    "kind": "general",
                    "number": "999-1",
                    "valid_from": "2022-04-01",
                    "valid_until": "2025-03-31",
                }
            }
        ),
    ),
    "suspended": (ONLINE, _set()),
    "withdrawn": (ONLINE, _set()),
    "expired": (ONLINE, _set()),
}
# The committee's decisions on each variant (mccat.model.decisions): approved in 2025 until 2029, unless ...
REASON = {"ja": "審査中。", "en": "Under review."}
VARIANT_DECISIONS: dict[str, list[tuple[str, str, dict[str, Any]]]] = {
    "suspended": [
        ("2025-04-01", "approve", {"valid_until": "2029-03-31"}),
        ("2025-06-01", "suspend", {"reason": REASON}),
    ],
    "withdrawn": [
        ("2025-04-01", "approve", {"valid_until": "2029-03-31"}),
        ("2025-06-01", "withdraw", {"reason": REASON}),
    ],
    "expired": [("2024-04-01", "approve", {"valid_until": "2025-12-31"})],
}


def _decisions(program_id: str, name: str, first: int) -> dict[str, Decision]:
    """The variant's decisions, numbered VAR-<year>-<first + n>."""
    found = {}
    for number, (day, kind, extra) in enumerate(
        VARIANT_DECISIONS.get(name, [("2025-04-01", "approve", {"valid_until": "2029-03-31"})]), start=first
    ):
        decision_id = f"VAR-{day[:4]}-{number}"
        found[decision_id] = Decision.from_data(
            decision_id, {"date": day, "kind": kind, "programs": [program_id], **extra}
        )
    return found


@cache
def variants() -> Publication:
    """The sample catalogue plus one program per edge case, all published together."""
    programs = dict(sample().programs)
    decisions = dict(sample().decisions)
    for index, (name, (base, change)) in enumerate(VARIANTS.items()):
        variant = _variant(base, name, change)
        programs[variant.id] = variant
        decisions |= _decisions(variant.id, name, 10 * index + 1)
    catalogue = Catalogue(sample().root, sample().providers, dict(sorted(programs.items())), decisions=decisions)
    return Publication(catalogue, URLS, BUILD)


def variant(name: str) -> Program:
    base = VARIANTS[name][0]
    return variants().catalogue.programs[f"{base.split('/')[0]}/variant-{name}"]


def elm(name_or_id: str) -> dict:
    pub = variants()
    program = pub.catalogue.programs.get(name_or_id) or variant(name_or_id)
    return program_elm(pub, program)


def ctdl(name_or_id: str) -> dict:
    pub = variants()
    program = pub.catalogue.programs.get(name_or_id) or variant(name_or_id)
    return program_ctdl(pub, program)


def nodes(doc: dict, type_: str) -> list[dict]:
    return [n for n in doc["@graph"] if n.get("@type") == type_]


def spec(doc: dict) -> dict:
    return next(n for n in doc["@graph"] if n["@id"].endswith("#specification") and "title" in n)


# --- everything validates ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def whole_elm() -> dict:
    return catalogue_elm(variants())


@pytest.fixture(scope="module")
def whole_ctdl() -> dict:
    return catalogue_ctdl(variants())


def test_every_program_and_variant_has_zero_elm_problems(whole_elm):
    """One LOQ validation over every sample program and every variant (the re-activated specification shape,
    dropped keys, vacuous pass, the EU lists' membership, lexical forms)."""
    programs = variants().catalogue.programs
    assert len(programs) == len(sample().programs) + len(VARIANTS) == 33 + len(VARIANTS)
    specifications = [n for n in whole_elm["@graph"] if n["@id"].endswith("#specification") and "title" in n]
    assert len(specifications) == len(programs)
    assert elm_problems(whole_elm) == []


def test_every_program_and_variant_has_zero_ctdl_problems(whole_ctdl):
    programs = variants().catalogue.programs
    learning = [n for n in whole_ctdl["@graph"] if n["@type"] in ("ceterms:Course", "ceterms:LearningProgram")]
    assert len(learning) == len(programs)
    assert ctdl_findings(whole_ctdl) == []


def test_each_program_file_is_its_part_of_the_catalogue_file(whole_elm, whole_ctdl):
    """What the catalogue-wide validation covered is what each program's files hold."""
    pub = variants()
    elm_nodes = {n["@id"]: n for n in whole_elm["@graph"] if "@id" in n}
    ctdl_nodes = {n["@id"]: n for n in whole_ctdl["@graph"]}
    for program in pub.catalogue.programs.values():
        document = program_elm(pub, program)
        assert elm_lexical_problems(document) == [], program.id
        for node in document["@graph"]:
            if "@id" in node and ("title" in node or not node["@id"].endswith("#specification")):  # not a stub
                assert elm_nodes[node["@id"]] == node, (program.id, node["@id"])
        for node in program_ctdl(pub, program)["@graph"]:
            assert ctdl_nodes[node["@id"]] == node, (program.id, node["@id"])


@pytest.mark.parametrize("program_id", [CERTIFICATE, EU, ONLINE])
def test_program_files_validate_on_their_own(program_id):
    assert elm_problems(elm(program_id)) == []
    assert ctdl_findings(ctdl(program_id)) == []


def test_exports_do_not_change_their_inputs():
    catalogue = load_catalogue(REPO / "catalogue")
    before = copy.deepcopy({p.id: p.data for p in catalogue.programs.values()})
    pub = Publication(catalogue, URLS, BUILD)
    for program in catalogue.programs.values():
        program_elm(pub, program)
        program_ctdl(pub, program)
    assert {p.id: p.data for p in catalogue.programs.values()} == before


def test_exports_are_deterministic():
    first = Publication(load_catalogue(REPO / "catalogue"), URLS, BUILD)
    second = Publication(load_catalogue(REPO / "catalogue"), URLS, BUILD)
    assert json.dumps(catalogue_elm(first), sort_keys=True) == json.dumps(catalogue_elm(second), sort_keys=True)
    assert json.dumps(catalogue_ctdl(first), sort_keys=True) == json.dumps(catalogue_ctdl(second), sort_keys=True)


# --- what the exports say --------------------------------------------------------------------------------


def test_one_opportunity_per_offering_with_its_dates_deadline_and_price():
    opportunities = nodes(elm(CLASSROOM), "LearningOpportunity")
    offerings = sample().programs[CLASSROOM].data["offerings"]
    assert len({o["@id"] for o in opportunities}) == len(offerings) == 2
    assert [o["temporal"]["startDate"] for o in opportunities] == [f"{x['start']}T00:00:00" for x in offerings]
    assert [o["applicationDeadline"] for o in opportunities] == [
        f"{x['application_deadline']}T23:59:59" for x in offerings
    ]
    assert {o["priceDetail"]["amount"]["rdf:value"]["@value"] for o in opportunities} == {"180000"}
    assert [o["@id"].rsplit("#", 1)[1] for o in nodes(elm("same-day-offerings"), "LearningOpportunity")] == [
        "opportunity-2026-04-13",
        "opportunity-2026-04-13-2",
    ]
    assert [o["@id"].rsplit("#", 1)[1] for o in nodes(elm("no-offerings"), "LearningOpportunity")] == ["opportunity"]


def test_fees():
    assert all("priceDetail" not in o for o in nodes(elm("no-fee"), "LearningOpportunity"))
    assert "ceterms:estimatedCost" not in ctdl("no-fee")["@graph"][0]
    free = nodes(elm("free"), "LearningOpportunity")[0]["priceDetail"]
    assert free["amount"]["rdf:value"] == {"@value": "0", "@type": "xsd:decimal"}
    assert free["prefLabel"]["en"] == "Free of charge"
    cost = ctdl("free")["@graph"][0]["ceterms:estimatedCost"][0]
    assert cost["ceterms:price"] == 0 and cost["ceterms:description"]["en"] == "Free of charge"
    fractional = nodes(elm("fractional-fee"), "LearningOpportunity")[0]["priceDetail"]["amount"]
    assert fractional["rdf:value"]["@value"] == "449.5"
    assert fractional["unit"]["@id"] == "http://publications.europa.eu/resource/authority/currency/EUR"


def test_credit_points_name_their_framework():
    assert [p["point"] for p in spec(elm(EU))["creditPoint"]] == ["2"]  # ECTS awarded
    assert spec(elm(EU))["creditPoint"][0]["framework"]["@id"] == m.ECTS.iri
    assert "creditPoint" not in spec(elm("no-credit"))
    assert ctdl("no-credit")["@graph"][0]["ceterms:isNonCredit"] is True
    assert [p["point"] for p in spec(elm("ects-awarded"))["creditPoint"]] == ["3"]
    assert spec(elm("ects-awarded"))["learningSetting"]["@id"] == m.FORMAL.iri
    points = spec(elm("jp-credits"))["creditPoint"]
    assert [p["point"] for p in points] == ["3", "2"]  # the ECTS equivalent, then 単位 in our own framework
    assert points[1]["framework"]["@id"] == URLS.term_iri("credit_system", "jp_university_credit")
    assert points[1]["framework"]["prefLabel"] == {"ja": "大学の単位（日本）", "en": "Japanese university credits"}
    values = ctdl("jp-credits")["@graph"][0]["ceterms:creditValue"]
    assert [v["schema:value"] for v in values] == [2, 3]
    assert values[0]["schema:description"]["ja"] == "大学の単位（日本）"
    for name, system in (("us-credits", "us_credit_hour"), ("cpd-points", "cpd_points")):
        assert spec(elm(name))["creditPoint"][0]["point"] == "1.5"
        unit = ctdl(name)["@graph"][0]["ceterms:creditValue"][0]["ceterms:creditUnitType"][0]
        assert unit["ceterms:targetNode"] == m.TERMS["credit_system"][system].ctdl[0].iri


def test_levels():
    assert spec(elm(ONLINE))["educationLevel"]["@id"] == "http://data.europa.eu/snb/eqf/5"
    assert "educationLevel" not in spec(elm("no-eqf")) and "ceterms:atLevel" not in ctdl("no-eqf")["@graph"][0]
    assert "educationLevel" not in spec(elm("no-level"))
    qualification = spec(elm("qualification"))
    assert qualification["@type"] == "Qualification"
    assert qualification["eqfLevel"]["@id"] == "http://data.europa.eu/snb/eqf/7"
    assert qualification["nqfLevel"]["inScheme"]["@id"] == m.ELM_NQF_SCHEME
    assert "educationLevel" not in qualification and "isPartOf" not in qualification


def test_delivery_and_schedule():
    for opportunity in nodes(elm("online"), "LearningOpportunity"):
        assert opportunity["mode"]["@id"] == m.ONLINE.iri and "location" not in opportunity
    course = ctdl("online")["@graph"][0]
    assert course["ceterms:deliveryType"][0]["ceterms:targetNode"] == "deliveryType:OnlineOnly"
    assert course["ceterms:learningMethodType"][0]["ceterms:targetNode"] == "learnMethod:SelfPaced"
    assert "ceterms:availableAt" not in course
    classroom = nodes(elm(CLASSROOM), "LearningOpportunity")[0]
    assert classroom["location"]["address"]["countryCode"]["@id"].endswith("/country/JPN")
    assessment = nodes(elm(CLASSROOM), "LearningAssessmentSpecification")[0]
    verification = sample().programs[CLASSROOM].data["assessment"]["identity_verification"]
    assert assessment["additionalNote"][0]["subject"]["@id"] == URLS.term_iri("identity_verification", verification)
    assert ctdl(CLASSROOM)["@graph"][0]["ceterms:availableAt"][0]["ceterms:addressCountry"] == {
        "ja": "日本",
        "en": "Japan",
    }
    schedule = {n: nodes(elm(n), "LearningOpportunity")[0].get("learningSchedule", {}).get("@id") for n in VARIANTS}
    assert schedule["full-time"] == m.FULL_TIME.iri and schedule["intensive"] == m.PART_TIME_INTENSIVE.iri
    assert nodes(elm("full-time"), "LearningOpportunity")[0]["duration"] == "P28D"  # weeks as days
    assert schedule["no-weeks"] is None
    assert spec(elm("fractional-hours"))["volumeOfLearning"] == "PT7H30M"
    assert ctdl("fractional-hours")["@graph"][0]["ceterms:estimatedDuration"][0]["ceterms:timeRequired"] == "PT7H30M"


def test_texts_keep_their_languages():
    opportunity = nodes(elm("one-language-texts"), "LearningOpportunity")[0]
    notes = [n["noteLiteral"] for n in opportunity["additionalNote"]]
    assert {"en"} in [set(n) for n in notes]  # the English-only audience stays English only
    assert spec(elm("one-language-texts"))["entryRequirement"]["noteLiteral"] == {"ja": "高校数学程度"}
    english = nodes(elm("english-only"), "LearningOpportunity")[0]
    assert english["elm:defaultLanguage"]["@id"].endswith("/language/ENG")


def test_a_program_without_assessment_has_no_assessment_specification():
    assert nodes(elm("no-assessment"), "LearningAssessmentSpecification") == []
    assert "provenBy" not in spec(elm("no-assessment"))
    assert "ceterms:assessmentMethodType" not in ctdl("no-assessment")["@graph"][0]


def test_stacking_makes_a_programme_of_parts():
    """The data-science certificate gathers three registry programs: a LearningProgram leading to a Certificate,
    its parts named from both ends in both standards."""
    course, credential, _organisation = ctdl(CERTIFICATE)["@graph"]
    assert (course["@type"], credential["@type"]) == ("ceterms:LearningProgram", "ceterms:Certificate")
    assert len(course["ceterms:hasPart"]) == len(credential["ceterms:hasPart"]) == 3
    assert len(spec(elm(CERTIFICATE))["hasPart"]) == 3
    part = ctdl(ONLINE)["@graph"]
    assert part[0]["@type"] == "ceterms:Course" and part[1]["@type"] == "ceterms:MicroCredential"
    assert part[0]["ceterms:isPartOf"] == [course["@id"]] and part[1]["ceterms:isPartOf"] == [credential["@id"]]
    assert ctdl("rishu-shomei")["@graph"][0]["@type"] == "ceterms:LearningProgram"  # a 履修証明 on its own too


def test_designations():
    certificate = spec(elm(CERTIFICATE))
    assert certificate["category"]["ja"] == ["履修証明プログラム", "職業実践力育成プログラム（BP）（2024年度認定）"]
    [grant] = nodes(elm(CERTIFICATE), "LearningOpportunity")[0]["grant"]
    assert "専門実践教育訓練" in grant["title"]["ja"] and "9990005-2524003-9" in grant["description"]["en"]
    keywords = ctdl(CERTIFICATE)["@graph"][0]["ceterms:keyword"]["ja"]
    assert {"履修証明プログラム", "教育訓練給付制度の指定講座", "専門実践教育訓練"} <= set(keywords)
    identifiers = ctdl(CERTIFICATE)["@graph"][0]["ceterms:identifier"]
    assert "9990005-2524003-9" in [i["ceterms:identifierValueCode"] for i in identifiers]
    assert "grant" not in nodes(elm("benefit-ended"), "LearningOpportunity")[0]  # its period ended in 2025


def test_the_provider_carries_its_identifiers():
    provider = sample().providers["example-care-association"]
    organisation = next(n for n in elm(CLASSROOM)["@graph"] if n["@id"] == URLS.provider_iri(provider.id))
    assert organisation["registration"]["notation"] == provider.data["corporate_number"]
    assert organisation["registration"]["@type"] == "LegalIdentifier"
    assert organisation["location"]["identifier"]["notation"] == provider.data["prefecture"]
    assert organisation["contactPoint"]["emailAddress"]["@id"] == f"mailto:{provider.data['contact']['email']}"
    ctdl_org = ctdl(CLASSROOM)["@graph"][2]
    assert ctdl_org["ceterms:ctid"] == provider.data["ctid"]
    assert ctdl_org["ceterms:agentSectorType"][0]["ceterms:targetNode"] == "agentSector:PrivateNonProfit"
    codes = [i["ceterms:identifierValueCode"] for i in ctdl_org["ceterms:identifier"]]
    assert provider.data["corporate_number"] in codes
    assert ctdl_org["ceterms:address"][0]["ceterms:addressRegion"] == {"ja": "東京都", "en": "Tokyo"}


@pytest.mark.parametrize(
    ("name", "life_cycle", "credential_status", "approved"),
    [
        (ONLINE, "lifeCycle:Active", "credentialStat:Active", True),
        ("suspended", "lifeCycle:Suspended", "credentialStat:Suspended", False),
        ("withdrawn", "lifeCycle:Ceased", "credentialStat:Deprecated", False),
        ("expired", "lifeCycle:Ceased", "credentialStat:Deprecated", False),
    ],
)
def test_the_life_cycle(name, life_cycle, credential_status, approved):
    course, credential, _ = ctdl(name)["@graph"]
    assert course["ceterms:lifeCycleStatusType"]["ceterms:targetNode"] == life_cycle
    assert credential["ceterms:credentialStatusType"]["ceterms:targetNode"] == credential_status
    assert ("ceterms:approvedBy" in course) == approved
    opportunity = nodes(elm(name), "LearningOpportunity")[0]
    notes = [n["noteLiteral"]["en"] for n in opportunity.get("additionalNote", [])]
    assert any(n.startswith("Status in the registry") for n in notes) == (not approved)
    program = variants().catalogue.programs.get(name) or variant(name)
    standing = variants().standing(program)  # the committee's latest decision and the validity, from the register
    if name in ("suspended", "withdrawn"):  # the latest decision suspends or withdraws: no validity beside it
        assert f"Registry Committee decision {standing.decision}" in notes
    else:
        assert f"Registry Committee decision {standing.decision} (approval valid until {standing.valid_until})" in notes


def test_ctids_come_from_the_files_and_the_credential_ctid_is_derived():
    program = sample().programs[ONLINE]
    course, credential, organisation = ctdl(ONLINE)["@graph"]
    assert course["ceterms:ctid"] == program.data["ctid"]
    assert credential["ceterms:ctid"] == credential_ctid(program.data["ctid"]) != program.data["ctid"]
    assert organisation["ceterms:ctid"] == sample().providers[program.provider_id].data["ctid"]
    assert course["@id"] == f"https://credentialengineregistry.org/resources/{program.data['ctid']}"


def test_a_program_the_registry_would_refuse_gets_no_ctdl_file_and_says_why():
    catalogue = sample()
    program = catalogue.programs[ONLINE]
    provider = catalogue.providers[program.provider_id]
    short = {"ja": "短い説明", "en": "A long enough English description."}
    lacking = Catalogue(
        catalogue.root,
        catalogue.providers
        | {provider.id: replace(provider, data={k: v for k, v in provider.data.items() if k != "sector"})},
        catalogue.programs
        | {
            program.id: replace(
                program, data={k: v for k, v in program.data.items() if k != "ctid"} | {"description": short}
            )
        },
        decisions=catalogue.decisions,
    )
    pub = Publication(lacking, URLS, BUILD)
    problems = ctdl_problems(pub, lacking.programs[ONLINE])
    assert any("no `ctid`" in p for p in problems)
    assert any("`sector`" in p for p in problems)
    assert any("shorter than 15 characters in ja" in p for p in problems)
    with pytest.raises(CtdlError):
        program_ctdl(pub, lacking.programs[ONLINE])
    whole = catalogue_ctdl(pub)  # the others still go out
    assert program.data["ctid"] not in [n.get("ceterms:ctid") for n in whole["@graph"]]
    assert elm_lexical_problems(program_elm(pub, lacking.programs[ONLINE])) == []  # ELM needs neither


# --- the validation can fail -------------------------------------------------------------------------------


def _first(doc: dict, type_: str) -> dict:
    return next(n for n in doc["@graph"] if n.get("@type") == type_)


def _no_type_alias(doc: dict) -> None:
    for node in doc["@graph"]:
        node["type"] = node.pop("@type")


def _eqf9(doc: dict) -> None:
    _first(doc, "LearningAchievementSpecification")["educationLevel"]["@id"] = "http://data.europa.eu/snb/eqf/9"


ELM_FAULTS = {
    "key the context drops": (lambda d: _first(d, "LearningOpportunity").__setitem__("titel", {"en": "x"}), "dropped"),
    "vacuous (type alias)": (_no_type_alias, "'type'"),
    "concept not in its list": (_eqf9, "eqf/9 is not in the local copy"),
    "opportunity without title": (lambda d: _first(d, "LearningOpportunity").pop("title"), "MinCount"),
    "specification without language (deactivated upstream)": (
        lambda d: _first(d, "LearningAchievementSpecification").pop("language"),
        "strict LearningAchievementSpecification",
    ),
    "specification's closed shape": (
        lambda d: _first(d, "LearningAchievementSpecification").__setitem__("duration", "P1D"),
        "ClosedConstraintComponent",
    ),
    "amount as a JSON number": (
        lambda d: _first(d, "LearningOpportunity")["priceDetail"]["amount"].__setitem__("rdf:value", 180000),
        "decimal",
    ),
    "weeks in an xsd:duration": (
        lambda d: _first(d, "LearningOpportunity").__setitem__("duration", "P6W"),
        "xsd:duration",
    ),
    "dateModified term": (
        lambda d: _first(d, "LearningOpportunity").__setitem__("dateModified", "2026-01-05"),
        "dateModified",
    ),
}


@pytest.mark.parametrize("fault", ELM_FAULTS)
def test_the_elm_validation_catches(fault):
    mutate, expected = ELM_FAULTS[fault]
    document = copy.deepcopy(elm(CLASSROOM))
    mutate(document)
    problems = "\n".join(elm_problems(document))
    assert expected in problems, problems[:2000]


CTDL_FAULTS = {
    "a resource without ctid (skipped by the recipe)": (
        lambda d: (d["@graph"][1].pop("ceterms:ctid"), d["@graph"][1].pop("ceterms:name")),
        "no ceterms:ctid",
    ),
    "an unknown concept": (
        lambda d: d["@graph"][0]["ceterms:lifeCycleStatusType"].__setitem__("ceterms:targetNode", "lifeCycle:Activ"),
        "unknown concept",
    ),
    "a misspelt property": (lambda d: d["@graph"][0].__setitem__("ceterms:inLangauge", ["ja"]), "inLangauge"),
    "a property of another class": (
        lambda d: d["@graph"][0].__setitem__(
            "ceterms:credentialStatusType", d["@graph"][1]["ceterms:credentialStatusType"]
        ),
        "is not a property of",
    ),
    "an alignment without targetNodeName": (
        lambda d: d["@graph"][0]["ceterms:deliveryType"][0].pop("ceterms:targetNodeName"),
        "targetNodeName",
    ),
    "a short description": (
        lambda d: d["@graph"][2].__setitem__("ceterms:description", {"ja": "短い説明"}),
        "too short",
    ),
    "a malformed ctid": (lambda d: d["@graph"][2].__setitem__("ceterms:ctid", "ce-XYZ"), "does not match"),
    "a list-valued @type": (lambda d: d["@graph"][0].__setitem__("@type", ["ceterms:Course"]), "one string"),
    "weeks spelt out": (
        lambda d: d["@graph"][0]["ceterms:estimatedDuration"][0].__setitem__("ceterms:exactDuration", "6 weeks"),
        "ISO 8601",
    ),
}


@pytest.mark.parametrize("fault", CTDL_FAULTS)
def test_the_ctdl_validation_catches(fault):
    mutate, expected = CTDL_FAULTS[fault]
    document = copy.deepcopy(ctdl(CLASSROOM))
    mutate(document)
    problems = "\n".join(ctdl_findings(document))
    assert expected in problems, problems[:2000]
