"""The one place that knows MkDocs: its events call the portal's core, nothing more.

Registered as the MkDocs plugin `portal` through the entry point in pyproject.toml.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .load import load_site_settings
from .model import SiteSettings
from .problems import ContentProblems, Problem, relative_path
from .render.blocks import expand_blocks
from .render.pages import mark_example
from .staging import StagedOutput

log = get_plugin_logger(__name__)

# Files in site_config/assets are published under this folder of the site.
ASSETS_URL_DIR = "assets/portal"


class PortalConfig(Config):
    enabled = c.Type(bool, default=True)
    site_config_dir = c.Dir(exists=True, default="site_config")


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class PortalPlugin(BasePlugin[PortalConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.settings: SiteSettings | None = None
        self.root = Path.cwd()
        self.page_problems: list[Problem] = []
        self.staged: StagedOutput | None = None
        self.warnings: _WarningCounter | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    # Runs before every other plugin's on_config, so that all of them see the staging folder.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.root = Path(config.config_file_path).parent.resolve()
        self.page_problems = []
        try:
            self.settings = load_site_settings(Path(self.config.site_config_dir), self.root)
        except ContentProblems as problems:
            raise PluginError(problems.report()) from None
        if self.command in ("build", "gh-deploy"):
            self._stage_output(config)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        assets = Path(self.config.site_config_dir) / "assets"
        for path in sorted(p for p in assets.rglob("*") if p.is_file()):
            uri = f"{ASSETS_URL_DIR}/{path.relative_to(assets).as_posix()}"
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or self.settings is None:
            return None
        display = relative_path(Path(config.docs_dir) / page.file.src_path, self.root)
        markdown, problems = expand_blocks(markdown, self.settings, display)
        self.page_problems.extend(problems)
        if page.meta.get("example") is True:
            markdown = mark_example(markdown)
        return markdown

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        # All pages have been read by now: report every page's problems at once.
        if self.page_problems:
            raise PluginError(ContentProblems(self.page_problems).report())
        return env

    # Runs after every other plugin's on_post_build, so the staging folder is complete.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.staged is None:
            return
        if config.strict and self.warnings is not None and self.warnings.count:
            # MkDocs aborts right after this event in strict mode: keep the previous site.
            self._end_staging(success=False)
        else:
            self._end_staging(success=True)

    def on_build_error(self, *, error: Exception) -> None:
        if self.staged is not None:
            self._end_staging(success=False)

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        if self.config.enabled:
            server.watch(str(self.config.site_config_dir))
        return server

    def _stage_output(self, config: MkDocsConfig) -> None:
        self.staged = StagedOutput(Path(config.site_dir))
        config.site_dir = str(self.staged.begin())
        self.warnings = _WarningCounter()
        logging.getLogger("mkdocs").addHandler(self.warnings)

    def _end_staging(self, *, success: bool) -> None:
        assert self.staged is not None
        if success:
            self.staged.commit()
        else:
            self.staged.abort()
            log.info("De vorige versie van de site is blijven staan.")
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
        self.staged = None
        self.warnings = None
