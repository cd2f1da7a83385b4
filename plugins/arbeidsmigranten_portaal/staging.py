"""Build into a staging folder and put it in place only when the build succeeded.

A site generator normally empties its output folder first and writes into it as it goes, so a
build that fails halfway leaves a broken or empty site behind. Building next to the target and
swapping leaves the previous site exactly as it was until the new one is complete.

The swap exchanges the two folders in one step where the system can (Linux: renameat2 with
RENAME_EXCHANGE), so there is no moment without a site. Elsewhere it renames the old site aside
first; a build killed between the two renames leaves the old site aside, and the next build puts
it back before it starts. Staging folders of killed builds are removed by the next build.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import sys
from pathlib import Path

_BUILDING = "bouw"
_PREVIOUS = "vorige"


class StagedOutput:
    def __init__(self, target: Path):
        self.target = Path(os.path.abspath(target))
        # A sibling, so the final rename stays on one file system.
        self.staging = self._sibling(_BUILDING, os.getpid())

    def begin(self) -> Path:
        self._recover()
        self._remove(self.staging)
        self.staging.mkdir(parents=True)
        return self.staging

    def commit(self) -> None:
        """Replace the target with the finished staging folder."""
        if self.target.is_dir() and not self.target.is_symlink() and _exchange(self.staging, self.target):
            self._remove(self.staging)  # now the previous site
            return
        previous = self._sibling(_PREVIOUS, os.getpid())
        self._remove(previous)
        if self.target.exists() or self.target.is_symlink():
            os.replace(self.target, previous)
        os.replace(self.staging, self.target)
        self._remove(previous)

    def abort(self) -> None:
        self._remove(self.staging)

    def _sibling(self, kind: str, pid: int) -> Path:
        return self.target.with_name(f".{self.target.name}.{kind}-{pid}")

    def _recover(self) -> None:
        """Put back a previous site that a killed build had moved aside, and clear what killed
        builds left behind (never the folders of a build that is still running)."""
        parent = self.target.parent
        if not parent.is_dir():
            return
        leftovers = []
        for path in parent.iterdir():
            for kind in (_BUILDING, _PREVIOUS):
                prefix = f".{self.target.name}.{kind}-"
                if path.name.startswith(prefix) and path.name[len(prefix):].isdigit():
                    pid = int(path.name[len(prefix):])
                    if pid == os.getpid() or not _is_running(pid):
                        leftovers.append((kind, path))
        for kind, path in sorted(leftovers, key=lambda item: item[0] != _PREVIOUS):
            if kind == _PREVIOUS and not self.target.exists():
                os.replace(path, self.target)
            else:
                self._remove(path)

    @staticmethod
    def _remove(path: Path) -> None:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()


def disk_sentence(error: OSError, target: Path) -> str:
    """What went wrong on the disk, for the person who started the build."""
    import errno

    where = error.filename or target
    if error.errno == errno.ENOSPC:
        cause = "de schijf is vol"
    elif error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        cause = "er mag niet worden geschreven (de schijf of map is alleen-lezen)"
    else:
        cause = f"de schijf gaf een fout ({error.strerror or error.errno})"
    return (f"de site kon niet worden geschreven naar {where}: {cause}; maak ruimte of kies een andere map "
            "met --site-dir. De vorige versie van de site is blijven staan.")


def _is_running(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: it exists
    except OSError:
        return False
    return True


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
