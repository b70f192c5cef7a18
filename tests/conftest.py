"""Shared fixtures.

`built_site` (session): the sample catalogue's site, built ONCE per test run by
the real command (`mkdocs build --strict` at the repository root, both
languages and whatever else the build produces: search index, /api/v1/ files)
into a temporary folder. Under pytest-xdist the workers share that one build
(a file lock makes the first worker build and the others wait). Use it from
any test that needs built pages:

    def test_something(built_site):
        tree = built_site.tree("ja", "programs/example-kosen/plc-factory-automation/")
        assert built_site.path("en", "search/").is_dir()

It carries the folder (`root`, with `ja/`, `en/`, `index.html`, ...), what the
build printed (`output`), its wall time (`seconds`), the build date statuses
were computed for (`build_date`) and the catalogue it was built from
(`catalogue`).

`site_server` (session): an HTTP server over `built_site.root`; its value is
the base URL ("http://127.0.0.1:PORT/"), for browser tests.

`browser` (session): headless Debian chromium driven by Playwright; skips the
test when chromium is missing (fails instead when CI is set).

Messages follow the locale (mccat.validation.messages.language_from_environment):
the tests run in the C locale, so a command without --lang speaks English
whatever the machine's locale is (a test of the default sets its own).
"""

from __future__ import annotations

import fcntl
import functools
import http.server
import json
import os
import shutil
import socketserver
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"

for _name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"


# --- markers: `pytest -m "not build and not browser"` is the fast loop -------------------------------

BUILD_FIXTURES = {"built_site", "xss_site", "good_site", "hostile_site"}  # fixtures that run `mkdocs build`
_current_marks: set[str] = set()  # the markers of the test being set up (pytest_runtest_setup)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use a browser are `browser` and `build` tests; tests that use a built site are `build` tests."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)
        if "browser" in fixtures or fixtures & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)


def pytest_runtest_setup(item: pytest.Item) -> None:
    _current_marks.clear()
    _current_marks.update(mark.name for mark in item.iter_markers())


def run_mkdocs_build(
    site_dir: Path,
    *,
    catalogue: Path | None = None,
    build_date: date | None = None,
    strict: bool = True,
    config: str = "mkdocs.yml",
    extra_env: dict[str, str] | None = None,
    locale: str | None = None,
) -> tuple[int, str, float]:
    """`mkdocs build` at the repository root into site_dir: (exit status, output, wall seconds).

    Only `build` tests may build: a test that builds without the marker fails, so the fast loop stays fast.
    """
    if "build" not in _current_marks:
        raise RuntimeError(
            "this test runs `mkdocs build`: mark it @pytest.mark.build (or use a BUILD_FIXTURES fixture)"
        )
    env = {k: v for k, v in os.environ.items() if not k.startswith("MCCAT_")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if catalogue is not None:
        env["MCCAT_CATALOGUE"] = str(catalogue)
    if build_date is not None:
        env["MCCAT_BUILD_DATE"] = build_date.isoformat()
    env |= extra_env or {}
    if locale is not None:  # the language of the build's messages (mccat.validation.messages)
        env["LANG"] = locale
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", config, "--site-dir", str(site_dir)]
    if strict:
        command.append("--strict")
    start = time.monotonic()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    return result.returncode, result.stdout + result.stderr, time.monotonic() - start


@dataclass
class BuiltSite:
    root: Path
    output: str
    seconds: float
    build_date: date

    @functools.cached_property
    def catalogue(self):
        from mccat.validation.load import load_catalogue

        return load_catalogue(ROOT / "catalogue", today=self.build_date)

    def path(self, lang: str, url: str = "") -> Path:
        """The file behind a page URL inside a language ("programs/p/s/" -> .../ja/programs/p/s/index.html)."""
        target = self.root / lang / url
        return target / "index.html" if url == "" or url.endswith("/") else target

    def html(self, lang: str, url: str = "") -> str:
        return self.path(lang, url).read_text(encoding="utf-8")

    def tree(self, lang: str, url: str = ""):
        import lxml.html

        return lxml.html.fromstring(self.html(lang, url))


@pytest.fixture(scope="session")
def built_site(request, tmp_path_factory) -> BuiltSite:
    in_worker = hasattr(request.config, "workerinput")  # pytest-xdist: workers share the parent temp folder
    shared = tmp_path_factory.getbasetemp().parent if in_worker else tmp_path_factory.getbasetemp()
    site_dir, record = shared / "built-site", shared / "built-site.json"
    with open(shared / "built-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.exists():
            build_date = date.today()
            if site_dir.exists():
                shutil.rmtree(site_dir)
            status, output, seconds = run_mkdocs_build(site_dir, build_date=build_date)
            if status != 0:
                pytest.fail(f"mkdocs build failed ({status}):\n{output}")
            record.write_text(
                json.dumps({"output": output, "seconds": seconds, "build_date": build_date.isoformat()}),
                encoding="utf-8",
            )
    data = json.loads(record.read_text(encoding="utf-8"))
    return BuiltSite(site_dir, data["output"], data["seconds"], date.fromisoformat(data["build_date"]))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def serve(directory: Path) -> Iterator[str]:
    """A built site over HTTP on a free local port, for a fixture to yield from: its URL, ending in "/"."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site_server(built_site) -> Iterator[str]:
    yield from serve(built_site.root)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is not installed (scripts/test.sh installs it)"
        if os.environ.get("CI"):  # on CI the browser tests are part of the check: missing is a failure
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A desktop-sized page of its own; a script error on it fails the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors
