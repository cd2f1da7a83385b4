"""Copy the editor's JavaScript from npm into the toolkit: Decap CMS and js-yaml.

    .venv/bin/python scripts/vendor_editor.py           fetch the versions below and write them
    .venv/bin/python scripts/vendor_editor.py --check   fetch them again and compare, byte for byte

The built site serves /admin/ from these files (no CDN), and the toolkit ships them as package
data, so a municipality that installs the toolkit with pip needs neither npm nor a network at
build time. `npm pack` checks each tarball against the integrity the registry publishes; the
integrity is written to VENDOR.json beside the sha256 of every file, and the tests check the files
against VENDOR.json (tests/test_editor.py). Source maps are left out (60 MB nobody serves).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "plugins" / "arbeidsmigranten_portaal" / "editor" / "vendor"
NPM = ROOT / ".venv" / "bin" / "npm"

# name -> (version, {path in the package: path under vendor/<name>/})
PACKAGES: dict[str, tuple[str, dict[str, str]]] = {
    "decap-cms": ("3.16.3", {}),  # dist/*.js: every chunk, filled in below
    "js-yaml": ("4.1.1", {"package/dist/js-yaml.min.js": "js-yaml.min.js", "package/LICENSE": "LICENSE"}),
}
# decap-cms has no LICENSE file in its package; its package.json says MIT, and this is the text
# of the repository's LICENSE, with its copyright line.
DECAP_LICENSE = """(The licence of https://github.com/decaporg/decap-cms, file LICENSE; package.json: MIT.)

Copyright (c) 2016 Netlify <decap@p-m.si>

MIT License

Permission is hereby granted, free of charge, to any person obtaining
a copy of this software and associated documentation files (the
"Software"), to deal in the Software without restriction, including
without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to
permit persons to whom the Software is furnished to do so, subject to
the following conditions:

The above copyright notice and this permission notice shall be
included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND,
EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF
MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE
LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION
OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION
WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def fetch(workdir: Path) -> dict[str, dict]:
    """Each package's files (path under vendor/ -> bytes) and its tarball's integrity."""
    found: dict[str, dict] = {}
    env = {**os.environ, "PATH": f"{NPM.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    for name, (version, wanted) in PACKAGES.items():
        out = subprocess.run([str(NPM), "pack", f"{name}@{version}", "--json", "--pack-destination", str(workdir)],
                             cwd=workdir, env=env, check=True, capture_output=True, text=True)
        info = json.loads(out.stdout)[0]
        files: dict[str, bytes] = {}
        with tarfile.open(workdir / info["filename"]) as tar:
            for member in tar.getmembers():
                if not member.isfile():
                    continue
                target = wanted.get(member.name)
                # decap-cms.js and the chunks it loads (N.decap-cms.js); cms.js is the same app again.
                inside = member.name.removeprefix("package/dist/")
                if name == "decap-cms" and inside != member.name and "/" not in inside and inside.endswith("decap-cms.js"):
                    target = inside
                if target is not None:
                    files[f"{name}/{target}"] = tar.extractfile(member).read()
        if name == "decap-cms":
            files["decap-cms/LICENSE"] = DECAP_LICENSE.encode()
        found[name] = {"version": version, "integrity": info["integrity"], "files": files}
    return found


def manifest(found: dict[str, dict]) -> dict:
    return {name: {"version": item["version"], "integrity": item["integrity"],
                   "files": {path: hashlib.sha256(data).hexdigest() for path, data in sorted(item["files"].items())}}
            for name, item in found.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with npm instead of writing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        found = fetch(Path(tmp))
    wanted = manifest(found)
    if args.check:
        recorded = json.loads((VENDOR / "VENDOR.json").read_text(encoding="utf-8"))
        if recorded != wanted:
            print("De bestanden in editor/vendor/ zijn niet die van npm; maak ze opnieuw met scripts/vendor_editor.py",
                  file=sys.stderr)
            return 1
        for item in found.values():
            for path, data in item["files"].items():
                if (VENDOR / path).read_bytes() != data:
                    print(f"editor/vendor/{path} verschilt van npm", file=sys.stderr)
                    return 1
        print("editor/vendor/ is gelijk aan npm: " + ", ".join(f"{n} {i['version']}" for n, i in found.items()))
        return 0
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    for item in found.values():
        for path, data in item["files"].items():
            (VENDOR / path).parent.mkdir(parents=True, exist_ok=True)
            (VENDOR / path).write_bytes(data)
    (VENDOR / "VENDOR.json").write_text(json.dumps(wanted, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"geschreven: {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
