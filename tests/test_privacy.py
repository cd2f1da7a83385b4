"""The privacy check: what it must flag, what it must leave alone, and in which files it looks."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from conftest import REPO, run_portal
from arbeidsmigranten_portaal.checks.privacy import MAX_NUMBERS_PER_FILE, MAX_SCAN_BYTES, check_privacy, scan_line
from arbeidsmigranten_portaal.load import load_record
from arbeidsmigranten_portaal.model import PrivacySettings

SETTINGS = PrivacySettings(
    email_domains=["dalfsen.nl"],
    emails=["secretariaat@woonstichting.nl"],
    phones=["0529 123 456"],
    addresses=["Ruitenborghstraat 1, 7721 BE Dalfsen"],
)


# --- One line: both sides of the table -----------------------------------------------------------

FLAGGED = [
    # BSN (11-test), in the ways people write nine digits
    ("Zijn BSN is 111222333.", "burgerservicenummer"),
    ("BSN 1112.22.333 staat in het dossier.", "burgerservicenummer"),
    ("burgerservicenummer: 111 222 333", "burgerservicenummer"),
    ("Nummer 111-222-333 van de bewoner.", "burgerservicenummer"),
    ("Het BSN 012345672 begint met een nul.", "burgerservicenummer"),
    # IBAN (stdnum: country, length, check digits)
    ("Maak over naar NL91ABNA0417164300.", "rekeningnummer"),
    ("Rekening NL91 ABNA 0417 1643 00 van de huurder.", "rekeningnummer"),
    ("rekening nl91 abna 0417 1643 00", "rekeningnummer"),
    ("IBAN NL91.ABNA.0417.1643.00 graag.", "rekeningnummer"),
    ("IBAN NL91-ABNA-0417-1643-00.", "rekeningnummer"),
    ("Konto PL61 1090 1014 0000 0712 1981 2874.", "rekeningnummer"),
    ("Cont RO49AAAA1B31007593840000.", "rekeningnummer"),
    # phone numbers from abroad
    ("Zadzwoń: +48 512 345 678.", "telefoonnummer"),
    ("Sunați la +40 712 345 678.", "telefoonnummer"),
    ("Обадете се на +359 88 123 4567.", "telefoonnummer"),
    ("Of 0048 512 345 678 vanuit Nederland.", "telefoonnummer"),
    # Dutch phone numbers in every common notation
    ("Bel Jan op 06-12345678.", "telefoonnummer"),
    ("Bel 06 12 34 56 78 na vijf uur.", "telefoonnummer"),
    ("Bel 0612345678.", "telefoonnummer"),
    ("Bel 06-1234 5678.", "telefoonnummer"),
    ("Thuis: (0529) 654321.", "telefoonnummer"),
    ("Thuis: 0529-654321.", "telefoonnummer"),
    ("Kantoor 038 123 45 67.", "telefoonnummer"),
    ("Bel +31 (0)6 12345678 voor de sleutel.", "telefoonnummer"),
    ("Bel +31 6 12345678 voor de sleutel.", "telefoonnummer"),
    ("Bel 0031 6 12345678 voor de sleutel.", "telefoonnummer"),
    ("Een [belknop](tel:+31612345678) voor de buurman.", "telefoonnummer"),
    # e-mail of a domain nobody listed
    ("Mail jan.jansen@gmail.com voor info.", "e-mailadres"),
    ('<a href="mailto:piet@hotmail.com">mail</a>', "e-mailadres"),
    # licence plates
    ("Het busje met kenteken AB-123-C stond er.", "kenteken"),
    ("Kenteken 12-ABC-3 gezien.", "kenteken"),
]


@pytest.mark.parametrize("line, expected", FLAGGED)
def test_personal_data_is_flagged(line: str, expected: str) -> None:
    findings = scan_line(line, SETTINGS)
    assert len(findings) == 1, findings
    assert expected in findings[0].message


LEFT_ALONE = [
    # public numbers of businesses
    "KvK 12345678",
    "KvK-nummer: 12345672",  # as a BSN with a leading zero it would pass the 11-test
    "Ingeschreven onder 12345672 bij de Kamer van Koophandel.",  # eight digits are no BSN
    "btw NL123456782B01",
    "Btw-id: NL 1234.56.782 B01.",
    "Ons btw-nummer is NL123456782B01.",
    "RSIN 123456782",
    'rsin: "123456782"',
    "Fiscaal nummer (RSIN): 1234.56.782",
    # digits inside web addresses and link targets
    "Zie https://www.kvk.nl/zoeken/?q=111222333&tel=0612345678 voor meer.",
    "Lees het [verslag](nieuws/posts/0612345678-verslag.md).",
    '<a href="/dossier/NL91ABNA0417164300">dossier</a>',
    "Op www.voorbeeld.nl/06-12345678 staat het.",
    "[1]: https://example.nl/111222333",
    # dates and times
    "Op 2027-03-11 om 19:30 in zaal 2, tussen 2023-2025.",
    "Van 19:30-21:00 op 11-03-2027.",
    "Van 19.30 tot 21.00 uur op 11.03.2027.",
    "start: 2027-03-11 19:30",
    '  - time: "19:30"',
    # service numbers and what privacy.yml lists
    "Bel gratis 0800-5151 of 0900-8844, of 14 0529. Bij nood 112.",
    "Bel de gemeente op 088 123 4567 of 0800 0432.",
    "Het algemene nummer is 0529 123 456.",
    "Het algemene nummer is +31 529 123 456.",  # the same number, written another way
    "Mail naar info@dalfsen.nl of griffie@dalfsen.nl.",
    "Mail naar secretariaat@woonstichting.nl.",
    "Voorbeeld: info@kwekerij.example en test@site.test.invalid.",
    # numbers that only look alike
    "Het nummer 123456789 is geen geldig BSN (11-proef).",
    "Rekening NL91ABNA0417164301 klopt niet (controlegetal).",
    "Versie 1.2.3 van artikel 12-3, NEN 4400-1 sinds 2010.",
    "Ruim 300 arbeidsmigranten, € 1.250 per maand, 24 procent.",
    "De Kerkstraat 12 is een gewone straat in een gewone pagina.",
    # the exception comment itself
    "<!-- privacy: ok, openbaar nummer van de wijkagent -->",
]


@pytest.mark.parametrize("line", LEFT_ALONE)
def test_ordinary_text_is_left_alone(line: str) -> None:
    assert scan_line(line, SETTINGS) == []


def test_addresses_only_count_in_news_posts_about_controls() -> None:
    line = "De controle was aan de Kerkstraat 12a in 7721 AB Dalfsen."
    found = scan_line(line, SETTINGS, addresses=True)
    assert [f.written for f in found] == ["Kerkstraat 12a", "7721 AB"]
    assert scan_line(line, SETTINGS, addresses=False) == []


@pytest.mark.parametrize("line", [
    "Het gesprek was in het gemeentehuis, Ruitenborghstraat 1, 7721 BE Dalfsen.",
    "Postcode 7721BE, Ruitenborghstraat 1.",
])
def test_the_listed_address_of_the_town_hall_may_stand_in_a_control_post(line: str) -> None:
    assert scan_line(line, SETTINGS, addresses=True) == []
    # A neighbour of the town hall is a home like any other.
    assert len(scan_line(line.replace("straat 1", "straat 12"), SETTINGS, addresses=True)) == 1


def test_a_partners_own_domain_is_organisational() -> None:
    assert scan_line("info@acme.nl", SETTINGS, own_domains=["acme.nl"]) == []
    assert len(scan_line("info@acme.nl", SETTINGS)) == 1


@pytest.mark.parametrize("line, number", [
    ("Zijn BSN is 111222333.", "111222333"),
    ("BSN 1112.22.333.", "111222333"),
    ("Rekening NL91 ABNA 0417 1643 00.", "NL91ABNA0417164300"),
    ("rekening nl91abna0417164300", "NL91ABNA0417164300"),
])
def test_a_bsn_or_iban_is_never_printed_whole(tmp_path: Path, line: str, number: str) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "pagina.md").write_text(f"# Pagina\n\n{line}\n", encoding="utf-8")
    problems = _check(tmp_path)
    assert len(problems) == 1
    printed = problems[0].as_line() + problems[0].as_github_annotation()
    assert number not in re.sub(r"[\s.\-]", "", printed).upper()
    assert problems[0].as_line().count("*") >= len(number) - 4


# --- Every file that is published or feeds the site ---------------------------------------------


def _check(root: Path, settings: PrivacySettings = SETTINGS):
    return check_privacy(root, root / "content", root / "sessions", root / "partners", settings,
                         site_config=root / "site_config", config_file=root / "mkdocs.yml")


def _where(problems) -> list[tuple[str, int, int]]:
    return [(p.path, p.line, p.col) for p in problems]


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


FILES_FLAGGED = [
    ("content/pagina.md", "# Pagina\n\nBel Jan op 06-12345678.\n", "06-12345678"),
    ("content/pagina.md", "---\ndescription: Bel Jan op 06-12345678\n---\n\n# Pagina\n", "06-12345678"),
    ("content/pagina.md", "# Pagina\n\n![Jan van de Kerkstraat, 06-12345678](jan.jpg)\n", "06-12345678"),
    ("content/pagina.md", '# Pagina\n\n[formulier](https://example.nl/ "of bel 06-12345678")\n', "06-12345678"),
    ("content/nieuws/posts/controle.md",
     "---\ndate: 2027-01-01\ncategories:\n  - Controles\n---\n\n# Controle\n\nAan de Dorpsstraat 4.\n", "Dorpsstraat"),
    ("content/nieuws/posts/controle.md",
     "---\ntitle: Controle aan de Dorpsstraat 4\ncategories: [Controles]\n---\n\n# Controle\n", "Dorpsstraat"),
    ("content/bijlage.txt", "Contact: jan.jansen@gmail.com\n", "jan.jansen"),
    ("sessions/2027-05-sessie.yml", 'title: Sessie\nlocation:\n  name: Bij Jan thuis\n  phone: "06 12345678"\n',
     "06 1"),
    ("sessions/2027-05-sessie.yml", "title: Sessie\nsummary: |\n  Bel Jan: +48 512 345 678.\n", "+48"),
    ("partners/acme.yml", 'name: Acme\ncontact:\n  phone: "06 11122233"\n', "06 1"),
    ("site_config/site.yml", "organisation: Gemeente\nmeldpunt:\n  email: jan.jansen@gmail.com\n", "jan.jansen"),
    ("site_config/strings.yml", "nl:\n  hulp: Bel 06-12345678\n", "06-"),
    ("site_config/overrides/main.html", "{% extends 'base.html' %}\n<p>Bel 06-12345678</p>\n", "06-"),
    ("mkdocs.yml", "site_name: Site\ncopyright: Jan Jansen, 06-12345678\n", "06-"),
    ("mkdocs.yml", "site_name: Site\n# Vragen? Bel Jan: 06-12345678\n", "06-"),
]


@pytest.mark.parametrize("name, text, needle", FILES_FLAGGED)
def test_every_published_file_is_read(tmp_path: Path, name: str, text: str, needle: str) -> None:
    _write(tmp_path, {name: text})
    line = next(number for number, line in enumerate(text.splitlines(), start=1) if needle in line)
    col = text.splitlines()[line - 1].index(needle) + 1
    assert _where(_check(tmp_path)) == [(name, line, col)]


def test_generated_schemas_are_not_read(tmp_path: Path) -> None:
    # Written by `portal schemas` from model.py and kept equal to it by test_schemas; not published.
    _write(tmp_path, {"schemas/site.schema.json": '{"description": "Bel 06-12345678"}',
                      "site_config/notitie.yml": "tel: 06-12345678\n"})
    assert _where(_check(tmp_path)) == [("site_config/notitie.yml", 1, 6)]


def test_the_repository_content_passes() -> None:
    settings, problems = load_record(REPO / "site_config" / "privacy.yml", PrivacySettings, REPO)
    assert problems == [] and settings is not None
    assert [p.as_line() for p in _check(REPO, settings)] == []
    result = run_portal("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "portal check: alles in orde" in result.stderr


def test_portal_check_reads_site_config_and_mkdocs_yml(project_copy: Path) -> None:
    site = project_copy / "site_config" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + "# Vragen: jan.jansen@gmail.com\n", encoding="utf-8")
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "copyright: Gemeente Dalfsen", "copyright: Gemeente Dalfsen, Jan 06-12345678"), encoding="utf-8")
    result = run_portal("check", cwd=project_copy)
    assert result.returncode == 1
    flagged = [line.split(": ")[0] for line in result.stdout.splitlines() if "telefoonnummer" in line or "e-mail" in line]
    copyright_line = config.read_text(encoding="utf-8").splitlines().index("copyright: Gemeente Dalfsen, Jan 06-12345678")
    site_line = len(site.read_text(encoding="utf-8").splitlines())
    expected_cols = (len("copyright: Gemeente Dalfsen, Jan ") + 1, len("# Vragen: ") + 1)
    assert flagged == [f"mkdocs.yml:{copyright_line + 1}:{expected_cols[0]}",
                       f"site_config/site.yml:{site_line}:{expected_cols[1]}"]


def test_a_link_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "buiten.md"
    outside.write_text("Bel 06-12345678\n", encoding="utf-8")
    (tmp_path / "site" / "content").mkdir(parents=True)
    try:
        (tmp_path / "site" / "content" / "link.md").symlink_to(outside)
        (tmp_path / "site" / "sessions").symlink_to(tmp_path)
    except OSError:
        pytest.skip("this file system has no symbolic links")
    # The source gate refuses the link with its own sentence; this check never reads through it.
    assert _check(tmp_path / "site") == []


def test_a_file_too_large_to_check_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, {"content/groot.txt": "a" * (MAX_SCAN_BYTES + 1)})
    problems = _check(tmp_path)
    assert _where(problems) == [("content/groot.txt", 1, 1)]
    assert "te groot om op persoonsgegevens te controleren" in problems[0].message


def test_binary_files_are_skipped_and_text_with_a_bad_byte_is_still_read(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "foto.png").write_bytes(b"\x89PNG\r\n\x00\x00 06-12345678")
    (tmp_path / "content" / "latin1.txt").write_bytes("Café, bel 06-12345678\n".encode("latin-1"))
    assert _where(_check(tmp_path)) == [("content/latin1.txt", 1, 11)]


# --- The exception comment: only in its exact form, on its own line above ------------------------

MARKED = [
    ("content/pagina.md", "# Pagina\n\n<!-- privacy: ok, openbaar nummer van de wijkagent -->\nBel 06-12345678.\n"),
    ("content/pagina.md", "# Pagina\n\n  <!--privacy: ok, algemeen nummer-->\nBel 06-12345678.\n"),
    ("content/pagina.md", "---\n# privacy: ok, nummer van de stichting\ndescription: Bel 06-12345678\n---\n"),
    ("sessions/2027-05-sessie.yml", 'location:\n  # privacy: ok, nummer van de zaal\n  phone: "06 12345678"\n'),
    ("mkdocs.yml", "# privacy: ok, nummer van de webmaster\ncopyright: Bel 06-12345678\n"),
]


@pytest.mark.parametrize("name, text", MARKED)
def test_the_exact_marker_on_the_line_above_is_an_exception(tmp_path: Path, name: str, text: str) -> None:
    _write(tmp_path, {name: text})
    assert _check(tmp_path) == []
    # Without the marker the same file is flagged: the marker is what lets it pass.
    _write(tmp_path, {name: "\n".join(line for line in text.splitlines() if "privacy" not in line) + "\n"})
    assert len(_check(tmp_path)) == 1


NOT_MARKED = [
    # in a sentence, or after the text on the same line
    ("content/pagina.md", "# Pagina\n\nBel 06-12345678, privacy: ok zegt hij.\n", "<!-- privacy: ok, reden -->"),
    ("content/pagina.md", "# Pagina\n\nBel 06-12345678. <!-- privacy: ok, wijkagent -->\n",
     "<!-- privacy: ok, reden -->"),
    ("content/pagina.md", "# Pagina\n\nDat is privacy: ok voor ons.\nBel 06-12345678.\n",
     "<!-- privacy: ok, reden -->"),
    # without a reason
    ("content/pagina.md", "# Pagina\n\n<!-- privacy: ok -->\nBel 06-12345678.\n", "<!-- privacy: ok, reden -->"),
    # the YAML form in a page's text is a heading, shown on the page
    ("content/pagina.md", "# Pagina\n\n# privacy: ok, reden\nBel 06-12345678.\n", "<!-- privacy: ok, reden -->"),
    # shown as code on the page
    ("content/pagina.md", "# Pagina\n\n```\n<!-- privacy: ok, reden -->\nBel 06-12345678.\n```\n",
     "<!-- privacy: ok, reden -->"),
    # inside a YAML text, where it is text the page shows
    ("sessions/2027-05-sessie.yml", "summary: |\n  Kom ook.\n  # privacy: ok, reden\n  Bel 06-12345678.\n",
     "# privacy: ok, reden"),
    ("content/pagina.md", "---\ndescription: |\n  # privacy: ok, reden\n  Bel 06-12345678\n---\n",
     "# privacy: ok, reden"),
    # after the value on the same line in YAML
    ("sessions/2027-05-sessie.yml", 'phone: "06 12345678"  # privacy: ok, nummer van de zaal\n',
     "# privacy: ok, reden"),
    # the Markdown form in YAML
    ("sessions/2027-05-sessie.yml", '<!-- privacy: ok, reden -->\nphone: "06 12345678"\n', "# privacy: ok, reden"),
]


@pytest.mark.parametrize("name, text, advice", NOT_MARKED)
def test_privacy_ok_in_any_other_form_does_not_switch_the_check_off(tmp_path: Path, name: str, text: str,
                                                                     advice: str) -> None:
    _write(tmp_path, {name: text})
    problems = _check(tmp_path)
    assert len(problems) == 1
    assert "telefoonnummer" in problems[0].message
    assert advice in problems[0].message


def test_a_marker_two_lines_up_covers_nothing(tmp_path: Path) -> None:
    _write(tmp_path, {"content/pagina.md": "# Pagina\n\n<!-- privacy: ok, wijkagent -->\n\nBel 06-12345678.\n"})
    assert _where(_check(tmp_path)) == [("content/pagina.md", 5, 5)]


def test_each_finding_is_one_dutch_sentence_saying_what_to_do(tmp_path: Path) -> None:
    lines = [line for line, _ in FLAGGED]
    _write(tmp_path, {"content/pagina.md": "# Pagina\n\n" + "\n".join(lines) + "\n"})
    problems = _check(tmp_path)
    assert len(problems) == len(lines)
    for problem in problems:
        sentence = problem.message
        assert "\n" not in sentence and not re.search(r"[.!?] [A-Z]", sentence), sentence
        assert re.search(r"haal het weg|gebruik een algemeen|zet het|noem alleen", sentence), sentence


def test_a_file_full_of_findings_stops_early(tmp_path: Path) -> None:
    _write(tmp_path, {"content/pagina.md": "Bel 06-12345678.\n" * 500})
    problems = _check(tmp_path)
    assert len(problems) == 51
    assert problems[0].line == 0 and "stopt na 50 meldingen" in problems[0].message


def test_a_number_cannot_hide_behind_a_long_run_of_digits() -> None:
    # phonenumbers alone stops looking after 65535 candidates in one text.
    line = "12 " * 70000 + "bel 06-12345678"
    assert [(f.col, f.written) for f in scan_line(line, SETTINGS)] == [(len(line) - 10, "06-12345678")]


@pytest.mark.parametrize("offset", range(3600, 4100, 7))
def test_a_number_on_the_edge_of_a_window_is_found_once(offset: int) -> None:
    line = "a" * offset + " 06-12345678 " + "b " * 3000
    assert [(f.col, f.written) for f in scan_line(line, SETTINGS)] == [(offset + 2, "06-12345678")]


def test_a_file_of_nothing_but_numbers_is_refused_quickly(tmp_path: Path) -> None:
    _write(tmp_path, {"content/nummers.md": "Bel gratis 0800-5151.\n" * 40000})
    started = time.monotonic()
    problems = _check(tmp_path)
    assert time.monotonic() - started < 10
    assert _where(problems) == [("content/nummers.md", MAX_NUMBERS_PER_FILE + 1, 1)]
    assert "meer dan 5000 nummers" in problems[0].message


def test_folders_the_caller_names_are_the_ones_read(tmp_path: Path) -> None:
    # The folders come from mkdocs.yml (docs_dir: docs): the check reads them, not fixed names.
    _write(tmp_path, {"docs/pagina.md": "Bel 06-12345678.\n", "content/oud.md": "Bel 06-22345678.\n",
                      "instellingen/site.yml": "tel: 06-32345678\n"})
    problems = check_privacy(tmp_path, tmp_path / "docs", tmp_path / "sessies", tmp_path / "partners", SETTINGS,
                             site_config=tmp_path / "instellingen", config_file=tmp_path / "mkdocs.yml")
    assert _where(problems) == [("docs/pagina.md", 1, 5), ("instellingen/site.yml", 1, 6)]


def test_the_check_runs_without_a_working_directory_of_its_own(tmp_path: Path, monkeypatch) -> None:
    # Paths in findings are relative to the site's folder, wherever the command runs.
    _write(tmp_path, {"content/pagina.md": "Bel 06-12345678.\n"})
    monkeypatch.chdir(os.sep)
    assert _where(_check(tmp_path)) == [("content/pagina.md", 1, 5)]
