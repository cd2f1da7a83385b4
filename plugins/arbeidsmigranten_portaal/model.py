"""The typed records of the portal: the one schema for every YAML file it reads.

The JSON Schemas in schemas/ (and the toolkit's json_schemas/) are generated from these classes (`portal schemas`),
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

from .colours import colour_problem
from .slugs import slug_of
from .addresses import domain_problem, email_problem, https_url_problem, mailto_problem, phone_problem
from .local_times import TimeProblem, parse_deadline, parse_local_datetime
from .languages import LANGUAGE_NAMES
from .urls import RESERVED_AUDIENCE_IDS

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
_MAX_SLUG = 80
# Far above any real text, far below what would make a page or a build heavy.
MAX_TEXT = 10_000
# Characters that no editor types on purpose and that change what a reader sees: control
# characters (from YAML escapes such as "\x1b") and the direction overrides of "Trojan source".
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff\ufff9-\ufffb]")


def _custom(kind: str, sentence: str | None) -> None:
    if sentence is not None:
        raise PydanticCustomError(kind, sentence)


def _https_url(value: str) -> str:
    _custom("https_url", https_url_problem(value))
    return value


def _registration_url(value: str) -> str:
    if value.startswith("mailto:"):
        _custom("mailto_url", mailto_problem(value))
        return value
    if value.startswith("https://"):
        _custom("https_url", https_url_problem(value))
        return value
    raise PydanticCustomError(
        "registration_url",
        "moet een aanmeldlink zijn die begint met https:// (een formulier) of mailto: (een e-mailadres); "
        "andere links zijn niet veilig of werken niet",
    )


def _email(value: str) -> str:
    _custom("email", email_problem(value))
    return value


def _phone(value: str) -> str:
    _custom("phone", phone_problem(value))
    return value


def _domain(value: str) -> str:
    problem = domain_problem(value) if value.isascii() else "bevat letters die in deze domeinnaam niet kunnen"
    _custom("domain", None if problem is None else f"{problem}; schrijf een domeinnaam zoals kennissessies.uwgemeente.nl")
    return value


_LOGO_FILE = re.compile(r"[a-z0-9][a-z0-9_-]{0,60}\.(svg|png)")


def _logo_file(value: str) -> str:
    # A bare file name: the logo lives in site_config/assets/, and a path could point elsewhere.
    if not _LOGO_FILE.fullmatch(value):
        raise PydanticCustomError(
            "logo_file",
            "is geen bestandsnaam van een logo; schrijf de naam van een .svg- of .png-bestand in site_config/assets/, "
            "in kleine letters, zoals logo-uwgemeente.svg",
        )
    return value


def _slug(value: str) -> str:
    if not _SLUG.fullmatch(value):
        raise PydanticCustomError(
            "slug", "moet een naam zijn van kleine letters, cijfers en streepjes, zoals gemeente-uwgemeente"
        )
    if len(value) > _MAX_SLUG:
        raise PydanticCustomError("slug", f"is te lang; gebruik hoogstens {_MAX_SLUG} tekens")
    return value


def _audience_id(value: str) -> str:
    if value in RESERVED_AUDIENCE_IDS:
        raise PydanticCustomError(
            "reserved_id", "is al in gebruik voor een pagina die de kalender zelf maakt (de hele kalender); kies een andere "
            "naam voor deze doelgroep"
        )
    return value


def _visible_text(value: str) -> str:
    hidden = _HIDDEN.search(value)
    if hidden:
        raise PydanticCustomError(
            "hidden_character",
            f"bevat een onzichtbaar stuurteken (U+{ord(hidden.group()):04X}); haal het weg, bijvoorbeeld door de "
            "tekst opnieuw te typen",
        )
    return value


ONE_LINE_SENTENCE = "moet op één regel staan; schrijf de tekst zonder regeleinde (en zonder tab)"


def _one_line(value: str) -> str:
    # A folded title (`title: >`) ends in a line break that YAML adds; inside, a break is a mistake.
    value = value.strip()
    if "\n" in value or "\r" in value or "\t" in value:
        raise PydanticCustomError("one_line", ONE_LINE_SENTENCE)
    if not value:
        raise PydanticCustomError("string_too_short", "mag niet leeg zijn")
    return value


def _local_datetime(value: Any) -> Any:
    """A local date and time in Europe/Amsterdam, as editors write it: 2027-03-11 19:30."""
    try:
        return parse_local_datetime(value)
    except TimeProblem as problem:
        raise PydanticCustomError("local_datetime", str(problem)) from None


def _deadline(value: Any) -> Any:
    """A deadline may be a whole day: then registration closes at the end of that day."""
    try:
        return parse_deadline(value)
    except TimeProblem as problem:
        raise PydanticCustomError("local_datetime", str(problem)) from None


def _clock_time(value: Any) -> Any:
    if isinstance(value, str):
        match = re.match(r"^(\d{1,2}):(\d{2})$", value.strip())
        if match and int(match.group(1)) < 24 and int(match.group(2)) < 60:
            return f"{int(match.group(1)):02d}:{match.group(2)}"
    raise PydanticCustomError("clock_time", 'moet een tijd zijn tussen aanhalingstekens, zoals "19:30"')


# Paths a page under content/ can have: folders and a name of letters, digits, dots, hyphens and
# underscores, ending in .md; no part starts with a dot, so neither .. nor a hidden file.
CONTENT_PAGE_PATH = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]*(?:/[A-Za-z0-9_][A-Za-z0-9._-]*)*\.md$")
_PAGE_EXAMPLE = "nieuws/posts/verslag.md"


# Bounded so that a path can never be longer than a file system allows (255 bytes a name).
MAX_PAGE_PATH = 200
MAX_PAGE_PATH_PART = 100


def content_page_sentence(value: str) -> str | None:
    """Why `value` cannot be the path of a page under content/, or None when it can. One rule for
    every field that names a page (a session's report, a translation's source)."""
    if len(value) > MAX_PAGE_PATH or any(len(part) > MAX_PAGE_PATH_PART for part in value.split("/")):
        return (f"is te lang voor het pad van een pagina (hoogstens {MAX_PAGE_PATH} tekens, {MAX_PAGE_PATH_PART} per "
                f"map of naam); schrijf het pad vanaf content/, zoals {_PAGE_EXAMPLE}")
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value):
        return f"moet een pagina van deze site zijn, geen webadres; schrijf het pad vanaf content/, zoals {_PAGE_EXAMPLE}"
    if value.startswith("/") or "\\" in value:
        return f"moet een pad vanaf de map content/ zijn, met / tussen de mappen en niet aan het begin, zoals {_PAGE_EXAMPLE}"
    if ".." in value.split("/"):
        return f"mag niet buiten de map content/ wijzen (..); schrijf het pad vanaf content/, zoals {_PAGE_EXAMPLE}"
    if not value.endswith(".md"):
        return f"moet een pagina zijn: een .md-bestand in content/, zoals {_PAGE_EXAMPLE}"
    if not CONTENT_PAGE_PATH.fullmatch(value):
        return (f"moet een pad vanaf content/ zijn met alleen letters, cijfers, streepjes en punten, zonder spaties, "
                f"zoals {_PAGE_EXAMPLE}")
    return None


def _content_page(value: str) -> str:
    sentence = content_page_sentence(value)
    if sentence is not None:
        raise PydanticCustomError("content_page", sentence)
    return value


def _at_most(limit: int, what: str) -> AfterValidator:
    def check(value: Any) -> Any:
        if len(value) > limit:
            raise PydanticCustomError("too_many", f"heeft meer dan {limit} {what}; zet er hoogstens {limit} in")
        return value

    return AfterValidator(check)


DATETIME_PATTERN = r"^\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(:\d{2})?$"
_DATETIME_SCHEMA = {
    "type": "string",
    "pattern": DATETIME_PATTERN,
    "examples": ["2027-03-11 19:30"],
}

HttpsUrl = Annotated[
    str, AfterValidator(_https_url), WithJsonSchema({"type": "string", "pattern": r"^https://[^\s@\\/?#]+([/?#]\S*)?$"})
]
RegistrationUrl = Annotated[
    str, AfterValidator(_registration_url), WithJsonSchema({"type": "string", "pattern": "^(https://|mailto:)"})
]
Email = Annotated[str, AfterValidator(_email), WithJsonSchema({"type": "string", "format": "email"})]
Phone = Annotated[str, AfterValidator(_phone)]
Slug = Annotated[str, AfterValidator(_slug), WithJsonSchema({"type": "string", "pattern": _SLUG.pattern})]
AudienceId = Annotated[Slug, AfterValidator(_audience_id)]


def _text(max_length: int, *, one_line: bool = False) -> Any:
    """Text of 1 to `max_length` characters without hidden characters; `one_line`: shown on one line
    (a title, a name, a label), so without line breaks. The bound sits on the text itself, where the
    loader words it ("is te lang; gebruik hoogstens ... tekens") and the editors' schema shows it."""
    checks = [AfterValidator(_visible_text), *([AfterValidator(_one_line)] if one_line else [])]
    return Annotated[(str, Field(min_length=1, max_length=max_length), *checks)]


