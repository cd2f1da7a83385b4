"""What the templates show, worked out once per build for every session and partner.

Templates then only lay these out; every page that lists a session uses the same view, so the
calendar, the audience pages, the partner pages and the home page always agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit

from ..catalog import Catalog
from ..model import CONTENT_LANGUAGE, Partner, Session
from ..states import (
    EffectiveRegistration,
    RegistrationState,
    SessionState,
    effective_registration,
    is_upcoming,
    registration_state,
    session_state,
)
from .. import memo
from ..urls import SiteUrls, relative
from . import dates
from .labels import Labels
from .page_html import HeadingStyle


@dataclass(frozen=True)
class RenderContext:
    """Everything a renderer may look at: the records, the moment of the build, the words."""

    catalog: Catalog
    now: dt.datetime
    urls: SiteUrls
    labels: Labels
    closing_soon_days: int = 7
    feed_past_days: int = 90
    # The URL of a content page by its source path (a news post's URL holds its date, which
    # only the site engine knows); the default works for plain pages.
    content_url: Callable[[str], str | None] | None = None
    # A content page's address in each language it is translated into, the default language
    # included: {"nl": "meldpunt/", "pl": "pl/meldpunt/"}.
    translations: Callable[[str], dict[str, str]] | None = None
    # How headings of generated pages get their id and permalink (the site's Markdown settings).
    heading_style: HeadingStyle = HeadingStyle()
    # The sessions that get a flyer to print (render/paper.py flyer_session_ids).
    flyer_ids: frozenset[str] = frozenset()
    # Whether the build makes the PDFs to print (pdfs: in mkdocs.yml): pages link to them.
    pdfs: bool = False

    def url_of_content(self, src: str) -> str | None:
        if self.content_url is not None:
            return self.content_url(src)
        return self.urls.page_url(src)


@dataclass(frozen=True)
class Link:
    id: str
    label: str
    url: str
    note: str | None = None


@dataclass(frozen=True)
class RegistrationView:
    audience_id: str
    label: str
    member: str
    href: str | None
    by_email: bool
    state: RegistrationState
    state_text: str
    deadline: dt.datetime
    deadline_text: str
    capacity: int | None
    full: bool
    note: str | None
    note_lang: str | None
    example_address: bool
    # Registration by e-mail: the address and subject, shown as text too (not every reader has a
    # mail program that opens on a mailto: link).
    email: str | None = None
    email_subject: str | None = None

    @property
    def is_open(self) -> bool:
        return self.state in ("open", "closing_soon")


@dataclass(frozen=True)
class SessionView:
    id: str
    session: Session
    # Text in the page's language where a translation exists; otherwise the Dutch text, and then
    # *_lang is "nl" so the page can mark it (WCAG 3.1.2, language of parts).
    title: str
    title_lang: str | None
    page_url: str
    ics_url: str
    state: SessionState
    state_label: str
    upcoming: bool
    date_text: str
    time_text: str
    audiences: list[Link]
    registrations: list[RegistrationView]
    hosts: list[Link]
    speakers: list[Link]
    summary: list[str]
    summary_lang: str | None
    previous_text: str | None
    report_url: str | None
    # The session's flyer to print (a PDF), where it has one.
    flyer_url: str | None = None

    @property
    def start(self) -> dt.datetime:
        return self.session.start


@dataclass(frozen=True)
class PartnerView:
    id: str
    partner: Partner
    page_url: str
    kind_label: str
    description: list[str]
    description_lang: str | None
    themes: list[str]
    logo_url: str | None
    sessions: list[SessionView] = field(default_factory=list)


def template_helpers(ctx: RenderContext, page_url: str) -> dict[str, object]:
    """What every fragment template of a page may use: the words, links relative to the page,
    ISO dates, and the language mark for text that exists only in Dutch."""
    return {
        "t": ctx.labels,
        "link": lambda url: relative(page_url, url),
        "iso": dates.iso,
        "closing_soon_days": ctx.closing_soon_days,
        # Where a reader goes when this session's registration is full, closed or off.
        "calendar_url": ctx.urls.page_url(ctx.urls.calendar_src()),
        # Text that exists only in Dutch (agenda items, notes) is marked so on other languages' pages.
        "source_lang": None if ctx.labels.language == CONTENT_LANGUAGE else CONTENT_LANGUAGE,
    }


def paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; single line breaks inside one are spaces."""
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]


