"""Personal data of private persons does not belong on a public site (AVG/GDPR).

Scans the pages in content/ and the YAML in sessions/ and partners/ for what looks like personal
data: a BSN that passes the 11-test, a valid IBAN, a phone number that is not a service number
or on the allow-list, an e-mail address that is not on the allow-list of organisational
addresses (site_config/privacy.yml), a Dutch licence plate, and, in news posts about controls, a
street address with a house number or a postcode.

A deliberate exception is marked on the line itself (or the line above) with `privacy: ok`, for
example `<!-- privacy: ok, algemeen nummer van de woningcorporatie -->` in Markdown or
`# privacy: ok` after a YAML value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..front_matter import split_front_matter
from ..model import PrivacySettings
from ..problems import Problem, relative_path

EXCEPTION = re.compile(r"privacy:\s*ok", re.IGNORECASE)
# Reserved for examples and tests (RFC 2606, RFC 6761): never a real person's address.
RESERVED_DOMAINS = ("example", "invalid", "test", "localhost", "example.com", "example.net", "example.org")

_BSN = re.compile(r"(?<!\d)(?<!\d[.\-/])(\d{4})[ .]?(\d{2})[ .]?(\d{3})(?!\d|[.\-/]\d)")
_IBAN = re.compile(r"\b([A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)\b")
_EMAIL = re.compile(r"(?<![\w.+-])([\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,})\b", re.IGNORECASE)
# Dutch phone numbers: 06 mobile, 0xx/0xxx landlines, with +31 or 0031 too.
_PHONE = re.compile(r"(?<![\w/=.-])((?:\+31|0031|0)[ -]?(?:\(0\))?[ -]?[1-9](?:[ -]?\d){8})(?![\w/-])")
_SERVICE_NUMBER = re.compile(r"^(?:0800|0900|0906|0909|088|085|14)")
# Dutch licence plates (sidecodes 1-14), written with hyphens.
_PLATE = re.compile(
    r"\b(?:[A-Z]{2}-\d{2}-\d{2}|\d{2}-\d{2}-[A-Z]{2}|\d{2}-[A-Z]{2}-\d{2}|[A-Z]{2}-\d{2}-[A-Z]{2}"
    r"|[A-Z]{2}-[A-Z]{2}-\d{2}|\d{2}-[A-Z]{2}-[A-Z]{2}|\d{2}-[A-Z]{3}-\d|\d-[A-Z]{3}-\d{2}"
    r"|[A-Z]{2}-\d{3}-[A-Z]|[A-Z]-\d{3}-[A-Z]{2}|[A-Z]{3}-\d{2}-[A-Z]|[A-Z]-\d{2}-[A-Z]{3}"
    r"|\d-[A-Z]{2}-\d{3}|\d{3}-[A-Z]{2}-\d)\b"
)
_STREET = re.compile(
    r"\b(?:[A-Z][a-zà-ü]+[ -])*[A-Z][a-zà-ü]*(?:straat|weg|laan|plein|dijk|steeg|singel|gracht|kade|pad|hof|dreef"
    r"|erf|markt|baan|allee|ring|wal|veld|es|brink|akker|hoek|dam|burg)\s+\d{1,5}(?:\s?[a-zA-Z])?\b"
)
_POSTCODE = re.compile(r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b")


@dataclass(frozen=True)
class Finding:
    col: int
    message: str
    written: str


def check_privacy(
    root: Path, content: Path, sessions: Path, partners: Path, settings: PrivacySettings
) -> list[Problem]:
    problems: list[Problem] = []
    for path in sorted(content.rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        control_post = _is_control_post(path, content, text)
        problems += _scan(relative_path(path, root), text, settings, addresses=control_post)
    for folder in (sessions, partners):
        if folder.is_dir():
            for path in sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml")):
                text = path.read_text(encoding="utf-8", errors="replace")
                own_domains = _website_domains(text) if folder == partners else set()
                problems += _scan(relative_path(path, root), text, settings, own_domains=own_domains)
    return problems


def scan_line(line: str, settings: PrivacySettings, *, addresses: bool = False,
              own_domains: Iterable[str] = ()) -> list[Finding]:
    """What looks like personal data in one line of text; each piece of text is reported once."""
    findings: list[Finding] = []
    for finding in _findings(line, settings, addresses, own_domains):
        start, end = finding.col - 1, finding.col - 1 + len(finding.written)
        if not any(f.col - 1 < end and start < f.col - 1 + len(f.written) for f in findings):
            findings.append(finding)
    return sorted(findings, key=lambda f: f.col)


def _findings(line: str, settings: PrivacySettings, addresses: bool, own_domains: Iterable[str]) -> list[Finding]:
    findings: list[Finding] = []
    for match in _BSN.finditer(line):
        digits = "".join(match.groups())
        if _passes_eleven_test(digits):
            findings.append(Finding(match.start() + 1, "dit lijkt een burgerservicenummer (BSN); haal het weg", match.group(0)))
    for match in _IBAN.finditer(line):
        if _valid_iban(match.group(1)):
            findings.append(Finding(match.start() + 1, "dit lijkt een rekeningnummer (IBAN); haal het weg, of zet er "
                                    "'privacy: ok' bij als het een rekening van een organisatie is", match.group(1)))
    for match in _EMAIL.finditer(line):
        address = match.group(1)
        if not _allowed_email(address, settings, own_domains):
            findings.append(Finding(match.start() + 1, "dit e-mailadres staat niet op de lijst van adressen van "
                                    "organisaties (site_config/privacy.yml); gebruik een algemeen adres van de "
                                    "organisatie of zet het adres op die lijst", address))
    for match in _PHONE.finditer(line):
        number = match.group(1)
        if not _allowed_phone(number, settings):
            findings.append(Finding(match.start() + 1, "dit lijkt een telefoonnummer van een persoon; gebruik een "
                                    "algemeen nummer van de organisatie of zet het nummer in site_config/privacy.yml",
                                    number))
    for match in _PLATE.finditer(line):
        findings.append(Finding(match.start() + 1, "dit lijkt een kenteken; haal het weg", match.group(0)))
    if addresses:
        for pattern in (_STREET, _POSTCODE):
            for match in pattern.finditer(line):
                findings.append(Finding(match.start() + 1, "in een bericht over een controle hoort geen adres of "
                                        "postcode: het wijst een woning en de mensen erin aan; noem alleen het soort "
                                        "locatie of de kern", match.group(0)))
    return findings


def _scan(display: str, text: str, settings: PrivacySettings, *, addresses: bool = False,
          own_domains: Iterable[str] = ()) -> list[Problem]:
    problems = []
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        previous = lines[number - 2] if number > 1 else ""
        if EXCEPTION.search(line) or EXCEPTION.search(previous):
            continue
        for finding in scan_line(line, settings, addresses=addresses, own_domains=own_domains):
            problems.append(Problem(display, number, finding.col, finding.message, finding.written))
    return problems


def _passes_eleven_test(digits: str) -> bool:
    if len(digits) != 9 or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1))) - int(digits[8])
    return total % 11 == 0


def _valid_iban(text: str) -> bool:
    compact = text.replace(" ", "")
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(c, 36)) for c in rearranged)
    return int(number) % 97 == 1


def _domain_allowed(domain: str, allowed: Iterable[str]) -> bool:
    domain = domain.lower()
    return any(domain == d or domain.endswith("." + d) for d in allowed)


def _allowed_email(address: str, settings: PrivacySettings, own_domains: Iterable[str]) -> bool:
    domain = address.rsplit("@", 1)[1].lower()
    return (
        address.lower() in {e.lower() for e in settings.emails}
        or _domain_allowed(domain, settings.email_domains)
        or _domain_allowed(domain, own_domains)
        or _domain_allowed(domain, RESERVED_DOMAINS)
    )


def _allowed_phone(number: str, settings: PrivacySettings) -> bool:
    digits = re.sub(r"\D", "", number)
    if digits.startswith("0031"):
        digits = "0" + digits[4:]
    elif digits.startswith("31") and number.strip().startswith("+"):
        digits = "0" + digits[2:]
    if _SERVICE_NUMBER.match(digits):
        return True
    return digits in {re.sub(r"\D", "", p) for p in settings.phones}


def _website_domains(text: str) -> set[str]:
    """A partner's own website domain: its e-mail addresses there are organisational."""
    domains = set()
    for match in re.finditer(r"^website:\s*['\"]?(https://\S+?)['\"]?\s*$", text, re.MULTILINE):
        host = urlsplit(match.group(1)).hostname or ""
        domains.add(host.removeprefix("www."))
    return domains


def _is_control_post(path: Path, content: Path, text: str) -> bool:
    """A news post in the category Controles: addresses there point at a home and its residents."""
    if "posts" not in path.relative_to(content).parts:
        return False
    categories = split_front_matter(text)[0].get("categories")
    return isinstance(categories, list) and "Controles" in categories
