"""An edition as an iCalendar file: one VEVENT with its VTIMEZONE, local
times, a UID that never changes, and DTSTAMP at the build's one "now".

STATUS and LOCATION come from the edition's resolved event status (model.py):
a calendar that imported the file learns of a postponement or cancellation
by its UID; an online edition's LOCATION is the word for online, never a
place. The words come from the page language's catalog (`words`)."""

from __future__ import annotations

import datetime as dt

import icalendar

from . import model


def calendar(
    edition: model.Edition, options: dict, page_url: str, now: dt.datetime, words: dict
) -> bytes:
    """`words`: "online" (the LOCATION of an online edition) and "status" (a
    line saying the event status, first in DESCRIPTION; None when scheduled)."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//SMEX//Bread&Net editions//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", options["SITE_EVENT_UID"].format(year=edition.year))
    event.add("dtstamp", now.astimezone(dt.UTC).replace(microsecond=0))
    start, end = edition.start, edition.end
    if start.precision == "minute":
        event.add("dtstart", start.value)
        if end is not None:
            event.add("dtend", end.value)
    else:  # whole days: DTEND is the day after the last one
        event.add("dtstart", start.value)
        last = end.value if end is not None else start.value
        event.add("dtend", last + dt.timedelta(days=1))
    lang = {"LANGUAGE": edition.lang}
    event.add("summary", edition.title, parameters=lang)
    where = (
        words["online"]
        if edition.online
        else ", ".join(x for x in (edition.venue, edition.city) if x)
    )
    if where:
        event.add("location", where, parameters=lang)
    absolute = page_url.startswith(("http://", "https://"))
    parts = (words["status"], edition.summary, absolute and page_url)
    description = "\n\n".join(x for x in parts if x)
    if description:
        event.add("description", description, parameters=lang)
    if absolute:
        event.add("url", page_url)
    event.add("status", edition.ics_status)
    cal.add_component(event)
    if start.precision == "minute":
        year = start.value.year
        cal.add_missing_timezones(
            first_date=dt.date(year - 1, 1, 1), last_date=dt.date(year + 2, 1, 1)
        )
    return cal.to_ical()
