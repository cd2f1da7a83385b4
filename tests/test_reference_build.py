"""The portal's shortcuts change no byte of the site.

To build fast, the portal renders the navigation, tabs, search form and footer once per folder of
generated pages (portal_shared) and makes every page's search entries itself instead of the
theme's search plugin parsing each page (render/search_entries.py). PORTAL_REFERENCE_BUILD=1
builds without those shortcuts, as MkDocs and Material do on their own. Both builds of the
repository's site, and of a site with many sessions and partners, must be the same file for file.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from conftest import REPO, build_site, copy_project

sys.path.insert(0, str(REPO / "scripts"))
from bench_content import partner_yaml, session_yaml  # noqa: E402


def _build(project: Path, site: Path, *, reference: bool) -> Path:
    saved = os.environ.get("PORTAL_REFERENCE_BUILD")
    os.environ["PORTAL_REFERENCE_BUILD"] = "1" if reference else "0"
    try:
        result = build_site(project, site)
    finally:
        if saved is None:
            os.environ.pop("PORTAL_REFERENCE_BUILD", None)
        else:
            os.environ["PORTAL_REFERENCE_BUILD"] = saved
    assert result.exit_code == 0, result.output
    return site


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def _assert_same(fast: Path, reference: Path) -> None:
    ours, theirs = _files(fast), _files(reference)
    assert sorted(ours) == sorted(theirs)
    different = [name for name in ours if ours[name] != theirs[name]]
    assert different == [], different[:10]


def test_the_repository_site_is_the_same_with_and_without_the_shortcuts(built_site: Path, tmp_path: Path) -> None:
    # built_site is the normal build, shortcuts and all (PORTAL_REFERENCE_BUILD is never set for it).
    _assert_same(built_site, _build(REPO, tmp_path / "reference", reference=True))


@pytest.mark.parametrize("count", [60])
def test_a_site_with_many_sessions_is_the_same_with_and_without_the_shortcuts(tmp_path: Path, count: int) -> None:
    project = copy_project(tmp_path / "project")
    for i in range(count):
        (project / "sessions" / f"bench-{i:05d}.yml").write_text(session_yaml(i, count // 2), encoding="utf-8")
    for i in range(count // 2):
        (project / "partners" / f"partner-{i:05d}.yml").write_text(partner_yaml(i), encoding="utf-8")
    _assert_same(_build(project, tmp_path / "fast", reference=False),
                 _build(project, tmp_path / "reference", reference=True))


def test_the_search_entries_of_the_shortcut_are_there(built_site: Path) -> None:
    """Not an empty index on both sides: the real site's sessions can be found."""
    import json

    site = built_site
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert "kennissessies/2027-02-stand-van-de-aanpak/#aanmelden" in locations
    assert "meldpunt/" in locations
    english = json.loads((site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(doc["location"].startswith("kennissessies/") for doc in english["docs"])
