"""`portal check` and `portal new`, run as editors run them: as a command."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, build_site, parse_html, run_portal


portal = run_portal


@pytest.fixture
def copy(project_copy: Path) -> Path:
    return project_copy


def test_check_passes_on_the_repository() -> None:
    result = portal("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "portal check: alles in orde" in result.stderr


def test_check_reports_every_problem_and_exits_1(copy: Path) -> None:
    session = copy / "sessions" / "2027-01-goed-verhuurderschap.yml"
    session.write_text(session.read_text(encoding="utf-8").replace("start: 2027-01-14 19:30", "start: 2027-01-14"), encoding="utf-8")
    (copy / "content" / "meldpunt.md").write_text("---\nreviewed: 2026-12-01\n---\n# Meldpunt\n\nBel Jan: 06-12345678.\n\n<!-- portal: meldpunten -->\n",
                                                encoding="utf-8")
    result = portal("check", cwd=copy)
    assert result.returncode == 1
    # (The translations of meldpunt.md now warn that their Dutch page changed; not counted here.)
    lines = [line for line in result.stdout.splitlines() if "waarschuwing:" not in line]
    assert lines[0].startswith("content/meldpunt.md:6:10: dit lijkt een telefoonnummer van een persoon")
    assert lines[1].startswith("content/meldpunt.md:8:1: onbekend blok")
    assert any(line.startswith('sessions/2027-01-goed-verhuurderschap.yml:') and '"start" heeft een datum maar geen tijd' in line for line in lines)
    assert "portal check: 3 fouten," in result.stderr


def test_check_prints_github_annotations_under_actions(copy: Path) -> None:
    (copy / "partners" / "zonder-naam.yml").write_text("kind: werkgever\ndescription: Tekst.\n", encoding="utf-8")
    result = portal("check", cwd=copy, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=partners/zonder-naam.yml,line=1,col=1::het verplichte veld \"name\" ontbreekt; "
        "voeg een regel 'name: ...' toe (Naam van de organisatie)"
    ]


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert portal("check", "--onbekend").returncode == 2
    assert portal("check", cwd=tmp_path).returncode == 2
    assert portal().returncode == 2


def test_new_files_from_flags_pass_the_check_and_build(copy: Path) -> None:
    made = [
        portal("new", "session", "--title", "Signalen: wat ziet u?", "--start", "2027-05-12 19:30", "--end",
               "2027-05-12 21:00", "--location", "Gemeentehuis", "--address", "Straat 1, Dalfsen", "--audience",
               "ondernemers", "--audience", "raadsleden", "--summary", "Over signalen van uitbuiting.",
               "--registration-url", "https://formulieren.example.nl/signalen", "--deadline", "2027-05-05", cwd=copy),
        portal("new", "partner", "--name", "Bouwbedrijf Zoveel & Zonen", "--kind", "werkgever", "--description",
               "Een bouwbedrijf.", "--website", "https://zoveel.example/", cwd=copy),
        portal("new", "post", "--title", "Tweede controle: wat we zagen", "--category", "Controles", "--date",
               "2027-02-01", "--intro", "Wat we zagen bij de tweede controle.", cwd=copy),
    ]
    assert [m.returncode for m in made] == [0, 0, 0], [m.stderr for m in made]
    assert [m.stdout.strip() for m in made] == [
        "aangemaakt: sessions/2027-05-signalen-wat-ziet-u.yml",
        "aangemaakt: partners/bouwbedrijf-zoveel-zonen.yml",
        "aangemaakt: content/nieuws/posts/tweede-controle-wat-we-zagen.md",
    ]
    session = (copy / "sessions" / "2027-05-signalen-wat-ziet-u.yml").read_text(encoding="utf-8")
    assert session.startswith("# yaml-language-server: $schema=../schemas/session.schema.json\n")
    check = portal("check", cwd=copy)
    assert check.returncode == 0, check.stdout + check.stderr
    result = build_site(copy, copy / "site")
    assert result.exit_code == 0, result.output
    page = parse_html(copy / "site" / "kennissessies" / "2027-05-signalen-wat-ziet-u" / "index.html")
    assert page.find("h1").get_text() == "Signalen: wat ziet u?"


def test_new_asks_for_what_is_missing(copy: Path) -> None:
    answers = "Kwekerij Het Antwoord\nwerkgever\nEen kwekerij die meedoet.\n\n"
    result = portal("new", "partner", cwd=copy, stdin=answers)
    assert result.returncode == 0, result.stderr
    assert "Naam van de organisatie:" in result.stderr
    from ruamel.yaml import YAML

    written = YAML(typ="safe").load(copy / "partners" / "kwekerij-het-antwoord.yml")
    assert written == {"name": "Kwekerij Het Antwoord", "kind": "werkgever", "description": "Een kwekerij die meedoet."}
    assert portal("check", cwd=copy).returncode == 0


def test_new_without_answers_is_a_usage_error(copy: Path) -> None:
    result = portal("new", "session", "--title", "Alleen een titel", cwd=copy, stdin="")
    assert result.returncode == 2
    assert "geen antwoord" in result.stderr
    assert not list((copy / "sessions").glob("*alleen-een-titel*"))


def test_new_post_refuses_an_unknown_category(copy: Path) -> None:
    result = portal("new", "post", "--title", "x", "--category", "Sport", cwd=copy)
    assert result.returncode == 2 and "Controles" in result.stderr


def test_the_examples_in_the_editors_guide_pass_the_check(copy: Path) -> None:
    """CONTRIBUTING.md shows a session and a partner; they must be right as written."""
    import re

    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", guide, re.DOTALL)
    session = next(b for b in blocks if "session.schema.json" in b)
    partner = next(b for b in blocks if "partner.schema.json" in b)
    (copy / "sessions" / "2027-03-signalen-herkennen.yml").write_text(session, encoding="utf-8")
    (copy / "partners" / "kwekerij-de-tuin.yml").write_text(partner, encoding="utf-8")
    post = re.search(r"```markdown\n(---\ndate:.*?)```", guide, re.DOTALL).group(1)
    (copy / "content" / "nieuws" / "posts" / "controle-maart.md").write_text(post, encoding="utf-8")
    result = portal("check", cwd=copy)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_finds_broken_links_and_pages_missing_from_the_menu(copy: Path) -> None:
    (copy / "content" / "los.md").write_text(
        "---\ndescription: x\nreviewed: 2026-12-01\n---\n\n# Los\n\nZie [het meldpunt](meldpunt.md), [de kalender](kennissessies/index.md),\n"
        "[een sessie](kennissessies/2027-01-goed-verhuurderschap.md) en [weg](verdwenen.md#kop).\n"
        "```\n[geen link](in-code.md)\n```\n",
        encoding="utf-8",
    )
    result = portal("check", cwd=copy)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/los.md:1:1: deze pagina staat niet in het menu; zet haar onder nav: in mkdocs.yml, anders kan "
        "niemand haar vinden",
        "content/los.md:9:70: deze link wijst naar een pagina of bestand dat niet bestaat; controleer de naam en de "
        'map, gezien vanaf deze pagina (bijvoorbeeld ../meldpunt.md) (u schreef "verdwenen.md#kop")',
    ]
