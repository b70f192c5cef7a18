"""What every template may ask, whatever the page: `mc` in the templates.

The page's language and the other ones (for the language switch, hreflang
alternates and the bilingual pages at the site root), where the site lives
(its `Urls`), whether the catalogue is example data, the registry (publisher, contact, data licence),
when each generated page last changed (the sitemap's <lastmod>), and the interface text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from mccat import LANGUAGES
from mccat.model.registry import REGISTRY, RegistryBody
from mccat.publish.urls import Urls
from mccat.site.language import Language
from mccat.site.program_list import is_later_page
from mccat.site.texts import interface_text

LANGUAGE_NAMES = {"ja": "日本語", "en": "English"}


@dataclass(frozen=True)
class SiteLanguage:
    """A language as the language switch names it."""

    code: str
    name: str


@dataclass(frozen=True)
class SiteInfo:
    lang: str
    urls: Urls
    is_example: bool
    registry: RegistryBody = REGISTRY  # publisher, contact and data licence (the footer, the API page)
    lastmod: Mapping[str, str] = field(default_factory=dict)  # page src_uri -> last change (sitemaps)
    # the language's search bundles from the site root (pagefind/ja/, then pagefind/ja-2/... on a large site)
    search_bundles: tuple[str, ...] = ()

    @cached_property
    def language(self) -> Language:
        return Language.of(self.lang)

    @cached_property
    def languages(self) -> tuple[SiteLanguage, ...]:
        return tuple(SiteLanguage(code, LANGUAGE_NAMES[code]) for code in LANGUAGES)

    @cached_property
    def others(self) -> tuple[SiteLanguage, ...]:
        return tuple(language for language in self.languages if language.code != self.lang)

    def t(self, key: str, **values: object) -> str:
        return self.language.t(key, **values)

    def number(self, value: float | int) -> str:
        return self.language.number(value)

    @staticmethod
    def t_in(lang: str, key: str, **values: object) -> str:
        """Interface text in a given language, for the bilingual pages at the site root."""
        return interface_text(key, lang, **values)

    @staticmethod
    def translated(page_url: str | None) -> bool:
        """The page shows the same in every language, so it names its translations (hreflang alternates, in the
        page and the sitemap): every page but the list of every program's pages after the first."""
        return page_url is None or not is_later_page(page_url)

    def alternate_href(self, code: str, page_url: str | None, base_url: str) -> str:
        """A relative link to the same page in language `code` (the language switch); from a page with no
        translation, to the other language's list of every program.

        `base_url` (MkDocs') leads from the page to its language root ("../.." or
        "."; an absolute "/ja/" on error pages), so one more "../" reaches the site root.
        """
        if code != self.lang and not self.translated(page_url):
            page_url = Urls.programs_path()
        return f"{base_url.rstrip('/')}/../{code}/{page_url or ''}"
