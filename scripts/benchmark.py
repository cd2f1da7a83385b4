#!/usr/bin/env python3
"""Benchmark: build time of the portal plugin against plain Material with hand-written pages,
and the time `portal check` takes on the repository's own content.

For each N it generates N sessions and N/2 partners (YAML) and builds a site with the portal
plugin; then it writes the equivalent pages by hand as Markdown (a page per session and per
partner, plus a calendar page listing all sessions) and builds them with plain Material. Both
builds run in a fresh process with the same theme, search and strict mode; the figures are the
median wall time of the runs.

    python3 dev.py bench                  # N = 100 and 1000, 3 runs each
    .venv/bin/python scripts/benchmark.py --sizes 100 500 --runs 1

This is a measurement, not a test: it prints figures and never fails on them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
KINDS = ["werkgever", "uitzendbureau", "huisvester", "gemeente", "kennispartner", "overheid"]
BASE = dt.datetime(2027, 1, 4, 19, 30)

MKDOCS_COMMON = """\
site_name: Benchmark
site_url: https://benchmark.test.invalid/
docs_dir: content
strict: true
theme:
  name: material
  language: nl
  font: false
plugins:
  - search:
      lang: nl
{extra_plugins}
markdown_extensions:
  - admonition
  - attr_list
  - tables
