"""Changes to a page's Markdown that hold for every page of a kind."""

from __future__ import annotations

import datetime as dt
import re

from babel.dates import format_date
from markupsafe import escape

from .html import render_fragment

_TITLE = re.compile(r"^# .*$", re.MULTILINE)


def mark_example(markdown: str, title: str, text: str) -> str:
    """Put the 'this is example content' notice right under the page title (or on top).

    Done on the Markdown, not the HTML, so that a news post's excerpt in the news list
    carries the notice too.
    """
    return _under_title(markdown, render_fragment("example_notice.html", title=title, text=text))


def mark_unreviewed_translation(markdown: str, text: str) -> str:
    """Say under the title that no native speaker has checked this translation yet."""
    return _under_title(markdown, render_fragment("translation_notice.html", text=text))


def mark_reviewed(markdown: str, labels, checked: dt.date) -> str:
    """Say at the end of the page when its content was last checked, in the page's language."""
    day = format_date(checked, "d MMMM y", locale=labels.language)
    text = labels.html("page.reviewed", date=f'<time datetime="{checked.isoformat()}">{escape(day)}</time>')
    return markdown.rstrip("\n") + "\n\n" + render_fragment("reviewed_notice.html", text=text) + "\n"


def _under_title(markdown: str, fragment: str) -> str:
    notice = "\n\n" + fragment + "\n\n"
    title = _TITLE.search(markdown)
    if title is None:
        return notice.lstrip() + markdown
    return markdown[: title.end()] + notice + markdown[title.end() :].lstrip("\n")
