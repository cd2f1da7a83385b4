"""The toolkit works as a package another municipality installs (issue 14, point 2): the wheel
carries everything, and a site builds strictly from it, with no access to the sources."""

from __future__ import annotations

import filecmp
import zipfile
from pathlib import Path

from conftest import REPO, build_site
from installed import PACKAGE
from page_kinds import BUILD_NOW

PACKAGE_DIR = REPO / "plugins" / PACKAGE


def test_the_wheel_carries_every_file_of_the_package(installed_toolkit) -> None:
    with zipfile.ZipFile(installed_toolkit.wheel) as wheel:
        shipped = {name for name in wheel.namelist() if name.startswith(f"{PACKAGE}/")}
    sources = {f"{PACKAGE}/{path.relative_to(PACKAGE_DIR).as_posix()}" for path in PACKAGE_DIR.rglob("*")
               if path.is_file() and "__pycache__" not in path.parts}
    assert sources - shipped == set()
    # Templates, theme, styles, words and schemas: the kinds a missing package-data line loses.
    for needed in ("render/templates/session_page.html", "theme/main.html", "theme/partials/header.html",
                   "assets/portal.css", "defaults/strings.yml", "json_schemas/session.schema.json"):
        assert f"{PACKAGE}/{needed}" in shipped


def test_the_installed_package_is_not_the_source_tree(installed_toolkit, tmp_path: Path) -> None:
    found = installed_toolkit.run("-c", f"import {PACKAGE}, mkdocs_static_i18n; print({PACKAGE}.__file__)", cwd=tmp_path)
    assert found.returncode == 0, found.stderr
    location = Path(found.stdout.strip())
    assert location.is_relative_to(installed_toolkit.venv) and not location.is_relative_to(REPO)
    listed = installed_toolkit.run("-m", "pip", "list", "--format=freeze", cwd=tmp_path)
    assert f"{PACKAGE.replace('_', '-')}==" in listed.stdout
    assert "editable" not in installed_toolkit.run("-m", "pip", "list", "--editable", cwd=tmp_path).stdout.lower()


def test_portal_check_from_the_wheel_passes_on_the_repository_site(installed_toolkit, site_from_wheel) -> None:
    project, _ = site_from_wheel
    checked = installed_toolkit.run("-m", f"{PACKAGE}.cli", "check", cwd=project, PORTAL_NOW=BUILD_NOW)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert installed_toolkit.portal.is_file()


def test_the_site_built_from_the_wheel_equals_the_site_built_from_the_sources(site_from_wheel, tmp_path: Path) -> None:
    project, from_wheel = site_from_wheel
    from_sources = tmp_path / "site"
    result = build_site(project, from_sources, now=BUILD_NOW)
    assert result.exit_code == 0, result.output
    wheel_files = sorted(p.relative_to(from_wheel).as_posix() for p in from_wheel.rglob("*") if p.is_file())
    source_files = sorted(p.relative_to(from_sources).as_posix() for p in from_sources.rglob("*") if p.is_file())
    assert wheel_files == source_files
    assert "assets/portal/portal.css" in wheel_files and "kennissessies/index.html" in wheel_files
    _, mismatch, errors = filecmp.cmpfiles(from_wheel, from_sources, wheel_files, shallow=False)
    assert (mismatch, errors) == ([], [])


def test_a_second_municipality_is_made_checked_and_built_by_the_wheel(second_municipality_from_wheel) -> None:
    from conftest import parse_html

    site, out = second_municipality_from_wheel
    requirements = (site / "requirements.txt").read_text(encoding="utf-8")
    assert "arbeidsmigranten-portaal" in requirements and ".whl" in requirements
    home = parse_html(out / "index.html")
    assert "Ommen" in home.select_one("header").get_text()
    assert "Dalfsen" not in home.get_text()
    assert (out / "kennissessies" / "kalender.ics").is_file() and (out / "data" / "sessions.json").is_file()
    assert (out / "assets" / "portal" / "portal.css").is_file()
