"""The readers' main tasks, done in a real browser on the repository's own site: a raadslid and
an ondernemer reach a session's registration from the home page in at most two clicks, a Polish
reader reaches the Polish meldpunt in one, and the registration action is in the first screen
(home page at 1280x800; every session page with open registration at 375x667)."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from browser import DESKTOP, MOBILE, fix_clock
from arbeidsmigranten_portaal.load import DEFAULT_STRINGS
from conftest import BROWSER_BUILD_NOW, REPO
from page_kinds import PAGES
from arbeidsmigranten_portaal.clock import parse_local

BUILD_NOW = parse_local(BROWSER_BUILD_NOW, "now")
AUDIENCES = yaml.safe_load((REPO / "site_config" / "audiences.yml").read_text(encoding="utf-8"))
STRINGS = yaml.safe_load(DEFAULT_STRINGS.read_text(encoding="utf-8"))
OPEN_SESSIONS = ["session open", "session closing soon", "session moved", "session for raadsleden"]


def _page(chromium, viewport: dict, **options):
    context = chromium.new_context(viewport=viewport, **options)
    page = context.new_page()
    fix_clock(page, BUILD_NOW)
    return context, page


def _in_first_screen(page, locator, viewport: dict) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]


def _action(page, member: str):
    """The visible registration action of an audience, as its reader sees it."""
    text = STRINGS["nl"]["registration.form"].replace("{member}", member)
    return page.locator("article a.portal-registration__action:visible", has_text=text).first


@pytest.mark.parametrize("audience", ["ondernemers", "raadsleden"])
def test_from_home_to_registration_in_two_clicks(chromium, served_site: str, audience: str) -> None:
    context, page = _page(chromium, DESKTOP)
    page.goto(served_site)
    member = AUDIENCES[audience]["member"]
    clicks = 0
    if _action(page, member).count() == 0:
        # First click: the calendar for this audience, from the home page's registration task.
        label = AUDIENCES[audience]["label"].lower()
        page.locator(".portal-task a", has_text=STRINGS["nl"]["calendar.audience_title"].replace("{label}", label)).click()
        page.wait_for_load_state("load")
        clicks += 1
    action = _action(page, member)
    assert action.count() == 1, f"no registration for {audience} after {clicks} click(s)"
    href = action.get_attribute("href")
    clicks += 1  # the click on the registration itself
    assert clicks <= 2
    assert href.startswith(("https://", "mailto:"))
    context.close()


def test_polish_reader_reaches_the_polish_meldpunt_in_one_click(chromium, served_site: str) -> None:
    context, page = _page(chromium, MOBILE)
    page.goto(served_site)
    page.locator('a[hreflang="pl"]', has_text=STRINGS["pl"]["meldpunt.link"]).click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.endswith("/pl/meldpunt/")
    assert page.locator("html").get_attribute("lang") == "pl"
    context.close()


def test_next_session_and_its_registration_in_the_first_screen_of_home(chromium, served_site: str) -> None:
    context, page = _page(chromium, DESKTOP)
    page.goto(served_site)
    task = page.locator(".portal-task .portal-session").first
    assert _in_first_screen(page, task.locator(".portal-session__title"), DESKTOP)
    assert _in_first_screen(page, task.locator("a.portal-registration__action").first, DESKTOP)
    context.close()


@pytest.mark.parametrize("kind", OPEN_SESSIONS)
def test_registration_in_the_first_screen_of_a_phone(chromium, served_site: str, kind: str) -> None:
    context, page = _page(chromium, MOBILE)
    page.goto(served_site + PAGES[kind])
    actions = page.locator("article a.portal-registration__action:visible")
    assert actions.count() >= 1
    for index in range(actions.count()):
        assert _in_first_screen(page, actions.nth(index), MOBILE), f"{kind}: action {index} below the first screen"
    context.close()


def test_griffie_route_can_be_copied(chromium, served_site: str) -> None:
    context, page = _page(chromium, DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    page.goto(served_site + PAGES["session for raadsleden"])
    action = page.locator("a.portal-registration__action", has_text="raadslid")
    mailto = urlsplit(action.get_attribute("href"))
    address, subject = unquote(mailto.path), parse_qs(mailto.query)["subject"][0]
    route = page.locator(".portal-registration__route")
    assert address in route.inner_text() and subject in route.inner_text()
    assert address == AUDIENCES["raadsleden"]["registration"]["email"]
    for label, value in ((STRINGS["nl"]["registration.copy_address"], address),
                         (STRINGS["nl"]["registration.copy_subject"], subject)):
        page.get_by_role("button", name=label).click()
        assert page.evaluate("navigator.clipboard.readText()") == value
    assert page.locator(".portal-copy__status", has_text=STRINGS["nl"]["registration.copied"]).count() >= 1
    context.close()


def test_without_javascript_there_is_no_copy_button_but_the_address_shows(chromium, served_site: str) -> None:
    context, page = _page(chromium, DESKTOP, java_script_enabled=False)
    page.goto(served_site + PAGES["session for raadsleden"])
    assert page.locator("button.portal-copy").count() == 0
    assert AUDIENCES["raadsleden"]["registration"]["email"] in page.locator(".portal-registration__route").inner_text()
    context.close()
