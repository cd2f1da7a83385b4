"""The fast reader for the YAML files editors write, used before the careful one.

ruamel's round-trip reader (yaml_source.py) is exact about everything an editor can get wrong,
but it is pure Python and costs milliseconds per file: at a thousand sessions, seconds per build.
This reader walks libyaml's event stream (ruamel.yaml.clib, in C) once and builds the plain data
and the positions tree together. It takes only files that are plainly fine: one document, a
mapping at the top, keys that are text and appear once, values that are text, whole numbers
written the usual way, true/false, null or a date such as 2027-03-11, and nothing outside the
YAML subset (no anchors, aliases, tags, merge keys or directives, within the depth limit). For
anything else it answers None, and the careful reader reads the file and words the problem, so
every message stays the careful reader's. Scalars are typed by ruamel's own YAML 1.2 resolver, so
both readers agree on what a value is (tests/test_yaml_fast.py holds them to it, positions
included).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.resolver import VersionedResolver

from .sources import MAX_YAML_DEPTH
from .yaml_positions import MapPositions, Positions, SeqPositions

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# The same pattern as yaml_source's check for an unquoted time (19:30 is 1170 to YAML 1.1 tools).
_UNQUOTED_TIME = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?$")

_OTHER_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")

# ruamel's YAML 1.2 table of implicit types by first character, read once with its patterns
# compiled (asking the resolver itself for each scalar looks up the version every time, and its
# patterns are compiled lazily behind a wrapper: both cost more than the parse).
_IMPLICIT = {
    first: tuple((str(tag), re.compile(pattern.pattern, pattern.flags)) for tag, pattern in resolvers)
    for first, resolvers in VersionedResolver(version=(1, 2)).versioned_resolver.items()
}


class _Unusual(Exception):
    """The file has something the careful reader must look at."""


def read_fast(text: str) -> tuple[dict[str, Any], MapPositions] | None:
    """(data, positions) of a plainly fine file; None when the careful reader must read it."""
    if text.startswith("%") or "\n%" in text:
        return None  # a directive line changes how the rest is read
    if _OTHER_LINE_BREAKS.search(text):
        return None  # libyaml (YAML 1.1) counts these as line breaks, ruamel (YAML 1.2) does not
    try:
        return _build(_events(text), text.splitlines())
    except (_Unusual, YAMLError, ValueError, AssertionError, RecursionError, OverflowError):
        return None


def _events(text: str) -> list:
    yaml = YAML(typ="safe", pure=False)  # libyaml when ruamel.yaml.clib is there, else ruamel's own parser
    return list(yaml.parse(text))


class _Frame:
    __slots__ = ("container", "positions", "key", "key_point")

    def __init__(self, container: Any, positions: Positions) -> None:
        self.container = container
        self.positions = positions
        self.key: str | None = None
        self.key_point: tuple[int, int] = (0, 0)


def _build(events: list, lines: list[str]) -> tuple[dict[str, Any], MapPositions]:
    stack: list[_Frame] = []
    root: tuple[Any, Positions | None] | None = None
    documents = 0

    def add(value: Any, point: tuple[int, int], positions: Positions | None, plain_text: bool) -> None:
        nonlocal root
        if not stack:
            root = (value, positions)
            return
        frame = stack[-1]
        if isinstance(frame.positions, MapPositions):
            if frame.key is None:
                if positions is not None or type(value) is not str or value in frame.container:
                    raise _Unusual  # a key that is a list, a number, or written twice
                frame.key, frame.key_point = value, point
                return
            if plain_text and _UNQUOTED_TIME.match(value):
                raise _Unusual
            frame.container[frame.key] = value
            frame.positions.entries[frame.key] = (frame.key_point, point, positions)
            frame.key = None
        else:
            if plain_text and _UNQUOTED_TIME.match(value):
                raise _Unusual
            frame.container.append(value)
            frame.positions.items.append((point, positions))

    for event in events:
        kind = type(event)
        if kind is ScalarEvent:
            if event.anchor is not None:
                raise _Unusual
            mark = event.start_mark
            is_key = bool(stack) and isinstance(stack[-1].positions, MapPositions) and stack[-1].key is None
            value, plain_text = _scalar(event, is_key)
            if event.style in ("|", ">") and _leading_blank_line_with_spaces(lines, mark.line + 1):
                raise _Unusual  # YAML 1.2 limits those spaces, YAML 1.1 does not
            add(value, (mark.line, mark.column), None, plain_text)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None or (event.tag is not None and not event.implicit):
                raise _Unusual
            if len(stack) >= MAX_YAML_DEPTH:
                raise _Unusual
            mark = event.start_mark
            point = (mark.line, mark.column)
            if kind is MappingStartEvent:
                stack.append(_Frame({}, MapPositions(point, bool(event.flow_style))))
            else:
                stack.append(_Frame([], SeqPositions(point, bool(event.flow_style))))
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            frame = stack.pop()
            if frame.key is not None:
                raise _Unusual
            if not frame.container:
                frame.positions.flow = False  # as ruamel keeps it: an empty [] or {} has no style
            add(frame.container, frame.positions.start, frame.positions, False)
        elif kind is AliasEvent:
            raise _Unusual
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Unusual
    if root is None or not isinstance(root[1], MapPositions):
        raise _Unusual
    return root[0], root[1]


def _scalar(event: ScalarEvent, is_key: bool) -> tuple[Any, bool]:
    """(value, whether it is text written without quotes) of one scalar."""
    if event.tag is not None and not any(event.implicit):
        raise _Unusual  # an explicit tag such as !!str
    value = event.value
    if event.style:  # quoted, or a | or > block: always text
        return value, False
    tag = _resolve(value)
    if tag == _STR:
        return value, True
    if is_key or value == "":
        raise _Unusual  # a key that is not text; an empty value (the careful reader places it)
    if tag == _NULL:
        return None, False
    if tag == _BOOL:
        return value.lower() == "true", False
    if tag == _INT and _DECIMAL.fullmatch(value):
        return int(value), False
    if tag == _TIMESTAMP:
        date = _DATE.fullmatch(value)
        if date:
            return dt.date(int(date[1]), int(date[2]), int(date[3])), False
    raise _Unusual  # octal, hexadecimal, floats, date-times, merge keys: rare, left to the careful reader


def _leading_blank_line_with_spaces(lines: list[str], first: int) -> bool:
    """Whether a | or > block starts with an empty line that holds spaces."""
    for line in lines[first:]:
        if line.strip(" "):
            return False
        if line:
            return True
    return False


def _resolve(value: str) -> str:
    """The tag YAML 1.2 gives a plain scalar, by ruamel's table (as its Resolver.resolve does)."""
    for tag, pattern in (*_IMPLICIT.get(value[0] if value else "", ()), *_IMPLICIT.get(None, ())):
        if pattern.match(value):
            return tag
    return _STR
