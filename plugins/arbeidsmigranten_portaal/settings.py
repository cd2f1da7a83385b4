"""The portal's settings: where a site keeps its files, its languages, its clock.

One model for both ways in: the MkDocs plugin builds it from its configuration, `portal check`
and `portal new` read it from mkdocs.yml (without MkDocs). Every default is declared here once;
the plugin's options take theirs from DEFAULTS. Plain Python: no MkDocs import.

mkdocs.yml comes in through pull requests too, so the values are checked here, not trusted:
every folder must lie inside the site's folder (`docs_dir: /` would otherwise publish the build
machine), numbers are bounded, and each wrong value is a Dutch sentence at mkdocs.yml:line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from .clock import ClockError, parse_local
from .problems import Problem

if TYPE_CHECKING:
    from .load import SourceDirs

# MkDocs' own default for docs_dir (a site without docs_dir: keeps its pages in docs/).
DOCS_DIR_DEFAULT = "docs"

# The portal plugin's options (plugins: - portal: ...) and what they are when left out.
DEFAULTS: dict[str, Any] = {
    "site_config_dir": "site_config",
    "sessions_dir": "sessions",
    "partners_dir": "partners",
    # The plan's actions and their status (the voortgang); a site without this folder has none.
    "actions_dir": "actions",
    # News posts (Material's blog) relative to docs_dir, and the RSS feed made from them.
    "news_posts_dir": "nieuws/posts",
    "news_feed": "nieuws/feed.xml",
    # The site's own language, and the languages with calendar, session and partner pages.
    "default_language": "nl",
    "calendar_languages": ("nl",),
    "closing_soon_days": 7,
    "feed_past_days": 90,
    # The build's "now" (clock.py), such as "2027-01-15 09:00"; None: PORTAL_NOW, SOURCE_DATE_EPOCH or now.
    "today": None,
    # The PDFs to print (render/paper.py): false makes none (a machine without WeasyPrint's Pango).
    "pdfs": True,
    # How many of the next sessions get a flyer to print.
    "flyers": 12,
    # The port of decap-server on this computer, where the editor (/admin/) saves when it is
    # opened from 127.0.0.1 or localhost (python3 dev.py serve); elsewhere it saves on GitHub.
    "editor_port": 8081,
}
MAX_FLYERS = 100

FOLDER_OPTIONS = ("site_config_dir", "sessions_dir", "partners_dir", "actions_dir")
PATH_OPTIONS = ("news_posts_dir", "news_feed")
DAY_OPTIONS = ("closing_soon_days", "feed_past_days")
MAX_DAYS = 3660  # ten years: more is a typo, and it bounds the dates computed from it
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


@dataclass(frozen=True)
class Settings:
    root: Path
    docs_dir: Path
    site_config_dir: Path
    sessions_dir: Path
    partners_dir: Path
    actions_dir: Path
    news_posts_dir: str
    news_feed: str
    default_language: str
    calendar_languages: tuple[str, ...]
    closing_soon_days: int
    feed_past_days: int
    today: str | None
    languages: tuple[str, ...]
    pdfs: bool = True
    flyers: int = 12
    editor_port: int = 8081

    @property
    def other_languages(self) -> list[str]:
        return [language for language in self.languages if language != self.default_language]

    def source_dirs(self) -> SourceDirs:
        from .load import SourceDirs

        return SourceDirs(self.root, self.site_config_dir, self.sessions_dir, self.partners_dir, self.docs_dir,
                          self.actions_dir)


Locate = Callable[[str], tuple[int, int]]


def settings_from_options(
    root: Path,
    docs_dir: str | Path,
    options: Mapping[str, Any],
    languages: tuple[str, ...] = (),
    *,
    display: str = "mkdocs.yml",
    locate: Locate | None = None,
) -> tuple[Settings, list[Problem]]:
    """Settings from the portal plugin's options (a missing option takes its default) and the
    site's languages (empty: only the default language). Wrong values become problems and
    their defaults are used instead, so the caller can report all of them at once."""
    root = Path(root).resolve()
    problems: list[Problem] = []

    def problem(name: str, sentence: str, written: Any) -> None:
        line, col = locate(name) if locate else (0, 0)
        problems.append(Problem(display, line, col, sentence, str(written)))

    def option(name: str) -> Any:
        value = options.get(name)
        return DEFAULTS[name] if value is None else value

    def folder(name: str, value: Any) -> Path:
        fallback = root / str(DEFAULTS.get(name, DOCS_DIR_DEFAULT))
        if not isinstance(value, (str, Path)) or not str(value).strip():
            problem(name, f'"{name}" moet de naam van een map zijn, zoals {DEFAULTS.get(name, DOCS_DIR_DEFAULT)}', value)
            return fallback
        path = (root / value).resolve()
        if path == root and name != "docs_dir" or not path.is_relative_to(root):
            problem(name, f'"{name}" moet een map binnen de map van de site zijn, zoals '
                          f'{DEFAULTS.get(name, DOCS_DIR_DEFAULT)}, zodat niets van buiten de site meekomt', value)
            return fallback
        return path

    docs = folder("docs_dir", docs_dir)
    if docs == root:
        problem("docs_dir", '"docs_dir" moet een eigen map voor de pagina\'s zijn, zoals content, niet de map van de '
                            'site zelf', docs_dir)
        docs = root / DOCS_DIR_DEFAULT
    folders = {name: folder(name, option(name)) for name in FOLDER_OPTIONS}

    paths = {}
    for name in PATH_OPTIONS:
        value = option(name)
        parts = PurePosixPath(str(value)).parts if isinstance(value, str) else ()
        if not parts or parts[0] == "/" or ".." in parts or "\\" in str(value):
            problem(name, f'"{name}" moet een pad binnen {docs.name}/ zijn, zoals {DEFAULTS[name]}', value)
            value = DEFAULTS[name]
        paths[name] = str(PurePosixPath(value))

    default_language = option("default_language")
    if not isinstance(default_language, str) or not _LANGUAGE.fullmatch(default_language):
        problem("default_language", '"default_language" moet een taalcode zijn, zoals nl', default_language)
        default_language = DEFAULTS["default_language"]
    calendar = option("calendar_languages")
    if isinstance(calendar, str) or not isinstance(calendar, (list, tuple)) or not all(
        isinstance(code, str) and _LANGUAGE.fullmatch(code) for code in calendar
    ):
        problem("calendar_languages", '"calendar_languages" moet een lijst van taalcodes zijn, zoals [nl, en]', calendar)
        calendar = DEFAULTS["calendar_languages"]

    days = {}
    for name in DAY_OPTIONS:
        value = option(name)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_DAYS:
            problem(name, f'"{name}" moet een aantal dagen zijn: een heel getal van 0 tot en met {MAX_DAYS}, '
                          f'zoals {DEFAULTS[name]}', value)
            value = DEFAULTS[name]
        days[name] = value

    pdfs = option("pdfs")
    if not isinstance(pdfs, bool):
        problem("pdfs", '"pdfs" moet true of false zijn: true maakt de PDF\'s om te printen, false niet', pdfs)
        pdfs = DEFAULTS["pdfs"]
    flyers = option("flyers")
    if isinstance(flyers, bool) or not isinstance(flyers, int) or not 0 <= flyers <= MAX_FLYERS:
        problem("flyers", f'"flyers" moet een heel getal van 0 tot en met {MAX_FLYERS} zijn: voor zoveel van de '
                          f'volgende kennissessies komt er een flyer, zoals {DEFAULTS["flyers"]}', flyers)
        flyers = DEFAULTS["flyers"]
    editor_port = option("editor_port")
    if isinstance(editor_port, bool) or not isinstance(editor_port, int) or not 1024 <= editor_port <= 65535:
        problem("editor_port", f'"editor_port" moet een poort van 1024 tot en met 65535 zijn, zoals '
                               f'{DEFAULTS["editor_port"]}', editor_port)
        editor_port = DEFAULTS["editor_port"]

    today = option("today")
    if today is not None:
        try:
            parse_local(str(today), "today")
        except ClockError:
            problem("today", '"today" moet een datum en tijd zijn, zoals "2027-01-15 09:00"', today)
            today = None
    return Settings(
        root=root,
        docs_dir=docs,
        **folders,
        **paths,
        default_language=default_language,
        calendar_languages=tuple(calendar),
        **days,
        today=None if today is None else str(today),
        languages=tuple(languages) or (default_language,),
        pdfs=pdfs,
        flyers=flyers,
        editor_port=editor_port,
    ), problems


def read_settings(root: Path) -> tuple[Settings, list[Problem]]:
    """The settings of the site in `root`, read from its mkdocs.yml as MkDocs would read them."""
    from .site_file import i18n_languages, plugin_options, read_site

    site = read_site(root)
    options = plugin_options(site.data, "portal") or {}
    docs_dir = site.data.get("docs_dir", DOCS_DIR_DEFAULT)
    settings, problems = settings_from_options(
        root,
        docs_dir if docs_dir is not None else DOCS_DIR_DEFAULT,
        options,
        i18n_languages(site.data),
        locate=lambda name: site.position("docs_dir") if name == "docs_dir" else site.position("plugins", "portal", name),
    )
    return settings, site.problems + problems
