"""iCalendar files: one per session, one for the whole programme.

UIDs come from pretalx's guid, so a calendar that imported a session
updates it instead of showing it twice when the programme changes. Times
are local, with the edition's VTIMEZONE; DTSTAMP is the build's one "now",
passed in. The icalendar library escapes and folds every value. STATUS
and LOCATION are the edition's (`standing`): a postponed edition's sessions
are TENTATIVE, a cancelled one's CANCELLED, an online one's LOCATION says
online instead of naming a room.

A session the export no longer has (changes.History.cancelled) stays in
every file that carried it, as STATUS:CANCELLED with the same UID and the
SEQUENCE and LAST-MODIFIED of its removal: RFC 5545 has a calendar that
imported it mark it cancelled; an event that merely vanished from a file
would stay confirmed in most calendars.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping

import icalendar

from smex_site.convening.standing import SCHEDULED, Standing

from .changes import Seen
from .model import Programme, Session, utc
from .safe import plain_text, strip_tags

PRODID = "-//SMEX//Bread&Net programme//EN"
UID_FORMAT = "{guid}@smex.org"


def uid(session: Session | Seen) -> str:
    return UID_FORMAT.format(guid=session.guid)


def revision(revisions: Mapping, guid: str) -> dict | None:
    """A session's SEQUENCE and LAST-MODIFIED (History.revisions) as text, for
    the calendar file My agenda builds in the browser: the same as ours."""
    found = revisions.get(guid)
    if found is None:
        return None
    return {"sequence": found[0], "modified": utc(found[1]).replace(microsecond=0).isoformat()}


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


def _event(
    session: Session, dtstamp: dt.datetime, url: str | None, standing: Standing, revision=None
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid(session))
    event.add("dtstamp", utc(dtstamp).replace(microsecond=0))
    if revision is not None:  # (SEQUENCE, LAST-MODIFIED): moved or retitled (changes.py)
        event.add("sequence", revision[0])
        event.add("last-modified", utc(revision[1]).replace(microsecond=0))
    event.add("dtstart", ical_time(session.start))
    event.add("dtend", ical_time(session.end))
    language = {"LANGUAGE": session.language} if session.language_known else {}
    event.add("summary", session.title, parameters=language)
    names = ", ".join(speaker.name for speaker in session.speakers)
    absolute = url if url and url.startswith(("https://", "http://")) else None
    parts = [session.subtitle, names, plain_text(session.abstract), absolute]
    # Some clients show a DESCRIPTION as HTML: no tag of the speakers' reaches one.
    description = strip_tags("\n\n".join(part for part in parts if part))
    if description:
        event.add("description", description, parameters=language)
    event.add("location", standing.online_label if standing.online else session.room)
    categories = [value for value in (session.track, session.type) if value]
    if categories:
        event.add("categories", categories)
    if absolute:
        event.add("url", absolute)
    event.add("status", standing.ics_status)
    return event


def _cancelled(
    seen: Seen, dtstamp: dt.datetime, url: str | None, standing: Standing, revision
) -> bytes:
    """A removed session as last seen, cancelled: what a calendar needs to drop it."""
    event = icalendar.Event()
    event.add("uid", uid(seen))
    event.add("dtstamp", utc(dtstamp).replace(microsecond=0))
    event.add("sequence", revision[0])
    event.add("last-modified", utc(revision[1]).replace(microsecond=0))
    event.add("dtstart", ical_time(seen.start))
    event.add("dtend", ical_time(seen.end))
    event.add("summary", seen.title)
    event.add("location", standing.online_label if standing.online else seen.room)
    if seen.track:
        event.add("categories", [seen.track])
    if url and url.startswith(("https://", "http://")):
        event.add("url", url)
    event.add("status", "CANCELLED")
    return event.to_ical()


@functools.lru_cache(maxsize=32)
def _vtimezone(tzid: str, first_year: int, last_year: int) -> bytes:
    # Computing and writing the rules is most of a one-session file's cost:
    # once per zone and span, not once per session.
    return icalendar.Timezone.from_tzid(
        tzid, first_date=dt.date(first_year, 1, 1), last_date=dt.date(last_year, 12, 31)
    ).to_ical()


def _event_ical(
    session: Session, dtstamp: dt.datetime, url: str | None, standing: Standing, revisions=None
) -> bytes:
    # A relative URL is left out (_event), so both languages share the bytes.
    absolute = url if url and url.startswith(("https://", "http://")) else None
    revision = (revisions or {}).get(session.guid)
    return _cached_event(session, dtstamp, absolute, standing, revision)


@functools.lru_cache(maxsize=4096)
def _cached_event(
    session: Session, dtstamp: dt.datetime, url: str | None, standing: Standing, revision
) -> bytes:
    # A session's VEVENT is the same in its own file and in the programme's.
    return _event(session, dtstamp, url, standing, revision).to_ical()


def _zones(session: Session | Seen) -> set[str]:
    """The TZIDs a session's VEVENT names (none for a time written in UTC)."""
    found = set()
    for moment in (ical_time(session.start), ical_time(session.end)):
        key = getattr(moment.tzinfo, "key", None)
        if key and moment.tzinfo is not dt.UTC:
            found.add(key)
    return found


