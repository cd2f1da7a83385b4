"""Search per language: one search index per language, each with its own words only.

Material's search plugin writes one index for the whole build, and mkdocs-static-i18n merges
the languages into it, so a Polish reader would get Dutch and English results too. After the
last language is built, the merged index is split: the default language keeps
search/search_index.json, every other language gets <language>/search/search_index.json with
its pages' addresses relative to its own folder (its pages search from there; see the
`portal_search_base` patch of base.html).

Material's search (lunr) only removes stop words (its default pipeline is just
stopWordFilter: no trimming, no stemming), so words are split at spaces and hyphens, lower-cased
and matched as written, in any script. It has stop words for Dutch, English and Romanian, not
for Polish or Bulgarian; those use Material's default, English, whose stop words do not occur
in them. The browser test searches Polish and Bulgarian (Cyrillic) words.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO

from .example_outputs import mark_examples

# Languages Material's search has stop words for; others use English (its default).
SEARCH_LANGUAGES = {"nl", "en", "ro", "de", "fr", "es", "it", "pt", "da", "sv", "no", "fi", "hu", "ru", "tr"}


def search_language(language: str) -> str:
    return language if language in SEARCH_LANGUAGES else "en"


class SearchSpool:
    """The search entries the portal makes (render/search_entries.py), each as JSON text in a
    file per language in a folder of its own, as the pages are built: a site of thousands of
    pages would otherwise hold tens of megabytes of text until the end of the build."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._files: dict[str, IO[str]] = {}

    def add(self, language: str, entries: list[dict]) -> None:
        if language not in self._files:
            self._files[language] = (self.folder / f"{language}.jsonl").open("w", encoding="utf-8")
        spool = self._files[language]
        for entry in entries:
            spool.write(_dumps(entry))
            spool.write("\n")

    def close(self) -> None:
        for spool in self._files.values():
            spool.close()
        self._files = {}

    def entries(self, language: str) -> Iterator[str]:
        """Every entry of one language, as JSON text, in the order they came."""
        self.close()
        path = self.folder / f"{language}.jsonl"
        if not path.is_file():
            return
        with path.open(encoding="utf-8") as spool:
            for line in spool:
                yield line.rstrip("\n")


def finish_search_index(site_dir: Path, spooled: Callable[[str], Iterable[str]] | None,
                        example_urls: Mapping[str, str], languages: tuple[str, ...], default: str) -> None:
    """The search index per language: the theme's own entries (pages it indexed itself) with the
    example pages marked (example_outputs.py), then the portal's entries (`spooled`: a
    language's entries as JSON text, see SearchSpool); each file written as one stream, so no
    language's whole index is ever held in memory."""
    spooled = spooled or (lambda language: ())
    index_file = site_dir / "search" / "search_index.json"
    if not index_file.is_file():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    mark_examples(index["docs"], example_urls)
    if len(languages) == 1:
        _write(index_file, index["config"], map(_dumps, index["docs"]), spooled(default))
        return
    others = [language for language in languages if language != default]
    prefixes = tuple(f"{language}/" for language in others)
    own = {default: [doc for doc in index["docs"] if not doc["location"].startswith(prefixes)]}
    for language in others:
        prefix = f"{language}/"
        own[language] = [
            dict(doc, location=doc["location"][len(prefix):]) for doc in index["docs"] if doc["location"].startswith(prefix)
        ]
    for language, docs in own.items():
        target = index_file if language == default else site_dir / language / "search" / "search_index.json"
        _write(target, dict(index["config"], lang=[search_language(language)]), map(_dumps, docs),
               spooled(language))


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _write(target: Path, config: dict, *entries: Iterable[str]) -> None:
    """{"config":...,"docs":[...]} as json.dumps writes it, one entry at a time."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as out:
        out.write('{"config":' + _dumps(config) + ',"docs":[')
        first = True
        for entry in itertools.chain(*entries):
            if not first:
                out.write(",")
            out.write(entry)
            first = False
        out.write("]}")
