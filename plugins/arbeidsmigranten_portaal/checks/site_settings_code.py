"""mkdocs.yml as the build reads it: the parts of it that are code, or that reach the machine.

MkDocs reads mkdocs.yml with PyYAML's full loader, so a tag such as !!python/object/apply runs a
program, !!python/name hands any Python function to an extension, !ENV copies an environment
variable (a token of the CI job) into the public site, `hooks:` runs a Python file and
`INHERIT:` reads another file. An editor never needs any of these beyond the few the portal
itself uses, so `portal check` (which the pull-request workflow runs before it builds) and the
build refuse the rest with a sentence at mkdocs.yml:line:col.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import MappingEndEvent, MappingStartEvent, NodeEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent

from .. import memo
from ..problems import Problem, relative_path
from ..sources import read_text

# The environment variables the site may read: where it is published, nothing secret.
ALLOWED_ENVIRONMENT = frozenset({"SITE_URL"})
# Functions that Material's documentation tells sites to name in mkdocs.yml.
ALLOWED_PYTHON_NAMES = ("material.extensions.emoji.", "pymdownx.superfences.fence_", "pymdownx.slugs.",
                        "pymdownx.arithmatex.")
REFUSED_KEYS = {
    "hooks": "hooks voeren Python-code uit tijdens het bouwen; dat mag alleen via de ontwikkelaars van het portaal",
    "INHERIT": "INHERIT leest een ander instellingenbestand; zet alle instellingen in mkdocs.yml zelf",
}


def check_site_settings_code(config_file: Path, root: Path) -> list[Problem]:
    text, problems = read_text(config_file, root, "config")
    if text is None:
        return problems
    display = relative_path(config_file, root)
    found = list(memo.remember("settings code", (display, memo.fingerprint(text)), lambda: _check_text(display, text)))
    if config_file.name == "mkdocs.yml" and config_file.parent.resolve() == root.resolve():
        found += check_site_settings_policy(root)
    return problems + found


def _check_text(display: str, text: str) -> list[Problem]:
    found: list[Problem] = []
    depth = 0
    expecting_key: list[bool] = []
    env_items: list[ScalarEvent] | None = None  # the items of an !ENV list being read
    try:
        for event in YAML(typ="rt").parse(text):
            in_key = bool(expecting_key) and expecting_key[-1]
            if isinstance(event, NodeEvent) and expecting_key:
                expecting_key[-1] = not expecting_key[-1]
            tag = getattr(event, "tag", None)
            if isinstance(event, NodeEvent) and tag is not None:
                tag = str(tag)
                mark = event.start_mark
                if tag == "!ENV":
                    if isinstance(event, ScalarEvent):
                        if event.value not in ALLOWED_ENVIRONMENT:
                            found.append(_env_problem(display, mark, event.value))
                    else:
                        env_items = []  # a list: every item but the last names a variable
                elif tag.startswith("tag:yaml.org,2002:python/name:") and isinstance(event, ScalarEvent):
                    name = tag.split("python/name:", 1)[1]
                    if not name.startswith(ALLOWED_PYTHON_NAMES):
                        found.append(Problem(display, mark.line + 1, mark.column + 1,
                                             f"hier wordt de Python-functie {name} genoemd; dat kan code uitvoeren, dus "
                                             "alleen de functies uit de handleiding van Material mogen hier staan"))
                elif not tag.startswith("tag:yaml.org,2002:") or "python/" in tag:
                    found.append(Problem(display, mark.line + 1, mark.column + 1,
                                         f"het YAML-label {tag} is in mkdocs.yml niet toegestaan: het kan code uitvoeren "
                                         "of gegevens van de bouwmachine lezen; haal het weg"))
            elif env_items is not None and isinstance(event, ScalarEvent):
                env_items.append(event)
            if isinstance(event, ScalarEvent) and in_key and depth == 1 and event.value in REFUSED_KEYS:
                mark = event.start_mark
                found.append(Problem(display, mark.line + 1, mark.column + 1, f'"{event.value}" is niet toegestaan: '
                                                                              f"{REFUSED_KEYS[event.value]}"))
            if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                depth += 1
                expecting_key.append(isinstance(event, MappingStartEvent))
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                depth -= 1
                expecting_key.pop()
                if env_items is not None and isinstance(event, SequenceEndEvent):
                    names = env_items[:-1] if len(env_items) > 1 else env_items
                    found += [_env_problem(display, item.start_mark, item.value)
                              for item in names if item.value not in ALLOWED_ENVIRONMENT]
                    env_items = None
    except (YAMLError, AssertionError, ValueError):
        pass  # the settings reader reports what is not YAML
    return found


def _env_problem(display: str, mark, name: str) -> Problem:
    return Problem(display, mark.line + 1, mark.column + 1,
                   f"!ENV leest hier de omgevingsvariabele {name} van de bouwmachine en zet die op de openbare site; "
                   f"alleen {', '.join(sorted(ALLOWED_ENVIRONMENT))} mag: schrijf de waarde zelf in mkdocs.yml")


# --- What the settings may say ------------------------------------------------------------------
# Allow-lists, not block-lists: a setting nobody foresaw is refused instead of reaching readers.

# Plugins whose work stays inside the site (Material's privacy and social plugins download from
# other hosts at build time; anything else is code nobody reviewed).
ALLOWED_PLUGINS = frozenset({"search", "blog", "i18n", "portal", "tags"})
# Markdown extensions whose HTML the page check knows (checks/html_policy.py RENDERED_TAGS).
# pymdownx.snippets and pymdownx.b64 read files of the build machine into pages.
ALLOWED_EXTENSIONS = frozenset({
    "abbr", "admonition", "attr_list", "md_in_html", "tables", "toc", "sane_lists", "def_list",
    "pymdownx.details", "pymdownx.superfences", "pymdownx.emoji", "pymdownx.tabbed", "pymdownx.mark",
    "pymdownx.betterem", "pymdownx.smartsymbols",
})
# Texts Material prints into every page as they are (no escaping in MkDocs' templates).
RAW_TEXTS = ("site_name", "site_description", "site_author", "copyright")

REFUSED_SETTINGS = {
    "repo_url": "met repo_url vraagt de site bij elke lezer gegevens op bij GitHub; haal het weg",
    "edit_uri": "edit_uri hoort bij repo_url, dat de site niet gebruikt; haal het weg",
    "remote_branch": None, "remote_name": None,
}


def check_site_settings_policy(root: Path) -> list[Problem]:
    """What mkdocs.yml says, against the allow-lists above (it was read safely by site_file)."""
    from ..site_file import read_site
    from .html_policy import HTTP_LINK, unsafe_text, url_problem

    site = read_site(root)
    data = site.data
    if not data:
        return []  # read_site's own problems say why (the settings reader reports them)
    found: list[Problem] = []

    def refuse(keys: tuple[str, ...], sentence: str) -> None:
        line, col = site.position(*keys)
        found.append(Problem("mkdocs.yml", line, col, sentence))

    def inside(value: object, allowed: Path) -> bool:
        if not isinstance(value, str) or not value.strip():
            return False
        path = (root / value).resolve()
        return path.is_relative_to(allowed.resolve()) and path != root.resolve()

    for key, sentence in REFUSED_SETTINGS.items():
        if key in data and sentence:
            refuse((key,), f'"{key}": {sentence}')
    # Texts MkDocs and Material print as they are, in the page or inside an attribute: no HTML, no
    # quote, no entity (Jinja's striptags turns &lt; back into <).
    texts = [((key,), data.get(key)) for key in RAW_TEXTS]
    texts += [(keys, value) for keys, value in _texts_and_keys(data.get("nav"), ("nav",))]
    texts += [(keys, value) for keys, value in _strings(data.get("theme"), ("theme",))]
    texts += [(keys, value) for keys, value in _strings(data.get("extra"), ("extra",))]
    for plugin in ("i18n", "blog", "search", "tags"):
        # Keys too: a language's own menu (i18n languages: nav:) has its titles as keys.
        texts += [(keys, value) for keys, value in _texts_and_keys(plugin_options_of(data, plugin), ("plugins", plugin))]
    reported: set[tuple[str, ...]] = set()
    for keys, value in texts:
        if isinstance(value, str) and unsafe_text(value) and keys not in reported:
            reported.add(keys)
            refuse(keys, f'"{keys[-1]}" komt zonder bewerking in elke pagina, dus < > " en HTML-tekens als &lt; of '
                         "&quot; mogen hier niet; schrijf gewone tekst (een aanhalingsteken als „…” of ‘…’, © als "
                         "teken)")

    theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
    if theme.get("name") != "material":
        refuse(("theme",), '"theme" moet het thema material zijn (name: material); het portaal is daarvoor gemaakt')
    if "font" in theme and theme.get("font") is not False:
        refuse(("theme", "font"), '"font" moet false zijn: anders laadt elke pagina lettertypen van Google')
    for key in ("logo", "favicon"):
        value = theme.get(key)
        if value is not None and (not isinstance(value, str) or url_problem(value, image=True)):
            refuse(("theme", key), f'"{key}" moet een afbeelding van de site zelf zijn, zoals assets/portal/favicon.svg')
    plugin_options = _plugin_options(data.get("plugins"))
    config_dir = plugin_options.get("portal", {}).get("site_config_dir", "site_config")
    if "custom_dir" in theme and not inside(theme.get("custom_dir"), root / str(config_dir)):
        refuse(("theme", "custom_dir"), '"custom_dir" moet een map binnen site_config zijn, zoals '
                                        "site_config/overrides: alles in die map komt op de site")

    if "site_dir" in data:
        value = data.get("site_dir")
        sources = [root / str(data.get("docs_dir", "docs")), root / ".git"]
        sources += [root / str(plugin_options.get("portal", {}).get(name, default))
                    for name, default in (("site_config_dir", "site_config"), ("sessions_dir", "sessions"),
                                          ("partners_dir", "partners"), ("actions_dir", "actions"))]
        target = (root / value).resolve() if isinstance(value, str) and value.strip() else None
        overlaps = target is None or target == root.resolve() or not target.is_relative_to(root.resolve()) or any(
            target.is_relative_to(source.resolve()) or source.resolve().is_relative_to(target) for source in sources)
        if overlaps:
            refuse(("site_dir",), '"site_dir" moet een eigen map binnen de site zijn, zoals site: de bouw vervangt '
                                  "die map helemaal, dus nooit een map met inhoud of een map buiten de site")

    for key in ("exclude_docs", "not_in_nav", "draft_docs"):
        value = data.get(key)
        if isinstance(value, str) and any(line.strip().startswith("!") for line in value.splitlines()):
            refuse((key,), f'"{key}" mag geen regel met ! bevatten: daarmee komen verborgen bestanden (die met een '
                           "punt beginnen) alsnog op de site")

    for key in ("extra_css", "extra_javascript"):
        for item in data.get(key) or []:
            path = item.get("path") if isinstance(item, dict) else item
            if not isinstance(path, str) or url_problem(path, image=True) or ".." in path.split("/"):
                refuse((key,), f'"{key}" mag alleen bestanden van de site zelf noemen, zoals assets/portal/portal.css; '
                               "niets van een andere website")
                break

    extra = data.get("extra") if isinstance(data.get("extra"), dict) else {}
    if "analytics" in extra:
        refuse(("extra", "analytics"), '"analytics" stuurt gegevens van lezers naar een ander bedrijf; haal het weg')
    for keys, value in _strings(extra, ("extra",)):
        if _looks_like_address(value):
            sentence = url_problem(value, image=False)
            if sentence and sentence != HTTP_LINK:
                refuse(keys, f'"{keys[-1]}": {sentence}')
    menus = [(("nav",), data.get("nav"))]
    i18n = plugin_options_of(data, "i18n")
    for language in (i18n.get("languages") if isinstance(i18n, dict) else None) or []:
        if isinstance(language, dict):
            menus.append((("plugins", "i18n"), language.get("nav")))
            link = language.get("link")
            if link is not None and not (isinstance(link, str) and re.fullmatch(r"/[a-z0-9/_-]*", link)):
                refuse(("plugins", "i18n"), '"link" van een taal is het pad van die taal op de site, zoals /en/ '
                                            f'(u schreef "{str(link)[:60]}")')
    for keys, value in (item for where, menu in menus for item in _strings(menu, where)):
        if _looks_like_address(value):
            sentence = url_problem(value, image=False)
            if sentence and sentence != HTTP_LINK:
                refuse(("nav",), f"in het menu (nav): {sentence} (u schreef \"{value[:60]}\")")

    names = _plugin_names(data.get("plugins"))
    for name in names:
        if name not in ALLOWED_PLUGINS:
            refuse(("plugins", name), f'de plugin "{name}" is niet toegestaan; het portaal gebruikt alleen '
                                      f"{', '.join(sorted(ALLOWED_PLUGINS))}")
    portal = plugin_options.get("portal")
    if portal is None:
        refuse(("plugins",), 'de plugin "portal" ontbreekt onder plugins; zonder de plugin controleert de bouw niets')
    elif portal.get("enabled", True) is not True:
        refuse(("plugins", "portal", "enabled"), '"enabled" van de plugin portal moet aan staan; zonder de plugin '
                                                 "controleert de bouw niets")
    for keys, value in _strings(plugin_options.get("blog"), ("plugins", "blog")):
        if keys[-1].endswith(("_dir", "_url_format")) and (".." in re.split(r"[/\\]", value)
                                                            or value.startswith(("/", "\\")) or ":" in value):
            refuse(keys, f'"{keys[-1]}" is een pad binnen de site, zonder .. en niet met / ervoor; anders schrijft de '
                         "bouw pagina's buiten de site")
        if "{" in value and re.search(r"\{[^}]*[^a-z_}][^}]*\}", value):
            refuse(keys, f'"{keys[-1]}" mag alleen invulplekken als {{slug}} of {{date}} hebben, zonder andere tekens')

    for name in _extension_names(data.get("markdown_extensions")):
        if name not in ALLOWED_EXTENSIONS:
            refuse(("markdown_extensions", name), f'de Markdown-uitbreiding "{name}" is niet toegestaan (sommige lezen '
                                                  "bestanden van de bouwmachine); toegestaan zijn: "
                                                  f"{', '.join(sorted(ALLOWED_EXTENSIONS))}")
    return found


def _looks_like_address(value: str) -> bool:
    # Decoded first: "java&#115;cript:" is javascript: to a browser.
    return bool(re.match(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*:|//|\\\\)", html.unescape(value)))


def plugin_options_of(data: dict, name: str) -> object:
    return _plugin_options(data.get("plugins")).get(name)


def _texts_and_keys(value: object, keys: tuple[str, ...]):
    """Like _strings, and the keys of mappings too: a menu title is a key (- Titel: pagina.md)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield keys, str(key)
            yield from _texts_and_keys(item, (*keys, str(key)))
    elif isinstance(value, list):
        for item in value:
            yield from _texts_and_keys(item, keys)
    elif isinstance(value, str):
        yield keys, value


