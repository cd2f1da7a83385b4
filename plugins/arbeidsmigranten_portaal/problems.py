"""Problems in content files, as the people who edit them read them.

Every check in the portal reports a `Problem` instead of raising: a build or `portal check`
collects all of them and shows them together, so an editor fixes everything in one go.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Iterable, Literal

Severity = Literal["error", "warning"]

# How much of what the editor typed we echo back; long values are cut so a line stays readable.
_ECHO_LIMIT = 60


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at one place in one file.

    `path` is relative to the repository root and uses forward slashes, so the same text
    appears on every machine and in GitHub annotations. `line` and `col` count from 1;
    0 means "the file as a whole".
    """

    path: str
    line: int
    col: int
    message: str
    you_wrote: str | None = field(default=None, compare=False)
    severity: Severity = field(default="error", compare=False)

    def sentence(self) -> str:
        if self.you_wrote is None:
            return self.message
        return f'{self.message} (u schreef "{_echo(self.you_wrote)}")'

    def as_line(self) -> str:
        """Compiler-style line, as yamllint's parsable format: `path:line:col: sentence`."""
        prefix = "" if self.severity == "error" else "waarschuwing: "
        return f"{_printable_path(self.path)}:{self.line}:{self.col}: {prefix}{self.sentence()}"

    def as_github_annotation(self) -> str:
        """GitHub Actions workflow command, shown on the pull request's diff."""
        where = f"file={_github_escape_property(self.path)}"
        if self.line:
            where += f",line={self.line}"
        if self.col:
            where += f",col={self.col}"
        return f"::{self.severity} {where}::{_github_escape(self.sentence())}"


class ContentProblems(Exception):
    """Raised once, after all checks ran, when at least one problem is an error."""

    def __init__(self, problems: Iterable[Problem]):
        # Two checks may find the same thing (the file gate and the loader): say it once.
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        errors = [p for p in self.problems if p.severity == "error"]
        lines = [p.as_line() for p in self.problems]
        count = len(errors)
        noun = "probleem" if count == 1 else "problemen"
        lines.append(f"{count} {noun} gevonden; de site is niet gebouwd en de vorige versie is blijven staan.")
        return "\n".join(lines)


def raise_if_errors(problems: Iterable[Problem]) -> None:
    problems = list(problems)
    if any(p.severity == "error" for p in problems):
        raise ContentProblems(problems)


def format_for_terminal(problems: Iterable[Problem], *, environ: dict[str, str] | None = None) -> str:
    """Lines for a terminal, or GitHub annotations when running under GitHub Actions."""
    environ = os.environ if environ is None else environ
    if environ.get("GITHUB_ACTIONS") == "true":
        return "\n".join(p.as_github_annotation() for p in problems)
    return "\n".join(p.as_line() for p in problems)


def relative_path(path: os.PathLike[str] | str, root: os.PathLike[str] | str) -> str:
    """A path as editors see it in the repository: relative to its root, with forward slashes."""
    path, root = os.fspath(path), os.fspath(root)
    if _plainly_under(path, root):
        # The common case, without the two abspath() calls of relpath (the build asks this
        # tens of thousands of times).
        return path[len(root) + 1:].replace(os.sep, "/")
    try:
        rel = os.path.relpath(os.fspath(path), os.fspath(root))
    except ValueError:  # another drive on Windows
        rel = os.fspath(path)
    return rel.replace(os.sep, "/")


def _plainly_under(path: str, root: str) -> bool:
    """`path` is `root`, a separator, then more, both absolute and normal (no "." or ".." parts,
    no doubled separator), so that the rest of `path` is what relpath would give."""
    return (path.startswith(root) and len(path) > len(root) + 1 and path[len(root)] == os.sep
            and os.path.isabs(root) and not root.endswith(os.sep) and _is_normal(path))


def _is_normal(path: str) -> bool:
    doubled, sep = os.sep + os.sep, os.sep
    return (doubled not in path and f"{sep}.{sep}" not in path and f"{sep}..{sep}" not in path
            and not path.endswith((f"{sep}.", f"{sep}..", sep)))


def _echo(value: str) -> str:
    # What the editor typed goes to a terminal or a GitHub annotation: no control characters
    # (a terminal escape sequence, a line break that starts a new workflow command).
    value = "".join(char if char.isprintable() else " " for char in str(value))
    value = " ".join(value.split())
    if len(value) > _ECHO_LIMIT:
        value = value[: _ECHO_LIMIT - 1] + "…"
    return value


def _github_escape(text: str) -> str:
    # https://docs.github.com/actions/reference/workflow-commands-for-github-actions
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_escape_property(text: str) -> str:
    # A file name with a comma or colon would otherwise end the property, or start another.
    return _github_escape(text).replace(":", "%3A").replace(",", "%2C")


def _printable_path(path: str) -> str:
    # A file name with a line break would start a line of its own in the log, and one that begins
    # with "::" is a command to GitHub Actions: show such characters as "?".
    return "".join(char if char.isprintable() else "?" for char in path)
