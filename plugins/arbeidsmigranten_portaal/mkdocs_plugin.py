"""The one place that knows MkDocs: its events call the portal's core, nothing more.

Registered as the MkDocs plugin `portal` through the entry point in pyproject.toml. ProperDocs
(the maintained fork of MkDocs 1.6) reads the same entry point group and answers every
`import mkdocs...` with its own module, so this one adapter serves both engines
(tests/test_second_engine.py, docs/engines.md).

With mkdocs-static-i18n, MkDocs builds once per language: the i18n plugin runs a nested build
for every further language from its on_post_build, and each nested build runs every event again
with the theme's language set. This adapter loads and checks everything once (the outermost
on_config), renders per language in on_files, and puts the finished site in place once, after
the last language (the outermost on_post_build).
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import html
import logging
import os
import posixpath
import re
import sys
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

from jinja2 import BytecodeCache, pass_context
from markdown.extensions.toc import nest_toc_tokens
from markupsafe import Markup

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import write_file

from .breadcrumbs import trail
from .catalog import Catalog
from .checks.active_content import check_active_files, markdown_problems, rendered_html_problems
from .checks.front_matter_policy import front_matter_policy_problems
from .checks.example_claims import check_example_claims
from .checks.unfinished import check_unfinished_text
from .checks.news_posts import check_news_posts
from .checks.reviewed_dates import check_reviewed_dates, reviewed_date
from .editor.config import EditorSite
from .editor.files import editor_files, vendored_files
from .editor.site import editor_site
from .example_outputs import drop_from_sitemap
from .checks.pages import broken_links, missing_nav_targets, nav_entries
from .checks.site_settings_code import check_site_settings_code, site_url_problems
from .checks.translations import check_translations
from .clock import ClockError, build_now
from .colours import STYLESHEET as HOUSE_STYLE, house_style_css
from .load import SourceDirs, check_site_sources, load_catalog
from . import memo
from .output_tree import OutputTree
from .pdf_maker import PdfError, PdfMaker
from .problems import ContentProblems, Problem, relative_path
from .render.blocks import (
    MELDPUNT_PAGE, calendar_blocks_outside_calendar, expand_blocks, phone_uri, repeated_blocks, unknown_blocks,
)
from .regional.fetch import collect_sources
from .render.feeds import read_news_item, rss_feed
from .render.labels import Labels
from .render.page_html import GeneratedPage, HeadingStyle, HtmlStash, latin1_html
from .render.pages import mark_example, mark_reviewed, mark_unreviewed_translation
from .render.paper import flyer_session_ids, paper_documents
from .render.progress import PROGRESS_PAGE
from .render.search_entries import indexable
from .render.views import RenderContext
from .search import finish_search_index
from .search_worker import SearchIndexer
from .settings import DEFAULTS, settings_from_options
from .site import PortalSite
from .sources import iter_files
from .staging import StagedOutput, disk_sentence
from .urls import SiteUrls

log = get_plugin_logger(__name__)

# The toolkit's assets and a site's site_config/assets are published under this folder of the site.
ASSETS_URL_DIR = "assets/portal"
TOOLKIT = Path(__file__).parent
# Templates on top of Material's (patched copies and the portal's own), and the styles and
# scripts they use: package data, so a site carries none of them.
THEME_DIR = TOOLKIT / "theme"
TOOLKIT_ASSETS = TOOLKIT / "assets"
# Before a site's own extra_css: the design tokens, the site's colours over them, then the styles.
TOOLKIT_CSS = ("tokens.css", HOUSE_STYLE, "portal.css")


class PortalConfig(Config):
    enabled = c.Type(bool, default=True)
    # What each option means, and its default, is in settings.py (shared with `portal check`).
    site_config_dir = c.Dir(exists=True, default=DEFAULTS["site_config_dir"])
    sessions_dir = c.Type(str, default=DEFAULTS["sessions_dir"])
    partners_dir = c.Type(str, default=DEFAULTS["partners_dir"])
    actions_dir = c.Type(str, default=DEFAULTS["actions_dir"])
    today = c.Optional(c.Type(str))
    closing_soon_days = c.Type(int, default=DEFAULTS["closing_soon_days"])
    feed_past_days = c.Type(int, default=DEFAULTS["feed_past_days"])
    news_posts_dir = c.Type(str, default=DEFAULTS["news_posts_dir"])
    news_feed = c.Type(str, default=DEFAULTS["news_feed"])
    default_language = c.Type(str, default=DEFAULTS["default_language"])
    calendar_languages = c.ListOfItems(c.Type(str), default=list(DEFAULTS["calendar_languages"]))
    pdfs = c.Type(bool, default=DEFAULTS["pdfs"])
    flyers = c.Type(int, default=DEFAULTS["flyers"])
    editor_port = c.Type(int, default=DEFAULTS["editor_port"])


EXAMPLE_SEARCH_BOOST = 0.2
# PORTAL_REFERENCE_BUILD=1 builds as MkDocs and Material would on their own: every page's whole
# frame rendered (no portal_shared) and the search index made by the theme's search plugin.
# tests/test_reference_build.py holds a normal build byte for byte equal to it.
REFERENCE_BUILD = "PORTAL_REFERENCE_BUILD"


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class PortalPlugin(BasePlugin[PortalConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.depth = 0  # 1 in the build MkDocs started; more inside the i18n plugin's language builds
        self.reference = False  # see REFERENCE_BUILD
        self.catalog: Catalog | None = None
        self.default_files: Files | None = None
        self.now = None
        self.dirs: SourceDirs | None = None
        self.languages: tuple[str, ...] = ()
        self.site: PortalSite | None = None
        self.regional_sources = None
        self.page_problems: list[Problem] = []
        self.staged: StagedOutput | None = None
        self.staged_config: MkDocsConfig | None = None
        self.warnings: _WarningCounter | None = None
        self.blog_files: list[File] = []
        # Generated pages of invented records (by source path), and every example page's URL with
        # the example label in its language, for the sitemap and the search index.
        self.example_srcs: set[str] = set()
        self.example_urls: dict[str, str] = {}
        # The site search's entries, every language's (see search_worker.py and search.py).
        self.search_indexer: SearchIndexer | None = None
        # Per page being built: the blocks' HTML kept out of Markdown (render/page_html.py).
        self.stashes: dict[str, HtmlStash] = {}
        self.with_blocks: set[str] = set()
        # The files of this language build that are sure to be written (the portal's own), and the
        # helpers making their folders and files ahead (output_tree.py).
        self.written_ahead: list[File] = []
        self.output_trees: list[OutputTree] = []
        # The helper making the PDFs to print (pdf_maker.py), from the default language's build on.
        self.pdf_maker: PdfMaker | None = None
        self.flyer_ids: frozenset[str] = frozenset()
        self.editor: EditorSite | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.depth = 0

    # Runs before every other plugin's on_config, so that all of them see the staging folder.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.depth += 1
        if self.depth > 1:
            return config  # a further language: everything is loaded and checked already
        self.reference = os.environ.get(REFERENCE_BUILD) == "1"
        root = Path(config.config_file_path).parent.resolve()
        self.example_srcs, self.example_urls = set(), {}
        if self.search_indexer is not None:
            self.search_indexer.close()
        # In a process that keeps results (the preview) the entries are made here, most from memory.
        self.search_indexer = None if self.reference else SearchIndexer(in_process=memo.enabled)
        settings, wrong = settings_from_options(root, config.docs_dir, self.config,
                                                _site_languages(config, self.config.default_language))
        if wrong:
            raise PluginError(ContentProblems(wrong).report())
        self.dirs = settings.source_dirs()
        self.languages = settings.languages
        self.static_templates = frozenset(config.theme.static_templates)
        try:
            self.now = build_now(self.config.today)
        except ClockError as error:
            raise PluginError(str(error)) from None
        # Every file passes the gate before MkDocs, Material's blog or the core reads it. A file the
        # gate refuses stops the build here, with every YAML problem; otherwise the YAML problems
        # wait for on_env and come together with the problems of the pages.
        refused = check_site_sources(self.dirs) + check_site_settings_code(Path(config.config_file_path), root)
        # Material's blog reads the news posts in its on_files and stops at the first it cannot use,
        # in English: the portal says it first, for all of them.
        blog = config.plugins.get("material/blog")
        if blog is not None and blog.config.enabled and not refused:
            refused += check_news_posts(root, self.dirs.content, settings.news_posts_dir,
                                        blog.config.categories_allowed or [])
        self.catalog = None
        self.site = None
        self.page_problems = []
        try:
            # The parsed files behind the records serve the problems found while loading; a build
            # keeps only the records (at thousands of sessions, tens of megabytes).
            self.catalog = dataclasses.replace(
                load_catalog(self.dirs, self.languages, tuple(self.config.calendar_languages)),
                session_docs={}, partner_docs={})
        except ContentProblems as problems:
            self.page_problems += problems.problems
        self.flyer_ids = (flyer_session_ids(self.catalog, self.now, settings.flyers)
                          if self.catalog is not None and settings.pdfs else frozenset())
        blog = config.plugins.get("material/blog")
        self.editor = None if self.catalog is None else editor_site(
            self.catalog, self.dirs, languages=self.languages, default_language=self.config.default_language,
            news_posts_dir=settings.news_posts_dir if blog is not None and blog.config.enabled else None,
            news_categories=[str(c) for c in (blog.config.categories_allowed or [])] if blog is not None else [],
            site_url=config.site_url or "", port=settings.editor_port)
        self.page_problems += check_active_files(self.dirs)
        # Reported with the pages' problems (on_env), before anything writes the address anywhere.
        self.page_problems += site_url_problems(config.site_url, Path(config.config_file_path), root)
        _use_toolkit_theme(config)
        if self.catalog is not None and self.catalog.settings.logo is not None:
            # The organisation's logo in the header (Material's theme.logo), from site.yml.
            config.theme["logo"] = f"{ASSETS_URL_DIR}/{self.catalog.settings.logo.file}"
        if refused:
            raise PluginError(ContentProblems(refused + self.page_problems).report())
        self.regional_sources = self._fetch_regional(root)
        others = [language for language in self.languages if language != self.config.default_language]
        # A stale translation is for `portal check` to warn about; a missing source stops the build.
        self.page_problems += check_translations(root, self.dirs.content, others, stale_as_warning=False)
        self.page_problems += check_example_claims(root, self.dirs.content)
        self.page_problems += check_unfinished_text(self.dirs)
        if self.catalog is not None:
            blog = config.plugins.get("material/blog")
            self.page_problems += check_reviewed_dates(
                root, self.dirs.content, self.now.date(), self.catalog.settings.review_months,
                settings.news_posts_dir if blog is not None and blog.config.enabled else None)
        if self.command in ("build", "gh-deploy"):
            self._stage_output(config)
        return config

    # Between Material's blog (-50) and mkdocs-static-i18n (-100): the i18n plugin replaces every
    # file with a copy of its own, so the blog's posts and index lose their link to the blog, and
    # it drops the category pages the blog makes in a temporary folder (mkdocs-static-i18n#283).
    # The news is in Dutch only, so the blog's files are kept aside here and put back, as they
    # are, in the Dutch build.
    @event_priority(-90)
    def _on_files_keep_blog(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        self.blog_files = []
        if not self.config.enabled or "i18n" not in config.plugins:
            return None
        docs = Path(config.docs_dir)
        news = posixpath.dirname(self.config.news_posts_dir.rstrip("/")) + "/"
        for file in list(files):
            outside_docs = file.abs_src_path and not Path(file.abs_src_path).is_relative_to(docs)
            if file.src_uri.startswith(news) or (file.is_documentation_page() and outside_docs):
                self.blog_files.append(file)
                files.remove(file)
        return files

    # After Material's blog (-50), which gives news posts their URLs (a session's report links
    # to one), and after mkdocs-static-i18n (-100), which sorts the files by language.
    @event_priority(-110)
    def _on_files_render(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.catalog is None or self.dirs is None:
            return None
        language = config.theme.get("language") or self.config.default_language
        is_default = language == self.config.default_language
        self.written_ahead = []
        if not is_default:
            # The 404 page is one page for the whole site, in Dutch: only the Dutch build writes it.
            config.theme.static_templates.discard("404.html")
        others = [other for other in self.languages if other != self.config.default_language]
        if others and "sitemap.xml" in self.static_templates:
            # Every language build writes sitemap.xml over the last one, and the last (of all
            # languages' pages) is the one that stays: the others would render thousands of
            # entries for nothing. (The language builds share one config: put it back for the last,
            # and take the template out of the others' files, which would copy it as it is.)
            if language == others[-1]:
                config.theme.static_templates.add("sitemap.xml")
            else:
                config.theme.static_templates.discard("sitemap.xml")
                unrendered = files.get_file_from_path("sitemap.xml")
                if unrendered is not None and unrendered.generated_by is None:
                    files.remove(unrendered)
        if is_default:
            # Pages that exist only in the default language (the news) are linked there from the
            # other languages' pages.
            self.default_files = files
            for file in self.blog_files:
                _set_i18n_language(file, language, localization=None, alternates={language: file})
                files.append(file)
        urls = SiteUrls(
            directory_urls=config.use_directory_urls,
            site_url=config.site_url or "",
            language=None if is_default else language,
        )
        labels = Labels(language, self.catalog.strings.for_language(language))
        if isinstance(config.mdx_configs.get("toc"), dict):
            # Each language build renders its pages with its own Markdown settings (read per page).
            config.mdx_configs["toc"]["permalink_title"] = labels("page.heading_link")
        self.site = PortalSite(
            regional_sources=self.regional_sources if is_default else None,
            ctx=RenderContext(
                catalog=self.catalog,
                now=self.now,
                urls=urls,
                labels=labels,
                closing_soon_days=self.config.closing_soon_days,
                feed_past_days=self.config.feed_past_days,
                content_url=lambda src: self._content_url(files, src, is_default),
                translations=lambda src: _translated_urls(src, self.dirs.content, config, self.languages,
                                                          self.config.default_language),
                heading_style=_heading_style(config),
                flyer_ids=self.flyer_ids,
                pdfs=self.config.pdfs,
            )
        )
        assets = self.dirs.site_config / "assets"
        own = {path.relative_to(assets).as_posix(): path
               for path in iter_files(assets, self.dirs.root, [])}  # links and special files: refused by the gate
        # A site's file of the same name wins over the toolkit's (its own favicon, say).
        toolkit = {path.relative_to(TOOLKIT_ASSETS).as_posix(): path
                   for path in sorted(TOOLKIT_ASSETS.rglob("*")) if path.is_file()}
        for name, path in sorted({**toolkit, **own}.items()):
            self._add(files, File.generated(config, f"{ASSETS_URL_DIR}/{name}", abs_src_path=str(path)))
        if HOUSE_STYLE not in own:
            colours = self.catalog.settings.colours.chosen() if self.catalog.settings.colours else {}
            self._add(files, File.generated(config, f"{ASSETS_URL_DIR}/{HOUSE_STYLE}", content=house_style_css(colours)))
        if language in self.config.calendar_languages:
            for page in self.site.pages():
                # Not in the navigation: Material renders the whole navigation into every page, so a
                # thousand sessions there would make every page of the build slow (measured ~9x).
                file = File.generated(config, page.src, content="", inclusion=InclusionLevel.NOT_IN_NAV)
                if not is_default:
                    file.dest_uri = urls.dest_uri(page.src)
                if "i18n" in config.plugins:
                    self._describe_for_i18n(file, page.src, language, config)
                self._add(files, file)
                self.written_ahead.append(file)
                _PortalPage(page, file, config)
                if page.example:
                    self.example_srcs.add(page.src)
        if is_default:
            # Calendar files, open data, logos and the news feed are the same in every language.
            for path, make in self.site.file_makers().items():
                generated = _MadeFile.generated(config, path, content=b"")
                generated.make = make
                self._add(files, generated)
                self.written_ahead.append(generated)
            for path, logo in self.site.logos().items():
                self._add(files, File.generated(config, path, abs_src_path=str(self.dirs.partners / logo)))
            self._add(files, File.generated(config, self.config.news_feed, content=self._news_feed(files, config)))
            if self.editor is not None:
                example = self.catalog.editor.example
                for path, content in editor_files(self.editor, example).items():
                    self._add(files, File.generated(config, path, content=content))
                for path, source in vendored_files().items():
                    self._add(files, File.generated(config, path, abs_src_path=str(source)))
            if self.config.pdfs:
                self._start_pdfs(config)
        # MkDocs finds broken links too, but says it in English without a line: say it as editors read it.
        known = _known_paths(files, language)
        self.page_problems += broken_links(self.dirs.root, self.dirs.content, known,
                                           pages=_pages_of(files, self.dirs.content))
        if is_default and config.nav:
            self.page_problems += missing_nav_targets(self.dirs.root, self.dirs.content, nav_entries(config.nav), known)
        return files

    on_files = CombinedEvent(_on_files_keep_blog, _on_files_render)

    def _content_url(self, files: Files, src: str, is_default: bool) -> str | None:
        """The address of a content page from this language's pages: its own, or else the page in
        the default language (a news post is only there)."""
        found = _url_of(files, src)
        if found is None and not is_default and self.default_files is not None:
            return _url_of(self.default_files, src)
        return found

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or self.dirs is None or isinstance(page, _PortalPage):
            return None
        if page.file.generated_by is None:
            display = relative_path(Path(config.docs_dir) / page.file.src_path, self.dirs.root)
            audiences = self.catalog.audiences if self.catalog is not None else None
            self.page_problems.extend(unknown_blocks(page.file.content_string, display, audiences))
            self.page_problems.extend(repeated_blocks(page.file.content_string, display))
            if self.site is not None:
                misplaced = calendar_blocks_outside_calendar(
                    page.file.content_string, display, self.site.ctx.labels.language,
                    tuple(self.config.calendar_languages))
                if misplaced:
                    # Without the calendar's words the block cannot be made: on_env reports it.
                    self.page_problems.extend(misplaced)
                    return None
            self.page_problems.extend(front_matter_policy_problems(page.file.content_string, display))
            self.page_problems.extend(markdown_problems(page.file.content_string, display))
        if self.site is None:
            return None  # the YAML files have problems: on_env reports them with these
        stash = HtmlStash(page.file.src_uri)
        markdown = expand_blocks(markdown, self.site, page.url, stash)
        if stash.blocks:
            self.stashes[page.file.src_uri] = stash
        labels = self.site.ctx.labels
        if page.file.src_uri in self.example_srcs or page.meta.get("example") is True:
            # Real pages come first in the site's search: an invented session must not outrank
            # the meldpunt for "verhuurderschap". (Material's search reads the boost from meta.)
            page.meta["search"] = {**(page.meta.get("search") or {}), "boost": EXAMPLE_SEARCH_BOOST}
        if page.meta.get("example") is True:
            markdown = mark_example(markdown, labels("calendar.example"), labels("page.example"))
            if isinstance(page.meta.get("description"), str):
                page.meta["description"] = f"{labels('calendar.example')}: {page.meta['description']}"
        translation = page.meta.get("translation")
        if isinstance(translation, dict) and translation.get("reviewed") is not True:
            markdown = mark_unreviewed_translation(markdown, labels("translation.unreviewed"))
        checked = reviewed_date(page.meta) if page.file.generated_by is None else None
        if checked is not None:
            markdown = mark_reviewed(markdown, labels, checked)
        if memo.enabled:
            _reuse_markdown(page, markdown, files, config)
        return markdown

    def on_page_content(self, content: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        # Second line of defence: the HTML that Markdown's extensions made, against the allow-list.
        # (A generated page holds only what the portal's own templates wrote, every value escaped;
        # tests/test_active_content.py holds those pages to the same allow-list.)
        if not self.config.enabled or self.dirs is None or isinstance(page, _PortalPage):
            return None
        where = page.file.src_uri if page.file.generated_by else relative_path(page.file.abs_src_path, self.dirs.root)
        feeds = self.site.subscription_addresses if self.site is not None else frozenset()
        self.page_problems.extend(rendered_html_problems(content, where, feeds))
        stash = self.stashes.pop(page.file.src_uri, None)
        if stash is None:
            return None
        self.with_blocks.add(page.file.src_uri)
        # The blocks' HTML comes from the portal's own templates (held to the same allow-list by
        # tests/test_active_content.py); its ids can be linked to, as every id of a page.
        for block in stash.blocks.values():
            page.present_anchor_ids |= {html.unescape(found) for found in _IDS.findall(block)}
        try:
            return stash.restore(content)
        except ValueError as error:
            raise PluginError(f"{where}: {error}") from None

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        # All pages have been read by now: report every page's problems at once.
        # Warnings are for `portal check`; in a strict build they would stop it.
        if any(problem.severity == "error" for problem in self.page_problems):
            raise PluginError(ContentProblems(self.page_problems).report())
        if self.site is not None:
            # The header's organisation and the footer, for every template of this language (the
            # 404 page too, which has no page context).
            env.globals.update(self._frame_words(self.site.ctx.labels.language))
        env.globals["portal_shared"] = _shared_fragments(enabled=not self.reference)
        env.filters["portal_latin1"] = latin1_html
        if self.staged is not None and self.written_ahead:
            # The staging folder is the build's own and fresh: make the portal's folders and files
            # ahead while the pages render (output_tree.py).
            self.output_trees.append(OutputTree(Path(config.site_dir), [f.abs_dest_path for f in self.written_ahead]))
        # Templates do not change during a build, and every page includes some thirty: without
        # this, Jinja asks the file system about each of them for every page.
        env.auto_reload = False
        # Every language build (and every rebuild of the preview) has a new environment: compile
        # each template once per process, not once per build (a changed template compiles anew).
        env.bytecode_cache = _COMPILED_TEMPLATES
        # Every page's title by address, for the breadcrumb trails (on_page_context).
        self.titles = {
            file.page.url: file.page.title for file in files if file.page is not None and file.page.title
        }
        if memo.enabled and not self.reference:
            self._reuse_outputs(files, config)
        return env

    def _reuse_outputs(self, files: Files, config: MkDocsConfig) -> None:
        """In a process that keeps results (the preview, memo.py): a generated page whose body is
        the same as before (its key) in a frame that is the same as before is written as it was,
        without rendering the theme again (template portal-reused.html). The frame: everything
        around the body that could differ, the settings, words, navigation and titles. A generated
        page's title is in its own key, not in the frame: the navigation leaves generated pages
        out, so no other page shows it unless the page is in another's breadcrumb trail."""
        generated = {file.page.url for file in files.documentation_pages() if isinstance(file.page, _PortalPage)}
        parents = {url[:end + 1] for url in self.titles for end, char in enumerate(url[:-1]) if char == "/"}
        shown_elsewhere = sorted((url, title) for url, title in self.titles.items()
                                 if url not in generated or url in parents)
        frame = memo.fingerprint(
            Path(config.config_file_path).read_bytes(), self.catalog.settings, self.catalog.audiences,
            sorted(self.catalog.strings.for_language(self.site.ctx.labels.language).items()), shown_elsewhere,
            [(file.src_uri, file.url) for file in files.documentation_pages()], self.site.ctx.labels.language,
            self.now.date(), config.theme.dirs, config.site_url)
        for file in files.documentation_pages():
            page = file.page
            if isinstance(page, _PortalPage) and page.data is not None and page.data.key is not None:
                page.output_key = memo.fingerprint(frame, page.url, page.title, page.data.key)
                kept = memo.recall("page output", page.output_key)
                if kept is not None:
                    page.reused_output = kept
                    page.meta["template"] = "portal-reused.html"

    def _frame_words(self, language: str) -> dict[str, object]:
        ctx = self.site.ctx
        settings, labels = ctx.catalog.settings, ctx.labels
        meldpunt_urls = ctx.translations(MELDPUNT_PAGE) if ctx.translations else {}
        words = ("page.contact", "page.about_site", "meldpunt.link", "meldpunt.footer", "calendar.example")
        return {
            "portal_organisation": settings.organisation,
            "portal_footer": {
                "contact": settings.contact,
                "phone_uri": phone_uri(settings.contact.phone),
                "meldpunt_url": meldpunt_urls.get(language) or meldpunt_urls.get(self.config.default_language),
                "words": {key: labels(key) for key in words},
            },
        }

    # Before the theme's search plugin (0), which takes data-search-* attributes out of the page
    # after indexing it: the portal indexes the page as that plugin would (search_entries.py).
    @event_priority(50)
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        if not self.config.enabled or self.site is None:
            return context
        if isinstance(page, _PortalPage) and page.reused_output is None:
            page.write_body()
        language = self.site.ctx.labels.language
        example = self._note_page(page)
        if isinstance(page, _PortalPage) and page.reused_output is not None:
            # Written as in the previous build (portal-reused.html): nothing else to work out.
            context["portal_reused"] = Markup(zlib.decompress(page.reused_output).decode("utf-8"))
            return context
        context["portal_jsonld"] = page.jsonld if isinstance(page, _PortalPage) else None
        context["portal_example"] = example
        # The state script runs where sessions can show: in the calendar's languages.
        in_calendar = language in self.config.calendar_languages
        context["portal_labels"] = self.site.ctx.labels.for_script() if in_calendar else None
        # The news is in Dutch only (see on_files): only Dutch pages point to its feed.
        context["portal_news_feed"] = self.config.news_feed if language == self.config.default_language else None
        # Pages of another language search their own index (see search.py).
        context["portal_search_base"] = None if language == self.config.default_language else f"{language}/"
        context["portal_hreflang"] = _hreflang_links(page.file, self.site.ctx.urls, self.languages, self.config.default_language)
        labels = self.site.ctx.labels
        home = "" if language == self.config.default_language else f"{language}/"
        context["portal_breadcrumb"] = trail(
            page.url, home, labels("page.home"), getattr(self, "titles", {}), page.title or "")
        context["portal_breadcrumb_label"] = labels("page.breadcrumb")
        context["portal_languages"] = _translations(page.file, config, language)
        context["portal_languages_label"] = labels("page.languages")
        # A sidebar with only this page in it, or a table of contents of one or two headings,
        # adds nothing (the home page has its own tasks).
        context["portal_no_sidebar"] = page.is_homepage or _lone_in_navigation(page)
        if page.is_homepage or _toc_length(page.toc) < 3:
            hide = page.meta.get("hide") if isinstance(page.meta.get("hide"), list) else []
            page.meta["hide"] = [*hide, "toc"]
        return context

    def _note_page(self, page: Page) -> bool:
        """What the build keeps of every page it writes: whether it is invented (it stays out of
        search engines and the sitemap, on_post_build) and its search entries. True if invented."""
        example = page.file.src_uri in self.example_srcs or page.meta.get("example") is True
        if example:
            self.example_urls[page.url] = self.site.ctx.labels("calendar.example")
        if self.search_indexer is not None:
            self._index_for_search(page, self.site.ctx.labels.language)
        return example

    def write_reused(self, page: _PortalPage) -> None:
        """A generated page written as in the previous build (see _writing_reused_pages)."""
        assert page.reused_output is not None
        self._note_page(page)
        write_file(zlib.decompress(page.reused_output), page.file.abs_dest_path)
        page.written()

    def _index_for_search(self, page: Page, language: str) -> None:
        """The page's search entries (search_entries.py), made beside the build (search_worker.py);
        the theme's search plugin is told to leave the page alone. A page the portal cannot index
        as the plugin would stays the plugin's."""
        search = page.meta.get("search") if isinstance(page.meta.get("search"), dict) else {}
        generated = isinstance(page, _PortalPage)
        if not search.get("exclude"):
            # A generated page's HTML is the portal's own (indexable) and, where bodies are kept,
            # its entries are kept with it (by its key): a page written as before is not read again.
            if generated:
                # Written just now (write_body): that HTML. Written as before (reused_output): its
                # entries are kept by its key, and the body is made again only if they are not.
                data = page.data
                content = page.content if page.reused_output is None else (lambda: data.body().html)
                key = data.key
            else:
                content, key = page.content or "", None
                if not indexable(content):
                    return
            meta = {name: page.meta[name] for name in ("search", "tags") if name in page.meta}
            self.search_indexer.add(
                language=language, content=content, location=page.url, title=str(page.meta.get("title", page.title)),
                meta=meta, label=self.example_urls.get(page.url),
                prefix="" if language == self.config.default_language else f"{language}/", key=key)
        page.meta["search"] = {**search, "exclude": True}

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if isinstance(page, _PortalPage):
            if page.output_key is not None and page.reused_output is None:
                # Encoded as MkDocs encodes it to write it.
                memo.keep("page output", page.output_key,
                          zlib.compress(output.encode("utf-8", errors="xmlcharrefreplace"), 1))
            page.written()
        elif page.file.src_uri in self.with_blocks:
            page.content = ""  # its blocks' HTML (the calendar of every session) is written: let it go
        return None

    # After every other plugin's on_post_build, i18n's language builds included, so the staging
    # folder holds the complete site.
    @event_priority(-110)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self.depth -= 1
        if self.depth > 0:
            return  # a language build inside the i18n plugin: the outermost build finishes
        site_dir = Path(config.site_dir)
        drop_from_sitemap(site_dir, self.example_urls, config.site_url or "")
        spooled = None
        if self.search_indexer is not None:
            failed = self.search_indexer.finish()
            if failed:
                self.search_indexer.close()
                raise PluginError(f"{failed[0]}: de zoekindex kan deze pagina niet lezen (de HTML is niet goed genest); "
                                  "controleer de HTML in de pagina")
            spooled = self.search_indexer.spool.entries
        finish_search_index(site_dir, spooled, self.example_urls, self.languages, self.config.default_language)
        if self.search_indexer is not None:
            self.search_indexer.close()
            self.search_indexer = None
        self._wait_for_output_trees()
        self._wait_for_pdfs()
        if self.staged is None:
            return
        # In strict mode MkDocs aborts right after this event when there were warnings.
        failed = config.strict and self.warnings is not None and self.warnings.count > 0
        self._end_staging(success=not failed)

    def on_build_error(self, *, error: Exception) -> None:
        # MkDocs keeps plugin instances between builds (mkdocs serve, tests): start afresh.
        self.depth = 0
        self._wait_for_output_trees(stop=True)
        if self.pdf_maker is not None:
            self.pdf_maker.stop()
            self.pdf_maker = None
        if self.search_indexer is not None:
            self.search_indexer.close()
            self.search_indexer = None
        if isinstance(error, OSError) and self.staged is not None:
            log.error(disk_sentence(error, self.staged.target))
        if self.staged is not None:
            self._end_staging(success=False)

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        if self.config.enabled and self.dirs is not None:
            for folder in (self.dirs.site_config, self.dirs.sessions, self.dirs.partners):
                if folder.is_dir():
                    server.watch(str(folder))
        return server

    def _describe_for_i18n(self, file: File, src: str, language: str, config: MkDocsConfig) -> None:
        """Give a generated page what mkdocs-static-i18n reads from the pages it sorted itself:
        its language, and the same page in the other languages (for the language switcher)."""
        norm = posixpath.splitext(src)[0].removesuffix(f".{language}") + ".md"
        alternates = {}
        for other in self.config.calendar_languages:
            if other == language:
                alternates[other] = file
                continue
            other_urls = SiteUrls(config.use_directory_urls, language=None if other == self.config.default_language else other)
            other_src = norm[:-3] + (".md" if other == self.config.default_language else f".{other}.md")
            alternates[other] = _OtherLanguage(other_src, other_urls.page_url(other_src))
        localization = None if language == self.config.default_language else language
        _set_i18n_language(file, language, localization=localization, alternates=alternates, norm_src_uri=norm)

    def _fetch_regional(self, root: Path):
        """Once per build, before any page: the other sites' open data. A source that cannot be
        used is said at INFO level, not as a warning: a strict build would stop on a warning,
        and one municipality's site being down must not stop another's from being published
        (the regional page also says which copy it shows)."""
        settings = self.catalog.settings.regional if self.catalog is not None else None
        if settings is None:
            return None  # no sources: no request at all
        fetched = collect_sources(settings, root, self.now)
        site_yml = relative_path(self.dirs.site_config / "site.yml", root) if self.dirs else "site_config/site.yml"
        for source in fetched:
            if source.warning:
                log.info(f"LET OP: {source.warning}")
                if os.environ.get("GITHUB_ACTIONS") == "true":
                    # Shown on the pull request and the workflow run, where nobody reads INFO lines.
                    print(Problem(site_yml, 0, 0, source.warning, severity="warning").as_github_annotation(), flush=True)
        return fetched

    def _news_feed(self, files: Files, config: MkDocsConfig) -> bytes:
        assert self.site is not None
        prefix = self.config.news_posts_dir.rstrip("/") + "/"
        items = []
        # All files, not documentation_pages(): the blog hides its posts from the navigation.
        for file in files:
            if file.is_documentation_page() and file.src_uri.startswith(prefix) and file.abs_src_path:
                item = read_news_item(Path(file.abs_src_path), file.src_uri)
                if item is not None:
                    items.append((item, self.site.ctx.urls.absolute(file.url)))
        urls = self.site.ctx.urls
        news_page = posixpath.dirname(prefix.rstrip("/"))
        return rss_feed(
            title=f"{config.site_name}: nieuws",
            link=urls.absolute(f"{news_page}/" if news_page else ""),
            self_link=urls.absolute(self.config.news_feed),
            description=config.site_description or config.site_name,
            language=self.site.ctx.labels.language,
            items=items,
            built=self.site.ctx.now,
            example_label=self.site.ctx.labels("calendar.example"),
        )

    def _start_pdfs(self, config: MkDocsConfig) -> None:
        """Hand every PDF to print to the helper (pdf_maker.py); the build goes on meanwhile."""
        assert self.site is not None
        ctx = self.site.ctx
        documents = paper_documents(
            ctx, self.site.ordered_sessions, ctx.url_of_content(PROGRESS_PAGE),
            ctx.translations(MELDPUNT_PAGE) if ctx.translations is not None else {},
        )
        if self.pdf_maker is not None:
            self.pdf_maker.stop()
        try:
            self.pdf_maker = PdfMaker(Path(config.site_dir), documents)
        except PdfError as error:
            raise PluginError(str(error)) from None

    def _wait_for_pdfs(self) -> None:
        if self.pdf_maker is None:
            return
        maker, self.pdf_maker = self.pdf_maker, None
        try:
            maker.wait()
        except PdfError as error:
            raise PluginError(str(error)) from None

    def _add(self, files: Files, file: File) -> None:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None and existing.src_uri == file.src_uri:
            raise PluginError(
                f"{existing.src_uri}: dit bestand staat op de plek van een pagina die de portal-plugin maakt "
                f"({file.src_uri}); hernoem of verwijder het"
            )
        files.append(file)

    def _wait_for_output_trees(self, *, stop: bool = False) -> None:
        """Before the staging folder moves or goes: no helper may be making anything in it."""
        for tree in self.output_trees:
            tree.stop() if stop else tree.wait()
        self.output_trees = []

    def _stage_output(self, config: MkDocsConfig) -> None:
        self.staged = StagedOutput(Path(config.site_dir))
        self.staged_config = config
        try:
            config.site_dir = str(self.staged.begin())
        except OSError as error:
            self.staged = None
            raise PluginError(disk_sentence(error, Path(config.site_dir))) from None
        self.warnings = _WarningCounter()
        logging.getLogger("mkdocs").addHandler(self.warnings)

    def _end_staging(self, *, success: bool) -> None:
        assert self.staged is not None
        if success:
            self.staged.commit()
            log.info(f"De site staat klaar in {self.staged.target}")
        else:
            self.staged.abort()
            log.info("De vorige versie van de site is blijven staan.")
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
        # What runs after the build (gh-deploy's push, other plugins) must find the site where
        # it now is, not in the staging folder that is gone.
        if self.staged_config is not None:
            self.staged_config.site_dir = str(self.staged.target)
        self.staged = None
        self.staged_config = None
        self.warnings = None


