"""A generated programme of any size, in pretalx's real export format.

`invoke lighthouse` builds the site with one to measure the programme's pages
at a size the shipped fixture never reaches (48 and 200 sessions); the tests
use the same generator (tests/programme/support.py large_export) for the
1,000-session model test and the 200-session weight gate.

    export(200)                     the bytes of <year>.json
    content_with(folder, export)    a copy of content/ with it as the 2025 edition's,
                                    and the history of an earlier import beside it
                                    (one session moved, one since removed), so the
                                    changes page and the removed session's page exist
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The fixture the generated sessions are copied from: every field a real
# export has, with a bilingual abstract and a speaker.
TEMPLATE = ROOT / "tests" / "fixtures" / "programme" / "bilingual.json"
REMOVED = "lgone"  # the code of the session the earlier import had
YEAR = 2025  # an edition of the shipped content with no programme-released milestone


def export(sessions: int, rooms: int = 12, days: int = 4, template: Path = TEMPLATE) -> bytes:
    """`sessions` sessions over `days` days (from 25 October 2025, across the
    DST change) in `rooms` rooms, from 09:00 in back-to-back half hours (none
    overlapping), half of them Arabic; a speaker for every session, 600 at most."""
    data = json.loads(template.read_bytes())
    conference = data["schedule"]["conference"]
    model = conference["days"][0]["rooms"]["Main Hall"][0]
    conference["rooms"] = [{"name": f"Room {r + 1}", "guid": None} for r in range(rooms)]
    per_day = -(-sessions // days)
    conference["days"] = []
    number = 0
    for d in range(days):
        day = dt.date(2025, 10, 25) + dt.timedelta(days=d)
        by_room: dict[str, list] = {}
        for i in range(min(per_day, sessions - number)):
            number += 1
            room, slot = f"Room {i % rooms + 1}", i // rooms
            start = dt.datetime.combine(day, dt.time(9)) + dt.timedelta(minutes=30 * slot)
            offset = "+03:00" if day < dt.date(2025, 10, 26) else "+02:00"
            by_room.setdefault(room, []).append(
                {
                    **model,
                    "guid": f"1a2b3c4d-0000-5000-8000-{number:012d}",
                    "code": f"L{number:05d}",
                    "id": number,
                    "date": start.isoformat() + offset,
                    "start": start.strftime("%H:%M"),
                    "end": None,
                    "duration": "00:30",
                    "room": room,
                    "title": f"Session {number}" if number % 2 else f"الجلسة {number}",
                    "language": "en" if number % 2 else "ar",
                    "persons": [
                        {"code": f"P{number % 600:05d}", "name": f"Speaker {number % 600}"}
                    ],
                }
            )
        conference["days"].append(
            {"index": d + 1, "date": day.isoformat(), "day_start": None, "day_end": None,
             "rooms": by_room}
        )  # fmt: skip
    return json.dumps({"schedule": data["schedule"]}, ensure_ascii=False).encode()


def content_with(folder: Path, programme: bytes, year: int = YEAR) -> Path:
    """A copy of the shipped content/ at `folder` with `programme` as the
    edition's data/programme/<year>.json and its <year>.history.json; returns `folder`."""
    shutil.copytree(ROOT / "content", folder)
    target = folder / "data" / "programme"
    target.mkdir(parents=True, exist_ok=True)
    (target / f"{year}.json").write_bytes(programme)
    (target / f"{year}.history.json").write_bytes(history(programme, year))
    return folder


def history(programme: bytes, year: int = YEAR) -> bytes:
    """<year>.history.json as `invoke programme` keeps it after two imports:
    an earlier one where the first session was an hour earlier and one more
    session (REMOVED) was still there, then this one."""
    from smex_site.convening import programme as model
    from smex_site.convening.programme import changes

    def parse(data: dict):
        found, problems = model.parse(
            json.dumps(data), rel=f"{year}.json", year=year, edition_years={year},
            timezone="Asia/Beirut",
        )  # fmt: skip
        if found is None:
            raise ValueError(f"generated programme refused: {[str(p) for p in problems]}")
        return found

    current = json.loads(programme)
    earlier = json.loads(programme)
    first_room = next(iter(earlier["schedule"]["conference"]["days"][0]["rooms"].values()))
    first = first_room[0]
    gone = {**first, "guid": "1a2b3c4d-0000-5000-8000-ffffffffffff", "id": 999_999,
            "code": REMOVED.upper(), "title": "Withdrawn session"}  # fmt: skip
    first["date"] = first["date"].replace("T09:00", "T08:00")
    first["start"] = "08:00"
    first_room.append(gone)
    at = dt.datetime(2025, 10, 1, 9, 0, tzinfo=dt.UTC)
    data = changes.with_import(None, parse(earlier), at)
    return changes.dumps(changes.with_import(data, parse(current), at + dt.timedelta(days=7)))
