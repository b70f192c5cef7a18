"""A program's life cycle: its state on a day, computed from the committee's decisions.

    lifecycle(program_id, decisions, today, expiring_within=90) -> Lifecycle

The one function that decides a program's state; every page, list, search
filter, comparison, export, feed and the renewal report asks it. The states:

    proposed   no decision yet: not published (a pull-request preview shows it, "under review")
    active     approved, and the approval runs for more than `expiring_within` days
    expiring   approved, and the approval ends within `expiring_within` days (its last day included)
    expired    the approval's last day (valid_until) has passed and no renewal followed
    suspended  suspended, until a reinstatement
    withdrawn  withdrawn for good; the page stays as the record
    renamed    the program continues under another id (`successor`); the old address points there

`decisions` is the program's lineage (mccat.model.decisions.replay): its own
decisions and, for a program renamed into this id, those of the ids it had
before. Decisions dated after `today` are not counted yet, and a decision the
life cycle does not allow is skipped (the validator reports it:
`check` says why). The result also carries what pages and exports show: the
first approval, the current validity, the current decision, the successor or
predecessors of a rename, and the dated events of the record (approved,
renewed, amended, suspended, reinstated, withdrawn, renamed, and expired on
the day after an approval's last day).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mccat.model.decisions import Decision, TombstoneRecord

EXPIRING_WITHIN_DAYS = 90  # the default window of "expiring"
STATES = ("proposed", "active", "expiring", "expired", "suspended", "withdrawn", "renamed")
RECOGNISED = frozenset({"active", "expiring"})  # the registry vouches for the program (JSON-LD recognizedBy)
ENDED = frozenset({"withdrawn", "renamed"})  # for good: no decision may follow
# What each kind of decision is called as an event of the record (changes.json, feeds, timelines).
EVENT_OF_KIND = {
    "approve": "approved",
    "renew": "renewed",
    "amend-approval": "amended",
    "suspend": "suspended",
    "reinstate": "reinstated",
    "withdraw": "withdrawn",
    "rename": "renamed",
}


# How a message says what a decision does to a program ("renews 'a/b', which ...").
VERBS = {
    "approve": "approves",
    "renew": "renews",
    "amend-approval": "amends the approval of",
    "suspend": "suspends",
    "reinstate": "reinstates",
    "withdraw": "withdraws",
    "rename": "renames",
}


@dataclass(frozen=True)
class Standing:
    """Where a program stands after some decisions, whatever the day."""

    approved_on: str | None = None  # the first approval's date
    approved_by: str | None = None
    valid_until: str | None = None
    suspended_by: str | None = None  # the suspension in force
    ended: str | None = None  # withdrawn | renamed
    ended_by: str | None = None
    successor: str | None = None  # renamed: the new id


PROPOSED = Standing()


@dataclass(frozen=True)
class Refusal:
    """Why a decision cannot apply to a program where it stands: a rule code, a message and a hint.

    `key` and `params` name the same text in the validator's ja/en catalogue (mccat.validation.messages:
    the message `key`, the hint `hint.<key>`); `message` and `hint` are its English, for logs and tests."""

    code: str
    message: str
    hint: str
    key: str = ""
    params: tuple[tuple[str, str], ...] = ()


def check(standing: Standing, decision: Decision, program: str) -> Refusal | None:
    """None if the decision may apply to the program as it stands; else why not."""
    kind = decision.kind
    if standing.ended == "withdrawn":
        by = standing.ended_by or ""
        if kind == "approve":
            return Refusal(
                "decision.id-reused",
                f"approves '{program}', which decision {by} withdrew",
                "ids are never used twice: propose the program again under a new id",
                "lifecycle.id-reused",
                (("program", program), ("by", by)),
            )
        return Refusal(
            "decision.after-withdrawal",
            f"names '{program}', which decision {by} withdrew for good",
            "a withdrawal is final; a program offered again needs a new id and a new approval",
            "lifecycle.after-withdrawal",
            (("program", program), ("by", by)),
        )
    if standing.ended == "renamed":
        by, successor = standing.ended_by or "", standing.successor or ""
        return Refusal(
            "decision.after-rename",
            f"names '{program}', which decision {by} moved to '{successor}'",
            f"decisions after the move name the new id: write '{successor}'",
            "lifecycle.after-rename",
            (("program", program), ("by", by), ("successor", successor)),
        )
    if kind == "approve":
        if standing.approved_on is not None:
            by, on = standing.approved_by or "", standing.approved_on
            return Refusal(
                "decision.already-approved",
                f"approves '{program}', which decision {by} approved on {on}",
                "a new validity period is a renewal: write `kind: renew`",
                "lifecycle.already-approved",
                (("program", program), ("by", by), ("date", on)),
            )
        return None
    if standing.approved_on is None:
        return Refusal(
            "decision.not-approved",
            f"{VERBS.get(kind, kind)} '{program}', which has no approval before it",
            "the first decision on a program is its approval (`kind: approve`); check the program id and the dates",
            "lifecycle.not-approved",
            (("program", program), ("kind", kind)),
        )
    if kind == "suspend" and standing.suspended_by is not None:
        by = standing.suspended_by
        return Refusal(
            "decision.already-suspended",
            f"suspends '{program}', which decision {by} already suspended",
            "end the suspension first (`kind: reinstate`), or check the program id",
            "lifecycle.already-suspended",
            (("program", program), ("by", by)),
        )
    if kind == "reinstate" and standing.suspended_by is None:
        return Refusal(
            "decision.not-suspended",
            f"reinstates '{program}', which is not suspended",
            "only a suspended program can be reinstated; check the program id and the dates",
            "lifecycle.not-suspended",
            (("program", program),),
        )
    return None


def apply(standing: Standing, decision: Decision, program: str) -> Standing:
    """The standing after a decision that `check` allows."""
    kind = decision.kind
    if kind == "approve":
        return replace(standing, approved_on=decision.date, approved_by=decision.id, valid_until=decision.valid_until)
    if kind in ("renew", "amend-approval"):
        return replace(standing, valid_until=decision.valid_until or standing.valid_until)
    if kind == "suspend":
        return replace(standing, suspended_by=decision.id)
    if kind == "reinstate":
        return replace(standing, suspended_by=None)
    if kind == "withdraw":
        return replace(standing, ended="withdrawn", ended_by=decision.id)
    if kind == "rename":
        return replace(standing, ended="renamed", ended_by=decision.id, successor=decision.renamed_to)
    raise ValueError(f"unknown kind of decision: {kind!r}")


@dataclass(frozen=True)
class Event:
    """One dated event of a program's record."""

    date: str
    kind: str  # approved | renewed | amended | suspended | reinstated | withdrawn | renamed | expired
    program: str  # the id the program had then
    decision: Decision | None = None  # None for "expired"
    valid_until: str | None = None  # the validity the event leaves (approved, renewed, amended) or ended (expired)


