"""A proof configuration's hash is computed once per loader (mccat.publish.signing.data_integrity): only an
identical configuration under the same contexts may reuse it, and a signature is the same with or without."""

from __future__ import annotations

import hashlib

import pytest

from mccat.publish.signing import data_integrity as di
from mccat.publish.signing.loader import OfflineLoader
from tests.signing.conftest import ISSUER_DID

CONTEXT_URL = "https://example.org/memo-test/v1"


def direct_hash(config, loader) -> bytes:
    return hashlib.sha256(di.canonicalize(config, loader).encode("utf-8")).digest()


def context_loader(vocabulary: str) -> OfflineLoader:
    """A loader whose test context maps the same terms to another vocabulary."""
    context = {"@context": {"@vocab": vocabulary, "id": "@id", "type": "@type"}}
    return OfflineLoader({CONTEXT_URL: context})


def config(created: str) -> dict:
    return {
        "@context": [CONTEXT_URL],
        "type": "TestProof",
        "created": created,
        "verificationMethod": "did:web:registry.example.org#key-1",
    }


def test_every_hash_is_the_one_computed_directly():
    loader = context_loader("https://example.org/a#")
    days = ["2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z"]
    hashes = [di._proof_hash(config(day), loader) for day in days]
    assert hashes == [direct_hash(config(day), loader) for day in days]
    assert hashes[0] == hashes[2] != hashes[1]  # another day is another configuration


def test_no_loader_reuses_another_loaders_hash():
    """The same JSON under other contexts means other triples: each loader computes its own."""
    first, second = context_loader("https://example.org/a#"), context_loader("https://example.org/b#")
    same = config("2026-01-01T00:00:00Z")
    assert di._proof_hash(same, first) == direct_hash(same, first)
    assert di._proof_hash(same, second) == direct_hash(same, second)
    assert di._proof_hash(same, first) != di._proof_hash(same, second)


def test_values_that_differ_only_in_json_type_are_not_confused():
    loader = context_loader("https://example.org/a#")
    as_text, as_number = dict(config("2026-01-01T00:00:00Z"), level="1"), dict(config("2026-01-01T00:00:00Z"), level=1)
    assert di._proof_hash(as_text, loader) == direct_hash(as_text, loader)
    assert di._proof_hash(as_number, loader) == direct_hash(as_number, loader)
    assert di._proof_hash(as_text, loader) != di._proof_hash(as_number, loader)


def test_a_configuration_that_cannot_be_canonicalized_fails_every_time():
    loader = context_loader("https://example.org/a#")
    lossy = {"@context": [CONTEXT_URL], "@unknown": "x", "type": "TestProof"}
    for _ in range(2):
        with pytest.raises(di.CanonicalizationError):
            di._proof_hash(lossy, loader)


def test_signed_documents_are_the_same_as_without_the_memo(endorsement, issuer_keys, monkeypatch):
    method = f"{ISSUER_DID}#key-1"
    created = ["2025-03-01T12:00:00Z", "2025-03-02T12:00:00Z", "2025-03-01T12:00:00Z"]
    memo = [di.sign(endorsement, issuer_keys["key-1"], method, day) for day in created]
    monkeypatch.setattr(di, "_proof_hash", direct_hash)
    assert memo == [di.sign(endorsement, issuer_keys["key-1"], method, day) for day in created]
    assert memo[0] == memo[2] != memo[1]
