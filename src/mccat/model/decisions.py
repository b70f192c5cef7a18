"""The committee's decisions: one file per decision in catalogue/decisions/, and the register they form.

A decision (schemas/decision.schema.json) approves, renews, amends, suspends,
reinstates, withdraws or renames one or more programs. Its id is its file name
(`MCR-2026-014`); numbers compare without leading zeros, so MCR-2026-014 and
MCR-2026-14 are the same decision. Decisions happen in the order of their date,
then of their id.

`replay(decisions)` plays the whole register once, in that order, and gives
each program id its lineage: the decisions of its own and, for a program that
was renamed into this id, those of the ids it had before, up to the rename. It
also lists every decision that the life cycle does not allow at its place (a
renewal without an approval, a reinstatement of a program that is not
suspended, an id used again after a withdrawal or a rename, ...): the
validator reports those at the decision's line (mccat.validation.rules).
What a lineage means on a given day is mccat.model.lifecycle's business.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from mccat.model.lifecycle import PROPOSED, Refusal, Standing, apply, check

DECISION_ID = re.compile(r"^([A-Z]{2,6})-([0-9]{4})-([0-9]{1,4})\Z")


def decision_number(decision_id: str) -> tuple[str, int, int] | None:
    """(prefix, year, number) of a decision id, the number without leading zeros; None if not an id."""
    match = DECISION_ID.match(decision_id)
    if match is None:
        return None
    return match.group(1), int(match.group(2)), int(match.group(3))


@dataclass(frozen=True)
class Evidence:
    """What a decision rests on: a published document's URL, or a reference number."""

    url: str | None = None
    reference: str | None = None
    title: dict[str, str] | None = None


@dataclass(frozen=True)
class TombstoneRecord:
    """What a withdrawal or rename recorded about a program: enough to keep its page without its file."""

    program: str
    title: dict[str, str]
    provider_name: dict[str, str]

    @property
    def provider_id(self) -> str:
        return self.program.split("/", 1)[0]


@dataclass(frozen=True)
class Decision:
    id: str
    date: str  # YYYY-MM-DD
    kind: str  # approve | renew | amend-approval | suspend | reinstate | withdraw | rename
    programs: tuple[str, ...]
    valid_until: str | None = None
    renamed_to: str | None = None
    conditions: dict[str, str] | None = None
    reason: dict[str, str] | None = None
    reviewers: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    records: tuple[TombstoneRecord, ...] = ()
    file: str = ""

    @classmethod
    def from_data(cls, decision_id: str, data: dict[str, Any], file: str = "") -> Decision:
        """A decision from its file's (schema-valid) data."""
        return cls(
            id=decision_id,
            date=data["date"],
            kind=data["kind"],
            programs=tuple(data["programs"]),
            valid_until=data.get("valid_until"),
            renamed_to=data.get("renamed_to"),
            conditions=data.get("conditions"),
            reason=data.get("reason"),
            reviewers=tuple(data.get("reviewers", ())),
            evidence=tuple(
                Evidence(item.get("url"), item.get("reference"), item.get("title")) for item in data.get("evidence", ())
            ),
            records=tuple(
                TombstoneRecord(item["program"], item["title"], item["provider_name"])
                for item in data.get("records", ())
            ),
            file=file,
        )

    @property
    def sort_key(self) -> tuple:
        """Date, then the id's prefix, year and number (MCR-2026-9 before MCR-2026-10)."""
        return (self.date, decision_number(self.id) or (self.id, 0, 0), self.id)

    def record_of(self, program_id: str) -> TombstoneRecord | None:
        return next((r for r in self.records if r.program == program_id), None)


def in_order(decisions: Iterable[Decision]) -> list[Decision]:
    return sorted(decisions, key=lambda d: d.sort_key)


@dataclass(frozen=True)
class Misplaced:
    """A decision the life cycle does not allow where it stands: where in its file, and why."""

    decision: Decision
    path: tuple  # in the decision's file: ("programs", 0), ("renamed_to",)
    refusal: Refusal


@dataclass
class Register:
    """The decisions, and what replaying them gives: each id's lineage and what was refused."""

    decisions: dict[str, Decision] = field(default_factory=dict)
    lineages: dict[str, tuple[Decision, ...]] = field(default_factory=dict)  # oldest first
    standings: dict[str, Standing] = field(default_factory=dict)  # after every decision
    misplaced: list[Misplaced] = field(default_factory=list)

    def lineage(self, program_id: str) -> tuple[Decision, ...]:
        return self.lineages.get(program_id, ())

    def renamed_from(self) -> dict[str, str]:
        """The id each renamed program had before its last move: new id -> old id."""
        return {
            d.renamed_to: d.programs[0]
            for d in self.decisions.values()
            if d.kind == "rename" and d.renamed_to and len(d.programs) == 1
        }

    def named(self) -> set[str]:
        """Every program id a decision names (in `programs` or as `renamed_to`)."""
        ids = {program for d in self.decisions.values() for program in d.programs}
        return ids | {d.renamed_to for d in self.decisions.values() if d.renamed_to}


def replay(decisions: Iterable[Decision]) -> Register:
    """Play the decisions in order; each program's lineage, and the decisions that do not fit."""
    register = Register({d.id: d for d in decisions})
    lineages: dict[str, list[Decision]] = {}
    standings: dict[str, Standing] = {}
    for decision in in_order(register.decisions.values()):
        if decision.kind == "rename" and (len(decision.programs) != 1 or not decision.renamed_to):
            continue  # a rename names one program and its new id; the validator says what is missing
        for index, program in enumerate(decision.programs):
            standing = standings.get(program, PROPOSED)
            refusal = check(standing, decision, program)
            if refusal is None and decision.kind == "rename":
                refusal = _rename_target(decision, program, standings, lineages)
                if refusal is not None:
                    register.misplaced.append(Misplaced(decision, ("renamed_to",), refusal))
                    continue
            if refusal is not None:
                register.misplaced.append(Misplaced(decision, ("programs", index), refusal))
                continue
            lineages.setdefault(program, []).append(decision)
            standings[program] = apply(standing, decision, program)
            if decision.kind == "rename" and decision.renamed_to:
                # The new id continues the program: its history, and its standing as it was before the rename.
                lineages[decision.renamed_to] = list(lineages[program])
                standings[decision.renamed_to] = standing
    register.lineages = {program: tuple(items) for program, items in lineages.items()}
    register.standings = standings
    return register


def _rename_target(
    decision: Decision, program: str, standings: dict[str, Standing], lineages: dict[str, list[Decision]]
) -> Refusal | None:
    target = decision.renamed_to
    if not target:
        return None  # the schema and the file's rules say what is missing
    if target == program:
        return Refusal(
            "decision.rename-target",
            f"renames '{program}' to itself",
            "write the new id under `renamed_to`",
            "lifecycle.rename-to-itself",
            (("program", program),),
        )
    if target in lineages or standings.get(target, PROPOSED) != PROPOSED:
        earlier = lineages.get(target, [])
        by = f" (decision {earlier[-1].id} of {earlier[-1].date})" if earlier else ""
        return Refusal(
            "decision.rename-target",
            f"renames '{program}' to '{target}', an id that is already in the register{by}",
            "ids are never used twice: choose a new id for the program",
            "lifecycle.rename-to-used" + (".by" if earlier else ""),
            (("program", program), ("target", target))
            + ((("by", earlier[-1].id), ("date", earlier[-1].date)) if earlier else ()),
        )
    return None
