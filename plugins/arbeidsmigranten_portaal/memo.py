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
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

enabled = False
_STORES: dict[str, dict[Hashable, Any]] = {}
_LIMITS = {"default": 50_000}


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


def forget() -> None:
    """Everything kept (tests start each from nothing)."""
    _STORES.clear()
