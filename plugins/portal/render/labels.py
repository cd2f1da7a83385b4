"""The interface's words, from site_config/strings.yml, filled in with values.

Every key the renderers use is listed in REQUIRED_KEYS; the loader checks strings.yml against it,
so a missing word is a problem at load time, not a crash halfway through a build.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..model import PARTNER_KINDS, THEMES

# Words every language of the site needs: any page may be marked as an example or translation,
# and hold the meldpunt or contact block.
PAGE_KEYS: frozenset[str] = frozenset(
    [
        "page.example", "page.heading_link", "calendar.example", "translation.unreviewed",
        "meldpunt.form", "meldpunt.phone_and_email", "meldpunt.phone_only", "meldpunt.email_only",
        "meldpunt.anonymous", "meldpunt.example",
        "contact.website", "contact.phone", "contact.email", "contact.example",
    ]
)

# Words of the calendar, session and partner pages: needed in every language they appear in.
REQUIRED_KEYS: frozenset[str] = PAGE_KEYS | frozenset(
    [
        "registration.example_address",
        "calendar.upcoming", "calendar.archive", "calendar.none_upcoming", "calendar.none_past",
        "calendar.filter", "calendar.all", "calendar.audience_title", "calendar.subscribe",
        "calendar.subscribe_help", "calendar.subscribe_all", "calendar.subscribe_audience",
        "calendar.example", "calendar.next", "calendar.next_none", "calendar.next_all",
        "session.date", "session.time", "session.place", "session.audiences", "session.status",
        "session.hosts", "session.about", "session.agenda", "session.speakers", "session.register",
        "session.calendar", "session.ics", "session.report", "session.report_link", "session.online",
        "session.back", "session.cancelled", "session.moved", "session.past", "session.time_range",
        "session.example",
        "state.scheduled", "state.moved", "state.cancelled", "state.past",
        "registration.open", "registration.closing_soon", "registration.full", "registration.closed",
        "registration.for", "registration.until_day", "registration.until_moment", "registration.form", "registration.email", "registration.capacity",
        "registration.email_subject", "registration.email_body",
        "alliance.count", "alliance.count_one", "alliance.kind", "alliance.website", "alliance.since",
        "alliance.themes", "alliance.certifications", "alliance.contact", "alliance.sessions",
        "alliance.sessions_none", "alliance.back", "alliance.logo", "alliance.example",
        *(f"kind.{kind}" for kind in PARTNER_KINDS),
        *(f"kind.{kind}.one" for kind in PARTNER_KINDS),
        *(f"theme.{theme}" for theme in THEMES),
    ]
)

# Labels the browser script needs to re-decide states on the reader's side.
SCRIPT_KEYS = (
    "state.scheduled", "state.moved", "state.cancelled", "state.past",
    "registration.open", "registration.closing_soon", "registration.full", "registration.closed",
)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@dataclass(frozen=True)
class Labels:
    language: str
    words: dict[str, str]

    def __call__(self, key: str, **values: object) -> str:
        # str.format only fills the template's own {names}; values are never parsed again,
        # so a title with braces in it is safe.
        return self.words[key].format(**values)

    def html(self, key: str, **fragments: str) -> Markup:
        """The words with pieces of HTML (links) in their {places}: the words are escaped, the
        pieces are HTML the renderer made (itself from escaped values)."""
        return Markup(escape(self.words[key])).format(**{name: Markup(value) for name, value in fragments.items()})

    def for_script(self) -> dict[str, str]:
        return {key: self.words[key] for key in SCRIPT_KEYS}
