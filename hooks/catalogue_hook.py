"""MkDocs hook: renders the catalogue (catalogue/*.yaml) as the bilingual site.

A thin adapter: each `on_*` handler hands MkDocs objects to the core package
`mccat` (src/mccat/, which never imports MkDocs) and back. Its state lives
on one object, `CatalogueHook`, whose methods are the handlers; the build's
plan (which language, started or other-language build, staged, serve, who
indexes and who writes which files) is decided once in `on_config`
(mccat.build.plan). docs/architecture.md explains the build as a whole; the
decisions below are the ones this file carries out.

- Two languages, one command: `mkdocs.yml` is the Japanese site and
  `mkdocs.en.yml` (INHERIT: mkdocs.yml) the English one, each with its own
  `theme.language`. The build that is started starts the other language's
  build as a child process and waits for it at the end; the two run in
  parallel on two cores and share the validated catalogue
  (mccat.build.language_builds).
- Program, provider and field pages are `File.generated(...)` in `on_files`,
  never written into docs/, and kept out of the nav (`NOT_IN_NAV`: a page in
  the nav costs every other page its link). They have no Markdown: a
  `GeneratedPage` skips the converter, and their templates (overrides/mc/)
  render the views the core computed.
- Catalogue text is untrusted: every template in overrides/ is autoescaped
  (`on_env`); the title and description that Material's own templates print
  are escaped here. Every page carries a Content-Security-Policy (mccat.site.csp).
- The /api/v1 files need the catalogue only: the started build forks a copy
  of itself at the end of `on_config` that writes them while the pages render
  and are indexed (mccat.build.forked), and collects its result in
  `on_post_build`, last (the started build lives to the end anyway).
- The frame parts that every page of a kind and depth shares are rendered
  once per build (mccat.build.fragments); values, rows and cells that pages
  repeat most are HTML made in Python (mccat.site.value_html).
- An invalid catalogue stops the build with the validator's messages and no
  traceback (a PluginError); so does anything else a person can fix.

- Statuses come from the committee's decisions and the build date
  (mccat.model.lifecycle); programs without a decision are left out unless the
  build is a preview (`mkdocs serve`, or MCCAT_SHOW_PROPOSED=1 in the
  pull-request preview), which shows them marked "under review". Programs
  withdrawn or renamed whose file is gone keep a page (tombstone, or a
  redirect to the new id). Timelines add the content changes read from git
  (mccat.review.content_changes: two git processes for the whole catalogue).

Environment: MCCAT_CATALOGUE (catalogue folder), MCCAT_PROGRAM_LIST_PAGE (programs per page of the
list of every program, default 500: tests set it small), MCCAT_BUILD_DATE
(YYYY-MM-DD, the "today" of statuses such as expired; else the date of
SOURCE_DATE_EPOCH, else today), MCCAT_SHOW_PROPOSED
("1": show programs under review). mkdocs.yml `extra.expiring_days`: how many
days before its end an approval shows as expiring (default 90).
The build sets SOURCE_DATE_EPOCH to the build date for MkDocs, so the site
holds no other time (reproducible builds).
"""

from __future__ import annotations

