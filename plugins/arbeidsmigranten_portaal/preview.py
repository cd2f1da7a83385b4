"""The preview an editor runs on their own computer: the site, or every problem in plain Dutch.

A loopback web server shows the last good build, kept in a private temporary folder (never the
site's own output folder; in memory where the system offers a folder there, /dev/shm). The
content folders are watched (the system tells of a change at once, through watchdog; where it
cannot, they are looked at twice a second); after a change the portal's check runs (the same
problems, in the same sentences, as `portal check`, privacy findings included) and, when it finds
no errors, a strict build into a fresh folder; both in a build process kept warm between builds
(preview_build.py). While there are problems every address answers with one Dutch page that
lists them all; once they are solved the site is back. Every HTML answer of the preview carries a
small script that asks the server whether anything changed (the server answers as soon as it
does) and reloads the page. That script is added while serving, never written into a built site.

Engine-independent: the adapter supplies the check, the build and the folders to watch.
"""

from __future__ import annotations

import html
import ipaddress
import mimetypes
import os
import secrets
import shutil
import socket
import stat
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Literal

from .problems import Problem

# The preview's own addresses: nothing a site builds starts with a double underscore.
OWN_PREFIX = "/__preview/"
VERSION_PATH = OWN_PREFIX + "versie"
RELOAD_SCRIPT_PATH = OWN_PREFIX + "herladen.js"

POLL_SECONDS = 0.5  # how often the watcher looks at the files when the system cannot tell of changes
FALLBACK_POLL_SECONDS = 2.0  # ... and when it can: a look now and then, in case it missed one
SETTLE_SECONDS = 0.05  # a change counts once the files stayed the same this long (editors save in bursts)
SETTLE_LIMIT_SECONDS = 5.0  # ... but a folder that never settles is checked after this long anyway
VERSION_WAIT_SECONDS = 25.0  # a page's question "has anything changed?" is answered at a change, or after this
MIN_MEMORY_FOLDER_BYTES = 1 << 30  # the builds go to /dev/shm only when it has this much room
MAX_WATCHED_FILES = 50_000  # bounds one look at the folders (a site has hundreds)
MAX_WATCHED_DEPTH = 32
MAX_SHOWN_MESSAGES = 50  # of a build's own failure lines
MAX_MESSAGE_CHARS = 500

# Files an editor's program writes next to the file being saved, for a moment.
_EDITOR_LEFTOVERS = (".swp", ".swx", ".swo", "~", ".tmp")

# The browser asks whether the site changed since the version it shows; the server answers when
# it does (or after a while, and the script asks again), and the page reloads at once.
# (A script file of the preview, not inline: a site may forbid inline scripts.)
RELOAD_SCRIPT = """\
(function () {
  "use strict";
  var shown = document.currentScript && document.currentScript.getAttribute("data-versie");
  function ask() {
    fetch("%s?na=" + encodeURIComponent(shown || ""), {cache: "no-store"}).then(function (answer) {
      return answer.text();
    }).then(function (version) {
      if (version.trim() !== shown) {
        window.location.reload();
      } else {
        ask();
      }
    }, function () {
      window.setTimeout(ask, 2000);  // the preview is stopped or restarting: keep asking
    });
  }
  ask();
})();
""" % VERSION_PATH

_EXTRA_TYPES = {
    ".ics": "text/calendar; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".yml": "text/yaml; charset=utf-8",
}
# The editor (/admin/) gets no reload script: with `python3 dev.py editor`, decap-server switches
# this repository's branches to read and save, each switch is a save for the preview, and the
# editor would reload while someone types.
NO_RELOAD_PREFIX = "/admin/"


@dataclass(frozen=True)
class BuildOutcome:
    """What a build said: whether it wrote a site, the problems it found (as `portal check`
    states them), and its other failure lines, in the engine's own words."""

    ok: bool
    problems: tuple[Problem, ...] = ()
    messages: tuple[str, ...] = ()


