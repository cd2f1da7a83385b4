"""The site search's entries for a generated page, made while the page is made.

The theme's search (Material's `search` plugin, lunr in the browser) indexes a page per section:
the part before the first heading with an id, then each heading with an id and the text under it,
keeping a few tags (paragraphs, lists, code) so results can show them. For an editor's page the
search plugin works that out by parsing the page's HTML with Python's html.parser, which at a
thousand sessions took longer than building the pages. A generated page is excluded there and its
entries come from here: the page's own HTML, which the portal just wrote from its templates (well
formed, every value escaped), is cut at its tags with one regular expression and the same rules
are applied. tests/test_search_entries.py holds every generated page's entries equal to the ones
Material would have made.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from .page_html import GeneratedPage

# Material's lists (material/plugins/search/plugin.py): tags kept in the text, skipped with
# everything inside them, and without an end tag.
_KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_SKIP = frozenset({"object", "script", "style"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTRIBUTE = re.compile(r"([^\s=/>\"']+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?")


@dataclass
class _Section:
    tag: str
    depth: float = 0
    id: str | None = None
    title: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


def search_entries(page: GeneratedPage, location: str, title: str, boost: float | None = None) -> list[dict]:
    """The entries of one page at `location` (its address in the site); `title` names the
    sections before the first heading (the page title as the theme gets it)."""
    entries = []
    for section in _sections(page.html):
        entry = {
            "location": f"{location}#{section.id}" if section.id else location,
            "title": "".join(section.title or [title]).strip(),
            "text": "".join(section.text).strip(),
        }
        if boost is not None:
            entry["boost"] = boost
        entries.append(entry)
    return entries


def _attributes(text: str) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for match in _ATTRIBUTE.finditer(text):
        name = match.group(1).lower()
        value = next((v for v in match.group(2, 3, 4) if v is not None), None)
        found[name] = None if value is None else html.unescape(value)
    return found


def _sections(page_html: str) -> list[_Section]:
    """Material's Parser (material/plugins/search/plugin.py), step for step, on our own HTML."""
    context: list[tuple[str, dict]] = []
    skip: set[str] = set(_SKIP)  # tags whose elements are skipped (Material compares elements by tag)
    sections: list[_Section] = []
    section: _Section | None = None
    position = 0

    def in_context(tag: str) -> bool:
        return any(open_tag == tag for open_tag, _ in context)

    def skipping() -> bool:
        return any(open_tag in skip for open_tag, _ in context)

    def start(tag: str, attrs: dict) -> None:
        nonlocal section
        if tag in _VOID:
            return
        context.append((tag, attrs))
        if tag in _HEADINGS and "id" in attrs:
            depth = len(context)
            if tag != "h1" and not sections:
                section = _Section("hx", depth)
                sections.append(section)
            section = _Section(tag, depth)
            if sections:
                section.id = attrs["id"]
            sections.append(section)
        if section is None:
            section = _Section("hx")
            sections.append(section)
        if "data-search-exclude" in attrs or attrs.get("class") == "linenodiv":
            skip.add(tag)
            return
        if not skipping() and tag in _KEEP:
            (section.title if in_context(section.tag) else section.text).append(f"<{tag}>")

    def end(tag: str) -> None:
        nonlocal section
        if not context or context[-1][0] != tag:
            return
        if section.depth > len(context):
            for earlier in reversed(sections):
                if earlier.depth <= len(context):
                    section.depth = float("inf")
                    section = earlier
                    break
        closed, _ = context.pop()
        if closed in skip:
            if closed not in _SKIP:
                skip.discard(closed)
            return
        if not skipping() and tag in _KEEP:
            data = section.title if in_context(section.tag) else section.text
            index = data.index(f"<{tag}>")
            if all(item.isspace() for item in data[index + 1:]):
                del data[index:]  # an element with nothing but white space in it is left out
            else:
                data.append(f"</{tag}>")

    def text(data: str) -> None:
        nonlocal section
        if skipping():
            return
        if not in_context("pre"):
            data = " " if data.isspace() else data.replace("\n", " ")
        if section is None:
            section = _Section("hx")
            sections.append(section)
        if in_context(section.tag):
            if not any(tag == "a" and attrs.get("class") == "headerlink" for tag, attrs in context):
                section.title.append(html.escape(data, quote=False))
        elif data.isspace():
            if not section.text or not section.text[-1].isspace() or in_context("pre"):
                section.text.append(data)
        else:
            section.text.append(html.escape(data, quote=False))

    for match in _TAG.finditer(page_html):
        if match.start() > position:
            text(html.unescape(page_html[position:match.start()]))
        closing, tag = match.group(1), match.group(2).lower()
        if closing:
            end(tag)
        else:
            start(tag, _attributes(match.group(3)))
        position = match.end()
    if position < len(page_html):
        text(html.unescape(page_html[position:]))
    return sections
