"""The registry's signing keys: public halves in governance/keys.yaml, each with the period it may sign in.

The committee owns governance/keys.yaml. Each entry is one Ed25519 key:

    keys:
      - id: key-2026-12           # fragment of the verification method: did:web:<site>#key-2026-12
        public_key: z6Mk...       # Multikey (base58btc), as `mccat keys new` wrote it
        created: 2026-12-02       # first day it may sign (UTC)
        retired: 2027-12-01       # optional: last day it may sign; what it signed before stays valid
        compromised: 2027-03-04   # optional: the private half leaked (the day it was found): nothing it ever
                                  # signed is trusted, since its holder can date a proof as they like

The private half never enters the repository: `mccat keys new` prints it once, for the publish
workflow's secret, and the build reads it from the environment variable MCCAT_SIGNING_KEY
(`signing_key`). A key whose public half is not listed, or that may not sign on the day, is refused.
A verifier trusts a proof only if its `created` lies within its key's period (`key_for_proof`), and never
a compromised key's: a retired key protects nothing once leaked, as its holder writes the proof's date.
The registry's DID document leaves compromised keys out, so other verifiers refuse them too.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from mccat.publish.signing.multikey import (
    b58encode,
    decode_private_key,
    decode_public_key,
    encode_private_key,
    encode_public_key,
)
from mccat.validation.messages import Shown, Text, render_both, text
from mccat.validation.problems import Problem
from mccat.validation.source import YamlProblem, as_list, as_mapping, parse_yaml

KEYS_FILE = "governance/keys.yaml"
SIGNING_KEY_ENV = "MCCAT_SIGNING_KEY"
PREVIEW = "preview"  # MCCAT_SIGNING_KEY=preview: a throwaway key, every certificate marked "preview, not valid"
PREVIEW_SEED = b"mccat preview signing key: public on purpose, never listed, proves nothing"
KEY_ID = re.compile(r"^[a-z0-9][a-z0-9.-]{0,62}\Z")
DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
HEADER = """\
# The registry's public signing keys (Ed25519, Multikey). Committee-owned: see the page "Certificates and verification".
# `mccat keys new ID` appends an entry and prints the private key once, for the publish workflow's
# secret MCCAT_SIGNING_KEY. Retire a key by adding `retired: YYYY-MM-DD`; never delete an entry
# (certificates it signed must keep verifying).
keys:
"""


class SigningKeyError(Exception):
    """The keys file or the signing key cannot be used; the message says what to do."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


@dataclass(frozen=True)
class RegistryKey:
    id: str
    public_key: str  # Multikey z6Mk...
    created: date
    retired: date | None = None
    compromised: date | None = None  # its private half leaked: it signs nothing, and nothing it signed counts

    def may_sign_on(self, day: date) -> bool:
        return self.compromised is None and self.created <= day and (self.retired is None or day <= self.retired)


def preview_private_key() -> Ed25519PrivateKey:
    """The preview key (MCCAT_SIGNING_KEY=preview): derived from a public seed, so anyone can sign with it."""
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(PREVIEW_SEED).digest())


