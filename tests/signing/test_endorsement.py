"""Open Badges 3.0 EndorsementCredential: sign, schema-validate, verify, tamper."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest

from mccat.publish.signing import data_integrity as di
from mccat.publish.signing import did_web, multikey
from mccat.publish.signing.loader import default_loader
from tests.signing.conftest import CREATED, ISSUER_DID, VOCAB, make_key, read_json

OB3 = VOCAB / "openbadges3"


def schema_errors(doc, name):
    schema = read_json(OB3 / name)
    cls = jsonschema.validators.validator_for(schema)
    return [
        f"{list(e.absolute_path)}: {e.message[:120]}"
        for e in cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(doc)
    ]


@pytest.fixture
def signed(endorsement, issuer_keys):
    return di.sign(endorsement, issuer_keys["key-1"], f"{ISSUER_DID}#key-1", CREATED, proof_as_array=True)


@pytest.mark.parametrize("schema", ["endorsementcredential-fixed.schema.json", "endorsementcredential.schema.json"])
def test_signed_endorsement_passes_1edtech_schemas(signed, schema):
    assert isinstance(signed["proof"], list) and len(signed["proof"]) == 1
    assert schema_errors(signed, schema) == []


def test_schema_really_checks(signed):
    """Guard against a vacuous schema check: formats and the proof shape count."""
    bad = copy.deepcopy(signed)
    bad["validUntil"] = "29.02.2028"
    assert schema_errors(bad, "endorsementcredential-fixed.schema.json")
    single = dict(signed, proof=signed["proof"][0])
    assert schema_errors(single, "endorsementcredential.schema.json")  # the 1EdTech bug
    assert not schema_errors(single, "endorsementcredential-fixed.schema.json")


def test_round_trip(signed, resolver):
    verdict = di.verify(signed, resolver)
    assert verdict.ok, verdict.reason
    assert verdict.verification_method == f"{ISSUER_DID}#key-1"
    # the same proof as a single object verifies too
    assert di.verify(dict(signed, proof=signed["proof"][0]), resolver)


def test_second_key_of_the_did_document(endorsement, issuer_keys, resolver):
    signed = di.sign(endorsement, issuer_keys["key-2"], f"{ISSUER_DID}#key-2", CREATED)
    assert di.verify(signed, resolver)


def test_deterministic(endorsement, issuer_keys):
    a = di.sign(endorsement, issuer_keys["key-1"], f"{ISSUER_DID}#key-1", CREATED)
    b = di.sign(copy.deepcopy(endorsement), issuer_keys["key-1"], f"{ISSUER_DID}#key-1", CREATED)
    assert json.dumps(a).encode() == json.dumps(b).encode()


def test_input_is_not_modified(endorsement, issuer_keys):
    before = copy.deepcopy(endorsement)
    di.sign(endorsement, issuer_keys["key-1"], f"{ISSUER_DID}#key-1", CREATED)
    assert endorsement == before


def _tamper(doc, path, value):
    doc = copy.deepcopy(doc)
    target = doc
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value(target[path[-1]]) if callable(value) else value
    return doc


TAMPERING = {
    "one character of the comment": (
        ["credentialSubject", "endorsementComment"],
        lambda s: s.replace("ECTS 5", "ECTS 6"),
    ),
    "one character of the issuer name": (["issuer", "name"], lambda s: s.replace("·", "-")),
    "validUntil moved": (["validUntil"], "2029-02-28T23:59:59Z"),
    "validFrom moved by a second": (["validFrom"], "2025-03-01T00:00:01Z"),
    "status index": (["credentialStatus", "statusListIndex"], "94568"),
    "subject id": (["credentialSubject", "id"], "https://registry.example.org/programs/other"),
    "extra type": (["type"], ["VerifiableCredential", "EndorsementCredential", "OpenBadgeCredential"]),
    "proof created": (["proof", 0, "created"], "2025-03-01T12:00:01Z"),
    "proof purpose": (["proof", 0, "proofPurpose"], "authentication"),
    "proof value": (["proof", 0, "proofValue"], lambda s: s[:-1] + ("A" if s[-1] != "A" else "B")),
}


@pytest.mark.parametrize("case", TAMPERING)
def test_tampering_fails(signed, resolver, case):
    path, value = TAMPERING[case]
    verdict = di.verify(_tamper(signed, path, value), resolver)
    assert not verdict.ok
    assert verdict.reason


def test_swapped_key_fails(signed, resolver):
    """Claiming key-2 for a key-1 signature fails; so does a stranger's key."""
    swapped = _tamper(signed, ["proof", 0, "verificationMethod"], f"{ISSUER_DID}#key-2")
    assert "signature does not match" in di.verify(swapped, resolver).reason
    stranger = make_key("someone else")
    forged = di.sign(
        copy.deepcopy({k: v for k, v in signed.items() if k != "proof"}), stranger, f"{ISSUER_DID}#key-1", CREATED
    )
    assert not di.verify(forged, resolver)


