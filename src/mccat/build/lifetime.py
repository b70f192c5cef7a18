"""A process the build starts must not outlive it.

The other language's build, the forked copy that writes the /api/v1 files and Pagefind all write into the
started build's staging folder, which the next build deletes and makes again. If the started build dies by
a signal no handler sees (SIGKILL, the out-of-memory killer), a process it started would write on into the
next build's folder. On Linux the kernel can kill a process when its parent dies (prctl PR_SET_PDEATHSIG):
the Python processes ask for it themselves (`die_with`), Pagefind through a launcher that asks, then execs
it (`dying_with_this_process`). Elsewhere the build's own clean-up (on an error, Ctrl-C) is what ends them.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Sequence

PR_SET_PDEATHSIG = 1  # prctl(2): the signal this process gets when the thread that started it ends
_LAUNCHER = "from mccat.build.lifetime import launch; launch()"  # python -c: `launch` with sys.argv


def die_with(parent: int) -> None:
    """Ask the kernel to kill this process when `parent`, the process that started it, dies."""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # not Linux
        return
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def dying_with_this_process(command: Sequence[str]) -> list[str]:
    """`command` (a program of its own, such as Pagefind, which cannot ask for itself) started through a short
    Python launcher that asks the kernel to kill it when this process dies, then execs it: the same program,
    arguments, output and exit status, 0.04 s later."""
    return [sys.executable, "-c", _LAUNCHER, str(os.getpid()), *command]


def launch() -> None:
    """The launcher's body (`python -c`, argv: the parent's process id, then the command): ask for the
    signal, then become the program. The request survives exec (prctl(2))."""
    parent, command = int(sys.argv[1]), sys.argv[2:]
    die_with(parent)
    try:
        os.execv(command[0], command)
    except OSError as error:
        print(f"{command[0]} could not start: {error.strerror}", file=sys.stderr)
        os._exit(127)
