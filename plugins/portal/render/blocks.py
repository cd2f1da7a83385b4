"""Blocks that editors place in a Markdown page with a marker line, such as

    <!-- portal: meldpunt -->

The marker is an HTML comment, so a page without the plugin still renders (without the block).
The block's content comes from settings, so an address is changed in one place.
"""

from __future__ import annotations

import re
from typing import Callable

from ..model import SiteSettings
from ..problems import Problem
from .html import render_fragment

_MARKER = re.compile(r"^[ \t]*<!--\s*portal:\s*(?P<name>[^\s>]*)\s*-->[ \t]*$", re.MULTILINE)


def _meldpunt(settings: SiteSettings) -> str:
    return render_fragment("meldpunt.html", meldpunt=settings.meldpunt, phone_uri=phone_uri(settings.meldpunt.phone))


BLOCKS: dict[str, Callable[[SiteSettings], str]] = {
    "meldpunt": _meldpunt,
}


def expand_blocks(markdown: str, settings: SiteSettings, display_path: str) -> tuple[str, list[Problem]]:
    """Replace every marker by its block; an unknown name is a problem at the marker's line."""
    problems: list[Problem] = []

    def replace(match: re.Match[str]) -> str:
        name = match.group("name")
        render = BLOCKS.get(name)
        if render is None:
            line = markdown.count("\n", 0, match.start()) + 1
            col = match.group(0).index("<") + 1
            known = ", ".join(sorted(BLOCKS))
            problems.append(
                Problem(display_path, line, col, f"onbekend blok; deze blokken bestaan: {known}", name or "(leeg)")
            )
            return match.group(0)
        # Blank lines around the HTML keep Markdown from wrapping it in a paragraph.
        return "\n" + render(settings) + "\n"

    return _MARKER.sub(replace, markdown), problems


def phone_uri(phone: str | None) -> str | None:
    """tel: link for a number as people write it ("14 0529" dials 140529)."""
    if phone is None:
        return None
    return "tel:" + re.sub(r"[^0-9+]", "", phone)
