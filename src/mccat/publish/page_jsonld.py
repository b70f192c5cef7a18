"""What a program page embeds as JSON-LD: a small schema.org Course in the page's language, a part of the
program's full record, which stays whole in its /api/v1 file.

The full record (`mccat.publish.jsonld.program_jsonld`, every descriptor in both languages) weighed 13.8
of a program page's 45-53 KB. Search engines read a page's JSON-LD for a rich result, and Google's course
rich results use a Course's name, description, provider (name, url), url, offers and course instances
(and its status says whether the registry still recognises it);
aggregators read the file. So a page embeds only these properties (an offering's dates and mode, not its
own offer), made by the code that makes the full record (`program_node_part`: only the properties the
page keeps, so they cannot disagree with it and the page does not pay for the rest), with texts in the
page's language, and points to the file twice: the node's `@id` is the file's URL with `#program`, and
`subjectOf` names the file as a DataDownload (its `contentUrl`). The page's head also links the file
(`<link rel="alternate" type="application/ld+json">`).

Every statement of the small node is also a statement of the file, except `subjectOf` (the pointer to the
file): a crawler that merges the Japanese page, the English page and the file gets the file's graph and that
pointer (tests/test_jsonld_site.py).
"""

from __future__ import annotations

from typing import Any

from mccat.model.catalogue import Program
from mccat.publish.jsonld import SCHEMA_CONTEXT, program_node_part
from mccat.publish.publication import Publication

# The full record's properties a page keeps (what a search engine uses); the rest is in the file.
PAGE_PROPERTIES = (
    "@context",
    "@id",
    "@type",
    "name",
    "description",
    "url",
    "mainEntityOfPage",
    "provider",
    "inLanguage",
    "offers",
    "hasCourseInstance",
    "creativeWorkStatus",
)
_NODE_KEYS = frozenset(PAGE_PROPERTIES) - {"@context"}
# Of the nodes inside, what identifies and names them (a provider's address, a term's set: in the file).
NODE_PROPERTIES = frozenset(
    {
        "@id",
        "@type",
        "name",
        "url",
        "courseMode",
        "location",
        "startDate",
        "endDate",
        "offers",
        "category",
        "price",
        "priceCurrency",
        "termCode",
    }
)


def _in_language(value: Any, lang: str) -> Any:
    """`value` with its texts in `lang` only (a language-tagged list keeps the page's language), and its nodes
    with only NODE_PROPERTIES."""
    if isinstance(value, list):
        items = [_in_language(item, lang) for item in value if not _other_language(item, lang)]
        return items[0] if len(items) == 1 else items
    if isinstance(value, dict) and "@value" not in value:
        return {key: _in_language(item, lang) for key, item in value.items() if key in NODE_PROPERTIES}
    return value


def _other_language(value: Any, lang: str) -> bool:
    return isinstance(value, dict) and "@language" in value and value["@language"] != lang


def program_page_jsonld(pub: Publication, program: Program, lang: str) -> dict[str, Any]:
    """The JSON-LD a program's page in `lang` embeds: a part of `program_jsonld` (the same properties, made by the
    same code), with a pointer to it."""
    full = {"@context": SCHEMA_CONTEXT, **program_node_part(pub, program, _NODE_KEYS)}
    page_url = pub.urls.program_page(lang, program.id)
    file_url = pub.urls.program_jsonld(program.id)
    node: dict[str, Any] = {}
    for key in PAGE_PROPERTIES:
        if key not in full:
            continue
        if key in ("@context", "@id", "@type", "url", "inLanguage"):
            node[key] = full[key]
        elif key == "mainEntityOfPage":
            node[key] = page_url if page_url in full[key] else full[key]
        else:
            node[key] = _in_language(full[key], lang)
    # an offering's own offer (its deadline) is in the file; the page's Course has one offer, the fee
    instances = node.get("hasCourseInstance")
    for instance in instances if isinstance(instances, list) else [instances] if instances else []:
        instance.pop("offers", None)
    node["subjectOf"] = {
        "@id": file_url,
        "@type": "DataDownload",
        "contentUrl": file_url,
        "encodingFormat": "application/ld+json",
    }
    return node
