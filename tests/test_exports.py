"""The /api/v1/ files: complete, byte-identical from run to run, written atomically; JSON valid
against our schemas; a CSV that survives Excel and the csv module; Atom feeds that parse."""

from __future__ import annotations

import copy
import csv
import gzip
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

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from mccat import LANGUAGES
from mccat.authoring.synth import write_synthetic_catalogue
from mccat.model.catalogue import Catalogue
from mccat.model.schema import SCHEMA_DIR, descriptor_label
from mccat.publish.bulk import OnceById
from mccat.publish.canonical_json import json_bytes, standard_json_bytes
from mccat.publish.ctdl import catalogue_ctdl
from mccat.publish.elm import catalogue_elm
from mccat.publish.exports import (
    CSV_COLUMNS,
    FEED_LIMIT,
    ProgramChange,
    _path_order,
    api_files,
    atom_feed,
    change_records,
    csv_rows,
    sort_changes,
    spreadsheet_safe,
    write_api_files,
)
from mccat.publish.jsonld import catalogue_jsonld
from mccat.publish.publication import Publication
from mccat.publish.urls import Urls
from mccat.validation.load import load_catalogue

REPO = Path(__file__).parents[1]
SITE = "https://registry.example.org"
URLS = Urls(SITE)
BUILD = date(2026, 12, 1)  # the snapshot's date: the sample shows every state then
EXPIRED = "example-national-univ/biodiversity-field-survey"
WITHDRAWN = "example-junior-college/childcare-support-basics"  # its file is gone: a tombstone
RENAMED = "example-tech-corp/generative-ai-for-business"
SUCCESSOR = "example-tech-corp/generative-ai-business-practice"
ATOM = "{http://www.w3.org/2005/Atom}"


def pub(catalogue: Catalogue, day: date = BUILD, urls: Urls = URLS) -> Publication:
    return Publication(catalogue, urls, day)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(REPO / "catalogue", today=BUILD)


@pytest.fixture(scope="module")
def api(tmp_path_factory, catalogue) -> Path:
    out = tmp_path_factory.mktemp("site")
    write_api_files(pub(catalogue), out)
    return out / "api" / "v1"


