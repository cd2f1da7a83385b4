"""The page frame (header, breadcrumb, language bar, footer) prints values from site.yml and
strings.yml, which editors change in a pull request. MkDocs' templates do not escape by
themselves, so an organisation name or an interface word with HTML in it must stay text; a
calendar block on a page in a language without calendar words, and a site_url that could send
subscribers elsewhere, are refused with a sentence instead of a crash."""

from __future__ import annotations

from pathlib import Path

from conftest import build_site, copy_project, parse_html, run_portal, own_strings

HOSTILE = '<img src=x onerror=alert(1)>'


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_html_in_settings_and_words_stays_text_in_the_frame(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    site_yml, strings = project / "site_config" / "site.yml", own_strings(project)
    _replace(site_yml, "organisation: Gemeente Dalfsen", f"organisation: 'Gemeente {HOSTILE} Dalfsen'")
    # The municipality's own partner page carries the same name (checks/example_claims.py).
    _replace(project / "partners" / "gemeente-dalfsen.yml", "name: Gemeente Dalfsen", f"name: 'Gemeente {HOSTILE} Dalfsen'")
    _replace(site_yml, "url: https://www.dalfsen.nl/", "url: 'https://www.dalfsen.nl/\"><script>alert(2)</script>'")
    _replace(strings, "  page.contact: Contact\n", f"  page.contact: 'Contact{HOSTILE}'\n")
    _replace(strings, "  page.breadcrumb: U bent hier\n", "  page.breadcrumb: 'U bent hier\" onmouseover=\"alert(3)'\n")
    result = build_site(project, tmp_path / "site")
    assert result.exit_code == 0, result.output
    for page in ["index.html", "kennissessies/2027-01-goed-verhuurderschap/index.html", "404.html"]:
        html = parse_html(tmp_path / "site" / page)
        assert html.select("img[onerror]") == [], page
        assert [s for s in html.select("script") if "alert" in (s.string or "")] == [], page
        assert not any(el.has_attr("onmouseover") for el in html.find_all(True)), page
        header = html.select_one("header .portal-header__org")
        assert header.get_text() == f"Gemeente {HOSTILE} Dalfsen", page
        footer = html.select_one("footer .portal-footer")
        assert f"Contact{HOSTILE}" in footer.get_text(), page
    breadcrumb = parse_html(tmp_path / "site" / "begrippen" / "index.html").select_one(".portal-breadcrumb")
    assert breadcrumb["aria-label"] == 'U bent hier" onmouseover="alert(3)'


def test_a_session_block_on_a_polish_page_is_named_not_a_crash(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "content" / "index.pl.md"
    text = page.read_text(encoding="utf-8")
    marker = "## Czym jest ten portal?"
    line = text[: text.index(marker)].count("\n") + 1
    page.write_text(text.replace(marker, "<!-- portal: aanmelden -->\n\n" + marker, 1), encoding="utf-8")
    expected = (f"content/index.pl.md:{line}:1: dit blok toont kennissessies, en die staan alleen op pagina's in de "
                "talen van de kalender (nl, en)")
    check = run_portal("check", cwd=project)
    assert check.returncode == 1 and expected in check.stdout + check.stderr
    result = build_site(project, tmp_path / "site")
    assert result.exit_code == 1 and expected in result.output
    assert "Traceback" not in result.output


def test_a_site_url_that_hides_another_host_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _replace(project / "mkdocs.yml", '"https://arbeidsmigranten.example.nl/"', '"https://www.dalfsen.nl@evil.example/x/"')
    result = build_site(project, tmp_path / "site")
    assert result.exit_code == 1
    assert "site_url (of SITE_URL) moet een gewoon webadres zijn" in result.output
    assert "Traceback" not in result.output
