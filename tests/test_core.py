"""The engine-independent core on its own: no MkDocs involved anywhere in this file."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from conftest import REPO
from arbeidsmigranten_portaal.clock import TIMEZONE, ClockError, build_now
from arbeidsmigranten_portaal.load import SourceDirs, load_catalog
from arbeidsmigranten_portaal.render.labels import Labels
from arbeidsmigranten_portaal.render.markdown import front_matter, md_text
from arbeidsmigranten_portaal.render.views import RenderContext
from arbeidsmigranten_portaal.site import PortalSite
from arbeidsmigranten_portaal.urls import SiteUrls, relative

CALENDAR_FIXTURE = REPO / "tests" / "sites" / "calendar"


def test_the_core_does_not_import_mkdocs() -> None:
    """Everything but the adapter runs without MkDocs (checked in a fresh interpreter)."""
    program = (
        "import sys, pkgutil, importlib, arbeidsmigranten_portaal\n"
        "for m in pkgutil.walk_packages(arbeidsmigranten_portaal.__path__, 'arbeidsmigranten_portaal.'):\n"
        "    if m.name != 'arbeidsmigranten_portaal.mkdocs_plugin': importlib.import_module(m.name)\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] == 'mkdocs'))\n"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "configured, environ, expected",
    [
        ("2027-01-15 09:00", {"PORTAL_NOW": "2020-01-01 00:00"}, dt.datetime(2027, 1, 15, 9, 0, tzinfo=TIMEZONE)),
        (None, {"PORTAL_NOW": "2027-06-01T12:30"}, dt.datetime(2027, 6, 1, 12, 30, tzinfo=TIMEZONE)),
        (None, {"SOURCE_DATE_EPOCH": "1800000000"}, dt.datetime(2027, 1, 15, 8, 0, tzinfo=dt.timezone.utc)),
    ],
)
def test_clock_precedence(configured, environ, expected) -> None:
    assert build_now(configured, environ) == expected


def test_clock_without_settings_is_now() -> None:
    before = dt.datetime.now(TIMEZONE).replace(microsecond=0)
    assert before <= build_now(None, {}) <= dt.datetime.now(TIMEZONE)


def test_clock_rejects_nonsense() -> None:
    with pytest.raises(ClockError, match="PORTAL_NOW"):
        build_now(None, {"PORTAL_NOW": "morgen"})


@pytest.mark.parametrize(
    "source, target, expected",
    [
        ("", "kennissessies/a/", "kennissessies/a/"),
        ("kennissessies/a/", "alliantie/b/", "../../alliantie/b/"),
        ("kennissessies/a/", "kennissessies/a.ics", "../a.ics"),
        ("kennissessies/a/", "", "../../"),
        ("kennissessies/a/", "kennissessies/a/", "./"),
        ("kennissessies/a.html", "alliantie/b.html", "../alliantie/b.html"),
    ],
)
def test_relative_links(source: str, target: str, expected: str) -> None:
    assert relative(source, target) == expected


def test_page_urls_with_and_without_directory_urls() -> None:
    assert SiteUrls().page_url("kennissessies/a.md") == "kennissessies/a/"
    assert SiteUrls().page_url("kennissessies/index.md") == "kennissessies/"
    assert SiteUrls(directory_urls=False).page_url("kennissessies/a.md") == "kennissessies/a.html"


def test_markdown_escaping() -> None:
    assert md_text("*Vet* [link](javascript:x) <b>") == "\\*Vet\\* \\[link\\]\\(javascript:x\\) &lt;b&gt;"
    assert front_matter(title='<script>"x"') == '---\ntitle: "&lt;script&gt;&quot;x&quot;"\n---'


@pytest.fixture(scope="module")
def portal_site(tmp_path_factory: pytest.TempPathFactory) -> PortalSite:
    import shutil

    root = Path(shutil.copytree(CALENDAR_FIXTURE, tmp_path_factory.mktemp("core") / "site"))
    catalog = load_catalog(SourceDirs(root, root / "site_config", root / "sessions", root / "partners", root / "content"))
    labels = Labels("nl", catalog.strings.for_language("nl"))
    now = dt.datetime(2027, 1, 15, 10, 0, tzinfo=TIMEZONE)
    return PortalSite(RenderContext(catalog, now, SiteUrls(site_url="https://p.test.invalid/"), labels))


def test_the_site_has_a_page_per_session_partner_and_audience(portal_site: PortalSite) -> None:
    sources = [page.src for page in portal_site.pages()]
    assert len(sources) == 9 + 3 + 2
    assert "kennissessies/2027-02-open.md" in sources
    assert "alliantie/kennis.md" in sources
    assert "kennissessies/raadsleden.md" in sources
    session_page = next(p for p in portal_site.pages() if p.src == "kennissessies/2027-02-open.md")
    assert session_page.title == "Open sessie"
    body = session_page.body()
    assert BeautifulSoup(body.html, "html.parser").h1.get_text() == "Open sessie"
    assert [h.id for h in body.headings] == ["aanmelden", "waar-gaat-het-over", "programma", "sprekers", "in-uw-agenda"]
    assert body.jsonld and '"@type": "Event"' in body.jsonld


def test_calendar_files_parse_and_carry_the_clock(portal_site: PortalSite) -> None:
    files = portal_site.files()
    calendar = Calendar.from_ical(files["kennissessies/2027-02-open.ics"])
    [event] = calendar.walk("VEVENT")
    assert event.decoded("DTSTAMP") == dt.datetime(2027, 1, 15, 9, 0, tzinfo=dt.timezone.utc)
    assert str(event["UID"]) == "2027-02-open@kennissessies.test.invalid"
    assert event["CATEGORIES"].cats == ["Ondernemers", "Raadsleden"]
    assert "https://p.test.invalid/kennissessies/2027-02-open/" in str(event["DESCRIPTION"])
    assert set(files) >= {"kennissessies/kalender.ics", "data/sessions.json", "data/partners.schema.json"}


def test_same_input_same_clock_same_bytes(portal_site: PortalSite) -> None:
    again = PortalSite(portal_site.ctx)
    assert again.files() == portal_site.files()
    assert [(p.src, p.title, p.body()) for p in again.pages()] == [(p.src, p.title, p.body()) for p in portal_site.pages()]


# --- Values mean what they say -------------------------------------------------------------------

from pydantic import TypeAdapter, ValidationError  # noqa: E402

from arbeidsmigranten_portaal.local_times import TimeProblem, parse_deadline, parse_local_datetime  # noqa: E402
from arbeidsmigranten_portaal.load import load_record  # noqa: E402
from arbeidsmigranten_portaal.model import Email, HttpsUrl, Phone, RegistrationUrl, Session, SiteSettings  # noqa: E402
from arbeidsmigranten_portaal.problems import ContentProblems  # noqa: E402


def refusal(kind, value) -> str | None:
    """The sentence for `value` as a field of type `kind`, or None when it is accepted."""
    try:
        TypeAdapter(kind).validate_python(value)
    except ValidationError as error:
        [problem] = error.errors()
        return problem["msg"]
    return None


@pytest.mark.parametrize(
    "kind, value, expected",
    [
        # A hidden copy, a second address, a smuggled header: one plain address only.
        (RegistrationUrl, "mailto:griffie@dalfsen.nl?bcc=iemand@kwaad.example", "geen ?subject=, ?cc= of ?bcc="),
        (RegistrationUrl, "mailto:griffie@dalfsen.nl?subject=Hallo&body=x", "geen ?subject=, ?cc= of ?bcc="),
        (RegistrationUrl, "mailto:griffie@dalfsen.nl,iemand@kwaad.example", "meer dan één e-mailadres"),
        (RegistrationUrl, "mailto:griffie@dalfsen.nl;iemand@kwaad.example", "meer dan één e-mailadres"),
        (RegistrationUrl, "mailto:griffie%40dalfsen.nl", "zonder %-codes"),
        (RegistrationUrl, "mailto:griffie@dalfsen.nl\n", "een regeleinde"),
        (RegistrationUrl, "http://formulier.dalfsen.nl/", "begint met https://"),
        (Email, "griffie@dalfsen.nl?cc=iemand@kwaad.example", "geen ?-deel"),
        (Email, "mailto:griffie@dalfsen.nl", "zonder mailto:"),
        (Email, "griffie@dalfsen.nl, iemand@kwaad.example", "een spatie"),
        (Email, "griffie@dalfsen.nl,iemand@kwaad.example", "meer dan één e-mailadres"),
        (Email, "Griffie <griffie@dalfsen.nl>", "een spatie"),
        (Email, "<griffie@dalfsen.nl>", "zonder naam, aanhalingstekens of < >"),
        (Email, "griffie\u200b@dalfsen.nl", "U+200B"),
        (Email, "griffie@dalfsen.nl\u00a0", "U+00A0"),
        (Email, "griffie@@dalfsen.nl", "meer dan één e-mailadres"),
        (Email, "griffie@dalfsen", "zonder punt en extensie"),
        (Email, "griffie@-dalfsen.nl", "niet kan bestaan"),
        (Email, "griffie@dalfsen_nl.nl", "niet kan bestaan"),
        (Email, "gri..ffie@dalfsen.nl", "vóór de @"),
        (Email, ".griffie@dalfsen.nl", "vóór de @"),
        (Email, "griffie@d\u0430lfsen.nl", "ander schrift"),  # a Cyrillic а
        (Email, "@dalfsen.nl", "moet een e-mailadres zijn"),
        # A web address opens what it shows.
        (HttpsUrl, "https://www.dalfsen.nl@kwaad.example/", "@ vóór de domeinnaam"),
        (HttpsUrl, "https://gebruiker:wachtwoord@www.dalfsen.nl/", "@ vóór de domeinnaam"),
        (HttpsUrl, "https://www.dalfsen.nl/melden formulier", "een spatie"),
        (HttpsUrl, " https://www.dalfsen.nl/", "een spatie"),
        (HttpsUrl, "https://www.dalfsen.nl/\tx", "U+0009"),
        (HttpsUrl, "https://www.dalfsen.nl/\u202egnp.exe", "U+202E"),
        (HttpsUrl, "https://www.dalfsen.nl\\@kwaad.example/", "schuine streep naar links"),
        (HttpsUrl, "https:///melden", "geen domeinnaam"),
        (HttpsUrl, "https://", "geen domeinnaam"),
        (HttpsUrl, "https://:443/", "geen domeinnaam"),
        (HttpsUrl, "https://localhost/", "zonder punt en extensie"),
        (HttpsUrl, "https://www.dalfsen.nl:0/", "poortnummer"),
        (HttpsUrl, "https://www.dalfsen.nl:70000/", "poortnummer"),
        (HttpsUrl, "https://www.dalfsen.nl:http/", "poortnummer"),
        (HttpsUrl, "https://999.1.1.1/", "ongeldig IP-adres"),
        (HttpsUrl, "https://[::g]/", "ongeldig IP-adres"),
        (HttpsUrl, "https://[::1/", "ongeldig IP-adres"),
        (HttpsUrl, "https://www.dalfsen\uff0fkwaad.example/", "tekens die in een webadres niet kunnen"),
        (HttpsUrl, "HTTPS://www.dalfsen.nl/", "begint met https://"),
        (HttpsUrl, "javascript:alert(1)//https://www.dalfsen.nl/", "begint met https://"),
        (HttpsUrl, "https://" + "a" * 2000 + ".nl/", "te lang"),
        (Phone, "+31 (0)529 123 456", "zonder (0)"),
        (Phone, "0529\u00a0123456", "U+00A0"),
        (Phone, "06-12+345678", "alleen cijfers"),
    ],
)
def test_addresses_are_refused_with_a_sentence(kind, value, expected) -> None:
    sentence = refusal(kind, value)
    assert sentence is not None and expected in sentence, sentence


@pytest.mark.parametrize(
    "kind, value",
    [
        (Email, "griffie@dalfsen.nl"),
        (Email, "Team.Arbeidsmigratie+kennis_sessie@sub.dalfsen.nl"),
        (Email, "info@müller.de"),  # an international domain name in Latin letters
        (Email, "info@xn--mller-kva.de"),
        (RegistrationUrl, "mailto:griffie@dalfsen.nl"),
        (RegistrationUrl, "https://formulieren.dalfsen.nl/aanmelden?sessie=2027-03&bron=portaal#formulier"),
        (HttpsUrl, "https://www.dalfsen.nl"),
        (HttpsUrl, "https://meet.dalfsen.nl:8443/j/123?pwd=abc"),
        (HttpsUrl, "https://www.café-de-brink.nl/agenda/%20kennis"),
        (HttpsUrl, "https://127.0.0.1:8000/"),
        (HttpsUrl, "https://[2001:db8::1]:8443/"),
        (Phone, "14 0529"),
        (Phone, "+48 22 123 45 67"),
        (Phone, "(0529) 123-456"),
    ],
)
def test_real_addresses_are_accepted(kind, value) -> None:
    assert refusal(kind, value) is None


SITE_YML = """\
organisation: Testgemeente
contact:
  url: https://gemeente.test.invalid/
  email: info@gemeente.test.invalid
