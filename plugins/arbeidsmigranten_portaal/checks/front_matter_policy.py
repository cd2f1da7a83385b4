"""What the front matter of a page may say.

MkDocs renders its templates without autoescaping, and Material prints page.meta.title,
description and author as they are into <title> and <meta content="...">: a `<` or a `"` in
front matter would put HTML (a script) into every copy of the page. Template and icon names
become file names that Jinja loads, and a blog post's slug becomes a path of the site. So text
in front matter may not hold < > or ", a template and an icon must be known ones, and a slug is
one word. Each refusal is a sentence at the line inside the front matter.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..front_matter import front_matter_block
from ..problems import Problem
from ..yaml_source import parse_yaml_text
from .html_policy import unsafe_text

# Templates an editor may choose for a page (the plugin sets its own for generated pages, and
# Material's blog its own for the news: blog.html and blog-post.html fail on any other page).
ALLOWED_TEMPLATES = frozenset({"main.html"})
ALLOWED_HIDE = frozenset({"navigation", "toc", "footer", "feedback", "tags", "path"})
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# MkDocs' MultiMarkdown-style metadata (mkdocs.utils.meta.META_RE), read when a page has no --- block.
_MULTIMARKDOWN_META = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:")
_MARKDOWN_IN_TITLE = re.compile(r"[\[\]{}`]|:[a-z0-9_+-]*[a-z][a-z0-9_+-]*:")
_ICON = re.compile(r"^[a-z0-9-]+(?:/[a-z0-9-]+)+$")


def _icons_dir() -> Path | None:
    try:
        import material
    except ImportError:
        return None
    return Path(material.__file__).parent / "templates" / ".icons"


def front_matter_policy_problems(text: str, display: str) -> list[Problem]:
    block = front_matter_block(text)
    if block is None:
        first = text.lstrip("\ufeff").split("\n", 1)[0]
        if _MULTIMARKDOWN_META.match(first):
            # MkDocs reads such lines as the page's data, without any of the checks below.
            return [Problem(display, 1, 1, "MkDocs leest deze eerste regel als gegevens van de pagina; zet gegevens "
                                           "tussen twee regels --- (zoals op de andere pagina's), of begin de pagina "
                                           "met een kop (# Titel)", first[:60])]
        return []
    doc, found = parse_yaml_text(Path(display), display, block)
    if doc is None or not isinstance(doc.data, dict):
        return []  # the file gate and MkDocs say what is wrong with the block itself
    problems: list[Problem] = []

    def at(loc: tuple, sentence: str, written: str | None = None) -> None:
        line, col = doc.position(loc)
        problems.append(Problem(display, line + 1, col, sentence, written))

    def walk(value: Any, loc: tuple) -> None:
        if isinstance(value, str) and unsafe_text(value):
            at(loc, f'"{".".join(str(p) for p in loc)}" mag geen < > of " of HTML-tekens als &lt; bevatten, want '
                    "die tekst komt zonder bewerking in de kop van de pagina; schrijf aanhalingstekens als „…” of ‘…’ "
                    "en laat HTML weg",
               value)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*loc, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*loc, index))

    walk(doc.data, ())
    title = doc.data.get("title")
    if isinstance(title, str) and _MARKDOWN_IN_TITLE.search(title):
        # Material's blog writes "# {title}" into its news lists and renders that as Markdown.
        at(("title",), '"title" is gewone tekst: zonder [ ] { } of ` en zonder :naam: (Markdown-tekens die in de '
                       "nieuwslijst een link, plaatje of opmaak worden)", title)
    meta = doc.data
    template = meta.get("template")
    if template is not None and template not in ALLOWED_TEMPLATES:
        at(("template",), f'"template" moet een van deze sjablonen zijn: {", ".join(sorted(ALLOWED_TEMPLATES))}; '
                          "of laat het veld weg", str(template))
    icon = meta.get("icon")
    if icon is not None:
        icons = _icons_dir()
        known = isinstance(icon, str) and len(icon) <= 100 and _ICON.match(icon) and (icons is None or (icons / f"{icon}.svg").is_file())
        if not known:
            at(("icon",), '"icon" moet de naam van een pictogram van Material zijn, zoals material/home; '
                          "of laat het veld weg", str(icon))
    hide = meta.get("hide")
    if hide is not None and (not isinstance(hide, list) or not set(map(str, hide)) <= ALLOWED_HIDE):
        at(("hide",), f'"hide" is een lijst met alleen deze woorden: {", ".join(sorted(ALLOWED_HIDE))}')
    slug = meta.get("slug")
    if slug is not None and (not isinstance(slug, str) or not _SLUG.match(slug)):
        at(("slug",), '"slug" is één woord van kleine letters, cijfers en streepjes, zoals controle-op-een-woonlocatie; '
                      "zonder / of ..", str(slug))
    return problems
