"""The site search's entries of a page, made by the portal instead of the theme's search plugin.

The theme's search (Material's `search` plugin, lunr in the browser) indexes a page per section:
the part before the first heading with an id, then each heading with an id and the text under it,
keeping a few tags (paragraphs, lists, code) so results can show them. The plugin works that out
by parsing every page's HTML with Python's html.parser, which at a thousand sessions took longer
than building the pages (2 MB of calendar page alone: 0.3 s). The portal asks it to leave every
page out and makes the same entries itself, in one loop over the pieces between the tags of the
page's HTML, applying the plugin's rules step for step. tests/test_search_entries.py holds the
entries equal to the plugin's, for every page of the site.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

# Material's lists (material/plugins/search/plugin.py): tags kept in the text, skipped with
# everything inside them, and without an end tag.
_KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_SKIP = frozenset({"object", "script", "style"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

# As html.parser cuts HTML: an end tag (its name), a start tag (name, attributes), or a comment,
# declaration, processing instruction or bogus end tag, which it hands to handlers the search
# plugin does not have (then the groups are empty).
_NAME = r"[a-zA-Z][^\t\n\r\f />\x00]*"
_TAG = re.compile(
    rf"</\s*({_NAME})[^>]*>|<({_NAME})((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
    r"|<!--.*?-->|</(?!\s*[a-zA-Z])[^>]*>|<!(?!--)[^>]*>|<\?[^>]*>",
    re.DOTALL,
)
# In text: a "<" that starts something html.parser waits for the end of (an unfinished tag).
_UNFINISHED = re.compile(r"<[a-zA-Z/!?]")
# A comment that is never closed (see search_entries).
_OPEN_COMMENT = re.compile(r"<!--(?!.*?-->)", re.DOTALL)
_ATTRIBUTE = re.compile(r"([^\s=/>\"']+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?")


@dataclass
class _Section:
    tag: str
    depth: float = 0
    id: str | None = None
    title: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    excluded: bool = False  # its heading says data-search-exclude


def search_entries(content: str, location: str, title: object, meta: dict) -> list[dict] | None:
    """The entries of one page's content (its HTML without the theme's frame) at `location` (its
    address in the site); `title` names the part before the first heading (the page's title as the
    theme has it); `meta` is the page's front matter (tags, search.boost).

    None for HTML with a <script> or <style> element, or something never closed (a comment, a tag;
    the check of editors' pages refuses those, generated pages have none): html.parser reads what
    follows them in a way of its own, so the theme's plugin indexes such a page itself."""
    if not indexable(content):
        return None
    tags = meta.get("tags")
    search = meta.get("search") if isinstance(meta.get("search"), dict) else {}
    sections = _sections(content)
    if sections is None:
        return None
    entries = []
    for section in sections:
        if section.excluded:
            continue
        entry = {
            "location": f"{location}#{section.id}" if section.id else location,
            "title": "".join(section.title or [str(title)]).strip(),
            "text": "".join(section.text).strip(),
        }
        if isinstance(tags, list):
            entry["tags"] = [str(name) for name in tags if name and isinstance(name, (str, int, float, bool))]
        if "boost" in search:
            entry["boost"] = search["boost"]
        entries.append(entry)
    return entries


def indexable(content: str) -> bool:
    """Whether search_entries can index this HTML as the theme's plugin would (see there)."""
    lowered = content.lower()
    return not ("<script" in lowered or "<style" in lowered or ("<!--" in content and _OPEN_COMMENT.search(content)))


def _attributes(text: str) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for match in _ATTRIBUTE.finditer(text):
        name = match.group(1).lower()
        value = next((v for v in match.group(2, 3, 4) if v is not None), None)
        found[name] = None if value is None else html.unescape(value)
    return found


def _sections(page_html: str) -> list[_Section] | None:
    """Material's Parser (material/plugins/search/plugin.py), step for step, on the page's HTML:
    one loop over the pieces between tags, since at a thousand pages every call per tag counts."""
    context: list[str] = []  # the open elements' tags
    counts: dict[str, int] = {}  # how many of each tag are open (Material compares elements by tag)
    skip = set(_SKIP)  # tags whose elements are left out with everything in them
    skipped = 0  # open elements whose tag is in `skip`
    headerlinks: list[bool] = []  # per open element: whether it is a heading's permalink
    in_headerlink = 0
    sections: list[_Section] = []
    section: _Section | None = None
    # One match at a time (a list of all pieces of a calendar of thousands of sessions would
    # be millions of strings at once).
    tags = _TAG.finditer(page_html)
    position = 0
    while True:
        match = next(tags, None)
        text_part = page_html[position:match.start()] if match is not None else page_html[position:]
        if "<" in text_part:
            if _UNFINISHED.search(text_part):
                return None
            # html.parser hands on a "<" that starts nothing as a piece of text of its own.
            pieces = text_part.split("<")
            chunks = [chunk for piece in pieces[:-1] for chunk in (piece, "<")] + [pieces[-1]]
        else:
            chunks = (text_part,)
        for data in chunks:
            if not data or skipped:
                continue
            if "&" in data:
                data = html.unescape(data)
            in_pre = counts.get("pre")
            if not in_pre:
                data = " " if data.isspace() else data.replace("\n", " ")
            if section is None:
                section = _Section("hx")
                sections.append(section)
            if counts.get(section.tag):
                if not in_headerlink:
                    section.title.append(html.escape(data, quote=False))
            elif data.isspace():
                text = section.text
                if not text or not text[-1].isspace() or in_pre:
                    text.append(data)
            else:
                section.text.append(html.escape(data, quote=False))
        if match is None:
            break
        position = match.end()
        end_name, start_name, raw = match.group(1, 2, 3)
        if end_name is None and start_name is None:
            continue  # a comment or a declaration
        tag = (start_name or end_name).lower()
        if start_name is not None:
            if tag in _VOID:
                continue
            # <x/>: html.parser hands on a start tag and then an end tag.
            self_closing = raw.endswith("/")
            # Only these attributes matter to the search: read them only where they can be.
            wanted = tag in _HEADINGS or tag == "a" or "data-search-exclude" in raw or "linenodiv" in raw
            attrs = _attributes(raw.removesuffix("/")) if wanted else {}
            context.append(tag)
            counts[tag] = counts.get(tag, 0) + 1
            is_headerlink = tag == "a" and attrs.get("class") == "headerlink"
            headerlinks.append(is_headerlink)
            in_headerlink += is_headerlink
            if tag in skip:
                skipped += 1
            if tag in _HEADINGS and "id" in attrs:
                depth = len(context)
                if tag != "h1" and not sections:
                    section = _Section("hx", depth)
                    sections.append(section)
                section = _Section(tag, depth, excluded="data-search-exclude" in attrs)
                if sections:
                    section.id = attrs["id"]
                sections.append(section)
            if section is None:
                section = _Section("hx")
                sections.append(section)
            if "data-search-exclude" in attrs or attrs.get("class") == "linenodiv":
                if tag not in skip:
                    skip.add(tag)
                    skipped = sum(counts.get(t, 0) for t in skip)
            elif tag in _KEEP and not skipped:
                (section.title if counts.get(section.tag) else section.text).append(f"<{tag}>")
            if not self_closing:
                continue
        # An end tag.
        if not context or context[-1] != tag:
            continue
        if section.depth > len(context):
            for earlier in reversed(sections):
                if earlier.depth <= len(context):
                    section.depth = float("inf")
                    section = earlier
                    break
        context.pop()
        counts[tag] -= 1
        in_headerlink -= headerlinks.pop()
        if tag in skip:
            skipped -= 1
            if tag not in _SKIP:
                skip.discard(tag)
                skipped = sum(counts.get(t, 0) for t in skip)
            continue
        if tag in _KEEP and not skipped:
            data_list = section.title if counts.get(section.tag) else section.text
            if f"<{tag}>" not in data_list:
                return None  # the theme's plugin fails here too (its list.index): leave it to it
            start = data_list.index(f"<{tag}>")
            end = len(data_list)
            after = start + 1
            while after < end and data_list[after].isspace():
                after += 1
            if after == end:
                del data_list[start:]  # an element with nothing but white space in it is left out
            else:
                data_list.append(f"</{tag}>")
    return sections
