"""A broken site fails the build, says where and why, and leaves the previous site as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO, build_site, parse_html

MINIMAL = REPO / "tests" / "sites" / "minimal"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return Path(shutil.copytree(MINIMAL, tmp_path / "project"))


def previous_site(project: Path) -> Path:
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>vorige versie</p>", encoding="utf-8")
    return site


def assert_previous_site_untouched(site: Path) -> None:
    assert (site / "index.html").read_text(encoding="utf-8") == "<p>vorige versie</p>"
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    leftovers = [p.name for p in site.parent.iterdir() if p.name.startswith(".site.")]
    assert leftovers == []


def test_the_minimal_site_builds_and_replaces_the_previous_one(project: Path) -> None:
    site = previous_site(project)
    result = build_site(project, site)
    assert result.exit_code == 0, result.output
    soup = parse_html(site / "tweede" / "index.html")
    assert soup.select_one(".portal-meldpunt a[href='https://formulier.test.invalid/melden']")
    assert "vorige versie" not in (site / "index.html").read_text(encoding="utf-8")
    assert [p.name for p in project.iterdir() if p.name.startswith(".site.")] == []


def test_a_broken_internal_link_fails_the_build(project: Path) -> None:
    (project / "content" / "index.md").write_text("# Start\n\nZie [de kapotte link](bestaat-niet.md).\n")
    site = previous_site(project)
    result = build_site(project, site)
    assert result.exit_code != 0
    assert (
        'content/index.md:3:23: deze link wijst naar een pagina of bestand dat niet bestaat; controleer de naam en '
        'de map, gezien vanaf deze pagina (bijvoorbeeld ../meldpunt.md) (u schreef "bestaat-niet.md")'
    ) in result.output
    assert_previous_site_untouched(site)


def test_a_broken_anchor_fails_the_build(project: Path) -> None:
    (project / "content" / "index.md").write_text("---\nreviewed: 2026-12-01\n---\n# Start\n\nZie [kopje](tweede.md#bestaat-niet).\n")
    result = build_site(project, previous_site(project))
    assert result.exit_code != 0
    assert "bestaat-niet" in result.output


def test_unknown_blocks_are_all_reported_with_file_and_line(project: Path) -> None:
    (project / "content" / "index.md").write_text("---\ndescription: x\n---\n# Start\n\n<!-- portal: meldpunten -->\n")
    (project / "content" / "tweede.md").write_text("# Tweede\n\ntekst\n\n  <!-- portal: agenda -->\n")
    site = previous_site(project)
    result = build_site(project, site)
    assert result.exit_code != 0
    assert 'content/index.md:6:1: onbekend blok; deze blokken bestaan: aanmelden, alliantie, contact, kalender, meldpunt, meldpunt-talen, signalenkaart, volgende-kennissessies, voortgang, volgende-kennissessies-<doelgroep> (doelgroepen: ondernemers, raadsleden) (u schreef "meldpunten")' in result.output
    assert 'content/tweede.md:5:3: onbekend blok; deze blokken bestaan: aanmelden, alliantie, contact, kalender, meldpunt, meldpunt-talen, signalenkaart, volgende-kennissessies, voortgang, volgende-kennissessies-<doelgroep> (doelgroepen: ondernemers, raadsleden) (u schreef "agenda")' in result.output
    assert_previous_site_untouched(site)


def test_a_broken_setting_fails_before_anything_is_written(project: Path) -> None:
    (project / "site_config" / "site.yml").write_text(
        "organisation: Testgemeente\nmeldpunt:\n  form_url: http://formulier.test.invalid/\n  emial: a@b.nl\n"
        "calendar:\n  name: Agenda\n  uid_domain: test.invalid\n"
    )
    site = previous_site(project)
    result = build_site(project, site)
    assert result.exit_code != 0
    assert (
        'site_config/site.yml:3:13: "meldpunt.form_url" moet een volledig webadres zijn dat begint met https://, '
        'zoals https://www.uwgemeente.nl/ (u schreef "http://formulier.test.invalid/")'
    ) in result.output
    assert 'site_config/site.yml:4:3: onbekend veld "emial"; bedoelt u "email"?' in result.output
    assert_previous_site_untouched(site)


def test_broken_session_and_partner_files_fail_the_build_with_every_problem(project: Path) -> None:
    (project / "sessions").mkdir()
    (project / "partners").mkdir()
    (project / "sessions" / "2027-03-kapot.yml").write_text(
        "title: Sessie\nstart: 2027-03-11\nend: 2027-03-11 21:30\nlocation:\n  name: Zaal\n  address: Straat 1\n"
        "audiences: [ondernemers]\nsummary: Tekst.\nspeakers: [niemand]\n"
        "registration:\n  ondernemers:\n    url: http://formulier.test.invalid/\n",
        encoding="utf-8",
    )
    (project / "partners" / "zonder-soort.yml").write_text("name: Partner\ndescription: Tekst.\n", encoding="utf-8")
    site = previous_site(project)
    result = build_site(project, site)
    assert result.exit_code != 0
    for expected in (
        'sessions/2027-03-kapot.yml:2:8: "start" heeft een datum maar geen tijd',
        'sessions/2027-03-kapot.yml:12:10: "registration.ondernemers.url" moet een aanmeldlink zijn',
        'partners/zonder-soort.yml:1:1: het verplichte veld "kind" ontbreekt',
        "sessions/2027-03-kapot.yml:9:12: \"speakers\" is geen bekende partner",
        "4 problemen gevonden; de site is niet gebouwd en de vorige versie is blijven staan.",
    ):
        assert expected in result.output
    assert_previous_site_untouched(site)
