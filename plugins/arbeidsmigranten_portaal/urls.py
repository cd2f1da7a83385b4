"""Where each generated page and file lives in the site, and links between them.

The same addresses serve every engine: a page's source path (kennissessies/x.md) and its URL
(kennissessies/x/ with directory URLs, kennissessies/x.html without).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Iterable, Literal
from urllib.parse import urlsplit, urlunsplit

from .languages import LANGUAGE_NAMES

SESSIONS_DIR = "kennissessies"
PARTNERS_DIR = "alliantie"
DATA_DIR = "data"
LOGOS_DIR = "logos"
FEED_NAME = "kalender"
REGIONAL_NAME = "regio"
# The voortgang page (content/voortgang.md) and its report to print, which sits beside it.
PROGRESS_DIR = "voortgang"
PROGRESS_REPORT = "voortgangsrapportage.pdf"
SIGNALS_CARD_DIR = "signalenkaart"
DATA_FILES = ("sessions.json", "sessions.schema.json", "partners.json", "partners.schema.json", "actions.json",
              "actions.schema.json")

ClaimKind = Literal[
    "calendar", "alliance", "logos", "feed", "audience_feed", "data", "session", "session_ics", "session_flyer",
    "audience", "partner", "logo", "regional", "print",
]
# Places the portal needs but does not write: the calendar and alliance pages are content pages
# (with a block), and the folder of the logos holds only logos.
# The regional calendar is written only on a site that lists regional sources, but its names
# are taken on every site, so that adding sources later cannot collide with a session or audience.
PLACEHOLDERS: frozenset[str] = frozenset({"calendar", "alliance", "logos", "regional"})
# The PDFs to print: their places are taken on every site (nothing else may sit there), but they
# are written only where the build makes PDFs, and a flyer only for one of the next sessions.
PRINTED: frozenset[str] = frozenset({"session_flyer", "print"})


@dataclass(frozen=True)
class Claim:
    """Who puts something at a path of the site: a kind and, for records, the record's id."""

    kind: ClaimKind
    owner: str | None = None

    @property
    def placeholder(self) -> bool:
        return self.kind in PLACEHOLDERS


