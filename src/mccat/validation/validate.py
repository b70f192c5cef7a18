"""Validate catalogue files: YAML, schema, then catalogue rules. Collects every problem."""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mccat.validation.committee import COMMITTEE_FILE, load_committee
from mccat.validation.keyboard import LineMistake, apply_line_fixes, line_mistakes
from mccat.validation.messages import text
from mccat.validation.problems import Fix, Problem, in_file_order
from mccat.validation.rules import (
    Entry,
    conformance_notes,
    decision_register_problems,
    decision_rules,
    designation_providers,
    duplicate_ctids,
    invisible_characters,
    program_rules,
    provider_name_twins,
    provider_rules,
    stacking_cycles,
    stacking_fan_in,
    suggest_id,
)
from mccat.validation.schema_messages import schema_problems
from mccat.validation.source import SourceDocument, YamlProblem, parse_yaml, read_text


@dataclass
class ValidationResult:
    problems: list[Problem] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    files_checked: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.is_warning]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "info"]


def display_path(path: Path) -> str:
    """The path as a reviewer sees it: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Located:
    kind: str | None  # None when the file is not where catalogue files belong
    id: str
    path: str
    display: str


def classify(parts: tuple[str, ...]) -> tuple[str | None, str]:
    """What a file is, from where it sits: providers/<id>.yaml, programs/<provider>/<slug>.yaml or
    decisions/<ID>.yaml."""
    stem = parts[-1].rsplit(".", 1)[0] if parts else ""
    if len(parts) == 2 and parts[0] == "providers":
        return "provider", stem
    if len(parts) == 2 and parts[0] == "decisions":
        return "decision", stem
    if len(parts) == 3 and parts[0] == "programs":
        return "program", f"{parts[1]}/{stem}"
    return None, stem


def discover(root: Path, targets: list[Path] | None = None) -> tuple[list[Located], list[Problem]]:
    """The catalogue files to check, and problems with anything misplaced."""
    problems: list[Problem] = []
    found: list[Located] = []
    root_abs = os.path.abspath(root)
    seen: set[str] = set()

    shown = _FolderDisplay()

    def consider(path: str, rel: str, display: str | None = None) -> None:
        """rel: the path relative to the catalogue root ('' parts when outside it); display: the path as
        display_path gives it, when the caller knows it."""
        if path in seen:
            return
        seen.add(path)
        name = os.path.basename(path)
        if name.startswith(".") or name.lower() in ("readme.md", "readme"):
            return
        display = display or display_path(Path(path))
        if name.endswith(".yml"):
            new_name = f"{suggest_id(name[:-4])}.yaml"
            problems.append(
                Problem(
                    display,
                    1,
                    1,
                    "file.extension",
                    text("file.yml"),
                    text("hint.rename-file", name=new_name),
                    fix=Fix(1, 1, name, new_name, rename=True),
                )
            )
        elif not name.endswith(".yaml"):
            problems.append(
                Problem(
                    display,
                    1,
                    1,
                    "file.extension",
                    text("file.not-yaml"),
                    text("hint.only-yaml"),
                )
            )
        else:
            kind, ident = classify(tuple(rel.split(os.sep)) if rel else ())
            if kind is None:
                problems.append(
                    Problem(
                        display,
                        1,
                        1,
                        "file.location",
                        text("file.location"),
                        text("hint.location"),
                    )
                )
            else:
                found.append(Located(kind, ident, path, display))

    def relative(path: str) -> str:
        rel = os.path.relpath(os.path.abspath(path), root_abs)
        return "" if rel.startswith("..") else rel

    def too_deep(path: str) -> None:
        problems.append(
            Problem(
                display_path(Path(path)),
                1,
                1,
                "folder.too-deep",
                text("folder.too-deep", max=MAX_FOLDER_DEPTH),
                text("hint.too-deep-folder"),
            )
        )

    for target in targets or [root]:
        target_str = str(target)
        if os.path.isdir(target_str) and not os.path.islink(target_str):
            for dirpath, dirnames, filenames in walk(target_str):
                rel_dir = relative(dirpath)
                for name in list(dirnames):
                    sub = os.path.join(dirpath, name)
                    if os.path.islink(sub) or name.endswith((".yaml", ".yml")):
                        consider(sub, os.path.join(rel_dir, name))  # a link or folder where a file belongs
                    elif len(Path(relative(sub) or sub).parts) > MAX_FOLDER_DEPTH:
                        too_deep(sub)
                        dirnames.remove(name)
                for name in sorted(filenames):
                    consider(
                        os.path.join(dirpath, name),
                        os.path.join(rel_dir, name) if rel_dir != "." else name,
                        shown(dirpath, name),
                    )
        elif os.path.lexists(target_str):
            consider(target_str, relative(target_str))
        else:
            problems.append(
                Problem(display_path(target), 0, 0, "file.missing", text("file.missing"), text("hint.path"))
            )
    return found, problems


MAX_FOLDER_DEPTH = 3  # programs/<provider>/ is 2; one more level still names each misplaced file


def walk(top: str) -> Iterator[tuple[str, list[str], list[str]]]:
    """os.walk's (folder, subfolders, files), top-down and sorted, without recursion (os.walk recurses in
    Python 3.11: a folder 1,100 levels deep ended in RecursionError). Prune by removing from subfolders."""
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        dirnames = [e.name for e in entries if e.is_dir(follow_symlinks=False)]
        filenames = [e.name for e in entries if not e.is_dir(follow_symlinks=False)]
        yield folder, dirnames, filenames
        stack.extend(os.path.join(folder, name) for name in reversed(dirnames))


def known_ids(root: Path) -> tuple[set[str], set[str]]:
    """Provider and program ids that exist on disk, from file names alone (no parsing)."""
    providers = {_stem(name) for name in _yaml_names(os.path.join(root, "providers"))}
    return providers, {program for program, _, _ in _program_locations(root)}


def program_files(root: Path) -> dict[str, str]:
    """Every program id that has a file, and the file as a reviewer sees it."""
    shown = _FolderDisplay()
    return {program: shown(folder, name) for program, folder, name in _program_locations(root)}


def _program_locations(root: Path) -> list[tuple[str, str, str]]:
    """(program id, folder, file name) of each programs/*/*.yaml, in path order. What Path.glob finds (any
    entry whose name ends in .yaml, through folders and links to folders), read with os.scandir: glob
    makes a Path object per file and sorting those compares their parts, a tenth of a second at 10,000
    files in the serial part of validate."""
    programs = os.path.join(root, "programs")
    found = []
    for provider in _names(programs, folders=True):
        folder = os.path.join(programs, provider)
        found += [(f"{provider}/{_stem(name)}", folder, name) for name in _yaml_names(folder)]
    return found


def _yaml_names(folder: str) -> list[str]:
    return [name for name in _names(folder, folders=False) if name.endswith(".yaml")]


def _names(folder: str, *, folders: bool) -> list[str]:
    """The sorted names in a folder (only the folders and links to folders, with `folders`); none when it
    cannot be read."""
    try:
        with os.scandir(folder) as entries:
            return sorted(entry.name for entry in entries if not folders or _is_folder(entry))
    except OSError:
        return []


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _stem(name: str) -> str:
    """Path(name).stem of a name ending in .yaml."""
    return name[:-5] if len(name) > 5 else name


class _FolderDisplay:
    """display_path of a folder's entries, with one relpath per folder instead of one per file (a third
    of the time of finding 20,000 files). Joining the folder's display with the name is exact unless
    the working directory is inside the folder (a display of only `..`s, which the name could cancel):
    then each path gets its own relpath."""

    def __init__(self) -> None:
        self.folder = ""
        self.shown = ""

    def __call__(self, folder: str, name: str) -> str:
        if folder != self.folder:
            self.folder, self.shown = folder, display_path(Path(folder))
        if self.shown == ".":
            return name
        if all(part == ".." for part in self.shown.split(os.sep)):
            return display_path(Path(folder, name))
        return os.path.join(self.shown, name)


def default_committee_file(root: Path) -> Path:
    """The committee list beside the catalogue folder: <repository>/governance/committee.yaml."""
    return root.parent / COMMITTEE_FILE


def check_file(
    item: Located,
    provider_ids: set[str],
    program_ids: set[str],
    today: date,
    committee: list[str] | None = None,
) -> tuple[list[Problem], Entry | None]:
    """Every problem in one file, and its entry when the YAML could be read."""
    display = item.display
    try:
        content = read_text(item.path, display)
    except YamlProblem as exc:
        return [exc.problem], None
    mistakes: list[LineMistake] = []
    readable = True  # the file as written parses (its positions can be read again later)
    try:
        doc = parse_yaml(content, display)
    except YamlProblem as exc:
        # Syntax typed with a Japanese keyboard (tabs, full-width spaces, colons, hyphens) makes the
        # parser fail later and elsewhere: report each mistake where it is, then check the file as meant.
        mistakes = line_mistakes(content) if exc.problem.rule == "yaml.syntax" else []
        if not mistakes:
            return [exc.problem], None
        try:
            doc = parse_yaml(apply_line_fixes(content, mistakes), display)
        except YamlProblem as again:
            return _mistake_problems(display, mistakes) + [again.problem], None
        readable = False
    if not isinstance(doc.data, dict):
        return _mistake_problems(display, mistakes) + [
            Problem(display, 1, 1, "schema.type", text("schema.not-a-mapping"), text("hint.template"))
        ], None
    kind = item.kind or ""
    schema = list(itertools.islice(schema_problems(kind, doc), MAX_PROBLEMS_PER_FILE + 1))
    if schema and not mistakes and (found := line_mistakes(content)):
        meant = _parsed(apply_line_fixes(content, found), display)  # a key typed with a full-width space
        if meant is not None and isinstance(meant.data, dict):
            mistakes, doc = found, meant
            schema = list(itertools.islice(schema_problems(kind, doc), MAX_PROBLEMS_PER_FILE + 1))
    entry = Entry(kind, item.id, display, doc.data, doc)
    entry.schema_valid = not schema and not mistakes
    problems = _mistake_problems(display, mistakes) + schema
    problems += invisible_characters(doc, content, kind)
    if entry.kind == "program":
        problems += program_rules(entry, provider_ids, program_ids, today)
        if entry.schema_valid:
            problems += conformance_notes(doc, doc.data)
    elif entry.kind == "decision":
        problems += decision_rules(entry, committee, today)
    else:
        problems += provider_rules(entry)
    if len(problems) > MAX_PROBLEMS_PER_FILE:
        shown = sorted(problems, key=lambda p: (p.line, p.column))[:MAX_PROBLEMS_PER_FILE]
        problems = shown + [
            Problem(
                display,
                shown[-1].line,
                shown[-1].column,
                "file.too-many-problems",
                text("file.too-many-problems", max=MAX_PROBLEMS_PER_FILE),
                text("hint.too-many-problems"),
            )
        ]
    return problems, entry if readable else None


def _parsed(content: str, display: str) -> SourceDocument | None:
    try:
        return parse_yaml(content, display)
    except YamlProblem:
        return None


def _mistake_problems(display: str, mistakes: list[LineMistake]) -> list[Problem]:
    return [
        Problem(display, m.line, m.column, m.rule, m.message, m.hint, fix=Fix(m.line, 1, m.old, m.new))
        for m in mistakes
    ]


def _check_chunk(args: tuple) -> list[tuple[list[Problem], Entry | None]]:
    items, provider_ids, program_ids, today, committee, in_worker, keep_data = args
    outcomes = [check_file(item, provider_ids, program_ids, today, committee) for item in items]
    if in_worker:  # positions are bulky to send between processes; re-read if ever needed
        for _, entry in outcomes:
            if entry is not None:
                entry.doc = None
                if not keep_data and entry.kind != "decision":  # the cross-file checks need only these
                    entry.data = {key: entry.data[key] for key in CROSS_FILE_KEYS if key in entry.data}
    return outcomes


CROSS_FILE_KEYS = ("stackability", "ctid", "designations", "type")  # what the checks across files read
MAX_PROBLEMS_PER_FILE = 50  # past this, a file is not a draft but the wrong file; say so once
PARALLEL_THRESHOLD = 400  # below this, starting worker processes costs more than it saves


def validate(
    root: Path,
    targets: list[Path] | None = None,
    *,
    today: date | None = None,
    workers: int | None = None,
    keep_data: bool = True,
    committee_file: Path | None = None,
) -> ValidationResult:
    """Check the given files (default: the whole catalogue under root).

    Files are independent until the cross-file checks at the end, so large
    catalogues are checked in parallel, one worker process per core. The
    decisions are checked against each other and the programs (their life
    cycle, mccat.model.lifecycle) whatever files are named: a change to one
    program can make a decision wrong. `committee_file` (default
    governance/committee.yaml beside the catalogue folder) lists the accounts
    a decision's reviewers must be.
    """
    with _collector_paused():
        return _validate(root, targets, today or date.today(), workers, keep_data, committee_file)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while files are checked (restored after, in the workers too, which
    inherit it when forked). Checking makes objects that live until the end (documents, problems,
    entries) and few cycles, so each of the collector's oldest-generation runs walked a growing heap
    for nothing: a fifth of the CPU time of checking 10,000 files (bench/README.md, "Third pass").
    Reference counting still frees everything that is not in a cycle; what is, the collector frees
    once it runs again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _validate(
    root: Path,
    targets: list[Path] | None,
    today: date,
    workers: int | None,
    keep_data: bool,
    committee_file: Path | None,
) -> ValidationResult:
    result = ValidationResult()
    located, problems = discover(root, targets)
    result.problems += problems
    provider_ids, program_ids = known_ids(root)
    committee_path = committee_file or default_committee_file(root)
    committee, committee_problems = load_committee(committee_path, display_path(committee_path))
    result.problems += committee_problems
    workers = workers or os.cpu_count() or 1
    if workers > 1 and len(located) >= PARALLEL_THRESHOLD:
        size = -(-len(located) // (workers * 4))
        chunks = [
            (located[i : i + size], provider_ids, program_ids, today, committee, True, keep_data)
            for i in range(0, len(located), size)
        ]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            outcomes = [outcome for chunk in pool.map(_check_chunk, chunks) for outcome in chunk]
    else:
        outcomes = _check_chunk((located, provider_ids, program_ids, today, committee, False, keep_data))
    for found, entry in outcomes:
        result.files_checked += 1
        result.problems += found
        if entry is not None:
            result.entries.append(entry)
    result.problems += stacking_cycles(e for e in result.entries if e.kind == "program")
    result.problems += stacking_fan_in(e for e in result.entries if e.kind == "program")
    decisions = [e for e in result.entries if e.kind == "decision"]
    if targets is not None and (root / "decisions").is_dir():  # the register is checked whole, whatever was named
        named = {e.file for e in decisions}
        others, _ = discover(root, [root / "decisions"])
        for item in others:
            if item.kind == "decision" and item.display not in named:
                _, entry = check_file(item, provider_ids, program_ids, today, committee)
                if entry is not None:
                    decisions.append(entry)
    if decisions:
        result.problems += decision_register_problems(decisions, program_files(root), today)
    result.problems += duplicate_ctids(result.entries)
    result.problems += provider_name_twins(result.entries)
    result.problems += designation_providers(result.entries)
    result.problems = in_file_order(result.problems)
    return result
