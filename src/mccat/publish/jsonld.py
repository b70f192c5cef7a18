"""schema.org JSON-LD for programs, providers, the vocabularies and the whole catalogue.

Pure functions: they build dicts, fetch nothing and write nothing.

    program_jsonld(catalogue, program, *, urls, as_of, lang=None, registry=REGISTRY) -> dict
        lang=None: the standalone file /api/v1/programs/{provider}/{slug}.jsonld, every
        text as language-tagged values ([{"@value": ..., "@language": "ja"}, {... "en"}]).
        lang="ja"/"en": the same document for embedding in that language's page,
        exactly `for_language(program_jsonld(..., lang=None), lang)`.
    provider_jsonld(catalogue, provider, *, urls, lang=None) -> dict
    vocabularies_jsonld(*, urls) -> dict          every vocabulary as a DefinedTermSet
    catalogue_jsonld(catalogue, *, urls, as_of, registry=REGISTRY, date_modified=None) -> dict
        the registry (Organization), a DataCatalog of the files under /api/v1/, and an
        ItemList with every program in full (and the old ids of programs whose file is gone).
    tombstone_jsonld(catalogue, tombstone, *, urls, lang=None) -> dict
        a program withdrawn or renamed whose file is gone: its recorded title and provider,
        its status, and `dcterms:isReplacedBy` the new id after a rename (a new id says
        `dcterms:replaces` the old ones).
    for_language(document, lang) -> document          what a page in `lang` embeds
    json_for_script(data) -> str                      the one way JSON goes into an HTML <script>

Embedding in a page (the site's hook and template):

    <script type="application/ld+json">{{ json_for_script(program_jsonld(..., lang=page_lang)) }}</script>
    <link rel="alternate" type="application/ld+json" href="{{ urls.program_jsonld(id) }}">

Modelling choices (documented for aggregators in docs/*/api.md):
- The program node is typed ["EducationalOccupationalProgram", "Course"]: schema.org
  defines inLanguage, teaches, educationalLevel, about, abstract, timeRequired and
  hasCourseInstance on Course (a CreativeWork), not on EducationalOccupationalProgram,
  and a multi-typed node uses each property where schema.org defines it.
- Vocabulary terms are DefinedTerms with stable @ids in /api/v1/vocabularies.jsonld.
  Mappings from our codes to schema.org values live on the terms themselves, as
  `x-schemaorg` in schemas/vocabularies.schema.json (the one place; see `term_mapping`).
- A program's status on `as_of` (the build date) comes from the committee's decisions
  (mccat.model.lifecycle): `creativeWorkStatus` is its state as a DefinedTerm, the registry
  appears in `recognizedBy` only while the program is active or expiring, and `expires`
  carries the last day of the approval in force.
- @ids are fragments of the document that describes the thing (mccat.publish.urls), so
  every @id dereferences to data about it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from mccat import LANGUAGES
from mccat.model.catalogue import Catalogue, Program, Provider, Tombstone
from mccat.model.schema import SCHEMA_DIR, descriptors, help_text, load_schema
from mccat.model.vocabulary import vocabularies
from mccat.publish.canonical_json import json_bytes
from mccat.publish.urls import Urls

SCHEMA_CONTEXT = "https://schema.org"
CREDENTIAL_CATEGORY = "micro-credential"
# schema.org has no term for one record replacing another: Dublin Core's, as full IRIs (no context needed).
REPLACES = "http://purl.org/dc/terms/replaces"
IS_REPLACED_BY = "http://purl.org/dc/terms/isReplacedBy"


@dataclass(frozen=True)
class RegistryBody:
    """The body that approves programs: named in `recognizedBy`, as publisher and as feed author."""

    name: dict[str, str]
    url: str | None = None  # its home page; None: the site's home page


# The default until the site passes its own (for example from mkdocs.yml `extra`).
REGISTRY = RegistryBody(
    name={"ja": "マイクロクレデンシャル・レジストリ委員会", "en": "Micro-credential Registry Committee"}
)


# --- text and vocabulary helpers ---------------------------------------------------------


def text(value: dict[str, str] | None) -> list[dict[str, str]] | None:
    """Bilingual text as language-tagged values, Japanese first; None when there is none."""
    if not value:
        return None
    tagged = [{"@value": value[lang], "@language": lang} for lang in LANGUAGES if value.get(lang)]
    return tagged or None


def _is_tagged(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"@value", "@language"}


def for_language(node: Any, lang: str) -> Any:
    """The document as a page in `lang` embeds it: its language's text as plain strings.

    Within each property, language-tagged values in `lang` become plain strings and
    the other language's are dropped; a property with no value in `lang` keeps its
    tagged values, so a text given only in Japanese stays marked as Japanese.
    """
    if isinstance(node, dict):
        return {key: for_language(value, lang) for key, value in node.items()}
    if not isinstance(node, list):
        return node
    tagged = [v for v in node if _is_tagged(v)]
    if not tagged:
        return [for_language(v, lang) for v in node]
    has_lang = any(v["@language"] == lang for v in tagged)
    result = []
    for value in node:
        if not _is_tagged(value):
            result.append(for_language(value, lang))
        elif value["@language"] == lang:
            result.append(value["@value"])
        elif not has_lang:
            result.append(value)
    return result[0] if len(result) == 1 and len(tagged) == len(node) else result


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


def hours_duration(hours: float) -> str:
    """ISO 8601 duration of a number of hours: 30 -> PT30H, 7.5 -> PT7H30M."""
    minutes = round(hours * 60)
    whole, rest = divmod(minutes, 60)
    return f"PT{whole}H" + (f"{rest}M" if rest else "")


def _compact(node: dict[str, Any]) -> dict[str, Any]:
    """Drop properties without a value, so absent data never appears as null or []."""
    return {k: v for k, v in node.items() if v not in (None, [], {})}


# --- nodes ---------------------------------------------------------------------------------


def registry_node(urls: Urls, registry: RegistryBody) -> dict[str, Any]:
    return {
        "@id": urls.registry_iri(),
        "@type": "Organization",
        "name": text(registry.name),
        "url": registry.url or urls.root,
    }


def organization_node(urls: Urls, provider: Provider, *, full: bool = False) -> dict[str, Any]:
    data = provider.data
    node = {
        "@id": urls.provider_iri(provider.id),
        "@type": term_mapping("provider_type", data["type"]).get("@type", "Organization"),
        "name": text(data["name"]),
        "url": data["url"],
        "address": {"@type": "PostalAddress", "addressCountry": data["country"]},
    }
    if full:
        node |= {
            "identifier": provider.id,
            "description": text(data["description"]),
            "mainEntityOfPage": [urls.provider_page(lang, provider.id) for lang in LANGUAGES],
        }
    return _compact(node)


def _credential_ref(urls: Urls, program: Program) -> dict[str, Any]:
    return {
        "@id": urls.credential_iri(program.id),
        "@type": "EducationalOccupationalCredential",
        "name": text(program.title),
    }


def credential_node(
    catalogue: Catalogue, program: Program, *, urls: Urls, registry: RegistryBody, as_of: date
) -> dict[str, Any]:
    data = program.data
    recognition = data.get("recognition", {})
    recognised = catalogue.lifecycle(program.id, as_of).recognised
    recognized_by = [registry_node(urls, registry)] if recognised else []
    recognized_by += [{"@type": "Organization", "name": text(body)} for body in recognition.get("recognised_by", [])]
    stackability = data.get("stackability", {})
    part_of = [
        _credential_ref(urls, catalogue.programs[target])
        for target in stackability.get("stacks_into", [])
        if target in catalogue.programs
    ]
    part_of += [
        _compact(
            {"@type": "EducationalOccupationalCredential", "name": text(external["title"]), "url": external.get("url")}
        )
        for external in stackability.get("stacks_into_external", [])
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
            "isPartOf": part_of,
            "hasPart": [_credential_ref(urls, p) for p in catalogue.stacked_from(program.id)],
        }
    )


def _teaches(data: dict[str, Any]) -> list[Any]:
    outcomes = [value for outcome in data["learning_outcomes"] for value in text(outcome) or []]
    skills = [
        _compact({"@type": "DefinedTerm", "name": text(skill["label"]), "sameAs": skill.get("esco")})
        for skill in data.get("skills", [])
    ]
    return outcomes + skills


def _educational_level(data: dict[str, Any]) -> list[Any]:
    level = data.get("level", {})
    values: list[Any] = []
    if "eqf" in level:
        title = descriptor_titles()["level.eqf"]
        values.append(
            {
                "@type": "DefinedTerm",
                "termCode": str(level["eqf"]),
                "name": text({lang: f"{title[lang]} {level['eqf']}" for lang in LANGUAGES}),
            }
        )
    values += text(level.get("description")) or []
    return values


def _course_instances(data: dict[str, Any]) -> list[dict[str, Any]]:
    """One CourseInstance per offering; without offerings, one undated instance (mode and place)."""
    delivery = data["delivery"]
    common = {
        "@type": "CourseInstance",
        "courseMode": term_mapping("delivery_mode", delivery["mode"]).get("courseMode"),
        "location": {"@type": "Place", "name": text(delivery["location"])} if delivery.get("location") else None,
    }
    instances = []
    for offering in data.get("offerings", []) or [{}]:
        deadline = offering.get("application_deadline")
        instances.append(
            _compact(
                common
                | {
                    "startDate": offering.get("start"),
                    "endDate": offering.get("end"),
                    "offers": {"@type": "Offer", "availabilityEnds": deadline} if deadline else None,
                }
            )
        )
    return instances


def _offer(data: dict[str, Any]) -> dict[str, Any] | None:
    fee = data.get("fee")
    if not fee:
        return None
    return _compact(
        {
            "@type": "Offer",
            "price": fee["amount"],
            "priceCurrency": fee["currency"],
            "category": "Free" if fee["amount"] == 0 else "Paid",
            "description": text(fee.get("notes")),
        }
    )


def _credits(data: dict[str, Any]) -> dict[str, Any] | None:
    credits = data.get("recognition", {}).get("credits")
    if not credits:
        return None
    return {
        "@type": "QuantitativeValue",
        "value": credits["value"],
        "unitText": text(term_labels("credit_system", credits["system"])),
    }


def program_node(
    catalogue: Catalogue, program: Program, *, urls: Urls, as_of: date, registry: RegistryBody = REGISTRY
) -> dict[str, Any]:
    """The program as a schema.org node on `as_of`, every text in both languages (no @context)."""
    data = program.data
    effort = data["effort"]
    record = catalogue.lifecycle(program.id, as_of)
    return _compact(
        {
            "@id": urls.program_iri(program.id),
            "@type": ["EducationalOccupationalProgram", "Course"],
            "identifier": program.id,
            "name": text(data["title"]),
            "abstract": text(data["summary"]),
            "description": text(data["description"]),
            "url": data["url"],
            "mainEntityOfPage": [urls.program_page(lang, program.id) for lang in LANGUAGES],
            "provider": organization_node(urls, catalogue.providers[program.provider_id]),
            "educationalCredentialAwarded": credential_node(
                catalogue, program, urls=urls, registry=registry, as_of=as_of
            ),
            "educationalProgramMode": term_mapping("delivery_mode", data["delivery"]["mode"]).get(
                "educationalProgramMode"
            ),
            "inLanguage": list(data["languages"]),
            "about": [defined_term(urls, "isced_field", code) for code in data["fields"]],
            "teaches": _teaches(data),
            "keywords": [value for keyword in data.get("keywords", []) for value in text(keyword) or []] or None,
            "educationalLevel": _educational_level(data),
            "timeRequired": hours_duration(effort["hours"]),
            "timeToComplete": f"P{effort['weeks']}W" if "weeks" in effort else None,
            "programPrerequisites": text(data.get("prerequisites")),
            "audience": {"@type": "Audience", "audienceType": text(data["audience"])} if data.get("audience") else None,
            "maximumEnrollment": data.get("capacity"),
            "numberOfCredits": _credits(data),
            "offers": _offer(data),
            "hasCourseInstance": _course_instances(data),
            "creativeWorkStatus": defined_term(urls, "approval_status", record.state),
            "expires": record.valid_until,
            REPLACES: [{"@id": urls.program_iri(old)} for old in record.predecessors],
        }
    )


def tombstone_node(catalogue: Catalogue, tombstone: Tombstone, *, urls: Urls) -> dict[str, Any]:
    """A program withdrawn or renamed whose file is gone: what its decision recorded, its status, and (renamed)
    the id that replaces it. The registry recognises it no more."""
    provider = catalogue.providers.get(tombstone.provider_id)
    record = tombstone.record
    if provider is not None:
        organization = organization_node(urls, provider)
    else:
        organization = _compact({"@type": "Organization", "name": text(record.provider_name if record else None)})
    state = tombstone.lifecycle
    return _compact(
        {
            "@id": urls.program_iri(tombstone.id),
            "@type": ["EducationalOccupationalProgram", "Course"],
            "identifier": tombstone.id,
            "name": text(tombstone.title),
            "mainEntityOfPage": [urls.program_page(lang, tombstone.id) for lang in LANGUAGES],
            "provider": organization,
            "creativeWorkStatus": defined_term(urls, "approval_status", state.state),
            REPLACES: [{"@id": urls.program_iri(old)} for old in state.predecessors],
            IS_REPLACED_BY: {"@id": urls.program_iri(state.successor)} if state.successor else None,
        }
    )


def tombstone_jsonld(
    catalogue: Catalogue, tombstone: Tombstone, *, urls: Urls, lang: str | None = None
) -> dict[str, Any]:
    """The JSON-LD document of a program withdrawn or renamed whose file is gone (both languages, or one)."""
    document = {"@context": SCHEMA_CONTEXT, **tombstone_node(catalogue, tombstone, urls=urls)}
    return document if lang is None else for_language(document, lang)


# --- documents -----------------------------------------------------------------------------


def program_jsonld(
    catalogue: Catalogue,
    program: Program,
    *,
    urls: Urls,
    as_of: date,
    lang: str | None = None,
    registry: RegistryBody = REGISTRY,
    node: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The program's JSON-LD document on `as_of`: both languages (lang=None) or one page's language. `node`:
    the program's program_node, when the caller has it already."""
    if node is None:
        node = program_node(catalogue, program, urls=urls, registry=registry, as_of=as_of)
    document = {"@context": SCHEMA_CONTEXT, **node}
    return document if lang is None else for_language(document, lang)


