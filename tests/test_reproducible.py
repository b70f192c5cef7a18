"""Reproducible builds: one commit gives the same bytes, wherever and whenever it is built.

The build test builds the sample catalogue twice, in different folders, at different times, in
different time zones and with different hash seeds, and compares every file, the Pagefind bundles
included. The unit tests hold mccat.build.stable_bundle to what it promises: Pagefind's unordered
output put in one order, references rewritten, a file it does not understand refused.
"""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import pytest

from mccat.build.stable_bundle import (
    SIGNATURE,
    BundleFormatError,
    canonicalize_bundle,
    cbor_decode,
    cbor_encode,
    read_pagefind_file,
)
from tests.snapshot import build_sample_site, differences, digests


@pytest.mark.build
def test_two_builds_of_the_sample_catalogue_are_byte_identical(tmp_path):
    signed = {"MCCAT_SIGNING_KEY": "preview"}  # signed certificates too: Ed25519 signatures are deterministic
    first = digests(build_sample_site(tmp_path / "one", {"TZ": "UTC", "PYTHONHASHSEED": "1"} | signed))
    time.sleep(1.5)  # a time stamp anywhere would differ
    second = digests(
        build_sample_site(tmp_path / "elsewhere" / "two", {"TZ": "Asia/Tokyo", "PYTHONHASHSEED": "2"} | signed)
    )
    bundles = [path for path in first if path.startswith("pagefind/")]
    assert any(p.endswith(".pf_filter") for p in bundles) and any(p.endswith(".pf_meta") for p in bundles)
    assert any(p.startswith("api/v1/certificates/") for p in first) and any(
        p.startswith("api/v1/status/") for p in first
    )
    assert differences(first, second) == []


# ------------------------------------------------------------------ the bundle, file by file


def pagefind_file(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(SIGNATURE + cbor_encode(value), mtime=0))


def write_bundle(root: Path, *, reverse: bool) -> Path:
    """A bundle as Pagefind writes it, its hash-map orders either way round."""

    def order(items: list) -> list:
        return list(reversed(items)) if reverse else items

    bundle = root / "pagefind" / "en"
    fee = ["fee", order([["free", [1, 3]], ["paid", [0, 2]]])]
    mode = ["mode", order([["online", [0, 1]], ["onsite", [2]], ["hybrid", [3]]])]
    # Pagefind names filter files after their bytes: the same filter in another order, another name
    fee_name, mode_name = ("en_bbbbbbb", "en_ccccccc") if reverse else ("en_1111111", "en_2222222")
    pagefind_file(bundle / "filter" / f"{fee_name}.pf_filter", fee)
    pagefind_file(bundle / "filter" / f"{mode_name}.pf_filter", mode)
    meta_hash = "en_9999999999" if reverse else "en_0000000000"
    meta = [
        "1.5.2",
        [["en_aaaaaaa", 100], ["en_bbbbbbb", 200]],
        [["a", "z", "en_ddddddd"]],
        order([["fee", fee_name], ["mode", mode_name]]),
        order([["hours", [3, 0, 2, 1]], ["approved", [1, 0, 3, 2]]]),
        ["hours", "title"],
    ]
    pagefind_file(bundle / f"pagefind.{meta_hash}.pf_meta", meta)
    entry = {"version": "1.5.2", "languages": {"en": {"hash": meta_hash, "wasm": "en", "page_count": 4}}}
    (bundle / "pagefind-entry.json").write_text(json.dumps(entry, separators=(",", ":")), encoding="utf-8")
    (bundle / "fragment").mkdir()
    (bundle / "fragment" / "en_aaaaaaa.pf_fragment").write_bytes(b"kept as it is")
    return bundle


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_same_index_in_another_order_gives_the_same_files(tmp_path):
    one = write_bundle(tmp_path / "one", reverse=False)
    two = write_bundle(tmp_path / "two", reverse=True)
    assert tree(one) != tree(two)
    canonicalize_bundle(one)
    canonicalize_bundle(two)
    assert tree(one) == tree(two)
    assert tree(one)["fragment/en_aaaaaaa.pf_fragment"] == b"kept as it is"


def test_the_rewritten_bundle_still_points_at_its_files_and_keeps_the_sort_order(tmp_path):
    bundle = write_bundle(tmp_path, reverse=True)
    canonicalize_bundle(bundle)
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta_hash = entry["languages"]["en"]["hash"]
    metas = list(bundle.glob("*.pf_meta"))
    assert [p.name for p in metas] == [f"pagefind.{meta_hash}.pf_meta"]
    meta = read_pagefind_file(metas[0])
    assert [name for name, _ in meta[3]] == ["fee", "mode"]
    assert meta[4] == [["approved", [1, 0, 3, 2]], ["hours", [3, 0, 2, 1]]]  # pages keep the sort's order
    files = {p.name.removesuffix(".pf_filter") for p in (bundle / "filter").iterdir()}
    assert files == {file_hash for _, file_hash in meta[3]}
    fee = read_pagefind_file(bundle / "filter" / f"{dict(meta[3])['fee']}.pf_filter")
    assert fee == ["fee", [["free", [1, 3]], ["paid", [0, 2]]]]
    assert meta[1] == [["en_aaaaaaa", 100], ["en_bbbbbbb", 200]] and meta[5] == ["hours", "title"]


def test_canonicalizing_twice_changes_nothing(tmp_path):
    bundle = write_bundle(tmp_path, reverse=True)
    canonicalize_bundle(bundle)
    once = tree(bundle)
    canonicalize_bundle(bundle)
    assert tree(bundle) == once


def test_a_file_in_an_unknown_format_is_refused_with_its_name(tmp_path):
    bundle = write_bundle(tmp_path, reverse=False)
    strange = bundle / "filter" / "en_1111111.pf_filter"
    strange.write_bytes(gzip.compress(SIGNATURE + b"\xa1\x61a\x01"))  # a CBOR map: Pagefind writes none
    with pytest.raises(BundleFormatError, match=r"en_1111111\.pf_filter"):
        canonicalize_bundle(bundle)


def test_the_cbor_codec_reads_back_what_it_writes_in_the_shortest_form():
    value = ["x", [0, 23, 24, 255, 256, 65535, 65536, 2**32], "日本語", []]
    encoded = cbor_encode(value)
    assert cbor_decode(encoded) == value
    assert cbor_encode(23) == b"\x17" and cbor_encode(24) == b"\x18\x18" and cbor_encode(256) == b"\x19\x01\x00"
    with pytest.raises(ValueError):
        cbor_decode(encoded + b"\x00")
    with pytest.raises(ValueError):
        cbor_encode(-1)
