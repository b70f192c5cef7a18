"""Fixtures of the signing tests (mccat.publish.signing). Reference data (the W3C eddsa-rdfc-2022 test vectors,
the 1EdTech schemas) comes from the offline vocabulary copies in ../shared/vocab/ (tests/jsonld_loader.py)."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from mccat.publish.signing import did_web, status_list
from mccat.publish.signing.loader import OfflineLoader
from tests.jsonld_loader import VOCAB_DIR

VOCAB = VOCAB_DIR  # ../shared/vocab, or $MCCAT_VOCAB_DIR (tests/jsonld_loader.py)
TESTVECTORS = VOCAB / "vc-data-integrity" / "testvectors"
SITE = "https://registry.example.org"
ISSUER_DID = "did:web:registry.example.org"
CREATED = "2025-03-01T12:00:00Z"


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def make_key(label: str) -> Ed25519PrivateKey:
    """Deterministic keys so that signed output can be compared byte for byte."""
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(label.encode()).digest())


@pytest.fixture(scope="session")
def vector_loader() -> OfflineLoader:
    """The offline loader plus the examples context the W3C vector needs."""
    url = "https://www.w3.org/ns/credentials/examples/v2"
    doc = read_json(VOCAB / "vc-data-integrity" / "contexts" / "credentials-examples-v2.jsonld")
    return OfflineLoader({url: doc})


@pytest.fixture(scope="session")
def issuer_keys() -> dict[str, Ed25519PrivateKey]:
    return {"key-1": make_key("issuer key 1"), "key-2": make_key("issuer key 2")}


@pytest.fixture(scope="session")
def issuer_did_document(issuer_keys) -> dict[str, Any]:
    return did_web.did_document(ISSUER_DID, {f: k.public_key() for f, k in issuer_keys.items()})


@pytest.fixture(scope="session")
def resolver(issuer_did_document):
    return did_web.key_resolver(issuer_did_document)


_ENDORSEMENT = {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    "id": "urn:uuid:0f6c4a8e-2b7d-4c1e-9a35-6d8e1f2a3b4c",
    "type": ["VerifiableCredential", "EndorsementCredential"],
    "name": "Endorsement of the micro-credential “Données ouvertes für Schulen”",
    "issuer": {
        "id": ISSUER_DID,
        "type": ["Profile"],
        # The 1EdTech schema allows only a string here, so the bilingual
        # official name is one string (see test_language_tagged_name).
        "name": "Agence suisse d’accréditation · Schweizerische Akkreditierungsagentur",
    },
    "validFrom": "2025-03-01T00:00:00Z",
    "validUntil": "2028-02-29T23:59:59Z",
    "credentialSubject": {
        "id": "https://registry.example.org/programs/open-data-schools",
        "type": ["EndorsementSubject"],
        "endorsementComment": "Meets the registry’s quality criteria (ECTS 5, EQF 6).",
    },
    "credentialStatus": status_list.status_list_entry("https://registry.example.org/status/1", 94567),
}


@pytest.fixture
def endorsement() -> dict[str, Any]:
    return copy.deepcopy(_ENDORSEMENT)