def tree(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def unzipped(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files with each gzip-compressed one (name.gz) as what it holds."""
    return {name: gzip.decompress(content) if name.endswith(".gz") else content for name, content in files.items()}


def with_program(catalogue: Catalogue, program_id: str, **changes) -> Catalogue:
    """A copy of the catalogue with some top-level fields of one program replaced."""
    program = catalogue.programs[program_id]
    data = copy.deepcopy(program.data) | changes
    return Catalogue(
        catalogue.root,
        catalogue.providers,
        catalogue.programs | {program_id: replace(program, data=data)},
        decisions=catalogue.decisions,
    )


# --- files, determinism, atomic writes -------------------------------------------------------------


def test_every_file_is_written(api, catalogue):
    files = tree(api)
    for program_id in published_ids(catalogue):  # programs and tombstones
        for suffix in (".jsonld", ".json", ".achievement.ja.json", ".achievement.en.json"):
            assert f"programs/{program_id}{suffix}" in files
        for lang in ("ja", "en"):
            assert files[f"marks/{program_id}.{lang}.svg"].startswith(b"<svg")
    for program in catalogue.programs.values():  # ELM and CTDL: programs whose file is there
        assert f"programs/{program.id}.elm.jsonld" in files
    for provider in catalogue.providers:
        assert f"providers/{provider}.jsonld" in files
    for name in (
        "catalogue.jsonld",
        "catalogue.full.jsonld.gz",
        "catalogue.elm.jsonld.gz",
        "catalogue.ctdl.json.gz",
        "catalogue.json",
        "catalogue.csv",
        "changes.json",
        "decisions.json",
        "feed.ja.atom",
        "feed.en.atom",
        "vocabularies.jsonld",
    ):
        assert name in files
    published = [schema for schema in SCHEMA_DIR.glob("*.json") if schema.name != "registry.schema.json"]
    for schema in published:  # as in schemas/, with its own URL as `$id` after `$schema`
        lines = files[f"schemas/{schema.name}"].decode("utf-8").splitlines()
        assert lines.pop(2) == f'  "$id": "{SITE}/api/v1/schemas/{schema.name}",'
        assert lines == schema.read_text("utf-8").splitlines()
    assert "schemas/registry.schema.json" not in files  # the committee's settings are not catalogue data
    ctdl = [p for p in catalogue.programs.values() if f"programs/{p.id}.ctdl.json" in files]
    assert len(ctdl) == len(catalogue.programs)  # every sample program can go to the Credential Registry
    tombstones = len(published_ids(catalogue)) - len(catalogue.programs)
    assert tombstones == 2
    # per program: 6 files and 2 marks; per tombstone: 4 files and 2 marks (no certificates without a key)
    assert len(files) == 8 * len(catalogue.programs) + 6 * tombstones + len(catalogue.providers) + 13 + len(published)
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
    first = write_api_files(pub(catalogue), tmp_path / "a").written
    write_api_files(pub(catalogue), tmp_path / "b")
    assert tree(tmp_path / "a" / "api" / "v1") == tree(tmp_path / "b" / "api" / "v1")
    assert first == sorted(tree(tmp_path / "a" / "api" / "v1"), key=lambda relative: relative.split("/"))
    paths = [tmp_path / "a" / "api" / "v1" / relative for relative in first]
    stamps = {path: path.stat().st_mtime_ns for path in paths}
    assert write_api_files(pub(catalogue), tmp_path / "a").written == first
    assert {path: path.stat().st_mtime_ns for path in paths} == stamps


_DIGEST = """
import hashlib, sys
from datetime import date
from pathlib import Path
from mccat.validation.load import load_catalogue
from mccat.publish.exports import api_files
from mccat.publish.publication import Publication
from mccat.publish.urls import Urls
catalogue = load_catalogue(Path(sys.argv[1]))
files = api_files(Publication(catalogue, Urls("https://registry.example.org"), date(2026, 1, 15)))
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
    write_api_files(pub(catalogue), out)
    stray = out / "api" / "v1" / "programs" / "gone-provider" / "old.json"
    stray.parent.mkdir()
    stray.write_text("{}")
    programs = {pid: p for pid, p in catalogue.programs.items() if not pid.startswith("example-uas-nl/")}
    smaller = Catalogue(catalogue.root, catalogue.providers, programs, decisions=catalogue.decisions)
    written = write_api_files(pub(smaller), out).written
    files = tree(out / "api" / "v1")
    assert set(files) == set(written)
    assert not (out / "api" / "v1" / "programs" / "example-uas-nl").exists()
    assert not stray.parent.exists()


def test_a_bad_site_url_is_refused_before_anything_is_written(tmp_path, catalogue):
    with pytest.raises(ValueError, match="site_url"):
        write_api_files(pub(catalogue, urls=Urls("registry.example.org")), tmp_path)
    assert not any(tmp_path.iterdir())


def test_every_link_and_id_under_api_resolves_to_a_written_file_that_describes_it(api):
    files = unzipped(tree(api))
    described: dict[str, set[str]] = {}
    for name, content in files.items():
        if name.endswith((".jsonld", ".json", ".jsonld.gz", ".json.gz")) and not name.startswith("schemas/"):
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


def test_the_catalogue_wide_documents_are_the_whole_graphs_made_program_by_program(api, catalogue):
    """The build writes the catalogue-wide documents as the programs go by (mccat.publish.bulk): the gzip files
    hold exactly the graphs made at once in memory, and catalogue.jsonld names every program by reference."""
    files = tree(api)
    publication = pub(catalogue)
    full = json.loads(gzip.decompress(files["catalogue.full.jsonld.gz"]))
    day = next(n for n in full["@graph"] if n["@type"] == "DataCatalog")["dateModified"]
    assert full == catalogue_jsonld(publication, date_modified=day)
    light = json.loads(files["catalogue.jsonld"])
    assert light == catalogue_jsonld(publication, date_modified=day, full=False)
    items = next(n for n in light["@graph"] if n["@type"] == "ItemList")["itemListElement"]
    assert [i["item"]["@id"] for i in items] == [i["item"]["@id"] for i in full["@graph"][0]["itemListElement"]]
    assert len(files["catalogue.jsonld"]) * 10 < len(gzip.decompress(files["catalogue.full.jsonld.gz"]))

    def same_nodes(document: dict) -> list[str]:  # a merged graph's order is not part of the format
        return sorted(json.dumps(node, sort_keys=True) for node in document["@graph"])

    elm = json.loads(gzip.decompress(files["catalogue.elm.jsonld.gz"]))
    assert elm["@context"] == catalogue_elm(publication)["@context"]
    assert same_nodes(elm) == same_nodes(catalogue_elm(publication))
    assert json.loads(gzip.decompress(files["catalogue.ctdl.json.gz"])) == catalogue_ctdl(publication)
    for name in ("catalogue.full.jsonld.gz", "catalogue.elm.jsonld.gz", "catalogue.ctdl.json.gz"):
        assert files[name][:2] == b"\x1f\x8b" and files[name][4:8] == bytes(4)  # gzip, no time stamp


def test_a_stacking_stub_gives_way_to_the_full_node_whichever_comes_first():
    stub = {"@id": "x#spec", "@type": "LearningAchievementSpecification"}
    full = {"@id": "x#spec", "@type": "LearningAchievementSpecification", "title": {"en": "X"}}
    provider = {"@id": "p", "@type": "Organisation", "legalName": {"en": "P"}}
    for first, second in (([stub, provider], [full, provider]), ([full, provider], [stub, provider])):
        once = OnceById()
        assert once.take(first) + once.take(second) + once.rest() in ([provider, full], [full, provider])
    once = OnceById()
    assert once.take([stub]) == [] and once.rest() == [stub]  # a link to a program outside the graph: kept


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
    assert [p["id"] for p in dump["programs"]] == published_ids(catalogue)
    record_schema = _validator(schema_registry, "catalogue-export.schema.json#/$defs/program_record")
    for record in dump["programs"]:
        alone = json.loads((api / f"programs/{record['id']}.json").read_text("utf-8"))
        assert alone.pop("$schema") == dump["$schema"] + "#/$defs/program_record"
        assert alone.pop("license") == dump["license"]
        assert alone == record
        assert not list(record_schema.iter_errors(alone))
        program = catalogue.programs.get(record["id"])
        assert record["program"] == (program.data if program else None)
        assert record["date_published"] == record["approval"]["first_approved_on"] <= record["date_modified"]
    broken = copy.deepcopy(dump)
    broken["programs"][0]["status"] = "approved"
    assert list(_validator(schema_registry, "catalogue-export.schema.json").iter_errors(broken))


def _published_registry(api: Path) -> Registry:
    """The published schemas, each known only by its own `$id`: how a validator outside the site finds them."""
    resources = []
    for path in sorted((api / "schemas").glob("*.json")):
        contents = json.loads(path.read_text("utf-8"))
        assert contents["$id"] == f"{SITE}/api/v1/schemas/{path.name}"
        resources.append(Resource.from_contents(contents, default_specification=DRAFT202012))
    return Registry().with_resources((resource.id(), resource) for resource in resources)


def test_every_json_file_and_catalogue_file_validates_against_the_published_schemas_by_their_id(api, catalogue):
    """From outside: the published schemas alone, resolved by `$id` (their relative $refs to each other and to
    their $defs included), validate every JSON file under /api/v1/ and every catalogue file. Nothing is fetched:
    a reference the registry cannot resolve fails."""
    registry = _published_registry(api)
    schema = lambda name: Draft202012Validator({"$ref": f"{SITE}/api/v1/schemas/{name}"}, registry=registry)
    checked = 0
    for path in sorted(api.rglob("*.json")):
        document = json.loads(path.read_text("utf-8"))
        if path.parent.name == "schemas" or "$schema" not in document or "ctdl" in path.name:
            continue
        name = document["$schema"].removeprefix(f"{SITE}/api/v1/schemas/")  # may end in #/$defs/...
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in schema(name).iter_errors(document)]
        assert not errors, (path.name, errors[:3])
        checked += 1
    assert checked == len(published_ids(catalogue)) + 3  # program records, catalogue.json, changes.json, index.json
    for program in catalogue.programs.values():
        assert not list(schema("program.schema.json").iter_errors(program.data)), program.id
    for provider in catalogue.providers.values():
        assert not list(schema("provider.schema.json").iter_errors(provider.data)), provider.id
    broken = copy.deepcopy(next(iter(catalogue.programs.values())).data)
    broken["title"] = {"ja": "名前だけ"}  # text_both, a $def reached through the published file's $ref
    assert [e.validator for e in schema("program.schema.json").iter_errors(broken)] == ["required"]
    without_id = Registry().with_resources(
        (
            path.name,
            Resource.from_contents({k: v for k, v in json.loads(path.read_text("utf-8")).items() if k != "$id"}),
        )
        for path in (api / "schemas").glob("*.json")
    )
    with pytest.raises(Exception, match=r"[Uu]nresolvable|Unretrievable"):
        list(
            Draft202012Validator(
                {"$ref": f"{SITE}/api/v1/schemas/program.schema.json"}, registry=without_id
            ).iter_errors({})
        )


def test_the_manifest_lists_every_file_with_its_size_digest_and_date(api, catalogue):
    import hashlib

    manifest = json.loads((api / "index.json").read_text("utf-8"))
    files = tree(api)
    del files["index.json"]
    assert set(manifest["files"]) == set(files)
    for path, content in files.items():
        entry = manifest["files"][path]
        assert entry["url"] == f"{SITE}/api/v1/{path}"
        assert entry["size"] == len(content)
        assert entry["sha256"] == hashlib.sha256(content).hexdigest()
    python = catalogue.programs["example-national-univ/ds-python-basics"]
    record = json.loads(files["programs/example-national-univ/ds-python-basics.json"])
    entry = manifest["files"]["programs/example-national-univ/ds-python-basics.jsonld"]
    assert record["date_modified"] <= entry["dateModified"] <= BUILD.isoformat()  # the program, its provider, stacking
    assert manifest["files"]["catalogue.json"]["dateModified"] == BUILD.isoformat()  # statuses as of the build
    assert manifest["dateModified"] == max(e["dateModified"] for e in manifest["files"].values() if e["dateModified"])
    assert catalogue.lifecycle(python.id, BUILD).first_approved <= entry["dateModified"]


def test_a_change_to_one_program_leaves_unrelated_files_byte_for_byte(catalogue):
    """Only the changed program's files, the files that show it (stacking partners' titles), the catalogue-wide
    files, the feeds and the manifest change: an aggregator that compares digests fetches only those."""
    before = api_files(pub(catalogue))
    program_id = "example-kosen/iot-embedded-systems"
    title = {"ja": "組込みIoTシステム入門（改訂）", "en": "Embedded IoT Systems (revised)"}
    after = api_files(pub(with_program(catalogue, program_id, title=title)))
    changed = {path for path in before if before[path] != after[path]}
    own = {path for path in before if path.startswith(f"programs/{program_id}.")}
    assert own <= changed
    whole = {
        "catalogue.jsonld",
        "catalogue.json",
        "catalogue.csv",
        "catalogue.full.jsonld.gz",
        "catalogue.elm.jsonld.gz",
        "catalogue.ctdl.json.gz",
        "feed.ja.atom",
        "feed.en.atom",
        "index.json",
    }
    assert changed - own == whole & changed
    manifest = [json.loads(files["index.json"])["files"] for files in (before, after)]
    assert {path for path in manifest[0] if manifest[0][path]["sha256"] != manifest[1][path]["sha256"]} == changed - {
        "index.json"
    }


# Formats with no property for the licence of a record: the manifest (index.json) and the DataCatalog state it.
NO_LICENCE_PROPERTY = (".achievement.ja.json", ".achievement.en.json", ".elm.jsonld", ".ctdl.json", ".schema.json")


def test_every_file_states_the_data_licence(api):
    licence = "https://creativecommons.org/licenses/by/4.0/"
    plain = [
        path
        for path in sorted(api.rglob("*.json"))
        if not path.name.endswith(NO_LICENCE_PROPERTY) and path.name != "catalogue.csv-metadata.json"
    ]
    assert len(plain) > 30
    for path in plain:
        assert json.loads(path.read_text("utf-8"))["license"]["url"] == licence, path
    vocabularies = json.loads((api / "vocabularies.jsonld").read_text("utf-8"))["@graph"]
    assert {node["license"] for node in vocabularies} == {licence}
    manifest = json.loads((api / "index.json").read_text("utf-8"))["files"]
    assert {p for p in manifest if p.endswith(NO_LICENCE_PROPERTY)}  # listed under the manifest's licence
    graph = json.loads((api / "catalogue.jsonld").read_text("utf-8"))["@graph"]
    catalogue_node = next(node for node in graph if node["@type"] == "DataCatalog")
    assert catalogue_node["license"] == catalogue_node["dataset"]["license"] == licence
    assert {d["license"] for d in catalogue_node["dataset"]["distribution"]} == {licence}
    program = json.loads((api / "programs/example-kosen/iot-embedded-systems.jsonld").read_text("utf-8"))
    assert program["sdLicense"] == licence
    metadata = json.loads((api / "catalogue.csv-metadata.json").read_text("utf-8"))
    assert metadata["dc:license"] == {"@id": licence}
    assert [c["name"] for c in metadata["tableSchema"]["columns"]] == [name for name, _ in CSV_COLUMNS]
    for lang in LANGUAGES:
        feed = ET.fromstring((api / f"feed.{lang}.atom").read_bytes())
        assert licence in feed.findtext(f"{ATOM}rights")
        assert [l.get("href") for l in feed.findall(f"{ATOM}link") if l.get("rel") == "license"] == [licence]


def test_status_is_as_of_the_build_date(catalogue):
    statuses = lambda day: {
        r["id"]: r["status"] for r in json.loads(api_files(pub(catalogue, day))["catalogue.json"])["programs"]
    }
    now = statuses(BUILD)
    assert sorted(set(now.values())) == ["active", "expired", "expiring", "renamed", "suspended", "withdrawn"]
    later = statuses(date(2100, 1, 1))
    assert {later[pid] for pid, status in now.items() if status in ("active", "expiring")} == {"expired"}
    earlier = statuses(date(2025, 8, 1))  # before the suspension of 2026-09-01, during the one of 2025-07-16
    assert earlier["example-tech-corp/cybersecurity-incident-response"] == "active"
    assert earlier["example-kosen/iot-embedded-systems"] == "suspended"
    assert "example-kosen/bim-construction-basics" not in earlier  # approved in 2026: not yet published
    # The files of the withdrawn and the renamed program are gone: a build of that day cannot show them, and
    # the new id's file waits for its approval (which it inherits from the rename in 2026).
    assert not {WITHDRAWN, RENAMED, SUCCESSOR} & set(earlier)


def test_changes_json_follows_its_schema(api, catalogue, schema_registry):
    changes = json.loads((api / "changes.json").read_text("utf-8"))
    assert not list(_validator(schema_registry, "changes.schema.json").iter_errors(changes))
    assert changes["source"] == "decisions"  # no version history given
    records = changes["changes"]
    assert {c["program"] for c in records} <= set(published_ids(catalogue)) | {RENAMED}
    every_decision = {(p, d.id) for d in catalogue.decisions.values() for p in d.programs}
    assert {(c["program"], c["decision"]) for c in records if "decision" in c} == every_decision
    assert {"program": EXPIRED, "date": "2026-11-01", "kind": "expired", "valid_until": "2026-10-31"} in records
    assert not [c for c in records if c["kind"] == "updated"]
    dates = [c["date"] for c in records]
    assert dates == sorted(dates, reverse=True)


# --- CSV ---------------------------------------------------------------------------------------------


def _read_csv(raw: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_is_utf8_with_bom_and_crlf_and_round_trips(api, catalogue):
    raw = (api / "catalogue.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\r\n")
    rows = list(csv_rows(pub(catalogue)))
    assert not any("\n" in cell for row in rows for cell in row)  # so every line break is a record end
    assert raw.count(b"\n") == raw.count(b"\r\n") == len(rows)
    parsed = _read_csv(raw)
    assert parsed == [[spreadsheet_safe(cell) for cell in row] for row in rows]
    header = parsed[0]
    assert header == [name for name, _ in CSV_COLUMNS] and len(set(header)) == len(header)
    assert {len(row) for row in parsed} == {len(header)}
    by_id = {row[0]: dict(zip(header, row)) for row in parsed[1:]}
    assert list(by_id) == published_ids(catalogue)
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
    raw = api_files(pub(changed, BUILD))["catalogue.csv"]
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
    assert len(entries) == len(json.loads((api / "changes.json").read_bytes())["changes"])
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True) and feed.findtext(f"{ATOM}updated") == updated[0]
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)
    titles = {program.title[lang] for program in catalogue.programs.values()}
    titles |= {tombstone.title[lang] for tombstone in catalogue.tombstones(BUILD).values()}
    for entry in entries:
        assert entry.findtext(f"{ATOM}title").split("：" if lang == "ja" else ": ", 1)[1] in titles
        pages = [link.get("href") for link in entry.findall(f"{ATOM}link") if link.get("type") == "text/html"]
        assert pages and pages[0].startswith(f"{SITE}/{lang}/programs/")


