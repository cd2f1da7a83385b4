"""Do the links still work? Every external link in the pages and every registration URL.

The check keeps one promise whatever the servers do: it ends within `total` seconds (plus a tick).
requests' `timeout` bounds each socket read, not a request, so a server that answers one byte a
second would hold a request for ever; the bounds are kept here instead:

- at most `workers` daemon threads ask one link at a time over one connection each (at most 8
  connections), and the calling thread is the watchdog: it shuts down the sockets of a request
  that passed its own deadline (`timeout` seconds of wall-clock time, or what is left of the run)
  and, at the end of the run, of every request, so the workers stop instead of lingering;
- only the status line and headers are read: a body (a gigabyte, a chunked stream without end) is
  never read, the connection is closed, so memory does not depend on what a server sends;
- redirects are followed by hand, at most `MAX_REDIRECTS`, only to http(s), not in circles, and
  the body of a redirect is not read either (requests' Session.send reads it whole);
- retries on 429 and 503 honour Retry-After, capped by `max_retry_after` and by the deadline;
- HEAD first, with a GET fallback for servers that refuse HEAD;
- a cache, so that a repeated run only asks again what failed or is older than a day.
- hosts in a private network are not asked (`private_hosts`), judged by the address connected to.

A link that was not finished in time is named as a warning at the place where it is written. A
worker stuck where no socket can be shut down (a name lookup) is abandoned: it is a daemon thread,
and it opens no connection after the run ended.

A dead registration link (a form people must use) is an error; any other dead link a warning.
Links of records marked `example: true` and hosts reserved for examples are not checked.
"""

from __future__ import annotations

import ipaddress
import json
import math
import os
import queue
import re
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from requests.cookies import extract_cookies_to_jar
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from ..catalog import Catalog
from ..problems import Problem, relative_path
from ..sources import iter_files, page_text
from ..yaml_source import YamlDocument

RESERVED_HOST = re.compile(r"(^|\.)(example|invalid|test|localhost)$|(^|\.)example\.(com|net|org)$", re.IGNORECASE)
_MARKDOWN_URL = re.compile(r"""(?:\]\(|<|href=["'])(https?://[^\s)>"']+)""")
USER_AGENT = "portal-linkcheck (+https://github.com/; link check of a municipal portal)"


@dataclass(frozen=True)
class LinkRef:
    url: str
    path: str
    line: int
    col: int
    registration: bool = False


@dataclass(frozen=True)
class LinkResult:
    url: str
    ok: bool
    status: int | None = None
    reason: str = ""
    checked: bool = True  # False: not finished (time ran out, or rate-limited after retries)
    time_ran_out: bool = False


@dataclass(frozen=True)
class LinkCheckSettings:
    workers: int = 8
    timeout: float = 10.0
    total: float = 120.0
    retries: int = 2
    backoff: float = 1.0
    max_retry_after: float = 10.0
    cache_hours: float = 24.0
    # Hosts in a private network (127.0.0.1, 10.x, 169.254.x, fd00::) are not asked: a link on a
    # public site points to a public host, and the check runs on a machine inside someone's network
    # (a CI runner next to its cloud's metadata service). The tests' own servers need them.
    private_hosts: bool = False


# --- Which links -----------------------------------------------------------------------------------


