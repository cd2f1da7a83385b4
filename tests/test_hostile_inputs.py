"""A corpus of hostile and careless files, each put into a copy of a small site.

For every case both `portal check` and `mkdocs build --strict` run in their own process, with
memory and time bounded, and a secret in their environment. Each must: stop with exit status 1
(never a crash), print no traceback, name the file (and line) in a Dutch sentence, leave the
previous site/ exactly as it was, and never print or publish the secret.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from conftest import REPO, parse_html

CALENDAR = REPO / "tests" / "sites" / "calendar"
SECRET = "GEHEIM-canary-7f3a9c"
MEMORY_LIMIT = 3 * 1024**3  # address space per process; an alias bomb needs far more
TIME_LIMIT = 120  # seconds per process; a normal run of this small site takes a few


@dataclass(frozen=True)
class Case:
    name: str
    change: Callable[[Path], None]
    where: str  # what the output must name: "path:line:" or "path:"


def _write(relative: str, content: bytes | str) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.exists():
            path.unlink()
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return change


def _symlink(relative: str, target: str) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.exists():
            path.unlink()
        path.symlink_to(target)
    return change


def _fifo(relative: str) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        os.mkfifo(project / relative)
    return change


def _session_with(**fields: str) -> str:
    """The fixture's open session with some fields replaced (values as YAML text)."""
    base = {
        "title": "Open sessie", "start": "2027-02-10 19:30", "end": "2027-02-10 21:30",
        "location": '{name: Gemeentehuis, address: "Teststraat 1, Testdorp"}',
        "audiences": "[ondernemers]", "summary": "Tekst.",
        "registration": "\n  ondernemers:\n    url: https://formulier.test.invalid/open\n    deadline: 2027-02-01",
    }
    base.update(fields)
    return "".join(f"{key}: {value}\n" for key, value in base.items())


OPEN = "sessions/2027-02-open.yml"
BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)

CASES = [
    # Files of the build machine
    Case("logo-link-to-environ", _symlink("partners/logos/kennis.svg", "/proc/self/environ"),
         "partners/logos/kennis.svg:1:"),
    Case("page-link-to-git-config", _symlink("content/geheim.md", "../../.git/config"), "content/geheim.md:1:"),
    Case("page-link-inside-repo", _symlink("content/kopie.md", "index.md"), "content/kopie.md:1:"),
    Case("folder-link-to-etc", _symlink("content/systeem", "/etc"), "content/systeem:1:"),
    Case("session-link-to-passwd", _symlink("sessions/2027-09-wachtwoord.yml", "/etc/passwd"),
         "sessions/2027-09-wachtwoord.yml:1:"),
    Case("asset-link", _symlink("site_config/assets/extra.css", "/etc/hostname"), "site_config/assets/extra.css:1:"),
    Case("session-fifo", _fifo("sessions/2027-09-pijp.yml"), "sessions/2027-09-pijp.yml:1:"),
    # Unbounded work
    Case("alias-bomb-session", _write(OPEN, BOMB), f"{OPEN}:1:"),
    Case("alias-bomb-front-matter", _write("content/verslag.md", f"---\n{BOMB}---\n# Verslag\n"), "content/verslag.md:2:"),
    Case("alias-bomb-site-settings", _write("site_config/audiences.yml", BOMB), "site_config/audiences.yml:1:"),
    Case("huge-yaml", _write("sessions/2027-09-groot.yml", "title: x\n" + "# vulling\n" * 60_000),
         "sessions/2027-09-groot.yml:1:"),
    Case("huge-page", _write("content/groot.md", "# Groot\n\n" + "Tekst. " * 200_000), "content/groot.md:1:"),
    Case("deep-flow-nesting", _write(OPEN, "title: " + "[" * 5000 + "\n"), f"{OPEN}:1:"),
    Case("deep-block-nesting", _write(OPEN, "".join("  " * i + f"k{i}:\n" for i in range(40)) + "  " * 40 + "x: 1\n"),
         f"{OPEN}:"),
    # Not text, or not UTF-8
    Case("utf16-without-bom", _write(OPEN, _session_with().encode("utf-16-le")), f"{OPEN}:1:"),
    Case("latin1-page", _write("content/verslag.md", "# Verslag\n\nCaf\xe9 in Dalfsen.\n".encode("latin-1")),
         "content/verslag.md:3:"),
    Case("control-character", _write(OPEN, _session_with(title='"Open \x1b[31msessie"')), f"{OPEN}:1:"),
    Case("nul-in-page", _write("content/verslag.md", "# Verslag\n\nTekst\x00\n"), "content/verslag.md:3:"),
    # Outside the YAML subset
    Case("merge-key", _write(OPEN, "basis: &b {title: x}\n<<: *b\n"), f"{OPEN}:1:"),
    Case("python-tag", _write(OPEN, _session_with(title='!!python/object/apply:os.system ["id"]')), f"{OPEN}:1:"),
    Case("tag-in-front-matter", _write("content/verslag.md", "---\ntitle: !!python/name:os.system\n---\n# V\n"),
         "content/verslag.md:2:"),
    Case("two-documents", _write(OPEN, _session_with() + "---\ntitle: tweede\n"), f"{OPEN}:"),
    Case("tab-indentation", _write(OPEN, _session_with(location="\n\tname: Zaal")), f"{OPEN}:"),
    # Values that do not exist
    Case("impossible-timestamp-seconds", _write(OPEN, _session_with(start="2027-02-10 19:30:61")), f"{OPEN}:2:"),
    Case("impossible-day", _write(OPEN, _session_with(start="2027-02-29 19:30")), f"{OPEN}:2:"),
    Case("year-one", _write(OPEN, _session_with(start="0001-01-01 00:00", end="0001-01-01 01:00")), f"{OPEN}:2:"),
    Case("year-9999", _write(OPEN, _session_with(start="9999-12-31 22:00", end="9999-12-31 23:59")), f"{OPEN}:2:"),
    Case("empty-file", _write(OPEN, ""), f"{OPEN}:1:"),
    Case("list-instead-of-fields", _write(OPEN, "- title\n- start\n"), f"{OPEN}:1:"),
    # Front matter that Material prints without escaping, or turns into file names and paths
    Case("script-in-title", _write("content/verslag.md", '---\ntitle: "x</title><script>alert(1)</script>"\n---\n# V\n'),
         "content/verslag.md:2:8:"),
    Case("quote-in-author", _write("content/verslag.md", "---\nauthor: '\"><script>alert(2)</script>'\n---\n# V\n"),
         "content/verslag.md:2:9:"),
    Case("template-traversal", _write("content/verslag.md", "---\ntemplate: ../../../../etc/passwd\n---\n# V\n"),
         "content/verslag.md:2:11:"),
    Case("unknown-icon", _write("content/verslag.md", "---\nicon: material/bestaat-niet\n---\n# V\n"),
         "content/verslag.md:2:7:"),
    Case("slug-traversal", _write("content/verslag.md", "---\nslug: ../../../meldpunt\n---\n# V\n"),
         "content/verslag.md:2:7:"),
    Case("other-markdown-suffix", _write("content/bom.markdown", "---\ntitle: x\n---\n# x\n"),
         "content/bom.markdown:1:1:"),
    Case("icon-name-too-long", _write("content/verslag.md", "---\nicon: material/" + "a" * 400 + "\n---\n# V\n"),
         "content/verslag.md:2:7:"),
    # Names that would reach the file system as they are
    Case("report-path-too-long", _write(OPEN, _session_with(report="a" * 300 + ".md")), f"{OPEN}:11:9:"),
    Case("report-path-deep", _write(OPEN, _session_with(report="x/" * 150 + "v.md")), f"{OPEN}:11:9:"),
    # Files a browser runs, under names nobody remembers
    Case("xhtm-file", _write("content/pagina.xhtm", '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)'
                                                   "</script></html>"), "content/pagina.xhtm:1:1:"),
    Case("appcache-file", _write("content/offline.appcache", "CACHE MANIFEST\n"), "content/offline.appcache:1:1:"),
    Case("file-without-suffix", _write("content/LEESMIJ", "<script>alert(1)</script>"), "content/LEESMIJ:1:1:"),
    # Entities that Jinja's striptags turns back into HTML, and metadata without ---
    Case("entity-in-title", _write("content/verslag.md", "---\ntitle: Bericht&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
                                                          "\nreviewed: 2026-12-01\n---\n# V\n"), "content/verslag.md:2:8:"),
    Case("multimarkdown-metadata", _write("content/verslag.md", 'description: 0;url=https://evil.example/" '
                                                                 'http-equiv="refresh\n\n# V\n'), "content/verslag.md:1:1:"),
    Case("blog-template-on-a-page", _write("content/verslag.md", "---\ntemplate: blog-post.html\nreviewed: 2026-12-01"
                                                                  "\n---\n# V\n"), "content/verslag.md:2:11:"),
    Case("page-without-review-date", _write("content/verslag.md", "# Verslag\n\nTekst.\n"), "content/verslag.md:1:1:"),
    # The site's own assets: only its kinds of files, styles without outside addresses
    Case("html-in-assets", _write("site_config/assets/evil.html", "<script>alert(1)</script>"),
         "site_config/assets/evil.html:1:1:"),
    Case("css-loads-outside", _write("site_config/assets/extra.css", "body {\n  background: url(https://evil.example/x.png);\n}\n"),
         "site_config/assets/extra.css:1:1:"),
    Case("css-import", _write("site_config/assets/extra.css", "@import 'https://evil.example/x.css';\n"),
         "site_config/assets/extra.css:1:1:"),
    # Markdown that makes Python-Markdown work for minutes or recurse until it crashes
    Case("line-of-brackets", _write("content/verslag.md", "---\nreviewed: 2026-12-01\n---\n# V\n\n" + "[" * 40_000 + "\n"),
         "content/verslag.md:6:1:"),
    Case("lists-nested-250-deep", _write("content/verslag.md", "---\nreviewed: 2026-12-01\n---\n# V\n\n"
                                                               + "".join("\t" * i + "- x\n" for i in range(250))),
         "content/verslag.md:"),
    # Links the strict build refuses in English only
    Case("absolute-link", _write("content/verslag.md", "---\nreviewed: 2026-12-01\n---\n# V\n\n[b](/meldpunt/)\n"),
         "content/verslag.md:6:5:"),
    Case("missing-anchor", _write("content/verslag.md", "---\nreviewed: 2026-12-01\n---\n# V\n\n## Kop\n\n[a](#nope)\n"),
         "content/verslag.md:8:5:"),
    Case("reference-link-to-nothing", _write("content/verslag.md", "---\nreviewed: 2026-12-01\n---\n# V\n\n[c][r]\n\n"
                                                                   "[r]: bestaat-niet.md\n"), "content/verslag.md:8:6:"),
    Case("menu-entry-to-nothing", lambda p: _edit(p / "mkdocs.yml", "  - Verslag: verslag.md",
                                                  "  - Verslag: verslag.md\n  - Weg: bestaat-niet.md"), "mkdocs.yml:"),
    # Two pages at one address: one of them would silently replace the other
    Case("page-and-folder-index", _write("content/verslag/index.md", "---\nreviewed: 2026-12-01\n---\n# Ander\n"),
         "content/verslag"),
    Case("same-name-other-capitals", _write("content/Verslag.md", "---\nreviewed: 2026-12-01\n---\n# Ander\n"),
         "erslag.md:1:1:"),
    # Round two: Markdown in a title (the news lists render it), emoji from a CDN, CSS tricks
    Case("markdown-in-title", _write("content/verslag.md", "---\ntitle: Nieuws [lees meer](javascript:alert(1))\n"
                                                            "reviewed: 2026-12-01\n---\n# V\n"), "content/verslag.md:2:8:"),
    Case("emoji-from-a-cdn", _write("content/verslag.md", "---\nreviewed: 2026-12-01\n---\n# V\n\nEen feest :tada:\n"),
         "content/verslag.md:6:11:"),
    Case("css-escape", _write("site_config/assets/extra.css", "body{background:u\\72l(https://evil.example/1.png)}\n"),
         "site_config/assets/extra.css:1:1:"),
    Case("css-url-over-two-lines", _write("site_config/assets/extra.css", "body{background:url(\n"
                                                                           "https://evil.example/x.png)}\n"),
         "site_config/assets/extra.css:1:1:"),
    Case("css-image-set", _write("site_config/assets/extra.css", 'body{background-image:image-set("https://evil.example/3.png" 1x)}\n'),
         "site_config/assets/extra.css:1:1:"),
    Case("too-much-text", lambda p: [_write(f"content/groot-{i}.md", "---\nreviewed: 2026-12-01\n---\n# G\n\n"
                                            + ("Tekst. " * 140 + "\n\n") * 1000)(p) for i in range(20)],
         "content:1:1:"),
    # Texts of mkdocs.yml that are printed without escaping
    Case("html-menu-title", lambda p: _edit(p / "mkdocs.yml", "  - Verslag: verslag.md",
                                            "  - '<img src=x onerror=alert(1)>': verslag.md"), "mkdocs.yml:"),
    Case("quote-in-site-name", lambda p: _edit(p / "mkdocs.yml", "site_name: Kalendertest",
                                               "site_name: 'A\" onmouseover=\"alert(1)'"), "mkdocs.yml:2:"),
    Case("entity-javascript-in-extra", lambda p: _edit(p / "mkdocs.yml", "strict: true",
                                                       "strict: true\nextra:\n  social:\n    - icon: x\n"
                                                       "      link: 'java&#115;cript:alert(1)'"), "mkdocs.yml:"),
    Case("palette-attribute", lambda p: _edit(p / "mkdocs.yml", "  font: false",
                                              "  font: false\n  palette:\n    primary: 'custom\"/onfocus=\"alert(1)'"),
         "mkdocs.yml:"),
    # Settings that would copy the build machine's environment into the public site
    Case("env-secret-in-settings", lambda p: _edit(p / "mkdocs.yml", "site_name: Kalendertest",
                                                       "site_name: !ENV [PORTAL_CANARY, Kalendertest]"), "mkdocs.yml:2:"),
]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


