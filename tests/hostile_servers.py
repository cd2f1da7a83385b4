"""An HTTP server on 127.0.0.1 that misbehaves on purpose, one behaviour per path.

Raw sockets rather than http.server, so it can do what no polite server does: drip one byte a
second, stream a body without end, reset the connection, never answer. Every connection has its
own thread; each waits on `stop` or uses short socket timeouts, so `close()` ends all of them and
a test can assert that nothing it started is still running.

    /ok                 200 with a small body
    /missing            404
    /drip               a whole valid response, one byte every `drip_interval` seconds
    /drip-body          HEAD: 405; GET: headers at once, then a 1 GB body one byte at a time
    /continue-forever   "100 Continue" for ever, never a final answer
    /many-headers       a status line, then header lines for ever
    /huge               200 and 1 GB of zeros (also after a HEAD), then zeros for ever
    /huge-get           HEAD: 405 with zeros for ever; GET: 200 with zeros for ever
    /chunked            HEAD: 405; GET: a chunked body that never ends
    /redirect/N         302 to /redirect/N+1, without end
    /slow-redirect/N    the same, half a second per step
    /loop-a, /loop-b    302 to each other
    /cookie             302 to itself with a cookie, 200 once the cookie comes back (no loop)
    /redirect-huge      HEAD: 405; GET: 302 to /ok, with a body of zeros for ever
    /to-ftp, /to-file, /to-javascript   302 to an address that is no web page
    /busy-forever       503 with "Retry-After: 3600"
    /reset              reads the request, then resets the connection
    /silent             reads the request, never answers
    anything that is not HTTP (a TLS handshake): never answered
"""

from __future__ import annotations

import socket
import struct
import threading
from collections import Counter

GIGABYTE = 1 << 30
_ZEROS = bytes(64 * 1024)
_LOCATIONS = {"/to-ftp": "ftp://127.0.0.1/bestand", "/to-file": "file:///etc/passwd", "/to-javascript": "javascript:alert(1)"}


class _Stopped(Exception):
    """The server is closing."""


class _Gone(Exception):
    """The client hung up."""


