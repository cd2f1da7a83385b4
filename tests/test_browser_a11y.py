"""WCAG 2.1 AA in a real browser: axe-core on every kind of page, at desktop and phone width,
also with search open and with the mobile menu open. No rule is switched off."""

from __future__ import annotations


import pytest

from browser import ALLOWED_BEST_PRACTICE, DESKTOP, MOBILE, WCAG_TAGS, describe, fix_clock, run_axe
from page_kinds import PAGES
from arbeidsmigranten_portaal.clock import parse_local

from conftest import BROWSER_BUILD_NOW

BUILD_NOW = parse_local(BROWSER_BUILD_NOW, "now")

WIDTHS = {"desktop": DESKTOP, "mobile": MOBILE}


@pytest.fixture(params=list(WIDTHS), scope="module")
def width(request) -> str:
    return request.param


@pytest.fixture
def page(chromium, width: str):
    context = chromium.new_context(viewport=WIDTHS[width])
    page = context.new_page()
    fix_clock(page, BUILD_NOW)
    yield page
    context.close()


@pytest.mark.parametrize("kind", list(PAGES))
def test_no_wcag_violations(page, served_site: str, kind: str) -> None:
    page.goto(served_site + PAGES[kind])
    assert describe(run_axe(page, WCAG_TAGS)) == []


@pytest.mark.parametrize("kind", list(PAGES))
def test_no_best_practice_findings(page, served_site: str, kind: str) -> None:
    page.goto(served_site + PAGES[kind])
    found = [v for v in run_axe(page, ["best-practice"]) if v["id"] not in ALLOWED_BEST_PRACTICE]
    assert describe(found) == []


def test_with_search_open_showing_results(page, served_site: str, width: str) -> None:
    page.goto(served_site)
    if width == "desktop":
        page.click(".md-search__input")
    else:
        page.click("label.md-header__button[for='__search']")
    page.keyboard.type("meldpunt")
    page.wait_for_selector(".md-search-result__item")
    assert page.locator(".md-search-result__item").count() >= 3
    assert describe(run_axe(page, WCAG_TAGS + ["best-practice"])) == []


def test_with_the_mobile_menu_open(chromium, served_site: str) -> None:
    context = chromium.new_context(viewport=MOBILE)
    page = context.new_page()
    page.goto(served_site + "meldpunt/")
    page.click("label.md-header__button[for='__drawer']")
    page.wait_for_selector(".md-sidebar--primary", state="visible")
    assert page.locator(".md-nav--primary .md-nav__link").first.is_visible()
    assert describe(run_axe(page, WCAG_TAGS + ["best-practice"])) == []
    context.close()


def test_the_check_itself_finds_a_contrast_failure(page, served_site: str) -> None:
    """axe really runs: a grey-on-white paragraph added to the page is caught."""
    page.goto(served_site)
    page.evaluate("""() => { const p = document.createElement('p');
        p.textContent = 'Te licht'; p.style.color = '#bbbbbb'; p.style.background = '#ffffff';
        document.querySelector('article').appendChild(p); }""")
    assert "color-contrast" in [v["id"] for v in run_axe(page, WCAG_TAGS)]
