"""Every page says when its content was last checked: shown on the page in its language, an
error when missing, a warning when older than the review period of site_config/site.yml."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import parse_html, run_portal
from arbeidsmigranten_portaal.checks.reviewed_dates import page_review_problems

TODAY = dt.date(2027, 1, 15)


@pytest.mark.parametrize("text, where, severity, says", [
    ("# Pagina\n", (1, 1), "error", "zegt niet wanneer haar inhoud is nagekeken"),
    ("---\ndescription: x\n---\n# Pagina\n", (1, 1), "error", "zegt niet wanneer haar inhoud is nagekeken"),
    ("---\nreviewed: gisteren\n---\n# Pagina\n", (2, 11), "error", '"reviewed" is een datum'),
    ("---\nreviewed: 2026-13-01\n---\n# Pagina\n", (2, 11), "error", "deze datum of tijd bestaat niet"),
    ("---\nreviewed: 1999-12-01\n---\n# Pagina\n", (2, 11), "error", "jaar dat niet kan kloppen"),
    ("---\nreviewed: 2026-01-14\n---\n# Pagina\n", (2, 11), "warning", "langer dan 12 maanden geleden"),
])
def test_a_missing_wrong_or_old_date_is_said(text: str, where: tuple[int, int], severity: str, says: str) -> None:
    problems = page_review_problems(text, "content/pagina.md", TODAY, 12)
    assert len(problems) == 1, problems
    assert (problems[0].line, problems[0].col, problems[0].severity) == (*where, severity)
    assert says in problems[0].message


@pytest.mark.parametrize("reviewed", ["2026-01-15", "2027-01-15", "2027-02-01"])
def test_a_date_within_the_period_passes(reviewed: str) -> None:
    """A date after the build's moment passes too: the tests build at a fixed moment."""
    assert page_review_problems(f"---\nreviewed: {reviewed}\n---\n# P\n", "content/p.md", TODAY, 12) == []


def test_the_period_comes_from_the_site_settings(project_copy: Path) -> None:
    site = project_copy / "site_config" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("review_months: 12", "review_months: 1"), encoding="utf-8")
    result = run_portal("check", cwd=project_copy, env={"PORTAL_NOW": "2027-03-01 10:00"})
    assert result.returncode == 0, "an old page is a warning, never an error"
    old = [line for line in result.stdout.splitlines() if "langer dan 1 maanden geleden" in line]
    assert any(line.startswith("content/meldpunt.md:2:11: waarschuwing:") for line in old), result.stdout


def test_every_page_shows_its_date_in_its_language(built_site: Path) -> None:
    nl = parse_html(built_site / "meldpunt" / "index.html").select_one("article .portal-reviewed")
    assert nl is not None and nl.get_text(" ", strip=True).startswith("Laatst gecontroleerd op ")
    assert dt.date.fromisoformat(nl.find("time")["datetime"])
    en = parse_html(built_site / "en" / "meldpunt" / "index.html").select_one("article .portal-reviewed")
    assert en is not None and en.get_text(" ", strip=True).startswith("Last checked on ")
    pages = [p for p in built_site.rglob("index.html") if parse_html(p).select_one(".md-content .portal-reviewed")]
    assert len(pages) >= 40, "every content page, in every language"
