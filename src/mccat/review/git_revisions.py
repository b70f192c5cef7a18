"""Read the repository at a git revision: which files changed, and their bytes.

Every read of a revision takes two git processes whatever the number of files
(`git ls-tree` for the list, one `git cat-file --batch` for all contents), so
a diff of a 2,000-program catalogue stays fast.
"""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from mccat import environment_without_secrets
from mccat.validation.messages import Shown, Text, text
from mccat.validation.validate import walk

GIT_TIMEOUT = 120  # seconds; a local git command that takes longer is stuck


class GitError(Exception):
    """git failed or the revision does not exist; the message (a Text, in both languages) says what to do."""

    def __init__(self, message: Text):
        self.text = message
        super().__init__(str(message))


@dataclass(frozen=True)
class RepoFile:
    path: str  # relative to the repository root, with forward slashes
    mode: str  # git's file mode: 100644, 100755, 120000 (symbolic link), ...
    content: bytes
    sha: str = ""  # git's blob id: equal ids, equal contents

    @property
    def is_symlink(self) -> bool:
        return self.mode == "120000"


def _git(repo: Path, *args: str, input: bytes | None = None) -> bytes:
    env = {**environment_without_secrets(), "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        result = subprocess.run(
            ["git", "-C", str(repo), *args], input=input, capture_output=True, timeout=GIT_TIMEOUT, env=env, check=False
        )
    except FileNotFoundError:
        raise GitError(text("git.missing")) from None
    except subprocess.TimeoutExpired:
        raise GitError(text("git.timeout", command=" ".join(args), seconds=GIT_TIMEOUT)) from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(
            text("git.failed", command=" ".join(args[:3]), detail=Shown(message[-1] if message else "?", whole=True))
        )
    return result.stdout


def repo_root(path: Path) -> Path:
    """The top folder of the git work tree that contains path."""
    try:
        return Path(_git(path, "rev-parse", "--show-toplevel").decode().strip())
    except GitError:
        raise GitError(text("git.not-a-repository", path=str(path.resolve()))) from None


def resolve(repo: Path, rev: str) -> str:
    """The full commit id of a revision name (branch, tag, sha, HEAD~1, ...)."""
    if rev.startswith("-"):
        raise GitError(text("git.not-a-revision", rev=Shown(rev)))
    try:
        return _git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}").decode().strip()
    except GitError:
        raise GitError(text("git.unknown-revision", rev=Shown(rev), name=rev)) from None


def merge_base(repo: Path, base: str, head: str) -> str:
    """Where head branched from base, as `git diff base...head` uses; base itself if unrelated."""
    try:
        return _git(repo, "merge-base", base, head).decode().strip() or base
    except GitError:
        return base


def tree_at(repo: Path, rev: str, prefix: str, kinds: tuple[str, ...] = ("blob",)) -> dict[str, tuple[str, str]]:
    """Path -> (mode, object id) of every file under prefix at a commit, without reading contents; with
    kinds=("blob", "commit") also every submodule entry (a gitlink, mode 160000: a folder in a checkout)."""
    listing = _git(repo, "ls-tree", "-r", "-z", "--full-tree", rev, "--", prefix or ".")
    tree = {}
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, sha = meta.decode().split()
        if kind in kinds:
            tree[name.decode("utf-8", "surrogateescape")] = (mode, sha)
    return tree


def read_blobs(repo: Path, tree: dict[str, tuple[str, str]], paths: list[str]) -> list[RepoFile]:
    """The contents of the given paths of a tree, all through one `git cat-file --batch`."""
    if not paths:
        return []
    output = _git(repo, "cat-file", "--batch", input="".join(f"{tree[p][1]}\n" for p in paths).encode())
    files, offset = [], 0
    for path in paths:
        header_end = output.index(b"\n", offset)
        size = int(output[offset:header_end].split()[2])
        start = header_end + 1
        mode, sha = tree[path]
        files.append(RepoFile(path, mode, output[start : start + size], sha))
        offset = start + size + 1  # each object is followed by a newline
    return files


def files_at(repo: Path, rev: str, prefix: str) -> list[RepoFile]:
    """Every file under prefix (a folder relative to the repository root) at a commit."""
    tree = tree_at(repo, rev, prefix)
    return read_blobs(repo, tree, sorted(tree))


