"""Reading YAML files the way editors write them, with every value's line and column.

ruamel.yaml reads YAML 1.2, so `no` stays the text "no" and `19:30` stays "19:30" (PyYAML's
YAML 1.1 would turn them into False and 1170). It keeps positions and rejects duplicate keys.
Everything that can go wrong before the schema is checked is reported here as a Problem.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import ScalarEvent
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode

from .problems import Problem, relative_path
from .sources import read_text, yaml_subset_problems
from .yaml_fast import read_fast
from .yaml_positions import MapPositions, Positions, SeqPositions, positions_of_tree

Location = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """A parsed YAML file: plain Python data plus a way back to where each value was written."""

    path: Path
    display_path: str
    text: str
    data: Any  # plain dicts, lists and scalars, for validation
    # yaml_positions.py: line and column of every key and value. The careful reader's are kept; a
    # file the fast reader took is read again for them when a problem needs a place (rarely: a
    # thousand sessions' positions would otherwise be kept for nothing).
    known_positions: Positions | None = None

    @property
    def stem(self) -> str:
        return self.path.stem

    @cached_property
    def positions(self) -> Positions | None:
        if self.known_positions is not None:
            return self.known_positions
        fast = read_fast(self.text)
        return fast[1] if fast is not None else None

    def position(self, loc: Location, *, of_key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the value at `loc`, or of its key; the nearest parent when absent."""
        node = self.positions
        line, col = node.start if node is not None else (0, 0)
        for i, part in enumerate(loc):
            last = i == len(loc) - 1
            if isinstance(node, MapPositions) and part in node.entries:
                key_pos, value_pos, child = node.entries[part]
                line, col = key_pos if (of_key and last) else value_pos
                node = child
            elif isinstance(node, SeqPositions) and isinstance(part, int) and 0 <= part < len(node.items):
                (line, col), node = node.items[part]
            else:
                break
        return line + 1, col + 1

    def problem_at(self, loc: Location, message: str, *, of_key: bool = False) -> Problem:
        """A problem with the field at `loc`: '"field.path" message (u schreef "...")'."""
        line, col = self.position(loc, of_key=of_key)
        written = None if of_key else self.source_text(loc)
        return Problem(self.display_path, line, col, f'"{field_name(loc, self.stem)}" {message}', written)

    def source_text(self, loc: Location) -> str | None:
        """What the editor typed for the scalar at `loc`, as written (quotes and comments removed)."""
        parent, node, found = None, self.positions, self.positions is not None
        for part in loc:
            if isinstance(node, MapPositions) and part in node.entries:
                parent, node = node, node.entries[part][2]
            elif isinstance(node, SeqPositions) and isinstance(part, int) and -len(node.items) <= part < len(node.items):
                parent, node = node, node.items[part][1]
            else:
                found = False
                break
        if not found or node is not None:
            return None  # no such value, or a block or list rather than one value
        line, col = self.position(loc)
        lines = self.text.splitlines()
        if not 0 < line <= len(lines):
            return None
        written = lines[line - 1][col - 1 :]
        if written[:1] in "\"'":
            closing = written.find(written[0], 1)
            return written[1:closing] if closing > 0 else written[1:]
        if parent is not None and parent.flow:
            written = re.split(r"[,\]}]", written, maxsplit=1)[0]
        if " #" in written:
            written = written.split(" #", 1)[0]
        return written.strip() or None


def field_name(loc: Location, fallback: str) -> str:
    """The field as editors know it: names joined by dots; list positions left out, since the
    line and column already point at the item."""
    return ".".join(str(part) for part in loc if not isinstance(part, int)) or fallback


def read_yaml(path: Path, root: Path) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one file. Returns the document, or None with the problems that stopped it."""
    text, problems = read_text(path, root, "yaml")
    if text is None:
        return None, problems
    return parse_yaml_text(path, relative_path(path, root), text)


def parse_yaml_text(path: Path, display: str, text: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse YAML that already passed the file gate (sources.py): the subset first, then ruamel."""
    tabs = _tab_indentation(display, text)
    if tabs:
        return None, tabs

    if not _has_content(text):
        return None, [Problem(display, 1, 1, "dit bestand is leeg; vul de velden in of verwijder het bestand")]

    fast = read_fast(text)
    if fast is not None:
        return YamlDocument(path, display, text, fast[0]), []
    return read_carefully(path, display, text)


def read_carefully(path: Path, display: str, text: str) -> tuple[YamlDocument | None, list[Problem]]:
    """ruamel's round-trip reader, which finds and words every problem (for files that are not
    plainly fine; see yaml_fast.py)."""
    outside_subset = yaml_subset_problems(display, text)
    if outside_subset:
        return None, outside_subset
    try:
        tree = _yaml().load(text)
    except DuplicateKeyError:
        return None, _duplicate_keys(display, text)
    except MarkedYAMLError as error:
        return None, [_syntax_problem(display, error)]
    except (ValueError, OverflowError, AssertionError):
        # ruamel builds dates itself and fails on an impossible one (2027-02-29, 25:00).
        return None, [_impossible_date(display, text)]
    except YAMLError as error:
        # Anything else ruamel refuses, in its own words after ours.
        return None, [Problem(display, 1, 1, f"YAML kan dit bestand niet lezen; controleer de inspringing en de "
                                             f"aanhalingstekens (melding van YAML: {type(error).__name__})")]

    if not isinstance(tree, CommentedMap):
        line, col = _start_of(tree) if isinstance(tree, CommentedSeq) else (0, 0)
        return None, [
            Problem(
                display,
                line + 1,
                col + 1,
                "dit bestand moet bestaan uit velden met een naam, zoals 'title: ...', "
                "niet uit een losse tekst of een lijst",
            )
        ]

    return YamlDocument(path, display, text, to_plain(tree), positions_of_tree(tree)), _unquoted_times(display, tree)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True  # so an unquoted 19:30 can be told from "19:30"
    return yaml


