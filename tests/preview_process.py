"""Helpers for the preview's tests: `portal preview` as `python3 dev.py serve` starts it, on a
copy of the site, on a free port of 127.0.0.1, with the tests' clock."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import TEST_NOW, run_portal

# Only guards against a preview that never answers; no test measures how fast it is.
PATIENCE = 300
REQUEST_TIMEOUT = 20  # one request: a preview that hangs fails here
_CHECK_LINE = re.compile(r"^(?P<where>[^\s:][^:]*:\d+:\d+): (?P<sentence>.+)$")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Page:
    status: int
    soup: BeautifulSoup


@dataclass
class RunningPreview:
    url: str
    process: subprocess.Popen
    lines: list[str] = field(default_factory=list)

    def get(self, path: str) -> Page:
        """One request; it must be answered (a preview that hangs fails the test here)."""
        try:
            with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=REQUEST_TIMEOUT) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        return Page(status, BeautifulSoup(body.decode("utf-8"), "html.parser"))

    def wait_for(self, path: str, wanted: Callable[[Page], bool], what: str) -> Page:
        deadline = time.monotonic() + PATIENCE
        while True:
            page = self.get(path)
            if wanted(page):
                return page
            assert self.process.poll() is None, "the preview stopped:\n" + self.output()
            assert time.monotonic() < deadline, f"no {what} at {path}; the preview said:\n{self.output()}"
            time.sleep(0.3)

    def wait_for_site(self, path: str = "meldpunt/") -> Page:
        return self.wait_for(path, lambda page: page.status == 200, "site")

    def wait_for_problems(self, path: str = "meldpunt/") -> Page:
        return self.wait_for(path, lambda page: page.status == 503 and is_problems_page(page), "problems page")

    def output(self) -> str:
        return "\n".join(self.lines)


def is_problems_page(page: Page) -> bool:
    heading = page.soup.find("h1")
    return heading is not None and heading.get_text(strip=True) == "De site kan nog niet worden getoond"


def listed_problems(page: Page) -> dict[str, str]:
    """The problems page's items: {"path:line:col": sentence}."""
    items = {}
    for item in page.soup.select("main li"):
        where = item.find("code")
        if where is not None:
            items[where.get_text()] = item.get_text().removeprefix(where.get_text() + ": ")
    return items


def check_lines(project: Path) -> dict[str, str]:
    """What `portal check` prints for the site: {"path:line:col": sentence}."""
    result = run_portal("check", cwd=project)
    found = {}
    for line in result.stdout.splitlines():
        match = _CHECK_LINE.match(line)
        if match:
            found[match["where"]] = match["sentence"]
    return found


@contextlib.contextmanager
def running_preview(project: Path, *, wait_until_listening: bool = True) -> Iterator[RunningPreview]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    env.setdefault("PORTAL_NOW", TEST_NOW)
    process = subprocess.Popen(
        [sys.executable, "-m", "arbeidsmigranten_portaal.cli", "--root", str(project), "preview", "--address", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    preview = RunningPreview(f"http://127.0.0.1:{port}/", process)

    def read() -> None:
        for line in process.stdout:
            preview.lines.append(line.rstrip("\n"))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        if wait_until_listening:
            deadline = time.monotonic() + PATIENCE
            while not any(line.startswith("Het portaal draait op ") for line in preview.lines):
                assert process.poll() is None, "the preview stopped:\n" + preview.output()
                assert time.monotonic() < deadline, "the preview never said it was running:\n" + preview.output()
                time.sleep(0.1)
        yield preview
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
        reader.join(timeout=10)


def replace_in(path: Path, old: str, new: str) -> str:
    """Change a file as an editor saves it; returns what it held."""
    before = path.read_text(encoding="utf-8")
    assert old in before, f"{old!r} is not in {path}"
    path.write_text(before.replace(old, new, 1), encoding="utf-8")
    return before
