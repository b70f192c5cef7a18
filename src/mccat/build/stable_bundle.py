"""Pagefind's bundle made byte-identical from build to build (same pages in, same bytes out).

Two builds of one commit give Pagefind the same pages, and its word index (`index/*.pf_index`) and
fragments (`fragment/*.pf_fragment`) come out the same. Its filter files and the language's meta
file do not: Pagefind collects filters and sort keys in Rust hash maps, whose order is random per
process (measured: RAYON_NUM_THREADS=1 does not help). So

- each filter file (`filter/<lang>_<7 hex>.pf_filter`: a filter's values, each with its pages)
  lists its values in a different order, which changes its bytes and so its content-hashed name;
- the meta file (`pagefind.<lang>_<10 hex>.pf_meta`) lists the filters and the sort keys in a
  different order and names those filter files, so it changes too, and with it its name in
  `pagefind-entry.json`.

What a search returns does not depend on these orders. `canonicalize_bundle` puts them in one order
after Pagefind has written the bundle: filter values by value, filters and sort keys by name (the
pages of a sort key keep Pagefind's order: that is the sort). It then names each rewritten file after
its content as Pagefind does (the language, `_`, a hex digest: here the SHA-256 of the decoded bytes,
so a name depends on the index and not on the compressor) and rewrites the references: the meta file
names the filter files, `pagefind-entry.json` the meta file.

The files are gzip-compressed CBOR behind a 12-byte signature (`pagefind_dcd`). The codec here reads
and writes exactly the subset Pagefind writes (unsigned integers, text strings, arrays, with
definite lengths and the shortest encodings); anything else is an error naming the file, so a
Pagefind that changed its format stops the build instead of publishing a broken index. gzip's
header carries no time or name (mtime 0), and the compressor is zlib at level 9: the same zlib gives
the same bytes (scripts/verify-site.sh compares two builds).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"
FILTER_NAME = re.compile(r"^(?P<lang>[\w-]+)_[0-9a-f]+\.pf_filter\Z")
META_NAME = re.compile(r"^pagefind\.(?P<lang>[\w-]+)_[0-9a-f]+\.pf_meta\Z")
FILTER_HASH_LENGTH = 7  # as Pagefind names them: en_114e29e.pf_filter
META_HASH_LENGTH = 10  # pagefind.en_b94ca6d51e.pf_meta


class BundleFormatError(Exception):
    """A Pagefind file is not in the format this module knows; the message names the file."""


# ------------------------------------------------------------------ CBOR (the subset Pagefind writes)


def cbor_decode(data: bytes) -> Any:
    value, end = _decode(data, 0)
    if end != len(data):
        raise ValueError(f"{len(data) - end} bytes after the value")
    return value


def _decode(data: bytes, at: int) -> tuple[Any, int]:
    if at >= len(data):
        raise ValueError("the data ends inside a value")
    major, info = data[at] >> 5, data[at] & 0x1F
    at += 1
    if info < 24:
        argument = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        if at + size > len(data):
            raise ValueError("the data ends inside a number")
        argument = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise ValueError(f"CBOR additional information {info} (indefinite length or reserved) is not expected")
    if major == 0:
        return argument, at
    if major == 3:
        end = at + argument
        if end > len(data):
            raise ValueError("the data ends inside a text string")
        return data[at:end].decode("utf-8"), end
    if major == 4:
        items = []
        for _ in range(argument):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"CBOR major type {major} is not expected")


def cbor_encode(value: Any) -> bytes:
    out = bytearray()
    _encode(value, out)
    return bytes(out)


def _head(major: int, argument: int, out: bytearray) -> None:
    if argument < 24:
        out.append(major << 5 | argument)
    elif argument < 1 << 8:
        out += bytes((major << 5 | 24, argument))
    elif argument < 1 << 16:
        out.append(major << 5 | 25)
        out += argument.to_bytes(2, "big")
    elif argument < 1 << 32:
        out.append(major << 5 | 26)
        out += argument.to_bytes(4, "big")
    else:
        out.append(major << 5 | 27)
        out += argument.to_bytes(8, "big")


def _encode(value: Any, out: bytearray) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, str, list)):
        raise ValueError(f"cannot encode {type(value).__name__}")
    if isinstance(value, int):
        if value < 0:
            raise ValueError("negative integers are not expected")
        _head(0, value, out)
    elif isinstance(value, str):
        encoded = value.encode("utf-8")
        _head(3, len(encoded), out)
        out += encoded
    else:
        _head(4, len(value), out)
        for item in value:
            _encode(item, out)


# ------------------------------------------------------------------ Pagefind's files


def read_pagefind_file(path: Path) -> Any:
    try:
        raw = gzip.decompress(path.read_bytes())
        if not raw.startswith(SIGNATURE):
            raise ValueError("no pagefind_dcd signature")
        return cbor_decode(raw[len(SIGNATURE) :])
    except (OSError, EOFError, ValueError, UnicodeDecodeError) as error:
        raise BundleFormatError(
            f"{path}: not a Pagefind file this build understands ({error}); "
            "the Pagefind version may have changed its format (mccat.build.stable_bundle)"
        ) from None


def encode_pagefind_file(value: Any) -> tuple[bytes, str]:
    """The file's bytes (gzip of signature + CBOR, no name, mtime 0) and the hex digest that names it."""
    raw = SIGNATURE + cbor_encode(value)
    return gzip.compress(raw, compresslevel=9, mtime=0), hashlib.sha256(raw).hexdigest()


