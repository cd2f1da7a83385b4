"""Do the links still work? Every external link in the pages and every registration URL.

Bounded on every side, because the outside world is slow and sometimes never answers: a limited
number of connections at once, a timeout per request, a bound on the whole run (requests are
given only the time that is left), retries with backoff on 429 and 503 (honouring Retry-After),
HEAD first with a GET fallback for servers that refuse HEAD, and a cache so that a repeated run
only asks again what failed or is older than a day.

A dead registration link (a form people must use) is an error; any other dead link a warning.
Links of records marked `example: true` and hosts reserved for examples are not checked.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter

from ..catalog import Catalog
from ..problems import Problem, relative_path
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
    checked: bool = True  # False: not asked (time ran out, or rate-limited after retries)


@dataclass(frozen=True)
class LinkCheckSettings:
    workers: int = 8
    timeout: float = 10.0
    total: float = 120.0
    retries: int = 2
    backoff: float = 1.0
    max_retry_after: float = 10.0
    cache_hours: float = 24.0


# --- Which links -----------------------------------------------------------------------------------


def collect_links(root: Path, content: Path, catalog: Catalog, site_doc: YamlDocument | None = None) -> list[LinkRef]:
    refs: list[LinkRef] = []
    for path in sorted(content.rglob("*.md")):
        display = relative_path(path, root)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
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


class LinkChecker:
    def __init__(self, settings: LinkCheckSettings, cache_file: Path | None = None,
                 clock: Callable[[], float] = time.monotonic, wall: Callable[[], float] = time.time):
        self.settings = settings
        self.cache_file = cache_file
        self.clock = clock
        self.wall = wall
        self._local = threading.local()

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
        deadline = self.clock() + self.settings.total
        pool = ThreadPoolExecutor(max_workers=self.settings.workers, thread_name_prefix="linkcheck")
        futures = {pool.submit(self._probe, url, deadline): url for url in todo}
        done, pending = wait(futures, timeout=max(0.0, deadline - self.clock()) + 1.0)
        for future in done:
            result = future.result()
            results[result.url] = result
        for future in pending:
            future.cancel()
            url = futures[future]
            results[url] = LinkResult(url, False, None, "niet gecontroleerd: de tijd voor de controle was op", checked=False)
        pool.shutdown(wait=False, cancel_futures=True)
        self._write_cache(cache, results)
        return results

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            # One connection per host per worker: the number of workers bounds the connections.
            adapter = HTTPAdapter(pool_connections=4, pool_maxsize=1, max_retries=0)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            session.headers["User-Agent"] = USER_AGENT
            self._local.session = session
        return session

    def _probe(self, url: str, deadline: float) -> LinkResult:
        session = self._session()
        for attempt in range(self.settings.retries + 1):
            remaining = deadline - self.clock()
            if remaining <= 0.05:
                return LinkResult(url, False, None, "niet gecontroleerd: de tijd voor de controle was op", checked=False)
            timeout = min(self.settings.timeout, remaining)
            try:
                response = session.head(url, allow_redirects=True, timeout=timeout)
                if response.status_code >= 400 and response.status_code not in (429, 503):
                    # Some servers refuse or mishandle HEAD; ask for the page itself, without its body.
                    response = session.get(url, allow_redirects=True, timeout=min(timeout, max(0.05, deadline - self.clock())), stream=True)
                    response.close()
            except requests.Timeout:
                return LinkResult(url, False, None, f"reageert niet binnen {timeout:.0f} seconden")
            except requests.RequestException as error:
                return LinkResult(url, False, None, f"is niet bereikbaar ({type(error).__name__})")
            status = response.status_code
            if status in (429, 503):
                if attempt < self.settings.retries:
                    time.sleep(max(0.0, min(self._wait_for(response, attempt), deadline - self.clock())))
                    continue
                return LinkResult(url, False, status, f"de server vraagt om later terug te komen ({status})", checked=False)
            if status >= 400:
                return LinkResult(url, False, status, _status_reason(status))
            return LinkResult(url, True, status)
        return LinkResult(url, False, None, "niet gecontroleerd", checked=False)

    def _wait_for(self, response: requests.Response, attempt: int) -> float:
        retry_after = response.headers.get("Retry-After", "")
        if retry_after.strip().isdigit():
            return min(float(retry_after), self.settings.max_retry_after)
        return min(self.settings.backoff * (2**attempt), self.settings.max_retry_after)

    def _read_cache(self) -> dict[str, dict]:
        if self.cache_file is None or not self.cache_file.is_file():
            return {}
        try:
            return json.loads(self.cache_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

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


def _status_reason(status: int) -> str:
    if status in (404, 410):
        return f"deze pagina bestaat niet (meer) ({status})"
    if status >= 500:
        return f"de server geeft een fout ({status})"
    return f"de server weigert de pagina ({status})"


def link_problems(refs: list[LinkRef], results: dict[str, LinkResult]) -> list[Problem]:
    problems = []
    for ref in refs:
        result = results[ref.url]
        if result.ok:
            continue
        if not result.checked:
            message = f"link {result.reason}"
            severity = "warning"
        elif ref.registration:
            message = f"aanmeldlink werkt niet: {result.reason}; zet de juiste link erin, anders kan niemand zich aanmelden"
            severity = "error"
        else:
            message = f"link werkt niet: {result.reason}; pas de link aan of haal hem weg"
            severity = "warning"
        problems.append(Problem(ref.path, ref.line, ref.col, message, ref.url, severity=severity))
    return problems
