"""Where each value of a YAML file was written: a light tree of line and column numbers beside
the plain data, so that a problem with a field is reported at the editor's own line.

Both readers of yaml_source.py fill the same tree: the fast one from libyaml's event stream, the
careful one from ruamel's round-trip document. Lines and columns are 0-based here, as the
parsers count; YamlDocument turns them into the 1-based numbers editors see.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

Point = tuple[int, int]


class MapPositions:
    """A mapping: where it starts, whether it was written in brackets ({...}), and per key the
    key's place, the value's place and the value's own tree (None for a single value)."""

    __slots__ = ("start", "flow", "entries")

    def __init__(self, start: Point, flow: bool) -> None:
        self.start = start
        self.flow = flow
        self.entries: dict[Any, tuple[Point, Point, Positions | None]] = {}


class SeqPositions:
    """A list: where it starts, whether it was written in brackets ([...]), and per item its
    place and its own tree."""

    __slots__ = ("start", "flow", "items")

    def __init__(self, start: Point, flow: bool) -> None:
        self.start = start
        self.flow = flow
        self.items: list[tuple[Point, Positions | None]] = []


Positions = MapPositions | SeqPositions


def positions_of_tree(node: Any) -> Positions | None:
    """The positions kept in ruamel's round-trip document (its `lc` data), as a tree."""
    if isinstance(node, CommentedMap):
        found = MapPositions((node.lc.line, node.lc.col), bool(node.fa.flow_style()))
        for key, value in node.items():
            found.entries[key] = (tuple(node.lc.key(key)), tuple(node.lc.value(key)), positions_of_tree(value))
        return found
    if isinstance(node, CommentedSeq):
        found_seq = SeqPositions((node.lc.line, node.lc.col), bool(node.fa.flow_style()))
        for index, value in enumerate(node):
            found_seq.items.append((tuple(node.lc.item(index)), positions_of_tree(value)))
        return found_seq
    return None


def same_positions(one: Positions | None, other: Positions | None) -> bool:
    """Whether two trees hold the same places (the fast reader is checked against the careful one)."""
    if type(one) is not type(other):
        return False
    if one is None:
        return True
    if one.start != other.start or one.flow != other.flow:
        return False
    if isinstance(one, MapPositions):
        if list(one.entries) != list(other.entries):
            return False
        return all(
            a[0] == b[0] and a[1] == b[1] and same_positions(a[2], b[2])
            for a, b in zip(one.entries.values(), other.entries.values())
        )
    if len(one.items) != len(other.items):
        return False
    return all(a[0] == b[0] and same_positions(a[1], b[1]) for a, b in zip(one.items, other.items))
