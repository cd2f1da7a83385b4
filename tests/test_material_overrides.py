"""The patched Material templates in the toolkit's theme folder are exactly Material's plus the
documented patches (arbeidsmigranten_portaal/theme_patches.py), so nothing else drifts in unseen."""

from __future__ import annotations

from arbeidsmigranten_portaal import theme_patches


def test_overrides_are_materials_templates_plus_the_documented_patches() -> None:
    for name in theme_patches.PATCHES:
        ours = (theme_patches.OVERRIDES / name).read_text(encoding="utf-8")
        assert ours == theme_patches.patched(name), f"{name}: run python -m arbeidsmigranten_portaal.theme_patches"


def test_each_patch_really_changes_something() -> None:
    for name, (_why, replacements) in theme_patches.PATCHES.items():
        original = (theme_patches.MATERIAL / name).read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in original and old != new, name


def test_every_other_override_is_our_own_template() -> None:
    overrides = theme_patches.OVERRIDES
    ours = {p.relative_to(overrides).as_posix() for p in overrides.rglob("*.html")} - set(theme_patches.PATCHES)
    assert ours == {"main.html", "404.html", "partials/copyright.html", "portal-reused.html"}
    for name in ours:
        assert "automatically generated" not in (overrides / name).read_text(encoding="utf-8")
