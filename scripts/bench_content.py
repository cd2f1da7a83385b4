"""The benchmark's content: N sessions and N/2 partners, as the portal's YAML and as the same
pages in Markdown for Pelican + pelican-events and for plain Material."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

KINDS = ["werkgever", "uitzendbureau", "huisvester", "gemeente", "kennispartner", "overheid"]
BASE = dt.datetime(2027, 1, 4, 19, 30)
# The repository's own site, as the portal builds it (site/ and caches left out).
SITE_PARTS = ("mkdocs.yml", "content", "site_config", "sessions", "partners", "actions", "schemas")

SUMMARY = (
    "Een sessie over arbeidsuitbuiting, nummer {i}. Wat zijn signalen en wat doet u ermee? Sprekers "
    "van de gemeente en van de alliantie vertellen wat zij zien.",
    "Tweede alinea met meer uitleg over het programma van de avond. Er is tijd om vragen te stellen "
    "en om met andere ondernemers te praten.",
)
SUMMARY_EN = (
    "A session on labour exploitation, number {i}. What are the signs and what do you do about them? "
    "Speakers from the municipality and the alliance tell what they see.",
    "A second paragraph on the programme of the evening. There is time for questions and to talk with "
    "other employers.",
)
AGENDA = (("19:30", "Welkom"), ("19:40", "Wat is arbeidsuitbuiting?"), ("20:30", "In gesprek"))


def start_of(i: int) -> dt.datetime:
    return BASE + dt.timedelta(days=i % 700)


def partner_count(n: int) -> int:
    return max(1, n // 2)


def _audiences(i: int) -> list[str]:
    return [["ondernemers"], ["ondernemers", "raadsleden"], ["raadsleden"]][i % 3]


def session_yaml(i: int, partners: int) -> str:
    start = start_of(i)
    audiences = _audiences(i)
    registration = []
    if "ondernemers" in audiences:
        registration += [
            "  ondernemers:",
            f"    url: https://formulieren.test.invalid/sessie-{i}",
            f"    deadline: {start - dt.timedelta(days=7):%Y-%m-%d}",
            "    capacity: 40",
        ]
    if "raadsleden" in audiences:
        registration += ["  raadsleden:", f"    deadline: {start - dt.timedelta(days=10):%Y-%m-%d}"]
    agenda = "\n".join(f'  - time: "{t}"\n    title: {title}' for t, title in AGENDA)
    summary = "\n\n".join(p.format(i=i) for p in SUMMARY)
    summary_en = "\n\n".join(p.format(i=i) for p in SUMMARY_EN)
    return (
        "# yaml-language-server: $schema=../schemas/session.schema.json\n"
        f"title: Kennissessie nummer {i}\n"
        f"start: {start:%Y-%m-%d %H:%M}\n"
        f"end: {start + dt.timedelta(hours=2):%Y-%m-%d %H:%M}\n"
        "location:\n"
        f"  name: Zaal {i % 7}\n"
        f"  address: Voorbeeldstraat {i % 90 + 1}, Dalfsen\n"
        f"audiences: [{', '.join(audiences)}]\n"
        "summary: |-\n" + textwrap.indent(summary, "  ") + "\n"
        "agenda:\n" + agenda + "\n"
        f"speakers: [partner-{i % partners:05d}]\n"
        f"hosts: [partner-{(i + 1) % partners:05d}]\n"
        "registration:\n" + "\n".join(registration) + "\n"
        "example: true\n"
        "translations:\n"
        "  en:\n"
        f"    title: Knowledge session number {i}\n"
        "    summary: |-\n" + textwrap.indent(summary_en, "      ") + "\n"
    )


def partner_yaml(i: int) -> str:
    return textwrap.dedent(
        f"""\
        # yaml-language-server: $schema=../schemas/partner.schema.json
        name: Partner {i}
        kind: {KINDS[i % len(KINDS)]}
        description: |
          Partner nummer {i} van de alliantie. Werkt mee aan kennissessies en deelt wat het bedrijf
          weet over goede huisvesting.
        website: https://partner-{i}.test.invalid/
        since: 2024
        themes: [huisvesting, handhaving]
        example: true
        translations:
          en:
            description: Partner number {i} of the alliance. Takes part in knowledge sessions.
        """
    )


def make_portal_project(repo: Path, folder: Path, n: int) -> None:
    """The repository's own site plus N generated sessions and N/2 partners."""
    folder.mkdir(parents=True)
    for part in SITE_PARTS:
        source = repo / part
        if source.is_dir():
            shutil.copytree(source, folder / part)
        elif source.is_file():
            shutil.copy2(source, folder / part)
    partners = partner_count(n) if n else 0
    for i in range(n):
        (folder / "sessions" / f"bench-{i:05d}.yml").write_text(session_yaml(i, partners), encoding="utf-8")
    for i in range(partners):
        (folder / "partners" / f"partner-{i:05d}.yml").write_text(partner_yaml(i), encoding="utf-8")


