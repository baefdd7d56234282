"""Reading content/data/programme/<year>.json: pretalx's schedule export.

The file is the frab-compatible schedule.json pretalx serves at
/<event>/schedule/export/schedule.json, saved unchanged (the format is
documented by the c3voc schedule JSON schema):

    {"schedule": {"version": …, "base_url": …, "conference": {
        "title", "acronym", "start", "end", "time_zone_name",
        "rooms": [{"name", "guid"}…], "tracks": [{"name", "color"}…],
        "days": [{"index", "date", "day_start", "day_end",
                  "rooms": {"<room name>": [<session>…]}}…]}}}

`load()` / `parse()` return (Programme or None, problems): None when any
error was found (the build must stop), warnings alongside a Programme.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zoneinfo
from collections.abc import Collection
from pathlib import Path

from smex_site.validation.core import Problem

from . import checks
from .fields import EXPORT_AGAIN, Node, Problems, Span, date, instant, structure, text
from .model import Day, Programme, utc
from .sessions import SessionReader

_YEAR_FILE = re.compile(r"^\d{4}$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")


def load(
    path: Path,
    *,
    rel: str,
    edition_years: Collection[int],
    timezone: str | None = None,
    start: dt.date | dt.datetime | None = None,
    end: dt.date | dt.datetime | None = None,
) -> tuple[Programme | None, list[Problem]]:
    """Read one programme file; its year is its name (2025.json)."""
    if not _YEAR_FILE.match(path.stem) or path.suffix != ".json":
        problems = Problems(rel)
        problems.error(
            "file name",
            f"{path.name!r} is not named after a year; expected the edition's year, "
            "e.g. content/data/programme/2025.json",
        )
        return None, problems.found
    return parse(
        path.read_bytes(),
        rel=rel,
        year=int(path.stem),
        edition_years=edition_years,
        timezone=timezone,
        start=start,
        end=end,
    )


def parse(
    data: bytes | str,
    *,
    rel: str,
    year: int,
    edition_years: Collection[int],
    timezone: str | None = None,
    start: dt.date | dt.datetime | None = None,
    end: dt.date | dt.datetime | None = None,
) -> tuple[Programme | None, list[Problem]]:
    """Check and model one export. `timezone` is the edition's (IANA name);
    `start`/`end` its dates when known (dates, or aware datetimes)."""
    problems = Problems(rel)
    if year not in edition_years:
        problems.error(
            "year",
            f"there is no edition for {year}; add the edition first "
            f"(content/ar/editions/{year}.md and content/en/editions/{year}.md, see "
            "docs/editions.md), or name the file after the edition's year",
        )
    root = _decode(data, problems)
    if root is None:
        return None, problems.found
    schedule = Node(root, "").key("schedule")
    conference = schedule.key("conference")
    days = conference.key("days")
    if not (
        structure(Node(root, "(the file)"), problems, dict, "an object")
        and structure(schedule, problems, dict, "an object")
        and structure(conference, problems, dict, "an object")
        and structure(days, problems, list, "a list of days")
    ):
        return None, problems.found
    if not _conference_year(conference, problems, year):
        return None, problems.found  # every date would be "far" too: one message is enough
    span = Span(year)
    tz_name = timezone or _export_timezone(conference)
    tz = zoneinfo.ZoneInfo(tz_name)
    sessions = SessionReader(problems, tz, text(schedule.key("base_url"), problems), span)
    raw_days = [_day(node, problems, tz, sessions, span) for node in days.items()]
    if problems.errors:
        return None, problems.found
    by_guid = sessions.build()
    room_order = _names(conference.key("rooms"), problems, sessions.rooms)
    rank = {name: i for i, name in enumerate(room_order)}
    built_days = []
    for index, day_date, day_start, day_end, guids in raw_days:
        members = sorted(
            (by_guid[guid] for guid in guids),
            key=lambda s: (utc(s.start), rank.get(s.room, len(rank)), s.title.casefold()),
        )
        built_days.append(Day(index, day_date, tuple(members), day_start, day_end))
    programme = Programme(
        year=year,
        source=rel,
        timezone=tz_name,
        days=tuple(sorted(built_days, key=lambda d: (d.date, d.index))),
        rooms=tuple(room_order),
        tracks=tuple(_names(conference.key("tracks"), problems, sessions.tracks)),
        title=text(conference.key("title"), problems),
        acronym=text(conference.key("acronym"), problems),
        version=text(schedule.key("version"), problems),
        room_guids=_room_guids(conference.key("rooms"), problems),
    )
    if problems.errors:  # a wrongly typed title or version
        return None, problems.found
    checks.run(programme, problems, conference, start=start, end=end)
    return programme, problems.found


def _decode(data: bytes | str, problems: Problems):
    """The parsed JSON, or None with an error giving line and column."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            before = data[: error.start]
            line = before.count(b"\n") + 1
            column = error.start - (before.rfind(b"\n") + 1) + 1
            problems.error(
                "encoding",
                f"not UTF-8 (byte 0x{data[error.start]:02x} at line {line}, column "
                f"{column}); pretalx writes UTF-8: {EXPORT_AGAIN} (do not open and "
                "re-save it in an editor that changes the encoding)",
                line=line,
            )
            return None
    try:
        return json.loads(data)
    except RecursionError:
        problems.error("json", f"nested too deep to be a schedule export: {EXPORT_AGAIN}")
        return None
    except json.JSONDecodeError as error:
        problems.error(
            "json",
            f"not JSON: {error.msg} at line {error.lineno}, column {error.colno}; "
            f"the file may be cut short or edited by hand: {EXPORT_AGAIN}",
            line=error.lineno,
        )
        return None
    except ValueError as error:  # a number of thousands of digits
        problems.error("json", f"not a schedule export ({error}): {EXPORT_AGAIN}")
        return None


