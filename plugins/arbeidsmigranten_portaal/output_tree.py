"""The site's folders and files made ahead, in a second process, while the build renders the pages.

A site of a thousand sessions is four thousand files in three thousand folders. On a disk that
journals every new file and folder, making them costs a few tenths of a millisecond each: seconds
in all, during which the build would wait. So once the build knows every path it will write,
a helper process makes the empty folders and files in that order, beside the build (on the
second processor, with no lock shared with the build), and the build then only fills them.

Only in a fresh output folder of the build's own (the staging folder, staging.py), and only
inside it: a path outside it is skipped. Best effort: whatever the helper did not make yet, the
build makes itself, and a file the build wrote first is never touched (O_EXCL). A failed build
throws the staging folder away with whatever is in it.

Engine-independent: the adapter hands over the paths.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from .helper_process import helper_command


class OutputTree:
    """A helper process making `paths` (files, in this order) and their folders under `root`."""

    def __init__(self, root: Path, paths: Iterable[Path]) -> None:
        base = os.path.abspath(root)
        inside = [os.path.abspath(p) for p in paths]
        inside = [p for p in inside if os.path.commonpath([base, p]) == base and p != base]
        self._process: subprocess.Popen | None = None
        if not inside:
            return
        try:
            self._process = subprocess.Popen(
                helper_command(__name__, base), stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            assert self._process.stdin is not None
            self._process.stdin.write("\0".join(inside).encode("utf-8", "surrogateescape"))
            self._process.stdin.close()
        except OSError:
            self._process = None  # the build makes everything itself, as always

    def wait(self) -> None:
        if self._process is not None:
            self._process.wait()
            self._process = None

    def stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self.wait()


def make(root: str, paths: list[str]) -> None:
    made: set[str] = set()
    for path in paths:
        folder = os.path.dirname(path)
        if os.path.commonpath([root, path]) != root:
            continue
        if folder not in made:
            try:
                os.makedirs(folder, exist_ok=True)
            except OSError:
                continue
            made.add(folder)
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))  # as open() makes it
        except OSError:
            pass  # there already (the build was first), or not makeable: the build will say so


if __name__ == "__main__":
    make(sys.argv[1], [p for p in sys.stdin.buffer.read().decode("utf-8", "surrogateescape").split("\0") if p])
