"""In a real browser, no text from the YAML files runs as a script.

The site is built (with a fixed clock) from a copy whose sessions and partners carry script
payloads in every text that reaches a page (see test_active_content.PAYLOADS), and whose
partners have logos. Every generated session and partner page, in every language, and every
logo file is opened with a trap in place: each payload would call it. Every <script> element on
those pages must be one of the site's own: a file of Material or of the portal, a JSON block
(JSON-LD, the portal's labels, Material's settings) that a browser never runs, or one of the
inline scripts that the templates put in every page (compared with the 404 page, which holds no data).
"""

from __future__ import annotations

import json
import re
import struct
import zlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from ruamel.yaml import YAML

from browser import environment, fix_clock, serve
from conftest import BROWSER_BUILD_NOW, build_site, copy_project, parse_html
from arbeidsmigranten_portaal.clock import parse_local
from test_active_content import SVG, with_hostile_data

# Records every attempt to set window.__pwned, or to open a dialog, in the page and its frames.
TRAP = """
(() => {
  const hits = [];
  Object.defineProperty(window, "__pwnedHits", {value: hits});
  Object.defineProperty(window, "__pwned", {configurable: false, get() { return undefined; },
                                            set(value) { hits.push("__pwned=" + value); }});
  for (const name of ["alert", "confirm", "prompt"]) window[name] = () => hits.push(name);
})();
"""
SCRIPTS = "[...document.scripts].map(s => ({src: s.src, type: s.type, text: s.src ? '' : s.textContent}))"
# Attributes that would run code on a click or an event, on any element of the page as it stands.
LIVE_ATTRIBUTES = """[...document.querySelectorAll("*")].flatMap(e => [...e.attributes]
  .filter(a => /^on/i.test(a.name) || /^[\\s\\u0000-\\u001f]*(javascript|vbscript|data):/i.test(a.value))
  .map(a => e.tagName + " " + a.name + "=" + a.value))"""
NOT_RUN = {"application/json", "application/ld+json"}
# A logo that passes the check: text that looks like a script is only text in an SVG.
LOGO_SVG = (SVG + '<title>Logo</title><a href="#vorm"><rect id="vorm" width="10" height="10" fill="#154273"/></a>'
            "<text>&lt;script&gt;window.__pwned=7&lt;/script&gt;</text></svg>")


def _png() -> bytes:
    """A 1x1 PNG, made here rather than kept as a binary file."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x15\x42\x73")) + chunk(b"IEND", b""))


def _normalise(script: str) -> str:
    # The one part of the templates' inline scripts that differs per page: the way to the root.
    return re.sub(r'new URL\("[^"]*",location\)', "new URL(ROOT,location)", script)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory):
    project = copy_project(tmp_path_factory.mktemp("no-script") / "project")
    with_hostile_data(project)
    logos = project / "partners" / "logos"
    logos.mkdir()
    (logos / "logo.svg").write_text(LOGO_SVG, encoding="utf-8")
    (logos / "logo.png").write_bytes(_png())
    yaml = YAML()
    for path, logo in zip(sorted((project / "partners").glob("*.yml"))[:2], ("logos/logo.svg", "logos/logo.png")):
        data = yaml.load(path)
        data["logo"] = logo
        yaml.dump(data, path)
    site = project.parent / "site"
    with environment(PORTAL_NOW=BROWSER_BUILD_NOW):
        result = build_site(project, site)
    assert result.exit_code == 0, result.output
    with serve(site) as url:
        yield site, url


def _opened_files(site: Path) -> list[str]:
    pages = []
    for prefix in ("", "en/"):
        for folder in ("kennissessies", "alliantie"):
            pages += sorted(p for p in (site / prefix / folder).rglob("index.html"))
    logos = sorted(p for p in (site / "alliantie" / "logos").iterdir() if p.is_file())
    return [p.relative_to(site).as_posix() for p in pages + logos]


def test_no_script_from_the_data_runs_in_any_generated_page_or_logo(chromium, hostile_site) -> None:
    site, base = hostile_site
    files = _opened_files(site)
    assert sum(f.endswith(".svg") for f in files) == 1 and sum(f.endswith(".png") for f in files) == 1
    assert sum("/kennissessies/" in f or f.startswith("kennissessies/") for f in files) >= 20
    own_files = {"/" + p.relative_to(site).as_posix()
                 for folder in ("assets/javascripts", "assets/portal") for p in (site / folder).glob("*.js")}
    template_scripts = {_normalise(s.get_text()) for s in parse_html(site / "404.html").find_all("script")
                        if not s.get("src") and s.get("type") not in NOT_RUN}
    assert template_scripts, "the templates' inline scripts are known"

    context = chromium.new_context()
    context.add_init_script(TRAP)
    page = context.new_page()
    fix_clock(page, parse_local(BROWSER_BUILD_NOW, "now"))
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (errors.append("dialog " + dialog.message), dialog.dismiss()))
    unknown_scripts: list[tuple[str, dict]] = []
    hostile_pages = 0
    for file in files:
        response = page.goto(base + file, wait_until="load")
        assert response is not None and response.status == 200, file
        assert page.evaluate("window.__pwnedHits") == [], file
        if file.endswith(".html"):
            hostile_pages += "__pwned" in page.content()
            assert page.evaluate(LIVE_ATTRIBUTES) == [], file
            for script in page.evaluate(SCRIPTS):
                if script["src"]:
                    known = urlsplit(script["src"]).hostname == "127.0.0.1" and urlsplit(script["src"]).path in own_files
                elif script["type"] in NOT_RUN:
                    known = json.loads(script["text"]) is not None
                else:
                    known = _normalise(script["text"]) in template_scripts
                if not known:
                    unknown_scripts.append((file, script))
    context.close()
    assert unknown_scripts == []
    assert errors == []
    assert {urlsplit(url).hostname for url in requests if not url.startswith(("data:", "blob:"))} == {"127.0.0.1"}
    # The payloads really were on the pages (as text), so the trap had something to catch.
    assert hostile_pages >= 10, hostile_pages
