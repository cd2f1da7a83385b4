"""The editor at /admin/ in a real browser: Decap CMS from the built site, saving through
decap-server (its git mode) into a temporary Git repository, as the team's editor saves to GitHub.

Each save is a branch cms/<collection>/<name> (the editorial workflow: on GitHub, a pull
request); the test checks out each branch and runs `portal check` on it, as the pull request's
check would. The browser may ask nothing of any host but 127.0.0.1. axe looks at the editor's
main screens; what it finds inside Decap CMS itself, which the portal cannot change, is listed in
DECAP_VIOLATIONS with the reason, and anything else fails.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import expect

from browser import WCAG_TAGS, describe, run_axe, serve
from conftest import REPO, build_site, copy_project, run_portal, tool

DECAP_SERVER = REPO / "node_modules" / "decap-server" / "dist" / "index.js"
# Violations axe finds in Decap CMS's own interface (its React components and styles, in the
# vendored bundle): rule id -> why the portal leaves it. Reported to the team in docs/editor.md.
DECAP_VIOLATIONS: dict[str, str] = {}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.nl",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.nl"}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


@contextlib.contextmanager
def _decap_server(repo: Path, port: int) -> Iterator[None]:
    assert DECAP_SERVER.is_file(), "decap-server ontbreekt; `python3 dev.py test` installeert het (npm ci)"
    env = {**os.environ, "MODE": "git", "GIT_REPO_DIRECTORY": str(repo), "PORT": str(port),
           "BIND_HOST": "127.0.0.1", "LOG_LEVEL": "warn"}
    # A group of its own: `node` here may be a small launcher, and stopping only the launcher
    # would leave decap-server running.
    process = subprocess.Popen([tool("node"), str(DECAP_SERVER)], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert process.poll() is None, process.stdout.read().decode(errors="replace")
            assert time.monotonic() < deadline, "decap-server start niet"
            time.sleep(0.1)
        yield
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """(the address of /admin/, the Git repository it saves into)."""
    repo = copy_project(tmp_path_factory.mktemp("editor") / "repo")
    port = _free_port()
    config_path = repo / "mkdocs.yml"
    text = config_path.read_text(encoding="utf-8")
    # The site's own configuration, with decap-server's port for this test (and no PDFs: not needed here).
    assert "      calendar_languages:" in text
    text = text.replace("      calendar_languages:", f"      editor_port: {port}\n      pdfs: false\n      calendar_languages:", 1)
    config_path.write_text(text, encoding="utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Begin")
    site = tmp_path_factory.mktemp("editor-site") / "site"
    result = build_site(repo, site)
    assert result.exit_code == 0, result.output
    with _decap_server(repo, port), serve(site) as url:
        yield url + "admin/", repo


@pytest.fixture(scope="module")
def page(chromium, editor):
    context = chromium.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.requests = []
    # Leaving a form with unsaved changes asks first; the test leaves it.
    tab.on("dialog", lambda dialog: dialog.accept())
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.goto(editor[0])
    tab.get_by_role("button", name="Inloggen").click()
    tab.get_by_role("link", name="Kennissessies").first.wait_for()
    yield tab
    context.close()


def _unexplained_violations(page) -> list[dict]:
    """axe's WCAG A/AA violations on the screen as it is, without those DECAP_VIOLATIONS explains."""
    return [v for v in run_axe(page, WCAG_TAGS) if v["id"] not in DECAP_VIOLATIONS]


def _save(page) -> None:
    saved = page.get_by_text("Item opgeslagen", exact=True)
    # The notice of an earlier save may still show; this save's notice is the next one.
    saved.wait_for(state="hidden")
    page.get_by_role("button", name="Opslaan").click()
    try:
        saved.wait_for()
    except Exception:
        page.screenshot(path=str(Path(os.environ.get("PORTAL_FAILED_SHOT", "/tmp")) / "editor-save-failed.png"), full_page=True)
        raise


def _branch_file(repo: Path, branch: str, path: str) -> str:
    return _git(repo, "show", f"{branch}:{path}")


def _check_branch(repo: Path, branch: str, tmp_path: Path) -> subprocess.CompletedProcess:
    worktree = tmp_path / branch.replace("/", "-")
    # Detached: decap-server may have the branch itself checked out in the repository right now.
    _git(repo, "worktree", "add", "-q", "--detach", str(worktree), branch)
    return run_portal("check", cwd=worktree)


