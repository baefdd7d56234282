"""c3voc's schedule.json from the model (issue 22), beside schedule.xml: the
JSON form pretalx and frab export, which apps and the c3voc tools read
(voc/schedule, validator/json/schema.json; the tests validate every file
against it, vendored in tests/schemas/c3voc/).

The same identities as schedule.xml (frab_xml._Identities: ids, codes and
slugs unique; guids as UUIDs), the same plain text for abstracts (no tag).
Every value fits the schema's patterns; an optional value that cannot is
left out rather than written wrong. A feedback link is the export's own
(`feedback_url`), an http(s) address, or none.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping

from . import frab_xml
from .model import Programme, Session, utc
from .safe import bare_text

# The schema's patterns (voc/schedule, validator/json/schema.json).
_ACRONYM = re.compile(r"[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?")
_SLUG = re.compile(r"[a-z0-9_-]+[a-z0-9]")
_CODE = re.compile(r"[A-Z0-9]+")
_ZONE = re.compile(r"([A-Z][a-z]+/[A-Z][a-z]+)|UTC")
LINK_TYPES = {"slides", "paper", "web", "blog", "article", "media", "related", "activitypub"}


def _acronym(programme: Programme) -> str:
    shaped = frab_xml.acronym(programme.acronym) or ""
    for candidate in (shaped, shaped.replace("-", "_")):
        if _ACRONYM.fullmatch(candidate):
            return candidate
    return f"programme_{programme.year}"


def _slug(value: str) -> str | None:
    shaped = re.sub(r"[^a-z0-9_-]+", "-", value.lower()).strip("-_")
    return shaped if _SLUG.fullmatch(shaped) else None


def _uuid(value: str | None, name: str) -> str:
    """A UUID as the schema wants it, stable: the export's, or one made from `name`."""
    if value and frab_xml._UUID.fullmatch(value):
        return value
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"smex-programme:{value or name}"))


def _reference(link) -> dict:
    found = {"url": link.url, "title": link.title or link.url}
    if (link.type or "").lower() in LINK_TYPES:
        found["type"] = link.type.lower()
    return found


def _person(speaker) -> dict:
    person = {"name": speaker.name}  # pretalx's form: name, not frab's public_name
    if speaker.code and _CODE.fullmatch(speaker.code):
        person["code"] = speaker.code
    if speaker.guid and frab_xml._UUID.fullmatch(speaker.guid):
        person["guid"] = speaker.guid
    if speaker.biography:
        person["biography"] = bare_text(speaker.biography)
    return person


def _event(session: Session, url: str | None, names: dict) -> dict:
    event = {
        "guid": frab_xml._as_uuid(session.guid),
        "id": int(names["id"]),
        "date": session.start.isoformat(),
        "start": session.start.strftime("%H:%M"),
        "end": session.end.isoformat(),
        "duration": frab_xml._hhmm(session.duration),
        "room": session.room,
        "slug": names["slug"] or _slug(session.slug) or f"session-{names['id']}",
        # the page here (absolute in a production build), else pretalx's; a
        # development build knows neither: the session's UUID as a URI then
        "url": frab_xml._absolute(url)
        or frab_xml._absolute(session.url)
        or f"urn:uuid:{frab_xml._as_uuid(session.guid)}",
        "title": session.title,
        "subtitle": session.subtitle,
        "track": session.track,
        "type": session.type or "other",
        "language": session.language,
        "abstract": bare_text(session.abstract),
        "description": bare_text(session.description) if session.description else None,
        "do_not_record": session.do_not_record,
        "persons": [_person(s) for s in session.speakers],
        "links": [_reference(link) for link in (*session.links, *session.recordings)],
    }
    if names["code"]:
        event["code"] = names["code"]
    if session.recording_license:
        event["recording_license"] = session.recording_license
    if session.feedback_url:
        event["feedback_url"] = session.feedback_url
    if frab_xml._absolute(session.url):
        event["origin_url"] = session.url
    return event


def schedule_json(programme: Programme, *, urls: Mapping[str, str] | None = None) -> bytes:
    """The whole programme as c3voc schedule.json; `urls` maps a guid to its page."""
    urls = urls or {}
    names = frab_xml._Identities(programme)
    room_guids = dict(programme.room_guids)
    days_with = [day for day in programme.days if day.sessions]
    days = []
    for index, day in enumerate(days_with, 1):
        sessions = day.sessions
        start = day.start or min(sessions, key=lambda s: utc(s.start)).start
        end = day.end or max(sessions, key=lambda s: utc(s.end)).end
        rooms = {}
        for room in programme.rooms:
            in_room = [s for s in sessions if s.room == room]
            if in_room:
                rooms[room] = [
                    _event(s, urls.get(s.guid, s.url), names.of(s)) for s in in_room
                ]  # fmt: skip
        days.append(
            {
                "index": index,
                "date": day.date.isoformat(),
                "day_start": start.isoformat(),
                "day_end": end.isoformat(),
                "rooms": rooms,
            }
        )
    conference = {
        "acronym": _acronym(programme),
        "title": programme.title or str(programme.year),
        "start": days_with[0].date.isoformat() if days_with else "",
        "end": days_with[-1].date.isoformat() if days_with else "",
        "daysCount": len(days_with),
        "timeslot_duration": "00:05",
        "rooms": [
            {"name": room, "guid": _uuid(room_guids.get(room), room)}
            | ({"slug": slug} if (slug := _slug(room)) else {})
            for room in programme.rooms
        ],
        "tracks": [
            {"name": track} | ({"slug": slug} if (slug := _slug(track)) else {})
            for track in programme.tracks
        ],
        "days": days,
    }
    if _ZONE.fullmatch(programme.timezone):
        conference["time_zone_name"] = programme.timezone
    data = {
        "generator": dict(frab_xml.GENERATOR),
        "schedule": {"version": programme.version or "", "conference": conference},
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
