"""The YAML loader and the front matter reader, fuzzed: whatever bytes an editor saves, the
answer is a document or problems at real lines, never an exception."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arbeidsmigranten_portaal.front_matter import split_front_matter
from arbeidsmigranten_portaal.load import validate_document
from arbeidsmigranten_portaal.model import Partner, Session
from arbeidsmigranten_portaal.sources import decode_text, yaml_subset_problems
from arbeidsmigranten_portaal.yaml_source import parse_yaml_text

# Pieces that mean something to YAML, to the loader's own rules, or to a decoder.
FRAGMENTS = [
    "title", "start", "end", "location", "name", "audiences", "registration", "ondernemers", "url",
    ": ", ":", "- ", "\n", "  ", "    ", "&a ", "*a", "&b", "*b", "!!str ", "!ENV ", "!!python/name:os.system ",
    "<<: ", "[", "]", "{", "}", ", ", "'", '"', "# ", "|", "|-", ">", ">-", "\t", "\x00", "\x1b", "\r\n",
    "2027-02-29", "2027-03-28 02:30", "19:30", "19:30:61", "0001-01-01", "9999-12-31 23:59", "2027-05-11T17:30:00Z",
    "---\n", "...\n", "? ", "%YAML 1.2\n", "%TAG ! tag:x,2000:\n", "é", "\ufeff", "\u2028", "null", "~", "no",
    "0x1F", "1e9999", "-.inf", ".nan", "mailto:a@b.nl?bcc=c@d.nl", "https://", "javascript:alert(1)", "{x}",
]

texts = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=5), max_size=60).map("".join)
raw = st.binary(max_size=300) | texts.map(lambda t: t.encode("utf-8", "surrogatepass"))
FUZZ = settings(max_examples=400, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _lines_are_real(problems, text: str) -> None:
    count = text.count("\n") + 2
    for problem in problems:
        assert problem.message and problem.path == "sessions/fuzz.yml"
        assert 1 <= problem.line <= count, problem
        assert problem.col >= 1, problem


@FUZZ
@given(raw)
def test_any_bytes_give_a_document_or_problems(data: bytes) -> None:
    text, problems = decode_text(data, "sessions/fuzz.yml")
    if text is None:
        assert len(problems) == 1
        return
    doc, problems = parse_yaml_text(Path("sessions/fuzz.yml"), "sessions/fuzz.yml", text)
    _lines_are_real(problems, text)
    if doc is None:
        assert problems
        return
    for model in (Session, Partner):
        record, found = validate_document(doc, model)
        assert (record is None) == bool(found)
        _lines_are_real(found, text)


@FUZZ
@given(texts)
def test_subset_check_never_raises_and_points_into_the_text(text: str) -> None:
    _lines_are_real(yaml_subset_problems("sessions/fuzz.yml", text), text)


@FUZZ
@given(texts)
def test_front_matter_never_raises(text: str) -> None:
    meta, body = split_front_matter("---\n" + text + "\n---\n# Pagina\n")
    assert isinstance(meta, dict)
    assert body.endswith("# Pagina\n")
