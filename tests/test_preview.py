"""The preview (`python3 dev.py serve`, which runs `portal preview`) never hangs: while the content
has problems every address answers with one Dutch page listing them, in the sentences of
`portal check`, and once they are solved the site is back.

Each test runs the real command on a copy of the site, on a free port of 127.0.0.1, with the
tests' clock, and changes files as an editor saves them."""

from __future__ import annotations

import http.client
import socket
from pathlib import Path

from conftest import run_portal
from preview_process import check_lines, is_problems_page, listed_problems, replace_in, running_preview

SESSION = "sessions/2026-12-units-op-het-erf.yml"
PAGE = "content/voor-ondernemers.md"  # a page without translations: changing it makes none stale
RELOAD_SCRIPT = "/__preview/herladen.js"


def _start_line(path: Path) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if line.startswith("start:"))


def _errors_of(project: Path) -> dict[str, str]:
    return {where: sentence for where, sentence in check_lines(project).items()
            if not sentence.startswith("waarschuwing: ")}


def _assert_lists_what_check_says(page, project: Path) -> dict[str, str]:
    """The page names every error `portal check` names, at the same place, in the same sentence."""
    errors = _errors_of(project)
    assert errors, "the test broke nothing that `portal check` finds"
    listed = listed_problems(page)
    for where, sentence in errors.items():
        assert listed.get(where) == sentence, (where, listed)
    return errors


def _assert_is_the_portal(page) -> None:
    assert page.soup.html["lang"] == "nl"
    assert page.soup.find("h1").get_text(strip=True).removesuffix("¶") == "Meldpunt goed verhuurderschap"


def test_problems_are_shown_on_every_page_until_they_are_solved(project_copy: Path) -> None:
    session = project_copy / SESSION
    with running_preview(project_copy) as preview:
        _assert_is_the_portal(preview.wait_for_site())
        # The reload script is the preview's own, added while serving, never part of the site.
        scripts = [tag.get("src") for tag in preview.get("meldpunt/").soup.find_all("script")]
        assert RELOAD_SCRIPT in scripts
        # ... but not to the editor, which would otherwise reload whenever decap-server switches branches.
        editor = preview.get("admin/")
        assert editor.status == 200 and "decap-cms.js" in [t.get("src") for t in editor.soup.find_all("script")]
        assert RELOAD_SCRIPT not in [t.get("src") for t in editor.soup.find_all("script")]

        # A session with a date that does not exist.
        good_session = replace_in(session, "start: 2026-12-17 19:30", "start: 2026-13-17 19:30")
        page = preview.wait_for_problems()
        errors = _assert_lists_what_check_says(page, project_copy)
        where = f"{SESSION}:{_start_line(session)}:8"
        assert where in errors and "maand 13" in errors[where]
        assert page.soup.html["lang"] == "nl" and page.soup.find("title").get_text().strip()
        assert RELOAD_SCRIPT in [tag.get("src") for tag in page.soup.find_all("script")]
        # Every address, not only pages: the same list.
        for path in ("", "kennissessies/", "assets/portal/portal.css", "bestaat/niet/"):
            other = preview.get(path)
            assert other.status == 503 and listed_problems(other) == listed_problems(page), path
        # The terminal says the same, in the same words as `portal check`.
        assert f"{where}: {errors[where]}" in preview.lines

        session.write_text(good_session, encoding="utf-8")
        _assert_is_the_portal(preview.wait_for_site())
        assert any(line.startswith("Opgelost: ") for line in preview.lines)

        # A page with a broken link and a block that does not exist.
        page_file = project_copy / PAGE
        good_page = page_file.read_text(encoding="utf-8")
        page_file.write_text(good_page + "\n<!-- portal: kalendr -->\n\nZie [de folder](folder-bestaat-niet.md).\n",
                             encoding="utf-8")
        page = preview.wait_for_problems("voor-ondernemers/")
        errors = _assert_lists_what_check_says(page, project_copy)
        lines = len(good_page.splitlines())
        assert f"{PAGE}:{lines + 2}:1" in errors and "onbekend blok" in errors[f"{PAGE}:{lines + 2}:1"]
        assert any(w.startswith(f"{PAGE}:{lines + 4}:") and "folder-bestaat-niet.md" in s for w, s in errors.items())

        page_file.write_text(good_page, encoding="utf-8")
        _assert_is_the_portal(preview.wait_for_site())

        # Nothing outside the built site is served, however the address is written.
        for path in ("/../mkdocs.yml", "/%2e%2e/%2e%2e/etc/hostname", "/..%2fmkdocs.yml", "/%00"):
            connection = http.client.HTTPConnection(preview.url.removeprefix("http://").rstrip("/"), timeout=20)
            connection.request("GET", path)
            response = connection.getresponse()
            assert response.status == 404, path
            connection.close()


