"""The site search's entries of a page, made by the portal (render/search_entries.py), are the
entries Material's search plugin makes when it parses that page's HTML: the same sections,
titles, kept tags and text, so searching finds the same. (tests/test_reference_build.py compares
whole sites built both ways.)"""

from __future__ import annotations

import datetime as dt
import html
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown.extensions.toc import nest_toc_tokens
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.toc import get_toc

from conftest import REPO
from arbeidsmigranten_portaal.clock import TIMEZONE
from arbeidsmigranten_portaal.load import SourceDirs, load_catalog
from arbeidsmigranten_portaal.render.labels import Labels
from arbeidsmigranten_portaal.render.page_html import GeneratedPage, HeadingStyle, HtmlWriter
from arbeidsmigranten_portaal.render.search_entries import search_entries
from arbeidsmigranten_portaal.render.views import RenderContext
from arbeidsmigranten_portaal.site import PortalSite
from arbeidsmigranten_portaal.urls import SiteUrls

CALENDAR_FIXTURE = REPO / "tests" / "sites" / "calendar"
STYLE = HeadingStyle(permalink="&para;", permalink_title="Link naar dit kopje")


class _Page:
    """What Material's search plugin reads of a page."""

    def __init__(self, content: str, url: str, meta: dict, title: str, headings=()) -> None:
        self.url = url
        self.content = content
        self.meta = meta
        self.title = title
        self.toc = get_toc(nest_toc_tokens([{"level": h.level, "id": h.id, "name": h.name, "children": []}
                                            for h in headings]))


def materials_entries(page: GeneratedPage, url: str, meta: dict | None = None) -> list[dict]:
    meta = {"title": html.escape(page.title), **(meta or {})}
    body = page.body()
    return materials_entries_of(_Page(body.html, url, meta, meta["title"], body.headings))


def materials_entries_of(page: _Page) -> list[dict]:
    index = SearchIndex(lang=["nl"], separator="", pipeline=[], fields={})
    index.add_entry_from_context(page)
    return index.entries


def _sites(tmp: Path) -> list[PortalSite]:
    root = Path(shutil.copytree(CALENDAR_FIXTURE, tmp / "calendar"))
    # Headings that repeat, text with marks that mean something to HTML and to search.
    (root / "sessions" / "2027-06-kopjes.yml").write_text(
        "title: 'Aanmelden & meer: <i>tekst</i>'\nstart: 2027-06-03 19:30\nend: 2027-06-03 21:30\n"
        "location: {name: Zaal, address: 'Straat 1'}\naudiences: [ondernemers, raadsleden]\n"
        "summary: |\n  Eerste alinea met   spaties\n  en een regel.\n\n  Tweede: &amp; &lt;p&gt; \"quotes\".\n"
        "agenda:\n  - time: '19:30'\n    title: 'Welkom <b>allemaal</b>'\n"
        "registration:\n  ondernemers:\n    url: https://formulier.test.invalid/k\n    capacity: 12\n",
        encoding="utf-8")
    sites = []
    for project, languages in ((root, ("nl",)), (REPO, ("nl", "en"))):
        catalog = load_catalog(SourceDirs(project, project / "site_config", project / "sessions", project / "partners",
                                          project / "content"), languages, languages)
        for language in languages:
            now = dt.datetime(2027, 1, 15, 10, 0, tzinfo=TIMEZONE)
            sites.append(PortalSite(RenderContext(
                catalog, now, SiteUrls(site_url="https://p.test.invalid/", language=None if language == "nl" else language),
                Labels(language, catalog.strings.for_language(language)), heading_style=STYLE)))
    return sites


@pytest.fixture(scope="module")
def generated_pages(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[GeneratedPage, str]]:
    found = []
    for site in _sites(tmp_path_factory.mktemp("search")):
        found += [(page, site.ctx.urls.page_url(page.src)) for page in site.pages()]
    return found


def test_every_generated_page_has_materials_entries(generated_pages) -> None:
    assert len(generated_pages) > 40
    for page, url in generated_pages:
        ours = search_entries(page.body().html, url, html.escape(page.title), {})
        assert ours == materials_entries(page, url), url


def test_the_entries_hold_the_records_text(generated_pages) -> None:
    page, url = next((p, u) for p, u in generated_pages if u == "kennissessies/2027-06-kopjes/")
    entries = search_entries(page.body().html, url, html.escape(page.title), {})
    by_location = {entry["location"]: entry for entry in entries}
    assert set(by_location) == {url, f"{url}#aanmelden", f"{url}#waar-gaat-het-over", f"{url}#programma",
                                f"{url}#in-uw-agenda"}
    assert by_location[url]["title"] == "Aanmelden &amp; meer: &lt;i&gt;tekst&lt;/i&gt;"
    about = by_location[f"{url}#waar-gaat-het-over"]["text"]
    assert "<p>Eerste alinea met spaties en een regel.</p>" in about
    assert "&amp;amp; &amp;lt;p&amp;gt; \"quotes\"" in about
    assert "Welkom &lt;b&gt;allemaal&lt;/b&gt;" in by_location[f"{url}#programma"]["text"]


