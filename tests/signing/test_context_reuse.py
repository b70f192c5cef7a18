"""Signing repeats no JSON-LD work: the offline loader keeps pyld's context processing between documents
(mccat.publish.signing.loader) and a document is expanded once (data_integrity.canonicalize). Every canonical
form must be the one pyld computes with nothing kept, whatever came before it, and what pyld refuses stays
refused."""

from __future__ import annotations

import copy
import itertools

import pytest
from cachetools import LRUCache
from frozendict import frozendict
from pyld import jsonld
from pyld.context_resolver import ContextResolver

from mccat.publish.certificates import Grant, certificate
from mccat.publish.signing import data_integrity as di
from mccat.publish.signing import status_list
from mccat.publish.signing.loader import OfflineLoader, _copied_parent
from mccat.publish.urls import Urls
from tests.signing.conftest import ISSUER_DID

SCOPED = "https://example.org/scoped/v1"
STRICT = "https://example.org/strict/v1"
V = "https://example.org/v#"
CONTEXTS = {
    SCOPED: {
        "@context": {
            "@version": 1.1,
            "@vocab": V,
            "id": "@id",
            "type": "@type",
            "Card": {
                "@id": V + "Card",
                "@context": {
                    "label": "https://example.org/card#label",
                    "Inner": {"@id": V + "Inner", "@context": {"note": "https://example.org/inner#note"}},
                },
            },
            # the same scoped context as Inner's, at the top: pyld resolves both to one context
            "Outer": {"@id": V + "Outer", "@context": {"note": "https://example.org/inner#note"}},
            "Badge": {"@id": V + "Badge", "@context": {"label": "https://example.org/badge#label"}},
            "Sticky": {
                "@id": V + "Sticky",
                "@context": {"@propagate": True, "label": "https://example.org/sticky#label"},
            },
            "holder": {"@id": V + "holder"},
        }
    },
    STRICT: {
        "@context": {
            "@version": 1.1,
            "@protected": True,
            "@vocab": V,
            "id": "@id",
            "type": "@type",
            "name": V + "name",
            "Plain": V + "Plain",
            "Strict": {"@id": V + "Strict", "@context": {"name": "https://example.org/other#name"}},
        }
    },
}

# Each document puts a type-scoped context under a different parent: the copies of one parent may share a
# processed context, the others must not.
DOCUMENTS = [
    {"@context": [SCOPED], "id": "urn:x:1", "type": "Card", "label": "a", "holder": {"label": "b"}},
    {"@context": [SCOPED], "id": "urn:x:2", "type": "Badge", "label": "a", "holder": {"label": "b"}},
    {"@context": [SCOPED], "id": "urn:x:3", "type": ["Badge", "Card"], "label": "a", "holder": {"label": "b"}},
    {
        "@context": [SCOPED, {"label": "https://example.org/other#label"}],
        "id": "urn:x:4",
        "type": "Card",
        "label": "a",
        "holder": {"label": "b", "type": "Badge", "holder": {"label": "c"}},
    },
    {
        "@context": [SCOPED],
        "id": "urn:x:5",
        "holder": {"@context": {"label": "https://example.org/nested#label"}, "type": "Card", "label": "c"},
        "label": "d",
    },
    {"@context": [SCOPED], "id": "urn:x:6", "type": "Sticky", "label": "a", "holder": {"label": "b"}},
    {
        "@context": [SCOPED],
        "id": "urn:x:7",
        "type": "Card",
        "holder": {"type": "Card", "label": "e", "holder": {"type": "Badge", "label": "f"}},
    },
    {"@context": [SCOPED], "id": "urn:x:8", "type": "Outer", "label": "a", "note": "b"},
    {"@context": [SCOPED], "id": "urn:x:9", "type": "Card", "holder": {"type": "Inner", "label": "a", "note": "b"}},
    {"@context": [STRICT], "id": "urn:x:10", "type": "Plain", "name": "n"},
]


def plain_nquads(document, loader: OfflineLoader) -> str:
    """pyld with a fresh resolver and cache: nothing processed before is used."""
    options = {
        "documentLoader": loader,
        "contextResolver": ContextResolver(LRUCache(maxsize=128), loader),
        "base": None,
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
    }
    result: str = jsonld.normalize(copy.deepcopy(document), options)
    return result


def certificates() -> list[dict]:
    urls = Urls("https://registry.example.org/")
    names = {"ja": "委員会", "en": "Committee"}
    grants = [
        Grant("MCR-2025-004", "2025-03-14", "uni/data", "2028-03-13", None, 0, False),
        Grant("MCR-2025-010", "2025-05-01", "uni/care", None, {"ja": "年1回の報告", "en": "a yearly report"}, 1, True),
    ]
    documents = [
        certificate(g, lang=lang, title="題 / Title", urls=urls, registry_name=names, preview=preview, did=ISSUER_DID)
        for g in grants
        for lang in ("ja", "en")
        for preview in (False, True)
    ]
    documents.append(
        status_list.status_list_credential(urls.api("status/0.json"), ISSUER_DID, "2026-12-02T00:00:00Z", [3, 9])
    )
    return documents


