"""The regional calendar's outputs: pages (all, per municipality, per audience), .ics, open data.

Everything a source sends is untrusted text: it reaches the pages only through the autoescaped
templates, and of its addresses only the session page (a checked http(s) address) is linked.
The page is in Dutch only: the sources' sessions are Dutch, with no translations in sessions.json.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from icalendar import Event
from pydantic import Field

from ..clock import TIMEZONE
from ..model import municipality_slug
from ..render import dates, ics, opendata
from ..render.html import render_fragment
from ..render.page_html import GeneratedPage, HtmlWriter, PageBody
from ..render.views import Link, RenderContext, SessionView
from ..urls import relative
from .fetch import FetchedSource, session_times

TITLE = "Regionale kalender"
DESCRIPTION = ("Kennissessies over arbeidsmigratie van de gemeenten in de regio op één plek. Aanmelden doet u bij "
               "de gemeente die de sessie organiseert.")


class RegionalSessionOut(opendata.SessionOut):
    municipality: str = Field(description="De gemeente die de sessie organiseert en eigenaar is van de gegevens.")
    source: str = Field(description="Id van de bron (zie sources).")


class RegionalSourceOut(opendata._Out):
    id: str = Field(description="Id van de bron, ook in het adres van de filterpagina.")
    name: str
    data_url: str | None = Field(description="Open data van de bron, als die op het web staat.")
    copied: str | None = Field(description="Moment waarop deze gegevens werden opgehaald, ISO 8601.")
    current: bool = Field(description="false: de bron was bij het bouwen niet bruikbaar; de laatste goede kopie staat er.")


class RegionalDocument(opendata._Out):
    generated: str = Field(description="Moment waarop de site werd gebouwd, ISO 8601.")
    sources: list[RegionalSourceOut]
    sessions: list[RegionalSessionOut]


@dataclass(frozen=True)
class Entry:
    session: opendata.SessionOut
    municipality: str
    slug: str
    start: dt.datetime
    end: dt.datetime
    audiences: list[Link]
    date_text: str
    time_text: str

    @property
    def cancelled(self) -> bool:
        return self.session.status == "geannuleerd" or self.session.state == "cancelled"


@dataclass(frozen=True)
class SourceLine:
    name: str
    slug: str
    data_url: str | None
    copied_text: str | None
    current: bool
    own: bool = False


class RegionalCalendar:
    def __init__(self, ctx: RenderContext, own_views: list[SessionView], fetched: list[FetchedSource]) -> None:
        self.ctx = ctx
        organisation = ctx.catalog.settings.organisation
        own = opendata.sessions_document(ctx, own_views)
        own_slug = municipality_slug(organisation)
        self.sources = [SourceLine(organisation, own_slug, None, None, True, own=True)]
        groups = [(organisation, own_slug, own.sessions)]
        for f in fetched:
            copied = f"{dates.long_date(f.copied, 'nl')} {dates.clock_time(f.copied, 'nl')}" if f.copied else None
            self.sources.append(SourceLine(f.source.name, f.slug, f.source.url, copied, f.current))
            if f.document is not None:
                groups.append((f.source.name, f.slug, f.document.sessions))
        self.fetched = fetched
        self.entries = self._entries(groups)

    def _entries(self, groups) -> list[Entry]:
        """All sessions by start; a session two sources both list (one UID) only once, the first."""
        seen: set[str] = set()
        found = []
        for name, slug, sessions in groups:
            for s in sessions:
                if s.uid in seen:
                    continue
                seen.add(s.uid)
                start, end = session_times(s)
                found.append(Entry(
                    s, name, slug, start, end, [self._audience(a) for a in s.audiences],
                    dates.long_date(start, "nl"),
                    self.ctx.labels("session.time_range", start=dates.clock_time(start, "nl"),
                                    end=dates.clock_time(end, "nl")),
                ))
        return sorted(found, key=lambda e: (e.start, e.municipality, e.session.id))

    def _audience(self, audience_id: str) -> Link:
        known = self.ctx.catalog.audiences.get(audience_id)
        label = known.label if known else audience_id.replace("-", " ").capitalize()
        return Link(audience_id, label, self.ctx.urls.page_url(self.ctx.urls.regional_src("doelgroep", audience_id)))

    # --- Pages ---------------------------------------------------------------------------------

    def audience_ids(self) -> list[str]:
        ids = dict.fromkeys(a for a in self.ctx.catalog.audiences)
        for e in self.entries:
            ids.update(dict.fromkeys(a.id for a in e.audiences))
        return list(ids)

    def pages(self) -> list[GeneratedPage]:
        found = [self._page(None, None)]
        for line in self.sources:
            found.append(self._page("gemeente", line.slug))
        for audience_id in self.audience_ids():
            found.append(self._page("doelgroep", audience_id))
        return found

    def _page(self, kind: str | None, key: str | None) -> GeneratedPage:
        ctx, urls = self.ctx, self.ctx.urls
        src = urls.regional_src(kind, key or "") if kind else urls.regional_src()
        page_url = urls.page_url(src)
        entries = [e for e in self.entries if e.end > ctx.now]
        title = TITLE
        if kind == "gemeente":
            entries = [e for e in entries if e.slug == key]
            title = f"{TITLE}: {next(s.name for s in self.sources if s.slug == key)}"
        elif kind == "doelgroep":
            entries = [e for e in entries if key in {a.id for a in e.audiences}]
            title = f"{TITLE}: {self._audience(key or '').label.lower()}"
        municipalities = [Link(s.slug, s.name, urls.page_url(urls.regional_src("gemeente", s.slug)))
                          for s in self.sources]
        audiences = [self._audience(a) for a in self.audience_ids()]

        def write() -> PageBody:
            out = HtmlWriter(ctx.heading_style)
            listing = render_fragment(
                "regional_calendar.html",
                entries=entries,
                municipalities=municipalities,
                audiences=audiences,
                kind=kind,
                current=key,
                all_url=urls.page_url(urls.regional_src()),
                sources=self.sources,
                ics_url=urls.regional_ics(),
                data_url=urls.regional_data_file("sessions.json"),
                t=ctx.labels,
                iso=dates.iso,
                link=lambda url: relative(page_url, url),
            )
            return out.body(out.heading(1, title), listing, description=DESCRIPTION)

        return GeneratedPage(src, title, write)

    # --- Files ---------------------------------------------------------------------------------

    def _in_feed(self) -> list[Entry]:
        horizon = self.ctx.now - dt.timedelta(days=self.ctx.feed_past_days)
        return [e for e in self.entries if e.end >= horizon]

    def files(self) -> dict[str, bytes]:
        ctx, urls = self.ctx, self.ctx.urls
        chosen = self._in_feed()
        events = [(self._event(e), e.start, e.end) for e in chosen]
        name = f"{ctx.catalog.settings.calendar.name}: {TITLE.lower()}"
        schema_path = urls.regional_data_file("sessions.schema.json")
        document = RegionalDocument(
            generated=dates.iso(ctx.now),
            sources=[
                RegionalSourceOut(id=s.slug, name=s.name, data_url=s.data_url,
                                  copied=dates.iso(f.copied) if f and f.copied else (dates.iso(ctx.now) if s.own else None),
                                  current=s.current)
                for s, f in zip(self.sources, [None, *self.fetched])
            ],
            sessions=[RegionalSessionOut(**e.session.model_dump(), municipality=e.municipality, source=e.slug)
                      for e in chosen],
        )
        return {
            urls.regional_ics(): ics.assemble_calendar(ctx, events, name=name, feed=True),
            schema_path: opendata.schema_json(RegionalDocument, "Regionale kalender: kennissessies"),
            urls.regional_data_file("sessions.json"): opendata.to_json(document, urls.absolute(schema_path)),
        }

    def _event(self, e: Entry) -> Event:
        """The source's own UID, so an app that has the event from the source's feed sees one event."""
        t, s = self.ctx.labels, e.session
        event = Event()
        event.add("uid", s.uid)
        event.add("dtstamp", self.ctx.now.astimezone(dt.timezone.utc))
        event.add("dtstart", e.start.astimezone(TIMEZONE))
        event.add("dtend", e.end.astimezone(TIMEZONE))
        title = s.title
        if s.status == "geannuleerd":
            title = f"{t('calendar.cancelled')}: {title}"
        elif s.status == "verplaatst":
            title = f"{t('calendar.moved')}: {title}"
        event.add("summary", f"{t('calendar.example')}: {title}" if s.example else title)
        event.add("sequence", s.revision)
        event.add("status", "CANCELLED" if e.cancelled else ("TENTATIVE" if s.example else "CONFIRMED"))
        event.add("location", ", ".join(p for p in (s.location.name, s.location.address) if p))
        event.add("url", s.url)
        notices = [f"{t('calendar.example')}: {t('session.example')}"] if s.example else []
        if e.cancelled:
            notices.append(t("session.cancelled"))
        organiser = f"Georganiseerd door {e.municipality}; aanmelden via {s.url}"
        event.add("description", "\n\n".join([*notices, s.summary, organiser]))
        event.add("categories", [a.label for a in e.audiences])
        return event
