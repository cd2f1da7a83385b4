"""The one place that knows MkDocs: its events call the portal's core, nothing more.

Registered as the MkDocs plugin `portal` through the entry point in pyproject.toml.
"""

from __future__ import annotations

import logging
import posixpath
from dataclasses import replace
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .clock import ClockError, build_now
from .checks.pages import broken_links
from .load import SourceDirs, load_catalog
from .problems import ContentProblems, Problem, relative_path
from .render.blocks import expand_blocks, unknown_blocks
from .render.feeds import read_news_item, rss_feed
from .render.labels import Labels
from .render.pages import mark_example
from .render.views import RenderContext
from .site import PortalSite
from .staging import StagedOutput
from .urls import SiteUrls

log = get_plugin_logger(__name__)

# Files in site_config/assets are published under this folder of the site.
ASSETS_URL_DIR = "assets/portal"


class PortalConfig(Config):
    enabled = c.Type(bool, default=True)
    site_config_dir = c.Dir(exists=True, default="site_config")
    sessions_dir = c.Type(str, default="sessions")
    partners_dir = c.Type(str, default="partners")
    # The build's "now" (clock.py): "2027-01-15 09:00"; empty: PORTAL_NOW, SOURCE_DATE_EPOCH or now.
    today = c.Optional(c.Type(str))
    closing_soon_days = c.Type(int, default=7)
    feed_past_days = c.Type(int, default=90)
    # News posts (Material's blog) and the RSS feed made from their front matter.
    news_posts_dir = c.Type(str, default="nieuws/posts")
    news_feed = c.Type(str, default="nieuws/feed.xml")


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class PortalPlugin(BasePlugin[PortalConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.context: RenderContext | None = None
        self.site: PortalSite | None = None
        self.dirs: SourceDirs | None = None
        self.page_problems: list[Problem] = []
        self.jsonld: dict[str, str] = {}
        self.staged: StagedOutput | None = None
        self.warnings: _WarningCounter | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    # Runs before every other plugin's on_config, so that all of them see the staging folder.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        root = Path(config.config_file_path).parent.resolve()
        self.dirs = SourceDirs(
            root=root,
            site_config=Path(self.config.site_config_dir),
            sessions=root / self.config.sessions_dir,
            partners=root / self.config.partners_dir,
            content=Path(config.docs_dir),
        )
        self.page_problems = []
        try:
            catalog = load_catalog(self.dirs)
            now = build_now(self.config.today)
        except ContentProblems as problems:
            raise PluginError(problems.report()) from None
        except ClockError as error:
            raise PluginError(str(error)) from None
        language = config.theme.get("language") or "nl"
        # The site itself is made in on_files, once news posts have their URLs.
        self.context = RenderContext(
            catalog=catalog,
            now=now,
            urls=SiteUrls(directory_urls=config.use_directory_urls, site_url=config.site_url or ""),
            labels=Labels(language, catalog.strings.for_language(language)),
            closing_soon_days=self.config.closing_soon_days,
            feed_past_days=self.config.feed_past_days,
        )
        self.site = None
        if self.command in ("build", "gh-deploy"):
            self._stage_output(config)
        return config

    # After Material's blog (priority -50) has given news posts their final URLs, which a
    # session's report links to.
    @event_priority(-100)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.context is None or self.dirs is None:
            return None
        self.site = PortalSite(replace(self.context, content_url=lambda src: _url_of(files, src)))
        assets = self.dirs.site_config / "assets"
        for path in sorted(p for p in assets.rglob("*") if p.is_file()):
            self._add(files, File.generated(config, f"{ASSETS_URL_DIR}/{path.relative_to(assets).as_posix()}",
                                            abs_src_path=str(path)))
        for page in self.site.pages():
            # Not in the navigation: Material renders the whole navigation into every page, so a
            # thousand sessions there would make every page of the build slow (measured ~9x).
            self._add(files, File.generated(config, page.src, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV))
            if page.jsonld:
                self.jsonld[page.src] = page.jsonld
        for path, content in self.site.files().items():
            self._add(files, File.generated(config, path, content=content))
        for path, logo in self.site.logos().items():
            self._add(files, File.generated(config, path, abs_src_path=str(self.dirs.partners / logo)))
        self._add(files, File.generated(config, self.config.news_feed, content=self._news_feed(files, config)))
        # MkDocs finds broken links too, but says it in English without a line: say it as editors read it.
        known = {file.src_uri for file in files}
        self.page_problems += broken_links(self.dirs.root, self.dirs.content, known)
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or self.site is None or self.dirs is None:
            return None
        if page.file.generated_by is None:
            display = relative_path(Path(config.docs_dir) / page.file.src_path, self.dirs.root)
            self.page_problems.extend(unknown_blocks(page.file.content_string, display))
        markdown = expand_blocks(markdown, self.site, page.url)
        if page.meta.get("example") is True:
            labels = self.site.ctx.labels
            markdown = mark_example(markdown, labels("calendar.example"), labels("page.example"))
        return markdown

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        # All pages have been read by now: report every page's problems at once.
        if self.page_problems:
            raise PluginError(ContentProblems(self.page_problems).report())
        return env

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        if not self.config.enabled or self.site is None:
            return context
        context["portal_jsonld"] = self.jsonld.get(page.file.src_uri)
        context["portal_labels"] = self.site.ctx.labels.for_script()
        context["portal_news_feed"] = self.config.news_feed
        return context

    # Runs after every other plugin's on_post_build, so the staging folder is complete.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.staged is None:
            return
        # In strict mode MkDocs aborts right after this event when there were warnings.
        failed = config.strict and self.warnings is not None and self.warnings.count > 0
        self._end_staging(success=not failed)

    def on_build_error(self, *, error: Exception) -> None:
        if self.staged is not None:
            self._end_staging(success=False)

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        if self.config.enabled and self.dirs is not None:
            for folder in (self.dirs.site_config, self.dirs.sessions, self.dirs.partners):
                if folder.is_dir():
                    server.watch(str(folder))
        return server

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

    def _add(self, files: Files, file: File) -> None:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            raise PluginError(
                f"{existing.src_uri}: dit bestand staat op de plek van een pagina die de portal-plugin maakt "
                f"({file.src_uri}); hernoem of verwijder het"
            )
        files.append(file)

    def _stage_output(self, config: MkDocsConfig) -> None:
        self.staged = StagedOutput(Path(config.site_dir))
        config.site_dir = str(self.staged.begin())
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
        self.staged = None
        self.warnings = None


def _url_of(files: Files, src: str) -> str | None:
    file = files.get_file_from_path(src)
    return None if file is None else file.url
