#!/usr/bin/env python3
"""Lighthouse scores, one page per template, as a reader on a phone gets them.

Builds the site for http://127.0.0.1:<port>/ (so canonical links point at the server that is
measured), serves it with gzip compression like a real host, and runs Lighthouse (npm, pinned
in package.json) with mobile emulation on the system's Chromium. Prints a table of scores.
This is a measurement, not a test: the targets (accessibility, best practices and SEO 100,
performance at least 95) are printed beside the figures, and it never fails on them.

    python3 dev.py lighthouse
    .venv/bin/python scripts/lighthouse.py --pages "" meldpunt/     # a few pages only
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import page_kinds
from browser_tools import CHROMIUM_ARGS, INSTALL_HINT, find_chromium
from static_server import serve

REPO = Path(__file__).resolve().parents[1]
LIGHTHOUSE = REPO / "node_modules" / "lighthouse" / "cli" / "index.js"
# One page per template; Lighthouse does not measure a page answered with status 404, so the
# 404 template is loaded directly.
PAGES = {name: page_kinds.PAGES[name] for name in page_kinds.ONE_PER_TEMPLATE} | {"404": "404.html"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="*", help="addresses to measure (default: one per template)")
    args = parser.parse_args(argv)
    pages = {p or "home": p for p in args.pages} if args.pages else PAGES
    if not LIGHTHOUSE.is_file():
        raise SystemExit("Lighthouse is installed by `npm ci` (python3 dev.py test does that)")

    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        env = dict(os.environ, SITE_URL=base, PORTAL_NOW=page_kinds.BUILD_NOW, NO_MKDOCS_2_WARNING="1")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict", "--site-dir", str(site)],
                       cwd=REPO, env=env, check=True)
        with serve(site, port=port, compress=True):
            below = measure(pages, base)
    if below:
        print("\nbelow target (failing audits):")
        print("\n".join(f"  {line}" for line in below))
    return 0


def measure(pages: dict[str, str], base: str) -> list[str]:
    """Print each page's scores; return the audits that keep a score below its target."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    chromium = find_chromium() or sys.exit(INSTALL_HINT)
    print(f"{'page':<20}" + "".join(f"{c:>16}" for c in CATEGORIES))
    print(f"{'target':<20}" + "".join(f"{('>=' if c == 'performance' else '') + str(TARGETS[c]):>16}" for c in CATEGORIES))
    below = []
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        for name, path in pages.items():
            subprocess.run(
                ["node", str(LIGHTHOUSE), base + path, "--output=json", f"--output-path={report}", "--quiet",
                 f"--chrome-flags={flags}", "--only-categories=" + ",".join(CATEGORIES)],
                env=dict(os.environ, CHROME_PATH=chromium), check=True,
            )
            data = json.loads(report.read_text(encoding="utf-8"))
            scores = {c: round((data["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
            print(f"{name:<20}" + "".join(f"{scores[c]:>16}" for c in CATEGORIES), flush=True)
            for category in CATEGORIES:
                if scores[category] < TARGETS[category]:
                    refs = data["categories"][category]["auditRefs"]
                    failing = [r["id"] for r in refs if r.get("weight") and (data["audits"][r["id"]]["score"] or 0) < 1]
                    below.append(f"{name} {category}: {', '.join(failing[:6])}")
    return below


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
