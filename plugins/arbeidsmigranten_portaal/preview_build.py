"""How the preview builds the site: MkDocs in a child process, strict, into a folder of its own.

A child process, not a build in the preview's own process: MkDocs and its plugins keep state
between builds, and the preview must show what `mkdocs build --strict` would publish. The
build's output is read back: the portal's own `path:line:col: sentence` lines become problems
(the same as `portal check` prints), MkDocs' warnings and errors stay as they are (in English).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from .preview import Build, BuildOutcome
from .problems import Problem

BUILD_TIMEOUT_SECONDS = 600
_LOG_LINE = re.compile(r"^(?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL)\s*-\s+(?P<text>.*)$")
_PROBLEM_LINE = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<text>.+)$")
_WARNING_PREFIX = "waarschuwing: "
_TAIL_LINES = 20


def mkdocs_build(root: Path) -> Build:
    """The build the preview calls with a fresh folder for the site."""

    def build(site_dir: Path) -> BuildOutcome:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict",
                   "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(site_dir)]
        env = dict(os.environ)
        env.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner, on every build otherwise
        try:
            done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, errors="replace",
                                  timeout=BUILD_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            return BuildOutcome(False, messages=(f"the build took longer than {BUILD_TIMEOUT_SECONDS} seconds and was stopped",))
        return read_build_output(done.returncode == 0, done.stdout + "\n" + done.stderr)

    return build


def read_build_output(ok: bool, output: str) -> BuildOutcome:
    """The problems and the warning and error lines of a build's output."""
    problems: list[Problem] = []
    messages: list[str] = []
    for raw in output.splitlines():
        logged = _LOG_LINE.match(raw.strip())
        text = logged["text"] if logged else raw.strip()
        found = _PROBLEM_LINE.match(text)
        if found:
            sentence = found["text"]
            severity = "warning" if sentence.startswith(_WARNING_PREFIX) else "error"
            problems.append(Problem(found["path"], int(found["line"]), int(found["col"]),
                                    sentence.removeprefix(_WARNING_PREFIX), severity=severity))
        elif logged and logged["level"] in ("WARNING", "ERROR", "CRITICAL"):
            messages.append(text)
    if not ok and not problems and not messages:
        # Something failed without saying it in a log line (a traceback): show how it ended.
        messages = [line for line in output.splitlines() if line.strip()][-_TAIL_LINES:]
    return BuildOutcome(ok, tuple(problems), tuple(messages))
