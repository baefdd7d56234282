"""The programme as read from pretalx's schedule export: frozen, plain data.

Programme -> days -> sessions, each session with its speakers, links and
recordings. Every instant is an aware datetime in the edition's time zone;
an end is computed in UTC, so a session across Beirut's October change
(23:00-24:00 happens twice that night) ends at the right instant.

Text is as the speakers wrote it, minus invisible control characters
(reader.py). Titles and names are plain text; abstract, description and
biography are untrusted Markdown: render them with safe.render_untrusted.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from smex_site.dates import utc

from . import languages


@dataclass(frozen=True)
class Speaker:
    key: str  # pretalx's code (or guid, or name): one person across sessions
    name: str
    biography: str | None = None  # untrusted Markdown
    code: str | None = None
    slug: str = ""  # ASCII, unique in the programme: for a speaker page or anchor
    id: int | None = None  # pretalx's, for schedule.xml's <person id>
    guid: str | None = None
    # pretalx's address of their picture, for `invoke programme` alone: it
    # stores a checked copy (tools/editors/avatars.py); no output carries it
    avatar_source: str | None = None


@dataclass(frozen=True)
class Link:
    url: str  # http(s) only: the reader drops anything else
    title: str | None = None
    type: str | None = None  # the export's link type (related, slides, media…)


@dataclass(frozen=True)
class Session:
    guid: str  # stable across exports: calendar UIDs come from it
    slug: str  # ASCII, unique in the programme: the session page's folder
    path: str  # where it is in the file, for messages
    title: str
    start: dt.datetime  # aware, in the edition's time zone
    duration: dt.timedelta
    room: str
    code: str | None = None  # pretalx's (or from its url): the page's address
    id: int | None = None
    export_slug: str | None = None  # the export's own <slug>, for schedule.xml
    subtitle: str | None = None
    abstract: str | None = None  # untrusted Markdown
    description: str | None = None  # untrusted Markdown
    track: str | None = None
    type: str | None = None
    language: str | None = None  # BCP 47, as given
    speakers: tuple[Speaker, ...] = ()
    links: tuple[Link, ...] = ()
    recordings: tuple[Link, ...] = ()
    do_not_record: bool | None = None
    recording_license: str | None = None
    url: str | None = None  # the session on pretalx
    feedback_url: str | None = None  # its feedback form on pretalx (http(s) only)
    # From <year>.toml (spoken.py): every language spoken, interpretation (from, into)
    languages: tuple[str, ...] = ()
    interpretation: tuple[str, str] | None = None

    @property
    def spoken(self) -> tuple[str, ...]:
        """Every language of the session: the file's list, else the export's one."""
        return self.languages or ((self.language,) if self.language else ())

    @property
    def end(self) -> dt.datetime:
        return (utc(self.start) + self.duration).astimezone(self.start.tzinfo)

    @property
    def language_known(self) -> bool:
        return languages.is_known(self.language)

    @property
    def direction(self) -> str | None:
        """rtl or ltr for a known language; None when unknown (let it inherit)."""
        return languages.direction(self.language)


@dataclass(frozen=True)
class Day:
    index: int
    date: dt.date
    sessions: tuple[Session, ...]  # by start, then room, then title
    start: dt.datetime | None = None  # pretalx's day_start (04:00 local)
    end: dt.datetime | None = None


@dataclass(frozen=True)
class Programme:
    year: int
    source: str  # the file, for messages: content/data/programme/2025.json
    timezone: str  # IANA name of the edition's time zone
    days: tuple[Day, ...]
    rooms: tuple[str, ...]  # in pretalx's order
    tracks: tuple[str, ...]
    title: str | None = None
    acronym: str | None = None
    version: str | None = None
    room_guids: tuple[tuple[str, str], ...] = ()  # (room name, pretalx's guid)

    @property
    def tz(self) -> dt.tzinfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def sessions(self) -> tuple[Session, ...]:
        return tuple(session for day in self.days for session in day.sessions)
