"""Names for addresses and files made from free text: only a-z, 0-9 and single hyphens, so a
slug is never a path of its own ("Súdwest-Fryslân" -> sudwest-fryslan)."""

from __future__ import annotations

import re
import unicodedata


def slug_of(text: str, *, max_length: int, fallback: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:max_length].strip("-") or fallback