Text = _text(MAX_TEXT)
Summary = _text(5000)
Description = _text(2000)
Paragraph = _text(500)
Note = _text(300)
Title = _text(150, one_line=True)
Name = _text(120, one_line=True)
LongLine = _text(200, one_line=True)
ShortLine = _text(80, one_line=True)
Label = _text(60, one_line=True)
Domain = Annotated[str, AfterValidator(_domain), WithJsonSchema({"type": "string", "examples": ["kennissessies.gemeente.nl"]})]
ContentPage = Annotated[
    str, AfterValidator(_content_page), WithJsonSchema({"type": "string", "pattern": CONTENT_PAGE_PATH.pattern, "maxLength": MAX_PAGE_PATH})
]
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


def _dutch_translation(translations: dict[str, Any], fields: str) -> list[RuleViolation]:
    """A translation into Dutch would replace the record's own Dutch text without anyone noticing."""
    if CONTENT_LANGUAGE not in translations:
        return []
    return [RuleViolation(
        ("translations", CONTENT_LANGUAGE),
        f"is de taal waarin dit bestand al geschreven is; zet de Nederlandse tekst in {fields} en haal dit blok weg",
        of_key=True,
    )]


# --- Site settings -----------------------------------------------------------------------------


# A language a reader may find help in (languages.py).
LanguageCode = Literal[tuple(LANGUAGE_NAMES)]  # type: ignore[valid-type]


