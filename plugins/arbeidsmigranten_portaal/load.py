"""YAML files -> typed records, with every problem at file:line:col in a plain sentence.

The sentence is chosen by the validator's error type (missing, extra_forbidden, string_type ...),
never by matching the library's English message, and the editor's own text is echoed back.
All files are read and checked before anything is reported, so one run shows every problem.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import types
import typing
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, RootModel, ValidationError
from ruamel.yaml import YAML

from . import memo
from .action_model import Action
from .card_model import CARD_WORDS, SIGNALS_CARD_FILE, SignalsCard
from .catalog import Catalog
from .checks.references import check_references
from .checks.strings import check_strings
from .page_titles import page_summary
from .model import EDITOR_FILE, Audiences, EditorSettings, Partner, PortalModel, Session, SiteSettings, Strings
from .problems import ContentProblems, Problem, raise_if_errors, relative_path
from .sources import MAX_FILES_PER_FOLDER, check_tree, iter_files, read_text
from .yaml_positions import MapPositions
from .yaml_fast import read_fast
from .yaml_source import Location, YamlDocument, field_name, parse_yaml_text, to_plain

DEFAULT_STRINGS = Path(__file__).parent / "defaults" / "strings.yml"

M = TypeVar("M", bound=BaseModel)

YAML_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class SourceDirs:
    """Where a site keeps its YAML, all absolute."""

    root: Path
    site_config: Path
    sessions: Path
    partners: Path
    content: Path
    # The plan's actions (the voortgang); None or a missing folder: the site has none.
    actions: Path | None = None

    def folders(self) -> tuple[Path, ...]:
        """Every folder the site's content is read from (for memo.tree_signature)."""
        return tuple(dict.fromkeys(folder for folder in (self.site_config, self.sessions, self.partners, self.content,
                                                         self.actions) if folder is not None))


def check_site_sources(dirs: SourceDirs) -> list[Problem]:
    """The file gate (sources.py) for every folder the build reads, besides the records that
    load_catalog reads through the same gate. (Kept while nothing changes, memo.py.)"""
    return list(memo.per_tree("sources", dirs.folders(), dirs, lambda: _check_site_sources(dirs)))


def _check_site_sources(dirs: SourceDirs) -> list[Problem]:
    problems = check_tree(dirs.content, dirs.root)
    for folder in (dirs.site_config, dirs.sessions, dirs.partners, dirs.actions):
        if folder is not None and folder != dirs.content:
            problems += check_tree(folder, dirs.root, records=True, limit=MAX_FILES_PER_FOLDER)
    return problems


def load_site_settings(site_config_dir: Path, root: Path) -> SiteSettings:
    """site_config/site.yml as a record; raises ContentProblems with every problem in it."""
    record, problems = load_record(site_config_dir / "site.yml", SiteSettings, root)
    raise_if_errors(problems)
    assert record is not None
    return record


def load_strings(
    path: Path, root: Path, languages: tuple[str, ...], calendar_languages: tuple[str, ...]
) -> tuple[Strings | None, list[Problem]]:
    """The toolkit's words with the site's own words (its optional strings.yml) over them.

    A site only writes the words it wants different, so a word the toolkit adds later reaches
    every site without an edit there. Problems point into the site's file; the toolkit's own
    words are checked by its tests (tests/test_default_strings.py).
    """
    defaults = default_strings()
    if path.is_file():
        doc, own, problems = _read_and_validate(path, Strings, root)
        if own is None:
            return None, problems
    else:
        # No file: problems (a site language without words) name the file to create.
        doc, own, problems = YamlDocument(path, relative_path(path, root), "", {}, MapPositions((0, 0), False)), Strings({}), []
    merged = Strings({
        language: {**defaults.root.get(language, {}), **own.root.get(language, {})}
        for language in [*defaults.root, *(language for language in own.root if language not in defaults.root)]
    })
    found = check_strings(doc, merged, languages, calendar_languages)
    return merged, problems + found


@lru_cache(maxsize=1)
def default_strings() -> Strings:
    """The toolkit's words for every language it supports (package data, not a site's file)."""
    text = DEFAULT_STRINGS.read_text(encoding="utf-8")
    fast = read_fast(text)
    return Strings.model_validate(fast[0] if fast is not None else to_plain(YAML(typ="rt").load(text)))


def load_catalog(
    dirs: SourceDirs, languages: tuple[str, ...] = ("nl",), calendar_languages: tuple[str, ...] = ("nl",)
) -> Catalog:
    """Every YAML file of the site, checked alone and against each other, for a site in
    `languages` whose calendar appears in `calendar_languages`.

    Raises ContentProblems listing every problem of every file; returns the catalog otherwise.
    (Kept while nothing under the site's folders changes, in a process that keeps results: the
    preview's check and build then read it once. memo.py)
    """

    def attempt() -> Catalog | ContentProblems:
        try:
            return _load_catalog(dirs, languages, calendar_languages)
        except ContentProblems as problems:
            return problems

    found = memo.per_tree("catalog", dirs.folders(), (dirs, languages, calendar_languages), attempt)
    if isinstance(found, ContentProblems):
        raise ContentProblems(list(found.problems))
    return found


