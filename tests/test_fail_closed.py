"""Fail closed, lose nothing: a build that fails or is killed leaves the last good site exactly as it
was, a build writes nowhere but its output folder, and the validator never changes a file.

The build writes into a staging folder beside the output folder and moves the finished site into
place at the very end (mccat.build.staging); these tests break real `mkdocs build` runs early (invalid
catalogue), late (the search index fails after every page is written) and by SIGKILL mid-way.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mccat.build.staging import PublishError, StagedSite
from mccat.validation.validate import validate
from tests.conftest import ROOT, run_mkdocs_build
from tests.hostile.corpus import CORPUS, SPECIAL
from tests.processes import session_processes

CASES = Path(__file__).parent / "cases"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below folder (hidden ones too) and the SHA-256 of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def snapshot_of(files: dict[str, str]) -> dict[str, str]:
    return {name: hashlib.sha256(text.encode()).hexdigest() for name, text in sorted(files.items())}


def repository_state() -> str:
    return subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout


# --- the staging folder on its own ----------------------------------------------------------------


def test_publish_replaces_the_old_site_and_keeps_its_hidden_entries(tmp_path):
    final = tmp_path / "site"
    (final / ".git").mkdir(parents=True)
    (final / ".git" / "HEAD").write_text("ref\n")
    (final / "old.html").write_text("old")
    staged = StagedSite.start(final)
    assert staged.staging == tmp_path / ".site.partial"
    (staged.staging / "new.html").write_text("new")
    assert (final / "old.html").exists()  # nothing changes until the end
    staged.publish()
    assert snapshot(final) == snapshot_of({"new.html": "new", ".git/HEAD": "ref\n"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def _killed_mid_build(final: Path) -> None:
    """A process starts a staged site, writes half of it and dies without cleaning up (as SIGKILL leaves it)."""
    code = (
        "import os, sys; from pathlib import Path; from mccat.build.staging import StagedSite; "
        "staged = StagedSite.start(Path(sys.argv[1])); (staged.staging / 'half.html').write_text('half'); os._exit(9)"
    )
    assert subprocess.run([sys.executable, "-c", code, str(final)]).returncode == 9
    assert (final.parent / f".{final.name}.partial" / "half.html").exists()


def test_discard_leaves_the_old_site_and_a_new_start_clears_a_killed_builds_leftovers(tmp_path):
    final = tmp_path / "site"
    final.mkdir()
    (final / "index.html").write_text("good")
    _killed_mid_build(final)  # the leftovers stay until the next build starts
    again = StagedSite.start(final)
    assert list(again.staging.iterdir()) == []
    again.discard()
    assert snapshot(final) == snapshot_of({"index.html": "good"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_second_build_into_the_same_folder_stops_before_touching_the_first(tmp_path):
    """Two builds at once (a second terminal, a rerun while the first still runs) must not delete each other's
    staging folder, or one would move the other's half-written site into place."""
    final = tmp_path / "site"
    final.mkdir()
    (final / "index.html").write_text("good")
    first = StagedSite.start(final)
    (first.staging / "page.html").write_text("being written")
    with pytest.raises(PublishError) as refused:
        StagedSite.start(final)
    assert str(refused.value).splitlines() == [
        f"別のビルドが {final} に書き込んでいる最中です。そのビルドが終わるのを待つか、別のフォルダー（--site-dir）にビルドしてください。",
        f"Another build is writing to {final} right now: wait for it to finish, or build into another folder (--site-dir).",
    ]
    assert snapshot(first.staging) == snapshot_of({"page.html": "being written"})
    first.publish()
    assert snapshot(final) == snapshot_of({"page.html": "being written"})
    StagedSite.start(final).discard()  # the lock went with the first build
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.mark.parametrize("kind", ["file", "symlink"])
def test_an_output_path_that_is_not_a_folder_is_refused_before_building(tmp_path, kind):
    final = tmp_path / "site"
    if kind == "file":
        final.write_text("not a site")
    else:
        (tmp_path / "elsewhere").mkdir()
        final.symlink_to(tmp_path / "elsewhere")
    with pytest.raises(PublishError, match="is not a folder: give the site a folder of its own"):
        StagedSite.start(final)


# --- real builds -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def good_site(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A good site, built once; each test checks that a failed build leaves it exactly as it was."""
    before = repository_state()
    out = tmp_path_factory.mktemp("out")
    status, output, _ = run_mkdocs_build(out / "site")
    assert status == 0, output
    assert sorted(p.name for p in out.iterdir()) == ["site"], "the build wrote beside its output folder"
    assert repository_state() == before, "the build changed the repository"
    return out / "site", snapshot(out / "site")


def assert_untouched(site: Path, files: dict[str, str]) -> None:
    assert snapshot(site) == files, "the last good site changed"
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"], "a staging folder was left behind"


def broken_catalogue(tmp_path: Path) -> Path:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(ROOT / "catalogue", catalogue)
    program = next((catalogue / "programs").glob("*/*.yaml"))
    program.write_text(
        program.read_text(encoding="utf-8").replace("learning_outcomes:", "learning_outcome:", 1), encoding="utf-8"
    )
    return catalogue


def test_an_invalid_catalogue_leaves_the_last_good_site(good_site, tmp_path):
    site, files = good_site
    status, output, _ = run_mkdocs_build(site, catalogue=broken_catalogue(tmp_path))
    assert status == 1 and "The catalogue is not valid" in output and "Traceback" not in output
    assert_untouched(site, files)


