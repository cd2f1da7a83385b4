"""Other sites' sessions.json for the regional calendar: fetched bounded, validated, cached.

A source that is down or answers something unusable must not stop this site's build: the last
good copy (kept under .cache/portal/regio/ in the site folder) is used, with a warning that says
so. Nothing here runs when site.yml lists no sources, so such a build touches no network.

Validated with the pydantic model that the published schema (/data/sessions.schema.json) is
generated from, not with jsonschema: the two are the same schema by construction, and the model
also gives typed records to render from, without a second runtime dependency.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from pydantic import ValidationError

from ..clock import TIMEZONE
from ..model import RegionalSettings, RegionalSource, municipality_slug
from ..render import dates
from ..render.opendata import SessionsDocument

if TYPE_CHECKING:
    import requests

MAX_BYTES = 5 * 1024 * 1024
MAX_SESSIONS = 2000
# Seconds to connect and between two pieces of the answer, and for the whole answer: a source
# that trickles bytes cannot hold the build up for longer than that.
TIMEOUT = (5, 15)
TOTAL_SECONDS = 30
MAX_REDIRECTS = 3
CACHE_DIR = Path(".cache") / "portal" / "regio"
LOOPBACK = ("127.0.0.1", "localhost")
_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
_UID = re.compile(r"[!-~]{1,255}")  # printable ASCII without spaces, as calendar apps expect
_AUDIENCE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class SourceProblem(Exception):
    """Why a source could not be used, as the middle of a Dutch sentence ("is niet bereikbaar")."""


@dataclass(frozen=True)
class FetchedSource:
    source: RegionalSource
    slug: str
    document: SessionsDocument | None
    # When the copy in `document` was fetched; not now when the last good copy stood in.
    copied: dt.datetime | None
    current: bool
    warning: str | None = None

    @property
    def where(self) -> str:
        return self.source.url or self.source.path or ""


def collect_sources(
    settings: RegionalSettings | None, root: Path, now: dt.datetime, http: requests.Session | None = None
) -> list[FetchedSource]:
    """Every configured source, in the order of site.yml; none (and no request) without settings."""
    if settings is None or not settings.sources:
        return []
    import requests  # only a site with regional sources needs it (and its memory)

    own = http is None
    http = http or requests.Session()
    try:
        return [_collect(source, root, now, http) for source in settings.sources]
    finally:
        if own:
            http.close()


def _collect(source: RegionalSource, root: Path, now: dt.datetime, http: requests.Session) -> FetchedSource:
    slug = municipality_slug(source.name)
    cache = _cache_file(root, source)
    try:
        raw = _download(http, source.url) if source.url else _read_local(root, source.path or "")
        document = parse_document(raw)
    except SourceProblem as problem:
        cached = _read_cache(cache)
        if cached is None:
            return FetchedSource(source, slug, None, None, False, warning_sentence(source, str(problem), None))
        copied, document = cached
        return FetchedSource(source, slug, document, copied, False, warning_sentence(source, str(problem), copied))
    _write_cache(cache, now, raw)
    return FetchedSource(source, slug, document, now, True)


def warning_sentence(source: RegionalSource, problem: str, copied: dt.datetime | None) -> str:
    where = source.url or source.path
    start = f'Regionale kalender: de bron "{source.name}" ({where}) {problem}'
    if copied is None:
        return f"{start}; er is nog geen goede kopie, dus de sessies van deze bron staan er deze keer niet in."
    when = f"{dates.long_date(copied, 'nl')} {dates.clock_time(copied, 'nl')}"
    return f"{start}; de laatste goede kopie van {when} wordt gebruikt."


def parse_document(raw: bytes) -> SessionsDocument:
    """A sessions.json as the published schema describes it, or SourceProblem."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SourceProblem("geeft geen geldige JSON") from None
    except RecursionError:
        raise SourceProblem("geeft JSON die te diep genest is") from None
    if not isinstance(data, dict):
        raise SourceProblem("geeft geen sessions.json (de JSON is geen object met sessions erin)")
    data.pop("$schema", None)
    if isinstance(data.get("sessions"), list) and len(data["sessions"]) > MAX_SESSIONS:
        raise SourceProblem(f"heeft meer dan {MAX_SESSIONS} sessies")
    try:
        document = SessionsDocument.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        place = ".".join(str(part) for part in first["loc"]) or "het begin"
        raise SourceProblem(f"past niet bij het schema van sessions.json (bij {place})") from None
    for index, session in enumerate(document.sessions):
        _check_session(index, session)
    return document


def _check_session(index: int, session) -> None:
    """What the schema leaves open but the regional calendar relies on: ids fit in an address,
    times have a zone, and the only link it makes (to the session page) is a web address."""
    where = f"sessions.{index}"
    if not _ID.fullmatch(session.id):
        raise SourceProblem(f"past niet bij het schema van sessions.json (bij {where}.id)")
    if not _UID.fullmatch(session.uid):
        raise SourceProblem(f"past niet bij het schema van sessions.json (bij {where}.uid)")
    if not all(_AUDIENCE.fullmatch(a) and len(a) <= 80 for a in session.audiences):
        raise SourceProblem(f"past niet bij het schema van sessions.json (bij {where}.audiences)")
    for name in ("start", "end"):
        try:
            moment = dt.datetime.fromisoformat(getattr(session, name))
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise SourceProblem(f"heeft bij {where}.{name} geen tijdstip met tijdzone")
    if not web_address(session.url):
        raise SourceProblem(f"heeft bij {where}.url geen webadres dat met https:// begint")


