"""Deterministic JSON bytes, the one way every JSON file and embedded document of the site is written.

Sorted keys, UTF-8 (no \\u escapes for non-ASCII), a newline at the end; indented by 2, or compact for
bulk files. orjson writes the bytes json.dumps(ensure_ascii=False, sort_keys=True) writes, about 20
times faster (the standard library indents in pure Python); tests/test_exports.py compares the two on
every file.
"""

from __future__ import annotations

import json
from typing import Any

import orjson


def json_bytes(data: Any, *, compact: bool = False) -> bytes:
    option = orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE | (0 if compact else orjson.OPT_INDENT_2)
    try:
        # A copy of the exact size: orjson's bytes keep the buffer it wrote into (32 KB for a 2 KB document,
        # measured with orjson 3.13), and a build keeps some of them to the end (the compare tool's data
        # files: 20,000 of them held 650 MB of allocations in each language's build). The copy costs a
        # memcpy.
        return bytes(memoryview(orjson.dumps(data, option=option)))
    except orjson.JSONEncodeError:  # what orjson refuses (an integer beyond 64 bits): the standard library
        return standard_json_bytes(data, compact=compact)


def standard_json_bytes(data: Any, *, compact: bool = False) -> bytes:
    options = {"separators": (",", ":")} if compact else {"indent": 2}
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, **options) + "\n").encode("utf-8")