def test_stranger_did_key_is_not_the_issuer(endorsement):
    stranger = make_key("someone else")
    vm = multikey.did_key(stranger.public_key())
    forged = di.sign(endorsement, stranger, vm, CREATED)
    verdict = di.verify(forged, multikey.resolve_did_key)
    assert not verdict and "does not belong to issuer" in verdict.reason


def test_unknown_and_unauthorised_keys(signed, issuer_did_document):

    assert "cannot resolve" in di.verify(signed, did_web.key_resolver()).reason
    auth_only = did_web.key_resolver(issuer_did_document, purpose="keyAgreement")
    assert "not listed under keyAgreement" in di.verify(signed, auth_only).reason


def test_language_tagged_name(endorsement, issuer_keys, resolver):
    """A truly multilingual name (VC 2.0 language value objects) signs, and
    its language tags are signed -- but the 1EdTech schemas reject it."""
    endorsement["issuer"]["name"] = [
        {"@value": "Agence suisse d’accréditation", "@language": "fr"},
        {"@value": "Schweizerische Akkreditierungsagentur", "@language": "de"},
    ]
    assert '"Agence suisse d’accréditation"@fr' in di.canonicalize(endorsement)
    signed = di.sign(endorsement, issuer_keys["key-1"], f"{ISSUER_DID}#key-1", CREATED, proof_as_array=True)
    assert di.verify(signed, resolver)
    assert not di.verify(_tamper(signed, ["issuer", "name", 0, "@language"], "it"), resolver)
    assert schema_errors(signed, "endorsementcredential-fixed.schema.json")
    assert schema_errors(signed, "endorsementcredential.schema.json")


UNSIGNABLE = {
    "undefined property": (["credentialSubject", "endorsmentComment"], "typo"),
    "undefined top-level property": (["grade"], "A"),
    "undefined type": (["type"], ["VerifiableCredential", "EndorsementCredential", "Custom"]),
    "relative id": (["credentialSubject", "id"], "programs/open-data-schools"),
    "property of another class": (["issuer", "endorsementComment"], "only on EndorsementSubject"),
    "base direction": (["name"], {"@value": "x", "@language": "ar", "@direction": "rtl"}),
    "control character": (["name"], "bell\x07"),
    "undeclared prefix": (["credentialSubject", "schema:name"], "prefix not declared"),
    "type with undeclared prefix": (["credentialSubject", "type"], ["EndorsementSubject", "ex:T"]),
    "keyword-shaped key": (["credentialSubject", "@comment"], "ignored by JSON-LD"),
    "@index": (["credentialSubject", "@index"], "kept in JSON, absent from RDF"),
}


@pytest.mark.parametrize("case", UNSIGNABLE)
def test_refuses_what_would_go_unsigned(endorsement, issuer_keys, case):
    path, value = UNSIGNABLE[case]
    doc = _tamper(endorsement, path, value)
    with pytest.raises(di.CanonicalizationError, match="not signed as written"):
        di.sign(doc, issuer_keys["key-1"], f"{ISSUER_DID}#key-1", CREATED)


def test_verify_reports_unsigned_additions(signed, resolver):
    """A term added after signing is refused, not ignored."""
    doc = _tamper(signed, ["credentialSubject", "note"], "added later")
    verdict = di.verify(doc, resolver)
    assert not verdict and "'note'" in verdict.reason


