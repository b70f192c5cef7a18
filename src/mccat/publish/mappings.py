"""Our controlled terms -> Europass ELM / Credential Engine CTDL concepts, in one table.

Our terms and their ja/en labels live in schemas/vocabularies.schema.json; this module holds only what
other schemes call them: the IRI, scheme and official English label of an EU or CTDL concept. One table,
so a reviewer checks every mapping decision in one place; tests/test_interop_mappings.py checks every
code of our vocabularies against it and every target against the official lists
(../shared/vocab/elm3/cv/*.ttl, ../shared/vocab/ctdl/schema/ctdl-schema.json), so a new term without a
mapping fails the tests instead of vanishing from an export.

`None` for ELM means "no EU concept": the exports cite our own term instead (Urls.term_iri, a SKOS concept
in our scheme), which the ELM shapes accept where they do not restrict the scheme. An empty CTDL tuple
means "nothing to say in CTDL". English labels are copied from the official lists: the ELM shapes refuse a
second, different English prefLabel (`sh:uniqueLang`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from mccat.model.countries import alpha3


@dataclass(frozen=True)
class Concept:
    """A concept of someone else's scheme: IRI (or CTDL compact IRI), scheme, official English label."""

    iri: str
    scheme: str
    label: str


@dataclass(frozen=True)
class TermMapping:
    elm: Concept | None
    ctdl: tuple[Concept, ...] = ()


# --- ELM concept schemes (the targetNamespace of elm3/cv/*.xsd) ---------------------------------------------
ELM_MODE_SCHEME: Final = "http://data.europa.eu/snb/learning-assessment/25831c2"
ELM_SCHEDULE_SCHEME: Final = "http://data.europa.eu/snb/learning-schedule/25831c2"
ELM_SETTING_SCHEME: Final = "http://data.europa.eu/snb/learning-setting/25831c2"
ELM_LO_TYPE_SCHEME: Final = "http://data.europa.eu/snb/learning-opportunity/25831c2"
ELM_CREDIT_SCHEME: Final = "http://data.europa.eu/snb/education-credit/25831c2"
ELM_EQF_SCHEME: Final = "http://data.europa.eu/snb/eqf/25831c2"
ELM_ISCED_SCHEME: Final = "http://data.europa.eu/snb/isced-f/25831c2"
ELM_NQF_SCHEME: Final = "http://data.europa.eu/snb/qdr/25831c2"
ELM_LANGUAGE_SCHEME: Final = "http://publications.europa.eu/resource/authority/language"
ELM_COUNTRY_SCHEME: Final = "http://publications.europa.eu/resource/authority/country"
ELM_CURRENCY_SCHEME: Final = "http://publications.europa.eu/resource/authority/currency"
ESCO_SKILL_SCHEME: Final = "http://data.europa.eu/esco/concept-scheme/skills"

# --- CTDL concept schemes: prefix -> (framework URL as the Registry's examples write it, its name) ----------
CTDL_FRAMEWORKS: Final = {
    "lifeCycle": ("https://credreg.net/ctdl/terms/LifeCycleStatus", "Life Cycle Status"),
    "credentialStat": ("https://credreg.net/ctdl/terms/CredentialStatus", "Credential Status"),
    "deliveryType": ("https://credreg.net/ctdl/terms/Delivery", "Delivery Type"),
    "learnMethod": ("https://credreg.net/ctdl/terms/LearningMethod", "Learning Method"),
    "assessMethod": ("https://credreg.net/ctdl/terms/AssessmentMethod", "Assessment Method"),
    "creditUnit": ("https://credreg.net/ctdl/terms/CreditUnit", "Credit Unit Type"),
    "orgType": ("https://credreg.net/ctdl/terms/OrganizationType", "Organization Type"),
    "agentSector": ("https://credreg.net/ctdl/terms/AgentSector", "Agent Sector"),
    "costType": ("https://credreg.net/ctdl/terms/CostType", "Cost Type"),
}


def _elm(iri: str, scheme: str, label: str) -> Concept:
    return Concept(iri, scheme, label)


def _ctdl(compact: str, label: str) -> Concept:
    return Concept(compact, compact.split(":", 1)[0], label)


ONLINE = _elm("http://data.europa.eu/snb/learning-assessment/920fbb3cbe", ELM_MODE_SCHEME, "Online")
PRESENTIAL = _elm("http://data.europa.eu/snb/learning-assessment/9191af2ed9", ELM_MODE_SCHEME, "Presential")
BLENDED = _elm("http://data.europa.eu/snb/learning-assessment/e92d221e4d", ELM_MODE_SCHEME, "Blended")
ECTS = _elm(
    "http://data.europa.eu/snb/education-credit/6fcec5c5af", ELM_CREDIT_SCHEME, "European Credit Transfer System"
)
DEGREE_CREDIT = _ctdl("creditUnit:DegreeCredit", "Degree Credit")
ACTIVE = (_ctdl("lifeCycle:Active", "Active"), _ctdl("credentialStat:Active", "Active"))
CEASED = (_ctdl("lifeCycle:Ceased", "Ceased"), _ctdl("credentialStat:Deprecated", "Deprecated"))
POSTSECONDARY = _ctdl("orgType:Postsecondary", "Postsecondary Educational Institution")
TRAINING_PROVIDER = _ctdl("orgType:TrainingProvider", "Education and Training Provider")