def _blob_id(content: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()


def working_files(repo: Path, prefix: str) -> list[RepoFile]:
    """Every file under prefix in the work tree as it is on disk (committed or not)."""
    files = []
    for dirpath, _dirnames, filenames in walk(str(repo / prefix)):  # no recursion: folders may be deep
        if ".git" in Path(dirpath).relative_to(repo).parts:
            continue
        for name in filenames:
            path = Path(dirpath) / name
            relative = PurePosixPath(path.relative_to(repo).as_posix())
            if path.is_symlink():
                content, mode = os.readlink(path).encode(), "120000"
            else:
                content = path.read_bytes()
                mode = "100755" if path.stat().st_mode & stat.S_IXUSR else "100644"
            files.append(RepoFile(str(relative), mode, content, _blob_id(content)))
    return files


def files_that_differ(repo: Path, old: str, new: str | None, prefix: str) -> tuple[list[RepoFile], list[RepoFile]]:
    """The files under prefix that differ between a commit and a commit (or the work tree), on each side.

    Files with the same blob id on both sides are neither read nor returned:
    a pull request touching a few programs reads a few files.
    """
    old_tree = tree_at(repo, old, prefix)
    if new is None:
        new_all = {f.path: f for f in working_files(repo, prefix)}
        new_tree = {path: (f.mode, f.sha) for path, f in new_all.items()}
    else:
        new_tree = tree_at(repo, new, prefix)
    differing = sorted(p for p in old_tree.keys() | new_tree.keys() if old_tree.get(p) != new_tree.get(p))
    old_files = read_blobs(repo, old_tree, [p for p in differing if p in old_tree])
    new_paths = [p for p in differing if p in new_tree]
    new_files = [new_all[p] for p in new_paths] if new is None else read_blobs(repo, new_tree, new_paths)
    return old_files, new_files


def changed_paths(repo: Path, old: str, new: str | None) -> list[str]:
    """Paths that differ between two commits (or a commit and the work tree), renames as delete + add."""
    args = ["diff", "--name-only", "--no-renames", "-z", old] + ([new] if new else [])
    paths = {p.decode("utf-8", "surrogateescape") for p in _git(repo, *args, "--").split(b"\0") if p}
    if new is None:  # new files not yet added to git are changes too
        untracked = _git(repo, "ls-files", "--others", "--exclude-standard", "-z")
        paths |= {p.decode("utf-8", "surrogateescape") for p in untracked.split(b"\0") if p}
    return sorted(paths)


def read_file_at(repo: Path, rev: str | None, path: str) -> bytes | None:
    """One file's bytes at a commit (None: the work tree); None when it does not exist there."""
    if rev is None:
        target = repo / path
        return target.read_bytes() if target.is_file() else None
    try:
        return _git(repo, "cat-file", "blob", f"{rev}:{path}")
    except GitError:
        return None


def write_tree(repo: Path, rev: str, prefix: str, target: Path) -> dict[str, str]:
    """Write the regular files under prefix at a commit into target (keeping their paths), as data.

    Reads blobs with git (no checkout: no hooks, attributes, filters or line-ending conversions of the
    revision apply). Symbolic links and submodule entries are not written: path -> git mode of each is
    returned, for the caller to report (a submodule named like a program file passes a review that does not
    see it, then is an empty folder in every checkout, and the site stops building)."""
    tree = tree_at(repo, rev, prefix, kinds=("blob", "commit"))
    irregular = {p: mode for p, (mode, _) in sorted(tree.items()) if mode not in ("100644", "100755")}
    regular = sorted(p for p, (mode, _) in tree.items() if mode in ("100644", "100755"))
    for repo_file in read_blobs(repo, tree, regular):
        path = target / repo_file.path
        if not path.resolve().is_relative_to(target.resolve()):
            continue  # git paths cannot leave the tree; never trust that twice
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(repo_file.content)
    return irregular


def read_blobs_by_id(repo: Path, blob_ids: list[str]) -> dict[str, bytes]:
    """The contents of blobs by id, all through one `git cat-file --batch`; ids git does not have are left out."""
    wanted = list(dict.fromkeys(blob_ids))
    if not wanted:
        return {}
    output = _git(repo, "cat-file", "--batch", input="".join(f"{sha}\n" for sha in wanted).encode())
    found, offset = {}, 0
    for sha in wanted:
        header_end = output.index(b"\n", offset)
        header = output[offset:header_end].split()
        offset = header_end + 1
        if len(header) < 3 or header[1] != b"blob":  # "<id> missing", or not a blob
            continue
        size = int(header[2])
        found[sha] = output[offset : offset + size]
        offset += size + 1  # each object is followed by a newline
    return found