meldpunt:
  form_url: https://formulier.test.invalid/melden
  email: meldpunt@gemeente.test.invalid
calendar:
  name: Testagenda
  uid_domain: kennissessies.test.invalid
"""


@pytest.mark.parametrize(
    "good, bad, line, expected",
    [
        ("url: https://gemeente.test.invalid/", 'url: "https://gemeente.test.invalid /"', 3, '"contact.url" bevat een spatie'),
        ("email: info@gemeente.test.invalid", "email: info@gemeente.test.invalid?bcc=x@kwaad.example", 4,
         '"contact.email" mag geen ?-deel hebben'),
        ("form_url: https://formulier.test.invalid/melden", "form_url: https://x@formulier.test.invalid/melden", 6,
         '"meldpunt.form_url" heeft een naam met @ vóór de domeinnaam'),
        ("email: meldpunt@gemeente.test.invalid", 'email: "meldpunt@gemeente.test.invalid\\u0000"', 7,
         '"meldpunt.email" bevat een onzichtbaar teken (U+0000)'),
        ("uid_domain: kennissessies.test.invalid", 'uid_domain: "kennissessies.test.invalid>"', 10,
         '"calendar.uid_domain" heeft een domeinnaam die niet kan bestaan'),
        ("name: Testagenda", 'name: "Test\\nagenda"', 9, '"calendar.name" moet op één regel staan'),
    ],
)
def test_every_address_in_site_settings_is_checked_at_its_line(tmp_path: Path, good, bad, line, expected) -> None:
    assert load_record(_write(tmp_path / "site.yml", SITE_YML), SiteSettings, tmp_path)[1] == []
    _, problems = load_record(_write(tmp_path / "site.yml", SITE_YML.replace(good, bad)), SiteSettings, tmp_path)
    assert [(p.line, p.message.startswith(expected)) for p in problems] == [(line, True)], problems


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _amsterdam(*parts: int, fold: int = 0) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=TIMEZONE, fold=fold)


@pytest.mark.parametrize(
    "written, expected",
    [
        ("2027-03-11 19:30", _amsterdam(2027, 3, 11, 19, 30)),
        ("2027-03-11T19:30:15", _amsterdam(2027, 3, 11, 19, 30, 15)),
        # Around the change to summer time (28 March 2027, 02:00 -> 03:00) ...
        ("2027-03-28 01:59", _amsterdam(2027, 3, 28, 1, 59)),
        ("2027-03-28 02:00", "bestaat niet: in de nacht van 28 maart 2027 gaat de klok om 02:00 een uur vooruit naar 03:00"),
        ("2027-03-28 02:30", "kies een tijd vóór 02:00 of vanaf 03:00"),
        ("2027-03-28 03:00", _amsterdam(2027, 3, 28, 3, 0)),
        # ... and back to winter time (31 October 2027, 03:00 -> 02:00).
        ("2027-10-31 01:59", _amsterdam(2027, 10, 31, 1, 59)),
        ("2027-10-31 02:00", "komt twee keer voor: in de nacht van 31 oktober 2027"),
        ("2027-10-31 02:59", "komt twee keer voor"),
        ("2027-10-31 03:00", _amsterdam(2027, 10, 31, 3, 0)),
        # A time zone is refused with the Dutch time of the same moment, never dropped.
        ("2027-05-11T17:30:00Z", 'heeft een tijdzone (Z); schrijf de tijd zoals die in Nederland geldt, zonder tijdzone, '
                                 'zoals "2027-05-11 19:30"'),
        ("2027-01-11 17:30:00.000Z", 'zoals "2027-01-11 18:30"'),
        ("2027-05-11 17:30+02:00", 'heeft een tijdzone (+02:00)'),
        ("2027-05-11 17:30 -0500", 'zoals "2027-05-12 00:30"'),
        (dt.datetime(2027, 5, 11, 17, 30, tzinfo=dt.timezone.utc), 'zoals "2027-05-11 19:30"'),
        (dt.datetime(2027, 5, 11, 17, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))), "heeft een tijdzone (+02:00)"),
        # Dates that do not exist, and years that are typing mistakes.
        ("2027-02-29 19:30", "heeft dag 29, maar februari 2027 heeft 28 dagen"),
        ("2028-02-29 19:30", _amsterdam(2028, 2, 29, 19, 30)),
        ("2027-04-31 19:30", "april 2027 heeft 30 dagen"),
        ("2027-13-01 19:30", "heeft maand 13"),
        ("2027-00-10 19:30", "heeft maand 0"),
        ("2027-03-00 19:30", "heeft dag 0"),
        ("2027-03-11 24:00", "heeft een uur groter dan 23"),
        ("2027-03-11 19:60", "meer dan 59 minuten"),
        ("2027-03-11 19:30:61", "meer dan 59 seconden"),
        ("2027-03-11 19:30:00.5", "moet een datum en tijd zijn"),
        ("0001-01-01 00:00", "heeft het jaar 0001"),
        ("9999-12-31 23:59", "heeft het jaar 9999"),
        ("1999-12-31 23:59", "heeft het jaar 1999"),
        (dt.datetime(9999, 12, 31, 23, 59), "heeft het jaar 9999"),
        (dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-5))), "heeft een tijdzone (-05:00)"),
        (dt.datetime(1, 1, 1, tzinfo=TIMEZONE), "heeft het jaar 0001"),
        (dt.date(2027, 3, 11), "heeft een datum maar geen tijd"),
    ],
)
def test_a_written_time_means_one_moment_or_is_refused(written, expected) -> None:
    if isinstance(expected, dt.datetime):
        parsed = parse_local_datetime(written)
        assert parsed == expected and parsed.utcoffset() == expected.utcoffset()
        return
    with pytest.raises(TimeProblem) as refused:
        parse_local_datetime(written)
    assert expected in str(refused.value)


def test_a_whole_day_deadline_is_checked_like_a_time() -> None:
    assert parse_deadline("2027-03-04") == _amsterdam(2027, 3, 4, 23, 59)
    for written, expected in [("2027-02-30", "februari 2027 heeft 28 dagen"), ("0001-01-01", "jaar 0001"),
                              (dt.date(9999, 12, 31), "jaar 9999")]:
        with pytest.raises(TimeProblem, match=expected):
            parse_deadline(written)


SESSION_YML = """\
title: Sessie
start: {start}
end: {end}
location: {{name: Zaal, address: "Straat 1"}}
audiences: [ondernemers]
summary: Tekst.
registration:
  ondernemers:
    url: https://formulier.test.invalid/a
