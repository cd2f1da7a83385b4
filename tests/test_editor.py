"""The editor at /admin/ (Decap CMS), without a browser: its configuration is generated from the
models and the site's settings and stays in step with them; what its YAML format writes passes
`portal check`; its files are npm's; no public page loads it. The browser test is
tests/test_browser_editor.py."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from conftest import REPO, build_site, parse_html, run_portal, tool
from arbeidsmigranten_portaal.action_model import Action
from arbeidsmigranten_portaal.editor.config import EditorSite, date_keys, editor_config
from arbeidsmigranten_portaal.editor.files import ASSETS, VENDOR, vendored_files
from arbeidsmigranten_portaal.model import Partner, Session
from arbeidsmigranten_portaal.page_meta_model import NewsPostMeta, PageMeta

RECORDS = {"sessions": Session, "partners": Partner, "actions": Action}


def _models_inside(model: type[BaseModel]) -> set[type[BaseModel]]:
    found = {model}
    for info in model.model_fields.values():
        stack = [info.annotation]
        while stack:
            kind = stack.pop()
            if isinstance(kind, type) and issubclass(kind, BaseModel) and kind not in found:
                found |= _models_inside(kind)
            stack += [arg for arg in typing.get_args(kind) if not isinstance(arg, (str, int))]
    return found


@pytest.mark.parametrize("model", [Session, Partner, Action, NewsPostMeta, PageMeta], ids=lambda m: m.__name__)
def test_every_field_in_a_form_has_a_dutch_label_and_hint(model: type[BaseModel]) -> None:
    for inner in _models_inside(model):
        for name, info in inner.model_fields.items():
            assert info.title, f"{inner.__name__}.{name} heeft geen title (het label in de editor)"
            assert info.description, f"{inner.__name__}.{name} heeft geen description (de uitleg in de editor)"


def _site() -> EditorSite:
    return EditorSite(organisation="Gemeente Test", repo="gemeente-test/portaal",
                      audiences={"ondernemers": "Ondernemers", "raadsleden": "Raadsleden"},
                      languages=("en", "pl"), language_names={"en": "Vertaling: Engels", "pl": "Vertaling: Pools"},
                      news_dir="nieuws/posts", news_categories=("Controles", "Alliantie"), page_folders=("", "aanpak"))


def _compare(fields: list[dict[str, Any]], schema: dict[str, Any], defs: dict[str, Any], where: str,
             optional: bool = False) -> int:
    """Every property of the schema is a field of the form, in order, with the schema's rules.
    Returns how many fields were compared."""
    while "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    properties = schema["properties"]
    assert [f["name"] for f in fields] == list(properties), where
    required = set() if optional else set(schema.get("required", []))
    count = 0
    for field in fields:
        prop = properties[field["name"]]
        here = f"{where}.{field['name']}"
        count += 1
        assert field["required"] == (field["name"] in required), here
        assert field["label"] == prop["title"] and field["hint"] == prop["description"], here
        options = [o for o in prop.get("anyOf", [prop]) if o.get("type") != "null"]
        value = options[0] if len(options) == 1 else {"anyOf": options}
        while "$ref" in value:
            value = defs[value["$ref"].rsplit("/", 1)[-1]]
        if "enum" in value:
            assert [o["value"] for o in field["options"]] == [str(v) for v in value["enum"]], here
        elif value.get("type") == "array" and "enum" in value.get("items", {}):
            assert field["multiple"] and [o["value"] for o in field["options"]] == value["items"]["enum"], here
        elif value.get("type") == "object" and "properties" in value:
            count += _compare(field["fields"], value, defs, here, optional=not field["required"])
        elif value.get("type") == "array" and "$ref" in value.get("items", {}):
            count += _compare(field["fields"], value["items"], defs, here)
        elif value.get("type") == "object" and "patternProperties" in value:
            inner = next(iter(value["patternProperties"].values()))
            for part in field["fields"]:
                count += _compare(part["fields"], inner, defs, f"{here}.{part['name']}", optional=True)
        elif value.get("type") == "string" and "pattern" in value and field["widget"] == "string":
            assert field["pattern"][0] == value["pattern"], here
        elif value.get("type") == "integer":
            assert field["widget"] == "number" and field["value_type"] == "int", here
            assert field.get("min") == value.get("minimum") and field.get("max") == value.get("maximum"), here
        elif value.get("type") == "boolean":
            assert field["widget"] == "boolean", here
    return count


@pytest.mark.parametrize("collection", list(RECORDS))
def test_the_forms_follow_the_models(collection: str) -> None:
    """The configuration is made from the JSON Schema; this walks both and compares, field by field."""
    config = editor_config(_site())
    form = next(c for c in config["collections"] if c["name"] == collection)
    schema = RECORDS[collection].model_json_schema()
    assert _compare(form["fields"], schema, schema.get("$defs", {}), collection) > 10


def test_the_choices_are_the_sites() -> None:
    config = editor_config(_site())
    sessions = {f["name"]: f for f in next(c for c in config["collections"] if c["name"] == "sessions")["fields"]}
    assert [o["value"] for o in sessions["audiences"]["options"]] == ["ondernemers", "raadsleden"]
    assert [f["name"] for f in sessions["registration"]["fields"]] == ["ondernemers", "raadsleden"]
    assert [f["name"] for f in sessions["translations"]["fields"]] == ["en", "pl"]
    assert sessions["speakers"]["widget"] == "relation" and sessions["speakers"]["collection"] == "partners"
    news = next(c for c in config["collections"] if c["name"] == "news")
    assert next(f for f in news["fields"] if f["name"] == "categories")["options"] == ["Controles", "Alliantie"]
    partners = {f["name"]: f for f in next(c for c in config["collections"] if c["name"] == "partners")["fields"]}
    assert partners["kind"]["options"][0] == {"label": "Werkgever", "value": "werkgever"}
    assert [c["folder"] for c in config["collections"] if c["name"].startswith("pages")] == ["content", "content/aanpak"]
    assert all(c["create"] is False for c in config["collections"] if c["name"].startswith("pages"))
    # Every save is a branch and a pull request; the editor on this computer saves through decap-server.
    assert config["publish_mode"] == "editorial_workflow"
    assert config["local_backend"]["url"].startswith("http://127.0.0.1:")
    assert config["locale"] == "nl"


def test_the_editor_signs_in_only_through_the_municipalitys_own_service() -> None:
    import dataclasses

    without = editor_config(_site())["backend"]
    # Without a sign-in service: only decap-server on this computer, never Netlify's service (Decap's
    # default for GitHub) and never GitHub.
    assert without["name"] == "proxy" and without["proxy_url"].startswith("http://127.0.0.1:")
    with_service = editor_config(dataclasses.replace(_site(), auth_url="https://inloggen.example.nl/"))["backend"]
    assert {k: with_service[k] for k in ("name", "repo", "branch", "base_url", "auth_scope")} == {
        "name": "github", "repo": "gemeente-test/portaal", "branch": "main", "base_url": "https://inloggen.example.nl",
        "auth_scope": "public_repo"}
    private = editor_config(dataclasses.replace(_site(), auth_url="https://inloggen.example.nl", private=True))
    assert private["backend"]["auth_scope"] == "repo"


def test_the_vendored_editor_is_the_npm_package() -> None:
    manifest = json.loads((VENDOR / "VENDOR.json").read_text(encoding="utf-8"))
    assert manifest["decap-cms"]["version"] and manifest["decap-cms"]["integrity"].startswith("sha512-")
    recorded = {path: digest for item in manifest.values() for path, digest in item["files"].items()}
    on_disk = {p.relative_to(VENDOR).as_posix() for p in VENDOR.rglob("*") if p.is_file()} - {"VENDOR.json"}
    assert on_disk == set(recorded)
    for path, digest in recorded.items():
        assert hashlib.sha256((VENDOR / path).read_bytes()).hexdigest() == digest, path
    assert "decap-cms/decap-cms.js" in recorded and "decap-cms/LICENSE" in recorded


def test_the_built_site_has_the_editor_and_no_public_page_loads_it(built_site: Path) -> None:
    admin = built_site / "admin"
    page = parse_html(admin / "index.html")
    assert page.find("html")["lang"] == "nl"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    scripts = [s.get("src") for s in page.find_all("script") if s.get("src")]
    assert scripts == ["js-yaml.min.js", "portal-yaml.js", "decap-cms.js", "portal-editor.js"]
    for name in scripts:
        assert (admin / name).is_file(), name
    # Every chunk Decap loads lies beside it.
    assert {p.name for p in admin.glob("*.decap-cms.js")} == {p.name for p in (VENDOR / "decap-cms").glob("*.decap-cms.js")}
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["name"] == "proxy"  # site.yml has no sign-in service yet
    assert {c["name"] for c in config["collections"]} >= {"sessions", "partners", "actions", "news", "pages"}
    assert "Voorbeeld" in page.get_text()  # the repository in site.yml is an example, and the page says so
    for other in built_site.rglob("*.html"):
        if other.parent == admin:
            continue
        html = parse_html(other)
        loaded = [t.get("src", "") for t in html.find_all("script")] + [t.get("href", "") for t in html.find_all("link")]
        assert not [u for u in loaded if "admin/" in u or "decap" in u], other
    assert "admin/" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in index["docs"] if d["location"].startswith("admin")]


def test_a_site_without_an_editor_has_no_admin(project_copy: Path, tmp_path: Path) -> None:
    (project_copy / "site_config" / "editor.yml").unlink()
    result = build_site(project_copy, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "out" / "admin").exists()


@pytest.mark.parametrize("line_written, sentence", [
    ('repo: "../../etc"', "moet een repository op GitHub zijn als eigenaar/naam"),
    ('repo: "gemeente dalfsen/portaal"', "moet een repository op GitHub zijn als eigenaar/naam"),
    # Decap takes the sign-in window's answer only from exactly this origin: a path never works.
    ("auth_url: https://inloggen.example.nl/decap", "zonder pad erachter"),
    ("auth_url: https://Inloggen.example.nl", "zonder pad erachter"),
    ("auth_url: http://inloggen.example.nl", "zonder pad erachter"),
])
def test_a_wrong_editor_setting_is_one_sentence_at_its_line(project_copy: Path, line_written: str, sentence: str) -> None:
    settings = project_copy / "site_config" / "editor.yml"
    rows = settings.read_text(encoding="utf-8").splitlines()
    key = line_written.split(":")[0]
    rows = [row for row in rows if not row.startswith(f"{key}:")] + [line_written]
    settings.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run_portal("check", cwd=project_copy)
    assert result.returncode == 1
    assert f"site_config/editor.yml:{len(rows)}:" in result.stdout + result.stderr
    assert sentence in result.stdout + result.stderr


def test_page_folders_get_names_of_their_own() -> None:
    import dataclasses

    config = editor_config(dataclasses.replace(_site(), page_folders=("", "x/y", "x-y", "X Y")))
    names = [c["name"] for c in config["collections"]]
    assert len(names) == len(set(names))
    assert [c["folder"] for c in config["collections"] if c["name"].startswith("pages")] == [
        "content", "content/x/y", "content/x-y", "content/X Y"]


# What an editor may type that YAML would read as something else: a time, yes/no, a number, null.
TRICKY_SESSION = {
    "title": "2027-03-11",
    "start": "2027-03-11 19:30",
    "end": "2027-03-11 21:30",
    "location": {"name": "null", "address": "Voorbeeldstraat 1: achterom, Dalfsen", "online_url": ""},
    "status_note": "<<",
    "audiences": ["ondernemers"],
    "summary": "Eerste alinea: met # en een 'aanhalingsteken'.\r\n\r\n- geen lijst, gewoon tekst\n",
    "agenda": [{"time": "19:30", "title": "0800"}, {"time": "20:05", "title": "on"}, {"time": "20:10", "title": "+.5"},
               {"time": "20:20", "title": "2001-12-14t21:59:43.10-05:00"}, {"time": "20:30", "title": "0o17"},
               {"time": "20:40", "title": "yes"}, {"time": "20:50", "title": "~"}],
    "speakers": [],
    "registration": {"ondernemers": {"url": "https://formulieren.example.nl/a", "deadline": "2027-03-04",
                                     "note": ""}, "raadsleden": {}},
    "status": "gepland",
    "example": True,
    "translations": {"en": {"title": "", "summary": ""}},
}


TRICKY_SESSION_TITLES = ["0800", "on", "+.5", "2001-12-14t21:59:43.10-05:00", "0o17", "yes", "~"]


def _run_format(data: dict[str, Any], order: list[str], format_call: str | None = None) -> dict[str, Any]:
    call = format_call or f"recordFormat('session.schema.json', {json.dumps(date_keys())})"
    script = f"""