def parse_keys(source: str, display: str = KEYS_FILE) -> tuple[list[RegistryKey], list[Problem]]:
    """Every key of the file and every problem in it (file:line:column, rule, hint)."""
    try:
        doc = parse_yaml(source, display)
    except YamlProblem as exc:
        return [], [exc.problem]
    problems: list[Problem] = []

    def problem(path: tuple, rule: str, message: Text, hint: Text) -> None:
        line, column = doc.position(path)
        problems.append(Problem(display, line, column, rule, message, hint))

    data = as_mapping(doc.data)
    if isinstance(doc.data, dict) and "keys" in data and data["keys"] is None:
        return [], []  # `keys:` with no entry yet: the file as the repository ships it
    if not isinstance(doc.data, dict) or not isinstance(data.get("keys"), list):
        problem((), "keys.missing", text("keys.missing"), text("hint.keys-missing"))
        return [], problems
    keys: list[RegistryKey] = []
    seen_ids: dict[str, int] = {}
    seen_public: dict[str, int] = {}
    for index, entry in enumerate(as_list(data["keys"])):
        at = ("keys", index)
        item = as_mapping(entry)
        unknown = sorted(set(item) - {"id", "public_key", "created", "retired", "compromised"})
        for name in unknown:
            problem(
                (*at, name),
                "keys.unknown-field",
                text("keys.unknown-field", n=index + 1, name=Shown(name)),
                text("hint.keys-fields"),
            )
        key_id, public, created, retired, compromised = (
            item.get(n) for n in ("id", "public_key", "created", "retired", "compromised")
        )
        if not isinstance(key_id, str) or not KEY_ID.match(key_id):
            problem(
                (*at, "id"),
                "keys.id",
                text("keys.id", n=index + 1),
                text("hint.keys-id"),
            )
            continue
        if key_id in seen_ids:
            problem(
                (*at, "id"),
                "keys.duplicate-id",
                text("keys.duplicate-id", id=Shown(key_id)),
                text("hint.keys-duplicate-id"),
            )
            continue
        seen_ids[key_id] = index
        public = public if isinstance(public, str) else ""
        try:
            decode_public_key(public)
        except ValueError as exc:
            problem(
                (*at, "public_key"),
                "keys.public-key",
                text("keys.public-key", id=Shown(key_id), detail=str(exc)),
                text("hint.keys-public-key"),
            )
            continue
        if key_id == PREVIEW or public == encode_public_key(preview_private_key().public_key()):
            problem(  # anyone can sign with the preview key: listed, it would make forgeries real
                (*at, "id" if key_id == PREVIEW else "public_key"),
                "keys.preview",
                text("keys.preview", id=Shown(key_id)),
                text("hint.keys-preview"),
            )
            continue
        if public in seen_public:
            problem(
                (*at, "public_key"),
                "keys.duplicate-public-key",
                text("keys.duplicate-public-key", id=Shown(key_id)),
                text("hint.keys-duplicate-public-key"),
            )
            continue
        seen_public[public] = index
        days: list[date | None] = []
        for name, value, required in (
            ("created", created, True),
            ("retired", retired, False),
            ("compromised", compromised, False),
        ):
            if value is None and not required:
                days.append(None)
                continue
            try:
                if not isinstance(value, str) or not DAY.match(value):
                    raise ValueError
                days.append(date.fromisoformat(value))
            except ValueError:
                message = text("keys.date", id=Shown(key_id), name=Shown(name))
                problem((*at, name), f"keys.{name}", message, text("hint.date"))
                days.append(None)
        start, end, leaked = days
        if start is None or (compromised is not None and leaked is None):
            continue
        if end is not None and end < start:
            problem(
                (*at, "retired"),
                "keys.period",
                text("keys.period", id=Shown(key_id)),
                text("hint.keys-period"),
            )
            continue
        keys.append(RegistryKey(key_id, public, start, end, leaked))
    return keys, problems


def load_keys(path: Path) -> list[RegistryKey]:
    """The keys of governance/keys.yaml; SigningKeyError listing every problem. No file: no keys."""
    if not path.is_file():
        return []
    keys, problems = parse_keys(path.read_text(encoding="utf-8"), str(path))
    if problems:
        raise SigningKeyError(f"{path} has {len(problems)} problem(s)", problems)
    return keys


def new_key_entry(key_id: str, created: date) -> tuple[Ed25519PrivateKey, str]:
    """A new key pair, and the YAML lines of its entry for governance/keys.yaml."""
    if not KEY_ID.match(key_id):
        raise ValueError(f"'{key_id}' is not a valid key id: lowercase letters, digits, dots and hyphens")
    private = Ed25519PrivateKey.generate()
    public = encode_public_key(private.public_key())
    entry = f"  - id: {key_id}\n    public_key: {public}\n    created: {created.isoformat()}\n"
    return private, entry


