"""Dates and times as editors write them: local time in the Netherlands, "2027-03-11 19:30".

Every way a written time can fail to mean one moment is refused with a sentence, never guessed:
a time zone (Z, +02:00), a date that does not exist (2027-02-29, month 13, hour 24, second 61),
a time that does not exist or exists twice when the clocks change, and a year so far away that
it is a typing mistake (and that would overflow the time-zone arithmetic of the calendar files).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from .clock import TIMEZONE

# A kennissessie is planned months ahead, reported years later; outside this range a year is a
# typing mistake. Far inside what datetime and the calendar's time-zone arithmetic can handle.
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100

EXAMPLE = '"2027-03-11 19:30"'

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TIME_ONLY = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?$")
_DATETIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?P<fraction>[.,]\d+)?)?"
    r"\s*(?P<zone>Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$"
)

_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december")


class TimeProblem(ValueError):
    """A written date or time that means no single moment; the message is the Dutch sentence."""


def parse_local_datetime(value: Any) -> dt.datetime:
    """A date and time (text, or what a YAML reader made of it) as an aware Europe/Amsterdam time."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is TIMEZONE or getattr(value.tzinfo, "key", None) == TIMEZONE.key:
            # Made by the portal itself (a copy of a record, a test), not written: the zone is already ours.
            _check_date(value.year, value.month, value.day, value.hour, value.minute, value.second)
            return value
        if value.tzinfo is not None:
            raise TimeProblem(_zone_sentence(value, _offset_text(value)))
        return _local(value.year, value.month, value.day, value.hour, value.minute, value.second)
    if isinstance(value, dt.date):
        raise TimeProblem(f"heeft een datum maar geen tijd; schrijf datum en tijd, zoals {EXAMPLE}")
    if not isinstance(value, str):
        raise TimeProblem(f"moet een datum en tijd zijn, zoals {EXAMPLE} (Nederlandse tijd)")
    text = value.strip()
    if _TIME_ONLY.match(text):
        raise TimeProblem(f"heeft een tijd maar geen datum; schrijf datum en tijd, zoals {EXAMPLE}")
    if _DATE.match(text):
        raise TimeProblem(f"heeft een datum maar geen tijd; schrijf datum en tijd, zoals {EXAMPLE}")
    match = _DATETIME.match(text)
    # Fractions of a second only come with a time zone, from a program's output; alone they are a mistake.
    if not match or (match.group("fraction") and not match.group("zone")):
        raise TimeProblem(f"moet een datum en tijd zijn, zoals {EXAMPLE} (Nederlandse tijd)")
    year, month, day, hour, minute, second = (int(part or 0) for part in match.groups()[:6])
    if match.group("zone"):
        _check_date(year, month, day, hour, minute, second)
        moment = dt.datetime(year, month, day, hour, minute, second, tzinfo=_zone_of(match.group("zone")))
        raise TimeProblem(_zone_sentence(moment, match.group("zone")))
    return _local(year, month, day, hour, minute, second)


