"""A program's public record: the committee's decisions and the content changes since its first approval.

    program_record(lifecycle, changes) -> tuple[RecordEntry, ...]      oldest first

The program page's timeline and the change feed (changes.json, Atom) are made
from it, so they always agree. `changes` are the content changes of each
program file (mccat.model.history.ContentChange, by program id, oldest first): those of the
program's own file and of the files it had under its earlier ids, once it was
first approved. Nothing here reads git.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mccat.model.history import ContentChange
from mccat.model.lifecycle import Event, Lifecycle


@dataclass(frozen=True)
class RecordEntry:
    date: str
    kind: str  # approved | renewed | amended | suspended | reinstated | withdrawn | renamed | expired | updated
    program: str  # the id the program had then
    event: Event | None = None  # a decision or an expiry
    change: ContentChange | None = None  # "updated": the content changed


def program_record(lifecycle: Lifecycle, changes: Mapping[str, Sequence[ContentChange]]) -> tuple[RecordEntry, ...]:
    """Every decision and expiry of the program, and every content change since its first approval, oldest first
    (on one day, decisions before content changes)."""
    entries = [RecordEntry(e.date, e.kind, e.program, event=e) for e in lifecycle.events]
    first = lifecycle.first_approved
    if first is not None:
        for program in (*lifecycle.predecessors, lifecycle.program_id):
            for change in changes.get(program, ()):
                if change.date >= first and change.date <= lifecycle.today:
                    entries.append(RecordEntry(change.date, "updated", program, change=change))
    return tuple(sorted(entries, key=lambda e: (e.date, e.change is not None)))  # stable: changes stay in order
