"""actions/<id>.yml: one action of the plan, with its status over time (the voortgang).

Same rules as the other records (model.py): strict, no unknown fields, Dutch descriptions that
editors see as tooltips through the JSON Schema, and rules between fields as rule_violations.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from .model import (ContentPage, HttpsUrl, LongLine, Note, Paragraph, PortalModel, RuleViolation, Slug, Title,
                    _at_most, _dutch_translation)

ActionStatus = Literal["gepland", "bezig", "gedaan", "vertraagd", "gestopt"]
ACTION_STATUSES: tuple[str, ...] = ActionStatus.__args__  # type: ignore[attr-defined]
# An action in one of these states is finished: it can no longer be late.
FINISHED_STATUSES = frozenset({"gedaan", "gestopt"})
# The plan's three ambitions, and "alle" for what serves all three (the coordinator, the herijking).
Ambition = Literal[1, 2, 3, "alle"]
AMBITIONS: tuple[int | str, ...] = Ambition.__args__  # type: ignore[attr-defined]

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
_DAY_EXAMPLE = '"2024-01-15"'
PLANNED_EXAMPLES = '"2024-01-01" (een dag), "2023-Q4" (een kwartaal) of "2024" (een jaar)'


# A plan of a municipality is about this century: a year outside it is a typo, and it keeps every
# date worked out from it (the day after a quarter, a date in a page) within what Python can hold.
FIRST_YEAR, LAST_YEAR = 2000, 2100
_YEAR_SENTENCE = f"heeft een jaar buiten {FIRST_YEAR}-{LAST_YEAR}; controleer het jaar"


def _day(value: Any) -> Any:
    """A day as editors write it (2024-01-15); YAML may already have made a date of it."""
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("day", f"moet een datum zonder tijd zijn, zoals {_DAY_EXAMPLE}")
    if isinstance(value, str):
        match = _DAY.match(value.strip())
        if match:
            try:
                value = dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                raise PydanticCustomError("day", "is geen bestaande datum; controleer dag en maand") from None
    if isinstance(value, dt.date):
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise PydanticCustomError("day", _YEAR_SENTENCE)
        return value
    raise PydanticCustomError("day", f"moet een datum zijn, zoals {_DAY_EXAMPLE}")


def _planned(value: Any) -> Any:
    """When the plan put the action: a day, a quarter or a year, kept as the editor wrote it."""
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("planned", f"moet een datum zonder tijd zijn, of een kwartaal of jaar: {PLANNED_EXAMPLES}")
    if isinstance(value, dt.date):
        return _day(value).isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        text = value.strip()
        if _DAY.match(text):
            return _day(text).isoformat()
        found = _QUARTER.match(text) or _YEAR.match(text)
        if found:
            if not FIRST_YEAR <= int(found.group(1)) <= LAST_YEAR:
                raise PydanticCustomError("planned", _YEAR_SENTENCE)
            return f"{found.group(1)}-Q{found.group(2)}" if found.re is _QUARTER else text
    raise PydanticCustomError("planned", f"moet een datum, kwartaal of jaar zijn: {PLANNED_EXAMPLES}")


def _ambition(value: Any) -> Any:
    """An ambition written between quotes ("1") or with a space is still that ambition; true or
    1.0 is not one (YAML and Python would take them for 1)."""
    if isinstance(value, str) and value.strip() in ("1", "2", "3", "alle"):
        text = value.strip()
        return text if text == "alle" else int(text)
    if isinstance(value, (bool, float)):
        raise PydanticCustomError("ambition", "moet 1, 2, 3 of alle zijn")
    return value


DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
Day = Annotated[dt.date, BeforeValidator(_day), WithJsonSchema({"type": "string", "pattern": DAY_PATTERN})]
Planned = Annotated[str, BeforeValidator(_planned), WithJsonSchema({
    "anyOf": [{"type": "string", "pattern": r"^\d{4}(-\d{2}-\d{2}|-Q[1-4])?$"}, {"type": "integer"}],
    "examples": ["2024-01-01", "2023-Q4", "2024"],
})]


def planned_parts(planned: str) -> tuple[int, int | None, dt.date | None]:
    """A `planned` value as the model keeps it: (year, quarter or None, day or None)."""
    day = _DAY.match(planned)
    if day:
        found = dt.date(*(int(part) for part in day.groups()))
        return found.year, None, found
    quarter = _QUARTER.match(planned)
    if quarter:
        return int(quarter.group(1)), int(quarter.group(2)), None
    return int(planned), None, None


def planned_end(planned: str) -> dt.date:
    """The last day of what `planned` names: the day itself, the quarter's or the year's last day.
    After that day an unfinished action is late."""
    year, quarter, day = planned_parts(planned)
    if day is not None:
        return day
    if quarter is not None:
        following = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(year, 12, 31)


class Evidence(PortalModel):
    """One proof of what was done: a kennissessie, a page or news post of the site, or a document elsewhere."""

    session: Slug | None = Field(title="Kennissessie", default=None, description="Id van een kennissessie (de bestandsnaam zonder .yml).")
    page: ContentPage | None = Field(
        title="Pagina van deze site",
        default=None, description="Pagina of nieuwsbericht van deze site, vanaf content/, zoals nieuws/posts/verslag.md."
    )
    url: HttpsUrl | None = Field(title="Link naar een document", default=None, description="Document op een andere site (https://), zoals een raadsbrief.")
    title: LongLine | None = Field(title="Titel van het document", default=None, description="Titel van het document; nodig bij url.")

    def problem(self) -> RuleViolation | None:
        """What is wrong with this item as a whole (Action.rule_violations puts it in place)."""
        given = [name for name in ("session", "page", "url") if getattr(self, name) is not None]
        if len(given) != 1:
            return RuleViolation((), "moet precies één van session, page of url noemen; maak voor elk bewijs een "
                                     "eigen regel met een streepje", of_key=True)
        if self.url is not None and self.title is None:
            return RuleViolation(("url",), "heeft een titel nodig; zet eronder title: met de naam van het document")
        if self.url is None and self.title is not None:
            return RuleViolation(("title",), "hoort alleen bij een url; de titel van een sessie of pagina neemt de site "
                                             "zelf over, dus haal title hier weg")
        return None


class StatusChange(PortalModel):
    """An earlier status of the action: what it was from that day on."""

    date: Day = Field(title="Datum", description='Datum van de wijziging: "2024-01-15".')
    status: ActionStatus = Field(title="Status", description="gepland, bezig, gedaan, vertraagd of gestopt.")
    note: Note | None = Field(title="Uitleg", default=None, description="Korte uitleg bij deze status.")


class ActionTranslation(PortalModel):
    title: Title | None = Field(title="Titel", default=None, description="De titel in deze taal.")
    plan: Paragraph | None = Field(title="Wat het plan zei", default=None, description="Wat het plan zei, in deze taal.")
    note: Note | None = Field(title="Uitleg bij de status", default=None, description="De uitleg bij de status, in deze taal.")


class Action(PortalModel):
    """actions/<id>.yml: one action of the plan and how far it is."""

    ambition: Annotated[Ambition, BeforeValidator(_ambition)] = Field(title="Ambitie", description="Bij welke ambitie van het plan: 1, 2, 3, of alle (voor alle drie).")
    title: Title = Field(title="Titel", description="Korte naam van de actie.")
    plan: Paragraph = Field(title="Wat het plan zei", description="Wat het plan over deze actie zei, in uw eigen woorden.")
    planned: Planned = Field(title="Gepland voor", description=f"Wanneer het plan de actie had gepland: {PLANNED_EXAMPLES}.")
    status: ActionStatus = Field(title="Status", description="Hoe ver de actie nu is: gepland, bezig, gedaan, vertraagd of gestopt.")
    updated: Day = Field(title="Bijgewerkt op", description='Datum waarop de status voor het laatst is bijgewerkt: "2024-01-15".')
    note: Note = Field(title="Uitleg bij de status", description="Korte uitleg bij de status: wat is er gedaan, of waarom niet.")
    history: Annotated[list[StatusChange], _at_most(40, "eerdere statussen")] = Field(
        title="Eerdere statussen",
        default_factory=list, description="Eerdere statussen, de oudste bovenaan: datum, status en uitleg."
    )
    evidence: Annotated[list[Evidence], _at_most(20, "bewijzen")] = Field(
        title="Bewijs",
        default_factory=list, description="Bewijs: kennissessies, pagina's, nieuwsberichten of documenten elders."
    )
    example: bool = Field(
        title="Voorbeeld (verzonnen)",
        default=False, description="true als status of uitleg niet uit een bron komt (een voorbeeld)."
    )
    translations: Annotated[dict[Slug, ActionTranslation], _at_most(20, "talen")] = Field(
        title="Vertalingen",
        default_factory=dict, description="Per taal (en, pl, ...): titel, plan en uitleg in die taal."
    )

    def rule_violations(self) -> list[RuleViolation]:
        problems = _dutch_translation(self.translations, "title, plan en note")
        for index, item in enumerate(self.evidence):
            found = item.problem()
            if found is not None:
                problems.append(RuleViolation(("evidence", index, *found.loc), found.message, found.of_key))
        previous: dt.date | None = None
        for index, change in enumerate(self.history):
            if previous is not None and change.date < previous:
                problems.append(RuleViolation(("history", index, "date"), "is eerder dan de status erboven; zet de "
                                                                           "geschiedenis op volgorde, de oudste bovenaan"))
            if change.date > self.updated:
                problems.append(RuleViolation(("history", index, "date"), "ligt na updated (de huidige status); een "
                                                                           "eerdere status hoort van vóór die datum"))
            previous = change.date
        if self.history and self.history[-1].status == self.status and self.history[-1].note == self.note:
            problems.append(RuleViolation(("history", len(self.history) - 1), "is dezelfde als de huidige status; haal "
                                                                               "deze regel uit history weg"))
        return problems
