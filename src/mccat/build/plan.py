"""The plan of one language's build: who does what, decided once at the start.

`mkdocs build` (or `serve`) at the repository root builds the language its
config names (mkdocs.yml: ja, mkdocs.en.yml: en); that build, the started
one, starts the other language's build as a child process
(mccat.build.language_builds). The two share the catalogue and the output
folder, and split the work:

| who                   | started build                    | the other language's build |
|-----------------------|----------------------------------|----------------------------|
| validates, reads git  | yes, and shares both             | no (unless started by hand)|
| writes into           | a staging folder (not serve/dirty) | the same folder          |
| search index          | every language's pages, each as  | none: says when its pages  |
|                       | soon as they are written         | are written, then ends     |
|                       |                                  | (its own if started by hand)|
| /api/v1 files         | yes, by a forked copy, while     | no (yes under serve)       |
|                       | pages render and index           |                            |
| root files            | yes (index.html, 404, sitemaps)  | no                         |

Under `mkdocs serve` pages carry the live-reload script (preview), nothing is
staged, and the started build indexes every language in the background
after each rebuild, so an edit shows at once.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from mccat import LANGUAGES
from mccat.build.fragments import CHECK_FRAGMENTS
from mccat.build.language_builds import (
    BUILD_DATE,
    CATALOGUE,
    is_child_build,
    is_preview_child,
    parent_indexes_pages,
)
from mccat.build.search_index import PAGES_PER_BUNDLE
from mccat.build.signing import KEYS_ENV, Signing, build_signing
from mccat.publish.signing.keys import SigningKeyError
from mccat.publish.urls import Urls
from mccat.site.program_list import PROGRAMS_PER_PAGE
from mccat.validation.messages import Shown, language_from_environment, render, render_both
from mccat.validation.report import problem_lines

SEARCH_BUNDLE_PAGES = "MCCAT_SEARCH_BUNDLE_PAGES"  # the most pages one search bundle indexes (memory)
PROGRAM_LIST_PAGE = "MCCAT_PROGRAM_LIST_PAGE"  # the most programs a page of the list of every program holds
SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"  # https://reproducible-builds.org/specs/source-date-epoch/
SHOW_PROPOSED = "MCCAT_SHOW_PROPOSED"  # "1": the site shows programs without a decision (pull-request previews)
SWITCH_VALUES = {"1": True, "0": False, "": False}  # an on/off variable's values; anything else is a mistake
LANGUAGE_CONFIGS = {"ja": "mkdocs.yml", "en": "mkdocs.en.yml"}  # beside each other at the repository root


class PlanError(Exception):
    """The configuration cannot be built as the catalogue site; the message says what to change."""


@dataclass(frozen=True)
class BuildPlan:
    lang: str
    started: bool  # the build a person started (False: the other language's build, started by it)
    serving: bool  # `mkdocs serve` (in the started build; the child knows it as `preview`)
    dirty: bool  # `mkdocs build --dirty`: the output folder is built in place
    preview: bool  # pages carry serve's inline live-reload script (mccat.site.csp)
    config_dir: Path  # the repository root, where both configs live
    catalogue_root: Path
    today: date  # the date statuses such as "expired" are computed for
    urls: Urls  # from site_url
    signing: Signing  # the key certificates are signed with, if any (mccat.build.signing)
    search_bundle_pages: int = PAGES_PER_BUNDLE  # a language's pages per search bundle (search_index)
    program_list_page: int = PROGRAMS_PER_PAGE  # programs per page of the list of every program (program_list)
    show_proposed: bool = False  # MCCAT_SHOW_PROPOSED=1: programs without a decision too, "under review"
    check_fragments: bool = False  # MCCAT_CHECK_FRAGMENTS=1: every shared frame part checked on every page
    parent_indexes: bool = False  # a child whose parent indexes its pages once told they are written

    @property
    def source_date_epoch(self) -> str:
        """The build's one time for MkDocs (SOURCE_DATE_EPOCH: the sitemap.xml.gz header, pages' update
        date): midnight UTC of the build date, so that no clock reading enters the site."""
        return str(int(datetime.combine(self.today, time(0), tzinfo=UTC).timestamp()))

    @property
    def other_languages(self) -> tuple[str, ...]:
        """The builds this one starts: every other language, from the started build only."""
        return tuple(lang for lang in LANGUAGES if lang != self.lang) if self.started else ()

    @property
    def staged(self) -> bool:
        """Written into a staging folder and moved into place at the end (mccat.build.staging)."""
        return self.started and not (self.serving or self.dirty)

    @property
    def indexes_its_pages(self) -> bool:
        """Pagefind indexes this language's pages once they are written (not under serve: see below), from
        this build unless its parent does (an idle build of 1 GB beside Pagefind: language_builds)."""
        return not (self.preview or self.parent_indexes)

    @property
    def indexes_other_languages(self) -> bool:
        """The started build indexes the other languages' pages too, each as soon as its build says they are
        written (not under serve, which indexes every language in the background)."""
        return self.started and not self.serving

    @property
    def indexes_in_background(self) -> bool:
        """Under serve, the started build indexes every language after each rebuild, in the background."""
        return self.started and self.serving

    @property
    def writes_api_files(self) -> bool:
        """The /api/v1 files, written by a forked copy of a build while the pages render. Of `mkdocs build`, the
        started build's copy: that build lives to the end anyway (it indexes every language), and the other
        language's build ends with its pages instead of waiting for the copy (signed, the copy works a minute
        longer: bench/README.md). Under serve, the other language's: `mkdocs serve` runs the server's threads,
        and a fork copies only the thread that forks (a lock another thread held would never be released)."""
        if self.started:
            return not self.serving
        return self.preview

    @property
    def writes_root_files(self) -> bool:
        return self.started

    def config_file(self, lang: str) -> Path:
        return self.config_dir / LANGUAGE_CONFIGS[lang]


def environment_error(key: str, variable: str, value: str, **params: Any) -> PlanError:
    """A PlanError for an environment variable's value: the message `key` of mccat.validation.messages in
    Japanese, then in English (the log of a build is read in either), naming the variable, showing the value
    on one line with hidden characters written out (Shown: a value is hostile), and saying what to set."""
    params = {"variable": variable, "value": Shown(value), **params}
    return PlanError(render_both(key, params))


def build_date(environ: Mapping[str, str]) -> date:
    """The "today" of statuses: MCCAT_BUILD_DATE, else the UTC date of SOURCE_DATE_EPOCH (the convention of
    reproducible builds), else the clock's date. The date is the build's one input from outside the commit:
    the published site states it (as_of in /api/v1/catalogue.json) and `mccat verify-site` rebuilds with it."""
    if value := environ.get(BUILD_DATE):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise environment_error("env.build-date", BUILD_DATE, value, example=date.today().isoformat()) from None
    if value := environ.get(SOURCE_DATE_EPOCH):
        try:
            return datetime.fromtimestamp(int(value), tz=UTC).date()
        except (ValueError, OverflowError, OSError):
            raise environment_error("env.source-date-epoch", SOURCE_DATE_EPOCH, value) from None
    return date.today()


def search_bundle_pages(environ: Mapping[str, str]) -> int:
    """MCCAT_SEARCH_BUNDLE_PAGES: the most pages Pagefind indexes in one process (its memory grows with them).
    The pages name their bundles, so two builds compare byte for byte only with the same setting."""
    return _positive_count(environ, SEARCH_BUNDLE_PAGES, PAGES_PER_BUNDLE, "env.bundle-pages")


def program_list_page(environ: Mapping[str, str]) -> int:
    """MCCAT_PROGRAM_LIST_PAGE: the most programs a page of the list of every program holds (/{lang}/programs/,
    /{lang}/programs/2/, ...: mccat.site.program_list). Tests set it small; the pages' addresses depend on it, so
    a published site keeps the default."""
    return _positive_count(environ, PROGRAM_LIST_PAGE, PROGRAMS_PER_PAGE, "env.program-list-page")


def _positive_count(environ: Mapping[str, str], name: str, default: int, message: str) -> int:
    """A setting that is a whole number of at least 1 (ASCII digits), `default` when unset or empty; anything
    else is said with `message` (bilingual, naming the variable, the value and the default)."""
    value = environ.get(name)
    if not value:
        return default
    if not value.isascii() or not value.isdigit() or int(value) < 1:
        raise environment_error(message, name, value, default=default)
    return int(value)


def catalogue_root(environ: Mapping[str, str], config_dir: Path) -> Path:
    """The catalogue folder: MCCAT_CATALOGUE, else catalogue/ beside mkdocs.yml (whose absence the catalogue's
    validation reports). A MCCAT_CATALOGUE that names no folder is a mistyped setting, said as such."""
    value = environ.get(CATALOGUE)
    if not value:
        return (config_dir / "catalogue").resolve()
    if not os.path.isdir(value):  # False, not OSError, for a name too long or unreadable
        raise environment_error("env.catalogue-folder", CATALOGUE, value)
    return Path(value).resolve()


def switch(environ: Mapping[str, str], variable: str) -> bool:
    """An on/off setting: 1 is on, 0 or unset is off. Anything else stops the build: read as off, a `true` or
    `yes` in MCCAT_SHOW_PROPOSED would hide the very programs a pull request's preview is there to show."""
    value = environ.get(variable, "")
    if value not in SWITCH_VALUES:
        raise environment_error("env.switch", variable, value)
    return SWITCH_VALUES[value]


