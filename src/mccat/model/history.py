"""Approval history of catalogue files, read from git in one pass.

The history of a program file on the main line says when its content changed,
in which merge and pull request. (Approvals are the committee's decisions,
catalogue/decisions/; the history adds the content changes between them.)
Each change of a file carries the git blob ids before and after it, so the
fields that changed can be read from the two revisions without another git
call per change (mccat.review.content_changes). Commit subjects are read only
for the pull request number they name: they are never shown.

One `git log` over the whole catalogue folder gives every file's history; a
git call per file would make the build grow with the catalogue times the
history. `--first-parent` keeps the main line: a merged pull request appears
once, as its merge commit ("Merge pull request #123 ..."), diffed against the
main line before it; squash merges name the request as "(#123)".

No git, no repository, or a shallow clone (whose oldest commit would look
like the first approval of everything) give an empty history, never an error.

Commit subjects are data anyone can write. The log is split on NUL, which no
subject or path can hold, and each commit starts with NUL and a marker drawn
at random for this one read, which nothing in the repository can know (a
path can look like a hash or a date; it cannot contain the marker). Hashes
and dates are checked; a record that does not parse is skipped with a
warning (`History.warnings`), never a traceback.
"""

from __future__ import annotations

import re
import secrets
import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mccat import environment_without_secrets

# Where GitHub writes the number: "Merge pull request #123 from ..." at the start (merge commits), then
# "... (#123)" at the end (squash merges, after the pull request's title, which its author writes: a title
# "Fix (#1)" becomes "Fix (#1) (#123)"), then any "#123" (a commit pushed to the main line).
_PULL_REQUEST_PATTERNS = (
    re.compile(r"^Merge pull request #(\d+)\b"),
    re.compile(r"\(#(\d+)\)\s*\Z"),
    re.compile(r"(?<![\w&/])#(\d+)\b"),
)
_HASH = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")  # SHA-1 or SHA-256 object names
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class Change:
    commit: str
    date: str  # YYYY-MM-DD, committer date: when the change reached the main line
    subject: str
    pull_request: int | None
    commit_url: str | None
    pull_request_url: str | None

    @property
    def short_commit(self) -> str:
        return self.commit[:7]


NO_BLOB = "0" * 40  # git's blob id for "no file" (before an addition, after a deletion)


@dataclass(frozen=True)
class History:
    """Changes per catalogue file (path relative to the catalogue folder), newest first."""

    changes: dict[str, tuple[Change, ...]] = field(default_factory=dict)
    available: bool = False
    reason: str = ""  # why there is no history, for the build log
    prefix: str = ""  # the catalogue folder's path inside the repository, e.g. "catalogue/"
    warnings: tuple[str, ...] = ()  # records of the log that were skipped, for the build log
    blobs: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # (path, commit) -> (before, after)

    def of(self, relative_path: str) -> tuple[Change, ...]:
        return self.changes.get(relative_path, ())

    def blob_ids(self, relative_path: str, commit: str) -> tuple[str, str]:
        """The file's blob ids before and after a commit (NO_BLOB where it did not exist)."""
        return self.blobs.get((relative_path, commit), (NO_BLOB, NO_BLOB))


def pull_request_number(message: str) -> int | None:
    """The pull request a commit message names, if any."""
    for pattern in _PULL_REQUEST_PATTERNS:
        match = pattern.search(message)
        if match:
            return int(match.group(1))
    return None


def normalise_repo_url(repo_url: str | None) -> str | None:
    if not repo_url:
        return None
    url = repo_url.strip().rstrip("/")
    return url[:-4] if url.endswith(".git") else url


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(root), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
        env=environment_without_secrets(),
    )


