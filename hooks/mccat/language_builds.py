"""Build the other language of the site in a process of its own, beside this build.

`mkdocs build` builds one language (the one its config names); the hook
starts the other language's `mkdocs build` as a child process at the start
and waits for it at the end. The two builds share nothing but the catalogue
and the output root, so they run in parallel on two cores. The child gets
the build date and catalogue folder of its parent, so both languages show
the same data, and a marker so it does not start builds of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

CHILD_MARKER = "MCCAT_LANGUAGE_BUILD"  # set in builds started by another build
BUILD_DATE = "MCCAT_BUILD_DATE"  # YYYY-MM-DD: the date statuses are computed for (default: today)
CATALOGUE = "MCCAT_CATALOGUE"  # the catalogue folder (default: catalogue/ beside mkdocs.yml)


def is_child_build() -> bool:
    return os.environ.get(CHILD_MARKER) == "1"


@dataclass
class LanguageBuild:
    lang: str
    command: list[str]
    process: subprocess.Popen
    log: tempfile._TemporaryFileWrapper

    def wait(self) -> tuple[int, str]:
        """Wait for the build to end; its exit status and everything it printed."""
        status = self.process.wait()
        self.log.seek(0)
        output = self.log.read().decode("utf-8", errors="replace")
        self.log.close()
        return status, output

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


def start_language_build(lang: str, config_file: Path, site_root: Path, *, strict: bool, build_date: str,
                         catalogue: Path) -> LanguageBuild:
    """Start `mkdocs build` for another language's config, writing into the same site root."""
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config_file),
               "--site-dir", str(site_root)]
    if strict:
        command.append("--strict")
    env = dict(os.environ, **{CHILD_MARKER: "1", BUILD_DATE: build_date, CATALOGUE: str(catalogue)})
    # A file, not a pipe: a pipe nobody reads until the end would fill up and stall the child.
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(command, cwd=config_file.parent, env=env, stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL)
    return LanguageBuild(lang, command, process, log)
