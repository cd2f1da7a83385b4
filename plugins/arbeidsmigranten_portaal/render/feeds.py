"""The news as an RSS 2.0 feed, with dates from each post's own front matter (not from git).

Built with xml.etree, which escapes every value; never with a text template.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from email.utils import format_datetime
from pathlib import Path

from ..clock import TIMEZONE
from ..front_matter import split_front_matter
from ..sources import safe_text

ATOM = "http://www.w3.org/2005/Atom"
_TITLE = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


@dataclass(frozen=True)
class NewsItem:
    src: str
    title: str
    date: dt.datetime
    summary: str
    categories: list[str] = field(default_factory=list)
    example: bool = False


def read_news_item(path: Path, src: str) -> NewsItem | None:
    """A news post's title, date, summary and categories; None for a draft or a post without date."""
    meta, body = split_front_matter(safe_text(path))
    if meta.get("draft") is True:
        return None
    date = meta.get("date")
    if isinstance(date, dict):  # Material's blog also allows date: {created: ..., updated: ...}
        date = date.get("created")
    if isinstance(date, dt.datetime):
        moment = date if date.tzinfo else date.replace(tzinfo=TIMEZONE)
    elif isinstance(date, dt.date):
        # Noon: the post's day stays the same day in every time zone a reader's app uses.
        moment = dt.datetime(date.year, date.month, date.day, 12, tzinfo=TIMEZONE)
    else:
        return None
    heading = _TITLE.search(body)
    title = str(meta.get("title") or (heading.group(1) if heading else path.stem))
    summary = str(meta.get("description") or "")
    categories = [str(c) for c in meta.get("categories") or []]
    return NewsItem(src, title, moment, summary, categories, meta.get("example") is True)


def rss_feed(
    *, title: str, link: str, self_link: str, description: str, language: str,
    items: list[tuple[NewsItem, str]], built: dt.datetime, example_label: str,
) -> bytes:
    """`items`: each post with its absolute URL. Newest first; invented posts say so in their title."""
    ET.register_namespace("atom", ATOM)
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = title
    ET.SubElement(channel, "link").text = link
    ET.SubElement(channel, f"{{{ATOM}}}link", {"href": self_link, "rel": "self", "type": "application/rss+xml"})
    ET.SubElement(channel, "description").text = description
    ET.SubElement(channel, "language").text = language
    ET.SubElement(channel, "lastBuildDate").text = format_datetime(built)
    for item, url in sorted(items, key=lambda pair: (pair[0].date, pair[0].src), reverse=True):
        element = ET.SubElement(channel, "item")
        ET.SubElement(element, "title").text = f"{example_label}: {item.title}" if item.example else item.title
        ET.SubElement(element, "link").text = url
        ET.SubElement(element, "guid", {"isPermaLink": "true"}).text = url
        ET.SubElement(element, "pubDate").text = format_datetime(item.date)
        if item.summary:
            ET.SubElement(element, "description").text = item.summary
        for category in item.categories:
            ET.SubElement(element, "category").text = category
    ET.indent(rss)
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True) + b"\n"
