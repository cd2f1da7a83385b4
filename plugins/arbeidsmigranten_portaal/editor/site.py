"""What the editor needs to know of a site, gathered from its records, settings and folders."""

from __future__ import annotations

from pathlib import Path

from ..catalog import Catalog
from ..languages import LANGUAGE_NAMES
from ..load import SourceDirs
from ..sources import markdown_pages
from .config import EditorSite

# Dutch names of the languages, for the form's headings ("Vertaling: Engels").
_DUTCH_NAMES = {"en": "Engels", "de": "Duits", "fr": "Frans", "pl": "Pools", "ro": "Roemeens", "bg": "Bulgaars",
                "lt": "Litouws", "lv": "Lets", "hu": "Hongaars", "sk": "Slowaaks", "cs": "Tsjechisch",
                "pt": "Portugees", "es": "Spaans", "it": "Italiaans", "uk": "Oekraïens", "ru": "Russisch",
                "tr": "Turks", "hr": "Kroatisch", "el": "Grieks"}


def editor_site(catalog: Catalog, dirs: SourceDirs, *, languages: tuple[str, ...], default_language: str,
                news_posts_dir: str | None, news_categories: list[str], site_url: str, port: int) -> EditorSite | None:
    """None when the site has no editor (no site_config/editor.yml)."""
    settings = catalog.editor
    if settings is None:
        return None
    root = dirs.root
    news = news_posts_dir.strip("/") if news_posts_dir else None
    return EditorSite(
        organisation=catalog.settings.organisation,
        repo=settings.repo, branch=settings.branch, auth_url=settings.auth_url, private=settings.private,
        site_url=site_url,
        audiences={key: audience.label for key, audience in catalog.audiences.items()},
        languages=tuple(code for code in languages if code != default_language),
        language_names={code: f"Vertaling: {_DUTCH_NAMES.get(code, LANGUAGE_NAMES.get(code, code))}"
                        for code in languages},
        news_dir=news if news and (dirs.content / news).is_dir() else None,
        news_categories=tuple(news_categories),
        page_folders=page_folders(dirs.content, news),
        content_folder=_relative(dirs.content, root),
        sessions_folder=_relative(dirs.sessions, root),
        partners_folder=_relative(dirs.partners, root),
        actions_folder=_relative(dirs.actions, root) if dirs.actions is not None and dirs.actions.is_dir() else None,
        local_port=port,
    )


def page_folders(content: Path, news_dir: str | None) -> tuple[str, ...]:
    """The folders under content/ that hold pages ("" for content/ itself), without the news posts."""
    folders = {path.parent.relative_to(content).as_posix() for path in markdown_pages(content)}
    folders = {"" if folder == "." else folder for folder in folders}
    if news_dir:
        folders = {folder for folder in folders if folder != news_dir and not folder.startswith(f"{news_dir}/")}
    # As many as there are: the file gate already bounds how many files and folders a site has.
    return tuple(sorted(folders))


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()
