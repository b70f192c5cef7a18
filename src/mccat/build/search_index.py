"""Indexing the built site with Pagefind: a bundle per language (several for a large catalogue).

As soon as a language's build has written its pages, Pagefind indexes them into that language's
bundle (`/pagefind/<lang>/`; pages at their site paths, /ja/programs/...), while the other
language's build may still be rendering: neither language waits for the whole site. The started
build runs both languages' Pagefind (the other language's once its build says its pages are
written: mccat.build.language_builds), so no build idles beside its index, and one large Pagefind
process at a time (each keeps about 1.5 cores busy), the languages' bundles taking turns. A page
loads the bundle of its own language only: a Japanese page never shows English results.

Pagefind is the extended binary (found by the `pagefind` package; the plain one cannot segment
Japanese), run as a command with its exit status checked. Its service mode was measured and
gave no gain (the build is CPU-bound on two cores; bench/README.md), and the `pagefind`
package's client for it waits forever for an answer from a process that has died.

A large catalogue's language is indexed as several bundles (/pagefind/ja/, /pagefind/ja-2/...), each
over a consecutive share of its pages (at most PAGES_PER_BUNDLE, or MCCAT_SEARCH_BUNDLE_PAGES), one
Pagefind process after the other: Pagefind holds every page it indexes in memory (0.28 GB and 0.15 MB
a Japanese page, measured), so one process over 20,000 pages needed 3 GB, more than a CI runner spares.
Each share is hard-linked into a folder of its own at the same site paths (no bytes copied). The
number of bundles follows from the catalogue's size, decided before any page is written, since every
page names its language's bundles (data-more-bundles) and search.js merges them (Pagefind's
mergeIndex). Sorted searches stay sorted across bundles: mccat.build.merged_sorts.

Pagefind writes some files in an order that changes from run to run; each bundle is put in one order
(mccat.build.stable_bundle) as soon as it is written, while the next one is indexed, so one commit
builds to the same bytes anywhere.

Only pages that carry `data-pagefind-body` are indexed (program, provider and hand-written
pages); inside them, what is marked `data-pagefind-ignore` is not.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mccat import environment_without_secrets
from mccat.build.lifetime import dying_with_this_process
from mccat.build.merged_sorts import SortedBundle, merge_sort_orders, read_sorted_bundle
from mccat.build.stable_bundle import BundleFormatError, canonicalize_bundle
from mccat.build.unused_files import remove_pagefind_ui
from mccat.validation.messages import render_both

BUNDLE_DIR = "pagefind"  # one bundle per language, at the site root: /pagefind/ja/pagefind.js
# Pagefind holds every page it indexes in memory: about 0.28 GB plus 0.15 MB a Japanese page (bench/README.md).
# A language's pages beyond this many are split into several bundles, indexed one after the other and
# merged by the browser, so no process outgrows a CI runner; MCCAT_SEARCH_BUNDLE_PAGES sets it (the plan).
PAGES_PER_BUNDLE = 6000
INDEX_TIMEOUT = 600  # seconds; a hung Pagefind must not hold the build (and CI) forever
# One large Pagefind process at a time in a build, whichever language (large: over half a bundle's pages).
# Pagefind keeps about 1.5 cores busy on its own (20,406 Japanese pages: 42 CPU s in 33.5 s), so at 20,000
# programs two at once saved 6 s of 140 and cost 0.6 GB, the difference between a process tree of 2.15 GB
# and one of 1.56 GB; small ones still run side by side (1,000 programs: 0.4 s of 8; bench/README.md).
_ONE_LARGE_PAGEFIND_AT_A_TIME = threading.Lock()
# the ¶ after headings; controls (compare, copy) are not content; descriptor labels repeat on every program page
EXCLUDE_SELECTORS = (".headerlink", "button", ".mc-descriptors dt")
# Pagefind works inside this element only. The index is the same as with data-pagefind-body alone (same
# fragments and word index at 1,000 programs), but Pagefind skips the rest of each page (header, nav,
# JSON-LD, footer) instead of walking it: 42% less CPU (bench/README.md). One such element per page.
ROOT_SELECTOR = "[data-pagefind-body]"


class SearchIndexError(Exception):
    """Indexing failed: what happened and what to do, in Japanese then English (a message of
    mccat.validation.messages), then `detail`, what Pagefind printed, as it printed it."""

    def __init__(self, key: str, detail: str = "", **params: Any):
        message = render_both(key, params)
        super().__init__(f"{message}\n{detail}" if detail else message)


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
        raise SearchIndexError("search-index.not-installed") from None
    executable = get_executable()
    if executable is None:
        raise SearchIndexError("search-index.no-binary")
    if "extended" not in executable.name:
        raise SearchIndexError("search-index.plain-binary", executable=executable)
    return executable


class LanguageIndex:
    """One language's index: Pagefind over that language's pages, started once they are written.

    A catalogue too large for one Pagefind process (its memory grows with the pages: bench/README.md) is
    indexed as several bundles, one after the other, each over a fixed share of the pages (`bundle_files`);
    the pages merge them at query time (`search_bundles`, search.js)."""

    def __init__(self, lang: str):
        self.lang = lang
        self._executable = pagefind_executable()  # a missing or plain binary fails before any page is built
        self._site_root = Path()
        self._bundles: tuple[Path, ...] = ()
        self._started = 0.0
        self._runner: threading.Thread | None = None
        self._process: subprocess.Popen | None = None
        self._stopped = threading.Event()
        self._bundle_pages = PAGES_PER_BUNDLE  # the most pages a bundle holds (decides which index is large)
        self._failure: SearchIndexError | None = None  # what went wrong in the runner, raised by finish()
        self._sorted: list[SortedBundle] = []  # the bundles' sort values, read as each bundle is done

    def add_pages(self, site_root: Path, *, bundles: int = 1, bundle_pages: int = PAGES_PER_BUNDLE) -> None:
        """Start indexing the language's pages under site_root (<site_root>/<lang>/**/*.html) into `bundles`
        bundles; returns at once (Pagefind works while the build goes on)."""
        self._site_root = Path(site_root).resolve()
        self._bundle_pages = bundle_pages
        self._bundles = tuple(self._site_root / name for name in search_bundles(self.lang, bundles))
        for bundle in self._bundles:
            if bundle.exists():
                shutil.rmtree(bundle)  # fragment file names are content hashes: old ones would pile up
        shares = (None,) if bundles == 1 else bundle_files(self._site_root, self.lang, bundles)
        self._started = time.monotonic()
        self._runner = threading.Thread(target=self._run, args=(shares,), daemon=True)
        self._runner.start()

    def _run(self, shares: Sequence[Sequence[str] | None]) -> None:
        """Each bundle in turn, and one large Pagefind process at a time in the whole build
        (_ONE_LARGE_PAGEFIND_AT_A_TIME), so memory is about one bundle's. A bundle is made reproducible as soon
        as it is written, while Pagefind indexes the next one: at 20,000 programs this was a language's last 5 s,
        on one core (bench/README.md)."""
        previous: threading.Thread | None = None
        for bundle, share in zip(self._bundles, shares, strict=True):
            if self._stopped.is_set() or self._failure:  # stopped, or the last bundle could not be tidied
                break
            try:
                failure = self._index(bundle, share)
            except OSError as error:  # Pagefind would not start, or a share could not be linked or copied
                where = f" ({error.filename})" if error.filename else ""
                reason = f"{error.strerror}{where}"
                failure = SearchIndexError("search-index.cannot-start", lang=self.lang, reason=reason)
            if failure or self._stopped.is_set():  # a stopped Pagefind leaves a bundle half-written
                self._failure = self._failure or failure
                break
            if previous is not None:
                previous.join()
            previous = threading.Thread(target=self._tidy, args=(bundle,), daemon=True)
            previous.start()
        if previous is not None:
            previous.join()

    def _tidy(self, bundle: Path) -> None:
        """One written bundle: Pagefind's hash-map orders put in one order, its unused interface removed and,
        when the language has several bundles, its pages' sort values read for the merge."""
        try:
            canonicalize_bundle(bundle)
            remove_pagefind_ui(bundle)  # the site has its own interface
            if len(self._bundles) > 1:
                self._sorted.append(read_sorted_bundle(bundle, self._site_root))
        except (BundleFormatError, OSError) as error:
            failure = SearchIndexError("search-index.not-reproducible", lang=self.lang, error=error)
            self._failure = self._failure or failure

    def _index(self, bundle: Path, share: Sequence[str] | None) -> SearchIndexError | None:
        """Index one bundle: the whole language (share None) or the listed pages, linked into a folder of
        their own that keeps their site paths. Returns what went wrong, or None."""
        with contextlib.ExitStack() as stack:
            site = self._site_root
            if share is not None:  # beside the site, so that hard links work (one file system)
                staging = stack.enter_context(tempfile.TemporaryDirectory(prefix=".pagefind-", dir=site.parent))
                site = _link_pages(self._site_root, share, Path(staging))
            command = [
                str(self._executable),
                "--site",
                str(site),
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
            if not os.access(self._executable, os.X_OK):  # said here as before, not by the launcher below
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self._executable))
            pages = len(share) if share is not None else sum(1 for _ in (site / self.lang).rglob("*.html"))
            large = 2 * pages > self._bundle_pages
            turn = _ONE_LARGE_PAGEFIND_AT_A_TIME if large else contextlib.nullcontext()
            # The log is a file: a pipe nobody reads could stall Pagefind.
            with turn, tempfile.TemporaryFile() as log:
                if self._stopped.is_set():  # stopped while another language's Pagefind ran
                    return None
                self._process = subprocess.Popen(  # ended by the kernel if the build is killed: it writes into
                    dying_with_this_process(command),  # a staging folder the next build takes over
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    env=environment_without_secrets(),  # not ours: it has no business with the signing key
                )
                try:
                    status = self._process.wait(timeout=INDEX_TIMEOUT)
                except subprocess.TimeoutExpired:
                    self._process.kill()
                    self._process.wait()
                    return SearchIndexError("search-index.timeout", lang=self.lang, seconds=INDEX_TIMEOUT)
                if status == 0 or self._stopped.is_set():
                    return None
                log.seek(0)
                printed = log.read().decode("utf-8", errors="replace")
        lines = dict.fromkeys(line.strip() for line in printed.splitlines())  # it repeats itself
        output = "\n".join(line for line in lines if line)
        return SearchIndexError(
            "search-index.pagefind-failed", output[-2000:] or "(no output)", lang=self.lang, status=status
        )

    def finish(self, *, min_pages: int = 0) -> IndexReport:
        """Wait for Pagefind, check its exit status and what it wrote."""
        assert self._runner is not None, "add_pages first"
        self._runner.join()
        self.stop()
        if self._failure:
            raise self._failure
        try:
            if len(self._bundles) > 1:  # a sorted search over several bundles stays sorted
                merge_sort_orders(self._sorted)
        except (BundleFormatError, OSError) as error:
            raise SearchIndexError("search-index.not-reproducible", lang=self.lang, error=error) from None
        seconds = time.monotonic() - self._started
        return check_index(self._site_root, self.lang, min_pages=min_pages, seconds=seconds, bundles=len(self._bundles))

    def stop(self) -> None:
        self._stopped.set()
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        if self._runner is not None and self._runner is not threading.current_thread():
            self._runner.join()


