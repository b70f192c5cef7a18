"""Build the other language of the site in a process of its own, beside this build.

`mkdocs build` builds one language (the one its config names); the hook
starts the other language's `mkdocs build` as a child process at the start
and waits for it at the end. The two builds share nothing but the catalogue
and the output root, so they run in parallel on two cores. The child gets
the build date and catalogue folder of its parent, so both languages show
the same data, and a marker so it does not start builds of its own.

The catalogue is validated once: the child starts at once (loading Python
and MkDocs takes it a while), the parent validates the catalogue and reads
the git history meanwhile, leaves both in a private file and tells the
child on its stdin; the child reads them instead of doing the same work
again (at 5,000 programs that is seconds of CPU on a core that has pages to
render). A child started by hand, without that file, loads them itself.

The started build also indexes the child's pages: the child says on a pipe when its pages are all
written (`announce_pages_written`), the parent starts Pagefind on them at once (`IndexWhenWritten`),
and the child goes on to its end instead of waiting beside its index. At 20,000 programs a language
build held about 1 GB to its end, and both builds sat idle beside Pagefind (bench/README.md).
A child started by hand, without that pipe, indexes its own pages.
"""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from mccat.build.lifetime import die_with
from mccat.build.search_index import IndexReport, LanguageIndex, check_index

CHILD_MARKER = "MCCAT_LANGUAGE_BUILD"  # set in builds started by another build
BUILD_DATE = "MCCAT_BUILD_DATE"  # YYYY-MM-DD: the date statuses are computed for (default: today)
CATALOGUE = "MCCAT_CATALOGUE"  # the catalogue folder (default: catalogue/ beside mkdocs.yml)
PREVIEW = "MCCAT_PREVIEW"  # "1" in the other language's build under `mkdocs serve` (its pages get live reload)
SHARED_DATA = "MCCAT_SHARED_DATA"  # in a child: the file where its parent leaves the validated catalogue
READY = b"ready\n"  # the parent's message on the child's stdin once that file is complete
PARENT = "MCCAT_PARENT_BUILD"  # in a child: the process id of the build that started it
PAGES_WRITTEN = "MCCAT_PAGES_WRITTEN"  # in a child: the pipe (a descriptor) that tells its parent its pages are written
WRITTEN = b"written\n"  # the child's message on that pipe once every page of its language is on disk


def is_child_build() -> bool:
    return os.environ.get(CHILD_MARKER) == "1"


