"""`portal init`: a second municipality's site, checked and built as it is written, with nothing
of Dalfsen in it; every wrong answer refused with one Dutch sentence."""

from __future__ import annotations

import os
import stat
from importlib import metadata
from pathlib import Path

import icalendar
import pytest
from ruamel.yaml import YAML

from conftest import TEST_NOW, build_site, parse_html
from new_site import OMMEN, check_site, init_site
from test_scaffold import Terminal, wrong_then_right

from arbeidsmigranten_portaal.colours import contrast_with_white
from arbeidsmigranten_portaal.site_init import municipality_problem

VERSION = metadata.version("arbeidsmigranten-portaal")


@pytest.fixture(scope="module")
def ommen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("init") / "ommen"
    made = init_site(site)
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == f"aangemaakt: {site}"
    return site


@pytest.fixture(scope="module")
def ommen_built(ommen: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = build_site(ommen, tmp_path_factory.mktemp("built") / "site")
    assert result.exit_code == 0, result.output
    return result.site_dir


def _text_files(folder: Path):
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix not in (".gz", ".png", ".ico", ".woff", ".woff2"):
            yield path, path.read_text(encoding="utf-8", errors="replace")


def _heading(tag) -> str:
    """A heading's own text, without its permalink sign."""
    for link in tag.select("a.headerlink"):
        link.decompose()
    return tag.get_text(strip=True)


def test_the_new_site_passes_portal_check_as_written(ommen: Path) -> None:
    checked = check_site(ommen)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout == ""
    assert "portal check: alles in orde" in checked.stderr


def test_nothing_of_dalfsen_is_in_the_new_site_or_what_it_builds(ommen: Path, ommen_built: Path) -> None:
    for folder in (ommen, ommen_built):
        for path, text in _text_files(folder):
            assert "dalfsen" not in text.lower(), path


def test_every_page_names_the_municipality_and_says_it_is_an_example(ommen: Path, ommen_built: Path) -> None:
    content = ommen / "content"
    pages = [p for p in content.rglob("*.md") if "posts" not in p.parts]
    assert len(pages) >= 13
    for page in pages:
        relative = page.relative_to(content).as_posix()
        stem, _, language = relative.removesuffix(".md").partition(".")
        folder = stem.removesuffix("index").rstrip("/")
        built = ommen_built / language / folder / "index.html" if language else ommen_built / folder / "index.html"
        soup = parse_html(built)
        assert "Ommen" in soup.title.get_text(), relative
        assert "Ommen" in soup.select_one(".md-header__topic").get_text(" ", strip=True), relative
        assert soup.select(".portal-example"), f"{relative}: geen voorbeeld-melding"
        assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex", relative


def test_the_home_page_has_the_task_blocks(ommen_built: Path) -> None:
    home = parse_html(ommen_built / "index.html")
    tasks = home.select(".portal-tasks .portal-task")
    assert [_heading(task.find("h2")) for task in tasks] == [
        "Probleem met uw woning of verhuurder?", "Aanmelden voor een kennissessie", "Wat doet de gemeente?"]
    assert home.select_one('.portal-task a[href="meldpunt/"]')


def test_the_chosen_languages_are_the_sites_languages(ommen: Path, ommen_built: Path) -> None:
    config = YAML(typ="base").load((ommen / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV ", ""))
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    assert [language["locale"] for language in i18n["languages"]] == ["nl", "en"]
    english = parse_html(ommen_built / "en" / "index.html")
    assert english.html["lang"] == "en"
    assert _heading(english.find("h1")) == "Labour migrants in Ommen"
    assert not (ommen / "content" / "index.pl.md").exists()


def test_the_example_session_and_partner_are_marked_and_in_the_calendar(ommen: Path, ommen_built: Path) -> None:
    yaml = YAML(typ="safe")
    session = yaml.load(ommen / "sessions" / "voorbeeld-kennissessie.yml")
    partner = yaml.load(ommen / "partners" / "gemeente-ommen.yml")
    assert session["example"] is True and partner["example"] is True
    assert session["speakers"] == ["gemeente-ommen"]
    assert len(list((ommen / "sessions").iterdir())) == len(list((ommen / "partners").iterdir())) == 1
    page = parse_html(ommen_built / "kennissessies" / "voorbeeld-kennissessie" / "index.html")
    assert page.select(".portal-example")
    calendar = icalendar.Calendar.from_ical((ommen_built / "kennissessies" / "voorbeeld-kennissessie.ics").read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == "voorbeeld-kennissessie@arbeidsmigranten.ommen.nl"
    assert event.decoded("DTSTART").date() > TEST_NOW_DATE


TEST_NOW_DATE = __import__("datetime").date.fromisoformat(TEST_NOW[:10])


def test_the_site_gets_this_version_of_the_toolkit_and_has_two_commands(ommen: Path) -> None:
    requirements = [line for line in (ommen / "requirements.txt").read_text(encoding="utf-8").splitlines()
                    if line and not line.startswith("#")]
    assert requirements == [f"arbeidsmigranten-portaal=={VERSION}"]
    readme = (ommen / "README.md").read_text(encoding="utf-8")
    block = readme.split("```sh\n", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in block.splitlines()] == ["python3 dev.py serve", "python3 dev.py test"]
    assert readme.startswith("# Arbeidsmigranten in Ommen")
    ci = ommen / ".ci" / "run"
    assert ci.stat().st_mode & stat.S_IXUSR
    assert "python3 dev.py test" in ci.read_text(encoding="utf-8")
    for name in ("pr.yml", "publish.yml"):
        workflow = YAML(typ="safe").load(ommen / ".github" / "workflows" / name)
        runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job.get("steps", [])]
        assert "python -m pip install -r requirements.txt -c constraints.txt" in runs, name
        assert "portal check" in runs, name
    assert "/.venv/" in (ommen / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_the_site_pins_every_package_the_toolkit_needs_at_the_version_installed_here(ommen: Path) -> None:
    from importlib import metadata

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    lines = [line for line in (ommen / "constraints.txt").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    pins = {canonicalize_name(name): version for name, version in (line.split("==") for line in lines)}
    assert "arbeidsmigranten-portaal" not in pins
    for name, version in pins.items():
        assert metadata.version(name) == version, name
    # Every direct dependency of the toolkit is pinned, the theme and the engine among them.
    direct = {canonicalize_name(Requirement(r).name) for r in metadata.requires("arbeidsmigranten-portaal") or []
              if "extra ==" not in r}
    assert direct - pins.keys() == set()
    assert {"mkdocs", "mkdocs-material", "pydantic", "jinja2"} <= pins.keys()


def test_every_yaml_file_points_to_a_schema_that_is_there(ommen: Path) -> None:
    import json

    files = sorted([*ommen.glob("site_config/*.yml"), *ommen.glob("sessions/*.yml"), *ommen.glob("partners/*.yml")])
    assert len(files) == 5
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert json.loads(schema.read_text(encoding="utf-8"))["$schema"].startswith("https://json-schema.org/"), path


def test_a_wheel_given_with_toolkit_is_what_the_site_installs(tmp_path: Path) -> None:
    wheel = tmp_path / "arbeidsmigranten_portaal-9.9.9-py3-none-any.whl"
    wheel.write_bytes(b"")  # only its name and place are written; nothing installs it here
    made = init_site(tmp_path / "site", toolkit=str(wheel))
    assert made.returncode == 0, made.stderr
    lines = (tmp_path / "site" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert lines[-1] == f"arbeidsmigranten-portaal @ {wheel.as_uri()}"


def test_a_site_in_dutch_only_passes_the_check_and_builds(tmp_path: Path) -> None:
    site = tmp_path / "site"
    made = init_site(site, answers={**OMMEN, "municipality": "'s-Hertogenbosch", "languages": "nl"})
    assert made.returncode == 0, made.stderr
    checked = check_site(site)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    result = build_site(site, tmp_path / "built")
    assert result.exit_code == 0, result.output
    home = parse_html(tmp_path / "built" / "index.html")
    assert _heading(home.find("h1")) == "Arbeidsmigranten in 's-Hertogenbosch"
    assert not (tmp_path / "built" / "en").exists()


@pytest.mark.parametrize(("flag", "value", "sentence"), [
    ("municipality", "<b>Ommen</b>", "de naam van de gemeente bestaat uit letters"),
    ("municipality", "Ommen 2", "de naam van de gemeente bestaat uit letters"),
    ("municipality", " ", "hier is de naam van de gemeente nodig"),
    ("site_url", "http://arbeidsmigranten.ommen.nl/", "het adres van de site is een https://-adres"),
    ("site_url", "https://arbeidsmigranten.ommen.nl/?a=1", "het adres van de site is een https://-adres"),
    ("site_url", "arbeidsmigranten.ommen.nl", "het adres van de site is een https://-adres"),
    ("languages", "en,nl", "Nederlands (nl) is de eerste taal van de site"),
    ("languages", "nl,xx", "xx is geen taal die het portaal kent"),
    ("languages", "nl,en,en", "noem elke taal één keer"),
    ("colour", "#ffff00", "#ffff00 heeft met wit een contrast van 1.1:1 en dat moet minstens 4.5:1 zijn"),
    ("colour", "#fff", "#fff is geen kleur"),
    ("colour", "rood", "rood is geen kleur"),
])
def test_a_wrong_flag_is_refused_in_one_sentence_and_nothing_is_written(tmp_path: Path, flag: str, value: str,
                                                                         sentence: str) -> None:
    made = init_site(tmp_path / "site", answers={**OMMEN, flag: value})
    assert made.returncode == 2
    assert made.stderr.startswith(f"portal init: --{flag.replace('_', '-')}: {sentence}"), made.stderr
    assert made.stderr.rstrip().endswith("er is niets geschreven")
    assert made.stderr.count("\n") == 1
    assert not (tmp_path / "site").exists()
    assert [p.name for p in tmp_path.iterdir()] == []  # no half-written folder beside it either


def test_a_folder_that_is_not_empty_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "notities.txt").write_text("van mij", encoding="utf-8")
    made = init_site(site)
    assert made.returncode == 2
    assert made.stderr == f"portal init: de map {site} is niet leeg; kies een nieuwe of lege map, zodat er niets " \
                          "wordt overschreven; er is niets geschreven\n"
    assert [p.name for p in site.iterdir()] == ["notities.txt"]
    assert (site / "notities.txt").read_text(encoding="utf-8") == "van mij"


def test_an_empty_folder_is_used(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    made = init_site(site)
    assert made.returncode == 0, made.stderr
    assert (site / "mkdocs.yml").is_file()


def test_a_missing_wheel_is_refused(tmp_path: Path) -> None:
    made = init_site(tmp_path / "site", toolkit=str(tmp_path / "er-is-geen.whl"))
    assert made.returncode == 2
    assert "is geen .whl-bestand dat bestaat" in made.stderr
    assert not (tmp_path / "site").exists()


def test_asked_at_a_terminal_a_wrong_colour_is_refused_and_asked_again(tmp_path: Path) -> None:
    terminal = Terminal("init", "ommen", cwd=tmp_path)
    assert wrong_then_right(terminal, "Naam van de gemeente: ", "Ommen<script>", "Ommen").startswith(
        "de naam van de gemeente bestaat uit letters")
    assert wrong_then_right(terminal, "Adres van de site (https://...): ", "http://ommen.nl",
                            "https://arbeidsmigranten.ommen.nl").startswith("het adres van de site is een https://-adres")
    terminal.until("leeg: alleen nl): ")
    terminal.type("nl, en")
    said = wrong_then_right(terminal, "(leeg: #154273): ", "#ffcc00", "#7A1F3D")
    assert said == "#ffcc00 heeft met wit een contrast van 1.5:1 en dat moet minstens 4.5:1 zijn (WCAG 1.4.3); kies een donkerdere kleur"
    status, rest = terminal.end()
    assert status == 0, rest
    assert f"aangemaakt: {tmp_path / 'ommen'}" in rest
    checked = check_site(tmp_path / "ommen")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert (tmp_path / "ommen" / "content" / "index.en.md").is_file()


def test_the_end_of_the_input_stops_without_writing(tmp_path: Path) -> None:
    made = init_site(tmp_path / "site", answers={"municipality": "Ommen"})  # stdin is empty: the address is never given
    assert made.returncode == 2
    assert "geen antwoord op 'Adres van de site (https://...)'" in made.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("name", ["Ommen", "'s-Hertogenbosch", "Súdwest-Fryslân", "Bergen op Zoom", "Sint-Michielsgestel"])
def test_real_names_of_municipalities_are_accepted(name: str) -> None:
    assert municipality_problem(name) is None


def test_the_chosen_colour_is_the_sites_house_colour(ommen: Path, ommen_built: Path) -> None:
    colours = YAML(typ="safe").load(ommen / "site_config" / "site.yml")["colours"]
    assert colours["primary"] == colours["link"] == "#7a1f3d"
    for value in colours.values():
        assert contrast_with_white(value) >= 4.5, value
    home = parse_html(ommen_built / "index.html")
    sheets = [link["href"] for link in home.find_all("link", rel="stylesheet")]
    house = next(href for href in sheets if href.endswith("huisstijl.css"))
    assert "--portal-color-primary: #7a1f3d;" in (ommen_built / house).read_text(encoding="utf-8")


def test_the_languages_offered_are_those_with_every_interface_word() -> None:
    from arbeidsmigranten_portaal.load import DEFAULT_STRINGS
    from arbeidsmigranten_portaal.site_init import SITE_LANGUAGES

    assert list(SITE_LANGUAGES) == list(YAML(typ="safe").load(DEFAULT_STRINGS))


def test_the_template_runs_nothing() -> None:
    from arbeidsmigranten_portaal.site_init import TEMPLATE

    config = YAML(typ="safe").load(TEMPLATE / "copier.yml")
    assert not {"_tasks", "_jinja_extensions", "_migrations", "_external_data"} & set(config)
    assert config["_templates_suffix"] == ".jinja"
    assert os.access(TEMPLATE / "site" / "{{dot}}ci" / "run", os.X_OK)


def test_actionlint_finds_nothing_in_the_new_sites_workflows(ommen: Path) -> None:
    from test_workflows import actionlint

    workflows = sorted((ommen / ".github" / "workflows").glob("*.yml"))
    assert [p.name for p in workflows] == ["pr.yml", "publish.yml"]
    assert actionlint(*workflows, cwd=ommen) == []