def search_bundles(lang: str, count: int) -> tuple[str, ...]:
    """The site paths of a language's bundles: pagefind/ja/, then pagefind/ja-2/, pagefind/ja-3/..."""
    return tuple(f"{BUNDLE_DIR}/{lang}{'' if n == 1 else f'-{n}'}/" for n in range(1, count + 1))


def bundle_count(pages: int, pages_per_bundle: int) -> int:
    """How many bundles a language's index needs for about `pages` indexed pages."""
    return max(1, -(-pages // pages_per_bundle))


def bundle_files(site_root: Path, lang: str, bundles: int) -> list[list[str]]:
    """The language's pages in `bundles` consecutive shares of the same size (in path order, so the same
    site always splits the same way)."""
    pages = sorted(path.relative_to(site_root).as_posix() for path in (site_root / lang).rglob("*.html"))
    return [pages[len(pages) * n // bundles : len(pages) * (n + 1) // bundles] for n in range(bundles)]


def _link_pages(site_root: Path, pages: Sequence[str], folder: Path) -> Path:
    """A folder holding `pages` at their site paths: hard links (no bytes copied), copies where the file
    system has none."""
    for page in pages:
        target = folder / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site_root / page, target)
        except OSError:
            shutil.copyfile(site_root / page, target)
    return folder


def check_index(
    site_root: Path, lang: str, *, min_pages: int = 0, seconds: float = 0.0, bundles: int = 1
) -> IndexReport:
    """Check one language's bundles: at least `min_pages` pages in all (one per program), all in that
    language.

    A missing `<html lang>` or `data-pagefind-body` fails here, not in a visitor's browser.
    """
    root = Path(site_root).resolve()
    count = size = 0
    for name in search_bundles(lang, bundles):
        bundle = root / name
        entry_file = bundle / "pagefind-entry.json"
        if not entry_file.is_file():
            raise SearchIndexError("search-index.missing", lang=lang, file=entry_file)
        entry = json.loads(entry_file.read_text(encoding="utf-8"))["languages"]
        foreign = sorted(set(entry) - {lang})
        if foreign:
            raise SearchIndexError("search-index.foreign", foreign=", ".join(foreign), lang=lang)
        count += entry.get(lang, {}).get("page_count", 0)
        size += sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file())
    if count < min_pages:
        raise SearchIndexError("search-index.incomplete", lang=lang, count=count, min_pages=min_pages)
    return IndexReport(root / BUNDLE_DIR, {lang: count}, seconds, size)


def merge_reports(reports: Sequence[IndexReport]) -> IndexReport:
    return IndexReport(
        reports[0].bundle,
        {lang: n for r in reports for lang, n in r.pages.items()},
        max(r.seconds for r in reports),
        sum(r.bytes for r in reports),
    )


def index_site(
    site_root: Path,
    *,
    languages: Sequence[str],
    min_pages: int = 0,
    bundles: int = 1,
    bundle_pages: int = PAGES_PER_BUNDLE,
) -> IndexReport:
    """Index every language of a built site (their large Pagefind processes taking turns) and check each (mkdocs
    serve, tests, bench)."""
    indexes: list[LanguageIndex] = []
    try:
        for lang in languages:
            indexes.append(LanguageIndex(lang))
            indexes[-1].add_pages(site_root, bundles=bundles, bundle_pages=bundle_pages)
        return merge_reports([index.finish(min_pages=min_pages) for index in indexes])
    finally:
        for index in indexes:
            index.stop()