# THE table: vocabulary -> code -> mapping. Codes are those of vocabularies.schema.json; `status` holds the
# states a program can have on a date (mccat.model.lifecycle.STATES, through Standing.status).
TERMS: Final[dict[str, dict[str, TermMapping]]] = {
    "delivery_mode": {
        "online": TermMapping(ONLINE, (_ctdl("deliveryType:OnlineOnly", "Online Only"),)),
        "onsite": TermMapping(PRESENTIAL, (_ctdl("deliveryType:InPerson", "In-Person Only"),)),
        "blended": TermMapping(BLENDED, (_ctdl("deliveryType:BlendedDelivery", "Blended Delivery"),)),
    },
    "pace": {  # ELM has no pace (its learning schedule is full or part time: derived from hours per week)
        "self_paced": TermMapping(None, (_ctdl("learnMethod:SelfPaced", "Self Paced"),)),
        "scheduled": TermMapping(None, (_ctdl("learnMethod:CohortBased", "Cohort-Based"),)),
    },
    "assessment_type": {  # no EU list in the LOQ profile: ELM cites our terms as dc:type
        "written_exam": TermMapping(None, (_ctdl("assessMethod:Exam", "Exam"),)),
        "online_quiz": TermMapping(None, (_ctdl("assessMethod:Exam", "Exam"),)),
        "assignment": TermMapping(None, (_ctdl("assessMethod:Artifact", "Artifact"),)),
        "project": TermMapping(None, (_ctdl("assessMethod:Artifact", "Artifact"),)),
        "portfolio": TermMapping(None, (_ctdl("assessMethod:PortfolioEvaluation", "Portfolio Evaluation"),)),
        "practical": TermMapping(None, (_ctdl("assessMethod:Performance", "Performance"),)),
        "oral": TermMapping(None, (_ctdl("assessMethod:Exam", "Exam"),)),
        "peer_assessment": TermMapping(None, (_ctdl("assessMethod:Artifact", "Artifact"),)),
    },
    "identity_verification": {  # ELM's idVerification exists on an awarded LearningAssessment only (not in LOQ)
        "none": TermMapping(None),
        "id_document": TermMapping(None),
        "online_proctoring": TermMapping(ONLINE),  # decides the assessment's mode
        "supervised_onsite": TermMapping(PRESENTIAL),
    },
    "credit_system": {
        "ects": TermMapping(ECTS, (DEGREE_CREDIT,)),
        "jp_university_credit": TermMapping(None, (DEGREE_CREDIT,)),
        "us_credit_hour": TermMapping(None, (_ctdl("creditUnit:SemesterHour", "Semester Hour"),)),
        "cpd_points": TermMapping(None, (_ctdl("creditUnit:ContinuingEducationUnit", "Continuing Education Unit"),)),
    },
    "provider_type": {  # CTDL agentType (required to publish an organisation)
        "university": TermMapping(None, (POSTSECONDARY, _ctdl("orgType:FourYear", "Four-Year College"))),
        "junior_college": TermMapping(None, (POSTSECONDARY, _ctdl("orgType:TwoYear", "Two-Year College"))),
        "college_of_technology": TermMapping(None, (POSTSECONDARY,)),
        "vocational_school": TermMapping(None, (TRAINING_PROVIDER,)),
        "company": TermMapping(None, (_ctdl("orgType:Business", "Business"),)),
        "professional_body": TermMapping(None, (_ctdl("orgType:ProfessionalAssociation", "Professional Association"),)),
        "mooc_platform": TermMapping(None, (_ctdl("orgType:PrimarilyOnline", "Primarily Online"), TRAINING_PROVIDER)),
        "public_agency": TermMapping(None, (_ctdl("orgType:Government", "Government Agency"),)),
        "nonprofit": TermMapping(None, (TRAINING_PROVIDER,)),
    },
    "sector": {  # CTDL agentSectorType (required to publish an organisation); a 学校法人 is not for profit by law
        "public": TermMapping(None, (_ctdl("agentSector:Public", "Public"),)),
        "private": TermMapping(None, (_ctdl("agentSector:PrivateNonProfit", "Private Not-For-Profit"),)),
        "company": TermMapping(None, (_ctdl("agentSector:PrivateForProfit", "Private For-Profit"),)),
        "nonprofit": TermMapping(None, (_ctdl("agentSector:PrivateNonProfit", "Private Not-For-Profit"),)),
    },
    "status": {  # lifeCycleStatusType, then credentialStatusType
        "active": TermMapping(None, ACTIVE),
        "expiring": TermMapping(None, ACTIVE),  # renewal due; the program still runs
        "expired": TermMapping(None, CEASED),  # a renewal republishes it as Active under the same CTID
        "suspended": TermMapping(
            None, (_ctdl("lifeCycle:Suspended", "Suspended"), _ctdl("credentialStat:Suspended", "Suspended"))
        ),
        "withdrawn": TermMapping(None, CEASED),
        "renamed": TermMapping(None, CEASED),  # the old id: the program goes on under its new id and CTID
        # under review (pull-request previews only: never published)
        "proposed": TermMapping(
            None, (_ctdl("lifeCycle:Developing", "Developing"), _ctdl("credentialStat:Probationary", "Probationary"))
        ),
    },
    "language": {
        "ja": TermMapping(_elm(f"{ELM_LANGUAGE_SCHEME}/JPN", ELM_LANGUAGE_SCHEME, "Japanese")),
        "en": TermMapping(_elm(f"{ELM_LANGUAGE_SCHEME}/ENG", ELM_LANGUAGE_SCHEME, "English")),
        "zh": TermMapping(_elm(f"{ELM_LANGUAGE_SCHEME}/ZHO", ELM_LANGUAGE_SCHEME, "Chinese")),
        "ko": TermMapping(_elm(f"{ELM_LANGUAGE_SCHEME}/KOR", ELM_LANGUAGE_SCHEME, "Korean")),
        "vi": TermMapping(_elm(f"{ELM_LANGUAGE_SCHEME}/VIE", ELM_LANGUAGE_SCHEME, "Vietnamese")),
    },
}

