"""Indexing the built site with Pagefind: one bundle per language, built beside that language's pages.

As soon as a language's build has written its pages, Pagefind indexes them into that language's
bundle (`/pagefind/<lang>/`; pages at their site paths, /ja/programs/...), while the other
language's build may still be rendering or indexing: the two indexes are built in parallel, and
neither waits for the whole site. A page loads the bundle of its own language only: a Japanese
page never shows English results.

Pagefind is the extended binary (found by the `pagefind` package; the plain one cannot segment
Japanese), run as a command with its exit status checked. Its service mode was measured and
gave no gain (the build is CPU-bound on two cores; bench/README.md), and the `pagefind`
package's client for it waits forever for an answer from a process that has died.

Pagefind writes some files in an order that changes from run to run; `finish` puts them in one
order (mccat.build.stable_bundle), so one commit builds to the same bytes anywhere.

Only pages that carry `data-pagefind-body` are indexed (program, provider and hand-written
pages); inside them, what is marked `data-pagefind-ignore` is not.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mccat.build.stable_bundle import BundleFormatError, canonicalize_bundle
from mccat.build.unused_files import remove_pagefind_ui

BUNDLE_DIR = "pagefind"  # one bundle per language, at the site root: /pagefind/ja/pagefind.js
INDEX_TIMEOUT = 600  # seconds; a hung Pagefind must not hold the build (and CI) forever
# the ¶ after headings; controls (compare, copy) are not content; descriptor labels repeat on every program page
EXCLUDE_SELECTORS = (".headerlink", "button", ".mc-descriptors dt")
# Pagefind works inside this element only. The index is the same as with data-pagefind-body alone (same
# fragments and word index at 1,000 programs), but Pagefind skips the rest of each page (header, nav,
# JSON-LD, footer) instead of walking it: 42% less CPU (bench/README.md). One such element per page.
ROOT_SELECTOR = "[data-pagefind-body]"


class SearchIndexError(Exception):
    """Indexing failed; the message says what happened and what to do."""


@dataclass(frozen=True)
class IndexReport:
    bundle: Path  # the folder of the bundles (<site_root>/pagefind)
    pages: dict[str, int]  # indexed pages per language
    seconds: float  # from "the pages are written" to "the index is written"
    bytes: int  # the bundles on disk, index and Pagefind's scripts

    @property
    def summary(self) -> str:
        counts = ", ".join(f"{lang} {count}" for lang, count in self.pages.items())
        return f"Search index: {counts} pages in {self.seconds:.1f} s, {self.bytes / 1_000_000:.1f} MB in {BUNDLE_DIR}/"


def pagefind_executable() -> Path:
    """The extended Pagefind binary (the plain one does not segment Japanese), or a clear error."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise SearchIndexError("Pagefind is not installed: pip install 'pagefind[extended]'") from None
    executable = get_executable()
    if executable is None:
        raise SearchIndexError("No Pagefind binary found: pip install 'pagefind[extended]'")
    if "extended" not in executable.name:
        raise SearchIndexError(
            f"{executable} is not the extended Pagefind binary; the plain one cannot segment Japanese text. "
            "Install it (pip install 'pagefind[extended]') and unset PAGEFIND_BINARY_PATH."
        )
    return executable


def bundle_path(site_root: Path, lang: str) -> Path:
    """Where one language's bundle goes: <site_root>/pagefind/<lang>/ (pagefind.js and its index)."""
    return Path(site_root) / BUNDLE_DIR / lang


