"""Signed approval certificates, the status list that revokes them, and the registry's DID document.

Each approval decision gives each program it approves one certificate per language: an Open Badges 3.0
EndorsementCredential whose subject is that language's Achievement (issuers' badges point at one of the
two), signed by the registry with an eddsa-rdfc-2022 Data Integrity proof. Renewals, amendments of an
approval and renames (the program carries on under its new id) certify too; suspensions and
withdrawals revoke, through one bit per grant in a Bitstring Status List; a reinstatement clears it.

A grant's status-list index never changes once published: grants are numbered in the order of their
decision ids (prefix, year, number: the committee numbers decisions as it takes them), then of the
programs in the decision (`number_grants`); `moved_indexes` tells a review when a change would renumber
a published grant. The same commit with the same key gives the same bytes: Ed25519 is deterministic,
and the proof's `created` is a date the data fixes (the later of the decision's date and the first
day of the key's period), not the time of the build.

Nothing here reads the environment: the build hands in a `Signer` (mccat.publish.signing.keys).
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from mccat import LANGUAGES
from mccat.model.catalogue import Catalogue
from mccat.model.decisions import Decision, decision_number
from mccat.publish.canonical_json import json_bytes
from mccat.publish.marks import mark_file, mark_state, mark_svg
from mccat.publish.signing import data_integrity, did_web, status_list
from mccat.publish.signing.keys import RegistryKey
from mccat.publish.signing.multikey import decode_public_key
from mccat.publish.urls import Urls

OB3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CREDENTIAL_CONTEXTS = [status_list.CREDENTIALS_V2, OB3_CONTEXT]
CERTIFYING_EVENTS = ("approved", "renewed", "amended")  # events of the life cycle that give a certificate
REVOKING = ("suspended", "withdrawn")  # standings whose grants are revoked
ENTRIES = status_list.MIN_ENTRIES  # grants per status list file
JST = "+09:00"  # decisions are dated in Japan

PREVIEW_MARK = {
    "ja": "【プレビュー・無効】この証明書はプルリクエストのプレビュー用で、レジストリ委員会の認定を証明しません。",
    "en": "[PREVIEW, NOT VALID] This certificate belongs to a pull-request preview and proves no approval.",
}
TEXTS = {
    "name": {"ja": "認定証明書 {decision}：{title}", "en": "Approval certificate {decision}: {title}"},
    "approved": {
        "ja": "{registry}は、このマイクロクレデンシャル（{program}）を決定 {decision}（{date}）により認定しました。",
        "en": "{registry} approved this micro-credential ({program}) by decision {decision} of {date}.",
    },
    "valid_until": {"ja": "認定の有効期限：{until}。", "en": "The approval is valid until {until}."},
    "conditions": {"ja": "条件：{conditions}", "en": "Conditions: {conditions}"},
}


@dataclass(frozen=True)
class Grant:
    """One program certified by one decision, and what its certificate says."""

    decision: str  # decision id, e.g. MCR-2026-014
    date: str  # the decision's date, YYYY-MM-DD
    program: str  # the program id the certificate names (for a rename: the new id)
    valid_until: str | None  # last day of the approval, YYYY-MM-DD
    conditions: Mapping[str, str] | None
    index: int  # the grant's bit in the status lists, for ever
    revoked: bool  # the program's approval is suspended or withdrawn today


@dataclass(frozen=True)
class Signer:
    """A private key the build may sign with, its entry in governance/keys.yaml, the registry's DID."""

    key: Ed25519PrivateKey
    entry: RegistryKey
    did: str
    preview: bool = False  # a throwaway key: every certificate says it proves nothing

    @property
    def method(self) -> str:
        return f"{self.did}#{self.entry.id}"

    def created(self, day: str) -> str:
        """The proof's `created`: the decision's day, or the key's first day if that is later."""
        signed_on = max(date.fromisoformat(day), self.entry.created)
        return f"{signed_on.isoformat()}T00:00:00Z"


def number_grants(
    certified: Iterable[tuple[str, str]], key: Callable[[tuple[str, str]], Any]
) -> dict[tuple[str, str], int]:
    """Index of each (decision id, program id) grant, in the order of `key` (decision numbers first)."""
    return {grant: index for index, grant in enumerate(sorted(certified, key=key))}


def moved_indexes(before: Mapping[tuple[str, str], int], after: Mapping[tuple[str, str], int]) -> list[str]:
    """Grants published before whose index a change would move or drop (their certificates would break)."""
    return [
        f"{decision} / {program}: status-list index {index} -> {after.get((decision, program), 'none')}"
        for (decision, program), index in sorted(before.items(), key=lambda item: item[1])
        if after.get((decision, program)) != index
    ]


