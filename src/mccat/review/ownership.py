"""Who may change what: the committee list, CODEOWNERS, and the pull-request ownership check.

- The Registry Committee (governance/committee.yaml) may change everything.
- A provider's maintainers (`maintainers:` in its provider file) may change
  that provider's file and its programs folder, nothing else.
- Schemas (with the vocabularies), the tools (src/, hooks/), workflows (.github/),
  the governance files and anything else outside the catalogue are the
  committee's alone.

Rights come from the target branch's tip alone: the committee list and each
provider's maintainers are read at BASE itself, never where the pull request
branched off (a maintainer or committee member removed since would still
have rights there) and never from the pull request (which could name its own
author). Which files change is what the pull request changes: from where it
branched off to its head, as `git diff BASE...HEAD` shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath

from mccat.model.schema import load_schema
from mccat.review.diff import Snapshot, classify, load_snapshot
from mccat.review.git_revisions import changed_paths, merge_base, read_file_at, resolve
from mccat.validation.hidden import one_line
from mccat.validation.problems import Problem
from mccat.validation.source import YamlProblem, parse_yaml

COMMITTEE_FILE = "governance/committee.yaml"
CODEOWNERS_FILE = ".github/CODEOWNERS"

# Areas only the committee may change, and what to call them in a message.
COMMITTEE_AREAS = {
    "schemas/": "the schemas and vocabularies",
    "src/": "the catalogue tools",
    "hooks/": "the catalogue tools",
    ".github/": "the workflows and repository settings",
    "governance/": "the committee's governance files",
}


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


def maintainers_of(snapshot: Snapshot) -> dict[str, list[str]]:
    """Each provider's maintainers, as written in its provider file."""
    result = {}
    for (kind, provider_id), record in sorted(snapshot.records.items()):
        if kind == "provider":
            accounts = record.data.get("maintainers")
            result[provider_id] = [a for a in accounts if isinstance(a, str)] if isinstance(accounts, list) else []
    return result


# ---------------------------------------------------------------- CODEOWNERS


