"""The PDFs to print: a flyer per upcoming session, the voortgangsrapportage, the signalenkaart.

Every PDF is read back as a reader's software would: pypdf for its pages, size, text, title,
language and tags; pypdfium2 draws the page, and zbar (pyzbar) decodes its QR code. The
expectations come from the YAML files and the build's clock, not from the code that made them.
"""

from __future__ import annotations

import copy
import datetime as dt
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import urljoin

import pypdf
import pypdfium2
import pytest
from pyzbar.pyzbar import decode
from ruamel.yaml import YAML

from conftest import REPO, TEST_NOW, build_site, copy_project, parse_html
from arbeidsmigranten_portaal.card_model import MAX_CONTACTS, MAX_GROUPS, MAX_SIGNAL_TEXT, MAX_SIGNALS
from arbeidsmigranten_portaal.pdf_maker import PdfError, PdfMaker
from arbeidsmigranten_portaal.render.paper import PaperDocument

SITE_URL = "https://arbeidsmigranten.example.nl/"
A4 = (595.28, 841.89)
A5 = (419.53, 595.28)
DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]


def read_yaml(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def words(text: str) -> str:
    """PDF text with its line breaks as single spaces."""
    return " ".join(text.split())


def bare(text: str) -> str:
    """Text without any white space: a PDF's text breaks lines (and after a hyphen) where the
    layout did, and a multi-column page may put the breaks anywhere."""
    return re.sub(r"\s+", "", text)


def pdf_text(reader: pypdf.PdfReader) -> str:
    return words(" ".join(page.extract_text() for page in reader.pages))


def page_size(reader: pypdf.PdfReader) -> tuple[float, float]:
    box = reader.pages[0].mediabox
    return float(box.width), float(box.height)


def qr_codes(path: Path) -> list[str]:
    document = pypdfium2.PdfDocument(str(path))
    found = []
    for page in document:
        found += [code.data.decode("utf-8") for code in decode(page.render(scale=3).to_pil())]
    document.close()
    return found


def assert_accessible(reader: pypdf.PdfReader, language: str, title: str) -> None:
    """Tagged (a structure tree, marked content), with the document's language and title."""
    root = reader.trailer["/Root"]
    assert root["/Lang"] == language
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert "/StructTreeRoot" in root
    assert reader.metadata.title == title


def assert_size(reader: pypdf.PdfReader, size: tuple[float, float]) -> None:
    width, height = page_size(reader)
    assert abs(width - size[0]) < 1 and abs(height - size[1]) < 1, (width, height)


def now() -> dt.datetime:
    return dt.datetime.fromisoformat(TEST_NOW)


def upcoming_sessions() -> dict[str, dict]:
    """The sessions still to come at the tests' moment and not cancelled, from the YAML alone."""
    found = {}
    for path in sorted((REPO / "sessions").glob("*.yml")):
        data = read_yaml(path)
        start = data["start"] if isinstance(data["start"], dt.datetime) else dt.datetime.fromisoformat(str(data["start"]))
        if start > now() and data.get("status") != "geannuleerd":
            found[path.stem] = {**data, "start": start}
    return found


# --- Flyers --------------------------------------------------------------------------------------


def test_every_upcoming_session_has_a_flyer_and_no_other_session_has_one(built_site: Path) -> None:
    coming = upcoming_sessions()
    assert coming, "the repository has upcoming sessions at the tests' moment"
    made = {path.stem for path in (built_site / "kennissessies").glob("*.pdf")}
    assert made == set(coming)


def test_a_flyer_is_one_a5_page_with_what_a_reader_needs(built_site: Path) -> None:
    audiences = read_yaml(REPO / "site_config" / "audiences.yml")
    for session_id, data in upcoming_sessions().items():
        path = built_site / "kennissessies" / f"{session_id}.pdf"
        reader = pypdf.PdfReader(path)
        assert len(reader.pages) == 1, session_id
        assert_size(reader, A5)
        example = " (Voorbeeld)" if data.get("example") else ""
        assert_accessible(reader, "nl", f"Kennissessie: {words(data['title'])}{example}")
        text = pdf_text(reader)
        start = data["start"]
        assert words(data["title"]) in text
        assert f"{start.day} {MONTHS[start.month - 1]} {start.year}" in text
        assert f"{start:%H:%M}" in text
        assert data["location"]["name"] in text
        for audience in data["audiences"]:
            assert audiences[audience]["label"] in text
        assert "Zo meldt u zich aan" in text
        # Every session here is invented: the flyer says so before anything else.
        assert data.get("example") is True
        assert text.index("VOORBEELD") < text.index(words(data["title"]))


def test_a_flyers_qr_code_leads_to_the_sessions_page(built_site: Path) -> None:
    for session_id in upcoming_sessions():
        codes = qr_codes(built_site / "kennissessies" / f"{session_id}.pdf")
        assert codes == [f"{SITE_URL}kennissessies/{session_id}/"]


def test_the_session_page_links_to_its_flyer_in_every_calendar_language(built_site: Path) -> None:
    coming = upcoming_sessions()
    for page in [*(built_site / "kennissessies").glob("*/index.html"), *(built_site / "en" / "kennissessies").glob("*/index.html")]:
        session_id = page.parent.name
        links = [a for a in parse_html(page).select("a[type='application/pdf']")]
        if session_id not in coming:
            assert links == [], session_id
            continue
        assert len(links) == 1, session_id
        address = urljoin(f"https://x.example/{page.relative_to(built_site).parent.as_posix()}/", links[0]["href"])
        assert address == f"https://x.example/kennissessies/{session_id}.pdf"
        assert "PDF" in links[0].get_text()


def test_only_the_next_sessions_get_a_flyer(tmp_path: Path) -> None:
    """flyers: 2 in mkdocs.yml: the two that start first, and no link on the others' pages."""
    project = copy_project(tmp_path / "site")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - portal:\n", "  - portal:\n      flyers: 2\n", 1),
                      encoding="utf-8")
    assert "flyers: 2" in config.read_text(encoding="utf-8")
    result = build_site(project, tmp_path / "out")
    assert result.exit_code == 0, result.output
    first_two = sorted(upcoming_sessions().items(), key=lambda item: item[1]["start"])[:2]
    assert {path.stem for path in (tmp_path / "out" / "kennissessies").glob("*.pdf")} == {sid for sid, _ in first_two}