def status_list_file(index: int) -> str:
    """The status list holding a grant's bit, relative to /api/v1/."""
    return f"status/{index // ENTRIES}.json"


def certificate_file(program_id: str, decision: str, lang: str) -> str:
    return f"certificates/{program_id}/{decision}.{lang}.json"


def certificate(
    grant: Grant, *, lang: str, title: str, urls: Urls, registry_name: Mapping[str, str], preview: bool, did: str
) -> dict[str, Any]:
    """The unsigned EndorsementCredential of one grant in one language."""
    texts = {name: text[lang] for name, text in TEXTS.items()}
    comment = [
        texts["approved"].format(
            registry=registry_name[lang], program=grant.program, decision=grant.decision, date=grant.date
        )
    ]
    if grant.valid_until:
        comment.append(texts["valid_until"].format(until=grant.valid_until))
    if grant.conditions and grant.conditions.get(lang):
        comment.append(texts["conditions"].format(conditions=grant.conditions[lang]))
    if preview:
        comment.insert(0, PREVIEW_MARK[lang])
    joiner = "" if lang == "ja" else " "
    list_url = urls.api(status_list_file(grant.index))
    document: dict[str, Any] = {
        "@context": list(CREDENTIAL_CONTEXTS),
        "id": urls.api(certificate_file(grant.program, grant.decision, lang)),
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "name": ("[PREVIEW] " if preview else "") + texts["name"].format(decision=grant.decision, title=title),
        "issuer": {
            "id": did,
            "type": ["Profile"],
            "name": " / ".join(registry_name[code] for code in LANGUAGES),
            "url": urls.root,
        },
        "validFrom": f"{grant.date}T00:00:00{JST}",
    }
    if grant.valid_until:
        document["validUntil"] = f"{grant.valid_until}T23:59:59{JST}"
    document["credentialSubject"] = {
        "id": urls.achievement(grant.program, lang),
        "type": ["EndorsementSubject"],
        "endorsementComment": joiner.join(comment),
    }
    document["credentialStatus"] = status_list.status_list_entry(list_url, grant.index)
    return document


def did_document_file(did: str) -> str:
    """Where the site publishes its DID document, relative to the site's root (the did:web spec's place:
    /.well-known/did.json for a site at a host's root, did.json under the site's own path otherwise)."""
    return ".well-known/did.json" if ":" not in did[len("did:web:") :] else "did.json"


def registry_did_document(did: str, keys: Iterable[RegistryKey], extra: RegistryKey | None = None) -> dict[str, Any]:
    """Every key of governance/keys.yaml, retired ones too: what they signed in their period stays valid
    (`mccat verify` checks the period; a generic verifier sees only the keys). Not a compromised key: its
    holder could sign anything, dated as they like."""
    listed = [key for key in keys if key.compromised is None] + ([extra] if extra is not None else [])
    return did_web.did_document(did, {key.id: decode_public_key(key.public_key) for key in listed})


def signed_certificate(
    grant: Grant, lang: str, *, title: str, urls: Urls, registry_name: Mapping[str, str], signer: Signer
) -> tuple[str, dict[str, Any]]:
    """One grant's certificate in one language, signed: its path relative to /api/v1/, and the document."""
    unsigned = certificate(
        grant,
        lang=lang,
        title=title,
        urls=urls,
        registry_name=registry_name,
        preview=signer.preview,
        did=signer.did,
    )
    signed = data_integrity.sign(unsigned, signer.key, signer.method, signer.created(grant.date), proof_as_array=True)
    return certificate_file(grant.program, grant.decision, lang), signed


