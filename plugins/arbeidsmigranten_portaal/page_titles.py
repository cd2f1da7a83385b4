"""A content page as a link made from a record shows it (an action's evidence): its title as its
readers see it (the front matter's title, else the first heading, else its path), and whether
the page is an invented example."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from .front_matter import split_front_matter
from .sources import page_under, read_text

_HEADING = re.compile(r"^#[ \t]+(?P<text>.+?)[ \t#]*$", re.MULTILINE)
# What a heading may hold that its text shows without: Markdown's emphasis and code marks, and
# HTML tags (their entities are read as the characters they stand for).
_MARKS = re.compile(r"[*_`]|<[^>]*>")


@dataclass(frozen=True)
class PageSummary:
    title: str
    example: bool


def page_summary(content: Path, root: Path, src: str) -> PageSummary:
    path = page_under(content, src)
    text = read_text(path, root, "page")[0] if path is not None else None  # the gate: bounded, no links out
    if text is None:
        return PageSummary(src, False)
    meta, body = split_front_matter(text)
    example = meta.get("example") is True
    title = meta.get("title")
    if isinstance(title, str) and title.strip():
        return PageSummary(title.strip(), example)
    match = _HEADING.search(body)
    text = html.unescape(_MARKS.sub("", match.group("text"))).strip() if match else ""
    return PageSummary(text or src, example)
