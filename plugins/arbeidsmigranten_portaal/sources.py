"""The one gate every file of a site passes before the portal (or MkDocs) reads it.

Everything in the repository arrives through pull requests, and the built site of a pull request
is published as a preview, so every file is untrusted. A file is read only when it is a regular
file inside the site's folder, reached without a symbolic link, no larger than the limit for its
kind, and (for text) valid UTF-8 without control characters. YAML is further held to the subset
editors need: no anchors or aliases (a 700-byte "alias bomb" expands to gigabytes), no merge
keys, no tags, one document, and a bounded depth. The YAML subset is checked on the parser's
event stream, which grows with the file's size only, before anything is built from it.

Each refusal is a Problem at file:line:col with a Dutch sentence, never an exception.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from . import memo
from .problems import Problem, relative_path

KIB = 1024
MIB = 1024 * KIB


@dataclass(frozen=True)
class Limit:
    """What one kind of file may be; `label` names the kind in the editor's sentence."""

    max_bytes: int
    label: str
    text: bool = True


# Documented in docs/wat-de-controle-weigert.md; generous for real content, far below
# what would make a build slow or a preview artifact large.
LIMITS: dict[str, Limit] = {
    "yaml": Limit(256 * KIB, "een YAML-bestand"),
    "page": Limit(1 * MIB, "een pagina"),
    "svg": Limit(512 * KIB, "een SVG-afbeelding"),
    "image": Limit(5 * MIB, "een afbeelding", text=False),
    "asset": Limit(5 * MIB, "een bestand", text=False),
    "config": Limit(256 * KIB, "mkdocs.yml"),
}

# Deeper than any real record (a session is four levels deep) and far below Python's recursion limit.
MAX_YAML_DEPTH = 20
# Files in one folder of records (sessions/, partners/) and in the whole content folder.
MAX_FILES_PER_FOLDER = 5000
MAX_CONTENT_FILES = 5000
# All text of one folder together (pages, YAML, SVG): each is read several times by the checks
# and by Markdown, and the build must stay within a minute. Dalfsen's content is under 1 MB.
MAX_TEXT_BYTES = 16 * MIB

# Tab, line feed and carriage return are text; every other control character is not, and an
# UTF-16 file saved without its byte-order mark looks like ASCII letters separated by NUL bytes.
_ALLOWED_CONTROLS = {"\t", "\n", "\r"}


def kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".yml", ".yaml"):
        return "yaml"
    if suffix == ".md":
        return "page"
    if suffix == ".svg":
        return "svg"
    if suffix in (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico"):
        return "image"
    return "asset"


def check_file(path: Path, root: Path, kind: str | None = None) -> list[Problem]:
    """Whether `path` may be read at all: a regular file inside `root`, no link, within its limit."""
    display = relative_path(path, root)
    limit = LIMITS[kind or kind_of(path)]
    link = link_on_the_way(path, root)
    if link is not None:
        return [Problem(display, 1, 1, _LINK_SENTENCE.replace("{link}", relative_path(link, root)))]
    try:
        info = os.lstat(path)
    except OSError:
        return [Problem(display, 1, 1, "dit bestand kan niet worden gelezen; controleer of het bestaat")]
    if not stat.S_ISREG(info.st_mode):
        return [Problem(display, 1, 1, "dit is geen gewoon bestand (maar bijvoorbeeld een apparaat of een pijp); "
                                       "zet hier een gewoon tekstbestand of haal het weg")]
    if info.st_size > limit.max_bytes:
        return [Problem(display, 1, 1, f"dit bestand is te groot voor {limit.label}: {_size(info.st_size)}, en de "
                                       f"grens is {_size(limit.max_bytes)}; maak het kleiner of splits het op")]
    return []


_LINK_SENTENCE = (
    "hier staat een snelkoppeling (symbolische link, {link}) in plaats van een gewoon bestand; de site leest "
    "alleen gewone bestanden, zodat niets van buiten de map meekomt: zet het bestand zelf hier neer"
)


def read_bytes(path: Path, root: Path, kind: str | None = None) -> tuple[bytes | None, list[Problem]]:
    problems = check_file(path, root, kind)
    if problems:
        return None, problems
    limit = LIMITS[kind or kind_of(path)]
    try:
        # O_NOFOLLOW: the file cannot be swapped for a link between the check and the read.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(limit.max_bytes + 1)
    except OSError:
        return None, [Problem(relative_path(path, root), 1, 1, "dit bestand kan niet worden gelezen; "
                                                               "controleer of het een gewoon bestand is")]
    if len(data) > limit.max_bytes:
        return None, [Problem(relative_path(path, root), 1, 1, f"dit bestand is te groot voor {limit.label}; "
                                                               f"de grens is {_size(limit.max_bytes)}")]
    return data, []


def read_text(path: Path, root: Path, kind: str | None = None) -> tuple[str | None, list[Problem]]:
    """The file as text, or None with the problems that stop it from being read."""
    data, problems = read_bytes(path, root, kind)
    if data is None:
        return None, problems
    return decode_text(data, relative_path(path, root))


def decode_text(data: bytes, display: str) -> tuple[str | None, list[Problem]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, col = _position_of_offset(data, error.start)
        return None, [Problem(display, line, col,
                              "dit bestand is niet opgeslagen als UTF-8; sla het opnieuw op met de codering UTF-8 "
                              "(in de meeste editors: 'Opslaan als' en dan 'UTF-8')")]
    unprintable = _NOT_PRINTABLE.search(text)
    if unprintable is not None:
        index, char = unprintable.start(), unprintable.group()
        line = text.count("\n", 0, index) + 1
        col = index - (text.rfind("\n", 0, index) + 1) + 1
        if char == "\x00":
            sentence = ("hier staat een onzichtbaar nul-teken; meestal is het bestand opgeslagen als UTF-16: "
                        "sla het opnieuw op met de codering UTF-8")
        else:
            sentence = (f"hier staat een onzichtbaar stuurteken (U+{ord(char):04X}); haal het weg, "
                        "bijvoorbeeld door de regel opnieuw te typen")
        return None, [Problem(display, line, col, sentence)]
    return text, []


# YAML's own definition of a printable character (YAML 1.2, production [1]), less NEL and the
# line and paragraph separators, which editors never mean to type. (Decoded UTF-8 holds no
# surrogates.)
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]")


def iter_files(folder: Path, root: Path, problems: list[Problem], *, limit: int = MAX_CONTENT_FILES) -> Iterator[Path]:
    """The regular files under `folder`, sorted, without following links; a link or a special
    file becomes a problem instead, and so does a folder with more files than `limit`."""
    if not folder.is_dir():
        return
    link = link_on_the_way(folder, root)
    if link is not None:
        problems.append(Problem(relative_path(folder, root), 1, 1, _LINK_SENTENCE.replace("{link}", relative_path(link, root))))
        return
    found: list[Path] = []
    for current, dirs, files in os.walk(folder, followlinks=False):
        here = Path(current)
        for name in sorted(dirs):
            if (here / name).is_symlink():
                problems.append(Problem(relative_path(here / name, root), 1, 1,
                                        _LINK_SENTENCE.replace("{link}", relative_path(here / name, root))))
        dirs[:] = sorted(d for d in dirs if not (here / d).is_symlink() and not d.startswith("."))
        for name in sorted(files):
            path = here / name
            if name.startswith("."):
                continue  # .gitkeep, editors' swap files: not published by MkDocs either
            if path.is_symlink():
                problems.append(Problem(relative_path(path, root), 1, 1,
                                        _LINK_SENTENCE.replace("{link}", relative_path(path, root))))
                continue
            found.append(path)
            if len(found) > limit:
                problems.append(Problem(relative_path(folder, root), 1, 1,
                                        f"deze map heeft meer dan {limit} bestanden; dat is meer dan de site aankan"))
                return
    yield from sorted(found)


def yaml_subset_problems(display: str, text: str, *, first_line: int = 1) -> list[Problem]:
    """The constructs outside the YAML subset editors need, found on the event stream.

    `first_line` is the file line where `text` starts (front matter starts on line 2).
    A syntax error is left to the real parse, which words it better; this returns nothing then.
    (Once per text in a process that keeps results, memo.py.)
    """
    key = (display, memo.fingerprint(text), first_line)
    return list(memo.remember("yaml subset", key, lambda: _yaml_subset_problems(display, text, first_line)))


def _yaml_subset_problems(display: str, text: str, first_line: int) -> list[Problem]:
    problems: list[Problem] = []

    def at(event, sentence: str) -> None:
        mark = event.start_mark
        problems.append(Problem(display, mark.line + first_line, mark.column + 1, sentence))

    for number, line in enumerate(text.splitlines(), start=first_line):
        if line.startswith("%"):
            # %YAML and %TAG change how the rest is read (ruamel even fails on %YAML 1.3).
            return [Problem(display, number, 1, "een regel die met % begint (zoals %YAML of %TAG) is niet nodig en "
                                                "verandert hoe het bestand gelezen wordt; haal de regel weg")]
        if line.startswith("---"):
            break
    deep = _flow_too_deep(text)
    if deep is not None:
        # ruamel's scanner takes quadratic time on deeply nested brackets: stop before it.
        line, col = deep
        return [Problem(display, line + first_line - 1, col, f"hier staan meer dan {MAX_YAML_DEPTH} haakjes ([ of {{) "
                        "in elkaar; zo diep heeft geen veld het nodig: controleer de haakjes")]
    depth = 0
    documents = 0
    # Per open mapping: whether the next scalar is a key.
    expecting_key: list[bool] = []
    try:
        for event in YAML(typ="rt").parse(text):
            in_key = bool(expecting_key) and expecting_key[-1]
            if isinstance(event, NodeEvent) and expecting_key:
                # A node in a mapping alternates between key and value.
                expecting_key[-1] = not expecting_key[-1]
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents == 2:
                    at(event, "dit bestand bevat meer dan één document (een tweede '---'); "
                              "zet elk item in een eigen bestand of haal de tweede '---' weg")
            if isinstance(event, AliasEvent):
                at(event, f"hier staat een verwijzing (*{event.anchor}) naar een ander deel van het bestand; "
                          "schrijf de waarde hier gewoon voluit")
                continue
            if isinstance(event, NodeEvent) and event.anchor is not None:
                at(event, f"hier staat een anker (&{event.anchor}); schrijf waarden voluit zonder '&' en '*'")
            if isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.tag is not None and _explicit_tag(event):
                at(event, f"hier staat een YAML-label ({_written_at(text, event)}); dat is niet nodig: haal het weg en schrijf "
                          "alleen de waarde (tekst tussen aanhalingstekens als het tekst moet blijven)")
            if isinstance(event, ScalarEvent) and in_key and event.style is None and event.value == "<<":
                at(event, "hier staat een samenvoegsleutel ('<<'); schrijf de velden hier gewoon voluit")
            if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                depth += 1
                expecting_key.append(isinstance(event, MappingStartEvent))
                if depth == MAX_YAML_DEPTH + 1:
                    at(event, f"de velden staan hier meer dan {MAX_YAML_DEPTH} niveaus diep in elkaar; "
                              "zo diep heeft geen veld het nodig: controleer de inspringing")
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                depth -= 1
                expecting_key.pop()
            if len(problems) >= 50:
                break  # enough to fix; a hostile file could otherwise produce millions
    except (MarkedYAMLError, YAMLError, AssertionError, ValueError):
        pass
    except RecursionError:
        problems.append(Problem(display, first_line, 1, "dit bestand is te diep genest om te lezen; controleer de inspringing"))
    return problems


def _flow_too_deep(text: str) -> tuple[int, int] | None:
    """(line, col) of the first bracket nested deeper than allowed, outside quotes and comments."""
    depth = 0
    quote = ""
    line, line_start = 1, 0
    previous = "\n"
    for index, char in enumerate(text):
        if char == "\n":
            line, line_start = line + 1, index + 1
            if quote == "#":
                quote = ""
        elif quote:
            if char == quote and quote != "#":
                quote = ""
        elif char in "'\"" and previous in " \t\n[{,:":
            quote = char
        elif char == "#" and previous in " \t\n":
            quote = "#"
        elif char in "[{":
            depth += 1
            if depth > MAX_YAML_DEPTH:
                return line, index - line_start + 1
        elif char in "]}":
            depth = max(0, depth - 1)
        previous = char
    return None


def _written_at(text: str, event) -> str:
    """The word at an event's start as the editor wrote it (a tag such as !!str, not its long name)."""
    mark = event.start_mark
    lines = text.splitlines()
    if not 0 <= mark.line < len(lines):
        return str(event.tag)
    words = lines[mark.line][mark.column:].split()
    return words[0][:40] if words else str(event.tag)


def _explicit_tag(event) -> bool:
    # ruamel sets `implicit` for plain scalars whose tag comes from resolution; a tag written in
    # the file (!!str, !ENV, !python/...) is explicit. Collections carry `implicit` as one bool.
    implicit = event.implicit
    if isinstance(implicit, tuple):
        return not any(implicit)
    return not implicit


def link_on_the_way(path: Path, root: Path) -> Path | None:
    """The first symbolic link between `root` and `path` (itself included), or a path outside root."""
    root = Path(os.path.abspath(root))
    absolute = Path(os.path.abspath(path))
    try:
        parts = absolute.relative_to(root).parts
    except ValueError:
        return absolute
    current = root
    for part in parts:
        current = current / part
        if current.is_symlink():
            return current
    return None


def page_under(content: Path, relative: str) -> Path | None:
    """The page `relative` (a path already held to model.content_page_sentence) as a regular
    file under `content`, reached without a link; None when there is no such page. Never raises:
    the answer must not tell anything about files outside the site."""
    path = content / relative
    try:
        if link_on_the_way(path, content) is not None or not stat.S_ISREG(os.lstat(path).st_mode):
            return None
    except (OSError, ValueError):
        return None
    return path


def _position_of_offset(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


def _size(count: int) -> str:
    if count >= MIB:
        return f"{count / MIB:.1f} MB".replace(".", ",")
    return f"{max(1, count // KIB)} kB"


# Python-Markdown's work grows with the square of some inputs (a paragraph of "[", lists nested
# hundreds deep end in a RecursionError). Far beyond real pages: a long paragraph is 2,000
# characters, a list four levels deep, a paragraph with ten links.
MAX_PAGE_LINE = 20_000
MAX_INDENT = 64  # columns (a tab counts 4): sixteen levels of nesting
MAX_BRACKETS_PER_BLOCK = 100
MAX_BRACKETS_PER_PAGE = 5_000


def markdown_bounds_problems(display: str, text: str) -> list[Problem]:
    return list(memo.remember("markdown bounds", (display, memo.fingerprint(text)),
                              lambda: _markdown_bounds_problems(display, text)))


def _markdown_bounds_problems(display: str, text: str) -> list[Problem]:
    problems: list[Problem] = []
    block_start, block_brackets, total = 1, 0, 0
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_PAGE_LINE:
            problems.append(Problem(display, number, 1, f"deze regel is langer dan {MAX_PAGE_LINE} tekens; zet een "
                                                        "lege regel tussen de alinea's"))
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
        if indent > MAX_INDENT and line.strip():
            problems.append(Problem(display, number, 1, "deze regel is te diep ingesprongen (een lijst in een lijst in "
                                                        "een lijst ...); houd het bij hoogstens een paar niveaus"))
        if not line.strip():
            block_start, block_brackets = number + 1, 0
            continue
        count = line.count("[")
        block_brackets += count
        total += count
        if block_brackets > MAX_BRACKETS_PER_BLOCK and block_brackets - count <= MAX_BRACKETS_PER_BLOCK:
            problems.append(Problem(display, block_start, 1, f"deze alinea heeft meer dan {MAX_BRACKETS_PER_BLOCK} "
                                                             "tekens [; zet links in meer alinea's of in een lijst "
                                                             "met lege regels ertussen"))
    if total > MAX_BRACKETS_PER_PAGE:
        problems.append(Problem(display, 1, 1, f"deze pagina heeft meer dan {MAX_BRACKETS_PER_PAGE} tekens [ "
                                               "(links en afbeeldingen); verdeel haar over meer pagina's"))
    return problems[:20]


def front_matter_problems(display: str, text: str) -> list[Problem]:
    """The YAML subset for the block at the top of a page (it starts on the page's second line)."""
    from .front_matter import front_matter_block

    block = front_matter_block(text)
    return [] if block is None else yaml_subset_problems(display, block, first_line=2)


_OTHER_MARKDOWN = {".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext"}


def check_tree(folder: Path, root: Path, *, limit: int = MAX_CONTENT_FILES, records: bool = False) -> list[Problem]:
    """Every file under `folder` through the gate: links, special files, sizes, and for text files
    (pages, YAML, SVG) the encoding and the YAML subset, front matter included.

    `records`: the folder's own YAML files are records that the loader reads through the same
    gate (yaml_source.read_yaml); they are skipped here so they are not parsed twice."""
    problems: list[Problem] = []
    text_bytes = 0
    for path in iter_files(folder, root, problems, limit=limit):
        kind = kind_of(path)
        if LIMITS[kind].text:
            try:
                text_bytes += os.lstat(path).st_size
            except OSError:
                pass
        if records and kind == "yaml" and path.parent == folder:
            continue
        if path.suffix.lower() in _OTHER_MARKDOWN or (path.suffix.lower() == ".md" and path.suffix != ".md"):
            # MkDocs renders these as pages too, but every check looks for .md: one name for pages.
            problems.append(Problem(relative_path(path, root), 1, 1, f"een pagina heet op .md (kleine letters), niet op "
                                                                     f"{path.suffix}; hernoem het bestand"))
            continue
        if not LIMITS[kind].text:
            problems += check_file(path, root, kind)
            continue
        text, found = read_text(path, root, kind)
        problems += found
        if text is None:
            continue
        if kind == "page":
            problems += front_matter_problems(relative_path(path, root), text)
            problems += markdown_bounds_problems(relative_path(path, root), text)
        elif kind == "yaml":
            problems += yaml_subset_problems(relative_path(path, root), text)
    if text_bytes > MAX_TEXT_BYTES:
        problems.append(Problem(relative_path(folder, root), 1, 1,
                                f"de pagina's en YAML-bestanden in deze map zijn samen {_size(text_bytes)}, meer dan "
                                f"{_size(MAX_TEXT_BYTES)}; zoveel tekst maakt de bouw te traag: haal oude pagina's weg"))
    return problems


def page_text(path: Path, root: Path) -> str:
    """A page's text for checks that run after the gate: empty when the gate refused the file
    (the gate's own problem already says why)."""
    text, _ = read_text(path, root, kind_of(path))
    return text or ""


def markdown_pages(content: Path) -> list[Path]:
    """The pages under `content` that the gate lets through the walk (no links followed)."""
    return [path for path in iter_files(content, content, []) if path.suffix == ".md"]


def safe_text(path: Path) -> str:
    """A file's text for checks that run beside the gate: empty when the gate refuses it (the
    gate's own problem says why), so no check ever reads through a link or a bad encoding."""
    text, _ = read_text(path, path.parent, kind_of(path))
    return text or ""