Check = Callable[[], list[Problem]]
Build = Callable[[Path], BuildOutcome]
Watched = Callable[[], Iterable[Path]]
Kind = Literal["building", "problems", "site"]


@dataclass(frozen=True)
class Shown:
    """What every address of the preview shows now."""

    kind: Kind
    version: str
    site: Path | None = None
    problems: tuple[Problem, ...] = ()
    messages: tuple[str, ...] = ()
    crashed: bool = False


class Preview:
    def __init__(self, root: Path, *, check: Check, build: Build, watched: Watched,
                 say: Callable[[str], None] | None = None) -> None:
        self.root = root
        self._check = check
        self._build = build
        self._watched = watched
        self._say = say or (lambda text: print(text, flush=True))
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)  # told when what is shown changes
        self._boot = secrets.token_hex(4)  # a page of an earlier run reloads too
        self._counter = 0
        self._shown = Shown("building", self._next_version())
        self._workdir: Path | None = None
        self._retired: Path | None = None  # the build shown before the current one
        self._warned_bound = False

    # What the server reads, from its threads.
    @property
    def shown(self) -> Shown:
        with self._lock:
            return self._shown

    def serve(self, host: str, port: int) -> int:
        """Serve until Ctrl+C (or SIGTERM): 0 after a clean stop, 2 when the address is taken."""
        address = _display_address(host, port)
        try:
            server = _PreviewServer((host, port), _Handler, self)
        except OSError as error:
            if error.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
                print(address_taken_sentence(address), file=sys.stderr)
                return 2
            raise
        memory = _memory_folder()
        if memory is not None:
            _remove_left_behind(Path(memory))
        # The process's number in the name: a preview that was killed is cleaned up by the next.
        self._workdir = Path(tempfile.mkdtemp(prefix=f"{WORKDIR_PREFIX}{os.getpid()}-", dir=memory))
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
        thread.start()
        self._say(f"Het portaal draait op http://{address}/ (stoppen: Ctrl+C)")
        try:
            self._watch()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
            server.server_close()
            shutil.rmtree(self._workdir, ignore_errors=True)
        self._say("Het voorbeeld is gestopt.")
        return 0

    def _watch(self) -> None:
        self._say("De inhoud wordt gecontroleerd en de site wordt gebouwd ...")
        seen = self._snapshot()
        self.refresh()
        told = threading.Event()
        folders: list[tuple[Path, bool]] = []
        observer = None
        while True:
            # Watch the folders of now (mkdocs.yml may have moved them).
            current = _watches(map(Path, self._watched()))
            if current != folders:
                if observer is not None:
                    observer.stop()
                folders, observer = current, _observe(current, told)
            told.wait(POLL_SECONDS if observer is None else FALLBACK_POLL_SECONDS)
            told.clear()
            now = self._snapshot()
            if now == seen:
                continue
            settled_since = time.monotonic()
            while time.monotonic() - settled_since < SETTLE_LIMIT_SECONDS:
                time.sleep(SETTLE_SECONDS)
                later = self._snapshot()
                if later == now:
                    break
                now = later
            self._say(f"Gewijzigd: {_changed_names(seen, now)}; opnieuw controleren ...")
            seen = now
            self.refresh()

    def refresh(self) -> None:
        """Check, build when the check allows it, and show the outcome."""
        before = self.shown
        started = time.monotonic()
        try:
            problems = self._check()
        except Exception as error:  # a fault in the check itself: the preview must not stop
            self._show_crash("de controle", error)
            return
        if any(p.severity == "error" for p in problems):
            self._show_problems(tuple(problems), ())
            return
        if before.kind != "site":
            self._set(Shown("building", self._next_version()))
        assert self._workdir is not None
        target = Path(tempfile.mkdtemp(prefix="bouw-", dir=self._workdir)) / "site"
        try:
            outcome = self._build(target)
        except Exception as error:
            shutil.rmtree(target.parent, ignore_errors=True)
            self._show_crash("het bouwen", error)
            return
        if not outcome.ok or not (target / "index.html").is_file():
            shutil.rmtree(target.parent, ignore_errors=True)
            if outcome.ok:
                outcome = BuildOutcome(False, outcome.problems,
                                       outcome.messages + ("the build wrote no index.html",))
            self._show_problems(_unique(tuple(problems) + outcome.problems), outcome.messages)
            return
        self._set(Shown("site", self._next_version(), site=target))
        # The build before stays one round longer: a request may be reading one of its files.
        if self._retired is not None:
            shutil.rmtree(self._retired.parent, ignore_errors=True)
        self._retired = before.site
        seconds = time.monotonic() - started
        for problem in problems:  # warnings: the site is shown, the terminal still says them
            self._say(problem.as_line())
        if before.kind == "problems":
            self._say(f"Opgelost: de site is weer bijgewerkt ({seconds:.0f} s).")
        elif before.site is None:
            self._say(f"De site is klaar ({seconds:.0f} s). Wat u opslaat, ziet u vanzelf in de browser.")
        else:
            self._say(f"Bijgewerkt ({seconds:.0f} s).")

    def _show_problems(self, problems: tuple[Problem, ...], messages: tuple[str, ...]) -> None:
        messages = tuple(_bounded(m) for m in messages[:MAX_SHOWN_MESSAGES])
        before = self.shown
        self._set(Shown("problems", self._next_version(), site=before.site, problems=problems, messages=messages))
        for problem in problems:
            self._say(problem.as_line())
        if messages:
            self._say(BUILD_MESSAGES_LEAD)
            for message in messages:
                self._say(f"  {message}")
        self._say(problems_summary(problems, messages))

    def _show_crash(self, what: str, error: Exception) -> None:
        import traceback

        traceback.print_exception(error, file=sys.stderr)
        message = f"{type(error).__name__}: {error}"
        before = self.shown
        self._set(Shown("problems", self._next_version(), site=before.site, messages=(_bounded(message),), crashed=True))
        self._say(f"{crash_sentence(what)} {message}")

    def _set(self, shown: Shown) -> None:
        with self._lock:
            self._shown = shown
            self._changed.notify_all()

    def version_after(self, version: str, timeout: float) -> str:
        """The version shown, once it is another than `version` (or after `timeout` seconds)."""
        with self._lock:
            self._changed.wait_for(lambda: self._shown.version != version, timeout)
            return self._shown.version

    def _next_version(self) -> str:
        self._counter += 1
        return f"{self._boot}-{self._counter}"

    def _snapshot(self) -> dict[str, tuple[int, int]]:
        seen, cut_short = snapshot(self._watched(), self.root)
        if cut_short and not self._warned_bound:
            self._warned_bound = True
            self._say(f"Let op: het voorbeeld bekijkt niet meer dan {MAX_WATCHED_FILES} bestanden; "
                      "wijzigingen in de rest ziet het niet.")
        return seen