# mkdocs.yml parts that are code: MkDocs runs them while it reads its settings, before any plugin,
# so only `portal check` (which the pull-request workflow runs first) can stop them.
CODE_IN_SETTINGS = [
    Case("hooks", lambda p: _edit(p / "mkdocs.yml", "strict: true", "strict: true\nhooks:\n  - sessions/x.py"),
         "mkdocs.yml:6:1:"),
    Case("python-object", lambda p: _edit(p / "mkdocs.yml", "strict: true",
                                          'strict: true\nextra:\n  x: !!python/object/apply:os.system ["true"]'),
         "mkdocs.yml:7:6:"),
    Case("snippets-read-machine-files", lambda p: _edit(p / "mkdocs.yml", "  - admonition",
                                                        "  - admonition\n  - pymdownx.snippets:\n      base_path: ['/']"),
         "mkdocs.yml:"),
    Case("custom-dir-outside", lambda p: _edit(p / "mkdocs.yml", "  font: false\n",
                                               "  font: false\n  custom_dir: ../../../etc\n"), "mkdocs.yml:"),
    Case("site-dir-on-sources", lambda p: _edit(p / "mkdocs.yml", "strict: true", "strict: true\nsite_dir: partners"),
         "mkdocs.yml:6:"),
    Case("dot-files-included", lambda p: _edit(p / "mkdocs.yml", "strict: true",
                                               "strict: true\nexclude_docs: |\n  !.*"), "mkdocs.yml:6:"),
    Case("external-script", lambda p: _edit(p / "mkdocs.yml", "strict: true",
                                            "strict: true\nextra_javascript:\n  - https://evil.example.com/x.js"),
         "mkdocs.yml:7:"),
    Case("html-in-copyright", lambda p: _edit(p / "mkdocs.yml", "strict: true",
                                              "strict: true\ncopyright: 'Gemeente <script>alert(1)</script>'"),
         "mkdocs.yml:6:"),
    Case("javascript-in-nav", lambda p: _edit(p / "mkdocs.yml", "  - Verslag: verslag.md",
                                              "  - Verslag: verslag.md\n  - Klik: 'javascript:alert(1)'"), "mkdocs.yml:"),
    Case("analytics", lambda p: _edit(p / "mkdocs.yml", "strict: true",
                                      "strict: true\nextra:\n  analytics:\n    provider: google"), "mkdocs.yml:8:"),
    Case("portal-plugin-off", lambda p: _edit(p / "mkdocs.yml", "      site_config_dir: site_config",
                                              "      enabled: false\n      site_config_dir: site_config"), "mkdocs.yml:"),
    Case("relative-tag", lambda p: _edit(p / "mkdocs.yml", "strict: true", "strict: true\ncopyright: !relative $config_dir"),
         "mkdocs.yml:6:"),
    Case("blog-path-outside", lambda p: _edit(p / "mkdocs.yml", "  - portal:",
                                              "  - blog:\n      post_url_format: '../../../../ontsnapt/{slug}'\n  - portal:"),
         "mkdocs.yml:"),
    Case("html-in-a-language-menu", lambda p: _edit(p / "mkdocs.yml", "  - portal:",
                                                    "  - i18n:\n      languages:\n        - locale: nl\n          default: true\n"
                                                    "        - locale: pl\n          nav:\n"
                                                    "            - '<img src=x onerror=alert(1)>Start': index.md\n  - portal:"),
         "mkdocs.yml:"),
    Case("javascript-in-a-language-menu", lambda p: _edit(p / "mkdocs.yml", "  - portal:",
                                                          "  - i18n:\n      languages:\n        - locale: nl\n          default: true\n"
                                                          "        - locale: pl\n          nav:\n"
                                                          "            - Klik: 'javascript:alert(1)'\n  - portal:"),
         "mkdocs.yml:"),
    Case("yaml-directive", _write(OPEN, "%YAML 1.3\n---\n" + _session_with()), f"{OPEN}:1:1:"),
    Case("python-name", lambda p: _edit(p / "mkdocs.yml", "  - admonition",
                                        "  - admonition\n  - pymdownx.emoji:\n      emoji_generator: !!python/name:os.system"),
         "mkdocs.yml:"),
]


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _run(args: list[str], project: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    env.update(PORTAL_CANARY=SECRET, PORTAL_NOW="2027-01-15 10:00", NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, *args], cwd=project, env=env, capture_output=True, text=True,
                          timeout=TIME_LIMIT, preexec_fn=_limits, stdin=subprocess.DEVNULL)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    site = Path(shutil.copytree(CALENDAR, tmp_path / "project"))
    shutil.copy2(REPO / "site_config" / "privacy.yml", site / "site_config" / "privacy.yml")
    previous = site / "site"
    previous.mkdir()
    (previous / "index.html").write_text("<p>vorige versie</p>", encoding="utf-8")
    return site


