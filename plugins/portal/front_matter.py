"""The YAML block at the top of a Markdown page ("front matter"), read the way MkDocs reads it."""

from __future__ import annotations

import re
from typing import Any

import yaml

# The same rule as MkDocs' own (mkdocs/utils/meta.py): --- then YAML then --- or ...
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(the front matter as a dict, the rest of the page); an unreadable block counts as empty."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        meta = None
    return (meta if isinstance(meta, dict) else {}), text[match.end():]
