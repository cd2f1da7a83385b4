"""How the preview checks and builds the site: in a build process of its own, kept warm.

A child process, not the preview's own: a fault in a build must not stop the preview, and the
preview serves while it builds. One process for the whole preview, not one per build: its
imports, compiled templates and what it kept of content that did not change (memo.py) make the
next build after a save take a fraction of a fresh one. Each request is one line of JSON in
("check", or "build" into a folder), one line of JSON out.

A build's output is read back: the portal's own `path:line:col: sentence` lines become problems
(the same as `portal check` prints), MkDocs' warnings and errors stay as they are (in English).
tests/test_preview_builds.py holds the kept builds equal to a fresh `mkdocs build --strict`.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import re
import subprocess
import sys
import threading
import traceback
from pathlib import Path

from .preview import BuildOutcome
from .problems import Problem
from .helper_process import helper_command

BUILD_TIMEOUT_SECONDS = 600  # one check or build; a process that takes longer is stopped and started anew
_LOG_LINE = re.compile(r"^(?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL)\s*-\s+(?P<text>.*)$")
_PROBLEM_LINE = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<text>.+)$")
_WARNING_PREFIX = "waarschuwing: "
_TAIL_LINES = 20


class BuildProcess:
    """The preview's side of the build process: started when first asked, started again after
    a fault; `check()` and `build(site_dir)` as the preview calls them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._process: subprocess.Popen | None = None

    def check(self) -> list[Problem]:
        answer = self._ask({"do": "check"})
        if "fault" in answer:
            raise RuntimeError(answer["fault"])
        return [Problem(**problem) for problem in answer["problems"]]

    def build(self, site_dir: Path) -> BuildOutcome:
        try:
            answer = self._ask({"do": "build", "site_dir": str(site_dir)})
        except _Stopped as stopped:
            return BuildOutcome(False, messages=(str(stopped),))
        return read_build_output(answer["ok"], answer["output"])

    def close(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._process = None

    def _ask(self, request: dict) -> dict:
        process = self._running()
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(json.dumps(request) + "\n")
            process.stdin.flush()
        except OSError:
            self.close()
            raise _Stopped("the build process stopped; it is started again for the next change") from None
        answer = _read_line(process, BUILD_TIMEOUT_SECONDS)
        if answer is None:
            self.close()
            raise _Stopped(f"the build process stopped or took longer than {BUILD_TIMEOUT_SECONDS} seconds; "
                           "it is started again for the next change")
        return json.loads(answer)

    def _running(self) -> subprocess.Popen:
        if self._process is None or self._process.poll() is not None:
            env = dict(os.environ)
            env.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner, on every build otherwise
            self._process = subprocess.Popen(
                helper_command(__name__, str(self.root)), cwd=self.root, env=env, text=True,
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=None, encoding="utf-8", errors="replace")
        return self._process


class _Stopped(Exception):
    pass


def _read_line(process: subprocess.Popen, timeout: float) -> str | None:
    """The process's next line of output, or None when it ends or takes longer than `timeout`."""
    assert process.stdout is not None
    found: list[str] = []
    reader = threading.Thread(target=lambda: found.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    if reader.is_alive() or not found or not found[0]:
        return None
    return found[0]


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


def _serve(root: Path) -> None:
    """The build process: requests in on stdin, answers out on stdout, until stdin closes."""
    from . import memo
    from .cli import check_problems
    from .mkdocs_plugin import build_here

    memo.enable()
    frozen = False
    answers = sys.stdout
    # Whatever else writes to stdout (a plugin's print) must not mix with the answers.
    sys.stdout = sys.stderr
    for line in sys.stdin:
        request = json.loads(line)
        memo.begin_round()
        if request["do"] == "check":
            try:
                answer: dict = {"problems": [dataclasses.asdict(problem) for problem in check_problems(root)]}
            except Exception:  # a fault in the check itself: the preview shows it and goes on
                answer = {"fault": traceback.format_exc(limit=5)}
        else:
            try:
                ok, output = build_here(root / "mkdocs.yml", Path(request["site_dir"]))
            except Exception:  # a fault in the build itself: told like a build that stopped
                ok, output = False, traceback.format_exc()
            answer = {"ok": ok, "output": output}
        answers.write(json.dumps(answer) + "\n")
        answers.flush()
        if request["do"] == "build" and not frozen:
            # What the first build leaves (imports, compiled templates, what memo.py keeps) stays
            # for the whole preview: out of the garbage collector's way, which otherwise walks it
            # again and again in every later build (measured: a tenth of a warm build at N=1000).
            # Only once: objects frozen are never collected as cycles, later ones must be.
            gc.collect()
            gc.freeze()
            frozen = True


if __name__ == "__main__":
    _serve(Path(sys.argv[1]))
