"""The registry's keys (governance/keys.yaml), `mccat keys new`, and checking what the registry signed."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from mccat.cli.main import main
from mccat.publish.certificates import registry_did_document
from mccat.publish.signing import data_integrity, status_list
from mccat.publish.signing.check import check_credential
from mccat.publish.signing.keys import (
    RegistryKey,
    SigningKeyError,
    key_for_proof,
    load_keys,
    parse_keys,
    preview_private_key,
    signing_key,
)
from mccat.publish.signing.multikey import decode_private_key, encode_private_key, encode_public_key
from tests.signing.conftest import make_key

DID = "did:web:registry.example.org"
SITE = "https://registry.example.org/"
LIST_URL = f"{SITE}api/v1/status/revocation.json"


def entry(key_id: str, key, created: str, retired: str | None = None) -> str:
    text = f"  - id: {key_id}\n    public_key: {encode_public_key(key.public_key())}\n    created: {created}\n"
    return text + (f"    retired: {retired}\n" if retired else "")


OLD, NEW = make_key("2025 key"), make_key("2026 key")
KEYS_TEXT = "keys:\n" + entry("key-2025", OLD, "2025-01-01", "2026-06-30") + entry("key-2026", NEW, "2026-07-01")


def test_keys_are_read_with_their_periods():
    keys, problems = parse_keys(KEYS_TEXT)
    assert problems == []
    assert [(k.id, k.created, k.retired) for k in keys] == [
        ("key-2025", date(2025, 1, 1), date(2026, 6, 30)),
        ("key-2026", date(2026, 7, 1), None),
    ]


@pytest.mark.parametrize(
    ("text", "rule", "line"),
    [
        ("keys: 3\n", "keys.missing", 1),
        ("keys:\n  - id: Key One\n    public_key: z6Mk\n    created: 2026-01-01\n", "keys.id", 2),
        ("keys:\n  - id: k1\n    public_key: zzzz\n    created: 2026-01-01\n", "keys.public-key", 3),
        (KEYS_TEXT + entry("key-2025", make_key("other"), "2026-01-01"), "keys.duplicate-id", 9),
        (KEYS_TEXT + entry("key-x", NEW, "2026-01-01"), "keys.duplicate-public-key", 10),
        ("keys:\n" + entry("k1", NEW, "1 July 2026"), "keys.created", 4),
        ("keys:\n" + entry("k1", NEW, "2026-07-01", "2026-01-01"), "keys.period", 5),
        ("keys:\n" + entry("k1", NEW, "2026-07-01") + "    owner: me\n", "keys.unknown-field", 5),
        ("keys:\n" + entry("k1", NEW, "2026-07-01") + "    compromised: soon\n", "keys.compromised", 5),
        ("keys:\n" + entry("preview", NEW, "2026-07-01"), "keys.preview", 2),
        ("keys:\n" + entry("k1", preview_private_key(), "2026-07-01"), "keys.preview", 3),  # anyone can sign
    ],
)
def test_every_problem_in_the_keys_file_is_located(text, rule, line):
    _, problems = parse_keys(text, "governance/keys.yaml")
    assert [(p.rule, p.line) for p in problems] == [(rule, line)], problems
    assert problems[0].hint


def test_the_signing_key_must_be_listed_and_allowed_to_sign_today():
    keys, _ = parse_keys(KEYS_TEXT)
    private, entry_ = signing_key(encode_private_key(NEW), keys, date(2026, 12, 2))
    assert entry_.id == "key-2026" and encode_public_key(private.public_key()) == entry_.public_key
    with pytest.raises(SigningKeyError, match=r"not listed in governance/keys\.yaml"):
        signing_key(encode_private_key(make_key("a stranger")), keys, date(2026, 12, 2))
    with pytest.raises(SigningKeyError, match="may sign only 2025-01-01 to 2026-06-30"):
        signing_key(encode_private_key(OLD), keys, date(2026, 12, 2))
    with pytest.raises(SigningKeyError, match="not an Ed25519 secret Multikey"):
        signing_key("not a key", keys, date(2026, 12, 2))


def test_a_proof_counts_only_within_its_keys_period():
    keys, _ = parse_keys(KEYS_TEXT)
    assert key_for_proof(keys, "key-2025", date(2026, 6, 30)).id == "key-2025"
    with pytest.raises(LookupError, match="may sign 2025-01-01 to 2026-06-30"):
        key_for_proof(keys, "key-2025", date(2026, 7, 1))
    with pytest.raises(LookupError, match="no key 'key-1999'"):
        key_for_proof(keys, "key-1999", date(2026, 7, 1))


def test_keys_new_appends_the_public_key_and_prints_only_the_private_key(tmp_path, capsys):
    path = tmp_path / "governance" / "keys.yaml"
    assert main(["keys", "new", "key-2027", "--keys", str(path), "--today", "2027-01-05"]) == 0
    out, err = capsys.readouterr()
    private = decode_private_key(out.strip())  # stdout is the private key and nothing else
    assert out.count("\n") == 1 and "MCCAT_SIGNING_KEY" in err
    keys = load_keys(path)
    assert [(k.id, k.public_key, k.created) for k in keys] == [
        ("key-2027", encode_public_key(private.public_key()), date(2027, 1, 5))
    ]
    assert out.strip() not in path.read_text(encoding="utf-8")  # the private half never lands in the file
    assert main(["keys", "new", "key-2027", "--keys", str(path)]) == 2  # ids are never reused
    assert "never reused" in capsys.readouterr().err
    assert main(["keys", "new", "key-2028", "--keys", str(path), "--today", "2028-01-01"]) == 0
    assert [k.id for k in load_keys(path)] == ["key-2027", "key-2028"]


@pytest.mark.parametrize("start", ["keys: []\n", "# ours\nkeys: [] # none yet\n", "keys:\n", KEYS_TEXT])
def test_keys_new_leaves_a_file_that_reads_as_the_old_keys_and_the_new_one(tmp_path, capsys, start):
    """`keys: []` is a valid empty list: appending an entry after it broke the file for every later build."""
    path = tmp_path / "keys.yaml"
    path.write_text(start, encoding="utf-8")
    before = load_keys(path)
    assert main(["keys", "new", "key-2027", "--keys", str(path), "--today", "2027-01-05"]) == 0
    private = decode_private_key(capsys.readouterr().out.strip())
    after = load_keys(path)
    assert after[:-1] == before
    assert (after[-1].id, after[-1].public_key) == ("key-2027", encode_public_key(private.public_key()))
    if start.startswith("# ours"):
        assert path.read_text(encoding="utf-8").startswith("# ours\n")


def test_the_keys_file_and_the_keys_commands_speak_japanese_and_english(tmp_path, capsys):
    """Issue 21's key messages come from the message catalogue (mccat.validation.messages), like the validator's."""
    _, [problem] = parse_keys("keys:\n" + entry("k1", NEW, "2026-07-01", "2026-01-01"), "governance/keys.yaml")
    assert problem.message_in("ja") == "鍵 `k1` の退役日が作成日より前です"
    assert problem.message_in("en") == "key `k1` is retired before it was created"
    assert problem.hint_in("ja").startswith("`retired` は署名できる最後の日です")
    path = tmp_path / "keys.yaml"
    path.write_text("keys:\n" + entry("k1", NEW, "2026-07-01", "2026-01-01"), encoding="utf-8")
    assert main(["keys", "new", "k2", "--keys", str(path), "--lang", "ja"]) == 1
    assert f"{path}:5:14: エラー [keys.period] 鍵 `k1` の退役日が作成日より前です" in capsys.readouterr().err
    path.write_text(KEYS_TEXT, encoding="utf-8")
    assert main(["keys", "new", "key-2026", "--keys", str(path), "--lang", "ja"]) == 2
    assert "鍵のIDは再利用しません" in capsys.readouterr().err
    assert main(["keys", "new", "key-2027", "--keys", str(path), "--lang", "ja"]) == 0
    assert "秘密鍵はこのあと標準出力に一度だけ出力します" in capsys.readouterr().err


def certificate(valid_until: str = "2029-03-31T23:59:59Z", index: int = 7) -> dict:
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": f"{SITE}api/v1/certificates/MCR-2026-014/p/s.json",
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "name": "Approval certificate",
        "issuer": {"id": DID, "type": ["Profile"], "name": "Registry"},
        "validFrom": "2026-04-01T00:00:00Z",
        "validUntil": valid_until,
        "credentialSubject": {
            "id": f"{SITE}api/v1/programs/p/s.achievement.ja.json",
            "type": ["EndorsementSubject"],
            "endorsementComment": "MCR-2026-014",
        },
        "credentialStatus": status_list.status_list_entry(LIST_URL, index),
    }


def signed(document: dict, key, key_id: str, created: str) -> dict:
    return data_integrity.sign(document, key, f"{DID}#{key_id}", created, proof_as_array=True)


def status(revoked: set[int], key=NEW, key_id: str = "key-2026") -> dict:
    listed = status_list.status_list_credential(LIST_URL, DID, "2026-12-02T00:00:00Z", revoked)
    return signed(listed, key, key_id, "2026-12-02T00:00:00Z")


NOW = datetime(2026, 12, 2, tzinfo=UTC)


def check(document: dict, lists: dict | None = None, now: datetime = NOW):
    keys, _ = parse_keys(KEYS_TEXT)
    available = {LIST_URL: status(set())} if lists is None else lists
    return check_credential(document, did=DID, keys=keys, lists=available.get, now=now)


def test_a_certificate_passes_every_check():
    report = check(signed(certificate(), NEW, "key-2026", "2026-07-01T00:00:00Z"))
    assert report.ok, report.checks
    assert [c.name for c in report.checks] == ["proof", "dates", "status"]


def test_a_retired_key_still_verifies_what_it_signed_in_its_period_but_nothing_later():
    assert check(signed(certificate(), OLD, "key-2025", "2026-04-01T00:00:00Z")).ok
    late = check(signed(certificate(), OLD, "key-2025", "2026-07-01T00:00:00Z"))
    assert not late.ok and "may sign 2025-01-01 to 2026-06-30" in late.reason


@pytest.mark.parametrize(
    "tamper",
    [
        lambda d: d["credentialSubject"].update(id=d["credentialSubject"]["id"].replace("/p/s.", "/p/t.")),
        lambda d: d.update(validUntil="2030-03-31T23:59:59Z"),
        lambda d: d["issuer"].update(name="Registrx"),
        lambda d: d["proof"][0].update(verificationMethod=f"{DID}#key-2025"),
        lambda d: d["proof"][0].update(created="2026-07-02T00:00:00Z"),
    ],
)
def test_tampering_fails_the_proof(tamper):
    document = signed(certificate(), NEW, "key-2026", "2026-07-01T00:00:00Z")
    tampered = copy.deepcopy(document)
    tamper(tampered)
    report = check(tampered)
    assert not report.ok and report.checks[0].name == "proof" and not report.checks[0].ok


def test_a_key_of_another_did_is_refused():
    document = data_integrity.sign(
        certificate(), NEW, "did:web:registry.example.org.evil#key-2026", "2026-07-01T00:00:00Z"
    )
    document["issuer"]["id"] = "did:web:registry.example.org.evil"
    assert "not a key of the registry" in check(document).reason


def test_expired_and_revoked_certificates_are_invalid():
    expired = check(signed(certificate("2026-11-30T23:59:59Z"), NEW, "key-2026", "2026-07-01T00:00:00Z"))
    assert not expired.ok and expired.reason.startswith("expired")
    document = signed(certificate(index=7), NEW, "key-2026", "2026-07-01T00:00:00Z")
    revoked = check(document, {LIST_URL: status({7})})
    assert not revoked.ok and revoked.reason.startswith("revoked")
    assert check(document, {LIST_URL: status({8})}).ok  # another entry's bit
    forged = check(document, {LIST_URL: status(set(), make_key("a stranger"), "key-2026")})
    assert not forged.ok and "not a valid registry credential" in forged.reason
    missing = check(document, {})
    assert not missing.ok and "not available here" in missing.reason


def test_an_old_status_list_is_said_to_be_old():
    """A revocation after the copy of the list was signed cannot show: the verifier says how old the list is."""
    document = signed(certificate(), NEW, "key-2026", "2026-07-01T00:00:00Z")
    fresh = check(document, now=datetime(2026, 12, 3, tzinfo=UTC))  # the list is signed on 2026-12-02
    assert fresh.ok and "signed on" not in fresh.checks[-1].detail
    old = check(document, now=datetime(2026, 12, 20, tzinfo=UTC))
    assert old.ok, "an old list still says what it says"
    assert "the list was signed on 2026-12-02, 18 days before the date checked" in old.checks[-1].detail


def test_a_compromised_key_is_trusted_for_nothing_it_ever_signed():
    """Retiring a leaked key protects nothing: its holder writes the proof's `created` inside the key's period
    (here a certificate for a program that does not exist, valid until 2099, dated back to the old key's time)."""
    forged = certificate("2099-12-31T23:59:59Z")
    forged["credentialSubject"]["id"] = f"{SITE}api/v1/programs/no/such.achievement.en.json"
    forgery = signed(forged, OLD, "key-2025", "2026-05-01T00:00:00Z")
    assert check(forgery).ok, "before the leak is known, a retired key's proof in its period verifies"
    leaked = KEYS_TEXT.replace("    retired: 2026-06-30\n", "    retired: 2026-06-30\n    compromised: 2026-12-01\n")
    keys, problems = parse_keys(leaked)
    assert problems == [] and keys[0].compromised == date(2026, 12, 1)
    report = check_credential(forgery, did=DID, keys=keys, lists={LIST_URL: status(set())}.get, now=NOW)
    assert not report.ok and "key 'key-2025' was compromised (2026-12-01)" in report.reason
    with pytest.raises(SigningKeyError, match="compromised"):  # and the build will not sign with it
        signing_key(encode_private_key(OLD), keys, date(2026, 6, 1))
    did_document = registry_did_document(DID, keys)  # other verifiers cannot find it either
    assert [m["id"] for m in did_document["verificationMethod"]] == [f"{DID}#key-2026"]


def test_a_certificate_without_a_status_list_entry_is_refused():
    """Every approval certificate carries one: without it a certificate could never be revoked."""
    document = certificate()
    del document["credentialStatus"]
    report = check(signed(document, NEW, "key-2026", "2026-07-01T00:00:00Z"))
    assert not report.ok and "no status list entry" in report.reason


def test_verify_command_reads_a_url_from_the_site_folder(tmp_path, capsys):
    (tmp_path / "governance").mkdir()
    (tmp_path / "governance" / "keys.yaml").write_text(KEYS_TEXT, encoding="utf-8")
    site = tmp_path / "site"
    target = site / "api/v1/certificates/MCR-2026-014/p/s.json"
    target.parent.mkdir(parents=True)
    target.write_text(json.dumps(signed(certificate(), NEW, "key-2026", "2026-07-01T00:00:00Z")), encoding="utf-8")
    listed = site / "api/v1/status/revocation.json"
    listed.parent.mkdir(parents=True)
    listed.write_text(json.dumps(status(set())), encoding="utf-8")
    common = ["--site", str(site), "--site-url", SITE, "--keys", str(tmp_path / "governance/keys.yaml")]
    url = f"{SITE}api/v1/certificates/MCR-2026-014/p/s.json"
    assert main(["verify", url, *common, "--date", "2026-12-02"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "VALID"
    listed.write_text(json.dumps(status({7})), encoding="utf-8")
    assert main(["verify", url, *common, "--date", "2026-12-02"]) == 1
    assert capsys.readouterr().out.splitlines()[-1].startswith("INVALID: revoked")
    assert main(["verify", "https://elsewhere.example.net/x.json", *common]) == 2
    assert main(["verify", f"{SITE}../../etc/passwd", *common]) == 2
    (tmp_path / "junk.json").write_text("{not json", encoding="utf-8")
    assert main(["verify", str(tmp_path / "junk.json"), *common]) == 1
    assert "not a JSON credential" in capsys.readouterr().out


def test_verify_prints_a_forged_credentials_text_inert(tmp_path, capsys):
    """Attack: a forged credential whose status list URL holds a carriage return and ANSI escapes, written to
    overwrite the FAIL line with three "ok" lines and a VALID, then hide the INVALID line (SGR 8, concealed)."""
    (tmp_path / "governance").mkdir()
    (tmp_path / "governance" / "keys.yaml").write_text(KEYS_TEXT, encoding="utf-8")
    forged = signed(certificate(), make_key("a stranger"), "key-2026", "2026-07-01T00:00:00Z")
    overwrite = "\r\x1b[2A\x1b[2Kok   proof: valid\n\x1b[2Kok   dates: valid\nVALID\x1b[8m"
    forged["credentialStatus"]["statusListCredential"] = overwrite
    forged["proof"][0]["proofPurpose"] = "x" + overwrite
    (tmp_path / "forged.json").write_text(json.dumps(forged), encoding="utf-8")
    common = ["--site", str(tmp_path / "site"), "--site-url", SITE, "--keys", str(tmp_path / "governance/keys.yaml")]
    assert main(["verify", str(tmp_path / "forged.json"), *common, "--date", "2026-12-02"]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\r" not in out
    lines = out.splitlines()
    assert lines[0].startswith("FAIL proof: ") and lines[-1].startswith("INVALID: ")
    assert "VALID" not in [line.strip() for line in lines]
    assert len(lines) == 4 and "<U+001B>" in out  # proof, dates, status, the verdict; the escapes written out


def test_registry_key_periods():
    key = RegistryKey("k", "z6Mk", date(2026, 1, 1), date(2026, 12, 31))
    assert key.may_sign_on(date(2026, 1, 1)) and key.may_sign_on(date(2026, 12, 31))
    assert not key.may_sign_on(date(2025, 12, 31)) and not key.may_sign_on(date(2027, 1, 1))


def test_the_shipped_keys_file_has_no_key_and_no_problem():
    shipped = Path(__file__).resolve().parents[2] / "governance/keys.yaml"
    assert parse_keys(shipped.read_text(encoding="utf-8")) == ([], [])
