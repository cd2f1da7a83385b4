"""Open data: /data/sessions.json, /data/partners.json and /data/actions.json, each with a
published JSON Schema.

The output models below are the documentation of both files: their JSON Schemas are generated
from them and published beside the data (/data/sessions.schema.json ...), and the page
content/open-data.md explains them in Dutch.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..action_model import ActionStatus
from ..model import PartnerKind, SessionStatus, Theme
from . import dates, ics
from .views import PartnerView, RenderContext, SessionView

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PlaceOut(_Out):
    name: str
    address: str | None = Field(description="Adres als één regel tekst.")
    online_url: str | None = Field(description="Link naar de online bijeenkomst.")


class RegistrationOut(_Out):
    audience: str = Field(description="Id van de doelgroep, zoals ondernemers.")
    url: str | None = Field(description="Aanmeldlink: https:// (formulier) of mailto: (e-mail).")
    deadline: str = Field(description="Laatste moment van aanmelden, ISO 8601 met tijdzone.")
    capacity: int | None = Field(description="Aantal plaatsen, als dat bekend is.")
    full: bool
    state: Literal["open", "closing_soon", "full", "closed", "none"] = Field(
        description="Toestand op het moment dat de site werd gebouwd (zie generated)."
    )


class SessionOut(_Out):
    id: str = Field(description="Vaste id van de sessie (de bestandsnaam).")
    uid: str = Field(description="Vaste code (UID) van de sessie in agendabestanden; een regionale kalender houdt die.")
    url: str = Field(description="Pagina van de sessie.")
    ics_url: str = Field(description="Agendabestand (.ics) van de sessie.")
    title: str
    summary: str
    start: str = Field(description="Begin, ISO 8601 met tijdzone (Europe/Amsterdam).")
    end: str = Field(description="Einde, ISO 8601 met tijdzone (Europe/Amsterdam).")
    status: SessionStatus = Field(description="Status zoals de redactie die opgaf.")
    state: Literal["scheduled", "moved", "cancelled", "past"] = Field(
        description="Toestand op het moment dat de site werd gebouwd (zie generated)."
    )
    previous_start: str | None = Field(description="Oud begin van een verplaatste sessie.")
    revision: int = Field(description="Telt op bij elke wijziging van datum, tijd of plaats.")
    location: PlaceOut
    audiences: list[str]
    registration: list[RegistrationOut]
    speakers: list[str] = Field(description="Ids van partners (zie partners.json).")
    hosts: list[str] = Field(description="Ids van partners (zie partners.json).")
    report_url: str | None = Field(description="Verslag na afloop.")
    example: bool = Field(description="true: verzonnen voorbeeld, geen echte sessie.")


class SessionsDocument(_Out):
    generated: str = Field(description="Moment waarop de site werd gebouwd, ISO 8601.")
    sessions: list[SessionOut]


class ContactOut(_Out):
    email: str | None
    phone: str | None
    url: str | None


class PartnerOut(_Out):
    id: str = Field(description="Vaste id van de partner (de bestandsnaam).")
    url: str = Field(description="Pagina van de partner.")
    name: str
    kind: PartnerKind
    description: str
    website: str | None
    since: int | None
    themes: list[Theme] = Field(description="Thema's van de commissie-Roemer.")
    certifications: list[str]
    contact: ContactOut | None
    sessions: list[str] = Field(description="Ids van sessies waaraan de partner meewerkt (zie sessions.json).")
    example: bool = Field(description="true: verzonnen voorbeeld, geen echte organisatie.")


class PartnersDocument(_Out):
    generated: str = Field(description="Moment waarop de site werd gebouwd, ISO 8601.")
    partners: list[PartnerOut]


class StatusOut(_Out):
    date: str = Field(description="Datum van de status, ISO 8601 (jjjj-mm-dd).")
    status: ActionStatus
    note: str | None


class EvidenceOut(_Out):
    kind: Literal["session", "page", "document"] = Field(
        description="session: een kennissessie (zie sessions.json); page: een pagina van de site; document: elders."
    )
    session: str | None = Field(description="Id van de sessie, bij kind session.")
    title: str
    url: str
    example: bool = Field(description="true: het bewijs is zelf een verzonnen voorbeeld.")


class ActionOut(_Out):
    id: str = Field(description="Vaste id van de actie (de bestandsnaam).")
    url: str | None = Field(description="De actie op de voortgangspagina, als de site die heeft.")
    ambition: Literal[1, 2, 3, "alle"] = Field(description="Ambitie van het plan: 1, 2, 3, of alle.")
    title: str
    plan: str = Field(description="Wat het plan over de actie zei.")
    planned: str = Field(description="Wanneer gepland: een dag (jjjj-mm-dd), een kwartaal (jjjj-Qn) of een jaar (jjjj).")
    late_from: str = Field(description="Vanaf dit moment is de actie te laat als ze niet gedaan of gestopt is, ISO 8601.")
    status: ActionStatus
    updated: str = Field(description="Datum van de laatste update van de status, ISO 8601 (jjjj-mm-dd).")
    note: str = Field(description="Uitleg bij de status.")
    late: bool = Field(description="Te laat op het moment dat de site werd gebouwd (zie generated).")
    history: list[StatusOut] = Field(description="Eerdere statussen, de oudste eerst.")
    evidence: list[EvidenceOut]
    example: bool = Field(description="true: de status is een verzonnen voorbeeld, niet uit een bron.")


class ActionsDocument(_Out):
    generated: str = Field(description="Moment waarop de site werd gebouwd, ISO 8601.")
    actions: list[ActionOut]


def actions_document(ctx: RenderContext, views: list, page_url: str | None) -> ActionsDocument:
    """The plan's actions; `views` are render/progress.py's ActionViews, `page_url` the voortgang page."""
    absolute = ctx.urls.absolute
    return ActionsDocument(
        generated=dates.iso(ctx.now),
        actions=[
            ActionOut(
                id=v.id,
                url=absolute(page_url) + f"#actie-{v.id}" if page_url is not None else None,
                ambition=v.action.ambition,
                title=v.action.title,
                plan=v.action.plan,
                planned=v.action.planned,
                late_from=dates.iso(v.late_from),
                status=v.action.status,
                updated=v.action.updated.isoformat(),
                note=v.action.note,
                late=v.late,
                history=[StatusOut(date=h.date.isoformat(), status=h.status, note=h.note) for h in v.action.history],
                evidence=[EvidenceOut(kind=e.kind, session=item.session, title=e.text, url=absolute(e.url)
                                      if e.kind != "document" else e.url, example=e.example)
                          for e, item in zip(v.evidence, v.action.evidence)],
                example=v.action.example,
            )
            for v in views
        ],
    )


def sessions_document(ctx: RenderContext, views: list[SessionView]) -> SessionsDocument:
    absolute = ctx.urls.absolute
    return SessionsDocument(
        generated=dates.iso(ctx.now),
        sessions=[
            SessionOut(
                id=v.id,
                uid=ics.uid(ctx, v.id),
                url=absolute(v.page_url),
                ics_url=absolute(v.ics_url),
                title=v.title,
                summary="\n\n".join(v.summary),
                start=dates.iso(v.session.start),
                end=dates.iso(v.session.end),
                status=v.session.status,
                state=v.state,
                previous_start=dates.iso(v.session.previous_start) if v.session.previous_start else None,
                revision=v.session.revision,
                location=PlaceOut(
                    name=v.session.location.name,
                    address=v.session.location.address,
                    online_url=v.session.location.online_url,
                ),
                audiences=list(v.session.audiences),
                registration=[
                    RegistrationOut(
                        audience=r.audience_id,
                        url=r.href,
                        deadline=dates.iso(r.deadline),
                        capacity=r.capacity,
                        full=r.full,
                        state=r.state,
                    )
                    for r in v.registrations
                ],
                speakers=[p.id for p in v.speakers],
                hosts=[p.id for p in v.hosts],
                report_url=absolute(v.report_url) if v.report_url else None,
                example=v.session.example,
            )
            for v in views
        ],
    )


def partners_document(ctx: RenderContext, views: list[PartnerView]) -> PartnersDocument:
    return PartnersDocument(
        generated=dates.iso(ctx.now),
        partners=[
            PartnerOut(
                id=v.id,
                url=ctx.urls.absolute(v.page_url),
                name=v.partner.name,
                kind=v.partner.kind,
                description="\n\n".join(v.description),
                website=v.partner.website,
                since=v.partner.since,
                themes=list(v.partner.themes),
                certifications=list(v.partner.certifications),
                contact=(
                    ContactOut(email=v.partner.contact.email, phone=v.partner.contact.phone, url=v.partner.contact.url)
                    if v.partner.contact
                    else None
                ),
                sessions=[s.id for s in v.sessions],
                example=v.partner.example,
            )
            for v in views
        ],
    )


def to_json(document: BaseModel, schema_url: str) -> bytes:
    """The document as JSON with a "$schema" key first, indented by two spaces (as json.dumps
    with indent=2 writes it), serialised by pydantic's own serialiser straight to bytes: for a
    thousand sessions the intermediate dicts and strings of json.dumps were tens of megabytes."""
    body = type(document).__pydantic_serializer__.to_json(document, indent=2)
    schema = b'{\n  "$schema": ' + json.dumps(schema_url, ensure_ascii=False).encode("utf-8")
    return schema + (b"\n}" if body == b"{}" else b"," + body[1:]) + b"\n"


def schema_json(model: type[BaseModel], title: str) -> bytes:
    schema = model.model_json_schema()
    schema = {"$schema": SCHEMA_DIALECT, "title": title, **{k: v for k, v in schema.items() if k != "title"}}
    # The documents carry a "$schema" key pointing here; allow it next to the fields.
    schema.setdefault("properties", {})["$schema"] = {"type": "string"}
    return (json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
