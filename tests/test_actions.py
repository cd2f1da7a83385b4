"""The plan's actions (actions/<id>.yml) and the voortgang: the records, the page, the open data.

Every assertion reads a real output: the built page with an HTML parser, actions.json against
its published schema, the YAML files with ruamel.yaml on their own.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from conftest import REPO, TEST_NOW, build_site, copy_project, parse_html
from arbeidsmigranten_portaal.action_model import ACTION_STATUSES, Action, planned_end
from arbeidsmigranten_portaal.clock import TIMEZONE
from arbeidsmigranten_portaal.load import SourceDirs, load_catalog
from arbeidsmigranten_portaal.problems import ContentProblems
from arbeidsmigranten_portaal.states import action_is_late, action_late_from

ACTIONS = REPO / "actions"


def read_yaml(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def repo_actions() -> dict[str, dict]:
    return {path.stem: read_yaml(path) for path in sorted(ACTIONS.glob("*.yml"))}


def moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=TIMEZONE)


# --- The records ---------------------------------------------------------------------------------


def test_every_action_the_plan_names_is_there() -> None:
    """The plan (2023) names these actions; each is one file, under the ambition the plan gives."""
    actions = repo_actions()
    expected = {
        "meldpunt-goed-verhuurderschap": (1, "2024-01-01"),
        "meldpunt-werkproces": (1, "2023-Q4"),
        "woonzorgvisie": (1, "2024"),
        "integrale-controles-2023": (2, "2023"),
        "vitale-vakantieparken": (2, "2023"),
        "eerste-kennissessie": (3, "2023-Q4"),
        "alliantie": (3, "2025"),
        "alliantie-regionaal": (3, "2025"),
        "projectleider": ("alle", "2023"),
        "herijking-2024": ("alle", "2024-Q4"),
    }
    found = {action_id: (data["ambition"], str(data["planned"])) for action_id, data in actions.items()}
    assert found == expected


def test_a_status_that_is_no_sourced_fact_is_marked_as_example() -> None:
    """No source says how far these actions are: every one is an example, and its note says so."""
    for action_id, data in repo_actions().items():
        assert data.get("example") is True, action_id
        assert data["note"].startswith("Voorbeeld."), action_id


def test_the_repository_actions_load_without_problems() -> None:
    dirs = SourceDirs(REPO, REPO / "site_config", REPO / "sessions", REPO / "partners", REPO / "content", ACTIONS)
    catalog = load_catalog(dirs, ("nl", "en"), ("nl", "en"))
    assert sorted(catalog.actions) == sorted(repo_actions())
    for action in catalog.actions.values():
        assert isinstance(action, Action)


@pytest.mark.parametrize("planned, last_day", [
    ("2024-01-01", dt.date(2024, 1, 1)),
    ("2023-Q1", dt.date(2023, 3, 31)),
    ("2024-Q2", dt.date(2024, 6, 30)),
    ("2023-Q3", dt.date(2023, 9, 30)),
    ("2023-Q4", dt.date(2023, 12, 31)),
    ("2024", dt.date(2024, 12, 31)),
])
def test_the_planned_time_ends_on_its_last_day(planned: str, last_day: dt.date) -> None:
    assert planned_end(planned) == last_day
    assert action_late_from(planned) == dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(), TIMEZONE)


# (name, status, planned, now, late)
LATE_CASES = [
    ("before the end", "bezig", "2023-Q4", "2023-12-31 23:59", False),
    ("the next day", "bezig", "2023-Q4", "2024-01-01 00:00", True),
    ("planned, never started", "gepland", "2024", "2025-06-01 12:00", True),
    ("delayed", "vertraagd", "2024-01-01", "2024-01-02 09:00", True),
    ("done late is not late", "gedaan", "2023-Q4", "2026-01-01 00:00", False),
    ("stopped is not late", "gestopt", "2023", "2026-01-01 00:00", False),
    ("summer time", "bezig", "2024-Q2", "2024-07-01 00:00", True),
    ("summer time, a minute early", "bezig", "2024-Q2", "2024-06-30 23:59", False),
]


@pytest.mark.parametrize("name, status, planned, now, late", LATE_CASES, ids=[case[0] for case in LATE_CASES])
def test_an_unfinished_action_is_late_after_its_planned_time(name, status, planned, now, late) -> None:
    assert action_is_late(status, action_late_from(planned), moment(now)) is late


# --- The page ------------------------------------------------------------------------------------


def late_at(data: dict, now: dt.datetime) -> bool:
    return action_is_late(data["status"], action_late_from(str(data["planned"])), now)


def test_the_voortgang_page_shows_every_action_by_ambition(built_site: Path) -> None:
    page = parse_html(built_site / "voortgang" / "index.html")
    now = moment(TEST_NOW)
    actions = repo_actions()
    items = page.select("li.portal-action")
    assert sorted(item["id"].removeprefix("actie-") for item in items) == sorted(actions)
    headings = [h.get_text(" ", strip=True).removesuffix(" ¶").strip() for h in page.select("article h2")]
    assert [h for h in headings if h.startswith(("Ambitie", "Voor alle"))] == [
        "Ambitie 1: goede huisvesting", "Ambitie 2: slechte woon- en leefomstandigheden aanpakken",
        "Ambitie 3: samen arbeidsuitbuiting tegengaan", "Voor alle drie de ambities"]
    for item in items:
        data = actions[item["id"].removeprefix("actie-")]
        assert item["data-portal-ambition"] == str(data["ambition"])
        badges = item.select(".portal-action__tags .portal-badge")
        assert badges[0].get_text(strip=True) == data["status"].capitalize()
        late_badge = item.select_one("[data-portal-action-late]")
        assert (late_badge is not None and not late_badge.has_attr("hidden")) == late_at(data, now), item["id"]
        assert item.select_one(".portal-tag--example").get_text(strip=True) == "Voorbeeld"
        assert data["note"] in item.select_one(".portal-action__update").get_text(" ", strip=True)
        history = item.select(".portal-action__history li")
        assert len(history) == len(data.get("history", []))
        # Newest first: the list runs back in time.
        days = [li.time["datetime"] for li in history]
        assert days == sorted(days, reverse=True)
        for link in item.select(".portal-action__evidence a"):
            href = link["href"]
            if href.startswith("https://"):
                continue
            target = (built_site / "voortgang" / href.split("#")[0]).resolve()
            assert (target / "index.html").is_file() or target.is_file(), href


def test_the_summary_counts_each_status_per_ambition(built_site: Path) -> None:
    page = parse_html(built_site / "voortgang" / "index.html")
    now = moment(TEST_NOW)
    actions = list(repo_actions().values())
    table = page.select_one(".portal-table-scroll table")
    header = [th.get_text(strip=True) for th in table.select("thead th")]
    assert header == ["Stand", "Ambitie 1", "Ambitie 2", "Ambitie 3", "Alle drie"]
    rows = {tr.th.get_text(strip=True): [int(td.get_text()) for td in tr.select("td")] for tr in table.select("tbody tr")}
    assert list(rows) == ["Gepland", "Bezig", "Gedaan", "Vertraagd", "Gestopt", "Te laat"]
    for column, ambition in enumerate((1, 2, 3, "alle")):
        members = [a for a in actions if a["ambition"] == ambition]
        for status in ACTION_STATUSES:
            assert rows[status.capitalize()][column] == sum(1 for a in members if a["status"] == status), (status, ambition)
        assert rows["Te laat"][column] == sum(1 for a in members if late_at(a, now)), ambition
    summary = page.select_one(".portal-progress__summary").get_text(" ", strip=True)
    late = sum(1 for a in actions if late_at(a, now))
    done = sum(1 for a in actions if a["status"] == "gedaan")
    assert summary == f"Het plan heeft {len(actions)} acties. Daarvan zijn er {done} gedaan. Te laat zijn er {late} ."


def test_the_voortgang_is_in_english_too(built_site: Path) -> None:
    page = parse_html(built_site / "en" / "voortgang" / "index.html")
    actions = repo_actions()
    for item in page.select("li.portal-action"):
        data = actions[item["id"].removeprefix("actie-")]
        title = item.select_one(".portal-action__title")
        assert title.get_text(strip=True) == data["translations"]["en"]["title"]
        assert not title.has_attr("lang")
        assert item.select_one(".portal-tag--example").get_text(strip=True) == "Example"
    assert page.select_one(".portal-table-scroll caption").get_text(strip=True) == (
        "Number of actions per ambition, by how far they are")


def test_the_raadsleden_page_and_the_home_page_link_to_the_voortgang(built_site: Path) -> None:
    for page in ("voor-raadsleden/index.html", "index.html"):
        links = {a["href"] for a in parse_html(built_site / page).select("article a[href]")}
        assert {"../voortgang/", "voortgang/"} & links, page


# --- The open data -------------------------------------------------------------------------------


def test_actions_json_holds_every_action_and_follows_its_schema(built_site: Path) -> None:
    document = json.loads((built_site / "data" / "actions.json").read_text(encoding="utf-8"))
    schema = json.loads((built_site / "data" / "actions.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(document, schema)
    now = moment(TEST_NOW)
    actions = repo_actions()
    assert {a["id"] for a in document["actions"]} == set(actions)
    for out in document["actions"]:
        data = actions[out["id"]]
        assert out["example"] is True
        assert (out["status"], out["planned"], out["updated"]) == (data["status"], str(data["planned"]),
                                                                     str(data["updated"]))
        assert out["late"] == late_at(data, now)
        assert [h["status"] for h in out["history"]] == [h["status"] for h in data.get("history", [])]
        assert out["url"].endswith(f"/voortgang/#actie-{out['id']}")
        for evidence, written in zip(out["evidence"], data.get("evidence", [])):
            assert evidence["kind"] == {"session": "session", "page": "page", "url": "document"}[next(iter(written))]


# --- Time moves on -------------------------------------------------------------------------------


def test_what_is_late_follows_the_build_clock(tmp_path: Path) -> None:
    """Before the first planned day nothing is late; years later every unfinished action is."""
    project = copy_project(tmp_path / "project")
    actions = repo_actions()
    for now, expect in (("2023-09-15 09:00", set()),
                        ("2031-01-01 09:00", {i for i, a in actions.items() if a["status"] not in ("gedaan", "gestopt")})):
        site = tmp_path / f"site-{now[:4]}"
        result = build_site(project, site, now=now)
        assert result.exit_code == 0, result.output
        page = parse_html(site / "voortgang" / "index.html")
        late = {badge.find_parent("li", class_="portal-action")["id"].removeprefix("actie-")
                for badge in page.select("[data-portal-action-late]") if not badge.has_attr("hidden")}
        assert late == expect, now
        document = json.loads((site / "data" / "actions.json").read_text(encoding="utf-8"))
        assert {a["id"] for a in document["actions"] if a["late"]} == expect


def test_a_site_without_actions_says_so_on_the_page_and_in_the_open_data(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "actions")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.exit_code == 0, result.output
    assert json.loads((site / "data" / "actions.json").read_text(encoding="utf-8"))["actions"] == []
    for page, sentence in (("voortgang", "Er staan nog geen acties op deze site."),
                           ("en/voortgang", "There are no actions on this site yet.")):
        found = parse_html(site / page / "index.html").select_one(".portal-progress__none")
        assert found.get_text(strip=True) == sentence


def test_a_real_action_cannot_be_proven_by_an_invented_session(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path = project / "actions" / "eerste-kennissessie.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("example: true\n", ""), encoding="utf-8")
    dirs = SourceDirs(project, project / "site_config", project / "sessions", project / "partners",
                      project / "content", project / "actions")
    with pytest.raises(ContentProblems) as raised:
        load_catalog(dirs, ("nl", "en"), ("nl", "en"))
    lines = [problem.as_line() for problem in raised.value.problems]
    assert lines == [
        "actions/eerste-kennissessie.yml:15:14: \"evidence.session\" is een verzonnen kennissessie (example: true), maar deze actie is "
        "echt, zodat het lijkt alsof de sessie bewijst wat er gedaan is; noem een echte sessie, of zet example: true "
        "bij de actie (u schreef \"2023-11-eerste-kennissessie\")"]


def test_the_browser_script_decides_late_as_the_build_does() -> None:
    """portal-states.js re-decides "late" in the reader's browser: it must agree on every case."""
    import subprocess

    from conftest import tool
    script = REPO / "plugins" / "arbeidsmigranten_portaal" / "assets" / "portal-states.js"
    table = [{"status": status, "lateFrom": action_late_from(planned).isoformat(), "now": moment(now).isoformat()}
             for _, status, planned, now, _ in LATE_CASES]
    program = f"""
const rules = require({json.dumps(str(script))});
const table = {json.dumps(table)};
process.stdout.write(JSON.stringify(table.map(c => rules.actionLate(c.status, Date.parse(c.lateFrom), Date.parse(c.now)))));
"""
    result = subprocess.run([tool("node"), "-e", program], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == [late for *_, late in LATE_CASES]


# --- The raadsleden page -------------------------------------------------------------------------


def test_the_raadsleden_page_lists_the_next_sessions_for_raadsleden(built_site: Path) -> None:
    """The next three sessions for raadsleden (not those for ondernemers only), in order, and a
    link to the raadsleden calendar; registration there goes through the griffie."""
    now = moment(TEST_NOW)
    sessions = {path.stem: read_yaml(path) for path in (REPO / "sessions").glob("*.yml")}
    expected = sorted(
        (session_id for session_id, data in sessions.items()
         if "raadsleden" in data["audiences"] and data.get("status") != "geannuleerd"
         and moment(str(data["end"])) > now),
        key=lambda session_id: (str(sessions[session_id]["start"]), session_id))[:3]
    assert expected, "the repository has upcoming sessions for raadsleden"
    page = parse_html(built_site / "voor-raadsleden" / "index.html")
    heading = next(h for h in page.select("article h3") if h.get_text(strip=True).startswith("De volgende kennissessies"))
    listing = heading.find_next("ul", class_="portal-sessions")
    assert [li["id"].removeprefix("sessie-") for li in listing.select(":scope > li")] == expected
    assert listing.find_next("p", class_="portal-link").a["href"] == "../kennissessies/raadsleden/"
    text = page.select_one("article").get_text(" ", strip=True)
    assert "griffie" in text and "Voortgang per actie" in text


def test_a_block_for_an_audience_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "content" / "voor-raadsleden.md"
    page.write_text(page.read_text(encoding="utf-8").replace("volgende-kennissessies-raadsleden",
                                                             "volgende-kennissessies-raadslid"), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.exit_code != 0
    assert ("content/voor-raadsleden.md:58:1: onbekend blok; deze blokken bestaan: aanmelden, alliantie, contact, "
            "kalender, meldpunt, meldpunt-talen, signalenkaart, volgende-kennissessies, voortgang, volgende-kennissessies-<doelgroep> "
            "(doelgroepen: ondernemers, raadsleden) (u schreef \"volgende-kennissessies-raadslid\")") in result.output


def test_an_evidence_page_shows_its_title_as_readers_see_it(tmp_path: Path) -> None:
    """The title of a page named as evidence: its heading without Markdown marks or HTML tags,
    entities read as characters; the front matter's title first; the path when there is none."""
    from arbeidsmigranten_portaal.page_titles import page_summary

    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("Tekst\n\n# De *nieuwe* &lt;aanpak&gt; <b>vet</b> `code`\n", encoding="utf-8")
    (content / "b.md").write_text("---\ntitle: Eigen titel\nexample: true\n---\n# Kop\n", encoding="utf-8")
    (content / "c.md").write_text("Geen kop.\n", encoding="utf-8")
    assert page_summary(content, tmp_path, "a.md").title == "De nieuwe <aanpak> vet code"
    assert page_summary(content, tmp_path, "b.md") == page_summary(content, tmp_path, "b.md").__class__("Eigen titel", True)
    assert page_summary(content, tmp_path, "c.md").title == "c.md"
    assert page_summary(content, tmp_path, "bestaat-niet.md").title == "bestaat-niet.md"


def test_a_second_block_of_sessions_or_voortgang_on_one_page_is_refused(tmp_path: Path) -> None:
    """The same session (or action) twice on a page would have the same id twice: the build and
    the check both say where, and name the line of the first block."""
    from conftest import run_portal

    project = copy_project(tmp_path / "project")
    page = project / "content" / "voortgang.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\n<!-- portal: voortgang -->\n\n<!-- portal: kalender -->\n\n"
                    "<!-- portal: volgende-kennissessies-raadsleden -->\n", encoding="utf-8")
    first = text.count("\n", 0, text.index("<!-- portal: voortgang -->")) + 1
    lines = len(text.splitlines())
    expected = [
        f"content/voortgang.md:{lines + 2}:1: dit blok toont de voortgang, en op regel {first} van deze pagina staat "
        "daar al een blok voor; haal één van de twee weg (zo staat niets twee keer op de pagina) (u schreef \"voortgang\")",
        f"content/voortgang.md:{lines + 6}:1: dit blok toont kennissessies, en op regel {lines + 4} van deze pagina "
        "staat daar al een blok voor; haal één van de twee weg (zo staat niets twee keer op de pagina) (u schreef "
        "\"volgende-kennissessies-raadsleden\")",
    ]
    result = build_site(project, tmp_path / "site")
    assert result.exit_code != 0
    for line in expected:
        assert line in result.output
    checked = run_portal("check", cwd=project)
    assert checked.returncode != 0
    assert [line for line in checked.stdout.splitlines() + checked.stderr.splitlines()
            if "staat daar al een blok voor" in line] == expected
