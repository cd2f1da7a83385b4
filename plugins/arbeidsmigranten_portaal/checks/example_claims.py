"""A real page may point to an invented one, but must say there that it is invented.

A page with `example: true` carries the notice "Voorbeeld" at its top; a page without it is
read as fact. So a link from a real page to an example page (a good-practice example, a news
post) needs, in the same paragraph or list item, or in the paragraph right before the list,
a word that says it is made up. Without it the real page presents the example as fact.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from ..front_matter import split_front_matter
from .. import memo
from ..problems import Problem, relative_path
from ..sources import markdown_pages, safe_text
from .pages import CODE_FENCE, MARKDOWN_LINK, URL_SCHEME

# Words that say "made up" in the site's languages; "voorbeeld" alone does not: a "goed
# voorbeeld" is a real thing too.
INVENTED_WORDS = {
    "nl": ("verzonnen", "fictief", "fictieve"),
    "en": ("invented", "made up", "made-up", "fictional"),
    "pl": ("zmyślon", "fikcyjn"),
    "ro": ("inventat", "fictiv"),
    "bg": ("измислен", "фиктивн"),
}
_SENTENCE = ("deze pagina is echt, maar de link wijst naar een verzonnen voorbeeld ({target}); zeg er in dezelfde "
             "alinea bij dat het verzonnen is (bijvoorbeeld: \"Dit voorbeeld is verzonnen.\"), of zet example: true "
             "bovenaan als ook deze pagina een voorbeeld is")


def check_example_claims(root: Path, content: Path) -> list[Problem]:
    """(Kept while nothing under its folders changes, in a process that keeps results: memo.py.)"""
    return list(memo.per_tree("example claims", (content,), root,
                              lambda: _check_example_claims(root, content)))


def _check_example_claims(root: Path, content: Path) -> list[Problem]:
    pages = sorted(markdown_pages(content))
    texts = {path.relative_to(content).as_posix(): safe_text(path) for path in pages}
    examples = {name for name, text in texts.items() if split_front_matter(text)[0].get("example") is True}
    if not examples:
        return []
    problems: list[Problem] = []
    for name, text in texts.items():
        if name in examples:
            continue
        words = INVENTED_WORDS.get(_language_of(name), INVENTED_WORDS["nl"])
        blocks = _blocks(text)
        for index, (first_line, block) in enumerate(blocks):
            said = _says_invented(block, words) or (index > 0 and _is_list(block)
                                                    and _says_invented(blocks[index - 1][1], words))
            if said:
                continue
            for offset, line in enumerate(block.splitlines()):
                for match in MARKDOWN_LINK.finditer(line):
                    target = match.group(1)
                    if URL_SCHEME.match(target) or target.startswith(("#", "/")):
                        continue
                    file_part = unquote(target.split("#", 1)[0])
                    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), file_part))
                    if resolved in examples:
                        problems.append(Problem(relative_path(content / name, root), first_line + offset,
                                                match.start(1) + 1, _SENTENCE.replace("{target}", target)))
    return problems


def _language_of(name: str) -> str:
    parts = Path(name).name.split(".")
    return parts[-2] if len(parts) >= 3 else "nl"


def _blocks(text: str) -> list[tuple[int, str]]:
    """(first line number, text) of every paragraph or list outside code and front matter."""
    lines = text.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
        start = end + 1
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    first = 0
    in_code = False
    for number in range(start, len(lines)):
        line = lines[number]
        if CODE_FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            continue
        if line.strip():
            if not current:
                first = number + 1
            current.append(line)
        elif current:
            blocks.append((first, "\n".join(current)))
            current = []
    if current:
        blocks.append((first, "\n".join(current)))
    return blocks


def _is_list(block: str) -> bool:
    return bool(re.match(r"^\s*(?:[-*+]|\d+\.)\s", block))


def _says_invented(block: str, words: tuple[str, ...]) -> bool:
    lowered = block.lower()
    return any(word in lowered for word in words)