import functools
import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
from mccat.build import collector
from mccat.build.compact_html import CompactTemplates
from mccat.build.forked import ForkedCall, ForkedCallError
from mccat.build.fragments import FragmentDependsOnPage, SharedFragments
from mccat.build.language_builds import (
    IndexWhenWritten,
    LanguageBuild,
    announce_pages_written,
    die_with_the_started_build,
    shared_data,
    start_language_build,
)
from mccat.build.page_urls import relative_url
from mccat.build.plan import SOURCE_DATE_EPOCH, BuildPlan, PlanError, plan_build
from mccat.build.search_index import (
    IndexReport,
    LanguageIndex,
    SearchIndexError,
    bundle_count,
    index_site,
    merge_reports,
    search_bundles,
)
from mccat.build.signing import root_documents
from mccat.build.staging import PublishError, StagedSite
from mccat.build.unused_files import is_unused_theme_file
from mccat.model.history import ContentChange, History, read_history
from mccat.model.lifecycle import EXPIRING_WITHIN_DAYS
from mccat.publish.certificates import Signer
from mccat.publish.exports import write_api_files
from mccat.publish.jsonld import json_for_script, tombstone_jsonld
from mccat.publish.page_jsonld import program_page_jsonld
from mccat.publish.publication import Publication
from mccat.review.content_changes import content_changes
from mccat.site.csp import policy_attribute
from mccat.site.decisions import MONTHS_FILE
from mccat.site.frame import SiteInfo
from mccat.site.markdown import UnknownSetting, prepare_markdown
from mccat.site.pages import SitePages, docs_without_translation
from mccat.site.program_list import KIND as PROGRAM_LIST_KIND
from mccat.site.sitemap import page_dates
from mccat.site.texts import interface_text
from mccat.site.value_html import ValueHTML, search_record_html
from mccat.validation.load import load_catalogue
from mccat.validation.messages import language_from_environment, render
from mccat.validation.problems import CatalogueError
from mccat.validation.registry_file import REGISTRY_FILE, load_registry
from mccat.validation.report import problem_lines, text_report

log = logging.getLogger("mkdocs.hooks.catalogue")

ROOT_FILES = {
    "index.html": "mc/root/index.html",
    "404.html": "mc/root/404.html",
    "sitemap.xml": "mc/root/sitemap.xml",
    "robots.txt": "mc/root/robots.txt",
}