"""


def _site_with_session(tmp_path: Path, name: str, text: str) -> tuple[Path, SourceDirs]:
    import shutil

    root = Path(shutil.copytree(CALENDAR_FIXTURE, tmp_path / "site"))
    _write(root / "sessions" / f"{name}.yml", text)
    return root, SourceDirs(root, root / "site_config", root / "sessions", root / "partners", root / "content")


@pytest.mark.parametrize(
    "start, end, expected",
    [
        ("2027-05-11T17:30:00Z", "2027-05-11 21:30", '2:8: "start" heeft een tijdzone (Z)'),
        ("2027-05-11T17:30:00+02:00", "2027-05-11 21:30", '2:8: "start" heeft een tijdzone (+02:00)'),
        ("9999-12-31 23:00", "9999-12-31 23:59", '2:8: "start" heeft het jaar 9999'),
        ("0001-01-01 00:00", "0001-01-01 01:00", '2:8: "start" heeft het jaar 0001'),
        ("0001-01-01 00:00:00", "0001-01-01 01:00:00", '2:8: "start" heeft het jaar 0001'),
        ("2027-03-28 02:15", "2027-03-28 04:00", '2:8: "start" bestaat niet'),
        ("2027-02-29 19:30", "2027-03-01 21:30", '2:8: "start" heeft dag 29'),
    ],
)
def test_times_that_mean_no_single_moment_stop_the_whole_pipeline_with_a_sentence(
    tmp_path: Path, start: str, end: str, expected: str
) -> None:
    """Through load_catalog, as the build and `portal check` read files: the session is refused
    before anything computes with it (a year 9999 session's calendar file used to overflow)."""
    root, dirs = _site_with_session(tmp_path, "2027-05-tijd", SESSION_YML.format(start=start, end=end))
    with pytest.raises(ContentProblems) as refused:
        load_catalog(dirs)
    lines = [p.as_line() for p in refused.value.problems]
    assert any(line.startswith("sessions/2027-05-tijd.yml:" + expected) for line in lines), lines
    with pytest.raises(ValidationError):
        Session.model_validate({**_valid_session(), "start": start, "end": end})


def _valid_session() -> dict:
    return {"title": "Sessie", "start": "2027-03-11 19:30", "end": "2027-03-11 21:30",
            "location": {"name": "Zaal", "address": "Straat 1"}, "audiences": ["ondernemers"], "summary": "Tekst."}


def test_a_session_with_a_far_year_is_never_rendered(tmp_path: Path) -> None:
    """Even a record built in code (not read from a file) cannot carry year 9999 into the .ics."""
    with pytest.raises(ValidationError, match="jaar 9999"):
        Session(**{**_valid_session(), "start": dt.datetime(9999, 12, 31, 22, tzinfo=TIMEZONE),
                   "end": dt.datetime(9999, 12, 31, 23, tzinfo=TIMEZONE)})


@pytest.mark.parametrize(
    "agenda, expected",
    [
        (["22:00", "23:30", "00:30", "01:00"], []),  # past midnight is fine
        (["22:00", "02:00"], ["ligt buiten de tijd van de sessie (22:00 tot 01:00)"]),
        (["21:00"], ["ligt buiten de tijd van de sessie"]),
        (["23:30", "22:30"], ["is eerder dan het onderdeel erboven"]),
    ],
)
def test_agenda_times_lie_within_the_session_in_order(agenda: list[str], expected: list[str]) -> None:
    session = Session.model_validate({**_valid_session(), "start": "2027-03-11 22:00", "end": "2027-03-12 01:00",
                                      "agenda": [{"time": t, "title": "Onderdeel"} for t in agenda]})
    found = [v.message for v in session.rule_violations()]
    assert len(found) == len(expected) and all(e in f for e, f in zip(expected, found)), found


def test_texts_keep_to_one_line_and_show_no_hidden_characters() -> None:
    folded = Session.model_validate({**_valid_session(), "title": "Een lange titel\n"})  # what `title: >` gives
    assert folded.title == "Een lange titel"
    for field, value, expected in [("title", "Twee\nregels", "op één regel"), ("summary", "Tekst\x1b[31m", "U+001B"),
                                   ("summary", "Tekst \u2066verborgen\u2069", "U+2066"), ("title", "   ", "leeg")]:
        with pytest.raises(ValidationError, match=re.escape(expected)):
            Session.model_validate({**_valid_session(), field: value})
    Session.model_validate({**_valid_session(), "summary": "Alinea één.\n\nAlinea twee,\tmet een tab."})


@pytest.mark.parametrize(
    "file_name, problem_file, expected",
    [
        ("kalender", "sessions/kalender.yml", "het adres /kennissessies/kalender.ics, maar daar staat al het agendabestand "
                                              "van de hele kalender"),
        ("kalender-raadsleden", "sessions/kalender-raadsleden.yml", "staat al het agendabestand voor de doelgroep raadsleden"),
        ("index", "sessions/index.yml", "het adres /kennissessies/, maar daar staat al de pagina met de hele kalender"),
        ("ondernemers", "sessions/ondernemers.yml", "staat al de kalender voor de doelgroep ondernemers"),
    ],
)
def test_a_session_file_cannot_take_the_place_of_another_output(
    tmp_path: Path, file_name: str, problem_file: str, expected: str
) -> None:
    root, dirs = _site_with_session(tmp_path, file_name, SESSION_YML.format(start="2027-03-11 19:30", end="2027-03-11 21:30"))
    with pytest.raises(ContentProblems) as refused:
        load_catalog(dirs)
    [problem] = refused.value.problems
    assert (problem.path, problem.line, problem.col) == (problem_file, 1, 1)
    assert expected in problem.message and "geef het bestand een andere naam" in problem.message


def test_content_files_cannot_take_the_place_of_generated_ones(tmp_path: Path) -> None:
    root, dirs = _site_with_session(tmp_path, "2027-03-dubbel", SESSION_YML.format(start="2027-03-11 19:30", end="2027-03-11 21:30"))
    _write(root / "content" / "kennissessies" / "2027-03-dubbel.md", "# Dubbel\n")
    (root / "content" / "kennissessies" / "raadsleden").mkdir()
    _write(root / "content" / "kennissessies" / "raadsleden" / "index.md", "# Raad\n")
    (root / "content" / "data").mkdir()
    _write(root / "content" / "data" / "partners.schema.json", "{}\n")
    _write(root / "content" / "kennissessies" / "index.md", "# De kalender zelf mag hier staan\n")
    _write(root / "partners" / "index.yml", "name: Index\nkind: werkgever\ndescription: Tekst.\n")
    with pytest.raises(ContentProblems) as refused:
        load_catalog(dirs)
    found = {(p.path, p.line): p.message for p in refused.value.problems}
    assert set(found) == {
        ("sessions/2027-03-dubbel.yml", 1), ("content/kennissessies/raadsleden/index.md", 1),
        ("content/data/partners.schema.json", 1), ("partners/index.yml", 1),
    }, found
    assert "staat al de pagina content/kennissessies/2027-03-dubbel.md" in found[("sessions/2027-03-dubbel.yml", 1)]
    assert "/kennissessies/raadsleden/, maar daar staat al de kalender voor de doelgroep raadsleden" in found[
        ("content/kennissessies/raadsleden/index.md", 1)]
    assert "de open data (partners.schema.json)" in found[("content/data/partners.schema.json", 1)]
    assert "staat al de pagina van de alliantie" in found[("partners/index.yml", 1)]


def test_portal_check_refuses_a_session_named_like_the_feed(tmp_path: Path) -> None:
    root, _ = _site_with_session(tmp_path, "kalender", SESSION_YML.format(start="2027-03-11 19:30", end="2027-03-11 21:30"))
    _write(root / "site_config" / "privacy.yml", "email_domains: [test.invalid]\n")
    result = subprocess.run([sys.executable, "-m", "arbeidsmigranten_portaal.cli", "--root", str(root), "check"],
                            capture_output=True, text=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.startswith("sessions/kalender.yml:1:1: deze bestandsnaam geeft de sessie het adres "
                                    "/kennissessies/kalender.ics"), result.stdout


def test_generated_paths_come_from_one_list(portal_site: PortalSite) -> None:
    """What the site really writes is what urls.py plans, so the collision check sees every output."""
    catalog = portal_site.ctx.catalog
    logos = {pid: p.logo for pid, p in catalog.partners.items() if p.logo}
    planned = SiteUrls().generated_files(catalog.sessions, catalog.partners, catalog.audiences, logos)
    written = {p.src for p in portal_site.pages()} | set(portal_site.files()) | set(portal_site.logos())
    assert written == planned


@pytest.mark.parametrize(
    "report, expected",
    [
        ("/etc/passwd", "niet aan het begin"),  # exists on the build machine: never a link
        ("../mkdocs.yml", "niet buiten de map content/"),
        ("https://www.dalfsen.nl/verslag", "geen webadres"),
        ("verslag", "een .md-bestand"),
        ("nieuws\\verslag.md", "met / tussen de mappen"),
        (".verborgen.md", "alleen letters, cijfers"),
        ("bestaat-niet.md", "verwijst naar een pagina die niet bestaat in content/"),
        ("buiten.md", "verwijst naar een pagina die niet bestaat in content/"),  # a link out of content/
    ],
)
def test_a_report_is_a_page_under_content(tmp_path: Path, report: str, expected: str) -> None:
    root, dirs = _site_with_session(
        tmp_path, "2027-01-verslag", SESSION_YML.format(start="2027-01-05 19:30", end="2027-01-05 21:30")
        + f"report: '{report}'\n")
    (root / "content" / "buiten.md").symlink_to(root / "mkdocs.yml")
    with pytest.raises(ContentProblems) as refused:
        load_catalog(dirs)
    [problem] = refused.value.problems
    assert (problem.path, problem.line) == ("sessions/2027-01-verslag.yml", 10) and expected in problem.message


def test_a_report_under_content_is_accepted_and_linked(tmp_path: Path) -> None:
    root, dirs = _site_with_session(
        tmp_path, "2027-01-verslag", SESSION_YML.format(start="2027-01-05 19:30", end="2027-01-05 21:30")
        + "report: verslag.md\n")
    catalog = load_catalog(dirs)
    assert catalog.sessions["2027-01-verslag"].report == "verslag.md"


def test_audiences_cannot_take_the_calendars_own_names_or_translate_into_dutch(tmp_path: Path) -> None:
    from arbeidsmigranten_portaal.model import Audiences

    text = ("ondernemers:\n  label: Ondernemers\n  member: ondernemer\n  description: Werkgevers.\n"
            "  translations:\n    nl:\n      label: Ondernemers\n      member: ondernemer\n      description: Werkgevers.\n"
            "index:\n  label: Alle\n  member: iemand\n  description: Iedereen.\n")
    _, problems = load_record(_write(tmp_path / "audiences.yml", text), Audiences, tmp_path)
    assert [p.as_line() for p in problems] == [
        'audiences.yml:10:1: de naam is al in gebruik voor een pagina die de kalender zelf maakt (de hele kalender); '
        'kies een andere naam voor deze doelgroep (u schreef "index")'
    ]
    _, problems = load_record(_write(tmp_path / "audiences.yml", text.split("index:")[0]), Audiences, tmp_path)
    assert [(p.line, p.message) for p in problems] == [
        (6, '"ondernemers.translations.nl" is de taal waarin dit bestand al geschreven is; zet de Nederlandse tekst in '
            'label, member en description en haal dit blok weg')
    ]


from hypothesis import given, settings, strategies as st  # noqa: E402

_URLISH = st.one_of(
    st.text(max_size=60),
    st.builds(lambda a, b: f"{a}{b}", st.sampled_from(["https://", "mailto:", "https://[", "https://a.nl:", "x@"]),
              st.text(alphabet=st.characters(codec="utf-8"), max_size=40)),
)


@settings(max_examples=300, deadline=None)
@given(_URLISH)
def test_any_address_text_gives_a_value_or_a_sentence(text: str) -> None:
    for kind in (Email, HttpsUrl, RegistrationUrl, Phone):
        sentence = refusal(kind, text)
        assert sentence is None or (sentence and sentence[0].islower())


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.text(max_size=40),
    st.builds("{:04d}-{:02d}-{:02d}{}{:02d}:{:02d}{}".format, st.integers(0, 9999), st.integers(0, 99),
              st.integers(0, 99), st.sampled_from([" ", "T"]), st.integers(0, 99), st.integers(0, 99),
              st.sampled_from(["", ":61", "Z", "+14:00", "-23:59", "+99:99", ".5Z"])),
    st.datetimes(timezones=st.sampled_from([None, dt.timezone.utc, TIMEZONE, dt.timezone(dt.timedelta(hours=-12))])),
))
def test_any_written_time_gives_a_moment_or_a_sentence(value) -> None:
    try:
        moment = parse_local_datetime(value)
    except TimeProblem as problem:
        assert str(problem)[0].islower()
        return
    assert moment.tzinfo is TIMEZONE and 2000 <= moment.year <= 2100


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(), st.lists(st.text(max_size=5), max_size=3))
def test_open_data_is_written_as_json_dumps_writes_it(text: str, items: list[str]) -> None:
    """render/opendata.py serialises with pydantic's own serialiser: byte for byte what
    json.dumps(indent=2, ensure_ascii=False) wrote before (the published files do not change)."""
    import json

    from pydantic import BaseModel

    from arbeidsmigranten_portaal.render.opendata import to_json

    class Document(BaseModel):
        title: str
        items: list[str]
        empty: dict = {}
        count: int | None = None

    document = Document(title=text, items=items)
    reference = json.dumps({"$schema": "https://x.test/s.json", **document.model_dump(mode="json")},
                           ensure_ascii=False, indent=2) + "\n"
    assert to_json(document, "https://x.test/s.json") == reference.encode("utf-8")


