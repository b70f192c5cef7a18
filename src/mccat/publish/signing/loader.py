"""Offline JSON-LD document loader: every context is a pinned local file.

Signatures are computed over the RDF that the contexts produce, so a context
fetched from the network (or a silently edited copy) could change what a
signature covers.  This loader serves only the files in ``contexts/``, checks
their SHA-256 on first use, and refuses every other URL without fetching.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cachetools import LRUCache  # a pyld dependency
from pyld import jsonld
from pyld.context_resolver import ContextResolver

CONTEXT_DIR = Path(__file__).resolve().parent / "contexts"

# URL -> (file in contexts/, sha256 of the file as copied from upstream)
CONTEXTS: Mapping[str, tuple[str, str]] = {
    "https://www.w3.org/ns/credentials/v2": (
        "credentials-v2.jsonld",
        "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734",
    ),
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": (
        "context-3.0.3.json",
        "ef2fa9c7846dce233cc166b43639027278be4ee44f00bb1d45c75de2dd0cd761",
    ),
    "https://w3id.org/security/data-integrity/v2": (
        "data-integrity-v2.jsonld",
        "67f21e6e33a6c14e5ccfd2fc7865f7474fb71a04af7e94136cb399dfac8ae8f4",
    ),
    "https://w3id.org/security/multikey/v1": (
        "multikey-v1.jsonld",
        "ba2c182de2d92f7e47184bcca8fcf0beaee6d3986c527bf664c195bbc7c58597",
    ),
    "https://www.w3.org/ns/did/v1": (
        "did-v1.jsonld",
        "62c1054bf404d6dd3a4b26b64f830fd72095f6a26edc4469908c94351352ce5f",
    ),
}


class OfflineLoaderError(jsonld.JsonLdError):
    """Raised for a context URL that has no pinned local copy."""

    def __init__(self, url: str, reason: str):
        super().__init__(
            f"{reason}: {url!r} (offline loader; nothing is fetched)",
            "jsonld.LoadDocumentError",
            {"url": url},
            code="loading remote context failed",
        )


def _read_pinned(name: str, sha256: str) -> dict[str, Any]:
    raw = (CONTEXT_DIR / name).read_bytes()
    if hashlib.sha256(raw).hexdigest() != sha256:
        raise ValueError(
            f"contexts/{name} does not match its pinned SHA-256; a changed context changes what signatures cover"
        )
    doc: dict[str, Any] = json.loads(raw)
    return doc


class OfflineLoader:
    """A pyld ``documentLoader`` over local files, with its own context cache.

    pyld caches resolved contexts; giving each loader a private cache (via
    ``options()``) keeps another loader's mappings from leaking in.
    ``extra`` adds URL -> parsed document mappings (e.g. test-only contexts).
    """

    def __init__(self, extra: Mapping[str, dict[str, Any]] | None = None):
        self._extra = dict(extra or {})
        self._docs: dict[str, dict[str, Any]] = {}
        # also holds inline contexts found in documents, hence bounded
        self._resolved: LRUCache[str, Any] = LRUCache(maxsize=128)

    def __call__(self, url: str, options: Any = None) -> dict[str, Any]:
        if url not in self._docs:
            if url in self._extra:
                self._docs[url] = self._extra[url]
            elif url in CONTEXTS:
                self._docs[url] = _read_pinned(*CONTEXTS[url])
            else:
                raise OfflineLoaderError(url, "no local copy of this JSON-LD context")
        # pyld treats the returned document as read-only; tag it so that pyld
        # may cache the processed context (in our private cache).
        return {"contextUrl": None, "documentUrl": url, "document": self._docs[url], "tag": "static"}

    def options(self) -> dict[str, Any]:
        """pyld options: this loader, its cache, and no base IRI.

        ``base=None`` matters: pyld 3 otherwise resolves relative IRIs against
        ``http://example.org/base/``, which hides undefined types and ids.
        """
        return {"documentLoader": self, "contextResolver": ContextResolver(self._resolved, self), "base": None}


default_loader = OfflineLoader()
