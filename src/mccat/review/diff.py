"""The semantic diff of the catalogue between two git revisions.

Not lines but meaning: which programs and providers were added, removed or
renamed, which committee decisions were added or changed, every field that
changed with its old and new value, and flags on the changes a committee
member must look at twice (hours cut, assessment changed, invisible
characters, an approved program's assessed content changed without an
amended approval, an approved program deleted or renamed without a decision,
a published decision edited, ...). Rendering lives in `diff_report`; this
module only computes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

from mccat.model.decisions import Decision, decision_number, replay
from mccat.model.lifecycle import lifecycle
from mccat.model.schema import descriptors, fast_validator
from mccat.review.git_revisions import (
    RepoFile,
    files_at,
    files_that_differ,
    merge_base,
    repo_root,
    resolve,
    working_files,
)
from mccat.validation.messages import text
from mccat.validation.problems import Problem
from mccat.validation.rules import (
    INVISIBLE_CHARACTER,
    lookalike_letters,
)  # the one definition of "invisible" and "lookalike"
from mccat.validation.source import YamlProblem, parse_yaml

RENAME_SIMILARITY = 0.8  # share of identical field values above which remove + add is a rename
KINDS = ("provider", "program", "decision")
# What the committee assessed when it approved a program: a change to these needs an amended approval. The
# title and level too: the signed approval certificate names the program by its title, and a retitled
# "Introduction to IoT" must not become a signed "Master of Science in AI" under the old decision.
ASSESSED = (
    "title",
    "level",
    "credential",
    "effort",
    "recognition",
    "assessment",
    "quality_assurance",
    "learning_outcomes",
)


class _Missing:
    """The value of a field that is not in the file (distinct from an explicit null)."""

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()


@dataclass(frozen=True)
class Record:
    kind: str  # "provider" or "program"
    id: str
    file: str  # path relative to the repository root
    data: dict[str, Any]


@dataclass
class Snapshot:
    """The catalogue as it was at one revision (or in the work tree)."""

    label: str  # short commit id, or "working tree"
    records: dict[tuple[str, str], Record] = field(default_factory=dict)
    unreadable: set[tuple[str, str]] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class FieldChange:
    path: tuple  # ("effort", "hours") or ("learning_outcomes", 2, "en")
    old: Any  # MISSING when the field was added
    new: Any  # MISSING when the field was removed

    @property
    def change(self) -> str:
        return "added" if self.old is MISSING else "removed" if self.new is MISSING else "changed"


@dataclass(frozen=True)
class Flag:
    """A change a reviewer must look at twice."""

    code: str  # one of FLAG_CODES
    path: tuple
    old: Any = MISSING
    new: Any = MISSING


FLAG_CODES = (
    "invisible-characters",
    "lookalike-letters",
    "decision-edited",
    "decision-removed",
    "decision-out-of-order",
    "approved-removed",
    "approved-renamed",
    "id-reused",
    "withdrawn-edited",
    "assessed-changed",
    "ctid-changed",
    "provider-changed",
    "hours-cut",
    "credits-cut",
    "assessment-changed",
    "qa-changed",
    "designations-changed",
    "maintainers-changed",
    "cross-provider-stacking",
    "one-language-changed",
    "numbers-differ",
)


@dataclass
class EntryChange:
    kind: str
    change: str  # added, removed, renamed, changed
    id: str  # the id now (for removed: the id it had)
    old_id: str | None = None  # for renames
    old: dict[str, Any] | None = None
    new: dict[str, Any] | None = None
    old_file: str | None = None
    new_file: str | None = None
    fields: list[FieldChange] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    similarity: float | None = None
    decision: str | None = None  # the decision of this change that covers it (approve, withdraw, rename, amend)
    published: bool = False  # programs: approved at the base revision (its content is a public record)

    @property
    def data(self) -> dict[str, Any]:
        return self.new if self.new is not None else (self.old or {})


@dataclass
class CatalogueDiff:
    base: str
    head: str
    changes: list[EntryChange]
    problems: list[Problem]

    def count(self, change: str) -> int:
        return sum(c.change == change for c in self.changes)

    @property
    def flags(self) -> list[tuple[EntryChange, Flag]]:
        return [(c, f) for c in self.changes for f in c.flags]


# ---------------------------------------------------------------- reading


def classify(path: str, prefix: str) -> tuple[str, str] | None:
    """(kind, id) of a catalogue file from where it sits; None for anything else."""
    parts = PurePosixPath(path).relative_to(prefix).parts if prefix else PurePosixPath(path).parts
    if len(parts) == 2 and parts[0] == "providers" and parts[1].endswith(".yaml"):
        return "provider", parts[1][:-5]
    if len(parts) == 3 and parts[0] == "programs" and parts[2].endswith(".yaml"):
        return "program", f"{parts[1]}/{parts[2][:-5]}"
    if len(parts) == 2 and parts[0] == "decisions" and parts[1].endswith(".yaml"):
        return "decision", parts[1][:-5]
    return None


def snapshot_from_files(files: list[RepoFile], prefix: str, label: str) -> Snapshot:
    """Parse every catalogue file; a file that cannot be read becomes a problem, never a traceback."""
    snapshot = Snapshot(label)
    for repo_file in files:
        key = classify(repo_file.path, prefix)
        if key is None:
            continue
        display = repo_file.path if label == "working tree" else f"{label}:{repo_file.path}"
        problem = None
        if repo_file.is_symlink:
            problem = Problem(display, 1, 1, "file.symlink", text("file.symlink"), text("hint.symlink"))
        elif repo_file.content.startswith(b"\xef\xbb\xbf"):
            problem = Problem(display, 1, 1, "file.bom", text("file.bom"), text("hint.utf8-no-bom"))
        else:
            try:
                doc = parse_yaml(repo_file.content.decode("utf-8"), display)
                if not isinstance(doc.data, dict):
                    problem = Problem(
                        display,
                        1,
                        1,
                        "schema.type",
                        text("schema.not-a-mapping"),
                        text("hint.template"),
                    )
            except UnicodeDecodeError as exc:
                line = repo_file.content.count(b"\n", 0, exc.start) + 1
                problem = Problem(display, line, 1, "file.encoding", text("file.encoding-plain"), text("hint.utf8"))
            except YamlProblem as exc:
                problem = exc.problem
        if problem is not None:
            snapshot.problems.append(problem)
            snapshot.unreadable.add(key)
        else:
            snapshot.records[key] = Record(key[0], key[1], repo_file.path, doc.data)
    return snapshot


def load_snapshot(repo: Path, rev: str | None, prefix: str, folder: str = "") -> Snapshot:
    """The catalogue under prefix (only its subfolder folder, if given) at a commit, or in the work tree."""
    top = str(PurePosixPath(prefix) / folder) if prefix else folder
    if rev is None:
        return snapshot_from_files(working_files(repo, top), prefix, "working tree")
    return snapshot_from_files(files_at(repo, rev, top), prefix, rev[:7])


def catalogue_prefix(repo: Path, catalogue: Path) -> str:
    """The catalogue folder relative to the repository root, with forward slashes."""
    try:
        relative = catalogue.resolve().relative_to(repo.resolve())
    except ValueError:
        raise ValueError(f"the catalogue folder {catalogue} is not inside the repository {repo}") from None
    return relative.as_posix() if str(relative) != "." else ""


def diff_revisions(catalogue: Path, base: str, head: str | None = None) -> CatalogueDiff:
    """Compare the catalogue where head branched from base with head (None: the work tree).

    Like `git diff base...head`: changes made on base after the branch point
    are not the pull request's and do not show.
    """
    repo = repo_root(catalogue if catalogue.exists() else Path.cwd())
    prefix = catalogue_prefix(repo, catalogue)
    base_commit = resolve(repo, base)
    head_commit = resolve(repo, head) if head is not None else None
    start = merge_base(repo, base_commit, head_commit or resolve(repo, "HEAD"))
    old_files, new_files = files_that_differ(repo, start, head_commit, prefix)
    old = snapshot_from_files(old_files, prefix, start[:7])
    new = snapshot_from_files(new_files, prefix, head_commit[:7] if head_commit else "working tree")
    before, after = (load_snapshot(repo, rev, prefix, "decisions") for rev in (start, head_commit))
    return diff_snapshots(old, new, (before, after))


# ---------------------------------------------------------------- comparing


def diff_snapshots(old: Snapshot, new: Snapshot, registers: tuple[Snapshot, Snapshot] | None = None) -> CatalogueDiff:
    """The changes from old to new; `registers`, the decision files at both revisions in full, let the diff
    say which changes the committee's decisions cover."""
    problems = sorted(old.problems + new.problems, key=lambda p: (p.file, p.line, p.column, p.rule))
    skip = old.unreadable | new.unreadable  # what cannot be read on one side cannot be compared
    changes: list[EntryChange] = []
    for kind in KINDS:
        before = {i: r for (k, i), r in old.records.items() if k == kind and (k, i) not in skip}
        after = {i: r for (k, i), r in new.records.items() if k == kind and (k, i) not in skip}
        removed = sorted(set(before) - set(after))
        added = sorted(set(after) - set(before))
        renames = _renames([before[i] for i in removed], [after[i] for i in added]) if kind != "decision" else []
        for old_id, new_id, similarity in renames:  # a decision keeps its id: another file is another decision
            removed.remove(old_id)
            added.remove(new_id)
            changes.append(_compare(kind, "renamed", before[old_id], after[new_id], similarity))
        for entry_id in sorted(set(before) & set(after)):
            change = _compare(kind, "changed", before[entry_id], after[entry_id])
            if change.fields:
                changes.append(change)
        for entry_id in added:
            record = after[entry_id]
            flags = list(_hidden_text_flags(record.data)) + _cross_provider_flags(kind, entry_id, {}, record.data)
            flags += _number_flags(record.data, ())
            changes.append(EntryChange(kind, "added", entry_id, new=record.data, new_file=record.file, flags=flags))
        for entry_id in removed:
            record = before[entry_id]
            changes.append(EntryChange(kind, "removed", entry_id, old=record.data, old_file=record.file))
    if registers is not None:
        _decision_flags(changes, *registers)
    order = {"provider": 0, "program": 1, "decision": 2}
    changes.sort(key=lambda c: (order[c.kind], c.id))
    return CatalogueDiff(old.label, new.label, changes, problems)


