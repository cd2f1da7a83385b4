"""The regional calendar (issue 14, point 4): site B lists site A's open data, fetched from
127.0.0.1, and a third municipality's file on disk. Read back with real parsers: the page with
BeautifulSoup, the .ics with icalendar, the JSON with jsonschema against its published schema.
Both sites are built at the calendar fixture's frozen moment (2027-01-15 10:00)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import requests
from icalendar import Calendar

from conftest import REPO, build_site, parse_html
from hostile_servers import HostileServer
from static_server import serve

from arbeidsmigranten_portaal.model import RegionalSettings, RegionalSource
from arbeidsmigranten_portaal.regional import fetch

FIXTURE = REPO / "tests" / "sites" / "calendar"
NOW = "2027-01-15 10:00"
A_NAME, B_NAME, C_NAME = "Testgemeente", "Gemeente Bee", "Gemeente Cee"


def _project(base: Path, name: str) -> Path:
    return Path(shutil.copytree(FIXTURE, base / name))


def _make_b(base: Path, sources_yaml: str) -> Path:
    """Site B: the calendar fixture as another municipality, with regional sources."""
    project = _project(base, "b")
    site_yml = project / "site_config" / "site.yml"
    text = site_yml.read_text(encoding="utf-8")
    text = text.replace("organisation: Testgemeente", f"organisation: {B_NAME}")
    text = text.replace("uid_domain: kennissessies.test.invalid", "uid_domain: kennissessies.bee.test.invalid")
    site_yml.write_text(text + sources_yaml, encoding="utf-8")
    return project


def _c_document(a_site: Path, target: Path) -> Path:
    """Gemeente Cee's sessions.json on disk: one of A's sessions as Cee's own, invented one."""
    data = json.loads((a_site / "data" / "sessions.json").read_text(encoding="utf-8"))
    session = next(s for s in data["sessions"] if s["id"] == "2027-02-open")
    session.update(id="2027-03-cee", uid="2027-03-cee@kennissessies.cee.test.invalid", title="Sessie in Cee",
                   url="https://kennissessies.cee.test.invalid/kennissessies/2027-03-cee/",
                   start="2027-03-03T19:30:00+01:00", end="2027-03-03T21:00:00+01:00", example=True,
                   audiences=["ondernemers"])
    data["sessions"] = [session]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data), encoding="utf-8")
    return target


