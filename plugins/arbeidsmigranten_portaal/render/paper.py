"""What the portal prints: each PDF as one self-contained HTML document (pdf_maker.py makes the PDF).

- a flyer per upcoming session (A5): title, date, place, audiences, how to register, and a QR
  code to the session's page;
- the voortgangsrapportage (A4): the voortgang as the build sees it, with the date;
- the card "signalen van arbeidsuitbuiting" (one A4 page) in every language of signals_card.yml,
  with a QR code to the meldpunt page in that language.

The documents hold no link to anything to fetch: styles are inline, QR codes are inline SVG,
and pdf_maker.py refuses every URL WeasyPrint might still ask for.
"""

from __future__ import annotations

import datetime as dt

from dataclasses import dataclass
from functools import lru_cache

import segno
from markupsafe import Markup

from ..catalog import Catalog
from ..states import session_state
from . import dates, progress
from .html import render_fragment
from .views import RenderContext, SessionView, template_helpers

# Printing a flyer for a session a year away helps nobody, and each one costs a PDF render:
# only the next ones (flyers: in mkdocs.yml), by start.
DEFAULT_FLYERS = 12
MAX_FLYERS = 100


@dataclass(frozen=True)
class PaperDocument:
    path: str  # where the PDF goes in the site
    html: str  # the whole document, with its title and language


def flyer_session_ids(catalog: Catalog, now: dt.datetime, limit: int) -> frozenset[str]:
    """The next `limit` sessions that are still to come and not cancelled."""
    coming = [(session.start, session_id) for session_id, session in catalog.sessions.items()
              if session_state(session, now) in ("scheduled", "moved") and session.start > now]
    return frozenset(session_id for _, session_id in sorted(coming)[:limit])


@lru_cache(maxsize=1024)
def qr_svg(url: str, title: str) -> Markup:
    """A QR code as inline SVG; error correction M survives a crease or a smudge on paper.
    (Kept per address: choosing the code's mask takes a few hundredths of a second, and the
    preview makes the same codes on every save.)"""
    return Markup(segno.make(url, error="m", boost_error=False).svg_inline(
        scale=4, border=4, dark="#000", light="#fff", title=title, svgclass="portal-qr", omitsize=True))


def flyer(ctx: RenderContext, view: SessionView) -> PaperDocument:
    organisation = ctx.catalog.settings.organisation
    page = ctx.urls.absolute(view.page_url)
    html = render_fragment(
        "paper_flyer.html", v=view, organisation=organisation, page_address=page,
        qr=qr_svg(page, ctx.labels("flyer.qr_title")), lang=ctx.labels.language, **template_helpers(ctx, view.page_url),
    )
    return PaperDocument(ctx.urls.session_flyer(view.id), html)


def progress_report(ctx: RenderContext, page_url: str) -> PaperDocument:
    """The voortgang page's content, with absolute links: on paper a link is its address."""
    common = {**template_helpers(ctx, page_url), "link": ctx.urls.absolute}
    views = progress.action_views(ctx)
    groups = progress.ambition_groups(ctx, views)
    summary = (progress.summary_html(views, groups, common, None) if views
               else render_fragment("progress_none.html", **common))
    sections = [(group.heading, Markup(progress.actions_html(group, common))) for group in groups]
    html = render_fragment(
        "paper_progress.html", organisation=ctx.catalog.settings.organisation, summary=Markup(summary),
        sections=sections, date_text=dates.long_date(ctx.now, ctx.labels.language), day=ctx.now.date().isoformat(),
        page_address=ctx.urls.absolute(page_url), lang=ctx.labels.language, t=ctx.labels,
    )
    return PaperDocument(ctx.urls.progress_report(), html)


def signals_cards(ctx: RenderContext, meldpunt_urls: dict[str, str]) -> list[PaperDocument]:
    """One card per language of signals_card.yml. `meldpunt_urls`: the meldpunt page's address
    in each language it exists in (the card of another language points to the Dutch page)."""
    meldpunt = ctx.catalog.settings.meldpunt
    documents = []
    for language, card in ctx.catalog.signals_card.items():
        words = ctx.catalog.strings.root.get(language) or ctx.catalog.strings.for_language(ctx.labels.language)
        url = ctx.urls.absolute(meldpunt_urls.get(language) or meldpunt_urls.get(ctx.labels.language, ""))
        html = render_fragment(
            "paper_signals.html", card=card, lang=language, meldpunt=meldpunt, meldpunt_address=url,
            qr=qr_svg(url, words.get("meldpunt.link", card.title)), words=words,
            organisation=ctx.catalog.settings.organisation,
        )
        documents.append(PaperDocument(ctx.urls.signals_card(language), html))
    return documents


def paper_documents(ctx: RenderContext, views: list[SessionView], progress_page: str | None,
                    meldpunt_urls: dict[str, str]) -> list[PaperDocument]:
    """Every PDF of the site, in the site's own language. `progress_page`: the voortgang page's
    URL, None on a site without it (then no report either)."""
    found = [flyer(ctx, view) for view in views if view.flyer_url]
    if progress_page is not None and ctx.catalog.actions:
        found.append(progress_report(ctx, progress_page))
    return found + signals_cards(ctx, meldpunt_urls)
