"""A second municipality's site made by `portal init`, for the tests: with any `portal` command,
so the same helper serves the source tree (python -m ...) and an installed wheel (its own
.venv/bin/portal)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from conftest import TEST_NOW

# `portal` from the source tree this test runs in.
SOURCE_PORTAL = (sys.executable, "-m", "arbeidsmigranten_portaal.cli")

OMMEN = {"municipality": "Ommen", "site_url": "https://arbeidsmigranten.ommen.nl/", "languages": "nl,en",
         "colour": "#7a1f3d"}


def portal_environment(now: str = TEST_NOW) -> dict[str, str]:
    """The editor's environment at the tests' frozen moment, outside GitHub Actions."""
    environment = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "SOURCE_DATE_EPOCH")}
    environment["PORTAL_NOW"] = now
    environment["NO_MKDOCS_2_WARNING"] = "1"
    return environment


def init_site(target: Path, portal: Sequence[str] = SOURCE_PORTAL, *, answers: dict[str, str] | None = None,
              toolkit: str | None = None, now: str = TEST_NOW) -> subprocess.CompletedProcess:
    """`portal init target` with every answer as a flag (Ommen's unless `answers` says otherwise)."""
    flags: list[str] = []
    for key, value in (answers or OMMEN).items():
        flags += [f"--{key.replace('_', '-')}", value]
    if toolkit:
        flags += ["--toolkit", toolkit]
    return subprocess.run([*portal, "init", str(target), *flags], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, env=portal_environment(now))


def check_site(site: Path, portal: Sequence[str] = SOURCE_PORTAL, *, now: str = TEST_NOW) -> subprocess.CompletedProcess:
    """`portal check` on the site, as its editors run it."""
    return subprocess.run([*portal, "--root", str(site), "check"], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, env=portal_environment(now))
