"""The official W3C eddsa-rdfc-2022 test vector (w3c/vc-di-eddsa TestVectors),
reproduced byte for byte."""

from __future__ import annotations

import hashlib
import json

import pytest

from mccat.publish.signing import data_integrity as di
from mccat.publish.signing import multikey
from tests.signing.conftest import TESTVECTORS, read_json

SUITE = TESTVECTORS / "eddsa-rdfc-2022"


def published(name: str) -> str:
    return (SUITE / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def key_pair():
    kp = read_json(TESTVECTORS / "keyPair.json")
    return kp, multikey.decode_private_key(kp["privateKeyMultibase"])


@pytest.fixture(scope="module")
def unsigned():
    return read_json(TESTVECTORS / "unsigned.json")


@pytest.fixture(scope="module")
def proof_config():
    return read_json(SUITE / "proofConfigDataInt.json")


def test_key_pair_multikeys(key_pair):
    kp, private = key_pair
    assert multikey.encode_private_key(private) == kp["privateKeyMultibase"]
    assert multikey.encode_public_key(private.public_key()) == kp["publicKeyMultibase"]
    assert multikey.decode_public_key(kp["publicKeyMultibase"]) == private.public_key()


def test_canonical_document_and_hash(unsigned, vector_loader):
    canon = di.canonicalize(unsigned, vector_loader)
    assert canon == published("canonDocDataInt.txt")
    assert hashlib.sha256(canon.encode()).hexdigest() == published("docHashDataInt.txt")


def test_canonical_proof_config_and_hash(unsigned, proof_config, vector_loader):
    config = di._proof_config(unsigned, proof_config)
    assert config == proof_config  # the same @context as the document
    canon = di.canonicalize(config, vector_loader)
    assert canon == published("proofCanonDataInt.txt")
    assert hashlib.sha256(canon.encode()).hexdigest() == published("proofHashDataInt.txt")


def test_combined_hash_signature_and_proof_value(unsigned, proof_config, key_pair, vector_loader):
    _, private = key_pair
    data = di.hash_data(unsigned, proof_config, vector_loader)
    assert data.hex() == published("combinedHashDataInt.txt")
    signature = private.sign(data)
    assert signature.hex() == published("sigHexDataInt.txt")
    assert "z" + multikey.b58encode(signature) == published("sigBTC58DataInt.txt")


def test_signed_document_byte_for_byte(unsigned, proof_config, key_pair, vector_loader):
    _, private = key_pair
    signed = di.sign(
        unsigned, private, proof_config["verificationMethod"], proof_config["created"], loader=vector_loader
    )
    assert json.dumps(signed, indent=2, ensure_ascii=False) == published("signedDataInt.json")
    assert "proof" not in unsigned  # input untouched


def test_verify_published_signed_document(vector_loader):
    signed = read_json(SUITE / "signedDataInt.json")
    # the vector's issuer is an https URL, its key a did:key: no issuer binding
    verdict = di.verify(signed, multikey.resolve_did_key, check_issuer=False, loader=vector_loader)
    assert verdict.ok, verdict.reason
    assert verdict.verification_method == signed["proof"]["verificationMethod"]
    bound = di.verify(signed, multikey.resolve_did_key, loader=vector_loader)
    assert not bound and "does not belong to issuer" in bound.reason


def test_vector_needs_its_examples_context(unsigned):
    with pytest.raises(di.CanonicalizationError, match="no local copy"):
        di.canonicalize(unsigned)  # the default loader refuses the examples context
