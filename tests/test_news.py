"""The news: Material's blog with fixed categories, and an RSS feed made from the posts' own dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import feedparser
import yaml

from conftest import REPO, parse_html

POSTS = sorted((REPO / "content" / "nieuws" / "posts").glob("*.md"))


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def test_feed_is_clean_rss_with_the_posts_dates_and_ids(built_site: Path) -> None:
    feed = feedparser.parse((built_site / "nieuws" / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert feed.feed.language == "nl"
    assert len(feed.entries) == len(POSTS) >= 2
    by_day = {}
    for entry in feed.entries:
        assert entry.id == entry.link and entry.link.startswith("https://")
        published = dt.datetime(*entry.published_parsed[:6], tzinfo=dt.timezone.utc)
        by_day[entry.link] = published.date()
    for post in POSTS:
        meta = front_matter(post)
        links = [link for link in by_day if link.rstrip("/").endswith(post.stem)]
        assert len(links) == 1, post.name
        assert by_day[links[0]] == meta["date"], post.name
        entry = next(e for e in feed.entries if e.link == links[0])
        assert entry.title.startswith("Voorbeeld: ") == bool(meta.get("example"))
        assert [t.term for t in entry.tags] == meta["categories"]
    dates = [e.published_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)


def test_pages_point_to_the_feed(built_site: Path) -> None:
    home = parse_html(built_site / "index.html")
    alternate = home.find("link", rel="alternate", type="application/rss+xml")
    assert alternate["href"] == "nieuws/feed.xml"
    news = parse_html(built_site / "nieuws" / "index.html")
    assert news.select_one(".md-content a[href='feed.xml']")


def test_news_categories_are_fixed(built_site: Path) -> None:
    allowed = {"Aanpak", "Controles", "Goede voorbeelden", "Alliantie", "Kennissessies"}
    for post in POSTS:
        assert set(front_matter(post)["categories"]) <= allowed, post.name
    news = parse_html(built_site / "nieuws" / "index.html")
    linked = {a.get_text(strip=True) for a in news.select(".md-sidebar a[href*='category/']")}
    assert linked and linked <= allowed
