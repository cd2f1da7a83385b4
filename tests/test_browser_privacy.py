"""While each page loads, nothing leaves 127.0.0.1, no cookie is set and the console stays clean."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browser import DESKTOP, MOBILE, fix_clock
from conftest import BROWSER_BUILD_NOW
from arbeidsmigranten_portaal.clock import parse_local
from page_kinds import PAGES


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "mobile"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_page_requests_nothing_from_elsewhere(chromium, served_site: str, kind: str, viewport: dict) -> None:
    context = chromium.new_context(viewport=viewport)
    page = context.new_page()
    fix_clock(page, parse_local(BROWSER_BUILD_NOW, "now"))
    requests, problems = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    response = page.goto(served_site + PAGES[kind], wait_until="networkidle")
    assert response is not None and response.status == (404 if kind == "404" else 200)
    # Open the search too: it loads its index and worker, which must come from here as well.
    if viewport is DESKTOP:
        page.click(".md-search__input")
        before = page.inner_text(".md-search-result__meta").strip()
        page.keyboard.type("qqxqq")  # no page has it: the search answers "nothing found", in any language
        page.wait_for_function("before => document.querySelector('.md-search-result__meta').textContent.trim() !== before",
                               arg=before)
    page.wait_for_load_state("networkidle")
    hosts = {urlsplit(url).hostname for url in requests if not url.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, sorted(url for url in requests if "127.0.0.1" not in url)
    assert context.cookies() == []
    assert page.evaluate("document.cookie") == ""
    if kind == "404":
        # Chromium logs the 404 status of the page itself; nothing else may appear.
        problems = [p for p in problems if "404" not in p]
    assert problems == []
    context.close()
