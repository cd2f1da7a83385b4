"""Real and invented never mix: a real page that links to an invented one says there that it is
invented, and a made-up session names no real organisation (tests/data/invalid has those cases)."""

from __future__ import annotations

from pathlib import Path

from conftest import run_portal

LINK = "[Huisvesting op maat](goede-voorbeelden/huisvesting-op-maat.md)"


def _append(page: Path, text: str) -> int:
    """Adds `text` at the end of the page; returns the line number of its first line."""
    before = page.read_text(encoding="utf-8").rstrip("\n")
    page.write_text(before + "\n\n" + text + "\n", encoding="utf-8")
    return before.count("\n") + 3


def test_the_repository_mixes_nothing() -> None:
    result = run_portal("check")
    assert result.returncode == 0, result.stdout


def test_a_real_page_presenting_an_example_as_fact_is_refused(project_copy: Path) -> None:
    line = _append(project_copy / "content" / "voor-ondernemers.md", f"Zo doet een huisvester uit Dalfsen het: {LINK}.")
    result = run_portal("check", cwd=project_copy)
    assert result.returncode == 1
    column = len("Zo doet een huisvester uit Dalfsen het: [Huisvesting op maat](") + 1
    lines = [entry for entry in result.stdout.splitlines() if entry.startswith(f"content/voor-ondernemers.md:{line}:{column}:")]
    assert lines and "verzonnen voorbeeld" in lines[0], result.stdout


def test_saying_it_is_invented_in_the_paragraph_or_just_before_the_list_is_enough(project_copy: Path) -> None:
    page = project_copy / "content" / "voor-ondernemers.md"
    _append(page, f"Een verzonnen voorbeeld laat zien hoe het kan: {LINK}.")
    _append(page, f"Deze voorbeelden zijn verzonnen:\n\n- {LINK}")
    result = run_portal("check", cwd=project_copy)
    assert result.returncode == 0, result.stdout
