"""`portal init DIR`: a complete new site for another municipality, that passes `portal check`
and builds strictly as it is written.

The files come from the copier template in site_template/ (package data). Only its *.jinja files
are rendered, with the answers below as data; copier runs nothing else (no tasks, no
extensions: unsafe=False). The questions are asked here, not by copier, so that every question
and every refusal is Dutch and each answer is checked as soon as it is given: a wrong flag stops
the command (exit 2), a wrong typed answer is refused with one sentence and asked again.

Everything written is an invented example and says so (`example: true` on every page and
record), and nothing in it is about any other municipality. The new site gets the toolkit from
its requirements.txt: this version of arbeidsmigranten-portaal from the package index, or what
--toolkit names (a wheel file or an https:// address, as the tests use for a local wheel).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from .asking import Stopped, ask, say
from .clock import ClockError, build_now

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
TEMPLATE = Path(__file__).parent / "site_template"
PACKAGE = "arbeidsmigranten-portaal"

# The languages a new site can have: those the toolkit has every interface word for. Dutch is
# always the first (the site's own language, at /); each other one gets an example home page.
SITE_LANGUAGES: dict[str, dict[str, str]] = {
    "nl": {"name": "Nederlands", "site_name": "Arbeidsmigranten in {m}", "home": "Start"},
    "en": {"name": "English", "site_name": "Labour migrants in {m}", "home": "Home"},
    "pl": {"name": "Polski", "site_name": "Pracownicy migrujący w {m}", "home": "Start"},
    "ro": {"name": "Română", "site_name": "Lucrători migranți în {m}", "home": "Acasă"},
    "bg": {"name": "Български", "site_name": "Трудови мигранти в {m}", "home": "Начало"},
}
DEFAULT_COLOUR = "#154273"

# A municipality's name as it is written: letters (any language), spaces, hyphens, apostrophes
# and dots, as in 's-Hertogenbosch or Súdwest-Fryslân. So no HTML, no Markdown and no YAML
# syntax can come in with it.
_NAME = re.compile(r"^(?:'s-|’s-)?[^\W\d_](?:[^\W\d_]|[ '’.-](?=[^\W\d_ ]))*\.?$")


def add_init_arguments(init: argparse.ArgumentParser) -> None:
    init.add_argument("directory", type=Path, help="een nieuwe, lege map voor de site")
    init.add_argument("--municipality", help='naam van de gemeente, zoals "Ommen"')
    init.add_argument("--site-url", help="adres waar de site komt te staan, zoals https://arbeidsmigranten.ommen.nl/")
    init.add_argument("--languages", help=f"talen van de site met komma's, nl eerst (mogelijk: {', '.join(SITE_LANGUAGES)})")
    init.add_argument("--colour", help=f"hoofdkleur van de site, zoals {DEFAULT_COLOUR}")
    init.add_argument("--toolkit", help=f"waar de nieuwe site het portaal vandaan haalt: een .whl-bestand of een "
                                        f"https://-adres (standaard: {PACKAGE} van PyPI, deze versie)")


# --- Each answer checked: None when it is right, else one sentence that says what to write --------


def municipality_problem(text: str) -> str | None:
    if not text:
        return "hier is de naam van de gemeente nodig, zoals Ommen"
    if len(text) > 60 or not _NAME.match(text):
        return ("de naam van de gemeente bestaat uit letters, met hooguit een spatie, streepje, punt of apostrof "
                "ertussen, zoals Ommen of 's-Hertogenbosch (geen cijfers, HTML of tekens als < > \" &)")
    return None


def site_url_problem(text: str) -> str | None:
    parts = urlsplit(text)
    host = parts.hostname or ""
    wrong = (parts.scheme != "https" or "." not in host or "@" in parts.netloc or parts.port is not None
             or parts.query or parts.fragment or any(c in text for c in "\"'<>&\\ \t\r\n%")
             or not re.fullmatch(r"[a-z0-9.-]+", host) or len(text) > 200)
    if wrong:
        return "het adres van de site is een https://-adres zonder ?, # of naam@, zoals https://arbeidsmigranten.ommen.nl/"
    return None


def languages_problem(codes: list[str]) -> str | None:
    unknown = [code for code in codes if code not in SITE_LANGUAGES]
    if unknown:
        return (f"{', '.join(unknown)} is geen taal die het portaal kent; kies uit {', '.join(SITE_LANGUAGES)}, "
                "met komma's ertussen, zoals nl,en")
    if len(set(codes)) != len(codes):
        return "noem elke taal één keer, zoals nl,en"
    if codes and codes[0] != "nl":
        return "Nederlands (nl) is de eerste taal van de site; begin met nl, zoals nl,en"
    return None


def colour_problem(text: str) -> str | None:
    from .colours import colour_problem as problem_of

    problem = problem_of(text)
    return f"{text} {problem}" if problem else None


def house_colours(primary: str) -> dict[str, str]:
    """site.yml's colours for one chosen colour: a darker and (when it keeps 4.5:1 with white)
    a lighter tint of it, and links in it; the accent keeps the toolkit's default."""
    from .colours import MINIMUM_CONTRAST, contrast_with_white

    def mix(towards: int, share: float) -> str:
        channels = (int(primary[i:i + 2], 16) for i in (1, 3, 5))
        return "#" + "".join(f"{round(c + (towards - c) * share):02x}" for c in channels)

    lighter = mix(255, 0.15)
    return {
        "primary": primary,
        "primary_light": lighter if contrast_with_white(lighter) >= MINIMUM_CONTRAST else primary,
        "primary_dark": mix(0, 0.3),
        "link": primary,
    }


