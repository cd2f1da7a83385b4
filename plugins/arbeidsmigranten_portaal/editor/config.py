"""The editor's configuration (Decap CMS's config.yml), generated: never written by hand.

Every form comes from a model's JSON Schema (the one the editors' VS Code reads, schemas.py):
labels are the fields' Dutch titles, hints their descriptions, and required fields, patterns,
lengths, numbers and choices come from the schema. The site adds what only it knows: its
audiences, its languages, its partners (to pick a speaker), its news categories and its folders
of pages. Rules between fields (an end after the start) are not in a form; `portal check` on the
pull request says them, at the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from ..action_model import DAY_PATTERN, Action
from ..model import DATETIME_PATTERN, Partner, Session
from ..page_meta_model import NewsPostMeta, PageMeta

# The formats that editor/assets/portal-editor.js registers: YAML as the portal reads it.
DATA_FORMATS = {"sessions": "session.schema.json", "partners": "partner.schema.json", "actions": "action.schema.json"}
FRONT_MATTER_FORMAT = "portal-frontmatter"
LOCAL_BACKEND_PORT = 8081
# Decap's date pickers write text in these forms (moment.js tokens), which the loader reads.
_DATETIME_WIDGET = {"widget": "datetime", "format": "YYYY-MM-DD HH:mm", "date_format": "DD-MM-YYYY",
                    "time_format": "HH:mm", "picker_utc": False}
_DAY_WIDGET = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD-MM-YYYY", "time_format": False,
               "picker_utc": False}
_EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
# Longer texts get a box of several lines; shorter ones a line.
_ONE_LINE_MAX = 200


@dataclass(frozen=True)
class EditorSite:
    """What the site itself adds to the forms."""

    organisation: str
    repo: str
    branch: str = "main"
    auth_url: str | None = None
    private: bool = False
    site_url: str = ""
    audiences: dict[str, str] = field(default_factory=dict)  # id -> label
    languages: tuple[str, ...] = ()  # the languages other than Dutch that records may be translated into
    language_names: dict[str, str] = field(default_factory=dict)
    news_dir: str | None = None  # content/<news_dir>: the news posts
    news_categories: tuple[str, ...] = ()
    page_folders: tuple[str, ...] = ("",)  # folders under content/ with pages ("" is content/ itself)
    content_folder: str = "content"
    sessions_folder: str = "sessions"
    partners_folder: str = "partners"
    actions_folder: str | None = "actions"  # None: the site has no actions
    local_port: int = LOCAL_BACKEND_PORT


class _Fields:
    """A model's JSON Schema turned into Decap fields, with the site's choices for some of them."""

    def __init__(self, site: EditorSite, model: type[BaseModel]) -> None:
        self.site = site
        self.model = model
        self.schema = model.model_json_schema()
        self.defs = self.schema.get("$defs", {})

    def of(self, schema: dict[str, Any], path: str = "", *, optional: bool = False) -> list[dict[str, Any]]:
        """The fields of an object; `optional`: the object itself may be left empty, and Decap
        cannot say "required once the object is filled in", so none of its fields is required
        in the form (portal check still says what is missing)."""
        schema = self._resolve(schema)
        required = set() if optional else set(schema.get("required", []))
        return [self.field(name, prop, name in required, f"{path}.{name}" if path else name)
                for name, prop in schema.get("properties", {}).items()]

    def _resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            schema = {**self.defs[schema["$ref"].rsplit("/", 1)[-1]],
                      **{k: v for k, v in schema.items() if k != "$ref"}}
        return schema

    def field(self, name: str, prop: dict[str, Any], required: bool, path: str) -> dict[str, Any]:
        # Every field the editor shows has a Dutch title (tests/test_editor.py checks the models).
        out: dict[str, Any] = {"label": prop.get("title", name), "name": name, "required": required}
        if prop.get("description"):
            out["hint"] = prop["description"]
        value = self._resolve(_without_null(prop))
        out.update(self.widget(value, path, optional=not required))
        # A default is written into every new file; a false one is what the loader assumes anyway.
        if "default" in prop and prop["default"] not in (None, [], {}, False) and out["widget"] in ("select", "number"):
            out["default"] = prop["default"]
        return out

    def widget(self, schema: dict[str, Any], path: str, *, optional: bool = False) -> dict[str, Any]:
        special = self.special(path)
        if special is not None:
            return special
        if "enum" in schema:
            return {"widget": "select", "options": _options(schema["enum"])}
        kind = schema.get("type")
        if kind == "boolean":
            return {"widget": "boolean"}
        if kind == "integer":
            out: dict[str, Any] = {"widget": "number", "value_type": "int"}
            if "minimum" in schema:
                out["min"] = schema["minimum"]
            if "maximum" in schema:
                out["max"] = schema["maximum"]
            return out
        if kind == "array":
            items = self._resolve(schema["items"])
            if "enum" in items:
                return {"widget": "select", "multiple": True, "options": _options(items["enum"])}
            if items.get("type") == "object":
                return {"widget": "list", "collapsed": True, "fields": self.of(items, path),
                        **_max_items(schema)}
            return {"widget": "list", "field": {"label": "Tekst", "name": "item", **self.widget(items, path)},
                    **_max_items(schema)}
        if kind == "object" and "patternProperties" in schema:
            # A mapping by id (registration per audience, translations per language): one part of
            # the form per id the site knows.
            # Translations are folded away; how to register is what the session is for, so it is open.
            inner = next(iter(schema["patternProperties"].values()))
            folded = path.endswith("translations")
            return {"widget": "object", "collapsed": folded, "fields": [
                {"label": label, "name": key, "required": False, "widget": "object", "collapsed": folded,
                 "fields": self.of(inner, f"{path}.{key}", optional=True)}
                for key, label in self.keys_of(path).items()]}
        if kind == "object" and "properties" in schema:
            return {"widget": "object", "collapsed": False, "fields": self.of(schema, path, optional=optional)}
        if "anyOf" in schema:
            return self._text(_either_pattern(schema["anyOf"]), None)
        if schema.get("pattern") == DATETIME_PATTERN:
            return dict(_DATETIME_WIDGET)
        if schema.get("pattern") == DAY_PATTERN:
            return dict(_DAY_WIDGET)
        if kind == "string" and schema.get("format") == "email":
            return {"widget": "string", "pattern": [_EMAIL_PATTERN, "Schrijf een e-mailadres, zoals info@gemeente.nl."]}
        if kind == "string":
            return self._text(schema.get("pattern"), schema.get("maxLength"))
        raise ValueError(f"de editor kent geen formulierveld voor {path} ({schema})")

    def keys_of(self, path: str) -> dict[str, str]:
        site = self.site
        if path == "registration":
            return {key: f"Aanmelding voor {label.lower()}" for key, label in site.audiences.items()}
        if path == "translations":
            return {code: site.language_names.get(code, code) for code in site.languages}
        raise ValueError(f"de editor weet niet welke namen er onder {path} kunnen staan")

    @staticmethod
    def _text(pattern: str | None, max_length: int | None) -> dict[str, Any]:
        out: dict[str, Any] = {"widget": "text" if max_length and max_length > _ONE_LINE_MAX else "string"}
        if pattern:
            out["pattern"] = [pattern, "Dit veld heeft een andere vorm nodig; zie de uitleg eronder."]
        elif max_length:
            out["pattern"] = [f"^[\\s\\S]{{0,{max_length}}}$", f"Hoogstens {max_length} tekens."]
        return out

    def special(self, path: str) -> dict[str, Any] | None:
        """Fields whose choices come from the site: its audiences, partners, sessions, languages."""
        site = self.site
        leaf = path.rsplit(".", 1)[-1]
        if path == "audiences":
            return {"widget": "select", "multiple": True,
                    "options": [{"label": label, "value": key} for key, label in site.audiences.items()]}
        if path in ("speakers", "hosts"):
            return {"widget": "relation", "collection": "partners", "value_field": "{{slug}}",
                    "search_fields": ["name"], "display_fields": ["name"], "multiple": True}
        if path == "logo" and self.model is Partner:
            # Uploaded into partners/logos/ (the collection's media folder), written as logos/<file>.
            return {"widget": "image", "choose_url": False}
        if path == "evidence.session":
            return {"widget": "relation", "collection": "sessions", "value_field": "{{slug}}",
                    "search_fields": ["title"], "display_fields": ["title"]}
        if path == "categories" and site.news_categories:
            return {"widget": "select", "multiple": True, "options": list(site.news_categories)}
        return None


def date_keys() -> list[str]:
    """The names of the fields that hold a day or a moment, in every model the editor writes: the
    YAML formats write their values bare (2027-03-11), everything else that looks like a date
    between quotes."""
    found: set[str] = set()

    def walk(schema: dict[str, Any], defs: dict[str, Any]) -> None:
        for name, prop in schema.get("properties", {}).items():
            options = [prop, *prop.get("anyOf", [])]
            for option in list(options):
                options += option.get("anyOf", [])
            if any(option.get("pattern") in (DATETIME_PATTERN, DAY_PATTERN) for option in options):
                found.add(name)
        for inner in defs.values():
            if "properties" in inner:
                walk({"properties": inner["properties"]}, {})

    for model in (Session, Partner, Action, NewsPostMeta, PageMeta):
        schema = model.model_json_schema()
        walk(schema, schema.get("$defs", {}))
    return sorted(found)


def _options(values: list[Any]) -> list[dict[str, str]]:
    """A choice as the form shows it ("Werkgever") and as the file has it (werkgever)."""
    return [{"label": str(value)[:1].upper() + str(value)[1:], "value": str(value)} for value in values]


def _without_null(prop: dict[str, Any]) -> dict[str, Any]:
    """`X | None`: the X (an empty optional field is left out of the file)."""
    options = prop.get("anyOf")
    if options and any(option.get("type") == "null" for option in options):
        rest = [option for option in options if option.get("type") != "null"]
        return rest[0] if len(rest) == 1 else {"anyOf": rest}
    return prop


def _either_pattern(options: list[dict[str, Any]]) -> str | None:
    patterns = [option.get("pattern") for option in options if option.get("pattern")]
    if not patterns:
        return None
    return "^(?:" + "|".join(p.removeprefix("^").removesuffix("$") for p in patterns) + ")$"


def _max_items(schema: dict[str, Any]) -> dict[str, Any]:
    return {"max": schema["maxItems"]} if "maxItems" in schema else {}


def _markdown_body() -> dict[str, Any]:
    # Only the raw Markdown: the rich-text mode rewrites the text it did not change (and would
    # drop the portal's blocks, <!-- portal: ... -->).
    return {"label": "Tekst", "name": "body", "widget": "markdown", "modes": ["raw"], "required": True,
            "hint": "In Markdown: # voor een kop, - voor een lijst, [tekst](adres) voor een link. Laat regels als "
                    "<!-- portal: kalender --> staan: daar zet de site haar blokken."}


def editor_config(site: EditorSite) -> dict[str, Any]:
    """Decap CMS's configuration for this site."""
    data_collections: list[dict[str, Any]] = [
        {"name": "sessions", "label": "Kennissessies", "label_singular": "Kennissessie", "folder": site.sessions_folder,
         "extension": "yml", "format": "portal-sessions", "create": True, "slug": "{{slug}}",
         "identifier_field": "title", "summary": "{{start}} · {{title}}", "sortable_fields": ["start", "title"],
         "editor": {"preview": False}, "fields": _Fields(site, Session).of(Session.model_json_schema())},
        {"name": "partners", "label": "Partners", "label_singular": "Partner", "folder": site.partners_folder,
         "extension": "yml", "format": "portal-partners", "create": True, "slug": "{{slug}}",
         "identifier_field": "name", "summary": "{{name}}", "sortable_fields": ["name"],
         "editor": {"preview": False}, "media_folder": f"/{site.partners_folder}/logos", "public_folder": "logos",
         "fields": _Fields(site, Partner).of(Partner.model_json_schema())},
    ]
    if site.actions_folder is not None:
        data_collections.append(
            {"name": "actions", "label": "Acties en voortgang", "label_singular": "Actie", "folder": site.actions_folder,
             "extension": "yml", "format": "portal-actions", "create": True, "slug": "{{slug}}",
             "identifier_field": "title", "summary": "{{title}} ({{status}})", "sortable_fields": ["title", "updated"],
             "editor": {"preview": False}, "fields": _Fields(site, Action).of(Action.model_json_schema())})
    collections = data_collections
    if site.news_dir:
        collections.append(
            {"name": "news", "label": "Nieuws", "label_singular": "Nieuwsbericht",
             "folder": f"{site.content_folder}/{site.news_dir}", "extension": "md", "format": FRONT_MATTER_FORMAT,
             "create": True, "slug": "{{slug}}", "identifier_field": "title", "summary": "{{date}} · {{title}}",
             "sortable_fields": ["date", "title"],
             "fields": [*_Fields(site, NewsPostMeta).of(NewsPostMeta.model_json_schema()), _markdown_body()]})
    names = {collection["name"] for collection in collections}
    for folder in site.page_folders:
        where = f"{site.content_folder}/{folder}".rstrip("/")
        # Decap needs unique names, and "a/b" and "a-b" would both become pages-a-b.
        name = base = "pages" if not folder else "pages-" + re.sub(r"[^a-z0-9]+", "-", folder.lower()).strip("-")
        number = 1
        while name in names:
            number += 1
            name = f"{base}-{number}"
        names.add(name)
        collections.append(
            {"name": name, "label": "Pagina's" if not folder else f"Pagina's: {folder}", "label_singular": "Pagina",
             "folder": where, "extension": "md", "format": FRONT_MATTER_FORMAT, "create": False,
             "identifier_field": "title", "summary": "{{filename}}.{{extension}}",
             "fields": [*_Fields(site, PageMeta).of(PageMeta.model_json_schema()), _markdown_body()]})
    local = f"http://127.0.0.1:{site.local_port}/api/v1"
    backend: dict[str, Any]
    if site.auth_url:
        backend = {"name": "github", "repo": site.repo, "branch": site.branch, "base_url": site.auth_url.rstrip("/"),
                   # No more right than needed: a public repository needs only public_repo.
                   "auth_scope": "repo" if site.private else "public_repo",
                   "commit_messages": _COMMIT_MESSAGES, "squash_merges": True}
    else:
        # No sign-in service of the municipality: only decap-server on this computer. (Decap's
        # GitHub backend would otherwise send the team to Netlify's sign-in service.)
        backend = {"name": "proxy", "proxy_url": local, "branch": site.branch, "commit_messages": _COMMIT_MESSAGES}
    config: dict[str, Any] = {
        "backend": backend,
        # Every save is a branch and a pull request, checked like any other.
        "publish_mode": "editorial_workflow",
        # Only where the editor is opened from this computer (python3 dev.py serve): the
        # repository on disk through decap-server, never GitHub.
        "local_backend": {"url": local,
                          "allowed_hosts": ["127.0.0.1", "localhost"]},
        "locale": "nl",
        "media_folder": f"{site.content_folder}/assets",
        "public_folder": "/assets",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "show_preview_links": False,
        "search": True,
        "collections": collections,
    }
    if site.site_url:
        config["site_url"] = site.site_url
        config["display_url"] = site.site_url
    return config


_COMMIT_MESSAGES = {
    "create": "{{collection}}: nieuw: {{slug}} (editor)",
    "update": "{{collection}}: bijgewerkt: {{slug}} (editor)",
    "delete": "{{collection}}: verwijderd: {{slug}} (editor)",
    "uploadMedia": "Bestand toegevoegd: {{path}} (editor)",
    "deleteMedia": "Bestand verwijderd: {{path}} (editor)",
    "openAuthoring": "{{message}}",
}