def status_list_files(
    grants: Iterable[Grant], *, titles: Container[str], urls: Urls, signer: Signer, build_date: date
) -> dict[str, bytes]:
    """The signed status lists, by path relative to /api/v1/: the bit of a revoked grant of a program the site
    shows (`titles`) is set."""
    grants = list(grants)
    revoked: dict[int, list[int]] = {}
    for grant in grants:
        if grant.revoked and grant.program in titles:
            revoked.setdefault(grant.index // ENTRIES, []).append(grant.index % ENTRIES)
    files: dict[str, bytes] = {}
    for number in range(max((g.index for g in grants), default=-1) // ENTRIES + 1):
        path = f"status/{number}.json"
        unsigned = status_list.status_list_credential(
            urls.api(path), signer.did, f"{build_date.isoformat()}T00:00:00Z", revoked.get(number, ())
        )
        created = max(build_date, signer.entry.created).isoformat() + "T00:00:00Z"
        files[path] = json_bytes(data_integrity.sign(unsigned, signer.key, signer.method, created))
    return files


def certificate_files(
    grants: Iterable[Grant],
    *,
    titles: Mapping[str, Mapping[str, str]],
    urls: Urls,
    registry_name: Mapping[str, str],
    signer: Signer,
    build_date: date,
) -> tuple[dict[str, bytes], dict[str, dict[str, list[dict[str, Any]]]]]:
    """Signed certificates and status lists by path relative to /api/v1/, and each program's signed
    certificates by language (for its Achievement's `endorsement`), all at once (a build signs program by
    program: Certification)."""
    files: dict[str, bytes] = {}
    endorsements: dict[str, dict[str, list[dict[str, Any]]]] = {}
    grants = list(grants)
    for grant in grants:
        if grant.program not in titles:
            continue  # a program whose file is gone keeps its certificate only while its page stays
        for lang in LANGUAGES:
            path, signed = signed_certificate(
                grant, lang, title=titles[grant.program][lang], urls=urls, registry_name=registry_name, signer=signer
            )
            files[path] = json_bytes(signed)
            endorsements.setdefault(grant.program, {}).setdefault(lang, []).append(signed)
    return files | status_list_files(
        grants, titles=titles, urls=urls, signer=signer, build_date=build_date
    ), endorsements


def _number(decision_id: str) -> tuple[str, int, int]:
    return decision_number(decision_id) or (decision_id, 0, 0)


def certified_titles(catalogue: Catalogue, today: date) -> dict[str, Mapping[str, str]]:
    """The programs the site shows, by id, with their titles: those with a file, and the tombstones."""
    titles: dict[str, Mapping[str, str]] = {pid: p.data["title"] for pid, p in catalogue.programs.items()}
    for tombstone in catalogue.tombstones(today).values():
        if tombstone.record is not None:
            titles[tombstone.id] = tombstone.record.title
    return titles


def grants(catalogue: Catalogue, today: date) -> list[Grant]:
    """Every grant the register has made by `today`: each approval, renewal and amendment of an approval
    of each program the site shows (with its file, or as a tombstone), numbered for ever.

    A renamed program carries its approvals under its new id: those grants are new, numbered after every
    earlier one (anchored on the rename's number), and the old id's stay as they were. A grant is revoked
    while the program, under its current id, is suspended or withdrawn."""
    found: dict[tuple[str, str], tuple[tuple, Decision, str | None]] = {}
    for program_id in certified_titles(catalogue, today):
        state = catalogue.lifecycle(program_id, today)
        rename = next((d for d in state.decisions if d.kind == "rename" and d.renamed_to == program_id), None)
        for event in state.events:
            decision = event.decision
            if event.kind not in CERTIFYING_EVENTS or decision is None:
                continue
            inherited = event.program != program_id and rename is not None
            anchor = rename.id if inherited and rename is not None else decision.id
            position = decision.programs.index(event.program) if event.program in decision.programs else 0
            key = (_number(anchor), _number(decision.id), position, program_id)
            found[(decision.id, program_id)] = (key, decision, event.valid_until)
    order = number_grants(found, key=lambda grant: found[grant][0])
    result = []
    for (decision_id, program_id), index in sorted(order.items(), key=lambda item: item[1]):
        _, decision, valid_until = found[(decision_id, program_id)]
        now = catalogue.lifecycle(catalogue.current_id(program_id, today), today).state
        result.append(
            Grant(decision_id, decision.date, program_id, valid_until, decision.conditions, index, now in REVOKING)
        )
    return result


class Certification:
    """What the registry publishes to prove its approvals: signed certificates and status lists (with a
    key), and a certification mark per program and language (always), by path relative to /api/v1/.

    Certificates are signed a run of programs ahead of the API (`sign_ahead`), or when it asks for a
    program's (`endorsements`), and let go once its files are taken (`take`): signing them all first held
    256 MB of signed documents at 20,000 programs. A program's marks are made when they are taken
    (`take_marks`; made first, they held 35 MB at 20,000 programs). `files` holds the status lists."""

    def __init__(
        self,
        files: dict[str, bytes],
        marked: Mapping[str, tuple[str, str | None]] | None = None,
        *,
        grants: Iterable[Grant] = (),
        titles: Mapping[str, Mapping[str, str]] | None = None,
        urls: Urls | None = None,
        registry_name: Mapping[str, str] | None = None,
        signer: Signer | None = None,
    ) -> None:
        self.files = files
        self.marked = frozenset(marked or ())  # programs with a mark
        self._marks = dict(marked or {})  # program -> the state and end date its marks show, until taken
        self._titles = titles or {}
        self._urls, self._registry_name, self._signer = urls, registry_name or {}, signer
        self._pending: dict[str, list[Grant]] = {}  # by program, in grant order: not signed yet
        for grant in grants if signer is not None else ():
            if grant.program in self._titles:  # a program whose file is gone keeps its certificate only while
                self._pending.setdefault(grant.program, []).append(grant)  # its page stays
        self._signed: dict[str, dict[str, list[tuple[str, dict[str, Any]]]]] = {}  # asked for, not taken

    def sign_ahead(self, program_ids: Iterable[str]) -> None:
        """Sign these programs' certificates now, one after the other, before their files are made: signing in
        runs keeps pyld's caches warm (the API at 1,000 programs: 6.54 CPU s signing one program at a time
        between the other files, 5.78 in runs of 100; bench/README.md)."""
        for program_id in program_ids:
            self._sign(program_id)

    def endorsements(self, program_id: str) -> dict[str, list[dict[str, Any]]]:
        """The program's signed certificates by language, in grant order (signed on first asking)."""
        return {lang: [doc for _, doc in signed] for lang, signed in self._sign(program_id).items()}

    def take(self, program_id: str) -> dict[str, bytes]:
        """The program's certificate files, by path; afterwards the program's certificates are let go."""
        signed = self._sign(program_id)
        self._signed.pop(program_id, None)
        return {path: json_bytes(doc) for by_lang in signed.values() for path, doc in by_lang}

    def take_marks(self, program_id: str) -> dict[str, bytes]:
        """The program's mark files, by path (none if it has no mark, or they were taken)."""
        taken = self._marks.pop(program_id, None)
        if taken is None:
            return {}
        state, valid_until = taken
        return {
            mark_file(program_id, lang): mark_svg(
                program_id=program_id, lang=lang, state=state, valid_until=valid_until
            ).encode("utf-8")
            for lang in LANGUAGES
        }

    def rest(self) -> dict[str, bytes]:
        """The certificate files of the programs never taken (none when the API goes through every program)."""
        files: dict[str, bytes] = {}
        for program_id in sorted(self._pending.keys() | self._signed.keys()):
            files |= self.take(program_id)
        return files

    def _sign(self, program_id: str) -> dict[str, list[tuple[str, dict[str, Any]]]]:
        grants = self._pending.pop(program_id, None)
        if grants is not None and self._signer is not None and self._urls is not None:
            title = self._titles[program_id]
            self._signed[program_id] = {
                lang: [
                    signed_certificate(
                        grant,
                        lang,
                        title=title[lang],
                        urls=self._urls,
                        registry_name=self._registry_name,
                        signer=self._signer,
                    )
                    for grant in grants
                ]
                for lang in LANGUAGES
            }
        return self._signed.get(program_id, {})

    def achievement_extras(self, program_id: str, lang: str, urls: Urls) -> dict[str, Any]:
        """The Achievement's `image` (its mark) and `endorsement` (its signed certificates)."""
        extras: dict[str, Any] = {}
        if program_id in self.marked:
            extras["image"] = {
                "id": urls.api(mark_file(program_id, lang)),
                "type": "Image",
                "caption": MARK_CAPTION[lang],
            }
        signed = self.endorsements(program_id).get(lang)
        if signed:
            extras["endorsement"] = signed
        return extras

    def links(self, program_id: str, urls: Urls) -> dict[str, Any]:
        """The record's links to the program's certificates and marks."""
        links: dict[str, Any] = {}
        signed = self.endorsements(program_id)
        if signed:
            links["certificates"] = {lang: [c["id"] for c in signed.get(lang, [])] for lang in LANGUAGES}
        if program_id in self.marked:
            links["mark"] = {lang: urls.api(mark_file(program_id, lang)) for lang in LANGUAGES}
        return links


MARK_CAPTION = {"ja": "マイクロクレデンシャル・レジストリの認定マーク", "en": "The registry's certification mark"}


def certification(
    catalogue: Catalogue,
    *,
    urls: Urls,
    today: date,
    signer: Signer | None,
    registry_name: Mapping[str, str],
) -> Certification:
    """Marks for every program the site shows; with a signer, certificates and status lists too."""
    titles = certified_titles(catalogue, today)
    marked = {}
    for program_id in titles:
        state = catalogue.lifecycle(catalogue.current_id(program_id, today), today)
        marked[program_id] = (mark_state(state.state), state.valid_until)
    if signer is None:
        return Certification({}, marked)
    granted = grants(catalogue, today)
    files = status_list_files(granted, titles=titles, urls=urls, signer=signer, build_date=today)
    return Certification(
        files,
        marked,
        grants=granted,
        titles=titles,
        urls=urls,
        registry_name=registry_name,
        signer=signer,
    )
