"""Files the site never loads are not published (mccat.build.unused_files): Material's lunr search and
source maps, Pagefind's ready-made interfaces. What the site does load stays."""

from __future__ import annotations

import pytest

from mccat.build.unused_files import PAGEFIND_UI, is_unused_theme_file, remove_pagefind_ui


@pytest.mark.parametrize(
    "path",
    ["assets/javascripts/lunr/min/lunr.ja.min.js", "assets/javascripts/bundle.a5f9d56c.min.js.map", "x.css.map"],
)
def test_unused_theme_files_are_left_out(path):
    assert is_unused_theme_file(path)


@pytest.mark.parametrize(
    "path",
    [
        "assets/javascripts/bundle.a5f9d56c.min.js",
        "assets/javascripts/workers/search.a7633da7.min.js",
        "assets/stylesheets/main.57a0d79d.min.css",
        "assets/javascripts/search.js",
        "sitemap.xml",
    ],
)
def test_files_the_site_loads_stay(path):
    assert not is_unused_theme_file(path)


def test_pagefinds_interfaces_go_and_its_engine_stays(tmp_path):
    engine = ["pagefind.js", "pagefind-worker.js", "wasm.unknown.pagefind", "pagefind-entry.json"]
    for name in [*PAGEFIND_UI, *engine]:
        (tmp_path / name).write_text("x")
    remove_pagefind_ui(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(engine)
