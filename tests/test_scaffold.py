"""`portal new` as an editor meets it: at a terminal (a pseudo terminal here), with wrong answers.

Every question gets a wrong answer first and a right one after it. What the command says about
the wrong answer must be the very sentence `portal check` prints for a file with that value in
it: the test writes such files (with ruamel.yaml, not with the code under test) and runs the
real check on them. The files `portal new` writes are checked by the real check and read back
with ruamel.yaml.
"""

from __future__ import annotations

import datetime as dt
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import TEST_NOW, build_site, run_portal

# How long to wait for the command's next words before the test gives up (not a measurement).
PATIENCE = 120.0


class Terminal:
    """`portal` on a pseudo terminal: what it prints, and answers typed as on a keyboard."""

    def __init__(self, *args: str, cwd: Path) -> None:
        main, other = os.openpty()
        environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
        environment["PORTAL_NOW"] = TEST_NOW
        self.process = subprocess.Popen([sys.executable, "-m", "arbeidsmigranten_portaal.cli", *args], cwd=cwd, env=environment,
                                        stdin=other, stdout=other, stderr=other, close_fds=True)
        os.close(other)
        self.main = main
        self.output = ""
        self.read_to = 0

    def _read(self) -> bool:
        ready, _, _ = select.select([self.main], [], [], PATIENCE)
        assert ready, f"portal zegt niets meer; tot nu toe:\n{self.output}"
        try:
            chunk = os.read(self.main, 4096)
        except OSError:  # the command ended and closed the terminal
            return False
        if not chunk:
            return False
        self.output += chunk.decode("utf-8", "replace").replace("\r\n", "\n")
        return True

    def until(self, text: str) -> str:
        """Everything printed from where the last wait ended up to and including `text`."""
        while text not in self.output[self.read_to:]:
            assert self._read(), f"{text!r} kwam niet; portal schreef:\n{self.output}"
        end = self.output.index(text, self.read_to) + len(text)
        said, self.read_to = self.output[self.read_to:end], end
        return said

    def type(self, line: str) -> None:
        os.write(self.main, line.encode() + b"\n")

    def end(self) -> tuple[int, str]:
        """Exit status and the rest of what was printed."""
        while self._read():
            pass
        rest = self.output[self.read_to:]
        os.close(self.main)
        return self.process.wait(timeout=PATIENCE), rest


def wait_until_blocked(pid: int) -> None:
    """Until the process sleeps in a system call (Linux: /proc), else a second."""
    stat = Path(f"/proc/{pid}/stat")
    if not stat.exists():
        time.sleep(1)
        return
    for _ in range(100):
        if stat.read_text().rsplit(")", 1)[1].split()[0] == "S":
            time.sleep(0.2)
            return
        time.sleep(0.05)


def wrong_then_right(terminal: Terminal, question: str, wrong: str, right: str) -> str:
    """Answer `question` wrongly, then rightly; the sentence said between the two questions."""
    terminal.until(question)
    terminal.type(wrong)
    said = terminal.until(question)
    terminal.type(right)
    # The terminal echoes the answer; the sentence is the first line after it, before any list
    # of choices or the question again.
    lines = said.split("\n")
    assert lines[0].endswith(wrong), said
    return lines[1]


def check_sentences(site: Path) -> dict[str, list[str]]:
    """What `portal check` says per file: the sentence after 'path:line:col: '."""
    result = run_portal("check", cwd=site)
    said: dict[str, list[str]] = {}
    for line in result.stdout.splitlines():
        path, _line, _col, sentence = line.split(":", 3)
        said.setdefault(path, []).append(sentence.strip())
    return said


yaml = YAML()  # round trip: a variant keeps the file as written and changes one value
yaml.width = 4096  # one value on one line, as an editor types it


def variant(written: Path, name: str, change) -> Path:
    data = yaml.load(written)
    change(data)
    target = written.with_name(name)
    with target.open("w", encoding="utf-8") as file:
        yaml.dump(data, file)
    return target


def files_under(site: Path) -> set[Path]:
    return {p for p in site.rglob("*") if p.is_file()}


# --- Every question, wrong then right ---------------------------------------------------------------