@dataclass(frozen=True)
class Lifecycle:
    program_id: str
    state: str  # one of STATES
    today: str
    decisions: tuple[Decision, ...] = ()  # those that apply, oldest first (the lineage's, up to today)
    events: tuple[Event, ...] = ()  # oldest first
    first_approved: str | None = None
    valid_until: str | None = None
    days_left: int | None = None  # until valid_until (0 on the last day, negative once expired)
    current: Decision | None = None  # the latest decision
    successor: str | None = None  # renamed: the id the program moved to
    predecessors: tuple[str, ...] = ()  # the ids the program had before, oldest first

    @property
    def recognised(self) -> bool:
        """The registry vouches for the program today: active or expiring."""
        return self.state in RECOGNISED

    @property
    def published(self) -> bool:
        """Shown on the public site: any state but proposed."""
        return self.state != "proposed"

    @property
    def ended(self) -> bool:
        return self.state in ENDED

    @property
    def ending_decision(self) -> Decision | None:
        """The withdrawal or rename that ended the program."""
        return self.current if self.ended else None

    @property
    def record(self) -> TombstoneRecord | None:
        """What the withdrawal or rename recorded about the program (title, provider's name)."""
        ending = self.ending_decision
        return ending.record_of(self.program_id) if ending is not None else None

    @property
    def suspension(self) -> Decision | None:
        return self.current if self.state == "suspended" else _last(self.decisions, "suspend")


