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
SITE_SOURCES = ("mkdocs.yml", "content", "site_config", "partners", "sessions", "actions", "schemas")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from page_kinds import BUILD_NOW as TEST_NOW  # noqa: E402

# No test may depend on the day it runs: every build and every `portal` command of the tests
# runs at TEST_NOW (the moment the browser tests, screenshots and Lighthouse use) unless the
# test chooses its own moment. A clock in the shell that started pytest does not count.
CLOCK_VARIABLES = ("PORTAL_NOW", "SOURCE_DATE_EPOCH")
for _variable in CLOCK_VARIABLES:
    os.environ.pop(_variable, None)

# Test files that need a real browser (Chromium) or the HTML validator (Java): marked `browser`,
# so `pytest -m "not browser"` runs everything else (dev.py test-future does, years ahead).
BROWSER_TEST_FILES = ("test_browser_*.py", "test_html_validity.py")


def _test_clock(now: str | None) -> dict[str, str]:
    """The clock variables for a test's build: `now`, else the test's own, else TEST_NOW."""
    if now is None and any(os.environ.get(name) for name in CLOCK_VARIABLES):
        return {}
    return {"PORTAL_NOW": now or TEST_NOW}


@dataclass
class BuildResult:
    exit_code: int
    output: str
    site_dir: Path


def build_site(project_dir: Path, site_dir: Path, now: str | None = None) -> BuildResult:
    """Run `mkdocs build --strict` through MkDocs' own command line (on_startup included), at
    the moment `now` ("2027-01-15 09:00"), else the test's PORTAL_NOW or SOURCE_DATE_EPOCH,
    else TEST_NOW. (A `today:` in the site's mkdocs.yml still comes first, as in every build.)"""
    from mkdocs.__main__ import build_command

    runner = CliRunner()
    clock = _test_clock(now)
    saved = {name: os.environ.get(name) for name in clock}
    os.environ.update(clock)
    try:
        result = runner.invoke(
            build_command,
            ["--strict", "--config-file", str(project_dir / "mkdocs.yml"), "--site-dir", str(site_dir)],
            catch_exceptions=False,
        )
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
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
    environment.update(_test_clock(None))
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "arbeidsmigranten_portaal.cli", *args], cwd=cwd, input=stdin, capture_output=True, text=True, env=environment
    )


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the repository's site sources, to change freely."""
    return copy_project(tmp_path / "site")


def parse_html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site at the tests' moment, built once per test run: every test that
    reads the site as it is (sources unchanged, the tests' clock) reads this one, and none may
    change it."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = build_site(REPO, site)
    assert result.exit_code == 0, result.output
    return site


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: needs Chromium or Java (deselect with -m 'not browser')")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if any(item.path.match(pattern) for pattern in BROWSER_TEST_FILES):
            item.add_marker(pytest.mark.browser)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite the expected outputs (goldens) from the current code; review the diff afterwards",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def own_strings(project: Path) -> Path:
    """The site's strings.yml as a full copy of the toolkit's words, for tests that change one in
    place (a site may override any word); returns its path."""
    from arbeidsmigranten_portaal.load import DEFAULT_STRINGS

    target = project / "site_config" / "strings.yml"
    if not target.exists():
        shutil.copy2(DEFAULT_STRINGS, target)
    return target


@pytest.fixture(scope="session")
def installed_toolkit(tmp_path_factory: pytest.TempPathFactory):
    """The toolkit built as a wheel and installed in a fresh virtual environment (installed.py)."""
    from installed import build_wheel, install_fresh

    workdir = tmp_path_factory.mktemp("installed")
    return install_fresh(build_wheel(workdir), workdir)


@pytest.fixture(scope="session")
def site_from_wheel(installed_toolkit, tmp_path_factory: pytest.TempPathFactory):
    """The repository's site sources, away from the package sources, built strictly by the
    installed wheel at the browser tests' moment."""
    project = copy_project(tmp_path_factory.mktemp("wheel-site") / "project")
    out = project.parent / "site"
    result = installed_toolkit.build(project, out, BROWSER_BUILD_NOW)
    assert result.returncode == 0, result.stdout + result.stderr
    return project, out


@pytest.fixture(scope="session")
def second_municipality_from_wheel(installed_toolkit, tmp_path_factory: pytest.TempPathFactory):
    """Ommen's site as `portal init` of the installed wheel writes it, checked and built strictly
    by that wheel: a second municipality with nothing of the source tree."""
    from new_site import check_site, init_site

    base = tmp_path_factory.mktemp("ommen-from-wheel")
    site = base / "ommen"
    made = init_site(site, (str(installed_toolkit.portal),), toolkit=str(installed_toolkit.wheel), now=BROWSER_BUILD_NOW)
    assert made.returncode == 0, made.stdout + made.stderr
    checked = check_site(site, (str(installed_toolkit.portal),), now=BROWSER_BUILD_NOW)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = installed_toolkit.build(site, base / "site", BROWSER_BUILD_NOW)
    assert built.returncode == 0, built.stdout + built.stderr
    return site, base / "site"


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
def served_site(built_site: Path):
    """The repository's site (built_site: the browser tests' moment is the tests' moment) served
    on 127.0.0.1."""
    from browser import serve

    assert BROWSER_BUILD_NOW == TEST_NOW, "the browser tests need a build of their own moment"
    with serve(built_site) as url:
        yield url
