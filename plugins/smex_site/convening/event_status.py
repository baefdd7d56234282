"""What each event status (Event-Status:) asks of the rest of an edition's
file, checked with the edition's other fields (kind.check).

One rule, so the file says what every output says: an edition moved online
is written `Format: online` with no Venue or City (nothing derives a place
from the status, nothing hides a place the file still gives); a rescheduled
edition gives the date it was to start (`Previous-Start:`, schema.org's
previousStartDate), and only a rescheduled one does.
"""

from __future__ import annotations

from smex_site.validation.core import Problem


def check(entry, ctx) -> list[Problem]:
    """What each event status asks of the other fields, so that the file says
    the same as every output (docs/editions.md, "When the event changes")."""
    values, problems = entry.values, []
    status = values.get("event-status", "scheduled")

    def problem(key: str, message: str) -> None:
        problems.append(ctx.problem(entry, key, message))

    if status == "moved-online" and values.get("format") != "online":
        written = values.get("format")
        problem(
            "format" if written else "event-status",
            f"{'Format: ' + written if written else 'no Format'} with Event-Status: moved-online; "
            "expected 'Format: online' (and no Venue or City: the edition has no place now)",
        )
    if values.get("format") == "online" or status == "moved-online":
        for key in ("venue", "city"):
            if values.get(key):
                problem(
                    key,
                    f"{values[key]!r} is a place, but the edition is held online; expected "
                    f"no place: remove the '{key.title()}:' line (the page, the calendar "
                    "and the schema.org data then say online)",
                )
    previous = values.get("previous-start")
    if status == "rescheduled" and previous is None:
        problem(
            "event-status",
            "rescheduled, but no Previous-Start; expected the date it was to start, e.g. "
            "'Previous-Start: 2023-11-09 09:00', with the new dates in Start and End",
        )
    if previous is not None and status != "rescheduled":
        problem(
            "previous-start",
            f"given with Event-Status: {status}; expected 'Event-Status: rescheduled' if the "
            "edition moved to new dates, else remove the line",
        )
    start = values.get("start")
    if previous is not None and start is not None and previous.key() == start.key():
        problem(
            "previous-start",
            f"{previous.key()} is the same as Start; expected the date it was to start before "
            "it was moved",
        )
    return problems
