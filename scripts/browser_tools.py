"""Which Chromium to drive, and how: the system's (Debian's chromium), never a downloaded one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

# Without the background-networking flags Chromium tries to reach Google's servers at start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = (
    "Chromium is needed: `apt-get install chromium` (python3 dev.py test does this itself when it "
    "runs as root), or set PORTAL_CHROMIUM to a Chromium or Chrome binary."
)


def find_chromium() -> str | None:
    for candidate in (os.environ.get("PORTAL_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None
