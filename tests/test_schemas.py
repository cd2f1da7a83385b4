"""The editors' JSON Schemas are generated from the models and accept the repository's own files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from conftest import REPO
from arbeidsmigranten_portaal.schemas import EDITOR_SCHEMAS, TOOLKIT_SCHEMAS, editor_schemas

SCHEMAS = REPO / "schemas"


@pytest.mark.parametrize("folder", [SCHEMAS, TOOLKIT_SCHEMAS], ids=["site", "toolkit"])
def test_schemas_are_in_sync_with_the_models(folder: Path) -> None:
    """If this fails after changing model.py: run `portal schemas` and commit the result."""
    generated = editor_schemas()
    assert sorted(p.name for p in folder.glob("*.json")) == sorted(generated)
    for name, text in generated.items():
        assert (folder / name).read_text(encoding="utf-8") == text, name


def as_editor_sees_it(value: Any) -> Any:
    """YAML as a YAML 1.2 editor validates it: dates are text."""
    if isinstance(value, dict):
        return {str(k): as_editor_sees_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees_it(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


FILES = [
    *((p, "session.schema.json") for p in sorted((REPO / "sessions").glob("*.yml"))),
    *((p, "partner.schema.json") for p in sorted((REPO / "partners").glob("*.yml"))),
    *((p, "action.schema.json") for p in sorted((REPO / "actions").glob("*.yml"))),
    *(
        (REPO / "site_config" / name.replace(".schema.json", ".yml"), name)
        for name in EDITOR_SCHEMAS
        if name not in ("session.schema.json", "partner.schema.json", "action.schema.json", "strings.schema.json")
    ),
]


@pytest.mark.parametrize("path, schema_name", FILES, ids=[p.relative_to(REPO).as_posix() for p, _ in FILES])
def test_repository_files_pass_their_editor_schema(path: Path, schema_name: str) -> None:
    schema = json.loads((SCHEMAS / schema_name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = as_editor_sees_it(YAML(typ="safe").load(path))
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    expected = f"# yaml-language-server: $schema=../schemas/{schema_name}"
    assert first_line == expected


SESSION = REPO / "sessions" / "2027-01-goed-verhuurderschap.yml"
PARTNER = REPO / "partners" / "gemeente-dalfsen.yml"


@pytest.mark.parametrize(
    "path, schema_name, where",
    [
        (SESSION, "session.schema.json", ()),
        (SESSION, "session.schema.json", ("location",)),
        (PARTNER, "partner.schema.json", ()),
    ],
    ids=["session", "session location", "partner"],
)
def test_the_editor_schema_rejects_an_unknown_field(path: Path, schema_name: str, where: tuple[str, ...]) -> None:
    """A typo in a field name is red in the editor: a valid file with one unknown field added
    fails, and it fails because of that field (not because of anything else missing)."""
    validator = jsonschema.Draft202012Validator(json.loads((SCHEMAS / schema_name).read_text(encoding="utf-8")))
    data = as_editor_sees_it(YAML(typ="safe").load(path))
    assert list(validator.iter_errors(data)) == [], "the file as it is must be valid"
    target = data
    for key in where:
        target = target[key]
    target["titel"] = "een tikfout"
    errors = list(validator.iter_errors(data))
    assert [(e.validator, list(e.absolute_path)) for e in errors] == [("additionalProperties", list(where))]
    assert "'titel'" in errors[0].message


def test_every_settings_file_has_a_schema() -> None:
    # strings.yml is optional: a site writes one only for the words it wants different.
    settings = sorted(p.name for p in (REPO / "site_config").glob("*.yml"))
    assert settings == sorted(name.replace(".schema.json", ".yml") for name in EDITOR_SCHEMAS if name.split(".")[0]
                              not in ("session", "partner", "action", "strings"))
