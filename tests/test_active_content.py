"""Active content is refused: scripts, handlers, foreign hosts and hostile addresses in Markdown
pages and SVG files, each at its file:line:col; and text from YAML reaches the pages as text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from ruamel.yaml import YAML

from conftest import REPO, build_site, copy_project, parse_html, run_portal
from arbeidsmigranten_portaal.checks.active_content import check_active_content, markdown_problems, rendered_html_problems
from arbeidsmigranten_portaal.checks.svg import svg_problems
from arbeidsmigranten_portaal.load import SourceDirs

NOW = "2027-01-15 09:00"

# --- Markdown: hostile snippets ------------------------------------------------------------------
# (snippet, [(line, col, words of the sentence)]); the snippet starts on line 3 of its page.
HOSTILE_MARKDOWN = {
    "script": ("<script>alert(1)</script>", [(3, 1, "een <script> mag niet")]),
    "script in a sentence": ("Tekst <SCRIPT src=x.js></SCRIPT>", [(3, 7, "een <script> mag niet")]),
    "style element": ("<style>body{display:none}</style>", [(3, 1, "een <style> mag niet")]),
    "iframe": ('<iframe src="https://video.example/x"></iframe>', [(3, 1, "ingesloten pagina")]),
    "object": ('<object data="x.swf"></object>', [(3, 1, "ingesloten pagina")]),
    "embed": ('<embed src="x.swf">', [(3, 1, "ingesloten pagina")]),
    "form": ('<form action="https://x.example/"><input name="q"></form>', [(3, 1, "formulier"), (3, 35, "formulier")]),
    "link element": ('<link rel="stylesheet" href="https://cdn.example/x.css">', [(3, 1, "de tag <link>")]),
    "meta refresh": ('<meta http-equiv="refresh" content="0;url=https://x.example/">', [(3, 1, "de tag <meta>")]),
    "base": ('<base href="https://x.example/">', [(3, 1, "de tag <base>")]),
    "inline svg": ("<svg onload=alert(1)>", [(3, 1, "een tekening in de tekst (<svg>)")]),
    "unknown tag": ("<marquee>hoi</marquee>", [(3, 1, "de HTML-tag <marquee> mag niet")]),
    "event handler": ('<span onclick="alert(1)">x</span>', [(3, 7, "het attribuut onclick voert code uit")]),
    "handler after a slash": ('<img src="a.png"/onerror=alert(1) alt="">', [(3, 18, "het attribuut onerror voert code uit")]),
    "style attribute": ('<div style="background:url(https://t.example/p.gif)">x</div>', [(3, 6, "het attribuut style mag niet")]),
    "data attribute": ('<span data-md-component="search">x</span>', [(3, 7, "de scripts van de site reageren op data-attributen")]),
    "unknown attribute": ('<img src="a.png" srcset="https://t.example/p.gif 2x" alt="">', [(3, 18, "het attribuut srcset mag niet bij <img>")]),
    "id of the site": ('<div id="__config">x</div>', [(3, 6, "deze id moet met een letter beginnen")]),
    "javascript link": ("Zie [hier](javascript:alert(1)).", [(3, 12, "begint met javascript: voert code uit")]),
    "mixed case": ("[x](JaVaScRiPt:alert(1))", [(3, 5, "begint met javascript:")]),
    "tab entity": ("[x](java&#x09;script:alert(1))", [(3, 5, "begint met javascript:")]),
    "named entities": ('<a href="javascript&colon;alert(1)">x</a>', [(3, 4, "begint met javascript:")]),
    "decimal entity": ('<a href="&#106;avascript:alert(1)">x</a>', [(3, 4, "begint met javascript:")]),
    "leading spaces and controls": ("[x](  \x01 javascript:alert(1))", [(3, 7, "begint met javascript:")]),
    "markdown escape": ("[x](javascript\\:alert(1))", [(3, 5, "begint met javascript:")]),
    "angle brackets": ("[x](<javascript:alert(1)>)", [(3, 6, "begint met javascript:")]),
    "title after it": ('[x](javascript:alert(1) "titel")', [(3, 5, "begint met javascript:")]),
    "vbscript": ("[x](vbscript:msgbox(1))", [(3, 5, "begint met vbscript:")]),
    "data url link": ("[x](data:text/html;base64,PHNjcmlwdD4=)", [(3, 5, "een data:-adres mag niet")]),
    "data url image": ('<img src="data:image/svg+xml,&lt;svg onload=alert(1)&gt;" alt="">', [(3, 6, "een data:-adres mag niet")]),
    "autolink": ("<javascript:alert(1)>", [(3, 2, "begint met javascript:")]),
    "reference definition": ("[klik][a]\n\n[a]: javascript:alert(1)", [(5, 6, "begint met javascript:")]),
    "reference on the next line": ("[klik][a]\n\n[a]:\n    javascript:alert(1)", [(6, 5, "begint met javascript:")]),
    "attr_list handler": ('[knop](meldpunt.md){ onclick="alert(1)" }', [(3, 22, "het attribuut onclick")]),
    "attr_list href": ('[knop](meldpunt.md){: href="javascript:alert(1)" }', [(3, 23, "begint met javascript:")]),
    "attr_list id": ("## Kop { #__search }", [(3, 10, "deze id moet met een letter beginnen")]),
    "attr_list alone": ("Tekst\n{: style=\"color:red\" }", [(4, 4, "het attribuut style mag niet")]),
    "tracking pixel": ("![](https://tracker.example/p.gif)", [(3, 5, "een afbeelding van een andere website")]),
    "http image": ("![x](http://tracker.example/p.gif)", [(3, 6, "een afbeelding van een andere website")]),
    "protocol-relative image": ('<img src="//tracker.example/p.gif" alt="">', [(3, 6, "een afbeelding van een andere website")]),
    "backslash host image": ('<img src="\\\\tracker.example/p.gif" alt="">', [(3, 6, "een afbeelding van een andere website")]),
    "image reference": ("![x][p]\n\n[p]: https://tracker.example/p.gif", [(5, 6, "een afbeelding van een andere website")]),
    "image in a link": ("[![x](https://t.example/p.gif)](meldpunt.md)", [(3, 7, "een afbeelding van een andere website")]),
    "plain http link": ("[x](http://www.example.nl/)", [(3, 5, "schrijf het adres met https://")]),
    "protocol-relative link": ('<a href="//evil.example/">x</a>', [(3, 4, "een adres dat met // begint")]),
    "other scheme": ("[x](file:///etc/passwd)", [(3, 5, "een adres dat begint met file:")]),
    "abrupt comment": ("<!--> <img src=x onerror=alert(1)> -->", [(3, 1, "HTML-opmerking is zo geschreven"), (3, 18, "onerror")]),
    "comment ended by --!>": ("<!-- x --!> <b onclick=alert(1)>x</b> -->", [(3, 1, "HTML-opmerking is zo geschreven"), (3, 16, "onclick")]),
    "unclosed comment": ("<!-- nooit dicht\n<script>x</script>", [(3, 1, "wordt niet afgesloten"), (4, 1, "een <script>")]),
    "cdata": ("<![CDATA[><script>alert(1)</script>]]>", [(3, 1, "een <!...>- of <?...>-tag"), (3, 11, "een <script>")]),
    "processing instruction": ("<?php echo 1; ?>", [(3, 1, "een <!...>- of <?...>-tag")]),
    "unclosed fence is no code": ("```\n<script>x</script>", [(4, 1, "een <script>")]),
    "list continuation is no code": ("- punt\n\n    <script>x</script>", [(5, 5, "een <script>")]),
    "admonition is no code": ("!!! note\n\n    <iframe src=x></iframe>", [(5, 5, "ingesloten pagina")]),
    "html block with markdown": ('<div class="x" markdown>\n<span onclick="x">y</span>\n</div>', [(4, 7, "onclick")]),
    "two on one line": ('<b onclick="a">x</b> <i onmouseover="b">y</i>', [(3, 4, "onclick"), (3, 25, "onmouseover")]),
}


@pytest.mark.parametrize("name", list(HOSTILE_MARKDOWN))
def test_hostile_markdown_is_refused_at_its_place(name: str) -> None:
    snippet, expected = HOSTILE_MARKDOWN[name]
    problems = markdown_problems("# Pagina\n\n" + snippet + "\n", "content/x.md")
    found = [(p.line, p.col) for p in problems]
    assert found == [(line, col) for line, col, _ in expected], [p.as_line() for p in problems]
    for problem, (_, _, words) in zip(problems, expected):
        assert words in problem.message, problem.as_line()
        assert problem.path == "content/x.md"
        # One sentence that says what to write instead: a semicolon or colon before the advice.
        assert "\n" not in problem.message and (";" in problem.message or ":" in problem.message)


def test_front_matter_keeps_line_numbers_and_is_not_html() -> None:
    page = "---\ntitle: <script>x</script>\n---\n\n# Kop\n\n<script>y</script>\n"
    problems = markdown_problems(page, "content/x.md")
    assert [(p.line, p.col) for p in problems] == [(7, 1)]


@pytest.mark.parametrize("page", [
    "<b onclick=x>" * 70000 + "[" * 200000 + "](" * 100000,
    "<a" + ' q="<a"' * 120000,  # every '<' starts a tag that never ends: read again and again
    "<script>x</script>" * 50000 + "{a" * 100000 + "`" * 1000,
])
def test_a_hostile_page_gives_a_bounded_list_quickly(page: str) -> None:
    import time

    start = time.monotonic()
    problems = markdown_problems(page, "content/x.md")
    assert time.monotonic() - start < 10
    assert 0 < len(problems) <= 100


# --- Markdown: what editors may write ------------------------------------------------------------
ALLOWED_MARKDOWN = {
    "portal block": "<!-- portal: meldpunt -->",
    "privacy marker": "<!-- privacy: ok -->",
    "news excerpt marker": "<!-- more -->",
    "plain comment": "<!-- let op: nog nakijken -->",
    "button": "[Naar het meldpunt](meldpunt.md){ .md-button .md-button--primary }",
    "heading id": "## Melden { #melden }",
    "grid cards": '<div class="grid cards" markdown>\n\n-   **Meldpunt**\n\n    [Melden](meldpunt.md)\n\n</div>',
    "text markup": "<strong>vet</strong> <em>schuin</em> <abbr title=\"Regionaal Informatie- en Expertisecentrum\">RIEC</abbr> "
                   "H<sub>2</sub>O m<sup>2</sup> <kbd>Ctrl</kbd> <mark>let op</mark> <br>",
    "details": "<details open><summary>Meer</summary>\n\nTekst\n\n</details>",
    "figure": '<figure markdown>\n![Een unit op het erf](img/unit.jpg){ width="300" }\n<figcaption>Unit</figcaption>\n</figure>',
    "table": '<table><thead><tr><th scope="col">a</th></tr></thead><tbody><tr><td colspan="2">b</td></tr></tbody></table>',
    "language": '<span lang="pl">Zgłoś problem</span> <p dir="rtl" lang="ar">x</p>',
    "links": "[a](https://www.nlarbeidsinspectie.nl) [b](mailto:meldpunt@dalfsen.nl) [c](tel:+31529488388) "
             "[d](../rechten.md#huur) [e](#boven) [f](/kennissessies/) <a href=\"https://www.riec.nl/\" title=\"RIEC\">g</a>",
    "autolinks": "<https://www.dalfsen.nl/> <meldpunt@dalfsen.nl>",
    "own images": '![kaart](img/kaart.png) <img src="../img/logo.svg" alt="logo" width="120" height="40" loading="lazy">',
    "code span": "Schrijf `<script>` nooit; ook ``a ` <iframe src=x>`` niet.",
    "fenced code": "```html\n<script>alert(1)</script>\n[x](javascript:alert(1))\n```",
    "tilde fence": "~~~~\n<iframe src=x></iframe>\n~~~~",
    "indented code": "Zo niet:\n\n    <script>alert(1)</script>\n    ![x](https://t.example/p.gif)",
    "less than in text": "Minder dan 5 <  10 en a<b is geen tag? 3 <5 jaar.",
    "braces in text": "Vul {naam} in en {datum} op het formulier.",
    "javascript as a word": "Zet JavaScript aan in de browser: javascript is niet nodig voor deze site.",
    "unquoted value is one value": "<a href=#x/onmouseover=alert(1)>x</a>",  # a browser reads href="#x/onmouse..."
    "escaped brackets": "\\[niet een link\\](javascript:alert(1)) — wel zichtbaar",
}


@pytest.mark.parametrize("name", list(ALLOWED_MARKDOWN))
def test_allowed_markdown_passes(name: str) -> None:
    problems = markdown_problems("# Pagina\n\n" + ALLOWED_MARKDOWN[name] + "\n", "content/x.md")
    assert problems == [], [p.as_line() for p in problems]


def test_the_repository_content_passes() -> None:
    dirs = SourceDirs(REPO, REPO / "site_config", REPO / "sessions", REPO / "partners", REPO / "content")
    assert check_active_content(dirs) == []


def test_portal_check_on_the_repository_says_all_is_well() -> None:
    result = run_portal("check")
    assert "portal check: alles in orde" in result.stderr, result.stdout + result.stderr


# --- The second line: the HTML that Markdown made ------------------------------------------------

@pytest.fixture(scope="module")
def render():
    """Markdown with the extensions and settings of the site's own mkdocs.yml."""
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"))
    return lambda text: markdown.Markdown(extensions=config.markdown_extensions,
                                          extension_configs=config.mdx_configs).convert(text)


