"""governance/registry.yaml: the registry's publisher, contact and data licence (mccat.validation.registry_file).

What a committee member sees when the file is wrong (file, line, what and how to fix, no traceback), that the
defaults hold without the file, that keys other readers use are left alone, and that the licence and contact
written there are the ones every export and `mccat export` use."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from mccat.cli.main import main
from mccat.model.registry import CC_BY_4, REGISTRY
from mccat.validation.problems import CatalogueError
from mccat.validation.registry_file import REGISTRY_FILE, load_registry, parse_registry

REPO = Path(__file__).parents[1]
SITE = "https://registry.example.org/mc/"
GOOD = """\
publisher:
  name:
    ja: 試験レジストリ
    en: Test Registry
  url: https://registry.example.org/
  country: JP
contact:
  email: office@registry.example.org
  url: https://registry.example.org/contact
licence:
  data:
    id: CC0-1.0
    url: https://creativecommons.org/publicdomain/zero/1.0/
    name:
      ja: CC0 1.0 全世界
      en: CC0 1.0 Universal
"""


def test_the_repositorys_file_names_cc_by_and_the_committees_address():
    body = load_registry(REPO / REGISTRY_FILE)
    assert body.licence == CC_BY_4
    assert body.email == "office@registry.example.org"
    assert body.name["en"] == "Micro-credential Registry Committee"


def test_without_the_file_the_defaults_hold(tmp_path):
    assert load_registry(tmp_path / REGISTRY_FILE) is REGISTRY
    assert REGISTRY.licence.id == "CC-BY-4.0"


def test_every_field_is_read():
    body, problems = parse_registry(GOOD, "registry.yaml")
    assert problems == []
    assert body.name == {"ja": "試験レジストリ", "en": "Test Registry"}
    assert (body.url, body.email, body.contact_url, body.country) == (
        "https://registry.example.org/",
        "office@registry.example.org",
        "https://registry.example.org/contact",
        "JP",
    )
    assert (body.licence.id, body.licence.url) == ("CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/")
    assert body.licence.name["en"] == "CC0 1.0 Universal"


def test_keys_that_other_readers_use_are_left_alone():
    """The file is the committee's place for facts about the registry as a whole (other settings are read
    elsewhere): this reader neither refuses nor needs them."""
    body, problems = parse_registry(GOOD + "validation:\n  min_hours: 10\nanything: [1, 2]\n", "registry.yaml")
    assert problems == [] and body.licence.id == "CC0-1.0"


@pytest.mark.parametrize(
    ("old", "new", "line", "message", "hint"),
    [
        ("  email: office@registry.example.org", "  email: office at registry", 8, "`contact.email`", "e-mail"),
        ("  url: https://registry.example.org/contact", "  url: http://x.example/", 9, "`contact.url`", "https://"),
        ("  url: https://registry.example.org/\n", "  url: javascript:alert(1)\n", 5, "`publisher.url`", "https://"),
        ("    en: Test Registry", "    fr: Registre", 3, "`publisher.name`", "`ja:` and `en:`"),
        ("  country: JP", "  country: jp", 6, "`publisher.country`", "ISO 3166-1"),
        ("    id: CC0-1.0", "    id: CC0 1.0 <b>", 12, "`licence.data.id`", "SPDX"),
        (
            "    url: https://creativecommons.org/publicdomain/zero/1.0/\n",
            "",
            12,
            "`licence.data` needs `id` and `url`",
            "SPDX id and the URL",
        ),
        ("      en: CC0 1.0 Universal", "      en: ''", 15, "`licence.data.name`", "non-empty"),
    ],
)
def test_a_bad_value_is_reported_at_its_line_with_a_fix(old, new, line, message, hint):
    assert old in GOOD
    body, problems = parse_registry(GOOD.replace(old, new), "governance/registry.yaml")
    [problem] = problems
    assert (problem.file, problem.line, problem.rule) == ("governance/registry.yaml", line, "registry.value")
    assert message in problem.message_in("en") and hint in problem.hint_in("en")
    assert body.licence.id in ("CC0-1.0", "CC-BY-4.0")  # a usable body anyway: the caller refuses it


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a\n- b\n", "does not hold a set of fields"),
        ("publisher: [\n", ""),
        ("contact:\n  email: a@b.example\ncontact:\n  email: c@d.example\n", "contact"),
        ("publisher: &p\n  country: JP\nother: *p\n", ""),
    ],
)
def test_a_file_that_is_not_a_mapping_of_fields_is_refused_with_a_location(text, message):
    _, problems = parse_registry(text, "governance/registry.yaml")
    assert problems and all(p.file == "governance/registry.yaml" and p.line >= 1 for p in problems)
    assert message in problems[0].message_in("en")


def test_load_raises_every_problem_at_once(tmp_path):
    path = tmp_path / "registry.yaml"
    path.write_text(GOOD.replace("office@", "office at ").replace("country: JP", "country: Japan"), encoding="utf-8")
    with pytest.raises(CatalogueError) as error:
        load_registry(path)
    assert sorted(p.line for p in error.value.problems) == [6, 8]
    assert {p.file for p in error.value.problems} == {str(path)}


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "registry.yaml"
    path.write_bytes(GOOD.encode("utf-16"))
    with pytest.raises(CatalogueError) as error:
        load_registry(path)
    assert error.value.problems[0].file == str(path)


def _export(tmp_path: Path, *extra: str) -> int:
    return main(
        ["--catalogue", str(REPO / "catalogue"), "export", "--out", str(tmp_path / "site"), "--site-url", SITE]
        + ["--build-date", "2026-12-01", *extra]
    )


def test_mccat_export_publishes_the_files_licence_and_contact(tmp_path):
    registry = tmp_path / "registry.yaml"
    registry.write_text(GOOD, encoding="utf-8")
    assert _export(tmp_path, "--registry", str(registry)) == 0
    api = tmp_path / "site" / "api" / "v1"
    cc0 = "https://creativecommons.org/publicdomain/zero/1.0/"
    catalogue = json.loads((api / "catalogue.json").read_text("utf-8"))
    assert catalogue["license"]["url"] == cc0 and catalogue["publisher"]["email"] == "office@registry.example.org"
    assert json.loads((api / "index.json").read_text("utf-8"))["license"]["url"] == cc0
    assert json.loads((api / "catalogue.csv-metadata.json").read_text("utf-8"))["dc:license"] == {"@id": cc0}
    feed = ET.fromstring((api / "feed.en.atom").read_bytes())
    assert "CC0 1.0 Universal" in feed.findtext("{http://www.w3.org/2005/Atom}rights")
    graph = json.loads((api / "catalogue.jsonld").read_text("utf-8"))["@graph"]
    assert next(node for node in graph if node["@type"] == "DataCatalog")["license"] == cc0


def test_mccat_export_finds_the_file_beside_the_catalogue_from_anywhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert _export(tmp_path) == 0
    catalogue = json.loads((tmp_path / "site/api/v1/catalogue.json").read_text("utf-8"))
    assert catalogue["publisher"]["email"] == "office@registry.example.org"  # governance/registry.yaml's


def test_mccat_export_refuses_a_bad_registry_file_and_writes_nothing(tmp_path, capsys):
    registry = tmp_path / "registry.yaml"
    registry.write_text(GOOD.replace("id: CC0-1.0", "id: 'CC0 1.0'"), encoding="utf-8")
    assert _export(tmp_path, "--registry", str(registry)) == 1
    out = capsys.readouterr().out
    assert f"{registry}:12:9" in out and "SPDX" in out
    assert not (tmp_path / "site").exists()
    assert _export(tmp_path, "--registry", str(tmp_path / "missing.yaml")) == 2
    assert "missing.yaml" in capsys.readouterr().err
