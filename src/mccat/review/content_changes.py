"""The content changes of program files on the main line, field by field, for the public record.

    content_changes(history, repo, renamed_from={}) -> dict[program_id, tuple[ContentChange, ...]]

The history (mccat.model.history.read_history: one `git log` for the whole
catalogue) gives, for every commit that touched a program file, the file's
blob ids before and after. Every blob needed is read through one
`git cat-file --batch`, each pair parsed and compared with the semantic diff
(mccat.review.diff.field_changes), and the changed fields named by their
descriptor path. Two git processes in all, whatever the catalogue's size or
the history's length; the work grows with the number of changes, not with
programs times commits.

Left out: the commit that added a file (the proposal itself) and the one that
deleted it. A file added in the commit that deleted the file of the program it
was renamed from (`renamed_from`: new id -> old id) is compared with that file.
Commit subjects are never read here (the history keeps them only to find the
pull request number).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from mccat.model.history import NO_BLOB, ContentChange, History
from mccat.model.schema import descriptor_index
from mccat.review.diff import field_changes
from mccat.review.git_revisions import GitError, read_blobs_by_id
from mccat.validation.source import YamlProblem, parse_yaml

PROGRAMS = "programs/"


def _program_id(path: str) -> str | None:
    """ "provider/slug" of programs/<provider>/<slug>.yaml; None for any other file."""
    if not path.startswith(PROGRAMS) or not path.endswith(".yaml"):
        return None
    parts = path[len(PROGRAMS) : -len(".yaml")].split("/")
    return "/".join(parts) if len(parts) == 2 else None


@cache
def _descriptor_names() -> frozenset[str]:
    return frozenset(descriptor_index("program"))


def descriptor_paths(paths: list[tuple]) -> tuple[str, ...]:
    """The descriptors that changed, from the changed leaves' paths: list positions and the text's language
    dropped ("learning_outcomes", not "learning_outcomes[2].en"), each once, in the order given. What is not a
    descriptor of the program schema (`schema_version`, a block a later schema dropped) is not content."""
    names = _descriptor_names()
    found: dict[str, None] = {}
    for path in paths:
        keys = [str(part) for part in path if isinstance(part, str)]
        while keys and ".".join(keys) not in names:
            keys.pop()
        if keys and keys != ["schema_version"]:
            found[".".join(keys)] = None
    return tuple(found)


def _data(content: bytes | None, display: str) -> Any:
    if content is None:
        return None
    try:
        return parse_yaml(content.decode("utf-8"), display).data
    except (UnicodeDecodeError, YamlProblem):
        return None


def content_changes(
    history: History, repo: Path, renamed_from: Mapping[str, str] | None = None
) -> dict[str, tuple[ContentChange, ...]]:
    """Every program file's content changes, oldest first, by program id; {} without history."""
    if not history.available:
        return {}
    renamed_from = renamed_from or {}
    wanted: list[tuple[str, str, str, Any, str, str]] = []  # (program, path, commit, change, before, after)
    deleted_in: dict[tuple[str, str], str] = {}  # (program, commit) -> blob before the deletion
    for path, changes in history.changes.items():
        program = _program_id(path)
        if program is None:
            continue
        for change in changes:
            before, after = history.blob_ids(path, change.commit)
            if after == NO_BLOB:
                deleted_in[(program, change.commit)] = before
            wanted.append((program, path, change.commit, change, before, after))
    pairs = []
    for program, path, commit, change, before, after in wanted:
        if after == NO_BLOB:
            continue  # the file was deleted: a withdrawal or rename says what happened
        origin = None
        if before == NO_BLOB:  # added: the proposal, or the new file of a rename
            origin = renamed_from.get(program)
            before = deleted_in.get((origin, commit), NO_BLOB) if origin else NO_BLOB
            if before == NO_BLOB:
                continue
        pairs.append((program, path, change, before, after, origin))
    try:
        blobs = read_blobs_by_id(repo, [sha for *_, b, a, _ in pairs for sha in (b, a)])
    except GitError:
        return {}
    result: dict[str, list[ContentChange]] = {}
    for program, path, change, before, after, origin in pairs:
        old, new = _data(blobs.get(before), path), _data(blobs.get(after), path)
        if old is None or new is None:
            fields: tuple[str, ...] = ()
        else:
            fields = descriptor_paths([c.path for c in field_changes("program", old, new)])
            if not fields and origin is None:
                continue  # no descriptor changed (comments, quoting, a field the schema dropped): not content
        result.setdefault(program, []).append(
            ContentChange(
                program, change.date, change.commit, change.pull_request, change.pull_request_url, fields, origin
            )
        )
    return {program: tuple(reversed(items)) for program, items in result.items()}  # the history is newest first
