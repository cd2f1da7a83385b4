"""SVG images (partner logos, images in pages, the site's icon): refused when they could run code
or fetch anything.

An SVG file is a document, not only a picture: opened on its own (a reader clicks the logo, or
a search engine links it) it runs its scripts and event handlers in the site's origin, and it can
load other files and hosts. We refuse such a file rather than sanitise it. A sanitiser must
know every way an SVG can run code or fetch (scripts, handlers, animations that rewrite links,
foreignObject with HTML, stylesheets, entities, processing instructions), browsers keep adding
ways, and a cleaned file silently differs from what the editor made; a real logo needs none of
them, and an editor can export it again as a plain SVG. Refusal is one rule that is easy to
state and to test.

The file is parsed with defusedxml, which refuses DTDs and entities (an "entity bomb" of a few
hundred bytes expands to gigabytes) and never fetches an external entity.
"""

from __future__ import annotations

import io
import re
import xml.sax
from xml.sax.handler import ContentHandler, feature_namespaces
from xml.sax.xmlreader import InputSource

from defusedxml import DefusedXmlException
from defusedxml.expatreader import create_parser

from ..problems import Problem
from .html_policy import normalise_url

SVG_NS = "http://www.w3.org/2000/svg"
XHTML_NS = "http://www.w3.org/1999/xhtml"
XML_NS = "http://www.w3.org/XML/1998/namespace"
# Enough to fix a file; a hostile file could otherwise report a line per element.
MAX_PROBLEMS = 20

_SCRIPT = {"script", "handler", "listener"}
_EMBED = {"iframe", "embed", "object", "audio", "video", "source", "track", "canvas", "frame", "applet"}
_ANIMATION = {"set", "animate", "animatemotion", "animatetransform", "animatecolor", "discard"}
_URL_FUNCTION = re.compile(r"url\s*\(\s*(['\"]?)\s*([^'\")]*)", re.IGNORECASE)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
# CSS that loads a file without url(), or ran code in old browsers.
_CSS_LOADERS = re.compile(r"@import|image-set\s*\(|image\s*\(|cross-fade\s*\(|element\s*\(|expression\s*\(|"
                          r"-moz-binding|behavior\s*:", re.IGNORECASE)

_NOT_XML = ("dit SVG-bestand is geen geldige XML, zodat niet te zien is wat het doet; controleer of elke tag "
            "gesloten is en & als &amp; geschreven is, of exporteer het bestand opnieuw als SVG")
_DOCTYPE = ("dit SVG-bestand heeft een <!DOCTYPE> of <!ENTITY>, die niet nodig zijn en de bouw kunnen laten "
            "vastlopen; haal ze weg of exporteer het bestand opnieuw als gewone SVG")
_NOT_SVG = ("dit bestand is geen SVG-afbeelding; het moet beginnen met "
            "<svg xmlns=\"http://www.w3.org/2000/svg\" ...>, zoals een export uit een tekenprogramma")
_SCRIPT_SENTENCE = ("een {tag} in een SVG-bestand draait code als iemand het bestand opent; haal het weg of "
                    "exporteer het bestand opnieuw zonder scripts")
_FOREIGN = ("<foreignObject> zet HTML in een SVG-bestand en mag niet; exporteer het bestand opnieuw als gewone "
            "SVG (alleen vormen en tekst) of gebruik een PNG")
_HTML_ELEMENT = ("HTML-tags ({tag}) mogen niet in een SVG-bestand; exporteer het bestand opnieuw als gewone SVG "
                 "(alleen vormen en tekst) of gebruik een PNG")
_EMBED_SENTENCE = ("een ingesloten object ({tag}) mag niet in een SVG-bestand, want het haalt iets op of speelt "
                   "iets af; haal het weg of gebruik een PNG")
_ANIMATION_SENTENCE = ("een animatie ({tag}) mag niet in een SVG-bestand, want zij kan links en code veranderen; "
                       "haal de animatie weg")
_HANDLER = ("het attribuut {name} voert code uit en mag niet in een SVG-bestand; haal het weg of exporteer het "
            "bestand opnieuw zonder scripts")
_REFERENCE = ("deze verwijzing ({name}) wijst naar iets buiten het bestand, en een SVG-bestand mag niets ophalen; "
              "verwijs alleen naar iets in hetzelfde bestand, zoals {name}=\"#vorm\"")
_EMBEDDED_DATA = ("een ingesloten bestand (data:) mag niet in een SVG-bestand, omdat het code kan bevatten; "
                  "exporteer het logo als gewone SVG met alleen vormen, of gebruik een PNG")
_BASE = "het attribuut xml:base verandert waar verwijzingen heen gaan en mag niet; haal het weg"
_CSS_EXTERNAL = ("deze stijl haalt iets op buiten het bestand (url(...) naar een ander bestand, of @import); "
                 "gebruik alleen url(#naam) voor iets in hetzelfde bestand")
_CSS_OUTSIDE_SITE = ("een stijl mag niets van een andere website laden (url() met een webadres, @import, image-set); "
                     "de site vraagt niets op bij andere servers: zet het bestand in site_config/assets/ en verwijs er "
                     "met een eigen pad naar, zoals url(favicon.svg)")
_CSS_ESCAPE = ("deze stijl heeft een backslash (\\), waarmee een verwijzing verstopt kan worden; schrijf de stijl "
               "zonder backslash")
