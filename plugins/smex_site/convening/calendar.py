"""An edition as an iCalendar file: one VEVENT with its VTIMEZONE, local
times, a UID that never changes, and DTSTAMP at the build's one "now"."""

from __future__ import annotations

import datetime as dt

import icalendar

from . import model

ICS_STATUS = {
    "scheduled": "CONFIRMED",
    "moved-online": "CONFIRMED",
    "rescheduled": "CONFIRMED",
    "postponed": "TENTATIVE",
    "cancelled": "CANCELLED",
}


def calendar(edition: model.Edition, options: dict, page_url: str, now: dt.datetime) -> bytes:
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
    where = ", ".join(x for x in (edition.venue, edition.city) if x)
    if where:
        event.add("location", where, parameters=lang)
    absolute = page_url.startswith(("http://", "https://"))
    description = "\n\n".join(x for x in (edition.summary, absolute and page_url) if x)
    if description:
        event.add("description", description, parameters=lang)
    if absolute:
        event.add("url", page_url)
    event.add("status", ICS_STATUS[edition.status])
    cal.add_component(event)
    if start.precision == "minute":
        year = start.value.year
        cal.add_missing_timezones(
            first_date=dt.date(year - 1, 1, 1), last_date=dt.date(year + 2, 1, 1)
        )
    return cal.to_ical()
