"""The validated catalogue as a model: providers, programs, and the links between them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any


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

    def status(self, today: date) -> str:
        """active, suspended or withdrawn as approved; expired once valid_until has passed."""
        approval = self.data["approval"]
        if approval["status"] == "active" and date.fromisoformat(approval["valid_until"]) < today:
            return "expired"
        return approval["status"]


@dataclass
class Catalogue:
    root: Path
    providers: dict[str, Provider]
    programs: dict[str, Program]
    warnings: list = field(default_factory=list)

    def programs_of(self, provider_id: str) -> list[Program]:
        return self._by_provider.get(provider_id, [])

    def stacked_from(self, program_id: str) -> list[Program]:
        """Programs that stack into this one."""
        return self._stacked_from.get(program_id, [])

    @property
    def is_example(self) -> bool:
        return any(p.is_example for p in self.providers.values())

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
