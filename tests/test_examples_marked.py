"""An invented record (`example: true`) is marked in every output the site makes: its pages, the
lists that show it, the calendar files, the open data, the news feed, the search index, the
sitemap, the page descriptions and the schema.org markup. Walks the repository's own built site,
where every session and most partners are examples; which records are examples is read from the
sources, each output with a real parser."""

from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import icalendar
import jsonschema
import pytest
import yaml

from arbeidsmigranten_portaal.load import DEFAULT_STRINGS
from conftest import REPO, parse_html

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
OTHERS = ["en", "pl", "ro", "bg"]


def _front_matter(path: Path) -> dict:
    match = re.match(r"^---\n(.*?\n)---\n", path.read_text(encoding="utf-8"), re.S)
    return (yaml.safe_load(match.group(1)) or {}) if match else {}


def _records(folder: str) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REPO / folder).glob("*.yml"))}


SESSIONS = _records("sessions")
PARTNERS = _records("partners")
EXAMPLE_SESSIONS = sorted(k for k, v in SESSIONS.items() if v.get("example") is True)
EXAMPLE_PARTNERS = sorted(k for k, v in PARTNERS.items() if v.get("example") is True)
STRINGS = yaml.safe_load(DEFAULT_STRINGS.read_text(encoding="utf-8"))
LABEL = {language: words["calendar.example"] for language, words in STRINGS.items()}
SESSION_NOTICE = STRINGS["nl"]["session.example"]
CALENDAR_LANGUAGES = ["nl", "en"]


def _prefix(language: str) -> str:
    return "" if language == "nl" else f"{language}/"


def _example_content_pages(site: Path) -> dict[str, str]:
    """URL -> language of every content page with example: true (news posts found by their heading)."""
    found: dict[str, str] = {}
    for source in sorted((REPO / "content").rglob("*.md")):
        if _front_matter(source).get("example") is not True:
            continue
        relative = source.relative_to(REPO / "content")
        parts = relative.name.split(".")
        language = parts[1] if len(parts) == 3 else "nl"
        if relative.parts[:2] == ("nieuws", "posts"):
            heading = next(line[2:].strip() for line in source.read_text(encoding="utf-8").splitlines()
                           if line.startswith("# "))
            pages = [p for p in (site / "nieuws").rglob("index.html")
                     if (h1 := parse_html(p).find("h1")) and h1.get_text(strip=True).startswith(heading)
                     and "category" not in p.parts and p.parent != site / "nieuws"]
            assert len(pages) == 1, (source, pages)
            found[pages[0].parent.relative_to(site).as_posix() + "/"] = language
        else:
            stem = relative.with_name(parts[0]).as_posix()
            url = _prefix(language) + (stem.removesuffix("index").rstrip("/") + "/" if stem.endswith("index") else stem + "/")
            found[url.lstrip("/") if url != "/" else ""] = language
    return found


@pytest.fixture(scope="module")
def example_pages(built_site: Path) -> dict[str, str]:
    """URL -> language of every page of an invented record in the built site."""
    pages = _example_content_pages(built_site)
    for language in CALENDAR_LANGUAGES:
        pages |= {f"{_prefix(language)}kennissessies/{s}/": language for s in EXAMPLE_SESSIONS}
        pages |= {f"{_prefix(language)}alliantie/{p}/": language for p in EXAMPLE_PARTNERS}
    for url in pages:
        assert (built_site / url / "index.html").is_file(), url
    return pages


def test_the_sources_hold_examples_and_real_records() -> None:
    """Without both kinds the checks below would prove nothing."""
    assert EXAMPLE_SESSIONS and EXAMPLE_PARTNERS
    assert any(v.get("example") is not True for v in PARTNERS.values())


def test_every_example_page_says_so_and_asks_not_to_be_indexed(built_site: Path, example_pages: dict[str, str]) -> None:
    for url, language in example_pages.items():
        soup = parse_html(built_site / url / "index.html")
        assert soup.select_one("article .portal-example"), f"{url}: no example notice"
        robots = soup.find("meta", attrs={"name": "robots"})
        assert robots and "noindex" in robots["content"], url
        description = soup.find("meta", attrs={"name": "description"})
        if description is not None:
            assert description["content"].startswith(f"{LABEL[language]}: "), (url, description["content"])
        for meta in soup.find_all("meta", attrs={"property": re.compile("description|title")}):
            assert meta["content"].startswith(LABEL[language]), (url, meta)


def test_no_schema_org_markup_presents_an_example_as_real(built_site: Path) -> None:
    invented = {SESSIONS[s]["title"] for s in EXAMPLE_SESSIONS} | {PARTNERS[p]["name"] for p in EXAMPLE_PARTNERS}
    for language in CALENDAR_LANGUAGES:
        invented |= {(SESSIONS[s].get("translations") or {}).get(language, {}).get("title") for s in EXAMPLE_SESSIONS}
    seen = 0
    for page in built_site.rglob("*.html"):
        for script in parse_html(page).find_all("script", attrs={"type": "application/ld+json"}):
            seen += 1
            text = json.dumps(json.loads(script.string))
            for name in filter(None, invented):
                assert json.dumps(name)[1:-1] not in text, f"{page.relative_to(built_site)}: {name}"
    real = [p for p in PARTNERS if p not in EXAMPLE_PARTNERS]
    assert seen >= len(real), "real partners keep their markup"


