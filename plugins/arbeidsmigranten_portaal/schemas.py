"""JSON Schemas for editors, generated from the models (the one schema).

Editors get autocomplete, tooltips (the Dutch field descriptions) and red underlines in VS Code
and other editors through the `# yaml-language-server: $schema=...` line at the top of each YAML
file. `portal schemas` writes them to a site's schemas/; the toolkit ships them too (json_schemas/), and
a test keeps both in sync.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .action_model import Action
from .card_model import SignalsCard
from .model import Audiences, EditorSettings, Partner, PrivacySettings, Session, SiteSettings, Strings

DIALECT = "https://json-schema.org/draft/2020-12/schema"

EDITOR_SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "session.schema.json": (Session, "Kennissessie (sessions/<id>.yml)"),
    "partner.schema.json": (Partner, "Partner van de alliantie (partners/<id>.yml)"),
    "action.schema.json": (Action, "Actie van het plan en de voortgang (actions/<id>.yml)"),
    "site.schema.json": (SiteSettings, "Instellingen (site_config/site.yml)"),
    "audiences.schema.json": (Audiences, "Doelgroepen (site_config/audiences.yml)"),
    "strings.schema.json": (Strings, "Teksten van de kalender (site_config/strings.yml)"),
    "privacy.schema.json": (PrivacySettings, "Adressen van organisaties (site_config/privacy.yml)"),
    "signals_card.schema.json": (SignalsCard, "Signalenkaart om te printen (site_config/signals_card.yml)"),
    "editor.schema.json": (EditorSettings, "De editor op /admin/ (site_config/editor.yml)"),
}


def render_schema(model: type[BaseModel], title: str) -> str:
    schema = model.model_json_schema()
    schema.pop("title", None)
    document = {"$schema": DIALECT, "title": title, **schema}
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def editor_schemas() -> dict[str, str]:
    return {name: render_schema(model, title) for name, (model, title) in EDITOR_SCHEMAS.items()}


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in editor_schemas().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


# Shipped with the package, for sites and tools that read the schemas without a copy of their own.
TOOLKIT_SCHEMAS = Path(__file__).parent / "json_schemas"

if __name__ == "__main__":  # the toolkit's own copy: python -m arbeidsmigranten_portaal.schemas
    for path in write_schemas(TOOLKIT_SCHEMAS):
        print(f"bijgewerkt: {path}")