def test_a_preview_started_with_a_privacy_finding_shows_it(project_copy: Path) -> None:
    page_file = project_copy / PAGE
    good_page = page_file.read_text(encoding="utf-8")
    page_file.write_text(good_page + "\nMail jan.jansen@gmail.com voor info.\n", encoding="utf-8")
    with running_preview(project_copy) as preview:
        page = preview.wait_for_problems()
        errors = _assert_lists_what_check_says(page, project_copy)
        assert any(where.startswith(f"{PAGE}:") and "e-mailadres" in sentence for where, sentence in errors.items())
        # The address is said once, and only once it answers.
        assert sum(line.startswith("Het portaal draait op ") for line in preview.lines) == 1

        page_file.write_text(good_page, encoding="utf-8")
        _assert_is_the_portal(preview.wait_for_site())


def test_what_only_the_build_finds_is_shown_with_a_dutch_lead(project_copy: Path) -> None:
    # A link to a heading that does not exist: MkDocs finds it, in English, while building.
    page_file = project_copy / PAGE
    good_page = page_file.read_text(encoding="utf-8")
    page_file.write_text(good_page + "\nZie [het meldpunt](meldpunt.md#bestaat-niet).\n", encoding="utf-8")
    assert _errors_of(project_copy) == {}, "portal check found this too: the test needs another problem"
    with running_preview(project_copy) as preview:
        page = preview.wait_for(
            "meldpunt/", lambda p: p.status == 503 and p.soup.find("h2") is not None, "build messages")
        assert is_problems_page(page)
        headings = [h.get_text(strip=True) for h in page.soup.find_all("h2")]
        assert "Meldingen van het bouwprogramma" in headings
        messages = [samp.get_text() for samp in page.soup.select("main li samp")]
        assert any("bestaat-niet" in message and "voor-ondernemers.md" in message for message in messages), messages
        assert all(samp["lang"] == "en" for samp in page.soup.select("main li samp"))
        assert any(line.startswith("Het bouwen van de site stopte bij deze meldingen") for line in preview.lines)


def test_the_preview_says_when_its_address_is_taken(project_copy: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        address = "127.0.0.1:%d" % busy.getsockname()[1]
        result = run_portal("--root", str(project_copy), "preview", "--address", address, cwd=project_copy)
    assert result.returncode == 2
    assert f"Er draait al iets op {address}" in result.stderr


def test_the_preview_is_only_for_this_computer(project_copy: Path) -> None:
    result = run_portal("--root", str(project_copy), "preview", "--address", "0.0.0.0:8000", cwd=project_copy)
    assert result.returncode == 2
    assert "geen adres op deze computer" in result.stderr



def test_a_broken_mkdocs_yml_is_shown_and_its_fix_seen(project_copy: Path) -> None:
    config = project_copy / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good + "site_name: [\n", encoding="utf-8")
    with running_preview(project_copy) as preview:
        page = preview.wait_for_problems()
        errors = _assert_lists_what_check_says(page, project_copy)
        assert all(where.startswith("mkdocs.yml:") for where in errors)
        config.write_text(good, encoding="utf-8")
        _assert_is_the_portal(preview.wait_for_site())


def test_the_site_root_is_watched_without_the_folders_below_it(tmp_path: Path) -> None:
    """mkdocs.yml is watched through the root alone: recursively, the root would bring .venv/ and
    node_modules/ (thousands of folders) into the system's queue of notices, which overflows and
    makes watchdog read every folder again, without end (found from a fresh clone)."""
    from arbeidsmigranten_portaal.preview import _watches

    (tmp_path / "content").mkdir()
    (tmp_path / "sessions").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    watches = _watches([tmp_path / "mkdocs.yml", tmp_path / "content", tmp_path / "sessions"])
    assert watches == [(tmp_path, False), (tmp_path / "content", True), (tmp_path / "sessions", True)]


def test_a_save_is_told_and_reading_files_is_not(tmp_path: Path) -> None:
    import threading
    import time

    from arbeidsmigranten_portaal.preview import _observe

    folder = tmp_path / "sessions"
    folder.mkdir()
    record = folder / "a.yml"
    record.write_text("title: a\n", encoding="utf-8")
    told = threading.Event()
    observer = _observe([(folder, True)], told)
    assert observer is not None
    try:
        time.sleep(0.3)
        told.clear()
        for _ in range(50):
            record.read_text(encoding="utf-8")
        assert not told.wait(0.5)
        record.write_text("title: b\n", encoding="utf-8")
        assert told.wait(5)
    finally:
        observer.stop()
