"""site_config/signals_card.yml: the card "signalen van arbeidsuitbuiting", one A4 page per language.

The card is printed and kept at the workplace, so its text is bounded to what fits one page:
the limits below are what the layout (render/templates/paper_signals.html) holds at its
smallest type, and tests/test_paper.py prints a card at every limit and counts its pages.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field, RootModel

from .model import LanguageCode, Phone, PortalModel, RuleViolation, _at_most, _text

SIGNALS_CARD_FILE = "signals_card.yml"
# The words of strings.yml a card prints in its own language (the meldpunt's, and its notices).
CARD_WORDS = ("meldpunt.link", "meldpunt.anonymous", "meldpunt.example", "calendar.example", "translation.unreviewed")
# All signals of one card together, in characters: what two columns of one A4 page hold beside
# the rest (the card in the repository uses some 700 to 800).
MAX_SIGNAL_TEXT = 850
MAX_GROUPS = 5
MAX_SIGNALS = 4
MAX_CONTACTS = 3
CardLine = _text(90, one_line=True)
ContactLine = _text(110, one_line=True)
CardHeading = _text(40, one_line=True)
CardNote = _text(160, one_line=True)
ShortNote = _text(80, one_line=True)


class SignalGroup(PortalModel):
    heading: CardHeading = Field(description="Kopje boven een groep signalen, zoals Werk of Huisvesting.")
    signals: Annotated[list[CardLine], _at_most(MAX_SIGNALS, "signalen")] = Field(
        min_length=1, description="De signalen: korte zinnen, één regel per signaal."
    )


class CardContact(PortalModel):
    name: CardHeading = Field(description="Naam van de organisatie, zoals Nederlandse Arbeidsinspectie.")
    phone: Phone = Field(description='Telefoonnummer als tekst, tussen aanhalingstekens: "0800 5151".')
    text: ContactLine = Field(description="Waarvoor u hen belt, in een korte zin.")
    example: bool = Field(default=False, description="true als dit nummer een voorbeeld is; de kaart zegt dat dan.")


class CardText(PortalModel):
    """The card in one language."""

    title: CardHeading = Field(description="Titel van de kaart, zoals Signalen van arbeidsuitbuiting.")
    intro: CardNote = Field(description="Eén of twee korte zinnen boven de signalen.")
    groups: Annotated[list[SignalGroup], _at_most(MAX_GROUPS, "groepen")] = Field(
        min_length=1, description="Groepen signalen, elk met een kopje."
    )
    note: CardNote = Field(description="Een korte zin onder de signalen, zoals: één signaal is geen bewijs.")
    report_heading: CardHeading = Field(description="Kopje boven de nummers, zoals Waar meldt u het?")
    contacts: Annotated[list[CardContact], _at_most(MAX_CONTACTS, "organisaties")] = Field(
        min_length=1, description="Waar iemand het meldt: organisatie, telefoonnummer en waarvoor."
    )
    emergency: ShortNote = Field(description="Wat te doen bij direct gevaar, zoals: Direct gevaar? Bel 112.")
    reviewed: bool = Field(
        default=True,
        description="false zolang niemand met deze taal als moedertaal de tekst heeft nagekeken; de kaart zegt dat dan.",
    )

    def rule_violations(self) -> list[RuleViolation]:
        total = sum(len(signal) for group in self.groups for signal in group.signals)
        if total <= MAX_SIGNAL_TEXT:
            return []
        return [RuleViolation(("groups",), f"heeft samen te veel tekst voor één pagina ({total} tekens in de signalen, "
                                           f"hoogstens {MAX_SIGNAL_TEXT}); maak signalen korter of haal er een paar weg",
                              of_key=True)]


class SignalsCard(RootModel[dict[LanguageCode, CardText]]):
    """Per language (nl, en, pl, ro, bg ...): the card's text."""

    model_config = ConfigDict(strict=True, frozen=True)