def _conference_year(conference: Node, problems: Problems, year: int) -> bool:
    """The export is this edition's: pretalx's conference starts in `year`
    (the 2025 export given as --year 2023 would publish 2025's sessions as
    2023's programme)."""
    for key in ("start", "end"):
        node = conference.key(key)
        first = date(node.value) if isinstance(node.value, str) else None
        if first is None:
            first = instant(node.value) if isinstance(node.value, str) else None
        if first is None:
            continue
        if first.year != year:
            problems.error(
                node.path,
                f"the export's conference {'starts' if key == 'start' else 'ends'} "
                f"{first.isoformat()[:10]}, not in {year}: this is not the {year} programme. "
                f"Export the {year} event from pretalx, or give the export's own year "
                f"(--year {first.year}, content/data/programme/{first.year}.json)",
            )
        return first.year == year
    return True


def _export_timezone(conference: Node) -> str:
    """The export's own zone when no edition gives one (there is then an
    error already: a programme with no edition); UTC if it names none."""
    name = conference.key("time_zone_name").value
    if isinstance(name, str) and name in zoneinfo.available_timezones():
        return name
    return "UTC"


def _day(node: Node, problems: Problems, tz, sessions: SessionReader, span: Span):
    """(index, date, start, end, [guid…]) of one day; its sessions go to `sessions`."""
    guids: list[str] = []
    if not structure(node, problems, dict, "an object (one day)"):
        return 0, None, None, None, guids
    index = node.key("index").value
    field = node.key("date")
    when = date(field.value)
    if when is None:
        found = "missing" if field.missing else f"{field.value!r} is not a date"
        problems.error(field.path, f"{found}; expected YYYY-MM-DD: {EXPORT_AGAIN}")
    elif not span.holds(when):
        problems.error(field.path, _far(field.value, span, "a day falls"))
    bounds = [_bound(node.key(key), problems, tz, span) for key in ("day_start", "day_end")]
    rooms = node.key("rooms")
    if structure(rooms, problems, dict, "an object of room name: list of sessions"):
        for name in rooms.value:
            room = rooms.member(name)
            if structure(room, problems, list, "a list of sessions"):
                for item in room.items():
                    guid = sessions.read(item, name)
                    if guid is not None:
                        guids.append(guid)
    if not isinstance(index, int) or isinstance(index, bool):
        index = 0
    return index, when, bounds[0], bounds[1], guids


def _bound(node: Node, problems: Problems, tz, span: Span) -> dt.datetime | None:
    """pretalx's day_start or day_end, in the edition's zone; None if absent."""
    moment = instant(node.value) if isinstance(node.value, str) else None
    if moment is not None and not span.holds(moment):
        problems.error(node.path, _far(node.value, span, "a day starts and ends"))
        return None
    return moment.astimezone(tz) if moment else None


def _far(value, span: Span, what: str) -> str:
    return (
        f"{value!r} is far from the {span.year} edition; {what} {span.says()}. "
        f"Fix the event's dates in pretalx: {EXPORT_AGAIN}"
    )


def _room_guids(node: Node, problems: Problems) -> tuple[tuple[str, str], ...]:
    """(name, guid) of the export's rooms that have a well-formed guid."""
    found = []
    for item in node.items() if isinstance(node.value, list) else ():
        if isinstance(item.value, dict):
            name, guid = text(item.key("name"), problems), text(item.key("guid"), problems)
            if name and guid and _UUID.match(guid):
                found.append((name, guid))
    return tuple(found)


def _names(node: Node, problems: Problems, used: list[str]) -> list[str]:
    """Rooms or tracks in the export's order, then any others sessions use;
    only those that have a session (they become filters)."""
    listed = []
    if isinstance(node.value, list):
        for item in node.items():
            if isinstance(item.value, dict):
                name = text(item.key("name"), problems)
                if name and name not in listed:
                    listed.append(name)
    seen = set(used)
    ordered = [name for name in listed if name in seen]
    return ordered + [name for name in used if name not in ordered]
