"""iCalendar files: one per session, one for the whole programme.

UIDs come from pretalx's guid, so a calendar that imported a session
updates it instead of showing it twice when the programme changes. Times
are local, with the edition's VTIMEZONE; DTSTAMP is the build's one "now",
passed in. The icalendar library escapes and folds every value.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping

import icalendar

from .model import Programme, Session, utc
from .safe import plain_text

PRODID = "-//SMEX//Bread&Net programme//EN"
UID_FORMAT = "{guid}@smex.org"


def uid(session: Session) -> str:
    return UID_FORMAT.format(guid=session.guid)


def _calendar(name: str | None) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    return cal


def ical_time(moment: dt.datetime) -> dt.datetime:
    """Local time with TZID, except the second pass through a repeated hour.

    RFC 5545 reads a local time that happens twice (Beirut's 23:00-24:00 on
    the October change night) as its first occurrence; one meant for the
    second is written in UTC instead, so no client can misplace it.
    """
    if utc(moment.replace(fold=0)) != utc(moment):
        return utc(moment)
    return moment


def _event(session: Session, dtstamp: dt.datetime, url: str | None) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid(session))
    event.add("dtstamp", utc(dtstamp).replace(microsecond=0))
    event.add("dtstart", ical_time(session.start))
    event.add("dtend", ical_time(session.end))
    language = {"LANGUAGE": session.language} if session.language_known else {}
    event.add("summary", session.title, parameters=language)
    names = ", ".join(speaker.name for speaker in session.speakers)
    absolute = url if url and url.startswith(("https://", "http://")) else None
    parts = [session.subtitle, names, plain_text(session.abstract), absolute]
    description = "\n\n".join(part for part in parts if part)
    if description:
        event.add("description", description, parameters=language)
    event.add("location", session.room)
    categories = [value for value in (session.track, session.type) if value]
    if categories:
        event.add("categories", categories)
    if absolute:
        event.add("url", absolute)
    event.add("status", "CONFIRMED")
    return event


@functools.lru_cache(maxsize=32)
def _vtimezone(tzid: str, first_year: int, last_year: int) -> icalendar.Timezone:
    # Computing the rules is most of a one-session file's cost: once per
    # zone and span, not once per session (icalendar only reads it after).
    return icalendar.Timezone.from_tzid(
        tzid, first_date=dt.date(first_year, 1, 1), last_date=dt.date(last_year, 12, 31)
    )


def _finish(cal: icalendar.Calendar, sessions) -> bytes:
    if sessions:
        # A year either side: enough rules for any client to place the times.
        first = min(utc(s.start) for s in sessions).year - 1
        last = max(utc(s.end) for s in sessions).year + 1
        for index, tzid in enumerate(sorted(cal.get_missing_tzids())):
            cal.subcomponents.insert(index, _vtimezone(tzid, first, last))
        cal.add_missing_timezones(  # any zone the cache could not give
            first_date=dt.date(first, 1, 1), last_date=dt.date(last, 12, 31)
        )
    return cal.to_ical()


def _check_stamp(dtstamp: dt.datetime) -> None:
    if dtstamp.tzinfo is None:
        raise ValueError("dtstamp must be an aware datetime (the build's now)")


def session_ics(
    session: Session, *, dtstamp: dt.datetime, url: str | None = None, name: str | None = None
) -> bytes:
    """One session's .ics; `url` is its page on this site (absolute, or left out)."""
    _check_stamp(dtstamp)
    cal = _calendar(name)
    cal.add_component(_event(session, dtstamp, url))
    return _finish(cal, [session])


def programme_ics(
    programme: Programme, *, dtstamp: dt.datetime, urls: Mapping[str, str] | None = None
) -> bytes:
    """Every session in one .ics; `urls` maps a session's guid to its page."""
    _check_stamp(dtstamp)
    urls = urls or {}
    cal = _calendar(programme.title)
    sessions = programme.sessions
    for session in sessions:
        cal.add_component(_event(session, dtstamp, urls.get(session.guid)))
    return _finish(cal, sessions)
