"""What HTML an editor may write in a page, and which addresses a page may use.

An allow-list, not a list of bad things: whatever is not named here is refused, so a trick
nobody thought of (a new element, a new attribute) fails the check instead of reaching readers.
Each judgement returns the Dutch sentence for the editor, or None when all is well. The same
rules judge the Markdown source (checks/active_content.py) and the HTML that Markdown made of it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection

# Tags an editor may write in a Markdown page: text markup, tables, folding blocks, figures.
EDITOR_TAGS = frozenset(
    "a abbr b blockquote br caption code col colgroup dd del details div dl dt em figcaption figure "
    "h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p q s small span strong sub summary sup "
    "table tbody td tfoot th thead time tr u ul".split()
)
# What Markdown, its extensions (toc, admonition, emoji as inline SVG) and the portal's own
# blocks add; an editor does not write these, but they are in the page after rendering.
RENDERED_TAGS = EDITOR_TAGS | frozenset("nav section pre svg path g circle rect ellipse line polygon polyline".split())

EDITOR_ATTRIBUTES = frozenset("class id title lang dir markdown aria-label".split())
TAG_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "reversed"}),
    "details": frozenset({"open"}),
    "time": frozenset({"datetime"}),
}
# Attributes of the rendered page beyond the editors' (the portal's blocks: states read by
# portal-states.js, download links, hidden texts; the emoji extension's SVG shapes).
RENDERED_ATTRIBUTES = frozenset("role hidden download scope datetime".split())
SVG_SHAPE_ATTRIBUTES = frozenset(
    "xmlns viewbox width height fill fill-rule clip-rule opacity transform d cx cy r rx ry x y x1 y1 x2 y2 "
    "points focusable aria-hidden".split()
)
_SVG_SHAPES = frozenset("svg path g circle rect ellipse line polygon polyline".split())
_RENDERED_PATTERNS = re.compile(r"^(aria-[a-z]+|data-portal-[a-z-]+)$")

# Python-Markdown's tables extension aligns cells with exactly this style.
_TABLE_ALIGN = re.compile(r"^\s*text-align:\s*(left|right|center)\s*;?\s*$", re.IGNORECASE)
# Site ids start with "__" (Material: __config, __search ...); an editor's id must not take
# one of them over, or the site's own script would read the editor's element instead.
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")

# Names for the groups of refused tags, so each gets a sentence that says what to do instead.
_SCRIPT_TAGS = {"script", "noscript", "template"}
_EMBED_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "fencedframe",
               "audio", "video", "source", "track", "picture", "canvas"}
_FORM_TAGS = {"form", "input", "button", "select", "option", "textarea", "label", "fieldset", "output"}
_HEAD_TAGS = {"link", "meta", "base", "head", "html", "body", "title"}

ALLOWED_TAGS_TEXT = ("div, span, p, br, strong, em, abbr, sup, sub, kbd, mark, details, summary, figure, figcaption, "
                     "de tabel-tags, a en img")

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
# Tabs and line breaks (a browser drops them from an address) and invisible format characters.
_DROPPED = re.compile("[\t\n\r\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f\u202a-\u202e"
                      "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")
_INVISIBLE = "".join(chr(c) for c in range(0x21)) + "\x7f\u00a0\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"


def tag_problem(tag: str, *, rendered: bool = False) -> str | None:
    tag = tag.lower()
    if tag in (RENDERED_TAGS if rendered else EDITOR_TAGS):
        return None
    shown = "<" + tag[:30] + ">"
    if tag in _SCRIPT_TAGS:
        return (f"een {shown} mag niet in een pagina, want het zou code laten draaien bij elke lezer; "
                "haal het weg (iets interactiefs vraagt u aan bij de beheerders van de site)")
    if tag == "style":
        return ("een <style> mag niet in een pagina; de vormgeving staat in site_config/assets/portal.css: "
                "gebruik een bestaande class of vraag de beheerders om een nieuwe stijl")
    if tag in _EMBED_TAGS:
        return (f"een ingesloten pagina, film of object ({shown}) mag niet, want dat haalt iets op bij een andere "
                "website; zet er een gewone link naar neer, zoals [Bekijk de film](https://...)")
    if tag in _FORM_TAGS:
        return (f"een formulier of invoerveld ({shown}) mag niet in een pagina; link naar het formulier, "
                "zoals [Meld het hier](https://...)")
    if tag in _HEAD_TAGS:
        return (f"de tag {shown} hoort niet in een pagina, want hij verandert de hele pagina of haalt iets op bij "
                "een andere website; haal hem weg (een link schrijft u als [tekst](adres))")
    if tag in ("svg", "math"):
        return (f"een tekening in de tekst ({shown}) mag niet; sla haar op als bestand in content/ en zet haar "
                "neer als afbeelding: ![beschrijving](tekening.svg)")
    return (f"de HTML-tag {shown} mag niet in een pagina; gebruik Markdown of een van deze tags: "
            f"{ALLOWED_TAGS_TEXT}")


def attribute_problem(
    tag: str | None, name: str, value: str | None, *, rendered: bool = False, own_feeds: Collection[str] = ()
) -> str | None:
    """`tag` None: an attribute list of Markdown's attr_list ({: ...}), which may sit on any tag.
    `own_feeds`: the webcal:// addresses of the site's own calendars (see url_problem)."""
    name = name.lower()
    if name.startswith("on"):
        return (f"het attribuut {name[:30]} voert code uit en mag niet; haal het weg (een knop maakt u met "
                "een link: [tekst](adres){ .md-button })")
    if name == "style":
        if rendered and tag in ("td", "th") and _TABLE_ALIGN.match(value or ""):
            return None
        return ("het attribuut style mag niet, want een stijl kan iets ophalen bij een andere website of de pagina "
                "onleesbaar maken; gebruik class=\"...\" met een stijl uit site_config/assets/portal.css")
    if not _attribute_allowed(tag, name, rendered):
        if name.startswith("data-"):
            return (f"het attribuut {name[:30]} mag niet, want de scripts van de site reageren op data-attributen; "
                    "haal het weg")
        where = f" bij <{tag}>" if tag else ""
        allowed = sorted(EDITOR_ATTRIBUTES | TAG_ATTRIBUTES.get(tag or "", frozenset()))
        return f"het attribuut {name[:30]} mag niet{where}; toegestaan zijn: {', '.join(allowed)}"
    # Markdown's headings get ids such as "_1" (a heading without Latin letters): fine, unless "__".
    if name == "id" and value is not None and (value.startswith("__") if rendered else not _ID.match(value)):
        return ("deze id moet met een letter beginnen en mag alleen letters, cijfers, - en _ bevatten "
                "(namen met __ gebruikt de site zelf); kies een andere naam")
    if name == "href":
        return url_problem(value or "", image=False, own_feeds=own_feeds)
    if name == "src":
        return url_problem(value or "", image=True)
    return None