def _sorted_filter(path: Path, value: Any) -> list:
    # [filter name, [[value, [page numbers...]], ...]]
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str) and isinstance(value[1], list)):
        raise BundleFormatError(f"{path}: a filter file is [name, values]; this one is not")
    for entry in value[1]:
        if not (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str)):
            raise BundleFormatError(f"{path}: a filter value is [value, pages]; this one is not")
    return [value[0], sorted(([v, sorted(pages)] for v, pages in value[1]), key=lambda entry: entry[0])]


def _sorted_meta(path: Path, value: Any, renamed: dict[str, str]) -> list:
    # [version, pages, index chunks, [[filter, file hash], ...], [[sort key, pages], ...], (more: kept)]
    if not (isinstance(value, list) and len(value) >= 5 and all(isinstance(v, list) for v in value[1:5])):
        raise BundleFormatError(f"{path}: the meta file is [version, pages, chunks, filters, sorts, ...]; this is not")
    filters = []
    for entry in value[3]:
        if not (isinstance(entry, list) and len(entry) == 2 and entry[1] in renamed):
            raise BundleFormatError(f"{path}: it names a filter file that is not in the bundle: {entry!r}")
        filters.append([entry[0], renamed[entry[1]]])
    sorts = value[4]
    if not all(isinstance(entry, list) and entry and isinstance(entry[0], str) for entry in sorts):
        raise BundleFormatError(f"{path}: a sort key is [name, pages]; this one is not")
    return [
        value[0],
        value[1],
        value[2],
        sorted(filters, key=lambda entry: entry[0]),
        sorted(sorts, key=lambda entry: entry[0]),
        *value[5:],
    ]


def write_meta(bundle: Path, lang: str, old_hash: str, meta: Any) -> str:
    """Write a language's meta file under its content-derived name (`pagefind.<lang>_<digest>.pf_meta`), point
    `pagefind-entry.json` at it (only that string changes: the entry stays as Pagefind wrote it) and remove the
    meta file it named before (`pagefind.<old_hash>.pf_meta`). The new file is written before the entry names
    it, the old one removed after. Returns the new hash (`<lang>_<digest>`)."""
    data, digest = encode_pagefind_file(meta)
    new_hash = f"{lang}_{digest[:META_HASH_LENGTH]}"
    new_path = bundle / f"pagefind.{new_hash}.pf_meta"
    if not new_path.is_file() or new_path.read_bytes() != data:
        new_path.write_bytes(data)
    entry_file = bundle / "pagefind-entry.json"
    entry_text = entry_file.read_text(encoding="utf-8")
    entry_file.write_text(entry_text.replace(json.dumps(old_hash), json.dumps(new_hash)), encoding="utf-8")
    if new_hash != old_hash:
        (bundle / f"pagefind.{old_hash}.pf_meta").unlink()
    return new_hash


def canonicalize_bundle(bundle: Path) -> None:
    """Rewrite one language's bundle (<site>/pagefind/<lang>/) so that the same pages give the same bytes.

    Every file is read before any is written; new files are written before the old ones are removed,
    and the entry file after the files it names."""
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    renamed: dict[str, str] = {}  # old filter hash (as the meta file names it) -> new
    outputs: dict[Path, bytes] = {}  # the filter files the bundle must hold, by path
    olds: list[Path] = []
    filter_dir = bundle / "filter"
    for path in sorted(filter_dir.glob("*.pf_filter")) if filter_dir.is_dir() else []:
        match = FILTER_NAME.match(path.name)
        if match is None:
            raise BundleFormatError(f"{path}: unexpected file name for a Pagefind filter file")
        data, digest = encode_pagefind_file(_sorted_filter(path, read_pagefind_file(path)))
        new_name = f"{match['lang']}_{digest[:FILTER_HASH_LENGTH]}"
        renamed[path.name.removesuffix(".pf_filter")] = new_name
        target = filter_dir / f"{new_name}.pf_filter"
        if target in outputs:  # two different filters whose digests share a prefix: nothing is written
            raise BundleFormatError(f"{bundle}: two filter files would take the name {target.name}")
        outputs[target] = data
        olds.append(path)
    metas = []  # (lang, old hash, the meta in order)
    for lang, info in entry.get("languages", {}).items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        if not meta_path.is_file() or META_NAME.match(meta_path.name) is None:
            raise BundleFormatError(f"{entry_file}: names {meta_path.name}, which is not in the bundle")
        metas.append((lang, info["hash"], _sorted_meta(meta_path, read_pagefind_file(meta_path), renamed)))
    for path, data in outputs.items():
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
    for lang, old_hash, meta in metas:
        write_meta(bundle, lang, old_hash, meta)
    for path in olds:
        if path not in outputs:
            path.unlink()
