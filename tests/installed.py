"""The toolkit as another municipality gets it: a wheel, installed in a fresh virtual environment.

The wheel is built from a copy of the package's own sources (pyproject.toml, README, LICENSE,
plugins/), never from the working tree, so a file that only exists beside the sources cannot
make it work. The fresh environment has no editable install and no path to the sources: its
third-party packages are the test environment's, offered through a folder of links that leaves
out the toolkit itself (no network at test time, and the same pinned versions).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = "arbeidsmigranten_portaal"
PACKAGE_SOURCES = ("pyproject.toml", "README.md", "LICENSE", "plugins")


@dataclass(frozen=True)
class InstalledToolkit:
    wheel: Path
    venv: Path

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    @property
    def portal(self) -> Path:
        return self.venv / "bin" / "portal"

    def env(self, **extra: str) -> dict[str, str]:
        """The environment for its commands: nothing of the test run's own Python paths."""
        environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
        environ["PATH"] = f"{self.venv / 'bin'}{os.pathsep}{environ.get('PATH', '')}"
        environ["NO_MKDOCS_2_WARNING"] = "1"
        return {**environ, **extra}

    def run(self, *args: str | Path, cwd: Path, **extra_env: str) -> subprocess.CompletedProcess:
        # -P: the current folder (a site) is not put on sys.path either.
        return subprocess.run([str(self.python), "-P", *map(str, args)], cwd=cwd, env=self.env(**extra_env),
                              capture_output=True, text=True, timeout=900)

    def build(self, site: Path, out: Path, now: str) -> subprocess.CompletedProcess:
        return self.run("-m", "mkdocs", "build", "--strict", "--site-dir", out, cwd=site, PORTAL_NOW=now)


def build_wheel(workdir: Path) -> Path:
    sources = workdir / "sources"
    for name in PACKAGE_SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, sources / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc"))
        else:
            sources.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, sources / name)
    out = workdir / "dist"
    # --no-isolation: the build backend (setuptools, pinned in constraints.txt) comes from the test
    # environment instead of being downloaded.
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(sources)],
                   check=True, capture_output=True, text=True, timeout=600)
    [wheel] = out.glob("*.whl")
    return wheel


def install_fresh(wheel: Path, workdir: Path) -> InstalledToolkit:
    target = workdir / "venv"
    venv.create(target, with_pip=True)
    # The test environment's third-party packages, without the toolkit and its editable hook.
    deps = workdir / "third-party"
    deps.mkdir()
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        name = entry.name.lower()
        if name.startswith((PACKAGE, "__editable__", "_virtualenv")) or name.endswith(".pth") or name in ("pip", "__pycache__"):
            continue
        if name.startswith(("pip-", "setuptools")):
            continue
        (deps / entry.name).symlink_to(entry)
    site_packages = Path(subprocess.run([str(target / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                        check=True, capture_output=True, text=True).stdout.strip())
    (site_packages / "third_party.pth").write_text(f"{deps}\n", encoding="utf-8")
    subprocess.run([str(target / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    str(wheel)], check=True, capture_output=True, text=True, timeout=600)
    return InstalledToolkit(wheel, target)