def _unique_languages(codes: list[str]) -> list[str]:
    twice = sorted({code for code in codes if codes.count(code) > 1})
    if twice:
        raise PydanticCustomError(
            "unique_languages", "noemt een taal meer dan eens ({twice}); schrijf elke taal één keer",
            {"twice": ", ".join(twice)})
    return codes


LanguageList = Annotated[list[LanguageCode], _at_most(20, "talen"), AfterValidator(_unique_languages)]


class MeldpuntLanguages(PortalModel):
    """In which languages each way of reporting can be used (form, phone, e-mail)."""

    form: LanguageList = Field(
        min_length=1, description="Talen van het meldformulier, als taalcode: [nl, en]."
    )
    phone: LanguageList = Field(
        default_factory=list, description="Talen waarin de gemeente de telefoon opneemt: [nl, en]."
    )
    email: LanguageList = Field(
        default_factory=list, description="Talen waarin u een e-mail kunt sturen: [nl, en, pl]."
    )


class Meldpunt(PortalModel):
    """Where people report a landlord: the meldpunt goed verhuurderschap."""

    form_url: HttpsUrl = Field(description="Adres (https://) van het online meldformulier.")
    phone: Phone | None = Field(default=None, description='Telefoonnummer als tekst, tussen aanhalingstekens: "14 0529".')
    email: Email | None = Field(default=None, description="E-mailadres voor meldingen.")
    languages: MeldpuntLanguages | None = Field(
        default=None, description="In welke talen het formulier, de telefoon en de e-mail te gebruiken zijn."
    )
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
    name: Name = Field(description="Naam van de agenda zoals die in een agenda-app verschijnt.")
    uid_domain: Domain = Field(
        description="Domein achter de vaste code (UID) van elke sessie in agendabestanden; verander dit nooit.",
    )


class Logo(PortalModel):
    """The organisation's logo in the header of every page."""

    file: Annotated[str, AfterValidator(_logo_file)] = Field(
        description="Bestandsnaam van het logo in site_config/assets/, een .svg of .png, zoals logo.svg."
    )
    example: bool = Field(
        default=False, description="true zolang het logo een voorbeeld is en niet het echte logo van de organisatie."
    )


def _colour(value: str) -> str:
    problem = colour_problem(value)
    if problem is not None:
        raise PydanticCustomError("colour", problem)
    return value


Colour = Annotated[str, AfterValidator(_colour), WithJsonSchema({"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"})]


class Colours(PortalModel):
    """The house colours; a colour left out keeps the toolkit's default (assets/tokens.css)."""

    primary: Colour | None = Field(default=None, description="Huiskleur: kop, knoppen en titels. Witte tekst staat erop.")
    primary_light: Colour | None = Field(default=None, description="Lichtere tint van de huiskleur.")
    primary_dark: Colour | None = Field(default=None, description="Donkerdere tint van de huiskleur.")
    accent: Colour | None = Field(default=None, description="Kleur bij aanwijzen en toetsenbordfocus.")
    link: Colour | None = Field(default=None, description="Kleur van links in de tekst.")

    def chosen(self) -> dict[str, str]:
        return {name: value for name, value in self.model_dump().items() if value is not None}