# Snippets that Markdown itself shows as text (escaped), so that nothing is left to refuse.
ESCAPED_BY_MARKDOWN = {"handler after a slash"}


@pytest.mark.parametrize("name", list(HOSTILE_MARKDOWN))
def test_the_rendered_html_of_each_hostile_snippet_is_refused_too(render, name: str) -> None:
    html = render("# Pagina\n\n" + HOSTILE_MARKDOWN[name][0] + "\n")
    problems = rendered_html_problems(html, "content/x.md")
    if name in ESCAPED_BY_MARKDOWN:
        assert problems == [] and "&lt;" in html, html
        return
    assert problems, html
    assert all(p.line == 1 and p.message.startswith("na het omzetten van de pagina naar HTML: ") for p in problems)


@pytest.mark.parametrize("name", list(ALLOWED_MARKDOWN))
def test_the_rendered_html_of_allowed_markdown_passes(render, name: str) -> None:
    html = render("# Pagina\n\n" + ALLOWED_MARKDOWN[name] + "\n")
    assert rendered_html_problems(html, "content/x.md") == [], html


@pytest.mark.parametrize("html, words", [
    ('<h2 id="__config">Kop</h2>', "deze id"),
    ('<a href="javascript:alert(1)">x</a>', "javascript:"),
    ('<p><img src="https://t.example/p.gif"></p>', "andere website"),
    ('<td style="background:url(https://t.example/p.gif)">x</td>', "style"),
    ('<span data-md-component="x">x</span>', "data-attributen"),
    ("<![CDATA[><script>alert(1)</script>]]>", "<!...>"),
    ("<!--> <img src=x onerror=alert(1)> -->", "HTML-opmerking"),
    ("<p>a <!-- open <script>alert(1)</script>", "'<'"),
])
def test_rendered_html_outside_the_allow_list_is_refused(html: str, words: str) -> None:
    problems = rendered_html_problems(html, "content/x.md")
    assert any(words in p.message for p in problems), [p.as_line() for p in problems]