def session_markdown_body(i: int, partners: int, partner_link: str) -> str:
    """What a session page says, as Markdown: date, time and place, registration, about, agenda, speakers."""
    start = start_of(i)
    audiences = _audiences(i)
    lines = [
        "| Datum | Tijd | Plaats |",
        "|---|---|---|",
        f"| {start:%d-%m-%Y} | {start:%H:%M} tot {start + dt.timedelta(hours=2):%H:%M} | Zaal {i % 7}, "
        f"Voorbeeldstraat {i % 90 + 1}, Dalfsen |",
        "",
        "## Aanmelden",
        "",
    ]
    if "ondernemers" in audiences:
        lines += [f"[Aanmelden als ondernemer](https://formulieren.test.invalid/sessie-{i}){{ .md-button }}",
                  f"Aanmelden kan tot {start - dt.timedelta(days=7):%d-%m-%Y}. Er zijn 40 plaatsen.", ""]
    if "raadsleden" in audiences:
        lines += ["Raadsleden melden zich aan via de griffie: [griffie@example.nl](mailto:griffie@example.nl).", ""]
    lines += ["## Waar gaat het over?", "", *(p.format(i=i) + "\n" for p in SUMMARY), "## Programma", ""]
    lines += [f"- {t}: {title}" for t, title in AGENDA]
    lines += ["", "## Sprekers", "", f"- [Partner {i % partners}]({partner_link.format(p=i % partners)})", ""]
    lines += ["## In uw agenda", "", f"[Zet in uw agenda](sessie-{i:05d}.ics)", ""]
    return "\n".join(lines)


def partner_markdown_body(i: int) -> str:
    return (f"Partner nummer {i} van de alliantie. Werkt mee aan kennissessies en deelt wat het bedrijf "
            f"weet over goede huisvesting.\n\n[Website](https://partner-{i}.test.invalid/)\n")


def calendar_markdown(n: int, session_link: str) -> str:
    lines = []
    for i in sorted(range(n), key=start_of):
        start = start_of(i)
        lines.append(f"- [Kennissessie nummer {i}]({session_link.format(i=i)}), {start:%d-%m-%Y %H:%M}, Zaal {i % 7}")
    return "\n".join(lines) + "\n"


def make_plain_project(repo: Path, folder: Path, n: int) -> None:
    """The same pages by hand for plain Material, with the repository's theme and Markdown settings."""
    partners = partner_count(n)
    sessions_dir = folder / "content" / "kennissessies"
    partners_dir = folder / "content" / "alliantie"
    sessions_dir.mkdir(parents=True)
    partners_dir.mkdir(parents=True)
    (folder / "content" / "index.md").write_text("# Start\n", encoding="utf-8")
    for i in range(n):
        body = session_markdown_body(i, partners, "../alliantie/partner-{p:05d}.md")
        (sessions_dir / f"sessie-{i:05d}.md").write_text(
            f"---\ndescription: Kennissessie nummer {i}\n---\n\n# Kennissessie nummer {i}\n\n{body}", encoding="utf-8")
        (sessions_dir / f"sessie-{i:05d}.ics").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    (sessions_dir / "index.md").write_text("# Kennissessies\n\n" + calendar_markdown(n, "sessie-{i:05d}.md"),
                                           encoding="utf-8")
    (partners_dir / "index.md").write_text(
        "# Alliantie\n\n" + "\n".join(f"- [Partner {i}](partner-{i:05d}.md)" for i in range(partners)) + "\n",
        encoding="utf-8")
    for i in range(partners):
        (partners_dir / f"partner-{i:05d}.md").write_text(f"# Partner {i}\n\n{partner_markdown_body(i)}",
                                                          encoding="utf-8")
    extensions = _markdown_extensions(repo / "mkdocs.yml")
    (folder / "mkdocs.yml").write_text(
        "site_name: Benchmark\nsite_url: https://benchmark.test.invalid/\ndocs_dir: content\nstrict: true\n"
        "theme:\n  name: material\n  language: nl\n  font: false\n  features:\n    - navigation.tabs\n"
        "    - navigation.sections\n    - navigation.top\n    - navigation.footer\n    - search.highlight\n"
        "    - toc.follow\nplugins:\n  - search:\n      lang: nl\n"
        "not_in_nav: |\n  /kennissessies/sessie-*.md\n  /alliantie/partner-*.md\n"
        "nav:\n  - Start: index.md\n  - Kennissessies: kennissessies/index.md\n  - Alliantie: alliantie/index.md\n"
        + extensions,
        encoding="utf-8",
    )


