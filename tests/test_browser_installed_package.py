"""The site built from the installed wheel passes axe in a real browser, at both widths."""

from __future__ import annotations

import pytest

from browser import DESKTOP, MOBILE, WCAG_TAGS, describe, fix_clock, run_axe, serve
from page_kinds import ONE_PER_TEMPLATE, PAGES
from arbeidsmigranten_portaal.clock import parse_local

from conftest import BROWSER_BUILD_NOW


@pytest.fixture(scope="module")
def wheel_site_url(site_from_wheel):
    _, out = site_from_wheel
    with serve(out) as url:
        yield url


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "mobile"])
def test_pages_built_from_the_wheel_have_no_wcag_violations(chromium, wheel_site_url: str, viewport) -> None:
    context = chromium.new_context(viewport=viewport)
    page = context.new_page()
    fix_clock(page, parse_local(BROWSER_BUILD_NOW, "now"))
    found = {}
    for kind in ONE_PER_TEMPLATE:
        page.goto(wheel_site_url + PAGES[kind])
        found[kind] = describe(run_axe(page, WCAG_TAGS))
    context.close()
    assert found == {kind: [] for kind in ONE_PER_TEMPLATE}


@pytest.fixture(scope="module")
def ommen_url(second_municipality_from_wheel):
    _, out = second_municipality_from_wheel
    with serve(out) as url:
        yield url


OMMEN_PAGES = ["", "meldpunt/", "kennissessies/", "alliantie/", "nieuws/", "en/"]


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "mobile"])
def test_a_second_municipality_built_from_the_wheel_has_no_wcag_violations(chromium, ommen_url: str, viewport) -> None:
    context = chromium.new_context(viewport=viewport)
    page = context.new_page()
    found = {}
    for address in OMMEN_PAGES:
        response = page.goto(ommen_url + address)
        assert response is not None and response.ok, address
        found[address] = describe(run_axe(page, WCAG_TAGS))
    context.close()
    assert found == {address: [] for address in OMMEN_PAGES}
