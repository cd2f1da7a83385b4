"""The pages in content/: do their links lead somewhere, and is every page in the menu?

MkDocs checks both too, but in English and without a line number; these say it in Dutch at
file:line:col, in `portal check` (and so on the pull request) and in the build.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote

from markdown.extensions.toc import slugify, unique

from ..problems import Problem, relative_path
from ..sources import markdown_pages, safe_text

# [text](target) and ![alt](target), with an optional "title"; the target may be in <angle brackets>.
# The link text holds no "[": otherwise every "[" of a line of them is tried against the whole rest
# of the line, which is quadratic (a line of 40,000 took half a minute).
MARKDOWN_LINK = re.compile(r"!?\[(?:[^\[\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
CODE_FENCE = re.compile(r"^\s*(```|~~~)")


def broken_links(
    root: Path, content: Path, known: set[str], unknowable: tuple[str, ...] = (), pages: Iterable[Path] | None = None
) -> list[Problem]:
    """Links from `pages` (default: all of content/) to a page or file that is not in `known`
    (paths relative to content/), to an anchor that the page does not have, or written as an
    absolute path; links into `unknowable` folders are not judged. Inline links and reference
    definitions ([naam]: pagina.md) alike."""
    problems = []
    anchors_of: dict[Path, set[str] | None] = {}
    for path in sorted(pages if pages is not None else markdown_pages(content)):
        page = path.relative_to(content).as_posix()
        suffix = _language_suffix(path.name)
        display = relative_path(path, root)
        for number, column, target in _link_targets(safe_text(path)):
            def problem(sentence: str) -> None:
                problems.append(Problem(display, number, column, sentence, target))

            if URL_SCHEME.match(target):
                continue
            if target.startswith("/"):
                problem("een link naar een pagina van de site begint niet met /; schrijf het pad gezien vanaf deze "
                        "pagina, naar het .md-bestand (bijvoorbeeld ../meldpunt.md)")
                continue
            file_part, _, anchor = unquote(target.split("?", 1)[0]).partition("#")
            if file_part:
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), file_part))
                if resolved.startswith(unknowable):
                    continue
                if resolved not in known:
                    problem("deze link wijst naar een pagina of bestand dat niet bestaat; controleer de naam en de "
                            "map, gezien vanaf deze pagina (bijvoorbeeld ../meldpunt.md)")
                    continue
                target_file = content / (resolved[:-3] + suffix + ".md" if resolved.endswith(".md") else resolved)
                if suffix and not target_file.is_file():
                    target_file = content / resolved
            else:
                target_file = path
            if not anchor or target_file.suffix != ".md" or not target_file.is_file():
                continue  # a generated page or a file: MkDocs checks those anchors itself
            if target_file not in anchors_of:
                anchors_of[target_file] = page_anchors(safe_text(target_file))
            found = anchors_of[target_file]
            if found is not None and anchor not in found:
                problem(f"de pagina heeft geen kopje met het anker #{anchor}; kijk welk kopje u bedoelt: het anker "
                        "is de tekst van het kopje in kleine letters, met streepjes in plaats van spaties")
    return problems


def _language_suffix(name: str) -> str:
    parts = name.split(".")
    return f".{parts[-2]}" if len(parts) >= 3 and len(parts[-2]) in (2, 3) else ""


_REFERENCE_DEFINITION = re.compile(r"^[ ]{0,3}\[(?:[^\[\]\\]|\\.)+\]:[ \t]*<?([^\s>]+)>?")


def lines_outside_code(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of every line that is not inside a fenced code block, nor a fence."""
    in_code = False
    for number, line in enumerate(text.splitlines(), start=1):
        if CODE_FENCE.match(line):
            in_code = not in_code
            continue
        if not in_code:
            yield number, line


def _link_targets(text: str) -> Iterator[tuple[int, int, str]]:
    """(line, column, target) of every inline link and reference definition outside code."""
    for number, line in lines_outside_code(text):
        definition = _REFERENCE_DEFINITION.match(line)
        if definition:
            yield number, definition.start(1) + 1, definition.group(1)
            continue
        for match in MARKDOWN_LINK.finditer(line):
            yield number, match.start(1) + 1, match.group(1)


# Headings at any indentation: inside an admonition a heading is indented.
_HEADING = re.compile(r"^[ \t]*(#{1,6})[ \t]+(.*?)[ \t#]*$")
_SETEXT_LINE = re.compile(r"^[ ]{0,3}(=+|-+)[ \t]*$")
_EXPLICIT_ID = re.compile(r"\{[^}]*#([\w.:-]+)[^}]*\}")
_HTML_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""")
_BLOCK = re.compile(r"<!--\s*portal:")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_EMOJI_CODE = re.compile(r":[a-z0-9_+-]+:")


def page_anchors(text: str) -> set[str] | None:
    """The anchors a page has: its headings as the toc extension names them, ids written with
    { #id } or id="...". None when the page holds portal blocks, whose headings only the build knows."""
    if _BLOCK.search(text):
        return None
    anchors: set[str] = set(_HTML_ID.findall(text))
    seen: set[str] = set()
    in_code = False
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if CODE_FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            continue
        anchors |= set(_EXPLICIT_ID.findall(line))
        heading = _HEADING.match(line)
        if heading is not None:
            title = heading.group(2)
        elif (index + 1 < len(lines) and line.strip() and _SETEXT_LINE.match(lines[index + 1])
              and not line.lstrip().startswith(("-", "*", "+", ">", "|"))):
            title = line.strip()
        else:
            continue
        if _EXPLICIT_ID.search(title):
            continue
        anchors.add(unique(slugify(_heading_text(title), "-"), seen))
    return anchors


def _heading_text(title: str) -> str:
    """The heading's text as the toc extension sees it: code as text, no tags, links, emphasis or emoji."""
    parts = []
    last = 0
    for match in _CODE_SPAN.finditer(title):
        parts.append(_plain(title[last:match.start()]))
        parts.append(match.group(2))
        last = match.end()
    parts.append(_plain(title[last:]))
    return html.unescape("".join(parts))


def _plain(text: str) -> str:
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link's text
    text = _EMOJI_CODE.sub("", text)
    return re.sub(r"<[^>]+>|\*", "", text)


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


def missing_nav_targets(root: Path, content: Path, entries: set[str], known: set[str] | None) -> list[Problem]:
    """Menu entries (nav: in mkdocs.yml) that name no page; `known` as for broken_links (None:
    the generated pages are not known now, so nothing is judged)."""
    if known is None:
        return []
    config = root / "mkdocs.yml"
    lines = safe_text(config).splitlines()
    problems = []
    for entry in sorted(entries):
        if posixpath.normpath(entry) in known:
            continue
        number = next((i for i, line in enumerate(lines, start=1) if entry in line), 1)
        problems.append(Problem("mkdocs.yml", number, max(1, lines[number - 1].find(entry) + 1) if lines else 1,
                                "dit menu-item (nav) noemt een pagina die niet bestaat; schrijf het pad vanaf "
                                f"{content.name}/, zoals meldpunt.md", entry))
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