def test_rendered_html_of_markdown_and_the_portal_passes() -> None:
    html = ('<h2 id="_1">Начало<a class="headerlink" href="#_1" title="Link">&para;</a></h2>'
            '<table><tr><th style="text-align: center;">a</th><td style="text-align: left">b</td></tr></table>'
            '<span class="twemoji"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M1 1h2"/></svg></span>'
            '<li class="portal-session" data-portal-start="2027-01-01T10:00" id="s1"><span hidden>x</span></li>'
            '<nav aria-label="Kalender"><a download href="x.ics">ics</a></nav><p>&lt;script&gt;tekst&lt;/script&gt;</p>')
    assert rendered_html_problems(html, "x") == []


# --- SVG files -----------------------------------------------------------------------------------
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
HOSTILE_SVG = {
    "script": (SVG + "\n<script>alert(1)</script>\n</svg>", [(2, 1, "een <script> in een SVG-bestand")]),
    "script with a prefix": ('<s:svg xmlns:s="http://www.w3.org/2000/svg">\n  <s:script>alert(1)</s:script></s:svg>',
                             [(2, 3, "een <script> in een SVG-bestand")]),
    "onload": (SVG.replace("viewBox", 'onload="alert(1)" viewBox') + "</svg>", [(1, 1, "het attribuut onload")]),
    "handler on a shape": (SVG + '\n<rect width="1" height="1"\n  onmouseover="alert(1)"/></svg>', [(2, 1, "onmouseover")]),
    "foreignObject": (SVG + "\n<foreignObject><p>x</p></foreignObject></svg>", [(2, 1, "<foreignObject>")]),
    "xhtml inside": (SVG + '\n<g><div xmlns="http://www.w3.org/1999/xhtml">x</div></g></svg>', [(2, 4, "HTML-tags (<div>)")]),
    "javascript link": (SVG + '\n<a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', [(2, 1, "xlink:href")]),
    "external image": (SVG + '\n<image href="https://tracker.example/p.gif"/></svg>', [(2, 1, "verwijzing (href)")]),
    "use of another file": (SVG + '\n<use href="sprite.svg#logo"/></svg>', [(2, 1, "verwijzing (href)")]),
    "embedded data": (SVG + '\n<image xlink:href="data:image/png;base64,AAAA"/></svg>', [(2, 1, "ingesloten bestand (data:)")]),
    "css url": (SVG + "\n<style>rect{fill:url(https://t.example/x.svg#a)}</style></svg>", [(2, 1, "deze stijl haalt iets op")]),
    "css import": (SVG + '\n<style>@import "https://t.example/x.css";</style></svg>', [(2, 1, "deze stijl haalt iets op")]),
    "css escape": (SVG + "\n<style>rect{fill:u\\72l(//t.example/x)}</style></svg>", [(2, 1, "backslash")]),
    "style attribute": (SVG + '\n<rect style="fill:url(//t.example/x)"/></svg>', [(2, 1, "deze stijl haalt iets op")]),
    "filter url": (SVG + '\n<rect filter="url(https://t.example/f.svg#f)"/></svg>', [(2, 1, "deze stijl haalt iets op")]),
    "animation": (SVG + '\n<a href="#x"><set attributeName="href" to="javascript:alert(1)"/></a></svg>', [(2, 14, "een animatie (<set>)")]),
    "xml:base": (SVG.replace("viewBox", 'xml:base="https://t.example/" viewBox') + "</svg>", [(1, 1, "xml:base")]),
    "stylesheet instruction": ('<?xml-stylesheet type="text/xsl" href="x.xsl"?>\n' + SVG + "</svg>", [(1, 1, "verwerkingsinstructie")]),
    "entity bomb": ('<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY a "aaaaaaaaaa">\n<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n'
                    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n' + SVG + "&c;</svg>", [(2, 1, "<!DOCTYPE> of <!ENTITY>")]),
    "external entity": ('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n' + SVG + "&x;</svg>", [(1, 1, "<!DOCTYPE>")]),
    "not well-formed": (SVG + "\n<rect>\n</svg>", [(3, 3, "geen geldige XML")]),
    "undefined entity": (SVG + "\n<text>a&nbsp;b</text></svg>", [(2, 8, "geen geldige XML")]),
    "no svg namespace": ("<svg><rect/></svg>", [(1, 1, "geen SVG-afbeelding")]),
    "html saved as svg": ('<html xmlns="http://www.w3.org/1999/xhtml"><body>x</body></html>',
                          [(1, 1, "geen SVG-afbeelding"), (1, 1, "HTML-tags (<html>)"), (1, 44, "HTML-tags (<body>)")]),
    "empty": ("", [(1, 1, "geen geldige XML")]),
}


@pytest.mark.parametrize("name", list(HOSTILE_SVG))
def test_hostile_svg_is_refused_at_its_place(name: str) -> None:
    text, expected = HOSTILE_SVG[name]
    problems = svg_problems(text.encode("utf-8"), "partners/logos/x.svg")
    assert [(p.line, p.col) for p in problems] == [(line, col) for line, col, _ in expected], [p.as_line() for p in problems]
    for problem, (_, _, words) in zip(problems, expected):
        assert words in problem.message, problem.as_line()


ALLOWED_SVG = {
    "the site's icon": (REPO / "plugins" / "arbeidsmigranten_portaal" / "assets" / "favicon.svg").read_text(encoding="utf-8"),
    "gradients and reuse": SVG + '<defs><linearGradient id="g"><stop offset="0" stop-color="#154273"/></linearGradient>'
                                 '<path id="p" d="M0 0h5v5z"/></defs><rect fill="url(#g)" width="10" height="10"/>'
                                 '<use href="#p"/><use xlink:href="#p" x="5"/><a href="#p"><text>Dalfsen</text></a></svg>',
    "an editor's export": '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!-- Created with Inkscape -->\n'
                          '<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"'
                          ' xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" width="100" height="40">'
                          '<sodipodi:namedview inkscape:zoom="1"/><metadata><title>Logo</title></metadata>'
                          '<style>.a{fill:#fff;font-family:"Arial"}</style><g class="a"><circle cx="5" cy="5" r="4"/></g></svg>',
    "text that looks like a script": SVG + "<text>&lt;script&gt;alert(1)&lt;/script&gt;</text></svg>",
}


@pytest.mark.parametrize("name", list(ALLOWED_SVG))
def test_allowed_svg_passes(name: str) -> None:
    assert svg_problems(ALLOWED_SVG[name].encode("utf-8"), "x.svg") == []


def test_svg_files_in_every_published_folder_are_checked_and_links_are_not_followed(tmp_path: Path) -> None:
    for folder in ("content/img", "partners/logos", "site_config/assets", "sessions"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "x.svg").write_text(HOSTILE_SVG["script"][0], encoding="utf-8")
    (tmp_path / "content" / "img" / "ok.svg").write_text(ALLOWED_SVG["gradients and reuse"], encoding="utf-8")
    (tmp_path / "content" / "link.svg").symlink_to(tmp_path / "content" / "img" / "x.svg")
    (tmp_path / "content" / "pagina.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (tmp_path / "content" / "rapport.pdf").write_bytes(b"%PDF-1.4")
    dirs = SourceDirs(tmp_path, tmp_path / "site_config", tmp_path / "sessions", tmp_path / "partners", tmp_path / "content")
    found = sorted((p.path, p.line) for p in check_active_content(dirs))
    # sessions/ is not published; the link is the file gate's to refuse (sources.py), never read here.
    assert found == [("content/img/x.svg", 2), ("content/pagina.html", 1), ("partners/logos/x.svg", 2),
                     ("site_config/assets/x.svg", 2)]


# --- Builds --------------------------------------------------------------------------------------

def _line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_a_build_with_active_content_fails_with_every_sentence_and_publishes_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "content" / "colofon.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<script>window.__pwned=1</script>\n\n"
                    "![teller](https://tracker.example/p.gif)\n", encoding="utf-8")
    (project / "partners" / "logos").mkdir()
    (project / "partners" / "logos" / "dalfsen.svg").write_text(SVG + '\n<rect onload="window.__pwned=2"/></svg>',
                                                                encoding="utf-8")
    partner = project / "partners" / "gemeente-dalfsen.yml"
    partner.write_text(partner.read_text(encoding="utf-8") + "logo: logos/dalfsen.svg\n", encoding="utf-8")
    out = tmp_path / "out"
    site = out / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<p>vorige versie</p>", encoding="utf-8")

    result = build_site(project, site)

    assert result.exit_code != 0
    script_line = _line_of(page, "__pwned=1")
    assert f"content/colofon.md:{script_line}:1: een <script> mag niet in een pagina" in result.output
    assert f"content/colofon.md:{script_line + 2}:11: een afbeelding van een andere website mag niet" in result.output
    assert "partners/logos/dalfsen.svg:2:1: het attribuut onload voert code uit" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "<p>vorige versie</p>"
    leaked = [p for p in out.rglob("*") if p.is_file() and b"__pwned" in p.read_bytes()]
    assert leaked == []


# YAML values with markup in them: Jinja's autoescape makes them text. Each would set
# window.__pwned (or load from another host) if it reached a page as HTML or as Markdown.
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src="x" onerror="window.__pwned=2">',
    '"><svg onload="window.__pwned=3">',
    "'><iframe srcdoc=\"<script>parent.__pwned=4</script>\"></iframe>",
    "[klik](javascript:window.__pwned=5)",
    "</script><script>window.__pwned=6</script>",
    "![p](https://tracker.example/p.gif) {{ 7*7 }}",
]


