"""Same commit, same clock: a byte-identical site (small preview diffs, cacheable deploys)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build_site, copy_project


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def build(tmp_path: Path, name: str) -> dict[str, bytes]:
    project = copy_project(tmp_path / name)  # a different folder each time
    result = build_site(project, tmp_path / name / "site")
    assert result.exit_code == 0, result.output
    return snapshot(tmp_path / name / "site")


def test_two_builds_with_the_same_clock_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PORTAL_NOW", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796000000")
    first = build(tmp_path, "a")
    second = build(tmp_path, "b")
    assert first.keys() == second.keys()
    different = [name for name in first if first[name] != second[name]]
    assert different == []

    # And the clock really is what decides: another moment changes the calendar files.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796086400")
    third = build(tmp_path, "c")
    assert third["kennissessies/kalender.ics"] != first["kennissessies/kalender.ics"]
