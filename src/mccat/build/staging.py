"""Build into a staging folder; the finished site replaces the old one in one step.

A build that fails or is killed must not leave half a site where a good one was
(a deploy would publish it, a server would serve it). So the site is written
into `.<name>.partial` beside the output folder, and only a build that
finished, both languages, the /api/v1 files and the search index, moves it into
place: the old folder is renamed aside, the new one renamed in, the old one
deleted. Both renames stay on one file system and take microseconds; a failed
build deletes its staging folder, and a killed one leaves it to the next build,
which deletes it first. Nothing is written anywhere else.

Hidden entries of the old output folder (a `.git` of a deploy checkout, say)
move into the new one, as `mkdocs build` keeps them when it cleans the folder.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path


class PublishError(Exception):
    """The output folder cannot take the site, or the finished site could not be moved into place
    (the old one is still there)."""


@dataclass(frozen=True)
class StagedSite:
    final: Path  # the output folder asked for
    staging: Path  # where the build writes

    @classmethod
    def start(cls, final: Path) -> StagedSite:
        final = final.absolute()
        if final.is_symlink() or (final.exists() and not final.is_dir()):
            raise PublishError(f"{final} is not a folder: give the site a folder of its own (--site-dir)")
        staging = final.with_name(f".{final.name}.partial")
        shutil.rmtree(staging, ignore_errors=True)  # what a killed build left behind
        staging.mkdir(parents=True)
        return cls(final, staging)

    def publish(self) -> None:
        """Put the finished site in place of the old one."""
        previous = self.final.with_name(f".{self.final.name}.previous")
        shutil.rmtree(previous, ignore_errors=True)
        try:
            if self.final.exists():
                self.final.rename(previous)
            self.staging.rename(self.final)
        except OSError as error:
            if previous.exists() and not self.final.exists():
                previous.rename(self.final)  # the old site stays
            raise PublishError(f"could not move the built site into {self.final}: {error}") from None
        if previous.is_dir():
            for entry in previous.iterdir():
                if entry.name.startswith(".") and not (self.final / entry.name).exists():
                    entry.rename(self.final / entry.name)
        shutil.rmtree(previous, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
