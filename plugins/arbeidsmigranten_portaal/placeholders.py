"""Texts with {places} that the site fills in: a template language of exactly one rule.

A text an editor writes is data, never code. Python's str.format would let a text such as
`{link.format.__globals__}` walk from a value to the process environment, and `{count:>99999999}`
pad a value to hundreds of megabytes. Here a place is `{name}`, a plain name and nothing else;
`{{` and `}}` are a literal brace. Everything else is refused when the file is loaded, and filling
in never looks inside a value: it only puts the value's text where its name stood.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

# One pass over the text, left to right: an escaped brace, a {...} with no brace inside, or a
# brace on its own. Linear in the text, whatever the text.
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

# Why a text cannot be filled in; the check turns each into a Dutch sentence.
LONE_OPEN = "lone_open"  # "{" without a "}" after it
LONE_CLOSE = "lone_close"  # "}" without a "{" before it
NOT_A_NAME = "not_a_name"  # {a.b}, {a[0]}, {a:>9}, {a!r}, {}, {0}, { a }
UNKNOWN = "unknown"  # {name}, but not a name this text may use


@dataclass(frozen=True)
class Place:
    """A `{name}` in a text, at `offset` (the index of its opening brace)."""

    name: str
    offset: int


class TemplateError(ValueError):
    """The first thing in a text that is not a literal or an allowed place."""

    def __init__(self, kind: str, offset: int, written: str) -> None:
        super().__init__(f"{kind} at {offset}: {written!r}")
        self.kind = kind
        self.offset = offset  # index in the text of the brace where it starts
        self.written = written  # that piece of the text, as written


Piece = str | Place


@lru_cache(maxsize=4096)
def parse(text: str) -> tuple[Piece, ...]:
    """The text as literal pieces (braces unescaped) and places; raises TemplateError."""
    pieces: list[Piece] = []
    literal: list[str] = []
    position = 0
    for match in _TOKEN.finditer(text):
        literal.append(text[position : match.start()])
        position = match.end()
        token = match.group(0)
        if token in ("{{", "}}"):
            literal.append(token[0])
        elif token == "{":
            raise TemplateError(LONE_OPEN, match.start(), text[match.start() : match.start() + 30])
        elif token == "}":
            raise TemplateError(LONE_CLOSE, match.start(), text[max(0, match.start() - 29) : match.end()])
        elif _NAME.fullmatch(match.group(1)):
            if literal:
                pieces.append("".join(literal))
                literal = []
            pieces.append(Place(match.group(1), match.start()))
        else:
            raise TemplateError(NOT_A_NAME, match.start(), token)
    literal.append(text[position:])
    if any(literal):
        pieces.append("".join(literal))
    return tuple(pieces)


def names(text: str) -> frozenset[str]:
    """The names of the places in a text; raises TemplateError when it cannot be parsed."""
    return frozenset(piece.name for piece in parse(text) if isinstance(piece, Place))


def first_error(text: str, allowed: Iterable[str]) -> TemplateError | None:
    """What is wrong with a text that may use the places `allowed`, or None when it is fine."""
    try:
        pieces = parse(text)
    except TemplateError as error:
        return error
    allowed = frozenset(allowed)
    for piece in pieces:
        if isinstance(piece, Place) and piece.name not in allowed:
            return TemplateError(UNKNOWN, piece.offset, "{" + piece.name + "}")
    return None


def fill(text: str, values: Mapping[str, str], literal: Callable[[str], str] = str) -> str:
    """The text with each {name} replaced by values[name]; values are put in as they are, never
    read as templates themselves. `literal` transforms the editor's own words (such as escaping
    them for HTML). Raises TemplateError for a text that cannot be parsed or a missing name."""
    out = []
    for piece in parse(text):
        if isinstance(piece, Place):
            if piece.name not in values:
                raise TemplateError(UNKNOWN, piece.offset, "{" + piece.name + "}")
            out.append(values[piece.name])
        else:
            out.append(literal(piece))
    return "".join(out)


def listed(allowed: Iterable[str]) -> str:
    """{a}, {b} en {c}: the places of a text, as a Dutch list."""
    items = ["{" + name + "}" for name in sorted(allowed)]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]
