"""The breadcrumb trail of a page ("U bent hier: Home > Kennissessies > ..."), from addresses.

It follows the address, not the navigation: a session page is in no menu, yet its address
kennissessies/<id>/ says it belongs to the calendar. A parent address without a page (the
news archive by year, say) is left out, so every link in the trail leads somewhere.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Crumb:
    title: str
    url: str | None  # None: the page itself


def trail(page_url: str, home_url: str, home_title: str, titles: dict[str, str], title: str) -> list[Crumb]:
    """Home, the pages at each parent address, then the page itself; empty on the home page.
    Addresses are site-relative with a trailing slash, as MkDocs writes them ("" is the root)."""
    page_url, home_url = _folder(page_url), _folder(home_url)
    if page_url == home_url:
        return []
    crumbs = [Crumb(home_title, home_url)]
    parts = page_url.strip("/").split("/")
    for depth in range(1, len(parts)):
        parent = "/".join(parts[:depth]) + "/"
        if parent != home_url and parent in titles:
            crumbs.append(Crumb(titles[parent], parent))
    crumbs.append(Crumb(title, None))
    return crumbs


def _folder(url: str) -> str:
    url = url.lstrip("/")
    if url in ("", ".", "./", "index.html"):
        return ""
    return url if url.endswith("/") else url + "/"
