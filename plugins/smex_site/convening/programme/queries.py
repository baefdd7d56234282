"""Pure functions over a Programme: what the pages list and filter by.

No clock here: "now" is passed in (one instant per build, or a test's).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .assemble import unique_slugs
from .model import Day, Programme, Session, Speaker, utc


@dataclass(frozen=True)
class Slot:
    """Sessions that start at one instant."""

    start: dt.datetime
    sessions: tuple[Session, ...]


@dataclass(frozen=True)
class DaySchedule:
    day: Day
    slots: tuple[Slot, ...]


@dataclass(frozen=True)
class Facets:
    """What the filters offer, each in a stable order."""

    days: tuple[Day, ...]  # days that have sessions
    rooms: tuple[str, ...]  # pretalx's room order
    tracks: tuple[str, ...]  # pretalx's track order
    types: tuple[str, ...]  # first appearance, in time
    languages: tuple[str, ...]  # first appearance, in time; as given


@dataclass(frozen=True)
class NowNext:
    now: tuple[Session, ...]  # running at the instant
    next: tuple[Session, ...]  # the next ones to start (all at one instant)


@dataclass(frozen=True)
class SpeakerSessions:
    speaker: Speaker
    sessions: tuple[Session, ...]  # in time order


def by_day_and_time(programme: Programme) -> tuple[DaySchedule, ...]:
    """Days with sessions, each as its sessions grouped by start instant."""
    result = []
    for day in programme.days:
        slots: list[Slot] = []
        for session in day.sessions:  # already by start, room, title
            if slots and utc(slots[-1].start) == utc(session.start):
                slots[-1] = Slot(slots[-1].start, (*slots[-1].sessions, session))
            else:
                slots.append(Slot(session.start, (session,)))
        if slots:
            result.append(DaySchedule(day, tuple(slots)))
    return tuple(result)


def _first_seen(values) -> tuple[str, ...]:
    return tuple(dict.fromkeys(value for value in values if value))


def facets(programme: Programme) -> Facets:
    sessions = sorted(programme.sessions, key=lambda s: utc(s.start))
    return Facets(
        days=tuple(day for day in programme.days if day.sessions),
        rooms=programme.rooms,
        tracks=programme.tracks,
        types=_first_seen(s.type for s in sessions),
        languages=_first_seen(code for s in sessions for code in s.spoken),
    )


def now_next(programme: Programme, now: dt.datetime) -> NowNext:
    """What runs at `now` (start <= now < end) and what starts next."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    instant = utc(now)
    sessions = sorted(programme.sessions, key=lambda s: utc(s.start))
    running = tuple(s for s in sessions if utc(s.start) <= instant < utc(s.end))
    ahead = [s for s in sessions if utc(s.start) > instant]
    upcoming = tuple(s for s in ahead if utc(s.start) == utc(ahead[0].start)) if ahead else ()
    return NowNext(running, upcoming)


def speakers(programme: Programme) -> tuple[SpeakerSessions, ...]:
    """Every speaker with their sessions, by name (case-insensitive)."""
    found: dict[str, tuple[Speaker, list[Session]]] = {}
    for session in sorted(programme.sessions, key=lambda s: utc(s.start)):
        for speaker in session.speakers:
            found.setdefault(speaker.key, (speaker, []))[1].append(session)
    entries = [SpeakerSessions(speaker, tuple(talks)) for speaker, talks in found.values()]
    return tuple(sorted(entries, key=lambda e: (e.speaker.name.casefold(), e.speaker.key)))


@dataclass(frozen=True)
class Group:
    """A room's or a track's sessions: its page, its .ics."""

    name: str  # as pretalx writes it
    slug: str  # ASCII, unique among the rooms (or tracks): the page's folder
    days: tuple[Day, ...]  # the days it has sessions, each with only its sessions


def _groups(programme: Programme, names: tuple[str, ...], of, fallback: str) -> tuple[Group, ...]:
    slugs = unique_slugs(names, lambda name: name, fallback)  # Arabic names: room-N
    found = []
    for name in names:
        days = tuple(
            Day(day.index, day.date, mine, day.start, day.end)
            for day in programme.days
            if (mine := tuple(s for s in day.sessions if of(s) == name))
        )
        if days:
            found.append(Group(name, slugs[id(name)], days))
    return tuple(found)


def rooms(programme: Programme) -> tuple[Group, ...]:
    """Every room with sessions, in pretalx's order."""
    return _groups(programme, programme.rooms, lambda s: s.room, "room")


def tracks(programme: Programme) -> tuple[Group, ...]:
    """Every track with sessions, in pretalx's order."""
    return _groups(programme, programme.tracks, lambda s: s.track, "track")


def find(programme: Programme, slug: str) -> Session | None:
    """The session whose page is at `slug`."""
    return next((s for s in programme.sessions if s.slug == slug), None)
