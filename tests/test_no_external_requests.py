"""The built site requests nothing from any host but its own.

Every HTML, CSS and JS file of the real build is scanned: HTML with an HTML parser (attributes
that make a browser fetch something), CSS for url() and @import, JS for absolute URLs. Links
people click (<a href>) are not requests and are allowed. The browser tests (issue 5) record the
requests a real browser makes; this scan also covers pages and states they do not open.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import parse_html

# Attributes that make a browser fetch a resource when the page loads.
FETCHING_ATTRIBUTES = {
    "script": ["src"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "iframe": ["src"],
    "frame": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "input": ["src"],
    "image": ["href", "xlink:href"],
    "use": ["href", "xlink:href"],
}
# <link rel=...> values that a browser does not fetch by itself.
NON_FETCHING_LINK_RELS = {"canonical", "alternate", "prev", "next", "author", "license", "help"}

CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")]+)\1\s*\)|@import\s+(['"])(?P<import>[^'"]+)\3""")
JS_URL = re.compile(r"""(?:https?|wss?)://[^\s"'`)]+""", re.I)

# Absolute URLs in Material's vendored JavaScript, each with why it never turns into a request
# on this site. Anything not listed here fails the test, so an upgrade that adds one is noticed.
KNOWN_VENDOR_URLS = {
    "https://unpkg.com/resize-observer-polyfill": "only without ResizeObserver; no-third-party.js defines it first",
    "https://unpkg.com/mermaid@": "only on pages with a Mermaid diagram; checked below that there are none",
    "https://api.github.com/": "only with repo_url set; checked below that no page has a repository widget",
    "https://${": "GitLab API, only with repo_url set; same check",
    "https://bit.ly/2s3ChXG": "text of a console warning in the search worker, not fetched",
    "https://clipboardjs.com/": "licence comment of clipboard.js",
    "http://lunrjs.com": "licence comment of lunr",
    "http://tartarus.org/~martin/PorterStemmer/": "source reference in a comment of lunr's stemmer",
}
# lunr's language packs are loaded by the search worker from this site itself; the URLs in
# them are licence and documentation references inside comments.
LICENCE_COMMENT_FILES = re.compile(r"assets/javascripts/lunr/")


def is_external(url: str) -> bool:
    url = url.strip()
    if url.startswith("//"):
        return True
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ftp", "ws", "wss")


def srcset_urls(value: str) -> list[str]:
    return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]


def external_in_css(text: str) -> list[str]:
    found = []
    for match in CSS_URL.finditer(text):
        url = match.group("url") or match.group("import")
        if url and not url.startswith("data:") and is_external(url):
            found.append(url)
    return found


def external_in_html(path: Path) -> list[str]:
    soup = parse_html(path)
    found = []
    for tag_name, attributes in FETCHING_ATTRIBUTES.items():
        for tag in soup.find_all(tag_name):
            for attribute in attributes:
                value = tag.get(attribute)
                if not value:
                    continue
                urls = srcset_urls(value) if attribute == "srcset" else [value]
                found += [f"<{tag_name} {attribute}={url}>" for url in urls if is_external(url)]
    for link in soup.find_all("link", href=True):
        rels = {rel.lower() for rel in (link.get("rel") or [])}
        if not rels <= NON_FETCHING_LINK_RELS and is_external(link["href"]):
            found.append(f"<link rel={' '.join(rels)} href={link['href']}>")
    for style in soup.find_all("style"):
        found += external_in_css(style.get_text())
    for tag in soup.find_all(style=True):
        found += external_in_css(tag["style"])
    for meta in soup.find_all("meta", attrs={"http-equiv": True}):
        if meta["http-equiv"].lower() == "refresh" and "http" in meta.get("content", ""):
            found.append(f"<meta refresh {meta['content']}>")
    return found


# The editor (/admin/) is Decap CMS: a tool for the team, which no public page loads (test_editor.py).
# Its bundle holds the addresses of every Git host and media service it can work with; which it
# really asks is what tests/test_browser_editor.py records in a browser (only 127.0.0.1 against
# the local backend; on the real site, GitHub). The portal's own scripts beside it are scanned.
EDITOR_VENDOR_FILES = re.compile(r"^admin/(?!portal-)[^/]+\.js$")


def unexplained_js_urls(path: Path, site: Path) -> list[str]:
    rel = path.relative_to(site).as_posix()
    if LICENCE_COMMENT_FILES.search(rel) or EDITOR_VENDOR_FILES.match(rel):
        return []
    text = path.read_text(encoding="utf-8", errors="replace")
    own = rel.startswith("assets/portal/")
    unexplained = []
    for url in JS_URL.findall(text):
        if own or not any(url.startswith(known) for known in KNOWN_VENDOR_URLS):
            unexplained.append(url)
    return unexplained


def test_html_loads_nothing_from_other_hosts(built_site: Path) -> None:
    problems = {str(p.relative_to(built_site)): external_in_html(p) for p in built_site.rglob("*.html")}
    assert {page: found for page, found in problems.items() if found} == {}


def test_css_loads_nothing_from_other_hosts(built_site: Path) -> None:
    files = list(built_site.rglob("*.css"))
    assert files
    problems = {str(p.relative_to(built_site)): external_in_css(p.read_text(encoding="utf-8")) for p in files}
    assert {name: found for name, found in problems.items() if found} == {}


def test_javascript_has_no_unexplained_remote_urls(built_site: Path) -> None:
    files = [p for p in built_site.rglob("*.js")]
    assert any("bundle" in p.name for p in files)
    problems = {str(p.relative_to(built_site)): unexplained_js_urls(p, built_site) for p in files}
    assert {name: found for name, found in problems.items() if found} == {}


def test_dormant_vendor_loaders_stay_dormant(built_site: Path) -> None:
    """The conditions under which Material's bundle would fetch from elsewhere never occur."""
    with_bundle = 0
    for page in built_site.rglob("*.html"):
        soup = parse_html(page)
        assert not soup.select(".mermaid"), page
        assert soup.select_one('[data-md-component="source"]') is None, page
        if soup.find("script", src=re.compile(r"bundle\..*\.js")):
            with_bundle += 1
            scripts = [s.get("src", "") for s in soup.find_all("script")]
            stub = next(i for i, src in enumerate(scripts) if src.endswith("no-third-party.js"))
            bundle = next(i for i, src in enumerate(scripts) if "bundle." in src)
            assert stub < bundle, page
    # Every page but the redirect stubs of the language builds loads the bundle: the order check ran.
    assert with_bundle > 50


@pytest.mark.parametrize(
    "html, expected",
    [
        ('<script src="https://cdn.example.com/x.js"></script>', 1),
        ('<link rel="stylesheet" href="//fonts.googleapis.com/css">', 1),
        ('<img srcset="a.png 1x, https://img.example.com/b.png 2x">', 1),
        ('<div style="background: url(https://t.example.com/p.gif)"></div>', 1),
        ('<style>@import "https://x.example.com/a.css";</style>', 1),
        ('<iframe src="https://www.youtube.com/embed/x"></iframe>', 1),
        ('<a href="https://www.politie.nl">politie</a><link rel="canonical" href="https://x.nl/">', 0),
        ('<img src="../assets/logo.svg"><img src="data:image/png;base64,AAAA">', 0),
    ],
)
def test_the_scan_itself_finds_remote_resources(tmp_path: Path, html: str, expected: int) -> None:
    page = tmp_path / "page.html"
    page.write_text(f"<!doctype html><html><head></head><body>{html}</body></html>", encoding="utf-8")
    assert len(external_in_html(page)) == expected
