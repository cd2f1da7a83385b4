"""Kennissessies as pages and blocks: the calendar, a view per audience, a page per session."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import groupby

from markupsafe import Markup

from .. import memo
from . import dates, jsonld
from .html import render_fragment, template_macros
from .descriptions import example_description, shorten
from .page_html import GeneratedPage, HtmlWriter, MarkdownWriter, PageBody
from .views import Link, RenderContext, SessionView, template_helpers


@dataclass(frozen=True)
class Feed:
    url: str
    label: str
    absolute: str
    # The same address as `absolute` with the scheme webcal://: one click opens the calendar app.
    # None on a site whose address is not https (SiteUrls.webcal says why).
    webcal: str | None
    webcal_label: str


def feeds(ctx: RenderContext, audience_id: str | None = None) -> list[Feed]:
    """The subscribable calendars: all sessions, and one per audience."""
    t, urls = ctx.labels, ctx.urls
    everything = urls.feed_ics()
    found = [Feed(everything, t("calendar.subscribe_all"), urls.absolute(everything), urls.webcal(everything),
                  t("calendar.webcal_all"))]
    for a, audience in ctx.catalog.audiences.items():
        if audience_id in (None, a):
            url = urls.feed_ics(a)
            label = audience.in_language(t.language).label.lower()
            found.append(Feed(url, t("calendar.subscribe_audience", label=label), urls.absolute(url), urls.webcal(url),
                              t("calendar.webcal_audience", label=label)))
    return found


def subscription_addresses(ctx: RenderContext) -> frozenset[str]:
    """Every webcal:// address the pages may link to: the site's own feeds, nothing else. (Without
    words: a language without calendar pages has no calendar words, and its pages are checked too.)"""
    paths = [ctx.urls.feed_ics(), *(ctx.urls.feed_ics(a) for a in ctx.catalog.audiences)]
    return frozenset(address for address in map(ctx.urls.webcal, paths) if address)


def calendar_markdown(
    ctx: RenderContext, views: list[SessionView], page_url: str, audience_id: str | None = None,
    out: MarkdownWriter | HtmlWriter | None = None, keys: Mapping[str, str] | None = None,
) -> str:
    """The calendar: a filter per audience, upcoming sessions by month, the archive, subscriptions
    (as Markdown for an editor's page, or as HTML with `out` an HtmlWriter). `keys`: see _list."""
    out = out or MarkdownWriter()
    t, common = ctx.labels, template_helpers(ctx, page_url)
    if audience_id is not None:
        views = [v for v in views if audience_id in v.session.audiences]
    audiences = [
        Link(a, aud.in_language(t.language).label, ctx.urls.page_url(ctx.urls.audience_src(a)))
        for a, aud in ctx.catalog.audiences.items()
    ]
    blocks = [
        render_fragment(
            "calendar_nav.html",
            audiences=audiences,
            current=audience_id,
            all_url=ctx.urls.page_url(ctx.urls.calendar_src()),
            **common,
        )
    ]
    upcoming = [v for v in views if v.upcoming]
    if not upcoming:
        blocks += [out.heading(2, t("calendar.upcoming")),
                   session_list(ctx, [], page_url, t("calendar.none_upcoming"))]
    for _, month in groupby(upcoming, key=lambda v: (dates.local(v.start).year, dates.local(v.start).month)):
        group = list(month)
        blocks += [out.heading(2, dates.month_heading(group[0].start, t.language)),
                   session_list(ctx, group, page_url, keys=keys)]
    past = sorted((v for v in views if not v.upcoming), key=lambda v: v.start, reverse=True)
    blocks += [out.heading(2, t("calendar.archive")),
               session_list(ctx, past, page_url, t("calendar.none_past"), keys)]
    blocks += [
        out.heading(2, t("calendar.subscribe")),
        render_fragment("subscribe.html", feeds=feeds(ctx, audience_id), **common),
    ]
    return out.join(*blocks)


def next_sessions_markdown(ctx: RenderContext, views: list[SessionView], page_url: str, count: int = 3,
                           out: MarkdownWriter | None = None, keys: Mapping[str, str] | None = None,
                           audience: str | None = None) -> str:
    """The next `count` sessions (for `audience` only, when given), and a link to their calendar."""
    t = ctx.labels
    upcoming = [v for v in views if v.upcoming and v.state != "cancelled"
                and (audience is None or audience in v.session.audiences)][:count]
    calendar = ctx.urls.page_url(ctx.urls.calendar_src() if audience is None else ctx.urls.audience_src(audience))
    more = render_fragment("link.html", text=t("calendar.next_all"), url=calendar, **template_helpers(ctx, page_url))
    return (out or MarkdownWriter()).join(session_list(ctx, upcoming, page_url, t("calendar.next_none"), keys), more)


def registration_task_markdown(ctx: RenderContext, views: list[SessionView], page_url: str,
                               out: MarkdownWriter | None = None, keys: Mapping[str, str] | None = None) -> str:
    """The home page's task "register for a session": the next session with its registration
    buttons, then the calendar of each audience (a raadslid finds the sessions for raadsleden)."""
    t, common = ctx.labels, template_helpers(ctx, page_url)
    upcoming = [v for v in views if v.upcoming and v.state != "cancelled"][:1]
    audiences = [
        Link(a, t("calendar.audience_title", label=aud.in_language(t.language).label.lower()),
             ctx.urls.page_url(ctx.urls.audience_src(a)))
        for a, aud in ctx.catalog.audiences.items()
    ]
    return (out or MarkdownWriter()).join(
        session_list(ctx, upcoming, page_url, t("calendar.next_none"), keys),
        render_fragment("links.html", items=audiences, **common),
    )


def audience_page(ctx: RenderContext, views: list[SessionView], audience_id: str,
                  keys: Mapping[str, str] | None = None) -> GeneratedPage:
    """The calendar filtered to one audience."""
    audience = ctx.catalog.audiences[audience_id].in_language(ctx.labels.language)
    title = ctx.labels("calendar.audience_title", label=audience.label.lower())
    description = " ".join(audience.description.split())
    src = ctx.urls.audience_src(audience_id)

    def body() -> PageBody:
        out = HtmlWriter(ctx.heading_style)
        return out.body(
            out.heading(1, title),
            render_fragment("paragraphs.html", texts=[description], lang=None),
            calendar_markdown(ctx, views, ctx.urls.page_url(src), audience_id, out=out, keys=keys),
            description=description,
        )

    return GeneratedPage(src, title, body)


def session_page(ctx: RenderContext, v: SessionView) -> GeneratedPage:
    """One session's page (its layout is the template's)."""

    def body() -> PageBody:
        out = HtmlWriter(ctx.heading_style)
        return out.body(
            render_fragment("session_page.html", v=v, h=lambda level, text: Markup(out.heading(level, text)),
                            feeds=feeds(ctx)[:1], **template_helpers(ctx, v.page_url)),
            description=_description(ctx, v),
            # No schema.org data for an invented record: a search engine would show it as a real
            # event, and no markup can make it say "made up".
            jsonld=None if v.session.example else jsonld.script_json(jsonld.session_jsonld(ctx, v)),
        )

    return GeneratedPage(ctx.urls.session_src(v.id), v.title, body, v.session.example)


def session_list(ctx: RenderContext, views: list[SessionView], page_url: str, empty: str = "",
          keys: Mapping[str, str] | None = None) -> str:
    """Sessions as a list. With `keys` (PortalSite.body_keys, in a process that keeps results:
    memo.py) each session's item is made once per page and kept while the session stays the same:
    a calendar of a thousand sessions then renders one item again after a save, not a thousand."""
    helpers = template_helpers(ctx, page_url)
    macros = template_macros("macros.html", **helpers)

    def item(v: SessionView) -> Markup:
        return Markup(str(macros.session_item(v, helpers["link"], True)).strip())

    items = [memo.remember("session item", (keys[v.id], page_url), lambda v=v: item(v)) if keys else item(v)
             for v in views]
    return render_fragment("sessions.html", items=items, empty=empty)


def _description(ctx: RenderContext, v: SessionView) -> str:
    first = v.summary[0] if v.summary else v.title
    text = f"{v.date_text}, {v.time_text}. {first}"
    return example_description(ctx, text) if v.session.example else shorten(text)