def with_hostile_data(project: Path) -> list[Path]:
    """Put the payloads in the texts of two sessions and two partners; return the changed files."""
    yaml = YAML()
    yaml.preserve_quotes = True
    changed = []
    sessions = sorted((project / "sessions").glob("*.yml"))
    for path in (sessions[0], sessions[-1]):
        data = yaml.load(path)
        data["title"] = PAYLOADS[0] + " " + PAYLOADS[2]
        data["summary"] = "\n\n".join(PAYLOADS)
        data["location"]["name"] = PAYLOADS[1]
        data["status_note"] = PAYLOADS[3]
        for item in data.get("agenda") or []:
            item["title"] = PAYLOADS[5]
        english = (data.get("translations") or {}).get("en")
        if english is not None:
            english["title"] = PAYLOADS[5]
            english["summary"] = "\n\n".join(reversed(PAYLOADS))
        yaml.dump(data, path)
        changed.append(path)
    for path in sorted((project / "partners").glob("*.yml"))[:2]:
        data = yaml.load(path)
        data["name"] = "Partner " + PAYLOADS[5]
        data["description"] = "\n\n".join(PAYLOADS)
        data["certifications"] = [PAYLOADS[1]]
        yaml.dump(data, path)
        changed.append(path)
    return changed


@pytest.fixture(scope="module")
def hostile_data_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from browser import environment

    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    with_hostile_data(project)
    site = project.parent / "site"
    with environment(PORTAL_NOW=NOW):
        result = build_site(project, site)
    assert result.exit_code == 0, result.output
    return site