# --- The voortgangsrapportage --------------------------------------------------------------------


def test_the_progress_report_has_every_action_with_the_date_and_the_state_per_ambition(built_site: Path) -> None:
    path = built_site / "voortgang" / "voortgangsrapportage.pdf"
    reader = pypdf.PdfReader(path)
    assert_size(reader, A4)
    build_day = f"{DAYS[now().weekday()]} {now().day} {MONTHS[now().month - 1]} {now().year}"
    assert_accessible(reader, "nl", f"Voortgangsrapportage Gemeente Dalfsen, {build_day}")
    text = pdf_text(reader)
    assert f"Stand op {build_day}." in text
    actions = [read_yaml(p) for p in sorted((REPO / "actions").glob("*.yml"))]
    for action in actions:
        assert words(action["title"]) in text
    for heading in ("Ambitie 1: goede huisvesting", "Ambitie 2: slechte woon- en leefomstandigheden aanpakken",
                    "Ambitie 3: samen arbeidsuitbuiting tegengaan", "Voor alle drie de ambities"):
        assert heading in text
    # The summary: how many actions, how many done, per status per ambition (the table).
    done = sum(1 for action in actions if action["status"] == "gedaan")
    assert f"Het plan heeft {len(actions)} acties. Daarvan zijn er {done} gedaan." in text
    assert "Aantal acties per ambitie, naar hoe ver ze zijn" in text
    # Every action with an invented status says so, and the report says it at the top.
    examples = sum(1 for action in actions if action.get("example"))
    assert examples and text.count("VOORBEELD") >= examples + 1
    # On paper a link is its address.
    assert "https://zoek.officielebekendmakingen.nl/" in text.replace(" ", "")
    # A footer on every page: page n of m.
    assert f"1 / {len(reader.pages)}" in words(reader.pages[0].extract_text())


