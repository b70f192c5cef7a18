"""The public URL scheme: every URL the registry publishes, from one object.

URLs are public API. Pages, their embedded JSON-LD, the compare tool and the
files under /api/v1/ all take their URLs from one `Urls`, built once per
build from `site_url`, so they always agree.

    /{lang}/                                      home page of a language
    /{lang}/programs/                             every program (page 1 of the list)
    /{lang}/programs/{n}/                         page n (2, 3, ...) of the list, when it has more than 500 programs
    /{lang}/programs/{provider}/{slug}/           program page
    /{lang}/providers/{provider}/                 provider page
    /{lang}/fields/{code}/                        programs of an ISCED-F field
    /{lang}/compare/{code}/                       comparison table of a field
    /{lang}/compare/data/{provider}/{slug}.json   the compare tool's data for one program
    /{lang}/decisions/                            the committee's decisions: the newest, and every month that has any
    /{lang}/decisions/{YYYY}-{MM}/#{ID}           a decision, at its anchor on the page of its date's month (its
                                                  date never changes, so neither does its address)
    /{lang}/search/?q=...&{filter}={code}&sort=...  the search page, its state in the query (codes, the same
                                                  in both languages)
    /api/v1/programs/{provider}/{slug}.jsonld     schema.org, both languages
    /api/v1/programs/{provider}/{slug}.json       plain JSON record
    /api/v1/programs/{provider}/{slug}.achievement.{lang}.json   Open Badges 3.0 Achievement
    /api/v1/programs/{provider}/{slug}.elm.jsonld  Europass: European Learning Model v3 (LOQ profile)
    /api/v1/programs/{provider}/{slug}.ctdl.json   Credential Engine: CTDL @graph
    /api/v1/providers/{provider}.jsonld           schema.org Organization
    /api/v1/vocabularies.jsonld                   controlled vocabularies as DefinedTermSets
    /api/v1/catalogue.json | .csv                 everything at once (.csv-metadata.json describes the CSV)
    /api/v1/catalogue.jsonld                      the registry, its files and every program by reference
    /api/v1/catalogue.full.jsonld.gz | .elm.jsonld.gz | .ctdl.json.gz   every program in schema.org, ELM, CTDL
    /api/v1/index.json                            every file with its size, SHA-256 and dateModified
    /api/v1/changes.json, feed.{lang}.atom        decisions, expiries and content changes
    /api/v1/decisions.json                        the committee's decisions
    /api/v1/schemas/{name}.schema.json            the JSON Schemas

Two kinds of value come out of it:

- absolute URLs (`root`, `home`, `page`, `program_page`, `api`, ...): for
  data that leaves the site (JSON-LD, feeds, hreflang, sitemaps);
- paths inside a language (`program_path`, `field_path`, ...): what a page
  links to, relative to its language's root ("programs/p/s/"); MkDocs turns
  them into links relative to the page.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode, urlsplit

API_PATH = "api/v1"
COMPARE_DATA = "compare/data"
CTDL_REGISTRY = "https://credentialengineregistry.org/resources/"  # where Credential Engine publishes records


class Urls:
    """The URLs of one site.

    `root` is the site's root URL, above /ja/ and /en/, always ending in "/"
    ("https://example.org/registry/"): every absolute URL starts with it. (MkDocs'
    own `base_url` template variable is something else: the relative path from
    a page up to its language's root.)
    """

    def __init__(self, site_url: str):
        parts = urlsplit(site_url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            raise ValueError(f"site_url must be an absolute http(s) URL without query or fragment, got {site_url!r}")
        self.root = site_url.rstrip("/") + "/"

    def __repr__(self) -> str:
        return f"Urls({self.root!r})"

    @property
    def root_path(self) -> str:
        """The root's path on its host ("/" or "/registry/"), for pages that cannot link relatively (404)."""
        return urlsplit(self.root).path or "/"

    # -- paths inside a language's root (what pages link to)

    @staticmethod
    def program_path(program_id: str) -> str:
        return f"programs/{program_id}/"

    @staticmethod
    def provider_path(provider_id: str) -> str:
        return f"providers/{provider_id}/"

    @staticmethod
    def field_path(code: str) -> str:
        return f"fields/{code}/"

    @staticmethod
    def compare_field_path(code: str) -> str:
        return f"compare/{code}/"

    @staticmethod
    def decisions_path(month: str | None = None) -> str:
        """The decisions register's index, or the page of one month ("2026-11": Urls.decision_month)."""
        return f"decisions/{month}/" if month else "decisions/"

    @staticmethod
    def decision_month(day: str) -> str:
        """The month whose page holds the decisions dated `day` (YYYY-MM-DD): "2026-11"."""
        return day[:7]

    @staticmethod
    def decision_path(decision_id: str, day: str) -> str:
        """A decision dated `day` (YYYY-MM-DD, the decision's date): its anchor (its id) on the page of that
        day's month. Both are needed: the month is the page."""
        return f"{Urls.decisions_path(Urls.decision_month(day))}#{decision_id}"

    @staticmethod
    def programs_path(page: int = 1) -> str:
        """The list of every program: page 1 at programs/, page n at programs/{n}/ (mccat.site.program_list). A
        program page is always two folders deep (programs/{provider}/{slug}/), so a list page is never one, even
        where a provider's id is a number."""
        return "programs/" if page == 1 else f"programs/{page}/"

    @staticmethod
    def search_path(params: Iterable[tuple[str, str]] = ()) -> str:
        """The search page with filters set: search_path([("mode", "online"), ("mode", "blended")])."""
        query = urlencode(list(params))
        return f"search/?{query}" if query else "search/"

    @staticmethod
    def compare_data_path(program_id: str) -> str:
        """The compare tool's file for one program."""
        return f"{COMPARE_DATA}/{program_id}.json"

    @staticmethod
    def api_path_from_language(path: str) -> str:
        """A file under /api/v1/ as a language's pages link to it: /api/v1/ is beside /ja/ and /en/."""
        return f"../{API_PATH}/{path}"

    @staticmethod
    def program_file(program_id: str, suffix: str) -> str:
        """A program's file path relative to /api/v1/ ("programs/p/s" + suffix)."""
        return f"programs/{program_id}{suffix}"

    @staticmethod
    def provider_file(provider_id: str) -> str:
        return f"providers/{provider_id}.jsonld"

    # -- absolute URLs of pages

    def home(self, lang: str) -> str:
        return f"{self.root}{lang}/"

    def page(self, lang: str, path: str | None = "") -> str:
        """A page by its path inside a language ("" is the language's home)."""
        return f"{self.root}{lang}/{path or ''}"

    def program_page(self, lang: str, program_id: str) -> str:
        return self.page(lang, self.program_path(program_id))

    def provider_page(self, lang: str, provider_id: str) -> str:
        return self.page(lang, self.provider_path(provider_id))

    def decision_page(self, lang: str, decision_id: str, day: str) -> str:
        """A decision on its month's page (decision_path), as an absolute URL."""
        return self.page(lang, self.decision_path(decision_id, day))

    # -- absolute URLs of files under /api/v1/

    def api(self, path: str) -> str:
        """An absolute URL under /api/v1/; `path` is relative to it ("catalogue.csv")."""
        return f"{self.root}{API_PATH}/{path}"

    def program_jsonld(self, program_id: str) -> str:
        return self.api(self.program_file(program_id, ".jsonld"))

    def program_json(self, program_id: str) -> str:
        return self.api(self.program_file(program_id, ".json"))

    def achievement(self, program_id: str, lang: str) -> str:
        """The Achievement's URL, which is also its `id`: issuers' badges point here."""
        return self.api(self.program_file(program_id, f".achievement.{lang}.json"))

    def provider_jsonld(self, provider_id: str) -> str:
        return self.api(self.provider_file(provider_id))

    def program_elm(self, program_id: str) -> str:
        return self.api(self.program_file(program_id, ".elm.jsonld"))

    def program_ctdl(self, program_id: str) -> str:
        return self.api(self.program_file(program_id, ".ctdl.json"))

    def schema(self, file_name: str) -> str:
        """A published JSON Schema's URL, which is also its `$id`."""
        return self.api(f"schemas/{file_name}")

    # -- identifiers of things (not documents): a fragment of the document that describes them

    def program_iri(self, program_id: str) -> str:
        return self.program_jsonld(program_id) + "#program"

    def program_part_iri(self, program_id: str, fragment: str) -> str:
        """A node of the program's schema.org document: "offering-2026-04-01", "outcome-1", "assessment", ..."""
        return f"{self.program_jsonld(program_id)}#{fragment}"

    def provider_part_iri(self, provider_id: str, fragment: str) -> str:
        return f"{self.provider_jsonld(provider_id)}#{fragment}"

    def elm_iri(self, program_id: str, fragment: str) -> str:
        """A node of the program's ELM document: "specification", "assessment", "opportunity-2026-04-01", ..."""
        return f"{self.program_elm(program_id)}#{fragment}"

    @staticmethod
    def ctdl_resource(ctid: str) -> str:
        """A record in the Credential Registry, by its CTID (how CTDL names resources, ours included)."""
        return CTDL_REGISTRY + ctid

    def credential_iri(self, program_id: str) -> str:
        return self.program_jsonld(program_id) + "#credential"

    def provider_iri(self, provider_id: str) -> str:
        return self.provider_jsonld(provider_id) + "#organization"

    def registry_iri(self) -> str:
        return self.api("catalogue.jsonld") + "#registry"

    def vocabulary_iri(self, vocabulary: str) -> str:
        return self.api("vocabularies.jsonld") + f"#{vocabulary}"

    def term_iri(self, vocabulary: str, code: str) -> str:
        return self.vocabulary_iri(vocabulary) + f"/{code}"
