"""Shared by the programme tests: the fixtures, read as the build reads them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from smex_site.convening import programme
from tools.dev import programmecorpus

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "programme"
REL = "content/data/programme/2025.json"
BEIRUT = "Asia/Beirut"
# The fixture edition: 25 and 26 October 2025, the weekend Lebanon leaves
# summer time (at midnight into Sunday 26 October, 23:00-24:00 happens twice).
EDITION = {"edition_years": {2025}, "timezone": BEIRUT}
DATES = {"start": dt.date(2025, 10, 25), "end": dt.date(2025, 10, 26)}
STAMP = dt.datetime(2025, 10, 1, 9, 0, tzinfo=dt.UTC)


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def read(data: bytes | str, **changes):
    """(Programme | None, problems) for an export, with the fixture edition."""
    options = {**EDITION, **DATES, **changes}
    return programme.parse(data, rel=REL, year=2025, **options)


def good(name: str = "bilingual.json", **changes) -> programme.Programme:
    found, problems = read(fixture(name), **changes)
    assert found is not None, [str(p) for p in problems]
    return found


def edited(edit, name: str = "bilingual.json") -> bytes:
    """The fixture with `edit(data)` applied to its parsed JSON."""
    data = json.loads(fixture(name))
    edit(data)
    return json.dumps(data, ensure_ascii=False).encode()


def first_session(data: dict) -> dict:
    return data["schedule"]["conference"]["days"][0]["rooms"]["Main Hall"][0]


def by_code(found: programme.Programme, code: str) -> programme.Session:
    return next(s for s in found.sessions if s.code == code)


def errors(problems):
    return [p for p in problems if p.severity == "error"]


def warnings(problems):
    return [p for p in problems if p.severity == "warning"]


def large_export(sessions: int, rooms: int = 12, days: int = 4) -> bytes:
    """A generated export in the real format (tools/dev/programmecorpus.py, which
    `invoke lighthouse` builds with too): `sessions` sessions over `days` days
    (from 25 October 2025, across the DST change) in `rooms` rooms, from 09:00 in
    back-to-back half hours (none overlapping), half of them Arabic."""
    return programmecorpus.export(
        sessions, rooms=rooms, days=days, template=FIXTURES / "bilingual.json"
    )