def test_feed_entries_come_from_change_records(catalogue):
    records = [
        {
            "program": "example-national-univ/ds-python-basics",
            "date": "2026-02-01",
            "kind": "updated",
            "fields": ["effort.hours", "fee"],
            "pull_request": 12,
            "commit": "0123456789abcdef0123",
            "url": "https://git.example.org/registry/pull/12",
        },
        ProgramChange("example-kosen/iot-embedded-systems", "2026-03-01", "withdrawn", decision="MCR-2026-040"),
        {"program": "example-national-univ/ds-python-basics", "date": "2025-03-14", "kind": "approved"},
    ]
    ordered = sort_changes(records)
    assert [c.date for c in ordered] == ["2026-03-01", "2026-02-01", "2025-03-14"]
    feed = ET.fromstring(atom_feed(pub(catalogue), ordered, lang="en", limit=2))
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2 and feed.findtext(f"{ATOM}updated") == "2026-03-01T00:00:00Z"
    assert (
        entries[0].findtext(f"{ATOM}title")
        == "Withdrawn: " + catalogue.programs["example-kosen/iot-embedded-systems"].title["en"]
    )
    assert entries[0].findtext(f"{ATOM}summary") == "Committee decision MCR-2026-040 (2026-03-01)."
    # The decision, at its anchor on the page of its month (a decision's event is on the decision's date).
    assert f"{SITE}/en/decisions/2026-03/#MCR-2026-040" in [l.get("href") for l in entries[0].findall(f"{ATOM}link")]
    # A content change says which descriptors changed and its pull request, in the feed's language.
    hours, fee = (descriptor_label("program", path, "en") for path in ("effort.hours", "fee"))
    assert entries[1].findtext(f"{ATOM}summary") == f"Changed: {hours}, {fee}. Pull request #12."
    assert "https://git.example.org/registry/pull/12" in [l.get("href") for l in entries[1].findall(f"{ATOM}link")]
    ja = ET.fromstring(atom_feed(pub(catalogue), ordered, lang="ja"))
    assert ja.find(f"{ATOM}entry").findtext(f"{ATOM}title").startswith("取り下げ：")
    hours_ja = descriptor_label("program", "effort.hours", "ja")
    assert ja.findall(f"{ATOM}entry")[1].findtext(f"{ATOM}summary").startswith(f"変更された項目：{hours_ja}、")


