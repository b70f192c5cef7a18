"""W3C Data Integrity proofs with the ``eddsa-rdfc-2022`` cryptosuite.

Signing input = SHA-256(canonical proof config) || SHA-256(canonical document),
both canonicalized with RDFC-1.0 (pyld's URDNA2015) through the offline loader;
the Ed25519 signature goes into ``proofValue`` as base58btc multibase.

Canonicalization runs in a "safe mode": anything the JSON shows but the RDF
would silently lose (and so leave unsigned) is refused -- undefined terms,
undefined types, relative ids, ``@direction``, and control characters that
pyld would serialize differently from RDFC-1.0.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cachetools import LRUCache  # a pyld dependency
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pyld import jsonld

from mccat.publish.signing.loader import OfflineLoader, default_loader
from mccat.publish.signing.multikey import b58encode, multibase_decode

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"

KeyResolver = Callable[[str], Ed25519PublicKey]

_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S*\Z")
# Vocabulary terms in our contexts are http(s) IRIs; a property or type that
# expands to anything else ("ex:foo", "Custom") came from no term definition.
_VOCAB_IRI = re.compile(r"^https?://\S+\Z")
# pyld escapes only \t \n \r " \ ; RDFC-1.0 also escapes these, so a string
# containing them would hash differently here than in other implementations.
_UNPORTABLE_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_XSD_DATETIME = re.compile(r"^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?\Z")


class CanonicalizationError(ValueError):
    """The document cannot be canonicalized without losing (unsigned) data."""


@dataclass(frozen=True)
class Verdict:
    """Outcome of ``verify``; falsy when not ok, so ``if verify(...)`` is safe."""

    ok: bool
    reason: str
    verification_method: str | None = None

    def __bool__(self) -> bool:
        return self.ok


def _root_cause(exc: BaseException) -> str:
    """pyld wraps errors several times; the innermost message is the useful one."""
    while exc.__cause__ is not None:
        exc = exc.__cause__
    return str(exc.args[0]) if exc.args else repr(exc)


def _lossy_parts(node: Any, problems: list[str]) -> None:
    """Collect what the expanded document holds but RDF conversion would drop."""
    if isinstance(node, list):
        for item in node:
            _lossy_parts(item, problems)
        return
    if not isinstance(node, dict):
        return
    if "@index" in node:
        problems.append(f"@index {node['@index']!r} (not represented in RDF)")
    if "@value" in node:
        if "@direction" in node:
            problems.append(f"@direction on {node['@value']!r} is not signed (dropped in RDF)")
        value = node["@value"]
        if isinstance(value, str) and _UNPORTABLE_CHARS.search(value):
            problems.append(f"control character in {value!r} (RDFC-1.0 escapes it, pyld not)")
        return
    for key, value in node.items():
        if key == "@id":
            if not (value.startswith("_:") or _ABSOLUTE_IRI.match(value)):
                problems.append(f"relative id {value!r} (no base IRI: its statements drop)")
        elif key == "@type":
            problems += [f"type {t!r} is not defined by any @context" for t in value if not _VOCAB_IRI.match(t)]
        elif key.startswith("@"):
            _lossy_parts(value, problems)
        elif not _VOCAB_IRI.match(key):
            problems.append(f"property {key!r} is neither a defined term nor an http(s) IRI")
        else:
            _lossy_parts(value, problems)


class _ExpansionKept(jsonld.JsonLdProcessor):
    """pyld's processor, keeping the expansion that RDF conversion starts with: the safety checks read it,
    so the document is expanded once (expanding the expanded form again was a third of a signature's time)."""

    expanded: Any = None

    def expand(self, input_: Any, options: Any) -> Any:
        self.expanded = super().expand(input_, options)
        return self.expanded


def canonicalize(document: Mapping[str, Any], loader: OfflineLoader = default_loader) -> str:
    """RDFC-1.0 canonical N-Quads of a JSON-LD document, refusing lossy input."""
    dropped: list[Any] = []
    processor = _ExpansionKept(on_property_dropped=dropped.append)
    options = dict(loader.options(), algorithm="URDNA2015", format="application/n-quads")
    try:
        nquads: str = processor.normalize(dict(document), options)
    except jsonld.JsonLdError as exc:
        stage = "JSON-LD expansion" if processor.expanded is None else "RDF canonicalization"
        raise CanonicalizationError(f"{stage} failed: {_root_cause(exc)}") from exc
    if processor.expanded is None:  # a pyld that converts without expanding through `expand`: nothing checked
        raise CanonicalizationError("RDF canonicalization failed: the expanded document was not seen")
    problems = [
        f"term {d!r} is not defined by any @context"
        if d is not None
        else "a key shaped like a JSON-LD keyword ('@...') is not one"
        for d in dropped
    ]
    _lossy_parts(processor.expanded, problems)
    if problems:
        raise CanonicalizationError(
            "refusing to canonicalize, not signed as written: " + "; ".join(sorted(set(problems)))
        )
    return nquads


def _proof_config(document: Mapping[str, Any], proof: Mapping[str, Any]) -> dict[str, Any]:
    """The proof without its value, under the document's @context (per the spec)."""
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        raise ValueError(f"proof must be a {PROOF_TYPE} with cryptosuite {CRYPTOSUITE}")
    created = proof.get("created")
    if created is not None and not (isinstance(created, str) and _XSD_DATETIME.match(created)):
        raise ValueError(f"proof created {created!r} is not an xsd:dateTime")
    config = {k: v for k, v in proof.items() if k not in ("proofValue", "@context")}
    config["@context"] = document["@context"]
    return config


# A proof configuration repeats from certificate to certificate (the same contexts, key and purpose; the
# day of the decision): its canonical hash is computed once per loader, keyed by the configuration's exact
# JSON, so only an identical input under the same contexts reuses a result (canonicalizing it again was a
# fifth of each signature's time, 0.78 ms -> 0.6), and a build signs a certificate per grant and language.
_proof_hashes: weakref.WeakKeyDictionary[OfflineLoader, LRUCache[str, bytes]] = weakref.WeakKeyDictionary()


def _proof_hash(proof_config: Mapping[str, Any], loader: OfflineLoader) -> bytes:
    try:
        key = json.dumps(proof_config, sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError):  # not JSON (a caller's own object): computed, not kept
        return hashlib.sha256(canonicalize(proof_config, loader).encode("utf-8")).digest()
    memo = _proof_hashes.setdefault(loader, LRUCache(maxsize=4096))
    digest = memo.get(key)
    if digest is None:  # a configuration that cannot be canonicalized raises here, and nothing is kept
        digest = memo[key] = hashlib.sha256(canonicalize(proof_config, loader).encode("utf-8")).digest()
    return digest


def hash_data(
    document: Mapping[str, Any], proof_config: Mapping[str, Any], loader: OfflineLoader = default_loader
) -> bytes:
    """The 64 bytes that are signed: proof-config hash then document hash."""
    proof_hash = _proof_hash(proof_config, loader)
    doc_hash = hashlib.sha256(canonicalize(document, loader).encode("utf-8")).digest()
    return proof_hash + doc_hash


def _format_created(created: datetime | str) -> str:
    if isinstance(created, datetime):
        if created.tzinfo is None:
            raise ValueError("created must be timezone-aware (it is signed as UTC)")
        return created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if not _XSD_DATETIME.match(created):
        raise ValueError(f"created {created!r} is not an xsd:dateTime")
    return created


def sign(
    document: Mapping[str, Any],
    private_key: Ed25519PrivateKey,
    verification_method: str,
    created: datetime | str,
    *,
    proof_purpose: str = "assertionMethod",
    proof_as_array: bool = False,
    loader: OfflineLoader = default_loader,
) -> dict[str, Any]:
    """Return a copy of ``document`` with an eddsa-rdfc-2022 proof added.

    ``created`` is explicit so that the same input gives the same bytes
    (Ed25519 is deterministic).  ``proof_as_array`` emits ``"proof": [..]``,
    which the 1EdTech Open Badges 3.0 schemas require.
    """
    if "proof" in document:
        raise ValueError("document already has a proof; proof sets/chains are not supported")
    if "@context" not in document:
        raise ValueError("document has no @context")
    proof: dict[str, Any] = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": _format_created(created),
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
    }
    signature = private_key.sign(hash_data(document, _proof_config(document, proof), loader))
    proof["proofValue"] = "z" + b58encode(signature)
    signed = copy.deepcopy(dict(document))
    signed["proof"] = [proof] if proof_as_array else proof
    return signed


