"""Certificates in a real build: the sample site built with a registry key made by `mccat keys new`, every
sample approval signed and checked as `mccat verify` checks it, revocation of the suspended and the
withdrawn program, the Achievements' endorsement and image (1EdTech's schema), the DID document, the
program page's section, and no private key in any output file. The same build without the key succeeds,
says so in one line and publishes marks but no certificates (the session's `built_site`)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import lxml.html
import pytest
from jsonschema import Draft201909Validator

from mccat.publish.signing.check import check_credential
from mccat.publish.signing.keys import files_holding_key, load_keys
from mccat.publish.signing.multikey import decode_private_key
from mccat.site.texts import INTERFACE_TEXT
from mccat.validation.load import load_catalogue
from tests import jsonld_loader
from tests.conftest import ROOT, run_mkdocs_build

pytestmark = pytest.mark.build

DID = "did:web:registry.example.org"
API = "https://registry.example.org/api/v1/"
BUILD_DATE = date(2026, 12, 2)


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("signed")
    keys = folder / "keys.yaml"
    made = subprocess.run(
        [
            sys.executable,
            "-m",
            "mccat.cli.main",
            "keys",
            "new",
            "key-2026-12",
            "--keys",
            str(keys),
            "--today",
            "2026-11-01",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    private = made.stdout.strip()
    site = folder / "site"
    status, output, _ = run_mkdocs_build(
        site, build_date=BUILD_DATE, extra_env={"MCCAT_KEYS": str(keys), "MCCAT_SIGNING_KEY": private}
    )
    assert status == 0, output
    return site, keys, private, output


def _json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def _lists(site: Path):
    def lists(url: str):
        path = site / "api/v1" / url.removeprefix(API)
        return _json(path) if url.startswith(API) and path.is_file() else None

    return lists


def test_every_sample_approval_is_signed_and_verifies(signed):
    site, keys_file, _, output = signed
    assert "Signing approval certificates with key key-2026-12" in output
    catalogue = load_catalogue(ROOT / "catalogue", today=BUILD_DATE).published(BUILD_DATE)
    keys = load_keys(keys_file)
    now = datetime(2026, 12, 2, 12, tzinfo=UTC)
    certificates = sorted((site / "api/v1/certificates").rglob("*.json"))
    approvals = {
        (decision.id, program)
        for decision in catalogue.decisions.values()
        if decision.kind in ("approve", "renew") and decision.date <= BUILD_DATE.isoformat()
        for program in decision.programs
    }
    named = {(path.name.split(".")[0], f"{path.parent.parent.name}/{path.parent.name}") for path in certificates}
    assert approvals <= named  # every approval and renewal of a program with a page has its certificates
    verdicts = {}
    for path in certificates:
        report = check_credential(_json(path), did=DID, keys=keys, lists=_lists(site), now=now)
        program = f"{path.parent.parent.name}/{path.parent.name}"
        verdicts[program, path.name] = report
        state = catalogue.lifecycle(catalogue.current_id(program, BUILD_DATE), BUILD_DATE).state
        if state in ("suspended", "withdrawn"):
            assert not report.ok and "revoked" in report.reason, (path, report.reason)
        elif report.ok is False:
            assert "expired" in report.reason, (path, report.reason)  # an approval since renewed, or ended
    assert sum(report.ok for report in verdicts.values()) >= 2 * 28
    revoked = {program for (program, _), report in verdicts.items() if "revoked" in report.reason}
    states = {program: catalogue.lifecycle(program, BUILD_DATE).state for program in revoked}
    assert sorted(set(states.values())) == ["suspended", "withdrawn"]


def test_achievements_carry_their_certificates_and_mark(signed):
    site, *_ = signed
    full = json.loads(jsonld_loader.vocab_file("openbadges3/achievementcredential.schema.json").read_text("utf-8"))
    validator = Draft201909Validator(
        {"$schema": full["$schema"], "$defs": full["$defs"], "$ref": "#/$defs/Achievement"}
    )
    achievement = _json(site / "api/v1/programs/example-kosen/iot-embedded-systems.achievement.en.json")
    assert [e.message for e in validator.iter_errors(achievement)] == []
    assert achievement["image"]["id"] == f"{API}marks/example-kosen/iot-embedded-systems.en.svg"
    endorsement = achievement["endorsement"]
    assert [e["credentialSubject"]["id"] for e in endorsement] == [achievement["id"]]
    assert endorsement[0] == _json(site / "api/v1/certificates/example-kosen/iot-embedded-systems/MCR-2025-001.en.json")
    expanded = jsonld_loader.expand(achievement)  # offline, every term defined
    assert expanded
    record = _json(site / "api/v1/programs/example-kosen/iot-embedded-systems.json")
    assert record["links"]["certificates"]["ja"] == [
        f"{API}certificates/example-kosen/iot-embedded-systems/MCR-2025-001.ja.json"
    ]


def test_the_did_document_and_the_status_list(signed):
    site, keys_file, *_ = signed
    did = _json(site / ".well-known/did.json")
    assert did["id"] == DID
    assert [m["publicKeyMultibase"] for m in did["verificationMethod"]] == [k.public_key for k in load_keys(keys_file)]
    assert (site / ".nojekyll").exists()
    status = _json(site / "api/v1/status/0.json")
    assert status["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert status["proof"]["verificationMethod"] == f"{DID}#key-2026-12"


def test_the_program_page_links_its_certificates_mark_and_check(signed):
    site, *_ = signed
    for lang in ("ja", "en"):
        page = site / lang / "programs/example-kosen/iot-embedded-systems/index.html"
        tree = lxml.html.fromstring(page.read_text(encoding="utf-8"))
        section = tree.get_element_by_id("certification")
        assert section is not None
        links = tree.xpath('//a[@data-mc="certificate-MCR-2025-001"]/@href')
        assert len(links) == 1 and (page.parent / links[0]).resolve().is_file()
        mark = tree.xpath('//div[@class="mc-mark"]/img/@src')[0]
        assert (page.parent / mark).resolve().is_file()
        snippet = tree.get_element_by_id("mc-mark-snippet").text
        snippet_tree = lxml.html.fragment_fromstring(snippet)
        assert (
            snippet_tree.get("href")
            == f"https://registry.example.org/{lang}/programs/example-kosen/iot-embedded-systems/"
        )
        assert snippet_tree[0].get("src") == f"{API}marks/example-kosen/iot-embedded-systems.{lang}.svg"
        [check] = tree.xpath("//a[normalize-space()=$label]/@href", label=INTERFACE_TEXT["certification.verify"][lang])
        assert check.endswith(
            f"verify/?achievement=https%3A%2F%2Fregistry.example.org%2Fapi%2Fv1%2Fprograms%2Fexample-kosen%2F"
            f"iot-embedded-systems.achievement.{lang}.json"
        )


def test_no_private_key_material_in_any_output_file(signed):
    site, _, private, output = signed
    assert files_holding_key(site, decode_private_key(private)) == []
    assert private not in output


def test_a_build_without_the_key_publishes_marks_and_no_certificates(built_site):
    assert "No certificates: MCCAT_SIGNING_KEY is not set" in built_site.output
    assert not (built_site.root / "api/v1/certificates").exists()
    assert not (built_site.root / "api/v1/status").exists()
    marks = sorted((built_site.root / "api/v1/marks").rglob("*.svg"))
    assert marks and all(len(path.read_bytes()) < 3000 for path in marks)
    page = built_site.html("en", "programs/example-kosen/iot-embedded-systems/")
    assert "built without the registry" in page and "signing key, so it has no approval certificates" in page