@pytest.mark.parametrize(
    "record, message",
    [
        ({"program": "a/b", "date": "2026-01-01", "kind": "added"}, "kind must be one of"),
        ({"program": "a/b", "date": "1 Jan 2026", "kind": "approved"}, "date must be YYYY-MM-DD"),
        ({"program": "b", "date": "2026-01-01", "kind": "approved"}, "program must be a program id"),
        ({"program": "a/b", "date": "2026-01-01", "kind": "approved", "decision": {"en": "x"}}, "decision must be"),
    ],
)
def test_a_bad_change_record_is_refused_with_a_reason(record, message):
    with pytest.raises(ValueError, match=message):
        sort_changes([record])


# --- the aggregators' page -------------------------------------------------------------------------------


def _documented_as(name: str) -> str:
    """How the page names a file: ids become {provider} and {provider}/{slug}."""
    parts = name.split("/")
    if parts[0] == "programs":
        suffix = parts[2][parts[2].index(".") :]
        return f"/api/v1/programs/{{provider}}/{{slug}}{suffix}"
    if parts[0] == "providers":
        return "/api/v1/providers/{provider}.jsonld"
    if parts[0] == "marks":
        return f"/api/v1/marks/{{provider}}/{{slug}}{parts[2][parts[2].index('.') :]}"
    if parts[0] == "schemas":
        return "/api/v1/schemas/{name}.schema.json"
    return f"/api/v1/{name}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_aggregators_page_documents_every_file_schema_and_csv_column(catalogue, lang):
    page = (REPO / "docs" / lang / "api.md").read_text("utf-8")
    for name in api_files(pub(catalogue, BUILD)):
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
                "2026-12-01",
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
    """Content changes since approval come from git (which fields, which pull request), decisions from the
    register: never a commit subject."""
    from mccat.model.history import read_history
    from mccat.review.content_changes import content_changes
    from tests.git_catalogue import CatalogueRepo

    repo = CatalogueRepo(tmp_path)
    repo.commit("Initial registry <script>commit subject</script>")
    python, iot = "example-national-univ/ds-python-basics", "example-kosen/iot-embedded-systems"
    repo.change(repo.program_path(python), lambda d: d["effort"].update(hours=32))
    raised = repo.commit("Raise the hours of Python basics (#12)")
    repo.write_decision("MCR-2026-040", kind="withdraw", programs=[iot], date="2026-11-20")
    repo.commit("Merge pull request #13 from committee/withdraw-iot")
    today = date.today()  # the commits are dated today
    catalogue = load_catalogue(repo.root / "catalogue", today=today)
    history = read_history(repo.root / "catalogue", "https://git.example.org/registry")
    changes = content_changes(history, repo.root / "catalogue")
    files = api_files(Publication(catalogue, URLS, today, changes=changes))
    record = json.loads(files["changes.json"])
    assert record["source"] == "history"
    updated = [c for c in record["changes"] if c["kind"] == "updated"]
    assert updated == [
        {
            "commit": raised,
            "date": updated[0]["date"],
            "fields": ["effort.hours"],
            "kind": "updated",
            "program": python,
            "pull_request": 12,
            "url": "https://git.example.org/registry/pull/12",
        }
    ]
    assert {"program": iot, "date": "2026-11-20", "kind": "withdrawn", "decision": "MCR-2026-040"} in record["changes"]
    for name in ("changes.json", "feed.ja.atom", "feed.en.atom"):
        assert b"commit subject" not in files[name] and b"Raise the hours" not in files[name], name
    feed = ET.fromstring(files["feed.en.atom"])
    links = [link.get("href") for entry in feed.findall(f"{ATOM}entry") for link in entry.findall(f"{ATOM}link")]
    assert "https://git.example.org/registry/pull/12" in links
    assert f"{SITE}/en/decisions/2026-11/#MCR-2026-040" in links