def provider_jsonld(catalogue: Catalogue, provider: Provider, *, urls: Urls, lang: str | None = None) -> dict[str, Any]:
    document = {"@context": SCHEMA_CONTEXT, **organization_node(urls, provider, full=True)}
    return document if lang is None else for_language(document, lang)


def vocabularies_jsonld(*, urls: Urls) -> dict[str, Any]:
    """Every controlled vocabulary as a DefinedTermSet: the @ids program documents point to."""
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
                    "hasDefinedTerm": [
                        _compact(
                            {
                                "@id": urls.term_iri(name, term.code),
                                "@type": "DefinedTerm",
                                "termCode": term.code,
                                "name": text(term.label),
                                "description": text(term.description),
                            }
                        )
                        for term in vocabulary.terms.values()
                    ],
                }
            )
        )
    return {"@context": SCHEMA_CONTEXT, "@graph": sets}


# Files listed as the catalogue's distributions: (path under /api/v1/, media type).
DISTRIBUTIONS = (
    ("catalogue.jsonld", "application/ld+json"),
    ("catalogue.json", "application/json"),
    ("catalogue.csv", "text/csv"),
    ("changes.json", "application/json"),
    ("decisions.json", "application/json"),
    ("feed.ja.atom", "application/atom+xml"),
    ("feed.en.atom", "application/atom+xml"),
    ("vocabularies.jsonld", "application/ld+json"),
)


