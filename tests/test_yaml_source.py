"""Reading YAML as editors write it: every trap becomes a problem at the right line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from arbeidsmigranten_portaal.load import load_record
from arbeidsmigranten_portaal.model import SiteSettings
from arbeidsmigranten_portaal.yaml_source import read_yaml

CALENDAR = "calendar:\n  name: Agenda\n  uid_domain: test.invalid\ncontact:\n  url: https://test.invalid/\n"
VALID = """\
organisation: Gemeente Dalfsen
meldpunt:
  form_url: https://formulier.test.invalid/
  phone: "14 0529"
""" + CALENDAR


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "site.yml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str | bytes) -> list[str]:
    _, problems = load_record(write(tmp_path, text), SiteSettings, tmp_path)
    return [p.as_line() for p in problems]


def test_a_valid_file_loads_into_a_record(tmp_path: Path) -> None:
    record, problems = load_record(write(tmp_path, VALID), SiteSettings, tmp_path)
    assert problems == []
    assert record is not None and record.meldpunt.phone == "14 0529"


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "organisation: A\nmeldpunt:\n\tform_url: https://a.nl/\n",
            ["site.yml:3:1: deze regel springt in met een tab; YAML staat alleen spaties toe, gebruik twee spaties per niveau"],
            id="tab",
        ),
        pytest.param(
            "organisation: A\norganisation: B\nmeldpunt:\n  form_url: https://a.nl/\n  form_url: https://b.nl/\n",
            [
                'site.yml:2:1: het veld "organisation" staat twee keer in hetzelfde blok (eerst op regel 1); laat er één staan',
                'site.yml:5:3: het veld "form_url" staat twee keer in hetzelfde blok (eerst op regel 4); laat er één staan',
            ],
            id="duplicate-keys",
        ),
        pytest.param(
            "# alleen commentaar\n\n",
            ["site.yml:1:1: dit bestand is leeg; vul de velden in of verwijder het bestand"],
            id="empty",
        ),
        pytest.param(
            "organisation: Gemeente D\xe4lfsen\n".encode("latin-1"),
            [
                "site.yml:1:25: dit bestand is niet opgeslagen als UTF-8; sla het opnieuw op met de codering UTF-8 "
                "(in de meeste editors: 'Opslaan als' en dan 'UTF-8')"
            ],
            id="not-utf8",
        ),
        pytest.param(
            "organisation: Gemeente: Dalfsen\n",
            [
                "site.yml:1:23: hier staat een dubbele punt op een plek waar YAML die niet verwacht; staat er een ':' "
                'in de tekst, zet dan de hele tekst tussen aanhalingstekens, zoals title: "Sessie: deel 2"'
            ],
            id="colon-in-value",
        ),
        pytest.param(
            "- organisation\n- meldpunt\n",
            [
                "site.yml:1:1: dit bestand moet bestaan uit velden met een naam, zoals 'title: ...', "
                "niet uit een losse tekst of een lijst"
            ],
            id="list-instead-of-fields",
        ),
        pytest.param(
            "organisation: A\nmeldpunt:\n  phone: 140529\n" + CALENDAR,
            [
                "site.yml:2:1: het verplichte veld \"meldpunt.form_url\" ontbreekt; voeg een regel 'form_url: ...' toe "
                "(Adres (https://) van het online meldformulier)",
                "site.yml:3:10: \"meldpunt.phone\" moet tekst zijn; zet de waarde tussen aanhalingstekens "
                '(u schreef "140529")',
            ],
            id="missing-and-wrong-type",
        ),
        pytest.param(
            "organisation: A\nmeldpunt:\n  form_url: javascript:alert(1)\n  example: no\n" + CALENDAR,
            [
                'site.yml:3:13: "meldpunt.form_url" moet een volledig webadres zijn dat begint met https://, '
                'zoals https://www.uwgemeente.nl/ (u schreef "javascript:alert(1)")',
                'site.yml:4:12: "meldpunt.example" moet true (ja) of false (nee) zijn (u schreef "no")',
            ],
            id="unsafe-url-and-yes-no",
        ),
        pytest.param(
            "organisation: A\nmeldpunt:\n  form_url: https://a.nl/\nmeldpunnt: x\n" + CALENDAR,
            ['site.yml:4:1: onbekend veld "meldpunnt"; bedoelt u "meldpunt"?'],
            id="typo",
        ),
    ],
)
def test_problems_are_reported_in_plain_words(tmp_path: Path, text: str | bytes, expected: list[str]) -> None:
    assert problems_of(tmp_path, text) == expected


def test_source_text_echoes_what_was_typed(tmp_path: Path) -> None:
    doc, _ = read_yaml(write(tmp_path, 'a: 19:30  # tijd\nb: "tekst"\nc:\n  - x\n'), tmp_path)
    assert doc is not None
    assert doc.source_text(("a",)) == "19:30"
    assert doc.source_text(("b",)) == "tekst"
    assert doc.source_text(("c",)) is None
    assert doc.position(("c", 0)) == (4, 5)


def _printable_by_the_book(char: str) -> bool:
    """YAML 1.2 production [1], less NEL and the line and paragraph separators."""
    code = ord(char)
    return char in "\t\n\r" or 0x20 <= code <= 0x7E or (0xA0 <= code <= 0xD7FF and code not in (0x2028, 0x2029)) \
        or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF


def test_the_gate_refuses_exactly_the_characters_yaml_does_not_print() -> None:
    from arbeidsmigranten_portaal.sources import decode_text

    for code in [*range(0, 0x3000), *range(0xD7F0, 0xD800), *range(0xE000, 0xE010), *range(0xFFF0, 0x10010), 0x10FFFF]:
        char = chr(code)
        text, problems = decode_text(f"title: a{char}b\n".encode("utf-8"), "x.yml")
        assert (text is not None) == _printable_by_the_book(char), hex(code)
        if text is None:
            assert (problems[0].line, problems[0].col) == (1, 9)