def decisions_of(snapshot: Snapshot) -> dict[str, Decision]:
    """The decisions of a snapshot that the schema allows, by id (the validator reports the others)."""
    found = {}
    for (kind, decision_id), record in snapshot.records.items():
        if kind == "decision" and decision_number(decision_id) and fast_validator("decision").is_valid(record.data):
            found[decision_id] = Decision.from_data(decision_id, record.data, record.file)
    return found


def _decision_flags(changes: list[EntryChange], before_files: Snapshot, after_files: Snapshot) -> None:
    """What the committee's decisions say of the changes: a published decision edited or removed, an approved
    program deleted or renamed without a withdrawal or rename, its assessed content changed without an amended
    approval, a withdrawn program edited, an id used again."""
    before, after = decisions_of(before_files), decisions_of(after_files)
    base, head = replay(before.values()), replay(after.values())
    added = [d for decision_id, d in after.items() if decision_id not in before]
    today = date.today()

    def new_decision(program: str, *kinds: str) -> Decision | None:
        return next((d for d in added if d.kind in kinds and program in d.programs), None)

    def ending(program: str) -> Decision | None:
        return next(
            (d for d in reversed(head.lineage(program)) if d.kind in ("withdraw", "rename") and program in d.programs),
            None,
        )

    # Certificates' status-list entries are numbered in the order of decision numbers
    # (mccat.publish.certificates): a new certifying decision numbered before a published one would move them.
    certifying = ("approve", "renew", "amend-approval", "rename")
    numbers = [decision_number(d.id) for d in before.values() if d.kind in certifying]
    last = max((n for n in numbers if n is not None), default=None)
    for change in changes:
        if change.kind == "decision":
            decision = after.get(change.id)
            if (
                change.change == "added"
                and decision is not None
                and decision.kind in certifying
                and last is not None
                and (decision_number(decision.id) or last) < last
            ):
                change.flags.insert(0, Flag("decision-out-of-order", (), MISSING, change.id))
            if change.change == "changed":
                change.flags.insert(0, Flag("decision-edited", (), MISSING, change.id))
            elif change.change == "removed":
                change.flags.insert(0, Flag("decision-removed", (), change.id, MISSING))
            continue
        if change.kind != "program":
            continue
        program = change.old_id or change.id
        state = lifecycle(program, base.lineage(program), today)
        change.published = state.first_approved is not None and not state.ended
        approved_ever = program in base.named() or program in head.named()
        if change.change == "added":
            approval = new_decision(change.id, "approve")
            change.decision = approval.id if approval else None
            if change.id in base.named():
                change.flags.insert(0, Flag("id-reused", (), MISSING, change.id))
        elif change.change == "removed" and approved_ever:
            end = ending(change.id)
            change.decision = end.id if end else None
            if end is None:
                change.flags.insert(0, Flag("approved-removed", (), change.id, MISSING))
        elif change.change == "renamed" and approved_ever:
            end = ending(program)
            change.decision = end.id if end else None
            if end is None or end.kind != "rename" or end.renamed_to != change.id:
                change.flags.insert(0, Flag("approved-renamed", (), program, change.id))
        if change.change in ("changed", "renamed"):
            if state.state == "withdrawn":
                change.flags.insert(0, Flag("withdrawn-edited", (), MISSING, program))
            assessed = [c.path for c in change.fields if c.path and c.path[0] in ASSESSED]
            if change.published and assessed:
                amended = new_decision(change.id, "amend-approval") or new_decision(program, "amend-approval")
                if amended is None:
                    change.flags.append(Flag("assessed-changed", (assessed[0][0],), MISSING, MISSING))
                else:
                    change.decision = amended.id
        change.flags.sort(key=lambda f: (FLAG_CODES.index(f.code), _path_key(f.path)))


