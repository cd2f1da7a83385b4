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

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

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


class PdfError(Exception):
    """A sentence for the editor or the maintainer: why the PDFs could not be made."""


def cache_dir() -> Path:
    """$PORTAL_CACHE_DIR, or the user's cache folder (as pip and pre-commit keep theirs)."""
    own = os.environ.get(CACHE_ENV)
    if own:
        return Path(own) / "pdf"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "arbeidsmigranten-portaal" / "pdf"


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
        self.made: list[str] = []
        self._process: subprocess.Popen | None = None
        self._jobs_file: str | None = None
        engine = _engine_version()
        jobs = []
        for document in documents:
            target = _inside(site_dir, document.path)
            cached = self.cache / f"{document_key(document, engine)}.pdf"
            if cached.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(cached, target)
                _touch(cached)
            else:
                jobs.append({"html": document.html, "target": str(target), "cache": str(cached)})
            self.made.append(document.path)
        if not jobs:
            return
        # The jobs go through a file: the helper reads them whole, and no pipe can fill up.
        handle, self._jobs_file = tempfile.mkstemp(prefix="portal-pdf-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(jobs, out)
        env = dict(os.environ, SOURCE_DATE_EPOCH=FONT_EPOCH)
        self._process = subprocess.Popen(
            [sys.executable, "-m", __name__, self._jobs_file], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            env=env,
        )

    def wait(self) -> None:
        if self._process is None:
            return
        output, _ = self._process.communicate()
        code, self._process = self._process.returncode, None
        self._remove_jobs()
        if code != 0:
            raise PdfError(_failure_sentence(output.decode("utf-8", "replace")))
        _prune(self.cache)

    def stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._process = None
        self._remove_jobs()

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


def _failure_sentence(output: str) -> str:
    for line in output.splitlines():
        if line.startswith(_NO_ENGINE):
            return (
                "de PDF's om te printen (flyers, voortgangsrapportage, signalenkaart) kunnen niet gemaakt worden: "
                f"WeasyPrint werkt niet op deze computer ({line.removeprefix(_NO_ENGINE).strip()}). Installeer Pango "
                "(Debian en Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0), of zet pdfs: false onder "
                "plugins: - portal: in mkdocs.yml"
            )
        if line.startswith(_FAILED):
            return f"een PDF om te printen kon niet gemaakt worden: {line.removeprefix(_FAILED).strip()}"
    return "de PDF's om te printen konden niet gemaakt worden: " + (output.strip().splitlines() or ["onbekende fout"])[-1]


def _make_all(jobs_file: str) -> int:
    with open(jobs_file, encoding="utf-8") as source:
        jobs = json.load(source)
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
        target, cached = Path(job["target"]), Path(job["cache"])
        try:
            pdf = HTML(string=job["html"], url_fetcher=refuse_every_url).write_pdf(font_config=fonts, **PDF_OPTIONS)
        except Exception as error:  # noqa: BLE001 - said as one line, with the file it was for
            print(_FAILED, f"{target.name}: {type(error).__name__}: {error}", flush=True)
            return 1
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(target, pdf)
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(cached, pdf)
        except OSError:
            pass  # no cache (a read-only home, say): the next build makes it again
    return 0


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".portal-", suffix=".pdf")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


if __name__ == "__main__":
    sys.exit(_make_all(sys.argv[1]))
