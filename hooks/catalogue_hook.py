"""MkDocs hook: renders the catalogue (catalogue/*.yaml) as the bilingual site.

A thin adapter. The pages, their views, the history and the formatting all
live in the core package `mccat` (src/mccat/), which never imports MkDocs;
each handler below hands MkDocs objects to it and back.

Decisions, and why:

- Two languages, one command. `mkdocs build` at the repository root builds
  the whole site into `site/`: `mkdocs.yml` is the Japanese site (its own
  `theme.language: ja`, so Material's interface is Japanese) and
  `mkdocs.en.yml` (INHERIT: mkdocs.yml) the English one. Each build writes
  into `<site_dir>/<lang>/` with `site_url` + `<lang>/`. The build you start
  starts the other language's `mkdocs build` as a child process in
  `on_config` and waits for it in `on_post_build`, so the two run in
  parallel on two cores (mkdocs-static-i18n instead rebuilds every language
  one after the other inside one process, and every hook runs once per
  language). Either config can be the one started: `mkdocs build -f
  mkdocs.en.yml` builds both too; a child build never starts another.
  The started build validates the catalogue and reads the git history once
  and hands both to the child (mccat.build.language_builds). Each language
  indexes its own pages as soon as they are written; the child writes the
  /api/v1 files meanwhile, since the started build has the heavier (Japanese)
  index to build (bench/build.py measures the whole; bench/README.md).
- Output is staged (mccat.build.staging): the started build writes into a folder
  beside `site/` and moves the finished site into place last, so a failed
  or killed build leaves the last good site.
- `/` works without JavaScript: the build that was started writes a
  bilingual `site/index.html` whose `<noscript>` meta refresh goes to /ja/,
  and whose script picks /en/ when the browser prefers English to Japanese;
  it links to both. It also writes a bilingual `404.html`, a sitemap index
  over `ja/sitemap.xml` and `en/sitemap.xml`, and `robots.txt`.
- Same page, other language: every page exists at the same path in both
  languages (hand-written pages must exist in docs/ja and docs/en; a missing
  translation is a warning, so `--strict` fails). The language switch links
  to that path, each head has `hreflang` alternates (and x-default), and the
  sitemaps list the alternates of every URL.
- Program, provider and field pages are `File.generated(...)` in
  `on_files`, never written into docs/. Program, provider and field pages are
  `InclusionLevel.NOT_IN_NAV`: a page in the nav costs every other page its
  link (DESIGN.md: 10x build time at 2,000 pages). Only list pages are in
  the nav. Generated pages have no Markdown (a `GeneratedPage` skips the
  Markdown converter); their templates (overrides/mc/*.html) render views
  the core computed once, and the nav, table of contents, header and the
  rest of the frame that every page of a kind shares are rendered once per
  build (SharedFragments, `mc_shared`). What a page repeats most (values,
  descriptor rows, comparison cells, the conformance table) is HTML made in
  Python (mccat.site.value_html), not macros. A build raises the collector's
  threshold and freezes what it keeps (on_startup; not under serve).
- Per-page hreflang alternates make Material's script fetch `sitemap.xml`
  beside each alternate URL (it expects alternates to be language homes);
  those requests 404 harmlessly. The language switch is a plain link to the
  same page, so it needs none of that.
- `mkdocs serve` works: it serves its temporary site_dir at `/`, so /ja/ and
  /en/ are both there; every rebuild rebuilds both languages; the catalogue
  folder is watched.
- An invalid catalogue stops the build with the validator's messages
  (file:line:column, rule, hint) and no traceback (a PluginError).
- Git history comes from one `git log` over the catalogue (mccat.model.history);
  links go to `repo_url`. Without git, or in a shallow clone, the history is
  empty and the build says why.
- Search is Pagefind (mccat.site.search, mccat.build.search_index), not Material's
  search plugin: in on_post_build each language's build indexes its own
  pages into `site/pagefind/<lang>/`, in parallel with the other language;
  the started build then checks every bundle. A failed or incomplete index
  fails the build. Under `mkdocs serve` the started build indexes both
  languages in the background after each rebuild (a failure is a warning):
  an edit shows at once, search catches up a few seconds later
  (bench/serve.py; the next rebuild waits for it).
- Catalogue text is untrusted (anyone can open a pull request). Every
  template in overrides/ is autoescaped (on_env sets the environment's
  autoescape for exactly those files), so a title prints as text wherever it
  lands; Material's own templates keep MkDocs' unescaped environment, and the
  title and description they print go into page.meta already escaped. HTML
  built on purpose (page.content, the JSON-LD) is marked safe where it is made.
  Behind the escaping, every page's Content-Security-Policy (mccat.site.csp)
  runs no inline script and loads nothing from another origin; under
  `mkdocs serve` it lets the live-reload script in.
- Hook modules live as long as `mkdocs serve`: all state of one build is in
  `_build`, replaced in `on_config`.

Environment: MCCAT_CATALOGUE (catalogue folder), MCCAT_BUILD_DATE
(YYYY-MM-DD, the "today" of statuses such as expired).
"""

