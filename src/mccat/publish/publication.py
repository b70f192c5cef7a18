"""What every export of one build shares: the catalogue, its URLs, the date, the registry, the history,
and each program's standing.

    Publication(catalogue, urls, today=..., registry=REGISTRY, history=History(), schema_history=History(),
                changes=None)
    pub.catalogue                           what the public site shows on `today` (Catalogue.published)
    pub.tombstones                          programs withdrawn or renamed whose file is gone, by id
    pub.standing(program or tombstone) -> Standing   status, dates, decisions: the one place exports ask
    pub.provider_modified(provider) -> str | None
    pub.designations(program) -> Designations   the public designations current on `today`

`program_standing` is the single place where the exports (JSON-LD, JSON, CSV, Open Badges, ELM, CTDL, the
sitemaps' dates) learn a program's standing in the registry. It reads the committee's decision register
through the program's life cycle (mccat.model.lifecycle: the state, the first approval, the validity in
force, the decisions that apply, a rename's successor and predecessors) and adds what the exports need of
it: the days on which what they say changed.

Dates are YYYY-MM-DD. A program's last change (`modified`, dateModified) is the latest of: every event of
its record (each decision, and the day after an approval ran out), every change of its content since it
was filed (`changes`: mccat.review.content_changes, read from git; without it, the file's commits), and
the first day and the day after the last day of an Education and Training Benefit designation (what the
exports say changes by itself then), never later than `today`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from mccat.model.catalogue import Catalogue, Program, Provider, Tombstone
from mccat.model.history import ContentChange, History
from mccat.model.lifecycle import ENDED, RECOGNISED, Lifecycle
from mccat.model.registry import REGISTRY, RegistryBody
from mccat.publish.urls import Urls


@dataclass(frozen=True)
class Standing:
    """A program's standing in the registry on the build date, from the committee's decisions."""

    status: str  # proposed | active | expiring | expired | suspended | withdrawn | renamed (mccat.model.lifecycle)
    first_approved: str | None  # datePublished
    modified: str  # dateModified: the last change of content or decision
    valid_until: str | None  # the last day of the approval in force
    decision: str | None  # the latest decision's id
    decisions: tuple[str, ...] = ()  # every decision that applies, oldest first
    successor: str | None = None  # renamed: the id the program moved to
    predecessors: tuple[str, ...] = ()  # the ids the program had before, oldest first

    @property
    def approved(self) -> bool:
        """The registry vouches for the program today (active or expiring): recognizedBy, credential status."""
        return self.status in RECOGNISED

    @property
    def ended(self) -> bool:
        """Withdrawn or renamed: for good."""
        return self.status in ENDED


@dataclass(frozen=True)
class Designations:
    """A program's public designations that hold on the build date (a benefit designation only within its
    period)."""

    rishu_shomei: bool = False
    brush_up_program: dict[str, Any] | None = None  # {"certified_in": year}
    training_benefit: dict[str, Any] | None = None  # {"kind", "number", "valid_from", "valid_until"}

    @property
    def codes(self) -> list[str]:
        """The `designation` vocabulary's codes that apply, in its order."""
        return [
            code
            for code, present in (
                ("rishu_shomei", self.rishu_shomei),
                ("brush_up_program", self.brush_up_program is not None),
                ("training_benefit", self.training_benefit is not None),
            )
            if present
        ]


def _day_after(day: str) -> str:
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


def current_designations(program: Program, today: date) -> Designations:
    data = program.data.get("designations") or {}
    benefit = data.get("training_benefit")
    if benefit and not (benefit["valid_from"] <= today.isoformat() <= benefit["valid_until"]):
        benefit = None
    return Designations(bool(data.get("rishu_shomei")), data.get("brush_up_program"), benefit)


