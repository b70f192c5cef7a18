"""Offline JSON-LD processing for tests: contexts from ../shared/vocab/, never fetched.

`document_loader` maps each context URL our output uses to its local copy and
refuses every other URL, so a test can never reach the network and a context we
did not expect fails loudly. `to_graph` turns JSON-LD into an rdflib graph via
pyld (rdflib's own parser would try to fetch the contexts).
Set MCCAT_VOCAB_DIR to use another copy of the vocabulary folder.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import rdflib
from pyld import jsonld

VOCAB_DIR = Path(os.environ.get("MCCAT_VOCAB_DIR", Path(__file__).resolve().parents[2] / "shared" / "vocab"))

CONTEXT_FILES = {
    "https://schema.org": "schemaorg/schemaorgcontext.jsonld",
    "https://schema.org/": "schemaorg/schemaorgcontext.jsonld",
    "http://schema.org": "schemaorg/schemaorgcontext.jsonld",
    "http://schema.org/": "schemaorg/schemaorgcontext.jsonld",
    "https://www.w3.org/ns/credentials/v2": "openbadges3/credentials-v2.jsonld",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "openbadges3/context-3.0.3.json",
}


def vocab_file(relative: str) -> Path:
    path = VOCAB_DIR / relative
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} is missing: the offline vocabulary copies live in ../shared/vocab/ "
            "(see its README), or set MCCAT_VOCAB_DIR"
        )
    return path


@cache
def _load(relative: str) -> Any:
    return json.loads(vocab_file(relative).read_text(encoding="utf-8"))


def document_loader(url: str, options: dict | None = None) -> dict[str, Any]:
    if url not in CONTEXT_FILES:
        raise jsonld.JsonLdError(
            f"refusing to fetch {url}: tests run offline", "loading document failed", code="loading document failed"
        )
    return {"contextUrl": None, "documentUrl": url, "document": _load(CONTEXT_FILES[url])}


OPTIONS = {"documentLoader": document_loader}


def expand(document: Any) -> list[Any]:
    return jsonld.expand(document, OPTIONS)


def to_graph(documents: list[Any]) -> rdflib.Graph:
    """One graph of every document's triples (blank nodes kept apart per document)."""
    graph = rdflib.Graph()
    for document in documents:
        nquads = jsonld.to_rdf(document, {**OPTIONS, "format": "application/n-quads"})
        graph.parse(data=nquads, format="nt")
    return graph


def count_properties(node: Any) -> int:
    """Keys that are not keywords, at every depth (the @context excluded).

    Expansion keeps one key per property it understands, so a document and its
    expansion have equal counts exactly when no term was dropped. `id` and
    `type` count as the keywords they stand for: both the schema.org and the
    credentials contexts alias them to @id and @type.
    """
    if isinstance(node, list):
        return sum(count_properties(item) for item in node)
    if isinstance(node, dict):
        return sum(
            (not key.startswith("@") and key not in KEYWORD_ALIASES) + count_properties(value)
            for key, value in node.items()
            if key != "@context"
        )
    return 0


KEYWORD_ALIASES = {"id", "type"}
