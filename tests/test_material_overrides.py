"""The patched Material templates in site_config/overrides are exactly Material's plus the
documented patches (scripts/material_overrides.py), so nothing else drifts in unseen."""

from __future__ import annotations


import material_overrides

from conftest import REPO


def test_overrides_are_materials_templates_plus_the_documented_patches() -> None:
    for name in material_overrides.PATCHES:
        ours = (REPO / "site_config" / "overrides" / name).read_text(encoding="utf-8")
        assert ours == material_overrides.patched(name), f"{name}: run scripts/material_overrides.py"


def test_each_patch_really_changes_something() -> None:
    for name, (_why, replacements) in material_overrides.PATCHES.items():
        original = (material_overrides.MATERIAL / name).read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in original and old != new, name


def test_every_other_override_is_our_own_template() -> None:
    overrides = REPO / "site_config" / "overrides"
    ours = {p.relative_to(overrides).as_posix() for p in overrides.rglob("*.html")} - set(material_overrides.PATCHES)
    assert ours == {"main.html", "404.html", "partials/copyright.html"}
    for name in ours:
        assert "automatically generated" not in (overrides / name).read_text(encoding="utf-8")
