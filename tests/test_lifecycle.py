"""The life cycle (mccat.model.lifecycle): every state, every transition, and what it refuses.

Decisions are built in memory; the validator's messages for the refusals are in tests/cases/invalid/decision-*.
"""

from __future__ import annotations

from datetime import date

import pytest

from mccat.model.decisions import Decision, TombstoneRecord, decision_number, replay
from mccat.model.lifecycle import EXPIRING_WITHIN_DAYS, PROPOSED, STATES, check, lifecycle

A, B, C = "univ/a", "univ/b", "univ/c"
TODAY = date(2026, 12, 1)
_numbers = iter(range(1, 10_000))


def decision(day: str, kind: str, *programs: str, **fields) -> Decision:
    return Decision(f"MCR-{day[:4]}-{next(_numbers)}", day, kind, programs or (A,), **fields)


def approve(day: str = "2025-04-01", until: str = "2028-03-31", *programs: str) -> Decision:
    return decision(day, "approve", *programs, valid_until=until)


def state(decisions, today: date = TODAY, program: str = A, **options) -> str:
    return lifecycle(program, replay(decisions).lineage(program), today, **options).state


def test_no_decision_is_proposed_and_not_published():
    result = lifecycle(A, (), TODAY)
    assert result.state == "proposed"
    assert not result.published and not result.recognised
    assert result.first_approved is None and result.current is None and result.events == ()


def test_an_approval_is_active_until_the_window_before_its_last_day():
    approval = approve("2025-04-01", "2028-03-31")
    result = lifecycle(A, [approval], TODAY)
    assert (result.state, result.first_approved, result.valid_until) == ("active", "2025-04-01", "2028-03-31")
    assert result.current == approval and result.recognised and result.published
    assert [(e.date, e.kind, e.valid_until) for e in result.events] == [("2025-04-01", "approved", "2028-03-31")]


@pytest.mark.parametrize(
    ("today", "expected", "days_left"),
    [
        (date(2027, 12, 31), "active", 91),
        (date(2028, 1, 1), "expiring", 90),  # the window's first day
        (date(2028, 3, 31), "expiring", 0),  # the approval's last day
        (date(2028, 4, 1), "expired", -1),  # the day after
    ],
)
def test_expiring_and_expired_follow_the_build_date(today, expected, days_left):
    result = lifecycle(A, [approve("2025-04-01", "2028-03-31")], today)
    assert (result.state, result.days_left) == (expected, days_left)
    assert result.recognised == (expected in ("active", "expiring"))


def test_the_expiring_window_is_configurable():
    approval = [approve("2025-04-01", "2028-03-31")]
    assert EXPIRING_WITHIN_DAYS == 90
    assert state(approval, date(2028, 2, 1)) == "expiring"
    assert state(approval, date(2028, 2, 1), expiring_within=30) == "active"
    assert state(approval, date(2028, 3, 10), expiring_within=30) == "expiring"


def test_expiry_is_an_event_dated_the_day_after_the_last_day():
    result = lifecycle(A, [approve("2023-04-01", "2026-03-31")], TODAY)
    assert result.state == "expired"
    assert [(e.date, e.kind) for e in result.events] == [("2023-04-01", "approved"), ("2026-04-01", "expired")]
    assert lifecycle(A, [approve("2023-04-01", "2026-03-31")], date(2026, 3, 31)).events[-1].kind == "approved"


def test_a_renewal_after_expiry_makes_it_active_again_and_keeps_the_expiry_in_the_record():
    decisions = [approve("2023-04-01", "2026-03-31"), decision("2026-05-10", "renew", valid_until="2029-03-31")]
    result = lifecycle(A, replay(decisions).lineage(A), TODAY)
    assert (result.state, result.first_approved, result.valid_until) == ("active", "2023-04-01", "2029-03-31")
    assert [e.kind for e in result.events] == ["approved", "expired", "renewed"]
    assert result.current == decisions[1]


