"""The state rules: one table of cases, run through Python (the build) and the browser script.

The browser script re-decides states in the reader's browser; if the two ever disagree, a page
would show one state without JavaScript and another with it.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest

from conftest import REPO, tool
from arbeidsmigranten_portaal.clock import TIMEZONE
from arbeidsmigranten_portaal.model import Place, Registration, Session
from arbeidsmigranten_portaal.states import effective_registration, registration_state, session_state
from arbeidsmigranten_portaal.model import Audience

SCRIPT = REPO / "plugins" / "arbeidsmigranten_portaal" / "assets" / "portal-states.js"
START = dt.datetime(2027, 3, 11, 19, 30, tzinfo=TIMEZONE)
END = dt.datetime(2027, 3, 11, 21, 30, tzinfo=TIMEZONE)
DEADLINE = dt.datetime(2027, 3, 4, 23, 59, tzinfo=TIMEZONE)
AUDIENCE = Audience(label="Ondernemers", member="ondernemer", description="Werkgevers.")


def at(day: int, month: int = 3) -> dt.datetime:
    return dt.datetime(2027, month, day, 12, 0, tzinfo=TIMEZONE)


EARLY = at(20, month=2)


def session(status: str = "gepland", full: bool = False) -> Session:
    return Session(
        title="Sessie",
        start=START,
        end=END,
        location=Place(name="Zaal", address="Straat 1"),
        audiences=["ondernemers"],
        summary="Tekst.",
        registration={"ondernemers": Registration(url="https://a.test.invalid/", deadline=DEADLINE, full=full)},
        status=status,
        previous_start=START - dt.timedelta(days=7) if status == "verplaatst" else None,
    )


# (name, status, full, now, expected session state, expected registration state)
CASES = [
    ("open", "gepland", False, EARLY, "scheduled", "open"),
    ("open until the soon window", "gepland", False, DEADLINE - dt.timedelta(days=7, minutes=1), "scheduled", "open"),
    ("closing soon", "gepland", False, DEADLINE - dt.timedelta(days=7), "scheduled", "closing_soon"),
    ("closing soon on deadline", "gepland", False, DEADLINE, "scheduled", "closing_soon"),
    ("closed after deadline", "gepland", False, DEADLINE + dt.timedelta(minutes=1), "scheduled", "closed"),
    ("full audience", "gepland", True, at(1), "scheduled", "full"),
    ("full session", "vol", False, at(1), "scheduled", "full"),
    ("full then closed", "vol", False, at(10), "scheduled", "full"),
    ("started", "gepland", False, START, "scheduled", "closed"),
    ("past", "gepland", False, END, "past", "closed"),
    ("moved", "verplaatst", False, EARLY, "moved", "open"),
    ("moved and past", "verplaatst", False, at(12), "past", "closed"),
    ("cancelled", "geannuleerd", False, at(1), "cancelled", "none"),
    ("cancelled and past", "geannuleerd", False, at(12), "cancelled", "none"),
]


def python_states(status: str, full: bool, now: dt.datetime) -> tuple[str, str]:
    s = session(status, full)
    registration = effective_registration(s, "ondernemers", AUDIENCE)
    return session_state(s, now), registration_state(s, registration, now, closing_soon_days=7)


@pytest.mark.parametrize("name, status, full, now, expected_session, expected_registration", CASES, ids=[c[0] for c in CASES])
def test_python_rules(name, status, full, now, expected_session, expected_registration) -> None:
    assert python_states(status, full, now) == (expected_session, expected_registration)


def test_browser_script_agrees_with_python_on_every_case() -> None:
    node = tool("node")
    table = [
        {
            "name": name,
            "status": status,
            "full": full,
            "now": now.isoformat(),
            "start": START.isoformat(),
            "end": END.isoformat(),
            "deadline": DEADLINE.isoformat(),
        }
        for name, status, full, now, _, _ in CASES
    ]
    program = f"""
const rules = require({json.dumps(str(SCRIPT))});
const table = {json.dumps(table)};
const out = table.map(c => [
  rules.sessionState(c.status, Date.parse(c.end), Date.parse(c.now)),
  rules.registrationState(c.status, Date.parse(c.start), Date.parse(c.deadline), c.full, 7, Date.parse(c.now)),
]);
process.stdout.write(JSON.stringify(out));
"""
    result = subprocess.run([node, "-e", program], capture_output=True, text=True, check=True)
    from_script = [tuple(pair) for pair in json.loads(result.stdout)]
    from_python = [python_states(status, full, now) for _, status, full, now, _, _ in CASES]
    assert from_script == from_python