def _load_catalog(dirs: SourceDirs, languages: tuple[str, ...], calendar_languages: tuple[str, ...]) -> Catalog:
    problems: list[Problem] = []

    def load(path: Path, model: type[M]) -> tuple[YamlDocument | None, M | None]:
        if not path.is_file():
            problems.append(Problem(relative_path(path, dirs.root), 0, 0, "dit bestand ontbreekt; het is nodig voor de site"))
            return None, None
        doc, record, found = _read_and_validate(path, model, dirs.root)
        problems.extend(found)
        return doc, record

    settings_doc, settings = load(dirs.site_config / "site.yml", SiteSettings)
    if settings_doc is not None and settings is not None and settings.logo is not None:
        logo = dirs.site_config / "assets" / settings.logo.file
        if not logo.is_file():
            problems.append(settings_doc.problem_at(
                ("logo", "file"), f"noemt een logo dat niet in site_config/assets/ staat; zet het bestand "
                f"{settings.logo.file} in die map, of schrijf de naam van een bestand dat er wel staat"))
    audiences_doc, audiences = load(dirs.site_config / "audiences.yml", Audiences)
    strings, found = load_strings(dirs.site_config / "strings.yml", dirs.root, languages, calendar_languages)
    problems.extend(found)
    if audiences_doc is not None and audiences is not None:
        for audience_id, audience in audiences.root.items():
            for language in calendar_languages:
                if language != "nl" and language not in audience.translations:
                    problems.append(audiences_doc.problem_at(
                        (audience_id,), f"heeft geen teksten voor de taal {language}, en de kalender verschijnt ook in die "
                        f"taal; voeg onder translations een blok '{language}:' toe met label, member en description",
                        of_key=True))
    partners, partner_docs = _load_folder(dirs.partners, Partner, dirs.root, problems)
    sessions, session_docs = _load_folder(dirs.sessions, Session, dirs.root, problems)
    card_doc, card = None, None
    if (dirs.site_config / SIGNALS_CARD_FILE).exists():
        # Optional: a site without the file prints no card. A card may be in a language the site
        # has no pages in, but its few fixed words (the meldpunt's) must exist in that language.
        card_doc, card = load(dirs.site_config / SIGNALS_CARD_FILE, SignalsCard)
        # Said even when the card has other problems: every problem in one run.
        written = card.root if card is not None else card_doc.data if card_doc is not None else None
        if isinstance(written, dict) and strings is not None:
            for language in written:
                if any(key not in strings.root.get(language, {}) for key in CARD_WORDS):
                    problems.append(card_doc.problem_at(
                        (language,), f"is een taal zonder woorden voor de kaart; zet in site_config/strings.yml een "
                        f"blok '{language}:' met {', '.join(CARD_WORDS)}, of haal dit blok weg", of_key=True))
    editor = None
    if (dirs.site_config / EDITOR_FILE).exists():
        _, editor = load(dirs.site_config / EDITOR_FILE, EditorSettings)  # optional: no file, no editor
    actions, action_docs = ({}, {}) if dirs.actions is None else _load_folder(dirs.actions, Action, dirs.root, problems,
                                                                                     example="woonzorgvisie.yml")

    if settings is None or audiences is None or strings is None:
        raise_if_errors(problems)
    assert settings is not None and audiences is not None and strings is not None
    catalog = Catalog(
        settings=settings,
        audiences=dict(audiences.root),
        strings=strings,
        partners=partners,
        sessions=sessions,
        partner_docs=partner_docs,
        session_docs=session_docs,
        actions=actions,
        action_docs=action_docs,
        signals_card=dict(card.root) if card is not None else {},
        editor=editor,
    )
    problems.extend(check_references(catalog, dirs))
    raise_if_errors(problems)
    if actions:
        pages = sorted({item.page for action in actions.values() for item in action.evidence if item.page})
        catalog = dataclasses.replace(catalog, evidence_pages={src: page_summary(dirs.content, dirs.root, src) for src in pages})
    return catalog


def load_record(path: Path, model: type[M], root: Path) -> tuple[M | None, list[Problem]]:
    _, record, problems = _read_and_validate(path, model, root)
    return record, problems


