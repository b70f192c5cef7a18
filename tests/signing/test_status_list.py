"""Bitstring Status List v1.0."""

from __future__ import annotations

import base64
import gzip

import pytest

from mccat.publish.signing import data_integrity as di
from mccat.publish.signing import status_list as sl
from tests.signing.conftest import CREATED, ISSUER_DID

LIST_URL = "https://registry.example.org/status/1"


@pytest.fixture(scope="module")
def credential():
    return sl.status_list_credential(LIST_URL, ISSUER_DID, "2025-03-01T00:00:00Z", [0, 5, 131071])


def test_bits_round_trip(credential):
    encoded = credential["credentialSubject"]["encodedList"]
    for index in (0, 5, 131071):
        assert sl.read_status(encoded, index)
    for index in (1, 4, 6, 7, 8, 131070):
        assert not sl.read_status(encoded, index)
    bits = sl.decode_list(encoded)
    assert len(bits) * 8 == sl.MIN_ENTRIES
    assert bits[0] == 0b1000_0100 and bits[-1] == 0b0000_0001  # index 0 = left-most bit
    assert sum(bin(b).count("1") for b in bits) == 3


def test_out_of_range(credential):
    with pytest.raises(ValueError, match=r"outside 0\.\.131071"):
        sl.read_status(credential["credentialSubject"]["encodedList"], 131072)
    with pytest.raises(ValueError):
        sl.status_list_credential(LIST_URL, ISSUER_DID, "2025-03-01T00:00:00Z", [-1])


def test_encoding_is_deterministic_multibase_gzip(credential):
    encoded = credential["credentialSubject"]["encodedList"]
    again = sl.status_list_credential(LIST_URL, ISSUER_DID, "2025-03-01T00:00:00Z", [131071, 5, 0])
    assert again == credential
    assert encoded.startswith("u") and "=" not in encoded and "+" not in encoded
    raw = base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4))
    assert raw[:2] == b"\x1f\x8b"  # gzip magic
    assert raw[4:8] == b"\0\0\0\0"  # mtime 0
    assert gzip.decompress(raw) == sl.decode_list(encoded)


def test_reads_the_spec_example():
    """The all-zero 16 KB list shown in the Bitstring Status List spec."""
    example = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"
    assert sl.decode_list(example) == bytes(16384)


def test_minimum_size_and_purpose():
    with pytest.raises(ValueError, match="at least 131072"):
        sl.new_bitstring(1024)
    with pytest.raises(ValueError, match="statusPurpose"):
        sl.status_list_entry(LIST_URL, 1, purpose="refresh")
    bigger = sl.status_list_credential(
        LIST_URL, ISSUER_DID, "2025-03-01T00:00:00Z", [200_000], entries=262_144, purpose="suspension"
    )
    assert sl.read_status(bigger["credentialSubject"]["encodedList"], 200_000)


def test_decode_rejects_garbage_and_bombs(monkeypatch):
    for bad in ("zABC", "u!!!", "u" + base64.urlsafe_b64encode(b"not gzip").decode()):
        with pytest.raises(ValueError):
            sl.decode_list(bad)
    monkeypatch.setattr(sl, "MAX_DECODED_BYTES", 1024)
    with pytest.raises(ValueError, match="expands beyond"):
        sl.decode_list(sl.encode_list(bytes(16384)))


def test_credential_shape_and_entry(credential):
    assert credential["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    subject = credential["credentialSubject"]
    assert subject["type"] == "BitstringStatusList" and subject["statusPurpose"] == "revocation"
    entry = sl.status_list_entry(LIST_URL, 94567)
    assert entry == {
        "id": f"{LIST_URL}#94567",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "94567",
        "statusListCredential": LIST_URL,
    }
    with pytest.raises(ValueError):
        sl.status_list_entry(LIST_URL, -3)


def test_status_list_credential_signs_and_verifies(credential, issuer_keys, resolver):
    signed = di.sign(credential, issuer_keys["key-1"], f"{ISSUER_DID}#key-1", CREATED)
    assert di.verify(signed, resolver)
    flipped = sl.status_list_credential(LIST_URL, ISSUER_DID, "2025-03-01T00:00:00Z", [0, 5])
    forged = dict(flipped, proof=signed["proof"])  # "un-revoke" 131071
    assert not di.verify(forged, resolver)