def test_the_voortgang_page_links_to_the_report(built_site: Path) -> None:
    for page, prefix in ((built_site / "voortgang" / "index.html", "voortgang/"),
                         (built_site / "en" / "voortgang" / "index.html", "en/voortgang/")):
        links = parse_html(page).select("a[type='application/pdf']")
        assert len(links) == 1
        assert urljoin(f"https://x.example/{prefix}", links[0]["href"]) == "https://x.example/voortgang/voortgangsrapportage.pdf"


# --- The signalenkaart ---------------------------------------------------------------------------


def card_texts() -> dict[str, dict]:
    return read_yaml(REPO / "site_config" / "signals_card.yml")


def test_the_card_exists_in_the_five_languages(built_site: Path) -> None:
    assert set(card_texts()) == {"nl", "en", "pl", "ro", "bg"}
    assert {path.name for path in (built_site / "signalenkaart").glob("*.pdf")} == {
        f"signalenkaart-{language}.pdf" for language in card_texts()}


def test_each_card_is_one_a4_page_in_its_language_with_every_signal(built_site: Path) -> None:
    site = read_yaml(REPO / "site_config" / "site.yml")
    for language, card in card_texts().items():
        reader = pypdf.PdfReader(built_site / "signalenkaart" / f"signalenkaart-{language}.pdf")
        assert len(reader.pages) == 1, language
        assert_size(reader, A4)
        assert_accessible(reader, language, card["title"])
        text = pdf_text(reader)
        for group in card["groups"]:
            assert group["heading"] in text
            for signal in group["signals"]:
                assert bare(signal) in bare(text), (language, signal)
        for contact in card["contacts"]:
            assert contact["phone"] in text
        assert bare(card["emergency"]) in bare(text)
        # The meldpunt's number comes from site.yml, on the cards in the languages it is answered
        # in; while it is an example the card says so.
        assert (site["meldpunt"]["phone"] in text) == (language in site["meldpunt"]["languages"]["phone"]), language
        assert site["meldpunt"]["example"] is True
        assert any(word in text for word in ("VOORBEELD", "EXAMPLE", "PRZYKŁAD", "EXEMPLU", "ПРИМЕР")), language
        if card.get("reviewed", True) is False:
            assert len(text) > 0 and language != "nl"


def test_a_cards_qr_code_leads_to_the_meldpunt_in_its_language(built_site: Path) -> None:
    for language in card_texts():
        prefix = "" if language == "nl" else f"{language}/"
        assert qr_codes(built_site / "signalenkaart" / f"signalenkaart-{language}.pdf") == [f"{SITE_URL}{prefix}meldpunt/"]


def test_the_signals_page_links_to_every_card(built_site: Path) -> None:
    page = built_site / "arbeidsuitbuiting-herkennen" / "index.html"
    links = parse_html(page).select("a[type='application/pdf']")
    assert {link["hreflang"]: urljoin("https://x.example/arbeidsuitbuiting-herkennen/", link["href"]) for link in links} == {
        language: f"https://x.example/signalenkaart/signalenkaart-{language}.pdf" for language in card_texts()}
    assert links[0]["hreflang"] == "nl"  # the page's own language first


