"""Translated pages (name.en.md beside name.md) say which Dutch page they translate, from which
version of it, and whether a native speaker has reviewed them.

    ---
    translation:
      source: meldpunt.md          # the Dutch page, from content/
      source_version: 3f2a9c1b0d4e # its version when the translation was made (portal check says it)
      reviewed: false              # true once a native speaker has checked it
    ---

A translated page without an existing source is an error; a source changed since the
translation was made is a warning that gives the new version to write down after updating.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from ..front_matter import split_front_matter
from .. import memo
from ..problems import Problem, relative_path
from ..model import content_page_sentence
from ..sources import markdown_pages, page_under, safe_text


def source_version(path: Path) -> str:
    """A short fingerprint of a page's text without its front matter: it changes whenever what a
    translator translates changes, not when only the review date or the description does."""
    body = split_front_matter(safe_text(path))[1]
    return hashlib.sha256(body.replace("\r\n", "\n").encode("utf-8")).hexdigest()[:12]


def translated_pages(content: Path, languages: Iterable[str]) -> list[tuple[Path, str]]:
    """(page, language) for every page whose name ends in .<language>.md."""
    suffixes = {f".{language}.md": language for language in languages}
    found = []
    for path in sorted(markdown_pages(content)):
        for suffix, language in suffixes.items():
            if path.name.endswith(suffix):
                found.append((path, language))
    return found


def translation_meta(path: Path) -> dict | None:
    value = split_front_matter(safe_text(path))[0].get("translation")
    return value if isinstance(value, dict) else None


def translation_source(content: Path, meta: dict) -> Path | None:
    """The Dutch page a translation names, if it is a page under content/ (never a file elsewhere:
    the answer must not tell whether a file outside the site exists)."""
    written = meta.get("source")
    if not isinstance(written, str) or content_page_sentence(written) is not None:
        return None
    return page_under(content, written)


def check_translations(root: Path, content: Path, languages: Iterable[str], *,
                       stale_as_warning: bool = True) -> list[Problem]:
    """(Kept while nothing under its folders changes, in a process that keeps results: memo.py.)"""
    languages = tuple(languages)
    return list(memo.per_tree("translations", (content,), (root, languages, stale_as_warning),
                              lambda: _check_translations(root, content, languages, stale_as_warning)))


def _check_translations(root: Path, content: Path, languages: tuple[str, ...],
                        stale_as_warning: bool) -> list[Problem]:
    problems = []
    for path, _language in translated_pages(content, languages):
        display = relative_path(path, root)
        line = _line_of(path, "translation:")
        meta = translation_meta(path)
        if meta is None or not meta.get("source"):
            problems.append(Problem(display, line, 1, "een vertaalde pagina moet zeggen welke Nederlandse pagina zij "
                                    "vertaalt: zet bovenaan 'translation:' met 'source:', 'source_version:' en 'reviewed:'"))
            continue
        source = translation_source(content, meta)
        if source is None:
            written = meta["source"]
            wrong_form = content_page_sentence(written) if isinstance(written, str) else None
            sentence = (f"de bron van deze vertaling (source) {wrong_form}" if wrong_form else
                        "de Nederlandse pagina die deze pagina vertaalt, bestaat niet; schrijf het pad vanaf content/, "
                        "zoals meldpunt.md")
            problems.append(Problem(display, _line_of(path, "source:"), 1, sentence, str(written)[:120]))
            continue
        if not isinstance(meta.get("reviewed"), bool):
            problems.append(Problem(display, _line_of(path, "reviewed:") or line, 1,
                                    "zet 'reviewed: false' (of true als een moedertaalspreker de vertaling heeft nagekeken)"))
        current = source_version(source)
        if str(meta.get("source_version", "")) != current and stale_as_warning:
            problems.append(Problem(display, _line_of(path, "source_version:") or line, 1,
                                    f"de Nederlandse pagina {meta['source']} is veranderd sinds deze vertaling is gemaakt; "
                                    f"pas de vertaling aan en zet daarna source_version: {current}",
                                    str(meta.get("source_version", "")), severity="warning"))
    return problems


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(safe_text(path).splitlines(), start=1):
        if line.strip().startswith(needle):
            return number
    return 1
