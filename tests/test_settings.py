"""One settings model (plugins/arbeidsmigranten_portaal/settings.py) for the plugin and the `portal` command: both
read the folders, languages and paths from mkdocs.yml, with the same defaults, and refuse values
that would reach outside the site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO, build_site, copy_project, parse_html, run_portal
from arbeidsmigranten_portaal.settings import DEFAULTS, read_settings, settings_from_options
from arbeidsmigranten_portaal.site_file import news_posts_dir, read_site


def test_the_plugin_takes_its_defaults_from_the_settings() -> None:
    from arbeidsmigranten_portaal.mkdocs_plugin import PortalConfig

    config = PortalConfig()
    config.load_dict({})
    failed, warnings = config.validate()
    assert failed == [] and warnings == []
    # site_config_dir is made absolute by MkDocs; the rest is as declared in settings.py.
    assert {name: config[name] for name in DEFAULTS if name != "site_config_dir"} == {
        **{name: value for name, value in DEFAULTS.items() if name != "site_config_dir"},
        "calendar_languages": list(DEFAULTS["calendar_languages"]),
    }
    assert Path(config["site_config_dir"]).name == DEFAULTS["site_config_dir"]


def test_missing_options_take_the_defaults(tmp_path: Path) -> None:
    settings, problems = settings_from_options(tmp_path, "docs", {})
    assert problems == []
    root = tmp_path.resolve()
    assert (settings.docs_dir, settings.site_config_dir, settings.sessions_dir, settings.partners_dir) == (
        root / "docs", root / "site_config", root / "sessions", root / "partners")
    assert (settings.news_posts_dir, settings.news_feed) == ("nieuws/posts", "nieuws/feed.xml")
    assert (settings.default_language, settings.languages, settings.calendar_languages) == ("nl", ("nl",), ("nl",))
    assert (settings.closing_soon_days, settings.feed_past_days, settings.today) == (7, 90, None)


def test_the_repository_settings_are_read_from_its_mkdocs_yml() -> None:
    settings, problems = read_settings(REPO)
    assert problems == []
    assert settings.docs_dir == REPO / "content"
    assert settings.sessions_dir == REPO / "sessions"
    assert settings.languages == ("nl", "en", "pl", "ro", "bg")
    assert settings.calendar_languages == ("nl", "en")
    assert settings.other_languages == ["en", "pl", "ro", "bg"]


# --- A site that keeps its files elsewhere ---------------------------------------------------------

MOVED_SESSIONS = "agenda/sessies"


@pytest.fixture
def moved(project_copy: Path) -> Path:
    """The repository's site with its pages in docs/ and its sessions in agenda/sessies/."""
    (project_copy / "content").rename(project_copy / "docs")
    (project_copy / "agenda").mkdir()
    (project_copy / "sessions").rename(project_copy / MOVED_SESSIONS)
    config = project_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("docs_dir: content\n") == 1 and text.count("sessions_dir: sessions\n") == 1
    text = text.replace("docs_dir: content\n", "docs_dir: docs\n")
    text = text.replace("sessions_dir: sessions\n", f"sessions_dir: {MOVED_SESSIONS}\n")
    config.write_text(text, encoding="utf-8")
    return project_copy


def test_check_reads_the_folders_from_mkdocs_yml(moved: Path) -> None:
    clean = run_portal("check", cwd=moved)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert not (moved / "content").exists() and not (moved / "sessions").exists()

    (moved / "docs" / "x.md").write_text("# X\n\n<!-- portal: bestaat-niet -->\n", encoding="utf-8")
    session = moved / MOVED_SESSIONS / "2027-01-goed-verhuurderschap.yml"
    text = session.read_text(encoding="utf-8")
    assert "start: 2027-01-14 19:30" in text
    session.write_text(text.replace("start: 2027-01-14 19:30", "start: 2027-01-14"), encoding="utf-8")
    result = run_portal("check", cwd=moved)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("docs/x.md:3:1: onbekend blok") for line in lines), lines
    assert any(line.startswith("docs/x.md:1:1: deze pagina staat niet in het menu") for line in lines), lines
    assert any(line.startswith(f"{MOVED_SESSIONS}/2027-01-goed-verhuurderschap.yml:")
               and '"start" heeft een datum maar geen tijd' in line for line in lines), lines


def test_new_writes_into_the_configured_folders_and_the_build_agrees(moved: Path) -> None:
    made = run_portal("new", "session", "--title", "Elders opgeslagen", "--start", "2027-05-12 19:30", "--end",
                      "2027-05-12 21:00", "--location", "Gemeentehuis", "--address", "Straat 1, Dalfsen",
                      "--audience", "raadsleden", "--summary", "Een sessie in een andere map.", cwd=moved)
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == f"aangemaakt: {MOVED_SESSIONS}/2027-05-elders-opgeslagen.yml"
    written = (moved / MOVED_SESSIONS / "2027-05-elders-opgeslagen.yml").read_text(encoding="utf-8")
    # The editor's schema, seen from the new file's folder (two levels deep).
    assert written.startswith("# yaml-language-server: $schema=../../schemas/session.schema.json\n")
    assert (moved / written.splitlines()[0].split("=", 1)[1].replace("../../", "")).is_file()
    post = run_portal("new", "post", "--title", "In docs", "--category", "Controles", "--intro", "Een bericht.",
                      cwd=moved)
    assert post.stdout.strip() == "aangemaakt: docs/nieuws/posts/in-docs.md", post.stderr
    # Without --date a post gets the site's "now": the tests' fixed clock, not the real day.
    assert "\ndate: 2026-11-28\n" in (moved / "docs" / "nieuws" / "posts" / "in-docs.md").read_text(encoding="utf-8")

    check = run_portal("check", cwd=moved)
    assert check.returncode == 0, check.stdout + check.stderr
    result = build_site(moved, moved / "site")
    assert result.exit_code == 0, result.output
    page = parse_html(moved / "site" / "kennissessies" / "2027-05-elders-opgeslagen" / "index.html")
    assert page.find("h1").get_text() == "Elders opgeslagen"