def test_a_renewal_before_expiry_leaves_no_expired_event():
    decisions = [approve("2023-04-01", "2026-03-31"), decision("2026-03-01", "renew", valid_until="2029-03-31")]
    assert [e.kind for e in lifecycle(A, decisions, TODAY).events] == ["approved", "renewed"]


def test_an_amended_approval_keeps_or_changes_the_validity():
    kept = [approve(), decision("2026-05-20", "amend-approval")]
    changed = [approve(), decision("2026-05-20", "amend-approval", valid_until="2029-05-31")]
    assert lifecycle(A, kept, TODAY).valid_until == "2028-03-31"
    assert lifecycle(A, changed, TODAY).valid_until == "2029-05-31"
    assert lifecycle(A, kept, TODAY).events[-1].kind == "amended"


def test_suspension_then_reinstatement():
    suspend = decision("2025-07-16", "suspend", reason={"ja": "理由", "en": "Why"})
    reinstate = decision("2025-10-15", "reinstate")
    assert state([approve(), suspend], date(2025, 8, 1)) == "suspended"
    result = lifecycle(A, [approve(), suspend, reinstate], TODAY)
    assert result.state == "active"
    assert [e.kind for e in result.events] == ["approved", "suspended", "reinstated"]


def test_a_suspended_program_that_also_expired_is_shown_suspended():
    decisions = [approve("2023-04-01", "2026-03-31"), decision("2025-07-16", "suspend")]
    assert state(decisions) == "suspended"
    assert not lifecycle(A, decisions, TODAY).recognised


def test_withdrawal_is_final_and_keeps_its_record():
    record = TombstoneRecord(A, {"ja": "題", "en": "Title"}, {"ja": "大学", "en": "University"})
    withdraw = decision("2026-03-31", "withdraw", reason={"ja": "理由", "en": "Why"}, records=(record,))
    result = lifecycle(A, [approve(), withdraw], TODAY)
    assert (result.state, result.record, result.ending_decision) == ("withdrawn", record, withdraw)
    assert not result.recognised and result.published and result.ended
    assert [e.kind for e in result.events] == ["approved", "withdrawn"]
    # No expiry after a withdrawal.
    assert [e.kind for e in lifecycle(A, [approve("2023-01-01", "2024-01-01"), withdraw], TODAY).events] == [
        "approved",
        "expired",
        "withdrawn",
    ]


def test_a_rename_moves_the_program_and_its_history_to_the_new_id():
    approval = approve("2025-04-01", "2028-03-31", A)
    rename = decision("2026-10-21", "rename", A, renamed_to=B)
    renewal = decision("2026-11-01", "renew", B, valid_until="2030-03-31")
    register = replay([approval, rename, renewal])
    old = lifecycle(A, register.lineage(A), TODAY)
    new = lifecycle(B, register.lineage(B), TODAY)
    assert (old.state, old.successor) == ("renamed", B)
    assert (new.state, new.first_approved, new.valid_until, new.predecessors) == (
        "active",
        "2025-04-01",
        "2030-03-31",
        (A,),
    )
    assert [(e.kind, e.program) for e in new.events] == [("approved", A), ("renamed", A), ("renewed", B)]
    assert register.misplaced == []


def test_a_chain_of_renames_follows_to_the_last_id():
    decisions = [
        approve("2025-04-01", "2028-03-31", A),
        decision("2026-01-10", "rename", A, renamed_to=B),
        decision("2026-06-10", "rename", B, renamed_to=C),
    ]
    register = replay(decisions)
    assert lifecycle(A, register.lineage(A), TODAY).successor == B
    assert lifecycle(B, register.lineage(B), TODAY).successor == C
    last = lifecycle(C, register.lineage(C), TODAY)
    assert (last.state, last.predecessors) == ("active", (A, B))


def test_a_suspended_program_stays_suspended_under_its_new_id():
    decisions = [approve(), decision("2026-01-10", "suspend"), decision("2026-02-10", "rename", A, renamed_to=B)]
    assert state(decisions, program=B) == "suspended"