class _PortalPage(Page):
    """A page the portal writes as HTML (render/page_html.py): MkDocs and the theme take it as it
    is, without reading a file or running Markdown. Its body is written just before the page is
    (on_page_context) and let go once it is written (on_post_page): the build never holds all
    generated pages' HTML at once."""

    def __init__(self, data: GeneratedPage, file: File, config: MkDocsConfig) -> None:
        super().__init__(None, file, config)
        self.data = data
        self.jsonld: str | None = None
        # In a process that keeps results (memo.py): the key of this page's finished HTML, and
        # that HTML (compressed) when the previous build wrote the same.
        self.output_key: str | None = None
        self.reused_output: bytes | None = None
        # The same date for every page of a build: one string, not one per page.
        self.update_date = _build_date(self.update_date)

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        # Escaped, as front matter gave them before: the theme prints page titles unescaped.
        self.meta = {"title": html.escape(self.data.title)}
        if self.data.example:
            # Real pages come first in the site's search: an invented session must not outrank the
            # meldpunt for "verhuurderschap".
            self.meta["search"] = {"boost": EXAMPLE_SEARCH_BOOST}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""  # written in write_body
        self.present_anchor_ids = set()
        # links_to_anchors stays MkDocs' None: this page links to no anchor of another page.

    def write_body(self) -> None:
        body = self.data.body()
        self.content = body.html
        self.meta["description"] = html.escape(body.description)
        self.jsonld = body.jsonld
        tokens = [{"level": h.level, "id": h.id, "name": h.name, "html": h.name, "data-toc-label": "",
                   "children": []} for h in body.headings]
        self.toc = get_toc(nest_toc_tokens(tokens))
        # What other pages may link to with #...: the headings and every id in the page.
        self.present_anchor_ids = _Anchors(html.unescape(found) for found in _IDS.findall(body.html))

    def written(self) -> None:
        """The page is on disk: keep only what later steps read (its title, address and anchors)."""
        self.content = ""
        self.toc = _NO_HEADINGS
        self.data = None
        self.jsonld = None
        self.reused_output = None
        self.meta.pop("description", None)