def test_yaml_text_with_markup_is_shown_as_text(hostile_data_site: Path) -> None:
    pages = sorted((hostile_data_site / "kennissessies").glob("*/index.html"))
    pages += sorted((hostile_data_site / "alliantie").glob("*/index.html"))
    pages += sorted((hostile_data_site / "en").glob("*/*/index.html"))
    titles = texts = 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        # A payload with markup never stands in the page as written: only escaped.
        for payload in PAYLOADS:
            if re.search(r"[<>\"']", payload):
                assert payload not in html, (path, payload)
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.select("[onerror], [onload], iframe, [srcdoc], img[src='x']"), path
        assert not soup.select("a[href^='javascript'], img[src^='https://tracker']"), path
        for script in soup.find_all("script"):
            assert "__pwned" not in script.get("src", ""), path
            if "__pwned" in script.get_text():
                # Only inside JSON-LD, as a JSON string whose '<' is escaped: data, not code.
                assert script.get("type") == "application/ld+json", path
                assert "<" not in script.get_text() and json.loads(script.get_text()), path
        text = soup.get_text()
        titles += "<script>window.__pwned=1</script>" in text
        if PAYLOADS[4] in text:  # a summary or description: all payloads are in it
            texts += 1
            assert all(payload in text for payload in PAYLOADS), path  # shown as written, no template ran
    # The two sessions in Dutch and English, the two partners in Dutch; and the session titles
    # on the calendar pages of their audiences.
    assert texts == 6 and titles >= 4, (texts, titles)


