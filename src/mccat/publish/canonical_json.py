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
        return orjson.dumps(data, option=option)
    except orjson.JSONEncodeError:  # what orjson refuses (an integer beyond 64 bits): the standard library
        return standard_json_bytes(data, compact=compact)


def standard_json_bytes(data: Any, *, compact: bool = False) -> bytes:
    options = {"separators": (",", ":")} if compact else {"indent": 2}
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, **options) + "\n").encode("utf-8")
