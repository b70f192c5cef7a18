"""The validated catalogue as a model: providers, programs, the committee's decisions, and the links between them.

A program's state on a day comes from the decisions (mccat.model.lifecycle):
`catalogue.lifecycle(program_id, today)`. What the public site shows is
`catalogue.published(today)`: the programs with at least one decision, and the
tombstones of programs withdrawn or renamed whose file is gone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from mccat.model.decisions import Decision, Register, TombstoneRecord, replay
from mccat.model.lifecycle import EXPIRING_WITHIN_DAYS, Lifecycle, lifecycle


@dataclass(frozen=True)
class Provider:
    id: str
    data: dict[str, Any]
    file: str

    @property
    def name(self) -> dict[str, str]:
        return self.data["name"]

    @property
    def is_example(self) -> bool:
        return bool(self.data.get("example"))


@dataclass(frozen=True)
class Program:
    id: str  # "<provider>/<slug>"
    data: dict[str, Any]
    file: str

    @property
    def provider_id(self) -> str:
        return self.id.split("/", 1)[0]

    @property
    def title(self) -> dict[str, str]:
        return self.data["title"]

    @property
    def stacks_into(self) -> list[str]:
        return list(self.data.get("stackability", {}).get("stacks_into", []))


@dataclass(frozen=True)
class Tombstone:
    """A program withdrawn or renamed whose file is gone: its page and files stay, from the decision's record."""

    id: str
    lifecycle: Lifecycle
    record: TombstoneRecord | None  # None only for a rename chain's middle id without a record

    @property
    def provider_id(self) -> str:
        return self.id.split("/", 1)[0]

    @property
    def title(self) -> dict[str, str]:
        return self.record.title if self.record else {"ja": self.id, "en": self.id}


@dataclass
class Catalogue:
    root: Path
    providers: dict[str, Provider]
    programs: dict[str, Program]
    warnings: list = field(default_factory=list)
    decisions: dict[str, Decision] = field(default_factory=dict)
    expiring_within: int = EXPIRING_WITHIN_DAYS  # days before the end of an approval that count as "expiring"
    include_proposed: bool = False  # published(): also programs without a decision (pull-request previews)

    def programs_of(self, provider_id: str) -> list[Program]:
        return self._by_provider.get(provider_id, [])

    def stacked_from(self, program_id: str) -> list[Program]:
        """Programs that stack into this one."""
        return self._stacked_from.get(program_id, [])

    @property
    def is_example(self) -> bool:
        return any(p.is_example for p in self.providers.values())

    # -- decisions and life cycles

    @cached_property
    def register(self) -> Register:
        """The decisions replayed once: each program id's lineage."""
        return replay(self.decisions.values())

    def lifecycle(self, program_id: str, today: date) -> Lifecycle:
        """The program's state on `today` and its record (the one function that decides: mccat.model.lifecycle)."""
        key = (program_id, today)
        found = self._lifecycles.get(key)
        if found is None:
            found = self._lifecycles[key] = lifecycle(
                program_id, self.register.lineage(program_id), today, expiring_within=self.expiring_within
            )
        return found

    @cached_property
    def _lifecycles(self) -> dict[tuple[str, date], Lifecycle]:
        return {}

    def current_id(self, program_id: str, today: date) -> str:
        """Where a renamed program lives now, following every rename (itself if it was not renamed)."""
        seen = {program_id}
        while (successor := self.lifecycle(program_id, today).successor) and successor not in seen:
            seen.add(successor)
            program_id = successor
        return program_id

    def tombstones(self, today: date) -> dict[str, Tombstone]:
        """Programs withdrawn or renamed by `today` whose file is gone, by id."""
        result = {}
        for program_id in sorted(self.register.lineages):
            if program_id in self.programs:
                continue
            state = self.lifecycle(program_id, today)
            if state.ended:
                result[program_id] = Tombstone(program_id, state, state.record)
        return result

    def published(self, today: date) -> Catalogue:
        """The catalogue as the public site shows it on `today`: programs without a decision left out
        (unless include_proposed, for previews). The same decisions and settings."""
        keep = {
            pid: p for pid, p in self.programs.items() if self.include_proposed or self.lifecycle(pid, today).published
        }
        if len(keep) == len(self.programs):
            return self
        result = Catalogue(
            self.root, self.providers, keep, self.warnings, self.decisions, self.expiring_within, self.include_proposed
        )
        result.__dict__["register"] = self.register
        result.__dict__["_lifecycles"] = self._lifecycles
        return result

    # -- indexes

    @cached_property
    def _by_provider(self) -> dict[str, list[Program]]:
        index: dict[str, list[Program]] = {}
        for program in self.programs.values():
            index.setdefault(program.provider_id, []).append(program)
        return index

    @cached_property
    def _stacked_from(self) -> dict[str, list[Program]]:
        index: dict[str, list[Program]] = {}
        for program in self.programs.values():
            for target in program.stacks_into:
                index.setdefault(target, []).append(program)
        return index
