"""What a long-running process (the editors' preview) keeps between builds: results of work on
content that did not change, by a key made of everything the work depends on.

A build on its own keeps nothing (`enabled` is False): every result would be used once, and the
memory is better spent otherwise. The preview's build process turns it on (preview_build.py), so
that after saving one file the next build reads, renders and checks only what that file changes.
Each kind of result has its own bounded store: the oldest half goes when it is full.
tests/test_preview_builds.py holds a build after edits equal, byte for byte, to a fresh one.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

enabled = False
_STORES: dict[str, dict[Hashable, Any]] = {}
_LIMITS = {"default": 50_000}
_MAX_SIGNED_FILES = 50_000
_round_signatures: dict[tuple[Path, ...], str | None] | None = None


def enable() -> None:
    global enabled
    enabled = True


def fingerprint(*parts: object) -> str:
    """A short digest of texts and bytes (and anything with a stable repr)."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part if isinstance(part, bytes) else (part if isinstance(part, str) else repr(part)).encode(
            "utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def remember(kind: str, key: Hashable, make: Callable[[], T]) -> T:
    """`make()`, or what it gave before for the same key when the process keeps results."""
    if not enabled:
        return make()
    store = _STORES.setdefault(kind, {})
    if key in store:
        return store[key]
    value = make()
    if len(store) >= _LIMITS.get(kind, _LIMITS["default"]):
        for old in list(store)[: len(store) // 2]:
            del store[old]
    store[key] = value
    return value


def recall(kind: str, key: Hashable) -> Any:
    """What was kept under `key`, or None."""
    return _STORES.get(kind, {}).get(key) if enabled else None


def keep(kind: str, key: Hashable, value: Any) -> None:
    if enabled:
        remember(kind, key, lambda: value)


def tree_signature(*folders: Path) -> str | None:
    """A digest of every file and folder under `folders` as the file system describes it (name,
    size, times, inode; no link followed): another digest when anything was saved, added,
    moved or removed. None when there are too many files to look at quickly."""
    entries: list[tuple] = []

    def walk(top: str) -> None:
        try:
            with os.scandir(top) as listing:
                for entry in listing:
                    info = entry.stat(follow_symlinks=False)
                    entries.append((entry.path, info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns,
                                    info.st_ino))
                    if len(entries) > _MAX_SIGNED_FILES:
                        raise OverflowError
                    if entry.is_dir(follow_symlinks=False):
                        walk(entry.path)
        except FileNotFoundError:
            entries.append((top, "missing"))

    try:
        for folder in folders:
            walk(str(folder))
    except (OverflowError, RecursionError, OSError):
        return None
    return fingerprint(sorted(entries))


def begin_round() -> None:
    """From here on, until the next round, look at each tree once (the preview's build process
    calls this for each check and each build: one look at the files per request, not one per
    check; a file saved during a request starts another request anyway)."""
    global _round_signatures
    _round_signatures = {}


def per_tree(kind: str, folders: tuple[Path, ...], extra: Hashable, make: Callable[[], T]) -> T:
    """`make()`, kept for as long as nothing under `folders` changes (with `extra` the same)."""
    if not enabled:
        return make()
    if _round_signatures is None:
        signature = tree_signature(*folders)
    else:
        if folders not in _round_signatures:
            _round_signatures[folders] = tree_signature(*folders)
        signature = _round_signatures[folders]
    if signature is None:
        return make()
    return remember(kind, (signature, extra), make)


def forget() -> None:
    """Everything kept (tests start each from nothing)."""
    global _round_signatures
    _STORES.clear()
    _round_signatures = None
