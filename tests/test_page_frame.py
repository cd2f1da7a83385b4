"""The frame every page has, as a municipal site: the logo and organisation in the header, a
breadcrumb, the page in other languages named in their own language, the meldpunt in every
language from the home page, which languages the meldpunt speaks, and a footer with contact,
meldpunt and the fixed pages. Read from the repository's own built site with an HTML parser;
the expected values come from the sources (site.yml, strings.yml, the content folder)."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
import yaml

from arbeidsmigranten_portaal.load import DEFAULT_STRINGS
from conftest import REPO, copy_project, parse_html, run_portal
from arbeidsmigranten_portaal.breadcrumbs import Crumb, trail
from arbeidsmigranten_portaal.model import LANGUAGE_NAMES

SETTINGS = yaml.safe_load((REPO / "site_config" / "site.yml").read_text(encoding="utf-8"))
STRINGS = yaml.safe_load(DEFAULT_STRINGS.read_text(encoding="utf-8"))
LANGUAGES = ["nl", "en", "pl", "ro", "bg"]


def _prefix(language: str) -> str:
    return "" if language == "nl" else f"{language}/"


def _target(site: Path, page: Path, href: str) -> Path:
    """The file a relative link on `page` opens."""
    path = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), href.split("#")[0]))
    target = site / path
    return target / "index.html" if target.is_dir() or href.endswith("/") or href in ("..", ".") else target


def test_trail_follows_the_address_and_skips_parents_without_a_page() -> None:
    titles = {"": "Start", "nieuws/": "Nieuws", "kennissessies/": "Kennissessies"}
    assert trail("nieuws/2024/03/14/controle/", "", "Home", titles, "Controle") == [
        Crumb("Home", ""), Crumb("Nieuws", "nieuws/"), Crumb("Controle", None)]
    assert trail("", "", "Home", titles, "Start") == []
    assert trail("pl/meldpunt/", "pl/", "Strona główna", {"pl/": "Start"}, "Zgłoś") == [
        Crumb("Strona główna", "pl/"), Crumb("Zgłoś", None)]


def test_header_has_the_logo_and_the_organisation(built_site: Path) -> None:
    for page in ["index.html", "meldpunt/index.html", "pl/meldpunt/index.html"]:
        html = parse_html(built_site / page)
        logo = html.select_one("header .md-logo img")
        assert logo is not None, page
        assert _target(built_site, built_site / page, logo["src"]) == built_site / "assets" / "portal" / SETTINGS["logo"]["file"]
        assert (built_site / "assets" / "portal" / SETTINGS["logo"]["file"]).is_file()
        assert html.select_one("header .portal-header__org").get_text(strip=True) == SETTINGS["organisation"]


def test_breadcrumb_leads_home_through_pages_that_exist(built_site: Path) -> None:
    session = built_site / "kennissessies" / "2027-01-goed-verhuurderschap" / "index.html"
    html = parse_html(session)
    crumbs = html.select(".portal-breadcrumb li")
    assert [c.get_text(strip=True) for c in crumbs][:2] == [STRINGS["nl"]["page.home"], "Kennissessies"]
    assert crumbs[-1].select_one("[aria-current=page]").get_text(strip=True) == html.h1.get_text(strip=True)
    for link in html.select(".portal-breadcrumb a"):
        assert _target(built_site, session, link["href"]).is_file(), link["href"]
    polish = parse_html(built_site / "pl" / "meldpunt" / "index.html")
    assert polish.select_one(".portal-breadcrumb")["aria-label"] == STRINGS["pl"]["page.breadcrumb"]
    assert polish.select_one(".portal-breadcrumb a").get_text(strip=True) == STRINGS["pl"]["page.home"]
    assert parse_html(built_site / "index.html").select_one(".portal-breadcrumb") is None


@pytest.mark.parametrize("page", ["index.html", "meldpunt/index.html", "rechten/index.html"])
def test_other_languages_are_links_in_their_own_language(built_site: Path, page: str) -> None:
    html = parse_html(built_site / page)
    links = {a["hreflang"]: a for a in html.select(".portal-languages a")}
    assert set(links) == {"en", "pl", "ro", "bg"}
    for language, link in links.items():
        assert link.get_text(strip=True) == LANGUAGE_NAMES[language]
        assert link["lang"] == language
        target = parse_html(_target(built_site, built_site / page, link["href"]))
        assert target.html["lang"] == language


def test_home_links_to_the_meldpunt_in_every_language(built_site: Path) -> None:
    home = built_site / "index.html"
    links = {a["hreflang"]: a for a in parse_html(home).select(".portal-task .portal-language-links a")}
    assert set(links) == {"en", "pl", "ro", "bg"}
    for language, link in links.items():
        assert STRINGS[language]["meldpunt.link"] in link.get_text(" ", strip=True)
        assert _target(built_site, home, link["href"]) == built_site / language / "meldpunt" / "index.html"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_meldpunt_says_in_which_languages_one_can_report(built_site: Path, language: str) -> None:
    html = parse_html(built_site / _prefix(language) / "meldpunt" / "index.html")
    block = html.select_one(".portal-meldpunt__languages")
    assert block is not None
    rows = [li.get_text(" ", strip=True).replace(" ,", ",") for li in block.select("li")]
    for way, row in zip(("form", "phone", "email"), rows, strict=True):
        expected = ", ".join(LANGUAGE_NAMES[code] for code in SETTINGS["meldpunt"]["languages"][way])
        assert row == f"{STRINGS[language][f'meldpunt.languages_{way}']}: {expected}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_footer_has_contact_meldpunt_and_the_fixed_pages(built_site: Path, language: str) -> None:
    page = built_site / _prefix(language) / "index.html"
    footer = parse_html(page).select_one("footer .portal-footer")
    text = footer.get_text(" ", strip=True)
    assert SETTINGS["contact"]["phone"] in text and SETTINGS["contact"]["email"] in text
    assert STRINGS[language]["calendar.example"] in text  # the contact details are still examples
    hrefs = {a.get_text(strip=True): a["href"] for a in footer.select("a")}
    assert _target(built_site, page, hrefs[STRINGS[language]["meldpunt.footer"]]) == \
        built_site / _prefix(language) / "meldpunt" / "index.html"
    for name in ("Toegankelijkheid", "Privacy", "Colofon"):
        assert _target(built_site, page, hrefs[name]).is_file()


def test_home_has_no_table_of_contents(built_site: Path) -> None:
    toc = parse_html(built_site / "index.html").select_one(".md-sidebar--secondary")
    assert toc is not None and toc.has_attr("hidden")


def test_logo_and_meldpunt_languages_are_checked(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site")
    site_yml = project / "site_config" / "site.yml"
    text = site_yml.read_text(encoding="utf-8")
    text = text.replace("file: logo-voorbeeld.svg", "file: ../../etc/logo.svg")
    text = text.replace("form: [nl, en]", "form: [nl, Pools]")
    site_yml.write_text(text, encoding="utf-8")
    result = run_portal("check", cwd=project)
    assert result.returncode == 1
    lines = text.splitlines()
    logo_line = next(i for i, line in enumerate(lines, 1) if "file: ../../etc/logo.svg" in line)
    form_line = next(i for i, line in enumerate(lines, 1) if "form: [nl, Pools]" in line)
    assert f"site_config/site.yml:{logo_line}:" in result.stdout + result.stderr
    assert "is geen bestandsnaam van een logo" in result.stdout + result.stderr
    assert f"site_config/site.yml:{form_line}:" in result.stdout + result.stderr


def test_a_logo_that_is_not_there_is_named(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site")
    site_yml = project / "site_config" / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8").replace("logo-voorbeeld.svg", "logo-dalfsen.svg"),
                        encoding="utf-8")
    result = run_portal("check", cwd=project)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "noemt een logo dat niet in site_config/assets/ staat" in output and "logo-dalfsen.svg" in output


def test_a_language_named_twice_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site")
    site_yml = project / "site_config" / "site.yml"
    text = site_yml.read_text(encoding="utf-8").replace("form: [nl, en]", "form: [nl, en, nl]")
    site_yml.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "form: [nl, en, nl]" in row)
    result = run_portal("check", cwd=project)
    assert result.returncode == 1
    assert (f'site_config/site.yml:{line}:11: "meldpunt.languages.form" noemt een taal meer dan eens (nl); '
            "schrijf elke taal één keer") in result.stdout