def web_address(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("https", "http") and bool(parts.hostname) and not any(c.isspace() for c in value)


def session_times(session) -> tuple[dt.datetime, dt.datetime]:
    return (dt.datetime.fromisoformat(session.start).astimezone(TIMEZONE),
            dt.datetime.fromisoformat(session.end).astimezone(TIMEZONE))


def _allowed_target(url: str, previous: str) -> bool:
    """https, or http to this machine; never from https down to http."""
    parts, before = urlsplit(url), urlsplit(previous)
    if parts.scheme == "https":
        return bool(parts.hostname)
    return parts.scheme == "http" and before.scheme == "http" and parts.hostname in LOOPBACK


def _download(http: requests.Session, url: str) -> bytes:
    import requests

    deadline = time.monotonic() + TOTAL_SECONDS
    for _ in range(MAX_REDIRECTS + 1):
        try:
            response = http.get(url, timeout=TIMEOUT, stream=True, allow_redirects=False,
                                headers={"Accept": "application/json"})
        except requests.Timeout:
            raise SourceProblem("antwoordde niet op tijd") from None
        except requests.RequestException:
            raise SourceProblem("is niet bereikbaar") from None
        with response:
            if response.is_redirect:
                target = urljoin(url, response.headers.get("Location", ""))
                if not _allowed_target(target, url):
                    raise SourceProblem("stuurt door naar een adres dat niet met https:// begint")
                url = target
                continue
            if response.status_code != 200:
                raise SourceProblem(f"gaf foutcode {response.status_code} in plaats van de gegevens")
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > MAX_BYTES:
                raise SourceProblem(_too_big())
            return _bounded_body(response, deadline)
    raise SourceProblem(f"stuurt meer dan {MAX_REDIRECTS} keer door naar een ander adres")


def _bounded_body(response: requests.Response, deadline: float) -> bytes:
    import requests

    chunks, size = [], 0
    try:
        for chunk in response.iter_content(64 * 1024):
            size += len(chunk)
            if size > MAX_BYTES:
                raise SourceProblem(_too_big())
            if time.monotonic() > deadline:
                raise SourceProblem("antwoordde niet op tijd")
            chunks.append(chunk)
    except requests.RequestException:
        raise SourceProblem("brak de verbinding af") from None
    return b"".join(chunks)


def _too_big() -> str:
    return f"is groter dan {MAX_BYTES // (1024 * 1024)} MB"


def _read_local(root: Path, relative: str) -> bytes:
    """A file on this machine, named from the site folder: no link on the way, bounded."""
    current = root
    for part in Path(relative).parts:
        current = current / part
        if current.is_symlink():
            raise SourceProblem("wijst via een snelkoppeling (symbolische link); schrijf het echte pad")
    if not current.is_file():
        raise SourceProblem("bestaat niet (nog niet gebouwd?)")
    try:
        fd = os.open(current, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError:
        raise SourceProblem("kon niet gelezen worden") from None
    if len(raw) > MAX_BYTES:
        raise SourceProblem(_too_big())
    return raw


# --- The last good copies ----------------------------------------------------------------------


def _cache_file(root: Path, source: RegionalSource) -> Path:
    key = hashlib.sha256((source.url or f"path:{source.path}").encode("utf-8")).hexdigest()[:24]
    return root / CACHE_DIR / f"{key}.json"


def _cache_is_safe(file: Path) -> bool:
    """No folder of the cache may be a link: the build would write wherever it points."""
    folder = file.parent
    parts = [folder.parents[i] for i in range(len(CACHE_DIR.parts) - 1)][::-1] + [folder]
    return not any(p.is_symlink() for p in parts) and not file.is_symlink()


def _read_cache(file: Path) -> tuple[dt.datetime, SessionsDocument] | None:
    if not file.is_file() or not _cache_is_safe(file):
        return None
    try:
        with file.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1024 + 1)
        data = json.loads(raw.decode("utf-8"))
        copied = dt.datetime.fromisoformat(data["copied"])
        document = parse_document(json.dumps(data["document"]).encode("utf-8"))
    except (OSError, ValueError, KeyError, TypeError, SourceProblem):
        return None
    if copied.tzinfo is None:
        return None
    return copied.astimezone(TIMEZONE), document


def _write_cache(file: Path, now: dt.datetime, raw: bytes) -> None:
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        if not _cache_is_safe(file):
            return
        text = json.dumps({"copied": dates.iso(now), "document": json.loads(raw.decode("utf-8"))}, ensure_ascii=False)
        partial = file.with_suffix(".json.part")
        partial.write_text(text, encoding="utf-8")
        partial.replace(file)
    except OSError:
        pass  # without a copy the next build that cannot reach the source says so
