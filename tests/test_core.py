"""The engine-independent core on its own: no MkDocs involved anywhere in this file."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from conftest import REPO, with_strings
from portal.clock import TIMEZONE, ClockError, build_now
from portal.load import SourceDirs, load_catalog
from portal.render.labels import Labels
from portal.render.markdown import front_matter, md_text
from portal.render.views import RenderContext
from portal.site import PortalSite
from portal.urls import SiteUrls, relative

CALENDAR_FIXTURE = REPO / "tests" / "sites" / "calendar"


def test_the_core_does_not_import_mkdocs() -> None:
    """Everything but the adapter runs without MkDocs (checked in a fresh interpreter)."""
    program = (
        "import sys, pkgutil, importlib, portal\n"
        "for m in pkgutil.walk_packages(portal.__path__, 'portal.'):\n"
        "    if m.name != 'portal.mkdocs_plugin': importlib.import_module(m.name)\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] == 'mkdocs'))\n"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "configured, environ, expected",
    [
        ("2027-01-15 09:00", {"PORTAL_NOW": "2020-01-01 00:00"}, dt.datetime(2027, 1, 15, 9, 0, tzinfo=TIMEZONE)),
        (None, {"PORTAL_NOW": "2027-06-01T12:30"}, dt.datetime(2027, 6, 1, 12, 30, tzinfo=TIMEZONE)),
        (None, {"SOURCE_DATE_EPOCH": "1800000000"}, dt.datetime(2027, 1, 15, 8, 0, tzinfo=dt.timezone.utc)),
    ],
)
def test_clock_precedence(configured, environ, expected) -> None:
    assert build_now(configured, environ) == expected


def test_clock_without_settings_is_now() -> None:
    before = dt.datetime.now(TIMEZONE).replace(microsecond=0)
    assert before <= build_now(None, {}) <= dt.datetime.now(TIMEZONE)


def test_clock_rejects_nonsense() -> None:
    with pytest.raises(ClockError, match="PORTAL_NOW"):
        build_now(None, {"PORTAL_NOW": "morgen"})


@pytest.mark.parametrize(
    "source, target, expected",
    [
        ("", "kennissessies/a/", "kennissessies/a/"),
        ("kennissessies/a/", "alliantie/b/", "../../alliantie/b/"),
        ("kennissessies/a/", "kennissessies/a.ics", "../a.ics"),
        ("kennissessies/a/", "", "../../"),
        ("kennissessies/a/", "kennissessies/a/", "./"),
        ("kennissessies/a.html", "alliantie/b.html", "../alliantie/b.html"),
    ],
)
def test_relative_links(source: str, target: str, expected: str) -> None:
    assert relative(source, target) == expected


def test_page_urls_with_and_without_directory_urls() -> None:
    assert SiteUrls().page_url("kennissessies/a.md") == "kennissessies/a/"
    assert SiteUrls().page_url("kennissessies/index.md") == "kennissessies/"
    assert SiteUrls(directory_urls=False).page_url("kennissessies/a.md") == "kennissessies/a.html"


def test_markdown_escaping() -> None:
    assert md_text("*Vet* [link](javascript:x) <b>") == "\\*Vet\\* \\[link\\]\\(javascript:x\\) &lt;b&gt;"
    assert front_matter(title='<script>"x"') == '---\ntitle: "&lt;script&gt;&quot;x&quot;"\n---'


@pytest.fixture(scope="module")
def portal_site(tmp_path_factory: pytest.TempPathFactory) -> PortalSite:
    import shutil

    root = with_strings(Path(shutil.copytree(CALENDAR_FIXTURE, tmp_path_factory.mktemp("core") / "site")))
    catalog = load_catalog(SourceDirs(root, root / "site_config", root / "sessions", root / "partners", root / "content"))
    labels = Labels("nl", catalog.strings.for_language("nl"))
    now = dt.datetime(2027, 1, 15, 10, 0, tzinfo=TIMEZONE)
    return PortalSite(RenderContext(catalog, now, SiteUrls(site_url="https://p.test.invalid/"), labels))


def test_the_site_has_a_page_per_session_partner_and_audience(portal_site: PortalSite) -> None:
    sources = [page.src for page in portal_site.pages()]
    assert len(sources) == 9 + 3 + 2
    assert "kennissessies/2027-02-open.md" in sources
    assert "alliantie/kennis.md" in sources
    assert "kennissessies/raadsleden.md" in sources
    session_page = next(p for p in portal_site.pages() if p.src == "kennissessies/2027-02-open.md")
    assert session_page.markdown.startswith('---\ntitle: "Open sessie"')
    assert session_page.jsonld and '"@type": "Event"' in session_page.jsonld


def test_calendar_files_parse_and_carry_the_clock(portal_site: PortalSite) -> None:
    files = portal_site.files()
    calendar = Calendar.from_ical(files["kennissessies/2027-02-open.ics"])
    [event] = calendar.walk("VEVENT")
    assert event.decoded("DTSTAMP") == dt.datetime(2027, 1, 15, 9, 0, tzinfo=dt.timezone.utc)
    assert str(event["UID"]) == "2027-02-open@kennissessies.test.invalid"
    assert event["CATEGORIES"].cats == ["Ondernemers", "Raadsleden"]
    assert "https://p.test.invalid/kennissessies/2027-02-open/" in str(event["DESCRIPTION"])
    assert set(files) >= {"kennissessies/kalender.ics", "data/sessions.json", "data/partners.schema.json"}


def test_same_input_same_clock_same_bytes(portal_site: PortalSite) -> None:
    again = PortalSite(portal_site.ctx)
    assert again.files() == portal_site.files()
    assert [p.markdown for p in again.pages()] == [p.markdown for p in portal_site.pages()]
