"""Dates as editors write them: ISO 8601, read in the site's time zone when
they carry no offset. A day/month order that could be read two ways is
refused, with both readings and the ISO form to write; a clear one is read,
with a warning saying how. Every kind's date keys use these parsers."""

from __future__ import annotations

import datetime as dt
import re

from smex_site.fields import FieldContext, FieldError, structured

ISO_DATE = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})(?:[ T_]+(?P<time>\d{1,2}:\d{2}(?::\d{2})?))?"
    r"\s*(?P<offset>Z|[+-]\d{2}:?\d{2})?$"
)
NUMERIC_DATE = re.compile(
    r"^(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})"
    r"(?:[ T_]+(?P<time>\d{1,2}:\d{2}))?$"
)
YEARS = (1900, 2200)
DATE_EXAMPLE = "e.g. 2023-10-20 12:00 (year-month-day, then the time)"


def utc(moment: dt.datetime) -> dt.datetime:
    """The same instant in UTC. Python compares and subtracts two datetimes
    that share one tzinfo by their wall clocks, which is wrong across a
    daylight-saving change: compare and subtract in UTC."""
    return moment.astimezone(dt.UTC)


def _day_text(day: dt.date) -> str:
    return f"{day.day} {day:%B} {day.year}"


def real_date(year: int, month: int, day: int, text: str) -> dt.date:
    if not YEARS[0] <= year <= YEARS[1]:
        raise FieldError(f"{text!r}: the year {year} cannot be right; expected {DATE_EXAMPLE}")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise FieldError(f"{text!r} is not a real date; expected {DATE_EXAMPLE}") from None


def _iso(match: re.Match, text: str) -> dt.datetime:
    year, month, day = (int(part) for part in match["date"].split("-"))
    day_value = real_date(year, month, day, text)
    clock = dt.time()
    if match["time"]:
        hour, minute, *second = (int(part) for part in match["time"].split(":"))
        try:
            clock = dt.time(hour, minute, *second)
        except ValueError:
            raise FieldError(f"{text!r}: no such time of day; expected {DATE_EXAMPLE}") from None
    moment = dt.datetime.combine(day_value, clock)
    if match["offset"]:
        offset = match["offset"].replace("Z", "+00:00")
        moment = dt.datetime.fromisoformat(f"{moment.isoformat()}{offset}")
    return moment


def parse_datetime(value: str) -> tuple[dt.datetime, str | None]:
    """(the moment, a warning or None); naive means the site's time zone."""
    text = structured(value)
    if match := ISO_DATE.match(text):
        return _iso(match, text), None
    match = NUMERIC_DATE.match(text)
    if not match:
        raise FieldError(f"{text!r} is not a date; expected {DATE_EXAMPLE}")
    a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
    hour_minute = f" {match['time']}" if match["time"] else ""
    readings = []
    for day, month, how in ((a, b, "day/month, as written in Lebanon"), (b, a, "month/day")):
        if 1 <= month <= 12:
            try:
                readings.append((real_date(year, month, day, text), how))
            except FieldError:
                continue
    distinct = {day for day, _ in readings}
    if not readings:
        raise FieldError(f"{text!r} is not a real date; expected {DATE_EXAMPLE}")
    if len(distinct) > 1:
        options = " or ".join(f"{_day_text(day)} ({how})" for day, how in readings)
        iso = " or ".join(f"{day.isoformat()}{hour_minute}" for day, _ in readings)
        raise FieldError(f"{text!r} can be read as {options}; write {iso} (year-month-day)")
    day = readings[0][0]
    moment = _iso(ISO_DATE.match(f"{day.isoformat()}{hour_minute}"), text)
    return moment, (
        f"{text!r} was read as {_day_text(day)}; write it as {day.isoformat()}{hour_minute} "
        "(year-month-day) so no one misreads it"
    )


def day_month_hint(text: str) -> str:
    """For a key that takes ISO dates only: '' or how to write a d/m/y date
    in ISO; raises with both readings when its day/month order is unclear."""
    if not NUMERIC_DATE.match(text):
        return ""
    moment, _ = parse_datetime(text)
    return f" (write it as {moment.date().isoformat()}, year-month-day)"


def datetime_(value: str, ctx: FieldContext) -> dt.datetime:
    """A post's Date or Modified: ISO 8601, read in the site's time zone when
    it carries no offset. Day/month orders are refused when ambiguous."""
    found, note = parse_datetime(value)
    if found.tzinfo is None and ctx.zone is not None and not exists_in(found, ctx.zone):
        raise FieldError(
            f"{found:%Y-%m-%d %H:%M} does not exist in {ctx.zone} (the clocks skip that "
            "hour when daylight saving time begins); expected a time outside that gap, "
            f"e.g. {found + dt.timedelta(hours=1):%Y-%m-%d %H:%M}"
        )
    if note:
        ctx.warn(note)
    return found


def exists_in(naive: dt.datetime, zone: dt.tzinfo) -> bool:
    """False for a wall-clock time the zone skips (spring forward)."""
    there = naive.replace(tzinfo=zone)
    return there.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) == naive


def repeated(moment: dt.datetime) -> bool:
    """A wall-clock time that happens twice (the hour the clocks go back)."""
    return moment.replace(fold=0).utcoffset() != moment.replace(fold=1).utcoffset()
