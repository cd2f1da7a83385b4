"""A site's house colours (site.yml `colours:`): checked for contrast, written as CSS.

The toolkit's assets/tokens.css holds a neutral default for every colour. A site sets its own in
site.yml rather than in a stylesheet, so that the values are checked (six hex digits, never CSS
that could load something) and each meets WCAG 2.1 AA against the white it meets on the page.
"""

from __future__ import annotations

import re

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
# White text on the house colour (header, buttons) and house-coloured text and links on white:
# both need 4.5:1 (WCAG 2.1, 1.4.3).
MINIMUM_CONTRAST = 4.5
# site.yml field -> CSS custom property of tokens.css.
TOKENS = {
    "primary": "--portal-color-primary",
    "primary_light": "--portal-color-primary-light",
    "primary_dark": "--portal-color-primary-dark",
    "accent": "--portal-color-accent",
    "link": "--portal-color-link",
}
STYLESHEET = "huisstijl.css"


def contrast_with_white(colour: str) -> float:
    """WCAG 2.1 contrast ratio of a #rrggbb colour against white."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def colour_problem(colour: str) -> str | None:
    """Why a colour cannot be used, as the end of a Dutch sentence; None when it can."""
    if not HEX_COLOUR.fullmatch(colour):
        return 'is geen kleur; schrijf een kleur als "#" met zes tekens 0-9 en a-f, zoals "#154273"'
    ratio = contrast_with_white(colour)
    if ratio < MINIMUM_CONTRAST:
        return (f"heeft met wit een contrast van {ratio:.1f}:1 en dat moet minstens {MINIMUM_CONTRAST}:1 zijn "
                "(WCAG 1.4.3); kies een donkerdere kleur")
    return None


def house_style_css(colours: dict[str, str]) -> str:
    """The stylesheet that puts a site's colours over the toolkit's defaults (only checked values)."""
    lines = ["/* Generated from site_config/site.yml (colours:) by the portal; do not edit. */", ":root {"]
    lines += [f"  {TOKENS[name]}: {value.lower()};" for name, value in colours.items()]
    return "\n".join(lines + ["}", ""])