globalThis.jsyaml = require({json.dumps(str(VENDOR / "js-yaml" / "js-yaml.min.js"))});
require({json.dumps(str(ASSETS / "portal-yaml.js"))});
const format = globalThis.portalYaml.{call};
const data = JSON.parse(process.argv[1]);
const text = format.toFile(data, JSON.parse(process.argv[2]));
const back = format.fromFile(text);
process.stdout.write(JSON.stringify({{text, back}}));
"""
    done = subprocess.run([tool("node"), "-e", script, json.dumps(data), json.dumps(order)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_what_the_editor_writes_passes_the_check_unchanged(project_copy: Path) -> None:
    order = list(Session.model_fields)
    result = _run_format(TRICKY_SESSION, list(reversed(order)))
    text = result["text"]
    assert text.startswith("# yaml-language-server: $schema=../schemas/session.schema.json\n")
    (project_copy / "sessions" / "2027-03-uit-de-editor.yml").write_text(text, encoding="utf-8")
    checked = run_portal("check", cwd=project_copy)
    assert checked.returncode == 0, text + checked.stdout + checked.stderr
    from arbeidsmigranten_portaal.yaml_source import parse_yaml_text

    doc, problems = parse_yaml_text(Path("x.yml"), "x.yml", text)
    assert problems == []
    data = doc.data
    assert data["title"] == "2027-03-11" and data["location"]["name"] == "null" and data["status_note"] == "<<"
    assert [item["time"] for item in data["agenda"]] == ["19:30", "20:05", "20:10", "20:20", "20:30", "20:40", "20:50"]
    assert [item["title"] for item in data["agenda"]] == TRICKY_SESSION_TITLES
    # YAML 1.1 (PyYAML, as MkDocs and Material read) reads the same texts.
    assert [item["title"] for item in yaml.safe_load(text)["agenda"]] == TRICKY_SESSION_TITLES
    assert data["summary"] == "Eerste alinea: met # en een 'aanhalingsteken'.\n\n- geen lijst, gewoon tekst\n"
    # Empty fields are left out, not written as "".
    assert "online_url" not in data["location"] and "translations" not in data and "speakers" not in data
    assert data["registration"] == {"ondernemers": {"url": "https://formulieren.example.nl/a",
                                                    "deadline": dt.date(2027, 3, 4)}}  # a YAML date, as editors write it
    assert "start: 2027-03-11 19:30\n" in text  # a moment in a date field: bare, as editors write it
    # The form's order, not the order the fields were typed in (here given reversed as the "form").
    assert list(data) == [k for k in reversed(order) if k in data]
    # Read back by the editor: the same values (times and dates stay text, as the widgets give them).
    assert result["back"]["agenda"][0]["time"] == "19:30"
    assert result["back"]["start"] == "2027-03-11 19:30"


def test_the_editor_reads_the_sites_own_files_as_the_portal_does() -> None:
    for path in sorted((REPO / "sessions").glob("*.yml")):
        script = f"""