def test_a_card_at_every_limit_still_fits_one_page(tmp_path: Path) -> None:
    """The longest card the model accepts: every group and contact at its length, and the signals
    together at their total (spread over the most signals, so the most lines)."""
    project = copy_project(tmp_path / "site")
    yaml = YAML()
    path = project / "site_config" / "signals_card.yml"
    card = yaml.load(path.read_text(encoding="utf-8"))
    each = MAX_SIGNAL_TEXT // (MAX_GROUPS * MAX_SIGNALS)
    signal = ("Работникът не може свободно да излиза и да се връща. " * 4)[:each].strip()
    card["bg"]["title"] = ("Признаци " * 10)[:40].strip()
    card["bg"]["intro"] = ("Някой работи при лоши условия? " * 10)[:160].strip()
    card["bg"]["note"] = ("Един признак не е доказателство. " * 10)[:160].strip()
    card["bg"]["emergency"] = ("Непосредствена опасност? Обадете се на 112. " * 6)[:80].strip()
    # Each item its own object: YAML would write repeated ones as anchors, which the loader refuses.
    card["bg"]["groups"] = [{"heading": ("Документи и свобода " * 3)[:40].strip(),
                             "signals": [signal for _ in range(MAX_SIGNALS)]}
                            for _ in range(MAX_GROUPS)]
    card["bg"]["contacts"] = [{"name": ("Nederlandse Arbeidsinspectie " * 2)[:40].strip(), "phone": "0800 5151",
                               "text": ("Нидерландската инспекция по труда, за нарушения. " * 4)[:110].strip()}
                              for _ in range(MAX_CONTACTS)]
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(card, out)
    result = build_site(project, tmp_path / "out")
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(tmp_path / "out" / "signalenkaart" / "signalenkaart-bg.pdf")
    assert len(reader.pages) == 1
    assert qr_codes(tmp_path / "out" / "signalenkaart" / "signalenkaart-bg.pdf") == [f"{SITE_URL}bg/meldpunt/"]


def test_a_card_too_long_or_in_a_language_without_words_is_refused_with_its_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site")
    path = project / "site_config" / "signals_card.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("        - Heel lange werkdagen, week na week.",
                        "        - Heel lange werkdagen, week na week, " + "en nog meer woorden " * 5 + "tot het niet meer past.", 1)
    path.write_text(text, encoding="utf-8")
    # A whole card in Lithuanian: a language the toolkit has no words for.
    yaml = YAML()
    yaml.width = 4096  # keep the long line one line
    card = yaml.load(text)
    card["lt"] = copy.deepcopy(card["en"])
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(card, out)
    text = path.read_text(encoding="utf-8")
    result = build_site(project, tmp_path / "out")
    assert result.exit_code != 0
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "tot het niet meer past" in row)
    assert re.search(rf"site_config/signals_card\.yml:{line}:\d+: .*te lang", result.output), result.output
    lt = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("lt:"))
    assert re.search(rf"site_config/signals_card\.yml:{lt}:\d+: .*\"lt\".*strings\.yml", result.output), result.output
    assert not (tmp_path / "out").exists()


# --- No PDFs --------------------------------------------------------------------------------------


def test_pdfs_false_makes_none_and_links_none(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - portal:\n", "  - portal:\n      pdfs: false\n", 1),
                      encoding="utf-8")
    result = build_site(project, tmp_path / "out")
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    assert list(out.rglob("*.pdf")) == []
    for page in out.rglob("*.html"):
        assert parse_html(page).select("a[type='application/pdf']") == [], page


def test_a_machine_without_weasyprint_gets_one_sentence_and_no_site(tmp_path: Path, monkeypatch) -> None:
    """As on a machine without Pango: loading WeasyPrint fails in the helper process."""
    shim = tmp_path / "shim" / "weasyprint"
    shim.mkdir(parents=True)
    (shim / "__init__.py").write_text("raise OSError(\"cannot load library 'libpango-1.0-0'\")\n", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(shim.parent))
    monkeypatch.setenv("PORTAL_CACHE_DIR", str(tmp_path / "empty-cache"))
    result = build_site(REPO, tmp_path / "out")
    assert result.exit_code != 0
    assert "WeasyPrint werkt niet op deze computer (cannot load library 'libpango-1.0-0')" in result.output
    assert "pdfs: false" in result.output
    assert not (tmp_path / "out").exists()


# --- The maker: cache, and nothing fetched ----------------------------------------------------------


def document(path: str, body: str) -> PaperDocument:
    return PaperDocument(path, f'<!doctype html><html lang="nl"><head><title>T</title></head><body>{body}</body></html>')


