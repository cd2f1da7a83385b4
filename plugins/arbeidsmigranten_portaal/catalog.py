"""Everything the portal knows after loading: the records, and where each was written."""

from __future__ import annotations

from dataclasses import dataclass, field

from .action_model import Action
from .card_model import CardText
from .page_titles import PageSummary
from .model import Audience, EditorSettings, Partner, Session, SiteSettings, Strings
from .yaml_source import YamlDocument


@dataclass(frozen=True)
class Catalog:
    settings: SiteSettings
    audiences: dict[str, Audience]
    strings: Strings
    partners: dict[str, Partner]
    sessions: dict[str, Session]
    # The parsed files behind the records, by id, so later checks can point at a line.
    partner_docs: dict[str, YamlDocument] = field(default_factory=dict, repr=False)
    session_docs: dict[str, YamlDocument] = field(default_factory=dict, repr=False)
    # The plan's actions (actions/), by id; empty for a site without them.
    actions: dict[str, Action] = field(default_factory=dict)
    action_docs: dict[str, YamlDocument] = field(default_factory=dict, repr=False)
    # Each content page that an action names as evidence (its title, whether it is an example),
    # by its path under content/.
    evidence_pages: dict[str, PageSummary] = field(default_factory=dict)
    # The card "signalen van arbeidsuitbuiting" per language (site_config/signals_card.yml); empty: none.
    signals_card: dict[str, CardText] = field(default_factory=dict)
    # The editor at /admin/ (site_config/editor.yml); None: the site has none.
    editor: EditorSettings | None = None

    def sessions_in_order(self) -> list[tuple[str, Session]]:
        """By start, then id, so that equal starts still give one stable order."""
        return sorted(self.sessions.items(), key=lambda item: (item[1].start, item[0]))

    def sessions_by_partner(self) -> dict[str, list[str]]:
        """Partner id -> ids of the sessions where it speaks or hosts, built once for all pages."""
        index: dict[str, list[str]] = {partner_id: [] for partner_id in self.partners}
        for session_id, session in self.sessions_in_order():
            for partner_id in dict.fromkeys([*session.hosts, *session.speakers]):
                index.setdefault(partner_id, []).append(session_id)
        return index