@dataclass
class LanguageBuild:
    lang: str
    process: subprocess.Popen
    log: IO[bytes]  # the child's output, read once it has ended
    shared: Path  # the file the validated catalogue goes into, in a folder of its own
    written: IO[bytes] | None = None  # the child says here when its pages are written (None: it indexes them)

    def pages_written(self) -> bool:
        """Wait until the child says its pages are all written (True), or ends without saying so (False)."""
        if self.written is None or self.written.closed:
            return False
        try:
            return self.written.readline() == WRITTEN
        except (OSError, ValueError):  # closed by stop() meanwhile
            return False

    def share(self, data: Any) -> None:
        """Hand the child what it would otherwise compute again (the validated catalogue and history)."""
        partial = self.shared.with_suffix(".partial")
        partial.write_bytes(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(self.shared)
        self._close_stdin(READY)

    def wait(self) -> tuple[int, str]:
        """Wait for the build to end; its exit status and everything it printed."""
        self._close_stdin()  # never shared (a failure before): the child loads the catalogue itself
        status = self.process.wait()
        self.log.seek(0)
        output = self.log.read().decode("utf-8", errors="replace")
        self._clean_up()
        return status, output

    def stop(self) -> None:
        self._close_stdin()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self._clean_up()

    def _close_stdin(self, message: bytes = b"") -> None:
        stdin = self.process.stdin
        if stdin is None or stdin.closed:
            return
        try:
            stdin.write(message)
            stdin.close()
        except OSError:  # the child has ended already; wait() tells how
            pass

    def _clean_up(self) -> None:
        self.log.close()
        if self.written is not None:
            self.written.close()
        shutil.rmtree(self.shared.parent, ignore_errors=True)


class IndexWhenWritten:
    """Another language's pages, indexed by this build as soon as that language's build says they are written:
    Pagefind starts then, as it would have in the child, and the child ends and frees its memory."""

    def __init__(self, build: LanguageBuild, site_root: Path, *, bundles: int, bundle_pages: int):
        self.lang = build.lang
        self._index = LanguageIndex(build.lang)
        self._site_root = site_root
        self._bundles = bundles
        self._bundle_pages = bundle_pages
        self._lock = threading.Lock()  # stop() and the start of the index never interleave
        self._stopped = False
        self._indexing = False
        self._waiter = threading.Thread(target=self._index_once_written, args=(build,), daemon=True)
        self._waiter.start()

    def _index_once_written(self, build: LanguageBuild) -> None:
        if build.pages_written():
            with self._lock:
                if not self._stopped:
                    self._index.add_pages(self._site_root, bundles=self._bundles, bundle_pages=self._bundle_pages)
                    self._indexing = True

    def finish(self, *, min_pages: int) -> IndexReport:
        """Once the child has ended well: its index, waited for and checked (SearchIndexError if it is not
        right, or missing because the child never said its pages were written)."""
        self._waiter.join()
        if not self._indexing:
            return check_index(self._site_root, self.lang, min_pages=min_pages, bundles=self._bundles)
        return self._index.finish(min_pages=min_pages)

    def stop(self) -> None:
        """The build stops (stop the child first: its end ends the wait)."""
        with self._lock:
            self._stopped = True
        self._index.stop()
        self._waiter.join(timeout=10)


def die_with_the_started_build() -> None:
    """In a child build: end when the build that started it ends, however it ends (mccat.build.lifetime)."""
    parent = os.environ.get(PARENT, "")
    if is_child_build() and parent.isdigit():
        die_with(int(parent))


def is_preview_child() -> bool:
    return is_child_build() and os.environ.get(PREVIEW) == "1"


def parent_indexes_pages() -> bool:
    """In a child build: its parent indexes its pages once told they are written (announce_pages_written)."""
    return is_child_build() and os.environ.get(PAGES_WRITTEN, "").isdigit()


def announce_pages_written() -> None:
    """In a child build: every page is on disk; the parent indexes them while this build finishes."""
    descriptor = int(os.environ[PAGES_WRITTEN])
    try:
        os.write(descriptor, WRITTEN)
    except OSError:  # the parent has gone: this build is about to be ended with it (lifetime)
        pass
    finally:
        os.close(descriptor)
        os.environ.pop(PAGES_WRITTEN)  # said once: a descriptor number may be reused after close


def shared_data() -> Any | None:
    """In a child build: what the parent shared (waiting for it), or None when it shared nothing."""
    path = os.environ.get(SHARED_DATA)
    if not is_child_build() or not path:
        return None
    if sys.stdin.buffer.readline() != READY:  # the parent closed stdin without sharing
        return None
    return pickle.loads(Path(path).read_bytes())  # written by our parent, in a folder only we can read


def start_language_build(
    lang: str,
    config_file: Path,
    site_root: Path,
    *,
    strict: bool,
    build_date: str,
    catalogue: Path,
    preview: bool = False,
    index_here: bool = False,
) -> LanguageBuild:
    """Start `mkdocs build` for another language's config, writing into the same site root. With
    `index_here`, the child tells this process when its pages are written (LanguageBuild.pages_written)
    and leaves their index to it."""
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config_file), "--site-dir", str(site_root)]
    if strict:
        command.append("--strict")
    env = dict(
        os.environ,
        **{
            BUILD_DATE: build_date,
            CATALOGUE: str(catalogue),
            PARENT: str(os.getpid()),
            PREVIEW: "1" if preview else "",
        },
    )
    return start_child(lang, command, env, cwd=config_file.parent, pages_pipe=index_here)


def start_child(
    lang: str, command: list[str], env: Mapping[str, str], *, cwd: Path | None = None, pages_pipe: bool = False
) -> LanguageBuild:
    """Run `command` as a child build: marked as one, with the private file its parent shares the catalogue in
    (announced on its stdin), its output kept in a file, and with `pages_pipe` the pipe on which it says its
    pages are written. start_language_build's `mkdocs build`, or a test's stand-in."""
    shared = Path(tempfile.mkdtemp(prefix="mccat-shared-")) / "catalogue.pickle"
    env = {**env, CHILD_MARKER: "1", SHARED_DATA: str(shared)}
    reader, writer = os.pipe() if pages_pipe else (-1, -1)
    if pages_pipe:
        env[PAGES_WRITTEN] = str(writer)
    # A file, not a pipe: a pipe nobody reads until the end would fill up and stall the child.
    log = tempfile.TemporaryFile()  # noqa: SIM115 - LanguageBuild closes it once the child has ended
    try:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.PIPE,
            pass_fds=(writer,) if pages_pipe else (),
        )
    except BaseException:
        if pages_pipe:
            os.close(reader)
        raise
    finally:
        if pages_pipe:  # the child holds the only writing end: its end, said or not, ends the pipe
            os.close(writer)
    written = os.fdopen(reader, "rb") if pages_pipe else None
    return LanguageBuild(lang, process, log, shared, written)
