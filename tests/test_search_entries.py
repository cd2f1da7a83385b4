"""The site search's entries of a generated page, made by the portal while it writes the page
(render/search_entries.py), are the entries Material's search plugin makes when it parses that
page's HTML: the same sections, titles, kept tags and text, so searching finds the same."""

from __future__ import annotations

import datetime as dt
import html
import shutil
from pathlib import Path

import pytest
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

    def __init__(self, page: GeneratedPage, url: str) -> None:
        self.url = url
        self.content = page.html
        self.meta = {"title": html.escape(page.title)}
        self.title = self.meta["title"]
        self.toc = get_toc(nest_toc_tokens([{"level": h.level, "id": h.id, "name": h.name, "children": []}
                                            for h in page.headings]))


def materials_entries(page: GeneratedPage, url: str) -> list[dict]:
    index = SearchIndex(lang=["nl"], separator="", pipeline=[], fields={})
    index.add_entry_from_context(_Page(page, url))
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
        ours = search_entries(page, url, html.escape(page.title))
        assert ours == materials_entries(page, url), url


def test_the_entries_hold_the_records_text(generated_pages) -> None:
    page, url = next((p, u) for p, u in generated_pages if u == "kennissessies/2027-06-kopjes/")
    entries = search_entries(page, url, html.escape(page.title))
    by_location = {entry["location"]: entry for entry in entries}
    assert set(by_location) == {url, f"{url}#aanmelden", f"{url}#waar-gaat-het-over", f"{url}#programma",
                                f"{url}#in-uw-agenda"}
    assert by_location[url]["title"] == "Aanmelden &amp; meer: &lt;i&gt;tekst&lt;/i&gt;"
    about = by_location[f"{url}#waar-gaat-het-over"]["text"]
    assert "<p>Eerste alinea met spaties en een regel.</p>" in about
    assert "&amp;amp; &amp;lt;p&amp;gt; \"quotes\"" in about
    assert "Welkom &lt;b&gt;allemaal&lt;/b&gt;" in by_location[f"{url}#programma"]["text"]


def test_a_boost_is_given_to_every_entry() -> None:
    out = HtmlWriter(STYLE)
    page = out.page("x.md", "X", "", "<p>Eerst</p>", out.heading(2, "Kop"), "<ul><li>a</li><li> </li></ul>")
    entries = search_entries(page, "x/", "X", boost=0.2)
    assert entries == [
        {"location": "x/", "title": "X", "text": "<p>Eerst</p>", "boost": 0.2},
        {"location": "x/#kop", "title": "Kop", "text": "<ul><li>a</li><li> </li></ul>", "boost": 0.2},
    ]
    assert [{k: v for k, v in e.items() if k != "boost"} for e in entries] == materials_entries(page, "x/")