def _compare(kind: str, change: str, old: Record, new: Record, similarity: float | None = None) -> EntryChange:
    fields = list(field_changes(kind, old.data, new.data))
    result = EntryChange(
        kind,
        change,
        new.id,
        old.id if old.id != new.id else None,
        old.data,
        new.data,
        old.file,
        new.file,
        fields,
        similarity=similarity,
    )
    result.flags = flags_for(kind, old, new, fields)
    return result


def _is_scalar_list(value: Any) -> bool:
    return isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value)


def field_changes(kind: str, old: Any, new: Any, path: tuple = ()) -> Iterator[FieldChange]:
    """Every changed leaf, depth first in the schema's order.

    Lists of plain values (fields of study, languages, assessment types) are
    compared as one value; lists of texts or records item by item.
    """
    if isinstance(old, dict) or isinstance(new, dict):
        if (isinstance(old, dict) or old is MISSING) and (isinstance(new, dict) or new is MISSING):
            before, after = old or {}, new or {}
            for key in _ordered_keys(kind, path, before, after):
                yield from field_changes(kind, before.get(key, MISSING), after.get(key, MISSING), path + (key,))
            return
    elif (
        not _is_scalar_list(old)
        and not _is_scalar_list(new)
        and (isinstance(old, list) or isinstance(new, list))
        and (isinstance(old, list) or old is MISSING)
        and (isinstance(new, list) or new is MISSING)
    ):
        before, after = old or [], new or []
        for index in range(max(len(before), len(after))):
            yield from field_changes(
                kind,
                before[index] if index < len(before) else MISSING,
                after[index] if index < len(after) else MISSING,
                path + (index,),
            )
        return
    if not _same(old, new):
        yield FieldChange(path, old, new)


