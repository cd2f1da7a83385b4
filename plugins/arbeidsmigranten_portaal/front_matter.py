"""The YAML block at the top of a Markdown page ("front matter"), read the way MkDocs reads it."""

from __future__ import annotations

import re
from typing import Any

import yaml

from . import memo

# The same rule as MkDocs' own (mkdocs/utils/meta.py): --- then YAML then --- or ...
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def front_matter_block(text: str) -> str | None:
    """The YAML text of the block, or None when the page has none."""
    match = _FRONT_MATTER.match(text)
    return match.group(1) if match else None


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(the front matter as a dict, the rest of the page); an unreadable block counts as empty.

    The block is parsed only when it stays inside the YAML subset (sources.py): no aliases, so
    no alias bomb; no tags. The gate reports what it refuses; here it only counts as empty.
    Read once per text in a process that keeps results (memo.py); each caller gets its own dict.
    """
    meta, body = memo.remember("front matter", memo.fingerprint(text), lambda: _split(text))
    return dict(meta), body


def _split(text: str) -> tuple[dict[str, Any], str]:
    from .sources import yaml_subset_problems

    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    if yaml_subset_problems("", match.group(1)):
        return {}, text[match.end():]
    try:
        meta = yaml.safe_load(match.group(1))
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError):
        meta = None
    return (meta if isinstance(meta, dict) else {}), text[match.end():]