def read_history(catalogue_root: Path, repo_url: str | None = None) -> History:
    """Every catalogue file's changes on the main line, from one `git log`."""
    try:
        probe = _git(catalogue_root, "rev-parse", "--is-shallow-repository", "--show-prefix")
    except (FileNotFoundError, NotADirectoryError):
        return History(reason="git is not installed")
    if probe.returncode != 0:
        return History(reason="the catalogue is not in a git repository")
    shallow, prefix = (probe.stdout.splitlines() + ["", ""])[:2]
    if shallow.strip() == "true":
        return History(reason="the repository is a shallow clone; fetch the full history (fetch-depth: 0)")
    token = secrets.token_hex(16)
    log = _git(
        catalogue_root,
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--raw",
        "--no-abbrev",
        "--relative",
        "--no-renames",
        "-z",
        f"--format=%x00{token}%H%x00%cs%x00%s",
        "--",
        ".",
    )
    if log.returncode != 0:  # for example a repository with no commits yet
        return History(reason=log.stderr.strip().splitlines()[-1] if log.stderr.strip() else "git log failed")
    warnings: list[str] = []
    blobs: dict[tuple[str, str], tuple[str, str]] = {}
    changes = parse_log(log.stdout, normalise_repo_url(repo_url), marker=f"\0{token}", warnings=warnings, blobs=blobs)
    return History(changes, available=True, prefix=prefix.strip(), warnings=tuple(warnings), blobs=blobs)


def _valid_day(text: str) -> bool:
    try:
        return bool(_DAY.fullmatch(text)) and date.fromisoformat(text) is not None
    except ValueError:
        return False


def parse_log(
    output: str,
    repo_url: str | None,
    *,
    marker: str,
    warnings: list[str] | None = None,
    blobs: dict[tuple[str, str], tuple[str, str]] | None = None,
) -> dict[str, tuple[Change, ...]]:
    """Changes per path from `git log -z --raw --no-abbrev --format=<marker>hash%x00date%x00subject`; with
    `blobs`, each file's blob ids before and after each commit go there too.

    Each record: hash NUL date NUL subject NUL LF, then per file ":old_mode new_mode old_blob new_blob status"
    NUL path NUL (git cuts a subject at NUL)."""
    changes: dict[str, list[Change]] = {}
    for record in output.split(marker)[1:]:
        commit, day, subject, names = (record.split("\0", 3) + ["", "", "", ""])[:4]
        if not _HASH.fullmatch(commit) or not _valid_day(day) or not names.startswith("\n"):
            if warnings is not None:
                shown = " ".join(f"{commit[:12]!r} {day[:12]!r}".split())
                warnings.append(f"skipped a git log record that does not parse (commit {shown})")
            continue
        number = pull_request_number(subject)
        change = Change(
            commit=commit,
            date=day,
            subject=subject,
            pull_request=number,
            commit_url=f"{repo_url}/commit/{commit}" if repo_url else None,
            pull_request_url=f"{repo_url}/pull/{number}" if repo_url and number is not None else None,
        )
        fields = names[1:].split("\0")  # git puts a newline between the header and the files
        for meta, name in zip(fields[0::2], fields[1::2], strict=False):
            parts = meta.lstrip("\n").split()  # ":old_mode new_mode old_blob new_blob status", then the path
            if not name or len(parts) < 5 or not parts[0].startswith(":"):
                continue
            changes.setdefault(name, []).append(change)
            if blobs is not None:
                blobs[(name, commit)] = (parts[2], parts[3])
    return {path: tuple(items) for path, items in changes.items()}


@dataclass(frozen=True)
class ContentChange:
    """A change to a program's file on the main line: when, in which pull request, and which descriptors.

    Made from the history by mccat.review.content_changes, which reads the file at both revisions and
    compares them field by field; the site's timelines and the change feed show it. No commit subject."""

    program: str  # the program id of the file
    date: str  # YYYY-MM-DD: when it reached the main line
    commit: str
    pull_request: int | None
    pull_request_url: str | None
    fields: tuple[str, ...]  # descriptor paths that changed ("effort.hours"), schema order; () if unreadable
    renamed_from: str | None = None  # the file replaced another program's file in the same commit (a rename)
