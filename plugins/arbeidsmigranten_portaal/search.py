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

import json
from collections.abc import Mapping
from pathlib import Path

from .example_outputs import mark_examples

# Languages Material's search has stop words for; others use English (its default).
SEARCH_LANGUAGES = {"nl", "en", "ro", "de", "fr", "es", "it", "pt", "da", "sv", "no", "fi", "hu", "ru", "tr"}


def search_language(language: str) -> str:
    return language if language in SEARCH_LANGUAGES else "en"


def finish_search_index(site_dir: Path, entries: list[dict], example_urls: Mapping[str, str],
                        languages: tuple[str, ...], default: str) -> None:
    """The theme's search index with the generated pages' entries added (render/search_entries.py),
    the example pages marked (example_outputs.py), split per language: read and written once."""
    index_file = site_dir / "search" / "search_index.json"
    if not index_file.is_file():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    index["docs"] += entries
    mark_examples(index["docs"], example_urls)
    if len(languages) > 1:
        _split(index, site_dir, languages, default)
    else:
        _write(index_file, index)


def _write(target: Path, index: dict) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _split(index: dict, site_dir: Path, languages: tuple[str, ...], default: str) -> None:
    index_file = site_dir / "search" / "search_index.json"
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
        _write(target, {"config": dict(index["config"], lang=[search_language(language)]), "docs": docs})
