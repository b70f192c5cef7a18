"""The two README commands say what they do and how long it takes, without the installers' noise, and the
build does not print Material's end-of-life notice."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# A stand-in for python3: `-m venv .venv` makes a .venv whose python plays pip, noisy as pip is here.
FAKE_PYTHON = """#!/usr/bin/env bash
if [ "$1 $2" = "-m venv" ]; then
    mkdir -p "$3/bin"
    cp "$0" "$3/bin/python"
    exit 0
fi
echo "WARNING: Location 'file:///opt/pypi-more/simple/pluggy/' is ignored: it is neither a file nor a directory." >&2
echo "  BuildBackendWarning: Editable installation." >&2
if [ -n "${FAIL_INSTALL:-}" ] && [ "$*" != "-m pip install --quiet --upgrade pip" ]; then
    echo "ERROR: Could not find a version that satisfies the requirement mkdocs" >&2
    exit 1
fi
exit 0
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts/setup.sh", tmp_path / "scripts/setup.sh")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    fake = tmp_path / "fake-python"
    fake.write_text(FAKE_PYTHON)
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    return tmp_path


def setup(project: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "scripts/setup.sh"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHON": str(project / "fake-python"), **env},
        timeout=120,
    )


def test_setup_says_what_it_does_and_how_long_without_the_installers_noise(project):
    result = setup(project)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == "setup: creating the virtual environment .venv (a few seconds)"
    assert "setup: updating pip (about 5 seconds)" in lines
    assert (
        "setup: installing mccat with MkDocs, Material and Pagefind into .venv "
        "(about 30-60 seconds the first time; later runs skip this)"
    ) in lines
    assert sum(line.startswith("setup:   done in ") for line in lines) == 3
    assert "Location" not in result.stderr and "BuildBackendWarning" not in result.stderr
    again = setup(project)
    assert again.returncode == 0 and again.stderr == ""  # nothing left to do: nothing said


def test_a_failed_step_shows_what_the_installer_said(project):
    result = setup(project, FAIL_INSTALL="1")
    assert result.returncode == 1
    assert "setup: failed: installing mccat with MkDocs, Material and Pagefind into .venv" in result.stderr
    assert "ERROR: Could not find a version that satisfies the requirement mkdocs" in result.stderr


@pytest.mark.build
def test_the_build_command_says_what_it_does_and_prints_no_end_of_life_notice(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    result = subprocess.run(
        ["bash", "scripts/build-site.sh", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    output = result.stdout + result.stderr
    assert "build: building the site in Japanese and English into site/" in output
    assert "end of life" not in output and "Zensical" not in output and "NO_MKDOCS_2_WARNING" not in output
    assert (tmp_path / "site/ja/index.html").is_file()