def _attribute_allowed(tag: str | None, name: str, rendered: bool) -> bool:
    if name in EDITOR_ATTRIBUTES:
        return True
    if tag is None:
        return any(name in names for names in TAG_ATTRIBUTES.values())
    if name in TAG_ATTRIBUTES.get(tag, frozenset()):
        return True
    if rendered:
        if tag in _SVG_SHAPES:
            return name in SVG_SHAPE_ATTRIBUTES
        return name in RENDERED_ATTRIBUTES or bool(_RENDERED_PATTERNS.match(name))
    return False


def normalise_url(value: str) -> str:
    """The address as a browser reads it: character references decoded, tabs and line breaks
    inside dropped, spaces and control characters around it gone, backslashes as slashes."""
    value = _DROPPED.sub("", html.unescape(value))
    return value.strip(_INVISIBLE).replace("\\", "/").lower()


# A plain-http link runs nothing and loads nothing into the page: the reader only leaves the site
# over an unprotected connection. So it is a warning (in `portal check`), not an error.
HTTP_LINK = "schrijf het adres met https:// in plaats van http://, zodat het veilig opent"


def url_problem(value: str, *, image: bool, own_feeds: Collection[str] = ()) -> str | None:
    """An address in a link (`image` False: https, mailto, tel, the site's own pages, #) or the
    source of an image (`image` True: only a file of this site).

    `own_feeds` holds the webcal:// addresses of the site's own calendar feeds, exactly as the
    portal writes them: a link to one of those opens the reader's calendar app on this site's
    feed. Any other webcal: link is refused, so a page cannot subscribe readers to a calendar
    somewhere else (an app would then fetch events from that host for as long as they stay)."""
    if not image and value in own_feeds:
        return None
    url = normalise_url(value)
    match = _SCHEME.match(url)
    scheme = match.group(1) if match else None
    if scheme in ("webcal", "webcals"):
        return ("een webcal:-link maakt de site zelf, bij de agenda om op te abonneren (het blok <!-- portal: "
                "kalender -->); link hier naar de agenda van deze site, zoals [kalender.ics](kennissessies/kalender.ics)")
    if scheme in ("javascript", "vbscript", "livescript"):
        return (f"een adres dat begint met {scheme}: voert code uit in plaats van een pagina te openen; "
                "link naar een pagina met https://, naar mailto: of tel:, of naar een pagina van deze site "
                "(zoals meldpunt.md)")
    if scheme == "data":
        return ("een data:-adres mag niet, want het kan code bevatten; zet het bestand in content/ en verwijs "
                "ernaar, zoals ![beschrijving](img/foto.jpg)")
    external = scheme is not None or url.startswith("//")
    if image and external:
        return ("een afbeelding van een andere website mag niet, want de site vraagt niets op bij andere servers "
                "(privacy van de lezers); sla de afbeelding op in content/ en verwijs ernaar, zoals "
                "![beschrijving](img/foto.jpg)")
    if image or scheme in ("https", "mailto", "tel"):
        return None
    if scheme == "http":
        return HTTP_LINK
    if url.startswith("//"):
        return "een adres dat met // begint, opent een andere website; schrijf het voluit met https://"
    if scheme is not None:
        return (f"een adres dat begint met {scheme[:20]}: kan niet in de site; gebruik https://, mailto:, tel: "
                "of een pagina van deze site (zoals meldpunt.md)")
    return None


_HTML_CHARACTERS = re.compile(r'[<>"]')


def unsafe_text(value: str) -> bool:
    """A text that MkDocs or Material prints without escaping (a title, a menu label, a site name)
    may hold no HTML characters and no entity that a browser, or Jinja's striptags, decodes."""
    return bool(_HTML_CHARACTERS.search(value)) or html.unescape(value) != value
