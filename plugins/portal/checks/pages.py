"""The pages in content/: do their links lead somewhere, and is every page in the menu?

MkDocs checks both too, but in English and without a line number; these say it in Dutch at
file:line:col, in `portal check` (and so on the pull request) and in the build.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote

from ..problems import Problem, relative_path
from ..sources import markdown_pages, safe_text

# [text](target) and ![alt](target), with an optional "title"; the target may be in <angle brackets>.
MARKDOWN_LINK = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
CODE_FENCE = re.compile(r"^\s*(```|~~~)")


def broken_links(
    root: Path, content: Path, known: set[str], unknowable: tuple[str, ...] = (), pages: Iterable[Path] | None = None
) -> list[Problem]:
    """Links from `pages` (default: all of content/) to a page or file that is not in `known`
    (paths relative to content/); links into `unknowable` folders are not judged."""
    problems = []
    for path in sorted(pages if pages is not None else markdown_pages(content)):
        page = path.relative_to(content).as_posix()
        display = relative_path(path, root)
        in_code = False
        for number, line in enumerate(safe_text(path).splitlines(), start=1):
            if CODE_FENCE.match(line):
                in_code = not in_code
                continue
            if in_code:
                continue
            for match in MARKDOWN_LINK.finditer(line):
                target = match.group(1)
                if URL_SCHEME.match(target) or target.startswith(("#", "/")):
                    continue
                file_part = unquote(target.split("#", 1)[0].split("?", 1)[0])
                if not file_part:
                    continue
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), file_part))
                if resolved not in known and not resolved.startswith(unknowable):
                    problems.append(
                        Problem(display, number, match.start(1) + 1,
                                "deze link wijst naar een pagina of bestand dat niet bestaat; controleer de naam "
                                "en de map, gezien vanaf deze pagina (bijvoorbeeld ../meldpunt.md)", target)
                    )
    return problems


def pages_outside_navigation(
    root: Path, content: Path, nav_pages: set[str], exempt: Iterable[str], pages: Iterable[Path] | None = None,
    language: str | None = None,
) -> list[Problem]:
    """Pages that no menu item leads to (news posts are listed by the news page instead). For a
    translated page (`language`), the menu of that language, which names pages without suffix."""
    exempt = tuple(exempt)
    where = f"onder nav: bij de taal {language} (plugins, i18n) in mkdocs.yml" if language else "onder nav: in mkdocs.yml"
    problems = []
    for path in sorted(pages if pages is not None else markdown_pages(content)):
        page = path.relative_to(content).as_posix()
        if language:
            page = page.removesuffix(f".{language}.md") + ".md"
        if page in nav_pages or page.startswith(exempt):
            continue
        problems.append(
            Problem(relative_path(path, root), 1, 1,
                    f"deze pagina staat niet in het menu; zet haar {where}, anders kan niemand haar vinden")
        )
    return problems


def nav_entries(nav: object) -> set[str]:
    """The Markdown files a nav: list of mkdocs.yml names, at any depth."""
    found: set[str] = set()
    if isinstance(nav, str):
        if not URL_SCHEME.match(nav):
            found.add(nav)
    elif isinstance(nav, list):
        for item in nav:
            found |= nav_entries(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            found |= nav_entries(value)
    return found
