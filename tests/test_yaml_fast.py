"""The fast YAML reader (libyaml's events) against the careful one (ruamel's round trip): whatever
the fast reader takes, the careful reader takes too, with the same data and the same line and
column for every key and value; so every problem an editor is told about is placed and worded as
before (the careful reader's sentences, tests/test_golden_problems.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arbeidsmigranten_portaal.yaml_fast import read_fast
from arbeidsmigranten_portaal.yaml_positions import same_positions
from arbeidsmigranten_portaal.yaml_source import parse_yaml_text, read_carefully

REPO = Path(__file__).resolve().parents[1]
CORPUS = sorted(
    path for folder in ("sessions", "partners", "site_config", "tests/data/invalid",
                        "plugins/arbeidsmigranten_portaal/site_template", "plugins/arbeidsmigranten_portaal/defaults")
    for path in (REPO / folder).rglob("*.y*ml")
)


def assert_readers_agree(text: str) -> bool:
    """True when the fast reader took the text (and then agrees with the careful one)."""
    fast = read_fast(text)
    if fast is None:
        return False
    doc, problems = read_carefully(Path("x.yml"), "x.yml", text)
    assert problems == [], f"the fast reader took a file the careful one refuses: {problems}"
    assert doc is not None
    data, positions = fast
    assert data == doc.data
    assert [type(v) for v in _leaves(data)] == [type(v) for v in _leaves(doc.data)]
    assert same_positions(positions, doc.positions)
    return True


def _leaves(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_yaml_file_of_the_repository_reads_the_same(path: Path) -> None:
    assert_readers_agree(path.read_text(encoding="utf-8", errors="replace"))


def test_the_repository_s_records_take_the_fast_way() -> None:
    records = [p for p in CORPUS if p.parent.name in ("sessions", "partners") and "invalid" not in p.parts]
    assert records
    slow = [p.name for p in records if read_fast(p.read_text(encoding="utf-8")) is None]
    assert slow == []


@pytest.mark.parametrize("text", [
    "title: x\ntitle: y\n",                 # a key twice
    "a: &x 1\nb: *x\n",                      # anchor and alias
    "a: !!str 1\n",                          # a tag
    "<<: {a: 1}\n",                          # a merge key
    "a: 1\n---\nb: 2\n",                     # two documents
    "%YAML 1.2\n---\na: 1\n",                # a directive
    "- a\n- b\n",                            # a list at the top
    "start: 19:30\n",                        # an unquoted time
    "deadline: 2027-02-30\n",                # a date that does not exist
    "a: 0x1F\n", "a: 012\n", "a: 1.5\n", "a: 2027-03-11 19:30:00\n", "1: a\n", "a:\n",
    "a: [" * 25 + "]" * 25 + "\n",           # deeper than the limit
    "a: 'open\n",                            # a syntax error
])
def test_what_the_careful_reader_must_see_is_left_to_it(text: str) -> None:
    assert read_fast(text) is None


@pytest.mark.parametrize("text", [
    "title: Sessie\nstart: 2027-03-11 19:30\ncapacity: 40\nfull: false\nnote: ~\ndeadline: 2027-03-01\n",
    "audiences: [ondernemers, raadsleden]\nlocation: {name: Zaal, address: 'Straat 1'}\n",
    "agenda:\n- time: \"19:30\"\n  title: Welkom\n- time: '20:00'\n  title: >-\n    Lang\n    verhaal\n",
    "summary: |\n  Eerste alinea.\n\n  Tweede alinea.\n# een opmerking\nexample: true\n",
    "# yaml-language-server: $schema=x\n\ntitle:   ruimte   # opmerking\nsince: -3\n",
    "title: een lange\n  tekst over\n\n  twee regels\nb: 'ook\n  zo'\nc: \"en\n  zo\"\n",
    "a:\n  - [x,\n     y]\n  - {p: q,\n     r: s}\n",
    "title: x\r\nsummary: |\r\n  regel\r\n\r\n  regel\r\n",
])
def test_ordinary_files_take_the_fast_way_and_agree(text: str) -> None:
    assert assert_readers_agree(text)


def test_a_document_read_fast_places_problems_where_the_careful_one_does() -> None:
    text = "title: Sessie\nlocation:\n  name: Zaal\n  address: [a, b]\naudiences:\n  - ondernemers\n"
    fast, _ = parse_yaml_text(Path("x.yml"), "x.yml", text)
    careful, _ = read_carefully(Path("x.yml"), "x.yml", text)
    for loc in [("title",), ("location", "address"), ("location", "address", 1), ("audiences", 0), ("nope",), ()]:
        assert fast.position(loc) == careful.position(loc)
        assert fast.position(loc, of_key=True) == careful.position(loc, of_key=True)
        assert fast.source_text(loc) == careful.source_text(loc)
    assert fast.source_text(("location", "address", 1)) == "b"


# Pieces of the YAML editors write, and of what they get wrong.
PIECES = [
    "title", "start", "end", "name", "audiences", "url", "a", "b", ": ", ":", "- ", "\n", "  ", "    ",
    "[", "]", "{", "}", ", ", "'", '"', "# ", "#", "|", "|-", ">", ">-", "? ", "x y", "Zaal 1",
    "2027-03-11", "2027-3-1", "2027-03-11 19:30", "19:30", "40", "-3", "+4", "0", "007", "true", "True",
    "no", "null", "~", "é", "\\", "\\n", "''", '""', " ", "https://x.test/a?b=c#d", "&", "*", "!", "%", "@", "`",
]
yaml_like = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=1000, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(yaml_like)
def test_any_text_the_fast_reader_takes_reads_the_same_carefully(text: str) -> None:
    assert_readers_agree(text)


SCALARS = st.sampled_from([
    "Zaal 1", "x y  z", "'enkel'", '"dubbel: \\"x\\""', "''", '""', "40", "-3", "0", "007", "1.5", "true", "No", "~",
    "null", "2027-03-11", "2027-3-1", "2027-03-11 19:30", "19:30", "'19:30'", "https://x.test/a?b=c#d", "a #b", "a#b",
    "[a, b]", "[]", "{a: 1, b: [c]}", "{}", "[a, {b: c}]", "é ü", "- x", ": x", "|", ">-", "",
])
KEYS = st.sampled_from(["title", "start", "a", "b", "c", "'q'", '"k y"', "1", "true", "? x"])
INDENTS = st.sampled_from(["", "", "  ", "    ", " ", "\t"])
LINES = st.one_of(
    st.tuples(INDENTS, KEYS, st.sampled_from([": ", ":  ", ":", ": "]), SCALARS).map("".join),
    st.tuples(INDENTS, st.just("- "), SCALARS).map("".join),
    st.tuples(INDENTS, st.just("- "), KEYS, st.just(": "), SCALARS).map("".join),
    st.tuples(INDENTS, st.sampled_from(["# opmerking", "", "  tekst van een blok", "---", "..."])).map("".join),
)
documents = st.lists(LINES, min_size=1, max_size=14).map(lambda lines: "\n".join(lines) + "\n")


@settings(max_examples=1000, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents)
def test_any_document_the_fast_reader_takes_reads_the_same_carefully(text: str) -> None:
    assert_readers_agree(text)


@st.composite
def block_yaml(draw, indent: int = 0, depth: int = 0) -> str:
    """A well-formed block mapping as editors write one, with every style they use."""
    pad = " " * indent
    lines = []
    keys = draw(st.lists(st.sampled_from(["title", "start", "a", "b", "c", "'q'", '"k y"', "naam", "url"]),
                         min_size=1, max_size=5, unique=True))
    for key in keys:
        if draw(st.booleans()):
            lines.append(pad + draw(st.sampled_from(["# opmerking", "", "#", "  # ingesprongen"])))
        kind = draw(st.sampled_from(["scalar", "scalar", "map", "seq", "indentless", "block"] if depth < 3 else ["scalar"]))
        gap = draw(st.sampled_from([" ", "  "]))
        if kind == "scalar":
            comment = draw(st.sampled_from(["", "", "  # opmerking"]))
            lines.append(f"{pad}{key}:{gap}{draw(SCALARS.filter(lambda s: s not in ('|', '>-', '', '- x', ': x')))}{comment}")
        elif kind == "map":
            lines.append(f"{pad}{key}:")
            lines.append(draw(block_yaml(indent + draw(st.sampled_from([2, 4])), depth + 1)).rstrip("\n"))
        elif kind in ("seq", "indentless"):
            lines.append(f"{pad}{key}:")
            inner = indent if kind == "indentless" else indent + 2
            for _ in range(draw(st.integers(1, 3))):
                if draw(st.booleans()) and depth < 2:
                    item = draw(block_yaml(inner + 2, depth + 1)).rstrip("\n")
                    lines.append(" " * inner + "- " + item.lstrip(" "))
                else:
                    lines.append(" " * inner + "- " + draw(SCALARS.filter(lambda s: s not in ("|", ">-", "- x", ": x"))))
        else:
            lines.append(f"{pad}{key}:{gap}{draw(st.sampled_from(['|', '|-', '>', '>-', '|+']))}")
            for _ in range(draw(st.integers(1, 3))):
                lines.append(pad + "  " + draw(st.sampled_from(["Eerste zin.", "", "  meer ingesprongen", "a: b # c"])))
    return "\n".join(lines) + "\n"


@settings(max_examples=1500, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.tuples(st.sampled_from(["", "---\n", "# kop\n\n", "# yaml-language-server: $schema=x\n"]), block_yaml())
       .map("".join), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_well_formed_documents_read_the_same_both_ways(text: str, newline: str, trailing_spaces: bool) -> None:
    if trailing_spaces:
        text = "\n".join(line + "  " for line in text.split("\n"))
    assert_readers_agree(text.replace("\n", newline))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.recursive(
    st.one_of(st.text(max_size=12), st.integers(-10**6, 10**6), st.booleans(), st.none(), st.dates()),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=4),
    max_leaves=20,
).filter(lambda value: isinstance(value, dict) and value))
def test_documents_written_by_ruamel_read_the_same_both_ways(value) -> None:
    import io

    from ruamel.yaml import YAML

    for flow in (False, None):
        yaml = YAML()
        yaml.default_flow_style = flow
        out = io.StringIO()
        yaml.dump(value, out)
        assert_readers_agree(out.getvalue())
