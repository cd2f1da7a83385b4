"""YAML files -> typed records, with every problem at file:line:col in a plain sentence.

The sentence is chosen by the validator's error type (missing, extra_forbidden, string_type ...),
never by matching the library's English message, and the editor's own text is echoed back.
"""

from __future__ import annotations

import difflib
import types
import typing
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .model import SiteSettings
from .problems import Problem, raise_if_errors
from .yaml_source import Location, YamlDocument, read_yaml

M = TypeVar("M", bound=BaseModel)


def load_site_settings(site_config_dir: Path, root: Path) -> SiteSettings:
    """site_config/site.yml as a record; raises ContentProblems with every problem in it."""
    record, problems = load_record(site_config_dir / "site.yml", SiteSettings, root)
    raise_if_errors(problems)
    assert record is not None
    return record


def load_record(path: Path, model: type[M], root: Path) -> tuple[M | None, list[Problem]]:
    doc, problems = read_yaml(path, root)
    if doc is None:
        return None, problems
    return validate_document(doc, model)


def validate_document(doc: YamlDocument, model: type[M]) -> tuple[M | None, list[Problem]]:
    try:
        return model.model_validate(doc.data), []
    except ValidationError as error:
        return None, [_problem_from_error(doc, model, e) for e in error.errors(include_url=False)]


def _problem_from_error(doc: YamlDocument, model: type[BaseModel], error: dict[str, Any]) -> Problem:
    loc: Location = tuple(part for part in error["loc"] if not _is_validator_label(part))
    kind = error["type"]
    field = ".".join(str(p) for p in loc) or "het bestand"

    if kind == "missing":
        parent = loc[:-1]
        line, col = doc.position(parent, of_key=True) if parent else (1, 1)
        return Problem(doc.display_path, line, col, f'het verplichte veld "{field}" ontbreekt; {_missing_hint(model, loc)}')

    if kind == "extra_forbidden":
        line, col = doc.position(loc, of_key=True)
        key = str(loc[-1])
        return Problem(doc.display_path, line, col, _unknown_field_sentence(model, loc[:-1], key))

    line, col = doc.position(loc)
    written = doc.source_text(loc)
    return Problem(doc.display_path, line, col, f'"{field}" {_value_sentence(kind, error)}', written)


def _is_validator_label(part: Any) -> bool:
    # pydantic puts labels such as 'function-after[_https_url(), str]' or a union member's
    # type name into the location; they are not part of the YAML path.
    return isinstance(part, str) and ("[" in part or part in {"str", "int", "bool", "none"})


def _value_sentence(kind: str, error: dict[str, Any]) -> str:
    ctx = error.get("ctx") or {}
    if kind in {"string_type"}:
        return "moet tekst zijn; zet de waarde tussen aanhalingstekens"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return "moet een heel getal zijn, zonder aanhalingstekens, zoals 40"
    if kind in {"bool_type", "bool_parsing"}:
        return "moet true (ja) of false (nee) zijn"
    if kind in {"list_type"}:
        return 'moet een lijst zijn: elke waarde op een eigen regel die begint met "- "'
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return "moet een blok met velden zijn, elk veld op een eigen regel die verder inspringt"
    if kind == "string_too_short":
        return "mag niet leeg zijn"
    if kind == "too_short":
        return f"moet minstens {ctx.get('min_length', 1)} waarde(n) bevatten"
    if kind == "literal_error":
        return f"moet een van deze waarden zijn: {ctx.get('expected', '')}"
    if kind in {"greater_than_equal", "greater_than"}:
        return f"moet minstens {ctx.get('ge', ctx.get('gt'))} zijn"
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


def _unknown_field_sentence(model: type[BaseModel], parent: Location, key: str) -> str:
    owner = _model_at(model, parent)
    allowed = sorted(owner.model_fields) if owner is not None else []
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f'onbekend veld "{key}"; bedoelt u "{close[0]}"?'
    if allowed:
        return f'onbekend veld "{key}"; hier zijn alleen deze velden toegestaan: {", ".join(allowed)}'
    return f'onbekend veld "{key}"'


def _model_at(model: type[BaseModel], loc: Location) -> type[BaseModel] | None:
    """The model class that describes the mapping at `loc`, following fields, lists and dicts."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
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
    current = _unwrap(current)
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