# --- mkdocs.yml is untrusted too -------------------------------------------------------------------


def small_site(tmp_path: Path, portal_options: str = "", top: str = "") -> Path:
    """The calendar fixture site, with other options for the portal plugin."""
    project = Path(shutil.copytree(REPO / "tests" / "sites" / "calendar", tmp_path / "site"))
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    # An option given here replaces the fixture's own (a repeated key would hide it).
    given = {line.split(":")[0] for line in portal_options.splitlines()}
    lines = [line for line in lines if line.split(":")[0] not in given]
    marker = lines.index("  - portal:\n") + 1
    config.write_text(top + "".join(lines[:marker]) + portal_options + "".join(lines[marker:]), encoding="utf-8")
    return project


@pytest.mark.parametrize(
    "options, sentence",
    [
        ("      sessions_dir: ../../elders\n", '"sessions_dir" moet een map binnen de map van de site zijn'),
        ("      partners_dir: /etc\n", '"partners_dir" moet een map binnen de map van de site zijn'),
        ("      closing_soon_days: zeven\n", '"closing_soon_days" moet een aantal dagen zijn'),
        ("      feed_past_days: 99999999\n", '"feed_past_days" moet een aantal dagen zijn'),
        ("      news_feed: ../../feed.xml\n", '"news_feed" moet een pad binnen content/ zijn'),
        ("      calendar_languages: en\n", '"calendar_languages" moet een lijst van taalcodes zijn'),
        ("      default_language: '<script>'\n", '"default_language" moet een taalcode zijn'),
    ],
    ids=["sessions outside", "partners absolute", "days as a word", "days unbounded", "feed outside",
         "languages not a list", "language not a code"],
)
def test_wrong_options_are_a_sentence_at_their_line(tmp_path: Path, options: str, sentence: str) -> None:
    project = small_site(tmp_path, options)
    result = run_portal("check", cwd=project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    [problem] = result.stdout.splitlines()
    # At the value: line 12 is the option's line (right under "- portal:").
    assert problem.startswith(f"mkdocs.yml:12:{options.index(': ') + 3}: "), problem
    assert sentence in problem and '(u schreef "' in problem, problem


def test_the_build_refuses_a_folder_outside_the_site(tmp_path: Path) -> None:
    outside = tmp_path / "elders"
    outside.mkdir()
    project = small_site(tmp_path, "      sessions_dir: ../elders\n")
    result = build_site(project, tmp_path / "out")
    assert result.exit_code != 0
    assert '"sessions_dir" moet een map binnen de map van de site zijn' in result.output
    assert not (tmp_path / "out").exists()


def test_docs_dir_outside_the_site_is_refused(tmp_path: Path) -> None:
    project = small_site(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("docs_dir: content", "docs_dir: /"), encoding="utf-8")
    result = run_portal("check", cwd=project)
    assert result.returncode == 1
    assert result.stdout.startswith('mkdocs.yml:4:11: "docs_dir" moet een map binnen de map van de site zijn'), result.stdout


def test_aliases_in_mkdocs_yml_are_refused_before_they_expand(tmp_path: Path) -> None:
    bomb = "".join(f"b{i}: &b{i} [" + ", ".join([f"*b{i - 1}"] * 9) + "]\n" for i in range(1, 12))
    project = small_site(tmp_path, top="b0: &b0 [x]\n" + bomb)
    result = run_portal("check", cwd=project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "mkdocs.yml:1:5: hier staat een anker (&b0); schrijf de waarden in mkdocs.yml voluit, zonder '&' en '*'"
    ]


def test_a_huge_or_broken_mkdocs_yml_is_a_sentence(tmp_path: Path) -> None:
    project = small_site(tmp_path, top="# " + "x" * 300_000 + "\n")
    result = run_portal("check", cwd=project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.startswith("mkdocs.yml:1:1: dit bestand is te groot voor mkdocs.yml"), result.stdout
    assert "256 kB" in result.stdout
    (project / "mkdocs.yml").write_text("site_name: [kapot\n", encoding="utf-8")
    broken = read_site(project)
    assert [p.as_line().split(": ", 1)[0] for p in broken.problems] == ["mkdocs.yml:2:1"]
    assert "opbouw van mkdocs.yml" in broken.problems[0].message
    (project / "mkdocs.yml").write_bytes(b"site_name: caf\xe9\n")
    assert "UTF-8" in read_site(project).problems[0].message


def test_a_placeholder_in_the_blogs_post_dir_is_text_not_a_template() -> None:
    # Material replaces only {blog}; anything else stays as written (and str.format never runs on it).
    config = {"plugins": [{"blog": {"blog_dir": "nieuws", "post_dir": "{blog}/{blog.__class__}/{blog:>99999999}"}}]}
    assert news_posts_dir(config) == "nieuws/{blog.__class__}/{blog:>99999999}/"


def test_the_repository_copy_still_checks_clean(tmp_path: Path) -> None:
    """The settings of a plain copy are those of the repository: nothing depends on its folder name."""
    copy = copy_project(tmp_path / "anders-genoemd")
    settings, problems = read_settings(copy)
    assert problems == [] and settings.docs_dir == (copy / "content").resolve()
