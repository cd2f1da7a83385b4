"""Dates and times as readers write them in their language (Babel), in Europe/Amsterdam."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_time

from ..clock import TIMEZONE


def local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(TIMEZONE)


@lru_cache(maxsize=16)
def _locale(language: str) -> Locale:
    # Babel reads a language's data each time it is named by a string: once is enough.
    return Locale.parse(language)


def long_date(moment: dt.datetime, language: str) -> str:
    """"donderdag 11 maart 2027"."""
    return format_date(local(moment).date(), "EEEE d MMMM y", locale=_locale(language))


def short_date(moment: dt.datetime, language: str) -> str:
    """"11 maart 2027"."""
    return format_date(local(moment).date(), "d MMMM y", locale=_locale(language))


def clock_time(moment: dt.datetime, language: str) -> str:
    """"19:30"."""
    return format_time(local(moment).time(), "HH:mm", locale=_locale(language))


def month_heading(moment: dt.datetime, language: str) -> str:
    """"Maart 2027" (month names are lower case in Dutch running text, but this is a heading)."""
    text = format_date(local(moment).date(), "LLLL y", locale=_locale(language))
    return text[:1].upper() + text[1:]


def iso(moment: dt.datetime) -> str:
    """ISO 8601 with the offset, for <time datetime> and the browser script."""
    return local(moment).isoformat()
