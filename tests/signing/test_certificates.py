"""Approval certificates (mccat.publish.certificates): what a grant's certificate says, that it validates
against 1EdTech's EndorsementCredential schema, verifies with `mccat verify`'s checks, is revoked through
the status list, keeps its status-list index, and that a retired key's certificates stay valid."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime

import jsonschema
import pytest

from mccat.build.signing import build_signing, preview_key, root_documents
from mccat.cli.main import main
from mccat.publish.certificates import (
    Grant,
    Signer,
    certificate_files,
    did_document_file,
    moved_indexes,
    number_grants,
)
from mccat.publish.signing.check import check_credential
from mccat.publish.signing.keys import RegistryKey, SigningKeyError, key_forms
from mccat.publish.signing.multikey import encode_private_key, encode_public_key
from mccat.publish.urls import Urls
from tests.signing.conftest import VOCAB, make_key, read_json

SITE = "https://registry.example.org/"
DID = "did:web:registry.example.org"
URLS = Urls(SITE)
REGISTRY = {"ja": "マイクロクレデンシャル・レジストリ委員会", "en": "Micro-credential Registry Committee"}
OLD, NEW = make_key("certificates 2025"), make_key("certificates 2026")
KEYS = [
    RegistryKey("key-2025", encode_public_key(OLD.public_key()), date(2025, 1, 1), date(2026, 6, 30)),
    RegistryKey("key-2026", encode_public_key(NEW.public_key()), date(2026, 7, 1)),
]
TITLES = {
    "uni/data": {"ja": "データ分析入門", "en": "Introduction to Data Analysis"},
    "uni/care": {"ja": "介護の基礎", "en": "Foundations of Care"},
}
GRANTS = [
    Grant("MCR-2025-004", "2025-03-14", "uni/data", "2028-03-13", None, 0, False),
    Grant(
        "MCR-2025-010",
        "2025-05-01",
        "uni/care",
        "2028-04-30",
        {"ja": "年1回の報告", "en": "a yearly report"},
        1,
        True,
    ),
]
NOW = datetime(2026, 12, 2, 12, tzinfo=UTC)


def signer(key=NEW, entry=KEYS[1]) -> Signer:
    return Signer(key, entry, DID)


def build(grants=GRANTS, sign_with: Signer | None = None, build_date=date(2026, 12, 2)):
    return certificate_files(
        grants,
        titles=TITLES,
        urls=URLS,
        registry_name=REGISTRY,
        signer=sign_with or signer(),
        build_date=build_date,
    )


def lists_from(files):
    def lists(url: str):
        prefix = URLS.api("")
        content = files.get(url[len(prefix) :]) if url.startswith(prefix) else None
        return json.loads(content) if content is not None else None

    return lists


def check(document, files, keys=KEYS, now=NOW):
    return check_credential(document, did=DID, keys=keys, lists=lists_from(files), now=now)


def test_a_certificate_says_what_the_committee_decided():
    files, endorsements = build()
    cert = json.loads(files["certificates/uni/care/MCR-2025-010.en.json"])
    assert cert["type"] == ["VerifiableCredential", "EndorsementCredential"]
    assert cert["issuer"]["id"] == DID
    assert "マイクロクレデンシャル・レジストリ委員会" in cert["issuer"]["name"]
    assert cert["validFrom"] == "2025-05-01T00:00:00+09:00"
    assert cert["validUntil"] == "2028-04-30T23:59:59+09:00"
    subject = cert["credentialSubject"]
    assert subject["id"] == URLS.achievement("uni/care", "en")
    assert subject["type"] == ["EndorsementSubject"]
    for fact in ("MCR-2025-010", "2025-05-01", "2028-04-30", "a yearly report", "uni/care"):
        assert fact in subject["endorsementComment"]
    assert cert["credentialStatus"]["statusListIndex"] == "1"
    assert isinstance(cert["proof"], list) and cert["proof"][0]["cryptosuite"] == "eddsa-rdfc-2022"
    ja = json.loads(files["certificates/uni/care/MCR-2025-010.ja.json"])
    assert ja["credentialSubject"]["id"] == URLS.achievement("uni/care", "ja")
    assert "年1回の報告" in ja["credentialSubject"]["endorsementComment"]
    assert endorsements["uni/care"]["en"] == [cert]


@pytest.mark.parametrize("schema", ["endorsementcredential-fixed.schema.json", "endorsementcredential.schema.json"])
def test_certificates_validate_against_1edtech_schemas(schema):
    files, _ = build()
    validator_schema = read_json(VOCAB / "openbadges3" / schema)
    cls = jsonschema.validators.validator_for(validator_schema)
    validator = cls(validator_schema, format_checker=cls.FORMAT_CHECKER)
    for path, content in files.items():
        if path.startswith("certificates/"):
            assert [e.message for e in validator.iter_errors(json.loads(content))] == [], path


def test_round_trip_and_revocation():
    files, _ = build()
    good = check(json.loads(files["certificates/uni/data/MCR-2025-004.ja.json"]), files)
    assert good.ok, good.reason
    revoked = check(json.loads(files["certificates/uni/care/MCR-2025-010.ja.json"]), files)
    assert not revoked.ok and "revoked" in revoked.reason
    # reinstatement clears the bit: the same certificate, the next day's status list
    reinstated, _ = build([GRANTS[0], Grant(*[*GRANTS[1].__dict__.values()][:-1], revoked=False)])
    assert check(json.loads(files["certificates/uni/care/MCR-2025-010.ja.json"]), reinstated).ok


def test_expiry_needs_no_revocation():
    files, _ = build()
    document = json.loads(files["certificates/uni/data/MCR-2025-004.en.json"])
    late = check(document, files, now=datetime(2028, 3, 14, 12, tzinfo=UTC))
    assert not late.ok and "expired" in late.reason


@pytest.mark.parametrize(
    "tamper",
    [
        lambda d: d["credentialSubject"].update(endorsementComment=d["credentialSubject"]["endorsementComment"] + "."),
        lambda d: d.update(validUntil="2099-04-30T23:59:59+09:00"),
        lambda d: d["credentialSubject"].update(id=URLS.achievement("uni/care", "en")),
        lambda d: d["proof"][0].update(verificationMethod=f"{DID}#key-2025"),
        lambda d: d["proof"][0].update(created="2026-07-02T00:00:00Z"),
        lambda d: d["issuer"].update(id="did:web:registry.example.org.evil.test"),
        lambda d: d["credentialStatus"].update(statusListIndex="7"),
    ],
)
def test_tampering_is_detected(tamper):
    files, _ = build()
    document = json.loads(files["certificates/uni/data/MCR-2025-004.en.json"])
    assert check(document, files).ok
    changed = copy.deepcopy(document)
    tamper(changed)
    assert not check(changed, files).ok


def test_the_same_input_gives_the_same_bytes():
    assert build()[0] == build()[0]


def test_created_is_the_decision_day_or_the_keys_first_day():
    files, _ = build()
    # decided 2025-03-14, signed by a key that exists from 2026-07-01: created on the key's first day
    document = json.loads(files["certificates/uni/data/MCR-2025-004.en.json"])
    assert document["proof"][0]["created"] == "2026-07-01T00:00:00Z"
    assert document["validFrom"].startswith("2025-03-14")
    files, _ = build(sign_with=signer(OLD, KEYS[0]), build_date=date(2026, 6, 1))
    document = json.loads(files["certificates/uni/care/MCR-2025-010.en.json"])
    assert document["proof"][0]["created"] == "2025-05-01T00:00:00Z"


def test_key_rotation():
    """What the retired key signed in its period stays valid; what it would sign after is refused."""
    old_files, _ = build(sign_with=signer(OLD, KEYS[0]), build_date=date(2026, 6, 1))
    new_files, _ = build()  # the current key signs today's status list
    old = json.loads(old_files["certificates/uni/data/MCR-2025-004.en.json"])
    assert check(old, new_files).ok
    late = Grant("MCR-2026-040", "2026-08-01", "uni/data", "2029-07-31", None, 2, False)
    files, _ = build([*GRANTS, late], sign_with=signer(OLD, KEYS[0]))
    report = check(json.loads(files["certificates/uni/data/MCR-2026-040.en.json"]), new_files)
    assert not report.ok and "key-2025" in report.reason


def test_preview_certificates_say_so_and_do_not_verify():
    private, entry = preview_key(date(2026, 12, 2))
    files, _ = build(sign_with=Signer(private, entry, DID, preview=True))
    document = json.loads(files["certificates/uni/data/MCR-2025-004.ja.json"])
    assert document["name"].startswith("[PREVIEW]")
    assert "プレビュー・無効" in document["credentialSubject"]["endorsementComment"]
    report = check(document, files)
    assert not report.ok and "preview" in report.reason


def test_grants_are_numbered_by_decision_number_and_never_move():
    def key(grant):
        prefix, year, number = grant[0].split("-")
        return prefix, int(year), int(number), grant[1]

    first = number_grants([("MCR-2025-10", "a/x"), ("MCR-2025-9", "a/y"), ("MCR-2025-9", "a/z")], key)
    assert first == {("MCR-2025-9", "a/y"): 0, ("MCR-2025-9", "a/z"): 1, ("MCR-2025-10", "a/x"): 2}
    later = number_grants([*first, ("MCR-2026-1", "b/q")], key)
    assert moved_indexes(first, later) == []
    backdated = number_grants([*first, ("MCR-2025-1", "b/q")], key)
    assert moved_indexes(first, backdated)[0].startswith("MCR-2025-9 / a/y: status-list index 0 -> 1")


def test_did_document_lists_every_key_where_did_web_looks_for_it(tmp_path):
    keys_file = tmp_path / "keys.yaml"
    keys_file.write_text(
        "keys:\n"
        + "".join(
            f"  - id: {k.id}\n    public_key: {k.public_key}\n    created: {k.created}\n"
            + (f"    retired: {k.retired}\n" if k.retired else "")
            for k in KEYS
        ),
        encoding="utf-8",
    )
    env = {"MCCAT_KEYS": str(keys_file)}
    unsigned = build_signing(tmp_path, SITE, date(2026, 12, 2), env)
    assert unsigned.signer is None and "MCCAT_SIGNING_KEY" in unsigned.note
    documents = root_documents(unsigned)
    did_document = json.loads(documents[".well-known/did.json"])
    assert [m["id"] for m in did_document["verificationMethod"]] == [f"{DID}#key-2025", f"{DID}#key-2026"]
    assert did_document_file("did:web:example.github.io:registry") == "did.json"
    signing = build_signing(tmp_path, SITE, date(2026, 12, 2), {**env, "MCCAT_SIGNING_KEY": encode_private_key(NEW)})
    assert signing.signer is not None and signing.signer.entry.id == "key-2026"
    with pytest.raises(SigningKeyError, match="may sign only"):
        build_signing(tmp_path, SITE, date(2026, 12, 2), {**env, "MCCAT_SIGNING_KEY": encode_private_key(OLD)})
    with pytest.raises(SigningKeyError, match="not listed"):
        build_signing(
            tmp_path, SITE, date(2026, 12, 2), {**env, "MCCAT_SIGNING_KEY": encode_private_key(make_key("x"))}
        )
    preview = build_signing(tmp_path, SITE, date(2026, 12, 2), {**env, "MCCAT_SIGNING_KEY": "preview"})
    assert preview.signer is not None and preview.signer.preview
    assert f"{DID}#preview" in root_documents(preview)[".well-known/did.json"].decode()


@pytest.mark.parametrize("spelling", range(7))
def test_keys_scan_finds_the_private_key_in_any_spelling(tmp_path, monkeypatch, capsys, spelling):
    site = tmp_path / "site"
    (site / "api").mkdir(parents=True)
    (site / "api" / "clean.json").write_text('{"public": "' + KEYS[1].public_key + '"}', encoding="utf-8")
    monkeypatch.setenv("MCCAT_SIGNING_KEY", encode_private_key(NEW))
    assert main(["keys", "scan", str(site)]) == 0
    (site / "api" / "leak.txt").write_bytes(b"x" + key_forms(NEW)[spelling] + b"y")
    assert main(["keys", "scan", str(site)]) == 1
    err = capsys.readouterr().err
    assert "leak.txt" in err and "clean.json" not in err and encode_private_key(NEW) not in err