def program_standing(
    state: Lifecycle, data: Mapping[str, Any] | None, *, today: date, content: Iterable[str] = ()
) -> Standing:
    """THE place the exports learn a program's status and dates (see the module's docstring): its life cycle
    on `today`, its data (None for a tombstone) and the days its content changed."""
    day = today.isoformat()
    events = [event.date for event in state.events] + list(content)
    benefit = ((data or {}).get("designations") or {}).get("training_benefit")
    if benefit:
        events += [benefit["valid_from"], _day_after(benefit["valid_until"])]
    past = [event for event in events if event <= day]
    return Standing(
        status=state.state,
        first_approved=state.first_approved,
        # a program without any past event (a preview of one under review) is dated by the build
        modified=max(past) if past else (state.first_approved or day),
        valid_until=state.valid_until,
        decision=state.current.id if state.current else None,
        decisions=tuple(decision.id for decision in state.decisions),
        successor=state.successor,
        predecessors=state.predecessors,
    )


@dataclass
class Publication:
    """One build's exports: shared inputs, and per-program results computed once. `catalogue` becomes what the
    public site shows on `today` (programs without a decision are left out, unless the catalogue includes
    them for a preview)."""

    catalogue: Catalogue
    urls: Urls
    today: date
    registry: RegistryBody = REGISTRY
    history: History = field(default_factory=History)
    schema_history: History = field(default_factory=History)  # the schemas folder's commits (paths: file names)
    # The content changes of program files by program id (mccat.review.content_changes); None: not read.
    changes: Mapping[str, Sequence[ContentChange]] | None = None
    _standings: dict[str, Standing] = field(default_factory=dict, repr=False)
    _cache: dict[tuple[str, str], Any] = field(default_factory=dict, repr=False)
    _designations: dict[str, Designations] = field(default_factory=dict, repr=False)
    _provider_days: dict[str, str | None] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.catalogue = self.catalogue.published(self.today)

    @property
    def tombstones(self) -> dict[str, Tombstone]:
        """Programs withdrawn or renamed whose file is gone: their files stay, from what the decision recorded."""
        found: dict[str, Tombstone] = self.cached("tombstones", "", lambda: self.catalogue.tombstones(self.today))
        return found

    def standing(self, program: Program | Tombstone) -> Standing:
        found = self._standings.get(program.id)
        if found is None:
            state = self.catalogue.lifecycle(program.id, self.today)
            data = program.data if isinstance(program, Program) else None
            found = self._standings[program.id] = program_standing(
                state, data, today=self.today, content=self._content_days(program.id)
            )
        return found

    def _content_days(self, program_id: str) -> list[str]:
        """The days the program's content changed: its content changes, or without them its file's commits."""
        if self.changes is not None:
            return [change.date for change in self.changes.get(program_id, ())]
        return [change.date for change in self.history.of(f"programs/{program_id}.yaml")]

    def designations(self, program: Program) -> Designations:
        found = self._designations.get(program.id)  # asked about ten times for each program's files
        if found is None:
            found = self._designations[program.id] = current_designations(program, self.today)
        return found

    def provider_modified(self, provider: Provider) -> str | None:
        """The provider file's last commit, or (without history) the first approval of its programs."""
        if provider.id not in self._provider_days:  # asked for each of its programs' files
            self._provider_days[provider.id] = self._provider_modified(provider)
        return self._provider_days[provider.id]

    def _provider_modified(self, provider: Provider) -> str | None:
        day = self.today.isoformat()
        commits = [c.date for c in self.history.of(f"providers/{provider.id}.yaml") if c.date <= day]
        if commits:
            return max(commits)
        approvals = [self.standing(p).first_approved or "" for p in self.catalogue.programs_of(provider.id)]
        approvals = [a for a in approvals if a and a <= day]
        return min(approvals) if approvals else None

    def schema_modified(self, name: str) -> str | None:
        day = self.today.isoformat()
        commits = [c.date for c in self.schema_history.of(name) if c.date <= day]
        return max(commits) if commits else None

    def release(self, key: str) -> None:
        """Forget a program's nodes once its files are written (mccat.publish.exports): a catalogue's graphs
        held at once were gigabytes at 20,000 programs. Asked again, they are made again."""
        for kind in ("jsonld", "elm", "ctdl"):
            self._cache.pop((kind, key), None)

    def cached(self, kind: str, key: str, make: Any) -> Any:
        """A result computed once per build (a program's node is in its file, the catalogue file and its page)."""
        found = self._cache.get((kind, key))
        if found is None:
            found = self._cache[(kind, key)] = make()
        return found
