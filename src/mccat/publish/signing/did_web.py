"""did:web identifiers, DID document URLs and DID documents with Multikey keys.

did:web ties the issuer's identity to its HTTPS site: ``https://host:port/a/b``
becomes ``did:web:host%3Aport:a:b`` and its DID document is served at
``https://host:port/a/b/did.json`` (``/.well-known/did.json`` without a path).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from mccat.publish.signing.multikey import decode_public_key, encode_public_key

DID_CONTEXTS = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]
_HOST = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*"
    r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"
)
_FRAGMENT = re.compile(r"^[A-Za-z0-9._~-]+\Z")


def _check_host(host: str) -> None:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    else:
        raise ValueError(f"did:web must use a domain name, not an IP address: {host!r}")
    if not _HOST.match(host):
        raise ValueError(f"not a valid (ASCII/punycode) domain name: {host!r}")


def did_web_from_url(site_url: str) -> str:
    """``https://example.org:8443/issuers/a`` -> ``did:web:example.org%3A8443:issuers:a``."""
    parts = urlsplit(site_url)
    if parts.scheme != "https":
        raise ValueError(f"did:web needs an https:// URL, got {site_url!r}")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ValueError(f"did:web URL must not have credentials, query or fragment: {site_url!r}")
    host = (parts.hostname or "").lower()
    _check_host(host)
    did = "did:web:" + host
    if parts.port is not None and parts.port != 443:
        did += f"%3A{parts.port}"
    segments = [unquote(s) for s in parts.path.split("/") if s]
    for seg in segments:
        if seg in (".", ".."):
            raise ValueError(f"dot segment in did:web path: {site_url!r}")
        did += ":" + quote(seg, safe="").replace("~", "%7E")  # DID idchar has no "~"
    return did


def did_document_url(did: str) -> str:
    """Where a did:web DID document lives (the did:web spec's Read steps)."""
    if not did.startswith("did:web:") or "#" in did or "/" in did or "?" in did:
        raise ValueError(f"not a did:web DID: {did!r}")
    host, *segments = did[len("did:web:") :].split(":")
    host = unquote(host)  # the only encoded colon is the port's
    name, _, port = host.partition(":")
    _check_host(name)
    if port and not port.isdigit():
        raise ValueError(f"bad port in {did!r}")
    if any(not s or unquote(s) in (".", "..") for s in segments):
        raise ValueError(f"empty or dot path segment in {did!r}")
    path = "/".join(segments) if segments else ".well-known"
    return f"https://{host}/{path}/did.json"


def did_document(did: str, keys: Mapping[str, Ed25519PublicKey]) -> dict[str, Any]:
    """DID document listing ``keys`` ({fragment: public key}) as Multikey.

    Every key may issue (``assertionMethod``) and authenticate; publish retired
    keys elsewhere rather than here, or old signatures keep verifying.
    """
    did_document_url(did)  # validates the DID
    if not keys:
        raise ValueError("a DID document needs at least one key")
    methods, ids = [], []
    for fragment, key in keys.items():
        if not _FRAGMENT.match(fragment):
            raise ValueError(f"key fragment {fragment!r} must be non-empty [A-Za-z0-9._~-]")
        vm_id = f"{did}#{fragment}"
        ids.append(vm_id)
        methods.append(
            {"id": vm_id, "type": "Multikey", "controller": did, "publicKeyMultibase": encode_public_key(key)}
        )
    return {
        "@context": list(DID_CONTEXTS),
        "id": did,
        "verificationMethod": methods,
        "authentication": list(ids),
        "assertionMethod": list(ids),
    }


def key_resolver(*documents: Mapping[str, Any], purpose: str = "assertionMethod") -> Callable[[str], Ed25519PublicKey]:
    """A ``resolve_key`` for ``data_integrity.verify`` over DID documents in hand.

    Only keys listed under ``purpose`` in the document of their own DID count;
    nothing is fetched (pass documents you loaded and trust).
    """
    by_did = {doc["id"]: doc for doc in documents}

    def resolve(verification_method: str) -> Ed25519PublicKey:
        did = verification_method.split("#", 1)[0]
        doc = by_did.get(did)
        if doc is None:
            raise LookupError(f"no DID document for {did!r}")
        allowed = {m if isinstance(m, str) else m.get("id") for m in doc.get(purpose, [])}
        if verification_method not in allowed:
            raise LookupError(f"{verification_method!r} is not listed under {purpose}")
        candidates = list(doc.get("verificationMethod", []))
        candidates += [m for m in doc.get(purpose, []) if isinstance(m, Mapping)]
        for method in candidates:
            if method.get("id") == verification_method:
                if method.get("type") != "Multikey" or method.get("controller") != did:
                    raise LookupError(f"{verification_method!r} is not a Multikey of {did}")
                return decode_public_key(method["publicKeyMultibase"])
        raise LookupError(f"{verification_method!r} is listed but not defined")

    return resolve