from __future__ import annotations

import functools
import gc
import logging
import os
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import jinja2
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils.templates import url_filter

from mccat import LANGUAGES
from mccat.validation.load import load_catalogue
from mccat.site.csp import content_security_policy
from mccat.publish.exports import changes_from_history, write_api_files
from mccat.model.history import read_history
from mccat.publish.jsonld import json_for_script, program_jsonld
from mccat.build.language_builds import (BUILD_DATE, CATALOGUE, LanguageBuild, is_child_build, is_preview_child,
                                   shared_data, start_language_build)
from mccat.site.pages import SharedFragments, SiteInfo, SitePages, docs_without_translation
from mccat.validation.problems import CatalogueError
from mccat.validation.report import text_report
from mccat.build.search_index import (IndexReport, LanguageIndex, SearchIndexError, check_index, index_site,
                                merge_reports)
from mccat.build.staging import PublishError, StagedSite
from mccat.site.value_html import ValueHTML

log = logging.getLogger("mkdocs.hooks.catalogue")

LANGUAGE_CONFIGS = {"ja": "mkdocs.yml", "en": "mkdocs.en.yml"}  # beside each other at the repository root
ROOT_FILES = {"index.html": "mc/root/index.html", "404.html": "mc/root/404.html",
              "sitemap.xml": "mc/root/sitemap.xml", "robots.txt": "mc/root/robots.txt"}


@dataclass
class Build:
    """Everything one build of one language needs, from on_config to on_post_build."""

    lang: str
    site_root: Path
    root_url: str
    pages: SitePages
    site: SiteInfo
    others: list[LanguageBuild] = field(default_factory=list)
    indexing: threading.Thread | None = None  # mkdocs serve: the search index, written after the build
    preview: bool = False  # mkdocs serve: pages carry its inline live-reload script (mccat.site.csp)
    search: LanguageIndex | None = None  # this language's Pagefind index, fed once the pages are written
    staged: StagedSite | None = None  # the started `mkdocs build`: site_root is its staging folder
    env: jinja2.Environment | None = None
    fragments: SharedFragments = field(default_factory=SharedFragments)


_build: Build | None = None
_serving = False  # set once per process by on_startup: `mkdocs serve` indexes search in the background
_dirty = False  # `mkdocs build --dirty` keeps the output folder: it is built in place