def _same(old: Any, new: Any) -> bool:
    # 1 == True and 1 == 1.0 in Python; a reviewer sees them as different values
    return type(old) is type(new) and old == new


@cache
def _schema_order(kind: str) -> dict[tuple[str, ...], int]:
    order = {d.path: i for i, d in enumerate(descriptors(kind))}
    return order


def _ordered_keys(kind: str, path: tuple, before: dict, after: dict) -> list[str]:
    order = _schema_order(kind)
    names = tuple(p for p in path if isinstance(p, str))
    language_order = {"ja": 0, "en": 1}

    def rank(key: str) -> tuple:
        position = order.get(names + (key,))
        if position is not None:
            return (0, position, "")
        if key in language_order:
            return (1, language_order[key], "")
        return (2, 0, str(key))

    return sorted(set(before) | set(after), key=rank)


# ---------------------------------------------------------------- renames


def _leaves(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, path + (key,))
    elif isinstance(value, list) and not _is_scalar_list(value):
        for index, item in enumerate(value):
            yield from _leaves(item, path + (index,))
    else:
        yield path, repr(value)


def similarity(old: dict[str, Any], new: dict[str, Any]) -> float:
    """Share of field values two records have in common (Dice coefficient over leaves)."""
    a, b = set(_leaves(old)), set(_leaves(new))
    if not a and not b:
        return 1.0
    return 2 * len(a & b) / (len(a) + len(b))


