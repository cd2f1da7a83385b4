"""The PDFs to print (render/paper.py), made by WeasyPrint in a helper process beside the build.

A PDF takes WeasyPrint a few tenths of a second, and WeasyPrint itself a second to load: made
in the build, a site's PDFs would make it seconds slower. So the build hands the documents over
at once and goes on rendering pages; a second process makes the PDFs on the second processor,
and the build waits for it only at its end.

Each PDF is kept in a cache by the digest of its whole input (the HTML, WeasyPrint's version,
the options): a document that did not change is copied, not made again, in the next build and
in the preview. WeasyPrint writes the same bytes for the same input (SOURCE_DATE_EPOCH fixes the
one date it would take from the clock, in the fonts it embeds), so a copy is the same file.

Untrusted input: the HTML is rendered from records by autoescaped templates, and WeasyPrint gets
a URL fetcher that refuses every URL, so no document can read a file or the network.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from .helper_process import helper_command

if TYPE_CHECKING:  # the helper process loads no more than it needs
    from .render.paper import PaperDocument

# The options every PDF is made with: tagged (PDF/UA-1: structure, title, language) for
# readers with a screen reader.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}
# fontTools writes the moment of embedding into each font it embeds: a fixed moment instead
# (2000-01-01), so the same document gives the same bytes on every build.
FONT_EPOCH = "946684800"
CACHE_ENV = "PORTAL_CACHE_DIR"
# A cache of more PDFs than this is pruned, oldest first (a site has tens).
MAX_CACHED = 500
# What the helper may use at most: a site's PDFs take seconds and some hundred megabytes; a
# pull request that would take more (thousands of actions in the report) stops with a sentence.
TIME_LIMIT_SECONDS = 300
MEMORY_LIMIT_BYTES = 4 * 1024**3


class PdfError(Exception):
    """A sentence for the editor or the maintainer: why the PDFs could not be made."""


def cache_dir() -> Path:
    """$PORTAL_CACHE_DIR, or the user's cache folder (as pip and pre-commit keep theirs)."""
    own = os.environ.get(CACHE_ENV)
    if own:
        return Path(own) / "pdf"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "arbeidsmigranten-portaal" / "pdf"


def _own_cache(cache: Path) -> bool:
    """The cache folder is ours alone (made 0700 by us): a folder someone else can write in
    could hold any file under a document's name, and that file would be published."""
    try:
        cache.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.stat(cache, follow_symlinks=False)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o022


