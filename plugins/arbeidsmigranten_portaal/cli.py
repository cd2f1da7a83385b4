"""The `portal` command: what the plugin checks, without building the site, and new files.

    portal check [--links]   every check of the site's content; --links also asks every link
    portal preview           the site on this computer, rebuilt on every change; while the content
                             has problems, every page lists them (--address 127.0.0.1:8000)
    portal new session       a new kennissessie in sessions/ (from flags, or asks)
    portal new partner       a new partner in partners/
    portal new post          a new news post in content/nieuws/posts/
    portal init DIR          a complete new site for another municipality in DIR (from flags, or asks)
    portal schemas           write the editors' JSON Schemas to schemas/
    portal translations      list the translated pages and whether their Dutch page changed;
                             --done PAGE records that PAGE is up to date with its Dutch page

Exit status: 0 when all is well, 1 when there are problems, 2 for a usage error. Under GitHub
Actions (GITHUB_ACTIONS=true) problems are printed as annotations on the pull request.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from . import __version__
from .problems import ContentProblems, Problem, format_for_terminal

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="portal", description="Het portaal: controleren en aanmaken.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="map van de site (waar mkdocs.yml staat)")
    parser.add_argument("--version", action="version", version=f"portal {__version__}", help="toon de versie van het portaal")
    commands = parser.add_subparsers(dest="command", required=True, metavar="opdracht")

    check = commands.add_parser("check", help="controleer alle inhoud zonder de site te bouwen")
    check.add_argument("--links", action="store_true", help="controleer ook of alle externe links en aanmeldlinks werken")
    check.add_argument("--link-timeout", type=float, default=10.0, help="seconden per verzoek (standaard 10)")
    check.add_argument("--link-total", type=float, default=120.0, help="seconden voor de hele linkcontrole (standaard 120)")
    check.add_argument("files", nargs="*", help=argparse.SUPPRESS)  # pre-commit passes the staged files; all are checked

    preview = commands.add_parser("preview", help="bekijk de site op deze computer; elke wijziging zie je meteen")
    preview.add_argument("--address", default="127.0.0.1:8000", help="adres van het voorbeeld (standaard 127.0.0.1:8000)")

    new = commands.add_parser("new", help="maak een nieuw bestand uit een sjabloon")
    kinds = new.add_subparsers(dest="template", required=True, metavar="soort")
    from .scaffold import add_new_arguments

    add_new_arguments(kinds)
    from .site_init import add_init_arguments

    add_init_arguments(commands.add_parser("init", help="maak een complete nieuwe site voor een gemeente in een nieuwe map"))
    commands.add_parser("schemas", help="schrijf de JSON Schemas voor editors naar schemas/")
    translations = commands.add_parser("translations", help="vertaalde pagina's: bij of niet bij?")
    translations.add_argument("--done", metavar="PAGINA", help="deze vertaling is bijgewerkt: zet source_version goed")

    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "check":
        return run_check(root, links=args.links, link_timeout=args.link_timeout, link_total=args.link_total)
    if args.command == "preview":
        return run_preview(root, args.address)
    if args.command == "init":
        from .site_init import run_init

        return run_init(args)
    settings, status = _read_settings(root)
    if settings is None:
        return status
    if args.command == "new":
        from .scaffold import run_new

        return run_new(settings, args)
    if args.command == "translations":
        return run_translations(settings, args.done)
    if args.command == "schemas":
        from .schemas import write_schemas

        written = write_schemas(settings.root / "schemas")
        for path in written:
            print(f"bijgewerkt: {path.relative_to(root)}")
        if not written:
            print("de schema's waren al bij")
        return EXIT_OK
    return EXIT_USAGE


def _read_settings(root: Path):
    """(the site's settings from its mkdocs.yml, EXIT_OK), or (None, exit status) after saying
    what stops them being read: without them nothing is known about where the content is."""
    from .settings import read_settings

    if not (root / "mkdocs.yml").is_file() and not (root / "mkdocs.yml").is_symlink():
        print(f"portal: geen site gevonden in {root} (mkdocs.yml ontbreekt); gebruik --root", file=sys.stderr)
        return None, EXIT_USAGE
    settings, problems = read_settings(root)
    if problems:
        print(format_for_terminal(sorted(problems)))
        print(f"portal: {_count(len(problems), 'fout', 'fouten')} in mkdocs.yml; los die eerst op", file=sys.stderr)
        return None, EXIT_PROBLEMS
    return settings, EXIT_OK


def run_check(root: Path, *, links: bool = False, link_timeout: float = 10.0, link_total: float = 120.0) -> int:
    settings, status = _read_settings(root)
    if settings is None:
        return status
    problems = sorted(site_problems(settings, links=links, link_timeout=link_timeout, link_total=link_total))
    if problems:
        print(format_for_terminal(problems))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    summary = "alles in orde" if not problems else (
        f"{_count(errors, 'fout', 'fouten')}, {_count(warnings, 'waarschuwing', 'waarschuwingen')}")
    print(f"portal check: {summary}", file=sys.stderr)
    return EXIT_PROBLEMS if errors else EXIT_OK


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def check_problems(root: Path) -> list[Problem]:
    """What `portal check` reports for the site in `root`, sorted, without printing: the problems
    of mkdocs.yml when it has any (nothing else can be judged then), else those of the content.
    The preview shows this list."""
    from .settings import read_settings

    settings, problems = read_settings(root)
    if problems:
        return sorted(problems)
    return sorted(site_problems(settings))


def site_problems(settings, *, links: bool = False, link_timeout: float = 10.0, link_total: float = 120.0) -> list[Problem]:
    """Every problem `portal check` reports for the site (`portal new` asks it about a new file too)."""
    from .checks.active_content import check_active_content
    from .checks.example_claims import check_example_claims
    from .checks.privacy import check_privacy
    from .checks.translations import check_translations
    from .load import check_site_sources, load_catalog, load_record
    from .sources import markdown_pages, safe_text
    from .checks.site_settings_code import check_site_settings_code
    from .checks.front_matter_policy import front_matter_policy_problems
    from .model import PrivacySettings
    from .render.blocks import calendar_blocks_outside_calendar, page_language, repeated_blocks, unknown_blocks
    from .checks.unfinished import check_unfinished_text
    from .problems import relative_path

    root = settings.root
    dirs = settings.source_dirs()
    problems: list[Problem] = []
    catalog = None
    languages, calendar_languages = settings.languages, settings.calendar_languages
    try:
        catalog = load_catalog(dirs, languages, calendar_languages)
    except ContentProblems as found:
        problems += found.problems

    privacy, found = load_record(dirs.site_config / "privacy.yml", PrivacySettings, root)
    problems += found
    if privacy is not None:
        problems += check_privacy(root, dirs.content, dirs.sessions, dirs.partners, privacy,
                                  site_config=dirs.site_config, config_file=root / "mkdocs.yml", actions=dirs.actions)

    # The file gate first: every check below reads only what it lets through.
    problems += check_site_sources(dirs)
    problems += check_site_settings_code(root / "mkdocs.yml", root)
    for page in markdown_pages(dirs.content):
        text = safe_text(page)
        problems += unknown_blocks(text, relative_path(page, root), catalog.audiences if catalog is not None else None)
        problems += repeated_blocks(text, relative_path(page, root))
        problems += calendar_blocks_outside_calendar(
            text, relative_path(page, root), page_language(page.name, languages, settings.default_language), calendar_languages)
        problems += front_matter_policy_problems(text, relative_path(page, root))
    problems += _check_pages(root, dirs, catalog, settings)
    problems += check_translations(root, dirs.content, settings.other_languages)
    problems += check_active_content(dirs)
    problems += _check_news_posts(root, dirs, settings)
    problems += check_example_claims(root, dirs.content)
    problems += check_unfinished_text(dirs)
    problems += _check_reviewed_dates(root, dirs, settings, catalog)

    if links:
        if catalog is None:
            problems.append(Problem(relative_path(dirs.site_config, root), 0, 0, "de links zijn niet gecontroleerd: los eerst de problemen hierboven op",
                                    severity="warning"))
        else:
            problems += _check_links(root, dirs, catalog, link_timeout, link_total)
    return problems


def run_preview(root: Path, address: str) -> int:
    import signal

    from .preview import Preview, is_loopback, parse_address
    from .preview_build import BuildProcess
    from .settings import read_settings

    if not (root / "mkdocs.yml").is_file():
        print(f"portal: geen site gevonden in {root} (mkdocs.yml ontbreekt); gebruik --root", file=sys.stderr)
        return EXIT_USAGE
    parsed = parse_address(address)
    if parsed is None or not is_loopback(parsed[0]):
        print(f"portal preview: {address} is geen adres op deze computer. Het voorbeeld toont inhoud die nog niet "
              "gepubliceerd is; kies een adres dat met 127. begint, bijvoorbeeld 127.0.0.1:8001", file=sys.stderr)
        return EXIT_USAGE

    config = root / "mkdocs.yml"
    theme = Path(__file__).parent / "theme"  # the toolkit's templates, for who works on them
    last_known: list[Path] = []
    read_version: list[tuple[int, int] | None] = [None]

    def watched() -> list[Path]:
        # Read again whenever mkdocs.yml changed: it may move the folders. While it has problems
        # (the check reports them) its folders are unknown: keep watching the last good ones.
        try:
            info = config.stat()
            version = (info.st_mtime_ns, info.st_size)
        except OSError:
            version = None
        if version != read_version[0] or not last_known:
            read_version[0] = version
            settings, problems = read_settings(root)
            if not problems or not last_known:
                last_known[:] = [settings.docs_dir, settings.site_config_dir, settings.sessions_dir,
                                 settings.partners_dir, settings.actions_dir]
        return [config, *last_known, theme]

    # A stop from outside (the test's or a process manager's SIGTERM) ends as cleanly as Ctrl+C.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    # One build process for the whole preview, kept warm: it checks and builds (preview_build.py).
    builds = BuildProcess(root)
    preview = Preview(root, check=builds.check, build=builds.build, watched=watched)
    host, port = parsed
    try:
        return preview.serve(host, port)
    finally:
        builds.close()


def _check_pages(root: Path, dirs, catalog, settings) -> list[Problem]:
    """Links between pages (per language: a translated page links to pages of its language), and
    pages missing from the menu."""
    from .checks.pages import broken_links, missing_nav_targets, nav_entries, pages_outside_navigation
    from .site_file import language_navs, news_posts_dir, read_site_file
    from .sources import iter_files
    from .urls import DATA_DIR, PARTNERS_DIR, SESSIONS_DIR, SiteUrls

    config = read_site_file(root)
    everything = list(iter_files(dirs.content, root, []))
    default, others = settings.default_language, settings.other_languages
    languages, calendar_languages = settings.languages, settings.calendar_languages

    def language_of(path: Path) -> str:
        return next((lang for lang in others if path.name.endswith(f".{lang}.md")), default)

    problems = []
    known_by_language: dict[str, set[str] | None] = {}

    def known_for_nav(language: str) -> set[str] | None:
        return known_by_language.get(language)

    for language in languages:
        suffix = "" if language == default else f".{language}"
        pages = [p for p in everything if p.suffix == ".md" and language_of(p) == language]
        # What a page of this language may link to, written without the language suffix.
        known = {p.relative_to(dirs.content).as_posix().replace(f"{suffix}.md", ".md") for p in pages}
        known |= {p.relative_to(dirs.content).as_posix() for p in everything if p.suffix != ".md"}
        unknowable: tuple[str, ...] = ()
        if language == default:
            known.add(settings.news_feed)
        if catalog is not None and language in calendar_languages:
            urls = SiteUrls(language=None if language == default else language)
            logos = {pid: p.logo for pid, p in catalog.partners.items() if p.logo}
            generated = urls.generated_files(catalog.sessions, catalog.partners, catalog.audiences, logos)
            known |= {path.replace(f"{suffix}.md", ".md") for path in generated}
        elif catalog is None:
            # Without the records the generated pages are unknown: links to them are not judged now.
            unknowable = (f"{SESSIONS_DIR}/", f"{PARTNERS_DIR}/", f"{DATA_DIR}/")
        problems += broken_links(root, dirs.content, known, unknowable, pages=pages)
        known_by_language[language] = known if not unknowable else None
    posts = news_posts_dir(config)
    for language, nav in language_navs(config, default).items():
        if nav is None or language not in languages:
            continue
        own = [p for p in everything if p.suffix == ".md" and language_of(p) == language]
        problems += pages_outside_navigation(root, dirs.content, nav_entries(nav), [posts] if posts else [],
                                             pages=own, language=None if language == default else language)
        problems += missing_nav_targets(root, dirs.content, nav_entries(nav), known_for_nav(language))
    return problems


def _check_reviewed_dates(root: Path, dirs, settings, catalog) -> list[Problem]:
    from .checks.reviewed_dates import check_reviewed_dates
    from .clock import ClockError, build_now
    from .model import SiteSettings

    months = catalog.settings.review_months if catalog is not None else SiteSettings.model_fields["review_months"].default
    try:
        today = build_now(settings.today).date()
    except ClockError:
        return []  # the settings check says what is wrong with the clock
    return check_reviewed_dates(root, dirs.content, today, months, settings.news_posts_dir)


def _check_news_posts(root: Path, dirs, settings) -> list[Problem]:
    from .checks.news_posts import check_news_posts
    from .site_file import blog_settings, news_categories, read_site

    site = read_site(root)
    if blog_settings(site.data) is None:
        return []
    return check_news_posts(root, dirs.content, settings.news_posts_dir, news_categories(site.data))


def run_translations(settings, done: str | None) -> int:
    from .checks.translations import source_version, translated_pages, translation_meta, translation_source

    root, content = settings.root, settings.docs_dir
    pages = translated_pages(content, settings.other_languages)
    if done:
        # Only a translated page of this site may be rewritten: the name is matched against the
        # site's own pages, never opened as a path of its own (it could point anywhere).
        wanted = {page.relative_to(content).as_posix(): page for page, _ in pages}
        wanted |= {page.relative_to(root).as_posix(): page for page, _ in pages}
        wanted |= {os.path.abspath(page): page for page, _ in pages}
        page = wanted.get(done.replace("\\", "/").removeprefix("./")) or wanted.get(os.path.abspath(done))
        meta = translation_meta(page) if page else None
        source = translation_source(content, meta) if meta else None
        if page is None or source is None:
            print(f"portal translations: {done} is geen vertaalde pagina in {content.relative_to(root).as_posix()}/ "
                  f"met een bestaande bron", file=sys.stderr)
            return EXIT_USAGE
        version = source_version(source)
        text = page.read_text(encoding="utf-8")
        text, count = re.subn(r"(?m)^(\s*source_version:).*$", rf"\1 {version}", text, count=1)
        if count == 0:
            text = re.sub(r"(?m)^(\s*)source:(.*)$", rf"\1source:\2\n\1source_version: {version}", text, count=1)
        page.write_text(text, encoding="utf-8")
        print(f"{page.relative_to(root).as_posix()}: source_version {version}")
        return EXIT_OK
    for page, _language in pages:
        meta = translation_meta(page) or {}
        source = translation_source(content, meta)
        if source is None:
            state = "GEEN BRON"
        elif str(meta.get("source_version")) != source_version(source):
            state = "verouderd"
        else:
            state = "bij"
        reviewed = "nagekeken" if meta.get("reviewed") is True else "niet nagekeken"
        print(f"{page.relative_to(root).as_posix()}: {state}, {reviewed}")
    return EXIT_OK


def _private_hosts() -> bool:
    """Only the tests ask hosts in a private network (their own servers on 127.0.0.1)."""
    return os.environ.get("PORTAL_LINKS_PRIVATE_HOSTS") == "1"


def _check_links(root: Path, dirs, catalog, timeout: float, total: float) -> list[Problem]:
    from .checks.links import LinkChecker, LinkCheckSettings, collect_links, link_problems
    from .yaml_source import read_yaml

    site_doc, _ = read_yaml(dirs.site_config / "site.yml", root)
    refs = collect_links(root, dirs.content, catalog, site_doc)
    cache = Path(os.environ.get("PORTAL_LINK_CACHE", root / ".cache" / "links.json"))
    checker = LinkChecker(LinkCheckSettings(timeout=timeout, total=total, private_hosts=_private_hosts()), cache_file=cache)
    results = checker.check(ref.url for ref in refs)
    print(f"portal check --links: {len(results)} adressen gecontroleerd", file=sys.stderr)
    return link_problems(refs, results)


if __name__ == "__main__":
    sys.exit(main())
