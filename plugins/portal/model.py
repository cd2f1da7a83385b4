"""The typed records of the portal: the one schema for every YAML file it reads.

The JSON Schemas in site_config/schemas/ are generated from these classes (`portal schemas`),
and the sentences an editor reads for a broken rule are written next to the rule, in Dutch.
Field descriptions are Dutch too: editors see them as tooltips through the JSON Schema.

Rules that concern one record (end after start, deadline before start) live on the record as
`rule_violations()`, which name the offending field so the loader can point at its line.
Rules across records (a speaker that is no partner) live in checks/references.py.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, RootModel, WithJsonSchema
from pydantic_core import PydanticCustomError

from .clock import TIMEZONE

Location = tuple[str | int, ...]

# The records are written in Dutch; other languages are optional translations of some fields.
CONTENT_LANGUAGE = "nl"


@dataclass(frozen=True)
class RuleViolation:
    """A broken rule inside one record: where (a path of field names) and what, in Dutch."""

    loc: Location
    message: str
    of_key: bool = False


class PortalModel(BaseModel):
    """Strict: no unknown fields (typos), no silent conversion of a number into text."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    def rule_violations(self) -> list[RuleViolation]:
        return []


# --- Value types -------------------------------------------------------------------------------

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LOCAL_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")
_TIME_ONLY = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?$")
_EMAIL = re.compile(r"^[^@\s:/]+@[^@\s:/]+\.[a-z]{2,}$", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[0-9 ()-]{5,20}$")
_DATETIME_EXAMPLE = '"2027-03-11 19:30"'


def _https_url(value: str) -> str:
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc:
        raise PydanticCustomError(
            "https_url", "moet een volledig webadres zijn dat begint met https://, zoals https://www.dalfsen.nl/"
        )
    return value


def _registration_url(value: str) -> str:
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme == "mailto" and _EMAIL.match(parts.path):
        return value
    if parts.scheme == "https" and parts.netloc:
        return value
    raise PydanticCustomError(
        "registration_url",
        "moet een aanmeldlink zijn die begint met https:// (een formulier) of mailto: (een e-mailadres); "
        "andere links zijn niet veilig of werken niet",
    )


def _email(value: str) -> str:
    value = value.strip()
    if not _EMAIL.match(value):
        raise PydanticCustomError("email", "moet een e-mailadres zijn, zoals griffie@dalfsen.nl")
    return value


def _phone(value: str) -> str:
    value = value.strip()
    if not _PHONE.match(value):
        raise PydanticCustomError(
            "phone", 'moet een telefoonnummer zijn met alleen cijfers en spaties, zoals "14 0529" of "0529 123 456"'
        )
    return value


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise PydanticCustomError(
            "slug", "moet een naam zijn van kleine letters, cijfers en streepjes, zoals gemeente-dalfsen"
        )
    return value


def _local_datetime(value: Any) -> Any:
    """A local date and time in Europe/Amsterdam, as editors write it: 2027-03-11 19:30."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=TIMEZONE) if value.tzinfo is None else value
    if isinstance(value, dt.date):
        raise PydanticCustomError(
            "date_without_time", f"heeft een datum maar geen tijd; schrijf datum en tijd, zoals {_DATETIME_EXAMPLE}"
        )
    if isinstance(value, str):
        text = value.strip()
        if _TIME_ONLY.match(text):
            raise PydanticCustomError(
                "time_without_date", f"heeft een tijd maar geen datum; schrijf datum en tijd, zoals {_DATETIME_EXAMPLE}"
            )
        if _DATE.match(text):
            raise PydanticCustomError(
                "date_without_time", f"heeft een datum maar geen tijd; schrijf datum en tijd, zoals {_DATETIME_EXAMPLE}"
            )
        match = _LOCAL_DATETIME.match(text)
        if match:
            date, hour, minute, second = match.groups()
            try:
                day = dt.date.fromisoformat(date)
                moment = dt.datetime(day.year, day.month, day.day, int(hour), int(minute), int(second or 0))
            except ValueError:
                raise PydanticCustomError(
                    "impossible_datetime", "is geen bestaande datum of tijd; controleer dag, maand, uren en minuten"
                ) from None
            return moment.replace(tzinfo=TIMEZONE)
    raise PydanticCustomError(
        "local_datetime", f"moet een datum en tijd zijn, zoals {_DATETIME_EXAMPLE} (Nederlandse tijd)"
    )


def _deadline(value: Any) -> Any:
    """A deadline may be a whole day: then registration closes at the end of that day."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day, 23, 59, tzinfo=TIMEZONE)
    if isinstance(value, str) and _DATE.match(value.strip()):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError("impossible_datetime", "is geen bestaande datum; controleer dag en maand") from None
        return dt.datetime(day.year, day.month, day.day, 23, 59, tzinfo=TIMEZONE)
    return _local_datetime(value)


def _clock_time(value: Any) -> Any:
    if isinstance(value, str):
        match = re.match(r"^(\d{1,2}):(\d{2})$", value.strip())
        if match and int(match.group(1)) < 24 and int(match.group(2)) < 60:
            return f"{int(match.group(1)):02d}:{match.group(2)}"
    raise PydanticCustomError("clock_time", 'moet een tijd zijn tussen aanhalingstekens, zoals "19:30"')


_DATETIME_SCHEMA = {
    "type": "string",
    "pattern": r"^\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(:\d{2})?$",
    "examples": ["2027-03-11 19:30"],
}

HttpsUrl = Annotated[str, AfterValidator(_https_url), WithJsonSchema({"type": "string", "pattern": "^https://"})]
RegistrationUrl = Annotated[
    str, AfterValidator(_registration_url), WithJsonSchema({"type": "string", "pattern": "^(https://|mailto:)"})
]
Email = Annotated[str, AfterValidator(_email), WithJsonSchema({"type": "string", "format": "email"})]
Phone = Annotated[str, AfterValidator(_phone)]
Slug = Annotated[str, AfterValidator(_slug), WithJsonSchema({"type": "string", "pattern": _SLUG.pattern})]
Text = Annotated[str, Field(min_length=1)]
LocalDateTime = Annotated[dt.datetime, BeforeValidator(_local_datetime), WithJsonSchema(_DATETIME_SCHEMA)]
Deadline = Annotated[
    dt.datetime,
    BeforeValidator(_deadline),
    WithJsonSchema({"anyOf": [_DATETIME_SCHEMA, {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}]}),
]
ClockTime = Annotated[str, BeforeValidator(_clock_time), WithJsonSchema({"type": "string", "pattern": r"^\d{1,2}:\d{2}$"})]

PartnerKind = Literal["werkgever", "uitzendbureau", "huisvester", "gemeente", "kennispartner", "overheid"]
PARTNER_KINDS: tuple[str, ...] = PartnerKind.__args__  # type: ignore[attr-defined]
# The six themes of the national Roemer report, in the report's order.
Theme = Literal["uitzendsector", "zicht", "huisvesting", "handhaving", "gezondheid", "inbedding"]
THEMES: tuple[str, ...] = Theme.__args__  # type: ignore[attr-defined]
SessionStatus = Literal["gepland", "vol", "verplaatst", "geannuleerd"]


def _duplicates(values: list[str]) -> list[int]:
    seen: set[str] = set()
    positions = []
    for index, value in enumerate(values):
        if value in seen:
            positions.append(index)
        seen.add(value)
    return positions


# --- Site settings -----------------------------------------------------------------------------


class Meldpunt(PortalModel):
    """Where people report a landlord: the meldpunt goed verhuurderschap."""

    form_url: HttpsUrl = Field(description="Adres (https://) van het online meldformulier.")
    phone: Phone | None = Field(default=None, description='Telefoonnummer als tekst, tussen aanhalingstekens: "14 0529".')
    email: Email | None = Field(default=None, description="E-mailadres voor meldingen.")
    example: bool = Field(
        default=False,
        description="true zolang formulier, telefoon en e-mail voorbeelden zijn; de site zegt dat dan erbij.",
    )


class Contact(PortalModel):
    """How readers reach the organisation (accessibility statement, privacy, joining the alliance)."""

    url: HttpsUrl = Field(description="Website of contactpagina (https://).")
    phone: Phone | None = Field(default=None, description='Algemeen telefoonnummer, als tekst: "14 0529".')
    email: Email | None = Field(default=None, description="Algemeen e-mailadres.")
    example: bool = Field(
        default=False, description="true zolang telefoon en e-mail voorbeelden zijn; de site zegt dat dan erbij."
    )


class CalendarSettings(PortalModel):
    name: Text = Field(description="Naam van de agenda zoals die in een agenda-app verschijnt.")
    uid_domain: Text = Field(
        description="Domein achter de vaste code (UID) van elke sessie in agendabestanden; verander dit nooit.",
    )


class SiteSettings(PortalModel):
    """site_config/site.yml: settings that are content, not code."""

    organisation: Text = Field(description="Naam van de organisatie die de site uitgeeft.")
    contact: Contact
    meldpunt: Meldpunt
    calendar: CalendarSettings


class PrivacySettings(PortalModel):
    """site_config/privacy.yml: addresses of organisations that may appear on the site."""

    email_domains: list[Text] = Field(
        default_factory=list, description="Domeinen van organisaties, zoals dalfsen.nl: elk adres daar mag."
    )
    emails: list[Email] = Field(default_factory=list, description="Losse e-mailadressen van organisaties.")
    phones: list[Phone] = Field(default_factory=list, description="Algemene telefoonnummers van organisaties.")


# --- Audiences ---------------------------------------------------------------------------------


class AudienceRegistration(PortalModel):
    """How this audience registers when a session does not say otherwise."""

    url: RegistrationUrl | None = Field(default=None, description="Aanmeldformulier (https://) of mailto:-link.")
    email: Email | None = Field(default=None, description="E-mailadres voor aanmelding, zoals dat van de griffie.")
    note: Text | None = Field(default=None, description="Korte uitleg bij de aanmelding.")
    example: bool = Field(
        default=False, description="true zolang dit adres een voorbeeld is; de site zegt dat dan bij elke aanmelding."
    )


class AudienceTranslation(PortalModel):
    label: Text = Field(description="Naam van de groep in deze taal, meervoud.")
    member: Text = Field(description="Eén persoon uit de groep, in deze taal.")
    description: Text = Field(description="Wie horen bij deze groep, in deze taal.")
    note: Text | None = Field(default=None, description="De uitleg bij de aanmelding, in deze taal.")


class Audience(PortalModel):
    label: Text = Field(description='Naam van de groep, meervoud: "Ondernemers".')
    member: Text = Field(description='Eén persoon uit de groep, voor knoppen: "ondernemer".')
    description: Text = Field(description="Eén of twee zinnen: wie horen bij deze groep.")
    registration: AudienceRegistration | None = Field(
        default=None, description="Standaard-aanmelding voor deze groep (bijvoorbeeld via de griffie)."
    )
    translations: dict[Slug, AudienceTranslation] = Field(
        default_factory=dict, description="Per taal waarin de kalender verschijnt (en ...): de teksten in die taal."
    )

    def in_language(self, language: str) -> "AudienceTranslation":
        """The audience's words in `language` (Dutch for the default language)."""
        if language in self.translations:
            return self.translations[language]
        return AudienceTranslation(
            label=self.label, member=self.member, description=self.description,
            note=self.registration.note if self.registration else None,
        )

    def rule_violations(self) -> list[RuleViolation]:
        reg = self.registration
        if reg is not None and reg.url and reg.email:
            return [RuleViolation(("registration",), "geef óf url óf email, niet allebei", of_key=True)]
        return []


class Audiences(RootModel[dict[Slug, Audience]]):
    """site_config/audiences.yml: the groups a session can be for."""

    model_config = ConfigDict(strict=True, frozen=True)


# --- Interface strings -------------------------------------------------------------------------


class Strings(RootModel[dict[Slug, dict[str, Text]]]):
    """site_config/strings.yml: every word of the calendar's interface, per language."""

    model_config = ConfigDict(strict=True, frozen=True)

    def for_language(self, language: str) -> dict[str, str]:
        return self.root[language]


# --- Partners ----------------------------------------------------------------------------------


class PartnerContact(PortalModel):
    """Public contact of an organisation; never a private person's details."""

    email: Email | None = Field(default=None, description="Algemeen e-mailadres van de organisatie.")
    phone: Phone | None = Field(default=None, description="Algemeen telefoonnummer, als tekst.")
    url: HttpsUrl | None = Field(default=None, description="Contactpagina op de eigen website.")


class PartnerTranslation(PortalModel):
    description: Text = Field(description="De beschrijving in deze taal.")


class Partner(PortalModel):
    """partners/<id>.yml: one organisation in the alliance."""

    name: Text = Field(max_length=120, description="Naam van de organisatie.")
    kind: PartnerKind = Field(description="Soort organisatie.")
    description: Text = Field(description="Wat doet de organisatie in de alliantie? Een paar zinnen.")
    website: HttpsUrl | None = Field(default=None, description="Website (https://).")
    logo: Text | None = Field(default=None, description="Logo: bestand in partners/logos/, zoals logos/naam.svg.")
    since: int | None = Field(default=None, ge=2020, le=2100, description="Jaar waarin de partner meedoet, zoals 2024.")
    themes: list[Theme] = Field(default_factory=list, description="Thema's van de commissie-Roemer waaraan de partner werkt.")
    certifications: list[Text] = Field(default_factory=list, description="Keurmerken, zoals SNF-keurmerk.")
    contact: PartnerContact | None = Field(default=None, description="Openbaar contact van de organisatie.")
    example: bool = Field(default=False, description="true als deze partner verzonnen is (voorbeeld).")
    translations: dict[Slug, PartnerTranslation] = Field(
        default_factory=dict, description="Per taal (en, pl, ...): de beschrijving in die taal."
    )

    def rule_violations(self) -> list[RuleViolation]:
        problems = [
            RuleViolation(("themes", i), "dit thema staat twee keer in de lijst") for i in _duplicates(list(self.themes))
        ]
        if self.logo is not None and not re.match(r"^logos/[a-z0-9][a-z0-9._-]*\.(svg|png|jpg|jpeg|webp)$", self.logo):
            problems.append(
                RuleViolation(("logo",), "moet een bestand in partners/logos/ zijn, zoals logos/naam.svg (svg, png, jpg of webp)")
            )
        return problems


# --- Sessions ----------------------------------------------------------------------------------


class Place(PortalModel):
    name: Text = Field(description='Naam van de plek, zoals "Gemeentehuis" of "Online".')
    address: Text | None = Field(default=None, description="Adres: straat, huisnummer, plaats.")
    online_url: HttpsUrl | None = Field(default=None, description="Link naar de online bijeenkomst (https://).")


class AgendaItem(PortalModel):
    time: ClockTime = Field(description='Tijd tussen aanhalingstekens: "19:30".')
    title: Text = Field(description="Wat er dan gebeurt.")


class SessionTranslation(PortalModel):
    title: Text | None = Field(default=None, max_length=150, description="De titel in deze taal.")
    summary: Text | None = Field(default=None, description="Waar gaat de sessie over, in deze taal.")


class Registration(PortalModel):
    url: RegistrationUrl | None = Field(default=None, description="Aanmeldformulier (https://) of mailto:-link.")
    email: Email | None = Field(default=None, description="E-mailadres; de site maakt er een ingevulde e-mail van.")
    deadline: Deadline | None = Field(
        default=None, description='Laatste moment om aan te melden: "2027-03-04" (einde van die dag) of "2027-03-04 12:00".'
    )
    capacity: int | None = Field(default=None, ge=1, description="Aantal plaatsen voor deze groep.")
    full: bool = Field(default=False, description="true als alle plaatsen voor deze groep bezet zijn.")
    note: Text | None = Field(default=None, description="Korte uitleg bij de aanmelding.")


class Session(PortalModel):
    """sessions/<id>.yml: one kennissessie."""

    title: Text = Field(max_length=150, description="Titel van de kennissessie.")
    start: LocalDateTime = Field(description='Begin, Nederlandse tijd: "2027-03-11 19:30".')
    end: LocalDateTime = Field(description='Einde, Nederlandse tijd: "2027-03-11 21:30".')
    location: Place = Field(description="Waar de sessie is.")
    audiences: list[Slug] = Field(min_length=1, description="Voor wie: ids uit site_config/audiences.yml.")
    summary: Text = Field(description="Waar gaat de sessie over? Alinea's scheidt u met een lege regel.")
    agenda: list[AgendaItem] = Field(default_factory=list, description="Programma: tijd en onderdeel.")
    speakers: list[Slug] = Field(default_factory=list, description="Sprekers: ids van partners.")
    hosts: list[Slug] = Field(default_factory=list, description="Organisatoren: ids van partners.")
    registration: dict[Slug, Registration] = Field(
        default_factory=dict, description="Aanmelding per doelgroep (ondernemers, raadsleden ...)."
    )
    status: SessionStatus = Field(default="gepland", description="gepland, vol, verplaatst of geannuleerd.")
    status_note: Text | None = Field(default=None, description="Uitleg bij de status, zoals de reden van afzeggen.")
    previous_start: LocalDateTime | None = Field(
        default=None, description="Bij een verplaatste sessie: het oude begin."
    )
    revision: int = Field(
        default=0, ge=0, description="Verhoog met 1 als datum, tijd of plaats verandert (agenda-apps passen het dan aan)."
    )
    report: Text | None = Field(default=None, description="Verslag na afloop: een nieuwsbericht, zoals nieuws/posts/verslag.md.")
    example: bool = Field(default=False, description="true als deze sessie verzonnen is (voorbeeld).")
    translations: dict[Slug, SessionTranslation] = Field(
        default_factory=dict, description="Per taal (en, pl, ...): titel en samenvatting in die taal."
    )

    def rule_violations(self) -> list[RuleViolation]:
        problems: list[RuleViolation] = []
        if self.end <= self.start:
            problems.append(RuleViolation(("end",), "moet later zijn dan het begin (start)"))
        for index in _duplicates(list(self.audiences)):
            problems.append(RuleViolation(("audiences", index), "deze doelgroep staat twee keer in de lijst"))
        for group in (("speakers", self.speakers), ("hosts", self.hosts)):
            for index in _duplicates(list(group[1])):
                problems.append(RuleViolation((group[0], index), "deze partner staat twee keer in de lijst"))
        if self.location.address is None and self.location.online_url is None:
            problems.append(
                RuleViolation(("location",), "heeft een adres (address) of een online link (online_url) nodig", of_key=True)
            )
        for audience, registration in self.registration.items():
            if registration.url and registration.email:
                problems.append(
                    RuleViolation(("registration", audience), "geef óf url óf email, niet allebei", of_key=True)
                )
            if registration.deadline is not None and registration.deadline > self.start:
                problems.append(
                    RuleViolation(
                        ("registration", audience, "deadline"),
                        "ligt na het begin van de sessie; aanmelden moet kunnen sluiten vóór de sessie begint",
                    )
                )
        if self.status == "verplaatst" and self.previous_start is None:
            problems.append(
                RuleViolation(("status",), "is verplaatst; zet ook het oude begin in previous_start, zodat lezers het verschil zien")
            )
        if self.previous_start is not None and self.status != "verplaatst":
            problems.append(RuleViolation(("previous_start",), "hoort alleen bij status: verplaatst"))
        return problems