def _issuer_id(document: Mapping[str, Any]) -> str | None:
    issuer = document.get("issuer")
    return issuer.get("id") if isinstance(issuer, Mapping) else issuer


def _verify_one(
    unsecured: Mapping[str, Any],
    proof: Any,
    resolve_key: KeyResolver,
    purpose: str,
    check_issuer: bool,
    loader: OfflineLoader,
) -> Verdict:
    if not isinstance(proof, Mapping):
        return Verdict(False, "proof is not a JSON object")
    vm = proof.get("verificationMethod")
    if not isinstance(vm, str):
        return Verdict(False, "proof has no verificationMethod")
    if proof.get("proofPurpose") != purpose:
        found = proof.get("proofPurpose")
        return Verdict(False, f"proofPurpose is {found!r}, expected {purpose!r}", vm)
    if "previousProof" in proof:
        return Verdict(False, "proof chains (previousProof) are not supported", vm)
    issuer = _issuer_id(unsecured)
    if check_issuer and issuer is not None and not vm.startswith(f"{issuer}#"):
        return Verdict(False, f"verificationMethod {vm!r} does not belong to issuer {issuer!r}", vm)
    if "@context" in proof:
        doc_ctx, proof_ctx = unsecured.get("@context"), proof["@context"]
        doc_ctx = doc_ctx if isinstance(doc_ctx, list) else [doc_ctx]
        proof_ctx = proof_ctx if isinstance(proof_ctx, list) else [proof_ctx]
        if doc_ctx[: len(proof_ctx)] != proof_ctx:
            return Verdict(False, "proof @context is not a prefix of the document @context", vm)
    try:
        config = _proof_config(unsecured, proof)
        signature = multibase_decode(proof.get("proofValue", ""))
        if len(signature) != 64:
            raise ValueError(f"proofValue has {len(signature)} bytes, Ed25519 signatures 64")
        data = hash_data(unsecured, config, loader)
    except ValueError as exc:  # includes CanonicalizationError
        return Verdict(False, str(exc), vm)
    try:
        key = resolve_key(vm)
    except Exception as exc:  # resolvers signal "unknown/unauthorized key" as they like
        return Verdict(False, f"cannot resolve {vm!r}: {exc}", vm)
    try:
        key.verify(signature, data)
    except InvalidSignature:
        return Verdict(False, "signature does not match the document and proof options", vm)
    return Verdict(True, f"valid {CRYPTOSUITE} proof by {vm}", vm)


