#!/usr/bin/env python3
"""Benchmark: the portal's real build against Pelican + pelican-events and plain Material.

For each N it makes three projects in a temporary folder:

- portal: this repository's own site (mkdocs.yml with its five languages, the blog, calendar
  pages in nl and en, content/, site_config/, its sessions and partners) plus N generated
  sessions and N/2 generated partners;
- Pelican + pelican-events: a page (article) per generated session with its event fields and a
  calendar file, a page per partner, a calendar page, with the same Markdown bodies;
- plain Material: the same Markdown pages, built by the same MkDocs and Material as the portal.

The builds run as paired, alternating runs (portal, Pelican, Material, portal, ...), each in a
fresh process started by this one; the figures are medians of wall time and the peak memory
(maximum resident set) of each build process. Then it prints the growth exponent between the
two largest sizes (t ~ N^k), the time `portal check` takes, and the live preview's time from
saving a file to the served page changing (measured by polling the server).

Pelican and pelican-events are installed in the benchmark's own environment (.cache/bench/,
exact versions in scripts/bench-requirements.txt); Material and MkDocs are the portal's own.

    python3 dev.py bench                                  # N = 100, 1000, 3000; 3 runs each
    .venv/bin/python scripts/benchmark.py --sizes 100 1000 --runs 1 --no-preview

This is a measurement, not a test: it prints figures and never fails on them.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_content import make_pelican_project, make_plain_project, make_portal_project  # noqa: E402
from bench_preview import measure_preview  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
BENCH_ENV = REPO / ".cache" / "bench" / "pelican"
BENCH_REQUIREMENTS = REPO / "scripts" / "bench-requirements.txt"
# The build's clock, fixed: the same sessions are upcoming in every run.
NOW = "2027-01-01 09:00"
SETTLE_SECONDS = 5.0


OUTPUT = {"portal": "site", "pelican": "output", "material": "site"}


@dataclass
class Tool:
    name: str
    command: list[str]
    runs: list[tuple[float, int]] = field(default_factory=list)  # (seconds, peak KiB)

    @property
    def seconds(self) -> float:
        return statistics.median(t for t, _ in self.runs)

    @property
    def peak_mib(self) -> float:
        return max(kib for _, kib in self.runs) / 1024


def timed(command: list[str], cwd: Path, output: Path) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB) of one command in a fresh process, writing into
    an `output` folder that does not exist yet, after the disk has written out the last run's files
    (every tool starts from the same state: the runs create thousands of files)."""
    shutil.rmtree(output, ignore_errors=True)
    os.sync()
    time.sleep(SETTLE_SECONDS)
    # An empty PDF cache for every build (pdf_maker.py): every run makes its PDFs, as a first build does.
    pdf_cache = Path(tempfile.mkdtemp(prefix="bench-pdf-cache-"))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PORTAL_NOW=NOW, SITE_URL="https://benchmark.test.invalid/",
               PYTHONDONTWRITEBYTECODE="1", PORTAL_CACHE_DIR=str(pdf_cache))
    with open(cwd / "build.log", "wb") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        # wait4 gives this child's own resource use, not the sum of every child so far.
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
    shutil.rmtree(pdf_cache, ignore_errors=True)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = (cwd / "build.log").read_text(errors="replace")[-3000:]
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{tail}")
    return elapsed, usage.ru_maxrss


def ensure_bench_env() -> Path:
    """Pelican and pelican-events in their own venv, at the versions in bench-requirements.txt."""
    python = BENCH_ENV / "bin" / "python"
    stamp = BENCH_ENV / ".installed"
    wanted = BENCH_REQUIREMENTS.read_text()
    if not (stamp.exists() and stamp.read_text() == wanted):
        print("Pelican en pelican-events installeren in .cache/bench/ ...", flush=True)
        shutil.rmtree(BENCH_ENV, ignore_errors=True)
        venv.create(BENCH_ENV, with_pip=True)
        subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "-r", BENCH_REQUIREMENTS], check=True)
        stamp.write_text(wanted)
    return python


def growth(small: tuple[int, float], large: tuple[int, float]) -> float:
    """k in t ~ N^k between two sizes."""
    return math.log(large[1] / small[1]) / math.log(large[0] / small[0])


