"""Warnings about a programme that reads fine: the build goes on.

Two sessions in one room at overlapping times, a session outside the
edition's dates, an unknown language code (shown as written), and an
export whose time zone differs from the edition's.
"""

from __future__ import annotations

import datetime as dt

from . import languages
from .fields import Node, Problems
from .model import Programme, Session, utc


def edition_span(
    year: int,
    tz: dt.tzinfo,
    start: dt.date | dt.datetime | None = None,
    end: dt.date | dt.datetime | None = None,
) -> tuple[dt.datetime, dt.datetime]:
    """(first, after) instants of an edition, as editions.Edition.span reads
    them: a date is a whole day (an end date included); a start time alone
    means that day; nothing known means the whole year."""

    def midnight(day: dt.date) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day, tzinfo=tz)

    for value in (start, end):
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            raise ValueError("edition start/end must be dates or aware datetimes")
    if start is None:
        first = midnight(dt.date(year, 1, 1))
    elif isinstance(start, dt.datetime):
        first = start
    else:
        first = midnight(start)
    last = end if end is not None else start
    if last is None:
        after = midnight(dt.date(year + 1, 1, 1))
    elif isinstance(last, dt.datetime) and last is end:
        after = last
    else:
        day = last.astimezone(tz).date() if isinstance(last, dt.datetime) else last
        after = midnight(day + dt.timedelta(days=1))
    return first, after


def run(programme: Programme, problems: Problems, conference: Node, *, start, end) -> None:
    if not programme.sessions:
        problems.warning(
            conference.key("days").path,
            "the export has no sessions; release the schedule in pretalx "
            "(Schedule, New release) and export again",
        )
    _export_facts(programme, problems, conference)
    _overlaps(programme, problems)
    _outside(programme, problems, start, end)
    _languages(programme, problems)


def _when(moment: dt.datetime) -> str:
    # With its offset: 23:30 happens twice in Beirut on the October change night.
    return moment.isoformat(sep=" ", timespec="minutes")


def _name(session: Session) -> str:
    return f"{session.title!r} ({_when(session.start)}, guid {session.guid})"


def _export_facts(programme: Programme, problems: Problems, conference: Node) -> None:
    # (a conference in another year is the reader's error: reader._conference_year)
    node = conference.key("time_zone_name")
    if isinstance(node.value, str) and node.value != programme.timezone:
        problems.warning(
            node.path,
            f"pretalx's event is in {node.value}, the edition in {programme.timezone}; "
            "times are right either way, but set the event's time zone in pretalx "
            f"to {programme.timezone} so its own pages agree",
        )


def _overlaps(programme: Programme, problems: Problems) -> None:
    by_room: dict[str, list[Session]] = {}
    for session in programme.sessions:
        by_room.setdefault(session.room, []).append(session)
    for room, sessions in by_room.items():
        sessions.sort(key=lambda s: utc(s.start))
        latest: Session | None = None  # the session that ends last so far
        for session in sessions:
            if latest is not None and utc(session.start) < utc(latest.end):
                overlap = min(utc(latest.end), utc(session.end)) - utc(session.start)
                problems.warning(
                    session.path,
                    f"{_name(session)} and {_name(latest)} are both in {room!r} and overlap "
                    f"by {int(overlap.total_seconds() // 60)} minutes; move one in pretalx "
                    "and export again (ignore this if they really share the room)",
                )
            if latest is None or utc(session.end) > utc(latest.end):
                latest = session


def _outside(programme: Programme, problems: Problems, start, end) -> None:
    first, after = edition_span(programme.year, programme.tz, start, end)
    for session in programme.sessions:
        if utc(first) <= utc(session.start) and utc(session.end) <= utc(after):
            continue
        if start is None and end is None:
            where = f"is not in {programme.year}"
        elif utc(session.start) < utc(first):
            where = f"starts before the edition begins ({_when(first.astimezone(programme.tz))})"
        else:
            where = f"ends after the edition ends ({_when(after.astimezone(programme.tz))})"
        problems.warning(
            session.path,
            f"{_name(session)} {where}; fix the session in pretalx, or the "
            f"edition's Start and End in content/*/editions/{programme.year}.md",
        )


def _languages(programme: Programme, problems: Problems) -> None:
    unknown: dict[str, list[Session]] = {}
    for session in programme.sessions:
        if session.language is not None and not languages.is_known(session.language):
            unknown.setdefault(session.language, []).append(session)
    for code, sessions in unknown.items():
        others = f" (and {len(sessions) - 1} more)" if len(sessions) > 1 else ""
        problems.warning(
            f"{sessions[0].path}.language",
            f"{_name(sessions[0])}{others} has language {code!r}, which this site does not "
            "know; it is shown as written. Set the session's language in pretalx to a "
            "BCP 47 code such as ar, en or fr, and export again",
        )