_LOOPBACK_HOSTS = ("127.0.0.1", "localhost")
MAX_REGIONAL_SOURCES = 40


def _regional_url(value: str) -> str:
    # http only to this machine itself: a test or a preview serves another site there; on the
    # way to any other host, anyone could change the sessions that the calendar then publishes.
    if value.startswith("http://"):
        host = urlsplit(value).hostname if "\\" not in value else None
        if host in _LOOPBACK_HOSTS:
            return value
        raise PydanticCustomError(
            "regional_url",
            "begint met http://; dat mag alleen voor 127.0.0.1 of localhost (een test op deze computer); schrijf het "
            "https://-adres van de open data, zoals https://kennissessies.ommen.nl/data/sessions.json",
        )
    _custom("https_url", https_url_problem(value))
    return value


_REGIONAL_PATH = re.compile(r"(?:\.\./|[A-Za-z0-9_.-]+/)*[A-Za-z0-9_.-]+\.json")


def _regional_path(value: str) -> str:
    if not _REGIONAL_PATH.fullmatch(value) or len(value) > 300 or "/./" in f"/{value}":
        raise PydanticCustomError(
            "regional_path",
            "is geen pad naar een .json-bestand vanaf de map van deze site; schrijf een pad met / zoals "
            "../site-ommen/site/data/sessions.json (geen pad dat met / of een schijfletter begint)",
        )
    return value


RegionalUrl = Annotated[
    str, AfterValidator(_regional_url),
    WithJsonSchema({"type": "string", "pattern": r"^(https://|http://(127\.0\.0\.1|localhost)[:/])"}),
]
RegionalPath = Annotated[
    str, AfterValidator(_regional_path), WithJsonSchema({"type": "string", "pattern": _REGIONAL_PATH.pattern})
]


def municipality_slug(name: str) -> str:
    """The part of a filter page's address for a municipality: "Gemeente Ommen" -> gemeente-ommen."""
    return slug_of(name, max_length=_MAX_SLUG, fallback="bron")


class RegionalSource(PortalModel):
    """Another site's open data (its /data/sessions.json) to show in the regional calendar."""

    name: Name = Field(description='Naam van de gemeente die de sessies uitgeeft, zoals "Gemeente Ommen".')
    url: RegionalUrl | None = Field(
        default=None, description="Adres (https://) van de open data van die site: .../data/sessions.json."
    )
    path: RegionalPath | None = Field(
        default=None,
        description="Of: pad naar sessions.json op deze computer, vanaf de map van deze site, zoals "
                    "../site-ommen/site/data/sessions.json.",
    )


class RegionalSettings(PortalModel):
    """The regional calendar: this site's sessions together with those of other sites."""

    sources: Annotated[list[RegionalSource], _at_most(MAX_REGIONAL_SOURCES, "bronnen")] = Field(
        min_length=1, description="De andere sites; elke gemeente blijft eigenaar van haar eigen sessies."
    )

    def violations_of_sources(self, organisation: str) -> list[RuleViolation]:
        problems: list[RuleViolation] = []
        seen = {municipality_slug(organisation): "organisation"}
        for index, source in enumerate(self.sources):
            if (source.url is None) == (source.path is None):
                problems.append(RuleViolation(
                    ("regional", "sources", index),
                    "geef óf url (een https://-adres) óf path (een bestand op deze computer), niet allebei en niet geen",
                    of_key=True))
            slug = municipality_slug(source.name)
            if slug in seen:
                other = "de eigen organisatie (organisation)" if seen[slug] == "organisation" else "een bron erboven"
                problems.append(RuleViolation(
                    ("regional", "sources", index, "name"),
                    f"heeft dezelfde naam als {other}; geef elke gemeente een eigen naam"))
            seen.setdefault(slug, "source")
        return problems


_GITHUB_REPO = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")
_BRANCH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$")


def _github_repo(value: str) -> str:
    if not _GITHUB_REPO.fullmatch(value) or value.endswith((".", "/")) or ".." in value:
        raise PydanticCustomError(
            "github_repo", "moet een repository op GitHub zijn als eigenaar/naam, zoals gemeente-dalfsen/arbeidsmigranten-portaal")
    return value


_ORIGIN = re.compile(r"^https://[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)+(?::[0-9]{1,5})?$")


