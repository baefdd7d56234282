"""What changed between imports: the history beside an export (issue 22).

`invoke programme` keeps, beside content/data/programme/<year>.json, the
file <year>.history.json: for each import, when it was taken in and what
attendees rely on of each session (its address, title, start, end, room).
Nothing else of an old export is kept. The build compares consecutive
imports:

    added      a guid the earlier import did not have
    removed    a guid the later import no longer has (pretalx drops a
               cancelled session from its export): its page stays, saying so
    time       its start or end moved
    room       it moved to another room
    title      it was retitled

A session's calendar SEQUENCE is the number of imports that moved,
retitled or removed it, or brought it back; LAST-MODIFIED is the last of
them, so calendar apps update the event instead of adding a second one.
A session no longer in the export is `cancelled`: every .ics that carried
it (its own at its old address, the programme's, its room's and its
track's) still carries it, as STATUS:CANCELLED with that higher SEQUENCE
and the same UID, so a calendar that imported it removes it instead of
keeping it confirmed.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from dataclasses import dataclass, field

from .fields import Problems, instant
from .model import Programme, Session, utc
from .safe import one_line, unwritable

SUFFIX = ".history.json"  # <year>.history.json
KINDS = ("added", "removed", "time", "room", "title")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # an address: as assemble.py makes them
REVISING = frozenset({"time", "room", "title"})  # what a calendar must update
HOW_TO_FIX = (
    "it is written by `invoke programme`; delete it to start the history anew "
    "(the changes page then starts from the next import)"
)


@dataclass(frozen=True)
class Seen:
    """A session as one import had it."""

    guid: str
    slug: str
    code: str | None
    title: str
    start: dt.datetime  # aware
    end: dt.datetime
    room: str
    track: str | None = None  # None in a history written before tracks were kept


@dataclass(frozen=True)
class Change:
    at: dt.datetime  # the import that brought it (aware, UTC)
    guid: str
    what: tuple[str, ...]  # some of KINDS, in that order
    before: Seen | None  # None when added
    after: Seen | None  # None when removed


@dataclass(frozen=True)
class History:
    changes: tuple[Change, ...] = ()  # newest first
    removed: tuple[Seen, ...] = ()  # as last seen, gone: a page at its old address
    cancelled: tuple[Seen, ...] = ()  # every session gone, as last seen: for calendars
    revisions: dict = field(default_factory=dict)  # guid -> (SEQUENCE, LAST-MODIFIED)
    imports: int = 0
    last_import: dt.datetime | None = None  # when the current export was taken in

    def of(self, guid: str) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if change.guid == guid)

    def cancelled_in(self, kind: str, name: str) -> tuple[Seen, ...]:
        """The sessions gone from a room ("rooms") or a track ("tracks"), as last seen."""
        where = "room" if kind == "rooms" else "track"
        return tuple(seen for seen in self.cancelled if getattr(seen, where) == name)


def seen(session: Session) -> Seen:
    return Seen(
        session.guid, session.slug, session.code, session.title,
        session.start, session.end, session.room, session.track,
    )  # fmt: skip


def snapshot(programme: Programme, at: dt.datetime) -> dict:
    """One import as the history file keeps it."""
    return {
        "at": utc(at).replace(microsecond=0).isoformat(),
        "sessions": [
            {
                "guid": s.guid,
                "slug": s.slug,
                "code": s.code,
                "title": s.title,
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
                "room": s.room,
                "track": s.track,
            }
            for s in sorted(programme.sessions, key=lambda s: s.guid)
        ],
    }


def with_import(previous: dict | None, programme: Programme, at: dt.datetime) -> dict:
    """The history file's data once this import is added."""
    imports = list((previous or {}).get("imports", []))
    imports.append(snapshot(programme, at))
    return {"imports": imports}