def test_decisions_after_today_do_not_count_yet():
    decisions = [approve("2025-04-01", "2028-03-31"), decision("2027-01-01", "withdraw")]
    assert state(decisions, TODAY) == "active"
    assert state([approve("2027-01-01", "2030-01-01")], TODAY) == "proposed"


def test_every_state_is_reachable():
    reached = {
        state([]),
        state([approve()]),
        state([approve("2025-04-01", "2027-01-31")]),
        state([approve("2023-04-01", "2026-03-31")]),
        state([approve(), decision("2026-01-01", "suspend")]),
        state([approve(), decision("2026-01-01", "withdraw")]),
        state([approve(), decision("2026-01-01", "rename", A, renamed_to=B)]),
    }
    assert reached == set(STATES)


# -- what the life cycle refuses (the validator reports these at the decision's line)


def refused(decisions) -> list[tuple[str, str]]:
    return [(m.decision.kind, m.refusal.code) for m in replay(decisions).misplaced]


@pytest.mark.parametrize(
    ("decisions", "expected"),
    [
        ([decision("2026-01-01", "renew", valid_until="2029-01-01")], [("renew", "decision.not-approved")]),
        ([decision("2026-01-01", "suspend")], [("suspend", "decision.not-approved")]),
        ([decision("2026-01-01", "withdraw")], [("withdraw", "decision.not-approved")]),
        ([approve(), decision("2026-01-01", "reinstate")], [("reinstate", "decision.not-suspended")]),
        (
            [approve(), decision("2026-01-01", "suspend"), decision("2026-02-01", "suspend")],
            [("suspend", "decision.already-suspended")],
        ),
        ([approve(), approve("2026-01-01", "2029-01-01")], [("approve", "decision.already-approved")]),
        (
            [approve(), decision("2026-01-01", "withdraw"), approve("2026-02-01", "2029-01-01")],
            [("approve", "decision.id-reused")],
        ),
        (
            [approve(), decision("2026-01-01", "withdraw"), decision("2026-02-01", "renew", valid_until="2030-01-01")],
            [("renew", "decision.after-withdrawal")],
        ),
        (
            [approve(), decision("2026-01-01", "rename", A, renamed_to=B), decision("2026-02-01", "suspend")],
            [("suspend", "decision.after-rename")],
        ),
        (
            [
                approve("2025-01-01", "2028-01-01", A),
                approve("2025-01-01", "2028-01-01", B),
                decision("2026-01-01", "rename", A, renamed_to=B),
            ],
            [("rename", "decision.rename-target")],
        ),
        ([approve(), decision("2026-01-01", "rename", A, renamed_to=A)], [("rename", "decision.rename-target")]),
        (
            [
                approve("2025-01-01", "2028-01-01", A),
                decision("2025-06-01", "rename", A, renamed_to=B),
                decision("2025-09-01", "rename", B, renamed_to=A),
            ],
            [("rename", "decision.rename-target")],
        ),
    ],
)
def test_the_register_refuses_what_the_life_cycle_does_not_allow(decisions, expected):
    assert refused(decisions) == expected


def test_a_refused_decision_is_skipped_by_the_life_cycle():
    decisions = [approve(), decision("2026-01-01", "reinstate")]
    assert state(decisions) == "active"
    assert check(PROPOSED, decisions[1], A) is not None


def test_decisions_happen_in_order_of_date_then_number():
    assert decision_number("MCR-2026-014") == ("MCR", 2026, 14) == decision_number("MCR-2026-14")
    assert decision_number("mcr-2026-014") is None
    early = Decision("MCR-2026-9", "2026-01-01", "approve", (A,), valid_until="2029-01-01")
    late = Decision("MCR-2026-10", "2026-01-01", "suspend", (A,))
    assert refused([late, early]) == []
    assert state([late, early]) == "suspended"