globalThis.jsyaml = require({json.dumps(str(VENDOR / "js-yaml" / "js-yaml.min.js"))});
require({json.dumps(str(ASSETS / "portal-yaml.js"))});
const fs = require("fs");
process.stdout.write(JSON.stringify(globalThis.portalYaml.recordFormat("s").fromFile(fs.readFileSync(process.argv[1], "utf8"))));
"""
        read = json.loads(subprocess.run([tool("node"), "-e", script, str(path)], capture_output=True, text=True,
                                         check=True).stdout)
        session = Session.model_validate(read, strict=False)
        assert session.title and [a.time for a in session.agenda] == [i["time"] for i in read.get("agenda", [])], path
        assert read["start"] == yaml.safe_load(path.read_text(encoding="utf-8"))["start"]  # text, as the loader reads it


def test_vendored_files_are_copied_as_they_are(built_site: Path) -> None:
    for site_path, source in vendored_files().items():
        assert (built_site / site_path).read_bytes() == source.read_bytes(), site_path


def test_a_page_the_editor_writes_reads_the_same_in_material_and_passes_the_check(project_copy: Path) -> None:
    """Pages and news posts: front matter in the portal's YAML, the Markdown as it was typed."""
    body = "\n# Privacy\n\nTekst met een blok:\n\n<!-- portal: contact -->\n"
    meta = {"title": "on", "description": "no", "reviewed": "2026-12-03", "icon": ""}
    result = _run_format({**meta, "body": body}, ["title", "description", "reviewed", "body"],
                         f"frontMatterFormat({json.dumps(date_keys())})")
    text = result["text"]
    (project_copy / "content" / "privacy.md").write_text(text, encoding="utf-8")
    checked = run_portal("check", cwd=project_copy)
    assert checked.returncode == 0, text + checked.stdout + checked.stderr
    assert text.endswith("---\n" + body)
    from arbeidsmigranten_portaal.front_matter import split_front_matter

    read, rest = split_front_matter(text)  # as MkDocs and Material read it (PyYAML, YAML 1.1)
    assert read == {"title": "on", "description": "no", "reviewed": dt.date(2026, 12, 3)}
    assert rest == body
    assert result["back"] == {"title": "on", "description": "no", "reviewed": "2026-12-03", "body": body}
