"""Build into a staging folder and put it in place only when the build succeeded.

A site generator normally empties its output folder first and writes into it as it goes, so a
build that fails halfway leaves a broken or empty site behind. Building next to the target and
swapping by rename leaves the previous site exactly as it was until the new one is complete.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


class StagedOutput:
    def __init__(self, target: Path):
        self.target = target.resolve()
        # A sibling, so the final rename stays on one file system and is (nearly) atomic.
        self.staging = self.target.with_name(f".{self.target.name}.bouw-{os.getpid()}")

    def begin(self) -> Path:
        self._remove(self.staging)
        self.staging.mkdir(parents=True)
        return self.staging

    def commit(self) -> None:
        """Replace the target with the finished staging folder."""
        previous = self.target.with_name(f".{self.target.name}.vorige-{os.getpid()}")
        self._remove(previous)
        if self.target.exists():
            os.replace(self.target, previous)
        os.replace(self.staging, self.target)
        self._remove(previous)

    def abort(self) -> None:
        self._remove(self.staging)

    @staticmethod
    def _remove(path: Path) -> None:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
