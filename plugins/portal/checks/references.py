"""Checks across records: does every id that a file names exist, and do the pieces fit together?"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from ..catalog import Catalog
from ..problems import Problem
from ..urls import RESERVED_SESSION_IDS

if TYPE_CHECKING:
    from ..load import SourceDirs


def check_references(catalog: Catalog, dirs: "SourceDirs") -> list[Problem]:
    problems: list[Problem] = []
    audience_ids = sorted(catalog.audiences)
    partner_ids = sorted(catalog.partners)

    for session_id, session in catalog.sessions.items():
        doc = catalog.session_docs[session_id]
        if session_id in catalog.audiences or session_id in RESERVED_SESSION_IDS:
            problems.append(
                Problem(doc.display_path, 1, 1, "deze bestandsnaam is al het adres van een andere pagina van de "
                        "kalender; geef het bestand een andere naam, bijvoorbeeld met de datum ervoor", session_id)
            )
        for index, audience in enumerate(session.audiences):
            if audience not in catalog.audiences:
                problems.append(doc.problem_at(("audiences", index), _unknown("doelgroep", audience, audience_ids)))
            elif audience not in session.registration and catalog.audiences[audience].registration is None:
                problems.append(
                    doc.problem_at(
                        ("audiences", index),
                        f"heeft geen aanmelding; voeg onder registration een blok '{audience}:' toe met een url of email",
                    )
                )
        for audience in session.registration:
            if audience not in session.audiences:
                problems.append(
                    doc.problem_at(
                        ("registration", audience),
                        f"is een aanmelding voor een groep waarvoor deze sessie niet is; zet {audience} ook onder "
                        "audiences, of haal deze aanmelding weg",
                        of_key=True,
                    )
                )
            elif audience in catalog.audiences:
                registration = session.registration[audience]
                default = catalog.audiences[audience].registration
                has_default = default is not None and bool(default.url or default.email)
                if not (registration.url or registration.email or has_default):
                    problems.append(
                        doc.problem_at(("registration", audience), "heeft een url of een email nodig", of_key=True)
                    )
        for field in ("speakers", "hosts"):
            for index, partner in enumerate(getattr(session, field)):
                if partner not in catalog.partners:
                    problems.append(doc.problem_at((field, index), _unknown("partner", partner, partner_ids)))
        if session.report is not None and not (dirs.content / session.report).is_file():
            problems.append(
                doc.problem_at(("report",), "verwijst naar een bestand dat niet bestaat in content/; schrijf het pad "
                               "vanaf content/, zoals nieuws/posts/verslag.md")
            )

    for partner_id, partner in catalog.partners.items():
        if partner.logo is not None and not (dirs.partners / partner.logo).is_file():
            doc = catalog.partner_docs[partner_id]
            problems.append(doc.problem_at(("logo",), "verwijst naar een bestand dat niet bestaat in partners/"))
    return problems


def _unknown(what: str, value: str, known: list[str]) -> str:
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    if close:
        return f'is geen bekende {what}; bedoelt u "{close[0]}"?'
    listing = ", ".join(known) if len(known) <= 8 else ", ".join(known[:8]) + " …"
    return f"is geen bekende {what}; bekend zijn: {listing}"
