"""Changes to a page's Markdown that hold for every page of a kind."""

from __future__ import annotations

import re

from .html import render_fragment

_TITLE = re.compile(r"^# .*$", re.MULTILINE)


def mark_example(markdown: str, title: str, text: str) -> str:
    """Put the 'this is example content' notice right under the page title (or on top).

    Done on the Markdown, not the HTML, so that a news post's excerpt in the news list
    carries the notice too.
    """
    notice = "\n\n" + render_fragment("example_notice.html", title=title, text=text) + "\n\n"
    title = _TITLE.search(markdown)
    if title is None:
        return notice.lstrip() + markdown
    return markdown[: title.end()] + notice + markdown[title.end() :].lstrip("\n")
