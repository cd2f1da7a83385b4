"""The repository's own site, built strictly, read back with an HTML parser."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from ruamel.yaml import YAML

from conftest import REPO, build_site, copy_project, parse_html

# Every page issue #2 asks for, by its address in the built site.
REQUIRED_PAGES = {
    "": "home",
    "aanpak/": "aanpak en organisatie",
    "aanpak/goede-huisvesting/": "ambitie goede huisvesting",
    "aanpak/woon-en-leefomstandigheden/": "ambitie ongewenste woon- en leefomstandigheden",
    "aanpak/arbeidsuitbuiting/": "ambitie arbeidsuitbuiting",
    "aanpak/commissie-roemer/": "de zes thema's van de commissie-Roemer",
    "begrippen/": "begrippen",
    "meldpunt/": "meldpunt goed verhuurderschap",
    "arbeidsuitbuiting-herkennen/": "RIEC-advies",
    "voor-ondernemers/": "voor ondernemers",
    "voor-raadsleden/": "voor raadsleden",
    "goede-voorbeelden/": "goede voorbeelden",
    "nieuws/": "nieuws",
    "toegankelijkheid/": "toegankelijkheid",
    "privacy/": "privacy",
    "colofon/": "colofon",
}


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def page_path(site: Path, url: str) -> Path:
    return site / url / "index.html"


def test_every_page_outside_the_language_folders_is_dutch(built_site: Path) -> None:
    pages = [p for p in html_pages(built_site) if p.relative_to(built_site).parts[0] not in ("en", "pl", "ro", "bg")]
    assert len(pages) > len(REQUIRED_PAGES)
    for page in pages:
        html = parse_html(page).find("html")
        assert html is not None and html.get("lang") == "nl", page


@pytest.mark.parametrize("url", sorted(REQUIRED_PAGES))
def test_required_page_exists_and_is_in_the_navigation(built_site: Path, url: str) -> None:
    page = page_path(built_site, url)
    assert page.exists(), f"{REQUIRED_PAGES[url]} ontbreekt: {url}"
    soup = parse_html(page)
    assert soup.find("h1") is not None, url
    assert soup.find("meta", attrs={"name": "description"})["content"].strip(), url

    # Material renders the whole navigation into every page; read it from the home page.
    home = parse_html(page_path(built_site, ""))
    primary_nav = home.select_one("nav.md-nav--primary")
    linked = {
        urlsplit(urljoin("https://x/", a["href"])).path.lstrip("/")
        for a in primary_nav.find_all("a", href=True)
    }
    assert url in linked, f"{url} is niet bereikbaar vanuit de navigatie"


def test_news_posts_are_linked_from_the_news_page(built_site: Path) -> None:
    posts = sorted((REPO / "content" / "nieuws" / "posts").glob("*.md"))
    assert len(posts) >= 2
    news = parse_html(page_path(built_site, "nieuws/"))
    linked = {a["href"] for a in news.select("article.md-post a[href]")}
    assert len([href for href in linked if href.count("/") >= 3]) >= len(posts)


def test_good_examples_section_has_entries(built_site: Path) -> None:
    section = parse_html(page_path(built_site, "goede-voorbeelden/"))
    article = section.select_one("article")
    entries = [a["href"] for a in article.find_all("a", href=True) if not a["href"].startswith(("http", "#"))]
    assert len(entries) >= 2


def test_invented_content_is_marked_as_example(built_site: Path) -> None:
    """Pages whose front matter says example: true show the notice under their title."""
    marked = 0
    for source in (REPO / "content").rglob("*.md"):
        front = source.read_text(encoding="utf-8").split("---")
        if len(front) < 3 or "example: true" not in front[1]:
            continue
        marked += 1
        rel = source.relative_to(REPO / "content").with_suffix("")
        if rel.parts[:2] == ("nieuws", "posts"):
            continue  # a post's address holds its date; checked through the news list below
        url = "" if rel.name == "index" else f"{rel.as_posix()}/"
        url = url.replace("/index/", "/")
        notice = parse_html(page_path(built_site, url)).select_one("article .portal-example")
        assert notice is not None and "voorbeeld" in notice.get_text().lower(), url
    assert marked >= 4
    news = parse_html(page_path(built_site, "nieuws/"))
    assert news.select("article.md-post .portal-example"), "voorbeeldberichten niet gemarkeerd in de nieuwslijst"


def test_footer_has_copyright_and_no_generator_line(built_site: Path) -> None:
    for page in html_pages(built_site):
        soup = parse_html(page)
        footer = soup.select_one("footer .md-copyright")
        if footer is None:
            continue
        text = footer.get_text(" ", strip=True)
        assert "Gemeente Dalfsen" in text, page
        assert "Made with" not in text and "Material for MkDocs" not in text, page
        links = {a.get_text(strip=True) for a in footer.find_all("a")}
        assert {"Toegankelijkheid", "Privacy", "Colofon"} <= links, page


def test_meldpunt_form_link_comes_from_the_setting(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    settings_file = project / "site_config" / "site.yml"
    yaml = YAML()
    settings = yaml.load(settings_file)
    settings["meldpunt"]["form_url"] = "https://formulier.test.invalid/melden?bron=portaal"
    settings["meldpunt"]["phone"] = "14 0529"
    with settings_file.open("w", encoding="utf-8") as stream:
        yaml.dump(settings, stream)

    result = build_site(project, tmp_path / "site")
    assert result.exit_code == 0, result.output

    meldpunt = parse_html(page_path(result.site_dir, "meldpunt/"))
    hrefs = [a["href"] for a in meldpunt.select("article .portal-meldpunt a[href]")]
    assert "https://formulier.test.invalid/melden?bron=portaal" in hrefs
    assert "tel:140529" in hrefs
    # The page text itself holds no form address: only the setting does.
    source = (project / "content" / "meldpunt.md").read_text(encoding="utf-8")
    assert "https://formulier" not in source and "example.nl" not in source


def test_material_fixes_are_in_place(built_site: Path) -> None:
    home = parse_html(page_path(built_site, ""))
    # No Google Fonts and no repository widget (whose script asks api.github.com for stars).
    assert home.select_one('[data-md-component="source"]') is None
    assert not home.find("link", href=lambda h: h and "fonts.g" in h)
    assert home.find("link", rel="icon")["href"].endswith("assets/portal/favicon.svg")


def test_a_page_left_out_of_the_navigation_fails_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "content" / "vergeten.md").write_text("---\ndescription: x\n---\n\n# Vergeten\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.exit_code != 0
    assert "vergeten.md" in result.output


def test_repository_example_data_covers_every_case() -> None:
    """At least 6 sessions (past, upcoming, full, cancelled, moved, raadsleden only, the first
    agenda-setting session of the plan) and 10 partners of every kind, examples marked."""
    from arbeidsmigranten_portaal.load import SourceDirs, load_catalog
    from arbeidsmigranten_portaal.model import PARTNER_KINDS

    catalog = load_catalog(SourceDirs(REPO, REPO / "site_config", REPO / "sessions", REPO / "partners", REPO / "content"))
    sessions = catalog.sessions
    assert len(sessions) >= 6
    statuses = {s.status for s in sessions.values()}
    assert {"vol", "geannuleerd", "verplaatst"} <= statuses
    assert any(s.audiences == ["raadsleden"] for s in sessions.values())
    first = sessions["2023-11-eerste-kennissessie"]
    assert first.start.year == 2023 and first.start.month >= 10 and "ondernemers" in first.audiences
    assert all(s.example for s in sessions.values()), "invented dates and places must be marked"
    today = dt.datetime(2026, 11, 28, tzinfo=first.start.tzinfo)
    assert any(s.end < today for s in sessions.values()) and any(s.start > today for s in sessions.values())
    assert len(catalog.partners) >= 10
    assert {p.kind for p in catalog.partners.values()} == set(PARTNER_KINDS)
    real = {pid for pid, p in catalog.partners.items() if not p.example}
    assert real == {"gemeente-dalfsen"}, "the plan names no organisation that joined the alliance"


def test_repository_build_has_calendar_alliance_and_data(built_site: Path) -> None:
    calendar = parse_html(page_path(built_site, "kennissessies/"))
    assert len(calendar.select("article li.portal-session")) == len(list((REPO / "sessions").glob("*.yml")))
    alliance = parse_html(page_path(built_site, "alliantie/"))
    assert len(alliance.select("article li.portal-partner")) == len(list((REPO / "partners").glob("*.yml")))
    assert (built_site / "kennissessies" / "kalender.ics").is_file()
    assert (built_site / "data" / "sessions.json").is_file()
    home = parse_html(page_path(built_site, ""))
    assert home.select_one("article a[href='kennissessies/']")
    first = parse_html(page_path(built_site, "kennissessies/2023-11-eerste-kennissessie/"))
    report = first.select_one(".portal-notice a")
    assert report is not None and "verslag-eerste-kennissessie" in report["href"]
