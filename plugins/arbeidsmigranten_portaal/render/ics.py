"""Calendar files (RFC 5545) made with the icalendar library, never with a text template.

One file per session and subscribable feeds (all sessions, one per audience). Times are in
Europe/Amsterdam with a VTIMEZONE; the UID is fixed per session id, so a calendar app updates
an event instead of adding a second one; SEQUENCE follows the session's revision.

Each session's VEVENT is made and serialised once (`EventIcal`) and the same bytes go into its own
file and every feed it is in: icalendar writes a calendar as its properties followed by its
components' own serialisations, so the files are the bytes icalendar would write for the whole.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from icalendar import Calendar, Event, Timezone

from .. import __version__, memo
from ..clock import TIMEZONE
from .views import RenderContext, SessionView

_STATUS = {"cancelled": "CANCELLED"}
_END = b"END:VCALENDAR\r\n"


@dataclass(frozen=True)
class EventIcal:
    """One finished VEVENT as icalendar wrote it, with its start and end (for the VTIMEZONE)."""

    ical: bytes
    start: dt.datetime
    end: dt.datetime


def session_event(ctx: RenderContext, view: SessionView) -> EventIcal:
    return EventIcal(_event(ctx, view).to_ical(), view.session.start, view.session.end)


# The moment a kept event is made with, put right when it is used: DTSTAMP is the build's moment,
# which in the preview is the clock's, a new one every build.
_KEPT_MOMENT = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


def kept_session_event(ctx: RenderContext, view: SessionView, key: str) -> EventIcal:
    """session_event, made once per view (`key`, memo.py) with a stand-in DTSTAMP, then stamped."""
    made = memo.remember("event", key, lambda: _event(dataclasses.replace(ctx, now=_KEPT_MOMENT), view).to_ical())
    return EventIcal(_stamped(made, ctx.now), view.session.start, view.session.end)


def kept_session_calendar(ctx: RenderContext, view: SessionView, key: str) -> bytes:
    """session_calendar, made once per view (`key`, memo.py) with a stand-in DTSTAMP, then stamped."""
    return _stamped(memo.remember("session calendar", key, lambda: session_calendar(
        dataclasses.replace(ctx, now=_KEPT_MOMENT), view)), ctx.now)


def _stamped(made: bytes, now: dt.datetime) -> bytes:
    """An event or calendar made at _KEPT_MOMENT, with DTSTAMP the build's moment (as if made now)."""
    return made.replace(_dtstamp_line(_KEPT_MOMENT), _dtstamp_line(now), 1)


@lru_cache(maxsize=8)  # one moment per build, a thousand events
def _dtstamp_line(moment: dt.datetime) -> bytes:
    stamp = Event()
    stamp.add("dtstamp", moment.astimezone(dt.timezone.utc))
    return stamp.content_lines()[1].to_ical()


def session_calendar(ctx: RenderContext, view: SessionView, event: EventIcal | None = None) -> bytes:
    return calendar_ical(ctx, [event or session_event(ctx, view)], name=view.title)


def feed_calendar(ctx: RenderContext, views: list[SessionView], audience_id: str | None = None,
                  events: dict[str, EventIcal] | None = None) -> bytes:
    """A feed leaves out sessions that ended more than `feed_past_days` ago. `events`: the
    sessions' VEVENTs made already, by session id."""
    horizon = ctx.now - dt.timedelta(days=ctx.feed_past_days)
    chosen = [
        v for v in views if v.session.end >= horizon and (audience_id is None or audience_id in v.session.audiences)
    ]
    name = ctx.catalog.settings.calendar.name
    if audience_id is not None:
        name = f"{name}: {ctx.catalog.audiences[audience_id].label}"
    found = [events[v.id] if events and v.id in events else session_event(ctx, v) for v in chosen]
    return calendar_ical(ctx, found, name=name, feed=True)


def uid(ctx: RenderContext, session_id: str) -> str:
    return f"{session_id}@{ctx.catalog.settings.calendar.uid_domain}"


