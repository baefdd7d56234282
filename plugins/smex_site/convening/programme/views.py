"""Plain data for the programme's templates, in one page language.

Every date and time is formatted here, through l10n, in the edition's own
time zone; templates choose words (gettext) and markup. A session's own
texts keep their language: `lang`/`dir` say what it is written in, and
names from pretalx (rooms, tracks, types) carry the language they are
shown in when the labels table has no translation for this page.

The edition's event status reaches every session through `standing` (its
status and whether it is online) and the edition's view (`dates_hold`): an
online programme names no room, and times that no longer hold are not
offered as "add to calendar".
"""

from __future__ import annotations

import datetime as dt

from smex_site import dates
from smex_site.convening.standing import Standing
from smex_site.l10n import LONG_DATE, Formats

from . import avatars, calendar, languages, queries, structured
from .changes import Seen
from .kind import (
    EditionProgramme,
    agenda_key,
    agenda_path,
    changes_path,
    day_path,
    programme_path,
    room_path,
    session_path,
    speaker_path,
    speakers_path,
    track_path,
)
from .model import Session, Speaker, utc
from .safe import render_untrusted, summary

ICS_NAME = "programme.ics"
XML_NAME = "schedule.xml"
JSON_NAME = "schedule.json"


class ProgrammeViews:
    def __init__(
        self, state, lang: str, fmt: Formats, item: EditionProgramme, labels, edition,
        standing: Standing,
    ):  # fmt: skip
        self.state, self.lang, self.fmt = state, lang, fmt
        self.standing = standing  # the edition's event status, as sessions inherit it
        self.options = state.options
        self.item = item
        self.programme = item.programme
        self.labels = labels
        self.edition = edition  # convening.views.Views.edition() of this year
        self.year = item.year
        self.base = programme_path(self.options, self.year)
        self.speakers_path = speakers_path(self.options, self.year)
        self.has_speakers = any(s.speakers for s in self.programme.sessions)
        self._cards: dict[str, dict] = {}
        # online: no room is a place, so no room pages and no grid (kind.pages)
        self.rooms = () if standing.online else queries.rooms(self.programme)
        self.tracks = queries.tracks(self.programme)
        self._room_slugs = {group.name: group.slug for group in self.rooms}
        self._track_slugs = {group.name: group.slug for group in self.tracks}

    # --- addresses ---------------------------------------------------------------

    def url(self, path: str) -> str:
        return self.state.url(self.lang, path)

    def session_path(self, session: Session) -> str:
        return session_path(self.options, self.year, session.slug)

    def ics_name(self, session: Session | Seen) -> str:
        return f"{session.slug}.ics"

    def speaker_url(self, speaker: Speaker) -> str | None:
        if not self.has_speakers:
            return None
        return self.url(speaker_path(self.options, self.year, speaker.slug))

    def agenda_url(self) -> str:
        return self.url(agenda_path(self.options, self.year))

    def changes_url(self) -> str | None:
        """The changes page: once `invoke programme` has recorded an import."""
        if not self.item.history.imports:
            return None
        return self.url(changes_path(self.options, self.year))

    def grid_url(self, iso: str) -> str | None:
        """A day's grid of rooms by time; none online (no room is a place)."""
        return None if self.standing.online else self.url(day_path(self.options, self.year, iso))

    def room_url(self, room: str | None) -> str | None:
        slug = self._room_slugs.get(room)
        return self.url(room_path(self.options, self.year, slug)) if slug else None

    def track_url(self, track: str | None) -> str | None:
        slug = self._track_slugs.get(track)
        return self.url(track_path(self.options, self.year, slug)) if slug else None

    # --- pieces --------------------------------------------------------------------

    def name(self, group: str, value: str | None) -> dict | None:
        """A name from pretalx in this page's language, else as written, marked."""
        if not value:
            return None
        label = self.labels.label(group, value, self.lang)
        marked = label.lang if label.lang and label.lang != self.lang else None
        return {
            "text": label.text,
            "lang": marked,
            "dir": languages.direction(marked) if marked else None,
        }

    def language(self, code: str | None) -> dict | None:
        if not code:
            return None
        known = languages.is_known(code)
        return {
            "code": code,
            "known": known,
            "name": self.fmt.language_name(code) if known else code,
        }

    def moment(self, value: dt.datetime) -> dict:
        return {
            "iso": value.isoformat(),
            "date": self.fmt.date(value.date(), LONG_DATE),
            "time": self.fmt.time(value),
            # the UTC offset, only where the wall clock alone is ambiguous
            "offset": self.fmt.offset(value) if dates.repeated(value) else None,
        }

    # --- sessions -----------------------------------------------------------------

    def card(self, session: Session) -> dict:
        """What a list shows of a session (the programme, the speakers page)."""
        found = self._cards.get(session.guid)
        if found is not None:
            return found
        path = self.session_path(session)
        start, end = self.moment(session.start), self.moment(session.end)
        if session.end.date() == session.start.date():
            end["date"] = None  # said once, by the start
        crosses = session.start.utcoffset() != session.end.utcoffset()
        if crosses:
            # 22:30-23:00 reads as half an hour when the clocks went back in
            # between: both offsets, and the length, say it is ninety minutes.
            start["offset"] = self.fmt.offset(session.start)
            end["offset"] = self.fmt.offset(session.end)
        found = self._cards[session.guid] = {
            "slug": session.slug,
            "path": path,
            "url": self.url(path),
            "title": session.title,
            "lang": session.language if session.language_known else None,
            "dir": session.direction or "auto",
            "start": start,
            "end": end,
            "start_utc": utc(session.start).isoformat(),
            "end_utc": utc(session.end).isoformat(),
            "length": self.fmt.length(session.duration) if crosses else None,
            "day": session.start.date().isoformat(),
            "agenda": agenda_key(self.year, session.slug),  # the star's key
            "uid": calendar.uid(session),
            "revision": calendar.revision(self.item.history.revisions, session.guid),
            # online: no room is a place anyone goes to
            "room": None if self.standing.online else self.name("rooms", session.room),
            "track": self.name("tracks", session.track),
            "type": self.name("types", session.type),
            "language": self.language(session.language),
            # several, or interpreted (spoken.py): the list and "from, into"
            "languages": [self.language(c) for c in session.spoken] if session.languages else [],
            "interpretation": (
                [self.language(c) for c in session.interpretation]
                if session.interpretation
                else None
            ),
            "speakers": [{"name": s.name, "url": self.speaker_url(s)} for s in session.speakers],
            "filters": {
                "track": session.track or "",
                "room": "" if self.standing.online else session.room,
                "language": " ".join(session.spoken),  # a list: the filter finds each
            },
        }
        return found

    def session(self, session: Session) -> dict:
        """Everything the session's own page shows."""
        view = dict(self.card(session))
        page_url = view["url"]
        view.update(
            subtitle=session.subtitle,
            summary=summary(session.abstract),
            abstract=render_untrusted(session.abstract),
            description=render_untrusted(session.description),
            duration=self.fmt.length(session.duration),
            zone=self.fmt.zone(self.programme.tz),
            tz_name=self.programme.timezone,
            speakers=[
                {
                    "name": s.name,
                    "url": self.speaker_url(s),
                    "biography": render_untrusted(s.biography),
                }
                for s in session.speakers
            ],
            links=[{"url": link.url, "title": link.title or link.url} for link in session.links],
            recordings=[
                {"url": link.url, "title": link.title or link.url} for link in session.recordings
            ],
            room_url=self.room_url(session.room) if view["room"] else None,
            # pretalx's feedback form, only where the site says so (it sends visitors there)
            feedback_url=session.feedback_url if self.options["SITE_PROGRAMME_FEEDBACK"] else None,
            track_url=self.track_url(session.track),
            ics_url=self.url(view["path"] + self.ics_name(session)),
            calendar_url=(
                self.url(view["path"] + self.ics_name(session))
                if self.edition["dates_hold"]
                else None
            ),
            ics_download=f"bread-and-net-{self.year}-{session.slug}.ics",
            jsonld=structured.session_data(
                session,
                page_url=page_url,
                edition_url=self.edition["url"],
                standing=self.standing,
                images=avatars.urls(self.state, self.item),  # our stored copies, by slug
            ),
        )
        return view

    # --- pages --------------------------------------------------------------------

    def files(self) -> dict:
        ics_url = self.url(self.base + ICS_NAME)
        return {
            "ics_url": ics_url,
            "calendar_url": ics_url if self.edition["dates_hold"] else None,
            "ics_download": f"bread-and-net-{self.year}-programme.ics",
            "xml_url": self.url(self.base + XML_NAME),
            "json_url": self.url(self.base + JSON_NAME),
        }

    def page(self) -> dict:
        """The programme page: sessions by day, then time; what the filters offer."""
        days = []
        for schedule in queries.by_day_and_time(self.programme):
            day = schedule.day
            days.append(
                {
                    "iso": day.date.isoformat(),
                    "heading": self.fmt.date(day.date, LONG_DATE),
                    "grid_url": self.grid_url(day.date.isoformat()),
                    "slots": [
                        {
                            "start": self.moment(slot.start),
                            "sessions": [self.card(s) for s in slot.sessions],
                        }
                        for slot in schedule.slots
                    ],
                }
            )
        facets = queries.facets(self.programme)
        return {
            "year": self.year,
            "path": self.base,
            "url": self.url(self.base),
            "edition": self.edition,
            "days": days,
            "count": len(self.programme.sessions),
            "count_text": self.fmt.number(len(self.programme.sessions)),
            "zone": self.fmt.zone(self.programme.tz),
            "speakers_path": self.speakers_path,
            "speakers_url": self.url(self.speakers_path) if self.has_speakers else None,
            "changes_url": self.changes_url(),
            "agenda_url": self.agenda_url(),
            "tz_name": self.programme.timezone,
            "ics_status": self.standing.ics_status,  # the agenda's calendar file, as ours
            "agenda_path": agenda_path(self.options, self.year),
            # "now and next" in the browser, only while the times hold
            "now_next": self.edition["dates_hold"],
            "filters": {
                "day": [(d["iso"], d["heading"]) for d in days],
                "track": [(t, self.name("tracks", t)) for t in facets.tracks],
                "room": [
                    (r, self.name("rooms", r)) for r in facets.rooms if not self.standing.online
                ],
                "language": [(code, self.language(code)) for code in facets.languages],
            },
            **self.files(),
        }
