"""On a session page the action comes first, and every state says what the reader can do now.
Read from the repository's site built at page_kinds.BUILD_NOW (each session page is then in the
state its kind names), with an HTML parser; the words come from strings.yml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from arbeidsmigranten_portaal.load import DEFAULT_STRINGS
from conftest import BROWSER_BUILD_NOW, TEST_NOW, parse_html
from page_kinds import PAGES

STRINGS = yaml.safe_load(DEFAULT_STRINGS.read_text(encoding="utf-8"))["nl"]


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    assert BROWSER_BUILD_NOW == TEST_NOW  # the moment PAGES' states are named for
    return built_site


def page(site: Path, kind: str):
    return parse_html(site / PAGES[kind] / "index.html")


def _heading(element) -> str:
    return element.get_text(strip=True).rstrip("¶")  # without the permalink sign


def _before(html, first, second) -> bool:
    elements = list(html.find_all(True))
    return elements.index(first) < elements.index(second)


@pytest.mark.parametrize("kind", ["session open", "session closing soon", "session full", "session moved",
                                  "session for raadsleden", "session closed"])
def test_registration_right_after_date_time_and_place(site: Path, kind: str) -> None:
    html = page(site, kind)
    facts = html.select_one("dl.portal-facts--when")
    assert [dt.get_text(strip=True) for dt in facts.select("dt")][:3] == [
        STRINGS["session.date"], STRINGS["session.time"], STRINGS["session.place"]]
    registration = html.select_one("article [data-portal-registration]")
    about = next(h for h in html.select("article h2") if _heading(h) == STRINGS["session.about"])
    assert registration is not None and about is not None
    assert _before(html, facts, registration) and _before(html, registration, about)
    between = [_heading(h) for h in html.select("article h2")]
    assert between.index(STRINGS["session.register"]) == 0  # the first section of the page


def _instead(html):
    link = html.select_one("article [data-portal-registration] .portal-registration__instead")
    return link


def test_full_says_what_to_do_instead(site: Path) -> None:
    html = page(site, "session full")
    state = html.select_one("article .portal-registration__state").get_text(strip=True)
    assert state == STRINGS["registration.full"]
    link = _instead(html)
    assert not link.has_attr("hidden") and link.get_text(strip=True) == STRINGS["registration.instead"]
    assert link["href"].rstrip("/").endswith("..")  # the calendar, one level up


def test_closed_says_until_when_it_was_open(site: Path) -> None:
    html = page(site, "session closed")
    registration = html.select_one("article [data-portal-registration]")
    state = registration.select_one(".portal-registration__state").get_text(strip=True)
    deadline = registration["data-portal-deadline-text"]
    assert state == STRINGS["registration.closed"].replace("{deadline}", deadline)
    assert not _instead(html).has_attr("hidden")
    assert html.select_one("article .portal-registration__action") is None


def test_open_hides_the_way_out(site: Path) -> None:
    assert _instead(page(site, "session open")).has_attr("hidden")


@pytest.mark.parametrize(("kind", "key"), [("session cancelled", "session.cancelled_now"), ("session past", "session.past_now")])
def test_cancelled_and_past_say_what_now(site: Path, kind: str, key: str) -> None:
    html = page(site, kind)
    notice = html.select_one("article .portal-notice")
    assert STRINGS[key] in notice.get_text(" ", strip=True)
    assert notice.find("a", string=STRINGS["registration.instead"]) is not None
    assert html.select_one("article [data-portal-registration]") is None


def test_moved_names_the_new_and_the_old_date(site: Path) -> None:
    html = page(site, "session moved")
    title = html.select_one("article .portal-notice .admonition-title").get_text(strip=True)
    date = html.select_one("dl.portal-facts--when time").get_text(strip=True)
    head, _, tail = STRINGS["session.moved"].partition("{date}")
    assert title.startswith(head) and date in title
    assert tail.split("{previous}")[0] in title


def test_griffie_address_and_subject_are_written_out(site: Path) -> None:
    from urllib.parse import parse_qs, unquote, urlsplit

    html = page(site, "session for raadsleden")
    action = html.select_one("article a.portal-registration__action[href^='mailto:']")
    mailto = urlsplit(action["href"])
    copyable = [el.get_text(strip=True) for el in html.select("article .portal-registration__route [data-portal-copy]")]
    assert copyable == [unquote(mailto.path), parse_qs(mailto.query)["subject"][0]]
