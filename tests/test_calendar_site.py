"""End-to-end: a fixture site with one session in every state, built strictly with a frozen clock
(2027-01-15 10:00), read back with real parsers: HTML (BeautifulSoup), .ics (icalendar),
JSON (jsonschema against the published schema), JSON-LD (json)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

import jsonschema
import pytest
from icalendar import Calendar

from conftest import REPO, build_site, parse_html

FIXTURE = REPO / "tests" / "sites" / "calendar"
AMSTERDAM = dt.timezone(dt.timedelta(hours=1))  # January: CET
SCRIPT_TITLE = '<script>alert("x")</script> & "Uitbuiting", {samen}; deel\\2'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("calendar")
    project = Path(shutil.copytree(FIXTURE, base / "project"))
    result = build_site(project, base / "site")
    assert result.exit_code == 0, result.output
    return result.site_dir


def page(site: Path, url: str):
    return parse_html(site / url / "index.html")


def session_item(soup, session_id: str):
    item = soup.select_one(f"#sessie-{session_id}")
    assert item is not None, session_id
    return item


REGISTRATION = "article [data-portal-registration]"


def registration(soup):
    items = soup.select(REGISTRATION)
    assert items
    return items[0]


def offers_no_registration(site: Path, url: str) -> bool:
    """No registration block on this page, where the open session's page does have one (so a
    renamed attribute fails here instead of passing unnoticed)."""
    assert page(site, "kennissessies/2027-02-open").select(REGISTRATION), "the selector finds nothing anywhere"
    return page(site, url).select(REGISTRATION) == []


def read_ics(path: Path) -> Calendar:
    raw = path.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b""), f"{path.name}: lines must end in CRLF"
    return Calendar.from_ical(raw)


def events(calendar: Calendar) -> dict[str, object]:
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


# --- The calendar page and the audience views ---------------------------------------------------


def test_calendar_groups_upcoming_sessions_by_month_then_the_archive(site: Path) -> None:
    soup = page(site, "kennissessies")
    article = soup.select_one("article")
    headings = [h.get_text(strip=True) for h in article.find_all("h2")]
    assert headings == [
        "Januari 2027",
        "Februari 2027",
        "Maart 2027",
        "April 2027",
        "Mei 2027",
        "Eerdere kennissessies",
        "Abonneren op de agenda",
    ]
    # Upcoming in order of start; the archive newest first.
    order = [li["id"].removeprefix("sessie-") for li in article.select("li.portal-session")]
    assert order == [
        "2027-01-binnenkort",
        "2027-01-gesloten",
        "2027-02-open",
        "2027-02-geannuleerd",
        "2027-03-vol",
        "2027-04-verplaatst",
        "2027-05-escape",
        "2026-12-verleden",
        "2026-06-lang-geleden",
    ]


def test_each_entry_shows_date_time_place_audiences_status_and_action(site: Path) -> None:
    item = session_item(page(site, "kennissessies"), "2027-02-open")
    assert item.select_one("time")["datetime"] == "2027-02-10T19:30:00+01:00"
    assert item.select_one(".portal-session__when").get_text() == "woensdag 10 februari 2027, 19:30 tot 21:30 uur"
    assert "Gemeentehuis, Teststraat 1, Testdorp" in item.select_one(".portal-session__where").get_text()
    assert [t.get_text(strip=True) for t in item.select(".portal-tag")] == ["Ondernemers", "Raadsleden"]
    actions = item.select("a.portal-registration__action")
    assert [a["href"] for a in actions][0] == "https://formulier.test.invalid/open"
    assert actions[1]["href"].startswith("mailto:griffie@test.invalid?")


def test_audience_view_lists_only_that_audiences_sessions_without_javascript(site: Path) -> None:
    soup = page(site, "kennissessies/raadsleden")
    assert soup.find("h1").get_text(strip=True) == "Kennissessies voor raadsleden"
    ids = {li["id"].removeprefix("sessie-") for li in soup.select("article li.portal-session")}
    assert ids == {"2027-02-open", "2027-04-verplaatst"}
    current = soup.select_one("nav.portal-filter [aria-current=page]")
    assert current.get_text(strip=True) == "Raadsleden"
    feed = [a["href"] for a in soup.select(".portal-feeds a")]
    assert any(href.endswith("kalender-raadsleden.ics") for href in feed)


def test_calendar_links_to_every_audience_view(site: Path) -> None:
    soup = page(site, "kennissessies")
    links = {a.get_text(strip=True): a["href"] for a in soup.select("nav.portal-filter a")}
    assert links == {"Ondernemers": "ondernemers/", "Raadsleden": "raadsleden/"}


def test_session_pages_are_not_listed_one_by_one_in_the_navigation(site: Path) -> None:
    nav = page(site, "kennissessies").select_one("nav.md-nav--primary")
    paths = {urlsplit(urljoin("https://x/kennissessies/", a["href"])).path for a in nav.find_all("a", href=True)}
    assert paths == {"/", "/kennissessies/", "/alliantie/", "/verslag/"}


# --- One test per state ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "session_id, state_text, has_link, badge",
    [
        ("2027-02-open", "Aanmelden kan tot en met 1 februari 2027.", True, "Gepland"),
        ("2027-01-binnenkort", "Aanmelden kan nog tot 20 januari 2027, 12:00 uur. Wacht niet te lang.", True, "Gepland"),
        # Full is a state of the registration; the session itself still takes place as planned.
        ("2027-03-vol", "Vol. Aanmelden kan niet meer. Kies een andere kennissessie.", False, "Gepland"),
        ("2027-01-gesloten", "Aanmelden kon tot en met 10 januari 2027. Dat kan nu niet meer. Kies een andere "
                             "kennissessie.", False, "Gepland"),
        ("2027-04-verplaatst", "Aanmelden kan tot 8 april 2027, 19:30 uur.", True, "Verplaatst"),
    ],
)
def test_registration_state_on_the_session_page(
    site: Path, session_id: str, state_text: str, has_link: bool, badge: str
) -> None:
    soup = page(site, f"kennissessies/{session_id}")
    block = registration(soup)
    assert block.select_one(".portal-registration__state").get_text(strip=True) == state_text
    link = block.select_one("a.portal-registration__action")
    assert (link is not None) == has_link
    assert soup.select_one(".portal-facts [data-portal-session-state]").get_text(strip=True) == badge


def test_cancelled_session_says_so_and_offers_no_registration(site: Path) -> None:
    soup = page(site, "kennissessies/2027-02-geannuleerd")
    notice = soup.select_one(".portal-notice")
    assert "gaat niet door" in notice.get_text(" ", strip=True)
    assert "Te weinig aanmeldingen." in notice.get_text(" ", strip=True)
    assert offers_no_registration(site, "kennissessies/2027-02-geannuleerd")
    calendar = page(site, "kennissessies")
    entry = session_item(calendar, "2027-02-geannuleerd")
    assert entry.select_one(".portal-badge").get_text(strip=True) == "Gaat niet door"
    assert entry.select(".portal-registration__action") == []
    assert session_item(calendar, "2027-02-open").select(".portal-registration__action")


def test_moved_session_shows_the_old_date(site: Path) -> None:
    soup = page(site, "kennissessies/2027-04-verplaatst")
    notice = soup.select_one(".portal-notice").get_text(" ", strip=True)
    assert "verplaatst" in notice and "donderdag 1 april 2027, 19:30" in notice
    assert "De zaal was niet vrij." in notice


def test_past_session_links_its_report_and_offers_no_registration(site: Path) -> None:
    soup = page(site, "kennissessies/2026-12-verleden")
    assert "al geweest" in soup.select_one(".portal-notice").get_text()
    report = soup.select_one(".portal-notice a")
    assert urljoin("https://x/kennissessies/2026-12-verleden/", report["href"]) == "https://x/verslag/"
    assert offers_no_registration(site, "kennissessies/2026-12-verleden")
    assert session_item(page(site, "kennissessies"), "2026-12-verleden").select_one(".portal-badge").get_text(
        strip=True
    ) == "Afgelopen"


def test_state_data_for_the_browser_script(site: Path) -> None:
    block = registration(page(site, "kennissessies/2027-01-binnenkort"))
    assert block["data-portal-start"] == "2027-01-25T19:30:00+01:00"
    assert block["data-portal-deadline"] == "2027-01-20T12:00:00+01:00"
    assert block["data-portal-full"] == "false"
    assert block["data-portal-soon-days"] == "7"
    labels = json.loads(page(site, "kennissessies/2027-01-binnenkort").select_one("#portal-labels").string)
    assert labels["registration.closed"] == "Aanmelden kon {deadline}. Dat kan nu niet meer. Kies een andere kennissessie."


# --- The session page -----------------------------------------------------------------------------


def test_session_page_has_details_agenda_speakers_and_calendar_links(site: Path) -> None:
    soup = page(site, "kennissessies/2027-02-open")
    article = soup.select_one("article")
    facts = {d.find("dt").get_text(strip=True): d.find("dd").get_text(" ", strip=True) for d in article.select(".portal-facts > div")}
    assert facts["Datum"] == "woensdag 10 februari 2027"
    assert facts["Tijd"] == "19:30 tot 21:30 uur"
    assert facts["Plaats"] == "Gemeentehuis, Teststraat 1, Testdorp"
    assert facts["Organisatie"] == "Testgemeente"
    assert [p.get_text() for p in article.find_all("p") if p.get_text() in ("Eerste alinea.", "Tweede alinea.")] == [
        "Eerste alinea.",
        "Tweede alinea.",
    ]
    assert [td.get_text() for td in article.select(".portal-agenda td")] == ["19:30", "Welkom"]
    speaker = article.select_one(".portal-links a")
    assert speaker.get_text() == "Kennispartner <Test> & Co"
    assert urljoin("https://x/kennissessies/2027-02-open/", speaker["href"]) == "https://x/alliantie/kennis/"
    hrefs = [a["href"] for a in article.select("a")]
    assert "../2027-02-open.ics" in hrefs and "../kalender.ics" in hrefs


def test_registration_per_audience_with_form_and_prefilled_griffie_email(site: Path) -> None:
    article = page(site, "kennissessies/2027-02-open").select_one("article")
    # Two audiences: each block begins with its audience, in the line itself (no heading, so
    # that both fit the first screen of a phone).
    assert [el.get_text(strip=True) for el in article.select("[data-portal-registration] .portal-registration__for")] == [
        "Ondernemers:", "Raadsleden:"]
    form, mail = article.select("a.portal-registration__action")
    assert form["href"] == "https://formulier.test.invalid/open"
    assert "Er zijn 40 plaatsen." in article.get_text()
    parts = urlsplit(mail["href"])
    assert parts.scheme == "mailto" and parts.path == "griffie@test.invalid"
    query = parse_qs(parts.query)
    assert query["subject"] == ["Aanmelding kennissessie: Open sessie (woensdag 10 februari 2027)"]
    assert "Naam:" in unquote(query["body"][0])
    # The raadsleden register with the default of audiences.yml, which has no note: the block
    # says the state, offers the e-mail and spells out its address and subject (for readers
    # without a mail program), and nothing else (no note from elsewhere). The way to the other
    # sessions is there, hidden while registration is open.
    griffie = article.select("[data-portal-registration]")[1]
    visible = [el for el in griffie.find_all(string=True)
               if el.strip() and not any(parent.has_attr("hidden") for parent in el.parents if parent.name)]
    assert [" ".join(el.split()) for el in visible] == [
        "Raadsleden:", "Aanmelden kan tot 10 februari 2027, 19:30 uur.", "Aanmelden als raadslid per e-mail", ":", "Open sessie",
        "Werkt de knop niet? Stuur dan zelf een e-mail naar", "griffie@test.invalid", ". Schrijf als onderwerp:",
        query["subject"][0], ". Zet in de e-mail uw naam en uw functie.",
    ]
    assert griffie.select_one(".portal-registration__instead").has_attr("hidden")


def test_registration_link_names_the_session_for_screen_readers(site: Path) -> None:
    link = page(site, "kennissessies/2027-02-open").select_one("a.portal-registration__action")
    assert link.get_text(" ", strip=True) == "Aanmelden als ondernemer : Open sessie"
    assert link.select_one(".portal-sr-only").get_text() == ": Open sessie"


def test_session_jsonld_describes_the_event(site: Path) -> None:
    soup = page(site, "kennissessies/2027-04-verplaatst")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "Event"
    assert data["name"] == "Verplaatste sessie"
    assert data["startDate"] == "2027-04-08T19:30:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["previousStartDate"] == "2027-04-01T19:30:00+02:00"
    assert data["location"] == {"@type": "Place", "name": "Gemeentehuis", "address": "Teststraat 1, Testdorp"}
    assert data["offers"][0]["url"].startswith("mailto:griffie@test.invalid")
    cancelled = json.loads(page(site, "kennissessies/2027-02-geannuleerd").find("script", type="application/ld+json").string)
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    online = json.loads(page(site, "kennissessies/2027-01-binnenkort").find("script", type="application/ld+json").string)
    assert online["location"] == {"@type": "VirtualLocation", "url": "https://vergadering.test.invalid/abc"}
    assert online["offers"][0]["url"] == "https://formulier.test.invalid/binnenkort"


# --- Partners ---------------------------------------------------------------------------------------


def test_alliance_groups_partners_by_kind_with_counts(site: Path) -> None:
    article = page(site, "alliantie").select_one("article")
    assert [h.get_text(strip=True) for h in article.find_all("h2")] == [
        "Werkgevers (1)",
        "Gemeenten (1)",
        "Kennispartners (1)",
    ]
    assert [li.get_text(strip=True) for li in article.select(".portal-counts li")] == [
        "Werkgevers: 1 partner",
        "Gemeenten: 1 partner",
        "Kennispartners: 1 partner",
    ]


def test_partner_page_lists_its_sessions_and_describes_the_organisation(site: Path) -> None:
    soup = page(site, "alliantie/kennis")
    assert soup.find("h1").get_text() == "Kennispartner <Test> & Co"
    ids = [li["id"].removeprefix("sessie-") for li in soup.select("article li.portal-session")]
    assert ids == ["2027-02-open", "2026-12-verleden"]
    logo = soup.select_one(".portal-partner__logo img")
    assert logo["alt"] == "Logo van Kennispartner <Test> & Co"
    assert (site / "alliantie" / "logos" / "kennis.svg").is_file()
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "Organization" and data["name"] == "Kennispartner <Test> & Co"
    assert data["logo"] == "https://portaal.test.invalid/alliantie/logos/kennis.svg"


def test_home_page_shows_the_next_sessions(site: Path) -> None:
    article = page(site, "").select_one("article")
    ids = [li["id"].removeprefix("sessie-") for li in article.select("li.portal-session")]
    assert ids == ["2027-01-binnenkort", "2027-01-gesloten", "2027-02-open"]


# --- Calendar files -----------------------------------------------------------------------------------


def test_one_ics_per_session_with_stable_uid_sequence_and_timezone(site: Path) -> None:
    calendar = read_ics(site / "kennissessies" / "2027-04-verplaatst.ics")
    assert str(calendar["VERSION"]) == "2.0"
    assert "Testgemeente" in str(calendar["PRODID"])
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == "2027-04-verplaatst@kennissessies.test.invalid"
    assert int(event["SEQUENCE"]) == 2
    assert str(event["STATUS"]) == "CONFIRMED"
    start = event.decoded("DTSTART")
    assert start == dt.datetime(2027, 4, 8, 19, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event.decoded("DTSTAMP") == dt.datetime(2027, 1, 15, 9, 0, tzinfo=dt.timezone.utc)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert str(event["URL"]) == "https://portaal.test.invalid/kennissessies/2027-04-verplaatst/"


def test_cancelled_session_is_cancelled_in_its_calendar_file(site: Path) -> None:
    [event] = read_ics(site / "kennissessies" / "2027-02-geannuleerd.ics").walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1


def test_feeds_hold_all_sessions_and_per_audience_and_drop_old_ones(site: Path) -> None:
    everything = events(read_ics(site / "kennissessies" / "kalender.ics"))
    uids = {uid.split("@")[0] for uid in everything}
    # 2026-06 ended more than 90 days before 2027-01-15; 2026-12 did not.
    assert "2026-06-lang-geleden" not in uids
    assert "2026-12-verleden" in uids
    assert len(uids) == 8
    raad = {uid.split("@")[0] for uid in events(read_ics(site / "kennissessies" / "kalender-raadsleden.ics"))}
    assert raad == {"2027-02-open", "2027-04-verplaatst"}
    feed = read_ics(site / "kennissessies" / "kalender.ics")
    assert str(feed["X-WR-CALNAME"]) == "Testagenda"
    assert str(feed["X-WR-TIMEZONE"]) == "Europe/Amsterdam"


# --- Open data ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["sessions", "partners"])
def test_open_data_is_valid_against_its_published_schema(site: Path, name: str) -> None:
    data = json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data" / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert data["$schema"] == f"https://portaal.test.invalid/data/{name}.schema.json"
    assert data["generated"] == "2027-01-15T10:00:00+01:00"


# Written by hand from tests/sites/calendar/sessions/2027-02-open.yml and the open-data page,
# not from the models: the schema above is generated from the same models as the data, so only
# this says whether the data means what the records say.
OPEN_SESSION = {
    "id": "2027-02-open",
    "uid": "2027-02-open@kennissessies.test.invalid",
    "url": "https://portaal.test.invalid/kennissessies/2027-02-open/",
    "ics_url": "https://portaal.test.invalid/kennissessies/2027-02-open.ics",
    "title": "Open sessie",
    "summary": "Eerste alinea.\n\nTweede alinea.",
    "start": "2027-02-10T19:30:00+01:00",
    "end": "2027-02-10T21:30:00+01:00",
    "status": "gepland",
    "state": "scheduled",
    "previous_start": None,
    "revision": 0,
    "location": {"name": "Gemeentehuis", "address": "Teststraat 1, Testdorp", "online_url": None},
    "audiences": ["ondernemers", "raadsleden"],
    "registration": [
        # A deadline written as a date is the end of that day.
        {"audience": "ondernemers", "url": "https://formulier.test.invalid/open", "deadline": "2027-02-01T23:59:00+01:00",
         "capacity": 40, "full": False, "state": "open"},
        # The griffie's default (audiences.yml): by e-mail, until the session starts.
        {"audience": "raadsleden", "url": "(checked below)", "deadline": "2027-02-10T19:30:00+01:00",
         "capacity": None, "full": False, "state": "open"},
    ],
    "speakers": ["kennis"],
    "hosts": ["gemeente"],
    "report_url": None,
    "example": False,
}


def test_open_data_of_a_known_session_is_what_its_file_says(site: Path) -> None:
    data = json.loads((site / "data" / "sessions.json").read_text(encoding="utf-8"))
    assert sorted(data) == ["$schema", "generated", "sessions"]
    for session in data["sessions"]:
        assert sorted(session) == sorted(OPEN_SESSION), session["id"]
    record = next(s for s in data["sessions"] if s["id"] == "2027-02-open")
    mail = urlsplit(record["registration"][1].pop("url"))
    assert (mail.scheme, mail.path) == ("mailto", "griffie@test.invalid")
    assert parse_qs(mail.query)["subject"] == ["Aanmelding kennissessie: Open sessie (woensdag 10 februari 2027)"]
    expected = json.loads(json.dumps(OPEN_SESSION))
    del expected["registration"][1]["url"]
    assert record == expected
    cancelled = next(s for s in data["sessions"] if s["id"] == "2027-02-geannuleerd")
    assert (cancelled["status"], cancelled["state"]) == ("geannuleerd", "cancelled")
    # A cancelled session offers no registration: "none", whatever its deadline.
    assert [(r["audience"], r["state"]) for r in cancelled["registration"]] == [("ondernemers", "none")]


def test_open_data_of_a_known_partner_is_what_its_file_says(site: Path) -> None:
    data = json.loads((site / "data" / "partners.json").read_text(encoding="utf-8"))
    kennis = next(p for p in data["partners"] if p["id"] == "kennis")
    assert kennis == {
        "id": "kennis",
        "url": "https://portaal.test.invalid/alliantie/kennis/",
        "name": "Kennispartner <Test> & Co",
        "kind": "kennispartner",
        "description": "Spreekt op sessies.",
        "website": None,
        "since": None,
        "themes": ["zicht", "handhaving"],
        "certifications": [],
        "contact": None,
        # The sessions it speaks at, oldest first.
        "sessions": ["2026-12-verleden", "2027-02-open"],
        "example": False,
    }


def test_open_data_sessions_match_the_records(site: Path) -> None:
    data = json.loads((site / "data" / "sessions.json").read_text(encoding="utf-8"))
    by_id = {s["id"]: s for s in data["sessions"]}
    assert len(by_id) == 9
    moved = by_id["2027-04-verplaatst"]
    assert moved["state"] == "moved" and moved["revision"] == 2
    assert moved["registration"][0]["audience"] == "raadsleden"
    assert by_id["2027-03-vol"]["registration"][0]["state"] == "full"
    assert by_id["2027-02-open"]["speakers"] == ["kennis"]
    partners = json.loads((site / "data" / "partners.json").read_text(encoding="utf-8"))
    kennis = next(p for p in partners["partners"] if p["id"] == "kennis")
    assert kennis["sessions"] == ["2026-12-verleden", "2027-02-open"]


# --- Escaping ---------------------------------------------------------------------------------------


def test_markup_in_yaml_values_is_shown_as_text_everywhere(site: Path) -> None:
    soup = page(site, "kennissessies/2027-05-escape")
    article = soup.select_one("article")
    assert article.find("h1").get_text() == SCRIPT_TITLE
    assert soup.title.get_text().startswith(SCRIPT_TITLE)
    assert article.find("script") is None and article.find("img") is None and article.find("b") is None
    assert "<img src=x onerror=alert(1)>" in article.get_text()
    assert not [a for a in soup.find_all("a", href=True) if a["href"].startswith("javascript:")]
    link = article.select_one("a.portal-registration__action")
    assert link["href"] == "https://formulier.test.invalid/escape?a=1&b=<2>"
    # In the calendar list and the search index too.
    entry = session_item(page(site, "kennissessies"), "2027-05-escape")
    assert entry.find("h3").get_text() == SCRIPT_TITLE
    [event] = read_ics(site / "kennissessies" / "2027-05-escape.ics").walk("VEVENT")
    assert str(event["SUMMARY"]) == SCRIPT_TITLE
    assert str(event["LOCATION"]) == "Zaal <b>1</b>, Straat 1, Dorp; achteringang"
    data = json.loads((site / "data" / "sessions.json").read_text(encoding="utf-8"))
    assert next(s for s in data["sessions"] if s["id"] == "2027-05-escape")["title"] == SCRIPT_TITLE
    raw = (site / "kennissessies" / "2027-05-escape" / "index.html").read_text(encoding="utf-8")
    ld = soup.find("script", type="application/ld+json")
    assert "</script>" not in ld.string and json.loads(ld.string)["name"] == SCRIPT_TITLE
    assert raw.count("<script>alert") == 0