def _language_list(text: str) -> list[str]:
    codes = [part.strip().lower() for part in text.replace(" ", ",").split(",") if part.strip()]
    return codes or ["nl"]


def toolkit_requirement(toolkit: str | None, version: str) -> tuple[str | None, str | None]:
    """(the requirements.txt line for the toolkit, None) or (None, the sentence about --toolkit)."""
    if not toolkit:
        return f"{PACKAGE}=={version}", None
    if toolkit.startswith("https://"):
        if not urlsplit(toolkit).hostname or any(c in toolkit for c in " \t\r\n\"'<>\\"):
            return None, "--toolkit is een https://-adres zonder spaties of aanhalingstekens, of een .whl-bestand"
        return f"{PACKAGE} @ {toolkit}", None
    wheel = Path(toolkit).expanduser().resolve()
    if wheel.suffix != ".whl" or not wheel.is_file() or any(c in str(wheel) for c in "\t\r\n"):
        return None, f"--toolkit {toolkit} is geen .whl-bestand dat bestaat; geef een .whl-bestand of een https://-adres"
    return f"{PACKAGE} @ {wheel.as_uri()}", None


# --- Asking -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Question:
    flag: str
    text: str
    problem: Callable[[str], str | None]
    default: str | None = None  # an empty answer means this (None: an answer is needed)


def _questions() -> list[_Question]:
    return [
        _Question("municipality", "Naam van de gemeente", municipality_problem),
        _Question("site_url", "Adres van de site (https://...)", lambda t: site_url_problem(_with_slash(t))),
        _Question("languages", f"Talen van de site, met komma's (nl eerst; mogelijk: {', '.join(SITE_LANGUAGES)}; "
                               "leeg: alleen nl)", lambda t: languages_problem(_language_list(t)), default="nl"),
        _Question("colour", f"Hoofdkleur van de site (leeg: {DEFAULT_COLOUR})", lambda t: colour_problem(t.strip()),
                  default=DEFAULT_COLOUR),
    ]


def _with_slash(url: str) -> str:
    url = url.strip()
    return url if url.endswith("/") else url + "/"


class _UsageError(Exception):
    pass


def _answers(args: argparse.Namespace) -> dict[str, str]:
    answers: dict[str, str] = {}
    for question in _questions():
        given = getattr(args, question.flag)
        if given is not None:
            text = given.strip() or (question.default or "")
            problem = question.problem(text)
            if problem:
                raise _UsageError(f"--{question.flag.replace('_', '-')}: {problem}")
            answers[question.flag] = text
            continue
        while True:
            text = ask(question.text, optional=question.default is not None).strip() or (question.default or "")
            problem = question.problem(text)
            if not problem:
                answers[question.flag] = text
                break
            say(problem)
    return answers


# --- Writing ----------------------------------------------------------------------------------


