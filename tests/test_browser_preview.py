"""In a real browser, a page of the preview reloads by itself: to the list of problems when a file
breaks, back to the site when it is fixed. The problems page passes axe-core and the Nu HTML
Checker, and asks nothing of any other host."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import expect

from browser import WCAG_TAGS, describe, run_axe
from preview_process import PATIENCE, replace_in, running_preview
from test_html_validity import summary, vnu

SESSION = "sessions/2026-12-units-op-het-erf.yml"


def test_the_open_page_follows_the_problems_by_itself(chromium, project_copy: Path, tmp_path: Path) -> None:
    session = project_copy / SESSION
    with running_preview(project_copy) as preview:
        preview.wait_for_site()
        page = chromium.new_page()
        hosts = set()
        page.on("request", lambda request: hosts.add(urlsplit(request.url).hostname))
        try:
            page.goto(preview.url + "meldpunt/")
            heading = page.locator("h1").first
            expect(heading).to_contain_text("Meldpunt goed verhuurderschap")

            good = replace_in(session, "start: 2026-12-17 19:30", "start: 2026-13-17 19:30")
            # No goto, no reload from the test: the page's own script does it.
            expect(heading).to_have_text("De site kan nog niet worden getoond", timeout=PATIENCE * 1000)
            expect(page.locator("main li code").first).to_contain_text(SESSION)
            assert describe(run_axe(page, WCAG_TAGS)) == []

            # The page as the preview sent it (axe has added its own script to the open one).
            served = tmp_path / "problems.html"
            try:
                urllib.request.urlopen(preview.url + "meldpunt/", timeout=20)
            except urllib.error.HTTPError as answer:
                served.write_bytes(answer.read())
            assert b"De site kan nog niet worden getoond" in served.read_bytes()
            assert summary(vnu(str(served))) == []

            session.write_text(good, encoding="utf-8")
            expect(heading).to_contain_text("Meldpunt goed verhuurderschap", timeout=PATIENCE * 1000)
        finally:
            page.close()
        assert hosts == {"127.0.0.1"}
