"""did:web identifiers, document URLs and DID documents."""

from __future__ import annotations

import pytest

from mccat.publish.signing import data_integrity as di
from mccat.publish.signing import did_web, multikey
from tests.signing.conftest import make_key

CASES = [
    ("https://example.org", "did:web:example.org", "https://example.org/.well-known/did.json"),
    ("https://Example.ORG/", "did:web:example.org", "https://example.org/.well-known/did.json"),
    ("https://example.org:8443", "did:web:example.org%3A8443", "https://example.org:8443/.well-known/did.json"),
    (
        "https://example.org/issuers/quality-agency",
        "did:web:example.org:issuers:quality-agency",
        "https://example.org/issuers/quality-agency/did.json",
    ),
    (
        "https://example.org:3000/user/alice",
        "did:web:example.org%3A3000:user:alice",
        "https://example.org:3000/user/alice/did.json",
    ),
    (
        "https://w3c-ccg.github.io/user/alice/",
        "did:web:w3c-ccg.github.io:user:alice",
        "https://w3c-ccg.github.io/user/alice/did.json",
    ),
]


@pytest.mark.parametrize("site,did,url", CASES)
def test_did_and_document_url(site, did, url):
    assert did_web.did_web_from_url(site) == did
    assert did_web.did_document_url(did) == url


@pytest.mark.parametrize(
    "site",
    [
        "http://example.org",
        "https://192.168.1.10",
        "https://[::1]/x",
        "https://user:pw@example.org",
        "https://example.org/?q=1",
        "https://example.org/#frag",
        "https://bücher.example",
        "https://example.org/a/../b",
        "https://exa_mple.org",
    ],
)
def test_bad_site_urls(site):
    with pytest.raises(ValueError):
        did_web.did_web_from_url(site)


@pytest.mark.parametrize(
    "did",
    [
        "did:key:z6Mk",
        "did:web:example.org#key-1",
        "did:web:example.org::a",
        "did:web:example.org%3Ahttp",
        "did:web:10.0.0.1",
    ],
)
def test_bad_dids(did):
    with pytest.raises(ValueError):
        did_web.did_document_url(did)


def test_path_segments_are_percent_encoded():
    did = did_web.did_web_from_url("https://example.org/a%20b/c~d")
    assert did == "did:web:example.org:a%20b:c%7Ed"


def test_document_with_several_keys_is_signable_json_ld():
    keys = {f"key-{i}": make_key(f"did key {i}").public_key() for i in (1, 2, 3)}
    did = "did:web:example.org%3A8443:issuers:qa"
    doc = did_web.did_document(did, keys)
    assert doc["@context"] == ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]
    ids = [f"{did}#key-{i}" for i in (1, 2, 3)]
    assert [m["id"] for m in doc["verificationMethod"]] == ids
    assert doc["assertionMethod"] == ids and doc["authentication"] == ids
    for method, key in zip(doc["verificationMethod"], keys.values(), strict=True):
        assert method["type"] == "Multikey" and method["controller"] == did
        assert method["publicKeyMultibase"].startswith("z6Mk")
        assert multikey.decode_public_key(method["publicKeyMultibase"]) == key
    quads = di.canonicalize(doc)  # every term is defined by did/v1 + multikey/v1
    assert "<https://w3id.org/security#publicKeyMultibase>" in quads
    assert "<https://w3id.org/security#Multikey>" in quads


def test_matches_the_shared_example():
    """Same shape as the hand-written vocab example for the test-vector key."""
    from .conftest import VOCAB, read_json

    example = read_json(VOCAB / "vc-data-integrity" / "examples" / "did.json")
    key = multikey.decode_public_key(example["verificationMethod"][0]["publicKeyMultibase"])
    assert did_web.did_document("did:web:issuer.example.org", {"key-1": key}) == example


def test_bad_documents():
    key = make_key("x").public_key()
    with pytest.raises(ValueError):
        did_web.did_document("did:web:example.org", {})
    with pytest.raises(ValueError):
        did_web.did_document("did:web:example.org", {"key 1": key})
    with pytest.raises(ValueError):
        did_web.did_document("did:example:123", {"key-1": key})


def test_resolver_checks_controller_and_type(issuer_did_document):
    vm = issuer_did_document["verificationMethod"][0]["id"]
    methods = [dict(m, controller="did:web:evil.example") for m in issuer_did_document["verificationMethod"]]
    doc = dict(issuer_did_document, verificationMethod=methods)
    with pytest.raises(LookupError, match="not a Multikey of"):
        did_web.key_resolver(doc)(vm)
    assert did_web.key_resolver(issuer_did_document)(vm)
