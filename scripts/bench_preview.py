"""The live preview's speed as an editor feels it: from saving a file to the served page changing.

Starts `portal preview` on a free loopback port in a copy of the site, waits for the first build,
then saves a session file and a content page in turn, each time with a new sentence, and polls
the page's address until the sentence is there.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

POLL = 0.02
FIRST_BUILD_LIMIT = 900.0
CHANGE_LIMIT = 120.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def wait_for(url: str, wanted: str, limit: float) -> float:
    """Seconds until the page at `url` is served (200) and holds `wanted`."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        status, body = fetch(url)
        if status == 200 and wanted in body:
            return time.perf_counter() - started
        time.sleep(POLL)
    raise SystemExit(f"the preview did not show {wanted!r} at {url} within {limit:.0f} s")


def _save(path: Path, text: str) -> None:
    """Write like an editor's save: a new file moved over the old one."""
    temporary = path.with_name(path.name + ".bench-new")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def measure_preview(python: str, folder: Path, *, saves: int, now: str) -> dict[str, list[float]]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, PORTAL_NOW=now, NO_MKDOCS_2_WARNING="1", SITE_URL="https://benchmark.test.invalid/")
    log = open(folder.parent / "preview.log", "wb")
    process = subprocess.Popen([python, "-m", "arbeidsmigranten_portaal.cli", "preview", "--address", f"127.0.0.1:{port}"],
                               cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)
    session = sorted((folder / "sessions").glob("*.yml"))[-1]
    page = folder / "content" / "voor-ondernemers.md"
    session_url = f"{base}/kennissessies/{session.stem}/"
    page_url = f"{base}/voor-ondernemers/"
    figures: dict[str, list[float]] = {"session file": [], "content page": []}
    try:
        wait_for(page_url, "</html>", FIRST_BUILD_LIMIT)
        session_text = session.read_text(encoding="utf-8")
        page_text = page.read_text(encoding="utf-8")
        for number in range(saves):
            marker = f"Bewerkt {number} {time.time_ns()}"
            changed = re.sub(r"^title: .*$", f"title: {marker}", session_text, count=1, flags=re.MULTILINE)
            _save(session, changed)
            figures["session file"].append(wait_for(session_url, marker, CHANGE_LIMIT))
            marker = f"Zin {number} {time.time_ns()}"
            _save(page, page_text.rstrip("\n") + f"\n\n{marker}\n")
            figures["content page"].append(wait_for(page_url, marker, CHANGE_LIMIT))
            time.sleep(0.5)  # as an editor does: read, then save again
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
    return figures
