"""Every mistake an editor can make in the YAML, with the exact sentence the editor reads.

tests/data/invalid/ is a site with one mistake per file. Loading it must report all of them
in one run, and nothing else, exactly as in expected_problems.txt.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO
from arbeidsmigranten_portaal.load import SourceDirs, load_catalog
from arbeidsmigranten_portaal.problems import ContentProblems

INVALID = REPO / "tests" / "data" / "invalid"
GOLDEN = INVALID / "expected_problems.txt"


def load_problems(root: Path) -> list[str]:
    dirs = SourceDirs(root, root / "site_config", root / "sessions", root / "partners", root / "content",
                      root / "actions")
    with pytest.raises(ContentProblems) as raised:
        load_catalog(dirs)
    return [problem.as_line() for problem in raised.value.problems]


def test_every_mistake_is_reported_in_one_run(tmp_path: Path, update_goldens: bool) -> None:
    root = Path(shutil.copytree(INVALID, tmp_path / "site"))
    found = load_problems(root)
    if update_goldens:
        GOLDEN.write_text("\n".join(found) + "\n", encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8").splitlines()
    assert found == expected


VALID = {"acme.yaml", "verzonnen.yml", "testgemeente.yml", "goed.yml"}


def test_every_file_with_a_mistake_is_named(tmp_path: Path) -> None:
    """Each broken file in the fixture shows up at least once; acme.yaml and the partners that the
    example sessions name (verzonnen.yml, testgemeente.yml) are the valid ones."""
    root = Path(shutil.copytree(INVALID, tmp_path / "site"))
    named = {line.split(":", 1)[0] for line in load_problems(root)}
    broken = {
        p.relative_to(root).as_posix()
        for folder in ("sessions", "partners", "actions")
        for p in (root / folder).iterdir()
        if p.suffix in (".yml", ".yaml") and p.name not in VALID
    }
    assert broken <= named
