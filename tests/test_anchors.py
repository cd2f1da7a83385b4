"""The anchors portal check knows for a page are the ones Python-Markdown's toc extension makes,
with the site's own extensions: a link to a real heading is never refused (a false alarm would
block an editor), and a link to a heading that does not exist is."""

from __future__ import annotations

import re

import markdown
import yaml

from conftest import REPO
from arbeidsmigranten_portaal.checks.pages import page_anchors

PAGE = """# Titel

Setext kop
----------

## De variabele max_value

## De `<br>` tag

## Café & crème: één, twee!

## Hallo :smile:

## Wat **is** dit? [een link](x.md)

## Dubbel

## Dubbel

## Eigen anker { #mijn-anker }

!!! note "Let op"
    ### Binnen een blok

```
## Geen kop, maar code
```
"""


def _real_ids(text: str) -> set[str]:
    text_of_settings = re.sub(r"!!python/name:\S+|!ENV", "", (REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config = yaml.safe_load(text_of_settings)
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    from material.extensions import emoji

    wanted = {"toc", "attr_list", "admonition", "md_in_html", "pymdownx.superfences", "tables", "pymdownx.emoji"}
    html = markdown.markdown(text, extensions=[n for n in names if n in wanted], extension_configs={
        "pymdownx.emoji": {"emoji_index": emoji.twemoji, "emoji_generator": emoji.to_svg}})
    return set(re.findall(r'\bid="([^"]+)"', html))


def test_every_anchor_the_toc_makes_is_known() -> None:
    known = page_anchors(PAGE)
    real = _real_ids(PAGE)
    assert known is not None
    assert real <= known, f"refused although they exist: {sorted(real - known)}"
    assert "geen-kop-maar-code" not in real and "geen-kop-maar-code" not in known


def test_a_heading_that_does_not_exist_is_not_an_anchor() -> None:
    assert "bestaat-niet" not in page_anchors(PAGE)
