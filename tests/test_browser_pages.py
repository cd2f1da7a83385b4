"""Every kind of page in a real browser, at desktop and at phone width, loaded once for all of
these checks:

- WCAG 2.1 AA, and axe's best practices (axe-core, no rule switched off; ALLOWED_BEST_PRACTICE
  lists the deliberate exceptions, none today);
- while the page loads, and on the desktop while its search opens and answers, nothing is
  requested from any host but 127.0.0.1, no cookie is set and the console stays clean.

Each page is loaded once per width, in a browser context of its own (so cookies are the page's
own), and each check is its own test: a failure names the page, the width and the check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from arbeidsmigranten_portaal.clock import parse_local
from browser import ALLOWED_BEST_PRACTICE, DESKTOP, MOBILE, WCAG_TAGS, describe, fix_clock, run_axe
from conftest import BROWSER_BUILD_NOW
from page_kinds import PAGES

WIDTHS = {"desktop": DESKTOP, "mobile": MOBILE}
BEST_PRACTICE = "best-practice"


@dataclass
class PageReport:
    status: int | None
    wcag: list[str] = field(default_factory=list)
    best_practice: list[str] = field(default_factory=list)
    # Every address the page asked for (data: and blob: aside), cookies, console errors.
    requests: list[str] = field(default_factory=list)
    cookies: list = field(default_factory=list)
    document_cookie: str = ""
    console: list[str] = field(default_factory=list)


def _load(chromium, url: str, width: str, kind: str) -> PageReport:
    context = chromium.new_context(viewport=WIDTHS[width])
    try:
        page = context.new_page()
        fix_clock(page, parse_local(BROWSER_BUILD_NOW, "now"))
        requests: list[str] = []
        console: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: console.append(str(error)))
        response = page.goto(url, wait_until="networkidle")
        # One axe run for both sets of rules; each violation says which set its rule is in.
        violations = run_axe(page, [*WCAG_TAGS, BEST_PRACTICE])
        report = PageReport(
            status=response.status if response is not None else None,
            wcag=describe([v for v in violations if set(v["tags"]) & set(WCAG_TAGS)]),
            best_practice=describe([v for v in violations
                                    if BEST_PRACTICE in v["tags"] and v["id"] not in ALLOWED_BEST_PRACTICE]),
        )
        if width == "desktop":
            # Open the search too: it loads its index and worker, which must come from here as well.
            page.click(".md-search__input")
            before = page.inner_text(".md-search-result__meta").strip()
            page.keyboard.type("qqxqq")  # no page has it: the search answers "nothing found", in any language
            page.wait_for_function(
                "before => document.querySelector('.md-search-result__meta').textContent.trim() !== before",
                arg=before)
        page.wait_for_load_state("networkidle")
        report.requests = [address for address in requests if not address.startswith(("data:", "blob:"))]
        report.cookies = context.cookies()
        report.document_cookie = page.evaluate("document.cookie")
        if kind == "404":
            # Chromium logs the 404 status of the page itself; nothing else may appear.
            console = [text for text in console if "404" not in text]
        report.console = console
        return report
    finally:
        context.close()


class _Reports:
    """Each page's report, made when a test first asks for it."""

    def __init__(self, chromium, base: str) -> None:
        self.chromium, self.base = chromium, base
        self.made: dict[tuple[str, str], PageReport] = {}

    def __call__(self, width: str, kind: str) -> PageReport:
        if (width, kind) not in self.made:
            self.made[(width, kind)] = _load(self.chromium, self.base + PAGES[kind], width, kind)
        return self.made[(width, kind)]


@pytest.fixture(scope="module")
def reports(chromium, served_site: str) -> _Reports:
    return _Reports(chromium, served_site)


@pytest.mark.parametrize("kind", list(PAGES))
@pytest.mark.parametrize("width", list(WIDTHS))
def test_no_wcag_violations(reports: _Reports, width: str, kind: str) -> None:
    assert reports(width, kind).wcag == []


@pytest.mark.parametrize("kind", list(PAGES))
@pytest.mark.parametrize("width", list(WIDTHS))
def test_no_best_practice_findings(reports: _Reports, width: str, kind: str) -> None:
    assert reports(width, kind).best_practice == []


@pytest.mark.parametrize("kind", list(PAGES))
@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_page_loads_and_requests_nothing_from_elsewhere(reports: _Reports, width: str, kind: str) -> None:
    report = reports(width, kind)
    assert report.status == (404 if kind == "404" else 200)
    hosts = {urlsplit(address).hostname for address in report.requests}
    assert hosts == {"127.0.0.1"}, sorted(address for address in report.requests if "127.0.0.1" not in address)


@pytest.mark.parametrize("kind", list(PAGES))
@pytest.mark.parametrize("width", list(WIDTHS))
def test_no_cookie_and_a_clean_console(reports: _Reports, width: str, kind: str) -> None:
    report = reports(width, kind)
    assert report.cookies == []
    assert report.document_cookie == ""
    assert report.console == []


_CARELESS_PAGE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Slordig</title></head>
<body><main><h1>Slordig</h1>
<p style="color:#bbbbbb;background:#ffffff">Te licht</p>
<img alt="" src="http://elders.test.invalid/pixel.png">
<script>document.cookie = "spoor=1"; console.error("iets ging mis");</script>
</main></body></html>
"""


def test_the_one_load_finds_what_each_check_looks_for(chromium, tmp_path) -> None:
    """_load really looks: a page with grey-on-white text, an image from another host, a cookie
    and an error in the console is caught on every count. (A page without the site's search:
    the phone width, where _load does not open it.)"""
    from browser import serve

    (tmp_path / "index.html").write_text(_CARELESS_PAGE, encoding="utf-8")
    with serve(tmp_path) as url:
        report = _load(chromium, url, "mobile", "careless page")
    assert report.status == 200
    assert any(finding.startswith("color-contrast") for finding in report.wcag), report.wcag
    assert "elders.test.invalid" in {urlsplit(address).hostname for address in report.requests}
    assert [cookie["name"] for cookie in report.cookies] == ["spoor"] and report.document_cookie == "spoor=1"
    assert "iets ging mis" in report.console
