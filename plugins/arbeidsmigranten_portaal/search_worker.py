"""The site search's entries made beside the build, in a second process.

Making a page's entries (render/search_entries.py) takes a few tenths of a millisecond, a
second in all for a thousand sessions in two languages, and the build itself uses one processor.
So the build hands every page's HTML to a helper process as it writes the page, and the helper
makes the entries and spools them per language (search.py) while the build goes on. At the end
the build waits for it and writes the index from the spool.

What the helper does is exactly what the build would do in its own process: where the helper
cannot start, the build makes the entries itself (`SearchIndexer(in_process=True)`).
Engine-independent: the adapter hands over each page's HTML, address, title and front matter.
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from . import memo
from .example_outputs import mark_examples
from .render.search_entries import search_entries
from .search import SearchSpool
from .helper_process import helper_command

_LENGTH = struct.Struct(">I")
_PIECE = 1 << 16  # characters of a page's HTML sent at a time


def index_page(spool: SearchSpool, page: dict[str, Any]) -> bool:
    """One page's entries into the spool; False when the page cannot be indexed here. (Made once
    per page and text, or per page and body key, in a process that keeps results, memo.py.)"""
    content, body_key = page["content"], page.get("key")
    if body_key is None:
        text = content if isinstance(content, str) else content()
        made_from = memo.fingerprint(text)

        def make() -> list[dict] | None:
            return search_entries(text, page["location"], page["title"], page["meta"])
    else:
        made_from = body_key

        def make() -> list[dict] | None:
            return search_entries(content if isinstance(content, str) else content(), page["location"],
                                  page["title"], page["meta"])

    key = (page["location"], page["title"], made_from, repr(page["meta"]))
    entries = memo.remember("search", key, make)
    if entries is not None:
        entries = [dict(entry) for entry in entries]
    if entries is None:
        return False
    if page["label"]:
        mark_examples(entries, {page["location"]: page["label"]})
    prefix = page["prefix"]
    spool.add(page["language"], [dict(entry, location=entry["location"].removeprefix(prefix)) for entry in entries])
    return True


class SearchIndexer:
    """The build's side: pages in (`add`), a spool out (`finish`)."""

    def __init__(self, *, in_process: bool = False) -> None:
        self._folder = Path(tempfile.mkdtemp(prefix="portaal-zoeken-"))
        self.spool = SearchSpool(self._folder)
        self._process: subprocess.Popen | None = None
        self._failed: list[str] = []
        if not in_process:
            try:
                self._process = subprocess.Popen(helper_command(__name__, str(self._folder)),
                                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE)
            except OSError:
                self._process = None  # made here, then

    def add(self, *, language: str, content: str | Callable[[], str], location: str, title: str, meta: dict,
            label: str | None, prefix: str, key: str | None = None) -> None:
        """A page: its HTML (or what writes it, asked only when needed), address, title, front
        matter, example label and language folder; `key`: its body's key, where bodies are kept."""
        page = {"language": language, "location": location, "title": title, "meta": meta, "label": label,
                "prefix": prefix}
        if self._process is not None and self._process.stdin is not None:
            if not isinstance(content, str):
                content = content()
            try:
                head = json.dumps(page, ensure_ascii=False).encode("utf-8")
            except (TypeError, ValueError):
                head = None  # front matter that JSON cannot carry: this page is made here
            if head is not None:
                # The page's HTML as it is, not inside the JSON, in pieces ending with an empty one:
                # a calendar page is megabytes, and every copy of it counts in the build's memory.
                stdin = self._process.stdin
                stdin.write(_LENGTH.pack(len(head)))
                stdin.write(head)
                for start in range(0, len(content), _PIECE):
                    piece = content[start:start + _PIECE].encode("utf-8")
                    stdin.write(_LENGTH.pack(len(piece)))
                    stdin.write(piece)
                stdin.write(_LENGTH.pack(0))
                return
        if not index_page(self.spool, {**page, "content": content, "key": key}):
            self._failed.append(location)

    def finish(self) -> list[str]:
        """Wait for the helper; the addresses of pages that could not be indexed."""
        if self._process is not None:
            assert self._process.stdin is not None and self._process.stdout is not None
            self._process.stdin.close()
            answer = self._process.stdout.read()
            if self._process.wait() != 0:
                raise RuntimeError("the search index could not be made (the helper process stopped)")
            self._failed += json.loads(answer or b"[]")
            self._process = None
        return self._failed

    def close(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._process = None
        self.spool.close()
        shutil.rmtree(self._folder, ignore_errors=True)


def _serve(folder: Path, incoming: BinaryIO, outgoing: BinaryIO) -> None:
    spool = SearchSpool(folder)
    failed = []
    while True:
        size = incoming.read(_LENGTH.size)
        if len(size) < _LENGTH.size:
            break
        page = json.loads(incoming.read(_LENGTH.unpack(size)[0]))
        pieces = []
        while True:
            length = _LENGTH.unpack(incoming.read(_LENGTH.size))[0]
            if not length:
                break
            pieces.append(incoming.read(length).decode("utf-8"))
        page["content"] = "".join(pieces)
        if not index_page(spool, page):
            failed.append(page["location"])
    spool.close()
    outgoing.write(json.dumps(failed).encode("utf-8"))
    outgoing.flush()


if __name__ == "__main__":
    _serve(Path(sys.argv[1]), sys.stdin.buffer, sys.stdout.buffer)