_IDS = re.compile(r'\sid="([^"]*)"')
_NO_HEADINGS = get_toc([])


@functools.lru_cache(maxsize=4)
def _build_date(date: str) -> str:
    return date


class _MadeFile(File):
    """A file the portal makes when MkDocs writes it (a calendar file, open data), and does not
    keep: MkDocs reads a generated file's content from `_content`."""

    make: Callable[[], bytes] = staticmethod(lambda: b"")

    @property  # type: ignore[override]
    def _content(self) -> bytes:
        return self.make()

    @_content.setter
    def _content(self, value: bytes | str | None) -> None:
        pass  # File.generated gives b"": the content is `make`'s

    def copy_file(self, dirty: bool = False) -> None:
        super().copy_file(dirty)
        # Written: let go of what made it (the records and views behind a calendar file).
        self.make = _MadeFile.make

class _OtherLanguage:
    """The same generated page in another language, as the language switcher, the sitemap and
    the hreflang links read it (a whole MkDocs File for each would cost megabytes)."""

    __slots__ = ("src_uri", "url")
    page = None

    def __init__(self, src_uri: str, url: str) -> None:
        self.src_uri = src_uri
        self.url = url


class _Anchors:
    """A page's ids, for MkDocs' check of links to them (`id in anchors`), kept as one string:
    a set of a thousand pages' ids each costs megabytes."""

    def __init__(self, ids: Iterable[str]) -> None:
        self._joined = "\0" + "\0".join(ids) + "\0"

    def __contains__(self, anchor: object) -> bool:
        return isinstance(anchor, str) and "\0" not in anchor and f"\0{anchor}\0" in self._joined


