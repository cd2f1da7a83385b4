"""Writing Markdown safely: text from YAML must never turn into markup."""

from __future__ import annotations

import html
import json

# Python-Markdown's backslash escapes (markdown.Markdown.ESCAPED_CHARS).
_MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!")


def md_text(text: str) -> str:
    """Text for a Markdown heading or paragraph: HTML-escaped, Markdown characters escaped."""
    escaped = html.escape(" ".join(text.split()), quote=False)
    return "".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in escaped)


def heading(level: int, text: str) -> str:
    return f"{'#' * level} {md_text(text)}"


def front_matter(**fields: str | bool | list[str]) -> str:
    """YAML front matter; strings are HTML-escaped because themes print page titles unescaped."""
    lines = ["---"]
    for key, value in fields.items():
        if isinstance(value, str):
            value = html.escape(value, quote=True)
        # JSON is valid YAML and quotes everything that needs it.
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines)


def join_blocks(*blocks: str) -> str:
    """Markdown blocks separated by blank lines, so raw HTML is never glued to a paragraph."""
    return "\n\n".join(block.strip("\n") for block in blocks if block and block.strip()) + "\n"
