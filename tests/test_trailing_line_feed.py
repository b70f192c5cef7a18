"""A line feed at the end of a value: `"example-kosen\\n"` must not pass for an id, a code or a URL.

In Python's regular expressions `$` also matches before a final line feed; in JSON Schema's (ECMA-262)
and jsonschema-rs it does not. A file jsonschema-rs refused went on to the Python validator for its
messages, found nothing there, and was accepted: an id with a line feed then reached CODEOWNERS as two
lines (`mccat owners`), a CTID crashed the build, an ESCO IRI was published broken. Each case below is a
value a provider can write in quotes ("...\\n") in a real catalogue copy.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from mccat.model.decisions import decision_number
from mccat.model.identifiers import is_valid_corporate_number
from mccat.model.schema import _python_regex, fast_validator, validator
from mccat.validation import schema_messages
from mccat.validation.validate import validate
from tests.conftest import ROOT

KOSEN = "catalogue/providers/example-kosen.yaml"
IOT = "catalogue/programs/example-kosen/iot-embedded-systems.yaml"


def _with_line_feed(path: Path, key: str) -> int:
    """Append \\n to the quoted value of `key` (the first line starting with it); the line's number."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith(f"{key}:"):
            head, value = line.rstrip("\n").split(":", 1)
            value = value.split("  #")[0].strip().strip('"')
            lines[number - 1] = f'{head}: "{value}\\n"\n'
            path.write_text("".join(lines), encoding="utf-8")
            return number
    raise AssertionError(f"no {key} in {path}")


@pytest.fixture
def catalogue(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "catalogue"
    shutil.copytree(ROOT / "catalogue", root)
    monkeypatch.chdir(tmp_path)
    return root


@pytest.mark.parametrize(
    ("file", "key"),
    [
        (KOSEN, "corporate_number"),  # crashed the validator's check digit rule with a traceback
        (KOSEN, "ctid"),
        (IOT, "ctid"),  # passed validation, then crashed the build (uuid.UUID)
        (IOT, "esco"),  # passed, and was published as a broken IRI in three exports
        (IOT, "provider"),
        (IOT, "url"),
    ],
)
def test_a_value_ending_in_a_line_feed_is_a_located_error(catalogue, file, key):
    line = _with_line_feed(catalogue.parent / file, key)
    result = validate(catalogue, workers=1)
    mine = [p for p in result.problems if p.file == file and p.is_error]
    assert [p.line for p in mine] == [line], result.problems
    for lang in ("ja", "en"):
        assert mine[0].message_in(lang) and mine[0].hint_in(lang)


def test_a_provider_id_with_a_line_feed_never_reaches_codeowners(catalogue):
    """The attack: `providers/example-kosen\\n.yaml` naming the attacker as maintainer; `mccat owners` wrote
    `/catalogue/providers/example-kosen` and `.yaml @attacker ...` as two CODEOWNERS lines."""
    original = catalogue / "providers/example-kosen.yaml"
    twin = catalogue / "providers/example-kosen\n.yaml"
    data = yaml.safe_load(original.read_text(encoding="utf-8"))
    data["maintainers"] = ["attacker"]
    twin.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = validate(catalogue, workers=1)
    refused = {p.rule for p in result.problems if p.is_error and p.file == "catalogue/providers/example-kosen\n.yaml"}
    assert "id.file-name" in refused, result.problems


@pytest.mark.parametrize(
    ("check", "value"),
    [
        (is_valid_corporate_number, "7000012050002\n"),
        (lambda v: decision_number(v) is not None, "MCR-2025-001\n"),
    ],
)
def test_identifier_checks_refuse_a_final_line_feed(check, value):
    assert check(value.rstrip("\n"))
    assert not check(value)


def test_the_python_validator_reads_every_schema_pattern_as_jsonschema_rs_does():
    for pattern, ok, refused in [
        (r"^[0-9]{13}$", "7000012050002", "7000012050002\n"),
        (r"^https://[^\s/$.?#][^\s]*$", "https://example.org/a$b", "https://example.org/a\n"),  # `$` in a class
        (r"^a\$$", "a$", "a$\n"),  # an escaped `$` is a dollar sign
    ]:
        python = validator("program").evolve(schema={"pattern": pattern})
        rust = fast_validator("program").__class__({"pattern": pattern})
        assert python.is_valid(ok) and rust.is_valid(ok)
        assert not python.is_valid(refused) and not rust.is_valid(refused)
    assert _python_regex(r"^[$]a\$$").pattern == r"^[$]a\$\Z"


def test_a_file_only_jsonschema_rs_refuses_is_still_refused(catalogue, monkeypatch):
    """Should the two validators ever disagree again, the file fails where jsonschema-rs says, in both languages."""
    line = _with_line_feed(catalogue.parent / IOT, "ctid")
    lenient = validator("program").evolve(schema={})  # a Python validator that finds nothing
    monkeypatch.setattr(schema_messages, "validator", lambda kind: lenient)
    result = validate(catalogue, workers=1)
    mine = [p for p in result.problems if p.file == IOT and p.is_error]
    assert [(p.rule, p.line) for p in mine] == [("schema.rejected", line)]
    assert "ctid" in mine[0].message_in("en") and "スキーマに合いません" in mine[0].message_in("ja")