def test_an_expired_and_a_withdrawn_program_in_every_export(api, catalogue):
    """The JSON, JSON-LD, Achievement, CSV and feeds of the sample's expired program and of its withdrawn
    program whose file is gone."""
    expired = json.loads((api / f"programs/{EXPIRED}.json").read_bytes())
    assert (expired["status"], expired["approval"]["valid_until"]) == ("expired", "2026-10-31")
    node = json.loads((api / f"programs/{EXPIRED}.jsonld").read_bytes())
    assert node["creativeWorkStatus"]["termCode"] == "expired" and node["expires"] == "2026-10-31"
    registry = f"{SITE}/api/v1/catalogue.jsonld#registry"
    assert registry not in [r.get("@id") for r in node["educationalCredentialAwarded"].get("recognizedBy", [])]

    withdrawn = json.loads((api / f"programs/{WITHDRAWN}.json").read_bytes())
    assert (withdrawn["status"], withdrawn["program"]) == ("withdrawn", None)
    assert withdrawn["title"]["en"] == "Foundations of Community Childcare Support"
    assert withdrawn["approval"]["decision"] == "MCR-2026-010"
    node = json.loads((api / f"programs/{WITHDRAWN}.jsonld").read_bytes())
    assert node["@id"] == f"{SITE}/api/v1/programs/{WITHDRAWN}.jsonld#program"
    assert node["creativeWorkStatus"]["termCode"] == "withdrawn" and "recognizedBy" not in json.dumps(node)
    for lang in LANGUAGES:
        badge = json.loads((api / f"programs/{WITHDRAWN}.achievement.{lang}.json").read_bytes())
        assert badge["id"] == f"{SITE}/api/v1/programs/{WITHDRAWN}.achievement.{lang}.json"
        assert "MCR-2026-010" in badge["description"]

    rows = {row[0]: row for row in _read_csv((api / "catalogue.csv").read_bytes())}
    header = rows.pop("id")
    assert dict(zip(header, rows[EXPIRED]))["status"] == "expired"
    gone = dict(zip(header, rows[WITHDRAWN]))
    assert (gone["status"], gone["decision"], gone["hours"], gone["title_ja"]) == (
        "withdrawn",
        "MCR-2026-010",
        "",
        "地域子育て支援の基礎",
    )
    for lang in LANGUAGES:
        feed = (api / f"feed.{lang}.atom").read_text("utf-8")
        assert f"#{EXPIRED}/2026-11-01/expired" in feed and f"#{WITHDRAWN}/2026-03-31/withdrawn" in feed


