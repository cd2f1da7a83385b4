"""Invented records outside their pages: kept out of the sitemap, marked in the search index.

A page of an invented record (`example: true`) says so at the top, but a search engine finds
pages through sitemap.xml and the site's own search shows each section of a page as a result
of its own ("Aanmelden ..."), far from that notice. So after the build, with the addresses of
the example pages: they leave sitemap.xml (and its .gz), and every search entry of such a page
gets the example label before its title. The pages themselves say noindex (main.html).

Plain files in, plain files out: no MkDocs import, so another engine can call the same.
"""

from __future__ import annotations

import gzip
import html
import re
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit



def drop_from_sitemap(site_dir: Path, example_urls: Mapping[str, str], site_url: str) -> int:
    """Remove the example pages (site-relative URLs, such as kennissessies/x/) from sitemap.xml and
    sitemap.xml.gz; returns how many entries went.

    The sitemap is the theme's own template output, one <url> element per page: each is taken
    out as text, so a sitemap of thousands of pages never becomes a tree in memory."""
    base = urlsplit(site_url or "/").path or "/"
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file() or not example_urls:
        return 0
    dropped = 0

    def keep(entry: re.Match[str]) -> str:
        nonlocal dropped
        path = urlsplit(html.unescape(entry.group(1).strip())).path
        relative = path[len(base):] if path.startswith(base) else path.lstrip("/")
        if relative in example_urls:
            dropped += 1
            return ""
        return entry.group(0)

    text = _URL_ENTRY.sub(keep, sitemap.read_text(encoding="utf-8"))
    if not dropped:
        return 0
    data = text.encode("utf-8")
    sitemap.write_bytes(data)
    packed = sitemap.with_name("sitemap.xml.gz")
    if packed.is_file():
        with gzip.open(packed, "rb") as handle:
            handle.read(1)
            mtime = handle.mtime  # the build's own timestamp, so the build stays reproducible
        with packed.open("wb") as raw, gzip.GzipFile(filename="sitemap.xml", mode="wb", fileobj=raw, mtime=mtime) as out:
            out.write(data)
    return dropped


# One page's entry in sitemap.xml, with the white space before it: <url><loc>...</loc>...</url>
_URL_ENTRY = re.compile(r"[ \t\r\n]*<url>\s*<loc>([^<]*)</loc>.*?</url>", re.DOTALL)


def mark_examples(docs: list[dict], example_urls: Mapping[str, str]) -> int:
    """Put the example label (per page, in the page's language) before the title of every search
    entry (`docs` of the search index) of an example page, its sections included; returns how
    many entries were marked."""
    marked = 0
    for doc in docs:
        label = example_urls.get(doc.get("location", "").split("#", 1)[0])
        if label and not doc.get("title", "").startswith(f"{label}: "):
            doc["title"] = f"{label}: {doc.get('title', '')}"
            marked += 1
    return marked