def _read_and_validate(path: Path, model: type[M], root: Path) -> tuple[YamlDocument | None, M | None, list[Problem]]:
    # Through the file gate every time; parsed and checked once per content (memo.py: the
    # preview's builds reuse the records of files that did not change).
    text, problems = read_text(path, root, "yaml")
    if text is None:
        return None, None, problems
    display = relative_path(path, root)
    doc, record, problems = memo.remember(
        "record", (model.__name__, display, memo.fingerprint(text)), lambda: _parse_and_validate(path, display, text, model))
    return doc, record, list(problems)


def _parse_and_validate(path: Path, display: str, text: str,
                        model: type[M]) -> tuple[YamlDocument | None, M | None, list[Problem]]:
    doc, problems = parse_yaml_text(path, display, text)
    if doc is None:
        return None, None, problems
    record, found = validate_document(doc, model)
    # A YAML trap (an unquoted 19:30) usually also breaks the schema at the same spot: say it once.
    taken = {(p.line, p.col) for p in problems}
    problems += [p for p in found if (p.line, p.col) not in taken]
    if any(p.severity == "error" for p in problems):
        return doc, None, problems
    return doc, record, problems


def validate_document(doc: YamlDocument, model: type[M]) -> tuple[M | None, list[Problem]]:
    try:
        record = model.model_validate(doc.data)
    except ValidationError as error:
        errors = error.errors(include_url=False)
        return None, [_problem_from_error(doc, model, e) for e in errors if not _explained_by_typo(model, e, errors)]
    violations = _rule_violations(record)
    if not violations:
        return record, []
    return None, [doc.problem_at(loc, message, of_key=of_key) for loc, message, of_key in violations]


def _rule_violations(record: BaseModel) -> list[tuple[Location, str, bool]]:
    """The rule violations of a record and of every record inside it, with full locations."""
    found: list[tuple[Location, str, bool]] = []
    if isinstance(record, PortalModel):
        found += [(v.loc, v.message, v.of_key) for v in record.rule_violations()]
    if isinstance(record, RootModel) and isinstance(record.root, dict):
        for key, value in record.root.items():
            if isinstance(value, BaseModel):
                found += [((key, *loc), message, of_key) for loc, message, of_key in _rule_violations(value)]
    return found


def _load_folder(folder: Path, model: type[M], root: Path, problems: list[Problem],
                 example: str = "2027-03-kennissessie.yml") -> tuple[dict[str, M], dict[str, YamlDocument]]:
    """Every record in a folder of YAML files; the file name (without .yml) is the record's id."""
    records: dict[str, M] = {}
    docs: dict[str, YamlDocument] = {}
    seen: dict[str, Path] = {}
    if not folder.is_dir():
        return records, docs
    # Links and special files are reported by check_site_sources; here they are only left out.
    for path in (p for p in iter_files(folder, root, [], limit=MAX_FILES_PER_FOLDER)
                 if p.parent == folder and p.suffix in YAML_SUFFIXES):
        display = relative_path(path, root)
        record_id = path.stem
        key = record_id.lower()
        if key in seen:
            problems.append(
                Problem(display, 1, 1, f'de naam "{record_id}" is al in gebruik door {relative_path(seen[key], root)}; '
                        "geef één van de twee bestanden een andere naam")
            )
            continue
        seen[key] = path
        if not _is_slug(record_id):
            problems.append(
                Problem(display, 1, 1, "de bestandsnaam mag alleen kleine letters, cijfers en streepjes bevatten, "
                        f"zoals {example}; hernoem het bestand", path.name)
            )
            continue
        doc, record, found = _read_and_validate(path, model, root)
        problems.extend(found)
        if doc is not None:
            docs[record_id] = doc
        if record is not None:
            records[record_id] = record
    return records, docs


def _is_slug(text: str) -> bool:
    return re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", text) is not None


# --- Validation errors as sentences ------------------------------------------------------------


def _explained_by_typo(model: type[BaseModel], error: dict[str, Any], errors: list[dict[str, Any]]) -> bool:
    """A missing field whose name an unknown field in the same block is a typo of: say it once."""
    if error["type"] != "missing":
        return False
    loc = _yaml_loc(error)
    for other in errors:
        other_loc = _yaml_loc(other)
        if other["type"] == "extra_forbidden" and other_loc[:-1] == loc[:-1]:
            if _suggestion(model, other_loc[:-1], str(other_loc[-1])) == loc[-1]:
                return True
    return False


def _yaml_loc(error: dict[str, Any]) -> Location:
    return tuple(part for part in error["loc"] if not _is_validator_label(part))