def test_the_sitemap_leaves_example_pages_out(built_site: Path, example_pages: dict[str, str]) -> None:
    for name, data in [("sitemap.xml", (built_site / "sitemap.xml").read_bytes()),
                       ("sitemap.xml.gz", gzip.decompress((built_site / "sitemap.xml.gz").read_bytes()))]:
        locations = [loc.text for loc in ET.fromstring(data).iter(f"{SITEMAP}loc")]
        paths = {re.sub(r"^https?://[^/]+/", "", loc) for loc in locations}
        assert "meldpunt/" in paths and "" in paths, name  # real pages stay
        assert not paths & set(example_pages), (name, sorted(paths & set(example_pages)))


def test_every_search_result_of_an_example_page_is_marked(built_site: Path, example_pages: dict[str, str]) -> None:
    marked = set()
    for language in ["nl", *OTHERS]:
        index = json.loads((built_site / _prefix(language) / "search" / "search_index.json").read_text(encoding="utf-8"))
        for doc in index["docs"]:
            url = _prefix(language) + doc["location"].split("#", 1)[0]
            if url in example_pages:
                assert doc["title"].startswith(f"{LABEL[language]}: "), (url, doc["title"])
                # Ranked below real pages: an invented session never comes before the meldpunt.
                assert doc.get("boost", 1) < 1, (url, doc.get("boost"))
                marked.add(url)
            else:
                assert not doc["title"].startswith(f"{LABEL[language]}: "), (url, doc["title"])
                assert doc.get("boost", 1) >= 1, (url, doc.get("boost"))
    assert marked == set(example_pages), sorted(set(example_pages) - marked)


def test_every_list_marks_its_example_sessions_and_partners(built_site: Path) -> None:
    checked = 0
    for page in built_site.rglob("*.html"):
        soup = parse_html(page)
        for item in soup.select("li.portal-session, li.portal-partner"):
            link = item.find("a", href=True)
            target = link["href"].rstrip("/").rsplit("/", 1)[-1]
            if target in EXAMPLE_SESSIONS or target in EXAMPLE_PARTNERS:
                assert item.select_one(".portal-tag--example"), f"{page.relative_to(built_site)}: {target}"
                checked += 1
    assert checked > len(EXAMPLE_SESSIONS), "the calendar, the home page and the partner pages were looked at"


def test_every_calendar_file_names_examples_in_title_and_description(built_site: Path) -> None:
    domain = yaml.safe_load((REPO / "site_config" / "site.yml").read_text(encoding="utf-8"))["calendar"]["uid_domain"]
    seen = set()
    for path in sorted((built_site / "kennissessies").glob("*.ics")):
        for event in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"):
            session = str(event["UID"]).removesuffix(f"@{domain}")
            if session in EXAMPLE_SESSIONS:
                assert str(event["SUMMARY"]).startswith(f"{LABEL['nl']}: "), (path.name, event["SUMMARY"])
                assert " ".join(SESSION_NOTICE.split()) in " ".join(str(event["DESCRIPTION"]).split()), path.name
                assert str(event["STATUS"]) in ("TENTATIVE", "CANCELLED"), (path.name, event["STATUS"])
                seen.add(session)
            else:
                assert not str(event["SUMMARY"]).startswith(f"{LABEL['nl']}: "), path.name
    assert seen == set(EXAMPLE_SESSIONS)


def test_the_open_data_flags_every_example(built_site: Path) -> None:
    for name, records in [("sessions", SESSIONS), ("partners", PARTNERS)]:
        document = json.loads((built_site / "data" / f"{name}.json").read_text(encoding="utf-8"))
        schema = json.loads((built_site / "data" / f"{name}.schema.json").read_text(encoding="utf-8"))
        jsonschema.validate(document, schema)
        items = next(value for value in document.values() if isinstance(value, list))
        flags = {item["id"]: item["example"] for item in items}
        assert flags == {key: value.get("example") is True for key, value in records.items()}, name


def test_the_news_feed_marks_example_posts(built_site: Path) -> None:
    feed = feedparser.parse((built_site / "nieuws" / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    posts = [p for p in (REPO / "content" / "nieuws" / "posts").glob("*.md")]
    examples = {next(line[2:].strip() for line in p.read_text(encoding="utf-8").splitlines() if line.startswith("# "))
                for p in posts if _front_matter(p).get("example") is True}
    titles = [entry.title for entry in feed.entries]
    assert examples and len(titles) == len(posts)
    for title in titles:
        invented = title.removeprefix(f"{LABEL['nl']}: ") in examples
        assert title.startswith(f"{LABEL['nl']}: ") == invented, title
