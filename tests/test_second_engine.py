"""The site builds with ProperDocs (the maintained fork of MkDocs 1.6) as it does with MkDocs.

ProperDocs reads the same mkdocs.yml, finds the plugins (Material's blog and search, i18n and
ours) through the `mkdocs.plugins` entry points and sends every `import mkdocs...` to its own
modules, so the portal's one adapter (mkdocs_plugin.py) serves both. This test holds it to that:
both engines build the repository's site at the same moment, and the two sites must have the same
files, the same generated files byte for byte, and the same HTML apart from the one tag that names
the engine. See docs/engines.md.
"""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, TEST_NOW

# The moment of both builds. PORTAL_NOW is the portal's clock (sessions, calendars, states);
# SOURCE_DATE_EPOCH is the engines' own build date (the sitemap's lastmod, the gzip header of
# sitemap.xml.gz), which would otherwise be the wall clock and could differ between two builds
# that straddle midnight.
CLOCK = {"PORTAL_NOW": TEST_NOW, "SOURCE_DATE_EPOCH": "1796000000"}

# Files the portal makes itself (not MkDocs or Material): they must be byte-identical, and each
# must be there, so that two empty or broken sites cannot pass as "the same".
PORTAL_FILES = (
    "kennissessies/kalender.ics",
    "kennissessies/kalender-ondernemers.ics",
    "data/sessions.json",
    "data/partners.json",
    "nieuws/feed.xml",
    "kennissessies/index.html",
    "en/kennissessies/index.html",
)


def build_with(engine: str, site_dir: Path) -> None:
    """`<engine> build --strict` through the engine's own command line, in its own process:
    ProperDocs puts itself in place of `mkdocs` in sys.modules, which must not touch the test's
    process (where MkDocs is loaded already)."""
    environment = {**os.environ, **CLOCK}
    result = subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict",
         "--config-file", str(REPO / "mkdocs.yml"), "--site-dir", str(site_dir)],
        cwd=REPO, capture_output=True, text=True, env=environment,
    )
    assert result.returncode == 0, f"{engine} build failed:\n{result.stdout}\n{result.stderr}"


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def without_generator(html: bytes, engine_name: str, where: str) -> str:
    """The page, parsed, without <meta name="generator">: the one thing that differs for a real
    reason, since it names the engine and its version ("mkdocs-1.6.1, mkdocs-material-9.8.2"
    against "mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2"). The tag must be there and name the
    engine (Material writes it in every page, ours included), so the test also shows that each
    site was built by the engine it says."""
    soup = BeautifulSoup(html.decode("utf-8"), "html.parser")
    generators = soup.find_all("meta", attrs={"name": "generator"})
    assert len(generators) == 1, f"{where}: {len(generators)} generator tags"
    assert engine_name in generators[0]["content"], f"{where}: {generators[0]['content']!r}"
    generators[0].decompose()
    return str(soup)


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    assert find_spec("properdocs") is not None, (
        "ProperDocs is needed for this test; it is in the test extras (pip install -e '.[test]')"
    )
    folder = tmp_path_factory.mktemp("engines")
    build_with("mkdocs", folder / "mkdocs")
    build_with("properdocs", folder / "properdocs")
    return files_of(folder / "mkdocs"), files_of(folder / "properdocs")


def test_both_engines_write_the_same_files(two_sites) -> None:
    mkdocs_site, properdocs_site = two_sites
    assert sorted(set(mkdocs_site) - set(properdocs_site)) == []
    assert sorted(set(properdocs_site) - set(mkdocs_site)) == []
    missing = [name for name in PORTAL_FILES if name not in mkdocs_site]
    assert missing == []


def test_every_file_but_the_pages_is_byte_identical(two_sites) -> None:
    """Calendars, JSON data, feeds, search indexes, sitemap and assets."""
    mkdocs_site, properdocs_site = two_sites
    different = [name for name in sorted(mkdocs_site)
                 if (not name.endswith(".html") or name in NOT_RENDERED) and mkdocs_site[name] != properdocs_site.get(name)]
    assert different == []


# Pages the portal writes itself, not through the engine's theme: no generator tag, same bytes.
NOT_RENDERED = {"admin/index.html"}


def test_every_page_is_the_same_apart_from_the_generator_tag(two_sites) -> None:
    mkdocs_site, properdocs_site = two_sites
    pages = [name for name in sorted(mkdocs_site) if name.endswith(".html") and name not in NOT_RENDERED]
    assert len(pages) > 50  # the whole site, in five languages
    different = [
        name for name in pages
        if without_generator(mkdocs_site[name], "mkdocs-1.6", name)
        != without_generator(properdocs_site[name], "ProperDocs", name)
    ]
    assert different == []