def test_a_boost_and_tags_are_given_to_every_entry() -> None:
    out = HtmlWriter(STYLE)
    page = out.body("<p>Eerst</p>", out.heading(2, "Kop"), "<ul><li>a</li><li> </li></ul>")
    meta = {"search": {"boost": 0.2}, "tags": ["Huisvesting", 3, None, {"x": 1}]}
    entries = search_entries(page.html, "x/", "X", meta)
    assert entries == [
        {"location": "x/", "title": "X", "text": "<p>Eerst</p>", "tags": ["Huisvesting", "3"], "boost": 0.2},
        {"location": "x/#kop", "title": "Kop", "text": "<ul><li>a</li><li> </li></ul>", "tags": ["Huisvesting", "3"],
         "boost": 0.2},
    ]
    assert entries == materials_entries_of(_Page(page.html, "x/", meta, "X", page.headings))


# What Markdown pages hold besides the portal's own HTML: code, comments, excluded parts, nesting.
SNIPPETS = {
    "code block": '<h2 id="code">Code</h2>\n<pre><code>a  =  1\n\n  b\n</code></pre>\n<p>na <code>x</code></p>',
    "comment and declaration": "<!-- een <b>opmerking</b> -->\n<p>tekst</p><!DOCTYPE html><?xml x?>",
    "excluded part": '<p>zichtbaar</p><div data-search-exclude><p>weg</p></div><p>weer</p>',
    "excluded heading": '<h2 id="a" data-search-exclude>A</h2><p>a</p><h2 id="b">B</h2><p>b</p>',
    "nested heading": '<div><h2 id="in">Binnen</h2><p>x</p></div><p>buiten</p>',
    "first heading not h1": '<p>voor</p><h3 id="drie">Drie</h3><p>na</p>',
    "h1 with id first": '<h1 id="titel">Titel<a class="headerlink" href="#titel">&para;</a></h1><p>x</p>',
    "self-closing": '<p>a<br/>b<br />c</p><div/><p>d</p><img src="x.png" alt="">',
    "entities": "<p>&amp; &lt;b&gt; &quot;q&quot; &#39;s&#39; &eacute; &#x263A; &nbsp;x</p>",
    "empty kept": "<ul><li> </li><li>a</li><li>\n</li></ul><p></p><p> x </p>",
    "uppercase and odd": '<P CLASS="x">Hoofd</P><Ul><LI>a</li></ul><p data-x=\'a>b\'>c</p>',
    "unclosed": "<p>a<span>b<p>c</li></p>",
    "linenodiv": '<table><tr><td class="linenodiv"><pre>1\n2</pre></td><td><pre>code</pre></td></tr></table>',
    "text only": "gewoon tekst\n op twee regels",
    "whitespace runs": "<p>a</p>\n\n   \n<span> </span><span>\n</span><p>b</p>",
}


@pytest.mark.parametrize("name", SNIPPETS)
def test_html_of_markdown_pages_gives_materials_entries(name: str) -> None:
    page = _Page(SNIPPETS[name], "p/", {"title": "Pagina"}, "Pagina")
    assert search_entries(page.content, "p/", "Pagina", page.meta) == materials_entries_of(page)


PIECES = ["<p>", "</p>", "<li>", "</li>", "<ul>", "</ul>", "<pre>", "</pre>", "<code>", "</code>", "<div>", "</div>",
          "<span class='a'>", "</span>", '<h2 id="k">', "</h2>", '<h3 id="k">', "</h3>", "<h1>", "</h1>",
          '<a class="headerlink" href="#k">', "</a>", "<br>", "<br/>", "<!-- c -->", "<!x>", "<?p?>",
          "<div data-search-exclude>", "tekst", " ", "\n", "  \n ", "&amp;", "&lt;", "é", "x y", "\t", "<P>",
          "</Ul >", "<p/>", '<h2 id="j" data-search-exclude>', '<span title="a>b">', "<sup>", "</sup>", "< p", "&"]


@settings(max_examples=2000, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_any_mix_of_tags_gives_materials_entries(content: str) -> None:
    page = _Page(content, "p/", {"title": "Pagina"}, "Pagina")
    ours = search_entries(content, "p/", "Pagina", page.meta)
    try:
        theirs = materials_entries_of(page)
    except ValueError:  # Material's own parser fails on some nestings: then ours leaves it to Material
        assert ours is None
        return
    assert ours == theirs


def test_scripts_and_comments_that_are_never_closed_are_left_to_the_theme() -> None:
    assert search_entries("<p>a</p><!-- open <p>b</p>", "p/", "P", {}) is None
    assert search_entries("<p>a</p><SCRIPT>x</SCRIPT>", "p/", "P", {}) is None
    assert search_entries("<p>a</p><!-- dicht --><p>b</p>", "p/", "P", {}) is not None


def test_the_helper_process_spools_what_the_build_would(generated_pages) -> None:
    """search_worker.py: entries made beside the build are the entries made in the build."""
    from arbeidsmigranten_portaal.search_worker import SearchIndexer

    spools = []
    for in_process in (True, False):
        indexer = SearchIndexer(in_process=in_process)
        try:
            for number, (page, url) in enumerate(generated_pages):
                language = "en" if url.startswith("en/") else "nl"
                indexer.add(language=language, content=page.body().html, location=url, title=html.escape(page.title),
                            meta={"search": {"boost": 0.2}} if number % 2 else {},
                            label="Voorbeeld" if number % 3 == 0 else None,
                            prefix="en/" if language == "en" else "")
            assert indexer.finish() == []
            spools.append({language: list(indexer.spool.entries(language)) for language in ("nl", "en")})
        finally:
            indexer.close()
    assert spools[0] == spools[1]
    assert spools[0]["nl"] and spools[0]["en"]
    assert all('"location":"kennissessies/' in entry or '"location":"alliantie/' in entry for entry in spools[0]["en"])