def build_session_views(ctx: RenderContext) -> dict[str, SessionView]:
    return {session_id: session_view(ctx, session_id, session)
            for session_id, session in ctx.catalog.sessions_in_order()}


def kept_session_views(ctx: RenderContext) -> dict[str, SessionView]:
    """build_session_views, where a process keeps results (memo.py, the preview): a session's view
    is made again only when its record, the states the moment gives it, or what else a view
    shows (the words, addresses, audiences, partners' names) changed since it was made. (A
    record is the same object while its file's text stays the same: load.py.)"""
    catalog, now = ctx.catalog, ctx.now
    around = memo.fingerprint(
        ctx.labels.language, sorted(catalog.strings.for_language(ctx.labels.language).items()), ctx.urls,
        ctx.closing_soon_days, catalog.audiences,
        sorted((partner_id, partner.name, partner.kind) for partner_id, partner in catalog.partners.items()))
    views = {}
    for session_id, session in catalog.sessions_in_order():
        moment = (session_state(session, now), is_upcoming(session, now), tuple(
            registration_state(session, effective_registration(session, a, catalog.audiences[a]), now,
                               ctx.closing_soon_days) for a in session.audiences))
        report = ctx.url_of_content(session.report) if session.report is not None else None
        # The record's identity is safe in a key: the kept view holds the record, so no other
        # object can have its id while the key is kept.
        view = memo.remember("session view", (around, session_id, id(session), moment, report),
                             lambda: session_view(ctx, session_id, session))
        views[session_id] = view if view.session is session else session_view(ctx, session_id, session)
    return views


def session_view(ctx: RenderContext, session_id: str, session: Session) -> SessionView:
    catalog, labels, language = ctx.catalog, ctx.labels, ctx.labels.language
    state = session_state(session, ctx.now)
    date_text = dates.long_date(session.start, language)
    registrations = [
        _registration_view(ctx, session, effective_registration(session, a, catalog.audiences[a]), date_text)
        for a in session.audiences
    ]
    report_url = None
    if session.report is not None:
        report_url = ctx.url_of_content(session.report)
    translation = session.translations.get(language)
    title, title_lang = in_language(language, translation.title if translation else None, session.title)
    summary, summary_lang = in_language(language, translation.summary if translation else None, session.summary)
    return SessionView(
        id=session_id,
        session=session,
        title=title,
        title_lang=title_lang,
        page_url=ctx.urls.page_url(ctx.urls.session_src(session_id)),
        ics_url=ctx.urls.session_ics(session_id),
        state=state,
        state_label=labels(f"state.{state}"),
        upcoming=is_upcoming(session, ctx.now),
        date_text=date_text,
        time_text=labels(
            "session.time_range",
            start=dates.clock_time(session.start, language),
            end=dates.clock_time(session.end, language),
        ),
        audiences=[
            Link(a, catalog.audiences[a].in_language(language).label, ctx.urls.page_url(ctx.urls.audience_src(a)))
            for a in session.audiences
        ],
        registrations=registrations,
        hosts=[_partner_link(ctx, p) for p in session.hosts],
        speakers=[_partner_link(ctx, p) for p in session.speakers],
        summary=paragraphs(summary),
        summary_lang=summary_lang,
        previous_text=(
            f"{dates.long_date(session.previous_start, language)}, {dates.clock_time(session.previous_start, language)}"
            if session.previous_start
            else None
        ),
        report_url=report_url,
        flyer_url=ctx.urls.session_flyer(session_id) if session_id in ctx.flyer_ids else None,
    )