def test_a_renamed_program_points_to_its_new_id(api):
    old = json.loads((api / f"programs/{RENAMED}.json").read_bytes())
    assert (old["status"], old["superseded_by"]) == ("renamed", SUCCESSOR)
    assert old["links"]["successor"] == f"{SITE}/api/v1/programs/{SUCCESSOR}.json"
    node = json.loads((api / f"programs/{RENAMED}.jsonld").read_bytes())
    assert node["http://purl.org/dc/terms/isReplacedBy"] == {
        "@id": f"{SITE}/api/v1/programs/{SUCCESSOR}.jsonld#program"
    }
    new = json.loads((api / f"programs/{SUCCESSOR}.jsonld").read_bytes())
    assert new["http://purl.org/dc/terms/replaces"] == [{"@id": f"{SITE}/api/v1/programs/{RENAMED}.jsonld#program"}]
    assert new["creativeWorkStatus"]["termCode"] == "active"
    record = json.loads((api / f"programs/{SUCCESSOR}.json").read_bytes())["approval"]
    assert record["first_approved_on"] == "2026-07-15" and record["replaces"] == [RENAMED]
    badge = json.loads((api / f"programs/{RENAMED}.achievement.en.json").read_bytes())
    assert f"{SITE}/api/v1/programs/{SUCCESSOR}.achievement.en.json" in [r["id"] for r in badge["related"]]


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