def check_keys_file(environ: Mapping[str, str]) -> None:
    """MCCAT_KEYS, when set, must name a file: read as "no keys", a mistyped path would publish a DID document
    without the registry's keys (and a signing key would be refused as unlisted, blaming the wrong file)."""
    value = environ.get(KEYS_ENV)
    if value and not os.path.isfile(value):  # False, not OSError, for a name too long or unreadable
        raise environment_error("env.keys-file", KEYS_ENV, value)


def plan_build(
    *, lang: str, config_file: str, serving: bool, dirty: bool, use_directory_urls: bool, site_url: str | None
) -> BuildPlan:
    """The plan for a build of `lang` (the config's theme.language); PlanError if it cannot be built."""
    if lang not in LANGUAGES:
        raise PlanError(f"theme.language is '{lang}'; the catalogue site is built in {', '.join(LANGUAGES)}")
    if not use_directory_urls:
        raise PlanError("use_directory_urls must stay true: catalogue URLs (/ja/programs/<id>/) are public")
    try:
        urls = Urls(site_url or "")
    except ValueError as error:
        raise PlanError(f"{error}: the catalogue's pages and files need the site's public address") from None
    config_dir = Path(config_file).resolve().parent
    started = not is_child_build()
    today = build_date(os.environ)
    check_keys_file(os.environ)
    try:
        signing = build_signing(config_dir, urls.root, today)
    except SigningKeyError as error:
        if not error.problems:
            raise PlanError(str(error)) from None
        lang = language_from_environment()  # the build's errors follow the locale, as the catalogue's do
        heading = render("keys.file-invalid", lang, {"file": error.problems[0].file, "count": len(error.problems)})
        lines = [line for problem in error.problems for line in problem_lines(problem, lang)]
        raise PlanError("\n".join([heading, *lines])) from None
    return BuildPlan(
        lang=lang,
        started=started,
        serving=serving,
        dirty=dirty,
        preview=serving or is_preview_child(),
        config_dir=config_dir,
        catalogue_root=catalogue_root(os.environ, config_dir),
        today=today,
        urls=urls,
        signing=signing,
        search_bundle_pages=search_bundle_pages(os.environ),
        program_list_page=program_list_page(os.environ),
        show_proposed=switch(os.environ, SHOW_PROPOSED),
        check_fragments=switch(os.environ, CHECK_FRAGMENTS),
        parent_indexes=parent_indexes_pages(),
    )
