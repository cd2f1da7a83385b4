"""WCAG 2.1 AA in a real browser in the states a page can be put in: with search open and
showing results (both widths), and with the mobile menu open. No rule is switched off. (Every
kind of page as it loads, at both widths: test_browser_pages.py.)"""

from __future__ import annotations


import pytest

from browser import DESKTOP, MOBILE, WCAG_TAGS, describe, fix_clock, run_axe
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
