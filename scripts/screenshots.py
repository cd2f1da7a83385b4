#!/usr/bin/env python3
"""Screenshots (PNG) of every kind of page at desktop (1280x800) and phone (375x667) width, for
review in pull requests: the whole page, as the system's Chromium draws it.

    python3 dev.py screenshots            # into screenshots/
    .venv/bin/python scripts/screenshots.py --out /tmp/shots
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import page_kinds
from browser_tools import CHROMIUM_ARGS, INSTALL_HINT, find_chromium
from static_server import serve

REPO = Path(__file__).resolve().parents[1]
WIDTHS = {"desktop": {"width": 1280, "height": 800}, "mobile": {"width": 375, "height": 667}}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "screenshots")
    args = parser.parse_args(argv)
    chromium = find_chromium() or sys.exit(INSTALL_HINT)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        env = dict(os.environ, PORTAL_NOW=page_kinds.BUILD_NOW, NO_MKDOCS_2_WARNING="1")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict", "--site-dir", str(site)],
                       cwd=REPO, env=env, check=True)
        with serve(site) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for width, viewport in WIDTHS.items():
                context = browser.new_context(viewport=viewport)
                page = context.new_page()
                for kind, path in page_kinds.PAGES.items():
                    page.goto(base + path, wait_until="networkidle")
                    name = f"{re.sub(r'[^a-z0-9]+', '-', kind.lower())}-{width}.png"
                    page.screenshot(path=str(args.out / name), full_page=True)
                    print(args.out / name, flush=True)
                context.close()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
