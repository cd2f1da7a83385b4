"""Dates and times as readers write them in their language (Babel), in Europe/Amsterdam."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_time

from ..clock import TIMEZONE


def local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(TIMEZONE)


def long_date(moment: dt.datetime, language: str) -> str:
    """"donderdag 11 maart 2027"."""
    return format_date(local(moment).date(), "EEEE d MMMM y", locale=language)


def short_date(moment: dt.datetime, language: str) -> str:
    """"11 maart 2027"."""
    return format_date(local(moment).date(), "d MMMM y", locale=language)


def clock_time(moment: dt.datetime, language: str) -> str:
    """"19:30"."""
    return format_time(local(moment).time(), "HH:mm", locale=language)


def month_heading(moment: dt.datetime, language: str) -> str:
    """"Maart 2027" (month names are lower case in Dutch running text, but this is a heading)."""
    text = format_date(local(moment).date(), "LLLL y", locale=language)
    return text[:1].upper() + text[1:]


def iso(moment: dt.datetime) -> str:
    """ISO 8601 with the offset, for <time datetime> and the browser script."""
    return local(moment).isoformat()
