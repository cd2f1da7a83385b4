"""The files of /admin/: the page, its configuration, the portal's script and Decap CMS itself.

The page loads nothing from another host: Decap CMS and js-yaml are copied from npm into the
toolkit (scripts/vendor_editor.py, vendor/VENDOR.json) and served from the site. No public page
links to it or loads any of it; it is left out of the search index and the sitemap, and asks
search engines not to index it.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import yaml

from .config import DATA_FORMATS, FRONT_MATTER_FORMAT, EditorSite, date_keys, editor_config

EDITOR_DIR = "admin"
ASSETS = Path(__file__).parent / "assets"
VENDOR = Path(__file__).parent / "vendor"
_VENDORED = (("decap-cms", "decap-cms.js"), ("js-yaml", "js-yaml.min.js"))


def vendored_files() -> dict[str, Path]:
    """Site path -> file in the toolkit, for Decap (with the chunks it loads beside itself) and js-yaml."""
    found = {f"{EDITOR_DIR}/{path.name}": path for path in sorted((VENDOR / "decap-cms").glob("*.js"))}
    found[f"{EDITOR_DIR}/js-yaml.min.js"] = VENDOR / "js-yaml" / "js-yaml.min.js"
    for name in ("portal-yaml.js", "portal-editor.js", "portal-editor.css"):
        found[f"{EDITOR_DIR}/{name}"] = ASSETS / name
    return found


def editor_page(site: EditorSite, example: bool) -> str:
    settings = {"records": {f"portal-{name}": schema for name, schema in DATA_FORMATS.items()},
                "frontMatter": FRONT_MATTER_FORMAT, "dateKeys": date_keys()}
    # In a <script type="application/json">: a "</" in the JSON would end the element.
    formats_json = json.dumps(settings).replace("</", "<\\/")
    notice = ""
    if example:
        notice = ('<p class="portal-editor-example" role="note">Voorbeeld: deze editor is nog niet gekoppeld aan de '
                  "echte repository van de site. Zie CONTRIBUTING.md, Werken in de editor.</p>\n")
    return f"""<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>Editor · {html.escape(site.organisation)}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
<link rel="stylesheet" href="portal-editor.css">
</head>
<body>
{notice}<noscript><p>De editor werkt alleen met JavaScript aan.</p></noscript>
<script type="application/json" id="portal-editor-formats">{formats_json}</script>
<script>window.CMS_MANUAL_INIT = true;</script>
<script src="js-yaml.min.js"></script>
<script src="portal-yaml.js"></script>
<script src="decap-cms.js"></script>
<script src="portal-editor.js"></script>
</body>
</html>
"""


def editor_files(site: EditorSite, example: bool) -> dict[str, bytes]:
    """The made files of /admin/ (the page and config.yml); vendored_files() are copied as they are."""
    config = yaml.safe_dump(editor_config(site), allow_unicode=True, sort_keys=False, width=120)
    header = "# Gemaakt door het portaal uit de modellen en de instellingen; niet met de hand wijzigen.\n"
    return {
        f"{EDITOR_DIR}/index.html": editor_page(site, example).encode("utf-8"),
        f"{EDITOR_DIR}/config.yml": (header + config).encode("utf-8"),
    }
