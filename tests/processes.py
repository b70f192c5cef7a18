"""Processes as /proc shows them, for the tests that kill builds: a zombie not yet reaped has ended."""

from __future__ import annotations

from pathlib import Path


def _stat_fields(pid: int | str) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command name (state, ppid, pgrp, session, ...), or None."""
    try:
        return Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None  # ended meanwhile


def is_alive(pid: int) -> bool:
    fields = _stat_fields(pid)
    return fields is not None and fields[0] != "Z"


def session_processes(session: int) -> dict[int, bytes]:
    """The live processes of a session and their command lines."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        fields = _stat_fields(entry.name)
        if fields is None or fields[0] == "Z" or int(fields[3]) != session:
            continue
        try:
            found[int(entry.name)] = (entry / "cmdline").read_bytes()
        except OSError:
            continue  # ended meanwhile
    return found


_PAGEFIND_WITNESS = """#!/bin/sh
# Which process started this Pagefind (its parent's command line), and whether another one ran at the same time:
# each run leaves a marker while it runs and, after a pause in which another run would have left one too,
# counts them.
parent=$(tr '\\0' ' ' < /proc/$PPID/cmdline)
echo "$parent" >> "{folder}/pagefind-runs.txt"
touch "{folder}/pagefind-running.$$"
sleep 0.5
[ "$(ls "{folder}" | grep -c '^pagefind-running')" -gt 1 ] && echo "two at once" >> "{folder}/pagefind-runs.txt"
"{pagefind}" "$@"
status=$?
rm -f "{folder}/pagefind-running.$$"
exit $status
"""


def pagefind_witness(folder: Path, pagefind: Path) -> tuple[Path, Path]:
    """A `pagefind_extended` (the name the build checks for) that runs `pagefind` and writes into the returned log
    the command line of the process that started it, and "two at once" if another one ran at the same time."""
    witness = folder / "bin" / "pagefind_extended"
    witness.parent.mkdir(parents=True)
    witness.write_text(_PAGEFIND_WITNESS.format(folder=folder, pagefind=pagefind), encoding="utf-8")
    witness.chmod(0o755)
    return witness, folder / "pagefind-runs.txt"