class _CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory by name and source (Jinja checks the source)."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED_TEMPLATES = _CompiledTemplates()


def _reuse_markdown(page: Page, markdown: str, files: Files, config: MkDocsConfig) -> None:
    """In a process that keeps results (the preview, memo.py): a page whose Markdown, address,
    Markdown settings and set of files (its links' targets) are the same as in an earlier build
    gets that build's HTML, table of contents, title and anchors, without running Markdown."""
    key = memo.fingerprint(page.file.src_uri, page.url, markdown, config.markdown_extensions, config.mdx_configs,
                           _files_key(files))
    kept = memo.recall("markdown", key)
    if kept is None:
        original = page.render

        def render_and_keep(config: MkDocsConfig, files: Files) -> None:
            original(config, files)
            links = {target.src_uri: dict(anchors) for target, anchors in (page.links_to_anchors or {}).items()}
            memo.keep("markdown", key, (page.content, copy.deepcopy(page.toc), page._title_from_render,
                                        frozenset(page.present_anchor_ids or ()), links))

        page.render = render_and_keep
        return

    def render_kept(config: MkDocsConfig, files: Files) -> None:
        content, toc, title, anchors, links = kept
        page.content = content
        page.toc = copy.deepcopy(toc)
        page._title_from_render = title
        page.present_anchor_ids = set(anchors)
        page.links_to_anchors = {files.get_file_from_path(src): dict(found) for src, found in links.items()
                                 if files.get_file_from_path(src) is not None}

    page.render = render_kept


