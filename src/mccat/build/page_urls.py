"""Links from the page being rendered: MkDocs' `url` filter, with what it recomputes per link computed once.

Every site path a template prints goes through MkDocs' `url` filter (`mkdocs.utils.normalize_url`), which
makes it relative to the page: a program page has about 60 such links, and a build of 1,000 programs
about 150,000. MkDocs splits and normalises the page's URL and the target path again for each link; here
a target's parts are computed once per build and the page's once per page, with MkDocs' algorithm
unchanged, so every link comes out byte for byte as MkDocs makes it (tests/test_page_urls.py compares the
two). A path with a backslash (MkDocs warns about it) is left to MkDocs itself by the hook.
"""

from __future__ import annotations

import posixpath
from functools import cache, lru_cache
from urllib.parse import urlsplit


def _norm_parts(path: str) -> tuple[str, ...]:
    if not path.startswith("/"):
        path = "/" + path
    path = posixpath.normpath(path)[1:]
    return tuple(path.split("/")) if path else ()


@cache
def _target(path: str) -> tuple[str, int, tuple[str, ...]]:
    """`path` as MkDocs' `_get_norm_url` leaves it, how many levels it climbs (-1: an absolute or external
    URL, printed as it is) and its normalised parts."""
    if not path:
        path = "."
    parsed = urlsplit(path)
    if parsed.scheme or parsed.netloc or path.startswith(("/", "#")):
        return path, -1, ()
    norm = posixpath.normpath(path) + "/"
    level = 0
    while norm.startswith("../", level * 3):
        level += 1
    return path, level, _norm_parts(path)


@lru_cache(maxsize=64)
def _page_parts(page_url: str) -> tuple[str, ...]:
    """The parts of the folder a page's URL stands for (its last part dropped if it has a dot: a file)."""
    dirname, _, basename = page_url.rpartition("/")
    return _norm_parts(dirname if "." in basename else page_url)


def relative_url(path: str, page_url: str) -> str:
    """`path` (a site path, an absolute path or a URL) as a link from the page at `page_url`: what
    `mkdocs.utils.normalize_url(path, page)` returns."""
    path, level, dest = _target(path)
    if level == -1:
        return path
    here = _page_parts(page_url)
    common = 0
    for a, b in zip(here, dest, strict=False):
        if a != b:
            break
        common += 1
    relative = "/".join(("..",) * (len(here) - common) + dest[common:]) or "."
    if path.endswith("/"):
        relative += "/"
    return "../" * level + relative if level > 0 else relative
