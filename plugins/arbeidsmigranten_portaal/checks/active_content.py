"""Nothing an editor writes may run code in a reader's browser or make it ask another host for
anything: raw HTML in pages is held to an allow-list (html_policy.py), addresses in links and
images too, SVG files must be plain pictures (svg.py), and files a browser would run are not
published from content/.

Two lines of defence. The Markdown source is checked here, so every problem is a sentence at
file:line:col in `portal check` and in the build. Then the build checks the HTML that Markdown
and its extensions made of each page (`rendered_html_problems`), against the same allow-list
with html.parser, which catches whatever a Markdown extension makes that the source check did
not foresee. Code (code spans, fenced and indented code blocks) is shown, not run: it is skipped.
"""

from __future__ import annotations

import bisect
import os
import re
import stat
from collections.abc import Collection
from html.parser import HTMLParser
from pathlib import Path

from .. import memo
from ..problems import Problem, relative_path
from ..sources import LIMITS
from .html_policy import HTTP_LINK, attribute_problem, tag_problem, url_problem
from .svg import css_problem, svg_problems

# The file gate's bound: a larger file is refused there (in the build and in `portal check`).
MAX_SVG_BYTES = LIMITS["svg"].max_bytes
MAX_PAGE_PROBLEMS = 100
# What content/ may hold besides pages: MkDocs copies every other file as it is, so only kinds a
# browser shows or downloads and never runs. An allow-list, because the list of file names a
# browser or a web server treats as a page or a script (.xhtm, .shtml, .svgz, .appcache ...) is
# longer than anyone remembers.
PUBLISHED_SUFFIXES = frozenset(
    ".md .svg .png .jpg .jpeg .gif .webp .avif .ico .pdf .txt .csv .ics .json .odt .ods .odp .docx .xlsx .pptx "
    ".mp3 .mp4 .webm .vtt .yml .yaml".split()
)

# The site's own styles, scripts and pictures (site_config/assets/, published under assets/portal/).
# Scripts are code: a developer reviews them (.github/CODEOWNERS); styles are checked below.
ASSET_SUFFIXES = frozenset(".css .js .svg .png .ico .webp .woff2".split())
_ASSET_FILE = ("in site_config/assets/ horen alleen stijlen, scripts, afbeeldingen en lettertypen van de site zelf "
               "(css, js, svg, png, ico, webp, woff2); dit soort bestand ({suffix}) zet de site niet online")

_COMMENT_TRICK = ("deze HTML-opmerking is zo geschreven dat browsers haar anders lezen dan de controle, en zo kan "
                  "er iets verborgen meekomen; schrijf haar als <!-- tekst -->")
_COMMENT_OPEN = "deze HTML-opmerking wordt niet afgesloten; zet --> aan het eind ervan"
_DECLARATION = "een <!...>- of <?...>-tag mag niet in een pagina; haal hem weg"
_UNPARSED = "hier staat een '<' die op een HTML-tag lijkt maar niet te lezen is; schrijf &lt; als u het teken zelf bedoelt"
_TOO_MUCH_MARKUP = ("deze pagina heeft zoveel onafgemaakte HTML-tags dat de controle haar niet kan lezen; "
                    "sluit elke tag met > en haal losse < en aanhalingstekens weg")
_ACTIVE_FILE = ("de site zet dit soort bestand ({suffix}) niet online, omdat een browser het als pagina of programma kan "
                "uitvoeren; een pagina schrijft u in Markdown (.md), en verder mogen in content/ afbeeldingen, pdf, "
                "txt, csv, ics, json, kantoorbestanden (odt, ods, docx, xlsx), en geluid of video (mp3, mp4, webm)")


def check_active_content(dirs) -> list[Problem]:
    """(Kept while nothing under its folders changes, in a process that keeps results: memo.py.)"""
    return list(memo.per_tree("active content", dirs.folders(), dirs,
                              lambda: _check_active_content(dirs)))


def _check_active_content(dirs) -> list[Problem]:
    """`portal check`: every page in content/, and what check_active_files checks. `dirs` is the
    site's SourceDirs (root, content, partners, site_config)."""
    problems = []
    for path in _regular_files(dirs.content):
        if path.suffix.lower() == ".md":
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue  # the file gate says why the page cannot be read
            problems += markdown_problems(text, relative_path(path, dirs.root))
    return problems + check_active_files(dirs)