def _assert_refused(result: subprocess.CompletedProcess[str], where: str) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-3000:]
    assert "Traceback" not in output, output[-3000:]
    assert SECRET not in output
    lines = [line for line in output.splitlines() if where in line]
    assert lines, f"nothing names {where!r}:\n{output[-3000:]}"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_file_is_refused_by_check_and_build(project: Path, case: Case) -> None:
    case.change(project)
    _assert_refused(_run(["-m", "arbeidsmigranten_portaal.cli", "check"], project), case.where)

    result = _run(["-m", "mkdocs", "build", "--strict"], project)
    _assert_refused(result, case.where)
    assert "de vorige versie is blijven staan" in result.stdout + result.stderr
    site = project / "site"
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "<p>vorige versie</p>"
    assert [p.name for p in project.iterdir() if p.name.startswith(".site.")] == []


@pytest.mark.parametrize("case", CODE_IN_SETTINGS, ids=[case.name for case in CODE_IN_SETTINGS])
def test_code_in_the_settings_is_refused_by_check(project: Path, case: Case) -> None:
    case.change(project)
    _assert_refused(_run(["-m", "arbeidsmigranten_portaal.cli", "check"], project), case.where)


def test_the_untouched_fixture_passes_both(project: Path) -> None:
    """The corpus means something only if the same site without the hostile file is fine."""
    check = _run(["-m", "arbeidsmigranten_portaal.cli", "check"], project)
    assert check.returncode == 0, check.stdout + check.stderr
    build = _run(["-m", "mkdocs", "build", "--strict"], project)
    assert build.returncode == 0, build.stdout + build.stderr
    published = b"".join(p.read_bytes() for p in (project / "site").rglob("*") if p.is_file())
    assert SECRET.encode() not in published


def test_a_heading_written_as_entities_stays_text_in_the_page_title(project: Path) -> None:
    """Material's <title> is the heading through Jinja's striptags, which decodes &lt; into <: the
    patched templates escape it again, so the heading is shown, never run."""
    (project / "content" / "verslag.md").write_text(
        "---\nreviewed: 2026-12-01\n---\n# &lt;/title&gt;&lt;img src=x onerror=alert(1)&gt;\n\nTekst.\n", encoding="utf-8")
    _edit(project / "mkdocs.yml", "  - Verslag: verslag.md", "  - verslag.md")  # the menu takes the page's heading
    result = _run(["-m", "mkdocs", "build", "--strict"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    soup = parse_html(project / "site" / "verslag" / "index.html")
    assert soup.title.get_text() == "</title><img src=x onerror=alert(1)> - Kalendertest"
    assert soup.find("img", attrs={"onerror": True}) is None
    assert not [tag for tag in soup.find_all(True) if any(name.startswith("on") for name in tag.attrs)]
