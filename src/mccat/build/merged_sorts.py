"""One sort order for a language's search bundles, so that a sorted search over several is still sorted.

A large catalogue's index is in several bundles (mccat.build.search_index) that the browser searches as
one (Pagefind's mergeIndex). Unsorted, results merge by relevance and all is well. Sorted (by hours, fee,
date), Pagefind scores each result by its position in its own bundle's order of the sort key (the meta
file's `sorts`: the pages of each key, first to last), and the merge orders by score: the first page of
every bundle, then the second of every bundle... (measured: hours 10, 12, 16, 15, 20, 30, 20...).

So once every bundle of a language is written, each bundle's order of each key is rewritten to hold
its pages at their places in the language's one order, the other bundles' places held by a page
number the bundle does not have (Pagefind keeps a result only if its page is in the order, and scores
it by its first place there). A bundle's score is then the page's rank in the whole language.

The one order merges the bundles' own orders, each kept exactly as Pagefind made it, by the pages'
sort values, read where Pagefind read them (`data-pagefind-sort` in the page) and compared as numbers
when every value of the key is one, as text otherwise (as Pagefind does). A key missing from a bundle
is added to it: without it that bundle's results would come unsorted and unfiltered.
"""

from __future__ import annotations

import gzip
import heapq
import html
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mccat.build.stable_bundle import (
    SIGNATURE,
    BundleFormatError,
    read_pagefind_file,
    write_meta,
)

# an element that sets sort keys, and its attributes (Jinja escapes quotes and brackets in values)
SORT_ELEMENT = re.compile(r'<[a-zA-Z][^>]*?\sdata-pagefind-sort="([^"]*)"[^>]*>')
SORT_MARKER = 'data-pagefind-sort="'  # found first: SORT_ELEMENT tried at every "<" took 14x longer a page
ATTRIBUTE = re.compile(r'([\w:.-]+)="([^"]*)"')
NAMED_BY_ATTRIBUTE = re.compile(r"([^\[\]:]+)\[([^\]]+)\]")  # hours[data-s1]: the value is in data-s1


@dataclass
class _Bundle:
    path: Path
    lang: str
    meta_hash: str  # the meta file is pagefind.<meta_hash>.pf_meta
    meta: list[Any]  # [version, pages [[hash, words], ...], chunks, filters, sorts [[key, [page...]], ...], ...]

    @property
    def pages(self) -> list[Any]:
        return self.meta[1]

    def order(self, key: str) -> list[int]:
        return next((pages for name, pages in self.meta[4] if name == key), [])


@dataclass
class SortedBundle:
    """A written bundle and the sort values of its pages, read once Pagefind is done with it (while the
    language's next bundle is being indexed: reading the pages is most of the merge's time)."""

    bundle: _Bundle
    values: dict[int, dict[str, str]]  # page number -> sort key -> value as the page states it


def read_sorted_bundle(path: Path, site_root: Path) -> SortedBundle:
    bundle = _load(path)
    return SortedBundle(bundle, _sort_values(bundle, site_root))


def merge_sort_orders(bundles: Sequence[SortedBundle]) -> None:
    """Rewrite the sort orders of one language's bundles (the first bundle first) into one order."""
    loaded = [read.bundle for read in bundles]
    keys = sorted({name for bundle in loaded for name, _ in bundle.meta[4]})
    values = [read.values for read in bundles]
    orders: dict[str, list[tuple[int, int]]] = {}  # key -> (bundle number, page number), first to last
    for key in keys:
        for b, bundle in enumerate(loaded):
            unread = next((page for page in bundle.order(key) if key not in values[b][page]), None)
            if unread is not None:
                raise BundleFormatError(
                    f"{bundle.path}: Pagefind sorted page {unread} by '{key}', but its value could not be read "
                    "from the page (data-pagefind-sort as name:value or name[attribute]; mccat.build.merged_sorts)"
                )
        raw = [values[b][page][key] for b, bundle in enumerate(loaded) for page in bundle.order(key)]
        numeric = all(_is_number(value) for value in raw)
        streams = [
            [(_comparable(values[b][page][key], numeric), b, page) for page in bundle.order(key)]
            for b, bundle in enumerate(loaded)
        ]
        # each bundle's own order is kept whatever the comparison says: merge only interleaves
        orders[key] = [(b, page) for _, b, page in heapq.merge(*streams, key=lambda item: item[0])]
    for b, bundle in enumerate(loaded):
        absent = len(bundle.pages)  # no page has this number
        bundle.meta[4] = [[key, [page if owner == b else absent for owner, page in orders[key]]] for key in keys]
        write_meta(bundle.path, bundle.lang, bundle.meta_hash, bundle.meta)


