"""The one-line description of a generated page: what search engines and link previews show."""

from __future__ import annotations

from .views import RenderContext


def example_description(ctx: RenderContext, text: str) -> str:
    """An invented record says so before anything else, also outside the page itself."""
    return shorten(f"{ctx.labels('calendar.example')}: {text}")


def shorten(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