# ---------------------------------------------------------------------------------------------
# What the preview says (terminal and page share these sentences).

BUILD_MESSAGES_LEAD = ("Het bouwen van de site stopte bij deze meldingen van het bouwprogramma "
                       "(MkDocs, in het Engels):")


def address_taken_sentence(address: str) -> str:
    return (f"Er draait al iets op {address}. Stop dat programma, of kies een ander adres, "
            f"bijvoorbeeld: --address 127.0.0.1:8001")


def crash_sentence(what: str) -> str:
    return (f"Bij {what} ging iets mis in het programma zelf, niet in de inhoud. Sla een bestand opnieuw "
            f"op om het nog eens te proberen; blijft het, meld dan deze fout:")


def problems_summary(problems: tuple[Problem, ...], messages: tuple[str, ...]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    if errors == 0:
        return "De site kon niet worden gebouwd. De browser toont de meldingen op elke pagina tot ze zijn opgelost."
    noun = "probleem" if errors == 1 else "problemen"
    return (f"{errors} {noun} gevonden; de site kan zo niet worden gebouwd. De browser toont "
            f"{'het' if errors == 1 else 'ze'} op elke pagina tot {'het is' if errors == 1 else 'ze zijn'} opgelost.")


# ---------------------------------------------------------------------------------------------
# The pages of the preview itself.

_PAGE = """<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; line-height: 1.5; margin: 0; color: #1a1a1a; background: #fff; }}
main {{ max-width: 60rem; margin: 0 auto; padding: 1.5rem; }}
h1 {{ font-size: 1.6rem; color: #8a1c1c; }}
li {{ margin-bottom: 0.75rem; }}
code, samp {{ font-family: ui-monospace, monospace; background: #f2f2f2; padding: 0 0.2em; overflow-wrap: anywhere; }}
</style>
</head>
<body>
<main>
{body}
</main>
</body>
</html>
"""


def problems_page(shown: Shown) -> str:
    errors = [p for p in shown.problems if p.severity == "error"]
    warnings = [p for p in shown.problems if p.severity != "error"]
    again = "Deze pagina laadt daarna vanzelf opnieuw en toont dan de site."
    if shown.crashed:
        title = "Er ging iets mis in het voorbeeld"
        lead = crash_sentence("het controleren of bouwen")
    elif errors:
        title = "De site kan nog niet worden getoond"
        count = "Er is 1 probleem" if len(errors) == 1 else f"Er zijn {len(errors)} problemen"
        lead = f"{count} in de inhoud. Los {'het' if len(errors) == 1 else 'ze'} op en sla het bestand op. {again}"
    else:
        title = "De site kan nog niet worden getoond"
        lead = f"De site kon niet worden gebouwd. Los de meldingen hieronder op en sla het bestand op. {again}"
    parts = [f"<h1>{html.escape(title)}</h1>", f"<p>{html.escape(lead)}</p>"]
    if errors:
        parts += _problem_list(errors)
    if shown.messages:
        if not shown.crashed:
            parts.append(f"<h2>Meldingen van het bouwprogramma</h2>\n<p>{html.escape(BUILD_MESSAGES_LEAD)}</p>")
        parts.append("<ul>")
        parts += [f'<li><samp lang="en">{html.escape(message)}</samp></li>' for message in shown.messages]
        parts.append("</ul>")
    if warnings:
        parts.append("<h2>Waarschuwingen</h2>\n<p>Hiermee kan de site wel worden gebouwd, maar los ze wel op.</p>")
        parts += _problem_list(warnings)
    return _PAGE.format(title=html.escape(f"{title} – voorbeeld van het portaal"), body="\n".join(parts))


def _problem_list(problems: list[Problem]) -> list[str]:
    """One item a problem: where (path:line:col) and the sentence `portal check` prints."""
    items = ["<ul>"]
    for problem in problems:
        where = f"{problem.path}:{problem.line}:{problem.col}"
        prefix = "waarschuwing: " if problem.severity != "error" else ""
        items.append(f"<li><code>{html.escape(where)}</code>: {html.escape(prefix + problem.sentence())}</li>")
    items.append("</ul>")
    return items


def building_page() -> str:
    title = "De site wordt gebouwd"
    body = (f"<h1>{title}</h1>\n<p>Een ogenblik geduld. De inhoud wordt gecontroleerd en de site wordt gebouwd. "
            "Deze pagina laadt vanzelf opnieuw als de site klaar is.</p>")
    return _PAGE.format(title=f"{title} – voorbeeld van het portaal", body=body)


def with_reload_script(page: bytes, version: str) -> bytes:
    """The page with the preview's reload script before its last </body> (or at its end)."""
    tag = f'<script src="{RELOAD_SCRIPT_PATH}" data-versie="{html.escape(version)}"></script>'.encode()
    end = page.lower().rfind(b"</body>")
    if end < 0:
        return page + tag
    return page[:end] + tag + page[end:]


# ---------------------------------------------------------------------------------------------
# The web server.


class _PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler, preview: Preview) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.preview = preview
        super().__init__(address, handler)

    def handle_error(self, request, client_address) -> None:
        # A browser that closes a connection early (a reload) is no error worth a traceback.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: _PreviewServer

    def version_string(self) -> str:
        return "portaal-voorbeeld"

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def log_message(self, format: str, *args) -> None:
        pass  # every request in the terminal would bury the problems

    def _answer(self, *, send_body: bool) -> None:
        parts = urllib.parse.urlsplit(self.path)
        path = parts.path
        shown = self.server.preview.shown
        if path == VERSION_PATH:
            known = urllib.parse.parse_qs(parts.query).get("na", [None])[0]
            version = shown.version if known is None else self.server.preview.version_after(known, VERSION_WAIT_SECONDS)
            return self._send(HTTPStatus.OK, "text/plain; charset=utf-8", version.encode(), send_body)
        if path == RELOAD_SCRIPT_PATH:
            return self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", RELOAD_SCRIPT.encode(), send_body)
        if shown.kind != "site" or shown.site is None:
            page = problems_page(shown) if shown.kind == "problems" else building_page()
            return self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/html; charset=utf-8",
                              with_reload_script(page.encode(), shown.version), send_body)
        found = site_file(shown.site, path)
        if found is None:
            missing = shown.site / "404.html"
            body = missing.read_bytes() if missing.is_file() else b"<!doctype html><title>404</title>"
            return self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8",
                              with_reload_script(body, shown.version), send_body)
        if found.is_dir():
            # As a static host does: a folder's address ends with a slash (relative links need it).
            query = urllib.parse.urlsplit(self.path).query
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", path + "/" + (f"?{query}" if query else ""))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        content_type = _content_type(found)
        try:
            body = found.read_bytes()
        except OSError:  # replaced by a newer build between looking and reading
            return self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/plain; charset=utf-8", b"", send_body)
        if content_type.startswith("text/html") and not path.startswith(NO_RELOAD_PREFIX):
            body = with_reload_script(body, shown.version)
        return self._send(HTTPStatus.OK, content_type, body, send_body)

    def _send(self, status: HTTPStatus, content_type: str, body: bytes, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")  # a preview is never stale
        self.end_headers()
        if send_body:
            self.wfile.write(body)


def site_file(site: Path, url_path: str) -> Path | None:
    """The file (or folder, to redirect) of the built site at this address, or None. Never a
    path outside the site, never through a symbolic link."""
    try:
        parts = urllib.parse.unquote(url_path, errors="strict").split("/")
    except UnicodeDecodeError:
        return None
    parts = [part for part in parts if part not in ("", ".")]
    if any(part == ".." or "\\" in part or "\0" in part or ":" in part for part in parts):
        return None
    current = site
    for part in parts:
        current = current / part
        if current.is_symlink() or not current.exists():
            return None
    if current.is_dir():
        index = current / "index.html"
        if not url_path.endswith("/") and parts:
            return current if index.is_file() else None
        return index if index.is_file() and not index.is_symlink() else None
    return current if current.is_file() else None


def _content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in _EXTRA_TYPES:
        return _EXTRA_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


# ---------------------------------------------------------------------------------------------
# Watching the files.

def snapshot(paths: Iterable[Path], root: Path) -> tuple[dict[str, tuple[int, int]], bool]:
    """Every watched file with its modification time and size, and whether the bound cut the
    look short; never through a symbolic link."""
    seen: dict[str, tuple[int, int]] = {}
    stack: list[tuple[Path, int]] = [(Path(p), 0) for p in paths]
    while stack:
        path, depth = stack.pop()
        try:
            info = path.lstat()
        except OSError:
            continue
        if stat.S_ISDIR(info.st_mode):
            if depth >= MAX_WATCHED_DEPTH:
                continue
            try:
                children = sorted(os.scandir(path), key=lambda entry: entry.name)
            except OSError:
                continue
            stack += [(Path(entry.path), depth + 1) for entry in children]
        elif stat.S_ISREG(info.st_mode):
            if path.name.endswith(_EDITOR_LEFTOVERS) or path.name.startswith(".#"):
                continue
            seen[_relative(path, root)] = (info.st_mtime_ns, info.st_size)
            if len(seen) >= MAX_WATCHED_FILES:
                return seen, True
    return seen, False


def _watches(paths) -> list[tuple[Path, bool]]:
    """(folder, recursive) for each watched path: a folder with everything below it; a file
    (mkdocs.yml) through its own folder alone. Watching the site's root recursively would watch
    .venv/ and node_modules/ too: thousands of folders, whose every read overflows the system's
    queue of notices, and then watchdog reads them all again, without end."""
    found: dict[Path, bool] = {}
    for path in paths:
        folder, recursive = (path, True) if path.is_dir() else (path.parent, False)
        found[folder] = found.get(folder, False) or recursive
    return sorted(found.items())


def _observe(folders: list[tuple[Path, bool]], told: threading.Event):
    """The system's notices of changes in `folders` (watchdog), each setting `told`; None when
    they cannot be had (then the watcher only looks now and then)."""
    try:
        from watchdog.events import (DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileClosedEvent,
                                     FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent,
                                     FileSystemEventHandler)
        from watchdog.observers import Observer
    except ImportError:
        return None
    # Only changes: a notice of every file read (opened, closed unchanged) would fill the queue.
    changes = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent,
               DirCreatedEvent, DirDeletedEvent, DirMovedEvent]

    class Tell(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            if event.event_type not in ("opened", "closed_no_write"):
                told.set()

    observer = Observer()
    try:
        for folder, recursive in folders:
            if folder.is_dir():
                observer.schedule(Tell(), str(folder), recursive=recursive, event_filter=changes)
        observer.daemon = True
        observer.start()
    except (OSError, RuntimeError):
        return None  # too many folders for the system's limit, or no such service: look now and then
    return observer


WORKDIR_PREFIX = "portal-voorbeeld-"


def _remove_left_behind(folder: Path) -> None:
    """Build folders of previews that were killed (in memory, they would take it until a restart)."""
    for left in folder.glob(f"{WORKDIR_PREFIX}*-*"):
        pid = left.name.removeprefix(WORKDIR_PREFIX).split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(left, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # there, but not ours to signal
    return True


def _memory_folder() -> str | None:
    """A folder in memory for the builds (Linux's /dev/shm) when there is room, else the usual one."""
    shm = Path("/dev/shm")
    try:
        if shm.is_dir() and os.access(shm, os.W_OK) and shutil.disk_usage(shm).free >= MIN_MEMORY_FOLDER_BYTES:
            return str(shm)
    except OSError:
        pass
    return None


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _changed_names(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> str:
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    if not changed:
        return "een bestand"
    first = "".join(char if char.isprintable() else "?" for char in changed[0])
    more = len(changed) - 1
    return first if more == 0 else f"{first} (en {more} {'ander' if more == 1 else 'andere'})"


def _unique(problems: tuple[Problem, ...]) -> tuple[Problem, ...]:
    """The check and the build may find the same problem: say it once."""
    seen, kept = set(), []
    for problem in problems:
        if problem.as_line() not in seen:
            seen.add(problem.as_line())
            kept.append(problem)
    return tuple(kept)


def _bounded(message: str) -> str:
    message = "".join(char if char.isprintable() else " " for char in message)
    return message if len(message) <= MAX_MESSAGE_CHARS else message[: MAX_MESSAGE_CHARS - 1] + "…"


# ---------------------------------------------------------------------------------------------
# The address.


def parse_address(address: str) -> tuple[str, int] | None:
    """(host, port) of "127.0.0.1:8000" or "[::1]:8000", or None when it is no such address."""
    host, _, port = address.rpartition(":")
    host = host.removeprefix("[").removesuffix("]") or "127.0.0.1"
    if not port.isdigit() or not 0 < int(port) < 65536:
        return None
    return host, int(port)


def is_loopback(host: str) -> bool:
    """Only this computer may see a preview: it shows content that is not published yet."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _display_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
