"""The API signs certificates program by program (mccat.publish.certificates.Certification): a build never
holds every program's signed certificates at once, and the files are the ones signing them all first gives."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mccat.build.signing import preview_key
from mccat.publish import exports
from mccat.publish.certificates import Signer, certificate_files, certified_titles, grants
from mccat.publish.exports import build_api_files
from mccat.publish.publication import Publication
from mccat.publish.signing import data_integrity
from mccat.publish.urls import Urls
from mccat.validation.load import load_catalogue

REPO = Path(__file__).parents[2]
BUILD = date(2026, 12, 1)  # the snapshot's date: the sample shows every state then
URLS = Urls("https://registry.example.org")


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(REPO / "catalogue", today=BUILD)


@pytest.fixture(scope="module")
def signer() -> Signer:
    private, entry = preview_key(BUILD)
    return Signer(private, entry, "did:web:registry.example.org", preview=True)


def test_certificates_are_signed_as_their_program_is_written(catalogue, signer, monkeypatch):
    signed: list[str] = []  # the subject of each certificate signed, in order
    real = data_integrity.sign

    def counting(document, *args, **kwargs):
        if "EndorsementCredential" in document.get("type", ()):  # not a status list
            signed.append(document["credentialSubject"]["id"])
        return real(document, *args, **kwargs)

    monkeypatch.setattr(data_integrity, "sign", counting)
    monkeypatch.setattr(exports, "SIGN_AHEAD", 2)  # runs of two programs (100 in a build: the sample is 33)
    held_when_written: dict[str, int] = {}  # a program's record file: how many certificates were signed then

    def sink(path: str, content: bytes) -> None:
        if path.startswith("programs/") and path.endswith(".json") and ".achievement." not in path:
            held_when_written[path] = len(signed)

    build_api_files(Publication(catalogue, URLS, BUILD), signer=signer, sink=sink)
    total = len(signed)
    assert total > 20 and len(held_when_written) > 10
    first = min(held_when_written.values())
    assert first < total / 4, f"{first} of {total} certificates were signed before the first program's files"
    assert len(signed) == 2 * len(grants(catalogue, BUILD))  # each grant's, in both languages, once


def test_the_files_are_those_of_signing_everything_first(catalogue, signer):
    files = build_api_files(Publication(catalogue, URLS, BUILD), signer=signer).files
    everything, _ = certificate_files(
        grants(catalogue, BUILD),
        titles=certified_titles(catalogue, BUILD),
        urls=URLS,
        registry_name=Publication(catalogue, URLS, BUILD).registry.name,
        signer=signer,
        build_date=BUILD,
    )
    assert everything, "the sample has certificates"
    assert {path: files[path] for path in everything} == everything
