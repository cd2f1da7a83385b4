"""The preview's warm build process (preview_build.py) builds, after every save, the site that a
fresh `mkdocs build --strict` builds from the same files, byte for byte.

That process keeps what it worked out for content that did not change (memo.py: parsed records,
checks per file, page bodies, finished pages, search entries, calendar events). Each step below
changes the sources as an editor would, lets the warm process build, builds the same sources
fresh in this test's process (which keeps nothing), and compares every file of the two sites.
A step that breaks the content must fail in the warm process as `portal check` fails, and the
first build after it is fixed must again be the fresh site.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from arbeidsmigranten_portaal import memo
from arbeidsmigranten_portaal.cli import check_problems
from arbeidsmigranten_portaal.preview_build import BuildProcess
from conftest import TEST_NOW, build_site, copy_project

SESSION = "sessions/2026-12-units-op-het-erf.yml"
PAGE = "content/voor-ondernemers.md"


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def warm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PORTAL_NOW", TEST_NOW)  # the build process has the tests' clock too
    project = copy_project(tmp_path / "project")
    process = BuildProcess(project)
    assert not memo.enabled, "this test's own builds must keep nothing"
    yield project, process
    process.close()


class _Builds:
    def __init__(self, tmp_path: Path, project: Path, process: BuildProcess) -> None:
        self.tmp_path, self.project, self.process, self.count = tmp_path, project, process, 0

    def assert_warm_is_fresh(self, step: str) -> dict[str, bytes]:
        self.count += 1
        warm_site = self.tmp_path / f"warm-{self.count}"
        outcome = self.process.build(warm_site)
        assert outcome.ok, (step, outcome)
        fresh = build_site(self.project, self.tmp_path / f"fresh-{self.count}")
        assert fresh.exit_code == 0, (step, fresh.output)
        ours, theirs = _files(warm_site), _files(fresh.site_dir)
        assert sorted(ours) == sorted(theirs), step
        different = [name for name in ours if ours[name] != theirs[name]]
        assert different == [], (step, different[:10])
        return ours


def test_every_warm_build_after_a_save_is_the_fresh_build(tmp_path: Path, warm) -> None:
    project, process = warm
    builds = _Builds(tmp_path, project, process)
    first = builds.assert_warm_is_fresh("first build")
    assert builds.assert_warm_is_fresh("nothing changed") == first

    session, page = project / SESSION, project / PAGE
    _replace(session, 'title: "Units op het boerenerf', 'title: "Woonunits op het boerenerf')
    _replace(session, "start: 2026-12-17 19:30", "start: 2026-12-18 19:30")
    _replace(session, "end: 2026-12-17 21:00", "end: 2026-12-18 21:00")
    site = builds.assert_warm_is_fresh("a session's title and date")
    assert b"Woonunits op het boerenerf" in site["kennissessies/index.html"]

    _replace(page, "Dan is deze pagina voor\nu.", "Dan is deze pagina voor\nu en uw bedrijf.")
    site = builds.assert_warm_is_fresh("a content page's text")
    assert "u en uw bedrijf." in site["voor-ondernemers/index.html"].decode("utf-8")

    _replace(page, "# Voor ondernemers", "# Voor werkgevers en ondernemers")
    builds.assert_warm_is_fresh("a page title, in the navigation of every page")

    # An action's status, and its evidence: the session it names goes below.
    _replace(project / "actions" / "woonzorgvisie.yml", "status: bezig\n", "status: gedaan\n")
    _replace(project / "actions" / "eerste-kennissessie.yml", "  - session: 2023-11-eerste-kennissessie\n", "")
    site = builds.assert_warm_is_fresh("an action's status and evidence")
    assert 'class="portal-action portal-action--gedaan" id="actie-woonzorgvisie"' in site["voortgang/index.html"].decode()

    (project / "sessions" / "2027-05-nieuwe-sessie.yml").write_text(
        (project / SESSION).read_text(encoding="utf-8")
        .replace("2026-12-18", "2027-05-20").replace("2026-11-26", "2027-05-01")
        .replace("kennissessie-2026-12-units", "kennissessie-2027-05-units"), encoding="utf-8")
    (project / "sessions" / "2023-11-eerste-kennissessie.yml").unlink()
    site = builds.assert_warm_is_fresh("a session added and one removed")
    assert "kennissessies/2027-05-nieuwe-sessie.ics" in site
    assert not any(name.startswith("kennissessies/2023-11-eerste-kennissessie") for name in site)

    _replace(project / "site_config" / "site.yml", "name: Kennissessies arbeidsmigranten Dalfsen",
             "name: Kennissessies over arbeidsmigranten in Dalfsen")
    builds.assert_warm_is_fresh("the site's settings")

    _replace(project / "partners" / "akkerbouwbedrijf-voorbeeld.yml", "name: Akkerbouwbedrijf Voorbeeld",
             "name: Akkerbouwbedrijf De Voorbeeldakker")
    site = builds.assert_warm_is_fresh("a partner's name, in the sessions it speaks at")
    assert "Akkerbouwbedrijf De Voorbeeldakker" in site["kennissessies/2026-12-units-op-het-erf/index.html"].decode()

    _replace(project / "site_config" / "audiences.yml", "  label: Ondernemers\n", "  label: Werkgevers\n")
    builds.assert_warm_is_fresh("an audience's name, on every session of it")

    # Another moment: sessions pass, registrations close (the states every session shows).
    _replace(project / "mkdocs.yml", "      calendar_languages: [nl, en]\n",
             '      calendar_languages: [nl, en]\n      today: "2026-12-17 20:00"\n')
    site = builds.assert_warm_is_fresh("the moment of the build")
    assert "portal-session--past" in site["kennissessies/index.html"].decode()


def test_a_broken_save_fails_as_the_check_says_and_the_fix_builds_the_fresh_site(tmp_path: Path, warm) -> None:
    project, process = warm
    builds = _Builds(tmp_path, project, process)
    builds.assert_warm_is_fresh("first build")
    session = project / SESSION
    _replace(session, "start: 2026-12-17 19:30", "start: 2026-13-17 19:30")

    warm_problems = process.check()
    fresh_problems = check_problems(project)
    assert warm_problems == fresh_problems
    assert any(problem.path == SESSION and "13" in problem.message for problem in warm_problems), warm_problems
    outcome = process.build(tmp_path / "broken")
    assert not outcome.ok
    # The build prints each problem as `portal check` does, with what the editor wrote after it.
    built = {(problem.path, problem.line, problem.col): problem.message for problem in outcome.problems}
    for problem in fresh_problems:
        if problem.severity == "error":
            assert built[(problem.path, problem.line, problem.col)].startswith(problem.message), problem

    _replace(session, "start: 2026-13-17 19:30", "start: 2026-12-17 19:30")
    assert process.check() == check_problems(project)
    builds.assert_warm_is_fresh("the mistake fixed")