class HostileServer:
    def __init__(self, drip_interval: float = 1.0):
        self.drip_interval = drip_interval
        self.stop = threading.Event()
        self.hits: Counter[str] = Counter()  # requests per path
        self.sent: Counter[str] = Counter()  # bytes the kernel accepted, per path
        self.gone: Counter[str] = Counter()  # connections the client closed while we were sending
        self.active = 0
        self.max_active = 0
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.https_url = f"https://127.0.0.1:{self.port}"  # a TLS client's hello is never answered

    def __enter__(self) -> HostileServer:
        self._start(self._accept, "hostile-accept")
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.stop.set()
        for thread in list(self._threads):
            thread.join(timeout=5)
        self._listener.close()

    def alive_threads(self) -> list[threading.Thread]:
        return [thread for thread in self._threads if thread.is_alive()]

    def _start(self, target, name: str, *args) -> None:
        thread = threading.Thread(target=target, args=args, name=name, daemon=True)
        with self._lock:
            self._threads.append(thread)
        thread.start()

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self.active += 1
                self.max_active = max(self.max_active, self.active)
            self._start(self._serve, "hostile-connection", conn)

    def _serve(self, conn: socket.socket) -> None:
        path = "?"
        try:
            conn.settimeout(0.1)
            request = self._read_head(conn)
            if request is None:
                self.stop.wait()
                return
            method, path, headers = request
            with self._lock:
                self.hits[path] += 1
            self._answer(conn, method, path, headers)
        except _Gone:
            with self._lock:
                self.gone[path] += 1
        except _Stopped:
            pass
        finally:
            conn.close()
            with self._lock:
                self.active -= 1

    def _read_head(self, conn: socket.socket) -> tuple[str, str, dict[str, str]] | None:
        data = b""
        while b"\r\n\r\n" not in data:
            if self.stop.is_set() or len(data) > 65536:
                return None
            try:
                chunk = conn.recv(4096)
            except TimeoutError:
                continue
            except OSError:
                return None
            if not chunk:
                return None
            data += chunk
        lines = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
        parts = lines[0].split(" ")
        if len(parts) != 3 or not parts[1].startswith("/"):
            return None
        headers = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines[1:])}
        return parts[0], parts[1].split("?", 1)[0], headers

    def _answer(self, conn: socket.socket, method: str, path: str, headers: dict[str, str]) -> None:
        head = method == "HEAD"
        if path == "/ok":
            self._send(conn, path, _response(200, "" if head else "hallo", length=5))
        elif path == "/drip":
            self._drip(conn, path, _response(200, "hallo", length=5))
        elif path == "/drip-body":
            if head:
                self._send(conn, path, _response(405, length=0))
            else:
                self._send(conn, path, _response(200, length=GIGABYTE))
                while True:
                    self._drip(conn, path, b"0")
        elif path == "/continue-forever":
            while True:
                self._send(conn, path, b"HTTP/1.1 100 Continue\r\n\r\n")
                self._wait(0.01)
        elif path == "/many-headers":
            self._send(conn, path, b"HTTP/1.1 200 OK\r\n")
            while True:
                self._send(conn, path, b"X-Vulling: nog een\r\n")
        elif path == "/huge":
            self._send(conn, path, _response(200, length=GIGABYTE))
            self._zeros(conn, path)
        elif path == "/huge-get":
            self._send(conn, path, _response(405 if head else 200, length=GIGABYTE))
            self._zeros(conn, path)
        elif path == "/chunked":
            if head:
                self._send(conn, path, _response(405, length=0))
                return
            self._send(conn, path, _response(200, extra="Transfer-Encoding: chunked\r\n"))
            chunk = b"%x\r\n" % len(_ZEROS) + _ZEROS + b"\r\n"
            while True:
                self._send(conn, path, chunk)
        elif path.startswith("/redirect/") or path.startswith("/slow-redirect/"):
            prefix, _, number = path.rpartition("/")
            if prefix == "/slow-redirect":
                self._wait(0.5)
            self._send(conn, path, _redirect(f"{prefix}/{int(number) + 1}"))
        elif path in ("/loop-a", "/loop-b"):
            self._send(conn, path, _redirect("/loop-b" if path == "/loop-a" else "/loop-a"))
        elif path == "/redirect-huge":
            if head:  # so that the GET follows the redirect: requests reads a redirect's body whole
                self._send(conn, path, _response(405, length=0))
                return
            self._send(conn, path, _response(302, length=GIGABYTE, extra="Location: /ok\r\n"))
            self._zeros(conn, path)
        elif path == "/cookie":
            if "gezien=ja" in headers.get("cookie", ""):
                self._send(conn, path, _response(200, "" if head else "hallo", length=5))
            else:
                self._send(conn, path, _response(302, length=0, extra="Location: /cookie\r\nSet-Cookie: gezien=ja\r\n"))
        elif path in _LOCATIONS:
            self._send(conn, path, _redirect(_LOCATIONS[path]))
        elif path == "/busy-forever":
            self._send(conn, path, _response(503, length=0, extra="Retry-After: 3600\r\n"))
        elif path == "/reset":
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        elif path == "/silent":
            self.stop.wait()
        else:
            self._send(conn, path, _response(404, "" if head else "weg", length=3))

    def _wait(self, seconds: float) -> None:
        if self.stop.wait(seconds):
            raise _Stopped

    def _send(self, conn: socket.socket, path: str, data: bytes) -> None:
        view = memoryview(data)
        while view:
            if self.stop.is_set():
                raise _Stopped
            try:
                count = conn.send(view)
            except TimeoutError:
                continue  # the client reads nothing and our buffer is full: look at `stop` again
            except OSError:
                raise _Gone from None
            with self._lock:
                self.sent[path] += count
            view = view[count:]

    def _drip(self, conn: socket.socket, path: str, data: bytes) -> None:
        for index in range(len(data)):
            self._wait(self.drip_interval)
            self._send(conn, path, data[index:index + 1])

    def _zeros(self, conn: socket.socket, path: str) -> None:
        while True:
            self._send(conn, path, _ZEROS)


def _response(status: int, body: str = "", *, length: int | None = None, extra: str = "") -> bytes:
    head = f"HTTP/1.1 {status} Whatever\r\nContent-Type: text/html\r\n{extra}"
    if length is not None:
        head += f"Content-Length: {length}\r\n"
    return (head + "Connection: close\r\n\r\n" + body).encode("latin-1")


def _redirect(location: str) -> bytes:
    return _response(302, length=0, extra=f"Location: {location}\r\n")