def test_an_unchanged_document_is_copied_from_the_cache_byte_for_byte(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = PdfMaker(tmp_path / "one", [document("a.pdf", "<p>Een</p>")], cache)
    first.wait()
    assert list(cache.glob("*.pdf"))
    again = PdfMaker(tmp_path / "two", [document("a.pdf", "<p>Een</p>")], cache)
    assert again._process is None  # nothing left to make
    again.wait()
    assert (tmp_path / "one" / "a.pdf").read_bytes() == (tmp_path / "two" / "a.pdf").read_bytes()
    changed = PdfMaker(tmp_path / "three", [document("a.pdf", "<p>Twee</p>")], cache)
    assert changed._process is not None
    changed.wait()
    assert "Twee" in pdf_text(pypdf.PdfReader(tmp_path / "three" / "a.pdf"))


def test_a_document_fetches_nothing_not_even_a_local_file(tmp_path: Path) -> None:
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIM-123", encoding="utf-8")
    port = server.server_address[1]
    body = (f'<link rel="stylesheet" href="http://127.0.0.1:{port}/style.css">'
            f'<img src="http://127.0.0.1:{port}/image.png" alt="">'
            f'<object data="file://{secret}"></object><iframe src="file://{secret}"></iframe>'
            f'<p style="background: url(http://127.0.0.1:{port}/bg.png)">Tekst</p>')
    try:
        maker = PdfMaker(tmp_path / "out", [document("a.pdf", body)], tmp_path / "cache")
        maker.wait()
    finally:
        server.shutdown()
    assert hits == []
    assert "GEHEIM" not in pdf_text(pypdf.PdfReader(tmp_path / "out" / "a.pdf"))


def test_a_document_cannot_be_written_outside_the_site(tmp_path: Path) -> None:
    with pytest.raises(PdfError, match="buiten de map van de site"):
        PdfMaker(tmp_path / "out", [document("../elders.pdf", "<p>x</p>")], tmp_path / "cache")
    assert not (tmp_path / "elders.pdf").exists()


def test_signals_that_together_would_not_fit_one_page_are_refused_at_their_line(tmp_path: Path) -> None:
    from arbeidsmigranten_portaal.card_model import SignalsCard
    from arbeidsmigranten_portaal.load import load_record

    card = read_yaml(REPO / "site_config" / "signals_card.yml")["nl"]
    signal = "Een signaal van precies zoveel tekens als hier staat, ja."
    card["groups"] = [{"heading": f"Groep {n}", "signals": [signal] * MAX_SIGNALS} for n in range(MAX_GROUPS)]
    assert len(signal) * MAX_SIGNALS * MAX_GROUPS > MAX_SIGNAL_TEXT
    folder = tmp_path / "site_config"
    folder.mkdir()
    path = folder / "signals_card.yml"
    yaml = YAML()
    yaml.width = 4096
    yaml.representer.ignore_aliases = lambda data: True
    with path.open("w", encoding="utf-8") as out:
        yaml.dump({"nl": card}, out)
    record, problems = load_record(path, SignalsCard, tmp_path)
    assert record is None
    line = next(n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if row.strip() == "groups:")
    assert [(p.line, p.message) for p in problems] == [(
        line, f'"nl.groups" heeft samen te veel tekst voor één pagina ({len(signal) * MAX_SIGNALS * MAX_GROUPS} tekens '
              f'in de signalen, hoogstens {MAX_SIGNAL_TEXT}); maak signalen korter of haal er een paar weg')]


# --- What a pull request must not be able to do through the PDFs --------------------------------------


def test_a_python_file_in_the_site_folder_never_runs_in_a_helper(tmp_path: Path, monkeypatch) -> None:
    """A json.py beside mkdocs.yml: the helpers (PDFs, search, output tree) start with -P, so the
    site's folder is not on their import path, even when the build runs from there."""
    project = copy_project(tmp_path / "site")
    marker = tmp_path / "ran.txt"
    (project / "json.py").write_text(f"open({str(marker)!r}, 'a').write('ran')\nfrom importlib import import_module\n",
                                     encoding="utf-8")
    monkeypatch.chdir(project)
    monkeypatch.setenv("PORTAL_CACHE_DIR", str(tmp_path / "empty-cache"))  # so the PDF helper runs
    result = build_site(project, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "voortgang" / "voortgangsrapportage.pdf").is_file()
    assert not marker.exists()


def test_a_content_file_cannot_take_the_place_of_a_pdf(tmp_path: Path) -> None:
    """Not the card's place (in any language, also one the card does not have yet), not a folder
    named like a flyer: each is refused with its file, and the earlier site stays."""
    project = copy_project(tmp_path / "site")
    fake = project / "content" / "signalenkaart" / "signalenkaart-nl.pdf"
    fake.parent.mkdir()
    fake.write_bytes(b"%PDF-1.4 nep")
    (project / "content" / "signalenkaart" / "signalenkaart-de.pdf").write_bytes(b"%PDF-1.4 nep")
    flyer = sorted(upcoming_sessions())[0]
    folder = project / "content" / "kennissessies" / f"{flyer}.pdf"
    folder.mkdir(parents=True)
    (folder / "x.txt").write_text("x", encoding="utf-8")
    result = build_site(project, tmp_path / "out")
    assert result.exit_code != 0
    assert ("content/signalenkaart/signalenkaart-nl.pdf:1:1: dit bestand komt op het adres "
            "/signalenkaart/signalenkaart-nl.pdf, maar daar staat al de signalenkaart om te printen (PDF)") in result.output
    assert "content/signalenkaart/signalenkaart-de.pdf:1:1: dit bestand komt op het adres" in result.output
    assert (f"content/kennissessies/{flyer}.pdf/x.txt:1:1: dit bestand staat in een map met de naam van de flyer "
            f"(PDF) van de sessie sessions/{flyer}.yml") in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_the_cache_is_used_only_when_it_is_ours_and_holds_plain_pdfs(tmp_path: Path) -> None:
    from arbeidsmigranten_portaal.pdf_maker import _engine_version, document_key

    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIM-456", encoding="utf-8")
    page = document("a.pdf", "<p>Echt</p>")
    # A link planted under the document's name: never followed.
    cache = tmp_path / "cache"
    (cache / "pdf").mkdir(parents=True, mode=0o700)
    (cache / "pdf" / f"{document_key(page, _engine_version())}.pdf").symlink_to(secret)
    PdfMaker(tmp_path / "one", [page], cache / "pdf").wait()
    assert (tmp_path / "one" / "a.pdf").read_bytes().startswith(b"%PDF-")
    assert "Echt" in pdf_text(pypdf.PdfReader(tmp_path / "one" / "a.pdf"))
    # A folder others may write in: not used at all, not even written to.
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    PdfMaker(tmp_path / "two", [page], shared).wait()
    assert list(shared.iterdir()) == []
    assert "Echt" in pdf_text(pypdf.PdfReader(tmp_path / "two" / "a.pdf"))


def test_a_made_pdf_is_readable_by_the_web_server(tmp_path: Path) -> None:
    PdfMaker(tmp_path / "out", [document("a.pdf", "<p>Een</p>")], tmp_path / "cache").wait()
    assert (tmp_path / "out" / "a.pdf").stat().st_mode & 0o044 == 0o044


def test_a_helper_that_takes_too_long_is_stopped_with_a_sentence_and_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    import arbeidsmigranten_portaal.pdf_maker as pdf_maker

    monkeypatch.setattr(pdf_maker, "TIME_LIMIT_SECONDS", 0)
    maker = PdfMaker(tmp_path / "out", [document("a.pdf", "<p>Een</p>")], tmp_path / "cache")
    process, jobs = maker._process, maker._jobs_file
    assert process is not None and jobs is not None
    with pytest.raises(PdfError, match="kosten meer dan 0 minuten.*pdfs: false"):
        maker.wait()
    assert process.poll() is not None
    assert not Path(jobs).exists()
    assert not (tmp_path / "out" / "a.pdf").exists()
