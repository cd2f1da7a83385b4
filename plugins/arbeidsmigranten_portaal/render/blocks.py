"""Blocks that editors place in a Markdown page with a marker line, such as

    <!-- portal: meldpunt -->

The marker is an HTML comment, so a page without the plugin still renders (without the block).
A block's content comes from settings and records, so an address or a session is changed in
one place and shows everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ..model import LANGUAGE_NAMES
from ..problems import Problem
from ..urls import relative
from .html import render_fragment
from .page_html import HtmlStash, MarkdownWriter

if TYPE_CHECKING:
    from ..site import PortalSite

_MARKER = re.compile(r"^[ \t]*<!--\s*portal:\s*(?P<name>[^\s>]*)\s*-->[ \t]*$", re.MULTILINE)


def _meldpunt(site: "PortalSite", page_url: str) -> str:
    meldpunt = site.ctx.catalog.settings.meldpunt
    labels = site.ctx.labels
    return render_fragment(
        "meldpunt.html", meldpunt=meldpunt, phone_uri=phone_uri(meldpunt.phone), t=labels, t_html=labels.html,
        language_names=LANGUAGE_NAMES,
    )


# The meldpunt page, by its source path: the block below links to it in every language.
MELDPUNT_PAGE = "meldpunt.md"


def _meldpunt_languages(site: "PortalSite", page_url: str) -> str:
    """Links to the meldpunt page in the other languages, each in its own language ("Polski:
    Zgłoś problem"), so a reader who does not read this page's language still finds it."""
    ctx = site.ctx
    found = ctx.translations(MELDPUNT_PAGE) if ctx.translations is not None else {}
    links = [
        {"lang": lang, "name": LANGUAGE_NAMES.get(lang, lang), "url": relative(page_url, url),
         "text": ctx.catalog.strings.for_language(lang)["meldpunt.link"]}
        for lang, url in found.items()
        if lang != ctx.labels.language and lang in ctx.catalog.strings.root
    ]
    return render_fragment("meldpunt_languages.html", links=links) if links else ""


def _signals_card(site: "PortalSite", page_url: str) -> str:
    """Links to the card "signalen van arbeidsuitbuiting" (a PDF to print) in each of its
    languages, the page's own language first, each named in its own language."""
    ctx = site.ctx
    if not ctx.pdfs or not ctx.catalog.signals_card:
        return ""
    # The page's language first, then the others in the order of signals_card.yml (a stable sort).
    order = sorted(ctx.catalog.signals_card, key=lambda lang: lang != ctx.labels.language)
    links = [{"lang": lang, "name": LANGUAGE_NAMES.get(lang, lang), "text": ctx.catalog.signals_card[lang].title,
              "url": relative(page_url, ctx.urls.signals_card(lang))} for lang in order]
    return render_fragment("signals_card_links.html", links=links)


def _contact(site: "PortalSite", page_url: str) -> str:
    contact = site.ctx.catalog.settings.contact
    labels = site.ctx.labels
    website = render_fragment("link_to.html", url=contact.url, text=contact.url.removeprefix("https://").rstrip("/"))
    phone = render_fragment("link_to.html", url=phone_uri(contact.phone), text=contact.phone) if contact.phone else ""
    email = render_fragment("link_to.html", url=f"mailto:{contact.email}", text=contact.email) if contact.email else ""
    return render_fragment(
        "contact.html", contact=contact, website=website, phone=phone, email=email, t=labels, t_html=labels.html
    )


BLOCKS: dict[str, Callable[["PortalSite", str, MarkdownWriter], str]] = {
    "meldpunt": lambda site, page_url, out: out.join(_meldpunt(site, page_url)),
    "meldpunt-talen": lambda site, page_url, out: out.join(_meldpunt_languages(site, page_url)),
    "contact": lambda site, page_url, out: out.join(_contact(site, page_url)),
    "kalender": lambda site, page_url, out: site.calendar_block(page_url, out),
    "volgende-kennissessies": lambda site, page_url, out: site.next_sessions_block(page_url, out),
    "aanmelden": lambda site, page_url, out: site.registration_task_block(page_url, out),
    "alliantie": lambda site, page_url, out: site.alliance_block(page_url, out),
    "voortgang": lambda site, page_url, out: site.progress_block(page_url, out),
    "signalenkaart": lambda site, page_url, out: out.join(_signals_card(site, page_url)),
}


# The next sessions for one audience: <!-- portal: volgende-kennissessies-raadsleden -->, where the
# part after the prefix is an audience id of site_config/audiences.yml.
NEXT_FOR_AUDIENCE = "volgende-kennissessies-"


def _block(name: str, audiences: Iterable[str] | None) -> Callable[["PortalSite", str, MarkdownWriter], str] | None:
    """The block of that name; a block for one audience when the audience exists (None: the
    audiences are not known here, so any audience id is taken)."""
    if name in BLOCKS:
        return BLOCKS[name]
    audience = name.removeprefix(NEXT_FOR_AUDIENCE)
    if name.startswith(NEXT_FOR_AUDIENCE) and audience and (audiences is None or audience in audiences):
        return lambda site, page_url, out: site.next_sessions_block(page_url, out, audience=audience)
    return None


def expand_blocks(markdown: str, site: "PortalSite", page_url: str, stash: HtmlStash | None = None) -> str:
    """Replace every marker by its block; unknown names stay (unknown_blocks reports them).
    With a stash, the blocks' HTML waits there and Markdown sees only their headings."""

    def replace(match: re.Match[str]) -> str:
        render = _block(match.group("name"), site.ctx.catalog.audiences)
        if render is None:
            return match.group(0)
        # Blank lines around the block keep Markdown from gluing it to a paragraph.
        return "\n" + render(site, page_url, MarkdownWriter(stash)) + "\n"

    return _MARKER.sub(replace, markdown)


def unknown_blocks(source: str, display_path: str, audiences: Iterable[str] | None = None) -> list[Problem]:
    """Markers whose name no block has, at their line in the whole file (front matter included).
    `audiences`: the site's audience ids, for the blocks of one audience (None: not known here)."""
    known = ", ".join([*sorted(BLOCKS), f"{NEXT_FOR_AUDIENCE}<doelgroep>"])
    if audiences is not None:
        audiences = frozenset(audiences)
        known += f" (doelgroepen: {', '.join(sorted(audiences))})"
    return [
        Problem(
            display_path,
            source.count("\n", 0, match.start()) + 1,
            match.group(0).index("<") + 1,
            f"onbekend blok; deze blokken bestaan: {known}",
            match.group("name") or "(leeg)",
        )
        for match in _MARKER.finditer(source)
        if _block(match.group("name"), audiences) is None
    ]


def repeated_blocks(source: str, display_path: str) -> list[Problem]:
    """A second block with sessions (or a second voortgang) on one page: the same session or
    action would be on the page twice, with the same id (and a link to it would not know which)."""
    problems = []
    first: dict[str, int] = {}
    for match in _MARKER.finditer(source):
        name = match.group("name")
        kind = "sessions" if name in CALENDAR_BLOCKS or name.startswith(NEXT_FOR_AUDIENCE) else name
        if kind not in ("sessions", *PROGRESS_BLOCKS):
            continue
        line = source.count("\n", 0, match.start()) + 1
        if kind in first:
            what = "kennissessies" if kind == "sessions" else "de voortgang"
            problems.append(Problem(
                display_path, line, match.group(0).index("<") + 1,
                f"dit blok toont {what}, en op regel {first[kind]} van deze pagina staat daar al een blok voor; "
                "haal één van de twee weg (zo staat niets twee keer op de pagina)", name))
        else:
            first[kind] = line
    return problems


# Blocks that show sessions, or the voortgang: they need the calendar's words (strings.yml),
# which exist only in the calendar's languages (calendar_languages in mkdocs.yml).
CALENDAR_BLOCKS = frozenset({"kalender", "volgende-kennissessies", "aanmelden"})
PROGRESS_BLOCKS = frozenset({"voortgang"})


def page_language(name: str, languages: tuple[str, ...], default: str) -> str:
    """The language of a page by its file name: meldpunt.pl.md is Polish, meldpunt.md the default."""
    parts = name.split(".")
    return parts[-2] if len(parts) >= 3 and parts[-2] in languages else default


def calendar_blocks_outside_calendar(
    source: str, display_path: str, language: str, calendar_languages: tuple[str, ...]
) -> list[Problem]:
    """A session block on a page whose language the calendar is not in."""
    if language in calendar_languages:
        return []
    where = ", ".join(calendar_languages)
    sentences = {
        **dict.fromkeys(CALENDAR_BLOCKS, f"dit blok toont kennissessies, en die staan alleen op pagina's in de talen van "
                                         f"de kalender ({where}); haal het blok weg, of link naar de kalender, zoals "
                                         "[Kennissessies](kennissessies/index.md)"),
        **dict.fromkeys(PROGRESS_BLOCKS, f"dit blok toont de voortgang, en die staat alleen op pagina's in de talen van "
                                         f"de kalender ({where}); haal het blok weg, of link naar de voortgang, zoals "
                                         "[Voortgang](voortgang.md)"),
    }
    return [
        Problem(
            display_path,
            source.count("\n", 0, match.start()) + 1,
            match.group(0).index("<") + 1,
            sentences.get(match.group("name"), sentences["volgende-kennissessies"]),
            match.group("name"),
        )
        for match in _MARKER.finditer(source)
        if match.group("name") in sentences or match.group("name").startswith(NEXT_FOR_AUDIENCE)
    ]


def phone_uri(phone: str | None) -> str | None:
    """tel: link for a number as people write it ("14 0529" dials 140529)."""
    if phone is None:
        return None
    return "tel:" + re.sub(r"[^0-9+]", "", phone)