SESSION_ANSWERS = [
    # (question, wrong answer, right answer, what the wrong answer looks like in a file)
    ("Titel: ", "", "Signalen herkennen", lambda d: d.__setitem__("title", "")),
    ("Begin, datum en tijd", "11 maart 19:30", "2027-03-11 19:30", lambda d: d.__setitem__("start", "11 maart 19:30")),
    ("Einde, datum en tijd", "2027-03-11 18:00", "2027-03-11 21:00", lambda d: d.__setitem__("end", "2027-03-11 18:00")),
    ("Naam van de plek", "", "Gemeentehuis", lambda d: d["location"].__setitem__("name", "")),
    ("Adres: straat", "Dorpsstraat " + "1" * 200, "", lambda d: d["location"].__setitem__("address", "Dorpsstraat " + "1" * 200)),
    ("Link naar de online bijeenkomst", "", "https://meet.example.nl/signalen", lambda d: d["location"].pop("online_url")),
    ("Voor wie?", "iedereen", " Ondernemers , 2", lambda d: d.__setitem__("audiences", ["iedereen"])),
    ("Waar gaat het over", "", "Wat zijn signalen van uitbuiting?", lambda d: d.__setitem__("summary", "")),
    ("Aanmeldlink", "www.formulieren.example.nl/signalen", "https://formulieren.example.nl/signalen",
     lambda d: d["registration"]["ondernemers"].__setitem__("url", "www.formulieren.example.nl/signalen")),
    ("Laatste dag om aan te melden", "2027-03-12", "2027-03-04",
     lambda d: d["registration"]["ondernemers"].__setitem__("deadline", "2027-03-12")),
]

PARTNER_ANSWERS = [
    ("Naam van de organisatie: ", "", "Kwekerij De Ster", lambda d: d.__setitem__("name", "")),
    ("Soort organisatie", "werkgevers", "  WERKGEVER ", lambda d: d.__setitem__("kind", "werkgevers")),
    ("Wat doet de organisatie", "", "Een kwekerij die seizoenswerk biedt.", lambda d: d.__setitem__("description", "")),
    ("Website", "www.ster.example", "https://ster.example/", lambda d: d.__setitem__("website", "www.ster.example")),
]

POST_ANSWERS = [
    # (question, wrong, right, (text in the written file, the wrong text in its place))
    ("Titel: ", 'Controle "maart"', "Controle in maart", ('description: "Controle in maart"',
                                                        'description: "Controle \\"maart\\""')),
    ("Categorie", "Sport", "goede voorbeelden", ('  - "Goede voorbeelden"', '  - "Sport"')),
    ("Waar gaat het bericht over", ":tada: Een goede controle.", "Een goede controle.",
     ("Een goede controle.", ":tada: Een goede controle.")),
    ("De rest van het bericht", "Schrijf hier de rest van het bericht.", "Iedereen deed mee.",
     ("Iedereen deed mee.", "Schrijf hier de rest van het bericht.")),
]