def _load(path: Path) -> _Bundle:
    entry = json.loads((path / "pagefind-entry.json").read_text(encoding="utf-8"))
    (lang, info), *others = entry["languages"].items()
    if others:
        raise BundleFormatError(f"{path}: a bundle of one language holds {len(others) + 1}")
    meta_path = path / f"pagefind.{info['hash']}.pf_meta"
    meta = read_pagefind_file(meta_path)
    if not (isinstance(meta, list) and len(meta) >= 5 and isinstance(meta[1], list) and isinstance(meta[4], list)):
        raise BundleFormatError(f"{meta_path}: the meta file is [version, pages, chunks, filters, sorts, ...]")
    return _Bundle(path, lang, info["hash"], meta)


def _sort_values(bundle: _Bundle, site_root: Path) -> dict[int, dict[str, str]]:
    """The sort values of every page in one of the bundle's orders, from the page Pagefind read."""
    wanted = sorted({page for _, pages in bundle.meta[4] for page in pages})
    values: dict[int, dict[str, str]] = {}
    for page in wanted:
        url = fragment_url(bundle.path / "fragment" / f"{bundle.pages[page][0]}.pf_fragment")
        file = site_root / url.lstrip("/")
        values[page] = page_sort_values(
            (file / "index.html" if url.endswith("/") else file).read_text(encoding="utf-8")
        )
    return values


def fragment_url(path: Path) -> str:
    """The page URL a Pagefind fragment (JSON behind Pagefind's signature, gzip-compressed) stands for."""
    try:
        return json.loads(gzip.decompress(path.read_bytes())[len(SIGNATURE) :])["url"]
    except (OSError, EOFError, ValueError, KeyError, TypeError) as error:
        raise BundleFormatError(f"{path}: not a Pagefind fragment this build understands ({error})") from None


def page_sort_values(text: str) -> dict[str, str]:
    """A page's sort values as Pagefind reads them: `data-pagefind-sort="name:value"`, or a list of
    `name[attribute]` whose values are the element's attributes."""
    values: dict[str, str] = {}
    for element in _sort_elements(text):
        attributes = {name: html.unescape(value) for name, value in ATTRIBUTE.findall(element.group(0))}
        for part in html.unescape(element.group(1)).split(","):
            named = NAMED_BY_ATTRIBUTE.fullmatch(part.strip())
            if named:
                values[named[1].strip()] = attributes.get(named[2], "")
            elif ":" in part:
                name, _, value = part.strip().partition(":")
                values[name] = value
            # a bare name takes the element's text: not read here, so such a key stops the merge (no mis-sort)
    return values


def _sort_elements(text: str) -> Iterator[re.Match[str]]:
    """SORT_ELEMENT.finditer(text), the same matches, searched from just before each `data-pagefind-sort="`
    instead of tried at every "<" of the page. Exact: a match holds the marker with no ">" before it, so none
    starts before the last ">" ahead of the first marker still to come."""
    end = 0
    while (at := text.find(SORT_MARKER, end)) != -1:
        element = SORT_ELEMENT.search(text, max(end, text.rfind(">", 0, at) + 1))
        if element is None:
            return
        yield element
        end = element.end()


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _comparable(value: str, numeric: bool) -> tuple[float, str]:
    return (float(value), "") if numeric else (0.0, value)
