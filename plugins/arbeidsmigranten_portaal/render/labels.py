"""The interface's words, from site_config/strings.yml, filled in with values.

Every key the renderers use is listed in REQUIRED_KEYS; the loader checks strings.yml against it,
so a missing word is a problem at load time, not a crash halfway through a build. PLACES says
which {names} each text may hold: exactly the values its renderer passes, nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from ..action_model import ACTION_STATUSES, AMBITIONS
from ..model import PARTNER_KINDS, THEMES
from ..placeholders import fill

# Words every language of the site needs: any page may be marked as an example or translation,
# and hold the meldpunt or contact block.
PAGE_KEYS: frozenset[str] = frozenset(
    [
        "page.example", "page.heading_link", "page.reviewed", "calendar.example", "translation.unreviewed",
        "page.home", "page.breadcrumb", "page.languages", "page.contact", "page.about_site",
        "meldpunt.link", "meldpunt.footer", "meldpunt.languages", "meldpunt.languages_form", "meldpunt.languages_phone",
        "meldpunt.languages_email",
        "meldpunt.form", "meldpunt.phone_and_email", "meldpunt.phone_only", "meldpunt.email_only",
        "meldpunt.anonymous", "meldpunt.example",
        "contact.website", "contact.phone", "contact.email", "contact.example",
    ]
)

# Words of the voortgang block: in the calendar's languages, as the session pages.
PROGRESS_KEYS: frozenset[str] = frozenset(
    [
        *(f"progress.ambition.{ambition}" for ambition in AMBITIONS),
        *(f"progress.short.{ambition}" for ambition in AMBITIONS),
        *(f"progress.status.{status}" for status in ACTION_STATUSES),
        "progress.late", "progress.quarter", "progress.plan", "progress.planned", "progress.update",
        "progress.evidence", "progress.evidence_session", "progress.evidence_page", "progress.evidence_document",
        "progress.history", "progress.summary_text", "progress.table_caption", "progress.table_status",
        "progress.none", "progress.example_notice",
        "progress.report_link", "progress.report_title", "progress.report_date", "progress.report_page",
    ]
)

# Words of the calendar, session and partner pages: needed in every language they appear in.
REQUIRED_KEYS: frozenset[str] = PAGE_KEYS | frozenset(
    [
        "registration.example_address",
        "calendar.upcoming", "calendar.archive", "calendar.none_upcoming", "calendar.none_past",
        "calendar.filter", "calendar.all", "calendar.audience_title", "calendar.subscribe",
        "calendar.subscribe_help", "calendar.subscribe_all", "calendar.subscribe_audience",
        "calendar.subscribe_click", "calendar.webcal_all", "calendar.webcal_audience", "calendar.subscribe_how",
        "calendar.subscribe_google", "calendar.subscribe_outlook", "calendar.subscribe_apple",
        "calendar.cancelled", "calendar.moved",
        "calendar.example", "calendar.next", "calendar.next_none", "calendar.next_all",
        "session.date", "session.time", "session.place", "session.audiences", "session.status",
        "session.hosts", "session.about", "session.agenda", "session.speakers", "session.register",
        "session.calendar", "session.ics", "session.report", "session.report_link", "session.online",
        "session.back", "session.cancelled", "session.moved", "session.past", "session.time_range",
        "session.example", "session.cancelled_now", "session.past_now",
        "session.flyer", "flyer.kicker", "flyer.register", "flyer.by_form", "flyer.by_email", "flyer.scan", "flyer.qr_title",
        "registration.instead", "registration.email_route", "registration.copy_address",
        "registration.copy_subject", "registration.copied",
        "state.scheduled", "state.moved", "state.cancelled", "state.past",
        "registration.open", "registration.closing_soon", "registration.full", "registration.closed",
        "registration.until_day", "registration.until_moment", "registration.form", "registration.email", "registration.capacity",
        "registration.email_subject", "registration.email_body",
        "alliance.count", "alliance.count_one", "alliance.kind", "alliance.website", "alliance.since",
        "alliance.themes", "alliance.certifications", "alliance.contact", "alliance.sessions",
        "alliance.sessions_none", "alliance.back", "alliance.logo", "alliance.example",
        *(f"kind.{kind}" for kind in PARTNER_KINDS),
        *(f"kind.{kind}.one" for kind in PARTNER_KINDS),
        *(f"theme.{theme}" for theme in THEMES),
        *PROGRESS_KEYS,
    ]
)

# Labels the browser script needs to re-decide states on the reader's side.
SCRIPT_KEYS = (
    "state.scheduled", "state.moved", "state.cancelled", "state.past",
    "registration.open", "registration.closing_soon", "registration.full", "registration.closed",
    "registration.copied",
)


# The {places} of each text: the names its renderer fills in (render/*.py and the templates in
# render/templates/). Labels refuses a call that passes other names, and a test renders every
# text, so this table cannot drift from the renderers. A text not listed has no places.
PLACES: dict[str, frozenset[str]] = {
    key: frozenset(names)
    for key, names in {
        "page.reviewed": ("date",),
        "meldpunt.phone_and_email": ("phone", "email"),
        "meldpunt.phone_only": ("phone",),
        "meldpunt.email_only": ("email",),
        "contact.website": ("link",),
        "contact.phone": ("phone",),
        "contact.email": ("email",),
        "calendar.audience_title": ("label",),
        "calendar.subscribe_audience": ("label",),
        "calendar.webcal_audience": ("label",),
        "session.moved": ("previous", "date"),
        "registration.email_route": ("address", "subject"),
        "session.time_range": ("start", "end"),
        # The state's text is chosen by the state, and each one is given the deadline.
        "registration.open": ("deadline",),
        "registration.closing_soon": ("deadline",),
        "registration.full": ("deadline",),
        "registration.closed": ("deadline",),
        "registration.until_day": ("date",),
        "registration.until_moment": ("date", "time"),
        "registration.form": ("member",),
        "registration.email": ("member",),
        "registration.capacity": ("capacity",),
        "registration.email_subject": ("title", "date"),
        "registration.email_body": ("title", "date"),
        "alliance.count": ("count",),
        "alliance.logo": ("name",),
        "progress.quarter": ("number", "year"),
        "progress.update": ("date",),
        "progress.report_date": ("date",),
        "flyer.by_email": ("address",),
        "progress.summary_text": ("total", "done", "late"),
    }.items()
}


def places_of(key: str) -> frozenset[str]:
    """The {names} the text `key` may use."""
    return PLACES.get(key, frozenset())


@dataclass(frozen=True)
class Labels:
    language: str
    words: dict[str, str]

    def __call__(self, key: str, **values: object) -> str:
        """The text with its {names} filled in; a value is put in as it is, never parsed again,
        so a title with braces in it is safe."""
        self._expect(key, values)
        return fill(self.words[key], {name: str(value) for name, value in values.items()})

    def html(self, key: str, **fragments: str) -> Markup:
        """The words with pieces of HTML (links) in their {places}: the words are escaped, the
        pieces are HTML the renderer made (itself from escaped values)."""
        self._expect(key, fragments)
        filled = fill(self.words[key], {name: Markup(value) for name, value in fragments.items()}, literal=escape)
        return Markup(filled)

    def for_script(self) -> dict[str, str]:
        """The texts the browser script fills in itself: literal braces written out, and
        {deadline} left for the script (portal-states.js replaces exactly that)."""
        return {key: fill(self.words[key], {name: "{" + name + "}" for name in places_of(key)}) for key in SCRIPT_KEYS}

    @staticmethod
    def _expect(key: str, values: dict[str, object]) -> None:
        # A renderer passing other names than PLACES lists is a bug in the portal, not in the
        # content: fail loudly in the tests instead of filling a text the loader did not check.
        if set(values) != places_of(key):
            raise TypeError(f"{key!r} takes {sorted(places_of(key))}, the renderer passed {sorted(values)}")
