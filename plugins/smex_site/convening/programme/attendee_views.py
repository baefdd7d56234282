"""Plain data for the pages of issue 22, in one page language: a day's grid
of rooms by time, a room's or a track's sessions, a speaker's page.

Built on ProgrammeViews (views.py): the same cards, names, times and
addresses, so every page says a session the same way.
"""

from __future__ import annotations

from . import avatars, grid, queries
from .kind import day_path, room_path, speaker_path, track_path
from .queries import Group, SpeakerSessions
from .safe import render_untrusted
from .views import LONG_DATE, ProgrammeViews


class AttendeeViews:
    def __init__(self, views: ProgrammeViews):
        self.views = views
        self.options, self.year = views.options, views.year
        self.avatars = avatars.shown(views.state, views.item)  # slug -> the stored copy

    def _days(self, days) -> list[dict]:
        fmt = self.views.fmt
        return [
            {
                "iso": day.date.isoformat(),
                "heading": fmt.date(day.date, LONG_DATE),
                "sessions": [self.views.card(s) for s in day.sessions],
            }
            for day in days
        ]

    def grids(self) -> list[dict]:
        """One grid per day that has sessions (none for an online edition)."""
        if self.views.standing.online:
            return []
        views, programme = self.views, self.views.programme
        days = queries.facets(programme).days
        index = [
            {"iso": d.date.isoformat(), "heading": views.fmt.date(d.date, LONG_DATE)} for d in days
        ]
        found = []
        for day, entry in zip(days, index, strict=True):
            table = grid.day_grid(day, programme.rooms)
            path = day_path(self.options, self.year, entry["iso"])
            found.append(
                {
                    **entry,
                    "path": path,
                    "url": views.url(path),
                    "list_url": views.url(views.base) + f"#day-{entry['iso']}",
                    "days": [{**d, "url": views.grid_url(d["iso"])} for d in index],
                    "rooms": [
                        {"name": views.name("rooms", room), "url": views.room_url(room)}
                        for room in table.rooms
                    ],
                    "rows": [self._row(row) for row in table.rows],
                    "count_text": views.fmt.number(len(day.sessions)),
                }
            )
        return found

    def _row(self, row: grid.Row) -> dict:
        return {
            "start": self.views.moment(row.start),
            "busy": row.busy,
            "cells": [
                None
                if cell is None
                else {"rows": cell.rows, "sessions": [self.views.card(s) for s in cell.sessions]}
                for cell in row.cells
            ],
        }

    def group(self, group: Group, kind: str) -> dict:
        """A room's (kind "rooms") or a track's ("tracks") page: by day."""
        views = self.views
        where = room_path if kind == "rooms" else track_path
        path = where(self.options, self.year, group.slug)
        count = sum(len(day.sessions) for day in group.days)
        return {
            "kind": kind,
            "is_room": kind == "rooms",  # templates test this, never the word
            "slug": group.slug,
            "name": views.name(kind, group.name),
            "path": path,
            "url": views.url(path),
            "days": self._days(group.days),
            "count": count,
            "count_text": views.fmt.number(count),
            "ics_url": views.url(path + f"{group.slug}.ics"),
            "calendar_url": (
                views.url(path + f"{group.slug}.ics") if views.edition["dates_hold"] else None
            ),
            "ics_name": f"{group.slug}.ics",
            "ics_download": f"bread-and-net-{self.year}-{kind[:-1]}-{group.slug}.ics",
        }

    def speaker(self, entry: SpeakerSessions) -> dict:
        """A speaker's own page: name, biography (untrusted Markdown), sessions."""
        views, speaker = self.views, entry.speaker
        path = speaker_path(self.options, self.year, speaker.slug)
        return {
            "slug": speaker.slug,
            "name": speaker.name,
            "path": path,
            "url": views.url(path),
            "biography": render_untrusted(speaker.biography),
            "avatar": self.avatars.get(speaker.slug),  # or None
            "sessions": [views.card(s) for s in entry.sessions],
        }

    def speakers(self) -> list[dict]:
        return [self.speaker(entry) for entry in queries.speakers(self.views.programme)]