def test_a_build_that_fails_after_writing_every_page_leaves_the_last_good_site(good_site, monkeypatch):
    site, files = good_site
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/usr/bin/true")  # the search index fails, last of all
    status, output, _ = run_mkdocs_build(site)
    assert (
        status == 1 and "not the extended Pagefind binary" in output and "拡張版（`extended`）ではありません" in output
    )
    assert_untouched(site, files)


def _rendering(processes: dict[int, bytes], staging: Path) -> bool:
    """The other language's build runs, and so does the copy writing the /api/v1 files: a fork of the started
    build, the same command as it (so are the validator's workers, gone once the copy writes)."""
    builds = [command for command in processes.values() if b"mkdocs" in command and b"pagefind" not in command]
    other = sum(b"mkdocs.en.yml" in command for command in builds)
    return other == 1 and len(builds) - other >= 2 and (staging / "api" / "v1").exists()


def _indexing(processes: dict[int, bytes], staging: Path) -> bool:
    return any(b"pagefind" in command for command in processes.values())


@pytest.mark.parametrize("moment", [_rendering, _indexing], ids=["rendering", "indexing"])
def test_a_build_killed_alone_takes_every_process_it_started_with_it(good_site, moment):
    """SIGKILL to the started build only (the out-of-memory killer picks one process), while the other language
    renders or once Pagefind runs: the other language's build, the copy writing the /api/v1 files and Pagefind
    must not write on into a staging folder that the next build takes over. The kernel ends them at once
    (mccat.build.lifetime)."""
    site, files = good_site
    env = {k: v for k, v in os.environ.items() if not k.startswith("MCCAT_")}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    build = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    staging = site.parent / ".site.partial"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not moment(session_processes(build.pid), staging):
        time.sleep(0.01)
    started = session_processes(build.pid)
    try:
        assert build.poll() is None and moment(started, staging), "the build ended first"
        build.kill()  # the started build alone, not its process group
        build.wait()
        deadline = time.monotonic() + 1  # without the kernel's help they work on for seconds
        while session_processes(build.pid) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert list(session_processes(build.pid).values()) == [], "processes of a killed build live on"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(build.pid, signal.SIGKILL)
    assert snapshot(site) == files


def test_a_second_build_while_one_runs_stops_with_a_message_and_the_first_finishes(good_site):
    site, files = good_site
    env = {k: v for k, v in os.environ.items() if not k.startswith("MCCAT_")} | {"NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    staging = site.parent / ".site.partial"
    # An earlier test's killed build may have left its staging folder: its `ja` folder would look like the first
    # build's, and the second build would start before the first one holds the lock (then either may lose).
    shutil.rmtree(staging, ignore_errors=True)
    log = site.parent / "first-build.log"
    with log.open("wb") as first_output:
        first = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=first_output, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + 60
        while not (staging / "ja").exists() and time.monotonic() < deadline:  # made after the lock is taken
            time.sleep(0.02)
        assert first.poll() is None, "the first build ended before the second started"
        status, output, _ = run_mkdocs_build(site)
        assert first.wait(timeout=600) == 0, log.read_text(encoding="utf-8", errors="replace")[-3000:]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(first.pid, signal.SIGKILL)
    assert status != 0
    assert f"別のビルドが {site} に書き込んでいる最中です" in output
    assert f"Another build is writing to {site} right now" in output
    assert "Traceback" not in output
    log.unlink()
    assert_untouched(site, files)  # the first build's site: the same commit, the same bytes


def test_a_killed_build_leaves_the_last_good_site_and_the_next_build_cleans_up(good_site):
    site, files = good_site
    env = {k: v for k, v in os.environ.items() if not k.startswith("MCCAT_")}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    build = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )  # its own process group: the other language's build too
    staging = site.parent / ".site.partial"
    deadline = time.monotonic() + 60
    while not (staging / "ja" / "programs").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert build.poll() is None, "the build ended before it could be killed mid-way"
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    assert snapshot(site) == files
    status, output, _ = run_mkdocs_build(site)  # the next build starts from a clean staging folder
    assert status == 0, output
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]
    rebuilt = snapshot(site)
    outside_index = {name: digest for name, digest in files.items() if not name.startswith("pagefind/")}
    assert {name: rebuilt[name] for name in outside_index if name in rebuilt} == outside_index
    assert {"pagefind/ja/pagefind-entry.json", "pagefind/en/pagefind-entry.json"} <= set(rebuilt)  # Pagefind names
    # its files differently on each run


# --- the validator ----------------------------------------------------------------------------------


def test_the_validator_never_changes_a_file(tmp_path, monkeypatch):
    root = tmp_path / "catalogue"
    shutil.copytree(CASES / "base", root)
    for name, make in CORPUS + SPECIAL:
        make(root / "programs/example-univ" / f"{name}.yaml")
    before = snapshot(tmp_path)
    modes = {p: p.lstat().st_mode for p in tmp_path.rglob("*")}
    monkeypatch.chdir(tmp_path)
    result = validate(root, workers=2)
    assert result.errors
    assert snapshot(tmp_path) == before
    assert {p: p.lstat().st_mode for p in tmp_path.rglob("*")} == modes
