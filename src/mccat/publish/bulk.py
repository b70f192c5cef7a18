"""Catalogue-wide documents made program by program: merged JSON-LD graphs and gzip-compressed streams.

The catalogue-wide JSON-LD documents (schema.org, ELM, CTDL) repeat the per-program files: at 1,000
programs they weighed 32 MB, 30 KB per program, 14% of the site. They are published gzip-compressed
(about 17 times smaller; bench/README.md) and compressed as they are made, so that no build holds a
whole catalogue's graph in memory: the build adds each program's nodes and lets them go (at 20,000
programs the graphs held at once were gigabytes of Python objects).

    OnceById          which nodes of a merged @graph to keep: each @id once, a stub only if nothing fuller came
    GzipJson          a JSON document written into gzip in pieces; the same bytes as json_bytes(compact=True)
    members(...)      a JSON object from members already written as JSON (sorted, as json_bytes sorts them)
    joined(...)       an array of pieces already written as JSON, between two parts, made in one allocation

The bytes are deterministic: zlib at a fixed level, gzip header with no name and mtime 0.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterable, Mapping
from typing import Any

from mccat.publish.canonical_json import json_bytes

Node = dict[str, Any]
GZIP_LEVEL = 6  # 16x smaller than the JSON at 1,000 programs; 9 gains 4% more for 30% more time
_GZIP_WINDOW = 16 + zlib.MAX_WBITS  # zlib writes the gzip header (mtime 0, no name) and trailer
_HOLE = b"\x00"  # where a streamed member goes: JSON text never has a raw NUL byte


def compact(data: Any) -> bytes:
    """`data` as compact JSON without the final newline (a piece of a larger document)."""
    return json_bytes(data, compact=True)[:-1]


def members(parts: Mapping[str, bytes]) -> bytes:
    """A JSON object from members already written as JSON, in sorted key order like json_bytes."""
    return b"{" + b",".join(compact(key) + b":" + parts[key] for key in sorted(parts)) + b"}"


def joined(start: bytes, items: Iterable[bytes], end: bytes, brackets: bytes = b"[]") -> bytes:
    """`start + b"[" + b",".join(items) + b"]" + end`, each item written into the result as it comes: joined
    in steps, a document of 80 MB (catalogue.json at 20,000 programs) was copied three times over, and the
    items need not all exist at once. `brackets=b"{}"`: the items are an object's members
    (`compact(key) + b":" + compact(value)`)."""
    out = io.BytesIO()
    out.write(start + brackets[:1])
    comma = b""
    for item in items:
        out.write(comma)
        out.write(item)
        comma = b","
    out.write(brackets[1:] + end)
    return out.getvalue()


def around(data: Mapping[str, Any], key: str) -> tuple[bytes, bytes]:
    """The compact JSON of `data` before and after the value of `key` (an array to be written in pieces):
    `before + b"[" + items + b"]" + after` is the whole object."""
    parts = {name: compact(value) for name, value in data.items() if name != key}
    parts[key] = _HOLE
    before, after = members(parts).split(_HOLE)
    return before, after


def is_stub(node: Node) -> bool:
    """A node that only names another (@id and @type): ELM's stand-in for the specification a stacking link
    points to, in a program's own file."""
    return node.keys() <= {"@id", "@type"}


class OnceById:
    """The nodes of several programs' graphs merged into one: each @id once (providers and the registry are
    in every program's graph); a stub waits and is kept only if no fuller node with its @id came."""

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._stubs: dict[str, Node] = {}

    def take(self, nodes: Iterable[Node]) -> list[Node]:
        """Of one program's nodes, those the merged graph gets now."""
        kept = []
        for node in nodes:
            key = node.get("@id")
            if key is None:
                kept.append(node)
            elif key in self._seen:
                continue
            elif is_stub(node):
                self._stubs.setdefault(key, node)
            else:
                self._seen.add(key)
                kept.append(node)
        return kept

    def rest(self) -> list[Node]:
        """The stubs nothing fuller replaced (a link to a program outside the merged graph), at the end."""
        return [node for key, node in self._stubs.items() if key not in self._seen]


class GzipJson:
    """One JSON document made of pieces written in order, gzip-compressed as they come: `start` (the bytes
    before the array), `add` for each item of the array, `finish` (the bytes after it)."""

    def __init__(self, start: bytes) -> None:
        self._zip = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, _GZIP_WINDOW)
        self._out: list[bytes] = []
        self._first = True
        self._write(start + b"[")

    def add(self, item: Any) -> None:
        self._write((b"" if self._first else b",") + compact(item))
        self._first = False

    def add_all(self, items: Iterable[Any]) -> None:
        for item in items:
            self.add(item)

    def finish(self, end: bytes) -> bytes:
        """The compressed document; `end` closes the array's parent and the document (newline included)."""
        self._write(b"]" + end)
        self._out.append(self._zip.flush())
        return b"".join(self._out)

    def _write(self, data: bytes) -> None:
        compressed = self._zip.compress(data)
        if compressed:
            self._out.append(compressed)
