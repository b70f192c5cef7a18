"""Build into a staging folder; the finished site replaces the old one in one step.

A build that fails or is killed must not leave half a site where a good one was
(a deploy would publish it, a server would serve it). So the site is written
into `.<name>.partial` beside the output folder, and only a build that
finished, both languages, the /api/v1 files and the search index, moves it into
place: the old folder is renamed aside, the new one renamed in, the old one
deleted. Both renames stay on one file system and take microseconds; a failed
build deletes its staging folder, and a killed one leaves it to the next build,
which deletes it first. Nothing is written anywhere else.

Two builds into one folder at once (a second terminal, a rerun while the first still
cleans up) would delete each other's staging folder, and one could move the other's
half-written site into place. So a build holds a lock on its staging folder (flock: the
kernel lets go of it when the process ends, however it ends), and a build that finds the
folder locked stops before writing anything, saying so; a folder nobody holds is what a
killed build left.

Hidden entries of the old output folder (a `.git` of a deploy checkout, say)
move into the new one, as `mkdocs build` keeps them when it cleans the folder.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from mccat.validation.messages import render_both


class PublishError(Exception):
    """The output folder cannot take the site, or the finished site could not be moved into place
    (the old one is still there)."""


@dataclass(frozen=True)
class StagedSite:
    final: Path  # the output folder asked for
    staging: Path  # where the build writes
    lock: int  # an open descriptor of the staging folder, flock-ed until the site is published or discarded

    @classmethod
    def start(cls, final: Path) -> StagedSite:
        final = final.absolute()
        if final.is_symlink() or (final.exists() and not final.is_dir()):
            raise PublishError(render_both("build.site-dir-not-folder", {"folder": final}))
        staging = final.with_name(f".{final.name}.partial")
        final.parent.mkdir(parents=True, exist_ok=True)
        try:
            staging.mkdir()
        except FileExistsError:  # a build at work (it holds the lock), or what a killed one left behind
            leftover = _locked(staging, final)
            try:
                shutil.rmtree(staging)
                staging.mkdir()
            except FileExistsError:  # another build made it again in between: it is that build's
                raise PublishError(render_both("build.site-dir-busy", {"folder": final})) from None
            except OSError as error:
                raise PublishError(f"{staging}: {error}") from None
            finally:
                os.close(leftover)
        return cls(final, staging, _locked(staging, final))

    def release(self) -> None:
        os.close(self.lock)

    def publish(self) -> None:
        """Put the finished site in place of the old one, then let go of the lock."""
        try:
            self._move_into_place()
        finally:
            self.release()

    def _move_into_place(self) -> None:
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
        self.release()


def _locked(staging: Path, final: Path) -> int:
    """An open descriptor of `staging`, locked for this process alone; PublishError if a running build holds it."""
    try:
        descriptor = os.open(staging, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError as error:  # not a folder: nothing a build of ours made
        raise PublishError(f"{staging}: {error}") from None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        raise PublishError(render_both("build.site-dir-busy", {"folder": final})) from None
    return descriptor
