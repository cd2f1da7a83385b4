"""Keyboard only: Tab and Enter lead from the home page to the next session's registration link
for ondernemers; focus is always visible; the skip link works."""

from __future__ import annotations

import re

from browser import DESKTOP, fix_clock
from conftest import BROWSER_BUILD_NOW
from arbeidsmigranten_portaal.clock import parse_local

NEXT_SESSION = "Arbeidsmigranten op vakantieparken"  # the first upcoming session at the build's clock
MAX_TABS = 120

FOCUS_IS_VISIBLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  return outline || shadow;
}"""


def new_page(chromium):
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    fix_clock(page, parse_local(BROWSER_BUILD_NOW, "now"))
    return context, page


def tab_until(page, matches, label: str) -> list[str]:
    """Press Tab until the focused element matches; returns what was focused on the way."""
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.outerHTML.slice(0, 160)")
        seen.append(focused)
        assert page.evaluate(FOCUS_IS_VISIBLE), f"focus not visible on {focused}"
        if page.evaluate(matches):
            return seen
    raise AssertionError(f"{label} not reached with {MAX_TABS} presses of Tab; focused: {seen[-5:]}")


def test_tab_and_enter_reach_the_registration_of_the_next_session(chromium, served_site: str) -> None:
    context, page = new_page(chromium)
    page.goto(served_site)
    tab_until(
        page,
        f"() => document.activeElement.matches('.portal-session__title a') && "
        f"document.activeElement.textContent.trim() === {NEXT_SESSION!r}",
        "the next session's title",
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/kennissessies/2026-12-wonen-op-vakantieparken/")
    tab_until(page, "() => document.activeElement.matches('a.portal-registration__action')", "the registration link")
    focused = page.locator(":focus")
    assert focused.get_attribute("href").startswith("https://")
    name = focused.evaluate("el => el.textContent.replace(/\\s+/g, ' ').trim()")
    assert name == f"Aanmelden als ondernemer: {NEXT_SESSION}"
    from playwright.sync_api import expect

    expect(focused).to_have_accessible_name(re.compile(f"Aanmelden als ondernemer.*{NEXT_SESSION}"))
    context.close()


def test_the_skip_link_is_first_and_moves_past_the_navigation(chromium, served_site: str) -> None:
    context, page = new_page(chromium)
    page.goto(served_site + "meldpunt/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert "md-skip" in skip.get_attribute("class").split()
    assert skip.is_visible() and skip.text_content().strip() == "Ga naar inhoud"
    assert page.evaluate(FOCUS_IS_VISIBLE)
    page.keyboard.press("Enter")
    assert "#" in page.url
    page.keyboard.press("Tab")
    inside = page.evaluate("() => !!document.activeElement.closest('article')")
    assert inside, page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")
    context.close()