def test_a_partner_made_in_the_form_is_a_branch_that_passes_the_check(page, editor, tmp_path: Path) -> None:
    url, repo = editor
    page.goto(url + "#/collections/partners/new")
    page.get_by_label("Naam", exact=True).fill("Voorbeeld Uitzendbureau Vechtdal")
    page.get_by_label("Soort organisatie").click()
    page.get_by_text("Uitzendbureau", exact=True).click()
    page.get_by_label("Beschrijving", exact=True).first.fill(
        "Een verzonnen uitzendbureau voor deze test. Het doet mee aan de alliantie: \"ja\".")
    page.get_by_label("Website (optioneel)").fill("https://www.example.nl/")
    page.get_by_label("Partner sinds (optioneel)").fill("2025")
    page.get_by_label("Voorbeeld (verzonnen) (optioneel)").click()
    _save(page)
    branch = "cms/partners/voorbeeld-uitzendbureau-vechtdal"
    assert branch in _git(repo, "branch", "--list", "cms/*")
    written = _branch_file(repo, branch, "partners/voorbeeld-uitzendbureau-vechtdal.yml")
    data = yaml.safe_load(written)
    assert data == {"name": "Voorbeeld Uitzendbureau Vechtdal", "kind": "uitzendbureau",
                    "description": "Een verzonnen uitzendbureau voor deze test. Het doet mee aan de alliantie: \"ja\".",
                    "website": "https://www.example.nl/", "since": 2025, "example": True}
    checked = _check_branch(repo, branch, tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_session_made_in_the_form_is_a_branch_that_passes_the_check(page, editor, tmp_path: Path) -> None:
    url, repo = editor
    page.goto(url + "#/collections/sessions/new")
    page.get_by_label("Titel", exact=True).first.fill("Voorbeeld: huisvesting op het erf")
    page.get_by_label("Begin", exact=True).fill("2027-03-11T19:30")
    page.get_by_label("Einde", exact=True).fill("2027-03-11T21:30")
    page.get_by_label("Naam van de plek").fill("Gemeentehuis")
    page.get_by_label("Adres (optioneel)").fill("Voorbeeldstraat 1, Dalfsen")
    page.get_by_label("Doelgroepen").click()
    page.get_by_text("Ondernemers", exact=True).click()
    page.get_by_label("Samenvatting", exact=True).first.fill("Een verzonnen sessie.\n\nMet een tweede alinea.")
    page.get_by_role("button", name="Voeg programma toe").click()
    page.get_by_label("Tijd", exact=True).fill("19:30")
    page.get_by_label("Onderdeel", exact=True).fill("Welkom")
    page.get_by_label("Sprekers (optioneel)").click()
    page.get_by_text("Gemeente Dalfsen", exact=True).first.click()
    page.get_by_label("Aanmeldlink (optioneel)").first.fill("https://formulieren.example.nl/erf")
    page.get_by_label("Aanmelden kan tot (optioneel)").first.fill("2027-03-04")
    page.get_by_label("Voorbeeld (verzonnen) (optioneel)").click()
    _save(page)
    branch = "cms/sessions/voorbeeld-huisvesting-op-het-erf"
    assert branch in _git(repo, "branch", "--list", "cms/*")
    written = _branch_file(repo, branch, "sessions/voorbeeld-huisvesting-op-het-erf.yml")
    # As the portal asks: the time between quotes, the moments in its own form, no empty fields.
    assert '  - time: "19:30"\n' in written
    assert "start: 2027-03-11 19:30\n" in written and "end: 2027-03-11 21:30\n" in written
    assert '""' not in written and "null" not in written
    data = yaml.safe_load(written)
    assert data["speakers"] == ["gemeente-dalfsen"]
    assert data["registration"] == {"ondernemers": {"url": "https://formulieren.example.nl/erf",
                                                    "deadline": dt.date(2027, 3, 4)}}
    assert data["example"] is True
    checked = _check_branch(repo, branch, tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # The saved entry's screen, with the workflow's status and publish buttons.
    page.wait_for_timeout(4000)  # the "saved" notice fades
    found = _unexplained_violations(page)
    assert found == [], describe(found)
    # The branch holds this one file: the rest of the site is as it was.
    changed = _git(repo, "diff", "--name-only", "main", branch).split()
    assert changed == ["sessions/voorbeeld-huisvesting-op-het-erf.yml"]


def test_editing_a_page_changes_only_what_was_edited(page, editor) -> None:
    url, repo = editor
    page.goto(url + "#/collections/pages/entries/privacy")
    page.reload()  # a fresh start: Decap keeps the previous entry's form while the next one loads
    field = page.get_by_label("Korte beschrijving (optioneel)")
    expect(field).not_to_have_value("", timeout=30_000)  # the page's own front matter, read into the form
    before = field.input_value()
    field.fill(before + " Gewijzigd in de editor.")
    _save(page)
    branch = "cms/pages/privacy"
    diff = _git(repo, "diff", "--unified=0", "main", branch, "--", "content/privacy.md")
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == [f"-description: {before}", f"+description: {before} Gewijzigd in de editor."], diff
    assert _git(repo, "diff", "--name-only", "main", branch).split() == ["content/privacy.md"]


def test_the_editor_asks_nothing_of_other_hosts(page, editor) -> None:
    page.goto(editor[0] + "#/workflow")
    page.get_by_text("Redactionele Workflow").wait_for()
    page.wait_for_timeout(2000)
    hosts = {urlsplit(url).hostname for url in page.requests if not url.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}


@pytest.mark.parametrize("screen, shown", [
    ("#/collections/sessions", "2023-11-16 19:30"),
    ("#/collections/sessions/new", "Aanmelding voor ondernemers"),
    ("#/collections/partners/new", "Soort organisatie"),
    ("#/collections/news/new", "Categorieën"),
    ("#/collections/pages/entries/meldpunt", "Nagekeken op"),
    ("#/workflow", "Redactionele Workflow"),
])
def test_the_editors_main_screens_pass_axe(page, editor, screen: str, shown: str) -> None:
    page.goto(editor[0] + screen)
    page.get_by_text(shown).first.wait_for()
    page.wait_for_timeout(1000)  # Decap fills in the rest of the screen
    unexplained = _unexplained_violations(page)
    assert unexplained == [], describe(unexplained)


def test_the_sign_in_screen_passes_axe(chromium, editor) -> None:
    context = chromium.new_context(locale="nl-NL")
    tab = context.new_page()
    tab.goto(editor[0])
    tab.get_by_role("button", name="Inloggen").wait_for()
    unexplained = _unexplained_violations(tab)
    context.close()
    assert unexplained == [], describe(unexplained)


def test_with_a_sign_in_service_the_editor_offers_github_and_asks_nothing_yet(chromium, tmp_path: Path) -> None:
    """The configuration for the real site (GitHub through the municipality's sign-in service) is
    one Decap accepts: it offers to sign in with GitHub, and before anyone does, it asks nothing of
    any other host. (Signing in itself needs GitHub: docs/editor.md says how it is set up.)"""
    repo = copy_project(tmp_path / "repo")
    settings = repo / "site_config" / "editor.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "# auth_url: https://inloggen.voorbeeld.nl", "auth_url: https://inloggen.example.nl"), encoding="utf-8")
    config_path = repo / "mkdocs.yml"
    config_path.write_text(config_path.read_text(encoding="utf-8").replace(
        "      calendar_languages:", f"      editor_port: {_free_port()}\n      pdfs: false\n      calendar_languages:", 1),
        encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(repo, site)
    assert result.exit_code == 0, result.output
    config = yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["name"] == "github" and config["backend"]["base_url"] == "https://inloggen.example.nl"
    context = chromium.new_context(locale="nl-NL")
    tab = context.new_page()
    asked: list[str] = []
    tab.on("request", lambda request: asked.append(request.url))
    with serve(site) as url:
        tab.goto(url + "admin/")
        tab.get_by_role("button", name="Inloggen met GitHub").wait_for()
        tab.wait_for_timeout(1000)
    context.close()
    assert {urlsplit(u).hostname for u in asked if not u.startswith(("data:", "blob:"))} == {"127.0.0.1"}


def test_decap_server_is_stopped_with_its_launcher(tmp_path: Path) -> None:
    """No test leaves a decap-server behind, still switching branches in a folder."""
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "commit", "-q", "--allow-empty", "-m", "Begin")
    port = _free_port()
    with _decap_server(repo, port):
        pass
    deadline = time.monotonic() + 10
    while True:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                break
        assert time.monotonic() < deadline, "decap-server luistert nog"
        time.sleep(0.2)
