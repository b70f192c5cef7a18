"""A process the build starts must not outlive it.

Both the other language's build and the forked copy that writes the /api/v1 files write into the started
build's staging folder, which the next build deletes and makes again. If the started build dies by a
signal no handler sees (SIGKILL, the out-of-memory killer), a process it started would write on into the
next build's folder. On Linux the kernel can kill a process when its parent dies (prctl PR_SET_PDEATHSIG);
elsewhere the build's own clean-up (on an error, Ctrl-C) is what ends them.
"""

from __future__ import annotations

import ctypes
import os
import signal

PR_SET_PDEATHSIG = 1  # prctl(2): the signal this process gets when the thread that started it ends


def die_with(parent: int) -> None:
    """Ask the kernel to kill this process when `parent`, the process that started it, dies."""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # not Linux
        return
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)