def _uids(path: Path) -> set[str]:
    return {str(e["UID"]) for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


@pytest.fixture(scope="module")
def a_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("regio-a")
    result = build_site(_project(base, "a"), base / "site", now=NOW)
    assert result.exit_code == 0, result.output
    return result.site_dir


@pytest.fixture(scope="module")
def regional(a_site: Path, tmp_path_factory: pytest.TempPathFactory):
    """B built while A is served on 127.0.0.1, then B again with A down (the cached copy)."""
    base = tmp_path_factory.mktemp("regio-b")
    _c_document(a_site, base / "cee" / "data" / "sessions.json")
    with serve(a_site) as address:
        sources = (f"regional:\n  sources:\n    - name: {A_NAME}\n      url: {address}data/sessions.json\n"
                   f"    - name: {C_NAME}\n      path: ../cee/data/sessions.json\n")
        project = _make_b(base, sources)
        first = build_site(project, base / "site", now=NOW)
    assert first.exit_code == 0, first.output
    down = build_site(project, base / "site-down", now=NOW)
    return first, down, project


def test_the_page_lists_every_municipality_by_start_and_links_to_the_source_for_registration(
        regional, a_site: Path) -> None:
    first, _, _ = regional
    soup = parse_html(first.site_dir / "kennissessies" / "regio" / "index.html")
    items = soup.select("article li.portal-session")
    organisers = {i.select_one(".portal-session__organiser strong").get_text() for i in items}
    assert organisers == {A_NAME, B_NAME, C_NAME}
    starts = [i.select_one("time")["datetime"] for i in items]
    assert starts == sorted(starts) and all(s > "2027-01-15T10:00" for s in starts)
    a_sessions = json.loads((a_site / "data" / "sessions.json").read_text(encoding="utf-8"))["sessions"]
    a_open = next(s for s in a_sessions if s["id"] == "2027-02-open")
    item = soup.select_one("#regio-testgemeente-2027-02-open")
    assert {a["href"] for a in item.select("a")} == {a_open["url"]}
    assert f"aanmelden bij {A_NAME}" in item.get_text(" ", strip=True)
    cancelled = soup.select_one("#regio-testgemeente-2027-02-geannuleerd")
    assert cancelled.select_one(".portal-badge--cancelled").get_text() == "Gaat niet door"
    assert "aanmelden" not in cancelled.get_text(" ", strip=True).lower()
    example = soup.select_one("#regio-gemeente-cee-2027-03-cee")
    assert example.select_one("h3").get_text(strip=True).startswith("Voorbeeld:")
    assert example.select_one(".portal-tag--example") is not None
    # B's own sessions link to B's own pages.
    own = soup.select_one("#regio-gemeente-bee-2027-02-open a")
    assert own["href"] == "https://portaal.test.invalid/kennissessies/2027-02-open/"
    assert soup.find("script", src=False, string=lambda s: s and "regio" in s) is None


def test_filter_pages_per_municipality_and_audience_work_without_script(regional) -> None:
    first, _, _ = regional
    folder = first.site_dir / "kennissessies" / "regio"
    soup = parse_html(folder / "gemeente" / "gemeente-cee" / "index.html")
    organisers = {s.get_text() for s in soup.select("article .portal-session__organiser strong")}
    assert organisers == {C_NAME}
    current = soup.select('nav[aria-label="Filter op gemeente"] [aria-current="page"]')
    assert [c.get_text() for c in current] == [C_NAME]
    links = {a.get_text(): a["href"] for a in soup.select('nav[aria-label="Filter op gemeente"] a')}
    assert links["Alle gemeenten"] == "../../"
    assert (folder / "gemeente" / "testgemeente" / "index.html").is_file()
    soup = parse_html(folder / "doelgroep" / "raadsleden" / "index.html")
    items = soup.select("article li.portal-session")
    assert items and all("Raadsleden" in [t.get_text() for t in i.select(".portal-tag")] for i in items)
    assert "Sessie in Cee" not in soup.get_text()  # Cee's session is for ondernemers only
    current = soup.select('nav[aria-label="Filter op doelgroep"] [aria-current="page"]')
    assert [c.get_text() for c in current] == ["Raadsleden"]


def test_the_regional_ics_keeps_every_events_own_uid(regional, a_site: Path) -> None:
    first, _, _ = regional
    regional_uids = _uids(first.site_dir / "kennissessies" / "regio.ics")
    a_uids = _uids(a_site / "kennissessies" / "kalender.ics")
    b_uids = _uids(first.site_dir / "kennissessies" / "kalender.ics")
    assert a_uids and all(u.endswith("@kennissessies.test.invalid") for u in a_uids)
    assert regional_uids == a_uids | b_uids | {"2027-03-cee@kennissessies.cee.test.invalid"}
    events = {str(e["UID"]): e for e in Calendar.from_ical(
        (first.site_dir / "kennissessies" / "regio.ics").read_bytes()).walk("VEVENT")}
    cee = events["2027-03-cee@kennissessies.cee.test.invalid"]
    assert str(cee["SUMMARY"]).startswith("Voorbeeld: ") and str(cee["STATUS"]) == "TENTATIVE"
    assert str(events["2027-02-geannuleerd@kennissessies.test.invalid"]["STATUS"]) == "CANCELLED"


def test_the_regional_open_data_matches_its_schema_and_names_each_source(regional) -> None:
    first, _, _ = regional
    data = json.loads((first.site_dir / "data" / "regio" / "sessions.json").read_text(encoding="utf-8"))
    schema = json.loads((first.site_dir / "data" / "regio" / "sessions.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert [s["name"] for s in data["sources"]] == [B_NAME, A_NAME, C_NAME]
    assert all(s["current"] for s in data["sources"])
    by_uid = {s["uid"]: s for s in data["sessions"]}
    assert by_uid["2027-02-open@kennissessies.test.invalid"]["municipality"] == A_NAME
    assert by_uid["2027-02-open@kennissessies.bee.test.invalid"]["source"] == "gemeente-bee"
    assert by_uid["2027-03-cee@kennissessies.cee.test.invalid"]["example"] is True


def test_a_source_that_is_down_gives_a_warning_and_the_last_good_copy(regional) -> None:
    first, down, _ = regional
    assert "LET OP" not in first.output
    assert down.exit_code == 0, down.output
    assert f'de bron "{A_NAME}"' in down.output and "is niet bereikbaar" in down.output
    assert "de laatste goede kopie van vrijdag 15 januari 2027 10:00 wordt gebruikt" in down.output
    data = json.loads((down.site_dir / "data" / "regio" / "sessions.json").read_text(encoding="utf-8"))
    assert {s["municipality"] for s in data["sessions"]} == {A_NAME, B_NAME, C_NAME}
    assert [s["current"] for s in data["sources"]] == [True, False, True]
    page = parse_html(down.site_dir / "kennissessies" / "regio" / "index.html")
    assert f"{A_NAME}: laatste goede kopie, van vrijdag 15 januari 2027 10:00" in page.get_text()


def test_a_source_without_any_copy_is_left_out_with_a_warning(tmp_path: Path) -> None:
    with serve(tmp_path) as address:
        pass  # the port is closed again: nobody answers there
    project = _make_b(tmp_path, f"regional:\n  sources:\n    - name: {A_NAME}\n      url: {address}data/sessions.json\n")
    result = build_site(project, tmp_path / "site", now=NOW)
    assert result.exit_code == 0, result.output
    assert "er is nog geen goede kopie, dus de sessies van deze bron staan er deze keer niet in" in result.output
    data = json.loads((result.site_dir / "data" / "regio" / "sessions.json").read_text(encoding="utf-8"))
    assert {s["municipality"] for s in data["sessions"]} == {B_NAME}


@pytest.mark.parametrize(("body", "sentence"), [
    (b"{niet: json", "geeft geen geldige JSON"),
    (b'{"generated": "2027-01-15T10:00:00+01:00", "sessions": [{"id": "x"}]}',
     "past niet bij het schema van sessions.json (bij sessions.0."),
    (b'{"generated": "nu"}', "past niet bij het schema van sessions.json (bij sessions)"),
    (b" " * (fetch.MAX_BYTES + 1), "is groter dan 5 MB"),
])
def test_an_unusable_answer_is_named(tmp_path: Path, body: bytes, sentence: str) -> None:
    (tmp_path / "data.json").write_bytes(body)
    with serve(tmp_path) as address:
        source = RegionalSource(name="Gemeente Fout", url=f"{address}data.json")
        [found] = fetch.collect_sources(RegionalSettings(sources=[source]), tmp_path, _now())
    assert found.document is None and not found.current
    assert found.warning.startswith(f'Regionale kalender: de bron "Gemeente Fout" ({address}data.json) {sentence}')
    assert found.warning.endswith("staan er deze keer niet in.")


@pytest.mark.parametrize(("path", "sentence"), [
    ("/huge", "is groter dan 5 MB"),
    ("/chunked", "is groter dan 5 MB"),
    ("/to-ftp", "stuurt door naar een adres dat niet met https:// begint"),
    ("/to-file", "stuurt door naar een adres dat niet met https:// begint"),
    ("/redirect/0", "stuurt meer dan 3 keer door naar een ander adres"),
    ("/busy-forever", "gaf foutcode 503 in plaats van de gegevens"),
    ("/reset", "is niet bereikbaar"),
])
def test_a_misbehaving_server_is_bounded_and_named(tmp_path: Path, path: str, sentence: str) -> None:
    with HostileServer() as server:
        url = f"http://127.0.0.1:{server.port}{path}"
        [found] = fetch.collect_sources(RegionalSettings(sources=[RegionalSource(name="Gemeente Fout", url=url)]),
                                        tmp_path, _now())
    assert found.document is None
    assert f"({url}) {sentence};" in found.warning


def test_a_local_source_behind_a_link_is_refused(tmp_path: Path, a_site: Path) -> None:
    real = _c_document(a_site, tmp_path / "elders" / "sessions.json")
    (tmp_path / "site").mkdir()
    (tmp_path / "link").symlink_to(real.parent, target_is_directory=True)
    source = RegionalSource(name=C_NAME, path="../link/sessions.json")
    [found] = fetch.collect_sources(RegionalSettings(sources=[source]), tmp_path / "site", _now())
    assert found.document is None and "snelkoppeling (symbolische link)" in found.warning
    source = RegionalSource(name=C_NAME, path="../elders/sessions.json")
    [found] = fetch.collect_sources(RegionalSettings(sources=[source]), tmp_path / "site", _now())
    assert found.warning is None and [s.id for s in found.document.sessions] == ["2027-03-cee"]


@pytest.mark.parametrize(("entry", "line", "col", "sentence"), [
    ("url: http://ommen.test.invalid/data/sessions.json", 12, 12,
     "begint met http://; dat mag alleen voor 127.0.0.1 of localhost"),
    ("url: ftp://ommen.test.invalid/data/sessions.json", 12, 12, "moet een volledig webadres zijn dat begint met https://"),
    ("path: /etc/sessions.json", 12, 13, "is geen pad naar een .json-bestand vanaf de map van deze site"),
])
def test_a_wrong_source_in_site_yml_is_named_at_its_line(tmp_path: Path, entry: str, line: int, col: int,
                                                          sentence: str) -> None:
    project = _make_b(tmp_path, f"regional:\n  sources:\n    - name: Gemeente Ommen\n      {entry}\n")
    result = build_site(project, tmp_path / "site", now=NOW)
    assert result.exit_code != 0
    assert f"site_config/site.yml:{line}:{col}: " in result.output and sentence in result.output


def test_without_sources_the_build_makes_no_request_and_no_regional_pages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    requests_made = []

    def record(self, request, **kwargs):
        requests_made.append(request.url)
        raise requests.ConnectionError("no network in this test")

    monkeypatch.setattr(requests.Session, "send", record)
    result = build_site(_project(tmp_path, "a"), tmp_path / "site", now=NOW)
    assert result.exit_code == 0, result.output
    assert requests_made == []
    assert not (result.site_dir / "kennissessies" / "regio").exists()
    assert not (result.site_dir / "kennissessies" / "regio.ics").exists()
    # The check above can fail: with a source, the same patch sees the request.
    project = _make_b(tmp_path, "regional:\n  sources:\n    - name: Gemeente Ommen\n"
                                "      url: https://ommen.test.invalid/data/sessions.json\n")
    build_site(project, tmp_path / "site-b", now=NOW)
    assert requests_made == ["https://ommen.test.invalid/data/sessions.json"]


def _now():
    from arbeidsmigranten_portaal.clock import build_now
    return build_now(NOW)


@pytest.mark.parametrize(("sources", "where", "sentence"), [
    ("    - name: Gemeente Ommen\n      url: https://ommen.test.invalid/data/sessions.json\n"
     "      path: ../ommen/sessions.json\n", "site_config/site.yml:11:7:", "geef óf url"),
    ("    - name: Gemeente Ommen\n", "site_config/site.yml:11:7:", "geef óf url"),
    ("    - name: Testgemeente\n      path: ../a/sessions.json\n", "site_config/site.yml:11:13:",
     "heeft dezelfde naam als de eigen organisatie"),
])
def test_each_source_names_one_place_and_one_municipality(tmp_path: Path, sources: str, where: str,
                                                         sentence: str) -> None:
    from arbeidsmigranten_portaal.load import load_site_settings
    from arbeidsmigranten_portaal.problems import ContentProblems

    project = _project(tmp_path, "a")
    site_yml = project / "site_config" / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + "regional:\n  sources:\n" + sources, encoding="utf-8")
    with pytest.raises(ContentProblems) as raised:
        load_site_settings(project / "site_config", project)
    report = raised.value.report()
    assert where in report and sentence in report, report


def test_on_github_a_source_that_is_down_is_an_annotation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Nobody reads a workflow's INFO lines: on GitHub the same sentence is a warning on the run.
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    with serve(tmp_path) as address:
        pass  # closed again
    project = _make_b(tmp_path, f"regional:\n  sources:\n    - name: {A_NAME}\n      url: {address}data/sessions.json\n")
    result = build_site(project, tmp_path / "site", now=NOW)
    assert result.exit_code == 0, result.output
    [annotation] = [line for line in result.output.splitlines() if line.startswith("::warning")]
    assert annotation.startswith("::warning file=site_config/site.yml::")
    assert f'de bron "{A_NAME}"' in annotation