def test_unknown_context_is_refused_not_fetched(endorsement, issuer_keys):
    endorsement["@context"].append("https://w3id.org/security/suites/ed25519-2020/v1")
    with pytest.raises(di.CanonicalizationError, match="no local copy"):
        di.sign(endorsement, issuer_keys["key-1"], f"{ISSUER_DID}#key-1", CREATED)


def test_every_emitted_term_is_defined(signed):
    """Each JSON key we emit maps to an absolute IRI under the active contexts
    (this is what canonicalize() enforces; checked here term by term)."""
    from pyld import jsonld

    dropped = []
    jsonld.expand(signed, default_loader.options(), on_property_dropped=dropped.append)
    assert dropped == []
    quads = di.canonicalize({k: v for k, v in signed.items() if k != "proof"})
    for iri in [
        "https://www.w3.org/2018/credentials#validUntil",
        "https://www.w3.org/2018/credentials#credentialStatus",
        "https://www.w3.org/ns/credentials/status#statusListIndex",
        "https://purl.imsglobal.org/spec/vc/ob/vocab.html#endorsementComment",
        "https://schema.org/name",
    ]:
        assert f"<{iri}>" in quads


def test_sign_rejects_bad_arguments(endorsement, signed, issuer_keys):
    from datetime import datetime

    key = issuer_keys["key-1"]
    with pytest.raises(ValueError, match="already has a proof"):
        di.sign(signed, key, f"{ISSUER_DID}#key-1", CREATED)
    with pytest.raises(ValueError, match="timezone-aware"):
        di.sign(endorsement, key, f"{ISSUER_DID}#key-1", datetime(2025, 3, 1))
    with pytest.raises(ValueError, match="xsd:dateTime"):
        di.sign(endorsement, key, f"{ISSUER_DID}#key-1", "1 March 2025")


def test_created_as_datetime(endorsement, issuer_keys):
    from datetime import datetime, timedelta, timezone

    cet = timezone(timedelta(hours=1))
    a = di.sign(
        endorsement, issuer_keys["key-1"], f"{ISSUER_DID}#key-1", datetime(2025, 3, 1, 13, 0, 0, 999, tzinfo=cet)
    )
    assert a["proof"]["created"] == CREATED


def test_verify_never_raises_on_garbage(resolver):
    assert not di.verify({}, resolver)
    assert not di.verify({"@context": [], "proof": "x"}, resolver)
    doc = {
        "@context": "https://www.w3.org/ns/credentials/v2",
        "proof": {
            "type": "DataIntegrityProof",
            "cryptosuite": "eddsa-rdfc-2022",
            "verificationMethod": f"{ISSUER_DID}#key-1",
            "proofPurpose": "assertionMethod",
            "proofValue": "z0OIl",
        },
    }
    verdict = di.verify(doc, resolver)
    assert not verdict and "base58btc" in verdict.reason


@pytest.mark.parametrize("name", ["endorsement-signed.json", "achievement-signed.json"])
def test_verifies_proofs_made_by_the_shared_recipe(name):
    """Interop: proofs from the independent reference script verify here,
    with the key resolved from the shared did:web document (offline)."""

    did_doc = read_json(VOCAB / "vc-data-integrity" / "examples" / "did.json")
    signed = read_json(OB3 / "examples" / name)
    assert di.verify(signed, did_web.key_resolver(did_doc)).ok
    signed["name"] += "!"
    assert not di.verify(signed, did_web.key_resolver(did_doc))


def test_proof_set_every_proof_must_verify(endorsement, issuer_keys, resolver):
    """Two independent proofs (key rotation overlap): both are checked."""
    a = di.sign(endorsement, issuer_keys["key-1"], f"{ISSUER_DID}#key-1", CREATED)
    b = di.sign(endorsement, issuer_keys["key-2"], f"{ISSUER_DID}#key-2", CREATED)
    both = dict(a, proof=[a["proof"], b["proof"]])
    assert di.verify(both, resolver)
    bad = copy.deepcopy(both)
    bad["proof"][1]["created"] = "2026-01-01T00:00:00Z"
    verdict = di.verify(bad, resolver)
    assert not verdict and verdict.reason.startswith("proof[1]: signature does not match")
