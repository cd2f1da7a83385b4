"""The reader's browser re-decides time-based states: a page built before a deadline and read
after it shows registration closed; without JavaScript the same page shows the build-time state."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from browser import DESKTOP, fix_clock, serve
from conftest import REPO, build_site
from arbeidsmigranten_portaal.clock import TIMEZONE

FIXTURE = REPO / "tests" / "sites" / "calendar"  # built with today: 2027-01-15 10:00
# The closed state's words, with the deadline the page states.
CLOSED = "Aanmelden kon {deadline}. Dat kan nu niet meer. Kies een andere kennissessie."
OPEN = "kennissessies/2027-02-open/"  # ondernemers: deadline 2027-02-01 (end of day), starts 2027-02-10 19:30


def at(month: int, day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(2027, month, day, hour, tzinfo=TIMEZONE)


@pytest.fixture(scope="module")
def calendar_site(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("states")
    project = Path(shutil.copytree(FIXTURE, base / "project"))
    result = build_site(project, base / "site")
    assert result.exit_code == 0, result.output
    with serve(base / "site") as url:
        yield url


def open_page(chromium, url: str, moment: dt.datetime, javascript: bool = True):
    context = chromium.new_context(viewport=DESKTOP, java_script_enabled=javascript)
    page = context.new_page()
    fix_clock(page, moment)
    page.goto(url)
    return context, page


def registration(page):
    block = page.locator("article [data-portal-registration]").first
    return block.locator(".portal-registration__state").inner_text(), block.locator(".portal-registration__action")


def test_after_the_deadline_the_browser_closes_registration(chromium, calendar_site: str) -> None:
    context, page = open_page(chromium, calendar_site + OPEN, at(2, 2))
    state, action = registration(page)
    assert state == CLOSED.replace("{deadline}", "tot en met 1 februari 2027")
    assert action.count() == 1 and not action.is_visible()
    # Instead of the action: the way to the other sessions.
    assert page.locator("article [data-portal-registration] .portal-registration__instead").first.is_visible()
    # The calendar list says the same.
    page.goto(calendar_site + "kennissessies/")
    entry = page.locator("#sessie-2027-02-open [data-portal-registration]").first
    assert entry.locator(".portal-registration__state").inner_text() == CLOSED.replace("{deadline}", "tot en met 1 februari 2027")
    assert not entry.locator(".portal-registration__action").is_visible()
    context.close()


def test_without_javascript_the_build_time_state_shows(chromium, calendar_site: str) -> None:
    context, page = open_page(chromium, calendar_site + OPEN, at(2, 2), javascript=False)
    state, action = registration(page)
    assert state == "Aanmelden kan tot en met 1 februari 2027."
    assert action.is_visible() and action.get_attribute("href") == "https://formulier.test.invalid/open"
    context.close()


def test_before_the_deadline_registration_stays_open(chromium, calendar_site: str) -> None:
    context, page = open_page(chromium, calendar_site + OPEN, at(1, 16))
    state, action = registration(page)
    assert state == "Aanmelden kan tot en met 1 februari 2027."
    assert action.is_visible()
    context.close()


def test_close_to_the_deadline_the_browser_says_closing_soon(chromium, calendar_site: str) -> None:
    context, page = open_page(chromium, calendar_site + OPEN, at(1, 28))
    state, action = registration(page)
    assert state == "Aanmelden kan nog tot en met 1 februari 2027. Wacht niet te lang."
    assert action.is_visible()
    context.close()


def test_after_the_session_it_shows_as_past(chromium, calendar_site: str) -> None:
    context, page = open_page(chromium, calendar_site + "kennissessies/", at(2, 11))
    badge = page.locator("#sessie-2027-02-open .portal-badge")
    assert badge.is_visible() and badge.inner_text() == "Afgelopen"
    assert not page.locator("#sessie-2027-02-open .portal-registration__action").first.is_visible()
    context.close()


def test_a_wrong_clock_never_reopens_what_the_build_closed(chromium, calendar_site: str) -> None:
    context, page = open_page(chromium, calendar_site + "kennissessies/2027-01-gesloten/", at(1, 1))
    state, action = registration(page)
    assert state == CLOSED.replace("{deadline}", "tot en met 10 januari 2027")
    assert action.count() == 0
    context.close()