@pytest.mark.parametrize("order", range(4))
def test_each_canonical_form_is_pyld_with_nothing_kept(order):
    documents = DOCUMENTS[:-1] + certificates()
    sequence = list(itertools.permutations(documents[:4]))[order * 5] + tuple(documents[4:]) + tuple(documents)
    loader = OfflineLoader(CONTEXTS)
    for document in sequence:
        assert di.canonicalize(document, loader) == plain_nquads(document, loader), document["id"]


def test_the_scoped_contexts_change_the_statements():
    """Otherwise the comparison above could not tell a wrongly shared context from a right one."""
    loader = OfflineLoader(CONTEXTS)
    forms = [di.canonicalize(document, loader) for document in DOCUMENTS[:4]]
    assert "<https://example.org/card#label>" in forms[0] and "<https://example.org/v#label>" in forms[0]
    assert "<https://example.org/badge#label>" in forms[1]
    assert "<https://example.org/other#label>" in forms[3] and "<https://example.org/badge#label>" in forms[3]
    assert len(set(forms)) == 4


def test_a_protected_term_stays_protected_after_its_context_was_used():
    loader = OfflineLoader(CONTEXTS)
    assert di.canonicalize(DOCUMENTS[-1], loader)  # the strict context processed and kept
    redefining = {"@context": [STRICT], "id": "urn:x:11", "type": "Strict", "name": "n"}
    for _ in range(2):
        with pytest.raises(jsonld.JsonLdError):
            plain_nquads(redefining, loader)
        with pytest.raises(di.CanonicalizationError, match="protected term"):
            di.canonicalize(redefining, loader)


def test_a_certificate_after_the_first_processes_no_context(monkeypatch):
    """The saving itself (bench/README.md: signing 1.6 -> 0.9 ms a certificate): the Open Badges context's
    type-scoped contexts are processed for the first certificate only."""
    loader = OfflineLoader()
    first, second = certificates()[0], certificates()[2]
    di.canonicalize(first, loader)
    defined: list[str] = []
    original = jsonld.JsonLdProcessor._create_term_definition

    def counting(self, active_ctx, local_ctx, term, *args, **kwargs):
        defined.append(term)
        return original(self, active_ctx, local_ctx, term, *args, **kwargs)

    monkeypatch.setattr(jsonld.JsonLdProcessor, "_create_term_definition", counting)
    assert di.canonicalize(second, loader) == plain_nquads(second, loader)
    defined_by_plain = len(defined)
    defined.clear()
    di.canonicalize(second, loader)
    assert defined == [] and defined_by_plain > 50


def test_a_context_changed_after_the_loader_was_made_is_not_used():
    mine = copy.deepcopy(CONTEXTS)
    loader = OfflineLoader(mine)
    mine[SCOPED]["@context"]["Card"]["@context"]["label"] = "https://example.org/changed#label"
    form = di.canonicalize(DOCUMENTS[0], loader)
    assert "changed#label" not in form and "<https://example.org/card#label>" in form


def test_only_an_unchanged_copy_of_a_processed_context_shares_its_result():
    """pyld's copies never carry `processingMode` and its half-built contexts always do, which keeps them
    apart in the tests above; the rule itself also compares every term definition."""
    term = {"@id": V + "a", "reverse": False}
    parent = frozendict({"_uuid": "p", "mappings": {"a": term}, "@vocab": V, "processingMode": "json-ld-1.1"})
    copied = {"_uuid": "c", "mappings": {"a": term}, "@vocab": V, "previousContext": parent}
    assert _copied_parent(copied) is parent
    assert _copied_parent({**copied, "mappings": {"a": dict(term)}}) is None  # equal, but another definition
    assert _copied_parent({**copied, "mappings": {"a": term, "b": term}}) is None
    assert _copied_parent({**copied, "@vocab": "https://example.org/w#"}) is None
    assert _copied_parent({**copied, "@language": "ja"}) is None
    assert _copied_parent({**copied, "previousContext": dict(parent)}) is None  # a parent that may change
    assert _copied_parent(frozendict(copied)) is None


def test_a_document_is_expanded_once(monkeypatch):
    """The safety checks read the expansion that RDF conversion made (bench/README.md: 0.9 -> 0.6 ms)."""
    calls: list[object] = []
    original = jsonld.JsonLdProcessor.expand

    def counting(self, input_, options):
        calls.append(input_)
        return original(self, input_, options)

    monkeypatch.setattr(jsonld.JsonLdProcessor, "expand", counting)
    document = certificates()[0]
    assert di.canonicalize(document, OfflineLoader()) == plain_nquads(document, OfflineLoader())
    assert len(calls) == 2  # canonicalize's, and plain_nquads'


def test_what_expansion_refuses_is_named_as_such():
    loader = OfflineLoader(CONTEXTS)
    with pytest.raises(di.CanonicalizationError, match=r"^JSON-LD expansion failed: .*protected term"):
        di.canonicalize({"@context": [STRICT], "id": "urn:x:12", "type": "Strict", "name": "n"}, loader)
    with pytest.raises(di.CanonicalizationError, match=r"^refusing to canonicalize.*relative id 'x13'"):
        di.canonicalize({"@context": [STRICT], "id": "x13", "type": "Plain"}, loader)
