"""Garbage-collector settings for a build, in one place.

A build makes millions of objects that live until it ends. At the default
threshold (700 allocations) the collector ran about 1,100 times per language
at 1,000 programs, and each of its oldest-generation runs walked the whole
heap: 0.9 s of an 8 s build (bench/README.md). So a build raises the
threshold, and after each stage freezes what it has made (the catalogue,
the pages, the views): those objects live until the process exits, and the
collector need not walk them again. At exit, Python's last collection would
walk everything only to free memory; freezing skips it.

`mkdocs serve` is left alone: its rebuilds must free the previous build's
objects.
"""

from __future__ import annotations

import gc

BUILD_THRESHOLD = 10_000


def tune_for_build(serving: bool) -> None:
    """At the start of the process: fewer collections for a one-off build."""
    if not serving:
        gc.set_threshold(BUILD_THRESHOLD)


def keep_until_exit(serving: bool) -> None:
    """What the process has made so far lives until it exits: the collector skips it from now on."""
    if not serving:
        gc.freeze()


def skip_collection_at_exit() -> None:
    """The process is about to exit: Python's last collection would walk every object the build made
    (about a second at 1,000 programs, in each language's process) only to free memory."""
    gc.freeze()
