"""A call made in a forked copy of this process, beside the build, with its result back through a pipe.

The /api/v1 files depend on the catalogue only, not on any page, yet they were written after the pages:
at 20,000 programs the English build spent its last minute writing them on one core while the other sat
idle (bench/README.md). Forked once the catalogue is loaded, the copy starts with the Publication the
build already holds (nothing pickled on the way in: the fork shares the memory, copy-on-write), writes
while the pages render, and hands back only its small result.

The copy runs one function of the core, then exits without running the parent's exit handlers. It must not
outlive the build: it writes into the build's staging folder, which the next build takes over. So it is
daemonic (multiprocessing ends it when the build exits, on an error or Ctrl-C) and, on Linux, asks the
kernel to kill it when the build dies by a signal no handler sees (SIGKILL, the out-of-memory killer).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

from mccat.build.lifetime import die_with

T = TypeVar("T")
_FORK = multiprocessing.get_context("fork")


class ForkedCallError(RuntimeError):
    """The forked copy ended without a result (killed, out of memory) or with one that could not be sent."""


class ForkedCall(Generic[T]):
    """`function()` running in a forked copy of this process; `result()` waits for it."""

    def __init__(self, function: Callable[[], T], name: str):
        self.name = name
        receiver, sender = _FORK.Pipe(duplex=False)
        self._receiver = receiver
        for stream in (sys.stdout, sys.stderr):  # else text buffered so far would be written by both processes
            stream.flush()
        self._process = _FORK.Process(target=_call, args=(function, sender, os.getpid()), name=name, daemon=True)
        self._process.start()
        sender.close()  # the copy holds the only writing end: its exit ends the pipe

    def result(self) -> T:
        """The function's return value; its exception, raised here, if it raised one."""
        try:
            outcome, value = self._receiver.recv()
        except EOFError:
            outcome, value = "lost", None
        finally:
            self._receiver.close()
            self._process.join()
        if outcome == "returned":
            return value
        if outcome == "raised":
            raise value
        if outcome == "unsendable":
            raise ForkedCallError(f"{self.name}: {value}")
        raise ForkedCallError(f"{self.name} ended without a result (exit code {self._process.exitcode})")

    def stop(self) -> None:
        """The build stops: end the copy if it is still running."""
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._receiver.close()


def _call(function: Callable[[], Any], sender: Connection, parent: int) -> None:
    die_with(parent)  # mccat.build.lifetime
    try:
        message: tuple[str, Any] = ("returned", function())
    except BaseException as error:  # every failure goes back to the parent, which raises it
        message = ("raised", error)
    try:
        sender.send(message)
    except Exception as unsendable:  # an exception or value that does not pickle: its text instead
        what = message[1] if message[0] == "raised" else unsendable
        sender.send(("unsendable", "".join(traceback.format_exception_only(type(what), what)).strip()))
    finally:
        sender.close()