# Derived, not one of our vocabularies: the EU learning schedule from weekly hours, learning setting from
# credit, learning-opportunity type from the provider.
FULL_TIME = _elm("http://data.europa.eu/snb/learning-schedule/72a0ab92fa", ELM_SCHEDULE_SCHEME, "Full time")
PART_TIME_INTENSIVE = _elm(
    "http://data.europa.eu/snb/learning-schedule/f230bae523", ELM_SCHEDULE_SCHEME, "Part time intensive"
)
PART_TIME_LIGHT = _elm("http://data.europa.eu/snb/learning-schedule/67395e6b5a", ELM_SCHEDULE_SCHEME, "Part time light")
FULL_TIME_HOURS_PER_WEEK: Final = 30.0  # our convention: the EU publishes the list without thresholds
INTENSIVE_HOURS_PER_WEEK: Final = 10.0
FORMAL = _elm("http://data.europa.eu/snb/learning-setting/6fd4685715", ELM_SETTING_SCHEME, "formal learning")
NON_FORMAL = _elm("http://data.europa.eu/snb/learning-setting/e207a81fc7", ELM_SETTING_SCHEME, "non-formal learning")
FORMAL_CREDIT_SYSTEMS: Final = frozenset({"ects", "jp_university_credit", "us_credit_hour"})
LO_TYPE_MOOC = _elm("http://data.europa.eu/snb/learning-opportunity/17744a2647", ELM_LO_TYPE_SCHEME, "MOOC")
LO_TYPE_SHORT = _elm(
    "http://data.europa.eu/snb/learning-opportunity/74a4a268e8", ELM_LO_TYPE_SCHEME, "Short learning programme"
)
TUITION = _ctdl("costType:Tuition", "Tuition")
# Designations that make a program a programme of several parts (CTDL LearningProgram leading to a Certificate).
PROGRAMME_DESIGNATIONS: Final = frozenset({"rishu_shomei", "brush_up_program"})

# Identifier schemes of other registers
CORPORATE_NUMBER_SCHEME: Final = "https://www.houjin-bangou.nta.go.jp/"  # the NTA's register
CORPORATE_NUMBER_ISO6523: Final = "0188"  # ISO 6523 ICD of Japan's corporate number (schema.org iso6523Code)
CTDL_REGISTRY: Final = "https://credentialengineregistry.org/resources/"


def term(vocabulary: str, code: str) -> TermMapping:
    """The mapping of one of our codes; the KeyError names the missing entry (tests keep the table complete)."""
    try:
        return TERMS[vocabulary][code]
    except KeyError:
        raise KeyError(f"no ELM/CTDL mapping for {vocabulary}/{code} in mccat.publish.mappings.TERMS") from None


def isced_iri(code: str) -> str:
    """The EU's IRI of an ISCED-F 2013 field (narrow or broad)."""
    return f"http://data.europa.eu/snb/isced-f/{code}"


def eqf_iri(level: int) -> str:
    return f"http://data.europa.eu/snb/eqf/{level}"


def country_iri(code: str) -> str | None:
    """The EU country authority's IRI of an ISO 3166-1 alpha-2 code (JP -> .../country/JPN)."""
    code3 = alpha3(code)
    return f"{ELM_COUNTRY_SCHEME}/{code3}" if code3 else None


def currency_iri(code: str) -> str:
    return f"{ELM_CURRENCY_SCHEME}/{code}"


def same_as(vocabulary: str, code: str) -> str | None:
    """The EU concept one of our terms is the same as (for `sameAs` in vocabularies.jsonld), if any."""
    if vocabulary == "isced_field" or vocabulary == "isced_broad_field":
        return isced_iri(code)
    mapping = TERMS.get(vocabulary, {}).get(code)
    if mapping is None or mapping.elm is None or vocabulary == "identity_verification":
        return None  # identity verification borrows an assessment mode: related, not the same
    return mapping.elm.iri
