"""The voortgang: per ambition of the plan its actions, how far each is, and what proves it.

What the view decides at the build's moment (is an action late?) the reader's browser decides
again (portal-states.js), as for sessions: a page built months ago still shows what is late.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..action_model import ACTION_STATUSES, AMBITIONS, Action, planned_parts
from ..model import CONTENT_LANGUAGE
from ..page_titles import PageSummary
from ..states import action_is_late, action_late_from
from . import dates
from .html import render_fragment
from .page_html import MarkdownWriter
from .views import RenderContext, in_language, template_helpers


# The page that shows the voortgang, by its source path: open data links each action there.
PROGRESS_PAGE = "voortgang.md"


@dataclass(frozen=True)
class EvidenceLink:
    kind: str  # session, page or document
    kind_label: str
    text: str
    text_lang: str | None
    url: str
    example: bool


@dataclass(frozen=True)
class StatusLine:
    date: dt.date
    date_text: str
    status: str
    status_label: str
    note: str | None
    note_lang: str | None


@dataclass(frozen=True)
class ActionView:
    id: str
    action: Action
    title: str
    title_lang: str | None
    plan: str
    plan_lang: str | None
    planned_text: str
    late_from: dt.datetime
    late: bool
    status_label: str
    current: StatusLine
    history: list[StatusLine]  # the earlier statuses, newest first
    evidence: list[EvidenceLink]

    @property
    def ambition(self) -> int | str:
        return self.action.ambition


@dataclass(frozen=True)
class AmbitionGroup:
    ambition: int | str
    heading: str
    actions: list[ActionView]
    counts: dict[str, int]  # status -> number of actions
    late: int


def action_views(ctx: RenderContext) -> list[ActionView]:
    """Every action, by ambition, then planned end, then id: what was due first comes first."""
    actions = sorted(ctx.catalog.actions.items(),
                     key=lambda item: (AMBITIONS.index(item[1].ambition), action_late_from(item[1].planned), item[0]))
    return [action_view(ctx, action_id, action) for action_id, action in actions]


def action_view(ctx: RenderContext, action_id: str, action: Action) -> ActionView:
    labels, language = ctx.labels, ctx.labels.language
    translation = action.translations.get(language)
    title, title_lang = in_language(language, translation.title if translation else None, action.title)
    plan, plan_lang = in_language(language, translation.plan if translation else None, action.plan)
    note, note_lang = in_language(language, translation.note if translation else None, action.note)
    late_from = action_late_from(action.planned)

    def line(day: dt.date, status: str, text: str | None, lang: str | None) -> StatusLine:
        return StatusLine(day, _day_text(day, language), status, labels(f"progress.status.{status}"), text, lang)

    # An earlier status's note exists only in Dutch: marked as such on other languages' pages.
    source_lang = _source_lang(language)
    return ActionView(
        id=action_id,
        action=action,
        title=title,
        title_lang=title_lang,
        plan=plan,
        plan_lang=plan_lang,
        planned_text=planned_text(ctx, action.planned),
        late_from=late_from,
        late=action_is_late(action.status, late_from, ctx.now),
        status_label=labels(f"progress.status.{action.status}"),
        current=line(action.updated, action.status, note, note_lang),
        history=[line(change.date, change.status, change.note, source_lang if change.note else None)
                 for change in reversed(action.history)],
        evidence=[_evidence_link(ctx, item) for item in action.evidence],
    )


def planned_text(ctx: RenderContext, planned: str) -> str:
    """"1 januari 2024", "4e kwartaal 2023" or "2024", in the page's language."""
    year, quarter, day = planned_parts(planned)
    if day is not None:
        return _day_text(day, ctx.labels.language)
    if quarter is not None:
        return ctx.labels("progress.quarter", number=quarter, year=year)
    return str(year)


def _day_text(day: dt.date, language: str) -> str:
    return dates.short_date(dt.datetime(day.year, day.month, day.day, 12), language)


def _evidence_link(ctx: RenderContext, item) -> EvidenceLink:
    t, language = ctx.labels, ctx.labels.language
    if item.session is not None:
        session = ctx.catalog.sessions[item.session]
        translation = session.translations.get(language)
        text, lang = in_language(language, translation.title if translation else None, session.title)
        url = ctx.urls.page_url(ctx.urls.session_src(item.session))
        return EvidenceLink("session", t("progress.evidence_session"), text, lang, url, session.example)
    if item.page is not None:
        page = ctx.catalog.evidence_pages.get(item.page) or PageSummary(item.page, False)
        url = ctx.url_of_content(item.page) or ctx.urls.page_url(item.page)
        # A content page's title is in the language of the page it names (here: the Dutch page).
        return EvidenceLink("page", t("progress.evidence_page"), page.title, _source_lang(language), url, page.example)
    return EvidenceLink("document", t("progress.evidence_document"), item.title, _source_lang(language), item.url, False)


def _source_lang(language: str) -> str | None:
    """The language mark of text that exists only as the records are written (Dutch)."""
    return None if language == CONTENT_LANGUAGE else CONTENT_LANGUAGE


def ambition_groups(ctx: RenderContext, views: list[ActionView]) -> list[AmbitionGroup]:
    groups = []
    for ambition in AMBITIONS:
        members = [view for view in views if view.ambition == ambition]
        if not members:
            continue
        counts = {status: sum(1 for view in members if view.action.status == status) for status in ACTION_STATUSES}
        groups.append(AmbitionGroup(ambition, ctx.labels(f"progress.ambition.{ambition}"), members, counts,
                                    sum(1 for view in members if view.late)))
    return groups


def progress_markdown(ctx: RenderContext, page_url: str, out: MarkdownWriter | None = None) -> str:
    """The summary (counts per status per ambition, as a table), then per ambition its actions."""
    t, common = ctx.labels, template_helpers(ctx, page_url)
    out = out or MarkdownWriter()
    views = action_views(ctx)
    if not views:
        return out.join(render_fragment("progress_none.html", **common))
    groups = ambition_groups(ctx, views)
    blocks = [summary_html(views, groups, common, ctx.urls.progress_report() if ctx.pdfs else None)]
    for group in groups:
        blocks += [out.heading(2, group.heading), actions_html(group, common)]
    return out.join(*blocks)


def summary_html(views: list[ActionView], groups: list[AmbitionGroup], common: dict, report_url: str | None) -> str:
    """The summary: a sentence and the counts per status per ambition (the page and the report)."""
    return render_fragment("progress_summary.html", groups=groups, statuses=ACTION_STATUSES, total=len(views),
                           done=sum(group.counts["gedaan"] for group in groups),
                           total_late=sum(group.late for group in groups),
                           any_example=any(view.action.example for view in views), report_url=report_url, **common)


def actions_html(group: AmbitionGroup, common: dict) -> str:
    """One ambition's actions (the page and the report)."""
    return render_fragment("progress_actions.html", group=group, statuses=ACTION_STATUSES, iso=dates.iso,
                           **{key: value for key, value in common.items() if key != "iso"})
