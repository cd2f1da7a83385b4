"""The alliance: its partners grouped by kind, and a page per partner with its sessions."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import PARTNER_KINDS
from . import jsonld
from .html import render_fragment
from .descriptions import example_description, shorten
from .page_html import GeneratedPage, HtmlWriter, MarkdownWriter, PageBody
from .sessions import session_list
from .views import PartnerView, RenderContext, template_helpers


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    count_text: str


def alliance_markdown(ctx: RenderContext, partners: list[PartnerView], page_url: str,
                      out: MarkdownWriter | None = None) -> str:
    """Partners grouped by kind, in the fixed order of kinds, each group with its count."""
    t, common = ctx.labels, template_helpers(ctx, page_url)
    groups = [(kind, [p for p in partners if p.partner.kind == kind]) for kind in PARTNER_KINDS]
    groups = [(kind, members) for kind, members in groups if members]
    counts = [
        KindCount(
            kind,
            t(f"kind.{kind}"),
            t("alliance.count_one") if len(members) == 1 else t("alliance.count", count=len(members)),
        )
        for kind, members in groups
    ]
    out = out or MarkdownWriter()
    blocks = [render_fragment("alliance_counts.html", kinds=counts, **common)]
    for (_kind, members), count in zip(groups, counts):
        blocks += [
            out.heading(2, f"{count.label} ({len(members)})"),
            render_fragment("alliance.html", partners=members, **common),
        ]
    return out.join(*blocks)


def partner_page(ctx: RenderContext, view: PartnerView) -> GeneratedPage:
    def body() -> PageBody:
        t = ctx.labels
        common = template_helpers(ctx, view.page_url)
        upcoming = [v for v in view.sessions if v.upcoming]
        past = sorted((v for v in view.sessions if not v.upcoming), key=lambda v: v.start, reverse=True)
        out = HtmlWriter(ctx.heading_style)
        return out.body(
            render_fragment("partner_page.html", view=view, **common),
            out.heading(2, t("alliance.sessions")),
            session_list(ctx, upcoming + past, view.page_url, t("alliance.sessions_none")),
            render_fragment("link.html", text=t("alliance.back"), url=ctx.urls.page_url(ctx.urls.alliance_src()),
                            **common),
            description=(example_description(ctx, view.description[0]) if view.partner.example
                         else shorten(view.description[0])),
            # No schema.org data for an invented organisation (see session_page).
            jsonld=None if view.partner.example else jsonld.script_json(jsonld.partner_jsonld(ctx, view)),
        )

    return GeneratedPage(ctx.urls.partner_src(view.id), view.partner.name, body, view.partner.example)
