"""Generated pages as finished HTML, and the same blocks as Markdown for editors' pages.

A page the portal makes (a session, a partner, an audience's calendar) is written as HTML from
its records and handed to the theme as it is: no Markdown round trip, one escaping regime (Jinja's
autoescape in the fragments, html.escape here). Its headings get an id and a permalink as
Python-Markdown's toc extension gives the headings of a Markdown page, so both kinds of pages
look and link alike; the headings are also the page's table of contents and its search sections.

The blocks editors place in their own Markdown pages (the calendar, the alliance) are made by the
same functions with a MarkdownWriter, so there is one layout for both.
"""

from __future__ import annotations

import hashlib
import html
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown.extensions.toc import slugify as _markdown_slugify
from markupsafe import Markup
from markdown.extensions.toc import unique as _unique

from .. import memo
from .markdown import heading as markdown_heading
from .markdown import join_blocks


@dataclass(frozen=True)
class HeadingStyle:
    """How headings get their id and permalink: the site's Markdown settings for `toc`."""

    permalink: str | None = None  # the link's content as HTML ("&para;"), None for no permalink
    permalink_title: str = ""
    permalink_class: str = "headerlink"
    slugify: Callable[[str, str], str] = _markdown_slugify
    separator: str = "-"


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    name: str  # the text as HTML (escaped), as a table of contents shows it


@dataclass(frozen=True)
class PageBody:
    """A generated page's body as HTML, its headings (its table of contents), and what goes in
    the head of the page: the one-line description and schema.org data (JSON-LD) if any."""

    html: str
    headings: tuple[Heading, ...] = ()
    description: str = ""
    jsonld: str | None = None


@dataclass(frozen=True, eq=False)
class GeneratedPage:
    """One page the portal makes: its address and title at once (the navigation and the
    breadcrumbs of other pages need them); the rest written when asked (`body()`) and not kept:
    at thousands of pages it would be most of what a build holds in memory, so the adapter asks
    for it as the page is written."""

    src: str
    title: str
    write_body: Callable[[], PageBody]
    # An invented record: kept out of search engines and marked in the site's search.
    example: bool = False
    # Everything the body depends on, as a digest, where a process keeps bodies between builds
    # (memo.py; the preview): the same key, the same body. None: written anew each time.
    key: str | None = None

    def body(self) -> PageBody:
        if self.key is None:
            return self.write_body()
        return memo.remember("page body", self.key, self.write_body)


def latin1_html(text: object) -> Markup:
    """Text as HTML with every letter beyond Latin-1 written as a character reference (&#1041;):
    the same text in the browser, and a page holding it stays one byte a letter in Python."""
    escaped = html.escape(str(text), quote=True)
    return Markup(escaped.encode("latin-1", "xmlcharrefreplace").decode("latin-1"))


_STASH_SECRET = secrets.token_bytes(16)


class HtmlStash:
    """HTML blocks kept out of Markdown's way: each becomes a word Markdown leaves alone (a
    paragraph of its own) and is put back into the HTML Markdown made (`restore`). Markdown then
    only reads the editor's text and the blocks' headings, not thousands of lines of finished
    HTML (md_in_html parses every HTML block it meets)."""

    def __init__(self, page: str = "") -> None:
        # From a secret of this process, so no text an editor writes can stand for a block, and
        # the same for the same page in every build of the process (memo.py keeps Markdown's HTML).
        digest = hashlib.blake2b(page.encode("utf-8"), key=_STASH_SECRET, digest_size=8).hexdigest()
        self._prefix = f"PORTALBLOK{digest}X"
        self.blocks: dict[str, str] = {}

    def put(self, html_block: str) -> str:
        token = f"{self._prefix}{len(self.blocks)}"
        self.blocks[token] = html_block
        return token

    def restore(self, page_html: str) -> str:
        for token, block in self.blocks.items():
            wrapped = f"<p>{token}</p>"
            if wrapped in page_html:
                page_html = page_html.replace(wrapped, block)
            elif token in page_html:
                page_html = page_html.replace(token, block)
            else:
                raise ValueError(f"a block of the page was lost in Markdown ({token})")
        return page_html


class MarkdownWriter:
    """Blocks for an editor's Markdown page: headings as Markdown, which gives them ids there;
    with a stash, every other block is kept aside as HTML (see HtmlStash)."""

    def __init__(self, stash: HtmlStash | None = None) -> None:
        self.stash = stash
        self._headings: set[str] = set()

    def heading(self, level: int, text: str) -> str:
        written = markdown_heading(level, text)
        self._headings.add(written)
        return written

    def join(self, *blocks: str) -> str:
        if self.stash is not None:
            blocks = tuple(block if block in self._headings or not block.strip() else self.stash.put(block.strip("\n"))
                           for block in blocks)
        return join_blocks(*blocks)


@dataclass
class HtmlWriter:
    """The body of one generated page: headings with a unique id and a permalink."""

    style: HeadingStyle
    headings: list[Heading] = field(default_factory=list)
    _used: set[str] = field(default_factory=set)

    def heading(self, level: int, text: str) -> str:
        text = " ".join(text.split())
        name = html.escape(text, quote=False)
        # Unique on the page as Markdown's toc makes them: "aanmelden", "aanmelden_1", ...
        anchor = _unique(self.style.slugify(text, self.style.separator), self._used)
        self.headings.append(Heading(level, anchor, name))
        permalink = ""
        if self.style.permalink is not None:
            title = f' title="{html.escape(self.style.permalink_title)}"' if self.style.permalink_title else ""
            permalink = (f'<a class="{html.escape(self.style.permalink_class)}" href="#{html.escape(anchor)}"{title}>'
                         f"{self.style.permalink}</a>")
        return f'<h{level} id="{html.escape(anchor)}">{name}{permalink}</h{level}>'

    def join(self, *blocks: str) -> str:
        return "\n\n".join(block.strip("\n") for block in blocks if block and block.strip()) + "\n"

    def body(self, *blocks: str, description: str = "", jsonld: str | None = None) -> PageBody:
        return PageBody(self.join(*blocks), tuple(self.headings), description, jsonld)
