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
from mccat.validation.problems import Problem
from mccat.validation.source import YamlProblem, parse_yaml, read_text

COMMITTEE_FILE = "governance/committee.yaml"


@cache
def account_pattern() -> re.Pattern[str]:
    """GitHub account names, as the provider schema defines them for `maintainers`."""
    return re.compile(load_schema("provider")["properties"]["maintainers"]["items"]["pattern"])


def parse_committee(text: str, display: str) -> tuple[list[str], list[Problem]]:
    """The committee's accounts from governance/committee.yaml, and every problem in the file."""
    try:
        doc = parse_yaml(text, display)
    except YamlProblem as exc:
        return [], [exc.problem]
    problems: list[Problem] = []

    def problem(path: tuple, rule: str, message: str, hint: str) -> None:
        line, column = doc.position(path)
        problems.append(Problem(display, line, column, rule, message, hint))

    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("members"), list):
        problem(
            (),
            "committee.members",
            "has no `members:` list",
            "write `members:` followed by one `- account` line per committee member",
        )
        return [], problems
    for key in data:
        if key != "members":
            problem(
                (key,),
                "committee.unknown-key",
                f"has the unknown key '{key}'",
                "the file holds only `members:`; put notes in YAML comments",
            )
    accounts: list[str] = []
    seen: dict[str, int] = {}
    for index, account in enumerate(data["members"]):
        if not isinstance(account, str) or not account_pattern().match(account):
            problem(
                ("members", index),
                "committee.account",
                f"'{account}' is not a GitHub account name",
                "write the account without '@': letters, digits and single hyphens, at most 39 characters",
            )
            continue
        if account.lower() in seen:
            problem(
                ("members", index),
                "committee.duplicate",
                f"lists '{account}' twice (first as item {seen[account.lower()] + 1})",
                "remove one of them",
            )
            continue
        seen[account.lower()] = index
        accounts.append(account)
    if not data["members"]:
        problem(("members",), "committee.empty", "lists no members", "the committee needs at least one account")
    return accounts, problems


def load_committee(path: Path, display: str) -> tuple[list[str] | None, list[Problem]]:
    """The accounts in a committee file on disk; None when there is no such file."""
    if not path.is_file():
        return None, []
    try:
        text = read_text(path, display)
    except YamlProblem as exc:
        return [], [exc.problem]
    return parse_committee(text, display)
