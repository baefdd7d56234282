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
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from lxml import etree

from .model import Programme, Session, utc
from .safe import bare_text

GENERATOR = {"name": "smex-site", "version": "1"}


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
    if programme.acronym:
        _add(conference, "acronym", programme.acronym)
    days = [day for day in programme.days if day.sessions]
    if days:
        _add(conference, "start", days[0].date.isoformat())
        _add(conference, "end", days[-1].date.isoformat())
        _add(conference, "days", str(len(days)))
    _add(conference, "timeslot_duration", "00:05")
    _add(conference, "time_zone_name", programme.timezone)
    for track in programme.tracks:
        _add(conference, "track", name=track)


def _event(room: etree._Element, session: Session, url: str | None) -> None:
    ident = str(session.id) if session.id is not None else None
    event = _add(room, "event", guid=session.guid, id=ident, code=session.code)
    _add(event, "room", session.room)
    _add(event, "title", session.title)
    _add(event, "subtitle", session.subtitle or "")
    _add(event, "type", session.type or "")
    _add(event, "date", session.start.isoformat())
    _add(event, "start", session.start.strftime("%H:%M"))
    _add(event, "duration", _hhmm(session.duration))
    _add(event, "abstract", bare_text(session.abstract))
    _add(event, "slug", session.slug)
    _add(event, "track", session.track or "")
    persons = _add(event, "persons")
    for speaker in session.speakers:
        _add(persons, "person", speaker.name)
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
    if url or session.url:
        _add(event, "url", url or session.url)


def schedule_xml(programme: Programme, *, urls: Mapping[str, str] | None = None) -> bytes:
    """The whole programme as frab XML; `urls` maps a guid to its page here."""
    urls = urls or {}
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
                room = _add(element, "room", name=room_name)
                for session in in_room:
                    _event(room, session, urls.get(session.guid))
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