def pages_in(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-peers", action="store_true", help="only the portal (no Pelican, no plain Material)")
    parser.add_argument("--no-preview", action="store_true", help="skip the live preview measurement")
    parser.add_argument("--preview-saves", type=int, default=7)
    args = parser.parse_args(argv)

    pelican = None if args.no_peers else ensure_bench_env()
    here = sys.executable
    results: dict[int, dict[str, Tool]] = {}
    print(f"{len(args.sizes)} sizes, {args.runs} paired run(s) each; clock fixed at {NOW}", flush=True)
    header = (f"{'N':>5} {'tool':<24} {'pages':>6} {'median':>9} {'peak':>9} "
              f"{'vs Pelican':>10} {'vs Material':>11}")
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp:
            folders = {"portal": Path(tmp) / "portal", "pelican": Path(tmp) / "pelican", "material": Path(tmp) / "material"}
            make_portal_project(REPO, folders["portal"], n)
            tools = {"portal": Tool("portal (this repository)", [here, "-m", "mkdocs", "build", "--quiet",
                                                                "--site-dir", "site"])}
            if pelican is not None:
                make_pelican_project(folders["pelican"], n)
                make_plain_project(REPO, folders["material"], n)
                tools["pelican"] = Tool("Pelican + pelican-events", [str(pelican), "-m", "pelican", "-q",
                                                                     "-s", "pelicanconf.py"])
                tools["material"] = Tool("plain Material", [here, "-m", "mkdocs", "build", "--quiet",
                                                            "--site-dir", "site"])
            for _ in range(args.runs):
                for key, tool in tools.items():  # alternating: A B C A B C ...
                    tool.runs.append(timed(tool.command, folders[key], folders[key] / OUTPUT[key]))
            page_counts = {key: pages_in(folders[key] / OUTPUT[key]) for key in tools}
        results[n] = tools
        print(header if n == args.sizes[0] else "", end="\n" if n == args.sizes[0] else "")
        for key, tool in tools.items():
            vs_pelican = tools["portal"].seconds / tools["pelican"].seconds if "pelican" in tools and key == "portal" else None
            vs_material = tools["portal"].seconds / tools["material"].seconds if "material" in tools and key == "portal" else None
            print(f"{n:>5} {tool.name:<24} {page_counts[key]:>6} {tool.seconds:>7.2f} s {tool.peak_mib:>5.0f} MiB "
                  f"{_ratio(vs_pelican):>10} {_ratio(vs_material):>11}", flush=True)

    sizes = sorted(results)
    if len(sizes) >= 2:
        small, large = sizes[-2], sizes[-1]
        for key in results[large]:
            k = growth((small, results[small][key].seconds), (large, results[large][key].seconds))
            print(f"growth {small} -> {large}: {results[large][key].name}: t ~ N^{k:.2f}")
        if "pelican" in results[large]:
            memory = results[large]["portal"].peak_mib / results[large]["pelican"].peak_mib
            print(f"peak memory at N={large}: portal {memory:.2f}x Pelican's")
    print(f"(median of {args.runs} paired run(s); wall time and peak resident memory of each build process)")

    print_check_times(here)
    if not args.no_preview:
        for n in (0, 1000):
            with tempfile.TemporaryDirectory(prefix="portal-bench-preview-") as tmp:
                folder = Path(tmp) / "site"
                make_portal_project(REPO, folder, n)
                figures = measure_preview(here, folder, saves=args.preview_saves, now=NOW)
            what = "today's content" if n == 0 else f"N={n}"
            for kind, seconds in figures.items():
                print(f"live preview, {what}: save of a {kind} -> served page changed: "
                      f"median {statistics.median(seconds):.2f} s (min {min(seconds):.2f}, max {max(seconds):.2f}, "
                      f"{len(seconds)} saves)", flush=True)
    return 0


def print_check_times(python: str) -> None:
    for n in (0, 1000):
        with tempfile.TemporaryDirectory(prefix="portal-bench-check-") as tmp:
            folder = REPO if n == 0 else Path(tmp) / "site"
            if n:
                make_portal_project(REPO, folder, n)
            times = []
            for _ in range(3):
                started = time.perf_counter()
                subprocess.run([python, "-m", "arbeidsmigranten_portaal.cli", "check"], cwd=folder,
                               capture_output=True, check=True, env=dict(os.environ, PORTAL_NOW=NOW))
                times.append(time.perf_counter() - started)
        files = len(list((folder / "sessions").glob("*.yml"))) + len(list((folder / "partners").glob("*.yml"))) if n == 0 else None
        what = f"this repository ({files} YAML files)" if n == 0 else f"N={n}"
        print(f"portal check, {what}: median {statistics.median(times):.2f} s (fresh process)", flush=True)


def _ratio(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}x"


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main(sys.argv[1:]))