def to_plain(value: Any) -> Any:
    """ruamel's types (CommentedMap, ScalarFloat, TimeStamp ...) as plain Python values."""
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dt.datetime):
        # The time zone stays (2027-05-11T17:30:00Z): the model refuses it rather than read 17:30 as local time.
        return dt.datetime(*value.timetuple()[:6], tzinfo=value.tzinfo)
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, str):
        return str(value)
    return value


# A time like 19:30 without quotes: YAML 1.1 readers (PyYAML, many editors' tools) turn it into
# the number 1170 (base 60). We read YAML 1.2, where it stays text, but the file must mean the
# same to every tool that reads it.
_UNQUOTED_TIME = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?$")


def _unquoted_times(display: str, tree: Any) -> list[Problem]:
    problems = []

    def visit(node: Any) -> None:
        if isinstance(node, CommentedMap):
            items = [(node.lc.value(key), value) for key, value in node.items()]
        elif isinstance(node, CommentedSeq):
            items = [(node.lc.item(index), value) for index, value in enumerate(node)]
        else:
            return
        for (line, col), value in items:
            if type(value) is str and _UNQUOTED_TIME.match(value):
                problems.append(
                    Problem(
                        display,
                        line + 1,
                        col + 1,
                        f'zet een tijd tussen aanhalingstekens, zoals "{value}"; zonder aanhalingstekens lezen '
                        f"sommige programma's {value} als een getal",
                        value,
                    )
                )
            visit(value)

    visit(tree)
    return problems


def _start_of(node: Any) -> tuple[int, int]:
    if isinstance(node, (CommentedMap, CommentedSeq)):
        return node.lc.line, node.lc.col
    return 0, 0


def _has_content(text: str) -> bool:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and stripped not in ("---", "..."):
            return True
    return False


_DATE_LIKE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d*)?"
                        r"(?:[ \t]*(?:Z|[-+]\d{1,2}(?::?\d{2})?))?)?$")


def _impossible_date(display: str, text: str) -> Problem:
    """The first unquoted date that does not exist, found again on the event stream."""
    try:
        events = list(YAML(typ="rt").parse(text))
    except (YAMLError, ValueError, AssertionError):
        events = []
    for event in events:
        if isinstance(event, ScalarEvent) and event.style is None:
            match = _DATE_LIKE.match(event.value)
            if not match:
                continue
            year, month, day, hour, minute, second = (int(part) if part else 0 for part in match.groups())
            try:
                dt.datetime(year, month, day, hour, minute, second)
            except ValueError:
                mark = event.start_mark
                return Problem(display, mark.line + 1, mark.column + 1,
                               "deze datum of tijd bestaat niet; controleer dag, maand en uur, zoals "
                               '"2027-03-11 19:30" (een uur gaat tot 23, minuten en seconden tot 59)', event.value)
    return Problem(display, 1, 1, "in dit bestand staat een datum of tijd die niet bestaat; controleer de datums")


def _tab_indentation(display: str, text: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                Problem(
                    display,
                    number,
                    indent.index("\t") + 1,
                    "deze regel springt in met een tab; YAML staat alleen spaties toe, "
                    "gebruik twee spaties per niveau",
                )
            )
    return problems


def _duplicate_keys(display: str, text: str) -> list[Problem]:
    """All duplicate keys in the file, not only the first one ruamel stops at."""
    node = YAML(typ="rt").compose(text)
    problems: list[Problem] = []

    def walk(current: Node | None) -> None:
        if isinstance(current, MappingNode):
            seen: dict[str, Node] = {}
            for key_node, value_node in current.value:
                key = str(key_node.value)
                if key in seen:
                    first = seen[key].start_mark.line + 1
                    problems.append(
                        Problem(
                            display,
                            key_node.start_mark.line + 1,
                            key_node.start_mark.column + 1,
                            f'het veld "{key}" staat twee keer in hetzelfde blok (eerst op regel {first}); '
                            "laat er één staan",
                        )
                    )
                else:
                    seen[key] = key_node
                walk(value_node)
        elif isinstance(current, SequenceNode):
            for item in current.value:
                walk(item)

    walk(node)
    return problems


# Scanner and parser messages that editors run into, in plain words. Chosen by the parser's
# own problem text, because ruamel has no error codes; anything else gets the general sentence.
_SYNTAX_SENTENCES = {
    "mapping values are not allowed here": (
        "hier staat een dubbele punt op een plek waar YAML die niet verwacht; staat er een ':' in de "
        'tekst, zet dan de hele tekst tussen aanhalingstekens, zoals title: "Sessie: deel 2"'
    ),
    "could not find expected ':'": (
        "YAML mist hier een dubbele punt; schrijf elk veld als 'naam: waarde', "
        "en controleer of de regel even ver inspringt als de regels erboven"
    ),
    "found unexpected end of stream": (
        "het bestand houdt op terwijl een aanhalingsteken nog open staat; sluit de tekst af met hetzelfde aanhalingsteken"
    ),
    "found character '\\t' that cannot start any token": (
        "hier staat een tab; YAML staat alleen spaties toe, gebruik twee spaties per niveau"
    ),
}


def _syntax_problem(display: str, error: MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = str(error.problem or "")
    for known, sentence in _SYNTAX_SENTENCES.items():
        if problem.startswith(known):
            return Problem(display, line, col, sentence)
    return Problem(
        display,
        line,
        col,
        "YAML kan het bestand vanaf hier niet lezen; controleer de inspringing (alleen spaties) en of "
        f"aanhalingstekens en haakjes gesloten zijn (melding van YAML: {problem})",
    )
