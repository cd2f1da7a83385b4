"""Screenshots of the editor (/admin/) for CONTRIBUTING.md, "Werken in de editor".

    .venv/bin/python scripts/editor_screenshots.py [folder]     (default: docs/img)

Builds a copy of this site into a temporary Git repository, starts decap-server there (as
`python3 dev.py editor` does) and photographs the screens an editor goes through, at desktop
width and one at phone width. Needs `python3 dev.py test` to have run once (npm tools, Chromium).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from browser_tools import CHROMIUM_ARGS, find_chromium  # noqa: E402
from static_server import serve  # noqa: E402

SOURCES = ("mkdocs.yml", "content", "site_config", "partners", "sessions", "actions", "schemas")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> int:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "img"
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        repo, site = Path(tmp) / "repo", Path(tmp) / "site"
        repo.mkdir()
        for name in SOURCES:
            source = ROOT / name
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, repo / name)
        port = free_port()
        config = repo / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "      calendar_languages:", f"      editor_port: {port}\n      pdfs: false\n      calendar_languages:", 1),
            encoding="utf-8")
        git = ["git", "-c", "user.name=Voorbeeld", "-c", "user.email=voorbeeld@example.nl"]
        subprocess.run([*git, "init", "-q", "-b", "main"], cwd=repo, check=True)
        subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
        subprocess.run([*git, "commit", "-qm", "Begin"], cwd=repo, check=True)
        subprocess.run([*git, "config", "user.name", "Redactie"], cwd=repo, check=True)
        subprocess.run([*git, "config", "user.email", "redactie@example.nl"], cwd=repo, check=True)
        env = dict(os.environ, PORTAL_NOW="2026-12-07 12:00", NO_MKDOCS_2_WARNING="1")
        subprocess.run([sys.executable, "-P", "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=repo, env=env, check=True)
        node = Path(sys.executable).parent / "node"
        server = subprocess.Popen(
            [str(node), str(ROOT / "node_modules" / "decap-server" / "dist" / "index.js")],
            env=dict(os.environ, MODE="git", GIT_REPO_DIRECTORY=str(repo), PORT=str(port), BIND_HOST="127.0.0.1",
                     LOG_LEVEL="warn"), start_new_session=True)  # `node` may be a launcher: stop the whole group
        time.sleep(2)
        try:
            with serve(site) as url, sync_playwright() as playwright:
                # --lang: the date fields show dd-mm-jjjj, as in a Dutch browser.
                browser = playwright.chromium.launch(executable_path=find_chromium(), args=[*CHROMIUM_ARGS, "--lang=nl-NL"])
                page = browser.new_page(locale="nl-NL", viewport={"width": 1280, "height": 860})
                page.on("dialog", lambda dialog: dialog.accept())
                page.goto(url + "admin/")
                page.get_by_role("button", name="Inloggen").wait_for()
                page.screenshot(path=str(target / "editor-inloggen.png"))
                page.get_by_role("button", name="Inloggen").click()
                page.get_by_role("link", name="Kennissessies").first.wait_for()
                page.goto(url + "admin/#/collections/sessions")
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(target / "editor-kennissessies.png"))
                page.goto(url + "admin/#/collections/sessions/new")
                page.get_by_label("Titel", exact=True).first.fill("Voorbeeld: huisvesting op het erf")
                page.get_by_label("Begin", exact=True).fill("2027-03-11T19:30")
                page.get_by_label("Einde", exact=True).fill("2027-03-11T21:30")
                page.get_by_label("Naam van de plek").fill("Gemeentehuis")
                page.get_by_label("Adres (optioneel)").fill("Voorbeeldstraat 1, Dalfsen")
                page.screenshot(path=str(target / "editor-nieuwe-sessie.png"))
                page.get_by_label("Doelgroepen").click()
                page.get_by_text("Ondernemers", exact=True).click()
                page.get_by_label("Samenvatting", exact=True).first.fill("Een verzonnen sessie, als voorbeeld.")
                page.get_by_label("Voorbeeld (verzonnen) (optioneel)").click()
                page.get_by_role("button", name="Opslaan").click()
                page.get_by_text("Item opgeslagen", exact=True).wait_for()
                page.wait_for_timeout(4000)  # the notice fades
                page.screenshot(path=str(target / "editor-opgeslagen.png"))
                page.goto(url + "admin/#/workflow")
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(target / "editor-werkstroom.png"))
                phone = browser.new_page(locale="nl-NL", viewport={"width": 375, "height": 740})
                phone.goto(url + "admin/")
                phone.get_by_role("button", name="Inloggen").click()
                phone.get_by_role("link", name="Kennissessies").first.wait_for()
                phone.goto(url + "admin/#/collections/sessions")
                phone.wait_for_load_state("networkidle")
                phone.wait_for_timeout(1500)
                phone.screenshot(path=str(target / "editor-telefoon.png"))
                browser.close()
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)
    print(f"geschreven: {target}/editor-*.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