def dumps(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _seen(raw, tz) -> Seen | None:
    if not isinstance(raw, dict):
        return None
    texts = [raw.get(key) for key in ("guid", "slug", "title", "room")]
    start, end = (instant(raw.get(key)) if isinstance(raw.get(key), str) else None
                  for key in ("start", "end"))  # fmt: skip
    code, track = raw.get("code"), raw.get("track")
    if not all(isinstance(t, str) and t and not unwritable(t) for t in texts):
        return None
    if track is not None and not (isinstance(track, str) and track and not unwritable(track)):
        return None
    if start is None or end is None or (code is not None and not isinstance(code, str)):
        return None
    guid, slug, title, room = texts
    if not _SLUG.match(slug):
        return None
    title, room = one_line(title), one_line(room)
    track = one_line(track) if track is not None else None
    start, end = start.astimezone(tz), end.astimezone(tz)
    return Seen(guid, slug, code, title, start, end, room, track)


def _imports(data, problems: Problems, tz) -> list[tuple[dt.datetime, dict[str, Seen]]]:
    imports = data.get("imports") if isinstance(data, dict) else None
    if not isinstance(imports, list):
        problems.warning("imports", f"expected a list of imports; ignored: {HOW_TO_FIX}")
        return []
    found = []
    for number, raw in enumerate(imports):
        item = raw if isinstance(raw, dict) else {}
        at = instant(item["at"]) if isinstance(item.get("at"), str) else None
        sessions = item.get("sessions")
        read = [_seen(raw, tz) for raw in sessions] if isinstance(sessions, list) else [None]
        where = f"imports[{number}]"
        if at is None or None in read:
            problems.warning(where, f"not an import as written; ignored: {HOW_TO_FIX}")
            return []
        if found and utc(at) < utc(found[-1][0]):
            problems.warning(where, f"earlier than the import before it; ignored: {HOW_TO_FIX}")
            return []
        found.append((utc(at), {s.guid: s for s in read}))
    return found


def _compare(at, before: dict[str, Seen], after: dict[str, Seen]) -> list[Change]:
    found = []
    for guid in sorted(before.keys() | after.keys()):
        old, new = before.get(guid), after.get(guid)
        if old is None:
            what = ("added",)
        elif new is None:
            what = ("removed",)
        else:
            what = tuple(
                kind
                for kind, differs in (
                    ("time", (utc(old.start), utc(old.end)) != (utc(new.start), utc(new.end))),
                    ("room", old.room != new.room),
                    ("title", old.title != new.title),
                )
                if differs
            )
        if what:
            found.append(Change(at, guid, what, old, new))
    return found


def read(data, problems: Problems, programme: Programme) -> History:
    """The history file's data against the current export; what is wrong
    is a warning (a history lost loses only the changes page)."""
    imports = _imports(data, problems, programme.tz)
    if not imports:
        return History()
    current = {s.guid: seen(s) for s in programme.sessions}
    last = imports[-1][1]
    if {g: (s.title, utc(s.start), s.room) for g, s in last.items()} != {
        g: (s.title, utc(s.start), s.room) for g, s in current.items()
    }:
        problems.warning(
            "imports",
            "the export differs from the last import recorded here (was it edited by hand?); "
            "its changes since are not listed. Import it with `invoke programme --force`",
        )
    changes, revisions = _revisions(imports)
    last_seen: dict[str, Seen] = {}
    for _, sessions in imports:
        last_seen.update(sessions)
    cancelled = tuple(
        sorted(
            (s for g, s in last_seen.items() if g not in current),
            key=lambda s: (utc(s.start), s.guid),
        )
    )
    for gone in cancelled:  # gone without an import saying so (the export edited by hand)
        if gone.guid in last:
            count = revisions.get(gone.guid, (0, None))[0]
            revisions[gone.guid] = (count + 1, imports[-1][0])
    taken = {s.slug for s in programme.sessions}
    removed = tuple(s for s in cancelled if s.slug not in taken)
    ordered = sorted(changes, key=lambda c: (utc(c.at), c.guid), reverse=True)
    return History(tuple(ordered), removed, cancelled, revisions, len(imports), imports[-1][0])


def _revisions(imports) -> tuple[list[Change], dict[str, tuple[int, dt.datetime]]]:
    """Every change, oldest first, and each session's (SEQUENCE, LAST-MODIFIED):
    one more for each import that moved, retitled or removed it, or brought
    back a session an earlier import had (a calendar has it as cancelled)."""
    changes: list[Change] = []
    revisions: dict[str, tuple[int, dt.datetime]] = {}
    known = set(imports[0][1])
    for (_, before), (at, after) in itertools.pairwise(imports):
        for change in _compare(at, before, after):
            changes.append(change)
            back = "added" in change.what and change.guid in known
            if REVISING & set(change.what) or "removed" in change.what or back:
                count = revisions.get(change.guid, (0, None))[0]
                revisions[change.guid] = (count + 1, change.at)
        known |= after.keys()
    return changes, revisions
