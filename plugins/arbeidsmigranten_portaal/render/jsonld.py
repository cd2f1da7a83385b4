"""schema.org metadata (JSON-LD) for session and partner pages, so search engines and
calendars understand them."""

from __future__ import annotations

import json
from typing import Any

from .views import PartnerView, RenderContext, SessionView
from . import dates

_EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "moved": "https://schema.org/EventRescheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "past": "https://schema.org/EventScheduled",
}


def session_jsonld(ctx: RenderContext, view: SessionView) -> dict[str, Any]:
    session = view.session
    place = session.location
    locations: list[dict[str, Any]] = []
    if place.address:
        locations.append({"@type": "Place", "name": place.name, "address": place.address})
    if place.online_url:
        locations.append({"@type": "VirtualLocation", "url": place.online_url})
    mode = (
        "MixedEventAttendanceMode"
        if place.address and place.online_url
        else "OnlineEventAttendanceMode"
        if place.online_url
        else "OfflineEventAttendanceMode"
    )
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": session.title,
        "description": " ".join(view.summary),
        "url": ctx.urls.absolute(view.page_url),
        "startDate": dates.iso(session.start),
        "endDate": dates.iso(session.end),
        "eventStatus": _EVENT_STATUS[view.state],
        "eventAttendanceMode": f"https://schema.org/{mode}",
        "location": locations[0] if len(locations) == 1 else locations,
        "inLanguage": ctx.labels.language,
        "isAccessibleForFree": True,
        "audience": [{"@type": "Audience", "audienceType": a.label} for a in view.audiences],
        "organizer": [_organisation(ctx, p.id) for p in view.hosts]
        or [{"@type": "Organization", "name": ctx.catalog.settings.organisation}],
    }
    if view.speakers:
        data["performer"] = [_organisation(ctx, p.id) for p in view.speakers]
    if session.previous_start is not None:
        data["previousStartDate"] = dates.iso(session.previous_start)
    offers = [
        {
            "@type": "Offer",
            "url": r.href,
            "price": "0",
            "priceCurrency": "EUR",
            "availability": "https://schema.org/SoldOut" if r.state == "full" else "https://schema.org/InStock",
            "validThrough": dates.iso(r.deadline),
            "category": r.label,
        }
        for r in view.registrations
        if r.href
    ]
    if offers:
        data["offers"] = offers
    return data


def partner_jsonld(ctx: RenderContext, view: PartnerView) -> dict[str, Any]:
    data = _organisation(ctx, view.id)
    data["@context"] = "https://schema.org"
    data["description"] = " ".join(view.description)
    if view.logo_url:
        data["logo"] = ctx.urls.absolute(view.logo_url)
    return data


def _organisation(ctx: RenderContext, partner_id: str) -> dict[str, Any]:
    partner = ctx.catalog.partners[partner_id]
    data: dict[str, Any] = {"@type": "Organization", "name": partner.name}
    if partner.website:
        data["url"] = partner.website
    return data


def script_json(data: dict[str, Any]) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' that could end the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
