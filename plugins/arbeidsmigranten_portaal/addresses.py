"""E-mail addresses, web addresses, domain names and phone numbers, checked strictly.

Each check returns None for a good value, or the Dutch sentence that says what is wrong and what
to write instead. The model turns that sentence into a validation error at the field's line.

Why strict: every address ends up in a link on a public page. A space or an invisible character
makes a link that goes somewhere else than it shows (or nowhere); `mailto:a@b.nl?bcc=x@y.nl` makes
every reader's e-mail quietly copy someone; `https://www.dalfsen.nl@evil.example/` shows the
municipality's name but opens another site. None of these is ever needed for a real address.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import urlsplit

import idna  # IDNA 2008, as browsers and mail servers read international domain names (comes with requests)

EMAIL_EXAMPLE = "griffie@uwgemeente.nl"
URL_EXAMPLE = "https://www.uwgemeente.nl/"

# RFC 5321 limits: 64 characters before the @, 254 in all; 253 for a domain name, 63 per label.
MAX_LOCAL_PART = 64
MAX_EMAIL = 254
MAX_DOMAIN = 253
# Browsers and servers handle far longer addresses, but no form or meeting link needs more.
MAX_URL = 2000

# Letters, digits, dot, hyphen, underscore and plus before the @: what organisations' addresses
# use. RFC 5322 allows more (? & = % / # ...), and those are exactly the characters that change
# the meaning of a mailto: link.
_LOCAL_PART = re.compile(r"[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*")
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_TOP_LEVEL = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")


def invisible_character(value: str) -> str | None:
    """The first space, line break or invisible (control or format) character in `value`."""
    for char in value:
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cn"):
            return char
    return None


def _invisible_sentence(char: str, what: str) -> str:
    if char == " ":
        found = "een spatie"
    elif char in "\n\r":
        found = "een regeleinde"
    else:
        found = f"een onzichtbaar teken (U+{ord(char):04X})"
    return f"bevat {found}; {what} heeft nooit spaties of onzichtbare tekens: haal die weg"


def domain_problem(domain: str) -> str | None:
    """Why `domain` is no domain name a browser or mail server can reach, or None."""
    if not domain:
        return "heeft geen domeinnaam"
    lowered = domain.lower()
    if any(ord(char) > 127 for char in lowered):
        # An international name (müller.de) is fine in Latin letters; a Cyrillic "а" in "dаlfsen.nl"
        # looks the same as the Latin one and leads somewhere else.
        if any(ord(char) > 127 and not _is_latin_letter(char) for char in lowered):
            return ("heeft een domeinnaam met letters uit een ander schrift dan het gewone alfabet, die op gewone "
                    "letters lijken maar naar een ander adres leiden (zoals een Cyrillische а)")
        try:
            lowered = idna.encode(lowered, uts46=False).decode("ascii")
        except (idna.IDNAError, UnicodeError):
            return "heeft een domeinnaam met tekens die in een domeinnaam niet kunnen"
    if len(lowered) > MAX_DOMAIN:
        return f"heeft een domeinnaam van meer dan {MAX_DOMAIN} tekens; dat kan niet"
    labels = lowered.split(".")
    if len(labels) < 2:
        return "heeft een domeinnaam zonder punt en extensie (zoals .nl)"
    if not all(_LABEL.fullmatch(label) for label in labels) or not _TOP_LEVEL.fullmatch(labels[-1]):
        return "heeft een domeinnaam die niet kan bestaan (alleen letters, cijfers, streepjes en punten, eindigend op bijvoorbeeld .nl)"
    return None


def _is_latin_letter(char: str) -> bool:
    return unicodedata.category(char).startswith("L") and unicodedata.name(char, "").startswith("LATIN ")


def email_problem(value: str) -> str | None:
    """Why `value` is not one plain e-mail address (local@domain.tld), or None."""
    char = invisible_character(value)
    if char is not None:
        return _invisible_sentence(char, "een e-mailadres")
    if value.lower().startswith("mailto:"):
        return f"moet alleen het e-mailadres zijn, zonder mailto: ervoor, zoals {EMAIL_EXAMPLE}"
    if "?" in value:
        return (f"mag geen ?-deel hebben (zoals ?subject=, ?cc= of ?bcc=); schrijf alleen het e-mailadres, zoals "
                f"{EMAIL_EXAMPLE}: de site vult onderwerp en tekst zelf in")
    if any(sep in value for sep in ",;") or value.count("@") > 1:
        return f"bevat meer dan één e-mailadres; schrijf er één, zoals {EMAIL_EXAMPLE}"
    if "<" in value or ">" in value or '"' in value:
        return f"moet alleen het adres zelf zijn, zonder naam, aanhalingstekens of < >, zoals {EMAIL_EXAMPLE}"
    local, at, domain = value.rpartition("@")
    if not at or not local:
        return f"moet een e-mailadres zijn, zoals {EMAIL_EXAMPLE}"
    if len(value) > MAX_EMAIL or len(local) > MAX_LOCAL_PART:
        return f"is te lang voor een e-mailadres; een adres heeft hoogstens {MAX_EMAIL} tekens"
    if not _LOCAL_PART.fullmatch(local):
        return (f"heeft vóór de @ tekens die in een e-mailadres van een organisatie niet voorkomen (alleen letters, "
                f"cijfers, punten, streepjes, _ en +); schrijf een adres zoals {EMAIL_EXAMPLE}")
    problem = domain_problem(domain)
    if problem is not None:
        return f"{problem}; schrijf een e-mailadres zoals {EMAIL_EXAMPLE}"
    return None


def https_url_problem(value: str) -> str | None:
    """Why `value` is not an https:// address of a real host (a port is fine), or None."""
    char = invisible_character(value)
    if char is not None:
        return _invisible_sentence(char, "een webadres") + " (een spatie in een adres schrijft u als %20)"
    if "\\" in value:
        return f"bevat een schuine streep naar links (\\); een webadres gebruikt alleen /, zoals {URL_EXAMPLE}meldpunt"
    if not value.startswith("https://"):
        return f"moet een volledig webadres zijn dat begint met https://, zoals {URL_EXAMPLE}"
    if len(value) > MAX_URL:
        return f"is te lang voor een webadres (meer dan {MAX_URL} tekens); gebruik een korter adres"
    try:
        netloc = urlsplit(value).netloc
    except ValueError:  # a bad [IPv6 address], or a character that Unicode folds into / ? # @ or :
        if value.startswith("https://["):
            return f"heeft een ongeldig IP-adres tussen [ ]; schrijf een adres zoals {URL_EXAMPLE}"
        return f"heeft een domeinnaam met tekens die in een webadres niet kunnen; schrijf een adres zoals {URL_EXAMPLE}"
    if "@" in netloc:
        return ("heeft een naam met @ vóór de domeinnaam; zo'n adres laat lezers een andere website zien dan waar ze "
                f"heen gaan: schrijf https:// en dan meteen de domeinnaam, zoals {URL_EXAMPLE}")
    if netloc.startswith("["):
        literal, _, port = netloc[1:].partition("]")
        try:
            ipaddress.IPv6Address(literal)
        except ValueError:
            return f"heeft een ongeldig IP-adres tussen [ ]; schrijf een adres zoals {URL_EXAMPLE}"
    else:
        literal, colon, port = netloc.partition(":")
        port = colon + port
        problem = _host_problem(literal)
        if problem is not None:
            return f"{problem}; schrijf een webadres zoals {URL_EXAMPLE}"
    if port and not (re.fullmatch(r":[0-9]{1,5}", port) and 0 < int(port[1:]) < 65536):
        return "heeft een ongeldig poortnummer na de dubbele punt; laat de :poort weg of schrijf een getal van 1 tot 65535"
    return None


