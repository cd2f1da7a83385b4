"""The portal in the reader's language: Dutch at /, English, Polish, Romanian and Bulgarian in
their own folders, with a language switcher, hreflang alternates, the right lang attribute,
search per language and translations that know their Dutch source."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from arbeidsmigranten_portaal.load import DEFAULT_STRINGS
from conftest import TEST_NOW, parse_html, run_portal

LANGUAGES = ["nl", "en", "pl", "ro", "bg"]
OTHERS = LANGUAGES[1:]
EVERYWHERE = ["", "meldpunt/", "rechten/"]  # translated into every language


def language_of(path: str) -> str:
    first = path.split("/", 1)[0]
    return first if first in OTHERS else "nl"


def test_every_language_is_built(built_site: Path) -> None:
    for language in OTHERS:
        for page in EVERYWHERE:
            assert (built_site / language / page / "index.html").is_file(), f"/{language}/{page}"
    for page in ["aanpak/goede-huisvesting/", "aanpak/woon-en-leefomstandigheden/", "aanpak/arbeidsuitbuiting/",
                 "alliantie/", "kennissessies/", "kennissessies/ondernemers/"]:
        assert (built_site / "en" / page / "index.html").is_file(), f"/en/{page}"
    # Untranslated pages are not shown in another language with Dutch text in them.
    assert not (built_site / "pl" / "begrippen").exists()


def test_every_page_has_the_lang_of_its_folder(built_site: Path) -> None:
    seen = {language: 0 for language in LANGUAGES}
    for page in built_site.rglob("*.html"):
        rel = page.relative_to(built_site).as_posix()
        assert parse_html(page).find("html")["lang"] == language_of(rel), rel
        seen[language_of(rel)] += 1
    # Every language's pages were looked at (the home page, meldpunt and rights at least).
    assert min(seen.values()) >= len(EVERYWHERE), seen


def test_every_language_switcher_link_resolves(built_site: Path) -> None:
    checked = 0
    for page in built_site.rglob("index.html"):
        rel = page.relative_to(built_site).as_posix()
        if rel == "admin/index.html":
            continue  # the editor (Decap CMS) is a tool for the team, not a page of the site: no menu
        url = "https://x/" + rel.removesuffix("index.html")
        links = parse_html(page).select("a.md-select__link[hreflang]")
        assert {a["hreflang"] for a in links} == set(LANGUAGES), rel
        for link in links:
            target = urlsplit(urljoin(url, link["href"])).path.lstrip("/")
            assert (built_site / target / "index.html").is_file(), f"{rel}: {link['hreflang']} -> {target}"
            assert language_of(target) == link["hreflang"], f"{rel}: {link['hreflang']} -> {target}"
            # The language's own name (Polski) is read out in that language.
            assert link["lang"] == link["hreflang"], rel
            checked += 1
    assert checked > 200


def test_the_switcher_leads_to_the_same_page_where_it_exists(built_site: Path) -> None:
    links = {a["hreflang"]: a["href"] for a in parse_html(built_site / "meldpunt" / "index.html").select("a.md-select__link")}
    assert links == {"nl": "./", "en": "../en/meldpunt/", "pl": "../pl/meldpunt/", "ro": "../ro/meldpunt/", "bg": "../bg/meldpunt/"}
    begrippen = {a["hreflang"]: a["href"] for a in parse_html(built_site / "begrippen" / "index.html").select("a.md-select__link")}
    # An untranslated page leads to the language's home page (a path from the site's root).
    assert begrippen["pl"] == "/pl/"
    session = {a["hreflang"]: a["href"] for a in parse_html(
        built_site / "en" / "kennissessies" / "2027-01-goed-verhuurderschap" / "index.html").select("a.md-select__link")}
    assert session["nl"] == "../../../kennissessies/2027-01-goed-verhuurderschap/"


def test_sitemap_lists_hreflang_alternates(built_site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(built_site / "sitemap.xml").getroot()
    alternates = {}
    for url in root.findall("s:url", ns):
        alternates[url.find("s:loc", ns).text] = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", ns)}
    meldpunt = next(v for k, v in alternates.items() if k.endswith("/pl/meldpunt/"))
    assert set(meldpunt) == set(LANGUAGES)
    assert meldpunt["bg"].endswith("/bg/meldpunt/")


def head_hreflang(page: Path) -> dict[str, str]:
    links = parse_html(page).select("head link[hreflang]")
    assert all("alternate" in link["rel"] for link in links), page
    return {link["hreflang"]: link["href"] for link in links}


def test_head_hreflang_links_name_every_translation_both_ways(built_site: Path) -> None:
    site_url = "https://arbeidsmigranten.example.nl/"
    meldpunt = head_hreflang(built_site / "meldpunt" / "index.html")
    assert meldpunt == {**{lang: site_url + ("" if lang == "nl" else f"{lang}/") + "meldpunt/" for lang in LANGUAGES},
                        "x-default": site_url + "meldpunt/"}
    # A page that exists only in Dutch has no alternates (the switcher's home pages are not the same page).
    assert head_hreflang(built_site / "begrippen" / "index.html") == {}
    checked = 0
    for page in built_site.rglob("index.html"):
        rel = page.relative_to(built_site).as_posix().removesuffix("index.html")
        links = head_hreflang(page)
        if not links:
            continue
        assert links[language_of(rel)] == site_url + rel, rel  # the page names itself
        assert links["x-default"] == links["nl"], rel
        for lang, href in links.items():
            target = href.removeprefix(site_url)
            assert (built_site / target / "index.html").is_file(), f"{rel}: {lang} -> {href}"
            assert lang == "x-default" or language_of(target) == lang, f"{rel}: {lang} -> {href}"
            # Search engines ignore alternates that do not point back.
            assert head_hreflang(built_site / target / "index.html") == links, f"{rel} <-> {target}"
            checked += 1
    assert checked > 50


def test_search_per_language(built_site: Path) -> None:
    root = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert root["config"]["lang"] == ["nl"]
    assert not [d for d in root["docs"] if d["location"].split("/")[0] in OTHERS]
    expected_lang = {"en": ["en"], "ro": ["ro"], "pl": ["en"], "bg": ["en"]}  # not in lunr: see search.py
    for language in OTHERS:
        index = json.loads((built_site / language / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == expected_lang[language]
        locations = {d["location"].split("#")[0] for d in index["docs"]}
        assert "meldpunt/" in locations and not [loc for loc in locations if loc.startswith(f"{language}/")]
        page = parse_html(built_site / language / "meldpunt" / "index.html")
        config = json.loads(page.find("script", id="__config").string)
        assert config["base"] == "../../" + language + "/"


def test_calendar_words_dates_and_fallback_in_english(built_site: Path) -> None:
    # The site is built at TEST_NOW, before this session starts: so it still offers registration,
    # and the calendar still lists upcoming months (whatever day the test runs).
    assert TEST_NOW < "2027-01-14 19:30"
    page = parse_html(built_site / "en" / "kennissessies" / "2027-01-goed-verhuurderschap" / "index.html")
    article = page.select_one("article")
    facts = {d.find("dt").get_text(strip=True): d.find("dd").get_text(" ", strip=True) for d in article.select(".portal-facts > div")}
    assert facts["Date"] == "Thursday 14 January 2027"
    assert "Registration" in [h.get_text(strip=True).rstrip("¶") for h in article.find_all("h2")]
    assert article.find("h1").get("lang") is None, "the session has an English title"
    calendar = parse_html(built_site / "en" / "kennissessies" / "index.html")
    assert [h.get_text(strip=True).rstrip("¶") for h in calendar.select("article h2")][0].split()[0] in (
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December")


def test_unreviewed_translations_say_so(built_site: Path) -> None:
    for language in OTHERS:
        notice = parse_html(built_site / language / "meldpunt" / "index.html").select_one("article .portal-translation")
        assert notice is not None and notice.get_text(strip=True), language


@pytest.fixture
def copy(project_copy: Path) -> Path:
    return project_copy


def portal(*args: str, cwd: Path):
    return run_portal(*args, cwd=cwd)


def test_a_changed_dutch_page_makes_its_translations_stale(copy: Path) -> None:
    assert portal("check", cwd=copy).returncode == 0
    meldpunt = copy / "content" / "meldpunt.md"
    meldpunt.write_text(meldpunt.read_text(encoding="utf-8") + "\nEen nieuwe alinea.\n", encoding="utf-8")
    result = portal("check", cwd=copy)
    assert result.returncode == 0, "a stale translation is a warning, not an error"
    stale = [line for line in result.stdout.splitlines() if "is veranderd sinds deze vertaling" in line]
    assert sorted(line.split(":")[0] for line in stale) == [f"content/meldpunt.{lang}.md" for lang in sorted(OTHERS)]
    assert all("waarschuwing:" in line and "source_version:" in line for line in stale)
    listing = portal("translations", cwd=copy).stdout
    assert "content/meldpunt.pl.md: verouderd" in listing and "content/rechten.pl.md: bij" in listing
    assert portal("translations", "--done", "meldpunt.pl.md", cwd=copy).returncode == 0
    assert "content/meldpunt.pl.md: bij" in portal("translations", cwd=copy).stdout


def test_a_translation_without_source_fails(copy: Path) -> None:
    (copy / "content" / "verdwenen.en.md").write_text(
        "---\ndescription: x\ntranslation:\n  source: verdwenen.md\n  source_version: '0'\n  reviewed: false\n---\n\n# Gone\n",
        encoding="utf-8",
    )
    (copy / "content" / "zonder.pl.md").write_text("---\ndescription: x\n---\n\n# Bez źródła\n", encoding="utf-8")
    result = portal("check", cwd=copy)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith("content/verdwenen.en.md:4:1: de Nederlandse pagina die deze pagina vertaalt, bestaat niet")
               for line in lines), lines
    assert any(line.startswith("content/zonder.pl.md:1:1: een vertaalde pagina moet zeggen welke Nederlandse pagina")
               for line in lines), lines


@pytest.mark.parametrize("source, says", [
    ("../mkdocs.yml", "mag niet buiten de map content/ wijzen"),
    ("/etc/hostname", "moet een pad vanaf de map content/ zijn"),
    ("a" * 300 + ".md", "is te lang voor het pad van een pagina"),
    ("alliantie/" * 40 + "x.md", "is te lang voor het pad van een pagina"),
])
def test_a_translation_source_is_a_page_under_content_and_nothing_else(copy: Path, source: str, says: str) -> None:
    """Whether a file outside content/ exists, and what its fingerprint is, must not leak out."""
    (copy / "content" / "buiten.en.md").write_text(
        f"---\ndescription: x\ntranslation:\n  source: '{source}'\n  source_version: '0'\n  reviewed: false\n---\n\n# X\n",
        encoding="utf-8",
    )
    result = portal("check", cwd=copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("content/buiten.en.md:4:1:")]
    assert lines and says in lines[0], result.stdout
    # No fingerprint of the file it names: that would tell whether the file exists and what it holds.
    assert not [line for line in result.stdout.splitlines() if "buiten.en.md" in line and "source_version" in line]
    assert "content/buiten.en.md: GEEN BRON" in portal("translations", cwd=copy).stdout


def test_translations_done_only_rewrites_a_translated_page_of_the_site(copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "buiten.en.md"
    text = "---\ntranslation:\n  source: meldpunt.md\n  source_version: '0'\n  reviewed: false\n---\n# X\n"
    outside.write_text(text, encoding="utf-8")
    for name in (str(outside), "../buiten.en.md", "content/../../buiten.en.md", "/etc/hostname"):
        result = portal("translations", "--done", name, cwd=copy)
        assert result.returncode == 2, (name, result.stdout, result.stderr)
        assert "is geen vertaalde pagina in content/" in result.stderr
    assert outside.read_text(encoding="utf-8") == text
    # The site's own page, named from content/, from the repository root or as an absolute path.
    for name in ("meldpunt.pl.md", "content/meldpunt.pl.md", str(copy / "content" / "meldpunt.pl.md")):
        assert portal("translations", "--done", name, cwd=copy).returncode == 0, name


def test_a_translated_page_outside_its_languages_menu_is_an_error(copy: Path) -> None:
    (copy / "content" / "begrippen.pl.md").write_text(
        "---\ndescription: x\ntranslation:\n  source: begrippen.md\n  source_version: '0'\n  reviewed: false\n---\n\n# Pojęcia\n",
        encoding="utf-8",
    )
    result = portal("check", cwd=copy)
    assert result.returncode == 1
    assert ("content/begrippen.pl.md:1:1: deze pagina staat niet in het menu; zet haar onder nav: bij de taal pl "
            "(plugins, i18n) in mkdocs.yml, anders kan niemand haar vinden") in result.stdout.splitlines()
    # Only the new page: every other page, in every language, is in its own language's menu.
    assert not [line for line in result.stdout.splitlines() if "niet in het menu" in line and ".pl.md" not in line]


def test_heading_links_are_titled_in_the_pages_language(built_site: Path) -> None:
    strings = yaml.safe_load(DEFAULT_STRINGS.read_text(encoding="utf-8"))
    for language in LANGUAGES:
        folder = built_site if language == "nl" else built_site / language
        titles = {a["title"] for a in parse_html(folder / "meldpunt" / "index.html").select("a.headerlink")}
        assert titles == {strings[language]["page.heading_link"]}, language
