"""The `portal` command: what the plugin checks and makes, without building the site.

    portal schemas          write the editors' JSON Schemas to site_config/schemas/
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .schemas import write_schemas


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="portal", description="Het portaal: controleren en aanmaken.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="map van de site (waar mkdocs.yml staat)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("schemas", help="schrijf de JSON Schemas voor editors naar site_config/schemas/")
    args = parser.parse_args(argv)

    if args.command == "schemas":
        written = write_schemas(args.root / "site_config" / "schemas")
        for path in written:
            print(f"bijgewerkt: {path.relative_to(args.root)}")
        if not written:
            print("de schema's waren al bij")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
