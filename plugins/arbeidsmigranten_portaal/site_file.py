"""The site's mkdocs.yml read without MkDocs, for `portal check`, `portal new` and the settings.

mkdocs.yml arrives through pull requests like every other file, so it passes the file gate
(sources.py: a regular file inside the site, within the limit for mkdocs.yml, UTF-8) and is
composed without anchors or aliases (a few hundred bytes of aliases expand to gigabytes) and
without deep nesting. Its tags (!ENV, !!python/name) are for checks/site_settings_code.py to
judge: for reading settings they are None. Every refusal is a Problem at a line.
"""

from __future__ import annotations

import copy
import dataclasses
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import memo
from .problems import Problem
from .sources import read_text

CONFIG_NAME = "mkdocs.yml"
# Deeper than any MkDocs setting (the i18n menus are about eight levels deep).
CONFIG_MAX_DEPTH = 30


class _Refused(Exception):
    def __init__(self, mark, sentence: str) -> None:
        super().__init__(sentence)
        self.line = mark.line + 1 if mark is not None else 1
        self.col = mark.column + 1 if mark is not None else 1
        self.sentence = sentence


class _SiteLoader(yaml.SafeLoader):
    """PyYAML's safe loader that refuses anchors, aliases and deep nesting while composing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(event.start_mark, f"hier staat een verwijzing (*{event.anchor}) naar een ander deel van "
                                             "mkdocs.yml; schrijf de waarde hier gewoon voluit")
        if getattr(event, "anchor", None) is not None:
            raise _Refused(event.start_mark, f"hier staat een anker (&{event.anchor}); schrijf de waarden in "
                                             "mkdocs.yml voluit, zonder '&' en '*'")
        self._depth += 1
        try:
            if self._depth > CONFIG_MAX_DEPTH:
                raise _Refused(event.start_mark, f"de instellingen staan hier meer dan {CONFIG_MAX_DEPTH} niveaus diep "
                                                 "in elkaar; controleer de inspringing van mkdocs.yml")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_SiteLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass
class SiteFile:
    """mkdocs.yml as data, the problems that stopped it being read, and where each value stands."""

    data: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    node: yaml.Node | None = None

    def position(self, *keys: str) -> tuple[int, int]:
        """(line, column) of the value at `keys`, or of the deepest key found on the way. In a
        list (plugins:) a key names the item that is that word or a mapping with that key."""
        node, found = self.node, (1, 1)
        for key in keys:
            step = _child(node, key)
            if step is None:
                break
            key_node, node = step
            found = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        else:
            if node is not None:
                found = (node.start_mark.line + 1, node.start_mark.column + 1)
        return found


def _child(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return key_node, value_node
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if isinstance(item, yaml.ScalarNode) and item.value == key:
                return item, item
            inner = _child(item, key) if isinstance(item, yaml.MappingNode) else None
            if inner is not None:
                return inner
    return None


def read_site(root: Path) -> SiteFile:
    """mkdocs.yml, read through the file gate every time; parsed once per content in a process
    that keeps results (memo.py: the preview's check and build each read it several times)."""
    text, problems = read_text(root / CONFIG_NAME, root, "config")
    if text is None:
        return SiteFile(problems=problems)
    found = memo.remember("site file", memo.fingerprint(text), lambda: _parse_site(text))
    # A copy for each reader: the data is a plain dict that a reader could change.
    return dataclasses.replace(found, data=copy.deepcopy(found.data), problems=list(found.problems))


def _parse_site(text: str) -> SiteFile:
    def refused(sentence: str, line: int = 1, col: int = 1) -> SiteFile:
        return SiteFile(problems=[Problem(CONFIG_NAME, line, col, sentence)])

    loader = _SiteLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except _Refused as refusal:
        return refused(refusal.sentence, refusal.line, refusal.col)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        return refused("hier klopt de opbouw van mkdocs.yml niet; controleer de inspringing, de dubbele punten "
                       "en de aanhalingstekens", line, col)
    except (yaml.YAMLError, RecursionError):
        return refused("mkdocs.yml kan niet worden gelezen als YAML; controleer de opbouw van het bestand")
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        return refused("mkdocs.yml moet instellingen met een naam bevatten, zoals 'site_name: ...' op de eerste regel")
    return SiteFile(data, [], node)


def read_site_file(root: Path) -> dict[str, Any]:
    """mkdocs.yml as data; empty when it cannot be read (read_site says why)."""
    return read_site(root).data


def plugin_options(config: dict[str, Any], name: str) -> dict[str, Any] | None:
    """The options of the plugin `name` ({} when it has none), or None when it is not used."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and name in plugin:
            return plugin[name] if isinstance(plugin[name], dict) else {}
        if plugin == name:
            return {}
    return None


def blog_settings(config: dict[str, Any]) -> dict[str, Any] | None:
    return plugin_options(config, "blog")


def news_categories(config: dict[str, Any]) -> list[str]:
    """The categories the news may use (the blog's categories_allowed); empty: any."""
    blog = blog_settings(config)
    allowed = (blog or {}).get("categories_allowed") or []
    return [str(category) for category in allowed] if isinstance(allowed, list) else []


def news_posts_dir(config: dict[str, Any]) -> str | None:
    """Where the blog keeps its posts, relative to the docs folder (they are not in the menu)."""
    blog = blog_settings(config)
    if blog is None:
        return None
    blog_dir = str(blog.get("blog_dir", "blog"))
    # Material's own placeholder, replaced as Material does (not str.format on the file's text).
    return posixpath.normpath(str(blog.get("post_dir", "{blog}/posts")).replace("{blog}", blog_dir)) + "/"


def i18n_languages(config: dict[str, Any]) -> tuple[str, ...]:
    """The languages mkdocs-static-i18n builds, in its order; empty without that plugin."""
    i18n = plugin_options(config, "i18n") or {}
    languages = i18n.get("languages") if isinstance(i18n.get("languages"), list) else []
    return tuple(str(lang["locale"]) for lang in languages
                 if isinstance(lang, dict) and lang.get("build", True) and lang.get("locale"))


def language_navs(config: dict[str, Any], default_language: str = "nl") -> dict[str, Any]:
    """The menu (nav:) per language: the site's own for the default language, and for another
    language the nav: under it in the i18n plugin, else the site's (as mkdocs-static-i18n does)."""
    default_nav = config.get("nav")
    navs: dict[str, Any] = {}
    i18n = plugin_options(config, "i18n") or {}
    languages = i18n.get("languages") if isinstance(i18n.get("languages"), list) else []
    for lang in languages:
        if isinstance(lang, dict) and lang.get("locale") and lang.get("build", True):
            navs[str(lang["locale"])] = default_nav if lang.get("default") else lang.get("nav", default_nav)
    return navs or {default_language: default_nav}