def verify(
    document: Mapping[str, Any],
    resolve_key: KeyResolver,
    *,
    purpose: str = "assertionMethod",
    check_issuer: bool = True,
    loader: OfflineLoader = default_loader,
) -> Verdict:
    """Check every proof of ``document`` (object or array); never raises on bad input.

    ``resolve_key`` maps a verification method id to its public key and should
    raise if that key is unknown or not authorized for ``purpose``.  With
    ``check_issuer`` the key must be a DID URL of the document's issuer, so a
    valid signature by a stranger's key is not mistaken for the issuer's.
    Only the proof is checked: validity dates and status are the caller's job.
    """
    if not isinstance(document, Mapping) or "@context" not in document:
        return Verdict(False, "not a JSON-LD document (no @context)")
    proofs = document.get("proof")
    if proofs is None or proofs == []:
        return Verdict(False, "document has no proof")
    proofs = proofs if isinstance(proofs, list) else [proofs]
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    verdict = Verdict(False, "no proof checked")
    for i, proof in enumerate(proofs):
        verdict = _verify_one(unsecured, proof, resolve_key, purpose, check_issuer, loader)
        if not verdict.ok:
            where = f"proof[{i}]: " if len(proofs) > 1 else ""
            return Verdict(False, where + verdict.reason, verdict.verification_method)
    return verdict
