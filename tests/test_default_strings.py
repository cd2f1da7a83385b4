"""The toolkit ships every word in every language it supports; a site's strings.yml only
overrides (issue 14, point 1). A word the toolkit adds reaches every site without an edit there."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from arbeidsmigranten_portaal import load as loader
from arbeidsmigranten_portaal.checks import strings as strings_check
from arbeidsmigranten_portaal.checks.strings import check_strings
from arbeidsmigranten_portaal.load import DEFAULT_STRINGS, SourceDirs, load_catalog, load_strings
from arbeidsmigranten_portaal.problems import ContentProblems
from arbeidsmigranten_portaal.yaml_source import read_yaml

from conftest import REPO, build_site, copy_project, parse_html

SUPPORTED = ("nl", "en", "pl", "ro", "bg")
# Languages whose calendar the toolkit can show: they carry every word, not only a page's.
CALENDAR = ("nl", "en")


def test_the_toolkit_words_are_complete_and_sound_for_every_supported_language() -> None:
    doc, problems = read_yaml(DEFAULT_STRINGS, DEFAULT_STRINGS.parent)
    assert problems == [] and doc is not None
    assert sorted(doc.data) == sorted(SUPPORTED)
    assert check_strings(doc, loader.default_strings(), SUPPORTED, CALENDAR) == []


def test_a_site_without_strings_gets_every_word(tmp_path: Path) -> None:
    merged, problems = load_strings(tmp_path / "strings.yml", tmp_path, SUPPORTED, CALENDAR)
    assert problems == []
    assert merged == loader.default_strings()


def test_a_site_overrides_one_word_and_keeps_the_others(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "site_config" / "strings.yml").write_text("nl:\n  page.contact: Bereikbaarheid\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.exit_code == 0, result.output
    footer = parse_html(tmp_path / "site" / "index.html").select_one("footer .portal-footer")
    assert "Bereikbaarheid" in footer.get_text()
    english = parse_html(tmp_path / "site" / "en" / "index.html").select_one("footer .portal-footer")
    assert "Contact" in english.get_text() and "Bereikbaarheid" not in english.get_text()
    # Another word of the same language still comes from the toolkit.
    session = parse_html(tmp_path / "site" / "kennissessies" / "2027-01-goed-verhuurderschap" / "index.html")
    assert "Terug naar alle kennissessies" in session.get_text()


def test_a_wrong_override_is_reported_in_the_site_file(tmp_path: Path) -> None:
    path = tmp_path / "site_config" / "strings.yml"
    path.parent.mkdir()
    path.write_text("nl:\n  page.contact: Contact\n  page.kontakt: Contact\n", encoding="utf-8")
    _, problems = load_strings(path, tmp_path, SUPPORTED, CALENDAR)
    assert [(p.path, p.line, p.col) for p in problems] == [("site_config/strings.yml", 3, 3)]
    assert "wordt nergens gebruikt" in problems[0].message


def test_a_site_language_the_toolkit_lacks_names_the_site_file(tmp_path: Path) -> None:
    _, problems = load_strings(tmp_path / "site_config" / "strings.yml", tmp_path, ("nl", "de"), ("nl",))
    assert [p.path for p in problems] == ["site_config/strings.yml"]
    assert "'de:'" in problems[0].message


@pytest.fixture
def toolkit_with_a_new_word(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The toolkit of a later release: its renderers need one word more, which its defaults carry
    in every language (unless the test takes it out again)."""
    new_key = "page.new_word"
    yaml = YAML()
    words = yaml.load(DEFAULT_STRINGS.read_text(encoding="utf-8"))
    for language in words:
        words[language][new_key] = f"Nieuw woord ({language})"
    defaults = tmp_path / "defaults.yml"
    with defaults.open("w", encoding="utf-8") as out:
        yaml.dump(words, out)
    monkeypatch.setattr(loader, "DEFAULT_STRINGS", defaults)
    monkeypatch.setattr(strings_check, "REQUIRED_KEYS", strings_check.REQUIRED_KEYS | {new_key})
    monkeypatch.setattr(strings_check, "PAGE_KEYS", strings_check.PAGE_KEYS | {new_key})
    loader.default_strings.cache_clear()
    yield defaults, new_key
    loader.default_strings.cache_clear()


def _site_with_an_override(tmp_path: Path) -> SourceDirs:
    project = copy_project(tmp_path / "project")
    (project / "site_config" / "strings.yml").write_text("nl:\n  page.contact: Bereikbaarheid\n", encoding="utf-8")
    return SourceDirs(project, project / "site_config", project / "sessions", project / "partners", project / "content")


def test_a_word_the_toolkit_adds_breaks_no_site(toolkit_with_a_new_word, tmp_path: Path) -> None:
    _, new_key = toolkit_with_a_new_word
    catalog = load_catalog(_site_with_an_override(tmp_path), SUPPORTED, CALENDAR)
    assert catalog.strings.for_language("nl")[new_key] == "Nieuw woord (nl)"
    assert catalog.strings.for_language("nl")["page.contact"] == "Bereikbaarheid"


def test_the_same_new_word_without_a_default_would_break_it(toolkit_with_a_new_word, tmp_path: Path) -> None:
    # The check this rests on: a word the renderers need and nobody supplies is an error.
    defaults, new_key = toolkit_with_a_new_word
    text = "".join(line for line in defaults.read_text(encoding="utf-8").splitlines(keepends=True)
                   if new_key not in line)
    defaults.write_text(text, encoding="utf-8")
    loader.default_strings.cache_clear()
    with pytest.raises(ContentProblems) as raised:
        load_catalog(_site_with_an_override(tmp_path), SUPPORTED, CALENDAR)
    assert any(f"mist de tekst '{new_key}'" in p.message for p in raised.value.problems)
