"""The built site as a list of files: digests, size, what changed between two copies.

Used by `mccat site-size` (the publish workflow's size budget), `mccat site-manifest` and
`mccat site-changes` (uploading only what changed to object storage) and `mccat verify-site`
(does a published copy match what its commit builds?). Pure functions over a folder; the manifest
is the `sha256sum` format (`<hex digest>  <path>` per line, paths relative to the site, `/`
separated, sorted), so `sha256sum -c` can check a copy too.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from mccat.validation.hidden import HIDDEN_CHARACTER

GITHUB_PAGES_LIMIT = 1_000_000_000  # bytes: GitHub Pages publishes sites up to 1 GB
# The publish workflow rebuilds the site, and signs its status lists anew, every day: a copy (of the site, of a
# status list) built longer ago than this is not what the registry publishes now; a program expired or revoked
# since still shows as approved in it (`mccat verify-site`, `mccat verify`).
STALE_AFTER_DAYS = 2
MANIFEST_LINE = re.compile(r"^(?P<digest>[0-9a-f]{64})  (?P<path>[^\n]+)\Z")
_SIZE = re.compile(r"^\s*(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>|B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*\Z", re.IGNORECASE)
_UNITS = {
    "": 1,
    "b": 1,
    "kb": 10**3,
    "mb": 10**6,
    "gb": 10**9,
    "tb": 10**12,
    "kib": 2**10,
    "mib": 2**20,
    "gib": 2**30,
    "tib": 2**40,
}


# A deploy checkout's git folder at the top of a copy: the one entry that is not part of the site. Every other
# entry counts, hidden ones too: the build writes .nojekyll and .well-known/did.json (the registry's public key,
# what did:web verifiers fetch), and a forged one must not pass for the real one.
NOT_SITE = frozenset({".git"})
# What stands for the bytes of an entry that is not a regular file (a symbolic link, a FIFO, a device): a link
# to a phishing page or a FIFO that would hang the reader is a difference, never skipped, never opened.
NOT_A_FILE = "not a regular file"


class ManifestError(Exception):
    """A manifest file is not in the format; the message names the line."""


def parse_size(text: str) -> int:
    """'1GB' (10^9), '950MB', '1GiB' (2^30), '123' (bytes) -> bytes; ValueError with the accepted forms."""
    match = _SIZE.match(text)
    if match is None:
        raise ValueError(f"'{text}' is not a size: write a number of bytes or e.g. 1GB, 950MB, 1GiB")
    return int(float(match["number"]) * _UNITS[match["unit"].lower()])


def site_files(root: Path) -> list[str]:
    """Every entry under root but its folders (and a top-level .git): files, hidden ones too, and whatever is not
    a regular file (symbolic links, to folders too, FIFOs), sorted. A folder that cannot be read is an error."""
    found = []

    def unreadable(error: OSError) -> None:
        raise error

    for folder, dirs, files in os.walk(root, onerror=unreadable):
        here = Path(folder)
        if here == root:
            dirs[:] = [d for d in dirs if d not in NOT_SITE]
            files = [f for f in files if f not in NOT_SITE]
        links = [d for d in dirs if (here / d).is_symlink()]  # os.walk does not enter them: they count as entries
        dirs[:] = [d for d in dirs if d not in links]
        found += [(here / name).relative_to(root).as_posix() for name in files + links]
    return sorted(found)


def _is_file(path: Path) -> bool:
    return stat.S_ISREG(path.lstat().st_mode)


@dataclass(frozen=True)
class SiteSize:
    bytes: int
    files: int
    largest: list[tuple[str, int]]  # the top folders by bytes: (folder, bytes)


def site_size(root: Path, *, top: int = 8) -> SiteSize:
    """Bytes of every file (apparent size, as an upload counts them), and the folders that weigh most."""
    total, count = 0, 0
    folders: dict[str, int] = {}
    for path in site_files(root):
        size = (root / path).lstat().st_size
        total += size
        count += 1
        parts = path.split("/")
        folder = "/".join(parts[:2]) if len(parts) > 2 else (parts[0] if len(parts) > 1 else ".")
        folders[folder] = folders.get(folder, 0) + size
    largest = sorted(folders.items(), key=lambda item: (-item[1], item[0]))[:top]
    return SiteSize(total, count, largest)


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def site_digests(root: Path) -> dict[str, str]:
    """Path relative to the site -> SHA-256 of every file (NOT_A_FILE for an entry that is not a regular file)."""
    return {path: file_digest(root / path) if _is_file(root / path) else NOT_A_FILE for path in site_files(root)}


def manifest_text(digests: dict[str, str]) -> str:
    """The manifest; ManifestError for an entry it cannot hold: not a regular file, or a name with a line break
    or another hidden character (it would split the line, or act on the terminal that shows it)."""
    for path, digest in digests.items():
        if digest == NOT_A_FILE or HIDDEN_CHARACTER.search(path) or "\n" in path:
            raise ManifestError(f"{path!r} is not a regular file with a plain name: a built site has none")
    return "".join(f"{digest}  {path}\n" for path, digest in sorted(digests.items()))


def read_manifest(text: str, *, name: str = "manifest") -> dict[str, str]:
    digests = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line:
            continue
        match = MANIFEST_LINE.match(line)
        if match is None or match["path"].startswith("/") or ".." in match["path"].split("/"):
            raise ManifestError(f"{name}:{number}: expected '<64 hex digits>  <relative path>'")
        digests[match["path"]] = match["digest"]
    return digests


@dataclass(frozen=True)
class SiteChanges:
    changed: list[str]  # in both, different bytes
    new: list[str]  # only in the second
    gone: list[str]  # only in the first

    @property
    def same(self) -> bool:
        return not (self.changed or self.new or self.gone)

    @property
    def upload(self) -> list[str]:
        return sorted(self.changed + self.new)

    def lines(self) -> list[str]:
        return (
            [f"changed: {p}" for p in self.changed]
            + [f"new:     {p}" for p in self.new]
            + [f"gone:    {p}" for p in self.gone]
        )


def compare(before: dict[str, str], after: dict[str, str]) -> SiteChanges:
    return SiteChanges(
        changed=sorted(p for p in before.keys() & after.keys() if before[p] != after[p]),
        new=sorted(after.keys() - before.keys()),
        gone=sorted(before.keys() - after.keys()),
    )
