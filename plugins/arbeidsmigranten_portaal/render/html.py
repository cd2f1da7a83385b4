"""HTML fragments rendered from the package's own Jinja templates, always autoescaped.

Every value that comes from YAML passes through here escaped, so a title with <script> in it
shows as text.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader(__package__.rpartition(".")[0], "render/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        # The package's templates do not change while it runs: no look at the disk per render.
        auto_reload=False,
    )


def render_fragment(template: str, **context: Any) -> str:
    return _environment().get_template(template).render(**context).strip()


def template_macros(template: str, **context: Any) -> Any:
    """The macros of a template, bound to `context` (as `import ... with context` binds them), to
    call many times: one call per item costs a fraction of one whole template render per item."""
    return _environment().get_template(template).make_module(vars=context)
