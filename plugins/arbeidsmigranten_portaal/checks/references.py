"""Checks across records: does every id that a file names exist, and do the pieces fit together?"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from ..catalog import Catalog
from ..front_matter import split_front_matter
from ..model import CONTENT_LANGUAGE, LANGUAGE_NAMES, content_page_sentence
from ..problems import Problem
from ..sources import page_under, safe_text
from .collisions import check_collisions

if TYPE_CHECKING:
    from ..load import SourceDirs


def check_references(catalog: Catalog, dirs: "SourceDirs") -> list[Problem]:
    """Checked on what each file says, valid or not, so that a file with a schema problem still
    gets its reference problems reported in the same run."""
    problems: list[Problem] = []
    audience_ids = sorted(catalog.audiences)
    partner_ids = sorted(catalog.partners) or sorted(catalog.partner_docs)
    known_partners = set(catalog.partner_docs)

    for session_id, doc in catalog.session_docs.items():
        data = doc.data if isinstance(doc.data, dict) else {}
        audiences = _strings(data.get("audiences"))
        registration = data.get("registration") if isinstance(data.get("registration"), dict) else {}
        for index, audience in audiences:
            if audience not in catalog.audiences:
                problems.append(doc.problem_at(("audiences", index), unknown_id_sentence("doelgroep", audience, audience_ids)))
            elif audience not in registration and catalog.audiences[audience].registration is None:
                problems.append(
                    doc.problem_at(
                        ("audiences", index),
                        f"heeft geen aanmelding; voeg onder registration een blok '{audience}:' toe met een url of email",
                    )
                )
        session_audiences = {audience for _, audience in audiences}
        for audience, details in registration.items():
            if audience not in session_audiences:
                problems.append(
                    doc.problem_at(
                        ("registration", audience),
                        f"is een aanmelding voor een groep waarvoor deze sessie niet is; zet {audience} ook onder "
                        "audiences, of haal deze aanmelding weg",
                        of_key=True,
                    )
                )
            elif audience in catalog.audiences and isinstance(details, dict):
                default = catalog.audiences[audience].registration
                has_default = default is not None and bool(default.url or default.email)
                if not (details.get("url") or details.get("email") or has_default):
                    problems.append(
                        doc.problem_at(("registration", audience), "heeft een url of een email nodig", of_key=True)
                    )
        for field in ("speakers", "hosts"):
            for index, partner in _strings(data.get(field)):
                if partner not in known_partners:
                    problems.append(doc.problem_at((field, index), unknown_id_sentence("partner", partner, partner_ids)))
                else:
                    sentence = _mixes_real_and_invented(catalog, data, partner)
                    if sentence:
                        problems.append(doc.problem_at((field, index), sentence))
        report = data.get("report")
        if isinstance(report, str) and content_page_sentence(report) is None and page_under(dirs.content, report) is None:
            # Only for a path that can be a page: the schema already explains one that cannot.
            problems.append(
                doc.problem_at(("report",), "verwijst naar een pagina die niet bestaat in content/; schrijf het pad "
                               "vanaf content/, zoals nieuws/posts/verslag.md")
            )
        elif isinstance(report, str) and content_page_sentence(report) is None:
            sentence = unpublished_page_sentence(dirs, report)
            if sentence:
                problems.append(doc.problem_at(("report",), sentence))
        problems += _translation_languages(doc, data, catalog)

    for partner_id, doc in catalog.partner_docs.items():
        logo = doc.data.get("logo") if isinstance(doc.data, dict) else None
        if isinstance(logo, str) and partner_id in catalog.partners and not (dirs.partners / logo).is_file():
            problems.append(doc.problem_at(("logo",), "verwijst naar een bestand dat niet bestaat in partners/"))
        problems += _translation_languages(doc, doc.data if isinstance(doc.data, dict) else {}, catalog)
    for doc in catalog.action_docs.values():
        problems += _action_references(doc, catalog, dirs)
    problems += check_collisions(catalog, dirs)
    return problems


def _action_references(doc, catalog: Catalog, dirs: "SourceDirs") -> list[Problem]:
    """An action's evidence names sessions and pages that exist; a real action is not proven by
    an invented session."""
    data = doc.data if isinstance(doc.data, dict) else {}
    evidence = data.get("evidence") if isinstance(data.get("evidence"), list) else []
    problems = _translation_languages(doc, data, catalog)
    session_ids = sorted(catalog.session_docs)
    for index, item in enumerate(evidence):
        if not isinstance(item, dict):
            continue
        session, page = item.get("session"), item.get("page")
        if isinstance(session, str) and session not in catalog.session_docs:
            problems.append(doc.problem_at(("evidence", index, "session"),
                                           unknown_id_sentence("kennissessie", session, session_ids)))
        elif isinstance(session, str) and data.get("example") is not True:
            session_data = catalog.session_docs[session].data
            if isinstance(session_data, dict) and session_data.get("example") is True:
                problems.append(doc.problem_at(
                    ("evidence", index, "session"),
                    f"is een verzonnen kennissessie (example: true), maar deze actie is echt, zodat het lijkt alsof "
                    f"de sessie bewijst wat er gedaan is; noem een echte sessie, of zet example: true bij de actie"))
        if isinstance(page, str) and content_page_sentence(page) is None:
            sentence = ("verwijst naar een pagina die niet bestaat in content/; schrijf het pad vanaf content/, zoals "
                        "nieuws/posts/verslag.md") if page_under(dirs.content, page) is None else unpublished_page_sentence(
                dirs, page)
            if sentence:
                problems.append(doc.problem_at(("evidence", index, "page"), sentence))
    return problems


_TRANSLATION = re.compile(r"\.([a-z]{2})\.md$")


def unpublished_page_sentence(dirs: "SourceDirs", src: str) -> str | None:
    """Why a page that exists under content/ would not be a page a record can link to: a draft
    (the news leaves it out), a translation (the site links each language to its own), or a page
    in templates/ (MkDocs leaves that folder out). None when the page is published."""
    if src.split("/")[0] == "templates":
        return "staat in de map templates/, die niet op de site komt; noem een pagina die wel op de site staat"
    translation = _TRANSLATION.search(src)
    if translation and translation.group(1) in LANGUAGE_NAMES:
        dutch = src[:translation.start()] + ".md"
        return (f"is een vertaling; noem de Nederlandse pagina, zoals {dutch} (de site linkt in elke taal naar de "
                "eigen vertaling)")
    text = safe_text(dirs.content / src)
    if text is not None and split_front_matter(text)[0].get("draft") is True:
        return "is een concept (draft: true) en komt niet op de site; noem een pagina die wel op de site staat"
    return None


def _mixes_real_and_invented(catalog: Catalog, session: dict, partner_id: str) -> str | None:
    """A made-up session may not put words in a real organisation's mouth, and a real session may
    not present a made-up organisation as taking part. The site's own organisation organises the
    examples too, and may appear in both."""
    partner_data = catalog.partner_docs[partner_id].data
    if not isinstance(partner_data, dict):
        return None
    invented_session = session.get("example") is True
    invented_partner = partner_data.get("example") is True
    if invented_session == invented_partner or partner_data.get("name") == catalog.settings.organisation:
        return None
    if invented_session:
        return (f"noemt {partner_id}, een echte organisatie, maar deze kennissessie is een verzonnen voorbeeld "
                f"(example: true), zodat het lijkt alsof {partner_id} eraan meewerkt; kies een partner met "
                f"example: true, of haal {partner_id} hier weg")
    return (f"noemt {partner_id}, een verzonnen voorbeeld (example: true), maar deze kennissessie is echt; kies een "
            f"echte partner, of zet example: true als ook de sessie een voorbeeld is")


def _translation_languages(doc, data: dict, catalog: Catalog) -> list[Problem]:
    """A translation into a language the site does not have is never shown: say so instead."""
    translations = data.get("translations")
    known = [language for language in catalog.strings.root if language != CONTENT_LANGUAGE]
    if not isinstance(translations, dict) or not known:
        return []
    return [
        doc.problem_at(("translations", language), f"is een taal die de site niet heeft, dus deze vertaling verschijnt "
                       f"nergens; de site heeft: {', '.join(known)}", of_key=True)
        for language in translations
        if isinstance(language, str) and language != CONTENT_LANGUAGE and language not in catalog.strings.root
    ]


def _strings(value: object) -> list[tuple[int, str]]:
    """The text items of a list with their positions; anything else the schema already reports."""
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, str)]


def unknown_id_sentence(what: str, value: str, known: list[str]) -> str:
    """Why `value` names no known doelgroep or partner (also said by `portal new` when it is typed)."""
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    if close:
        return f'is geen bekende {what}; bedoelt u "{close[0]}"?'
    listing = ", ".join(known) if len(known) <= 8 else ", ".join(known[:8]) + " …"
    return f"is geen bekende {what}; bekend zijn: {listing}"
