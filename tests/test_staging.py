"""The swap of a finished build into site/: never a moment without a site, nothing left behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, build_site

from arbeidsmigranten_portaal.staging import StagedOutput

MINIMAL = REPO / "tests" / "sites" / "minimal"


def _site(path: Path, text: str) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "index.html").write_text(text, encoding="utf-8")
    return path


def _dead_pid() -> int:
    """The pid of a process that has ended (a build that was killed)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_commit_swaps_in_the_new_site_and_removes_the_old(tmp_path: Path) -> None:
    target = _site(tmp_path / "site", "oud")
    staged = StagedOutput(target)
    _site(staged.begin(), "nieuw")
    staged.commit()
    assert (target / "index.html").read_text() == "nieuw"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_commit_on_linux_exchanges_in_one_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the exchange, the target is never renamed away: os.replace is not called for it."""
    if not sys.platform.startswith("linux"):
        pytest.fail("this project's machines are Linux; the one-step exchange is what they use")
    target = _site(tmp_path / "site", "oud")
    staged = StagedOutput(target)
    _site(staged.begin(), "nieuw")
    replaced: list[tuple[str, str]] = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: (replaced.append((str(a), str(b))), real_replace(a, b)))
    staged.commit()
    assert replaced == []
    assert (target / "index.html").read_text() == "nieuw"


def test_a_build_killed_mid_swap_gets_its_previous_site_back(tmp_path: Path) -> None:
    """The two-step fallback: killed after moving the old site aside, before moving the new one in."""
    pid = _dead_pid()
    _site(tmp_path / f".site.vorige-{pid}", "oud")
    _site(tmp_path / f".site.bouw-{pid}", "half")
    staged = StagedOutput(tmp_path / "site")
    staged.begin()
    assert (tmp_path / "site" / "index.html").read_text() == "oud"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["site", staged.staging.name])
    staged.abort()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_stale_staging_folders_of_killed_builds_are_removed_but_not_a_running_one(tmp_path: Path) -> None:
    _site(tmp_path / "site", "oud")
    dead = _dead_pid()
    _site(tmp_path / f".site.bouw-{dead}", "half")
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        _site(tmp_path / f".site.bouw-{running.pid}", "bezig")
        staged = StagedOutput(tmp_path / "site")
        staged.begin()
        names = sorted(p.name for p in tmp_path.iterdir())
        assert f".site.bouw-{dead}" not in names
        assert f".site.bouw-{running.pid}" in names
        staged.abort()
    finally:
        running.kill()
        running.wait()


def _git(*args: str, cwd: Path) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def test_gh_deploy_pushes_the_built_site(tmp_path: Path) -> None:
    """gh-deploy pushes config.site_dir after the build: it must point at the site, not the
    staging folder that was swapped in."""
    import shutil

    project = Path(shutil.copytree(MINIMAL, tmp_path / "project"))
    bare = tmp_path / "remote.git"
    _git("init", "--bare", "-q", str(bare), cwd=tmp_path)
    _git("init", "-q", cwd=project)
    _git("add", "-A", cwd=project)
    _git("commit", "-q", "-m", "site", cwd=project)
    _git("remote", "add", "origin", str(bare), cwd=project)
    env = {**os.environ, "PORTAL_NOW": "2027-01-15 09:00", "NO_MKDOCS_2_WARNING": "1",
           "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "gh-deploy", "--force", "--strict"],
                            cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    tree = _git("ls-tree", "-r", "--name-only", "gh-pages", cwd=bare)
    assert "index.html" in tree.split()
    assert "tweede/index.html" in tree.split()
    assert [p.name for p in project.iterdir() if p.name.startswith(".site.")] == []


def test_yaml_and_page_problems_come_in_one_run(tmp_path: Path) -> None:
    import shutil

    project = Path(shutil.copytree(MINIMAL, tmp_path / "project"))
    site = _site(project / "site", "<p>vorige versie</p>")
    site_yml = project / "site_config" / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + "onbekend: 1\n", encoding="utf-8")
    (project / "content" / "index.md").write_text("# Start\n\n<!-- portal: bestaat-niet -->\n", encoding="utf-8")
    result = build_site(project, site)
    assert result.exit_code != 0
    assert 'site_config/site.yml' in result.output and 'onbekend veld "onbekend"' in result.output
    assert 'content/index.md:3:1: onbekend blok' in result.output
    assert "2 problemen gevonden" in result.output
    assert (site / "index.html").read_text(encoding="utf-8") == "<p>vorige versie</p>"


def test_a_read_only_output_folder_is_a_sentence_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root may write anywhere, so the refusal of the disk is simulated where the build meets it."""
    import errno
    import shutil

    import arbeidsmigranten_portaal.staging as staging

    project = Path(shutil.copytree(MINIMAL, tmp_path / "project"))
    site = _site(project / "site", "<p>vorige versie</p>")

    def refuse(self, *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(staging.Path, "mkdir", refuse)
    result = build_site(project, site)
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "de site kon niet worden geschreven naar" in result.output
    assert "alleen-lezen" in result.output
    assert (site / "index.html").read_text(encoding="utf-8") == "<p>vorige versie</p>"