def _origin(value: str) -> str:
    # Decap accepts the sign-in window's answer only from exactly this origin: no path, no query.
    if not _ORIGIN.fullmatch(value):
        raise PydanticCustomError(
            "origin", "moet het adres van de inlogdienst zijn, alleen https:// en de naam in kleine letters, zonder "
                      "pad erachter, zoals https://inloggen.uwgemeente.nl")
    return value


def _branch(value: str) -> str:
    if not _BRANCH.fullmatch(value) or ".." in value or value.endswith(("/", ".", ".lock")) or "//" in value:
        raise PydanticCustomError("branch", "moet de naam van een branch zijn, zoals main")
    return value


GitHubRepo = Annotated[str, AfterValidator(_github_repo), WithJsonSchema({"type": "string", "pattern": _GITHUB_REPO.pattern})]
BranchName = Annotated[str, AfterValidator(_branch), WithJsonSchema({"type": "string", "pattern": _BRANCH.pattern})]
Origin = Annotated[str, AfterValidator(_origin), WithJsonSchema({"type": "string", "pattern": _ORIGIN.pattern})]


EDITOR_FILE = "editor.yml"


class EditorSettings(PortalModel):
    """site_config/editor.yml: the editor at /admin/ (Decap CMS): where it saves, and the service
    that lets the team sign in. A file of its own, not in site.yml: who controls these values
    controls where the team's sign-in goes, so a developer reviews every change (CODEOWNERS)."""

    repo: GitHubRepo = Field(description="De repository van de site op GitHub, als eigenaar/naam.")
    branch: BranchName = Field(
        default="main", description="De branch van de gepubliceerde site; de editor maakt voor elke wijziging een pull "
                                    "request naar deze branch.")
    auth_url: Origin | None = Field(
        default=None, description="Adres (https://) van de inlogdienst die de gemeente voor GitHub draait (OAuth). "
                                  "Zonder adres werkt de editor alleen op de eigen computer (python3 dev.py serve).")
    private: bool = Field(
        default=False, description="true als de repository privé is; de editor vraagt dan toegang tot privé-repositories "
                                   "(GitHub-scope repo), anders alleen tot openbare (public_repo).")
    example: bool = Field(default=False, description="true zolang repo en auth_url voorbeelden zijn en nog niet werken.")


class SiteSettings(PortalModel):
    """site_config/site.yml: settings that are content, not code."""

    organisation: Name = Field(description="Naam van de organisatie die de site uitgeeft.")
    logo: Logo | None = Field(default=None, description="Het logo in de kop van elke pagina.")
    colours: Colours | None = Field(
        default=None, description="De huiskleuren, als #rrggbb; elke kleur heeft met wit minstens 4,5:1 contrast."
    )
    contact: Contact
    meldpunt: Meldpunt
    calendar: CalendarSettings
    review_months: int = Field(
        default=12, ge=1, le=60,
        description="Na hoeveel maanden een pagina opnieuw nagekeken moet worden (reviewed:); daarna waarschuwt "
                    "portal check.",
    )
    regional: RegionalSettings | None = Field(
        default=None,
        description="Regionale kalender: sessies van andere sites (hun open data) naast die van deze site. Weglaten "
                    "als er geen zijn.",
    )
    def rule_violations(self) -> list[RuleViolation]:
        return self.regional.violations_of_sources(self.organisation) if self.regional else []


class PrivacySettings(PortalModel):
    """site_config/privacy.yml: addresses of organisations that may appear on the site."""

    email_domains: list[Text] = Field(
        default_factory=list, description="Domeinen van organisaties, zoals gemeente.nl: elk adres daar mag."
    )
    emails: list[Email] = Field(default_factory=list, description="Losse e-mailadressen van organisaties.")
    phones: list[Phone] = Field(default_factory=list, description="Algemene telefoonnummers van organisaties.")
    addresses: list[Text] = Field(
        default_factory=list,
        description='Adressen van organisaties, zoals het gemeentehuis: "Straatnaam 1, 1234 AB Plaats". Die mogen '
        "ook in een bericht over een controle staan.",
    )


# --- Audiences ---------------------------------------------------------------------------------


class AudienceRegistration(PortalModel):
    """How this audience registers when a session does not say otherwise."""

    url: RegistrationUrl | None = Field(default=None, description="Aanmeldformulier (https://) of mailto:-link.")
    email: Email | None = Field(default=None, description="E-mailadres voor aanmelding, zoals dat van de griffie.")
    note: Note | None = Field(default=None, description="Korte uitleg bij de aanmelding.")
    example: bool = Field(
        default=False, description="true zolang dit adres een voorbeeld is; de site zegt dat dan bij elke aanmelding."
    )