def _read_cached(path: Path) -> bytes | None:
    """A cached PDF, if it is a plain file of ours that is a PDF (never through a link)."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(handle, "rb") as source:
        info = os.fstat(source.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
            return None
        data = source.read()
    return data if data.startswith(b"%PDF-") else None


def _engine_version() -> str:
    try:
        return metadata.version("weasyprint")
    except metadata.PackageNotFoundError:
        return "missing"


def document_key(document: PaperDocument, engine: str) -> str:
    digest = hashlib.sha256()
    for part in (engine, json.dumps(PDF_OPTIONS, sort_keys=True), FONT_EPOCH, document.html):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


class PdfMaker:
    """Makes `documents` into `site_dir`: copies of what the cache holds at once, the rest in a
    helper process. wait() before the site is published; stop() when the build failed."""

    def __init__(self, site_dir: Path, documents: Iterable[PaperDocument], cache: Path | None = None) -> None:
        self.cache = cache if cache is not None else cache_dir()
        use_cache = _own_cache(self.cache)
        self.made: list[str] = []
        self._process: subprocess.Popen | None = None
        self._jobs_file: str | None = None
        engine = _engine_version()
        jobs = []
        for document in documents:
            target = _inside(site_dir, document.path)
            cached = self.cache / f"{document_key(document, engine)}.pdf"
            data = _read_cached(cached) if use_cache else None
            if data is not None:
                try:
                    _write_atomically(target, data)
                except OSError as error:
                    raise PdfError(_write_sentence(document.path, error)) from None
                _touch(cached)
            else:
                jobs.append({"html": document.html, "target": str(target), "path": document.path,
                             "cache": str(cached) if use_cache else ""})
            self.made.append(document.path)
        if not jobs:
            return
        # The jobs go through a file: the helper reads them whole (and removes it), and no pipe
        # can fill up.
        handle, self._jobs_file = tempfile.mkstemp(prefix="portal-pdf-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(jobs, out)
        env = dict(os.environ, SOURCE_DATE_EPOCH=FONT_EPOCH)
        self._process = subprocess.Popen(
            helper_command(__name__, self._jobs_file), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            env=env,
        )
        # However the build ends (Ctrl+C too), the helper does not outlive it.
        atexit.register(self.stop)

    def wait(self) -> None:
        if self._process is None:
            return
        try:
            output, _ = self._process.communicate(timeout=TIME_LIMIT_SECONDS)
        except subprocess.TimeoutExpired:
            self.stop()
            raise PdfError(
                f"de PDF's om te printen kosten meer dan {TIME_LIMIT_SECONDS // 60} minuten; de voortgang of de "
                "kalender is te groot om te printen. Maak ze kleiner, of zet pdfs: false onder plugins: - portal: "
                "in mkdocs.yml") from None
        code, self._process = self._process.returncode, None
        self._remove_jobs()
        atexit.unregister(self.stop)
        if code != 0:
            raise PdfError(_failure_sentence(output.decode("utf-8", "replace")))
        _prune(self.cache)

    def stop(self) -> None:
        if self._process is not None:
            if self._process.poll() is None:
                self._process.kill()
            self._process.wait()
            self._process = None
        self._remove_jobs()
        atexit.unregister(self.stop)

    def _remove_jobs(self) -> None:
        if self._jobs_file is not None:
            try:
                os.unlink(self._jobs_file)
            except OSError:
                pass
            self._jobs_file = None


def _inside(site_dir: Path, path: str) -> Path:
    target = (site_dir / path).resolve()
    if not target.is_relative_to(site_dir.resolve()):
        raise PdfError(f"{path}: dit pad ligt buiten de map van de site")
    return target


def _write_sentence(path: str, error: OSError) -> str:
    return (f"de PDF {path} kon niet geschreven worden ({error.strerror or error}); staat er in content/ een map of "
            "bestand met die naam? Geef dat een andere naam")


def _touch(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:
        pass


def _prune(cache: Path) -> None:
    try:
        kept = sorted(cache.glob("*.pdf"), key=lambda path: path.stat().st_mtime)
    except OSError:
        return
    for old in kept[:-MAX_CACHED] if len(kept) > MAX_CACHED else []:
        try:
            old.unlink()
        except OSError:
            pass


# What the helper prints before anything else when WeasyPrint cannot start (no Pango, say).
_NO_ENGINE = "PORTAL-PDF-NO-ENGINE:"
_FAILED = "PORTAL-PDF-FAILED:"
_TOO_BIG = "PORTAL-PDF-MEMORY:"


def _failure_sentence(output: str) -> str:
    for line in output.splitlines():
        if line.startswith(_NO_ENGINE):
            return (
                "de PDF's om te printen (flyers, voortgangsrapportage, signalenkaart) kunnen niet gemaakt worden: "
                f"WeasyPrint werkt niet op deze computer ({line.removeprefix(_NO_ENGINE).strip()}). Installeer Pango "
                "(Debian en Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0), of zet pdfs: false onder "
                "plugins: - portal: in mkdocs.yml"
            )
        if line.startswith(_TOO_BIG):
            return (f"de PDF's om te printen hebben meer dan {MEMORY_LIMIT_BYTES // 1024**3} GB geheugen nodig; de "
                    "voortgang of de kalender is te groot om te printen. Maak ze kleiner, of zet pdfs: false onder "
                    "plugins: - portal: in mkdocs.yml")
        if line.startswith(_FAILED):
            return f"een PDF om te printen kon niet gemaakt worden: {line.removeprefix(_FAILED).strip()}"
    return "de PDF's om te printen konden niet gemaakt worden: " + (output.strip().splitlines() or ["onbekende fout"])[-1]


def _end_with_the_build() -> None:
    """Linux: the kernel stops this helper when the build that started it ends (a kill -9 too)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _limit_memory() -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    except (ImportError, ValueError, OSError):
        pass


def _make_all(jobs_file: str) -> int:
    parent = os.getppid()
    _end_with_the_build()
    if os.getppid() != parent:
        return 1  # the build ended before the line above took effect
    with open(jobs_file, encoding="utf-8") as source:
        jobs = json.load(source)
    # The jobs hold the whole HTML: no copy left behind, however the build ends.
    os.unlink(jobs_file)
    _limit_memory()
    try:
        import logging

        from weasyprint import HTML
        from weasyprint.text.fonts import FontConfiguration
        from weasyprint.urls import URLFetcher
        # WeasyPrint says what it skips (a CSS property it lacks) as warnings: not for editors.
        logging.getLogger("weasyprint").setLevel(logging.ERROR)
    except (ImportError, OSError) as error:
        print(_NO_ENGINE, str(error).splitlines()[0] if str(error) else type(error).__name__, flush=True)
        return 1
    fonts = FontConfiguration()
    # No protocol allowed: not http(s), not file, not data. WeasyPrint then skips the resource.
    refuse_every_url = URLFetcher(allowed_protocols=frozenset())
    for job in jobs:
        target = Path(job["target"])
        try:
            pdf = HTML(string=job["html"], url_fetcher=refuse_every_url).write_pdf(font_config=fonts, **PDF_OPTIONS)
        except MemoryError:
            print(_TOO_BIG, flush=True)
            return 1
        except Exception as error:  # noqa: BLE001 - said as one line, with the file it was for
            print(_FAILED, f"{job['path']}: {type(error).__name__}: {error}", flush=True)
            return 1
        try:
            _write_atomically(target, pdf)
        except OSError as error:
            print(_FAILED, _write_sentence(job["path"], error), flush=True)
            return 1
        if job["cache"]:
            try:
                _write_atomically(Path(job["cache"]), pdf)
            except OSError:
                pass  # no cache (a read-only home, say): the next build makes it again
    return 0


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".portal-", suffix=".pdf")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        # mkstemp makes the file for its owner alone; a published file is readable by all (the
        # web server), as every other file of the build.
        os.chmod(temporary, 0o644 & ~_UMASK)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()

if __name__ == "__main__":
    sys.exit(_make_all(sys.argv[1]))
