"""Texts in strings.yml are templates with plain {names}, never code (issue 11, point 2).

str.format let a text reach the process environment (`{link.format.__globals__[...]}`), pad a
value to hundreds of megabytes (`{capacity:>50000000}`) or crash the build (a lone `{`). Here the
loader refuses every such text with one sentence at its line and column, and the site fills in
texts with its own small parser.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from conftest import REPO, build_site, copy_project, parse_html, run_portal, own_strings
from arbeidsmigranten_portaal import placeholders
from arbeidsmigranten_portaal.checks.strings import MAX_TEXT_LENGTH
from arbeidsmigranten_portaal.clock import TIMEZONE
from arbeidsmigranten_portaal.load import SourceDirs, load_catalog
from arbeidsmigranten_portaal.problems import ContentProblems, Problem
from arbeidsmigranten_portaal.render.blocks import BLOCKS
from arbeidsmigranten_portaal.render.labels import PLACES, REQUIRED_KEYS, Labels, places_of
from arbeidsmigranten_portaal.render.page_html import MarkdownWriter
from arbeidsmigranten_portaal.render.pages import mark_reviewed
from arbeidsmigranten_portaal.render.views import RenderContext
from arbeidsmigranten_portaal.site import PortalSite
from arbeidsmigranten_portaal.urls import SiteUrls

SITE_LANGUAGES = ("nl", "en", "pl", "ro", "bg")
CALENDAR_LANGUAGES = ("nl", "en")
CANARY = "kanarie-4f1c9e-geheim"
FROZEN_NOW = "2027-01-15 09:00"


# --- The parser on its own -----------------------------------------------------------------------


def test_fill_puts_values_in_and_never_reads_them_as_templates() -> None:
    text = "Kom op {date} om {time} uur"
    values = {"date": "{time}", "time": "{{x}} {date.__class__}"}
    assert placeholders.fill(text, values) == "Kom op {time} om {{x}} {date.__class__} uur"


def test_double_braces_are_literal_braces() -> None:
    assert placeholders.fill("{{a}} {{{a}}} }}{{", {"a": "1"}) == "{a} {1} }{"
    assert placeholders.names("{{a}} en {b}") == {"b"}


@pytest.mark.parametrize(
    "text, kind, offset",
    [
        ("a { b", placeholders.LONE_OPEN, 2),
        ("a } b", placeholders.LONE_CLOSE, 2),
        ("{a{b}", placeholders.LONE_OPEN, 0),
        ("x {a.b}", placeholders.NOT_A_NAME, 2),
        ("{a[0]}", placeholders.NOT_A_NAME, 0),
        ("{a:>9}", placeholders.NOT_A_NAME, 0),
        ("{a!r}", placeholders.NOT_A_NAME, 0),
        ("{}", placeholders.NOT_A_NAME, 0),
        ("{0}", placeholders.NOT_A_NAME, 0),
        ("{ a }", placeholders.NOT_A_NAME, 0),
        ("{{ {a} {b}", placeholders.UNKNOWN, 7),
    ],
)
def test_the_first_error_of_a_text(text: str, kind: str, offset: int) -> None:
    error = placeholders.first_error(text, {"a"})
    assert error is not None
    assert (error.kind, error.offset) == (kind, offset)
    with pytest.raises(placeholders.TemplateError):
        placeholders.fill(text, {"a": "1"})


def test_fill_refuses_a_name_without_a_value() -> None:
    with pytest.raises(placeholders.TemplateError):
        placeholders.fill("{a} {b}", {"a": "1"})


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("{}ab_.:!0[] x"), max_size=40))
def test_any_text_is_either_filled_or_one_template_error(text: str) -> None:
    try:
        filled = placeholders.fill(text, {"a": "A", "b": "B", "_": "U"})
    except placeholders.TemplateError as error:
        assert text[error.offset] in "{}"
    else:
        # Only A, B and U come from values; every brace left came from a doubled one.
        assert filled.count("{") + filled.count("}") <= text.count("{") + text.count("}")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_doubling_every_brace_gives_back_the_text(text: str) -> None:
    escaped = text.replace("{", "{{").replace("}", "}}")
    assert placeholders.fill(escaped, {}) == text


def test_a_long_text_is_parsed_in_one_pass() -> None:
    text = "{a} {{x}} " * 50_000
    assert placeholders.fill(text, {"a": "1"}) == "1 {x} " * 50_000


# --- Labels ---------------------------------------------------------------------------------------


def test_labels_html_escapes_the_words_and_keeps_the_renderers_html() -> None:
    labels = Labels("nl", {"contact.website": "<b>Via</b> {{site}}: {link}"})
    html = labels.html("contact.website", link='<a href="https://x.test/">x</a>')
    assert isinstance(html, Markup)
    soup = BeautifulSoup(str(html), "html.parser")
    assert soup.find("b") is None and soup.get_text() == "<b>Via</b> {site}: x"
    assert soup.a["href"] == "https://x.test/"


def test_labels_refuse_names_their_table_does_not_list() -> None:
    labels = Labels("nl", {"registration.open": "Aanmelden kan {deadline}."})
    assert labels("registration.open", deadline="tot morgen") == "Aanmelden kan tot morgen."
    with pytest.raises(TypeError):
        labels("registration.open", deadline="x", environ="y")
    with pytest.raises(TypeError):
        labels("registration.open")


def test_the_browser_script_gets_literal_braces_written_out() -> None:
    words = {key: "x" for key in REQUIRED_KEYS}
    words["registration.open"] = "Open {{nu}} {deadline}"
    assert Labels("nl", words).for_script()["registration.open"] == "Open {nu} {deadline}"


# --- The table of places is what the renderers pass -------------------------------------------


class RecordingLabels(Labels):
    """Labels that note which names each call passed."""

    calls: list[tuple[str, frozenset[str]]] = []

    def __call__(self, key: str, **values: object) -> str:
        self.calls.append((key, frozenset(values)))
        return super().__call__(key, **values)

    def html(self, key: str, **fragments: str) -> Markup:
        self.calls.append((key, frozenset(fragments)))
        return super().html(key, **fragments)


def test_the_table_of_places_is_exactly_what_the_renderers_pass(tmp_path: Path) -> None:
    import datetime as dt

    root = Path(shutil.copytree(REPO / "tests" / "sites" / "calendar", tmp_path / "site"))
    # A second partner of one kind, so the alliance counts "2 partners" and not only "1 partner".
    (root / "partners" / "tweede-bouwer.yml").write_text("name: Tweede bouwer\nkind: werkgever\ndescription: Ook.\n",
                                                       encoding="utf-8")
    catalog = load_catalog(SourceDirs(root, root / "site_config", root / "sessions", root / "partners", root / "content"))
    RecordingLabels.calls = []
    labels = RecordingLabels("nl", catalog.strings.for_language("nl"))
    ctx = RenderContext(catalog, dt.datetime(2027, 1, 15, 10, 0, tzinfo=TIMEZONE), SiteUrls(site_url="https://p.test.invalid/"), labels)
    site = PortalSite(ctx)
    for page in site.pages():
        page.body()
    site.files()
    site.calendar_block("kennissessies/")
    site.next_sessions_block("")
    site.alliance_block("alliantie/")
    # The voortgang, with actions of each kind of planned time, a history and a document.
    from arbeidsmigranten_portaal.action_model import Action
    actions = {
        "een": Action.model_validate({"ambition": 1, "title": "Een", "plan": "Plan.", "planned": "2023-Q4",
                                      "status": "bezig", "updated": "2024-01-15", "note": "Uitleg.",
                                      "history": [{"date": "2023-09-01", "status": "gepland"}],
                                      "evidence": [{"url": "https://doc.test.invalid/", "title": "Document"}]}),
        "twee": Action.model_validate({"ambition": "alle", "title": "Twee", "plan": "Plan.", "planned": "2024-01-01",
                                       "status": "gedaan", "updated": "2024-01-02", "note": "Klaar."}),
    }
    with_actions = PortalSite(dataclasses.replace(ctx, catalog=dataclasses.replace(catalog, actions=actions)))
    with_actions.progress_block("voortgang/")
    with_actions.files()
    # The PDFs to print: a flyer for every upcoming session, the voortgangsrapportage.
    from arbeidsmigranten_portaal.render.paper import flyer_session_ids, paper_documents
    printing = dataclasses.replace(with_actions.ctx, flyer_ids=flyer_session_ids(catalog, ctx.now, 100), pdfs=True)
    assert paper_documents(printing, PortalSite(printing).ordered_sessions, "voortgang/", {})
    mark_reviewed("# Pagina\n", labels, dt.date(2026, 12, 3))  # every content page's review date
    settings_ = catalog.settings
    both = dict(phone="0529 000 000", email="meldpunt@gemeente.test.invalid")
    for meldpunt in ({**both}, {**both, "email": None}, {**both, "phone": None}):
        for contact in ({**both}, {"phone": None, "email": None}):
            changed = settings_.model_copy(update={
                "meldpunt": settings_.meldpunt.model_copy(update=meldpunt),
                "contact": settings_.contact.model_copy(update=contact),
            })
            other = PortalSite(dataclasses.replace(ctx, catalog=dataclasses.replace(catalog, settings=changed)))
            BLOCKS["meldpunt"](other, "", MarkdownWriter())
            BLOCKS["contact"](other, "", MarkdownWriter())

    passed: dict[str, set[frozenset[str]]] = {}
    for key, names in RecordingLabels.calls:
        passed.setdefault(key, set()).add(names)
    assert {key: {places_of(key)} for key in passed} == passed
    assert set(PLACES) <= set(passed), f"never rendered: {sorted(set(PLACES) - set(passed))}"
    # Every text the shipped nl words fill in is in the table (the loader checks the rest).
    shipped = catalog.strings.for_language("nl")
    assert {key for key in shipped if placeholders.names(shipped[key])} <= set(PLACES)


# --- The loader refuses hostile texts ---------------------------------------------------------


def load(root: Path) -> list[Problem]:
    dirs = SourceDirs(root, root / "site_config", root / "sessions", root / "partners", root / "content")
    try:
        load_catalog(dirs, SITE_LANGUAGES, CALENDAR_LANGUAGES)
    except ContentProblems as error:
        return error.problems
    return []


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("templates") / "site")


@pytest.fixture
def strings_file(project: Path):
    path = own_strings(project)
    original = path.read_text(encoding="utf-8")
    yield path, original
    path.write_text(original, encoding="utf-8")


def replace_text(original: str, language: str, key: str, written: str) -> tuple[str, int, int]:
    """strings.yml with the text of `key` under `language` replaced by `written` (as it stands in
    the file, quotes and block lines included); (new file, line, column) where `written` starts."""
    lines = original.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.rstrip() == f"{language}:")
    index = next(i for i in range(start + 1, len(lines)) if lines[i].startswith(f"  {key}:"))
    end = index + 1
    while end < len(lines) and lines[end].startswith("    "):  # the lines of a block text
        end += 1
    prefix = f"  {key}: "
    lines[index:end] = [prefix + written + "\n"]
    return "".join(lines), index + 1, len(prefix) + 1


def at(written: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """(line offset, column offset) of `needle` inside `written`, which may span lines."""
    position = -1
    for _ in range(occurrence + 1):
        position = written.index(needle, position + 1)
    before = written[:position]
    if "\n" in before:
        return before.count("\n"), position - before.rfind("\n") - 1
    return 0, position


_REGISTRATION_OPEN = ("nl", "registration.open", "{deadline}")
_NO_PLACES = ("nl", "session.past", "geen invulplekken")
_TWO_PLACES = ("nl", "registration.until_moment", "{date} en {time}")

HOSTILE = [
    # (where, what is written in the file, the part the problem points at, what the sentence says)
    (_REGISTRATION_OPEN, '"{link.format.__globals__[os].environ}"', "{link", "iets anders dan alleen een naam"),
    (_REGISTRATION_OPEN, "Aanmelden kan {deadline.__class__}.", "{deadline.", "iets anders dan alleen een naam"),
    (_REGISTRATION_OPEN, '"{title.__init__.__globals__}"', "{title", "iets anders dan alleen een naam"),
    (_REGISTRATION_OPEN, "Aanmelden kan {deadline[0]}.", "{deadline[", "iets anders dan alleen een naam"),
    (_REGISTRATION_OPEN, "Aanmelden kan {deadline:>50000000}.", "{deadline:", "iets anders dan alleen een naam"),
    (_REGISTRATION_OPEN, '"Nog {capacity:,>99999999} plaatsen"', "{capacity", "iets anders dan alleen een naam"),
    (_REGISTRATION_OPEN, "Aanmelden kan {deadline!r}.", "{deadline!", "iets anders dan alleen een naam"),
    (_REGISTRATION_OPEN, '"Aanmelden kan {}."', "{}", "iets anders dan alleen een naam"),
    (_REGISTRATION_OPEN, '"Aanmelden kan {0}."', "{0}", "iets anders dan alleen een naam"),
    (_REGISTRATION_OPEN, "Aanmelden kan {__class__}.", "{__class__}", "invulplek die de site in deze tekst niet invult"),
    (_REGISTRATION_OPEN, "Aanmelden kan {deadline} tot {einde}.", "{einde}", "invulplek die de site in deze tekst niet invult"),
    (_REGISTRATION_OPEN, "Aanmelden kan {deadline} {", "{", "een { zonder } erna", 1),
    (_REGISTRATION_OPEN, "Aanmelden kan } {deadline}", "}", "een } zonder { ervoor"),
    (_REGISTRATION_OPEN, "Aanmelden {{kan}} {deadline} }}}", "}", "een } zonder { ervoor", 5),
    (_REGISTRATION_OPEN, '"' + "lang " * 180 + '{deadline.x}"', "{deadline.x}", "iets anders dan alleen een naam"),
    (_REGISTRATION_OPEN, '"{' + "a" * 900 + '"', "{", "een { zonder } erna"),
    (_REGISTRATION_OPEN, "|-\n    Aanmelden kan\n    {deadline} of {kanaal}", "{kanaal}", "niet invult"),
    (_REGISTRATION_OPEN, ">-\n    Aanmelden kan\n\n    {deadline} of\n    {deadline[1]}", "{deadline[", "alleen een naam"),
    (("en", "registration.open", "{deadline}"), "Registration {environ}.", "{environ}", "niet invult"),
    (_NO_PLACES, "Deze kennissessie is al geweest {op}.", "{op}", "niet invult"),
    (_NO_PLACES, "Dit is { oud.", "{", "een { zonder } erna"),
    (_TWO_PLACES, "tot {date}, {time:%H} uur", "{time", "alleen een naam"),
]


@pytest.mark.parametrize("case", HOSTILE, ids=[case[1][:40] for case in HOSTILE])
def test_a_hostile_text_is_one_problem_at_its_brace(strings_file, project: Path, case) -> None:
    (language, key, allowed), written, needle, says, *occurrence = case
    path, original = strings_file
    changed, line, col = replace_text(original, language, key, written)
    path.write_text(changed, encoding="utf-8")

    problems = load(project)

    assert len(problems) == 1, "\n".join(p.as_line() for p in problems)
    [problem] = problems
    lines_down, cols_in = at(written, needle, *occurrence)
    expected_col = (1 + cols_in) if lines_down else (col + cols_in)
    assert (problem.path, problem.line, problem.col) == ("site_config/strings.yml", line + lines_down, expected_col)
    sentence = problem.sentence()
    assert f'"{language}.{key}"' in sentence and says in sentence
    assert allowed in sentence
    assert "{{ of }}" in sentence  # how to write a brace that is only a brace
    assert "Traceback" not in sentence and "\n" not in sentence


def test_doubled_braces_pass_the_check(strings_file, project: Path) -> None:
    path, original = strings_file
    changed, _, _ = replace_text(original, "nl", "session.back", '"Terug {{naar}} alle kennissessies"')
    path.write_text(changed, encoding="utf-8")
    assert load(project) == []


def test_a_text_too_long_for_a_label_is_one_problem(strings_file, project: Path) -> None:
    path, original = strings_file
    changed, line, col = replace_text(original, "nl", "registration.open", "x" * (MAX_TEXT_LENGTH + 1) + " {deadline}")
    path.write_text(changed, encoding="utf-8")
    [problem] = load(project)
    assert (problem.line, problem.col) == (line, col)
    assert f"hooguit {MAX_TEXT_LENGTH} tekens" in problem.message


def test_a_translation_without_the_places_of_nl_still_says_so(strings_file, project: Path) -> None:
    path, original = strings_file
    changed, line, col = replace_text(original, "en", "registration.open", "Registration open.")
    path.write_text(changed, encoding="utf-8")
    [problem] = load(project)
    assert (problem.line, problem.col) == (line, col)
    assert "dezelfde invulplekken" in problem.message and "{deadline}" in problem.message


# --- The build and `portal check` -------------------------------------------------------------


BUILD_CASES = [
    ("contact.website", '"Via de website: {link.format.__globals__[os].environ}"', "{link."),
    ("registration.capacity", "Er zijn {capacity:>50000000} plaatsen.", "{capacity:"),
    ("session.back", '"Terug {"', "{"),
]


@pytest.mark.parametrize("key, written, needle", BUILD_CASES, ids=[case[0] for case in BUILD_CASES])
def test_the_build_refuses_a_hostile_text_without_leaking_or_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: str, written: str, needle: str
) -> None:
    monkeypatch.setenv("PORTAL_SECRET_CANARY", CANARY)
    monkeypatch.setenv("PORTAL_NOW", FROZEN_NOW)
    project = copy_project(tmp_path / "project")
    path = own_strings(project)
    changed, line, col = replace_text(path.read_text(encoding="utf-8"), "nl", key, written)
    path.write_text(changed, encoding="utf-8")
    site = tmp_path / "site"

    result = build_site(project, site)
    checked = run_portal("check", cwd=project, env={"PORTAL_SECRET_CANARY": CANARY, "PORTAL_NOW": FROZEN_NOW})

    where = f"site_config/strings.yml:{line}:{col + written.index(needle)}: \"nl.{key}\""
    for output, code in ((result.output, result.exit_code), (checked.stdout + checked.stderr, checked.returncode)):
        assert code != 0, output
        assert where in output, output
        assert "Traceback" not in output and CANARY not in output
    published = [p for p in site.rglob("*") if p.is_file()] if site.exists() else []
    assert not any(CANARY.encode() in p.read_bytes() for p in published)
    assert not any(p.stat().st_size > 5_000_000 for p in published)


def test_literal_braces_reach_the_built_pages_as_single_braces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAL_NOW", FROZEN_NOW)
    project = copy_project(tmp_path / "project")
    path = own_strings(project)
    text = path.read_text(encoding="utf-8")
    text, _, _ = replace_text(text, "nl", "session.back", '"Terug naar {{alle}} kennissessies"')
    text, _, _ = replace_text(text, "nl", "contact.website", '"Via {{de}} website: {link}"')
    text, _, _ = replace_text(text, "nl", "calendar.audience_title", '"Kennissessies {{voor}} {label}"')
    path.write_text(text, encoding="utf-8")

    result = build_site(project, tmp_path / "site")
    assert result.exit_code == 0, result.output

    site = tmp_path / "site"
    calendar = parse_html(site / "kennissessies" / "ondernemers" / "index.html")
    assert calendar.h1 is not None and calendar.h1.get_text(strip=True).startswith("Kennissessies {voor} ondernemers")
    session_page = next(p for p in (site / "kennissessies").glob("20*/index.html"))
    backs = [a.get_text(strip=True) for a in parse_html(session_page).select("a")]
    assert "Terug naar {alle} kennissessies" in backs
    contact = parse_html(site / "toegankelijkheid" / "index.html").select_one(".portal-contact li")
    assert contact is not None
    assert re.match(r"^Via \{de\} website: ", contact.get_text()), contact.get_text()
    assert contact.a is not None and contact.a["href"].startswith("https://")
