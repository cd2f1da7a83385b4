"""How the build starts its helper processes (search entries, output tree, PDFs, the preview)."""

from __future__ import annotations

import sys


def helper_command(module: str, *args: str) -> list[str]:
    """`python -P -m module args`: -P keeps the current folder (the site's, where a pull request
    may have put a file such as json.py) off the import path, so no file of the content runs as code."""
    return [sys.executable, "-P", "-m", module, *args]
