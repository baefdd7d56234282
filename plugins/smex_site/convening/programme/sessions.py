"""One session of the export (pretalx calls it a talk) into a Session.

Fields as pretalx's FrabJsonExporter writes them: guid, code, id, date
(ISO 8601 with offset), start (HH:MM, deprecated), duration (HH:MM, or
D:HH:MM), end (newer exports), room, title, subtitle, track, type,
language, abstract, description, do_not_record, recording_license,
persons [{code, id, name (public_name in older exports), biography, guid,
avatar}], links and attachments [{title, url, type}], url. A person's
avatar address is kept only for `invoke programme`, which stores a checked
copy under content/ (tools/editors/avatars.py): pages never load it from
another host. Logos are left out.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urljoin, urlsplit

from .assemble import assemble
from .fields import (
    EXPORT_AGAIN,
    MAX_DURATION,
    Node,
    Problems,
    Span,
    duration,
    flag,
    instant,
    integer,
    kind,
    text,
)
from .model import Link, Session, utc
from .safe import safe_url

RECORDING_TYPES = {"media", "recording", "video"}
FIX_IN_PRETALX = "schedule it in pretalx (start time and length), release the schedule"
# pretalx's public address of a session ends in its code: …/<event>/talk/TSTAAA/
_CODE_IN_URL = re.compile(r"/talk/([A-Za-z0-9]{4,})/?$")


class SessionReader:
    """Reads sessions one by one, then builds them with shared speakers."""

    def __init__(self, problems: Problems, tz, base_url: str | None, span: Span):
        self.problems = problems
        self.tz = tz
        self.span = span
        self.base_url = safe_url(base_url)
        self.raw: list[dict] = []
        self.guids: dict[str, str] = {}  # guid -> path of its first session
        self.rooms: list[str] = []
        self.tracks: list[str] = []

    def read(self, node: Node, room_key: str) -> str | None:
        """Check one session; its guid if it can be built."""
        p = self.problems
        if not isinstance(node.value, dict):
            p.error(node.path, f"{kind(node.value)}, not a session (an object): {EXPORT_AGAIN}")
            return None
        title = text(node.key("title"), p)
        guid = text(node.key("guid"), p)
        name = f"session {title!r}" if title else "a session"
        if guid is None:
            p.error(node.key("guid").path, f"{name} has no guid; {EXPORT_AGAIN}")
            return None
        name += f" (guid {guid})"
        if guid in self.guids:
            p.error(
                node.key("guid").path,
                f"{name} has the same guid as {self.guids[guid]}; each session needs its "
                f"own (calendars use it): {EXPORT_AGAIN}",
            )
            return None
        self.guids[guid] = node.path
        if title is None and node.key("title").empty:  # (a wrong type is reported)
            p.error(node.key("title").path, f"{name} has no title; give it one in pretalx")
        start = self._start(node, name)
        length = self._duration(node, name, start)
        room = text(node.key("room"), p) or text(Node(room_key, node.path), p)
        if room is None and node.key("room").empty:
            p.error(node.key("room").path, f"{name} has no room; give it one in pretalx")
        if None in (title, start, length, room):
            return None
        track = text(node.key("track"), p)
        for value, seen in ((room, self.rooms), (track, self.tracks)):
            if value and value not in seen:
                seen.append(value)
        links, recordings = self._links(node, name)
        url = self._url(node.key("url"), name)
        self.raw.append(
            {
                "guid": guid,
                "path": node.path,
                "title": title,
                "start": start,
                "duration": length,
                "room": room,
                "code": text(node.key("code"), p) or _code_in(url),
                "id": integer(node.key("id"), p),
                "export_slug": text(node.key("slug"), p),
                "subtitle": text(node.key("subtitle"), p),
                "abstract": text(node.key("abstract"), p, line=False),
                "description": text(node.key("description"), p, line=False),
                "track": track,
                "type": text(node.key("type"), p),
                "language": text(node.key("language"), p),
                "persons": self._persons(node, name),
                "links": links,
                "recordings": recordings,
                "do_not_record": flag(node.key("do_not_record"), p),
                "recording_license": text(node.key("recording_license"), p),
                "url": url,
                "feedback_url": safe_url(text(node.key("feedback_url"), p)),
            }
        )
        return guid

    def _start(self, node: Node, name: str):
        field = node.key("date")
        if field.empty:
            self.problems.error(
                field.path,
                f'{name} has no start ("date"); {FIX_IN_PRETALX} and export again',
            )
            return None
        moment = instant(field.value) if isinstance(field.value, str) else None
        if moment is None:
            self.problems.error(
                field.path,
                f"{name}: {field.value!r} is not a start; expected a date and time with "
                f"its UTC offset, e.g. 2025-10-25T14:00:00+03:00: {EXPORT_AGAIN}",
            )
            return None
        if not self.span.holds(moment):
            self.problems.error(
                field.path,
                f"{name}: {field.value!r} is far from the {self.span.year} edition; a "
                f"session starts {self.span.says()}. Fix its date in pretalx and export again",
            )
            return None
        return moment.astimezone(self.tz)

    def _duration(self, node: Node, name: str, start):
        field = node.key("duration")
        if field.empty and isinstance(node.key("end").value, str) and start is not None:
            end = instant(node.key("end").value)  # newer exports may carry only an end
            if end is not None and self.span.holds(end):
                length = utc(end) - utc(start)
                if dt.timedelta(0) < length <= MAX_DURATION:
                    return length
        if field.empty:
            self.problems.error(
                field.path,
                f"{name} has no duration; {FIX_IN_PRETALX} and export again",
            )
            return None
        length = duration(field.value) if isinstance(field.value, str) else None
        if not length:
            self.problems.error(
                field.path,
                f"{name}: {field.value!r} is not a duration; expected hours:minutes "
                f"such as 00:45, more than 00:00 and at most {_hours(MAX_DURATION)}:00 "
                f"(fix its length in pretalx): {EXPORT_AGAIN}",
            )
            return None
        return length

    def _url(self, field: Node, name: str) -> str | None:
        value = text(field, self.problems)
        if value is not None and safe_url(value) is None:
            self.problems.warning(
                field.path, f"{name}: {value!r} is not an http(s) address; left out"
            )
            return None
        return value

    def _persons(self, node: Node, name: str) -> list[dict]:
        field = node.key("persons")
        if field.empty or not isinstance(field.value, list):
            if not field.empty:
                self.problems.error(field.path, f"{name}: expected a list: {EXPORT_AGAIN}")
            return []
        found = []
        for person in field.items():
            if not isinstance(person.value, dict):
                self.problems.error(person.path, f"expected a speaker (an object): {EXPORT_AGAIN}")
                continue
            shown = text(person.key("name"), self.problems) or text(
                person.key("public_name"), self.problems
            )
            if shown is None:
                self.problems.error(
                    person.key("name").path,
                    f"a speaker of {name} has no name; give them one in pretalx",
                )
                continue
            code = text(person.key("code"), self.problems)
            person_guid = text(person.key("guid"), self.problems)
            found.append(
                {
                    "key": code or person_guid or f"name:{shown}",
                    "name": shown,
                    "code": code,
                    "id": integer(person.key("id"), self.problems),
                    "guid": person_guid,
                    "biography": text(person.key("biography"), self.problems, line=False),
                    "avatar": self._avatar(person.key("avatar")),
                }
            )
        return found

    def _avatar(self, field: Node) -> str | None:
        """The picture's http(s) address (relative to base_url, as c3voc allows);
        None for anything else: `invoke programme` says what it takes."""
        raw = field.value if isinstance(field.value, str) else None
        return safe_url(urljoin(self.base_url, raw) if raw and self.base_url else raw)

    def _links(self, node: Node, name: str) -> tuple[list[Link], list[Link]]:
        """Links and attachments, recordings (type media) apart; http(s) only."""
        p = self.problems
        links, recordings = [], []
        for key in ("links", "attachments"):
            field = node.key(key)
            if field.empty:
                continue
            if not isinstance(field.value, list):
                self.problems.error(field.path, f"{name}: expected a list: {EXPORT_AGAIN}")
                continue
            for item in field.items():
                if not isinstance(item.value, dict):
                    continue
                raw = text(item.key("url"), self.problems)
                url = safe_url(urljoin(self.base_url, raw) if raw and self.base_url else raw)
                if url is None:
                    self.problems.warning(
                        item.key("url").path,
                        f"{name}: {raw!r} is not an http(s) address; this link is left out",
                    )
                    continue
                link = Link(url, text(item.key("title"), self.problems), text(item.key("type"), p))
                (recordings if (link.type or "").lower() in RECORDING_TYPES else links).append(link)
        video = safe_url(text(node.key("video_download_url"), p))  # frab's, if any
        if video:
            recordings.append(Link(video, None, "media"))
        return links, recordings

    def build(self) -> dict[str, Session]:
        """Every session read, by guid, with one Speaker per person."""
        return assemble(self.raw)


def _hours(length) -> int:
    return int(length.total_seconds() // 3600)


def _code_in(url: str | None) -> str | None:
    """pretalx's code from a session's address (exports without `code`),
    so its page keeps its address when a later export adds the field."""
    found = _CODE_IN_URL.search(urlsplit(url).path) if url else None
    return found[1].upper() if found else None
