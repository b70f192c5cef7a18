"""A throw-away git repository holding a copy of the sample catalogue, for diff and ownership tests."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from mccat.cli.main import main
from mccat.validation.source import load_yaml

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "catalogue"


class CatalogueRepo:
    """The sample catalogue and the committee list (governance/committee.yaml) in a new repository."""

    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(CATALOGUE, root / "catalogue")
        shutil.copytree(ROOT / "governance", root / "governance")
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.email", "tests@example.org")
        self.git("config", "user.name", "tests")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str) -> str:
        result = subprocess.run(["git", *args], cwd=self.root, capture_output=True, text=True, check=True)
        return result.stdout.strip()

    def commit(self, message: str = "change") -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD")

    def path(self, relative: str) -> Path:
        return self.root / relative

    def program_path(self, program_id: str) -> Path:
        provider, slug = program_id.split("/")
        return self.root / "catalogue" / "programs" / provider / f"{slug}.yaml"

    def provider_path(self, provider_id: str) -> Path:
        return self.root / "catalogue" / "providers" / f"{provider_id}.yaml"

    def read(self, path: Path) -> dict[str, Any]:
        return load_yaml(path).data

    def write(self, path: Path, data: Any) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def change(self, path: Path, edit: Callable[[dict[str, Any]], None]) -> None:
        data = self.read(path)
        edit(data)
        self.write(path, data)

    def decision_path(self, decision_id: str) -> Path:
        return self.root / "catalogue" / "decisions" / f"{decision_id}.yaml"

    def write_decision(self, decision_id: str, *, kind: str, programs: list[str], date: str, **fields: Any) -> Path:
        """A committee decision; a withdrawal or rename records each program's title and provider name as the
        files have them now, as `mccat new decision` does."""
        data: dict[str, Any] = {"schema_version": 1, "date": date, "kind": kind, "programs": programs}
        if kind in ("approve", "renew") and "valid_until" not in fields:
            data["valid_until"] = f"{int(date[:4]) + 3}{date[4:]}"
        if kind in ("suspend", "withdraw") and "reason" not in fields:
            data["reason"] = {"ja": "委員会の決定による。", "en": "By decision of the committee."}
        data |= {"reviewers": ["example-mcr-chair"], "evidence": [{"reference": f"MIN-{date}"}]} | fields
        if kind in ("withdraw", "rename") and "records" not in fields:
            records = []
            for program in programs:
                title = self.read(self.program_path(program))["title"]
                name = self.read(self.provider_path(program.split("/")[0]))["name"]
                records.append({"program": program, "title": title, "provider_name": name})
            data["records"] = records
        path = self.decision_path(decision_id)
        self.write(path, data)
        return path

    def write_text(self, relative: str, text: str) -> Path:
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    def mccat(self, monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
        """Run the real CLI in this repository; returns (exit status, stdout, stderr)."""
        monkeypatch.chdir(self.root)
        monkeypatch.delenv("MCCAT_CATALOGUE", raising=False)
        capsys.readouterr()
        status = main(list(args))
        out, err = capsys.readouterr()
        return status, out, err


def programs_with(predicate: Callable[[dict[str, Any]], bool]) -> list[str]:
    """Ids of sample programs whose data satisfies predicate (so tests do not hard-code the sample)."""
    found = []
    for path in sorted((CATALOGUE / "programs").glob("*/*.yaml")):
        if predicate(load_yaml(path).data):
            found.append(f"{path.parent.name}/{path.stem}")
    return found