def test_the_head_of_a_page_has_the_hostile_title_as_text(hostile_data_site: Path) -> None:
    session = sorted((hostile_data_site / "kennissessies").glob("*/index.html"))
    soup = parse_html(next(p for p in session if "__pwned=1" in p.read_text(encoding="utf-8")))
    assert "<script>window.__pwned=1</script>" in soup.title.get_text()
    assert [s for s in soup.head.find_all("script") if "__pwned" in s.get_text() and s.get("type") != "application/ld+json"] == []


def test_a_partner_website_with_javascript_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    partner = project / "partners" / "gemeente-dalfsen.yml"
    text = partner.read_text(encoding="utf-8")
    partner.write_text(re.sub(r"(?m)^website: .*$", "website: javascript:alert(1)", text), encoding="utf-8")
    result = run_portal("check", cwd=project)
    line = _line_of(partner, "website:")
    assert result.returncode == 1
    assert f'partners/gemeente-dalfsen.yml:{line}:10: "website" moet een volledig webadres zijn' in result.stdout


def test_generated_pages_pass_the_allow_list_the_build_holds_editors_pages_to(tmp_path: Path) -> None:
    """The build checks the HTML Markdown made of an editor's page (on_page_content); a page the
    portal writes from its records goes to the theme as written, so here every one of them, with
    the hostile texts in it, is held to the same allow-list."""
    import datetime as dt

    from arbeidsmigranten_portaal.clock import TIMEZONE
    from arbeidsmigranten_portaal.load import load_catalog
    from arbeidsmigranten_portaal.render.labels import Labels
    from arbeidsmigranten_portaal.render.page_html import HeadingStyle
    from arbeidsmigranten_portaal.render.views import RenderContext
    from arbeidsmigranten_portaal.site import PortalSite
    from arbeidsmigranten_portaal.urls import SiteUrls

    project = copy_project(tmp_path / "project")
    with_hostile_data(project)
    catalog = load_catalog(SourceDirs(project, project / "site_config", project / "sessions", project / "partners",
                                      project / "content"), ("nl", "en"), ("nl", "en"))
    checked = 0
    for language in ("nl", "en"):
        site = PortalSite(RenderContext(
            catalog, dt.datetime(2027, 1, 15, 9, 0, tzinfo=TIMEZONE),
            SiteUrls(site_url="https://arbeidsmigranten.example.nl/", language=None if language == "nl" else language),
            Labels(language, catalog.strings.for_language(language)),
            heading_style=HeadingStyle(permalink="&para;", permalink_title="Link naar dit kopje")))
        for page in site.pages():
            problems = rendered_html_problems(page.body().html, page.src, site.subscription_addresses)
            assert problems == [], [p.as_line() for p in problems]
            checked += 1
    assert checked == 2 * (len(catalog.sessions) + len(catalog.partners) + len(catalog.audiences))
