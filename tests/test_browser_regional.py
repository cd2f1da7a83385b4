"""The regional calendar's pages pass axe (WCAG 2.1 AA) at both widths: site B built while
site A is served on 127.0.0.1 (the same set-up as test_regional_calendar.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import DESKTOP, MOBILE, WCAG_TAGS, describe, run_axe
from conftest import build_site, parse_html
from static_server import serve
from test_regional_calendar import A_NAME, C_NAME, NOW, _c_document, _make_b, _project


@pytest.fixture(scope="module")
def regional_site(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("regio-browser")
    a = build_site(_project(base, "a"), base / "site-a", now=NOW)
    assert a.exit_code == 0, a.output
    _c_document(a.site_dir, base / "cee" / "data" / "sessions.json")
    with serve(a.site_dir) as address:
        sources = (f"regional:\n  sources:\n    - name: {A_NAME}\n      url: {address}data/sessions.json\n"
                   f"    - name: {C_NAME}\n      path: ../cee/data/sessions.json\n")
        b = build_site(_make_b(base, sources), base / "site-b", now=NOW)
    assert b.exit_code == 0, b.output
    with serve(b.site_dir) as url:
        yield url, b.site_dir


def _filter_pages(site: Path) -> list[str]:
    page = parse_html(site / "kennissessies" / "regio" / "index.html")
    links = [a["href"] for a in page.select("a[href]") if "/regio/" in a["href"] or a["href"].startswith(("gemeente/", "doelgroep/"))]
    return sorted({href for href in links if "gemeente/" in href or "doelgroep/" in href})[:2]


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "mobile"])
def test_the_regional_pages_have_no_wcag_violations(chromium, regional_site, viewport) -> None:
    url, site = regional_site
    filters = _filter_pages(site)
    assert len(filters) == 2, "the regional page links to its filter pages"
    context = chromium.new_context(viewport=viewport)
    page = context.new_page()
    found = {}
    for address in ["kennissessies/regio/", *(f"kennissessies/regio/{f}" if not f.startswith(("/", "..")) else f for f in filters)]:
        response = page.goto(url + address)
        assert response is not None and response.ok, address
        found[address] = describe(run_axe(page, WCAG_TAGS))
    context.close()
    assert all(v == [] for v in found.values()), found