def published_ids(catalogue: Catalogue) -> list[str]:
    """Programs and tombstones: every id the exports describe, in id order."""
    return sorted(set(catalogue.published(BUILD).programs) | set(catalogue.tombstones(BUILD)))


def test_every_state_reaches_the_change_records_once_under_the_id_it_happened_to(catalogue):
    records = change_records(pub(catalogue))
    kinds = {c.kind for c in records}
    assert kinds == {"approved", "renewed", "amended", "suspended", "reinstated", "expired", "renamed", "withdrawn"}
    renamed = [c for c in records if c.kind == "renamed"]
    assert [(c.program, c.successor, c.decision) for c in renamed] == [(RENAMED, SUCCESSOR, "MCR-2026-033")]
    approvals = [c for c in records if c.kind == "approved" and c.decision == "MCR-2026-024"]
    assert [c.program for c in approvals] == [RENAMED]  # told once, under the id it had then
    assert FEED_LIMIT >= 100


def test_written_files_are_in_folder_by_folder_order():
    """`written` is sorted as the paths' parts would sort (a folder's files before a longer name beside it),
    without making a list of parts for each path."""
    paths = ["a-b/x", "a/x", "a/x/y", "a.b", "a/x-y", "a/x.json", "a", "b/a", "a/y"]
    assert sorted(paths, key=_path_order) == sorted(paths, key=lambda relative: relative.split("/"))