def append_entry(path: Path, entry: str) -> None:
    """Add an entry at the end of the keys file (written with its header if it does not exist). The result must
    read as the old keys and the new one; where appending cannot give that (`keys: []`, a flow list), the file
    is written anew from its keys: its leading comments, then every entry. Nothing is written otherwise."""
    content = path.read_text(encoding="utf-8") if path.is_file() else HEADER
    before, _ = parse_keys(content, str(path))
    added, _ = parse_keys("keys:\n" + entry, str(path))
    appended = (content if content.endswith("\n") else content + "\n") + entry
    if parse_keys(appended, str(path)) != ([*before, *added], []):
        comments = "".join(line for line in content.splitlines(keepends=True) if line.startswith("#"))
        appended = comments + "keys:\n" + "".join(_entry_text(key) for key in before) + entry
        if parse_keys(appended, str(path)) != ([*before, *added], []):
            raise SigningKeyError(render_both("keys.cannot-append", {"file": path}) + "\n" + entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(appended, encoding="utf-8")
    partial.replace(path)


def _entry_text(key: RegistryKey) -> str:
    lines = [f"  - id: {key.id}", f"    public_key: {key.public_key}", f"    created: {key.created.isoformat()}"]
    lines += [f"    retired: {key.retired.isoformat()}"] if key.retired else []
    lines += [f"    compromised: {key.compromised.isoformat()}"] if key.compromised else []
    return "\n".join(lines) + "\n"


def signing_key(value: str, keys: list[RegistryKey], today: date) -> tuple[Ed25519PrivateKey, RegistryKey]:
    """The private key from MCCAT_SIGNING_KEY and its entry; refused unless listed and allowed to sign today."""
    try:
        private = decode_private_key(value.strip())
    except ValueError as exc:
        raise SigningKeyError(
            f"{SIGNING_KEY_ENV} が Ed25519 の秘密鍵（Multikey、z3u2...）ではありません：{exc}"
            f"。`mccat keys new` が出力した値をそのまま設定してください。\n"
            f"{SIGNING_KEY_ENV} is not an Ed25519 secret Multikey (z3u2...): {exc}; "
            "set it to the value `mccat keys new` printed"
        ) from None
    public = encode_public_key(private.public_key())
    entry = next((key for key in keys if key.public_key == public), None)
    if entry is None:
        raise SigningKeyError(
            f"{SIGNING_KEY_ENV} の鍵は {KEYS_FILE} に登録されていません。公開鍵（{public}）を"
            "委員会のプルリクエストで登録してください（`mccat keys new` が追記します）。\n"
            f"the key in {SIGNING_KEY_ENV} is not listed in {KEYS_FILE}: add its public half "
            f"({public}) with `mccat keys new` or by hand in a committee pull request"
        )
    if entry.compromised is not None:
        raise SigningKeyError(
            f"{SIGNING_KEY_ENV} の鍵 '{entry.id}' は漏えいした鍵（{entry.compromised}）です。新しい鍵を作り"
            "（`mccat keys new`）、シークレットをその鍵に変えてください。\n"
            f"the key '{entry.id}' in {SIGNING_KEY_ENV} is compromised ({entry.compromised}): create a new key "
            "(`mccat keys new`) and set the secret to it"
        )
    if not entry.may_sign_on(today):
        period = f"{entry.created}" + (f" to {entry.retired}" if entry.retired else " onwards")
        raise SigningKeyError(
            f"{SIGNING_KEY_ENV} の鍵 '{entry.id}' が署名できる期間は {period} で、{today} は含まれません。"
            "シークレットを現在の鍵に変えてください。\n"
            f"the key '{entry.id}' in {SIGNING_KEY_ENV} may sign only {period}, not on {today}: "
            "set the secret to the current key"
        )
    return private, entry


def key_forms(private: Ed25519PrivateKey) -> list[bytes]:
    """Every usual spelling of a private key, as bytes to look for in published files."""
    seed = private.private_bytes_raw()
    forms = [seed, seed.hex().encode(), seed.hex().upper().encode(), encode_private_key(private).encode()]
    forms += [base64.b64encode(seed).rstrip(b"="), base64.urlsafe_b64encode(seed).rstrip(b"=")]
    return [*forms, b58encode(seed).encode()]


def files_holding_key(folder: Path, private: Ed25519PrivateKey) -> list[Path]:
    """Files under `folder` that contain the private key in any usual spelling (none, or a leak)."""
    forms = key_forms(private)
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            content = path.read_bytes()
            if any(form in content for form in forms):
                found.append(path)
    return found


def key_for_proof(keys: list[RegistryKey], key_id: str, created: date) -> RegistryKey:
    """The registry key a proof names, if the proof's `created` day lies within its period; LookupError else."""
    entry = next((key for key in keys if key.id == key_id), None)
    if entry is None:
        raise LookupError(f"no key '{key_id}' in {KEYS_FILE}")
    if entry.compromised is not None:
        raise LookupError(f"key '{key_id}' was compromised ({entry.compromised}): nothing it signed is trusted")
    if not entry.may_sign_on(created):
        period = f"{entry.created}" + (f" to {entry.retired}" if entry.retired else " onwards")
        raise LookupError(f"key '{key_id}' may sign {period}; this proof says it was made on {created}")
    return entry