def assemble_calendar(
    ctx: RenderContext, events: list[tuple[Event, dt.datetime, dt.datetime]], *, name: str, feed: bool = False
) -> bytes:
    """A calendar of events, each with its start and end (for the VTIMEZONE's years)."""
    return calendar_ical(ctx, [EventIcal(event.to_ical(), start, end) for event, start, end in events],
                         name=name, feed=feed)


def calendar_ical(ctx: RenderContext, events: list[EventIcal], *, name: str, feed: bool = False) -> bytes:
    """A calendar of finished events: its own properties, the events, the VTIMEZONE."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{ctx.catalog.settings.organisation}//Alliantieportaal {__version__}//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(TIMEZONE))
    if feed:
        # Ask subscribed apps to look again twice a day (RFC 7986 and its Microsoft forerunner).
        calendar.add("refresh-interval", dt.timedelta(hours=12), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT12H")
    head = calendar.to_ical()
    parts = [head[: -len(_END)], *(event.ical for event in events)]
    if events:
        first = min(event.start for event in events).astimezone(TIMEZONE).year
        last = max(event.end for event in events).astimezone(TIMEZONE).year
        parts.append(_vtimezone(first - 1, last + 1))
    return b"".join([*parts, _END])


@lru_cache(maxsize=64)
def _vtimezone(first_year: int, last_year: int) -> bytes:
    """Europe/Amsterdam's transitions from zoneinfo for whole years around the events.

    Whole years, so that the many sessions of one year share one computed component.
    """
    return Timezone.from_tzid(
        str(TIMEZONE), first_date=dt.date(first_year, 1, 1), last_date=dt.date(last_year + 1, 1, 1)
    ).to_ical()


def _event(ctx: RenderContext, view: SessionView) -> Event:
    session = view.session
    event = Event()
    event.add("uid", uid(ctx, view.id))
    event.add("dtstamp", ctx.now.astimezone(dt.timezone.utc))
    event.add("dtstart", session.start.astimezone(TIMEZONE))
    event.add("dtend", session.end.astimezone(TIMEZONE))
    event.add("summary", _summary(ctx, view))
    # The editor raises `revision` when date, time, place or status change (the model refuses a
    # moved or cancelled session that was never raised): RFC 5545 wants SEQUENCE raised for a new
    # DTSTART, DTEND or STATUS, and an app that imported the single .ics only then takes it over.
    event.add("sequence", session.revision)
    # Not confirmed: it will not take place. Cancelled stays cancelled.
    event.add("status", _STATUS.get(view.state, "TENTATIVE" if session.example else "CONFIRMED"))
    location = ", ".join(part for part in (session.location.name, session.location.address) if part)
    event.add("location", location)
    page = ctx.urls.absolute(view.page_url)
    event.add("url", page)
    details = "\n\n".join([*_notices(ctx, view), *view.summary, page])
    event.add("description", details)
    event.add("categories", [a.label for a in view.audiences])
    return event


def _summary(ctx: RenderContext, view: SessionView) -> str:
    """The title as calendar apps show it. Many apps show only the title, not STATUS or the
    description, so a cancelled or moved session says so in the title; an invented one says that
    first ("Voorbeeld: Geannuleerd: ..."), as every output of an example begins with its label.
    By status, not by the clock's state: a moved session stays "moved" after it ended, so the title
    does not change between builds without a new SEQUENCE."""
    session, t = view.session, ctx.labels
    title = session.title
    if session.status == "geannuleerd":
        title = f"{t('calendar.cancelled')}: {title}"
    elif session.status == "verplaatst":
        title = f"{t('calendar.moved')}: {title}"
    return f"{t('calendar.example')}: {title}" if session.example else title


def _notices(ctx: RenderContext, view: SessionView) -> list[str]:
    """What the description says before the summary: invented, cancelled, moved (from when), and why."""
    session, t = view.session, ctx.labels
    found = [f"{t('calendar.example')}: {t('session.example')}"] if session.example else []
    if session.status == "geannuleerd":
        found.append(t("session.cancelled"))
    elif session.status == "verplaatst" and view.previous_text:
        found.append(t("session.moved", previous=view.previous_text, date=view.date_text))
    if session.status in ("geannuleerd", "verplaatst") and session.status_note:
        found.append(" ".join(session.status_note.split()))
    return found
