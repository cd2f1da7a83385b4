"""What "now" is for a build.

A static page is built at one moment and read later; the build decides every time-based state
(registration open, closing soon, closed, past) from this one moment. It can be fixed for tests
and reproducible builds. In order of precedence:

1. the plugin option `today` (mkdocs.yml), e.g. "2027-01-15 09:00";
2. the environment variable PORTAL_NOW, same format;
3. SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds convention);
4. the real current time.

All times in the portal are local to Europe/Amsterdam.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from zoneinfo import ZoneInfo

TIMEZONE = ZoneInfo("Europe/Amsterdam")
_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d")


class ClockError(ValueError):
    pass


def build_now(configured: str | None = None, environ: Mapping[str, str] | None = None) -> dt.datetime:
    """The build's "now", aware, in Europe/Amsterdam, without microseconds."""
    environ = os.environ if environ is None else environ
    if configured:
        return parse_local(configured, "today")
    if environ.get("PORTAL_NOW"):
        return parse_local(environ["PORTAL_NOW"], "PORTAL_NOW")
    if environ.get("SOURCE_DATE_EPOCH"):
        try:
            seconds = int(environ["SOURCE_DATE_EPOCH"])
        except ValueError:
            raise ClockError(
                f'SOURCE_DATE_EPOCH moet een aantal seconden zijn (u schreef "{environ["SOURCE_DATE_EPOCH"]}")'
            ) from None
        return dt.datetime.fromtimestamp(seconds, TIMEZONE)
    return dt.datetime.now(TIMEZONE).replace(microsecond=0)


def parse_local(text: str, name: str) -> dt.datetime:
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), fmt).replace(tzinfo=TIMEZONE)
        except ValueError:
            continue
    raise ClockError(f'{name} moet een datum en tijd zijn zoals "2027-01-15 09:00" (u schreef "{text}")')