def _last(decisions: Iterable[Decision], kind: str) -> Decision | None:
    found = None
    for decision in decisions:
        if decision.kind == kind:
            found = decision
    return found


def _day_after(day: str) -> str:
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


def lifecycle(
    program_id: str,
    decisions: Iterable[Decision],
    today: date,
    *,
    expiring_within: int = EXPIRING_WITHIN_DAYS,
) -> Lifecycle:
    """The program's state on `today`, and what pages and exports show of its record."""
    today_text = today.isoformat()
    standing = PROPOSED
    applied: list[Decision] = []
    events: list[Event] = []
    predecessors: list[str] = []
    ordered = sorted(decisions, key=lambda d: d.sort_key)
    lineage = _lineage_ids(program_id, ordered)
    for decision in ordered:
        if decision.date > today_text:
            break
        if decision.kind == "rename" and (len(decision.programs) != 1 or not decision.renamed_to):
            continue  # not a rename the validator accepts
        at = next((p for p in decision.programs if p in lineage), program_id)
        # A rename into this program's lineage continues it; only a rename of this id ends it.
        if decision.kind == "rename" and at != program_id:
            if check(standing, decision, at) is not None:
                continue
            _expiry(events, standing, decision.date, at)
            predecessors.append(at)
            applied.append(decision)
            events.append(Event(decision.date, "renamed", at, decision))
            continue
        if check(standing, decision, at) is not None:
            continue
        _expiry(events, standing, decision.date, at)
        standing = apply(standing, decision, at)
        applied.append(decision)
        keeps = decision.kind in ("approve", "renew", "amend-approval")
        events.append(
            Event(decision.date, EVENT_OF_KIND[decision.kind], at, decision, standing.valid_until if keeps else None)
        )
    _expiry(events, standing, _day_after(today_text), program_id)
    days_left = (date.fromisoformat(standing.valid_until) - today).days if standing.valid_until else None
    if standing.ended:
        state = standing.ended
    elif standing.approved_on is None:
        state = "proposed"
    elif standing.suspended_by is not None:
        state = "suspended"
    elif days_left is not None and days_left < 0:
        state = "expired"
    elif days_left is not None and days_left <= expiring_within:
        state = "expiring"
    else:
        state = "active"
    return Lifecycle(
        program_id=program_id,
        state=state,
        today=today_text,
        decisions=tuple(applied),
        events=tuple(events),
        first_approved=standing.approved_on,
        valid_until=standing.valid_until,
        days_left=days_left,
        current=applied[-1] if applied else None,
        successor=standing.successor,
        predecessors=tuple(predecessors),
    )


def _lineage_ids(program_id: str, decisions: list[Decision]) -> set[str]:
    """The program's id and every id it had before, following renames back."""
    sources = {d.renamed_to: d.programs[0] for d in decisions if d.kind == "rename" and d.renamed_to and d.programs}
    ids = [program_id]
    while ids[-1] in sources and sources[ids[-1]] not in ids:
        ids.append(sources[ids[-1]])
    return set(ids)


def _expiry(events: list[Event], standing: Standing, before: str, program: str) -> None:
    """An "expired" event when the validity in force ended before the day `before` (and was not yet said)."""
    if standing.ended or standing.valid_until is None:
        return
    expired_on = _day_after(standing.valid_until)
    if expired_on >= before:
        return
    if any(e.kind == "expired" and e.valid_until == standing.valid_until for e in events):
        return
    events.append(Event(expired_on, "expired", program, None, standing.valid_until))
