"""Every page says when its content was last checked, and is checked again in time.

    ---
    reviewed: 2026-12-03   # the day someone last checked what this page says
    ---

The page shows it ("Laatst gecontroleerd op 3 december 2026"), so a reader can judge whether a
rule is still current. A page without the date is an error; a page last checked longer ago than
`review_months` (site_config/site.yml) is a warning in `portal check`. A date after the build's
"now" is not refused: the tests build the site's own pages at a fixed moment, and a page checked
later than that moment must not fail them. News posts are dated by their own `date` and are not reviewed afterwards.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..front_matter import front_matter_block
from .. import memo
from ..problems import Problem, relative_path
from ..sources import markdown_pages, page_text
from ..yaml_source import parse_yaml_text

FIELD = "reviewed"
_EXAMPLE = "reviewed: 2026-12-03"


def reviewed_date(meta: dict) -> dt.date | None:
    value = meta.get(FIELD)
    return value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else None


def check_reviewed_dates(root: Path, content: Path, today: dt.date, review_months: int,
                         news_posts_dir: str | None) -> list[Problem]:
    """(Kept while nothing under its folders changes, in a process that keeps results: memo.py.)"""
    return list(memo.per_tree("reviewed dates", (content,), (root, today, review_months, news_posts_dir),
                              lambda: _check_reviewed_dates(root, content, today, review_months, news_posts_dir)))


def _check_reviewed_dates(root: Path, content: Path, today: dt.date, review_months: int,
                          news_posts_dir: str | None) -> list[Problem]:
    posts = (content / news_posts_dir) if news_posts_dir else None
    problems: list[Problem] = []
    for path in sorted(markdown_pages(content)):
        if posts is not None and path.is_relative_to(posts):
            continue
        problems += page_review_problems(page_text(path, root), relative_path(path, root), today, review_months)
    return problems


def page_review_problems(text: str, display: str, today: dt.date, review_months: int) -> list[Problem]:
    block = front_matter_block(text)
    doc, found = parse_yaml_text(Path(display), display, block) if block is not None else (None, [])
    if found:
        # The block starts on the page's second line; a date that does not exist is said here.
        return [Problem(p.path, p.line + 1, p.col, p.message, p.you_wrote) for p in found]
    meta = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    if FIELD not in meta:
        return [Problem(display, 1, 1, f'deze pagina zegt niet wanneer haar inhoud is nagekeken; zet bovenaan, tussen '
                                       f'de regels ---, "{_EXAMPLE}" met de dag waarop u alles op de pagina hebt '
                                       "nagekeken")]
    line, col = doc.position((FIELD,))
    line += 1  # the block starts on the page's second line
    value = reviewed_date(meta)
    if value is None:
        return [Problem(display, line, col, f'"{FIELD}" is een datum, zoals "{_EXAMPLE}"', str(meta[FIELD])[:60])]
    if not 2000 <= value.year <= 2100:
        return [Problem(display, line, col, f'"{FIELD}" heeft een jaar dat niet kan kloppen; schrijf de dag waarop u de '
                                            f'pagina hebt nagekeken, zoals "{_EXAMPLE}"', value.isoformat())]
    due = _add_months(value, review_months)
    if due < today:
        return [Problem(display, line, col, f"deze pagina is voor het laatst nagekeken op {value.isoformat()}, langer "
                                            f"dan {review_months} maanden geleden; kijk of alles nog klopt en zet dan "
                                            f"de datum van vandaag bij {FIELD}", severity="warning")]
    return []


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")