class GeneratedPage(Page):
    """A catalogue page: its template renders everything from the core's view, so there is no Markdown
    to convert (MkDocs would set up a Markdown converter for each page: ~15% of a large build)."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = TableOfContents([])  # on_page_context fills it from the view's headings
        self.links_to_anchors = {}


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving, _dirty
    _serving = command == "serve"
    _dirty = dirty
    if not _serving:
        # A build makes millions of objects that live until it ends; at the default threshold (700) the
        # collector ran about 1,100 times per language at 1,000 programs and walked the whole heap in
        # each of its oldest-generation runs: 0.9 s of an 8 s build (bench/README.md).
        gc.set_threshold(10_000)
    _keep_until_exit()


def _keep_until_exit() -> None:
    """What the build has made so far lives until the process exits: the collector need not walk it again.
    Not under `mkdocs serve`, whose rebuilds must free the last build's objects."""
    if not _serving:
        gc.freeze()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    if _build is not None and _build.indexing is not None:
        _build.indexing.join()  # mkdocs serve: the last build's search index, before its files change again
    _build = None
    lang = config.theme["language"]
    if lang not in LANGUAGES:
        raise PluginError(f"theme.language is '{lang}'; the catalogue site is built in {', '.join(LANGUAGES)}")
    if not config.use_directory_urls:
        raise PluginError("use_directory_urls must stay true: catalogue URLs (/ja/programs/<id>/) are public")
    config_dir = Path(config.config_file_path).resolve().parent
    site_root = Path(config.site_dir)
    # The started build writes into a staging folder and puts the finished site in place at the end
    # (mccat.build.staging); the preview's folder is a scratch folder of mkdocs serve, built in place.
    staged = None
    if not (is_child_build() or _serving or _dirty):
        try:
            staged = StagedSite.start(site_root)
        except PublishError as error:
            raise PluginError(str(error)) from None
        site_root = staged.staging
    root_url = (config.site_url or "/").rstrip("/") + "/"
    today = date.fromisoformat(os.environ.get(BUILD_DATE) or date.today().isoformat())
    catalogue_root = Path(os.environ.get(CATALOGUE) or config_dir / "catalogue").resolve()

    others = [] if is_child_build() else [
        start_language_build(other, config_dir / LANGUAGE_CONFIGS[other], site_root, strict=config.strict,
                             build_date=today.isoformat(), catalogue=catalogue_root, preview=_serving)
        for other in LANGUAGES if other != lang]
    preview = _serving or is_preview_child()
    # Pagefind is looked for now: a missing or plain binary fails the build before any page is built.
    try:
        search = None if preview else LanguageIndex(lang)
    except SearchIndexError as error:
        _abandon(others, None, staged)
        raise PluginError(str(error)) from None
    shared = shared_data()  # a child build gets the catalogue and history its parent read (mccat.build.language_builds)
    if shared is not None:
        catalogue, history = shared
    else:
        try:
            catalogue = load_catalogue(catalogue_root, today=today)
        except CatalogueError as error:
            _abandon(others, search, staged)
            report = text_report(error.problems, len({p.file for p in error.problems}))
            raise PluginError(f"The catalogue is not valid; fix these and build again:\n{report}") from None
        for warning in catalogue.warnings:
            log.info(f"catalogue: {warning.file}:{warning.line}:{warning.column}: {warning.message}")
        history = read_history(catalogue_root, config.repo_url)
        for other in others:
            other.share((catalogue, history))
    if not history.available and not is_child_build():
        log.info(f"No approval history on program pages: {history.reason}")

    config.site_dir = str(site_root / lang)
    config.site_url = f"{root_url}{lang}/"
    site = SiteInfo(lang, root_url, catalogue.is_example)
    pages = SitePages(catalogue, lang=lang, today=today, history=history, repo_url=config.repo_url)
    _build = Build(lang, site_root, root_url, pages, site, others, preview=preview, search=search, staged=staged)
    _keep_until_exit()  # the catalogue and its history
    return config