def codeowners_text(committee: list[str], maintainers: dict[str, list[str]], prefix: str) -> str:
    """The CODEOWNERS file: the committee owns everything, maintainers their provider's files.

    In CODEOWNERS the last matching line wins, so each provider line names
    the committee too: committee members stay owners of every file.
    """
    base = f"/{prefix}/" if prefix else "/"
    everyone = " ".join(f"@{a}" for a in committee)
    lines = [
        "# Generated by `mccat owners` from governance/committee.yaml and the `maintainers` of each provider",
        f"# file in {base}providers/. Do not edit by hand: change those files, run `mccat owners`, commit.",
        "#",
        "# The Registry Committee owns everything; each provider's maintainers own its provider file",
        "# and its programs folder (the last matching line wins, so these lines repeat the committee).",
        "",
        f"* {everyone}",
    ]
    for provider_id, accounts in sorted(maintainers.items()):
        owners = " ".join(dict.fromkeys([f"@{a}" for a in accounts] + [f"@{a}" for a in committee]))
        lines += [
            "",
            f"# {provider_id}",
            f"{base}providers/{provider_id}.yaml {owners}",
            f"{base}programs/{provider_id}/ {owners}",
        ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- the check


@dataclass(frozen=True)
class Decision:
    path: str
    allowed: bool
    reason: str


@dataclass
class OwnershipResult:
    author: str
    base: str
    head: str
    decisions: list[Decision] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return not self.problems and all(d.allowed for d in self.decisions)


def _same_account(a: str, b: str) -> bool:
    return a.lower() == b.lower()  # GitHub account names ignore case


def _member(author: str, accounts: list[str]) -> bool:
    return any(_same_account(author, a) for a in accounts)


def committee_at(repo: Path, rev: str | None, committee_file: str) -> tuple[list[str], list[Problem]]:
    raw = read_file_at(repo, rev, committee_file)
    display = committee_file if rev is None else f"{rev[:7]}:{committee_file}"
    if raw is None:
        return [], [
            Problem(
                display,
                1,
                1,
                "committee.missing",
                "does not exist",
                f"add {committee_file} with a `members:` list of the committee's accounts",
            )
        ]
    try:
        return parse_committee(raw.decode("utf-8"), display)
    except UnicodeDecodeError:
        return [], [Problem(display, 1, 1, "file.encoding", "is not valid UTF-8", "save the file as UTF-8")]


def check_ownership(
    repo: Path, prefix: str, author: str, base: str, head: str | None, committee_file: str = COMMITTEE_FILE
) -> OwnershipResult:
    """Decide, file by file, whether author may make the changes from base to head.

    The changes are those of `git diff base...head`; the rights those written at base itself (the
    target branch's tip), whatever commit the pull request branched from.
    """
    base_commit = resolve(repo, base)
    head_commit = resolve(repo, head) if head is not None else None
    start = merge_base(repo, base_commit, head_commit or resolve(repo, "HEAD"))
    result = OwnershipResult(author, base_commit[:7], head_commit[:7] if head_commit else "working tree")
    committee, result.problems = committee_at(repo, base_commit, committee_file)
    paths = changed_paths(repo, start, head_commit)
    if _member(author, committee):
        result.decisions = [Decision(p, True, "committee member") for p in paths]
        return result
    before = maintainers_of(load_snapshot(repo, base_commit, prefix, "providers"))
    proposed = maintainers_of(load_snapshot(repo, head_commit, prefix, "providers"))
    # A new provider: one whose file this pull request adds, and that the target branch does not have.
    after = {
        provider_id: accounts
        for provider_id, accounts in proposed.items()
        if _provider_path(provider_id, prefix) in paths
        and read_file_at(repo, start, _provider_path(provider_id, prefix)) is None
        and read_file_at(repo, base_commit, _provider_path(provider_id, prefix)) is None
    }
    for path in paths:
        result.decisions.append(_decide(repo, prefix, author, path, before, after, head_commit, committee_file))
        result.decisions += _cross_provider_links(repo, prefix, author, path, start, head_commit, before)
    return result


def _stacks_into(repo: Path, rev: str | None, path: str) -> set[str]:
    """The program ids a program file stacks into at a revision (nothing when it is missing or unreadable)."""
    raw = read_file_at(repo, rev, path)
    try:
        data = parse_yaml(raw.decode("utf-8"), path).data if raw is not None else None
    except (UnicodeDecodeError, YamlProblem):
        return set()
    stack = data.get("stackability") if isinstance(data, dict) else None
    targets = stack.get("stacks_into") if isinstance(stack, dict) else None
    return {t for t in targets if isinstance(t, str)} if isinstance(targets, list) else set()


def _cross_provider_links(
    repo: Path, prefix: str, author: str, path: str, start: str, head: str | None, maintainers: dict[str, list[str]]
) -> list[Decision]:
    """A stacking link onto another provider's program changes that program's page and JSON-LD (`hasPart`):
    it is a change to the other provider's record, for its maintainers or the committee to make. Links that
    the target branch already has may stay or go."""
    located = classify(path, prefix) if _inside(path, prefix) else None
    if located is None or located[0] != "program":
        return []
    own = located[1].split("/", 1)[0]
    denied = []
    for target in sorted(_stacks_into(repo, head, path) - _stacks_into(repo, start, path)):
        other = target.split("/", 1)[0]
        if other == own or _member(author, maintainers.get(other, [])):
            continue
        denied.append(
            Decision(
                path,
                False,
                f"adds a stacking link onto '{target}' of the provider '{other}': that program's page and "
                f"data would list this one, a change to {other}'s record; ask its maintainers "
                f"({', '.join(maintainers.get(other, [])) or 'nobody'}) or the committee",
            )
        )
    return denied


def _provider_path(provider_id: str, prefix: str) -> str:
    return str(PurePosixPath(prefix, "providers", f"{provider_id}.yaml")) if prefix else f"providers/{provider_id}.yaml"


def _decide(
    repo: Path,
    prefix: str,
    author: str,
    path: str,
    before: dict[str, list[str]],
    after: dict[str, list[str]],
    head: str | None,
    committee_file: str,
) -> Decision:
    located = classify(path, prefix) if _inside(path, prefix) else None
    if located is not None:
        kind, entry_id = located
        provider_id = entry_id if kind == "provider" else entry_id.split("/", 1)[0]
        if provider_id in before:  # an existing provider: its maintainers as they were before
            maintainers = before[provider_id]
            if _member(author, maintainers):
                return Decision(path, True, f"maintainer of {provider_id}")
            return Decision(
                path,
                False,
                f"belongs to the provider '{provider_id}', maintained by "
                f"{', '.join(maintainers) or 'nobody'}; ask one of them or the committee",
            )
        if provider_id in after:  # a provider proposed in this pull request
            if _member(author, after[provider_id]):
                return Decision(
                    path,
                    True,
                    f"maintainer of the new provider {provider_id} (the committee checks "
                    "who the maintainers are before approving)",
                )
            return Decision(
                path,
                False,
                f"belongs to the new provider '{provider_id}', whose provider file does "
                f"not list {author} under `maintainers`",
            )
        return Decision(
            path,
            False,
            f"belongs to the provider '{provider_id}', which has no readable provider "
            f"file; add catalogue/providers/{provider_id}.yaml listing {author}",
        )
    if path == CODEOWNERS_FILE and _codeowners_is_generated(repo, prefix, head, committee_file):
        return Decision(path, True, "generated by `mccat owners` from the changed provider files")
    area = next((name for folder, name in COMMITTEE_AREAS.items() if path.startswith(folder)), None)
    if area is None:
        area = "files outside the catalogue" if not _inside(path, prefix) else "files that are not catalogue entries"
    return Decision(path, False, f"is one of {area}, which only the committee may change")


def _inside(path: str, prefix: str) -> bool:
    return not prefix or PurePosixPath(path).is_relative_to(prefix)


def _codeowners_is_generated(repo: Path, prefix: str, head: str | None, committee_file: str) -> bool:
    """A CODEOWNERS change is only bookkeeping when it is exactly what `mccat owners` writes at head."""
    content = read_file_at(repo, head, CODEOWNERS_FILE)
    committee, problems = committee_at(repo, head, committee_file)
    if content is None or problems:
        return False
    expected = codeowners_text(committee, maintainers_of(load_snapshot(repo, head, prefix, "providers")), prefix)
    return content.decode("utf-8", "replace") == expected


def render_ownership(result: OwnershipResult) -> str:
    lines = []
    for p in result.problems:
        lines += [f"{p.file}:{p.line}:{p.column}: error [{p.rule}] {p.message}", f"    hint: {p.hint}"]
    denied = [d for d in result.decisions if not d.allowed]
    for d in result.decisions:
        lines.append(f"{'ok  ' if d.allowed else 'DENY'} {d.path}: {d.reason}")
    if not result.decisions:
        lines.append(f"no files changed between {result.base} and {result.head}")
    if result.allowed:
        lines.append(f"ok: {result.author} may make these {len(result.decisions)} change(s)")
    else:
        lines.append(
            f"not allowed: {result.author} may not change {len(denied)} of {len(result.decisions)} "
            "file(s); a committee member can make or take over these changes"
        )
    return "\n".join(one_line(line) for line in lines) + "\n"  # paths are data: one line each, nothing hidden
