"""Subscribing in one click and what subscribers see when a session changes.

Every feed the site writes has, on every page that offers it, a webcal:// link that is its https
address with only the scheme swapped; a site that is not at https:// offers none. In the calendar
files a cancelled session's title starts with "Geannuleerd: " and a moved one's with "Verplaatst: ",
with the old date in the description. Read back with real parsers: BeautifulSoup and icalendar.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

import pytest
import yaml
from icalendar import Calendar

from arbeidsmigranten_portaal.load import DEFAULT_STRINGS
from conftest import REPO, build_site, parse_html
from arbeidsmigranten_portaal.checks.active_content import markdown_problems, rendered_html_problems
from arbeidsmigranten_portaal.urls import SiteUrls

FIXTURE = REPO / "tests" / "sites" / "calendar"
SITE_URL = "https://portaal.test.invalid/"
STRINGS = yaml.safe_load(DEFAULT_STRINGS.read_text(encoding="utf-8"))
NL = STRINGS["nl"]


def _build(base: Path, site_url: str) -> Path:
    project = Path(shutil.copytree(FIXTURE, base / "project"))
    settings = project / "mkdocs.yml"
    text = settings.read_text(encoding="utf-8")
    assert f"site_url: {SITE_URL}\n" in text
    settings.write_text(text.replace(f"site_url: {SITE_URL}\n", f"site_url: {site_url}\n"), encoding="utf-8")
    result = build_site(project, base / "site")
    assert result.exit_code == 0, result.output
    return result.site_dir


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("subscribe"), SITE_URL)


@pytest.fixture(scope="module")
def plain_http_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("subscribe-http"), "http://portaal.test.invalid/")


def _page(site: Path, url: str):
    return parse_html(site / url / "index.html")


def _written_feeds(site: Path) -> set[str]:
    """The feed files the build wrote (kalender.ics, kalender-<audience>.ics), by site path."""
    return {p.relative_to(site).as_posix() for p in (site / "kennissessies").glob("kalender*.ics")}


def _https_to_webcal(url: str) -> str:
    parts = urlsplit(url)
    assert parts.scheme == "https", url
    return urlunsplit(("webcal", *parts[1:]))


def _subscriptions(soup, page_url: str) -> dict[str, str]:
    """Feed path -> its webcal link, for every feed offered in the page's article: each https (or
    relative) link to a feed file must have a webcal link beside it that is the same address."""
    article = soup.select_one("article")
    webcal = {a["href"] for a in article.select("a[href]") if a["href"].startswith("webcal:")}
    found = {}
    for a in article.select("a[href]"):
        href = a["href"]
        if href.startswith("webcal:") or not re.search(r"kalender[a-z-]*\.ics$", href):
            continue
        absolute = urljoin(SITE_URL + page_url, href)
        expected = _https_to_webcal(absolute)
        assert expected in webcal, (page_url, href, sorted(webcal))
        found[urlsplit(absolute).path.lstrip("/")] = expected
    assert set(found.values()) == webcal, (page_url, "a webcal link without its https feed beside it")
    return found


def test_webcal_link_for_every_feed_on_the_calendar_page(site: Path) -> None:
    feeds = _subscriptions(_page(site, "kennissessies"), "kennissessies/")
    assert set(feeds) == _written_feeds(site) == {
        "kennissessies/kalender.ics", "kennissessies/kalender-ondernemers.ics", "kennissessies/kalender-raadsleden.ics"}
    assert feeds["kennissessies/kalender.ics"] == "webcal://portaal.test.invalid/kennissessies/kalender.ics"


@pytest.mark.parametrize("audience", ["ondernemers", "raadsleden"])
def test_webcal_link_on_each_audience_page(site: Path, audience: str) -> None:
    feeds = _subscriptions(_page(site, f"kennissessies/{audience}"), f"kennissessies/{audience}/")
    assert set(feeds) == {"kennissessies/kalender.ics", f"kennissessies/kalender-{audience}.ics"}


def test_webcal_link_on_a_session_page(site: Path) -> None:
    feeds = _subscriptions(_page(site, "kennissessies/2027-02-open"), "kennissessies/2027-02-open/")
    assert set(feeds) == {"kennissessies/kalender.ics"}


def test_the_subscription_block_names_its_buttons_and_explains_the_apps(site: Path) -> None:
    block = _page(site, "kennissessies").select_one("article .portal-feeds")
    buttons = [a.get_text(strip=True) for a in block.select("a.md-button[href^='webcal:']")]
    assert buttons == [NL["calendar.webcal_all"], "Abonneer op de kennissessies voor ondernemers",
                       "Abonneer op de kennissessies voor raadsleden"]
    # The copyable address is the https one, the same as the file the build wrote.
    codes = [code.get_text() for code in block.select("code")]
    assert codes[0] == SITE_URL + "kennissessies/kalender.ics"
    assert sorted(codes) == sorted(SITE_URL + path for path in _written_feeds(site))
    text = _page(site, "kennissessies").select_one("article").get_text(" ", strip=True)
    for key in ("calendar.subscribe_click", "calendar.subscribe_google", "calendar.subscribe_outlook",
                "calendar.subscribe_apple"):
        assert " ".join(NL[key].split()) in text, key


def test_a_site_not_at_https_offers_no_webcal_link(plain_http_site: Path) -> None:
    article = _page(plain_http_site, "kennissessies").select_one("article")
    hrefs = [a["href"] for a in article.select("a[href]")]
    assert [h for h in hrefs if h.startswith("webcal:")] == []
    assert "kalender.ics" in hrefs  # the file itself is still offered, to copy into an app
    assert " ".join(NL["calendar.subscribe_click"].split()) not in article.get_text(" ", strip=True)
    session = _page(plain_http_site, "kennissessies/2027-02-open").select_one("article")
    assert not session.select("a[href^='webcal:']")


@pytest.mark.parametrize(
    ("site_url", "expected"),
    [
        ("https://portaal.test.invalid/", "webcal://portaal.test.invalid/kennissessies/kalender.ics"),
        ("https://gemeente.test.invalid/portaal/", "webcal://gemeente.test.invalid/portaal/kennissessies/kalender.ics"),
        ("https://gemeente.test.invalid:8443/portaal", "webcal://gemeente.test.invalid:8443/portaal/kennissessies/kalender.ics"),
        ("http://portaal.test.invalid/", None),
        ("", None),
    ],
)
def test_webcal_address_is_the_https_address_with_another_scheme(site_url: str, expected: str | None) -> None:
    urls = SiteUrls(site_url=site_url)
    assert urls.webcal(urls.feed_ics()) == expected
    if expected is not None:
        assert _https_to_webcal(urls.absolute(urls.feed_ics())) == expected


# --- The page checks --------------------------------------------------------------------------------

OWN = "webcal://portaal.test.invalid/kennissessies/kalender.ics"


def test_a_rendered_link_to_the_sites_own_feed_passes_and_any_other_webcal_is_refused() -> None:
    assert rendered_html_problems(f'<p><a href="{OWN}">abonneren</a></p>', "x", frozenset({OWN})) == []
    for other in ("webcal://elders.test.invalid/kalender.ics", OWN + "?extra", "webcals://portaal.test.invalid/x.ics"):
        problems = rendered_html_problems(f'<p><a href="{other}">abonneren</a></p>', "x", frozenset({OWN}))
        assert [p.message for p in problems] == [
            "na het omzetten van de pagina naar HTML: een webcal:-link maakt de site zelf, bij de agenda om op te "
            "abonneren (het blok <!-- portal: kalender -->); link hier naar de agenda van deze site, zoals "
            "[kalender.ics](kennissessies/kalender.ics)"], other
    # Without the site's feeds (a page checked on its own) even the own address is refused.
    assert rendered_html_problems(f'<p><a href="{OWN}">abonneren</a></p>', "x") != []


def test_an_editor_writing_a_webcal_link_is_told_where_the_site_makes_one() -> None:
    problems = markdown_problems(f"# Pagina\n\n[Abonneer]({OWN})\n", "content/x.md")
    assert [(p.line, p.message) for p in problems] == [(3, (
        "een webcal:-link maakt de site zelf, bij de agenda om op te abonneren (het blok <!-- portal: kalender -->); "
        "link hier naar de agenda van deze site, zoals [kalender.ics](kennissessies/kalender.ics)"))]


# --- What subscribers see ----------------------------------------------------------------------------


def _event(site: Path, name: str, uid: str):
    calendar = Calendar.from_ical((site / "kennissessies" / name).read_bytes())
    [event] = [e for e in calendar.walk("VEVENT") if str(e["UID"]) == uid]
    return event


@pytest.mark.parametrize("name", ["2027-02-geannuleerd.ics", "kalender.ics", "kalender-ondernemers.ics"])
def test_a_cancelled_session_says_so_in_its_title(site: Path, name: str) -> None:
    event = _event(site, name, "2027-02-geannuleerd@kennissessies.test.invalid")
    assert str(event["SUMMARY"]) == "Geannuleerd: Geannuleerde sessie"
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1
    description = str(event["DESCRIPTION"])
    assert description.startswith(f"{NL['session.cancelled']}\n\nTe weinig aanmeldingen.\n\n")


@pytest.mark.parametrize("name", ["2027-04-verplaatst.ics", "kalender.ics", "kalender-raadsleden.ics"])
def test_a_moved_session_has_its_new_date_and_says_from_which_date(site: Path, name: str) -> None:
    event = _event(site, name, "2027-04-verplaatst@kennissessies.test.invalid")
    summer = dt.timezone(dt.timedelta(hours=2))
    assert event.decoded("DTSTART") == dt.datetime(2027, 4, 8, 19, 30, tzinfo=summer)
    assert event.decoded("DTEND") == dt.datetime(2027, 4, 8, 21, 30, tzinfo=summer)
    assert str(event["SUMMARY"]) == "Verplaatst: Verplaatste sessie"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert int(event["SEQUENCE"]) == 2  # the file's revision
    assert str(event["DESCRIPTION"]).startswith(
        "Deze kennissessie is verplaatst naar donderdag 8 april 2027. Eerst stond zij gepland op donderdag 1 april "
        "2027, 19:30.\n\n"
        "De zaal was niet vrij.\n\n")


def test_a_session_as_planned_keeps_its_title(site: Path) -> None:
    event = _event(site, "kalender.ics", "2027-02-open@kennissessies.test.invalid")
    assert not str(event["SUMMARY"]).startswith(("Geannuleerd", "Verplaatst", "Voorbeeld"))


def test_an_invented_cancelled_session_says_example_first(built_site: Path) -> None:
    """In the repository's site the cancelled and the moved session are examples."""
    sessions = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (REPO / "sessions").glob("*.yml")}
    changed = {sid: s for sid, s in sessions.items() if s.get("status") in ("geannuleerd", "verplaatst")}
    assert {s["status"] for s in changed.values()} == {"geannuleerd", "verplaatst"}
    calendar = Calendar.from_ical((built_site / "kennissessies" / "kalender.ics").read_bytes())
    titles = {str(e["UID"]).split("@")[0]: str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    for sid, session in changed.items():
        word = NL["calendar.cancelled"] if session["status"] == "geannuleerd" else NL["calendar.moved"]
        prefix = f"{NL['calendar.example']}: {word}: " if session.get("example") else f"{word}: "
        assert titles[sid] == prefix + session["title"], sid
