"""What is true about a session at a given moment: its state and each registration's state.

These rules also run in the reader's browser (site_config/assets/portal-states.js) so that a
page built days ago does not offer registration after the deadline. The two must agree; the
test tests/test_states.py runs the same table of cases through both.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from .action_model import FINISHED_STATUSES, planned_end
from .clock import TIMEZONE
from .model import Audience, Registration, Session

SessionState = Literal["scheduled", "moved", "cancelled", "past"]
RegistrationState = Literal["open", "closing_soon", "full", "closed", "none"]


@dataclass(frozen=True)
class EffectiveRegistration:
    """A session's registration for one audience, with the audience's defaults filled in."""

    audience_id: str
    url: str | None
    email: str | None
    deadline: dt.datetime
    capacity: int | None
    full: bool
    note: str | None
    example_address: bool = False  # the audience's default address is still an example
    note_is_default: bool = False  # the note comes from the audience, not from the session


def effective_registration(session: Session, audience_id: str, audience: Audience) -> EffectiveRegistration:
    own = session.registration.get(audience_id) or Registration()
    default = audience.registration
    use_default = default is not None and not (own.url or own.email)
    return EffectiveRegistration(
        audience_id=audience_id,
        url=default.url if use_default and default else own.url,
        email=default.email if use_default and default else own.email,
        # Without a deadline, registration stays open until the session begins.
        deadline=own.deadline or session.start,
        capacity=own.capacity,
        full=own.full,
        note=own.note or (default.note if default else None),
        note_is_default=own.note is None,
        example_address=bool(use_default and default and default.example),
    )


def session_state(session: Session, now: dt.datetime) -> SessionState:
    if session.status == "geannuleerd":
        return "cancelled"
    if now >= session.end:
        return "past"
    if session.status == "verplaatst":
        return "moved"
    return "scheduled"


def registration_state(
    session: Session, registration: EffectiveRegistration, now: dt.datetime, closing_soon_days: int
) -> RegistrationState:
    if session.status == "geannuleerd":
        return "none"
    if now >= session.start:
        return "closed"
    if registration.full or session.status == "vol":
        return "full"
    if now > registration.deadline:
        return "closed"
    if registration.deadline - now <= dt.timedelta(days=closing_soon_days):
        return "closing_soon"
    return "open"


def is_upcoming(session: Session, now: dt.datetime) -> bool:
    """Listed under "upcoming" (a cancelled session too, until its end, so people see it is off)."""
    return now < session.end


def action_late_from(planned: str) -> dt.datetime:
    """The first moment an unfinished action is late: the day after the planned day, quarter or
    year has ended, at midnight in the Netherlands."""
    following = planned_end(planned) + dt.timedelta(days=1)
    return dt.datetime(following.year, following.month, following.day, tzinfo=TIMEZONE)


def action_is_late(status: str, late_from: dt.datetime, now: dt.datetime) -> bool:
    """Late: the planned time has passed and the action is neither done nor stopped."""
    return status not in FINISHED_STATUSES and now >= late_from
