"""Checking a credential the registry signed, offline: what `mccat verify` reports.

A credential passes when every check passes:

1. its proof is a valid eddsa-rdfc-2022 Data Integrity proof by the registry's own DID
   (did:web from the site URL) with a key of governance/keys.yaml whose period contains the
   proof's `created` day;
2. it is in force on the day of the check (`validFrom` <= day <= `validUntil`);
3. its status list (if it names one) is itself a valid registry credential and does not set
   its bit (a suspended or withdrawn approval is revoked; expiry needs no bit).

Status lists are read from a folder (the built site, or a downloaded copy): `lists` maps a status
list URL to its document, or returns None when it is not there. Nothing is fetched.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from mccat.publish.signing import data_integrity, status_list
from mccat.publish.signing.keys import RegistryKey, key_for_proof
from mccat.publish.signing.multikey import decode_public_key
from mccat.publish.site_files import STALE_AFTER_DAYS

StatusLists = Callable[[str], Mapping[str, Any] | None]


@dataclass(frozen=True)
class Check:
    name: str  # proof | dates | status
    ok: bool
    detail: str


@dataclass
class Report:
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(check.ok for check in self.checks)

    @property
    def reason(self) -> str:
        """The first failed check's detail, or the last check's when all passed."""
        failed = [check for check in self.checks if not check.ok]
        return (failed or self.checks or [Check("none", False, "nothing was checked")])[0].detail


def _created_day(document: Mapping[str, Any]) -> date | None:
    proofs = document.get("proof")
    proof = proofs[0] if isinstance(proofs, list) and proofs else proofs
    created = proof.get("created") if isinstance(proof, Mapping) else None
    if not isinstance(created, str):
        return None
    try:
        return datetime.fromisoformat(created.replace("Z", "+00:00")).astimezone(UTC).date()
    except ValueError:
        return None


def registry_resolver(did: str, keys: list[RegistryKey], created: date) -> data_integrity.KeyResolver:
    """Public keys of the registry's DID, each only for proofs made within its period."""

    def resolve(verification_method: str) -> Ed25519PublicKey:
        owner, _, key_id = verification_method.partition("#")
        if owner != did:
            raise LookupError(f"{verification_method} is not a key of the registry ({did})")
        return decode_public_key(key_for_proof(keys, key_id, created).public_key)

    return resolve


def check_proof(document: Mapping[str, Any], did: str, keys: list[RegistryKey]) -> Check:
    created = _created_day(document)
    if created is None:
        return Check("proof", False, "the credential has no proof with a `created` date")
    verdict = data_integrity.verify(document, registry_resolver(did, keys, created))
    return Check("proof", verdict.ok, verdict.reason)


def _moment(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def check_dates(document: Mapping[str, Any], now: datetime) -> Check:
    start, end = _moment(document.get("validFrom")), _moment(document.get("validUntil"))
    if start is None:
        return Check("dates", False, "the credential has no valid `validFrom`")
    if now < start:
        return Check("dates", False, f"not yet valid: valid from {document['validFrom']}")
    if "validUntil" in document and end is None:
        return Check("dates", False, "`validUntil` is not a date-time")
    if end is not None and now > end:
        return Check("dates", False, f"expired: valid until {document['validUntil']}")
    until = f" until {document['validUntil']}" if end is not None else ""
    return Check("dates", True, f"valid from {document['validFrom']}{until}")


def check_status(
    document: Mapping[str, Any], did: str, keys: list[RegistryKey], lists: StatusLists, now: datetime | None = None
) -> Check:
    entry = document.get("credentialStatus")
    if entry is None:  # every approval certificate carries one: a credential without it could never be revoked
        return Check("status", False, "no status list entry: a registry certificate always has one")
    if not isinstance(entry, Mapping) or entry.get("type") != "BitstringStatusListEntry":
        return Check("status", False, "`credentialStatus` is not a BitstringStatusListEntry")
    url, index = entry.get("statusListCredential"), entry.get("statusListIndex")
    if not isinstance(url, str) or not isinstance(index, str) or not index.isdigit():
        return Check("status", False, "`credentialStatus` lacks its list URL or index")
    listed = lists(url)
    if listed is None:
        return Check("status", False, f"the status list {url} is not available here (give the site folder)")
    proof = check_proof(listed, did, keys)
    if not proof.ok:
        return Check("status", False, f"the status list {url} is not a valid registry credential: {proof.detail}")
    subject = listed.get("credentialSubject")
    encoded = subject.get("encodedList") if isinstance(subject, Mapping) else None
    purpose = subject.get("statusPurpose") if isinstance(subject, Mapping) else None
    if purpose != entry.get("statusPurpose"):
        return Check("status", False, f"the status list's purpose is {purpose!r}, not {entry.get('statusPurpose')!r}")
    try:
        revoked = status_list.read_status(encoded if isinstance(encoded, str) else "", int(index))
    except ValueError as exc:
        return Check("status", False, f"the status list {url} cannot be read: {exc}")
    if revoked:
        return Check("status", False, f"revoked (status list {url}, entry {index})")
    signed = _created_day(listed)
    age = (now.astimezone(UTC).date() - signed).days if now is not None and signed is not None else 0
    stale = (
        f"; but the list was signed on {signed}, {age} days before the date checked: a revocation since then"
        " would not show in this copy (check against the site as published)"
        if age > STALE_AFTER_DAYS
        else ""
    )
    return Check("status", True, f"not revoked (status list {url}, entry {index}){stale}")


def check_credential(
    document: Mapping[str, Any], *, did: str, keys: list[RegistryKey], lists: StatusLists, now: datetime
) -> Report:
    """Every check of a registry credential, in order; the report says which failed and why."""
    if not isinstance(document, Mapping):
        return Report([Check("proof", False, "not a JSON object")])
    report = Report([check_proof(document, did, keys)])
    report.checks.append(check_dates(document, now))
    report.checks.append(check_status(document, did, keys, lists, now))
    return report
