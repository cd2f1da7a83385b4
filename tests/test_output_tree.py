"""The helper that makes the output's folders and files ahead (output_tree.py): only inside the
build's folder, never over what the build wrote, and nothing left half-made by a failed build."""

from __future__ import annotations

from pathlib import Path

from conftest import build_site, copy_project
from arbeidsmigranten_portaal.output_tree import OutputTree


def test_folders_and_empty_files_are_made_inside_the_root_only(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    written = root / "kennissessies" / "a.ics"
    written.parent.mkdir()
    written.write_bytes(b"BEGIN:VCALENDAR")
    tree = OutputTree(root, [root / "kennissessies" / "x" / "index.html", written, tmp_path / "buiten.txt",
                             root / ".." / "ook-buiten.txt", root])
    tree.wait()
    assert (root / "kennissessies" / "x" / "index.html").read_bytes() == b""
    assert written.read_bytes() == b"BEGIN:VCALENDAR"  # the build's own file is never emptied
    assert not (tmp_path / "buiten.txt").exists() and not (tmp_path / "ook-buiten.txt").exists()


def test_a_build_fills_every_file_made_ahead(built_site: Path) -> None:
    empty = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*")
             if p.is_file() and p.stat().st_size == 0]
    assert empty == []
    assert (built_site / "kennissessies" / "2027-02-stand-van-de-aanpak" / "index.html").stat().st_size > 1000


def test_a_failed_build_leaves_no_folder_behind(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    # A problem that stops the build after the pages are read (a link to a page that is not there).
    page = project / "content" / "voor-ondernemers.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[weg](bestaat-niet.md)\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.exit_code != 0
    assert not (tmp_path / "site").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []
