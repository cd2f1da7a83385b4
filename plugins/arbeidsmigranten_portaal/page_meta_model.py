"""The front matter of a page and of a news post, as the editor (/admin/) offers it.

A page's front matter is read by MkDocs and Material, which accept many more keys; the checks in
checks/ (front_matter_policy, news_posts, reviewed_dates) say what the portal refuses there, at
the line. These models are the fields the portal itself gives a meaning, with the same rules, so
that the editor's forms (editor/config.py) come from a model like every other record's. A test
(tests/test_editor.py) writes what the forms write and runs those checks on it.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from .action_model import Day
from .model import PortalModel, Slug, _text

# Material puts these texts into <title> and <meta content="..."> as they are (front_matter_policy).
_NO_MARKUP = re.compile(r'^[^<>"&]*$')


def _no_markup(value: str) -> str:
    if not _NO_MARKUP.match(value):
        raise PydanticCustomError("markup", 'mag geen < > " of & bevatten; schrijf aanhalingstekens als „…”')
    return value


def _plain(max_length: int) -> object:
    return Annotated[_text(max_length, one_line=True), AfterValidator(_no_markup),
                     WithJsonSchema({"type": "string", "maxLength": max_length, "pattern": _NO_MARKUP.pattern})]


PageTitle = _plain(150)
PageDescription = _plain(300)


class PageMeta(PortalModel):
    """The front matter of a content page (content/**/*.md)."""

    title: PageTitle | None = Field(
        default=None, title="Titel in het menu",
        description="Leeg: de titel is de eerste kop van de tekst (de regel die met # begint).")
    description: PageDescription | None = Field(
        default=None, title="Korte beschrijving",
        description="Eén of twee zinnen over de pagina, voor zoekmachines en voor links die mensen delen.")
    reviewed: Day | None = Field(
        default=None, title="Nagekeken op",
        description="De dag waarop iemand de inhoud voor het laatst heeft nagekeken, zoals 2026-12-03.")


class NewsPostMeta(PortalModel):
    """The front matter of a news post (content/nieuws/posts/*.md)."""

    title: PageTitle = Field(title="Titel", description="De titel van het bericht, gewone tekst.")
    date: Day = Field(title="Datum", description="De dag waarop het bericht verschijnt, zoals 2027-03-11.")
    slug: Slug | None = Field(
        default=None, title="Webadres",
        description="Het laatste deel van het webadres, kleine letters en streepjes; leeg: gemaakt uit de titel.")
    categories: list[str] = Field(default_factory=list, title="Categorieën", description="Waar het bericht over gaat.")
    description: PageDescription | None = Field(
        default=None, title="Korte beschrijving",
        description="Eén of twee zinnen: verschijnen in de lijst met nieuws en bij gedeelde links.")
    example: bool = Field(default=False, title="Voorbeeld (verzonnen)", description="true als dit bericht verzonnen is.")
    draft: bool = Field(default=False, title="Concept", description="true: het bericht verschijnt nog niet op de site.")