def collect_links(root: Path, content: Path, catalog: Catalog, site_doc: YamlDocument | None = None) -> list[LinkRef]:
    refs: list[LinkRef] = []
    # Through the gate: a link to /proc/self/environ must not turn the build's secrets into requests.
    # What the gate refuses is reported by the content check itself.
    for path in (p for p in iter_files(content, root, []) if p.suffix == ".md"):
        display = relative_path(path, root)
        for number, line in enumerate(page_text(path, root).splitlines(), start=1):
            for match in _MARKDOWN_URL.finditer(line):
                refs.append(LinkRef(match.group(1), display, number, match.start(1) + 1))
    for session_id, session in catalog.sessions.items():
        if session.example:
            continue
        doc = catalog.session_docs[session_id]
        for audience, registration in session.registration.items():
            if registration.url and registration.url.startswith("https://"):
                refs.append(_ref(doc, ("registration", audience, "url"), registration.url, registration=True))
        if session.location.online_url:
            refs.append(_ref(doc, ("location", "online_url"), session.location.online_url))
    for partner_id, partner in catalog.partners.items():
        if partner.example:
            continue
        doc = catalog.partner_docs[partner_id]
        if partner.website:
            refs.append(_ref(doc, ("website",), partner.website))
        if partner.contact and partner.contact.url:
            refs.append(_ref(doc, ("contact", "url"), partner.contact.url))
    meldpunt = catalog.settings.meldpunt
    if site_doc is not None and not meldpunt.example:
        refs.append(_ref(site_doc, ("meldpunt", "form_url"), meldpunt.form_url, registration=True))
    return [ref for ref in refs if not RESERVED_HOST.search(urlsplit(ref.url).hostname or "")]


def _ref(doc: YamlDocument, loc: tuple[str, ...], url: str, registration: bool = False) -> LinkRef:
    line, col = doc.position(loc)
    return LinkRef(url, doc.display_path, line, col, registration)


# --- Asking the servers ------------------------------------------------------------------------------

MAX_REDIRECTS = 10
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_BUSY = frozenset({429, 503})
_TICK = 0.1  # how often the watchdog looks at the clock
_LAST_MOMENT = 0.05  # less time than this left: do not start a request any more
# We never reuse a connection: every response is closed without reading its body.
_HEADERS = {"User-Agent": USER_AGENT, "Connection": "close"}