def _renames(removed: list[Record], added: list[Record]) -> list[tuple[str, str, float]]:
    """Pair removed and added records whose content is (nearly) the same, best pairs first."""
    candidates = sorted(
        ((similarity(r.data, a.data), r.id, a.id) for r in removed for a in added),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    pairs, used_old, used_new = [], set(), set()
    for score, old_id, new_id in candidates:
        if score < RENAME_SIMILARITY:
            break
        if old_id in used_old or new_id in used_new:
            continue
        used_old.add(old_id)
        used_new.add(new_id)
        pairs.append((old_id, new_id, round(score, 3)))
    return pairs


# ---------------------------------------------------------------- flags


def _get(data: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return MISSING
        data = data[key]
    return data


def _number(value: Any) -> float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def invisible_characters(text: str) -> list[str]:
    """The invisible or bidirectional characters in a text, in order, each once."""
    return list(dict.fromkeys(INVISIBLE_CHARACTER.findall(text)))


def _hidden_text_flags(value: Any, path: tuple = ()) -> Iterator[Flag]:
    """Flags for every string, at any depth, that hides characters or disguises a word with lookalike
    letters (a Cyrillic а in a Latin word; the validator refuses them in titles and names only)."""
    if isinstance(value, str):
        if INVISIBLE_CHARACTER.search(value):
            yield Flag("invisible-characters", path, MISSING, value)
        if not value.isascii() and lookalike_letters(value):
            yield Flag("lookalike-letters", path, MISSING, value)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _hidden_text_flags(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _hidden_text_flags(item, path + (index,))


def flags_for(kind: str, old: Record, new: Record, fields: list[FieldChange]) -> list[Flag]:
    """The flags of one changed (or renamed) record, in a fixed order."""
    flags: list[Flag] = []
    for change in fields:
        if change.new is not MISSING:
            flags += _hidden_text_flags(change.new, change.path)
    ctid = (_get(old.data, "ctid"), _get(new.data, "ctid"))
    if ctid[0] is not MISSING and ctid[0] != ctid[1]:  # the Credential Registry keys every update on it
        flags.append(Flag("ctid-changed", ("ctid",), *ctid))
    if kind == "program":
        old_provider = _get(old.data, "provider")
        new_provider = _get(new.data, "provider")
        old_folder, new_folder = old.id.split("/")[0], new.id.split("/")[0]
        if old_provider != new_provider or old_folder != new_folder:
            flags.append(
                Flag(
                    "provider-changed",
                    ("provider",),
                    old_provider if old_provider is not MISSING else old_folder,
                    new_provider if new_provider is not MISSING else new_folder,
                )
            )
        hours = (_number(_get(old.data, "effort", "hours")), _number(_get(new.data, "effort", "hours")))
        if hours[0] is not None and (hours[1] is None or hours[1] < hours[0]):
            flags.append(
                Flag("hours-cut", ("effort", "hours"), hours[0], hours[1] if hours[1] is not None else MISSING)
            )
        credits = (
            _number(_get(old.data, "recognition", "credits", "value")),
            _number(_get(new.data, "recognition", "credits", "value")),
        )
        if credits[0] is not None and (credits[1] is None or credits[1] < credits[0]):
            flags.append(
                Flag(
                    "credits-cut",
                    ("recognition", "credits", "value"),
                    credits[0],
                    credits[1] if credits[1] is not None else MISSING,
                )
            )
    flags += _cross_provider_flags(kind, new.id, old.data, new.data)
    flags += _language_flags(old.data, new.data, fields)
    for section, code in (
        ("assessment", "assessment-changed"),
        ("quality_assurance", "qa-changed"),
        ("designations", "designations-changed"),
        ("maintainers", "maintainers-changed"),
    ):
        if (kind == "program") == (section == "maintainers"):
            continue
        touched = [c.path for c in fields if c.path and c.path[0] == section]
        if touched:
            flags.append(Flag(code, (section,), _get(old.data, section), _get(new.data, section)))
    return sorted(flags, key=lambda f: (FLAG_CODES.index(f.code), _path_key(f.path)))


def _stack_targets(data: Any) -> list[str]:
    targets = _get(data, "stackability", "stacks_into")
    return [t for t in targets if isinstance(t, str)] if isinstance(targets, list) else []


def _cross_provider_flags(kind: str, program_id: str, old: Any, new: Any) -> list[Flag]:
    """New stacking links onto another provider's programs: they change that provider's page and JSON-LD."""
    if kind != "program":
        return []
    own = program_id.split("/", 1)[0]
    before = set(_stack_targets(old))
    added = [t for t in _stack_targets(new) if t not in before and t.split("/", 1)[0] != own]
    return [Flag("cross-provider-stacking", ("stackability", "stacks_into"), MISSING, added)] if added else []


def _bilingual(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("ja"), str) and isinstance(value.get("en"), str)


def _at(data: Any, path: tuple) -> Any:
    for part in path:
        found = (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        )
        if not found:
            return MISSING
        data = data[part]
    return data


def _language_flags(old: Any, new: Any, fields: list[FieldChange]) -> list[Flag]:
    """Texts whose Japanese changed and English did not, or the reverse (check the other language), and
    changed texts whose two languages now give different numbers."""
    flags = []
    texts = dict.fromkeys(c.path[:-1] for c in fields if c.path and c.path[-1] in ("ja", "en"))
    for path in texts:
        before, after = _at(old, path), _at(new, path)
        if not _bilingual(after):
            continue
        if _bilingual(before):
            changed = [lang for lang in ("ja", "en") if before[lang] != after[lang]]
            if len(changed) == 1:
                flags.append(Flag("one-language-changed", path, changed[0], "en" if changed[0] == "ja" else "ja"))
        flags += _number_flags(after, path)
    return flags


# A number as written in either language: 1,200 / 1.5 / 60% / ６０％ (NFKC) / 2割 (20%) / 3万 / 1万2,000.
_NUMBER = re.compile(r"(?<![\d.,])(\d+(?:,\d{3})*(?:\.\d+)?)(?:(万)(\d+(?:,\d{3})*)?|\s*(割|%))?")


def text_numbers(text: str) -> set[str]:
    """The numbers a text states, as plain decimals. Numbers under 10 count only as percentages: English
    spells small numbers out ("three weeks" for 3週間), and a flag on them would be noise."""
    found = set()
    for match in _NUMBER.finditer(unicodedata.normalize("NFKC", text)):
        value, unit = Decimal(match.group(1).replace(",", "")), match.group(2) or match.group(4)
        if unit == "万":
            value = value * 10000 + Decimal((match.group(3) or "0").replace(",", ""))
        elif unit == "割":
            value, unit = value * 10, "%"
        if value >= 10 or unit == "%":
            found.add(format(value.normalize(), "f") + ("%" if unit == "%" else ""))
    return found


def _number_flags(value: Any, path: tuple) -> list[Flag]:
    """Bilingual texts (at any depth) whose Japanese and English give different numbers (60% and 50%)."""
    if _bilingual(value):
        ja, en = text_numbers(value["ja"]), text_numbers(value["en"])
        return [Flag("numbers-differ", path, sorted(ja), sorted(en))] if ja != en else []
    flags: list[Flag] = []
    if isinstance(value, dict):
        for key, item in value.items():
            flags += _number_flags(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            flags += _number_flags(item, path + (index,))
    return flags


def _path_key(path: tuple) -> tuple:
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in path)
