"""The build's signing key: read once from the environment, checked against governance/keys.yaml.

MCCAT_SIGNING_KEY holds the private key (the publish workflow sets it from a repository secret; it is
never set in pull-request jobs). Unset: the build publishes no certificates and says so in one info line.
`preview`: pull-request previews sign with a throwaway key that is not in governance/keys.yaml, and every
certificate says it proves nothing (the key is derived from a public phrase, so two preview builds give
the same bytes; being public, it must never be listed). Anything else must be a key listed in the keys
file and allowed to sign on the build's date, or the build stops with a message that says what to do.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from mccat.publish.canonical_json import json_bytes
from mccat.publish.certificates import Signer, did_document_file, registry_did_document
from mccat.publish.signing.did_web import did_web_from_url
from mccat.publish.signing.keys import (
    KEYS_FILE,
    PREVIEW,
    SIGNING_KEY_ENV,
    RegistryKey,
    SigningKeyError,
    load_keys,
    preview_private_key,
    signing_key,
)
from mccat.publish.signing.multikey import encode_public_key

KEYS_ENV = "MCCAT_KEYS"  # another keys file (tests); default: governance/keys.yaml beside mkdocs.yml


@dataclass(frozen=True)
class Signing:
    """What the build signs with, if anything, and the keys its DID document lists."""

    did: str | None  # None: the site URL cannot be a did:web (not https)
    keys: tuple[RegistryKey, ...]
    signer: Signer | None
    note: str  # the info line the build logs

    @property
    def did_keys(self) -> tuple[RegistryKey, ...]:
        """The keys of the DID document: the registry's, and a preview's throwaway key."""
        if self.signer is not None and self.signer.preview:
            return (*self.keys, self.signer.entry)
        return self.keys


def preview_key(today: date) -> tuple[Ed25519PrivateKey, RegistryKey]:
    private = preview_private_key()
    return private, RegistryKey("preview", encode_public_key(private.public_key()), today)


def build_signing(config_dir: Path, site_url: str, today: date, env: Mapping[str, str] = os.environ) -> Signing:
    """The build's Signing; SigningKeyError (bilingual, says what to do) when the key cannot be used."""
    keys_file = Path(env.get(KEYS_ENV) or config_dir / KEYS_FILE)
    keys = tuple(load_keys(keys_file))
    value = (env.get(SIGNING_KEY_ENV) or "").strip()
    try:
        did = did_web_from_url(site_url)
    except ValueError:
        did = None
    if not value:
        return Signing(
            did,
            keys,
            None,
            f"証明書なし：{SIGNING_KEY_ENV} が設定されていないため、認定証明書は発行しません。"
            f" / No certificates: {SIGNING_KEY_ENV} is not set, so no approval certificates are published.",
        )
    if did is None:
        raise SigningKeyError(
            f"site_url ({site_url}) は https の URL ではないため、did:web の識別子を作れません。"
            f"mkdocs.yml の site_url を https:// で始めてください。\n"
            f"site_url ({site_url}) is not an https URL, so it cannot be a did:web identifier: "
            "make mkdocs.yml's site_url start with https://"
        )
    if value == PREVIEW:
        private, entry = preview_key(today)
        signer = Signer(private, entry, did, preview=True)
        note = (
            "プレビュー用の鍵で署名します（証明書は無効）。 / Signing with the preview key: certificates are invalid."
        )
        return Signing(did, keys, signer, note)
    private, entry = signing_key(value, list(keys), today)
    note = f"認定証明書に鍵 {entry.id} で署名します。 / Signing approval certificates with key {entry.id}."
    return Signing(did, keys, Signer(private, entry, did), note)


def root_documents(signing: Signing) -> dict[str, bytes]:
    """Files at the site's root: the DID document where did:web looks for it (when the registry has
    keys), and .nojekyll, without which GitHub Pages' branch deploys would drop /.well-known/."""
    files = {".nojekyll": b""}
    if signing.did is not None and signing.did_keys:
        document = registry_did_document(signing.did, signing.did_keys)
        files[did_document_file(signing.did)] = json_bytes(document)
    return files
