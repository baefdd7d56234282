"""A day as a grid: rooms as columns, time as rows (issue 22).

Rows are the day's distinct start and end instants (compared in UTC, so the
two 23:15s of the October change night are two rows); a session covers the
rows from its start to its end. Rooms keep pretalx's order, and only those
with a session that day are columns. A table with rowspan says all of it
without a script or a style attribute, and a table's columns follow the
page's direction: right to left on the Arabic page.

Two sessions in one room at once (an export can say so) share the first
one's cell, which grows to cover both: nothing is dropped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import Day, Session, utc


@dataclass(frozen=True)
class Cell:
    sessions: tuple[Session, ...]  # empty: nothing in this room then
    rows: int = 1  # how many rows it covers (rowspan)


@dataclass(frozen=True)
class Row:
    start: dt.datetime  # aware, in the edition's time zone
    cells: tuple[Cell | None, ...]  # one per room; None: covered by a cell above
    busy: bool  # a session starts or runs in this row


@dataclass(frozen=True)
class Grid:
    rooms: tuple[str, ...]
    rows: tuple[Row, ...]


def day_grid(day: Day, rooms: tuple[str, ...]) -> Grid:
    """The day's sessions placed by room and time."""
    sessions = day.sessions
    columns = tuple(room for room in rooms if any(s.room == room for s in sessions))
    columns += tuple(dict.fromkeys(s.room for s in sessions if s.room not in columns))
    if not sessions:
        return Grid(columns, ())
    instants = sorted({utc(s.start) for s in sessions} | {utc(s.end) for s in sessions})
    index = {instant: number for number, instant in enumerate(instants)}
    tz = sessions[0].start.tzinfo
    starts: list[dict[int, list]] = []  # per column: first row -> [sessions, last row]
    for room in columns:
        placed: dict[int, list] = {}
        current = None
        for session in sorted((s for s in sessions if s.room == room), key=lambda s: utc(s.start)):
            first, last = index[utc(session.start)], index[utc(session.end)]
            if current is not None and first < current[1]:  # overlaps: shares the cell
                current[0].append(session)
                current[1] = max(current[1], last)
                continue
            current = placed[first] = [[session], last]
        starts.append(placed)
    rows = []
    covered = [0] * len(columns)  # per column: rows still covered by a cell above
    for number, instant in enumerate(instants[:-1]):
        cells: list[Cell | None] = []
        busy = False
        for column, placed in enumerate(starts):
            if covered[column]:
                covered[column] -= 1
                cells.append(None)
                busy = True
                continue
            found = placed.get(number)
            if found is None:
                cells.append(Cell(()))
                continue
            span = found[1] - number
            covered[column] = span - 1
            cells.append(Cell(tuple(found[0]), span))
            busy = True
        rows.append(Row(instant.astimezone(tz), tuple(cells), busy))
    return Grid(columns, tuple(rows))
