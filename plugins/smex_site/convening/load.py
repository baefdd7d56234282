"""Checked entries -> Edition models, with what a visitor may see at "now"."""

from __future__ import annotations

import calendar
import zoneinfo

from smex_site import publishing

from . import model


def edition(entry, options: dict, listed: bool) -> model.Edition:
    values = entry.values
    tz_name = values.get("timezone") or options["SITE_EVENT_TIMEZONE"]
    start = values.get("start")
    return model.Edition(
        year=values["year"],
        slug=str(values["year"]),
        lang=entry.lang,
        title=values["title"],
        source=entry.rel,
        tz_name=tz_name,
        tz=zoneinfo.ZoneInfo(tz_name),
        status=values.get("event-status", "scheduled"),
        listed=listed,
        ordinal=values.get("ordinal"),
        format=values.get("format"),
        city=values.get("city"),
        venue=values.get("venue"),
        summary=values.get("summary"),
        start=start,
        end=values.get("end") if start is not None else None,
        previous_start=values.get("previous-start"),
        themes=values.get("themes", []),
        milestones=values.get("milestones", []),
        figures=values.get("figures", []),
        links=values.get("links", []),
        body=entry.doc.body,
    )


def load(catalog, options: dict, lang: str, now) -> list[model.Edition]:
    """The editions one language writes (published and hidden), oldest first."""
    found = []
    for entry in catalog.of_kind("edition", lang):
        seen = entry.visibility(now)
        if publishing.is_written(seen):
            found.append(edition(entry, options, publishing.is_listed(seen)))
    return sorted(found, key=lambda e: e.year)


def programme_inputs(editions: list[model.Edition], year: int) -> dict:
    """What the programme reader needs from the editions: every edition's
    year, and this one's time zone, dates and programme-released milestone.
    A month-only edition spans that whole month."""
    facts = {"edition_years": {e.year for e in editions}, "timezone": None, "start": None}
    facts.update(end=None, release=None)
    edition = next((e for e in editions if e.year == year), None)
    if edition is None:
        return facts
    facts["timezone"] = edition.tz_name
    start, end = edition.start, edition.end
    if start is not None and start.precision != "year":
        facts["start"] = start.value  # a datetime (minute) or a date (day, month)
        last = end or start
        if last.precision == "month":
            day = last.value
            facts["end"] = day.replace(day=calendar.monthrange(day.year, day.month)[1])
        elif end is not None:
            facts["end"] = end.value
    facts["release"] = edition.milestone("programme-released")
    return facts
