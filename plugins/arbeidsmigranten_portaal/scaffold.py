"""`portal new session|partner|post`: a new file that passes `portal check` as it is written.

Values come from flags; a missing one is asked for, one question a line. Each answer is checked
as soon as it is given, by the checks of `portal check` themselves: the answers so far are
written out as the file would be, read back as the check reads a file, and every sentence about
the lines of this answer is said, after which the question comes again. A rule between two
answers (the end after the start) is checked when the second is given. A wrong flag stops the
command (exit 2). Before the file is kept, the whole of `portal check` runs with it in place;
when it finds anything in the new file, the file is removed again and the question it concerns
is asked again. So nothing is written that the check refuses, and nothing is left behind when
the input ends (Ctrl+D) or the editor stops (Ctrl+C).

Every file starts with the line that gives editors autocomplete from schemas/ (written by `portal schemas`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .asking import Stopped, ask, pick, say
from .clock import ClockError, build_now
from .local_times import TimeProblem, parse_deadline, parse_local_datetime
from .model import (
    ONE_LINE_SENTENCE, PARTNER_KINDS, Audiences, Partner, Session, deadline_problem, end_problem, place_problem,
)
from .problems import Problem, relative_path
from .settings import Settings
from .site_file import news_categories, read_site_file
from .slugs import slug_of
from .sources import link_on_the_way
from .yaml_source import YamlDocument, parse_yaml_text

EXIT_USAGE, EXIT_INTERRUPTED = 2, 130
NEEDED = "hier is een antwoord nodig; dit mag niet leeg blijven"


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
    session.add_argument("--registration-url", help="aanmeldlink (https:// of mailto:) voor de doelgroepen zonder vaste aanmelding")
    session.add_argument("--deadline", help='laatste aanmelddag, zoals "2027-03-04"')
    session.add_argument("--example", action="store_true", help="markeer als voorbeeld")

    partner = kinds.add_parser("partner", help="een nieuwe partner in partners/ (of de map van partners_dir in mkdocs.yml)")
    partner.add_argument("--name", help="naam van de organisatie")
    partner.add_argument("--kind", help=f"soort organisatie: {', '.join(PARTNER_KINDS)}")
    partner.add_argument("--description", help="wat doet de organisatie in de alliantie?")
    partner.add_argument("--website", help="website (https://)")
    partner.add_argument("--example", action="store_true", help="markeer als voorbeeld")

    post = kinds.add_parser("post", help="een nieuw nieuwsbericht in content/nieuws/posts/ (of docs_dir en news_posts_dir in mkdocs.yml)")
    post.add_argument("--title", help="titel")
    post.add_argument("--category", help="categorie, zoals Controles")
    post.add_argument("--date", help="datum, zoals 2027-03-11 (standaard: vandaag)")
    post.add_argument("--intro", help="een of twee zinnen waar het bericht over gaat (ook in de nieuwslijst)")
    post.add_argument("--body", help="de rest van het bericht (mag leeg; later verder schrijven kan)")
    post.add_argument("--example", action="store_true", help="markeer als voorbeeld")


# --- What is asked -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    key: str  # the answer's name, and the flag's (--key, with - for _)
    text: str
    required: bool = True  # False: an empty answer leaves the field out
    choices: tuple[str, ...] = ()  # accepted by number or in any case
    many: bool = False  # several choices, separated by commas (or a repeated flag)
    when: Callable[[dict], bool] | None = None  # asked only when this holds for the answers so far
    asked: bool = True  # False: from its flag or its default only

    @property
    def flag(self) -> str:
        return "--" + self.key.replace("_", "-")


@dataclass
class Draft:
    """The file as the answers so far make it, and which answer each line comes from."""

    text: str
    owners: list[str | None]

    def owner(self, line: int) -> str | None:
        return self.owners[line - 1] if 0 < line <= len(self.owners) else None


@dataclass
class _Writer:
    lines: list[str] = field(default_factory=list)
    owners: list[str | None] = field(default_factory=list)

    def add(self, line: str, owner: str | None = None) -> None:
        self.lines.append(line)
        self.owners.append(owner)

    def draft(self) -> Draft:
        return Draft("\n".join(self.lines) + "\n", self.owners)


def _q(text: str) -> str:
    """A YAML string that means exactly `text` (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def slugify(text: str) -> str:
    """A file name from a title: only a-z, 0-9 and single hyphens, so never a path of its own."""
    return slug_of(text, max_length=60, fallback="nieuw")


class Form:
    """One kind of file: its questions, how answers become its text, and what the check says."""

    questions: tuple[Question, ...]
    name_key: str  # the answer the file name is made from
    suffix = ".yml"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def folder(self) -> Path:
        raise NotImplementedError

    def stem(self, answers: dict) -> str:
        return slugify(str(answers.get(self.name_key) or ""))

    def default(self, key: str) -> str | None:
        """The value of a question that is not asked, when its flag is not given."""
        return None

    def draft(self, answers: dict) -> Draft:
        raise NotImplementedError

    def problems(self, answers: dict, draft: Draft) -> list[tuple[str | None, Problem]]:
        """What the check says about the draft, each with the answer it is about."""
        raise NotImplementedError

    def display(self, answers: dict) -> str:
        return relative_path(self.folder() / f"{self.stem(answers)}{self.suffix}", self.settings.root)

    def _schema_line(self, name: str) -> str:
        """The first line of a new file: its editor schema, as a path from the file's folder."""
        schema = os.path.relpath(self.settings.root / "schemas" / name, self.folder()).replace(os.sep, "/")
        return f"# yaml-language-server: $schema={schema}"


def _record_problems(draft: Draft, display: str, model) -> tuple[YamlDocument | None, list[tuple[str | None, Problem]]]:
    """The draft read and validated as `portal check` reads a record."""
    from .load import validate_document

    doc, found = parse_yaml_text(Path(display), display, draft.text)
    if doc is not None:
        found = found + validate_document(doc, model)[1]
    return doc, [(draft.owner(p.line), p) for p in found]


def _moment(text: str, parse) -> dt.datetime | None:
    try:
        return parse(text)
    except TimeProblem:
        return None


class SessionForm(Form):
    name_key = "title"

    def __init__(self, settings: Settings, args: argparse.Namespace) -> None:
        super().__init__(settings)
        from .load import load_record

        audiences, _ = load_record(settings.site_config_dir / "audiences.yml", Audiences, settings.root)
        if audiences is None:
            raise UsageError("de doelgroepen (site_config/audiences.yml) kunnen niet gelezen worden; los eerst de "
                             "fouten op die portal check daarover meldt")
        self.audiences = dict(audiences.root)
        ids = tuple(self.audiences)
        self.questions = (
            Question("title", "Titel"),
            Question("start", 'Begin, datum en tijd (zoals "2027-03-11 19:30")'),
            Question("end", 'Einde, datum en tijd (zoals "2027-03-11 21:30")'),
            Question("location", "Naam van de plek (zoals Gemeentehuis of Online)"),
            Question("address", "Adres: straat, huisnummer, plaats (leeg laten als het online is)", required=False,
                     when=lambda a, flag=args.online_url: flag is None),
            Question("online_url", "Link naar de online bijeenkomst (https://...)", required=False,
                     when=lambda a: not a.get("address")),
            Question("audience", "Voor wie? Kies een of meer, gescheiden door komma's", choices=ids, many=True),
            Question("summary", "Waar gaat het over (een paar zinnen)"),
            Question("registration_url", "Aanmeldlink (https://... voor een formulier, of mailto:...)",
                     when=lambda a: bool(self._needs_registration(a))),
            Question("deadline", 'Laatste dag om aan te melden (zoals "2027-03-04"; leeg laten als er geen is)',
                     required=False, when=lambda a: bool(a.get("registration_url"))),
        )

    def folder(self) -> Path:
        return self.settings.sessions_dir

    def stem(self, answers: dict) -> str:
        start = str(answers.get("start") or "").strip()
        month = start[:7] if re.match(r"^\d{4}-\d{2}", start) else "nieuw"
        return f"{month}-{super().stem(answers)}"

    def _needs_registration(self, answers: dict) -> list[str]:
        """The chosen audiences without a registration of their own in audiences.yml."""
        return [a for a in answers.get("audience") or [] if a in self.audiences and self.audiences[a].registration is None]

    def draft(self, a: dict) -> Draft:
        out = _Writer()
        out.add(self._schema_line("session.schema.json"))
        for key in ("title", "start", "end"):
            if key in a:
                out.add(f"{key}: {_q(a[key])}", key)
        if "location" in a:
            out.add("location:", "location")
            out.add(f"  name: {_q(a['location'])}", "location")
            for key in ("address", "online_url"):
                if a.get(key):
                    out.add(f"  {key}: {_q(a[key])}", key)
        if "audience" in a:
            out.add("audiences:" if a["audience"] else "audiences: []", "audience")
            for audience in a["audience"]:
                out.add(f"  - {_q(audience)}", "audience")
        if "summary" in a:
            out.add(f"summary: {_q(a['summary'])}", "summary")
        if a.get("registration_url"):
            out.add("registration:", "registration_url")
            for audience in self._needs_registration(a):
                out.add(f"  {audience}:", "registration_url")
                out.add(f"    url: {_q(a['registration_url'])}", "registration_url")
                if a.get("deadline"):
                    out.add(f"    deadline: {_q(a['deadline'])}", "deadline")
        if a.get("example"):
            out.add("example: true")
        return out.draft()

    def problems(self, a: dict, draft: Draft) -> list[tuple[str | None, Problem]]:
        from .checks.references import unknown_id_sentence

        doc, found = _record_problems(draft, self.display(a), Session)
        if doc is None:
            return found
        wrong = {key for key, _ in found}
        start = _moment(a["start"], parse_local_datetime) if "start" in a and "start" not in wrong else None
        if start and "end" in a and "end" not in wrong:
            end = _moment(a["end"], parse_local_datetime)
            sentence = end and end_problem(start, end)
            if sentence:
                found.append(("end", doc.problem_at(("end",), sentence)))
        if "online_url" in a and not {"address", "online_url"} & wrong:
            sentence = place_problem(a.get("address") or None, a.get("online_url") or None)
            if sentence:
                found.append(("online_url", doc.problem_at(("location",), sentence, of_key=True)))
        for index, audience in enumerate(a.get("audience") or []):
            if audience not in self.audiences:
                sentence = unknown_id_sentence("doelgroep", audience, sorted(self.audiences))
                found.append(("audience", doc.problem_at(("audiences", index), sentence)))
        needing = self._needs_registration(a)
        if start and a.get("deadline") and needing and "deadline" not in wrong:
            deadline = _moment(a["deadline"], parse_deadline)
            sentence = deadline and deadline_problem(start, deadline)
            if sentence:
                found.append(("deadline", doc.problem_at(("registration", needing[0], "deadline"), sentence)))
        return found


class PartnerForm(Form):
    name_key = "name"

    def __init__(self, settings: Settings, args: argparse.Namespace) -> None:
        super().__init__(settings)
        self.questions = (
            Question("name", "Naam van de organisatie"),
            Question("kind", "Soort organisatie", choices=PARTNER_KINDS),
            Question("description", "Wat doet de organisatie in de alliantie (een paar zinnen)"),
            Question("website", "Website (https://..., leeg laten als die er niet is)", required=False),
        )

    def folder(self) -> Path:
        return self.settings.partners_dir

    def draft(self, a: dict) -> Draft:
        out = _Writer()
        out.add(self._schema_line("partner.schema.json"))
        for key in ("name", "kind", "description", "website"):
            if a.get(key) is not None and (a[key] or key != "website"):
                out.add(f"{key}: {_q(a[key])}", key)
        if a.get("example"):
            out.add("example: true")
        return out.draft()

    def problems(self, a: dict, draft: Draft) -> list[tuple[str | None, Problem]]:
        return _record_problems(draft, self.display(a), Partner)[1]


class PostForm(Form):
    name_key = "title"
    suffix = ".md"

    def __init__(self, settings: Settings, args: argparse.Namespace) -> None:
        super().__init__(settings)
        self.categories = tuple(news_categories(read_site_file(settings.root)))
        self.questions = (
            Question("date", "Datum", asked=False),  # first: without it the check has nothing to say of the rest
            Question("title", "Titel"),
            Question("category", "Categorie", choices=self.categories),
            Question("intro", "Waar gaat het bericht over? Een of twee zinnen (die staan ook in de nieuwslijst)"),
            Question("body", "De rest van het bericht, in een alinea (leeg laten als u later verder schrijft in het "
                             "bestand)", required=False),
        )

    def folder(self) -> Path:
        return self.settings.docs_dir / self.settings.news_posts_dir

    def default(self, key: str) -> str | None:
        if key != "date":
            return None
        try:
            # The site's "now" (clock.py), so a frozen clock (today:, PORTAL_NOW) holds here too.
            return build_now(self.settings.today).date().isoformat()
        except ClockError as error:
            raise UsageError(str(error)) from None

    def draft(self, a: dict) -> Draft:
        out = _Writer()
        out.add("---")
        if "date" in a:
            # A date as YAML reads one (unquoted) only when it looks like one: nothing else gets in.
            date = a["date"] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", a["date"]) else _q(a["date"])
            out.add(f"date: {date}", "date")
        if "category" in a:
            out.add("categories:", "category")
            out.add(f"  - {_q(a['category'])}", "category")
        if "title" in a:
            out.add(f"description: {_q(a['title'])}", "title")
        if a.get("example"):
            out.add("example: true")
        out.add("---")
        if "title" in a:
            out.add("")
            out.add(f"# {a['title']}", "title")
        if "intro" in a:
            out.add("")
            for line in a["intro"].splitlines():
                out.add(line, "intro")
            out.add("")
            out.add("<!-- more -->")
        if a.get("body"):
            out.add("")
            for line in a["body"].splitlines():
                out.add(line, "body")
        return out.draft()

    def problems(self, a: dict, draft: Draft) -> list[tuple[str | None, Problem]]:
        from .checks.active_content import markdown_problems
        from .checks.front_matter_policy import front_matter_policy_problems
        from .checks.news_posts import news_post_problems
        from .checks.unfinished import unfinished_text_problems
        from .render.blocks import unknown_blocks

        display = self.display(a)
        found = news_post_problems(draft.text, display, list(self.categories))
        title = a.get("title") or ""
        if any(c in title.strip() for c in "\n\r\t"):
            # Written into a heading and a description, a break would start a paragraph of its own.
            line = next((n for n, owner in enumerate(draft.owners, 1) if owner == "title"), 1)
            found.append(Problem(display, line, 1, ONE_LINE_SENTENCE))
        found += front_matter_policy_problems(draft.text, display)
        found += markdown_problems(draft.text, display)
        found += unknown_blocks(draft.text, display)
        found += unfinished_text_problems(draft.text, display)
        return [(draft.owner(p.line), p) for p in found]


FORMS = {"session": SessionForm, "partner": PartnerForm, "post": PostForm}


# --- Asking until it is right -----------------------------------------------------------------------


class _Filling:
    def __init__(self, form: Form, args: argparse.Namespace) -> None:
        self.form = form
        self.args = args
        self.answers: dict = {"example": bool(getattr(args, "example", False))}
        self.from_flags: set[str] = set()

    def sentences(self, question: Question) -> list[str]:
        """What the check says about this answer, given the answers before it."""
        draft = self.form.draft(self.answers)
        said = [p.sentence() for owner, p in self.form.problems(self.answers, draft) if owner == question.key]
        if not said and question.required and self.answers[question.key] in ("", []):
            said = [NEEDED]  # a news post may lack it for the check; a new one may not
        return list(dict.fromkeys(said))

    def normal(self, question: Question, value) -> object:
        if question.many:
            values = [part for item in (value if isinstance(value, list) else [value]) for part in str(item).split(",")]
            picked = [pick(v, question.choices) for v in values]
            return list(dict.fromkeys(v for v in picked if v))
        if question.choices:
            return pick(str(value), question.choices)
        return str(value).strip()

    def settle(self, question: Question, *, again: bool = False) -> None:
        """Take the flag's value, or ask until the answer is right."""
        flag = getattr(self.args, question.key, None)
        if not again and (flag is not None or not question.asked):
            if flag is None:
                flag = self.form.default(question.key)
            self.answers[question.key] = self.normal(question, flag)
            self.from_flags.add(question.key)
            said = self.sentences(question)
            if said:
                raise UsageError(f"{question.flag}: " + "; en ".join(said))
            return
        self.from_flags.discard(question.key)
        while True:
            answer = ask(question.text, question.choices, optional=not question.required)
            self.answers[question.key] = self.normal(question, answer)
            said = self.sentences(question)
            if not said:
                return
            for sentence in said:
                say(sentence)

    def fill(self) -> None:
        for question in self.form.questions:
            if question.when is None or question.when(self.answers):
                self.settle(question)

    def ask_again(self, problems: list[Problem], draft: Draft) -> None:
        """The whole check found something in the file: ask again what it is about, or stop."""
        by_key: dict[str, list[str]] = {}
        for problem in problems:
            key = draft.owner(problem.line) or self.form.name_key
            by_key.setdefault(key, []).append(problem.sentence())
        questions = {q.key: q for q in self.form.questions}
        key = next(k for k in [q.key for q in self.form.questions] if k in by_key)
        question = questions[key]
        if key in self.from_flags:
            raise UsageError(f"{question.flag}: " + "; en ".join(by_key[key]))
        for sentence in by_key[key]:
            say(sentence)
        self.settle(question, again=True)


def run_new(settings: Settings, args: argparse.Namespace) -> int:
    root = settings.root
    written: Path | None = None
    try:
        form = FORMS[args.template](settings, args)
        filling = _Filling(form, args)
        filling.fill()
        while True:
            draft = form.draft(filling.answers)
            path = _free_path(form.folder(), form.stem(filling.answers), form.suffix, root)
            if path.stem != form.stem(filling.answers):
                say(f"let op: er is al een bestand {form.display(filling.answers)}; het nieuwe heet {relative_path(path, root)}")
            problems, written = _write_if_the_check_passes(settings, path, draft.text)
            if not problems:
                break
            filling.ask_again(problems, draft)
    except UsageError as error:
        print(f"portal new {args.template}: {error}; er is niets geschreven", file=sys.stderr)
        return EXIT_USAGE
    except Stopped as stop:
        print(f"portal new {args.template}: {stop.sentence()}", file=sys.stderr)
        return EXIT_INTERRUPTED if stop.interrupted else EXIT_USAGE
    except KeyboardInterrupt:
        print(f"portal new {args.template}: {Stopped('', interrupted=True).sentence()}", file=sys.stderr)
        return EXIT_INTERRUPTED
    print(f"aangemaakt: {relative_path(written, root)}")
    return 0


def _free_path(folder: Path, stem: str, suffix: str, root: Path) -> Path:
    """A name in `folder` that no file has yet, in any case and with either YAML suffix (the check
    reads x.yml and X.yaml as the same record): the title's name, else with -2, -3 ... after it."""
    if link_on_the_way(folder, root) is not None:
        raise UsageError(f"de map {relative_path(folder, root)} is een snelkoppeling (symbolic link) of ligt buiten de "
                         "site; de portal schrijft daar niet")
    taken = {p.stem.lower() for p in folder.iterdir()} if folder.is_dir() else set()
    number = 1
    while True:
        candidate = stem if number == 1 else f"{stem[:76]}-{number}"
        if candidate not in taken:
            return folder / f"{candidate}{suffix}"
        number += 1


def _write_if_the_check_passes(settings: Settings, path: Path, text: str) -> tuple[list[Problem], Path]:
    """Write the new file (never over another), run all of `portal check`, and keep the file only
    when the check finds no error in it; otherwise remove it (and the folders made for it)."""
    from .cli import site_problems

    made = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
    path.parent.mkdir(parents=True, exist_ok=True)
    keep = False
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as file:
            file.write(text)
        try:
            display = relative_path(path, settings.root)
            problems = [p for p in site_problems(settings) if p.path == display and p.severity == "error"]
            keep = not problems
            return problems, path
        finally:
            if not keep:
                path.unlink(missing_ok=True)
    finally:
        if not keep:
            for folder in made:
                try:
                    folder.rmdir()
                except OSError:
                    break