def check_active_files(dirs) -> list[Problem]:
    """(Kept while nothing under its folders changes, in a process that keeps results: memo.py.)"""
    return list(memo.per_tree("active files", dirs.folders(), dirs, lambda: _check_active_files(dirs)))


def _check_active_files(dirs) -> list[Problem]:
    """Every SVG file the site publishes (partner logos, images in content/, the site's own
    assets), and the files in content/ that a browser would run. The build checks the pages
    themselves one by one, as they render."""
    problems = []
    seen: set[Path] = set()
    for folder in (dirs.content, dirs.partners / "logos", dirs.site_config / "assets"):
        for path in _regular_files(folder):
            if path in seen:
                continue
            seen.add(path)
            display = relative_path(path, dirs.root)
            suffix = path.suffix.lower()
            if suffix == ".svg":
                problems += _svg_file_problems(path, display)
            elif folder == dirs.site_config / "assets" and suffix not in ASSET_SUFFIXES:
                problems.append(Problem(display, 1, 1, _ASSET_FILE.replace("{suffix}", suffix or "zonder achtervoegsel")))
            elif folder == dirs.site_config / "assets" and suffix == ".css":
                problems += _css_problems(path, display)
            elif folder == dirs.content and suffix not in PUBLISHED_SUFFIXES:
                problems.append(Problem(display, 1, 1, _ACTIVE_FILE.replace("{suffix}", suffix or "zonder achtervoegsel")))
    return problems


def _css_problems(path: Path, display: str) -> list[Problem]:
    """The whole stylesheet at once (a url( may span lines), by the rule SVG styles follow: no
    backslash (CSS escapes hide names), nothing loaded but the site's own files."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # the file gate says why it cannot be read
    sentence = css_problem(text, site_files=True)
    return [] if sentence is None else [Problem(display, 1, 1, sentence)]


def _svg_file_problems(path: Path, display: str) -> list[Problem]:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(MAX_SVG_BYTES + 1)
    except OSError:
        return []  # the file gate says why it cannot be read
    if len(data) > MAX_SVG_BYTES:
        return []  # refused by the file gate, with its size
    return svg_problems(data, display)


def _regular_files(folder: Path) -> list[Path]:
    """Regular files only, without following links: a link is the file gate's to refuse, and
    its target must not be read (it could be /proc/self/environ)."""
    if not folder.is_dir() or folder.is_symlink():
        return []
    found = []
    for current, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(current) / name
            try:
                if stat.S_ISREG(os.lstat(path).st_mode) and not name.startswith("."):
                    found.append(path)
            except OSError:
                continue
    return found


# --- The Markdown source ---------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A(---[ \t]*\n.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})(.*)$")
# Lines whose indented continuation is Markdown, not code: list items, admonitions, details.
_CONTAINER = re.compile(r"^[ \t]{0,3}(?:[-*+][ \t]|\d{1,9}[.)][ \t]|!!![ \t]|\?\?\?\+?[ \t]|\[\^[^\]]+\]:)")
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>")
_MAIL_AUTOLINK = re.compile(r"<[^<> !@]+@[^@<> ]+>")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_VISIBLE = re.compile(r"[^ \t]")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]")
_SETEXT = re.compile(r"^[ \t]{0,3}(=+|-+)[ \t]*$")
_LINK_OPEN = re.compile(r"\][ \t]*\(")
_REFERENCE = re.compile(r"^[ \t]*\[((?:[^\[\]\\\n]|\\.)+)\]:[ \t]*(?:\n[ \t]*)?(<[^>\n]*>|\S+)", re.MULTILINE)
_IMAGE_REF = re.compile(r"!\[((?:[^\[\]\\\n]|\\.)*)\](?:[ \t]?\[((?:[^\[\]\\\n]|\\.)*)\])?")
# Markdown's attr_list: {: #id .class key="value" } after an element, or alone on a line.
_ATTR_LIST = re.compile(r"\{:?[ ]*([^\}\n ][^\n}]{0,200})\}")
_ATTR_TOKEN = re.compile(r"""([^ =}]+)="([^"]*)"|([^ =}]+)='([^']*)'|([^ =}]+)=([^ =}]+)|([^ =}]+)| """)
_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# Enough of an address to judge it (its scheme and host); scanning further costs time, not safety.
_ADDRESS = re.compile(r"[^\n)]{0,200}")
_RAW_TEXT = frozenset("script style textarea title xmp iframe noembed noframes noscript plaintext".split())
_CODE_FILL = "\x00"  # in place of a code span: not a letter, not a space, not markup


