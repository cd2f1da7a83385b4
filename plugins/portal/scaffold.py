"""`portal new session|partner|post`: a new file that passes `portal check` as it is written.

Values come from flags; a missing one is asked for (one question per line on standard input).
Every file starts with the line that gives editors autocomplete from site_config/schemas/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

from .clock import ClockError, build_now
from .model import PARTNER_KINDS
from .settings import Settings
from .site_file import news_categories, read_site_file


class UsageError(Exception):
    pass


def add_new_arguments(kinds: argparse._SubParsersAction) -> None:
    session = kinds.add_parser("session", help="een nieuwe kennissessie in sessions/ (of de map van sessions_dir in mkdocs.yml)")
    session.add_argument("--title", help="titel")
    session.add_argument("--start", help='begin, zoals "2027-03-11 19:30"')
    session.add_argument("--end", help='einde, zoals "2027-03-11 21:30"')
    session.add_argument("--location", help="naam van de plek")
    session.add_argument("--address", help="adres (of gebruik --online-url)")
    session.add_argument("--online-url", help="link naar de online bijeenkomst")
    session.add_argument("--audience", action="append", help="doelgroep (herhaal voor meer), zoals ondernemers")
    session.add_argument("--summary", help="waar gaat de sessie over?")
    session.add_argument("--registration-url", help="aanmeldformulier (https://) voor ondernemers")
    session.add_argument("--deadline", help='laatste aanmelddag, zoals "2027-03-04"')
    session.add_argument("--example", action="store_true", help="markeer als voorbeeld")

    partner = kinds.add_parser("partner", help="een nieuwe partner in partners/ (of de map van partners_dir in mkdocs.yml)")
    partner.add_argument("--name", help="naam van de organisatie")
    partner.add_argument("--kind", choices=PARTNER_KINDS, help="soort organisatie")
    partner.add_argument("--description", help="wat doet de organisatie in de alliantie?")
    partner.add_argument("--website", help="website (https://)")
    partner.add_argument("--example", action="store_true", help="markeer als voorbeeld")

    post = kinds.add_parser("post", help="een nieuw nieuwsbericht in content/nieuws/posts/ (of docs_dir en news_posts_dir in mkdocs.yml)")
    post.add_argument("--title", help="titel")
    post.add_argument("--category", help="categorie, zoals Controles")
    post.add_argument("--date", help="datum, zoals 2027-03-11 (standaard: vandaag)")
    post.add_argument("--example", action="store_true", help="markeer als voorbeeld")


def run_new(settings: Settings, args: argparse.Namespace) -> int:
    root = settings.root
    try:
        if args.template == "session":
            path, text = _session(settings, args)
        elif args.template == "partner":
            path, text = _partner(settings, args)
        else:
            path, text = _post(settings, args)
    except UsageError as error:
        print(f"portal new {args.template}: {error}", file=sys.stderr)
        return 2
    if path.exists():
        print(f"portal new {args.template}: {path.relative_to(root).as_posix()} bestaat al; kies een andere titel of naam", file=sys.stderr)
        return 2
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"aangemaakt: {path.relative_to(root).as_posix()}")
    return 0


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-") or "nieuw"


def _ask(value: str | None, question: str, *, required: bool = True) -> str | None:
    if value:
        return value
    print(f"{question}: ", end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline()
    if not answer:
        if required:
            raise UsageError(f"geen antwoord op '{question}'; geef het mee als optie (zie portal new --help)")
        return None
    return answer.strip() or (None if not required else _ask(None, question))


def _q(text: str) -> str:
    """A YAML string that means exactly `text` (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _schema_line(settings: Settings, folder: Path, name: str) -> str:
    """The first line of a new file in `folder`: its editor schema, as a path from that folder."""
    schema = os.path.relpath(settings.site_config_dir / "schemas" / name, folder).replace(os.sep, "/")
    return f"# yaml-language-server: $schema={schema}"


def _session(settings: Settings, args: argparse.Namespace) -> tuple[Path, str]:
    title = _ask(args.title, "Titel")
    start = _ask(args.start, 'Begin (zoals "2027-03-11 19:30")')
    end = _ask(args.end, 'Einde (zoals "2027-03-11 21:30")')
    location = _ask(args.location, "Naam van de plek")
    address = args.address or (None if args.online_url else _ask(None, "Adres (leeg laten als het online is)", required=False))
    online = args.online_url
    audiences = args.audience or [a.strip() for a in (_ask(None, "Voor wie (bijvoorbeeld: ondernemers, raadsleden)") or "").split(",") if a.strip()]
    summary = _ask(args.summary, "Waar gaat het over (een paar zinnen)")
    url = args.registration_url
    if "ondernemers" in audiences and not url:
        url = _ask(None, "Aanmeldformulier voor ondernemers (https://...)")
    deadline = args.deadline
    try:
        day = dt.datetime.strptime(str(start).strip()[:10], "%Y-%m-%d")
    except ValueError:
        raise UsageError(f'het begin moet een datum en tijd zijn, zoals "2027-03-11 19:30" (u schreef "{start}")') from None
    lines = [
        _schema_line(settings, settings.sessions_dir, "session.schema.json"),
        f"title: {_q(title)}",
        f"start: {_q(start)}",
        f"end: {_q(end)}",
        "location:",
        f"  name: {_q(location)}",
    ]
    if address:
        lines.append(f"  address: {_q(address)}")
    if online:
        lines.append(f"  online_url: {_q(online)}")
    lines.append("audiences: [" + ", ".join(audiences) + "]")
    lines += ["summary: |-", *(f"  {line}" if line else "" for line in str(summary).splitlines())]
    if url:
        lines += ["registration:", "  ondernemers:", f"    url: {_q(url)}"]
        if deadline:
            lines.append(f"    deadline: {_q(deadline)}")
    if args.example:
        lines.append("example: true")
    path = settings.sessions_dir / f"{day:%Y-%m}-{slugify(str(title))}.yml"
    return path, "\n".join(lines) + "\n"


def _partner(settings: Settings, args: argparse.Namespace) -> tuple[Path, str]:
    name = _ask(args.name, "Naam van de organisatie")
    kind = _ask(args.kind, f"Soort ({', '.join(PARTNER_KINDS)})")
    if kind not in PARTNER_KINDS:
        raise UsageError(f"soort moet een van deze zijn: {', '.join(PARTNER_KINDS)} (u schreef \"{kind}\")")
    description = _ask(args.description, "Wat doet de organisatie in de alliantie")
    website = args.website or _ask(None, "Website (https://..., leeg laten als die er niet is)", required=False)
    lines = [
        _schema_line(settings, settings.partners_dir, "partner.schema.json"),
        f"name: {_q(name)}",
        f"kind: {kind}",
        f"description: {_q(description)}",
    ]
    if website:
        lines.append(f"website: {_q(website)}")
    if args.example:
        lines.append("example: true")
    return settings.partners_dir / f"{slugify(str(name))}.yml", "\n".join(lines) + "\n"


def _post(settings: Settings, args: argparse.Namespace) -> tuple[Path, str]:
    allowed = _allowed_categories(settings.root)
    title = _ask(args.title, "Titel")
    category = _ask(args.category, f"Categorie ({', '.join(allowed)})" if allowed else "Categorie")
    if allowed and category not in allowed:
        raise UsageError(f"categorie moet een van deze zijn: {', '.join(allowed)} (u schreef \"{category}\")")
    try:
        # The site's "now" (clock.py), so a frozen clock (today:, PORTAL_NOW) holds here too.
        date = args.date or build_now(settings.today).date().isoformat()
    except ClockError as error:
        raise UsageError(str(error)) from None
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        raise UsageError(f'de datum moet zijn zoals "2027-03-11" (u schreef "{date}")') from None
    front = [
        "---",
        f"date: {date}",
        "categories:",
        f"  - {_q(category)}",
        f"description: {_q(title)}",
    ]
    if args.example:
        front.append("example: true")
    front.append("---")
    body = [
        "",
        f"# {title}",
        "",
        "Schrijf hier in een of twee zinnen waar het bericht over gaat. Dit stuk staat ook in de nieuwslijst.",
        "",
        "<!-- more -->",
        "",
        "Schrijf hier de rest van het bericht.",
    ]
    return settings.docs_dir / settings.news_posts_dir / f"{slugify(str(title))}.md", "\n".join(front + body) + "\n"


def _allowed_categories(root: Path) -> list[str]:
    return news_categories(read_site_file(root))
