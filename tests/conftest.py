"""Shared helpers: build a site the way `mkdocs build --strict` does, and parse what it wrote."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))  # page_kinds: the pages the browser tests and scripts share
# What a site needs besides the Python package: the files `mkdocs build` reads.
SITE_SOURCES = ("mkdocs.yml", "content", "site_config", "partners", "sessions")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@dataclass
class BuildResult:
    exit_code: int
    output: str
    site_dir: Path


def build_site(project_dir: Path, site_dir: Path) -> BuildResult:
    """Run `mkdocs build --strict` through MkDocs' own command line (on_startup included)."""
    from mkdocs.__main__ import build_command

    runner = CliRunner()
    result = runner.invoke(
        build_command,
        ["--strict", "--config-file", str(project_dir / "mkdocs.yml"), "--site-dir", str(site_dir)],
        catch_exceptions=False,
    )
    return BuildResult(result.exit_code, result.output, site_dir)


def tool(name: str) -> str:
    """A command of this environment (node, npm ...) before one on the PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    assert found, f"{name} is needed for this test; `python3 dev.py test` installs it"
    return found


def copy_project(destination: Path) -> Path:
    """A copy of the repository's site sources, to change without touching the real ones."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in SITE_SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, destination / name)
        elif source.exists():
            shutil.copy2(source, destination / name)
    return destination


def run_portal(*args: str, cwd: Path = REPO, stdin: str = "", env: dict[str, str] | None = None):
    """The `portal` command as editors run it, outside GitHub Actions unless `env` says so."""
    import subprocess

    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "portal.cli", *args], cwd=cwd, input=stdin, capture_output=True, text=True, env=environment
    )


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the repository's site sources, to change freely."""
    return copy_project(tmp_path / "site")


def parse_html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site, built once per test run."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = build_site(REPO, site)
    assert result.exit_code == 0, result.output
    return site


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite the expected outputs (goldens) from the current code; review the diff afterwards",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def with_strings(project: Path) -> Path:
    """Fixture sites share the real interface words instead of keeping a copy of them."""
    target = project / "site_config" / "strings.yml"
    if not target.exists():
        shutil.copy2(REPO / "site_config" / "strings.yml", target)
    return project


def with_theme(project: Path) -> Path:
    """Fixture sites share the real words, templates, styles and scripts of the portal."""
    with_strings(project)
    for name in ("overrides", "assets"):
        target = project / "site_config" / name
        if not target.exists():
            shutil.copytree(REPO / "site_config" / name, target)
    return project


# --- Browser tests (see browser.py) --------------------------------------------------------------

from page_kinds import BUILD_NOW as BROWSER_BUILD_NOW  # noqa: E402  (the states page_kinds expects)


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory):
    """The repository's site built with a fixed clock and served on 127.0.0.1."""
    from browser import environment, serve

    site = tmp_path_factory.mktemp("served") / "site"
    with environment(PORTAL_NOW=BROWSER_BUILD_NOW):
        result = build_site(REPO, site)
    assert result.exit_code == 0, result.output
    with serve(site) as url:
        yield url
