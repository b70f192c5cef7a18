"""Multikey / base58btc edge cases and the offline loader."""

from __future__ import annotations

import pytest
from pyld import jsonld

from mccat.publish.signing import loader, multikey
from tests.signing.conftest import VOCAB, make_key


@pytest.mark.parametrize(
    "data,text",
    [
        (b"", ""),
        (b"\0", "1"),
        (b"\0\0\x01", "112"),
        (b"hello world", "StV1DL6CwTryKyV"),
        (bytes.fromhex("00000000000000000000"), "1111111111"),
    ],
)
def test_base58_known_values(data, text):
    assert multikey.b58encode(data) == text
    assert multikey.b58decode(text) == data


def test_key_round_trips():
    key = make_key("round trip")
    pub = multikey.encode_public_key(key.public_key())
    sec = multikey.encode_private_key(key)
    assert pub.startswith("z6Mk") and sec.startswith("z3u2")
    assert multikey.decode_public_key(pub) == key.public_key()
    assert multikey.encode_private_key(multikey.decode_private_key(sec)) == sec
    vm = multikey.did_key(key.public_key())
    assert vm == f"did:key:{pub}#{pub}"
    assert multikey.resolve_did_key(vm) == key.public_key()


@pytest.mark.parametrize(
    "value,message",
    [
        ("", "non-empty"),
        ("m6Mk", "prefix 'z'"),
        ("z6Mk0", "character '0' at position 3"),
        ("z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq", "header is 0x8026, expected 0xed01"),
        ("z6Mkq", "header"),
        ("z" + multikey.b58encode(b"\xed\x01" + bytes(31)), "32 key bytes"),
    ],
)
def test_bad_public_multikeys(value, message):
    with pytest.raises(ValueError, match=message):
        multikey.decode_public_key(value)


def test_public_key_is_not_a_secret():
    with pytest.raises(ValueError, match="expected 0x8026"):
        multikey.decode_private_key("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")


def test_resolve_did_key_rejects_other_methods():
    with pytest.raises(LookupError):
        multikey.resolve_did_key("did:web:example.org#key-1")


def test_loader_serves_pinned_copies_identical_to_shared_vocab():
    shared = {
        "credentials-v2.jsonld": "openbadges3",
        "context-3.0.3.json": "openbadges3",
        "data-integrity-v2.jsonld": "vc-data-integrity/contexts",
        "multikey-v1.jsonld": "vc-data-integrity/contexts",
        "did-v1.jsonld": "vc-data-integrity/contexts",
    }
    assert sorted(name for name, _ in loader.CONTEXTS.values()) == sorted(shared)
    for url, (name, _) in loader.CONTEXTS.items():
        copied = (loader.CONTEXT_DIR / name).read_bytes()
        assert copied == (VOCAB / shared[name] / name).read_bytes()
        assert loader.OfflineLoader()(url)["document"]["@context"]


def test_loader_refuses_everything_else():
    with pytest.raises(jsonld.JsonLdError, match=r"no local copy.*nothing is fetched"):
        loader.default_loader("https://www.w3.org/2018/credentials/v1")


def test_loader_detects_an_edited_context(tmp_path, monkeypatch):
    for name, _ in loader.CONTEXTS.values():
        (tmp_path / name).write_bytes((loader.CONTEXT_DIR / name).read_bytes())
    (tmp_path / "did-v1.jsonld").write_text('{"@context": {}}')
    monkeypatch.setattr(loader, "CONTEXT_DIR", tmp_path)
    with pytest.raises(ValueError, match="pinned SHA-256"):
        loader.OfflineLoader()("https://www.w3.org/ns/did/v1")


def test_base58_random_round_trips():
    import random

    rng = random.Random(2025)
    for n in range(200):
        data = b"\0" * rng.randrange(3) + rng.randbytes(n % 70)
        assert multikey.b58decode(multikey.b58encode(data)) == data
