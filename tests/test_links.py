"""The link check against real HTTP servers on 127.0.0.1: one that misbehaves in every usual way,
and hostile ones (tests/hostile_servers.py) that try to hold the check past its bound or fill memory."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import threading
import time
import tracemalloc
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import REPO, run_portal
from hostile_servers import HostileServer
from arbeidsmigranten_portaal.checks.links import LinkChecker, LinkCheckSettings, LinkRef, link_problems

# The tests' servers listen on 127.0.0.1, which the check refuses unless told (private_hosts).
FAST = LinkCheckSettings(workers=4, timeout=1.0, total=4.0, retries=2, backoff=0.05, max_retry_after=0.2,
                         private_hosts=True)


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
    httpd.daemon_threads = False  # so that server_close() joins every request's thread
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    Handler.release.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)
    assert not thread.is_alive()


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
    settings = LinkCheckSettings(workers=2, timeout=5.0, total=1.5, retries=0, private_hosts=True)
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
    from arbeidsmigranten_portaal.checks.links import LinkResult

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
    site = Path(shutil.copytree(REPO / "tests" / "sites" / "calendar", tmp_path / "site"))
    (site / "content" / "verslag.md").write_text(
        f"---\nreviewed: 2026-12-01\n---\n# Verslag\n\n[werkt]({server}/ok) en [kapot]({server}/missing) en [voorbeeld](https://x.example/)\n",
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
    env = {"PORTAL_LINK_CACHE": str(tmp_path / "cache.json"), "PATH": "/usr/bin:/bin", "PORTAL_LINKS_PRIVATE_HOSTS": "1"}
    command = [sys.executable, "-m", "arbeidsmigranten_portaal.cli", "--root", str(site), "check", "--links", "--link-timeout", "2", "--link-total", "10"]
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    assert result.returncode == 1, result.stdout + result.stderr
    # The local test servers speak plain http, which the page check warns about: not this test's subject.
    lines = [line for line in result.stdout.splitlines() if "in plaats van http://" not in line]
    assert any(line.startswith("sessions/2027-02-open.yml:17:10: aanmeldlink werkt niet:") for line in lines), lines
    assert any(line.startswith("content/verslag.md:6:") and "waarschuwing: link werkt niet" in line for line in lines), lines
    assert not any("/ok" in line or "x.example" in line for line in lines)


# --- Hostile servers -------------------------------------------------------------------------------

# Wall-clock time is only ever an upper bound here, with a generous margin for a busy machine.
MARGIN = 5.0
TIME_UP = re.compile(r"^de tijd voor de linkcontrole \(\d+ seconden\) was op$")


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "127.1"])
def test_hosts_in_a_private_network_are_never_asked(server: str, host: str) -> None:
    """A link to the machine the check runs on (or its cloud's metadata service) is not a link of
    a public site, and asking it would let a pull request reach inside the runner's network."""
    port = server.rsplit(":", 1)[1]
    url = f"http://{host}:{port}/ok"
    settings = LinkCheckSettings(workers=1, timeout=2.0, total=5.0, retries=0)
    result = LinkChecker(settings).check([url])[url]
    assert not result.ok
    assert "eigen netwerk" in result.reason, result.reason
    assert Handler.hits == {}, "the server was never asked"
    # The same link with the tests' permission is asked and works: the refusal is about the address.
    allowed = LinkChecker(LinkCheckSettings(workers=1, timeout=2.0, total=5.0, retries=0, private_hosts=True))
    assert allowed.check([url])[url].ok


@pytest.fixture
def hostile():
    with HostileServer() as server:
        yield server
    assert server.alive_threads() == [], "every thread of the server stops at the end of the test"


def link_threads_end(within: float = 3.0) -> bool:
    """The check's workers stop soon after it returns: their requests were cut off, not abandoned."""
    end = time.monotonic() + within
    while time.monotonic() < end:
        if not [t for t in threading.enumerate() if t.name.startswith("linkcheck")]:
            return True
        time.sleep(0.05)
    return False


def test_no_server_can_hold_the_check_past_its_total(hostile: HostileServer) -> None:
    unfinished = ["/drip", "/continue-forever", "/slow-redirect/0", "/busy-forever", "/silent"]
    answered = {
        "/ok": (True, 200, ""),
        "/cookie": (True, 200, ""),
        "/missing": (False, 404, "deze pagina bestaat niet (meer) (404)"),
        "/reset": (False, None, "de server is niet bereikbaar of verbreekt de verbinding"),
        "/many-headers": (False, None, "de server is niet bereikbaar of verbreekt de verbinding"),
        "/redirect/0": (False, None, "de website stuurt meer dan 10 keer door"),
        "/loop-a": (False, 302, "de website stuurt steeds in een rondje door"),
        "/to-ftp": (False, 302, "de website stuurt door naar een adres dat geen webpagina is"),
        "/to-file": (False, 302, "de website stuurt door naar een adres dat geen webpagina is"),
        "/to-javascript": (False, 302, "de website stuurt door naar een adres dat geen webpagina is"),
        "/huge": (True, 200, ""),
        "/chunked": (True, 200, ""),
        "/drip-body": (True, 200, ""),
    }
    urls = [hostile.url + path for path in [*unfinished, *answered]] + [hostile.https_url + "/handdruk"]
    # A per-request timeout longer than the whole run: only the run's own deadline can end it.
    settings = LinkCheckSettings(timeout=30.0, total=3.0, max_retry_after=60.0, private_hosts=True)
    started = time.monotonic()
    results = LinkChecker(settings).check(urls)
    elapsed = time.monotonic() - started

    assert elapsed < settings.total + MARGIN
    for path in unfinished:
        result = results[hostile.url + path]
        assert (result.ok, result.checked, result.time_ran_out) == (False, False, True), path
        assert TIME_UP.match(result.reason), result.reason
    assert results[hostile.https_url + "/handdruk"].time_ran_out, "a TLS handshake that is never answered"
    for path, (ok, status, reason) in answered.items():
        result = results[hostile.url + path]
        assert (result.ok, result.status, result.reason, result.checked) == (ok, status, reason, True), path
    assert hostile.hits["/redirect/10"] == 1 and hostile.hits["/redirect/11"] == 0, "ten redirects, then no more"
    assert hostile.hits["/to-ftp"] == 1 and hostile.hits["/bestand"] == 0
    assert hostile.hits["/busy-forever"] == 1, "Retry-After: 3600 waits until the deadline, not an hour"
    assert link_threads_end()

    refs = [LinkRef(url, "content/vijandig.md", line, 4) for line, url in enumerate(urls, start=1)]
    lines = [problem.as_line() for problem in link_problems(refs, results)]
    for line, url in enumerate(urls, start=1):
        if results[url].time_ran_out:
            assert f"content/vijandig.md:{line}:4: waarschuwing: link is niet gecontroleerd, want de tijd voor de " \
                   f"linkcontrole (3 seconden) was op; controleer later opnieuw of geef de controle meer tijd met " \
                   f'--link-total (u schreef "{url}")' in lines
    assert sum("niet gecontroleerd" in line for line in lines) == len(unfinished) + 1


def test_every_request_has_a_wall_clock_deadline_of_its_own(hostile: HostileServer) -> None:
    """A byte a second, or an endless stream of "100 Continue", never trips a per-read timeout."""
    settings = LinkCheckSettings(timeout=1.5, total=60.0, private_hosts=True)
    started = time.monotonic()
    results = LinkChecker(settings).check([hostile.url + "/drip", hostile.url + "/continue-forever"])
    assert time.monotonic() - started < settings.timeout + MARGIN
    for result in results.values():
        assert (result.ok, result.checked, result.reason) == (False, True, "de server reageert niet binnen 1,5 seconden")
    assert link_threads_end()


def test_huge_and_endless_bodies_are_never_read(hostile: HostileServer) -> None:
    paths = ["/huge", "/huge-get", "/chunked", "/redirect-huge", "/drip-body"]
    tracemalloc.start()
    try:
        started = time.monotonic()
        settings = LinkCheckSettings(timeout=30.0, total=30.0, private_hosts=True)
        results = LinkChecker(settings).check(hostile.url + p for p in paths)
        elapsed = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert elapsed < MARGIN, "nothing waits for a body to end"
    assert peak < 8 * 2**20, f"memory peaked at {peak / 2**20:.1f} MiB"
    assert all(result.ok and result.status == 200 for result in results.values()), results
    # The check closed each connection with the body unread: the server's next write fails.
    end = time.monotonic() + 5
    while time.monotonic() < end and any(hostile.gone[p] < 1 for p in paths):
        time.sleep(0.05)
    assert {p: hostile.gone[p] >= 1 for p in paths} == dict.fromkeys(paths, True)
    assert max(hostile.sent[p] for p in paths) < 64 * 2**20, "what the kernel buffers, not a gigabyte"
    assert link_threads_end()


def test_at_most_eight_connections_at_once(hostile: HostileServer) -> None:
    urls = [f"{hostile.url}/silent?{number}" for number in range(20)]
    settings = LinkCheckSettings(timeout=30.0, total=2.0, private_hosts=True)
    started = time.monotonic()
    results = LinkChecker(settings).check(urls)
    assert time.monotonic() - started < settings.total + MARGIN
    assert hostile.max_active == 8 and hostile.hits["/silent"] == 8
    assert all(result.time_ran_out for result in results.values())
    assert link_threads_end()


def test_portal_check_links_ends_in_time_against_hostile_servers(hostile: HostileServer, tmp_path: Path) -> None:
    """Through the command: every link it could not finish is a warning at the place it is written."""
    site = Path(shutil.copytree(REPO / "tests" / "sites" / "calendar", tmp_path / "site"))
    links = {name: hostile.url + "/" + name for name in ("drip", "silent", "slow-redirect/0", "huge", "chunked", "ok", "loop-a")}
    line = " ".join(f"[{name}]({url})" for name, url in links.items())
    (site / "content" / "verslag.md").write_text(f"---\nreviewed: 2026-12-01\n---\n# Verslag\n\n{line}\n", encoding="utf-8")
    form = hostile.https_url + "/aanmelden"
    open_session = site / "sessions" / "2027-02-open.yml"
    open_session.write_text(
        open_session.read_text(encoding="utf-8").replace("https://formulier.test.invalid/open", form), encoding="utf-8"
    )
    (site / "site_config" / "privacy.yml").write_text("email_domains: [test.invalid]\n", encoding="utf-8")
    cache = tmp_path / "cache.json"

    started = time.monotonic()
    result = run_portal("--root", str(site), "check", "--links", "--link-timeout", "30", "--link-total", "3",
                        env={"PORTAL_LINK_CACHE": str(cache), "PORTAL_LINKS_PRIVATE_HOSTS": "1"})
    elapsed = time.monotonic() - started

    assert elapsed < 3 + 2 * MARGIN, "the command, its start and its loading included"
    assert result.returncode == 0, result.stdout + result.stderr  # only warnings
    assert "Traceback" not in result.stderr
    # The local test servers speak plain http, which the page check warns about: not this test's subject.
    lines = [line for line in result.stdout.splitlines() if "in plaats van http://" not in line]
    time_up = ("waarschuwing: link is niet gecontroleerd, want de tijd voor de linkcontrole (3 seconden) was op; "
               "controleer later opnieuw of geef de controle meer tijd met --link-total")
    for name in ("drip", "silent", "slow-redirect/0"):
        assert f'content/verslag.md:6:{line.index(links[name]) + 1}: {time_up} (u schreef "{links[name]}")' in lines, lines
    assert f'sessions/2027-02-open.yml:17:10: {time_up} (u schreef "{form}")' in lines, lines
    assert f"content/verslag.md:6:{line.index(links['loop-a']) + 1}: waarschuwing: link werkt niet: de website stuurt " \
           f'steeds in een rondje door; pas de link aan of haal hem weg (u schreef "{links["loop-a"]}")' in lines, lines
    assert len(lines) == 5, lines
    cached = json.loads(cache.read_text(encoding="utf-8"))
    assert sorted(cached) == sorted([links["huge"], links["chunked"], links["ok"], links["loop-a"]]), \
        "unfinished links are not remembered as checked"


def test_links_are_collected_only_from_pages_the_gate_lets_through(tmp_path: Path) -> None:
    """A page that is a symbolic link (to /proc/self/environ, say) is never read for links, so
    nothing of the build machine becomes a request or a line in the log; a Latin-1 page is no crash."""
    from types import SimpleNamespace

    from arbeidsmigranten_portaal.checks.links import collect_links

    root = tmp_path / "site"
    content = root / "content"
    content.mkdir(parents=True)
    secret = tmp_path / "buiten.md"
    secret.write_text("[geheim](https://geheim.nl/token-123)\n", encoding="utf-8")
    (content / "snelkoppeling.md").symlink_to(secret)
    (content / "latin.md").write_bytes("[café](https://café.nl/)\n".encode("latin-1"))
    (content / "gewoon.md").write_text("# Gewoon\n\nZie [de site](https://gewoon.nl/pagina).\n", encoding="utf-8")
    catalog = SimpleNamespace(sessions={}, partners={}, settings=SimpleNamespace(meldpunt=SimpleNamespace(example=True)))
    refs = collect_links(root, content, catalog)
    assert refs == [LinkRef("https://gewoon.nl/pagina", "content/gewoon.md", 3, 15)]
