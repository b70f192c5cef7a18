"""Open Badges 3.0 `Achievement` per program and language, for issuers.

    program_achievement(pub, program, lang) -> dict

An issuer that awards a badge for an approved program copies this Achievement, the whole
object, into the badge's `credentialSubject.achievement`: the Open Badges 3.0 schema
requires the object there (id, type, name, description, criteria), not its id alone.
Open Badges 3.0 texts
(name, description, criteria) are single strings, so there is one Achievement
per language, each `inLanguage` its language and linked to the other edition by
`related`, as the specification intends for language editions:

    /api/v1/programs/{provider}/{slug}.achievement.ja.json
    /api/v1/programs/{provider}/{slug}.achievement.en.json

The `id` of each is its own URL. Mapping:
    name <- title; description <- summary; criteria.narrative <- learning outcomes
    and assessment (Markdown); criteria.id <- the program page; creator <- provider;
    achievementType MicroCredential; alignment <- ISCED-F fields (our vocabulary
    term IRIs) and ESCO skills; tag <- skill labels; fieldOfStudy <- main field;
    creditsAvailable <- ECTS credits (awarded in ECTS, else the ECTS equivalent of the
    learner effort); humanCode <- program id.
Open Badges has a number for credits but no credit system, so `creditsAvailable` is always
ECTS; credits in another system (Japanese university credits, ...) are stated with their
system in the criteria's narrative, and only there.
resultDescription is left out: the catalogue has no structured pass marks, and
completion is what the badge itself states.

Badges already issued point to an Achievement's id, so the file stays when
its program is withdrawn or renamed and its catalogue file is deleted
(`tombstone_achievement(pub, tombstone, lang)`): the recorded title and provider, a description
that says what happened and, after a rename, `related` to the Achievement of
the new id.
"""

from __future__ import annotations

from typing import Any

from mccat import LANGUAGES
from mccat.model.catalogue import Program, Tombstone
from mccat.model.vocabulary import vocabularies
from mccat.publish.jsonld import descriptor_titles, term_labels
from mccat.publish.publication import Publication
from mccat.publish.urls import Urls

OB_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
LIST_SEPARATOR = {"ja": "、", "en": ", "}
CREDITS = {"ja": "{system}：{value}", "en": "{value} {system}"}


def _in(value: dict[str, str] | None, lang: str) -> str | None:
    """The text in `lang`, else in the other language (optional texts may have only one)."""
    if not value:
        return None
    return value.get(lang) or next((value[other] for other in LANGUAGES if value.get(other)), None)


def criteria_narrative(data: dict[str, Any], lang: str) -> str:
    """What a learner must achieve, as Markdown: the learning outcomes, then how they are assessed."""
    titles = descriptor_titles()
    lines = [f"## {titles['learning_outcomes'][lang]}", ""]
    lines += [f"- {outcome[lang]}" for outcome in data["learning_outcomes"]]
    assessment = data["assessment"]
    lines += ["", f"## {titles['assessment'][lang]}", ""]
    types = [term_labels("assessment_type", code)[lang] for code in assessment["types"]]
    if types:
        lines.append(LIST_SEPARATOR[lang].join(types))
    details = _in(assessment.get("description"), lang)
    if details:
        lines += ["", details]
    credits = data.get("recognition", {}).get("credits")
    if credits:
        value = f"{credits['value']:g}" if isinstance(credits["value"], float) else str(credits["value"])
        system = term_labels("credit_system", credits["system"])[lang]
        lines += ["", f"## {titles['recognition.credits'][lang]}", "", CREDITS[lang].format(value=value, system=system)]
    return "\n".join(lines).rstrip() + "\n"


def ects_credits(data: dict[str, Any]) -> float | None:
    """ECTS credits: awarded in ECTS, else the ECTS equivalent of the learner effort; None if neither."""
    credits = data.get("recognition", {}).get("credits")
    if credits and credits["system"] == "ects":
        return float(credits["value"])
    ects = data["effort"].get("ects")
    return float(ects) if ects is not None else None