def _problem_from_error(doc: YamlDocument, model: type[BaseModel], error: dict[str, Any]) -> Problem:
    is_key = "[key]" in error["loc"]
    loc = _yaml_loc(error)
    kind = error["type"]
    field = field_name(loc, "het bestand")

    if kind == "missing":
        parent = loc[:-1]
        line, col = doc.position(parent, of_key=True) if parent else (1, 1)
        return Problem(doc.display_path, line, col, f'het verplichte veld "{field}" ontbreekt; {_missing_hint(model, loc)}')

    if kind == "extra_forbidden":
        line, col = doc.position(loc, of_key=True)
        return Problem(doc.display_path, line, col, _unknown_field_sentence(model, loc[:-1], str(loc[-1])))

    if is_key:
        line, col = doc.position(loc, of_key=True)
        return Problem(doc.display_path, line, col, f"de naam {_value_sentence(kind, error)}", str(loc[-1]))

    line, col = doc.position(loc)
    written = doc.source_text(loc)
    if written is None and isinstance(error.get("input"), (str, int, float, bool)):
        written = str(error["input"])
    return Problem(doc.display_path, line, col, f'"{field}" {_value_sentence(kind, error, model, loc)}', written)


def _is_validator_label(part: Any) -> bool:
    # pydantic puts labels such as 'function-after[_https_url(), str]', '[key]' or a union
    # member's type name into the location; they are not part of the YAML path.
    return isinstance(part, str) and ("[" in part or part in {"str", "int", "bool", "none"})


def _value_sentence(kind: str, error: dict[str, Any], model: type[BaseModel] | None = None, loc: Location = ()) -> str:
    ctx = error.get("ctx") or {}
    if kind == "string_type":
        return "moet tekst zijn; zet de waarde tussen aanhalingstekens"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return "moet een heel getal zijn, zonder aanhalingstekens, zoals 40"
    if kind in {"bool_type", "bool_parsing"}:
        return "moet true (ja) of false (nee) zijn"
    if kind == "list_type":
        return 'moet een lijst zijn: elke waarde op een eigen regel die begint met "- "'
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return "moet een blok met velden zijn, elk veld op een eigen regel die verder inspringt"
    if kind == "string_too_short":
        return "mag niet leeg zijn"
    if kind == "string_too_long":
        return f"is te lang; gebruik hoogstens {ctx.get('max_length')} tekens"
    if kind == "too_short":
        return f"moet minstens {ctx.get('min_length', 1)} waarde(n) bevatten"
    if kind == "literal_error":
        options = [o.strip(" '") for o in str(ctx.get("expected", "")).replace(" or ", ",").split(",") if o.strip(" '")]
        written = str(error.get("input", ""))
        close = difflib.get_close_matches(written.lower(), options, n=1, cutoff=0.6)
        sentence = f"moet een van deze waarden zijn: {', '.join(options)}"
        return sentence + (f'; bedoelt u "{close[0]}"?' if close else "")
    if kind in {"greater_than_equal", "greater_than"}:
        return f"moet minstens {ctx.get('ge', ctx.get('gt'))} zijn"
    if kind in {"less_than_equal", "less_than"}:
        return f"mag hoogstens {ctx.get('le', ctx.get('lt'))} zijn"
    # Our own rules (PydanticCustomError) already carry a plain Dutch sentence.
    return str(error["msg"])


def _missing_hint(model: type[BaseModel], loc: Location) -> str:
    owner = _model_at(model, loc[:-1])
    name = str(loc[-1])
    description = ""
    if owner is not None and name in owner.model_fields:
        description = owner.model_fields[name].description or ""
    hint = f"voeg een regel '{name}: ...' toe"
    return f"{hint} ({description.rstrip('.')})" if description else hint


def _suggestion(model: type[BaseModel], parent: Location, key: str) -> str | None:
    owner = _model_at(model, parent)
    allowed = sorted(owner.model_fields) if owner is not None else []
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    return close[0] if close else None


def _unknown_field_sentence(model: type[BaseModel], parent: Location, key: str) -> str:
    owner = _model_at(model, parent)
    allowed = sorted(owner.model_fields) if owner is not None else []
    suggestion = _suggestion(model, parent, key)
    if suggestion:
        return f'onbekend veld "{key}"; bedoelt u "{suggestion}"?'
    if allowed:
        return f'onbekend veld "{key}"; hier zijn alleen deze velden toegestaan: {", ".join(allowed)}'
    return f'onbekend veld "{key}"'


def _model_at(model: type[BaseModel], loc: Location) -> type[BaseModel] | None:
    """The model class that describes the mapping at `loc`, following fields, lists and dicts."""
    current: Any = model
    parts = list(loc)
    while True:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, RootModel):
            current = current.model_fields["root"].annotation
            continue
        if not parts:
            break
        part = parts.pop(0)
        if isinstance(current, type) and issubclass(current, BaseModel):
            if not isinstance(part, str) or part not in current.model_fields:
                return None
            current = current.model_fields[part].annotation
        elif typing.get_origin(current) in (list, tuple) and isinstance(part, int):
            current = typing.get_args(current)[0]
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Strip Optional[...] and Annotated[...] down to the type that matters for navigation."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation
