"""JSON bytes a build keeps (the compare tool's data files, certificates) cost what they weigh
(mccat.publish.canonical_json)."""

from __future__ import annotations

import tracemalloc

from mccat.publish.canonical_json import json_bytes


def test_kept_json_bytes_hold_no_spare_buffer():
    """orjson returns its whole write buffer (32 KB for a 2 KB document): 20,000 programs' data files held
    650 MB in each language's build. Kept results must take about their own size."""
    document = {f"field-{n:03d}": f"値 value {n}" for n in range(100)}
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        kept = [json_bytes(document, compact=compact) for compact in (True, False) * 100]
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    weight = sum(len(data) for data in kept)
    assert len(kept[0]) > 2_000  # a document the size of a data file
    assert after - before < 1.5 * weight + 64 * 1024, f"{after - before:,} bytes held for {weight:,} bytes of JSON"
