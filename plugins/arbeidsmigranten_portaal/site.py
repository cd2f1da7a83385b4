"""The portal's whole output for one build, worked out once from the catalog and the clock.

Engine-independent: it hands out pages (source path -> Markdown) and files (path -> bytes);
the MkDocs adapter turns them into MkDocs files, and another engine could write them to disk.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial

from . import memo
from .regional.calendar import RegionalCalendar
from .regional.fetch import FetchedSource
from .render import ics, opendata, partners, progress, sessions
from .render.page_html import GeneratedPage, MarkdownWriter
from .render.views import (PartnerView, RenderContext, SessionView, build_partner_views, build_session_views,
                           kept_session_views)


@dataclass
class PortalSite:
    ctx: RenderContext
    # The other sites' open data (regional/fetch.py), fetched once per build; None: this build
    # makes no regional calendar (no sources, or a language other than the site's own).
    regional_sources: list[FetchedSource] | None = None
    _pages: list[GeneratedPage] | None = field(default=None, init=False, repr=False)

    @cached_property
    def regional(self) -> RegionalCalendar | None:
        if self.regional_sources is None:
            return None
        return RegionalCalendar(self.ctx, self.ordered_sessions, self.regional_sources)

    @cached_property
    def session_views(self) -> dict[str, SessionView]:
        return kept_session_views(self.ctx) if memo.enabled else build_session_views(self.ctx)

    @cached_property
    def partner_views(self) -> dict[str, PartnerView]:
        return build_partner_views(self.ctx, self.session_views)

    @property
    def ordered_sessions(self) -> list[SessionView]:
        return list(self.session_views.values())

    def pages(self) -> list[GeneratedPage]:
        """A page per session, per partner, and per audience (the filtered calendar)."""
        if self._pages is None:
            keys = self.body_keys if memo.enabled else None
            found = [dataclasses.replace(sessions.session_page(self.ctx, view), key=keys and keys[view.id])
                     for view in self.ordered_sessions]
            found += [dataclasses.replace(partners.partner_page(self.ctx, view), key=keys and keys[f"partner {view.id}"])
                      for view in self.partner_views.values()]
            for audience_id in self.ctx.catalog.audiences:
                page = sessions.audience_page(self.ctx, self.ordered_sessions, audience_id, self._item_keys)
                found.append(dataclasses.replace(page, key=keys and memo.fingerprint(keys[""], audience_id)))
            if self.regional is not None:
                found += self.regional.pages()  # they show other sites' data as of now: never kept
            self._pages = found
        return self._pages

    @cached_property
    def body_keys(self) -> dict[str, str]:
        """What each page's body depends on, as a digest (memo.py): the build's settings and words,
        and the page's records as its view shows them (states included). "" is the key of all
        sessions together, for the calendar pages."""
        ctx = self.ctx
        base = memo.fingerprint(
            ctx.labels.language, sorted(ctx.catalog.strings.for_language(ctx.labels.language).items()),
            ctx.urls, ctx.heading_style.permalink, ctx.heading_style.permalink_title, ctx.heading_style.permalink_class,
            ctx.heading_style.separator, getattr(ctx.heading_style.slugify, "__qualname__", ""),
            ctx.closing_soon_days, ctx.feed_past_days, ctx.catalog.settings, ctx.catalog.audiences)
        keys = {view.id: _view_key(base, view) for view in self.ordered_sessions}
        keys[""] = memo.fingerprint(base, "calendar", *keys.values())
        for view in self.partner_views.values():
            sessions_of = [keys[session.id] for session in view.sessions]
            keys[f"partner {view.id}"] = memo.fingerprint(base, "partner", dataclasses.replace(view, sessions=[]),
                                                          *sessions_of)
        return keys

    @property
    def _item_keys(self) -> dict[str, str] | None:
        """Keys for the session lists' items, where a process keeps results (memo.py)."""
        return self.body_keys if memo.enabled else None

    def files(self) -> dict[str, bytes]:
        """Calendar files, open data and their schemas, by path in the site."""
        return {path: make() for path, make in self.file_makers().items()}

    def file_makers(self) -> dict[str, Callable[[], bytes]]:
        """The same files, each made when asked (the MkDocs adapter asks as it writes them, so a
        thousand calendar files are never in memory at once)."""
        urls, ctx, views = self.ctx.urls, self.ctx, self.ordered_sessions
        events = self.session_events
        out: dict[str, Callable[[], bytes]] = {}
        keys = self.body_keys if memo.enabled else None
        for view in views:
            out[urls.session_ics(view.id)] = (partial(ics.kept_session_calendar, ctx, view, keys[view.id]) if keys
                                              else partial(ics.session_calendar, ctx, view, events[view.id]))
        out[urls.feed_ics()] = partial(ics.feed_calendar, ctx, views, events=events)
        for audience_id in ctx.catalog.audiences:
            out[urls.feed_ics(audience_id)] = partial(ics.feed_calendar, ctx, views, audience_id, events)
        documents = [
            ("sessions", lambda: opendata.sessions_document(ctx, views), opendata.SessionsDocument, "Kennissessies"),
            ("partners", lambda: opendata.partners_document(ctx, list(self.partner_views.values())),
             opendata.PartnersDocument, "Partners van de alliantie"),
            # A site without actions publishes an empty list: the file is always there.
            ("actions", lambda: opendata.actions_document(ctx, progress.action_views(ctx),
                                                          ctx.url_of_content(progress.PROGRESS_PAGE)),
             opendata.ActionsDocument, "Acties van het plan en hun voortgang"),
        ]
        for name, document, model, title in documents:
            schema_path = urls.data_file(f"{name}.schema.json")
            out[schema_path] = partial(opendata.schema_json, model, title)
            out[urls.data_file(f"{name}.json")] = partial(_document_json, document, urls.absolute(schema_path))
        if self.regional is not None:
            out.update({path: partial(_given, content) for path, content in self.regional.files().items()})
        return out

    @cached_property
    def session_events(self) -> dict[str, ics.EventIcal]:
        """Each session's VEVENT, made once for its own file and every feed it is in (and, where
        a process keeps results, once per session as its view shows it: memo.py)."""
        if not memo.enabled:
            return {view.id: ics.session_event(self.ctx, view) for view in self.ordered_sessions}
        keys = self.body_keys
        return {view.id: ics.kept_session_event(self.ctx, view, keys[view.id]) for view in self.ordered_sessions}

    def logos(self) -> dict[str, str]:
        """Site path of each partner logo -> the logo's path under the partners folder."""
        return {
            view.logo_url: view.partner.logo
            for view in self.partner_views.values()
            if view.logo_url and view.partner.logo
        }

    @cached_property
    def subscription_addresses(self) -> frozenset[str]:
        """The webcal:// addresses of the site's own feeds: the only webcal: links a page may hold."""
        return sessions.subscription_addresses(self.ctx)

    # Blocks that editors place in content pages (`out` keeps their HTML aside: render/blocks.py).
    def calendar_block(self, page_url: str, out: MarkdownWriter | None = None) -> str:
        return sessions.calendar_markdown(self.ctx, self.ordered_sessions, page_url, out=out, keys=self._item_keys)

    def next_sessions_block(self, page_url: str, out: MarkdownWriter | None = None, audience: str | None = None) -> str:
        return sessions.next_sessions_markdown(self.ctx, self.ordered_sessions, page_url, out=out, keys=self._item_keys,
                                               audience=audience)

    def registration_task_block(self, page_url: str, out: MarkdownWriter | None = None) -> str:
        return sessions.registration_task_markdown(self.ctx, self.ordered_sessions, page_url, out=out,
                                                   keys=self._item_keys)

    def alliance_block(self, page_url: str, out: MarkdownWriter | None = None) -> str:
        return partners.alliance_markdown(self.ctx, list(self.partner_views.values()), page_url, out=out)

    def progress_block(self, page_url: str, out: MarkdownWriter | None = None) -> str:
        return progress.progress_markdown(self.ctx, page_url, out=out)


def _view_key(base: str, view: SessionView) -> str:
    """memo.fingerprint(base, "session", view), once per kept view (kept_session_views): the
    kept pair holds the view, so no other object can have its id while the key is kept."""
    kept_view, key = memo.remember("session view key", (base, id(view)),
                                   lambda: (view, memo.fingerprint(base, "session", view)))
    return key if kept_view is view else memo.fingerprint(base, "session", view)


def _document_json(document: Callable[[], object], schema_url: str) -> bytes:
    return opendata.to_json(document(), schema_url)


def _given(content: bytes) -> bytes:
    return content