def _strings(value: object, keys: tuple[str, ...]):
    """Every text inside `value`, with the keys leading to it (list items keep their parent's keys)."""
    if isinstance(value, str):
        yield keys, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*keys, str(key)))
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, keys)


def _plugin_names(plugins: object) -> list[str]:
    names = []
    for item in plugins if isinstance(plugins, list) else ([] if plugins is None else [plugins]):
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict):
            names += [str(key) for key in item]
    if isinstance(plugins, dict):
        names = [str(key) for key in plugins]
    return names


def _plugin_options(plugins: object) -> dict[str, dict]:
    options: dict[str, dict] = {}
    items = plugins if isinstance(plugins, list) else [plugins] if isinstance(plugins, dict) else []
    for item in items:
        if isinstance(item, str):
            options[item] = {}
        elif isinstance(item, dict):
            for key, value in item.items():
                options[str(key)] = value if isinstance(value, dict) else {}
    return options


def _extension_names(extensions: object) -> list[str]:
    names = []
    for item in extensions if isinstance(extensions, list) else []:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict):
            names += [str(key) for key in item]
    if isinstance(extensions, dict):
        names = [str(key) for key in extensions]
    return names


def site_url_problems(site_url: str | None, config_file: Path, root: Path) -> list[Problem]:
    """The site's public address (site_url, or the SITE_URL it reads) goes into every canonical
    link, the sitemap and the webcal:// subscribe buttons: one plain address, nothing that could
    send a subscriber to another host (user@host) or break out of an attribute or XML."""
    if not site_url:
        return []
    from urllib.parse import urlsplit

    parts = urlsplit(site_url)
    wrong = (
        parts.scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc
        or parts.query or parts.fragment or any(c in site_url for c in "\"'<>&\\ \t\r\n")
    )
    if not wrong:
        return []
    text = config_file.read_text(encoding="utf-8") if config_file.is_file() else ""
    line = next((n for n, row in enumerate(text.splitlines(), 1) if row.startswith("site_url:")), 1)
    return [Problem(
        relative_path(config_file, root), line, 1,
        "site_url (of SITE_URL) moet een gewoon webadres zijn, zoals https://arbeidsmigranten.uwgemeente.nl/, "
        "zonder naam@, ?, # of tekens als \" < > &", site_url[:200])]
