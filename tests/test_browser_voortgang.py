"""The voortgang in a real browser: what is late is decided again by the reader's clock, and a
page printed on paper shows its content without the site's navigation, with links written out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from browser import DESKTOP, fix_clock, serve
from conftest import build_site, copy_project
from arbeidsmigranten_portaal.clock import TIMEZONE

BUILT = "2023-09-15 09:00"  # before any action was due: the build finds none late


def _late(page) -> dict[str, str]:
    """Per action id: is its "late" badge shown; and the late counts as the page says them."""
    return page.evaluate("""() => ({
      actions: Object.fromEntries([...document.querySelectorAll("li.portal-action")].map(li =>
        [li.id, !li.querySelector("[data-portal-action-late]").hidden])),
      counts: Object.fromEntries([...document.querySelectorAll("td[data-portal-late-count]")].map(td =>
        [td.dataset.portalLateCount, td.textContent])),
      total: document.querySelector(".portal-progress__summary [data-portal-late-count]").textContent,
    })""")


def test_the_reader_clock_finds_what_became_late_after_the_build(chromium, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    result = build_site(project, site, now=BUILT)
    assert result.exit_code == 0, result.output
    with serve(site) as url:
        context = chromium.new_context(viewport=DESKTOP)
        page = context.new_page()
        # The build's own moment: nothing late, as built.
        fix_clock(page, dt.datetime(2023, 9, 15, 9, 0, tzinfo=TIMEZONE))
        page.goto(url + "voortgang/")
        early = _late(page)
        assert not any(early["actions"].values())
        assert set(early["counts"].values()) == {"0"} and early["total"] == "0"
        context.close()

        # 1 January 2024, midnight in the Netherlands: what was due in 2023 and is unfinished.
        context = chromium.new_context(viewport=DESKTOP)
        page = context.new_page()
        fix_clock(page, dt.datetime(2024, 1, 1, 0, 0, 1, tzinfo=TIMEZONE))
        page.goto(url + "voortgang/")
        later = _late(page)
        context.close()
    late = {action for action, shown in later["actions"].items() if shown}
    # Due in 2023 and not done: the work process (2023-Q4, vertraagd) and Vitale Vakantieparken (2023, bezig).
    assert late == {"actie-meldpunt-werkproces", "actie-vitale-vakantieparken"}
    assert later["counts"] == {"1": "1", "2": "1", "3": "0", "alle": "0"}
    assert later["total"] == "2"


def test_a_printed_page_has_no_navigation_and_writes_its_links_out(chromium, served_site: str) -> None:
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(served_site + "voortgang/")
    page.emulate_media(media="print")
    shown = page.evaluate("""() => Object.fromEntries(
      [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", "article h1"]
        .map(s => [s, getComputedStyle(document.querySelector(s)).display !== "none"]))""")
    assert shown == {".md-header": False, ".md-tabs": False, ".md-sidebar--primary": False,
                     ".md-sidebar--secondary": False, ".md-footer": False, "article h1": True}
    after = page.evaluate("""() => getComputedStyle(
      document.querySelector('.portal-action__evidence a[href^="https://"]'), "::after").content""")
    assert after == '" (https://zoek.officielebekendmakingen.nl/stb-2023-227.html)"'
    # A history kept behind "Eerdere stand" on screen is on paper too.
    history = page.locator(".portal-action__history ol").first
    assert history.is_visible()
    page.emulate_media(media="screen")
    assert not history.is_visible()  # on screen it stays closed until opened
    context.close()
