"""The privacy check: what it must flag, and what it must leave alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO
from portal.checks.privacy import check_privacy, scan_line
from portal.model import PrivacySettings

SETTINGS = PrivacySettings(email_domains=["dalfsen.nl"], emails=["secretariaat@woonstichting.nl"], phones=["0529 123 456"])


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Zijn BSN is 111222333.", "burgerservicenummer"),
        ("BSN 1112.22.333 staat in het dossier.", "burgerservicenummer"),
        ("Maak over naar NL91ABNA0417164300.", "rekeningnummer"),
        ("Rekening NL91 ABNA 0417 1643 00 van de huurder.", "rekeningnummer"),
        ("Bel Jan op 06-12345678.", "telefoonnummer"),
        ("Bel +31 6 12345678 voor de sleutel.", "telefoonnummer"),
        ("Thuis: 0529-654321.", "telefoonnummer"),
        ("Mail jan.jansen@gmail.com voor info.", "e-mailadres"),
        ("Het busje met kenteken AB-123-C stond er.", "kenteken"),
        ("Kenteken 12-ABC-3 gezien.", "kenteken"),
    ],
)
def test_personal_data_is_flagged(line: str, expected: str) -> None:
    findings = scan_line(line, SETTINGS)
    assert len(findings) == 1 and expected in findings[0].message


@pytest.mark.parametrize(
    "line",
    [
        "Het nummer 123456789 is geen geldig BSN (11-proef).",
        "Rekening NL91ABNA0417164301 klopt niet (controlegetal).",
        "Bel gratis 0800-5151 of 0900-8844, of 14 0529. Bij nood 112.",
        "Bel de gemeente op 088 123 4567.",
        "Mail naar info@dalfsen.nl of griffie@dalfsen.nl.",
        "Mail naar secretariaat@woonstichting.nl.",
        "Het algemene nummer is 0529 123 456.",
        "Voorbeeld: info@kwekerij.example en test@site.test.invalid.",
        "Op 2027-03-11 om 19:30 in zaal 2, tussen 2023-2025.",
        "Versie 1.2.3 van artikel 12-3.",
        "Het SNA-keurmerk (NEN 4400-1) geldt sinds 2010.",
        "De Kerkstraat 12 is een gewone straat in een gewone pagina.",
    ],
)
def test_ordinary_text_is_left_alone(line: str) -> None:
    assert scan_line(line, SETTINGS) == []


def test_addresses_only_count_in_news_posts_about_controls() -> None:
    line = "De controle was aan de Kerkstraat 12a in 7721 AB Dalfsen."
    found = scan_line(line, SETTINGS, addresses=True)
    assert [f.written for f in found] == ["Kerkstraat 12a", "7721 AB"]
    assert scan_line(line, SETTINGS, addresses=False) == []


def test_a_partners_own_domain_is_organisational() -> None:
    assert scan_line("info@acme.nl", SETTINGS, own_domains=["acme.nl"]) == []
    assert len(scan_line("info@acme.nl", SETTINGS)) == 1


def test_files_are_scanned_with_exceptions_and_control_posts(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "nieuws" / "posts").mkdir(parents=True)
    (content / "pagina.md").write_text(
        "# Pagina\n\nBel 06-12345678.\nBel 06-87654321. <!-- privacy: ok, nummer van de wijkagent -->\n"
        "<!-- privacy: ok -->\nMail piet@hotmail.com.\n",
        encoding="utf-8",
    )
    (content / "nieuws" / "posts" / "controle.md").write_text(
        "---\ndate: 2027-01-01\ncategories:\n  - Controles\n---\n\n# Controle\n\nAan de Dorpsstraat 4.\n",
        encoding="utf-8",
    )
    (content / "nieuws" / "posts" / "ander.md").write_text(
        "---\ndate: 2027-01-01\ncategories:\n  - Alliantie\n---\n\n# Bericht\n\nOp de Dorpsstraat 4 was een feest.\n",
        encoding="utf-8",
    )
    partners = tmp_path / "partners"
    partners.mkdir()
    (partners / "acme.yml").write_text(
        "name: Acme\nwebsite: https://www.acme.nl/\ncontact:\n  email: info@acme.nl\n  phone: \"06 11122233\"\n",
        encoding="utf-8",
    )
    problems = check_privacy(tmp_path, content, tmp_path / "sessions", partners, SETTINGS)
    assert [p.as_line().split(" (u schreef")[0].split(":")[:3] for p in problems] == [
        ["content/nieuws/posts/controle.md", "9", "8"],
        ["content/pagina.md", "3", "5"],
        ["partners/acme.yml", "5", "11"],
    ]


def test_the_repository_content_is_clean() -> None:
    settings = PrivacySettings(email_domains=["dalfsen.nl"])
    problems = check_privacy(REPO, REPO / "content", REPO / "sessions", REPO / "partners", settings)
    assert problems == []