def _finish(cal: icalendar.Calendar, sessions, events: list[bytes]) -> bytes:
    """The calendar's own lines, then a VTIMEZONE per zone used, then the events."""
    head = cal.to_ical()
    end = b"END:VCALENDAR\r\n"
    parts = [head[: -len(end)]]
    if sessions:
        # A year either side: enough rules for any client to place the times.
        first = min(utc(s.start) for s in sessions).year - 1
        last = max(utc(s.end) for s in sessions).year + 1
        zones = set().union(*(_zones(s) for s in sessions))
        parts += [_vtimezone(tzid, first, last) for tzid in sorted(zones)]
    return b"".join([*parts, *events, end])


def _check_stamp(dtstamp: dt.datetime) -> None:
    if dtstamp.tzinfo is None:
        raise ValueError("dtstamp must be an aware datetime (the build's now)")


def session_ics(
    session: Session,
    *,
    dtstamp: dt.datetime,
    url: str | None = None,
    name: str | None = None,
    standing: Standing = SCHEDULED,
    revisions: Mapping | None = None,
) -> bytes:
    """One session's .ics; `url` is its page on this site (absolute, or left out);
    `revisions` maps a guid to its (SEQUENCE, LAST-MODIFIED) (History.revisions)."""
    _check_stamp(dtstamp)
    event = _event_ical(session, dtstamp, url, standing, revisions)
    return _finish(_calendar(name), [session], [event])


def programme_ics(
    programme: Programme,
    *,
    dtstamp: dt.datetime,
    urls: Mapping[str, str] | None = None,
    standing: Standing = SCHEDULED,
    revisions: Mapping | None = None,
    cancelled: tuple[Seen, ...] = (),
) -> bytes:
    """Every session in one .ics; `urls` maps a session's guid to its page;
    `cancelled`, the sessions gone since an earlier import (History.cancelled)."""
    return sessions_ics(
        programme.sessions, dtstamp=dtstamp, urls=urls, name=programme.title,
        standing=standing, revisions=revisions, cancelled=cancelled,
    )  # fmt: skip


def sessions_ics(
    sessions,
    *,
    dtstamp: dt.datetime,
    urls: Mapping[str, str] | None = None,
    name: str | None = None,
    standing: Standing = SCHEDULED,
    revisions: Mapping | None = None,
    cancelled: tuple[Seen, ...] = (),
) -> bytes:
    """Some sessions in one .ics (a room's, a track's), with the same events
    (UIDs, times, status) as the whole programme's; then those of `cancelled`
    (History.cancelled_in), each with its revision from `revisions`."""
    _check_stamp(dtstamp)
    urls, revisions = urls or {}, revisions or {}
    sessions = tuple(sessions)
    events = [_event_ical(s, dtstamp, urls.get(s.guid), standing, revisions) for s in sessions]
    events += [
        _cancelled(gone, dtstamp, urls.get(gone.guid), standing, revisions[gone.guid])
        for gone in cancelled
    ]
    return _finish(_calendar(name), (*sessions, *cancelled), events)


def removed_ics(
    seen: Seen,
    *,
    dtstamp: dt.datetime,
    revisions: Mapping,
    url: str | None = None,
    name: str | None = None,
    standing: Standing = SCHEDULED,
) -> bytes:
    """A removed session's own .ics at its old address: its event, cancelled."""
    return sessions_ics(
        (), dtstamp=dtstamp, urls={seen.guid: url} if url else None, name=name,
        standing=standing, revisions=revisions, cancelled=(seen,),
    )  # fmt: skip