def catalogue_jsonld(
    catalogue: Catalogue,
    *,
    urls: Urls,
    as_of: date,
    registry: RegistryBody = REGISTRY,
    date_modified: str | None = None,
    nodes: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """One document with the registry, a DataCatalog of the /api/v1/ files and every program, the old ids of
    programs withdrawn or renamed whose file is gone too (`nodes`: each one's node by id, when the caller has
    them already)."""
    export = help_text(load_schema_file("catalogue-export.schema.json"))
    catalogue_iri = urls.api("catalogue.jsonld")
    data_catalog = _compact(
        {
            "@id": catalogue_iri + "#catalogue",
            "@type": "DataCatalog",
            "name": text(export["title"]),
            "description": text(export["description"]),
            "url": urls.root,
            "publisher": {"@id": urls.registry_iri()},
            "inLanguage": list(LANGUAGES),
            "dateModified": date_modified,
            "dataset": {
                "@id": catalogue_iri + "#dataset",
                "@type": "Dataset",
                "name": text(export["title"]),
                "description": text(export["description"]),
                "publisher": {"@id": urls.registry_iri()},
                "distribution": [
                    {"@type": "DataDownload", "contentUrl": urls.api(path), "encodingFormat": media_type}
                    for path, media_type in DISTRIBUTIONS
                ],
                "mainEntity": {"@id": catalogue_iri + "#programs"},
            },
        }
    )
    programs = list(catalogue.programs.values())
    if nodes is None:
        nodes = {
            program.id: program_node(catalogue, program, urls=urls, registry=registry, as_of=as_of)
            for program in programs
        }
        nodes |= {
            tombstone.id: tombstone_node(catalogue, tombstone, urls=urls)
            for tombstone in catalogue.tombstones(as_of).values()
        }
    ids = sorted(nodes)  # programs and the old ids of programs whose file is gone, by id
    item_list = {
        "@id": catalogue_iri + "#programs",
        "@type": "ItemList",
        "numberOfItems": len(ids),
        "itemListOrder": "https://schema.org/ItemListUnordered",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "item": nodes[program_id]}
            for position, program_id in enumerate(ids, start=1)
        ],
    }
    return {"@context": SCHEMA_CONTEXT, "@graph": [registry_node(urls, registry), data_catalog, item_list]}