def _markdown_extensions(mkdocs_yml: Path) -> str:
    """The repository's markdown_extensions block, as written (without the emoji extension's
    Python tags, which the plain site does not need)."""
    block, inside = [], False
    for line in mkdocs_yml.read_text(encoding="utf-8").splitlines():
        if line.startswith("markdown_extensions:"):
            inside = True
        elif inside and line and not line.startswith(" "):
            break
        if inside and "!!python" not in line and "pymdownx.emoji" not in line:
            block.append(line)
    return "\n".join(block) + "\n"


PELICAN_CONF = """\
AUTHOR = "Gemeente"
SITENAME = "Benchmark"
SITEURL = "https://benchmark.test.invalid"
PATH = "content"
TIMEZONE = "Europe/Amsterdam"
DEFAULT_LANG = "nl"
PLUGINS = ["pelican.plugins.pelican_events"]
PLUGIN_EVENTS = {
    "ics_fname": "kennissessies/kalender.ics",
    "metadata_field_for_summary": "title",
    "test_timestamp": "2027-01-01 09:00:00",
}
ARTICLE_PATHS = ["kennissessies"]
PAGE_PATHS = ["pages"]
ARTICLE_URL = "kennissessies/{slug}/"
ARTICLE_SAVE_AS = "kennissessies/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DEFAULT_PAGINATION = 20
"""


def make_pelican_project(folder: Path, n: int) -> None:
    """The same pages for Pelican: an article with event fields per session (pelican-events makes
    the calendar file from them), a page per partner and the calendar page."""
    partners = partner_count(n)
    articles = folder / "content" / "kennissessies"
    pages = folder / "content" / "pages"
    articles.mkdir(parents=True)
    pages.mkdir(parents=True)
    for i in range(n):
        start = start_of(i)
        body = session_markdown_body(i, partners, "/alliantie/partner-{p:05d}/")
        (articles / f"sessie-{i:05d}.md").write_text(
            f"Title: Kennissessie nummer {i}\nDate: 2026-12-01 10:00\nSlug: sessie-{i:05d}\nCategory: Kennissessies\n"
            f"Summary: Kennissessie nummer {i}\nevent-start: {start:%Y-%m-%d %H:%M}\n"
            f"event-end: {start + dt.timedelta(hours=2):%Y-%m-%d %H:%M}\n"
            f"event-location: Zaal {i % 7}, Voorbeeldstraat {i % 90 + 1}, Dalfsen\n\n{body}",
            encoding="utf-8")
    (pages / "kennissessies.md").write_text(
        "Title: Kennissessies\nSlug: kalender\n\n" + calendar_markdown(n, "/kennissessies/sessie-{i:05d}/"),
        encoding="utf-8")
    for i in range(partners):
        (pages / f"partner-{i:05d}.md").write_text(
            f"Title: Partner {i}\nSlug: alliantie/partner-{i:05d}\n\n{partner_markdown_body(i)}", encoding="utf-8")
    (folder / "pelicanconf.py").write_text(PELICAN_CONF, encoding="utf-8")