_INSTRUCTION = ("een verwerkingsinstructie ({target}) mag niet in een SVG-bestand, want zij kan een ander bestand "
                "laden; haal de regel <?{target} ...?> weg")


def svg_problems(data: bytes, display: str) -> list[Problem]:
    """Every reason to refuse this SVG file, at its line and column."""
    handler = _Inspector(display)
    parser = create_parser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    parser.setFeature(feature_namespaces, True)
    parser.setContentHandler(handler)
    source = InputSource()
    source.setByteStream(io.BytesIO(data))
    try:
        parser.parse(source)
    except _Enough:
        pass
    except DefusedXmlException:
        line, col = _position_of(data, (b"<!DOCTYPE", b"<!ENTITY"))
        handler.problems.append(Problem(display, line, col, _DOCTYPE))
    except xml.sax.SAXParseException as error:
        handler.problems.append(Problem(display, error.getLineNumber() or 1, (error.getColumnNumber() or 0) + 1, _NOT_XML))
    except (xml.sax.SAXException, ValueError, RecursionError):
        handler.problems.append(Problem(display, 1, 1, _NOT_XML))
    if not handler.problems and not handler.saw_root:
        handler.problems.append(Problem(display, 1, 1, _NOT_SVG))
    return handler.problems


class _Enough(Exception):
    pass


class _Inspector(ContentHandler):
    def __init__(self, display: str) -> None:
        super().__init__()
        self.display = display
        self.problems: list[Problem] = []
        self.saw_root = False
        self.locator = None
        self.style_text: list[str] | None = None
        self.style_at = (1, 1)

    def setDocumentLocator(self, locator) -> None:
        self.locator = locator

    def _here(self) -> tuple[int, int]:
        if self.locator is None:
            return 1, 1
        return self.locator.getLineNumber() or 1, (self.locator.getColumnNumber() or 0) + 1

    def _report(self, sentence: str, written: str | None = None, at: tuple[int, int] | None = None) -> None:
        line, col = at or self._here()
        self.problems.append(Problem(self.display, line, col, sentence, written))
        if len(self.problems) >= MAX_PROBLEMS:
            raise _Enough

    def processingInstruction(self, target: str, data: str) -> None:
        self._report(_INSTRUCTION.replace("{target}", target[:30]))

    def startElementNS(self, name, qname, attrs) -> None:
        namespace, local = name
        tag = local.lower()
        shown = "<" + local[:30] + ">"
        if not self.saw_root:
            self.saw_root = True
            if namespace != SVG_NS or local != "svg":
                self._report(_NOT_SVG, shown)
        if namespace == XHTML_NS:
            self._report(_HTML_ELEMENT.replace("{tag}", shown))
        elif tag in _SCRIPT:
            self._report(_SCRIPT_SENTENCE.replace("{tag}", shown))
        elif tag == "foreignobject":
            self._report(_FOREIGN)
        elif tag in _EMBED:
            self._report(_EMBED_SENTENCE.replace("{tag}", shown))
        elif tag in _ANIMATION:
            self._report(_ANIMATION_SENTENCE.replace("{tag}", shown))
        for (attr_namespace, attr_local), value in attrs.items():
            self._check_attribute(attr_namespace, attr_local, value)
        if tag == "style":
            self.style_text = []
            self.style_at = self._here()

    def characters(self, content: str) -> None:
        if self.style_text is not None:
            self.style_text.append(content)

    def endElementNS(self, name, qname) -> None:
        if self.style_text is not None and name[1].lower() == "style":
            sentence = css_problem("".join(self.style_text))
            self.style_text = None
            if sentence:
                self._report(sentence, at=self.style_at)

    def _check_attribute(self, namespace: str | None, local: str, value: str) -> None:
        name = local.lower()
        shown = ("xlink:" if namespace and "xlink" in namespace else "") + local[:30]
        if name.startswith("on"):
            self._report(_HANDLER.replace("{name}", shown), value)
        elif namespace == XML_NS and name == "base":
            self._report(_BASE, value)
        elif name in ("href", "src"):
            url = normalise_url(value)
            if url.startswith("data:"):
                self._report(_EMBEDDED_DATA, value)
            elif not url.startswith("#"):
                self._report(_REFERENCE.replace("{name}", shown), value)
        elif name == "style" or "url" in value.lower() or "\\" in value:
            sentence = css_problem(value)
            if sentence:
                self._report(sentence, value)


def css_problem(css: str, *, site_files: bool = False) -> str | None:
    """A stylesheet or style attribute that loads anything outside its own file, or, with
    `site_files` (the site's own stylesheets), anything from another website."""
    css = _CSS_COMMENT.sub(" ", css)
    outside = _CSS_OUTSIDE_SITE if site_files else _CSS_EXTERNAL
    if "\\" in css:
        return _CSS_ESCAPE
    if _CSS_LOADERS.search(css):
        return outside
    for match in _URL_FUNCTION.finditer(css):
        target = match.group(2).strip()
        own = target.startswith("#") or (site_files and target and not re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*:|//)", target))
        if not own:
            return outside
    return None


def _position_of(data: bytes, needles: tuple[bytes, ...]) -> tuple[int, int]:
    found = [data.find(needle) for needle in needles]
    found = [index for index in found if index >= 0]
    if not found:
        return 1, 1
    offset = min(found)
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1
