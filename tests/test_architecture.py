"""The layout keeps its promises (docs/architecture.md): the core never imports MkDocs, no import hides
inside a function, and an installed package (not the repository) validates a catalogue on its own."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "src" / "mccat"

# Imports inside functions that are there for speed, not to break a cycle: each with its reason.
LAZY_IMPORTS = {
    ("mccat/model/schema.py", "jsonschema"): "only files that fail the fast validator need the Python one",
    ("mccat/model/schema.py", "jsonschema.exceptions"): "the same (the pattern keyword's errors)",
    ("mccat/model/schema.py", "referencing"): "the same",
    ("mccat/model/schema.py", "referencing.jsonschema"): "the same",
    ("mccat/build/search_index.py", "pagefind.service"): "a missing Pagefind gets a clear error, not a traceback",
    ("mccat/cli/main.py", "mccat.cli.catalogue_commands"): "`mccat validate` (every push) loads no export or site",
    ("mccat/cli/main.py", "mccat.cli.review_commands"): "the same",
    ("mccat/cli/main.py", "mccat.cli.signing_commands"): "the same",
    ("mccat/cli/main.py", "mccat.cli.site_commands"): "the same",
    (
        "mccat/cli/validate_command.py",
        "mccat.review.checks",
    ): "`mccat validate` loads the review modules only for --rev",
    ("mccat/cli/validate_command.py", "mccat.review.diff"): "the same",
    ("mccat/cli/validate_command.py", "mccat.review.git_revisions"): "the same",
}


def core_modules() -> list[str]:
    names = []
    for path in sorted(CORE.rglob("*.py")):
        parts = path.relative_to(CORE.parent).with_suffix("").parts
        if parts[-1] == "__main__":
            continue
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_every_core_module_imports_without_mkdocs():
    """Each module in a fresh interpreter: none of them loads mkdocs or Material, directly or not."""
    modules = core_modules()
    assert len(modules) > 40
    script = (
        "import importlib, json, sys\n"
        "leaked = {}\n"
        "for name in json.loads(sys.argv[1]):\n"
        "    importlib.import_module(name)\n"
        "    found = sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material'))\n"
        "    if found: leaked[name] = found[:3]; break\n"
        "print(json.dumps(leaked))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, json.dumps(modules)], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert json.loads(result.stdout) == {}


def test_the_check_sees_an_import_of_mkdocs(tmp_path):
    """The check above can fail: a module that imports mkdocs is caught."""
    (tmp_path / "leaky.py").write_text("import mkdocs.structure.files\n", encoding="utf-8")
    script = "import sys, leaky; print(any(m.startswith('mkdocs') for m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(tmp_path)}
    )
    assert result.stdout.strip() == "True"


def function_level_imports(source: str) -> list[str]:
    """Modules imported inside a function or method (not at module level, not under `if TYPE_CHECKING`)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import):
                    found += [alias.name for alias in inner.names]
                elif isinstance(inner, ast.ImportFrom):
                    found.append("." * inner.level + (inner.module or ""))
    return found


def test_no_import_hides_inside_a_function():
    """Dependencies are declared at the top of each module, so the layers contract (lint-imports) sees them all."""
    hidden = {
        (path.relative_to(CORE.parent).as_posix(), name)
        for path in CORE.rglob("*.py")
        for name in function_level_imports(path.read_text(encoding="utf-8"))
    }
    assert hidden - set(LAZY_IMPORTS) == set()
    assert function_level_imports("def f():\n    from mccat.site import pages\n") == ["mccat.site"]


def test_validate_loads_only_the_validator():
    """`mccat validate` runs on every push: it loads no module of the exports, the site or signing (a second
    of a 10,000-file check on a busy runner), nor of the review (git, the semantic diff) without --rev, while
    `mccat --help` still lists every command."""
    probe = (
        "import sys; from mccat.cli.main import main; status = main(sys.argv[1:]); "
        "print(status, sorted(m for m in sys.modules if m.startswith(('mccat.publish', 'mccat.site', "
        "'mccat.build', 'mccat.review', 'mccat.cli.catalogue_commands', 'mccat.cli.site_commands', 'pyld'))))"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe, "--catalogue", str(ROOT / "catalogue"), "validate", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.splitlines()[-1] == "0 []"
    usage = subprocess.run([sys.executable, "-m", "mccat", "--help"], capture_output=True, text=True, check=True).stdout
    assert all(command in usage for command in ("validate", "new", "synth", "export", "diff", "verify", "site-size"))
    unknown = subprocess.run([sys.executable, "-m", "mccat", "validate", "--bogus"], capture_output=True, text=True)
    assert unknown.returncode == 2 and "unrecognized arguments: --bogus" in unknown.stderr
    assert "site-size" in unknown.stderr  # worded by the full parser, as before


@pytest.mark.build
def test_an_installed_package_validates_a_catalogue_from_another_folder(tmp_path):
    """`pip install .` (not editable) ships the schemas: the installed mccat validates and exports anywhere."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    target = tmp_path / "installed"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            *wheels.glob("*.whl"),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}  # before the editable install of this checkout
    where = subprocess.run(
        [sys.executable, "-c", "import mccat.model.schema as s; print(s.__file__); print(s.SCHEMA_DIR)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(Path(p).is_relative_to(target) for p in where), where
    validate = subprocess.run(
        [sys.executable, "-m", "mccat", "--catalogue", str(ROOT / "catalogue"), "validate"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert validate.returncode == 0, validate.stdout + validate.stderr
    export = subprocess.run(
        [sys.executable, "-m", "mccat", "--catalogue", str(ROOT / "catalogue"), "export", "--out", "out"]
        + ["--site-url", "https://registry.example.org/"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert export.returncode == 0, export.stdout + export.stderr
    assert (elsewhere / "out/api/v1/schemas/program.schema.json").is_file()