def test_every_question_asks_again_with_the_checks_own_sentence(project_copy: Path) -> None:
    site = project_copy
    said: dict[str, list[tuple[str, Path]]] = {}  # the file that shows each wrong answer

    session = Terminal("new", "session", cwd=site)
    session_said = [wrong_then_right(session, q, wrong, right) for q, wrong, right, _ in SESSION_ANSWERS]
    status, rest = session.end()
    assert status == 0, rest
    assert "aangemaakt: sessions/2027-03-signalen-herkennen.yml" in rest

    partner = Terminal("new", "partner", cwd=site)
    partner_said = [wrong_then_right(partner, q, wrong, right) for q, wrong, right, _ in PARTNER_ANSWERS]
    status, rest = partner.end()
    assert status == 0, rest
    assert "aangemaakt: partners/kwekerij-de-ster.yml" in rest

    post = Terminal("new", "post", cwd=site)
    post_said = [wrong_then_right(post, q, wrong, right) for q, wrong, right, _ in POST_ANSWERS]
    status, rest = post.end()
    assert status == 0, rest
    assert "aangemaakt: content/nieuws/posts/controle-in-maart.md" in rest

    # The written files pass the real check and mean what was answered.
    check = run_portal("check", cwd=site)
    assert check.returncode == 0, check.stdout + check.stderr
    written_session = site / "sessions" / "2027-03-signalen-herkennen.yml"
    assert YAML(typ="safe").load(written_session) == {
        "title": "Signalen herkennen",
        "start": "2027-03-11 19:30",
        "end": "2027-03-11 21:00",
        "location": {"name": "Gemeentehuis", "online_url": "https://meet.example.nl/signalen"},
        "audiences": ["ondernemers", "raadsleden"],
        "summary": "Wat zijn signalen van uitbuiting?",
        "registration": {"ondernemers": {"url": "https://formulieren.example.nl/signalen", "deadline": "2027-03-04"}},
    }
    written_partner = site / "partners" / "kwekerij-de-ster.yml"
    assert YAML(typ="safe").load(written_partner) == {
        "name": "Kwekerij De Ster", "kind": "werkgever", "description": "Een kwekerij die seizoenswerk biedt.",
        "website": "https://ster.example/",
    }
    written_post = site / "content" / "nieuws" / "posts" / "controle-in-maart.md"
    post_text = written_post.read_text(encoding="utf-8")
    front, body = post_text.split("---\n")[1:3]
    assert YAML(typ="safe").load(front) == {
        "date": dt.date.fromisoformat(TEST_NOW[:10]),
        "categories": ["Goede voorbeelden"], "description": "Controle in maart",
    }
    assert body.split("\n") == ["", "# Controle in maart", "", "Een goede controle.", "", "<!-- more -->", "",
                                "Iedereen deed mee.", ""]

    # Each wrong answer, put into a copy of the written file: the check says what portal new said.
    for index, (_, _, _, change) in enumerate(SESSION_ANSWERS):
        path = variant(written_session, f"2027-03-fout-{index}.yml", change)
        said.setdefault(session_said[index], []).append(("session", path))
    for index, (_, _, _, change) in enumerate(PARTNER_ANSWERS):
        path = variant(written_partner, f"fout-{index}.yml", change)
        said.setdefault(partner_said[index], []).append(("partner", path))
    for index, (_, _, _, (right, wrong)) in enumerate(POST_ANSWERS):
        assert right in post_text
        path = written_post.with_name(f"fout-{index}.md")
        path.write_text(post_text.replace(right, wrong, 1), encoding="utf-8")
        said.setdefault(post_said[index], []).append(("post", path))
    found = check_sentences(site)
    for sentence, places in said.items():
        for _, path in places:
            display = path.relative_to(site).as_posix()
            assert sentence in found.get(display, []), (sentence, display, found.get(display))


def test_choices_take_any_case_spaces_and_numbers(project_copy: Path) -> None:
    made = [
        run_portal("new", "partner", "--name", "Bureau Hoofdletters", "--kind", "  UitzendBureau ", "--description",
                   "Een bureau.", "--website", "", cwd=project_copy),
        run_portal("new", "post", "--title", "Kleine letters", "--category", " goede   VOORBEELDEN", "--intro",
                   "Een goed voorbeeld.", "--body", "", cwd=project_copy),
        run_portal("new", "session", "--title", "Nummers", "--start", "2027-04-01 19:30", "--end", "2027-04-01 21:00",
                   "--location", "Online", "--online-url", "https://meet.example.nl/a", "--audience", "2",
                   "--audience", " RAADSLEDEN ", "--summary", "Over nummers.", cwd=project_copy),
    ]
    assert [m.returncode for m in made] == [0, 0, 0], [m.stderr for m in made]
    partner = YAML(typ="safe").load(project_copy / "partners" / "bureau-hoofdletters.yml")
    assert partner["kind"] == "uitzendbureau" and "website" not in partner
    post = (project_copy / "content" / "nieuws" / "posts" / "kleine-letters.md").read_text(encoding="utf-8")
    assert YAML(typ="safe").load(post.split("---\n")[1])["categories"] == ["Goede voorbeelden"]
    session = YAML(typ="safe").load(project_copy / "sessions" / "2027-04-nummers.yml")
    assert session["audiences"] == ["raadsleden"]  # the same group twice is one
    assert "registration" not in session  # raadsleden register through the griffie (audiences.yml)
    check = run_portal("check", cwd=project_copy)
    assert check.returncode == 0, check.stdout + check.stderr


