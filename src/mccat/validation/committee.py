"""The Registry Committee's list (governance/committee.yaml): the accounts that review and decide.

The ownership check (mccat.review.ownership) reads it to know who may change
what; the validator reads it to check that a decision's reviewers are
committee members.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from mccat.model.schema import load_schema
from mccat.validation.messages import Shown, Text, text
from mccat.validation.problems import Problem
from mccat.validation.source import YamlProblem, parse_yaml, read_text

COMMITTEE_FILE = "governance/committee.yaml"


@cache
def account_pattern() -> re.Pattern[str]:
    """GitHub account names, as the provider schema defines them for `maintainers`."""
    return re.compile(load_schema("provider")["properties"]["maintainers"]["items"]["pattern"])


def parse_committee(content: str, display: str) -> tuple[list[str], list[Problem]]:
    """The committee's accounts from governance/committee.yaml, and every problem in the file."""
    try:
        doc = parse_yaml(content, display)
    except YamlProblem as exc:
        return [], [exc.problem]
    problems: list[Problem] = []

    def problem(path: tuple, rule: str, message: Text, hint: Text) -> None:
        line, column = doc.position(path)
        problems.append(Problem(display, line, column, rule, message, hint))

    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("members"), list):
        problem(
            (),
            "committee.members",
            text("committee.members"),
            text("hint.committee-members"),
        )
        return [], problems
    for key in data:
        if key != "members":
            problem(
                (key,),
                "committee.unknown-key",
                text("committee.unknown-key", key=Shown(key)),
                text("hint.committee-keys"),
            )
    accounts: list[str] = []
    seen: dict[str, int] = {}
    for index, account in enumerate(data["members"]):
        if not isinstance(account, str) or not account_pattern().match(account):
            problem(
                ("members", index),
                "committee.account",
                text("committee.account", account=Shown(account)),
                text("hint.account"),
            )
            continue
        if account.lower() in seen:
            problem(
                ("members", index),
                "committee.duplicate",
                text("committee.duplicate", account=Shown(account), n=seen[account.lower()] + 1),
                text("hint.remove-one"),
            )
            continue
        seen[account.lower()] = index
        accounts.append(account)
    if not data["members"]:
        problem(("members",), "committee.empty", text("committee.empty"), text("hint.committee-empty"))
    return accounts, problems


def load_committee(path: Path, display: str) -> tuple[list[str] | None, list[Problem]]:
    """The accounts in a committee file on disk; None when there is no such file."""
    if not path.is_file():
        return None, []
    try:
        content = read_text(path, display)
    except YamlProblem as exc:
        return [], [exc.problem]
    return parse_committee(content, display)
