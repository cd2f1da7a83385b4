"""News posts: what Material's blog would stop at, in English and without a line, is a Dutch
sentence at file:line:col in `portal check` and at the start of the build."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import TEST_NOW, run_portal
from arbeidsmigranten_portaal.checks.news_posts import news_post_problems

POST = "content/nieuws/posts/bericht.md"
CATEGORIES = ["Aanpak", "Controles"]


def _post(front_matter: str) -> str:
    return f"---\n{front_matter}---\n\n# Bericht\n\nTekst.\n"


@pytest.mark.parametrize("front_matter, line, col, says", [
    ("date: 2027-02-30\n", 2, 7, "deze datum of tijd bestaat niet"),
    ("date: gisteren\n", 2, 7, '"date" moet een datum zijn'),
    ("date: 2027-03-11 25:00\n", 2, 7, '"date" moet een datum zijn'),
    ("title: Zonder datum\n", 2, 1, "een nieuwsbericht heeft een datum nodig"),
    ("date:\n  updated: 2027-03-11\n", 3, 3, '"created" nodig'),
    ("date:\n  created: morgen\n", 3, 12, '"date.created" moet een datum zijn'),
    ("date: 2027-03-11\nreadtime: veel\n", 3, 11, '"readtime" is de leestijd in hele minuten'),
    ("date: 2027-03-11\nreadtime: true\n", 3, 11, '"readtime" is de leestijd in hele minuten'),
    ("date: 2027-03-11\ndraft: misschien\n", 3, 8, '"draft" is true of false'),
    ("date: 2027-03-11\npin: ja\n", 3, 6, '"pin" is true of false'),
    ("date: 2027-03-11\ncategories: Controles\n", 3, 13, '"categories" is een lijst'),
    ("date: 2027-03-11\ncategories:\n  - Onbekend\n", 4, 5, '"Onbekend" is geen categorie van het nieuws; kies uit: Aanpak, Controles'),
    ("date: 2027-03-11\ncategories:\n  - 12\n", 4, 5, 'elk item onder "categories" is een woord'),
    ("date: 2027-03-11\nlinks:\n  - meldpunt.md\n", 4, 3, '"links" niet'),
])
def test_each_mistake_is_one_sentence_at_its_place(front_matter: str, line: int, col: int, says: str) -> None:
    problems = news_post_problems(_post(front_matter), POST, CATEGORIES)
    assert len(problems) == 1, [p.sentence() for p in problems]
    assert (problems[0].line, problems[0].col) == (line, col), problems[0].sentence()
    assert says in problems[0].message


def test_a_post_without_front_matter_is_refused() -> None:
    problems = news_post_problems("# Bericht\n\nTekst.\n", POST, CATEGORIES)
    assert [(p.line, p.message.split(";")[0]) for p in problems] == [
        (1, "een nieuwsbericht begint met gegevens tussen twee regels ---, met ten minste de datum")]


@pytest.mark.parametrize("front_matter", [
    "date: 2027-03-11\n",
    "date: 2027-03-11 19:30:00\ncategories:\n  - Controles\ndraft: true\npin: false\nreadtime: 3\n",
    "date:\n  created: 2027-03-11\n  updated: 2027-04-01\n",
    "date: 2027-03-11T19:30:00+01:00\nslug: een-bericht\n",
])
def test_what_material_accepts_passes(front_matter: str) -> None:
    assert news_post_problems(_post(front_matter), POST, CATEGORIES) == []


def test_check_and_build_say_it_in_dutch_before_material_does(project_copy, tmp_path) -> None:
    post = project_copy / "content" / "nieuws" / "posts" / "fout.md"
    post.write_text(_post("date: 2027-03-11\nreadtime: veel\ncategories: Controles\n"), encoding="utf-8")
    check = run_portal("check", cwd=project_copy)
    assert check.returncode == 1
    assert "content/nieuws/posts/fout.md:3:11:" in check.stdout and "content/nieuws/posts/fout.md:4:13:" in check.stdout

    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "index.html").write_text("vorige", encoding="utf-8")
    # In its own process: Material's blog keeps one temporary folder per process, which an earlier
    # build in this process may already have removed.
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "out")],
                            cwd=project_copy, capture_output=True, text=True,
                            env={**os.environ, "PORTAL_NOW": TEST_NOW, "NO_MKDOCS_2_WARNING": "1"})
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "content/nieuws/posts/fout.md:3:11:" in output and "content/nieuws/posts/fout.md:4:13:" in output
    assert "Expected type" not in output and "Traceback" not in output
    assert (tmp_path / "out" / "index.html").read_text(encoding="utf-8") == "vorige"
