"""The /api/v1/ files: complete, byte-identical from run to run, written atomically; JSON valid
against our schemas; a CSV that survives Excel and the csv module; Atom feeds that parse."""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from mccat import LANGUAGES
from mccat.authoring.synth import write_synthetic_catalogue
from mccat.model.catalogue import Catalogue
from mccat.model.schema import SCHEMA_DIR
from mccat.publish.canonical_json import json_bytes, standard_json_bytes
from mccat.publish.exports import (
    CSV_COLUMNS,
    FEED_LIMIT,
    ProgramChange,
    api_files,
    atom_feed,
    changes_from_history,
    csv_rows,
    sort_changes,
    spreadsheet_safe,
    write_api_files,
)
from mccat.publish.urls import Urls
from mccat.validation.load import load_catalogue

REPO = Path(__file__).parents[1]
SITE = "https://registry.example.org"
URLS = Urls(SITE)
BUILD = date(2026, 1, 15)
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(REPO / "catalogue")


@pytest.fixture(scope="module")
def api(tmp_path_factory, catalogue) -> Path:
    out = tmp_path_factory.mktemp("site")
    write_api_files(catalogue, out, urls=URLS, build_date=BUILD)
    return out / "api" / "v1"


def tree(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def with_program(catalogue: Catalogue, program_id: str, **changes) -> Catalogue:
    """A copy of the catalogue with some top-level fields of one program replaced."""
    program = catalogue.programs[program_id]
    data = copy.deepcopy(program.data) | changes
    return Catalogue(
        catalogue.root, catalogue.providers, catalogue.programs | {program_id: replace(program, data=data)}
    )


# --- files, determinism, atomic writes -------------------------------------------------------------


def test_every_file_is_written(api, catalogue):
    files = tree(api)
    for program in catalogue.programs.values():
        for suffix in (".jsonld", ".json", ".achievement.ja.json", ".achievement.en.json"):
            assert f"programs/{program.id}{suffix}" in files
    for provider in catalogue.providers:
        assert f"providers/{provider}.jsonld" in files
    for name in (
        "catalogue.jsonld",
        "catalogue.json",
        "catalogue.csv",
        "changes.json",
        "feed.ja.atom",
        "feed.en.atom",
        "vocabularies.jsonld",
    ):
        assert name in files
    for schema in SCHEMA_DIR.glob("*.json"):
        assert files[f"schemas/{schema.name}"] == schema.read_bytes()
    assert len(files) == 4 * len(catalogue.programs) + len(catalogue.providers) + 7 + len(
        list(SCHEMA_DIR.glob("*.json"))
    )
    assert not [name for name in files if name.endswith(".tmp") or "/." in f"/{name}"]


def test_fast_json_writes_the_bytes_the_standard_library_writes(api):
    """json_bytes uses orjson for speed; every JSON file must still be what json.dumps would write."""
    checked = 0
    for name, content in tree(api).items():
        if name.endswith((".json", ".jsonld")) and not name.startswith("schemas/"):
            data = json.loads(content)
            compact = b"\n  " not in content
            assert content == standard_json_bytes(data, compact=compact) == json_bytes(data, compact=compact), name
            checked += 1
    assert checked > 100
    big = {"n": 2**70, "b": [1.5, None, True, "\u2028</script>"]}
    assert json_bytes(big) == standard_json_bytes(big)  # what orjson refuses falls back


def test_writing_twice_gives_the_same_bytes_and_leaves_unchanged_files_alone(tmp_path, catalogue):
    first = write_api_files(catalogue, tmp_path / "a", urls=URLS, build_date=BUILD)
    write_api_files(catalogue, tmp_path / "b", urls=URLS, build_date=BUILD)
    assert tree(tmp_path / "a" / "api" / "v1") == tree(tmp_path / "b" / "api" / "v1")
    stamps = {path: path.stat().st_mtime_ns for path in first}
    assert write_api_files(catalogue, tmp_path / "a", urls=URLS, build_date=BUILD) == first
    assert {path: path.stat().st_mtime_ns for path in first} == stamps


_DIGEST = """
import hashlib, sys
from datetime import date
from pathlib import Path
from mccat.validation.load import load_catalogue
from mccat.publish.exports import api_files
from mccat.publish.urls import Urls
files = api_files(load_catalogue(Path(sys.argv[1])), urls=Urls("https://registry.example.org"), build_date=date(2026, 1, 15))
print(hashlib.sha256(b"".join(k.encode() + b"\\0" + v for k, v in sorted(files.items()))).hexdigest())
"""


def test_output_does_not_depend_on_the_process(tmp_path):
    """Same input in two processes with different hash seeds (set and dict order): same bytes."""
    write_synthetic_catalogue(tmp_path / "synth", programs=120, providers=7, seed=3)
    digests = set()
    for seed in ("1", "2"):
        run = subprocess.run(
            [sys.executable, "-c", _DIGEST, str(tmp_path / "synth")],
            capture_output=True,
            text=True,
            env=os.environ | {"PYTHONHASHSEED": seed},
            check=True,
        )
        digests.add(run.stdout.strip())
    assert len(digests) == 1


def test_files_of_removed_programs_disappear(tmp_path, catalogue):
    out = tmp_path / "site"
    write_api_files(catalogue, out, urls=URLS, build_date=BUILD)
    stray = out / "api" / "v1" / "programs" / "gone-provider" / "old.json"
    stray.parent.mkdir()
    stray.write_text("{}")
    programs = {pid: p for pid, p in catalogue.programs.items() if not pid.startswith("example-uas-nl/")}
    smaller = Catalogue(catalogue.root, catalogue.providers, programs)
    written = write_api_files(smaller, out, urls=URLS, build_date=BUILD)
    files = tree(out / "api" / "v1")
    assert set(files) == {path.relative_to(out / "api" / "v1").as_posix() for path in written}
    assert not (out / "api" / "v1" / "programs" / "example-uas-nl").exists()
    assert not stray.parent.exists()


def test_a_bad_site_url_is_refused_before_anything_is_written(tmp_path, catalogue):
    with pytest.raises(ValueError, match="site_url"):
        write_api_files(catalogue, tmp_path, urls=Urls("registry.example.org"), build_date=BUILD)
    assert not any(tmp_path.iterdir())


def test_every_link_and_id_under_api_resolves_to_a_written_file_that_describes_it(api):
    files = tree(api)
    described: dict[str, set[str]] = {}
    for name, content in files.items():
        if name.endswith((".jsonld", ".json")) and not name.startswith("schemas/"):
            ids = set()
            for node in _nodes(json.loads(content)):
                ids.add(node.get("@id") or node.get("id"))
            described[name] = ids
    checked = 0
    for name, content in files.items():
        if name.startswith("schemas/") or name.endswith(".csv"):
            continue
        for link in _api_links(content.decode("utf-8")):
            document, _, fragment = link.partition("#")
            relative = document.removeprefix(f"{SITE}/api/v1/")
            assert relative in files, f"{name} links to {link}, which is not written"
            if fragment and relative.endswith(".jsonld"):
                assert link in described[relative], f"{name}: {link} is not described in {relative}"
            checked += 1
    assert checked > 1000


def _nodes(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)


def _api_links(text: str) -> set[str]:
    return set(re.findall(re.escape(SITE) + r"/api/v1/[^\"'<>\s]+", text))


# --- plain JSON --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema_registry() -> Registry:
    return Registry().with_resources(
        (path.name, Resource.from_contents(json.loads(path.read_text("utf-8")), default_specification=DRAFT202012))
        for path in SCHEMA_DIR.glob("*.json")
    )


def _validator(registry: Registry, ref: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": ref}, registry=registry)


def test_catalogue_json_and_program_records_follow_their_schema(api, catalogue, schema_registry):
    dump = json.loads((api / "catalogue.json").read_text("utf-8"))
    errors = [e.message for e in _validator(schema_registry, "catalogue-export.schema.json").iter_errors(dump)]
    assert not errors
    assert dump["$schema"] == f"{SITE}/api/v1/schemas/catalogue-export.schema.json"
    assert [p["id"] for p in dump["programs"]] == list(catalogue.programs)
    record_schema = _validator(schema_registry, "catalogue-export.schema.json#/$defs/program_record")
    for record in dump["programs"]:
        alone = json.loads((api / f"programs/{record['id']}.json").read_text("utf-8"))
        assert alone == record
        assert not list(record_schema.iter_errors(alone))
        assert record["program"] == catalogue.programs[record["id"]].data
    broken = copy.deepcopy(dump)
    broken["programs"][0]["status"] = "approved"
    assert list(_validator(schema_registry, "catalogue-export.schema.json").iter_errors(broken))


def test_status_is_as_of_the_build_date(catalogue):
    statuses = lambda day: {
        r["id"]: r["status"]
        for r in json.loads(api_files(catalogue, urls=URLS, build_date=day)["catalogue.json"])["programs"]
    }
    now = statuses(BUILD)
    assert sorted(set(now.values())) == ["active", "suspended", "withdrawn"]
    later = statuses(date(2100, 1, 1))
    assert {later[pid] for pid, status in now.items() if status == "active"} == {"expired"}


def test_changes_json_follows_its_schema(api, catalogue, schema_registry):
    changes = json.loads((api / "changes.json").read_text("utf-8"))
    assert not list(_validator(schema_registry, "changes.schema.json").iter_errors(changes))
    assert changes["source"] == "approvals"
    assert sorted(c["program"] for c in changes["changes"]) == sorted(catalogue.programs)
    dates = [c["date"] for c in changes["changes"]]
    assert dates == sorted(dates, reverse=True)


# --- CSV ---------------------------------------------------------------------------------------------


def _read_csv(raw: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_is_utf8_with_bom_and_crlf_and_round_trips(api, catalogue):
    raw = (api / "catalogue.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\r\n")
    rows = csv_rows(catalogue, urls=URLS, as_of=BUILD)
    assert not any("\n" in cell for row in rows for cell in row)  # so every line break is a record end
    assert raw.count(b"\n") == raw.count(b"\r\n") == len(rows)
    parsed = _read_csv(raw)
    assert parsed == [[spreadsheet_safe(cell) for cell in row] for row in rows]
    header = parsed[0]
    assert header == [name for name, _ in CSV_COLUMNS] and len(set(header)) == len(header)
    assert {len(row) for row in parsed} == {len(header)}
    by_id = {row[0]: dict(zip(header, row)) for row in parsed[1:]}
    assert set(by_id) == set(catalogue.programs)
    python = by_id["example-national-univ/ds-python-basics"]
    assert python["title_ja"] == "Pythonによるデータ分析入門"
    assert python["delivery_mode_ja"] == "オンライン" and python["fields"] == "061; 054"
    assert python["page_en"] == f"{SITE}/en/programs/example-national-univ/ds-python-basics/"


def test_csv_cells_that_look_like_formulas_stay_text_and_awkward_text_survives(catalogue):
    hostile = {"ja": '=HYPERLINK("http://evil.example/","見て")', "en": '+1, "quoted",\nsecond line'}
    changed = with_program(
        catalogue, "example-national-univ/ds-python-basics", title=hostile, summary={"ja": "@SUM(A1)", "en": "-2+3"}
    )
    changed = with_program(changed, "example-kosen/iot-embedded-systems", summary={"ja": "\t=1", "en": "a=b"})
    raw = api_files(changed, urls=URLS, build_date=BUILD)["catalogue.csv"]
    parsed = _read_csv(raw)
    by_id = {row[0]: dict(zip(parsed[0], row)) for row in parsed[1:]}
    python = by_id["example-national-univ/ds-python-basics"]
    assert python["title_ja"] == "'" + hostile["ja"]
    assert python["title_en"] == "'" + hostile["en"]
    assert (python["summary_ja"], python["summary_en"]) == ("'@SUM(A1)", "'-2+3")
    iot = by_id["example-kosen/iot-embedded-systems"]
    assert (iot["summary_ja"], iot["summary_en"]) == ("'\t=1", "a=b")
    assert not [cell for row in parsed for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


# --- Atom ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_a_feed_that_parses(api, catalogue, lang):
    feed = ET.fromstring((api / f"feed.{lang}.atom").read_bytes())
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    assert feed.findtext(f"{ATOM}id") == f"{SITE}/api/v1/feed.{lang}.atom"
    assert feed.findtext(f"{ATOM}author/{ATOM}name")
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(catalogue.programs)
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True) and feed.findtext(f"{ATOM}updated") == updated[0]
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)
    titles = {program.title[lang] for program in catalogue.programs.values()}
    for entry in entries:
        assert entry.findtext(f"{ATOM}title").split("：" if lang == "ja" else ": ", 1)[1] in titles
        pages = [link.get("href") for link in entry.findall(f"{ATOM}link") if link.get("type") == "text/html"]
        assert pages and pages[0].startswith(f"{SITE}/{lang}/programs/")


def test_feed_entries_come_from_change_records(catalogue):
    records = [
        {
            "program": "example-national-univ/ds-python-basics",
            "date": "2026-02-01",
            "kind": "changed",
            "commit": "0123456789abcdef0123",
            "summary": "Hours <30> & fee \x01 updated",
            "url": "https://git.example.org/registry/pull/12",
        },
        ProgramChange("example-kosen/iot-embedded-systems", "2026-03-01", "withdrawn"),
        {"program": "example-national-univ/ds-python-basics", "date": "2025-03-14", "kind": "added"},
    ]
    ordered = sort_changes(records)
    assert [c.date for c in ordered] == ["2026-03-01", "2026-02-01", "2025-03-14"]
    feed = ET.fromstring(atom_feed(catalogue, ordered, urls=URLS, lang="en", build_date=BUILD, limit=2))
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2 and feed.findtext(f"{ATOM}updated") == "2026-03-01T00:00:00Z"
    assert (
        entries[0].findtext(f"{ATOM}title")
        == "Withdrawn: " + catalogue.programs["example-kosen/iot-embedded-systems"].title["en"]
    )
    assert entries[1].findtext(f"{ATOM}summary") == "Hours <30> & fee  updated"
    assert "https://git.example.org/registry/pull/12" in [l.get("href") for l in entries[1].findall(f"{ATOM}link")]
    files = api_files(catalogue, urls=URLS, build_date=BUILD, changes=records)
    assert json.loads(files["changes.json"])["source"] == "history"
    ja = ET.fromstring(files["feed.ja.atom"])
    assert ja.find(f"{ATOM}entry").findtext(f"{ATOM}title").startswith("取り下げ：")


@pytest.mark.parametrize(
    "record, message",
    [
        ({"program": "a/b", "date": "2026-01-01", "kind": "renamed"}, "kind must be one of"),
        ({"program": "a/b", "date": "1 Jan 2026", "kind": "added"}, "date must be YYYY-MM-DD"),
        ({"program": "b", "date": "2026-01-01", "kind": "added"}, "program must be a program id"),
        ({"program": "a/b", "date": "2026-01-01", "kind": "added", "summary": {"en": "x"}}, "summary must be a string"),
    ],
)
def test_a_bad_change_record_is_refused_with_a_reason(record, message):
    with pytest.raises(ValueError, match=message):
        sort_changes([record])


def test_git_history_becomes_change_records(catalogue):
    def commit(sha, day, subject):
        return SimpleNamespace(
            commit=sha, date=day, subject=subject, pull_request_url=None, commit_url=f"https://git.example.org/c/{sha}"
        )

    withdrawn = next(p.id for p in catalogue.programs.values() if p.data["approval"]["status"] == "withdrawn")
    log = {
        "programs/example-national-univ/ds-python-basics.yaml": (
            commit("c3", "2026-01-02", "Fix typo"),
            commit("c1", "2025-03-14", "Add Python basics"),
        ),
        f"programs/{withdrawn}.yaml": (commit("w2", "2025-12-01", "Withdraw"), commit("w1", "2024-04-01", "Add")),
    }
    history = SimpleNamespace(available=True, of=lambda path: log.get(path, ()))
    changes = {(c.program, c.commit): c for c in changes_from_history(catalogue, history)}
    assert changes["example-national-univ/ds-python-basics", "c1"].kind == "added"
    assert changes["example-national-univ/ds-python-basics", "c3"].kind == "changed"
    assert changes[withdrawn, "w2"].kind == "withdrawn" and changes[withdrawn, "w1"].kind == "added"
    untouched = changes["example-kosen/iot-embedded-systems", None]
    assert (untouched.kind, untouched.date) == (
        "added",
        catalogue.programs[untouched.program].data["approval"]["approved_on"],
    )
    assert changes_from_history(catalogue, SimpleNamespace(available=False)) is None
    assert FEED_LIMIT >= 100


# --- the aggregators' page -------------------------------------------------------------------------------


def _documented_as(name: str) -> str:
    """How the page names a file: ids become {provider} and {provider}/{slug}."""
    parts = name.split("/")
    if parts[0] == "programs":
        suffix = parts[2][parts[2].index(".") :]
        return f"/api/v1/programs/{{provider}}/{{slug}}{suffix}"
    if parts[0] == "providers":
        return "/api/v1/providers/{provider}.jsonld"
    if parts[0] == "schemas":
        return "/api/v1/schemas/{name}.schema.json"
    return f"/api/v1/{name}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_aggregators_page_documents_every_file_schema_and_csv_column(catalogue, lang):
    page = (REPO / "docs" / lang / "api.md").read_text("utf-8")
    for name in api_files(catalogue, urls=URLS, build_date=BUILD):
        assert f"`{_documented_as(name)}`" in page, name
        if name.startswith("schemas/"):
            assert f"`{name.removeprefix('schemas/').removesuffix('.schema.json')}`" in page, name
    for column, _ in CSV_COLUMNS:
        assert f"`{column}`" in page, column


# --- the command line ------------------------------------------------------------------------------------


def test_mccat_export_writes_the_files_and_reports_bad_input(tmp_path, capsys):
    from mccat.cli.main import main

    out = tmp_path / "site"
    assert (
        main(
            [
                "--catalogue",
                str(REPO / "catalogue"),
                "export",
                "--out",
                str(out),
                "--site-url",
                SITE,
                "--build-date",
                "2026-01-15",
            ]
        )
        == 0
    )
    assert (out / "api" / "v1" / "catalogue.csv").is_file()
    assert (
        main(
            ["--catalogue", str(REPO / "catalogue"), "export", "--out", str(out), "--site-url", "registry.example.org"]
        )
        == 2
    )
    assert "absolute http(s) URL" in capsys.readouterr().err
    broken = tmp_path / "catalogue"
    (broken / "providers").mkdir(parents=True)
    (broken / "providers" / "bad.yaml").write_text("schema_version: 1\nname: [\n", encoding="utf-8")
    assert main(["--catalogue", str(broken), "export", "--out", str(tmp_path / "x"), "--site-url", SITE]) == 1
    assert "bad.yaml" in capsys.readouterr().out
    assert not (tmp_path / "x").exists()


def test_the_sites_git_history_becomes_the_change_feed(tmp_path):
    from mccat.model.history import read_history
    from tests.git_catalogue import CatalogueRepo

    repo = CatalogueRepo(tmp_path)
    first = repo.commit("Initial registry")
    python, iot = "example-national-univ/ds-python-basics", "example-kosen/iot-embedded-systems"
    repo.change(repo.program_path(python), lambda d: d["effort"].update(hours=32))
    raised = repo.commit("Raise the hours of Python basics (#12)")
    repo.change(
        repo.program_path(iot),
        lambda d: d["approval"].update(status="withdrawn", note={"ja": "提供終了", "en": "No longer offered"}),
    )
    withdrawn = repo.commit("Withdraw IoT (#13)")
    catalogue = load_catalogue(repo.root / "catalogue")
    history = read_history(repo.root / "catalogue", "https://git.example.org/registry")
    changes = {(c.program, c.commit): c for c in changes_from_history(catalogue, history)}
    assert len(changes) == len(catalogue.programs) + 2
    assert {c.kind for (pid, sha), c in changes.items() if sha == first} == {"added"}
    assert changes[python, raised].kind == "changed"
    assert changes[python, raised].url == "https://git.example.org/registry/pull/12"
    assert changes[iot, withdrawn].kind == "withdrawn"
    files = api_files(catalogue, urls=URLS, build_date=BUILD, changes=changes.values())
    record = json.loads(files["changes.json"])
    assert record["source"] == "history"
    assert [(c["kind"], c.get("commit")) for c in record["changes"][:2]] == [
        ("withdrawn", withdrawn),
        ("changed", raised),
    ]
    feed = ET.fromstring(files["feed.en.atom"])
    links = [link.get("href") for entry in feed.findall(f"{ATOM}entry") for link in entry.findall(f"{ATOM}link")]
    assert "https://git.example.org/registry/pull/13" in links


@pytest.mark.parametrize("name", ["catalogue-export.schema.json", "changes.schema.json"])
def test_the_export_schemas_are_valid_and_name_everything_in_both_languages(name):
    schema = json.loads((SCHEMA_DIR / name).read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    titled = 0

    def visit(node):
        nonlocal titled
        if isinstance(node, dict):
            if isinstance(node.get("title"), str):
                titled += 1
                assert node["title"].strip() and node.get("x-ja", {}).get("title", "").strip(), node["title"]
                if "description" in node and "const" not in node:
                    assert node["x-ja"].get("description", "").strip(), node["title"]
            for key, value in node.items():
                if key != "x-ja":
                    visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(schema)
    assert titled >= 10
