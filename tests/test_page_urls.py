"""The build's `url` filter (mccat.build.page_urls) makes every link MkDocs' own filter makes, byte for byte."""

from __future__ import annotations

import itertools

import pytest
from mkdocs.utils import normalize_url

from mccat.build.page_urls import relative_url

PAGES = [
    "",
    "programs/",
    "programs/acme/data-101/",
    "programs/acme/data-101/index.html",
    "fields/0613/",
    "compare/",
    "404.html",
    "about/",
    "api/v1/",
    "a.b/c/",
    "programs/acme/",
    "programs/acme2/data/",
]
TARGETS = [
    "",
    ".",
    "./",
    "programs/",
    "programs",
    "programs/acme/",
    "programs/acme/data-101/",
    "programs/acme/data-102/",
    "programs/acme2/data/",
    "assets/stylesheets/main.css",
    "assets/images/favicon.png",
    "api/v1/programs/acme/data-101.jsonld",
    "api/v1/programs/acme/data-101.jsonld#program",
    "search/?q=データ",
    "../en/programs/acme/data-101/",
    "../../x/",
    "./programs/../fields/",
    "programs//acme/",
    "/ja/programs/",
    "#section",
    "https://example.org/a/b",
    "mailto:committee@example.org",
    "//cdn.example.org/x.js",
    "フィールド/データ/",
    "a.b/c/",
    "404.html",
]


class FakePage:
    def __init__(self, url: str) -> None:
        self.url = url


@pytest.mark.parametrize(("page", "target"), list(itertools.product(PAGES, TARGETS)))
def test_the_same_link_as_mkdocs(page: str, target: str) -> None:
    assert relative_url(target, page) == normalize_url(target, FakePage(page))  # type: ignore[arg-type]


def test_a_page_asked_twice_and_a_target_from_many_pages() -> None:
    """The caches do not mix pages up: the same target from pages at other depths, and back."""
    for page in PAGES * 2:
        for target in TARGETS:
            assert relative_url(target, page) == normalize_url(target, FakePage(page))  # type: ignore[arg-type]