WRONG_FLAGS = [
    (("partner", "--name", "X", "--kind", "werkgevers", "--description", "Y"),
     '--kind: "kind" moet een van deze waarden zijn: werkgever, uitzendbureau, huisvester, gemeente, kennispartner, '
     'overheid; bedoelt u "werkgever"? (u schreef "werkgevers")'),
    (("partner", "--name", "X", "--kind", "werkgever", "--description", "Y", "--website", "www.x.nl"),
     '--website: "website" moet een volledig webadres zijn dat begint met https://'),
    (("session", "--title", "X", "--start", "2027-03-11 19:30", "--end", "2027-03-11 19:00"),
     '--end: "end" moet later zijn dan het begin (start) (u schreef "2027-03-11 19:00")'),
    (("session", "--title", "X", "--start", "2027-03-11"), '--start: "start" heeft een datum maar geen tijd'),
    (("session", "--title", "X", "--start", "2027-03-11 19:30", "--end", "2027-03-11 21:00", "--location", "Hier",
      "--address", "Straat 1", "--audience", "burgers"), '--audience: "audiences" is geen bekende doelgroep'),
    (("session", "--title", "X", "--start", "2027-03-11 19:30", "--end", "2027-03-11 21:00", "--location", "Hier",
      "--address", "Straat 1", "--audience", "ondernemers", "--summary", "Z", "--registration-url",
      "https://f.example.nl/", "--deadline", "2027-03-12"),
     '--deadline: "registration.ondernemers.deadline" ligt na het begin van de sessie'),
    (("post", "--title", "X", "--category", "Sport"), '--category: "Sport" is geen categorie van het nieuws'),
    (("post", "--title", "X", "--date", "11-03-2027"), '--date: "date" moet een datum zijn'),
    (("post", "--title", "X", "--category", "Aanpak", "--intro", ""), "--intro: hier is een antwoord nodig"),
    # Passes every question on its own; the whole check (privacy) refuses the file.
    (("partner", "--name", "Bouw Jan", "--kind", "werkgever", "--description", "Bel Jan op 06-12345678."),
     "--description: dit lijkt een telefoonnummer van een persoon"),
]


@pytest.mark.parametrize(("args", "sentence"), WRONG_FLAGS)
def test_a_wrong_flag_is_a_dutch_sentence_exit_2_and_nothing_written(project_copy: Path, args, sentence) -> None:
    before = files_under(project_copy)
    result = run_portal("new", *args, cwd=project_copy)
    assert result.returncode == 2, result.stderr
    assert f"portal new {args[0]}: {sentence}" in result.stderr
    assert result.stderr.rstrip().endswith("er is niets geschreven")
    assert result.stdout == ""
    assert files_under(project_copy) == before


def test_what_only_the_whole_check_finds_is_asked_again(project_copy: Path) -> None:
    """A personal phone number is the privacy check's to find (it reads whole files): the file is
    removed again and the question it is in comes back, with the check's sentence."""
    terminal = Terminal("new", "partner", "--name", "Bouw Jan", "--kind", "werkgever", "--website", "", cwd=project_copy)
    terminal.until("Wat doet de organisatie")
    terminal.type("Bel Jan op 06-12345678.")
    said = terminal.until("Wat doet de organisatie")
    assert not (project_copy / "partners" / "bouw-jan.yml").exists()
    assert said.split("\n")[1].startswith("dit lijkt een telefoonnummer van een persoon")
    terminal.type("Een bouwbedrijf dat meedoet.")
    status, rest = terminal.end()
    assert status == 0, rest
    assert YAML(typ="safe").load(project_copy / "partners" / "bouw-jan.yml")["description"] == "Een bouwbedrijf dat meedoet."


def test_end_of_input_stops_and_writes_nothing(project_copy: Path) -> None:
    before = files_under(project_copy)
    terminal = Terminal("new", "session", cwd=project_copy)
    terminal.until("Titel: ")
    terminal.type("Een titel")
    terminal.until("Begin, datum en tijd")
    os.write(terminal.main, b"\x04")  # Ctrl+D at the start of a line: the end of the input
    status, rest = terminal.end()
    assert status == 2
    assert "portal new session: geen antwoord op 'Begin, datum en tijd" in rest and "er is niets geschreven" in rest
    assert files_under(project_copy) == before


