"""The public URL scheme (DESIGN.md): pages per language and the machine-readable files under /api/v1/.

URLs are public API. Every absolute URL and every JSON-LD `@id` the core
publishes is built here, from the site's base URL, so that a page, its
embedded JSON-LD and the files under /api/v1/ always agree.

    /{lang}/programs/{provider}/{slug}/           program page
    /{lang}/providers/{provider}/                 provider page
    /api/v1/programs/{provider}/{slug}.jsonld     schema.org, both languages
    /api/v1/programs/{provider}/{slug}.json       plain JSON record
    /api/v1/programs/{provider}/{slug}.achievement.{lang}.json   Open Badges 3.0 Achievement
    /api/v1/providers/{provider}.jsonld           schema.org Organization
    /api/v1/vocabularies.jsonld                   controlled vocabularies as DefinedTermSets
    /api/v1/catalogue.jsonld | .json | .csv       everything at once
    /api/v1/changes.json, feed.{lang}.atom        approvals and changes
    /api/v1/schemas/{name}.schema.json            the JSON Schemas
"""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

API_PATH = "api/v1"


@cache  # every absolute URL of an export starts with it
def base_url(site_url: str) -> str:
    """The site URL without its trailing slash; refuses anything but an absolute http(s) URL."""
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"site_url must be an absolute http(s) URL without query or fragment, got {site_url!r}")
    return site_url.rstrip("/")


def page_url(site_url: str, lang: str, program_id: str) -> str:
    return f"{base_url(site_url)}/{lang}/programs/{program_id}/"


def provider_page_url(site_url: str, lang: str, provider_id: str) -> str:
    return f"{base_url(site_url)}/{lang}/providers/{provider_id}/"


def home_url(site_url: str, lang: str) -> str:
    return f"{base_url(site_url)}/{lang}/"


def api_url(site_url: str, path: str) -> str:
    """An absolute URL under /api/v1/; `path` is relative to it ("catalogue.csv")."""
    return f"{base_url(site_url)}/{API_PATH}/{path}"


def program_file(program_id: str, suffix: str) -> str:
    """A program's file path relative to /api/v1/ ("programs/p/s" + suffix)."""
    return f"programs/{program_id}{suffix}"


def program_jsonld_url(site_url: str, program_id: str) -> str:
    return api_url(site_url, program_file(program_id, ".jsonld"))


def program_json_url(site_url: str, program_id: str) -> str:
    return api_url(site_url, program_file(program_id, ".json"))


def achievement_url(site_url: str, program_id: str, lang: str) -> str:
    """The Achievement's URL, which is also its `id`: issuers' badges point here."""
    return api_url(site_url, program_file(program_id, f".achievement.{lang}.json"))


def provider_jsonld_url(site_url: str, provider_id: str) -> str:
    return api_url(site_url, f"providers/{provider_id}.jsonld")


# Stable identifiers of things (not documents): a fragment of the document that describes them.

def program_iri(site_url: str, program_id: str) -> str:
    return program_jsonld_url(site_url, program_id) + "#program"


def credential_iri(site_url: str, program_id: str) -> str:
    return program_jsonld_url(site_url, program_id) + "#credential"


def provider_iri(site_url: str, provider_id: str) -> str:
    return provider_jsonld_url(site_url, provider_id) + "#organization"


def registry_iri(site_url: str) -> str:
    return api_url(site_url, "catalogue.jsonld") + "#registry"


def vocabulary_iri(site_url: str, vocabulary: str) -> str:
    return api_url(site_url, "vocabularies.jsonld") + f"#{vocabulary}"


def term_iri(site_url: str, vocabulary: str, code: str) -> str:
    return vocabulary_iri(site_url, vocabulary) + f"/{code}"
