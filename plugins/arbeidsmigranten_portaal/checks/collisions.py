"""No two things at one address: generated pages and files against each other and against content.

A session file named kalender.yml would write kennissessies/kalender.ics over the subscribable
calendar; a partner named index would replace the alliance page; content/kennissessies/x.md and
sessions/x.yml would both be /kennissessies/x/. The site engine would silently keep one of them.
Every path the portal fills comes from urls.py (SiteUrls.planned), every content file is taken as
it is, and each path claimed twice becomes one sentence at the file that should be renamed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..catalog import Catalog
from ..model import CONTENT_LANGUAGE
from ..problems import Problem, relative_path
from ..urls import Claim, SiteUrls

if TYPE_CHECKING:
    from ..load import SourceDirs

# Which of two claimants gets the sentence: the one an editor can rename most easily and most
# likely just added. Built-in outputs are never renamed; a record's file name is its id.
_RANK = {"calendar": 0, "alliance": 0, "logos": 0, "regional": 0, "feed": 1, "audience_feed": 1, "data": 1, "logo": 1, "print": 1,
         "audience": 2, "content": 3, "session": 4, "session_ics": 4, "session_flyer": 4,
         "partner": 4}


@dataclass(frozen=True)
class _Claimant:
    claim: Claim | None  # None: a content file
    address: str  # as readers see it: /kennissessies/x/ or /kennissessies/x.ics
    content_path: Path | None = None

    @property
    def kind(self) -> str:
        return "content" if self.claim is None else self.claim.kind


def check_collisions(catalog: Catalog, dirs: "SourceDirs", languages: tuple[str, ...] | None = None) -> list[Problem]:
    """`languages`: those with calendar pages; by default every language of strings.yml (a content
    page of another language at a session's address is then also refused, which costs nothing)."""
    if languages is None:
        languages = tuple(catalog.strings.root) or (CONTENT_LANGUAGE,)
    logos = {pid: p.logo for pid, p in catalog.partners.items() if p.logo}
    at: dict[str, list[_Claimant]] = {}
    for language in dict.fromkeys((CONTENT_LANGUAGE, *languages)):
        urls = SiteUrls(language=None if language == CONTENT_LANGUAGE else language)
        for path, claim in urls.planned(catalog.session_docs, catalog.partner_docs, catalog.audiences, logos):
            _add(at, urls.output_path(path).lower(), _Claimant(claim, _address(urls, path)))
    for path in _content_files(dirs.content):
        src = path.relative_to(dirs.content).as_posix()
        urls = SiteUrls(language=_language_of(src, languages))
        _add(at, urls.output_path(src).lower(), _Claimant(None, _address(urls, src), path))

    problems = []
    said: set[tuple[object, object]] = set()
    for claimants in at.values():  # Dutch first: a clash in every language is told once, at its Dutch address
        # Addresses are compared without capitals: Begrippen.md and begrippen.md are one page on
        # Windows and macOS, and two confusingly alike addresses on the web.
        only_content = all(c.claim is None or c.claim.placeholder for c in claimants)
        if len(claimants) < 2 or (only_content and sum(1 for c in claimants if c.claim is None) < 2):
            continue  # the calendar's own content page fills the calendar's placeholder
        ordered = sorted(claimants, key=lambda c: _RANK[c.kind])
        blamed, other = ordered[-1], ordered[0]
        pair = (_who(blamed), _who(other))
        if pair not in said:
            said.add(pair)
            problems.append(_sentence(catalog, dirs, blamed, other))
    problems += _inside_generated_files(catalog, dirs, at)
    return sorted(problems)


def _inside_generated_files(catalog: Catalog, dirs: "SourceDirs", at: dict[str, list[_Claimant]]) -> list[Problem]:
    """A content file in a folder that has the name of a file the portal writes (a folder
    kennissessies/x.pdf/ where the flyer goes): one of the two could not be written."""
    files = {output: claim for output, claimants in at.items() for claim in claimants
             if claim.claim is not None and not claim.claim.placeholder and "." in output.rsplit("/", 1)[-1]}
    problems = []
    for output, claimants in at.items():
        for claimant in claimants:
            if claimant.content_path is None:
                continue
            parts = output.split("/")
            for depth in range(1, len(parts)):
                taken = files.get("/".join(parts[:depth]))
                if taken is not None:
                    problems.append(Problem(
                        relative_path(claimant.content_path, dirs.root), 1, 1,
                        f"dit bestand staat in een map met de naam van {_what(catalog, dirs, taken)} "
                        f"({taken.address}); zet het in een map met een andere naam"))
                    break
    return problems


def _who(claimant: _Claimant) -> object:
    """The thing behind a claim, the same in every language: a record, a built-in output or a file."""
    return claimant.content_path or (claimant.claim.kind.removesuffix("_ics").removesuffix("_flyer"), claimant.claim.owner)


def _add(at: dict[str, list[_Claimant]], output: str, claimant: _Claimant) -> None:
    found = at.setdefault(output, [])
    if claimant not in found:  # files shared by all languages are planned once per language
        found.append(claimant)


def _address(urls: SiteUrls, path: str) -> str:
    return "/" + (urls.page_url(path) if path.endswith(".md") else path)


def _language_of(src: str, languages: tuple[str, ...]) -> str | None:
    for language in languages:
        if language != CONTENT_LANGUAGE and src.endswith(f".{language}.md"):
            return language
    return None


def _content_files(content: Path) -> list[Path]:
    """What the engine copies or renders from content/ (hidden files and folders are skipped)."""
    found = []
    for folder, subfolders, files in os.walk(content, followlinks=False):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        found += [Path(folder) / name for name in sorted(files) if not name.startswith(".")]
    return found


def _what(catalog: Catalog, dirs: "SourceDirs", claimant: _Claimant) -> str:
    """The thing at an address, as the sentence names it."""
    claim = claimant.claim
    if claim is None:
        assert claimant.content_path is not None
        noun = "de pagina" if claimant.content_path.suffix == ".md" else "het bestand"
        return f"{noun} {relative_path(claimant.content_path, dirs.root)}"
    owner = claim.owner or ""
    session_file = catalog.session_docs[owner].display_path if owner in catalog.session_docs else owner
    partner_file = catalog.partner_docs[owner].display_path if owner in catalog.partner_docs else owner
    return {
        "calendar": "de pagina met de hele kalender",
        "alliance": "de pagina van de alliantie",
        "logos": "de map met de logo's van alle partners",
        "regional": "de regionale kalender (regional: in site_config/site.yml)",
        "feed": "het agendabestand van de hele kalender, waarop lezers zich abonneren",
        "audience_feed": f"het agendabestand voor de doelgroep {owner}, waarop lezers zich abonneren",
        "data": f"de open data ({owner})",
        "logo": f"het logo van de partner {owner}",
        "audience": f"de kalender voor de doelgroep {owner} (site_config/audiences.yml)",
        "session": f"de pagina van de sessie {session_file}",
        "session_ics": f"het agendabestand van de sessie {session_file}",
        "session_flyer": f"de flyer (PDF) van de sessie {session_file}",
        "print": f"{owner} om te printen (PDF)",
        "partner": f"de pagina van de partner {partner_file}",
    }[claim.kind]


def _sentence(catalog: Catalog, dirs: "SourceDirs", blamed: _Claimant, other: _Claimant) -> Problem:
    there = f"het adres {blamed.address}, maar daar staat al {_what(catalog, dirs, other)}"
    kind, owner = blamed.kind, blamed.claim.owner if blamed.claim else None
    if kind in ("session", "session_ics", "session_flyer") and owner in catalog.session_docs:
        doc = catalog.session_docs[owner]
        return Problem(doc.display_path, 1, 1, f"deze bestandsnaam geeft de sessie {there}; geef het bestand een "
                                               "andere naam, bijvoorbeeld met de datum ervoor", doc.path.name)
    if kind == "partner" and owner in catalog.partner_docs:
        doc = catalog.partner_docs[owner]
        return Problem(doc.display_path, 1, 1, f"deze bestandsnaam geeft de partner {there}; geef het bestand een "
                                               "andere naam, zoals de naam van de organisatie", doc.path.name)
    if kind == "content" and blamed.content_path is not None:
        return Problem(relative_path(blamed.content_path, dirs.root), 1, 1,
                       f"dit bestand komt op {there}; geef het bestand een andere naam of zet het in een andere map")
    # An audience: its id is a key in audiences.yml (the model already refuses the fixed names).
    return Problem(relative_path(dirs.site_config / "audiences.yml", dirs.root), 1, 1,
                   f"de doelgroep {owner} krijgt {there}; kies een andere naam voor de doelgroep")