def _files_key(files: Files) -> str:
    """The build's files and addresses (what relative links resolve to), once per Files."""
    cached = getattr(files, "_portal_key", None)
    if cached is None:
        cached = memo.fingerprint(sorted((file.src_uri, file.url) for file in files))
        files._portal_key = cached
    return cached


def _shared_fragments(*, enabled: bool):
    """`portal_shared(name)` for the theme (theme_patches.py): a part of the page frame rendered
    once for all generated pages of one folder, and for every other page as usual. Those pages
    are outside the navigation, so it marks nothing as theirs, and its links, relative to the
    page, are the same from every page of a folder. One cache per language build (on_env).
    """
    cache: dict[tuple[str, str], str] = {}

    @pass_context
    def portal_shared(context, name: str, caller) -> str:
        page = context.get("page")
        if not enabled or not isinstance(page, _PortalPage):
            return caller()
        key = (name, posixpath.dirname(page.url.rstrip("/")))
        if key not in cache:
            cache[key] = caller()
        return cache[key]

    return portal_shared


def _heading_style(config: MkDocsConfig) -> HeadingStyle:
    """The site's Markdown settings for headings (the toc extension, which MkDocs always loads),
    for generated pages."""
    toc = config.mdx_configs.get("toc")
    if not isinstance(toc, dict):
        return HeadingStyle(permalink=None)
    permalink = toc.get("permalink", False)
    slugify = toc.get("slugify")
    return HeadingStyle(
        permalink="&para;" if permalink is True else (str(permalink) if permalink else None),
        permalink_title=str(toc.get("permalink_title", "Permanent link")) if permalink else "",
        permalink_class=str(toc.get("permalink_class", "headerlink")),
        **({"slugify": slugify} if callable(slugify) else {}),
        separator=str(toc.get("separator", "-")),
    )


