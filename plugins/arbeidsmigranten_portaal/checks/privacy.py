"""Personal data of private persons does not belong on a public site (AVG/GDPR).

Reads every text file that is published or feeds the site: everything under content/ (pages with
their front matter, so also image alt text and link titles), sessions/, partners/, site_config/
and mkdocs.yml. Not schemas/*.json: `portal schemas` writes those from model.py (a test
keeps them equal to that), the site does not publish them, and no editor writes in them.

What looks like personal data:
- a BSN: nine digits, also with spaces, dots or dashes, that pass the 11-test (python-stdnum);
- an IBAN: country, length and check digits right (python-stdnum), also lower case or grouped;
- a phone number (phonenumbers, region NL, leniency VALID: Dutch numbers in every common notation
  and international ones such as +48, +40, +359), unless it is a service number (0800, 0900, 088,
  14 0529) or listed in site_config/privacy.yml;
- an e-mail address whose address or domain is not listed there (a partner's own website domain
  and reserved example domains are fine);
- a Dutch licence plate;
- in a page in the news category Controles: a street with a house number or a postcode, unless it
  is the address of an organisation listed in privacy.yml (the town hall).

Not personal data, so left alone: digits inside web addresses and link targets, KvK, RSIN and btw
numbers with their label (public numbers of businesses), a btw number (NL...B01), dates and times.

A deliberate exception is one comment on its own line directly above the flagged line, with a
reason: `<!-- privacy: ok, reden -->` in Markdown and HTML, `# privacy: ok, reden` in YAML and in
a page's front matter. "privacy: ok" anywhere else (in a sentence, after text on the same line,
without a reason) does not count, so a careless sentence cannot switch the check off; the finding
then says how to write the exception.

Bounded work: a text file over 1 MB, or with more than 5000 numbers, is refused with a sentence
instead of keeping the check busy for long; symbolic links are never followed (the source gate
refuses them).
"""

from __future__ import annotations

import bisect
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher, PhoneNumberType
from ruamel.yaml import YAML
from ruamel.yaml.events import ScalarEvent
from stdnum import iban, numdb
from stdnum.nl import bsn

from .. import memo
from ..front_matter import split_front_matter
from ..model import PrivacySettings
from ..problems import Problem, relative_path
from ..sources import link_on_the_way

# Numbers without a country code are read as Dutch ones.
REGION = "NL"
# Reserved for examples and tests (RFC 2606, RFC 6761): never a real person's address.
RESERVED_DOMAINS = ("example", "invalid", "test", "localhost", "example.com", "example.net", "example.org")
# Numbers of organisations by nature: free (0800), paid (0900), shared cost, and "universal access"
# numbers (088 of companies, 14 + area code of a municipality).
SERVICE_TYPES = frozenset({PhoneNumberType.TOLL_FREE, PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST,
                           PhoneNumberType.UAN})
# The largest page the source gate accepts; a larger text file is refused, not skipped.
MAX_SCAN_BYTES = 1024 * 1024
# A file with more findings than this is a mistake in bulk: fixing the first ones comes first.
MAX_FINDINGS_PER_FILE = 50
# phonenumbers needs 0.1 to 0.2 ms per number it finds, so a megabyte of nothing but numbers would
# take half a minute; no real page has this many numbers (phone numbers, BSN and IBAN candidates).
MAX_NUMBERS_PER_FILE = 5000
# phonenumbers gives up on a text after 65535 candidates without a word, so a number could hide
# behind a long run of digits; a long line is read in overlapping windows, far below that bound.
# Every number (far shorter than half the overlap) lies whole in the middle part of one window.
_PHONE_WINDOW = 4000
_PHONE_OVERLAP = 200

