"""Helpers for the browser tests: Debian's Chromium driven by Playwright, a site served on
127.0.0.1, and axe-core from npm.

Playwright's own browser download is never used (it cannot reach its servers here); the tests
run the system's Chromium (`PORTAL_CHROMIUM`, else `chromium` on the PATH, else /usr/bin/chromium).
A missing Chromium fails the tests with the command that installs it: they never skip.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator

import pytest

from conftest import REPO
from browser_tools import CHROMIUM_ARGS, INSTALL_HINT, find_chromium  # noqa: F401
from static_server import serve  # noqa: F401  (the tests' web host)

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 375, "height": 667}
# axe best-practice rules that fail on purpose, each with its reason (also listed in docs/testing.md).
ALLOWED_BEST_PRACTICE: dict[str, str] = {}


def chromium_path() -> str:
    return find_chromium() or pytest.fail(INSTALL_HINT)


@contextlib.contextmanager
def environment(**values: str) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_axe(page, tags: list[str]) -> list[dict]:
    """axe-core's violations for the page as it is now (rules chosen by tag, none switched off).

    After every running CSS transition has ended: Material fades a search result's background in
    over 0.25 s, and axe measuring contrast halfway sees a colour the reader never sees for long
    (on a loaded machine the run starts inside that quarter second)."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')", timeout=10_000)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("options => axe.run(document, options)", {"runOnly": {"type": "tag", "values": tags}})
    return result["violations"]


def describe(violations: list[dict]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
    ]


def fix_clock(page, moment: dt.datetime) -> None:
    """The browser's clock starts at `moment` and runs on, so states match the build.

    (A fixed time would stop Material's own timers, which compare Date.now with itself.)
    """
    page.clock.install(time=moment)
