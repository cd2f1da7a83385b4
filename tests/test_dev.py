"""The README's way in: `python3 dev.py serve` serves the portal through the preview (which
test_preview.py tests on copies of the site), and says so plainly when its address is taken."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import REPO


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_serves_the_portal_locally() -> None:
    port = free_port()
    env = dict(os.environ, PORTAL_ADDRESS=f"127.0.0.1:{port}")
    server = subprocess.Popen([sys.executable, "dev.py", "serve"], cwd=REPO, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/meldpunt/", timeout=2) as response:
                    body = response.read().decode("utf-8")
                    break
            except OSError:
                assert server.poll() is None, server.stdout.read().decode()
                assert time.monotonic() < deadline, "the portal was not served within two minutes"
                time.sleep(0.5)
        assert '<html lang="nl"' in body and "Meldpunt goed verhuurderschap" in body
        # The preview's reload script: the page reloads by itself after a change.
        assert '<script src="/__preview/herladen.js"' in body
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_serve_says_when_its_address_is_taken() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        address = "127.0.0.1:%d" % busy.getsockname()[1]
        result = subprocess.run([sys.executable, "dev.py", "serve"], cwd=REPO, capture_output=True, text=True,
                                env=dict(os.environ, PORTAL_ADDRESS=address))
    assert result.returncode == 2
    assert f"Er draait al iets op {address}" in result.stderr
