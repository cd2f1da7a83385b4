"""Template text that an editor was meant to replace never reaches the site.

A file made from a template can keep the template's instructions ("Schrijf hier ...") when
nobody replaced them; such a page passed every other check and was published as it was.
`portal new` no longer leaves them (it asks for the text instead), but files made by earlier
versions, and files copied from a template by hand, still carry them. So every page under
content/ and every record in sessions/ and partners/ is read for them, outside code blocks, and
each is a sentence at its line: the build fails on it as on every other problem.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import memo
from ..problems import Problem, relative_path
from ..sources import MAX_FILES_PER_FOLDER, iter_files, markdown_pages, safe_text
from .pages import lines_outside_code

if TYPE_CHECKING:
    from ..load import SourceDirs

# The openings of the texts that templates leave for the editor to fill in. One list for the
# whole toolkit: a template that leaves an instruction starts it with one of these, so the check
# refuses it until it is replaced.
TEMPLATE_INSTRUCTIONS = ("Schrijf hier", "Vul hier", "Lorem ipsum")
_INSTRUCTION = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in TEMPLATE_INSTRUCTIONS) + r")(?![\w-])",
                          re.IGNORECASE)
SENTENCE = ("hier staat nog een aanwijzing uit het sjabloon, geen eigen tekst; vervang die door wat er echt op de site "
            "moet staan (zo wordt de pagina niet gepubliceerd)")


def check_unfinished_text(dirs: "SourceDirs") -> list[Problem]:
    """(Kept while nothing under its folders changes, in a process that keeps results: memo.py.)"""
    return list(memo.per_tree("unfinished files", dirs.folders(), dirs, lambda: _check_unfinished_text(dirs)))


def _check_unfinished_text(dirs: "SourceDirs") -> list[Problem]:
    files = list(markdown_pages(dirs.content))
    for folder in (dirs.sessions, dirs.partners):
        if folder.is_dir() and folder != dirs.content:
            files += [p for p in iter_files(folder, dirs.root, [], limit=MAX_FILES_PER_FOLDER)
                      if p.suffix in (".yml", ".yaml")]
    problems: list[Problem] = []
    for path in sorted(files):
        problems += unfinished_text_problems(safe_text(path), relative_path(path, dirs.root))
    return problems


def unfinished_text_problems(text: str, display: str) -> list[Problem]:
    """Every template instruction in one file's text, at its line and column (found once per text
    in a process that keeps results, memo.py)."""
    if not _INSTRUCTION.search(text):
        return []  # most files: one look at the whole text
    return list(memo.remember("unfinished", (display, memo.fingerprint(text)), lambda: _problems(text, display)))


def _problems(text: str, display: str) -> list[Problem]:
    problems = []
    for number, line in lines_outside_code(text):
        match = _INSTRUCTION.search(line)
        if match:
            problems.append(Problem(display, number, match.start() + 1, SENTENCE, line[match.start():].strip()))
    return problems