def _host_problem(host: str) -> str | None:
    if not host:
        return "heeft geen domeinnaam na https://"
    if re.fullmatch(r"[0-9.]+", host):
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            return "heeft een ongeldig IP-adres na https://"
        return None
    return domain_problem(host)


def mailto_problem(value: str) -> str | None:
    """Why `value` is not `mailto:` with exactly one plain address and nothing after it, or None."""
    address = value[len("mailto:"):]
    char = invisible_character(value)
    if char is not None:
        return _invisible_sentence(char, "een mailto:-link")
    if "?" in address or "&" in address:
        return ("mag na het e-mailadres niets meer hebben (geen ?subject=, ?cc= of ?bcc=); schrijf alleen "
                f"mailto:{EMAIL_EXAMPLE}, of zet het adres onder email: dan vult de site onderwerp en tekst zelf in")
    if "%" in address:
        return f"moet het e-mailadres gewoon uitschrijven, zonder %-codes, zoals mailto:{EMAIL_EXAMPLE}"
    problem = email_problem(address)
    if problem is not None:
        return problem.replace(f"zoals {EMAIL_EXAMPLE}", f"zoals mailto:{EMAIL_EXAMPLE}")
    return None


def phone_problem(value: str) -> str | None:
    """Why `value` is no phone number people can call from the page, or None."""
    char = invisible_character(value.replace(" ", ""))
    if char is not None:
        return _invisible_sentence(char, "een telefoonnummer").replace("spaties of ", "")
    digits = sum(char.isdigit() for char in value)
    if not re.fullmatch(r"\+?[0-9 ()-]{5,20}", value) or not 3 <= digits <= 15:
        return 'moet een telefoonnummer zijn met alleen cijfers en spaties, zoals "14 0529" of "0529 123 456"'
    if "(0)" in value.replace(" ", ""):
        # The tel: link keeps every digit: +31 (0)529 would dial +310529, which does not exist.
        return 'heeft (0) na het landnummer; schrijf "+31 529 123 456" of "0529 123 456", zonder (0)'
    return None
