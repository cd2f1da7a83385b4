"""mkdocs.yml as the build reads it: the parts of it that are code, or that reach the machine.

MkDocs reads mkdocs.yml with PyYAML's full loader, so a tag such as !!python/object/apply runs a
program, !!python/name hands any Python function to an extension, !ENV copies an environment
variable (a token of the CI job) into the public site, `hooks:` runs a Python file and
`INHERIT:` reads another file. An editor never needs any of these beyond the few the portal
itself uses, so `portal check` (which the pull-request workflow runs before it builds) and the
build refuse the rest with a sentence at mkdocs.yml:line:col.
"""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import MappingEndEvent, MappingStartEvent, NodeEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent

from ..problems import Problem, relative_path
from ..sources import read_text

# The environment variables the site may read: where it is published, nothing secret.
ALLOWED_ENVIRONMENT = frozenset({"SITE_URL"})
# Functions that Material's documentation tells sites to name in mkdocs.yml.
ALLOWED_PYTHON_NAMES = ("material.extensions.emoji.", "pymdownx.superfences.fence_", "pymdownx.slugs.",
                        "pymdownx.arithmatex.")
REFUSED_KEYS = {
    "hooks": "hooks voeren Python-code uit tijdens het bouwen; dat mag alleen via de ontwikkelaars van het portaal",
    "INHERIT": "INHERIT leest een ander instellingenbestand; zet alle instellingen in mkdocs.yml zelf",
}


def check_site_settings_code(config_file: Path, root: Path) -> list[Problem]:
    text, problems = read_text(config_file, root, "config")
    if text is None:
        return problems
    display = relative_path(config_file, root)
    found: list[Problem] = []
    depth = 0
    expecting_key: list[bool] = []
    env_items: list[ScalarEvent] | None = None  # the items of an !ENV list being read
    try:
        for event in YAML(typ="rt").parse(text):
            in_key = bool(expecting_key) and expecting_key[-1]
            if isinstance(event, NodeEvent) and expecting_key:
                expecting_key[-1] = not expecting_key[-1]
            tag = getattr(event, "tag", None)
            if isinstance(event, NodeEvent) and tag is not None:
                tag = str(tag)
                mark = event.start_mark
                if tag == "!ENV":
                    if isinstance(event, ScalarEvent):
                        if event.value not in ALLOWED_ENVIRONMENT:
                            found.append(_env_problem(display, mark, event.value))
                    else:
                        env_items = []  # a list: every item but the last names a variable
                elif tag.startswith("tag:yaml.org,2002:python/name:") and isinstance(event, ScalarEvent):
                    name = tag.split("python/name:", 1)[1]
                    if not name.startswith(ALLOWED_PYTHON_NAMES):
                        found.append(Problem(display, mark.line + 1, mark.column + 1,
                                             f"hier wordt de Python-functie {name} genoemd; dat kan code uitvoeren, dus "
                                             "alleen de functies uit de handleiding van Material mogen hier staan"))
                elif tag not in ("!relative",) and not tag.startswith("tag:yaml.org,2002:") or "python/" in tag:
                    found.append(Problem(display, mark.line + 1, mark.column + 1,
                                         f"het YAML-label {tag} is in mkdocs.yml niet toegestaan: het kan code uitvoeren "
                                         "of gegevens van de bouwmachine lezen; haal het weg"))
            elif env_items is not None and isinstance(event, ScalarEvent):
                env_items.append(event)
            if isinstance(event, ScalarEvent) and in_key and depth == 1 and event.value in REFUSED_KEYS:
                mark = event.start_mark
                found.append(Problem(display, mark.line + 1, mark.column + 1, f'"{event.value}" is niet toegestaan: '
                                                                              f"{REFUSED_KEYS[event.value]}"))
            if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                depth += 1
                expecting_key.append(isinstance(event, MappingStartEvent))
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                depth -= 1
                expecting_key.pop()
                if env_items is not None and isinstance(event, SequenceEndEvent):
                    names = env_items[:-1] if len(env_items) > 1 else env_items
                    found += [_env_problem(display, item.start_mark, item.value)
                              for item in names if item.value not in ALLOWED_ENVIRONMENT]
                    env_items = None
    except YAMLError:
        pass  # the settings reader reports what is not YAML
    return problems + found


def _env_problem(display: str, mark, name: str) -> Problem:
    return Problem(display, mark.line + 1, mark.column + 1,
                   f"!ENV leest hier de omgevingsvariabele {name} van de bouwmachine en zet die op de openbare site; "
                   f"alleen {', '.join(sorted(ALLOWED_ENVIRONMENT))} mag: schrijf de waarde zelf in mkdocs.yml")