def _abandon(others: list[LanguageBuild], search: LanguageIndex | None, staged: StagedSite | None) -> None:
    """A build that cannot go on stops what it started; the last good site stays."""
    for other in others:
        other.stop()
    if search is not None:
        search.stop()
    if staged is not None:
        staged.discard()


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    assert _build is not None
    docs_root = Path(config.docs_dir).parent
    missing = docs_without_translation({
        lang: {f.relative_to(docs_root / lang).as_posix() for f in (docs_root / lang).rglob("*.md")}
        for lang in LANGUAGES if (docs_root / lang).is_dir()})
    for lang, page in missing:
        if lang == _build.lang:  # the other language's build reports its own
            log.warning(f"docs/{lang}/{page} is missing: every page needs both languages")
    for file in [f for f in files if f.src_uri.startswith("mc/") and not f.is_documentation_page()]:
        files.remove(file)  # overrides/mc/ holds our templates, not files to publish
    for spec in _build.pages.pages.values():
        if files.get_file_from_path(spec.src_uri) is not None:
            raise PluginError(f"docs/{_build.lang}/{spec.src_uri} is in the way of a generated page; rename it")
        inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, spec.src_uri, content="", inclusion=inclusion)
        GeneratedPage(None, file, config)  # becomes file.page; MkDocs keeps it
        files.append(file)
    for path, content in _build.pages.comparison.data_files().items():  # the compare tool's per-program data
        files.append(File.generated(config, path, content=content))
    _keep_until_exit()  # every page, file and program view
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _build is not None
    spec = _build.pages.pages.get(page.file.src_uri)
    if spec is not None:
        page.meta["template"] = spec.template
        # Escaped here: Material's templates print the title and description as they are.
        page.meta["title"] = escape(spec.title)
        if spec.description:
            page.meta["description"] = escape(spec.description)
        # No place in the nav to show, or the compare tool's wide table: give the width to the content
        # (the drawer keeps the nav)
        if not spec.in_nav or spec.kind == "compare":
            page.meta["hide"] = ["navigation"] if spec.kind == "program" else ["navigation", "toc"]
    return markdown


def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    assert _build is not None
    env.globals["mc"] = _build.site
    env.globals["mc_shared"] = _shared_fragment
    env.globals["mc_csp"] = functools.partial(content_security_policy, preview=_build.preview)
    values = ValueHTML(_build.site.t)  # values, rows, comparison cells, conformance (mccat.site.value_html)
    env.globals["mc_value"] = _with_page_links(values.value)
    env.globals["mc_values"] = _with_page_links(values.values)
    env.globals["mc_rows"] = _with_page_links(values.rows)
    env.globals["mc_cell"] = _with_page_links(values.cell)
    env.globals["mc_conformance"] = values.conformance
    # Catalogue text comes from pull requests: every template of ours escapes what it prints
    # (Material's own templates are written for an environment without escaping, so they keep it).
    ours = {path.relative_to(config.theme.custom_dir).as_posix()
            for path in Path(config.theme.custom_dir).rglob("*") if path.is_file()}
    env.autoescape = lambda name: name in ours
    _build.env = env
    return env


@jinja2.pass_context
def _shared_fragment(context, part: str, render) -> Markup:
    """A part of the page frame (a block's `super`, or a macro) rendered once per page kind and depth,
    on pages out of the nav (`mc_fragment_key`; overrides/main.html); on other pages, rendered as usual."""
    assert _build is not None
    key = context.get("mc_fragment_key")
    return Markup(render() if key is None else _build.fragments.once(f"{key}:{part}", render))


