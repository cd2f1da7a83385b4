"""A few settings read from the site's mkdocs.yml (without MkDocs) for `portal check` and
`portal new`: the menu, and the news blog's folder and categories."""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

import yaml


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml has tags such as !ENV and !!python/name; for reading settings they are None."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


def read_site_file(root: Path) -> dict[str, Any]:
    try:
        data = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def blog_settings(config: dict[str, Any]) -> dict[str, Any] | None:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "blog" in plugin:
            return plugin["blog"] if isinstance(plugin["blog"], dict) else {}
        if plugin == "blog":
            return {}
    return None


def news_categories(config: dict[str, Any]) -> list[str]:
    """The categories the news may use (the blog's categories_allowed); empty: any."""
    blog = blog_settings(config)
    return list((blog or {}).get("categories_allowed") or [])


def news_posts_dir(config: dict[str, Any]) -> str | None:
    """Where the news posts live, relative to the docs folder (they are not in the menu)."""
    blog = blog_settings(config)
    if blog is None:
        return None
    blog_dir = blog.get("blog_dir", "blog")
    return posixpath.normpath(str(blog.get("post_dir", "{blog}/posts")).format(blog=blog_dir)) + "/"


def site_languages(config: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the site's languages, the languages of its calendar), from the i18n and portal plugins."""
    languages: tuple[str, ...] = ("nl",)
    calendar: tuple[str, ...] = ("nl",)
    for plugin in config.get("plugins") or []:
        if not isinstance(plugin, dict):
            continue
        if isinstance(plugin.get("i18n"), dict):
            found = [lang.get("locale") for lang in plugin["i18n"].get("languages") or []
                     if isinstance(lang, dict) and lang.get("build", True) and lang.get("locale")]
            languages = tuple(found) or languages
        if isinstance(plugin.get("portal"), dict) and plugin["portal"].get("calendar_languages"):
            calendar = tuple(plugin["portal"]["calendar_languages"])
    return languages, calendar


def language_navs(config: dict[str, Any]) -> dict[str, Any]:
    """The menu (nav:) per language: the site's own for the default language, and for another
    language the nav: under it in the i18n plugin, else the site's (as mkdocs-static-i18n does)."""
    default_nav = config.get("nav")
    navs: dict[str, Any] = {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            for lang in plugin["i18n"].get("languages") or []:
                if isinstance(lang, dict) and lang.get("locale") and lang.get("build", True):
                    navs[lang["locale"]] = default_nav if lang.get("default") else lang.get("nav", default_nav)
    return navs or {"nl": default_nav}
