"""Files the theme and Pagefind ship that the site never loads: not published.

Measured per language (bench/sitebytes.py): Material's lunr search (0.96 MB: the site searches with
Pagefind, Material's search plugin is off) and its source maps (1.29 MB: only a browser's developer
tools read them, and only to show Material's minified code); Pagefind's ready-made interfaces (0.42 MB
per bundle: the site has its own, overrides/assets/javascripts/search.js, and loads only pagefind.js,
its worker and its WebAssembly). 5.3 MB in all, whatever the catalogue's size. Material's search
worker itself stays (its bundle refers to it).
"""

from __future__ import annotations

from pathlib import Path

THEME_FOLDERS = ("assets/javascripts/lunr/",)
THEME_SUFFIXES = (".map",)
PAGEFIND_UI = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


def is_unused_theme_file(src_uri: str) -> bool:
    """A theme file the site never loads (its path in the language's site, e.g. assets/javascripts/lunr/...)."""
    return src_uri.startswith(THEME_FOLDERS) or src_uri.endswith(THEME_SUFFIXES)


def remove_pagefind_ui(bundle: Path) -> None:
    """Delete Pagefind's interface files from one language's bundle (<site>/pagefind/<lang>/)."""
    for name in PAGEFIND_UI:
        (bundle / name).unlink(missing_ok=True)