# Files that are not text; the rest is read as UTF-8 (an unreadable byte does not hide the digits
# around it).
_BINARY_SUFFIXES = frozenset({
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".bmp", ".tif", ".tiff", ".pdf", ".zip", ".gz",
    ".woff", ".woff2", ".ttf", ".otf", ".eot", ".mp3", ".mp4", ".webm", ".ogg", ".wav", ".mov", ".pyc",
})
# Where a comment is written as <!-- -->; everywhere else (YAML, front matter, plain text) as #.
_HTML_COMMENT_SUFFIXES = frozenset({".md", ".markdown", ".html", ".htm", ".svg", ".xml"})
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})

_MARKERS = {
    "html": re.compile(r"^\s*<!--\s*privacy:\s*ok\s*,(?P<reason>(?:(?!--).)*)-->\s*$", re.IGNORECASE),
    "yaml": re.compile(r"^\s*#\s*privacy:\s*ok\s*,(?P<reason>.*)$", re.IGNORECASE),
}
MARKER_EXAMPLES = {"html": "<!-- privacy: ok, reden -->", "yaml": "# privacy: ok, reden"}
_ALMOST_A_MARKER = re.compile(r"privacy\s*:\s*ok", re.IGNORECASE)

# Web addresses and link targets: their digits are ids, dates and sizes, not numbers of people.
# tel: and sms: links stay readable, and e-mail addresses are looked for in the unmasked line.
_URL = re.compile(r"\b(?:https?|ftps?)://[^\s<>\"'`()\[\]]+|\bwww\.[\w-]+\.[^\s<>\"'`()\[\]]+", re.IGNORECASE)
_LINK_TARGET = re.compile(r"\]\(\s*<?(?!tel:|sms:)([^\s)>]+)", re.IGNORECASE)
_REFERENCE_TARGET = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(?!tel:|sms:)(\S+)", re.IGNORECASE)
_ATTRIBUTE_TARGET = re.compile(r"\b(?:href|src|srcset|action|poster)\s*=\s*([\"'])(?!tel:|sms:)(.*?)\1", re.IGNORECASE)
# A btw number (btw-id) of a business: NL, nine digits, B, two digits.
_VAT = re.compile(r"(?<!\w)NL[ .\-]?\d(?:[ .\-]?\d){8}[ .\-]?B[ .\-]?\d{2}(?!\w)", re.IGNORECASE)
# A KvK, RSIN or btw label shortly before a number: a public number of a business.
_PUBLIC_NUMBER_LABEL = re.compile(
    r"(?:\bkvk|\bk\.v\.k|kamer van koophandel|handelsregister|\brsin|\bbtw|\bvat\b|omzetbelasting|"
    r"\bfiscaal nummer)[^\d\n]{0,30}$",
    re.IGNORECASE,
)
# Nine digits, single spaces, dots or dashes between them allowed, not part of a longer number.
_NINE_DIGITS = re.compile(r"(?<!\w)(?<!\d[ .\-])\d(?:[ .\-]?\d){8}(?!\w)(?![ .\-]\d)")
_IBAN_START = re.compile(r"(?<!\w)[A-Za-z]{2}\d{2}")
_IBAN_SEPARATORS = " .-"
_EMAIL = re.compile(r"(?<![\w.+-])([\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,})\b", re.IGNORECASE)
# Dutch licence plates (sidecodes 1-14), written with hyphens.
_PLATE = re.compile(
    r"\b(?:[A-Z]{2}-\d{2}-\d{2}|\d{2}-\d{2}-[A-Z]{2}|\d{2}-[A-Z]{2}-\d{2}|[A-Z]{2}-\d{2}-[A-Z]{2}"
    r"|[A-Z]{2}-[A-Z]{2}-\d{2}|\d{2}-[A-Z]{2}-[A-Z]{2}|\d{2}-[A-Z]{3}-\d|\d-[A-Z]{3}-\d{2}"
    r"|[A-Z]{2}-\d{3}-[A-Z]|[A-Z]-\d{3}-[A-Z]{2}|[A-Z]{3}-\d{2}-[A-Z]|[A-Z]-\d{2}-[A-Z]{3}"
    r"|\d-[A-Z]{2}-\d{3}|\d{3}-[A-Z]{2}-\d)\b"
)
# Bounded repeats: "(?:Word )*" tried again from every capitalised word is quadratic in a text of
# many capitalised words (90 kB took a minute); no street name has more than five words.
_STREET = re.compile(
    r"\b(?:[A-Z][a-zà-ü]{1,40}[ -]){0,4}[A-Z][a-zà-ü]{0,60}(?:straat|weg|laan|plein|dijk|steeg|singel|gracht|kade|pad|hof|dreef"
    r"|erf|markt|baan|allee|ring|wal|veld|es|brink|akker|hoek|dam|burg)\s+\d{1,5}(?:\s?[a-zA-Z])?\b"
)
_POSTCODE = re.compile(r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b")
_WEBSITE = re.compile(r"^website:\s*['\"]?(https://[^\s'\"#]+)['\"]?\s*(?:#.*)?$", re.MULTILINE)

_WHAT = {
    "bsn": "dit lijkt een burgerservicenummer (BSN)",
    "iban": "dit lijkt een rekeningnummer (IBAN)",
    "email": "dit e-mailadres staat niet op de lijst van adressen van organisaties",
    "phone": "dit lijkt een telefoonnummer van een persoon",
    "plate": "dit lijkt een kenteken",
    "address": "in een bericht over een controle hoort geen adres of postcode, want dat wijst een woning en de "
               "mensen erin aan",
}
_ADVICE = {
    "bsn": "haal het weg, want een BSN hoort nooit op een openbare site",
    "iban": "haal het weg, of zet als het de rekening van een organisatie is een eigen regel erboven: {marker}",
    "email": "gebruik een algemeen adres van de organisatie, of zet het adres of het domein in "
             "site_config/privacy.yml",
    "phone": "gebruik een algemeen nummer van de organisatie, of zet het nummer in site_config/privacy.yml als het "
             "van een organisatie is",
    "plate": "haal het weg, want een kenteken wijst een persoon aan",
    "address": "noem alleen het soort locatie of de kern (het adres van een organisatie mag, als het in "
               "site_config/privacy.yml staat)",
}
_ADVICE_NOT_A_MARKER = ("de uitzondering hier telt niet: die moet als losse regel direct boven deze regel staan (niet "
                        "in een zin of tekst), precies zo: {marker}")


class TooManyNumbers(Exception):
    pass


class NumberBudget:
    """How many more numbers one file may make the check look at."""

    def __init__(self, limit: int = MAX_NUMBERS_PER_FILE):
        self.left = limit

    def take(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise TooManyNumbers


@dataclass(frozen=True)
class Finding:
    col: int
    kind: str
    length: int
    written: str  # as shown to the editor: a BSN or IBAN masked, all else as written
    marker_style: str = "html"
    marker_ignored: bool = False

    @property
    def message(self) -> str:
        advice = _ADVICE_NOT_A_MARKER if self.marker_ignored else _ADVICE[self.kind]
        # The only replacement is our own constant: the editor's text never becomes a template.
        return _WHAT[self.kind] + "; " + advice.replace("{marker}", MARKER_EXAMPLES[self.marker_style])


def check_privacy(
    root: Path,
    content: Path,
    sessions: Path,
    partners: Path,
    settings: PrivacySettings,
    *,
    site_config: Path,
    config_file: Path,
    actions: Path | None = None,
) -> list[Problem]:
    """Every finding in every text file of the site's folders and its configuration file."""
    own_domains = _partner_domains(partners, root)
    problems: list[Problem] = []
    folders = (content, sessions, partners, site_config, *((actions,) if actions is not None else ()))
    for path in _site_files(root, folders, config_file):
        text, refused = _read_text(path, root)
        problems += refused
        if text is None:
            continue
        addresses = path.suffix.lower() in _MARKDOWN_SUFFIXES and _is_control_post(text)
        problems += _scan(relative_path(path, root), path.suffix.lower(), text, settings, addresses=addresses,
                          own_domains=own_domains)
    return sorted(problems)


def scan_line(line: str, settings: PrivacySettings, *, addresses: bool = False, own_domains: Iterable[str] = (),
              marker_style: str = "html", budget: NumberBudget | None = None) -> list[Finding]:
    """What looks like personal data in one line of text; each piece of text is reported once,
    as what the first detector (IBAN, BSN, e-mail, phone, plate, address) made of it."""
    taken: list[tuple[int, int]] = []  # sorted, non-overlapping (start, end) of the findings kept
    findings: list[Finding] = []
    for finding in _findings(line, settings, addresses, tuple(own_domains), marker_style, budget or NumberBudget()):
        start, end = finding.col - 1, finding.col - 1 + finding.length
        at = bisect.bisect_left(taken, (start, end))
        if (at and taken[at - 1][1] > start) or (at < len(taken) and taken[at][0] < end):
            continue
        taken.insert(at, (start, end))
        findings.append(finding)
    return sorted(findings, key=lambda f: f.col)


def is_marker(line: str, style: str) -> bool:
    """The exception comment in its one exact form, with a reason."""
    match = _MARKERS[style].match(line)
    return bool(match) and any(char.isalnum() for char in match.group("reason"))


# --- What one line holds ---------------------------------------------------------------------------


def _findings(line: str, settings: PrivacySettings, addresses: bool, own_domains: tuple[str, ...],
              style: str, budget: NumberBudget) -> list[Finding]:
    numbers = _mask_targets(line)

    def found(start: int, end: int, kind: str, written: str | None = None) -> Finding:
        return Finding(start + 1, kind, end - start, line[start:end] if written is None else written, style)

    findings = [found(start, end, "iban", _masked(line[start:end], keep_start=2))
                for start, end in _ibans(numbers, budget)]
    no_vat = _blank(numbers, _VAT)
    for match in _NINE_DIGITS.finditer(no_vat):
        budget.take()
        label = _PUBLIC_NUMBER_LABEL.search(no_vat, max(0, match.start() - 60), match.start())
        if bsn.is_valid(match.group(0)) and not label:
            findings.append(found(match.start(), match.end(), "bsn", _masked(match.group(0), keep_start=0)))
    for match in _EMAIL.finditer(line):
        if not _allowed_email(match.group(1), settings, own_domains):
            findings.append(found(match.start(1), match.end(1), "email"))
    for start, end, number in _phone_numbers(no_vat):
        budget.take()
        if not _allowed_phone(number, settings):
            findings.append(found(start, end, "phone"))
    for match in _PLATE.finditer(numbers):
        findings.append(found(match.start(), match.end(), "plate"))
    if addresses:
        for pattern in (_STREET, _POSTCODE):
            for match in pattern.finditer(numbers):
                if not _allowed_address(match.group(0), settings):
                    findings.append(found(match.start(), match.end(), "address"))
    return findings


def _mask_targets(line: str) -> str:
    """The line with web addresses and link targets blanked out, every other column in place."""
    chars = list(line)
    for pattern, group in ((_URL, 0), (_LINK_TARGET, 1), (_REFERENCE_TARGET, 1), (_ATTRIBUTE_TARGET, 2)):
        for match in pattern.finditer(line):
            chars[match.start(group):match.end(group)] = " " * (match.end(group) - match.start(group))
    return "".join(chars)


def _blank(line: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda match: " " * len(match.group(0)), line)


def _phone_numbers(line: str) -> Iterator[tuple[int, int, phonenumbers.PhoneNumber]]:
    """(start, end, number) of each valid phone number (phonenumbers, region NL, leniency VALID)."""
    half = _PHONE_OVERLAP // 2
    for start in range(0, max(len(line), 1), _PHONE_WINDOW - _PHONE_OVERLAP):
        end = min(len(line), start + _PHONE_WINDOW)
        # A window reports the numbers that start in its middle part; its edges belong to its neighbours.
        first, last = (start + half if start else 0), (end - half if end < len(line) else end)
        for match in PhoneNumberMatcher(line[start:end], REGION, leniency=Leniency.VALID):
            if first <= start + match.start < last:
                yield start + match.start, start + match.end, match.number
        if end == len(line):
            return


def _ibans(line: str, budget: NumberBudget) -> Iterator[tuple[int, int]]:
    """(start, end) of each valid IBAN: from a country code, as many letters and digits (single
    separators allowed) as that country's IBAN has, ending where a word ends, that stdnum accepts."""
    position = 0
    while True:
        match = _IBAN_START.search(line, position)
        if match is None:
            return
        position = match.end()
        length = _iban_length(match.group(0)[:2].upper())
        if length is None:
            continue
        count, index = 0, match.start()
        while index < len(line) and count < length:
            char = line[index]
            if char.isascii() and char.isalnum():
                count += 1
            elif not (char in _IBAN_SEPARATORS and count and index + 1 < len(line) and line[index + 1].isalnum()):
                break
            index += 1
        if count < length or (index < len(line) and line[index].isalnum()):
            continue
        budget.take()
        if iban.is_valid(line[match.start():index]):
            yield match.start(), index
            position = index


@lru_cache(maxsize=None)
def _iban_length(country: str) -> int | None:
    """How many letters and digits an IBAN of this country has (stdnum's registry), or None."""
    for part, info in numdb.get("iban").info(country)[:1]:
        if part == country and info.get("bban"):
            return 4 + sum(int(n) for n in re.findall(r"(\d+)!", info["bban"]))
    return None


def _masked(written: str, *, keep_start: int) -> str:
    """A number as the editor may read it back: the first `keep_start` and the last two letters or
    digits shown, the rest as *, separators in place; never the whole number."""
    alnum = [i for i, char in enumerate(written) if char.isalnum()]
    shown = set(alnum[:keep_start]) | set(alnum[-2:])
    return "".join(char if i in shown or not char.isalnum() else "*" for i, char in enumerate(written))


def _domain_allowed(domain: str, allowed: Iterable[str]) -> bool:
    domain = domain.lower()
    return any(domain == d.lower() or domain.endswith("." + d.lower()) for d in allowed)


def _allowed_email(address: str, settings: PrivacySettings, own_domains: Iterable[str]) -> bool:
    domain = address.rsplit("@", 1)[1]
    return (
        address.lower() in {e.lower() for e in settings.emails}
        or _domain_allowed(domain, settings.email_domains)
        or _domain_allowed(domain, own_domains)
        or _domain_allowed(domain, RESERVED_DOMAINS)
    )


def _allowed_phone(number: phonenumbers.PhoneNumber, settings: PrivacySettings) -> bool:
    if phonenumbers.number_type(number) in SERVICE_TYPES:
        return True
    return _e164(number) in _listed_phones(tuple(settings.phones))


@lru_cache(maxsize=16)
def _listed_phones(phones: tuple[str, ...]) -> frozenset[str]:
    listed = set()
    for phone in phones:
        try:
            listed.add(_e164(phonenumbers.parse(phone, REGION)))
        except phonenumbers.NumberParseException:
            continue  # the model already refused what is no phone number
    return frozenset(listed)


def _e164(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _allowed_address(written: str, settings: PrivacySettings) -> bool:
    """Whether a street with number or a postcode is part of an address listed in privacy.yml."""
    found = _normal_address(written)
    pattern = re.compile(r"(?<!\w)" + re.escape(found) + r"(?!\w)")
    return any(pattern.search(_normal_address(listed)) for listed in settings.addresses)


def _normal_address(text: str) -> str:
    text = " ".join(text.casefold().split())
    return re.sub(r"\b(\d{4}) ?([a-z]{2})\b", r"\1\2", text)


# --- What one file holds ---------------------------------------------------------------------------


def _scan(display: str, suffix: str, text: str, settings: PrivacySettings, *, addresses: bool = False,
          own_domains: Iterable[str] = ()) -> list[Problem]:
    """What one file holds (found once per text and settings in a process that keeps results, memo.py)."""
    own_domains = tuple(own_domains)
    key = (display, suffix, memo.fingerprint(text), memo.fingerprint(settings), addresses, own_domains)
    return list(memo.remember("privacy", key, lambda: _scan_text(display, suffix, text, settings,
                                                                 addresses=addresses, own_domains=own_domains)))


def _scan_text(display: str, suffix: str, text: str, settings: PrivacySettings, *, addresses: bool,
               own_domains: Iterable[str]) -> list[Problem]:
    lines = text.splitlines()
    styles = _marker_styles(suffix, lines)
    shown_as_text: set[int] | None = None  # parsed only when a marker is found: most files have none
    problems: list[Problem] = []
    budget = NumberBudget()
    for index, line in enumerate(lines):
        try:
            findings = scan_line(line, settings, addresses=addresses, own_domains=own_domains,
                                 marker_style=styles[index], budget=budget)
        except TooManyNumbers:
            return problems + [Problem(display, index + 1, 1, f"in dit bestand staan meer dan {MAX_NUMBERS_PER_FILE} "
                                                              "nummers; zoveel kan de privacycontrole niet nakijken, "
                                                              "dus verdeel de tekst over kleinere bestanden")]
        if not findings:
            continue
        previous = lines[index - 1] if index else ""
        if index and is_marker(previous, styles[index - 1]):
            if shown_as_text is None:
                shown_as_text = _lines_inside_values(suffix, lines)
            if index - 1 not in shown_as_text:
                continue
        ignored = bool(_ALMOST_A_MARKER.search(line) or _ALMOST_A_MARKER.search(previous))
        for finding in findings:
            message = replace(finding, marker_ignored=ignored).message
            problems.append(Problem(display, index + 1, finding.col, message, finding.written))
            if len(problems) == MAX_FINDINGS_PER_FILE:
                problems.append(Problem(display, 0, 0, f"de privacycontrole stopt na {MAX_FINDINGS_PER_FILE} "
                                                       "meldingen in dit bestand; los deze eerst op en controleer "
                                                       "dan opnieuw"))
                return problems
    return problems


def _marker_styles(suffix: str, lines: list[str]) -> list[str]:
    """Per line, how a comment is written there: a page's front matter is YAML, its text is not."""
    if suffix not in _HTML_COMMENT_SUFFIXES:
        return ["yaml"] * len(lines)
    body = _front_matter_end(lines) if suffix in _MARKDOWN_SUFFIXES else 0
    return ["yaml"] * body + ["html"] * (len(lines) - body)


def _front_matter_end(lines: list[str]) -> int:
    """The index of a page's first line after its front matter (MkDocs' rule: --- YAML --- or ...)."""
    if lines and lines[0].rstrip() == "---":
        for index in range(1, len(lines)):
            if lines[index].rstrip() in ("---", "..."):
                return index + 1
    return 0


def _lines_inside_values(suffix: str, lines: list[str]) -> set[int]:
    """Lines that may look like a comment but are text the site shows: inside a YAML text over
    several lines (`summary: |`, a quoted text) or inside a fenced code block of a page."""
    if suffix in _MARKDOWN_SUFFIXES:
        body = _front_matter_end(lines)
        inside = _yaml_value_lines(lines, 1, body - 1) if body else set()
        return inside | _fenced_code_lines(lines, body)
    if suffix in _HTML_COMMENT_SUFFIXES:
        return set()
    return _yaml_value_lines(lines, 0, len(lines))


def _yaml_value_lines(lines: list[str], first: int, end: int) -> set[int]:
    """Lines first..end-1 that lie inside a value spanning lines, from the YAML parser's own marks."""
    inside: set[int] = set()
    try:
        for event in YAML(typ="rt").parse("\n".join(lines[first:end]) + "\n"):
            if isinstance(event, ScalarEvent) and event.end_mark.line > event.start_mark.line:
                # A block text ends at column 0 of the line after it.
                last = event.end_mark.line if event.end_mark.column else event.end_mark.line - 1
                inside.update(range(first + event.start_mark.line + 1, first + last + 1))
    except Exception:  # noqa: BLE001  YAML that cannot be read fails its own check and is not built
        pass
    return inside


def _fenced_code_lines(lines: list[str], start: int) -> set[int]:
    inside: set[int] = set()
    fence = None
    for index in range(start, len(lines)):
        opening = re.match(r"^ {0,3}(`{3,}|~{3,})", lines[index])
        if fence is None:
            fence = opening.group(1) if opening else None
        elif opening and opening.group(1).startswith(fence) and not lines[index].strip(" `~"):
            fence = None
        else:
            inside.add(index)
    return inside


def _is_control_post(text: str) -> bool:
    """A news post in the category Controles: an address there points at a home and its residents."""
    try:
        categories = split_front_matter(text)[0].get("categories")
    except RecursionError:  # absurdly deep front matter; the source gate says so
        return False
    if isinstance(categories, str):
        categories = [categories]
    return isinstance(categories, list) and "Controles" in categories


# --- Which files -----------------------------------------------------------------------------------


def _site_files(root: Path, folders: Iterable[Path], config_file: Path) -> Iterator[Path]:
    seen: set[Path] = set()
    for folder in folders:
        for path in _files_under(folder, root):
            if path not in seen:
                seen.add(path)
                yield path
    if config_file not in seen and link_on_the_way(config_file, root) is None and config_file.is_file():
        yield config_file


def _files_under(folder: Path, root: Path) -> Iterator[Path]:
    """Every file below `folder`, without following a symbolic link (the source gate refuses those)."""
    if not folder.is_dir() or link_on_the_way(folder, root) is not None:
        return
    for current, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            yield Path(current) / name


def _read_text(path: Path, root: Path) -> tuple[str | None, list[Problem]]:
    """The file as text, or None for what is no text or no regular file."""
    try:
        info = os.lstat(path)
    except OSError:
        return None, []
    if not stat.S_ISREG(info.st_mode) or path.suffix.lower() in _BINARY_SUFFIXES:
        return None, []
    too_big = [Problem(relative_path(path, root), 1, 1, "dit bestand is te groot om op persoonsgegevens te controleren "
                                                        "(meer dan 1 MB); maak het kleiner of splits het op")]
    if info.st_size > MAX_SCAN_BYTES:
        return None, too_big
    try:
        # O_NOFOLLOW: the file cannot be swapped for a link between the check and the read.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(MAX_SCAN_BYTES + 1)
    except OSError:
        return None, []
    if len(data) > MAX_SCAN_BYTES:
        return None, too_big
    if b"\x00" in data:
        return None, []  # binary, or UTF-16 without its mark: the source gate refuses that for text
    return data.decode("utf-8-sig", errors="replace"), []


def _partner_domains(partners: Path, root: Path) -> frozenset[str]:
    """The partners' own website domains: their e-mail addresses there are organisational."""
    domains = set()
    for path in _files_under(partners, root):
        if path.suffix.lower() not in (".yml", ".yaml"):
            continue
        text, _ = _read_text(path, root)
        for match in _WEBSITE.finditer(text or ""):
            host = urlsplit(match.group(1)).hostname or ""
            if host:
                domains.add(host.removeprefix("www."))
    return frozenset(domains)
