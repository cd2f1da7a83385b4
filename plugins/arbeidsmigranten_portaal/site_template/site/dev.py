#!/usr/bin/env python3
"""The two commands of this site (see README.md):

    python3 dev.py serve   install the portal in .venv/, then show the site at http://127.0.0.1:8000/
    python3 dev.py test    install the portal in .venv/, then check the content and build the site strictly

The first run makes .venv/ and installs requirements.txt there, at the versions in
constraints.txt; later runs install again only when one of the two files changed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".requirements"
REQUIREMENTS = ROOT / "requirements.txt"
CONSTRAINTS = ROOT / "constraints.txt"


def set_up() -> None:
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes() + CONSTRAINTS.read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not PYTHON.exists():
        print("Virtuele omgeving maken in .venv/ ...", flush=True)
        venv.create(VENV, with_pip=True)
    print("Het portaal installeren (requirements.txt) ...", flush=True)
    subprocess.run([PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", REQUIREMENTS,
                    "-c", CONSTRAINTS],
                   check=True)
    STAMP.write_text(wanted)


def portal(*args: str) -> int:
    return subprocess.run([BIN / "portal", "--root", ROOT, *args]).returncode


def serve() -> int:
    address = os.environ.get("PORTAL_ADDRESS", "127.0.0.1:8000")
    return portal("preview", "--address", address)


def test() -> int:
    status = portal("check")
    if status:
        return status
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with tempfile.TemporaryDirectory() as site:
        return subprocess.run([BIN / "mkdocs", "build", "--strict", "--quiet", "--config-file", ROOT / "mkdocs.yml",
                               "--site-dir", site], env=env).returncode


def main(argv: list[str]) -> int:
    commands = {"serve": serve, "test": test}
    if len(argv) != 1 or argv[0] not in commands:
        print("gebruik: python3 dev.py serve | test", file=sys.stderr)
        return 2
    set_up()
    try:
        return commands[argv[0]]()
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