def _set_i18n_language(
    file: File, language: str, *, localization: str | None, alternates: dict, norm_src_uri: str | None = None
) -> None:
    """The attributes mkdocs-static-i18n puts on the files it sorts (its sitemap and language
    switcher read them), for files it did not sort: the portal's pages and the blog's views."""
    file.alternates = alternates
    file.locale = language
    file.locale_alternate_of = language
    file.localization = localization
    file.norm_src_uri = norm_src_uri or file.src_uri


def _site_languages(config: MkDocsConfig, default: str) -> tuple[str, ...]:
    """The languages the site is built in: those of mkdocs-static-i18n, or only the default."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return (default,)
    return tuple(lang.locale for lang in i18n.config.languages if lang.build)


def _hreflang_links(file: File, urls: SiteUrls, languages: tuple[str, ...], default: str) -> list[tuple[str, str]]:
    """The page in each language it exists in, as (hreflang, absolute URL), plus x-default (the
    Dutch page): for search engines. Only real translations: the switcher's stand-ins for an
    untranslated page (the language's home page) are not the same page."""
    alternates = getattr(file, "alternates", None) or {}
    if not urls.site_url:
        return []  # search engines read only absolute addresses here
    links = [(lang, urls.absolute(_root_relative(alternates[lang].url))) for lang in languages if lang in alternates]
    if len(links) < 2:
        return []
    links += [("x-default", href) for lang, href in links if lang == default]
    return links


def _translations(file: File, config: MkDocsConfig, current: str) -> list[dict[str, str]]:
    """This page in the site's other languages that it is really translated into, each named in
    its own language (from the i18n plugin's settings)."""
    alternates = getattr(file, "alternates", None) or {}
    i18n = config.plugins.get("i18n")
    if i18n is None or len(alternates) < 2:
        return []
    found = []
    for lang in i18n.config.languages:
        other = alternates.get(lang.locale)
        if lang.build and lang.locale != current and other is not None and other.src_uri != file.src_uri:
            found.append({"lang": lang.locale, "name": lang.name, "url": _root_relative(other.url)})
    return found


def _translated_urls(src: str, content: Path, config: MkDocsConfig, languages: tuple[str, ...],
                     default: str) -> dict[str, str]:
    """The page built from `src` in each language it exists in (docs_structure: suffix)."""
    found = {}
    stem, suffix = posixpath.splitext(src)
    for language in languages:
        source = src if language == default else f"{stem}.{language}{suffix}"
        if (content / source).is_file():
            urls = SiteUrls(directory_urls=config.use_directory_urls, site_url=config.site_url or "",
                            language=None if language == default else language)
            found[language] = urls.page_url(source)
    return found


def _lone_in_navigation(page: Page) -> bool:
    """True when the left sidebar would list this page alone (a top-level page, or a section
    of one page)."""
    top = page.ancestors[-1] if page.ancestors else None
    if top is None:
        return True
    return sum(1 for _ in _leaves(top)) <= 1


def _leaves(item):
    for child in getattr(item, "children", None) or []:
        if getattr(child, "children", None):
            yield from _leaves(child)
        else:
            yield child


def _toc_length(toc) -> int:
    """The number of headings under the page title (the title itself is not counted)."""
    count = 0
    for item in toc or []:
        children = list(getattr(item, "children", []) or [])
        count += len(children) if getattr(item, "level", 1) == 1 else 1
    return count


def _root_relative(url: str) -> str:
    return "" if url in ("./", ".") else url


def _url_of(files: Files, src: str) -> str | None:
    file = files.get_file_from_path(src)
    return None if file is None else file.url


def _known_paths(files: Files, language: str) -> set[str]:
    """What a page of this build may link to, as editors write it (without a language suffix)."""
    known = set()
    for file in files:
        known.add(file.src_uri)
        norm = getattr(file, "norm_src_uri", None)
        if norm:
            known.add(norm)
        known.add(file.src_uri.replace(f".{language}.", ".", 1))
    return known


def _pages_of(files: Files, content: Path) -> list[Path]:
    """The content pages this build renders (one language's)."""
    pages = []
    # All files, not documentation_pages(): the blog hides its posts from the navigation.
    for file in files:
        if file.is_documentation_page() and file.abs_src_path and Path(file.abs_src_path).is_relative_to(content):
            pages.append(Path(file.abs_src_path))
    return pages


def _use_toolkit_theme(config: MkDocsConfig) -> None:
    """Put the toolkit's templates between a site's own custom_dir and Material's, and its styles
    before the site's own, as mkdocs-static-i18n adds its templates: a site copies none of them."""
    dirs = config.theme.dirs
    if str(THEME_DIR) not in dirs:
        custom = config.theme.custom_dir
        dirs.insert(1 if custom and dirs and Path(dirs[0]) == Path(custom) else 0, str(THEME_DIR))
    ours = [f"{ASSETS_URL_DIR}/{name}" for name in TOOLKIT_CSS]
    config.extra_css[:] = ours + [path for path in config.extra_css if path not in ours]


def build_here(config_file: Path, site_dir: Path) -> tuple[bool, str]:
    """`mkdocs build --strict` in this process (the preview's build process, kept warm between
    builds): whether it wrote a site, and its log lines as the command line prints them."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    _keep_theme_listings()
    _write_reused_pages_directly()
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(f"{record.levelname:<7} -  {record.getMessage()}")

    handler = Collect(level=logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        return True, "\n".join(lines)
    except (Abort, ConfigurationError, PluginError) as error:
        lines.append(f"ERROR   -  {error}")
        return False, "\n".join(lines)
    finally:
        logger.removeHandler(handler)


# Plugins whose page hooks (on_page_context, on_post_page) leave a generated page's output and
# everything else alone: the theme's search (told to skip these pages), its blog (its own pages
# only), mkdocs-static-i18n (the template's context only) and the portal.
_PAGE_HOOKS_KNOWN = ("material.plugins.search.plugin", "material.plugins.blog.plugin", "mkdocs_static_i18n.plugin",
                     __name__)


def _write_reused_pages_directly() -> None:
    """In the preview's build process only (build_here): a generated page whose output is the
    same as in the previous build (_PortalPage.reused_output) goes to disk as it is, without
    MkDocs' page context, the theme, and every plugin's page hooks, as long as every plugin
    with page hooks is one known to do nothing else to such a page. (Else the page takes MkDocs'
    way, through the template portal-reused.html.) tests/test_preview_builds.py holds the result
    equal to a fresh build."""
    from mkdocs.commands import build as mkdocs_build

    if getattr(mkdocs_build._build_page, "portal_direct", False):
        return
    original = mkdocs_build._build_page

    def build_page(page, config, doc_files, nav, env, dirty=False, excluded=False):
        if isinstance(page, _PortalPage) and page.reused_output is not None and not excluded and not dirty:
            portal = _portal_plugin(config)
            if portal is not None and _only_known_page_hooks(config):
                config._current_page = page
                portal.write_reused(page)
                return None
        return original(page, config, doc_files, nav, env, dirty, excluded)

    build_page.portal_direct = True  # type: ignore[attr-defined]
    mkdocs_build._build_page = build_page


def _portal_plugin(config: MkDocsConfig) -> PortalPlugin | None:
    return next((plugin for plugin in config.plugins.values() if isinstance(plugin, PortalPlugin)), None)


def _only_known_page_hooks(config: MkDocsConfig) -> bool:
    hooks = [*config.plugins.events["page_context"], *config.plugins.events["post_page"]]
    return all(getattr(getattr(hook, "__self__", None), "__module__", None) in _PAGE_HOOKS_KNOWN for hook in hooks)


_THEME_LISTINGS: dict[tuple, list[tuple[str, str]]] = {}


def _keep_theme_listings() -> None:
    """In the preview's build process only (build_here): the static files of themes that are
    installed packages (Material's, the toolkit's) are listed once, not in every language build
    of every build: MkDocs walks every file of every theme folder for it, Material's thousands of
    icons included. A theme folder of the site's own is listed anew each time."""
    if getattr(Files.add_files_from_theme, "portal_kept", False):
        return
    original = Files.add_files_from_theme
    installed = (str(Path(sys.prefix).resolve()), str(TOOLKIT))

    def add_files_from_theme(self: Files, env, config: MkDocsConfig) -> None:
        dirs = tuple(config.theme.dirs)
        if not all(str(Path(folder).resolve()).startswith(installed) for folder in dirs):
            return original(self, env, config)
        key = (dirs, tuple(sorted(config.theme.static_templates)), config.use_directory_urls)
        if key not in _THEME_LISTINGS:
            listed = Files([])
            original(listed, env, config)
            _THEME_LISTINGS[key] = [(file.src_uri, file.src_dir) for file in listed]
        for path, folder in _THEME_LISTINGS[key]:
            # As MkDocs does: a file of the site's own comes first.
            if self.get_file_from_path(path) is None:
                self.append(File(path, folder, config.site_dir, config.use_directory_urls))

    add_files_from_theme.portal_kept = True
    Files.add_files_from_theme = add_files_from_theme

    # Every environment MkDocs makes (plugins make their own too) keeps its compiled templates.
    from mkdocs.theme import Theme

    make_environment = Theme.get_env

    def get_env(self: Theme):
        env = make_environment(self)
        env.bytecode_cache = _COMPILED_TEMPLATES
        return env

    Theme.get_env = get_env