not_in_nav: |
  /kennissessies/*.md
  /alliantie/*.md
nav:
  - Start: index.md
  - Kennissessies: kennissessies/index.md
  - Alliantie: alliantie/index.md
"""


def session_yaml(i: int, partners: int) -> str:
    start = BASE + dt.timedelta(days=i % 700, hours=0)
    return textwrap.dedent(
        f"""\
        title: Kennissessie nummer {i}
        start: {start:%Y-%m-%d %H:%M}
        end: {start + dt.timedelta(hours=2):%Y-%m-%d %H:%M}
        location:
          name: Zaal {i % 7}
          address: Voorbeeldstraat {i % 90 + 1}, Dalfsen
        audiences: [ondernemers]
        summary: |-
          Een sessie over arbeidsuitbuiting, nummer {i}. Wat zijn signalen en wat doet u ermee?

          Tweede alinea met meer uitleg over het programma van de avond.
        speakers: [partner-{i % partners}]
        hosts: [partner-{(i + 1) % partners}]
        registration:
          ondernemers:
            url: https://formulieren.test.invalid/sessie-{i}
            deadline: {start - dt.timedelta(days=7):%Y-%m-%d}
            capacity: 40
        example: true
        """
    )


def partner_yaml(i: int) -> str:
    return textwrap.dedent(
        f"""\
        name: Partner {i}
        kind: {KINDS[i % len(KINDS)]}
        description: Partner nummer {i} van de alliantie. Werkt mee aan kennissessies.
        website: https://partner-{i}.test.invalid/
        themes: [huisvesting, handhaving]
        example: true
        """
    )


def make_portal_project(folder: Path, n: int) -> None:
    partners = max(1, n // 2)
    (folder / "content" / "kennissessies").mkdir(parents=True)
    (folder / "content" / "alliantie").mkdir(parents=True)
    # Every page needs its review date (checks/reviewed_dates.py).
    reviewed = "---\nreviewed: 2026-12-01\n---\n\n"
    (folder / "content" / "index.md").write_text(reviewed + "# Start\n\n<!-- portal: volgende-kennissessies -->\n")
    (folder / "content" / "kennissessies" / "index.md").write_text(reviewed + "# Kennissessies\n\n<!-- portal: kalender -->\n")
    (folder / "content" / "alliantie" / "index.md").write_text(reviewed + "# Alliantie\n\n<!-- portal: alliantie -->\n")
    shutil.copytree(REPO / "site_config", folder / "site_config")
    (folder / "sessions").mkdir()
    (folder / "partners").mkdir()
    for i in range(n):
        (folder / "sessions" / f"sessie-{i:05d}.yml").write_text(session_yaml(i, partners))
    for i in range(partners):
        (folder / "partners" / f"partner-{i}.yml").write_text(partner_yaml(i))
    plugin = "  - portal:\n      site_config_dir: site_config\n      today: \"2027-01-01 09:00\""
    config = MKDOCS_COMMON.format(extra_plugins=plugin).replace("not_in_nav: |\n  /kennissessies/*.md\n  /alliantie/*.md\n", "")
    (folder / "mkdocs.yml").write_text(config)


def make_plain_project(folder: Path, n: int) -> None:
    """The same pages written by hand: what a site without the plugin would have to maintain."""
    partners = max(1, n // 2)
    sessions_dir = folder / "content" / "kennissessies"
    partners_dir = folder / "content" / "alliantie"
    sessions_dir.mkdir(parents=True)
    partners_dir.mkdir(parents=True)
    (folder / "content" / "index.md").write_text("# Start\n")
    listing = ["# Kennissessies\n"]
    for i in range(n):
        start = BASE + dt.timedelta(days=i % 700)
        listing.append(f"- [Kennissessie nummer {i}](sessie-{i:05d}.md), {start:%d-%m-%Y %H:%M}, Zaal {i % 7}")
        (sessions_dir / f"sessie-{i:05d}.md").write_text(
            textwrap.dedent(
                f"""\
                ---
                description: Kennissessie nummer {i}
                ---
                # Kennissessie nummer {i}

                | Datum | Tijd | Plaats |
                |---|---|---|
                | {start:%d-%m-%Y} | {start:%H:%M} tot {start + dt.timedelta(hours=2):%H:%M} | Zaal {i % 7}, Voorbeeldstraat {i % 90 + 1} |

                ## Waar gaat het over?

                Een sessie over arbeidsuitbuiting, nummer {i}. Wat zijn signalen en wat doet u ermee?

                Tweede alinea met meer uitleg over het programma van de avond.

                ## Sprekers

                - [Partner {i % partners}](../alliantie/partner-{i % partners}.md)

                ## Aanmelden

                [Aanmelden als ondernemer](https://formulieren.test.invalid/sessie-{i}){{ .md-button }}
                """
            )
        )
    (sessions_dir / "index.md").write_text("\n".join(listing) + "\n")
    (partners_dir / "index.md").write_text(
        "# Alliantie\n\n" + "\n".join(f"- [Partner {i}](partner-{i}.md)" for i in range(partners)) + "\n"
    )
    for i in range(partners):
        (partners_dir / f"partner-{i}.md").write_text(
            f"# Partner {i}\n\nPartner nummer {i} van de alliantie. Werkt mee aan kennissessies.\n"
        )
    (folder / "mkdocs.yml").write_text(MKDOCS_COMMON.format(extra_plugins=""))


def timed_build(folder: Path) -> float:
    """Wall seconds of one `mkdocs build` in a fresh process."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(folder / "site")],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"build failed in {folder}:\n{result.stdout}\n{result.stderr}")
    return elapsed


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    print(f"{'N sessions':>10} {'partners':>8} {'pages':>6}  {'portal plugin':>14}  {'plain Material':>15}  {'ratio':>5}")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            portal, plain = Path(tmp) / "portal", Path(tmp) / "plain"
            make_portal_project(portal, n)
            make_plain_project(plain, n)
            portal_runs = [timed_build(portal) for _ in range(args.runs)]
            plain_runs = [timed_build(plain) for _ in range(args.runs)]
            pages = len(list((portal / "site").rglob("index.html")))
        portal_time = statistics.median(portal_runs)
        plain_time = statistics.median(plain_runs)
        print(
            f"{n:>10} {max(1, n // 2):>8} {pages:>6}  {portal_time:>12.2f} s  {plain_time:>13.2f} s  {portal_time / plain_time:>5.2f}"
        )
    print(f"(median of {args.runs} run(s) per build; each build in a fresh process)")
    check_times = []
    for _ in range(max(3, args.runs)):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "arbeidsmigranten_portaal.cli", "check"], cwd=REPO, capture_output=True, check=True)
        check_times.append(time.perf_counter() - started)
    files = len(list((REPO / "sessions").glob("*.yml"))) + len(list((REPO / "partners").glob("*.yml")))
    pages = len(list((REPO / "content").rglob("*.md")))
    print(f"portal check on this repository ({files} YAML files, {pages} pages): "
          f"{statistics.median(check_times):.2f} s (median, fresh process)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