class AudienceTranslation(PortalModel):
    label: Label = Field(description="Naam van de groep in deze taal, meervoud.")
    member: Label = Field(description="Eén persoon uit de groep, in deze taal.")
    description: Paragraph = Field(description="Wie horen bij deze groep, in deze taal.")
    note: Note | None = Field(default=None, description="De uitleg bij de aanmelding, in deze taal.")


class Audience(PortalModel):
    label: Label = Field(description='Naam van de groep, meervoud: "Ondernemers".')
    member: Label = Field(description='Eén persoon uit de groep, voor knoppen: "ondernemer".')
    description: Paragraph = Field(description="Eén of twee zinnen: wie horen bij deze groep.")
    registration: AudienceRegistration | None = Field(
        default=None, description="Standaard-aanmelding voor deze groep (bijvoorbeeld via de griffie)."
    )
    translations: Annotated[dict[Slug, AudienceTranslation], _at_most(20, "talen")] = Field(
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
        problems = _dutch_translation(self.translations, "label, member en description")
        reg = self.registration
        if reg is not None and reg.url and reg.email:
            problems.append(RuleViolation(("registration",), "geef óf url óf email, niet allebei", of_key=True))
        return problems


class Audiences(RootModel[Annotated[dict[AudienceId, Audience], _at_most(20, "doelgroepen")]]):
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

    email: Email | None = Field(title="E-mailadres", default=None, description="Algemeen e-mailadres van de organisatie.")
    phone: Phone | None = Field(title="Telefoonnummer", default=None, description="Algemeen telefoonnummer, als tekst.")
    url: HttpsUrl | None = Field(title="Contactpagina", default=None, description="Contactpagina op de eigen website.")


class PartnerTranslation(PortalModel):
    description: Description = Field(title="Beschrijving", description="De beschrijving in deze taal.")


class Partner(PortalModel):
    """partners/<id>.yml: one organisation in the alliance."""

    name: Name = Field(title="Naam", description="Naam van de organisatie.")
    kind: PartnerKind = Field(
        title="Soort organisatie",
        description="werkgever, uitzendbureau, huisvester, gemeente, kennispartner of overheid.")
    description: Description = Field(title="Beschrijving", description="Wat doet de organisatie in de alliantie? Een paar zinnen.")
    website: HttpsUrl | None = Field(title="Website", default=None, description="Website (https://).")
    logo: Name | None = Field(title="Logo", default=None, description="Logo: bestand in partners/logos/, zoals logos/naam.svg.")
    since: int | None = Field(title="Partner sinds", default=None, ge=2020, le=2100, description="Jaar waarin de partner meedoet, zoals 2024.")
    themes: list[Theme] = Field(title="Thema's", default_factory=list, description="Thema's van de commissie-Roemer waaraan de partner werkt.")
    certifications: Annotated[list[ShortLine], _at_most(20, "keurmerken")] = Field(
        title="Keurmerken",
        default_factory=list, description="Keurmerken, zoals SNF-keurmerk."
    )
    contact: PartnerContact | None = Field(title="Contact", default=None, description="Openbaar contact van de organisatie.")
    example: bool = Field(title="Voorbeeld (verzonnen)", default=False, description="true als deze partner verzonnen is (voorbeeld).")
    translations: Annotated[dict[Slug, PartnerTranslation], _at_most(20, "talen")] = Field(
        title="Vertalingen",
        default_factory=dict, description="Per taal (en, pl, ...): de beschrijving in die taal."
    )

    def rule_violations(self) -> list[RuleViolation]:
        problems = [
            RuleViolation(("themes", i), "noemt dit thema twee keer; haal er één weg") for i in _duplicates(list(self.themes))
        ]
        problems += [
            RuleViolation(("certifications", i), "noemt dit keurmerk twee keer; haal er één weg")
            for i in _duplicates(list(self.certifications))
        ]
        problems += _dutch_translation(self.translations, "description")
        if self.logo is not None and not re.match(r"^logos/[a-z0-9][a-z0-9._-]*\.(svg|png|jpg|jpeg|webp)$", self.logo):
            problems.append(
                RuleViolation(("logo",), "moet een bestand in partners/logos/ zijn, zoals logos/naam.svg (svg, png, jpg of webp)")
            )
        return problems


# --- Sessions ----------------------------------------------------------------------------------


class Place(PortalModel):
    name: Name = Field(title="Naam van de plek", description='Naam van de plek, zoals "Gemeentehuis" of "Online".')
    address: LongLine | None = Field(title="Adres", default=None, description="Adres: straat, huisnummer, plaats.")
    online_url: HttpsUrl | None = Field(title="Online link", default=None, description="Link naar de online bijeenkomst (https://).")


class AgendaItem(PortalModel):
    time: ClockTime = Field(title="Tijd", description='Tijd tussen aanhalingstekens: "19:30".')
    title: LongLine = Field(title="Onderdeel", description="Wat er dan gebeurt.")


class SessionTranslation(PortalModel):
    title: Title | None = Field(title="Titel", default=None, description="De titel in deze taal.")
    summary: Summary | None = Field(title="Samenvatting", default=None, description="Waar gaat de sessie over, in deze taal.")


class Registration(PortalModel):
    url: RegistrationUrl | None = Field(title="Aanmeldlink", default=None, description="Aanmeldformulier (https://) of mailto:-link.")
    email: Email | None = Field(title="E-mailadres voor aanmelding", default=None, description="E-mailadres; de site maakt er een ingevulde e-mail van.")
    deadline: Deadline | None = Field(
        title="Aanmelden kan tot",
        default=None, description='Laatste moment om aan te melden: "2027-03-04" (einde van die dag) of "2027-03-04 12:00".'
    )
    capacity: int | None = Field(title="Aantal plaatsen", default=None, ge=1, le=10_000, description="Aantal plaatsen voor deze groep.")
    full: bool = Field(title="Vol", default=False, description="true als alle plaatsen voor deze groep bezet zijn.")
    note: Note | None = Field(title="Uitleg bij de aanmelding", default=None, description="Korte uitleg bij de aanmelding.")


# A kennissessie lasts hours: an end days later, or a deadline a year before, is a wrong date.
MAX_DURATION = dt.timedelta(hours=24)
MAX_DEADLINE_AHEAD = dt.timedelta(days=366)


# The rules between two fields of a session, each with its sentence, as functions of the values
# alone: the record checks them (rule_violations), and `portal new` as soon as both are answered.


def end_problem(start: dt.datetime, end: dt.datetime) -> str | None:
    if end <= start:
        return "moet later zijn dan het begin (start)"
    if end - start > MAX_DURATION:
        return ("ligt meer dan een dag na het begin; controleer de datum (duurt een sessie meer dagen, maak dan per dag "
                "een bestand)")
    return None


def place_problem(address: str | None, online_url: str | None) -> str | None:
    if address is None and online_url is None:
        return "heeft een adres (address) of een online link (online_url) nodig"
    return None


def deadline_problem(start: dt.datetime, deadline: dt.datetime | None) -> str | None:
    if deadline is not None and deadline > start:
        return "ligt na het begin van de sessie; aanmelden moet kunnen sluiten vóór de sessie begint"
    if deadline is not None and start - deadline > MAX_DEADLINE_AHEAD:
        return "ligt meer dan een jaar vóór het begin van de sessie; controleer het jaar"
    return None


class Session(PortalModel):
    """sessions/<id>.yml: one kennissessie."""

    title: Title = Field(title="Titel", description="Titel van de kennissessie.")
    start: LocalDateTime = Field(title="Begin", description='Begin, Nederlandse tijd: "2027-03-11 19:30".')
    end: LocalDateTime = Field(title="Einde", description='Einde, Nederlandse tijd: "2027-03-11 21:30".')
    location: Place = Field(title="Plaats", description="Waar de sessie is.")
    audiences: Annotated[list[Slug], _at_most(20, "doelgroepen")] = Field(
        title="Doelgroepen",
        min_length=1, description="Voor wie: ids uit site_config/audiences.yml."
    )
    summary: Summary = Field(title="Samenvatting", description="Waar gaat de sessie over? Alinea's scheidt u met een lege regel.")
    agenda: Annotated[list[AgendaItem], _at_most(40, "onderdelen")] = Field(
        title="Programma",
        default_factory=list, description="Programma: tijd en onderdeel."
    )
    speakers: Annotated[list[Slug], _at_most(30, "sprekers")] = Field(title="Sprekers", default_factory=list, description="Sprekers: ids van partners.")
    hosts: Annotated[list[Slug], _at_most(30, "organisatoren")] = Field(
        title="Organisatoren",
        default_factory=list, description="Organisatoren: ids van partners."
    )
    registration: Annotated[dict[Slug, Registration], _at_most(20, "doelgroepen")] = Field(
        title="Aanmelding per doelgroep",
        default_factory=dict, description="Aanmelding per doelgroep (ondernemers, raadsleden ...)."
    )
    status: SessionStatus = Field(title="Status", default="gepland", description="gepland, vol, verplaatst of geannuleerd.")
    status_note: Paragraph | None = Field(
        title="Uitleg bij de status",
        default=None, description="Uitleg bij de status, zoals de reden van afzeggen."
    )
    previous_start: LocalDateTime | None = Field(
        title="Oude begin (bij verplaatsen)",
        default=None, description="Bij een verplaatste sessie: het oude begin."
    )
    revision: int = Field(
        title="Versie voor agenda-apps",
        default=0, ge=0, le=1000,
        description="Verhoog met 1 als datum, tijd, plaats of status (verplaatst, geannuleerd) verandert (agenda-apps passen het dan aan).",
    )
    report: ContentPage | None = Field(
        title="Verslag",
        default=None, description="Verslag na afloop: een nieuwsbericht, zoals nieuws/posts/verslag.md."
    )
    example: bool = Field(title="Voorbeeld (verzonnen)", default=False, description="true als deze sessie verzonnen is (voorbeeld).")
    translations: Annotated[dict[Slug, SessionTranslation], _at_most(20, "talen")] = Field(
        title="Vertalingen",
        default_factory=dict, description="Per taal (en, pl, ...): titel en samenvatting in die taal."
    )

    def rule_violations(self) -> list[RuleViolation]:
        problems: list[RuleViolation] = []
        end_sentence = end_problem(self.start, self.end)
        if end_sentence:
            problems.append(RuleViolation(("end",), end_sentence))
        problems += self._agenda_violations()
        problems += _dutch_translation(self.translations, "title en summary")
        for index in _duplicates(list(self.audiences)):
            problems.append(RuleViolation(("audiences", index), "noemt deze doelgroep twee keer; haal er één weg"))
        for group in (("speakers", self.speakers), ("hosts", self.hosts)):
            for index in _duplicates(list(group[1])):
                problems.append(RuleViolation((group[0], index), "noemt deze partner twee keer; haal er één weg"))
        place_sentence = place_problem(self.location.address, self.location.online_url)
        if place_sentence:
            problems.append(RuleViolation(("location",), place_sentence, of_key=True))
        for audience, registration in self.registration.items():
            if registration.url and registration.email:
                problems.append(
                    RuleViolation(("registration", audience), "geef óf url óf email, niet allebei", of_key=True)
                )
            deadline_sentence = deadline_problem(self.start, registration.deadline)
            if deadline_sentence:
                problems.append(RuleViolation(("registration", audience, "deadline"), deadline_sentence))
        if self.status == "verplaatst" and self.previous_start is None:
            problems.append(
                RuleViolation(("status",), "is verplaatst; zet ook het oude begin in previous_start, zodat lezers het verschil zien")
            )
        if self.status in ("verplaatst", "geannuleerd") and self.revision == 0:
            # RFC 5545: a new start or a new STATUS needs a higher SEQUENCE (our revision), or an
            # app that imported the session's .ics keeps the old event.
            problems.append(RuleViolation(
                ("status",), f"is {self.status}; verhoog dan ook revision met 1 (staat er nog geen revision, schrijf dan "
                             "revision: 1), zodat agenda-apps die de sessie al hebben de wijziging overnemen"))
        if self.previous_start is not None and self.status != "verplaatst":
            problems.append(RuleViolation(("previous_start",), "hoort alleen bij status: verplaatst"))
        elif self.previous_start is not None and self.previous_start == self.start:
            problems.append(RuleViolation(
                ("previous_start",), "is hetzelfde moment als het nieuwe begin (start); zet hier het begin van vóór de "
                                     "verplaatsing"))
        return problems

    def _agenda_violations(self) -> list[RuleViolation]:
        """Every agenda time lies within the session, in order (a session may run past midnight)."""
        if not self.agenda or self.end <= self.start or self.end - self.start > MAX_DURATION:
            return []
        begin = self.start.hour * 60 + self.start.minute
        length = int((self.end - self.start).total_seconds() // 60)
        problems = []
        previous = -1
        for index, item in enumerate(self.agenda):
            hour, minute = (int(part) for part in item.time.split(":"))
            offset = (hour * 60 + minute - begin) % (24 * 60)
            if offset > length:
                problems.append(RuleViolation(
                    ("agenda", index, "time"),
                    f"ligt buiten de tijd van de sessie ({self.start:%H:%M} tot {self.end:%H:%M}); kies een tijd daartussen"))
            elif offset < previous:
                problems.append(RuleViolation(
                    ("agenda", index, "time"), "is eerder dan het onderdeel erboven; zet het programma op volgorde van tijd"))
            else:
                previous = offset
        return problems