@dataclass(frozen=True)
class SiteUrls:
    directory_urls: bool = True
    site_url: str = ""
    # A language other than the site's default: its pages are named like translated content
    # pages (kennissessies/x.en.md) and live in its folder (en/kennissessies/x/). Calendar files,
    # open data and logos are shared by all languages and live at the root.
    language: str | None = None

    # Source paths of pages, relative to the docs folder.
    def calendar_src(self) -> str:
        return self._page(f"{SESSIONS_DIR}/index")

    def session_src(self, session_id: str) -> str:
        return self._page(f"{SESSIONS_DIR}/{session_id}")

    def audience_src(self, audience_id: str) -> str:
        return self._page(f"{SESSIONS_DIR}/{audience_id}")

    def alliance_src(self) -> str:
        return self._page(f"{PARTNERS_DIR}/index")

    def partner_src(self, partner_id: str) -> str:
        return self._page(f"{PARTNERS_DIR}/{partner_id}")

    def regional_src(self, kind: Literal["gemeente", "doelgroep"] | None = None, key: str = "") -> str:
        """The regional calendar, or its view of one municipality or one audience."""
        base = f"{SESSIONS_DIR}/{REGIONAL_NAME}"
        return self._page(base if kind is None else f"{base}/{kind}/{key}")

    def _page(self, path: str) -> str:
        return f"{path}.{self.language}.md" if self.language else f"{path}.md"

    # Files that are not pages.
    @staticmethod
    def session_ics(session_id: str) -> str:
        return f"{SESSIONS_DIR}/{session_id}.ics"

    @staticmethod
    def session_flyer(session_id: str) -> str:
        """The A5 flyer to print (render/paper.py), beside the session's calendar file."""
        return f"{SESSIONS_DIR}/{session_id}.pdf"

    @staticmethod
    def progress_report() -> str:
        return f"{PROGRESS_DIR}/{PROGRESS_REPORT}"

    @staticmethod
    def signals_card(language: str) -> str:
        return f"{SIGNALS_CARD_DIR}/{SIGNALS_CARD_DIR}-{language}.pdf"

    @staticmethod
    def feed_ics(audience_id: str | None = None) -> str:
        name = FEED_NAME if audience_id is None else f"{FEED_NAME}-{audience_id}"
        return f"{SESSIONS_DIR}/{name}.ics"

    @staticmethod
    def regional_ics() -> str:
        return f"{SESSIONS_DIR}/{REGIONAL_NAME}.ics"

    @staticmethod
    def regional_data_file(name: str) -> str:
        return f"{DATA_DIR}/{REGIONAL_NAME}/{name}"

    @staticmethod
    def partner_logo(partner_id: str, logo: str) -> str:
        return f"{PARTNERS_DIR}/{LOGOS_DIR}/{partner_id}{posixpath.splitext(logo)[1]}"

    @staticmethod
    def data_file(name: str) -> str:
        return f"{DATA_DIR}/{name}"

    def planned(
        self, session_ids: Iterable[str], partner_ids: Iterable[str], audience_ids: Iterable[str], logos: dict[str, str]
    ) -> list[tuple[str, Claim]]:
        """Every path the portal fills (pages by source path, files by site path) and who fills it.

        The one list of generated paths: generated_files() and the check that no two of them
        collide (checks/collisions.py) are both made from it, so they cannot disagree.
        """
        found: list[tuple[str, Claim]] = [
            (self.calendar_src(), Claim("calendar")),
            (self.alliance_src(), Claim("alliance")),
            (self._page(f"{PARTNERS_DIR}/{LOGOS_DIR}"), Claim("logos")),
            (self.feed_ics(), Claim("feed")),
            (self.regional_src(), Claim("regional")),
            (self.regional_ics(), Claim("regional")),
            *((self.data_file(name), Claim("data", name)) for name in DATA_FILES),
            (self.progress_report(), Claim("print", "de voortgangsrapportage")),
            # Every language a card may be in, so that a language added later cannot collide.
            *((self.signals_card(language), Claim("print", "de signalenkaart")) for language in LANGUAGE_NAMES),
        ]
        for session_id in session_ids:
            found += [(self.session_src(session_id), Claim("session", session_id)),
                      (self.session_ics(session_id), Claim("session_ics", session_id)),
                      (self.session_flyer(session_id), Claim("session_flyer", session_id))]
        for audience_id in audience_ids:
            found += [(self.audience_src(audience_id), Claim("audience", audience_id)),
                      (self.feed_ics(audience_id), Claim("audience_feed", audience_id))]
        found += [(self.partner_src(partner_id), Claim("partner", partner_id)) for partner_id in partner_ids]
        found += [(self.partner_logo(partner_id, logo), Claim("logo", partner_id)) for partner_id, logo in logos.items()]
        return found

    def generated_files(self, session_ids, partner_ids, audience_ids, logos: dict[str, str]) -> set[str]:
        """Every page and file the portal adds to the site, by source path (without rendering)."""
        return {path for path, claim in self.planned(session_ids, partner_ids, audience_ids, logos)
                if not claim.placeholder and claim.kind not in PRINTED}

    def output_path(self, path: str) -> str:
        """Where a page (by its source path) or a file ends up in the site folder."""
        return self.dest_uri(path) if path.endswith(".md") else path

    def page_url(self, src: str) -> str:
        """URL of the page built from `src`, relative to the site root, as MkDocs makes it."""
        stem, _ = posixpath.splitext(src)
        folder = ""
        if self.language and stem.endswith(f".{self.language}"):
            stem, folder = stem[: -len(self.language) - 1], f"{self.language}/"
        if not self.directory_urls:
            return folder + stem + ".html"
        if stem == "index":
            return folder
        if stem.endswith("/index"):
            return folder + stem[: -len("index")]
        return folder + stem + "/"

    def dest_uri(self, src: str) -> str:
        """Where the page built from `src` is written, relative to the site folder."""
        url = self.page_url(src)
        return url + "index.html" if url == "" or url.endswith("/") else url

    def absolute(self, url: str) -> str:
        return self.site_url.rstrip("/") + "/" + url if self.site_url else url

    def webcal(self, path: str) -> str | None:
        """The one-click subscription address of a calendar file: its absolute https address with
        the scheme webcal:// (same host and path), which a browser hands to the calendar app.

        None unless the site's address is https. webcal:// does not say whether the app should use
        TLS; for an https site the app may ask https (or http, and be redirected), but for a site at
        http:// it would poll an unprotected address for as long as the subscription lives, where
        anyone on the way could slip in events. Without site_url there is no host to subscribe to.
        """
        parts = urlsplit(self.absolute(path))
        if parts.scheme != "https" or not parts.netloc:
            return None
        return urlunsplit(("webcal", *parts[1:]))


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url` (both relative to the site root)."""
    if from_url == "" or from_url.endswith("/"):
        base = "/" + from_url
    else:
        base = "/" + posixpath.dirname(from_url)
    path = posixpath.relpath("/" + to_url, base)
    if to_url == "" or to_url.endswith("/"):
        return "./" if path == "." else path + "/"
    return path


def _reserved_names(folder: str, *, pages_only: bool = False) -> frozenset[str]:
    """Names in `folder` that the portal always uses itself, whatever the records are."""
    names = set()
    for path, _ in SiteUrls().planned((), (), (), {}):
        if posixpath.dirname(path) == folder and (path.endswith(".md") or not pages_only):
            names.add(posixpath.splitext(posixpath.basename(path))[0])
    return frozenset(names)


# An audience's page is kennissessies/<id>.md; a session's is the same and also kennissessies/<id>.ics;
# a partner's is alliantie/<id>.md. These names are taken whatever the records are (a session
# named kalender-<audience> is caught by the collision check, which knows the audiences).
RESERVED_AUDIENCE_IDS = _reserved_names(SESSIONS_DIR, pages_only=True)
RESERVED_SESSION_IDS = _reserved_names(SESSIONS_DIR)
RESERVED_PARTNER_IDS = _reserved_names(PARTNERS_DIR)