def test_interrupt_stops_and_writes_nothing(project_copy: Path) -> None:
    before = files_under(project_copy)
    terminal = Terminal("new", "partner", cwd=project_copy)
    terminal.until("Naam van de organisatie: ")
    terminal.type("Een naam")
    terminal.until("Soort organisatie")
    # Ctrl+C while the question waits, as a person presses it. A signal can land between Python's
    # check for signals and the read that follows, and then the read waits for a line before
    # Python sees it (a race in CPython, not in portal new): as a person would, press it again.
    wait_until_blocked(terminal.process.pid)
    for _ in range(10):
        terminal.process.send_signal(signal.SIGINT)  # what Ctrl+C sends
        try:
            terminal.process.wait(timeout=2)
            break
        except subprocess.TimeoutExpired:
            continue
    status, rest = terminal.end()
    assert status == 130
    assert "portal new partner: gestopt (Ctrl+C); er is niets geschreven" in rest
    assert files_under(project_copy) == before


def test_file_names_stay_in_their_folder_and_never_overwrite(project_copy: Path) -> None:
    args = ("new", "partner", "--kind", "werkgever", "--description", "Een bedrijf.", "--website", "")
    first = run_portal(*args, "--name", "../../Gemeente Dalfsen/..", cwd=project_copy)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "aangemaakt: partners/gemeente-dalfsen-2.yml"  # gemeente-dalfsen.yml exists
    original = (project_copy / "partners" / "gemeente-dalfsen.yml").read_text(encoding="utf-8")
    second = run_portal(*args, "--name", "Gemeente Dalfsen", cwd=project_copy)
    assert second.stdout.strip() == "aangemaakt: partners/gemeente-dalfsen-3.yml"
    assert "let op: er is al een bestand partners/gemeente-dalfsen.yml" in second.stderr
    assert (project_copy / "partners" / "gemeente-dalfsen.yml").read_text(encoding="utf-8") == original
    assert YAML(typ="safe").load(project_copy / "partners" / "gemeente-dalfsen-2.yml")["name"] == "../../Gemeente Dalfsen/.."


# --- Template instructions: refused by the check and by the build ------------------------------------


def test_template_instructions_are_refused_by_check_and_build(project_copy: Path) -> None:
    post = project_copy / "content" / "nieuws" / "posts" / "oud-sjabloon.md"
    post.write_text("---\ndate: 2027-01-10\ncategories:\n  - Controles\ndescription: Een oud bericht\n---\n\n"
                    "# Een oud bericht\n\nEen echte eerste zin.\n\n<!-- more -->\n\nSchrijf hier de rest van het bericht.\n",
                    encoding="utf-8")
    partner = project_copy / "partners" / "half-af.yml"
    partner.write_text("name: Half af\nkind: werkgever\ndescription: Vul hier in wat de organisatie doet.\n",
                       encoding="utf-8")
    sentence = ("hier staat nog een aanwijzing uit het sjabloon, geen eigen tekst; vervang die door wat er echt op de "
                "site moet staan (zo wordt de pagina niet gepubliceerd)")
    result = run_portal("check", cwd=project_copy)
    assert result.returncode == 1
    assert f'content/nieuws/posts/oud-sjabloon.md:14:1: {sentence} (u schreef "Schrijf hier de rest van het bericht.")' \
        in result.stdout.splitlines()
    assert f'partners/half-af.yml:3:14: {sentence} (u schreef "Vul hier in wat de organisatie doet.")' \
        in result.stdout.splitlines()
    build = build_site(project_copy, project_copy / "site")
    assert build.exit_code != 0
    assert f"content/nieuws/posts/oud-sjabloon.md:14:1: {sentence}" in build.output
    assert not (project_copy / "site" / "nieuws").exists()


def test_instructions_inside_a_code_block_are_text_about_templates(project_copy: Path) -> None:
    page = project_copy / "content" / "nieuws" / "posts" / "over-sjablonen.md"
    page.write_text("---\ndate: 2027-01-10\ncategories:\n  - Aanpak\ndescription: Over sjablonen\n---\n\n"
                    "# Over sjablonen\n\nEen sjabloon zegt:\n\n```\nSchrijf hier de rest van het bericht.\n```\n",
                    encoding="utf-8")
    result = run_portal("check", cwd=project_copy)
    assert result.returncode == 0, result.stdout + result.stderr