class LanguageIndex:
    """One language's index: Pagefind over that language's pages, started once they are written."""

    def __init__(self, lang: str):
        self.lang = lang
        self._executable = pagefind_executable()  # a missing or plain binary fails before any page is built
        self._process: subprocess.Popen | None = None
        self._log: Any = None  # what Pagefind prints: a file, since a pipe nobody reads could stall it
        self._site_root = Path()
        self._started = 0.0

    def add_pages(self, site_root: Path) -> None:
        """Start indexing the language's pages under site_root (<site_root>/<lang>/**/*.html)."""
        self._site_root = Path(site_root).resolve()
        bundle = bundle_path(self._site_root, self.lang)
        if bundle.exists():
            shutil.rmtree(bundle)  # fragment file names are content hashes: old ones would pile up
        command = [
            str(self._executable),
            "--site",
            str(self._site_root),
            "--glob",
            f"{self.lang}/**/*.html",
            "--output-path",
            str(bundle),
            "--quiet",
            "--root-selector",
            ROOT_SELECTOR,
        ]
        for selector in EXCLUDE_SELECTORS:
            command += ["--exclude-selectors", selector]
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - closed by finish() or stop()
        self._started = time.monotonic()
        try:
            self._process = subprocess.Popen(
                command, stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
        except OSError as error:
            self.stop()
            raise SearchIndexError(f"Pagefind ({self._executable}) could not start: {error.strerror}") from None

    def finish(self, *, min_pages: int = 0) -> IndexReport:
        """Wait for Pagefind, check its exit status and what it wrote."""
        assert self._process is not None, "add_pages first"
        try:
            status = self._process.wait(timeout=INDEX_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.stop()
            raise SearchIndexError(
                f"Pagefind did not finish indexing the {self.lang} pages in {INDEX_TIMEOUT} s"
            ) from None
        self._log.seek(0)
        printed = self._log.read().decode("utf-8", errors="replace")
        self.stop()
        if status != 0:
            lines = dict.fromkeys(line.strip() for line in printed.splitlines())  # it repeats itself
            output = "\n".join(line for line in lines if line)
            raise SearchIndexError(
                f"Pagefind could not index the {self.lang} pages (exit {status}):\n{output[-2000:] or '(no output)'}"
            )
        try:  # the same pages, the same bytes: Pagefind's hash-map orders put in one order
            canonicalize_bundle(bundle_path(self._site_root, self.lang))
            remove_pagefind_ui(bundle_path(self._site_root, self.lang))  # the site has its own interface
        except (BundleFormatError, OSError) as error:
            raise SearchIndexError(f"The {self.lang} search index could not be made reproducible: {error}") from None
        seconds = time.monotonic() - self._started
        return check_index(self._site_root, self.lang, min_pages=min_pages, seconds=seconds)

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        if self._log is not None:
            self._log.close()


def check_index(site_root: Path, lang: str, *, min_pages: int = 0, seconds: float = 0.0) -> IndexReport:
    """Check one language's bundle: at least `min_pages` pages (one per program), all in that language.

    A missing `<html lang>` or `data-pagefind-body` fails here, not in a visitor's browser.
    """
    bundle = bundle_path(Path(site_root).resolve(), lang)
    entry_file = bundle / "pagefind-entry.json"
    if not entry_file.is_file():
        raise SearchIndexError(f"Pagefind wrote no index for {lang}: {entry_file} is missing")
    entry = json.loads(entry_file.read_text(encoding="utf-8"))["languages"]
    count = entry.get(lang, {}).get("page_count", 0)
    if count < min_pages:
        raise SearchIndexError(
            f"The search index is incomplete ({lang} has {count} pages; every language needs at least "
            f"{min_pages}, one per program). Program pages must keep data-pagefind-body "
            "(overrides/mc/program.html) and <html lang>."
        )
    foreign = sorted(set(entry) - {lang})
    if foreign:
        raise SearchIndexError(
            f"Pagefind found pages in {', '.join(foreign)} among the {lang} pages: a page with "
            f'data-pagefind-body lacks <html lang="{lang}">.'
        )
    size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file())
    return IndexReport(bundle.parent, {lang: count}, seconds, size)


def merge_reports(reports: Sequence[IndexReport]) -> IndexReport:
    return IndexReport(
        reports[0].bundle,
        {lang: n for r in reports for lang, n in r.pages.items()},
        max(r.seconds for r in reports),
        sum(r.bytes for r in reports),
    )


def index_site(site_root: Path, *, languages: Sequence[str], min_pages: int = 0) -> IndexReport:
    """Index every language of a built site, in parallel, and check each (mkdocs serve, tests, bench)."""
    indexes: list[LanguageIndex] = []
    try:
        for lang in languages:
            indexes.append(LanguageIndex(lang))
            indexes[-1].add_pages(site_root)
        return merge_reports([index.finish(min_pages=min_pages) for index in indexes])
    finally:
        for index in indexes:
            index.stop()
