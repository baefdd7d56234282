"""A frab schedule.xml from the model, for offline apps (Giggity, EventFahrplan).

The layout is pretalx's agenda/schedule.xml (the c3voc schedule.xml.xsd):

    <schedule><generator/><version/><conference>…<track name=""/></conference>
      <day index date start end><room name guid>
        <event guid id code><room/><title/><subtitle/><type/><date/><start/>
          <duration/><abstract/><slug/><track/><persons><person/></persons>
          <language/><description/><recording><license/><optout/></recording>
          <links><link href/></links><url/></event>

lxml builds the tree, so every text and attribute is escaped by it. The
abstract and description are plain text with no tag in them (bare_text):
apps render them, and a reader that takes <description> for HTML (as feed
readers do) must find nothing that runs or loads.

Every value follows the schema's patterns (the tests validate each file
against it): an acronym in [a-z0-9_-]{4,}, the export's own slug where it
fits, else pretalx's form <acronym>-<id>-<code>; ids, codes and slugs
unique; guids as UUIDs; absolute URLs only. A value that cannot fit an
optional field is left out rather than written wrong.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import uuid
from collections.abc import Mapping

from lxml import etree

from .model import Programme, Session, utc
from .safe import bare_text

GENERATOR = {"name": "smex-site", "version": "1"}
# The c3voc schema's patterns (validator/xsd/schedule.xml.xsd in voc/schedule).
_ACRONYM = re.compile(r"[a-z0-9_-]{4,}")
_SLUG = re.compile(r"[a-z0-9_]{4,}-[a-z0-9\-_]{4,}")
_CODE = re.compile(r"[0-9A-Z]{6}")
_UUID = re.compile(r"[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")
_NOT_ACRONYM = re.compile(r"[^a-z0-9_-]+")


def acronym(value: str | None) -> str | None:
    """The export's acronym in the schema's form (lower case, a-z 0-9 _ -), or None."""
    shaped = _NOT_ACRONYM.sub("-", (value or "").lower()).strip("-")
    return shaped if _ACRONYM.fullmatch(shaped) else None


def _as_uuid(value: str) -> str:
    """A guid as the schema wants it: pretalx's are UUIDs already; any other
    is mapped to a stable UUID of its own."""
    return value if _UUID.fullmatch(value) else str(uuid.uuid5(uuid.NAMESPACE_URL, value))


def _derived_id(guid: str) -> int:
    # Stable across builds and exports, for sessions pretalx gave no id of their own.
    return int.from_bytes(hashlib.sha256(guid.encode()).digest()[:4], "big") % 2**31 + 1


class _Identities:
    """id, code and slug of each event, unique in the file as the schema requires
    (a session given two slots shares pretalx's id and code: the second slot gets
    an id of its own, and no code)."""

    def __init__(self, programme: Programme):
        self.acronym = acronym(programme.acronym)
        self.ids: set[int] = set()
        self.codes: set[str] = set()
        self.slugs: set[str] = set()

    def of(self, session: Session) -> dict:
        ident = session.id if session.id is not None and session.id > 0 else None
        if ident is None or ident in self.ids:
            ident = _derived_id(session.guid)
            while ident in self.ids:
                ident += 1
        self.ids.add(ident)
        code = session.code if session.code and _CODE.fullmatch(session.code) else None
        if code in self.codes:
            code = None
        self.codes.add(code)
        return {"id": str(ident), "code": code, "slug": self._slug(session, ident)}

    def _slug(self, session: Session, ident: int) -> str | None:
        tail = f"-{ident}-{(session.code or session.slug).lower()}"
        # pretalx's form; with "_" for "-" in the acronym where its first part
        # is too short for the schema ("bn-2025" gives "bn_2025-101-tstaaa").
        made = []
        if self.acronym:
            made = [self.acronym + tail, self.acronym.replace("-", "_") + tail]
        for slug in (session.export_slug, *made):
            if slug and _SLUG.fullmatch(slug) and slug not in self.slugs:
                self.slugs.add(slug)
                return slug
        return None


def _hhmm(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _add(parent: etree._Element, tag: str, text: str | None = None, **attrs) -> etree._Element:
    element = etree.SubElement(parent, tag, {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        element.text = text
    return element


def _conference(root: etree._Element, programme: Programme) -> None:
    conference = _add(root, "conference")
    _add(conference, "title", programme.title or str(programme.year))
    if shaped := acronym(programme.acronym):
        _add(conference, "acronym", shaped)
    days = [day for day in programme.days if day.sessions]
    if days:
        _add(conference, "start", days[0].date.isoformat())
        _add(conference, "end", days[-1].date.isoformat())
        _add(conference, "days", str(len(days)))
    _add(conference, "timeslot_duration", "00:05")
    _add(conference, "time_zone_name", programme.timezone)
    for track in programme.tracks:
        _add(conference, "track", name=track)


def _absolute(url: str | None) -> str | None:
    # The schema's httpURI: a development build's relative address is left out.
    return url if url and url.startswith(("https://", "http://")) else None


def _event(room: etree._Element, session: Session, url: str | None, names: dict) -> None:
    """One session; `url` its page here, else pretalx's (left out if not absolute)."""
    event = _add(room, "event", guid=_as_uuid(session.guid), id=names["id"], code=names["code"])
    _add(event, "room", session.room)
    _add(event, "title", session.title)
    _add(event, "subtitle", session.subtitle or "")
    _add(event, "type", session.type or "")
    _add(event, "date", session.start.isoformat())
    _add(event, "start", session.start.strftime("%H:%M"))
    _add(event, "duration", _hhmm(session.duration))
    _add(event, "abstract", bare_text(session.abstract))
    if names["slug"]:
        _add(event, "slug", names["slug"])
    _add(event, "track", session.track or "")
    persons = _add(event, "persons")
    for speaker in session.speakers:
        ident = str(speaker.id) if speaker.id is not None else None
        guid = speaker.guid if speaker.guid and _UUID.fullmatch(speaker.guid) else None
        _add(persons, "person", speaker.name, id=ident, guid=guid)
    if session.language:
        _add(event, "language", session.language)
    if session.description:
        _add(event, "description", bare_text(session.description))
    recording = _add(event, "recording")
    _add(recording, "license", session.recording_license or "")
    _add(recording, "optout", "true" if session.do_not_record else "false")
    links = _add(event, "links")
    for link in (*session.links, *session.recordings):
        _add(links, "link", link.title or link.url, href=link.url)
    if address := _absolute(url):
        _add(event, "url", address)


def schedule_xml(programme: Programme, *, urls: Mapping[str, str] | None = None) -> bytes:
    """The whole programme as frab XML; `urls` maps a guid to its page here."""
    urls = urls or {}
    names = _Identities(programme)
    room_guids = dict(programme.room_guids)
    root = etree.Element("schedule")
    _add(root, "generator", **GENERATOR)
    _add(root, "version", programme.version or "")
    _conference(root, programme)
    for index, day in enumerate((d for d in programme.days if d.sessions), 1):
        sessions = day.sessions
        start = day.start or min(sessions, key=lambda s: utc(s.start)).start
        end = day.end or max(sessions, key=lambda s: utc(s.end)).end
        element = _add(
            root,
            "day",
            index=str(index),
            date=day.date.isoformat(),
            start=start.isoformat(),
            end=end.isoformat(),
        )
        for room_name in programme.rooms:
            in_room = [s for s in sessions if s.room == room_name]
            if in_room:
                room = _add(element, "room", name=room_name, guid=room_guids.get(room_name))
                for session in in_room:
                    url = urls.get(session.guid, session.url)
                    _event(room, session, url, names.of(session))
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
