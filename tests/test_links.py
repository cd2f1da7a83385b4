"""The link check against a real HTTP server on 127.0.0.1 that misbehaves in every usual way."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import REPO, with_strings
from portal.checks.links import LinkChecker, LinkCheckSettings, LinkRef, link_problems

FAST = LinkCheckSettings(workers=4, timeout=1.0, total=4.0, retries=2, backoff=0.05, max_retry_after=0.2)


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}
    release = threading.Event()

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def _answer(self, with_body: bool) -> None:
        path = self.path.split("?")[0]
        Handler.hits[path] = Handler.hits.get(path, 0) + 1
        if path == "/ok":
            self._send(200, with_body)
        elif path == "/missing":
            self._send(404, with_body)
        elif path == "/error":
            self._send(500, with_body)
        elif path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/ok")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/redirect-dead":
            self.send_response(301)
            self.send_header("Location", "/missing")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/slow":
            time.sleep(0.4)
            self._send(200, with_body)
        elif path == "/never":
            Handler.release.wait(30)  # answers nothing until the test ends
        elif path == "/busy-then-ok":
            if Handler.hits[path] == 1:
                self.send_response(429)
                self.send_header("Retry-After", "0")
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self._send(200, with_body)
        elif path == "/always-busy":
            self.send_response(503)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/no-head":
            self._send(405 if self.command == "HEAD" else 200, with_body)
        else:
            self._send(404, with_body)

    def _send(self, status: int, with_body: bool) -> None:
        body = b"<p>hallo</p>"
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def do_GET(self) -> None:
        self._answer(with_body=True)


@pytest.fixture
def server():
    Handler.hits = {}
    Handler.release.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    Handler.release.set()
    httpd.shutdown()
    httpd.server_close()


def test_every_kind_of_answer_is_reported_right_within_the_bounds(server: str, tmp_path: Path) -> None:
    paths = ["/ok", "/missing", "/error", "/redirect", "/redirect-dead", "/slow", "/never", "/busy-then-ok",
             "/always-busy", "/no-head"]
    checker = LinkChecker(FAST, cache_file=tmp_path / "cache.json")
    started = time.monotonic()
    results = checker.check(server + p for p in paths)
    elapsed = time.monotonic() - started
    assert elapsed < FAST.total + 1.5, "the whole run must end within its bound"

    outcome = {url.removeprefix(server): (r.ok, r.status, r.checked) for url, r in results.items()}
    assert outcome == {
        "/ok": (True, 200, True),
        "/missing": (False, 404, True),
        "/error": (False, 500, True),
        "/redirect": (True, 200, True),
        "/redirect-dead": (False, 404, True),
        "/slow": (True, 200, True),
        "/never": (False, None, True),
        "/busy-then-ok": (True, 200, True),
        "/always-busy": (False, 503, False),
        "/no-head": (True, 200, True),
    }
    assert "reageert niet" in results[server + "/never"].reason
    assert Handler.hits["/busy-then-ok"] == 2, "429 is retried"
    assert Handler.hits["/always-busy"] == FAST.retries + 1, "503 is retried, then given up"
    assert Handler.hits["/no-head"] == 2, "HEAD refused, then GET"


def test_the_whole_run_is_bounded_even_when_many_servers_never_answer(server: str) -> None:
    settings = LinkCheckSettings(workers=2, timeout=5.0, total=1.5, retries=0)
    started = time.monotonic()
    results = LinkChecker(settings).check(f"{server}/never?{i}" for i in range(6))
    assert time.monotonic() - started < settings.total + 1.5
    assert all(not r.ok for r in results.values())
    assert any(not r.checked and "tijd" in r.reason for r in results.values())


def test_a_repeated_run_is_served_from_the_cache(server: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache.json"
    urls = [f"{server}/ok", f"{server}/missing"]
    LinkChecker(FAST, cache_file=cache).check(urls)
    assert Handler.hits == {"/ok": 1, "/missing": 2}
    again = LinkChecker(FAST, cache_file=cache).check(urls)
    assert Handler.hits == {"/ok": 1, "/missing": 4}, "good links come from the cache, dead ones are asked again"
    assert again[f"{server}/ok"].ok and again[f"{server}/ok"].reason == "uit de cache"
    later = LinkChecker(FAST, cache_file=cache, wall=lambda: time.time() + 2 * 86400).check(urls)
    assert Handler.hits["/ok"] == 2, "a cached answer older than a day is asked again"
    assert later[f"{server}/ok"].ok


def test_dead_registration_links_are_errors_and_other_dead_links_warnings() -> None:
    from portal.checks.links import LinkResult

    refs = [
        LinkRef("https://a.test/form", "sessions/x.yml", 12, 10, registration=True),
        LinkRef("https://a.test/form", "content/x.md", 3, 5),
        LinkRef("https://b.test/", "content/y.md", 1, 1),
    ]
    results = {
        "https://a.test/form": LinkResult("https://a.test/form", False, 404, "deze pagina bestaat niet (meer) (404)"),
        "https://b.test/": LinkResult("https://b.test/", True, 200),
    }
    problems = link_problems(refs, results)
    assert [(p.path, p.severity) for p in problems] == [("sessions/x.yml", "error"), ("content/x.md", "warning")]
    assert problems[0].as_line().startswith("sessions/x.yml:12:10: aanmeldlink werkt niet: deze pagina bestaat niet")


def test_portal_check_links_on_a_site(server: str, tmp_path: Path) -> None:
    """End to end through the command: a dead form fails the check, a dead page link only warns."""
    site = with_strings(Path(shutil.copytree(REPO / "tests" / "sites" / "calendar", tmp_path / "site")))
    (site / "content" / "verslag.md").write_text(
        f"# Verslag\n\n[werkt]({server}/ok) en [kapot]({server}/missing) en [voorbeeld](https://x.example/)\n",
        encoding="utf-8",
    )
    for session in (site / "sessions").glob("*.yml"):
        text = session.read_text(encoding="utf-8").replace("https://formulier.test.invalid/open", f"{server}/ok")
        session.write_text(text, encoding="utf-8")
    open_session = site / "sessions" / "2027-02-open.yml"
    open_session.write_text(
        open_session.read_text(encoding="utf-8").replace(f"url: {server}/ok", "url: https://127.0.0.1:1/dicht"),
        encoding="utf-8",
    )
    (site / "site_config" / "privacy.yml").write_text("email_domains: [test.invalid]\n", encoding="utf-8")
    env = {"PORTAL_LINK_CACHE": str(tmp_path / "cache.json"), "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "portal.cli", "--root", str(site), "check", "--links", "--link-timeout", "2", "--link-total", "10"]
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("sessions/2027-02-open.yml:17:10: aanmeldlink werkt niet:") for line in lines), lines
    assert any(line.startswith("content/verslag.md:3:") and "waarschuwing: link werkt niet" in line for line in lines), lines
    assert not any("/ok" in line or "x.example" in line for line in lines)