def markdown_problems(source: str, display: str) -> list[Problem]:
    """Active content in one Markdown page (front matter included, for the line numbers)."""
    text = _mask_code(source)
    scanner = _Scanner(text, display)
    scanner.scan_markup()
    scanner.blank_raw_text()
    scanner.scan_links()
    scanner.scan_attribute_lists()
    problems = scanner.problems + _emoji_problems(text, display)
    return sorted(set(problems))[:MAX_PAGE_PROBLEMS]


# pymdownx.emoji turns :tada: into an image from cdn.jsdelivr.net (Material inlines only its own
# icons, :material-home: and the like): the site would ask another host for it.
_EMOJI = re.compile(r"(?<![\w:/]):([a-z0-9_+-]*[a-z][a-z0-9_+-]*):(?![\w:/])")
_OWN_ICONS = ("material-", "fontawesome-", "octicons-", "simple-")
_EMOJI_SENTENCE = ("de code :{name}: wordt een plaatje van een andere website; typ het teken zelf (zoals 🎉), of "
                   "gebruik een pictogram van Material, zoals :material-home:")


def _emoji_problems(text: str, display: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _EMOJI.finditer(line):
            if not match.group(1).startswith(_OWN_ICONS):
                problems.append(Problem(display, number, match.start() + 1,
                                        _EMOJI_SENTENCE.replace("{name}", match.group(1))))
    return problems


def _mask_code(source: str) -> str:
    """The page with front matter and code blanked out, every line and column where it was."""
    text = source.replace("\r\n", "\n").replace("\r", "\n")
    front = _FRONT_MATTER.match(text)
    if front:
        text = _blank(text[: front.end()]) + text[front.end():]
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    container = in_indented = False
    previous_blank = True
    while index < len(lines):
        line = lines[index]
        fence = _FENCE.match(line)
        closing = _closing_fence(lines, index, fence) if fence else None
        if closing is not None:
            out += [_blank(part) for part in lines[index: closing + 1]]
            index = closing + 1
            previous_blank = in_indented = False
            continue
        if not line.strip():
            out.append(line)
            previous_blank = True
        else:
            indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
            if indent >= 4 and not container and (previous_blank or in_indented):
                out.append(_blank(line))
                in_indented = True
            else:
                if indent < 4:
                    container = bool(_CONTAINER.match(line)) or (container and not previous_blank)
                in_indented = False
                out.append(line)
            previous_blank = False
        index += 1
    return _mask_code_spans("\n".join(out))


def _closing_fence(lines: list[str], start: int, opening: re.Match[str]) -> int | None:
    """The line that closes a fence; an unclosed fence is no code block (so not skipped)."""
    marker = opening.group(1)
    if marker[0] == "`" and "`" in opening.group(2):
        return None
    close = re.compile(r"^[ \t]*" + re.escape(marker[0]) + "{" + str(len(marker)) + r",}[ \t]*$")
    for number in range(start + 1, len(lines)):
        if close.match(lines[number]):
            return number
    return None


def _mask_code_spans(text: str) -> str:
    """Code spans: a run of backticks up to the next run of the same length in the same paragraph."""
    runs = [(m.start(), m.end()) for m in re.finditer(r"`+", text) if not _escaped(text, m.start())]
    paragraph_breaks = [m.start() for m in re.finditer(r"\n[ \t]*\n", text)]
    # For each run, the next run of the same length (one pass from the end: linear time).
    following: list[int | None] = [None] * len(runs)
    last_of_length: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        length = runs[i][1] - runs[i][0]
        following[i] = last_of_length.get(length)
        last_of_length[length] = i
    chars = list(text)
    i = 0
    while i < len(runs):
        j = following[i]
        start, end = runs[i][0], runs[j][1] if j is not None else None
        if j is not None and bisect.bisect(paragraph_breaks, start) == bisect.bisect(paragraph_breaks, runs[j][0]):
            for k in range(start, end):
                if chars[k] != "\n":
                    chars[k] = _CODE_FILL
            i = j + 1
            continue
        i += 1
    return "".join(chars)


def _escaped(text: str, index: int) -> bool:
    backslashes = 0
    while index - backslashes - 1 >= 0 and text[index - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _blank(part: str) -> str:
    return re.sub(r"[^\n]", " ", part)


class _Scanner:
    def __init__(self, text: str, display: str) -> None:
        self.text = text
        self.display = display
        self.problems: list[Problem] = []
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        # The insides of refused elements whose content a browser does not read as markup
        # (a script, a style): refused once, not once more for each brace or bracket in them.
        self.raw_text: list[tuple[int, int]] = []
        # Tags are read again from each '<' that turned out to be no tag: a page built to make
        # that endless (a million unclosed quotes) is refused once this many characters are read.
        self.budget = 8 * len(text) + 100_000

    def report(self, offset: int, sentence: str, written: str | None = None) -> None:
        if len(self.problems) >= MAX_PAGE_PROBLEMS:
            return
        line = bisect.bisect_right(self.line_starts, offset)
        col = offset - self.line_starts[line - 1] + 1
        severity = "warning" if sentence == HTTP_LINK else "error"
        self.problems.append(Problem(self.display, line, col, sentence, written, severity=severity))

    # Raw HTML: tags, comments, declarations, and <scheme:...> autolinks.
    def scan_markup(self) -> None:
        text, position = self.text, 0
        comment_ends = True  # False once no "-->" follows: every later comment is open as well
        while True:
            start = text.find("<", position)
            if start < 0:
                return
            if text.startswith("<!--", start):
                position, comment_ends = self._comment(start, comment_ends)
                continue
            if text.startswith(("<!", "<?"), start):
                self.report(start, _DECLARATION, text[start: start + 30])
                end = text.find(">", start)
                position = len(text) if end < 0 else end + 1
                continue
            if _MAIL_AUTOLINK.match(text, start):
                position = start + 1
                continue
            autolink = _AUTOLINK.match(text, start)
            if autolink:
                sentence = url_problem(autolink.group(1), image=False)
                if sentence:
                    self.report(start + 1, sentence, autolink.group(1))
                position = autolink.end()
                continue
            tag = _TAG.match(text, start)
            if tag is None:
                position = start + 1
                continue
            position = self._tag(start, tag)

    def _comment(self, start: int, ends_possible: bool) -> tuple[int, bool]:
        """Where scanning goes on after the comment at `start`, and whether a later one can end."""
        text = self.text
        body = start + 4
        if text.startswith((">", "->"), body):
            self.report(start, _COMMENT_TRICK, text[start: start + 20])
            return text.find(">", body) + 1, ends_possible
        end = text.find("-->", body) if ends_possible else -1
        if end < 0:
            self.report(start, _COMMENT_OPEN, text[start: start + 30])
            return body, False  # look inside all the same: Markdown may not read it as a comment
        trick = text.find("--!>", body, end)
        if trick >= 0:
            self.report(start, _COMMENT_TRICK, text[start: trick + 4])
            return body, True  # a browser ends the comment there: what follows is live
        return end + 3, True

    def _tag(self, start: int, match: re.Match[str]) -> int:
        closing, name = match.group(1) == "/", match.group(2).lower()
        stop = min(len(self.text), match.end() + self.budget)
        attributes, end, reached = _parse_attributes(self.text, match.end(), stop)
        self.budget -= reached - start
        if self.budget <= 0:
            self.report(start, _TOO_MUCH_MARKUP)
            return len(self.text)
        if end is None:
            # Not a tag to Markdown; a refused name is refused all the same, to be safe.
            sentence = None if closing else tag_problem(name)
            if sentence:
                self.report(start, sentence, self.text[start: match.end()])
            return start + 1
        if closing:
            return end
        sentence = tag_problem(name)
        if sentence:
            self.report(start, sentence, self.text[start: min(end, start + 40)])
            if name in _RAW_TEXT:
                close = re.compile("</" + re.escape(name), re.IGNORECASE).search(self.text, end)
                if close:
                    self.raw_text.append((end, close.start()))
                    return close.start()
            return end
        for attr_name, value, offset in attributes:
            sentence = attribute_problem(name, attr_name, value)
            if sentence:
                self.report(offset, sentence, _shown(attr_name, value))
        return end

    def blank_raw_text(self) -> None:
        pieces, position = [], 0
        for start, end in self.raw_text:
            pieces += [self.text[position:start], _blank(self.text[start:end])]
            position = end
        self.text = "".join(pieces) + self.text[position:]

    # Markdown links and images: [text](address), ![alt](address), [label]: address.
    def scan_links(self) -> None:
        text = self.text
        brackets = _matching_brackets(text)
        for match in _LINK_OPEN.finditer(text):
            if _escaped(text, match.start()):
                continue
            address, offset = _destination(text, match.end())
            if not address:
                continue
            image = _is_image(text, brackets.get(match.start()))
            sentence = url_problem(_unescape_markdown(address), image=image)
            if sentence:
                self.report(offset, sentence, _shown_address(text[offset: offset + 200].split("\n", 1)[0]))
        image_labels = {_label(m.group(2) or m.group(1)) for m in _IMAGE_REF.finditer(text)}
        for match in _REFERENCE.finditer(text):
            address = match.group(2).strip("<>")
            label = _label(match.group(1))
            sentence = url_problem(_unescape_markdown(address), image=False)
            if sentence is None and label in image_labels:
                sentence = url_problem(_unescape_markdown(address), image=True)
            if sentence:
                self.report(match.start(2), sentence, address)

    def scan_attribute_lists(self) -> None:
        text = self.text
        for match in _ATTR_LIST.finditer(text):
            if not _where_attr_list_applies(text, match, self.line_starts):
                continue
            for token in _ATTR_TOKEN.finditer(match.group(1)):
                name, value = _attr_token(token)
                if name is None or name.startswith("."):
                    continue
                if name.startswith("#"):
                    name, value = "id", name[1:]
                sentence = attribute_problem(None, name, value)
                if sentence:
                    self.report(match.start(1) + token.start(), sentence, token.group(0))


def _parse_attributes(text: str, index: int, stop: int) -> tuple[list[tuple[str, str | None, int]], int | None, int]:
    """Attributes as a browser splits them (HTML's tokenizer, simplified): name, value, offset;
    where the tag ends, after its '>'; and how far it read (at most to `stop`). The end is None
    when no '>' comes before a '<', a blank line or `stop`: Markdown then shows the text as it
    is (escaped), so it is no tag."""
    attributes = []
    while index < stop:
        while index < stop and (text[index].isspace() or text[index] == "/"):
            if _BLANK_LINE.match(text, index):
                return attributes, None, index
            index += 1
        if index >= stop:
            break
        if text[index] == ">":
            return attributes, index + 1, index + 1
        if text[index] == "<":
            return attributes, None, index
        name_start = index
        index += 1  # a first '=' belongs to the name, as in HTML
        while index < stop and not text[index].isspace() and text[index] not in "/>=<":
            index += 1
        name = text[name_start:index].lower()
        while index < stop and text[index].isspace():
            index += 1
        value = None
        if index < stop and text[index] == "=":
            index += 1
            while index < stop and text[index].isspace():
                index += 1
            if index < stop and text[index] in "\"'":
                quote = text[index]
                close = text.find(quote, index + 1, stop)
                close = stop if close < 0 else close
                value = text[index + 1: close]
                index = close + 1
            else:
                value_start = index
                while index < stop and not text[index].isspace() and text[index] not in "<>":
                    index += 1
                value = text[value_start:index]
        attributes.append((name, value, name_start))
    return attributes, None, min(index, stop)


def _destination(text: str, index: int) -> tuple[str, int]:
    """The start of a Markdown link's address, from just after its '(': enough of it to judge
    (its scheme and host), and where it starts. Spaces count: Markdown keeps them in the
    address, and a browser then drops them from its start."""
    while index < len(text) and text[index] in " \t\n":
        index += 1
    if text.startswith("<", index):
        index += 1
        return _ADDRESS.match(text, index).group(0).split(">", 1)[0], index
    return _ADDRESS.match(text, index).group(0), index


def _shown_address(address: str) -> str:
    """The address as the editor wrote it, without the ')' that closes the link."""
    depth = 0
    for position, char in enumerate(address):
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return address[:position]
            depth -= 1
    return address


def _matching_brackets(text: str) -> dict[int, int]:
    """For each ']' the '[' it closes, within one paragraph (one pass, so linear time)."""
    matches: dict[int, int] = {}
    open_brackets: list[int] = []
    for index, char in enumerate(text):
        if char == "\n" and index > 0 and text[index - 1] == "\n":
            open_brackets.clear()
        elif char == "[" and not _escaped(text, index):
            open_brackets.append(index)
        elif char == "]" and open_brackets and not _escaped(text, index):
            matches[index] = open_brackets.pop()
    return matches


def _is_image(text: str, opening: int | None) -> bool:
    return opening is not None and opening > 0 and text[opening - 1] == "!" and not _escaped(text, opening - 1)


def _where_attr_list_applies(text: str, match: re.Match[str], line_starts: list[int]) -> bool:
    """Markdown reads {...} as attributes alone on a line, at the end of a heading or table cell,
    or right after an element (a link, emphasis, code); not in the middle of a sentence."""
    number = bisect.bisect_right(line_starts, match.start())
    line_start = line_starts[number - 1]
    line_end = line_starts[number] - 1 if number < len(line_starts) else len(text)
    if match.start() == line_start or not text[match.start() - 1].isspace():
        return True  # alone on its line or right after an element
    if not _VISIBLE.search(text, line_start, match.start()):
        return True
    if _VISIBLE.search(text, match.end(), line_end):
        return False
    before = text[line_start: match.start()]
    next_end = line_starts[number + 1] - 1 if number + 1 < len(line_starts) else len(text)
    next_line = text[line_end + 1: next_end]
    return bool(_HEADING.match(before) or "|" in before or _SETEXT.match(next_line))


def _attr_token(token: re.Match[str]) -> tuple[str | None, str | None]:
    groups = token.groups()
    for name_index in (0, 2, 4):
        if groups[name_index] is not None:
            return groups[name_index], groups[name_index + 1]
    return groups[6], None


def _label(label: str) -> str:
    return " ".join(label.lower().split())


def _unescape_markdown(address: str) -> str:
    return _MARKDOWN_ESCAPE.sub(r"\1", address)


def _shown(name: str, value: str | None) -> str:
    return name if value is None else f'{name}="{value}"'


# --- The rendered page -----------------------------------------------------------------------

def rendered_html_problems(html: str, display: str, own_feeds: Collection[str] = ()) -> list[Problem]:
    """The HTML that Markdown and its extensions made of a page, against the allow-list (with
    the tags and attributes that Markdown and the portal's blocks add, and links to the webcal://
    addresses of the site's own feeds, `own_feeds`). One sentence per kind of problem, on line 1
    of the page: the source check above gives the exact place."""
    parser = _RenderedPage(own_feeds)
    parser.feed(html)
    parser.close()
    return [Problem(display, 1, 1, "na het omzetten van de pagina naar HTML: " + sentence, written,
                    severity="warning" if sentence == HTTP_LINK else "error")
            for sentence, written in parser.found.items()][:MAX_PAGE_PROBLEMS]


class _RenderedPage(HTMLParser):
    def __init__(self, own_feeds: Collection[str] = ()) -> None:
        # Character references stay as written, so escaped text (&lt;script&gt;) stays text.
        super().__init__(convert_charrefs=False)
        self.found: dict[str, str | None] = {}
        self.own_feeds = own_feeds

    def _add(self, sentence: str | None, written: str | None) -> None:
        if sentence and sentence not in self.found:
            self.found[sentence] = written

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        problem = tag_problem(tag, rendered=True)
        if problem:
            self._add(problem, f"<{tag}>")
            return
        for name, value in attrs:
            self._add(attribute_problem(tag, name, value, rendered=True, own_feeds=self.own_feeds), _shown(name, value))

    handle_startendtag = handle_starttag

    def handle_comment(self, data: str) -> None:
        # What html.parser reads as one comment, a browser may end early: "<!-->", "--!>".
        if data.startswith((">", "->")) or "--!>" in data:
            self._add(_COMMENT_TRICK, "<!--" + data[:20])

    def handle_decl(self, decl: str) -> None:
        self._add(_DECLARATION, "<!" + decl[:30])

    def unknown_decl(self, data: str) -> None:
        self._add(_DECLARATION, "<![" + data[:30])

    def handle_pi(self, data: str) -> None:
        self._add(_DECLARATION, "<?" + data[:30])

    def handle_data(self, data: str) -> None:
        # A '<' that html.parser gave up on (an open comment, a broken tag) hides what follows.
        if re.search(r"<[A-Za-z!/?]", data):
            self._add(_UNPARSED, data.strip()[:30])