class GeneratedPage(Page):
    """A catalogue page: its template renders everything from the core's view, so there is no Markdown
    to convert (MkDocs would set up a Markdown converter for each page: ~15% of a large build)."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = TableOfContents([])  # on_page_context fills it from the view's headings
        self.links_to_anchors = {}


@dataclass
class Build:
    """One build of one language, from on_config to on_post_build."""

    plan: BuildPlan
    site_root: Path  # where this build writes (the staging folder of a staged build)
    pages: SitePages
    site: SiteInfo
    publication: Publication  # the exports of this build: the embedded JSON-LD and the /api/v1 files
    others: list[LanguageBuild] = field(default_factory=list)
    search: LanguageIndex | None = None  # this language's Pagefind index, fed once the pages are written
    other_indexes: list[IndexWhenWritten] = field(default_factory=list)  # the other languages', fed likewise
    staged: StagedSite | None = None
    env: jinja2.Environment | None = None
    fragments: SharedFragments = field(default_factory=SharedFragments)
    api_files: ForkedCall[dict[str, list[str]]] | None = None  # the /api/v1 files, written while pages render

    def abandon(self) -> None:
        """A build that cannot go on stops what it started; the last good site stays."""
        if self.api_files is not None:
            self.api_files.stop()
        abandon(self.others, self.search, self.staged, self.other_indexes)


def abandon(
    others: list[LanguageBuild],
    search: LanguageIndex | None,
    staged: StagedSite | None,
    other_indexes: list[IndexWhenWritten] | None = None,
) -> None:
    for other in others:
        other.stop()
    for index in other_indexes or ():  # after their builds: a build's end ends the wait for its pages
        index.stop()
    if search is not None:
        search.stop()
    if staged is not None:
        staged.discard()


class CatalogueHook:
    """The hook's state: set per process by on_startup, per build by on_config (a hook module lives as long
    as `mkdocs serve`, so nothing of one build may outlive the next on_config)."""

    def __init__(self) -> None:
        self.serving = False
        self.dirty = False
        self._build: Build | None = None
        self.indexing: threading.Thread | None = None  # mkdocs serve: the search index of the last rebuild

    @property
    def build(self) -> Build:
        if self._build is None:
            raise PluginError("the catalogue hook was called before on_config: is it listed under `hooks:`?")
        return self._build

    # -- once per process

    def on_startup(self, *, command: str, dirty: bool) -> None:
        die_with_the_started_build()  # a child build must not write on after its parent died
        self.serving = command == "serve"
        self.dirty = dirty
        collector.tune_for_build(self.serving)
        collector.keep_until_exit(self.serving)

    def on_shutdown(self) -> None:
        collector.skip_collection_at_exit()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.build.plan.catalogue_root))
        return server

    # -- once per build

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.indexing is not None:
            self.indexing.join()  # mkdocs serve: the last build's search index, before its files change again
            self.indexing = None
        self._build = None
        try:
            plan = plan_build(
                lang=config.theme["language"],
                config_file=config.config_file_path,
                serving=self.serving,
                dirty=self.dirty,
                use_directory_urls=config.use_directory_urls,
                site_url=config.site_url,
            )
        except PlanError as error:
            raise PluginError(str(error)) from None
        # MkDocs reads the time from SOURCE_DATE_EPOCH where it writes one (sitemap.xml.gz): the build date's
        os.environ[SOURCE_DATE_EPOCH] = plan.source_date_epoch
        site_root = Path(config.site_dir)
        staged = None
        if plan.staged:
            try:
                staged = StagedSite.start(site_root)
            except PublishError as error:
                raise PluginError(str(error)) from None
            site_root = staged.staging
        others = [
            start_language_build(
                other,
                plan.config_file(other),
                site_root,
                strict=config.strict,
                build_date=plan.today.isoformat(),
                catalogue=plan.catalogue_root,
                preview=plan.serving,
                index_here=plan.indexes_other_languages,
            )
            for other in plan.other_languages
        ]
        # Pagefind is looked for now: a missing or plain binary fails the build before any page is built.
        try:
            search = LanguageIndex(plan.lang) if plan.indexes_its_pages else None
        except SearchIndexError as error:
            abandon(others, None, staged)
            raise _index_failed(error) from None
        try:
            catalogue, history, changes = self._catalogue(plan, config, others)
            registry = load_registry(plan.config_dir / REGISTRY_FILE)
        except CatalogueError as error:
            abandon(others, search, staged)
            lang = language_from_environment()
            report = text_report(error.problems, 1, lang)
            raise PluginError(f"{render('build.registry-invalid', lang, {'file': REGISTRY_FILE})}\n{report}") from None
        except PluginError:
            abandon(others, search, staged)
            raise
        if not history.available and plan.started:
            log.info(f"No version history: timelines show the committee's decisions only ({history.reason})")
        if plan.started:
            log.info(plan.signing.note)

        config.site_dir = str(site_root / plan.lang)
        config.site_url = plan.urls.home(plan.lang)
        # The ¶ beside a hand-written page's headings: Python-Markdown's title for it is English on every page
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = interface_text("site.permalink", plan.lang)
        pages = SitePages(
            catalogue,
            lang=plan.lang,
            today=plan.today,
            history=history,
            repo_url=config.repo_url,
            changes=changes,
            urls=plan.urls,
            certificates=plan.signing.signer is not None,
            programs_per_page=plan.program_list_page,
        )
        publication = Publication(
            catalogue,
            plan.urls,
            plan.today,
            registry,
            history,
            # the schemas' own history dates the published copies (index.json); only the API files need it
            read_history(plan.config_dir / "schemas") if plan.writes_api_files else History(),
            changes if history.available else None,
        )
        self._build = Build(
            plan,
            site_root,
            pages,
            SiteInfo(
                plan.lang,
                plan.urls,
                catalogue.is_example,
                registry,
                page_dates(pages, publication),
                # decided before any page is written: every page names its language's bundles
                search_bundles(
                    plan.lang,
                    bundle_count(len(catalogue.programs) + len(catalogue.providers), plan.search_bundle_pages),
                ),
            ),
            publication,
            others,
            search=search,
            staged=staged,
            fragments=SharedFragments(check=plan.check_fragments),
        )
        collector.keep_until_exit(self.serving)  # the catalogue and its history
        # They need the catalogue only: a copy of this process writes them meanwhile (forked before the threads
        # below start: a fork copies only the thread that forks)
        if plan.writes_api_files:
            self._build.api_files = ForkedCall(
                functools.partial(_write_api_files, publication, site_root, plan.signing.signer), "/api/v1 files"
            )
        if plan.indexes_other_languages:  # each as soon as its build has written its pages
            try:
                bundles = len(self._build.site.search_bundles)
                self._build.other_indexes = [
                    IndexWhenWritten(other, site_root, bundles=bundles, bundle_pages=plan.search_bundle_pages)
                    for other in others
                ]
            except SearchIndexError as error:
                self._build.abandon()
                raise _index_failed(error) from None
        return config

    @staticmethod
    def _catalogue(
        plan: BuildPlan, config: MkDocsConfig, others: list[LanguageBuild]
    ) -> tuple[Any, History, dict[str, tuple[ContentChange, ...]]]:
        """The validated catalogue, its history and the programs' content changes: shared by the started build,
        or read here."""
        shared = shared_data()
        if shared is not None:
            return shared
        expiring = config.extra.get("expiring_days", EXPIRING_WITHIN_DAYS)
        if not isinstance(expiring, int) or isinstance(expiring, bool) or expiring < 0:
            raise PluginError(f"mkdocs.yml extra.expiring_days must be a number of days (0 or more), not {expiring!r}")
        try:
            catalogue = load_catalogue(
                plan.catalogue_root,
                today=plan.today,
                expiring_within=expiring,
                include_proposed=plan.serving or plan.preview or plan.show_proposed,
            )
        except CatalogueError as error:
            lang = language_from_environment()
            report = text_report(error.problems, len({p.file for p in error.problems}), lang)
            raise PluginError(f"{render('build.invalid', lang)}\n{report}") from None
        for warning in catalogue.warnings:
            log.info(f"catalogue: {problem_lines(warning, language_from_environment())[0]}")
        history = read_history(plan.catalogue_root, config.repo_url)
        for warning in history.warnings:  # info, not warning: --strict must not fail on a bad commit
            log.info(f"history: {warning}")
        changes = content_changes(history, plan.catalogue_root, catalogue.register.renamed_from())
        for other in others:
            other.share((catalogue, history, changes))
        return catalogue, history, changes

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        build = self.build
        docs_root = Path(config.docs_dir).parent
        missing = docs_without_translation(
            {
                lang: {f.relative_to(docs_root / lang).as_posix() for f in (docs_root / lang).rglob("*.md")}
                for lang in LANGUAGES
                if (docs_root / lang).is_dir()
            }
        )
        for lang, page in missing:
            if lang == build.plan.lang:  # the other language's build reports its own
                log.warning(f"docs/{lang}/{page} is missing: every page needs both languages")
        for file in [f for f in files if f.src_uri.startswith("mc/") and not f.is_documentation_page()]:
            files.remove(file)  # overrides/mc/ holds our templates, not files to publish
        for file in [f for f in files if is_unused_theme_file(f.src_uri)]:
            files.remove(file)  # lunr and source maps: never loaded (mccat.build.unused_files)
        for spec in build.pages.pages.values():
            if files.get_file_from_path(spec.src_uri) is not None:
                raise PluginError(f"docs/{build.plan.lang}/{spec.src_uri} is in the way of a generated page; rename it")
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, spec.src_uri, content="", inclusion=inclusion)
            GeneratedPage(None, file, config)  # becomes file.page; MkDocs keeps it
            files.append(file)
        files.append(File.generated(config, MONTHS_FILE, content=build.pages.decisions.months_file()))
        collector.keep_until_exit(self.serving)  # every page and file
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        build = self.build
        spec = build.pages.pages.get(page.file.src_uri)
        if spec is None:  # a hand-written page: Japanese lines joined, the committee's settings filled in
            try:
                return prepare_markdown(markdown, build.publication.registry.settings, build.pages.language)
            except UnknownSetting as error:
                raise PluginError(f"docs/{build.plan.lang}/{page.file.src_uri}: {error}") from None
        page.meta["template"] = spec.template
        # Escaped here: Material's templates print the title and description as they are.
        page.meta["title"] = escape(spec.title)
        if spec.description:
            page.meta["description"] = escape(spec.description)
        # No place in the nav to show, or the compare tool's wide table: give the width to the content
        # (the drawer keeps the nav); the pages of the list of every program all look like its first, in the nav
        if (not spec.in_nav and spec.kind != PROGRAM_LIST_KIND) or spec.kind == "compare":
            page.meta["hide"] = ["navigation"] if spec.kind in ("program", "tombstone") else ["navigation", "toc"]
        return markdown

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        build = self.build
        env.globals["mc"] = build.site
        env.filters["url"] = page_url  # MkDocs' own, made faster (mccat.build.page_urls)
        env.globals["mc_shared"] = jinja2.pass_context(
            lambda context, part, render: self._shared_fragment(context, part, render)
        )
        env.globals["mc_csp"] = functools.partial(policy_attribute, preview=build.plan.preview)
        values = ValueHTML(build.pages.language)  # values, rows, comparison cells, conformance
        env.globals["mc_value"] = _with_page_links(values.value)
        env.globals["mc_values"] = _with_page_links(values.values)
        env.globals["mc_rows"] = _with_page_links(values.rows)
        env.globals["mc_stated_rows"] = _with_page_links(values.stated_rows)
        env.globals["mc_not_stated"] = values.not_stated
        env.globals["mc_json"] = lambda data: Markup(json_for_script(data))  # JSON inside a <script>
        env.globals["mc_phrased"] = values.phrased
        env.globals["mc_cell"] = _with_page_links(values.cell)
        env.globals["mc_conformance"] = values.conformance
        env.globals["mc_search_record"] = search_record_html  # a program's or provider's Pagefind metadata
        # Catalogue text comes from pull requests: every template of ours escapes what it prints
        # (Material's own templates are written for an environment without escaping, so they keep it).
        if config.theme.custom_dir is None:
            raise PluginError("theme.custom_dir is not set: the catalogue's templates are in overrides/")
        custom_dir = Path(config.theme.custom_dir)
        ours = {path.relative_to(custom_dir).as_posix() for path in custom_dir.rglob("*") if path.is_file()}
        env.autoescape = lambda name: name in ours
        env.add_extension(CompactTemplates)  # no template indentation in the pages (mccat.build.compact_html)
        env.globals["mc_theme_text"] = _theme_texts(env, config.theme["language"])  # overrides/partials/language.html
        build.env = env
        return env

    def _shared_fragment(self, context: Any, part: str, render: Any) -> Markup:
        """A part of the page frame (a block's `super`, or a macro) rendered once per page kind and depth,
        on pages out of the nav (`mc_fragment_key`; overrides/main.html); on other pages, rendered as usual."""
        key = context.get("mc_fragment_key")
        if key is None:
            return Markup(render())
        try:
            return Markup(self.build.fragments.once(f"{key}:{part}", render))
        except FragmentDependsOnPage as error:
            raise PluginError(str(error)) from None

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        build = self.build
        spec = build.pages.pages.get(page.file.src_uri)
        template = page.meta.get("template")
        context.update(build.pages.context(spec, template))
        # Pages out of the nav share their nav and table of contents with every page of their kind and depth.
        context["mc_fragment_key"] = (
            f"{spec.kind}:{context['base_url']}" if spec is not None and not spec.in_nav else None
        )
        # The program's schema.org JSON-LD: a small Course in the page's language, a part of its /api/v1 file
        # (mccat.publish.page_jsonld); a withdrawn or renamed program's page embeds its (small) file as it is.
        context["mc_jsonld"] = None
        catalogue = build.pages.catalogue
        if spec is not None and spec.kind == "program":
            program = catalogue.programs[spec.key]
            page_jsonld = program_page_jsonld(build.publication, program, build.plan.lang)
            context["mc_jsonld"] = Markup(json_for_script(page_jsonld))  # made alone: no full node made or held
            # The compare tool's data file shows the page's rows: written from the page's view, which then goes
            path, content = build.pages.comparison.data_file(program, context["view"])
            target = Path(config.site_dir, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        elif spec is not None and spec.kind in ("tombstone", "redirect"):
            tombstone = build.pages.programs.tombstones[spec.key]
            context["mc_jsonld"] = Markup(json_for_script(tombstone_jsonld(build.publication, tombstone)))
        headings = [AnchorLink(h.title, h.id, 2) for h in build.pages.headings(spec, template)]
        if headings:
            toc = list(page.toc)
            if toc and toc[0].level == 1:
                toc[0].children.extend(headings)
            else:
                toc.extend(headings)
            page.toc = TableOfContents(toc)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        build = self.build
        plan, catalogue = build.plan, build.pages.catalogue
        min_pages = len(catalogue.programs)
        # This language's pages are all written: Pagefind indexes them now, while the other language's
        # build may still be rendering (mkdocs serve indexes later, in the background).
        if build.search is not None:
            try:
                build.search.add_pages(
                    build.site_root, bundles=len(build.site.search_bundles), bundle_pages=plan.search_bundle_pages
                )
            except SearchIndexError as error:
                raise _index_failed(error) from None
        elif plan.parent_indexes:  # the started build indexes them, and this one need not wait beside it
            announce_pages_written()
        if plan.started:
            self._finish_started_build(config, min_pages)
        elif build.search is not None:
            _finish_index(build.search, min_pages)  # a build started by hand indexes its own pages
        if build.api_files is not None:  # the copy, signing certificates, is often the last to finish
            try:
                skipped_ctdl = build.api_files.result()
            except ForkedCallError as error:  # the copy was killed (out of memory, say): no traceback, the cause
                heading = "\n".join(render("build.api-files-lost", lang) for lang in ("ja", "en"))
                raise PluginError(f"{heading}\n{error}") from None
            if skipped_ctdl:
                log.info(
                    f"No CTDL file for {len(skipped_ctdl)} program(s) the Credential Registry would refuse "
                    f"(`mccat export` lists why), e.g. {next(iter(skipped_ctdl))}"
                )
        site_root = build.site_root
        if build.staged is not None:  # everything is written: the new site replaces the old one
            try:
                build.staged.publish()
            except PublishError as error:
                raise PluginError(str(error)) from None
            site_root = build.staged.final
            log.info(f"Site written to {site_root}")
        config.site_dir = str(site_root)  # as it was, for commands that use it after the build
        config.site_url = build.plan.urls.root

    def _finish_started_build(self, config: MkDocsConfig, min_pages: int) -> None:
        """The other languages are done: the root files, and the search index of every language checked."""
        build = self.build
        # This language's index is made reproducible and checked while the other languages still build.
        own_index = _finish_index(build.search, min_pages) if build.search is not None else None
        self._wait_for_other_languages()
        if build.env is None:
            raise PluginError("the catalogue hook's on_env did not run")
        for name, template in ROOT_FILES.items():
            text = build.env.get_template(template).render(mc=build.site, config=config)
            (build.site_root / name).write_text(text, encoding="utf-8")
        for name, content in root_documents(build.plan.signing).items():
            path = build.site_root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        if build.plan.indexes_in_background:  # the edited page shows now; the index follows
            self.indexing = threading.Thread(
                target=_index_in_background,
                args=(build.site_root, min_pages, len(build.site.search_bundles), build.plan.search_bundle_pages),
                daemon=True,
            )
            self.indexing.start()
            return
        if own_index is None:
            return
        reports = [own_index]
        try:  # the other languages' indexes, started as each build wrote its pages
            reports += [index.finish(min_pages=min_pages) for index in build.other_indexes]
        except SearchIndexError as error:
            raise _index_failed(error) from None
        log.info(merge_reports(reports).summary)

    def _wait_for_other_languages(self) -> None:
        failed = []
        for other in self.build.others:
            status, output = other.wait()
            for line in output.splitlines():
                level, _, message = line.partition(" -  ")
                if level.strip() in ("WARNING", "ERROR"):
                    log.warning(f"[{other.lang}] {message}")
            if status != 0:
                failed.append(f"The {other.lang} build failed (exit {status}):\n{output}")
        if failed:
            raise PluginError("\n".join(failed))

    def on_build_error(self, *, error: Exception) -> None:
        if self._build is not None:
            self._build.abandon()  # the old site stays as it was


def _write_api_files(publication: Publication, site_root: Path, signer: Signer | None) -> dict[str, list[str]]:
    """In the forked copy: write the files, return only what the build reports (not the 100,000s of paths)."""
    return write_api_files(publication, site_root, signer=signer).skipped_ctdl


def _with_page_links(render: Any) -> Any:
    """A template function whose site paths become links from the page being rendered (MkDocs' url filter)."""

    @jinja2.pass_context
    def with_links(context: Any, item: Any) -> Any:
        return render(item, url=functools.partial(page_url, context))

    return with_links


@jinja2.pass_context
def page_url(context: Any, value: Any) -> str:
    """MkDocs' `url` filter: a site path as a link from the page being rendered (the same links, computed with
    less work per link: mccat.build.page_urls)."""
    path, page = str(value), context["page"]
    if page is None or "\\" in path:  # no page (a link from the base URL), or a path MkDocs warns about
        return str(url_filter(context, path))
    return relative_url(path, page.url)


def _theme_texts(env: jinja2.Environment, lang: str) -> Any:
    """Material's interface text for a key, as its partials/language.html gives it (`lang.t(key) or
    fallback.t(key) or key`, from its partials/languages/ files), computed once per key."""
    own = env.get_template(f"partials/languages/{lang}.html").module
    fallback = env.get_template("partials/languages/en.html").module

    @functools.cache
    def text(key: str) -> str:
        return str(own.t(key) or fallback.t(key) or key)  # type: ignore[attr-defined]

    return text


def _index_failed(error: SearchIndexError) -> PluginError:
    """The build stops: what went wrong with the search index, in Japanese and English under a heading in
    both (then what Pagefind printed, if it failed)."""
    heading = "\n".join(render("build.search-index-failed", lang) for lang in ("ja", "en"))
    return PluginError(f"{heading}\n{error}")


def _finish_index(search: LanguageIndex, min_pages: int) -> IndexReport:
    try:
        return search.finish(min_pages=min_pages)
    except SearchIndexError as error:
        raise _index_failed(error) from None


def _index_in_background(site_root: Path, min_pages: int, bundles: int, bundle_pages: int) -> None:
    try:
        report = index_site(
            site_root, languages=LANGUAGES, min_pages=min_pages, bundles=bundles, bundle_pages=bundle_pages
        )
        log.info(report.summary)
    except SearchIndexError as error:
        log.warning(f"{render('build.search-index-stale', 'ja')} / {render('build.search-index-stale', 'en')}\n{error}")


# MkDocs calls the module's on_* functions: they are the methods of the hook's one state object.
_hook = CatalogueHook()
on_startup = _hook.on_startup
on_shutdown = _hook.on_shutdown
on_serve = _hook.on_serve
on_config = _hook.on_config
on_files = _hook.on_files
on_page_markdown = _hook.on_page_markdown
on_env = _hook.on_env
on_page_context = _hook.on_page_context
on_post_build = _hook.on_post_build
on_build_error = _hook.on_build_error
