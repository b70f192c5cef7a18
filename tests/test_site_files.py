"""The built site as files: the size budget of the publish workflow, the manifest, what to upload and
delete, and `mccat verify-site` (a published copy against a rebuild of its commit)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from mccat.build.plan import PlanError, build_date
from mccat.cli import site_commands
from mccat.cli.main import main
from mccat.cli.site_commands import rebuild
from mccat.publish.site_files import (
    ManifestError,
    compare,
    manifest_text,
    parse_size,
    read_manifest,
    site_digests,
    site_size,
)


def make_site(root, files: dict[str, bytes]):
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)
    return root


@pytest.mark.parametrize(
    "text, size",
    [("1GB", 10**9), ("950MB", 950 * 10**6), ("1GiB", 2**30), ("123", 123), ("1.5 gb", 1_500_000_000)],
)
def test_sizes_are_read_in_decimal_and_binary_units(text, size):
    assert parse_size(text) == size


def test_a_size_that_is_not_one_says_which_forms_it_takes():
    with pytest.raises(ValueError, match=r"e\.g\. 1GB"):
        parse_size("a lot")


def test_a_site_over_the_limit_fails_with_a_message_in_both_languages(tmp_path, capsys):
    site = make_site(tmp_path / "site", {"ja/a.html": b"x" * 600, "en/a.html": b"y" * 500, ".git/big": b"z" * 9000})
    assert main(["site-size", str(site), "--limit", "1100"]) == 0
    assert "OK" in capsys.readouterr().out
    assert main(["site-size", str(site), "--limit", "1KB"]) == 1
    out = capsys.readouterr().out
    assert "サイトが大きすぎます" in out and "The site is too large" in out
    assert "0.0 MB in 2 files" in out and "docs/deployment.md" in out  # .git is not published
    assert "ja/a.html" not in out and "  ja" in out  # the heaviest folders


def test_the_limit_comes_from_the_repository_variable_when_not_given(tmp_path, monkeypatch, capsys):
    site = make_site(tmp_path / "site", {"index.html": b"x" * 2000})
    monkeypatch.setenv("MCCAT_SITE_LIMIT", "1KB")
    assert main(["site-size", str(site)]) == 1
    monkeypatch.setenv("MCCAT_SITE_LIMIT", "1 G\x1b[2J")
    assert main(["site-size", str(site)]) == 2
    error = capsys.readouterr().err
    assert "the environment variable `MCCAT_SITE_LIMIT` is not a size" in error  # which setting to change
    assert "`MCCAT_SITE_LIMIT=1GB`" in error and "\x1b" not in error
    assert main(["site-size", str(site), "--limit", "3KB"]) == 0  # --limit wins over the variable
    assert main(["site-size", str(site), "--limit", "huge"]) == 2
    error = capsys.readouterr().err
    assert "is not a size" in error and "MCCAT_SITE_LIMIT" not in error


def test_the_manifest_is_sha256sum_format_and_reads_back(tmp_path):
    site = make_site(tmp_path / "site", {"b.html": b"b", "a/c.json": b"c"})
    text = manifest_text(site_digests(site))
    assert text == f"{hashlib.sha256(b'c').hexdigest()}  a/c.json\n{hashlib.sha256(b'b').hexdigest()}  b.html\n"
    assert read_manifest(text) == site_digests(site)
    assert site_size(site).bytes == 2 and site_size(site).files == 2
    check = subprocess.run(["sha256sum", "-c", "--quiet", "-"], input=text, text=True, cwd=site, check=False)
    assert check.returncode == 0


def test_every_entry_of_a_site_counts_but_a_deploy_checkouts_git_folder(tmp_path, capsys):
    """The build writes hidden files that are served (.nojekyll, .well-known/did.json: the registry's public
    key); they are listed, sized and uploaded like any other. Only a top-level .git is not the site."""
    site = make_site(
        tmp_path / "site",
        {"index.html": b"x", ".nojekyll": b"", ".well-known/did.json": b"{}", ".git/HEAD": b"ref", "a/.git": b"g"},
    )
    assert sorted(site_digests(site)) == [".nojekyll", ".well-known/did.json", "a/.git", "index.html"]
    assert site_size(site).files == 4
    assert main(["site-manifest", str(site)]) == 0
    assert ".well-known/did.json\n" in capsys.readouterr().out


def test_an_unreadable_folder_is_named_not_skipped_and_not_a_traceback(tmp_path, capsys, monkeypatch):
    """os.walk skipped a folder it could not list (a copy could hide files from the check that way); now the
    listing fails, and the command says which folder, in one line."""
    site = make_site(tmp_path / "site", {"index.html": b"x"})

    def unreadable(folder):
        raise PermissionError(13, "Permission denied", str(folder / "locked\x1b[2J"))

    monkeypatch.setattr(site_commands, "site_digests", unreadable)
    monkeypatch.setattr(site_commands, "site_size", unreadable)
    for command in (["site-manifest", str(site)], ["site-size", str(site), "--limit", "1GB"]):
        assert main(command) == 2
        error = capsys.readouterr().err
        assert "cannot read the site folder" in error and "/locked" in error
        assert "\x1b" not in error and "Traceback" not in error and error.count("\n") == 1
    monkeypatch.undo()
    (site / "locked").mkdir()
    walked = []
    monkeypatch.setattr(os, "walk", lambda root, onerror=None: walked.append(onerror) or iter(()))
    site_digests(site)
    assert walked and walked[0] is not None, "os.walk is told what to do with an unreadable folder"


@pytest.mark.parametrize("entry", ["link", "fifo", "escape", "newline"])
def test_a_manifest_refuses_what_a_built_site_never_holds(tmp_path, capsys, entry):
    site = make_site(tmp_path / "site", {"index.html": b"x"})
    if entry == "link":
        (site / "a.html").symlink_to(site / "index.html")
    elif entry == "fifo":
        os.mkfifo(site / "a.html")
    else:
        (site / ("a\x1b[2J.html" if entry == "escape" else "a\nok.html")).write_bytes(b"x")
    assert main(["site-manifest", str(site)]) == 2
    error = capsys.readouterr().err
    assert "no manifest for this folder" in error and "\x1b" not in error and error.count("\n") == 1


@pytest.mark.parametrize("line", ["abc  x", f"{'0' * 64}  /etc/passwd", f"{'0' * 64}  a/../../x", f"{'0' * 64} x"])
def test_a_bad_manifest_line_is_refused_with_its_number(line):
    with pytest.raises(ManifestError, match=r"m:2:"):
        read_manifest(f"{'1' * 64}  ok\n{line}\n", name="m")


def test_site_changes_lists_what_to_upload_and_delete(tmp_path, capsys):
    old = make_site(tmp_path / "old", {"same": b"1", "changed": b"2", "gone": b"3"})
    new = make_site(tmp_path / "new", {"same": b"1", "changed": b"2!", "added": b"4"})
    previous = tmp_path / "previous.sha256"
    assert main(["site-manifest", str(old), "--out", str(previous)]) == 0
    upload, delete = tmp_path / "upload", tmp_path / "delete"
    args = ["site-changes", str(new), "--previous", str(previous), "--upload", str(upload), "--delete", str(delete)]
    assert main(args) == 0
    assert upload.read_text() == "added\nchanged\n" and delete.read_text() == "gone\n"
    assert "2 files to upload (1 new), 1 to delete" in capsys.readouterr().out
    previous.write_text("")  # the first upload: everything
    assert main(args) == 0 and upload.read_text() == "added\nchanged\nsame\n"


def test_compare_names_each_kind_of_difference():
    changes = compare({"a": "1", "b": "2", "c": "3"}, {"a": "1", "b": "9", "d": "4"})
    assert changes.lines() == ["changed: b", "new:     d", "gone:    c"] and not changes.same


def test_the_build_date_comes_from_the_variable_or_source_date_epoch():
    assert build_date({"MCCAT_BUILD_DATE": "2026-12-01", "SOURCE_DATE_EPOCH": "0"}) == date(2026, 12, 1)
    assert build_date({"SOURCE_DATE_EPOCH": "1764547200"}) == date(2025, 12, 1)  # 2025-12-01T00:00:00Z
    with pytest.raises(PlanError, match="whole seconds"):
        build_date({"SOURCE_DATE_EPOCH": "yesterday"})
    with pytest.raises(PlanError, match="YYYY-MM-DD"):
        build_date({"MCCAT_BUILD_DATE": "1/12/2026"})


def test_verify_site_needs_the_build_date_of_the_copy(tmp_path, capsys):
    copy = make_site(tmp_path / "published", {"index.html": b"x"})
    assert main(["verify-site", "--commit", "HEAD", "--published", str(copy)]) == 2
    assert "--build-date" in capsys.readouterr().err
    make_site(copy, {"api/v1/catalogue.json": json.dumps({"as_of": "2026-12-01"}).encode()})
    assert main(["verify-site", "--commit", "HEAD", "--published", str(copy), "--repo", str(tmp_path)]) == 2
    assert "not inside a git repository" in capsys.readouterr().err
    repo = str(Path(__file__).resolve().parents[1])
    assert main(["verify-site", "--commit=--upload-pack=x", "--published", str(copy), "--repo", repo]) == 2
    assert "is not a revision" in capsys.readouterr().err


def test_the_rebuild_gets_the_signing_key_only_when_asked(tmp_path, monkeypatch):
    """The rebuild runs the commit's own code: a commit that is not the main branch's could read the key."""
    repo = tmp_path / "repo"
    for name, content in {
        "mkdocs.yml": "site_name: x\nhooks: [hooks/spy.py]\n",
        "docs/index.md": "# x\n",
        "hooks/spy.py": "import os, pathlib\n\n\ndef on_config(config):\n"
        "    pathlib.Path(os.environ['SPY_OUT']).write_text(os.environ.get('MCCAT_SIGNING_KEY', '<none>'))\n",
        "src/mccat/__init__.py": "",
        "schemas/.keep": "",
    }.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(content, encoding="utf-8")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "spy"], check=True)
    commit = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    monkeypatch.setenv("MCCAT_SIGNING_KEY", "z-the-committee-s-secret")
    monkeypatch.setenv("SPY_OUT", str(tmp_path / "seen"))
    rebuild(repo, commit, "2026-12-01", tmp_path / "plain")
    assert (tmp_path / "seen").read_text() == "<none>"
    rebuild(repo, commit, "2026-12-01", tmp_path / "signed", signing=True)
    assert (tmp_path / "seen").read_text() == "z-the-committee-s-secret"


@pytest.mark.build
def test_verify_site_finds_a_published_copy_that_differs_from_its_commit(tmp_path, capsys, monkeypatch):
    """This repository's HEAD rebuilt in a clone (with its git history) is the same site as another rebuild
    in another folder; a tampered, an added and a removed file are each named, and so are what a forger would
    hide: a hidden file (the DID document holds the registry's public key), a symbolic link, a FIFO (never
    opened: it would hang the check). A copy built days ago is not what the registry publishes now."""
    repo = Path(__file__).resolve().parents[1]
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True).stdout.strip()
    today = date.today()
    published = rebuild(repo, commit, today.isoformat(), tmp_path / "first")
    verify = ["verify-site", "--commit", commit, "--published", str(published), "--repo", str(repo)]
    assert main(verify) == 0, capsys.readouterr().out
    assert "every file is the same" in capsys.readouterr().out

    class Later(date):
        @classmethod
        def today(cls):
            return today + timedelta(days=3)

    monkeypatch.setattr(site_commands, "date", Later)
    assert main(verify) == 1
    assert "3 days ago: the site is rebuilt every day" in capsys.readouterr().out
    assert main([*verify, "--build-date", today.isoformat()]) == 0  # that day's build, asked for on purpose
    monkeypatch.undo()
    (published / "ja" / "index.html").write_text("tampered", encoding="utf-8")
    (published / "extra.html").write_text("x", encoding="utf-8")
    (published / "robots.txt").unlink()
    (published / ".htaccess").write_text("RewriteRule ^ https://evil.example/ [R=302,L]\n", encoding="utf-8")
    (published / "ja" / "login.html").symlink_to(published / "ja" / "index.html")
    (published / "en" / "account").symlink_to(published / "ja")
    os.mkfifo(published / "en" / "feed.xml")
    assert main(verify) == 1
    out = capsys.readouterr().out
    assert "differs:        ja/index.html" in out
    assert "only published: extra.html" in out and "missing:        robots.txt" in out
    for hidden in (".htaccess", "ja/login.html", "en/account", "en/feed.xml"):
        assert f"only published: {hidden}" in out
