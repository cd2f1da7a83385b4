"""The exact versions of the toolkit's dependencies as installed here, for a new site's
constraints.txt: `portal init` gives a new site the same packages the toolkit was tested with in
the environment that made it, so a build a year later installs the same theme and engine."""

from __future__ import annotations

from importlib import metadata

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name


def installed_pins(distribution: str) -> list[str]:
    """`name==version` for every package `distribution` needs (no extras), directly or through
    another, as installed now; sorted, without the distribution itself."""
    seen: dict[str, str] = {}
    todo = [distribution]
    while todo:
        name = todo.pop()
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # an optional package the environment does not have: nothing to pin
        for line in dist.requires or []:
            requirement = Requirement(line)
            if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
                continue
            key = canonicalize_name(requirement.name)
            if key not in seen:
                try:
                    seen[key] = f"{metadata.distribution(requirement.name).metadata['Name']}=={metadata.version(requirement.name)}"
                except metadata.PackageNotFoundError:
                    continue
                todo.append(requirement.name)
    seen.pop(canonicalize_name(distribution), None)
    return sorted(seen.values(), key=str.lower)