def test_a_kept_event_is_stamped_with_the_build_s_moment(portal_site: PortalSite) -> None:
    """render/ics.py: where a process keeps events (memo.py), an event made at another moment is
    the same bytes as one made now, DTSTAMP included."""
    import dataclasses

    from arbeidsmigranten_portaal import memo
    from arbeidsmigranten_portaal.render import ics

    memo.enable()
    try:
        for minutes in (0, 7, 60 * 24 * 40):
            ctx = dataclasses.replace(portal_site.ctx, now=portal_site.ctx.now + dt.timedelta(minutes=minutes))
            for view in PortalSite(ctx).ordered_sessions:
                assert ics.kept_session_event(ctx, view, view.id) == ics.session_event(ctx, view)
                assert ics.kept_session_calendar(ctx, view, view.id) == ics.session_calendar(ctx, view)
    finally:
        memo.enabled = False
        memo.forget()


# --- Paths in messages -------------------------------------------------------------------------

from arbeidsmigranten_portaal.problems import relative_path  # noqa: E402

_PATH_PART = st.sampled_from(["a", "b", ".", "..", "", ".x", "...", "sessions", "é"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_PATH_PART, max_size=6), st.lists(_PATH_PART, max_size=6), st.booleans(), st.booleans())
def test_a_path_in_a_message_is_what_relpath_gives(root_parts, rest, absolute, trailing) -> None:
    """relative_path's shortcut for plain paths under the root gives what os.path.relpath gives."""
    root = ("/" if absolute else "") + "/".join(root_parts)
    root = root or "."
    path = root.rstrip("/") + "/" + "/".join(rest) + ("/" if trailing else "")
    assert relative_path(path, root) == os.path.relpath(path, root).replace(os.sep, "/")
