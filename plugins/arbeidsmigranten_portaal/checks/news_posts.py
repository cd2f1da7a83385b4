"""What the front matter of a news post must say, before Material's blog reads it.

Material's blog reads every post under the news folder as soon as the build starts and stops
at the first one it cannot use, with an English line ("Expected type: <class 'int'> ...") and
no line number. So the portal checks the same fields first, in `portal check` and at the start
of the build, and says in Dutch at which line what to write instead.

Material reads the block with PyYAML (YAML 1.1), the portal with ruamel.yaml (YAML 1.2). Where
the two differ (`yes` is true for PyYAML, a text for ruamel.yaml) the portal asks for the form
both read the same: true or false, a date as 2027-03-11.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from ..front_matter import front_matter_block
from ..problems import Problem, relative_path
from ..sources import markdown_pages, page_text
from ..yaml_source import parse_yaml_text

_DATE = 'een datum zijn, zoals "date: 2027-03-11" (of met tijd, met seconden: 2027-03-11 19:30:00)'


def check_news_posts(root: Path, content: Path, posts_dir: str, categories_allowed: Iterable[str]) -> list[Problem]:
    """Every post under content/<posts_dir>/ (Material's blog reads the folder and all below it)."""
    folder = content / posts_dir
    if not folder.is_dir() or folder.is_symlink():
        return []
    allowed = [str(category) for category in categories_allowed]
    problems: list[Problem] = []
    for path in sorted(markdown_pages(folder)):
        problems += news_post_problems(page_text(path, root), relative_path(path, root), allowed)
    return problems


def news_post_problems(text: str, display: str, categories_allowed: list[str]) -> list[Problem]:
    block = front_matter_block(text)
    if block is None:
        return [Problem(display, 1, 1, "een nieuwsbericht begint met gegevens tussen twee regels ---, met ten minste "
                                       'de datum; zet bovenaan een regel ---, dan "date: 2027-03-11" en weer ---')]
    doc, found = parse_yaml_text(Path(display), display, block)
    # The block starts on the page's second line.
    problems = [Problem(p.path, p.line + 1, p.col, p.message, p.you_wrote) for p in found]
    if doc is None or not isinstance(doc.data, dict):
        return problems
    meta: dict[str, Any] = doc.data

    def at(loc: tuple, sentence: str, written: Any = None) -> None:
        line, col = doc.position(loc)
        problems.append(Problem(display, line + 1, col, sentence, None if written is None else str(written)[:120]))

    date = meta.get("date")
    if "date" not in meta:
        at((), 'een nieuwsbericht heeft een datum nodig; zet bovenaan "date: 2027-03-11", de dag waarop het verschijnt')
    elif isinstance(date, dict):
        if "created" not in date:
            at(("date",), 'bij "date" met meer datums is "created" nodig: de dag waarop het bericht verscheen, zoals '
                          "created: 2027-03-11")
        for key, value in date.items():
            if not isinstance(value, dt.date):
                at(("date", key), f'"date.{key}" moet {_DATE}', value)
    elif not isinstance(date, dt.date):
        at(("date",), f'"date" moet {_DATE}', date)

    for key in ("draft", "pin"):
        if key in meta and not isinstance(meta[key], bool):
            at((key,), f'"{key}" is true of false', meta[key])
    if "readtime" in meta and (isinstance(meta["readtime"], bool) or not isinstance(meta["readtime"], int)
                               or not 0 <= meta["readtime"] <= 600):
        at(("readtime",), '"readtime" is de leestijd in hele minuten, zoals "readtime: 3"', meta["readtime"])
    for key in ("categories", "authors"):
        if key in meta:
            _list_of_words(meta[key], key, at)
    if isinstance(meta.get("categories"), list) and categories_allowed:
        for index, category in enumerate(meta["categories"]):
            if isinstance(category, str) and category not in categories_allowed:
                at(("categories", index), f'"{category}" is geen categorie van het nieuws; kies uit: '
                                          f"{', '.join(categories_allowed)}", category)
    if "links" in meta:
        at(("links",), 'de portal gebruikt "links" niet in nieuwsberichten; zet een link in de tekst van het bericht')

    if not problems:
        # Material's own reader (PyYAML) must read the block too; only an odd date or time gets here.
        try:
            yaml.load(block, Loader=yaml.SafeLoader)
        except (yaml.YAMLError, ValueError, OverflowError):
            at((), "Material kan de gegevens bovenaan dit bericht niet lezen; controleer vooral de datums en tijden, "
                   "zoals date: 2027-03-11")
    return problems


def _list_of_words(value: Any, key: str, at) -> None:
    if not isinstance(value, list):
        at((key,), f'"{key}" is een lijst, ook als er maar één is; schrijf op de volgende regel "  - {value}"', value)
        return
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            at((key, index), f'elk item onder "{key}" is een woord of naam', item)