class LinkChecker:
    def __init__(self, settings: LinkCheckSettings, cache_file: Path | None = None,
                 clock: Callable[[], float] = time.monotonic, wall: Callable[[], float] = time.time):
        self.settings = settings
        self.cache_file = cache_file
        self.clock = clock
        self.wall = wall

    def check(self, urls: Iterable[str]) -> dict[str, LinkResult]:
        unique = sorted(set(urls))
        cache = self._read_cache()
        results: dict[str, LinkResult] = {}
        todo = []
        for url in unique:
            cached = cache.get(url)
            if cached and cached.get("ok") and self.wall() - cached.get("at", 0) < self.settings.cache_hours * 3600:
                results[url] = LinkResult(url, True, cached.get("status"), "uit de cache")
            else:
                todo.append(url)
        if todo:
            results.update(_Run(self.settings, self.clock, self.wall).ask(todo))
        self._write_cache(cache, results)
        return results

    def _read_cache(self) -> dict[str, dict]:
        if self.cache_file is None or not self.cache_file.is_file():
            return {}
        try:
            cache = json.loads(self.cache_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return cache if isinstance(cache, dict) else {}

    def _write_cache(self, cache: dict[str, dict], results: dict[str, LinkResult]) -> None:
        if self.cache_file is None:
            return
        for url, result in results.items():
            if result.checked and result.reason != "uit de cache":
                cache[url] = {"ok": result.ok, "status": result.status, "at": self.wall()}
        self.cache_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.cache_file.with_suffix(".tmp")
        temporary.write_text(json.dumps(cache, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(temporary, self.cache_file)


class _TimeUp(Exception):
    """The run's deadline passed before this link was finished."""


class _Dead(Exception):
    """The link does not work; `reason` says why, in Dutch."""

    def __init__(self, reason: str, status: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.status = status


@dataclass(frozen=True)
class _Answer:
    status: int
    retry_after: str = ""


class _Run:
    """One run of the check: worker threads that each ask one link at a time, and the calling
    thread as their watchdog."""

    def __init__(self, settings: LinkCheckSettings, clock: Callable[[], float], wall: Callable[[], float]):
        self.settings = settings
        self.clock = clock
        self.wall = wall
        # Given on the command line: nothing, NaN or less is no time at all, and infinity is allowed.
        self.total = settings.total if settings.total > 0 else 0.0
        self.timeout = settings.timeout if settings.timeout > 0 else LinkCheckSettings.timeout
        self.deadline = clock() + self.total
        self.stop = threading.Event()
        self.todo: queue.SimpleQueue[str] = queue.SimpleQueue()
        self.outcomes: queue.SimpleQueue[LinkResult] = queue.SimpleQueue()

    def ask(self, urls: list[str]) -> dict[str, LinkResult]:
        for url in urls:
            self.todo.put(url)
        workers = [_Worker(self.stop, self.settings.private_hosts) for _ in range(max(1, min(self.settings.workers, len(urls))))]
        if self.total > _LAST_MOMENT:
            for number, worker in enumerate(workers, start=1):
                threading.Thread(target=self._work, args=(worker,), name=f"linkcheck-{number}", daemon=True).start()
        finished: dict[str, LinkResult] = {}
        try:
            while len(finished) < len(urls):
                remaining = self.deadline - self.clock()
                if remaining <= 0:
                    break
                try:
                    result = self.outcomes.get(timeout=min(_TICK, remaining))
                    finished[result.url] = result
                except queue.Empty:
                    pass
                now = self.clock()
                for worker in workers:
                    worker.cut_if_late(now)
        finally:
            self.stop.set()
            for worker in workers:
                worker.cut()
        while True:
            try:
                result = self.outcomes.get_nowait()
            except queue.Empty:
                break
            finished.setdefault(result.url, result)
        return {url: finished.get(url) or self._time_up(url) for url in urls}

    def _work(self, worker: _Worker) -> None:
        _current.worker = worker
        session = _new_session()
        try:
            while not self.stop.is_set():
                try:
                    url = self.todo.get_nowait()
                except queue.Empty:
                    return
                try:
                    result = self._probe(session, worker, url)
                except Exception:  # an answer no one foresaw: name the link, never print a traceback
                    result = LinkResult(url, False, None, "het antwoord van de server was niet te lezen", checked=False)
                self.outcomes.put(result)
        finally:
            session.close()
            worker.end()

    def _time_up(self, url: str) -> LinkResult:
        reason = f"de tijd voor de linkcontrole ({_seconds(self.total)}) was op"
        return LinkResult(url, False, None, reason, checked=False, time_ran_out=True)

    def _probe(self, session: requests.Session, worker: _Worker, url: str) -> LinkResult:
        try:
            for attempt in range(max(0, self.settings.retries) + 1):
                answer = self._follow(session, worker, url, "HEAD")
                if answer.status >= 400 and answer.status not in _BUSY:
                    # Some servers refuse or mishandle HEAD; ask for the page itself, without its body.
                    answer = self._follow(session, worker, url, "GET")
                status = answer.status
                if status in _BUSY:
                    if attempt < self.settings.retries:
                        self._pause(self._wait_for(answer.retry_after, attempt))
                        continue
                    return LinkResult(url, False, status, f"de server vraagt om later terug te komen ({status})", checked=False)
                if status >= 400:
                    return LinkResult(url, False, status, _status_reason(status))
                return LinkResult(url, True, status)
        except _TimeUp:
            return self._time_up(url)
        except _Dead as dead:
            return LinkResult(url, False, dead.status, dead.reason)
        return LinkResult(url, False, None, "niet gecontroleerd", checked=False)  # not reached: the loop returns

    def _follow(self, session: requests.Session, worker: _Worker, url: str, method: str) -> _Answer:
        # An address may come back once: some sites redirect to themselves to set a cookie.
        visits = Counter([urldefrag(url)[0]])
        current = url
        session.cookies.clear()  # each link starts without what other servers said
        for _hop in range(MAX_REDIRECTS + 1):
            status, headers = self._request(session, worker, method, current)
            location = headers.get("Location")
            if status not in _REDIRECTS or location is None:
                return _Answer(status, headers.get("Retry-After", ""))
            try:
                target = urldefrag(urljoin(current, location.strip()))[0]
                scheme = urlsplit(target).scheme.lower()
            except ValueError:
                raise _Dead("de website stuurt door naar een ongeldig adres", status) from None
            if scheme not in ("http", "https"):
                raise _Dead("de website stuurt door naar een adres dat geen webpagina is", status)
            visits[target] += 1
            if visits[target] > 2:
                raise _Dead("de website stuurt steeds in een rondje door", status)
            current = target
        raise _Dead(f"de website stuurt meer dan {MAX_REDIRECTS} keer door")

    def _request(self, session: requests.Session, worker: _Worker, method: str,
                 url: str) -> tuple[int, Mapping[str, str]]:
        """One request: its status and headers, never its body."""
        started = self.clock()
        remaining = self.deadline - started
        if self.stop.is_set() or remaining <= _LAST_MOMENT:
            raise _TimeUp
        budget = min(self.timeout, remaining)
        socket_timeout = budget if math.isfinite(budget) else None
        worker.begin(started + budget)
        try:
            response = _send(session, method, url, (socket_timeout, socket_timeout))
        except Exception as error:  # hostile answers surface as many types: requests, urllib3, http.client, ssl
            was_cut = worker.end()
            capped = budget < self.timeout
            if self.stop.is_set() or self.clock() >= self.deadline or (capped and (was_cut or _is_timeout(error))):
                raise _TimeUp from None
            if was_cut or _is_timeout(error):
                raise _Dead(f"de server reageert niet binnen {_seconds(budget)}") from None
            raise _Dead(_failure_reason(error)) from None
        worker.end()
        try:
            return response.status_code, response.headers
        finally:
            response.close()  # closes the connection: the body stays unread

    def _pause(self, seconds: float) -> None:
        seconds = min(seconds, self.deadline - self.clock())
        if seconds > 0 and self.stop.wait(seconds):
            raise _TimeUp

    def _wait_for(self, retry_after: str, attempt: int) -> float:
        retry_after = retry_after.strip()
        wanted = self.settings.backoff * (2**attempt)
        if re.fullmatch(r"[0-9]+", retry_after):  # not str.isdigit(): "²" is a digit to it
            wanted = float(retry_after)
        elif retry_after:
            try:
                wanted = max(0.0, parsedate_to_datetime(retry_after).timestamp() - self.wall())
            except (TypeError, ValueError, OverflowError):
                pass
        return min(wanted, self.settings.max_retry_after)


def _send(session: requests.Session, method: str, url: str, timeout) -> requests.Response:
    """Session.request without Session.send: even with allow_redirects=False, Session.send reads
    the whole body of a redirect to prepare `Response.next` (psf/requests#4123)."""
    prepared = session.prepare_request(requests.Request(method, url, headers=_HEADERS))
    settings = session.merge_environment_settings(prepared.url, {}, True, None, None)
    adapter = session.get_adapter(prepared.url)
    response = adapter.send(prepared, stream=True, timeout=timeout, verify=settings["verify"], cert=settings["cert"],
                            proxies=settings["proxies"])
    extract_cookies_to_jar(session.cookies, prepared, response.raw)
    return response


def _is_timeout(error: Exception) -> bool:
    return isinstance(error, (requests.Timeout, socket.timeout))


def _failure_reason(error: Exception) -> str:
    if isinstance(error, _PrivateHost):
        return ("dit adres hoort bij een eigen netwerk (zoals 127.0.0.1 of 192.168.x.x), niet bij een openbare "
                "website; de controle vraagt het niet op, en lezers kunnen het niet openen")
    if isinstance(error, requests.exceptions.SSLError):
        return "de website heeft geen geldig beveiligingscertificaat"
    if isinstance(error, (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema,
                          requests.exceptions.MissingSchema, ValueError)):
        return "dit is geen geldig webadres"
    return "de server is niet bereikbaar of verbreekt de verbinding"


def _seconds(value: float) -> str:
    if not math.isfinite(value):
        return "onbeperkt aantal seconden"
    number = f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}".replace(".", ",")
    return f"{number} seconde" if number == "1" else f"{number} seconden"


# --- Cutting requests off ------------------------------------------------------------------------------


class _Worker:
    """What the watchdog knows of one worker: the deadline of its current request and a duplicate
    of every socket it opened for it. Shutting a duplicate down ends a blocked read on the original
    (also inside TLS, which detaches the original socket object), and closing the duplicate never
    closes a descriptor that someone else may have received since."""

    def __init__(self, stop: threading.Event, private_hosts: bool = False):
        self._stop = stop
        self.private_hosts = private_hosts
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._deadline: float | None = None
        self._cut = False

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            if self._cut or self._stop.is_set():
                raise OSError("de linkcontrole is gestopt")
            self._sockets.append(sock.dup())

    def begin(self, deadline: float) -> None:
        with self._lock:
            self._deadline = deadline
            self._cut = False

    def end(self) -> bool:
        """The request is over; was it cut off?"""
        with self._lock:
            self._deadline = None
            self._close()
            return self._cut

    def cut_if_late(self, now: float) -> None:
        with self._lock:
            if self._deadline is not None and now >= self._deadline:
                self._cut_off()

    def cut(self) -> None:
        with self._lock:
            self._cut_off()

    def _cut_off(self) -> None:
        self._cut = True
        self._deadline = None
        for sock in self._sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._close()

    def _close(self) -> None:
        for sock in self._sockets:
            sock.close()
        self._sockets.clear()


_current = threading.local()  # the _Worker of this thread, for the connections it opens


def _watched(sock: socket.socket) -> socket.socket:
    worker = getattr(_current, "worker", None)
    if worker is not None:
        try:
            worker.watch(sock)
        except OSError:
            sock.close()
            raise
    return sock


class _PrivateHost(Exception):
    """The host's address is in a private network; raised after connecting, so that the address
    judged is the one connected to (a name that resolves differently a second time changes nothing)."""


def _refuse_private(connection: HTTPConnection, sock: socket.socket) -> socket.socket:
    worker = getattr(_current, "worker", None)
    if worker is None or worker.private_hosts or connection.proxy is not None:
        return sock  # through a proxy the peer is the proxy, which the machine's owner chose
    try:
        address = ipaddress.ip_address(sock.getpeername()[0].split("%", 1)[0])
    except (OSError, ValueError):
        return sock
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if not address.is_global:
        sock.close()
        raise _PrivateHost(str(address))
    return sock


class _WatchedHTTPConnection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        return _watched(_refuse_private(self, super()._new_conn()))


class _WatchedHTTPSConnection(HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        return _watched(_refuse_private(self, super()._new_conn()))


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_WATCHED_POOLS = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


class _WatchedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _WATCHED_POOLS

    def proxy_manager_for(self, proxy, **proxy_kwargs):
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = _WATCHED_POOLS
        return manager


def _new_session() -> requests.Session:
    session = requests.Session()
    # One connection at a time per worker: the number of workers bounds the connections.
    adapter = _WatchedAdapter(pool_connections=1, pool_maxsize=1, max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


# --- What editors read ------------------------------------------------------------------------------


def _status_reason(status: int) -> str:
    if status in (404, 410):
        return f"deze pagina bestaat niet (meer) ({status})"
    if status >= 500:
        return f"de server geeft een fout ({status})"
    return f"de server weigert de pagina ({status})"


def link_problems(refs: list[LinkRef], results: dict[str, LinkResult]) -> list[Problem]:
    """One problem per place where a link that failed, or was not finished, is written."""
    problems = []
    for ref in refs:
        result = results[ref.url]
        if result.ok:
            continue
        if result.time_ran_out:
            message = (f"link is niet gecontroleerd, want {result.reason}; "
                       "controleer later opnieuw of geef de controle meer tijd met --link-total")
            severity = "warning"
        elif not result.checked:
            message = f"link is niet gecontroleerd, want {result.reason}; controleer later opnieuw"
            severity = "warning"
        elif ref.registration:
            message = f"aanmeldlink werkt niet: {result.reason}; zet de juiste link erin, anders kan niemand zich aanmelden"
            severity = "error"
        else:
            message = f"link werkt niet: {result.reason}; pas de link aan of haal hem weg"
            severity = "warning"
        problems.append(Problem(ref.path, ref.line, ref.col, message, ref.url, severity=severity))
    return problems