def _target_problem(target: Path) -> str | None:
    if target.is_symlink():
        return f"{target} is een snelkoppeling (symbolic link); kies een gewone, nieuwe map"
    if target.exists() and not target.is_dir():
        return f"{target} is een bestand, geen map; kies een nieuwe, lege map"
    if target.is_dir() and any(target.iterdir()):
        return f"de map {target} is niet leeg; kies een nieuwe of lege map, zodat er niets wordt overschreven"
    if not target.parent.is_dir():
        return f"de map {target.parent} bestaat niet; maak die eerst, of kies een andere plek"
    return None


def template_data(answers: dict[str, str], today: dt.date, requirement: str, version: str) -> dict:
    """Everything the template reads: the answers, and what follows from them."""
    from .dependency_pins import installed_pins
    from .scaffold import slugify

    municipality = answers["municipality"]
    languages = _language_list(answers["languages"])
    site_url = _with_slash(answers["site_url"])
    # The example session two months ahead, so that it shows as upcoming with registration open.
    day = today + dt.timedelta(weeks=8)
    names = {code: {key: value.replace("{m}", municipality) for key, value in SITE_LANGUAGES[code].items()}
             for code in languages}
    return {
        "municipality": municipality,
        "site_url": site_url,
        "languages": languages,
        "language_names": names,
        "colours": house_colours(answers["colour"].lower()),
        "today": today.isoformat(),
        "session_start": f"{day.isoformat()} 19:30",
        "session_end": f"{day.isoformat()} 21:00",
        "session_deadline": (day - dt.timedelta(days=7)).isoformat(),
        "uid_domain": urlsplit(site_url).hostname,
        "toolkit_requirement": requirement,
        "toolkit_version": version,
        "dependency_pins": installed_pins(PACKAGE),
        "partner_id": f"gemeente-{slugify(municipality)}",
    }


def write_site(target: Path, data: dict) -> None:
    """Render the template into a new folder beside `target`, then move it into place: a failure
    half-way leaves nothing behind."""
    import copier

    from .schemas import write_schemas

    parent = target.parent
    work = Path(tempfile.mkdtemp(prefix=".portal-init-", dir=parent))
    try:
        copier.run_copy(str(TEMPLATE), str(work / "site"), data=data, defaults=True, unsafe=False, quiet=True,
                        overwrite=False, vcs_ref=None)
        _record_translation_sources(work / "site" / "content", data["languages"][1:])
        write_schemas(work / "site" / "schemas")  # the editors' autocomplete ($schema= in each YAML file)
        if target.is_dir():
            target.rmdir()  # empty, checked before
        os.replace(work / "site", target)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _record_translation_sources(content: Path, languages: list[str]) -> None:
    """Each example translation is up to date with the Dutch home page as it was just written."""
    from .checks.translations import source_version

    version = source_version(content / "index.md")
    for code in languages:
        page = content / f"index.{code}.md"
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"(?m)^(\s*source_version:).*$", rf"\g<1> {version}", text, count=1), encoding="utf-8")


def run_init(args: argparse.Namespace) -> int:
    target = args.directory.expanduser().absolute()
    try:
        problem = _target_problem(target)
        if problem:
            raise _UsageError(problem)
        version = _toolkit_version()
        requirement, problem = toolkit_requirement(args.toolkit, version)
        if problem:
            raise _UsageError(problem)
        answers = _answers(args)
        try:
            today = build_now().date()
        except ClockError as error:
            raise _UsageError(str(error)) from None
        data = template_data(answers, today, requirement, version)
        problem = _target_problem(target)  # the folder may have filled while the questions were answered
        if problem:
            raise _UsageError(problem)
        write_site(target, data)
    except _UsageError as error:
        print(f"portal init: {error}; er is niets geschreven", file=sys.stderr)
        return EXIT_USAGE
    except Stopped as stop:
        if stop.interrupted:
            print(f"portal init: {stop.sentence()}", file=sys.stderr)
            return EXIT_INTERRUPTED
        print(f"portal init: geen antwoord op '{stop.question}' (de invoer is afgelopen); er is niets geschreven. "
              "Geef het antwoord mee als optie (zie portal init --help) of start opnieuw", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"portal init: {Stopped('', interrupted=True).sentence()}", file=sys.stderr)
        return EXIT_INTERRUPTED
    print(f"aangemaakt: {target}")
    say(f"Volgende stap: lees {target / 'README.md'}; daar staan de twee opdrachten en wat u eerst invult.")
    return EXIT_OK


def _toolkit_version() -> str:
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        raise _UsageError(f"het pakket {PACKAGE} is niet geïnstalleerd; installeer het met pip") from None