def _with_page_links(render):
    """A template function whose site paths become links from the page being rendered (MkDocs' url filter)."""
    @jinja2.pass_context
    def with_links(context, item):
        return render(item, url=functools.partial(url_filter, context))
    return with_links


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    assert _build is not None
    spec = _build.pages.pages.get(page.file.src_uri)
    template = page.meta.get("template")
    context.update(_build.pages.context(spec, template))
    # Pages out of the nav share their nav and table of contents with every page of their kind and depth.
    context["mc_fragment_key"] = f"{spec.kind}:{context['base_url']}" if spec is not None and not spec.in_nav else None
    # The program's schema.org JSON-LD in this page's language, equal to its /api/v1 file for that language.
    context["mc_jsonld"] = None
    if spec is not None and spec.kind == "program":
        program = _build.pages.catalogue.programs[spec.key]
        document = program_jsonld(_build.pages.catalogue, program, site_url=_build.root_url, lang=_build.lang)
        context["mc_jsonld"] = Markup(json_for_script(document))
    headings = [AnchorLink(h.title, h.id, 2) for h in _build.pages.headings(spec, template)]
    if headings:
        toc = list(page.toc)
        if toc and toc[0].level == 1:
            toc[0].children.extend(headings)
        else:
            toc.extend(headings)
        page.toc = TableOfContents(toc)
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    assert _build is not None
    catalogue = _build.pages.catalogue
    min_pages = len(catalogue.programs)
    # This language's pages are all written: Pagefind indexes them now, while the other language's
    # build may still be rendering (mkdocs serve indexes later, in the background).
    if _build.search is not None:
        try:
            _build.search.add_pages(_build.site_root)
        except SearchIndexError as error:
            raise PluginError(str(error)) from None
    if is_child_build():
        # The other language writes the /api/v1 files while Pagefind works: the started build has
        # validated the catalogue and has the heavier index to build (Japanese is segmented).
        write_api_files(catalogue, _build.site_root, site_url=_build.root_url, build_date=_build.pages.today,
                        changes=changes_from_history(catalogue, _build.pages.history))
        if _build.search is not None:
            _finish_index(_build.search, min_pages)
    else:
        _finish_started_build(config, min_pages)
    site_root = _build.site_root
    if _build.staged is not None:  # everything is written: the new site replaces the old one
        try:
            _build.staged.publish()
        except PublishError as error:
            raise PluginError(str(error)) from None
        site_root = _build.staged.final
        log.info(f"Site written to {site_root}")
    config.site_dir = str(site_root)  # as it was, for commands that use it after the build
    config.site_url = _build.root_url


def _finish_started_build(config: MkDocsConfig, min_pages: int) -> None:
    """The other languages are done: the root files, and the search index of every language checked."""
    assert _build is not None and _build.env is not None
    _wait_for_other_languages()
    for name, template in ROOT_FILES.items():
        text = _build.env.get_template(template).render(mc=_build.site, config=config)
        (_build.site_root / name).write_text(text, encoding="utf-8")
    if _build.search is None:  # mkdocs serve: the edited page shows now; the index follows (the next build waits)
        _build.indexing = threading.Thread(target=_index_in_background, args=(_build.site_root, min_pages),
                                           daemon=True)
        _build.indexing.start()
        return
    reports = [_finish_index(_build.search, min_pages)]
    try:  # the other languages indexed their own pages: check what they wrote
        reports += [check_index(_build.site_root, other.lang, min_pages=min_pages) for other in _build.others]
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
    log.info(merge_reports(reports).summary)


def _wait_for_other_languages() -> None:
    assert _build is not None
    failed = []
    for other in _build.others:
        status, output = other.wait()
        for line in output.splitlines():
            level, _, message = line.partition(" -  ")
            if level.strip() in ("WARNING", "ERROR"):
                log.warning(f"[{other.lang}] {message}")
        if status != 0:
            failed.append(f"The {other.lang} build failed (exit {status}):\n{output}")
    if failed:
        raise PluginError("\n".join(failed))


def _finish_index(search: LanguageIndex, min_pages: int) -> IndexReport:
    try:
        return search.finish(min_pages=min_pages)
    except SearchIndexError as error:
        raise PluginError(str(error)) from None


def _index_in_background(site_root: Path, min_pages: int) -> None:
    try:
        log.info(index_site(site_root, languages=LANGUAGES, min_pages=min_pages).summary)
    except SearchIndexError as error:
        log.warning(f"Search index not updated: {error}")


def on_shutdown() -> None:
    # The process is about to exit: Python's last garbage collection would walk every object the build
    # made (about a second at 1,000 programs, in each language's process) only to free memory.
    gc.freeze()


def on_build_error(*, error: Exception) -> None:
    if _build is not None:
        _abandon(_build.others, _build.search, _build.staged)  # the old site stays as it was


def on_serve(server, *, config: MkDocsConfig, builder):
    config_dir = Path(config.config_file_path).resolve().parent
    server.watch(os.environ.get(CATALOGUE) or str(config_dir / "catalogue"))
    return server