def build_partner_views(ctx: RenderContext, sessions: dict[str, SessionView]) -> dict[str, PartnerView]:
    by_partner = ctx.catalog.sessions_by_partner()
    views = {}
    for partner_id, partner in sorted(ctx.catalog.partners.items(), key=lambda item: item[1].name.lower()):
        translation = partner.translations.get(ctx.labels.language)
        description, description_lang = in_language(
            ctx.labels.language, translation.description if translation else None, partner.description
        )
        views[partner_id] = PartnerView(
            id=partner_id,
            partner=partner,
            page_url=ctx.urls.page_url(ctx.urls.partner_src(partner_id)),
            kind_label=ctx.labels(f"kind.{partner.kind}.one"),
            description=paragraphs(description),
            description_lang=description_lang,
            themes=[ctx.labels(f"theme.{theme}") for theme in partner.themes],
            logo_url=ctx.urls.partner_logo(partner_id, partner.logo) if partner.logo else None,
            sessions=[sessions[s] for s in by_partner.get(partner_id, [])],
        )
    return views


def _note_in_language(ctx: RenderContext, registration: EffectiveRegistration, audience) -> str | None:
    """A session's own note is Dutch; the audience's default note has translations."""
    session_note = registration.note and not registration.note_is_default
    if session_note or ctx.labels.language == CONTENT_LANGUAGE:
        return registration.note
    return audience.note


def in_language(language: str, translated: str | None, original: str) -> tuple[str, str | None]:
    """The translated text if there is one, else the Dutch original marked as Dutch."""
    if translated:
        return translated, None
    return original, (None if language == CONTENT_LANGUAGE else CONTENT_LANGUAGE)


def _partner_link(ctx: RenderContext, partner_id: str) -> Link:
    partner = ctx.catalog.partners[partner_id]
    note = ctx.labels(f"kind.{partner.kind}.one")
    return Link(partner_id, partner.name, ctx.urls.page_url(ctx.urls.partner_src(partner_id)), note)


def _registration_view(
    ctx: RenderContext, session: Session, registration: EffectiveRegistration, date_text: str
) -> RegistrationView:
    audience = ctx.catalog.audiences[registration.audience_id].in_language(ctx.labels.language)
    state = registration_state(session, registration, ctx.now, ctx.closing_soon_days)
    language = ctx.labels.language
    day = dates.short_date(registration.deadline, language)
    if dates.local(registration.deadline).time() == dt.time(23, 59):  # a whole-day deadline
        deadline_text = ctx.labels("registration.until_day", date=day)
    else:
        deadline_text = ctx.labels(
            "registration.until_moment", date=day, time=dates.clock_time(registration.deadline, language)
        )
    by_email = registration.url is None and registration.email is not None
    subject = ctx.labels("registration.email_subject", title=session.title, date=date_text)
    if by_email:
        href = _prefilled_mail(ctx.labels, registration.email or "", session.title, date_text)
        email = registration.email
    else:
        href = registration.url
        email = _mailto_address(href)
    state_text = ctx.labels(f"registration.{state}", deadline=deadline_text) if state != "none" else ""
    return RegistrationView(
        audience_id=registration.audience_id,
        label=audience.label,
        member=audience.member,
        href=href,
        by_email=by_email or (href or "").startswith("mailto:"),
        state=state,
        state_text=state_text,
        deadline=registration.deadline,
        deadline_text=deadline_text,
        capacity=registration.capacity,
        full=registration.full,
        note=_note_in_language(ctx, registration, audience),
        note_lang=(
            CONTENT_LANGUAGE
            if ctx.labels.language != CONTENT_LANGUAGE and registration.note and not registration.note_is_default
            else None
        ),
        example_address=registration.example_address,
        email=email,
        email_subject=subject if email else None,
    )


def _mailto_address(href: str | None) -> str | None:
    if not href or not href.lower().startswith("mailto:"):
        return None
    return unquote(urlsplit(href).path) or None


def _prefilled_mail(labels: Labels, address: str, title: str, date_text: str) -> str:
    """A mailto: link with subject and body filled in, so a raadslid only adds a name."""
    subject = labels("registration.email_subject", title=title, date=date_text)
    body = labels("registration.email_body", title=title, date=date_text)
    return f"mailto:{address}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
