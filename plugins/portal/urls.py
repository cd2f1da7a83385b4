"""Where each generated page and file lives in the site, and links between them.

The same addresses serve every engine: a page's source path (kennissessies/x.md) and its URL
(kennissessies/x/ with directory URLs, kennissessies/x.html without).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

SESSIONS_DIR = "kennissessies"
PARTNERS_DIR = "alliantie"
DATA_DIR = "data"
# Ids that would land on the address of another generated page.
RESERVED_SESSION_IDS = frozenset({"index"})
RESERVED_PARTNER_IDS = frozenset({"index"})


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

    def _page(self, path: str) -> str:
        return f"{path}.{self.language}.md" if self.language else f"{path}.md"

    # Files that are not pages.
    @staticmethod
    def session_ics(session_id: str) -> str:
        return f"{SESSIONS_DIR}/{session_id}.ics"

    @staticmethod
    def feed_ics(audience_id: str | None = None) -> str:
        return f"{SESSIONS_DIR}/kalender.ics" if audience_id is None else f"{SESSIONS_DIR}/kalender-{audience_id}.ics"

    @staticmethod
    def partner_logo(partner_id: str, logo: str) -> str:
        return f"{PARTNERS_DIR}/logos/{partner_id}{posixpath.splitext(logo)[1]}"

    @staticmethod
    def data_file(name: str) -> str:
        return f"{DATA_DIR}/{name}"

    def generated_files(self, session_ids, partner_ids, audience_ids, logos: dict[str, str]) -> set[str]:
        """Every page and file the portal adds to the site, by source path (without rendering)."""
        paths = {self.feed_ics(), self.data_file("sessions.json"), self.data_file("sessions.schema.json"),
                 self.data_file("partners.json"), self.data_file("partners.schema.json")}
        for session_id in session_ids:
            paths |= {self.session_src(session_id), self.session_ics(session_id)}
        for audience_id in audience_ids:
            paths |= {self.audience_src(audience_id), self.feed_ics(audience_id)}
        paths |= {self.partner_src(partner_id) for partner_id in partner_ids}
        paths |= {self.partner_logo(partner_id, logo) for partner_id, logo in logos.items()}
        return paths

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
