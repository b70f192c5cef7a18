"""mccat.build.forked: a call in a forked copy of the process gives back its value or its exception, and a copy
that dies or is stopped is reported, never waited for forever."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mccat.build.forked import ForkedCall, ForkedCallError
from tests.processes import is_alive


def test_the_copy_sees_what_the_parent_made_and_returns_its_value(tmp_path):
    made_before_the_fork = {"programs": list(range(1000))}
    out = tmp_path / "written"

    def write() -> tuple[int, int]:
        out.write_text("by the copy", encoding="utf-8")
        return os.getpid(), sum(made_before_the_fork["programs"])

    pid, total = ForkedCall(write, "writer").result()
    assert pid != os.getpid()
    assert total == sum(range(1000))
    assert out.read_text(encoding="utf-8") == "by the copy"


def test_an_exception_in_the_copy_is_raised_in_the_parent():
    def fail() -> None:
        raise FileNotFoundError(2, "No such file or directory", "/site/api/v1/x.json")

    with pytest.raises(FileNotFoundError) as raised:
        ForkedCall(fail, "writer").result()
    assert raised.value.filename == "/site/api/v1/x.json"


def test_an_exception_that_cannot_be_sent_comes_back_as_its_text():
    class Local(Exception):  # a class defined in a function does not pickle
        pass

    def fail() -> None:
        raise Local("the disk is full")

    with pytest.raises(ForkedCallError, match=r"^writer: .*Local: the disk is full$"):
        ForkedCall(fail, "writer").result()


def test_a_copy_that_dies_is_reported_with_its_exit_code():
    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would

    with pytest.raises(ForkedCallError, match=r"/api/v1 files ended without a result \(exit code -9\)"):
        ForkedCall(die, "/api/v1 files").result()


def test_stop_ends_a_copy_that_is_still_running(tmp_path: Path):
    marker = tmp_path / "finished"

    def slow() -> None:
        time.sleep(30)
        marker.touch()

    call = ForkedCall(slow, "writer")
    started = time.monotonic()
    call.stop()
    assert time.monotonic() - started < 5
    assert not call._process.is_alive()
    assert not marker.exists()


PARENT = """
import sys, time
from mccat.build.forked import ForkedCall
def slow():
    time.sleep(30)
    open(sys.argv[1], "w").close()
call = ForkedCall(slow, "writer")
print(call._process.pid, flush=True)
time.sleep(60)
"""


def test_a_copy_dies_with_a_build_killed_outright(tmp_path: Path):
    """SIGKILL gives the build no chance to stop the copy, which would write on into a staging folder the next
    build has taken over: the kernel ends it (PR_SET_PDEATHSIG)."""
    marker = tmp_path / "written after the build died"
    build = subprocess.Popen([sys.executable, "-c", PARENT, str(marker)], stdout=subprocess.PIPE, text=True)
    assert build.stdout is not None
    copy = int(build.stdout.readline())
    build.kill()
    build.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and is_alive(copy):
        time.sleep(0.05)
    assert not is_alive(copy)
    assert not marker.exists()