def _alignments(urls: Urls, data: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    fields = vocabularies()["isced_field"]
    result = [
        {
            "type": ["Alignment"],
            "targetName": fields.label(code, lang),
            "targetUrl": urls.term_iri("isced_field", code),
            "targetCode": code,
            "targetFramework": fields.title[lang],
        }
        for code in data["fields"]
    ]
    result += [
        {
            "type": ["Alignment"],
            "targetName": skill["label"][lang],
            "targetUrl": skill["esco"],
            "targetFramework": "ESCO",
            "targetType": "ceasn:Competency",
        }
        for skill in data.get("skills", [])
        if skill.get("esco")
    ]
    return result


def program_achievement(pub: Publication, program: Program, lang: str) -> dict[str, Any]:
    """The program's Open Badges 3.0 Achievement in one language."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}, got {lang!r}")
    urls, data = pub.urls, program.data
    provider = pub.catalogue.providers[program.provider_id]
    achievement: dict[str, Any] = {
        "@context": OB_CONTEXT,
        "id": urls.achievement(program.id, lang),
        "type": ["Achievement"],
        "achievementType": "MicroCredential",
        "name": data["title"][lang],
        "description": data["summary"][lang],
        "criteria": {"id": urls.program_page(lang, program.id), "narrative": criteria_narrative(data, lang)},
        "creator": {
            "id": urls.provider_iri(provider.id),
            "type": ["Profile"],
            "name": provider.name[lang],
            "url": provider.data["url"],
        },
        "inLanguage": lang,
        "humanCode": program.id,
        "fieldOfStudy": vocabularies()["isced_field"].label(data["fields"][0], lang),
        "alignment": _alignments(urls, data, lang),
        "tag": [skill["label"][lang] for skill in data.get("skills", [])],
        "related": [
            {"id": urls.achievement(program.id, other), "type": ["Related"], "inLanguage": other}
            for other in LANGUAGES
            if other != lang
        ],
    }
    ects = ects_credits(data)
    if ects is not None:
        achievement["creditsAvailable"] = ects
    return {key: value for key, value in achievement.items() if value != []}


# What a tombstone's Achievement says, in each language: {decision} is the decision's id and date.
TOMBSTONE_TEXT = {
    "withdrawn": {
        "ja": "このプログラムの承認は、レジストリ委員会の決定 {decision} により取り下げられました。",
        "en": "The Registry Committee withdrew the approval of this program by decision {decision}.",
    },
    "renamed": {
        "ja": "このプログラムは、レジストリ委員会の決定 {decision} により新しいID {successor} に移行しました。",
        "en": "By decision {decision} of the Registry Committee, this program moved to a new id: {successor}.",
    },
}


def tombstone_achievement(pub: Publication, tombstone: Tombstone, lang: str) -> dict[str, Any]:
    """The Achievement of a program withdrawn or renamed whose file is gone, in one language."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}, got {lang!r}")
    urls = pub.urls
    state = tombstone.lifecycle
    ending = state.ending_decision
    decision = f"{ending.id} ({ending.date})" if ending else ""
    sentence = TOMBSTONE_TEXT[state.state][lang].format(decision=decision, successor=state.successor or "")
    reason = _in(ending.reason, lang) if ending else None
    description = f"{sentence}\n\n{reason}" if reason else sentence
    provider = pub.catalogue.providers.get(tombstone.provider_id)
    record = tombstone.record
    creator: dict[str, Any] = {"id": urls.provider_iri(tombstone.provider_id), "type": ["Profile"]}
    creator["name"] = provider.name[lang] if provider else (_in(record.provider_name, lang) if record else "")
    if provider:
        creator["url"] = provider.data["url"]
    related = [
        {"id": urls.achievement(tombstone.id, other), "type": ["Related"], "inLanguage": other}
        for other in LANGUAGES
        if other != lang
    ]
    if state.successor:
        related.append({"id": urls.achievement(state.successor, lang), "type": ["Related"], "inLanguage": lang})
    return {
        "@context": OB_CONTEXT,
        "id": urls.achievement(tombstone.id, lang),
        "type": ["Achievement"],
        "achievementType": "MicroCredential",
        "name": _in(tombstone.title, lang) or tombstone.id,
        "description": description,
        "criteria": {"id": urls.program_page(lang, tombstone.id), "narrative": description + "\n"},
        "creator": creator,
        "inLanguage": lang,
        "humanCode": tombstone.id,
        "related": related,
    }