def parse_deadline(value: Any) -> dt.datetime:
    """A deadline may be a whole day: registration then closes at the end of that day (23:59)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return _local(value.year, value.month, value.day, 23, 59, 0)
    if isinstance(value, str):
        match = _DATE.match(value.strip())
        if match:
            year, month, day = (int(part) for part in match.groups())
            return _local(year, month, day, 23, 59, 0)
    return parse_local_datetime(value)


def _local(year: int, month: int, day: int, hour: int, minute: int, second: int) -> dt.datetime:
    _check_date(year, month, day, hour, minute, second)
    naive = dt.datetime(year, month, day, hour, minute, second)
    _check_wall_time(naive)
    return naive.replace(tzinfo=TIMEZONE)


def _check_date(year: int, month: int, day: int, hour: int, minute: int, second: int) -> None:
    # The year first: nothing below may compute with year 1 or 9999.
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise TimeProblem(
            f"heeft het jaar {year:04d}; dat is vast een tikfout: schrijf een jaar tussen {EARLIEST_YEAR} en "
            f"{LATEST_YEAR}, zoals {EXAMPLE}"
        )
    if not 1 <= month <= 12:
        raise TimeProblem(f"heeft maand {month}, en die bestaat niet; een maand is 01 tot en met 12, zoals {EXAMPLE}")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise TimeProblem(
            f"heeft dag {day}, maar {_MONTHS[month - 1]} {year} heeft {days} dagen; controleer de datum"
        )
    if hour > 23:
        raise TimeProblem("heeft een uur groter dan 23; middernacht schrijft u als 00:00 op de dag erna, zoals "
                          '"2027-03-12 00:00"')
    if minute > 59:
        raise TimeProblem("heeft meer dan 59 minuten; schrijf een tijd van 00:00 tot en met 23:59")
    if second > 59:
        raise TimeProblem("heeft meer dan 59 seconden; laat de seconden weg, zoals " + EXAMPLE)


def _check_wall_time(naive: dt.datetime) -> None:
    """Refuse a time that the clocks skip (spring) or pass twice (autumn) in the Netherlands."""
    earlier = naive.replace(tzinfo=TIMEZONE, fold=0)
    later = naive.replace(tzinfo=TIMEZONE, fold=1)
    if earlier.utcoffset() == later.utcoffset():
        return
    first, last = _changing_hour(naive.date())
    when = f"in de nacht van {naive.day} {_MONTHS[naive.month - 1]} {naive.year}"
    there_and_back = earlier.astimezone(dt.timezone.utc).astimezone(TIMEZONE).replace(tzinfo=None)
    if there_and_back != naive:
        raise TimeProblem(
            f"bestaat niet: {when} gaat de klok om {first} een uur vooruit naar {last} (zomertijd); "
            f"kies een tijd vóór {first} of vanaf {last}"
        )
    raise TimeProblem(
        f"komt twee keer voor: {when} gaat de klok om {last} een uur terug naar {first} (wintertijd); "
        f"kies een tijd vóór {first} of vanaf {last}, dan is duidelijk welk moment u bedoelt"
    )


def _changing_hour(day: dt.date) -> tuple[str, str]:
    """The wall-clock hours between which the clocks change on `day` (02:00 and 03:00 here)."""
    changing = [
        minute
        for minute in range(24 * 60)
        if _offsets_differ(dt.datetime(day.year, day.month, day.day, minute // 60, minute % 60))
    ]
    start, end = changing[0], changing[-1] + 1
    return f"{start // 60:02d}:{start % 60:02d}", f"{end // 60:02d}:{end % 60:02d}"


def _offsets_differ(naive: dt.datetime) -> bool:
    return naive.replace(tzinfo=TIMEZONE, fold=0).utcoffset() != naive.replace(tzinfo=TIMEZONE, fold=1).utcoffset()


def _zone_of(text: str) -> dt.tzinfo:
    if text.upper() in ("Z", "UTC", "GMT"):
        return dt.timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise TimeProblem("heeft een tijdzone die niet bestaat; schrijf de tijd zoals die in Nederland geldt, zonder "
                          f"tijdzone, zoals {EXAMPLE}")
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def _offset_text(moment: dt.datetime) -> str:
    offset = moment.utcoffset() or dt.timedelta(0)
    if not offset:
        return "Z"
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


# A time zone is refused, not converted: editors and readers think in the time on the invitation,
# and a file that says 17:30 while the site shows 19:30 misleads whoever reads the file next. One
# way of writing a time also keeps the files the same for every tool (a YAML 1.1 reader turns
# `...Z` into another moment than a YAML 1.2 reader that keeps it as text).
def _zone_sentence(moment: dt.datetime, zone: str) -> str:
    sentence = f"heeft een tijdzone ({zone}); schrijf de tijd zoals die in Nederland geldt, zonder tijdzone"
    if EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        local = moment.astimezone(TIMEZONE)
        return sentence + f', zoals "{local:%Y-%m-%d %H:%M}" (dat is hetzelfde moment in Nederlandse tijd)'
    return sentence + f", zoals {EXAMPLE}"
