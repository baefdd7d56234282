"""The parsers of an edition's own keys (the shared ones are in ../fields.py).

Dates and times are local times in the edition's time zone, written without
an offset; the `Timezone` key (parsed first) gives the zone, daylight-saving
time included.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

from smex_site import dates, fields
from smex_site.fields import FieldContext, FieldError
from smex_site.settings import timezones

from . import model

YEAR = re.compile(r"^\d{4}$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
MINUTE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$")
WITH_OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?\s*(?:Z|[+-]\d{2}:?\d{2})$")
FIGURE = re.compile(r"^(\d+)(\+?)$")
DATE_FORMS = (
    "YYYY-MM-DD HH:MM (local time in the edition's time zone), "
    "YYYY-MM-DD (a whole day) or YYYY-MM (the month only)"
)


def year(value: str, ctx: FieldContext) -> int:
    text = fields.structured(value)
    if not YEAR.match(text):
        raise FieldError(f"{text!r} is not a year; expected four digits, e.g. 2023")
    found = int(text)
    if not dates.YEARS[0] <= found <= dates.YEARS[1]:
        raise FieldError(f"{text!r} cannot be the year of an edition; expected e.g. 2023")
    return found


def ordinal(value: str, ctx: FieldContext) -> int:
    text = fields.structured(value)
    if not text.isdigit() or int(text) == 0:
        raise FieldError(f"{text!r}; expected a whole number: 1 for the first edition")
    return int(text)


def publishing_status(value: str, ctx: FieldContext) -> str:
    """Status: as for every kind; an event status there gets its own hint."""
    found = value.strip().lower()
    if found in model.EVENT_STATUSES and found not in fields.PUBLISHING_STATUSES:
        raise FieldError(
            f"{value.strip()!r} is an event status, not a publishing status; expected "
            f"'Event-Status: {found}' (Status: says whether the file is published: draft, "
            "hidden or published)"
        )
    return fields.status(value, ctx)


def timezone(value: str, ctx: FieldContext) -> str:
    name = value.strip()
    if name not in timezones():
        raise FieldError(
            f"{name!r} is not an IANA time zone{fields.suggest(name, timezones())}; "
            "expected a name such as Asia/Beirut"
        )
    return name


def zone_of(ctx: FieldContext) -> tuple[dt.tzinfo, str]:
    name = ctx.values.get("timezone") or ctx.options["SITE_EVENT_TIMEZONE"]
    return zoneinfo.ZoneInfo(name), name


def parse_when(text: str, tz: dt.tzinfo, tz_name: str) -> model.When:
    """One date field, as precisely as it is written."""
    text = fields.structured(text)
    if WITH_OFFSET.match(text):
        raise FieldError(
            f"{text!r} carries a UTC offset; expected the local time without one, "
            f"YYYY-MM-DD HH:MM (the Timezone field, {tz_name}, gives the offset)"
        )
    if match := MINUTE.match(text):
        return _minute(match, text, tz, tz_name)
    if match := DAY.match(text):
        y, m, d = (int(x) for x in match.groups())
        return model.When("day", dates.real_date(y, m, d, text), tz)
    if match := MONTH.match(text):
        y, m = (int(x) for x in match.groups())
        return model.When("month", dates.real_date(y, m, 1, text), tz)
    hint = dates.day_month_hint(text)  # an unclear day/month order: its own message
    raise FieldError(f"{text!r} is not a date{hint}; expected {DATE_FORMS}")


def _minute(match: re.Match, text: str, tz: dt.tzinfo, tz_name: str) -> model.When:
    y, m, d, hh, mm = (int(x) for x in match.groups())
    day = dates.real_date(y, m, d, text)
    if hh > 23 or mm > 59:
        raise FieldError(f"{text!r}: no such time of day; expected {DATE_FORMS}")
    naive = dt.datetime(day.year, day.month, day.day, hh, mm)
    local = naive.replace(tzinfo=tz)
    if local.astimezone(dt.UTC).astimezone(tz).replace(tzinfo=None) != naive:
        raise FieldError(
            f"{text!r} does not exist in {tz_name} (the clocks skip it when "
            "daylight saving time begins); expected a time outside that gap"
        )
    return model.When("minute", local, tz)


def when(value: str, ctx: FieldContext) -> model.When:
    return parse_when(value, *zone_of(ctx))


def entries(key: str, allowed: tuple[str, ...], example: str):
    """'name value; name value' pairs, each name known and given once."""

    def parse(value: str, ctx: FieldContext) -> list[tuple[str, str]]:
        seen, found = set(), []
        for item in fields.split_list(fields.structured(value)):
            name, _, rest = item.partition(" ")
            name, rest = name.lower(), rest.strip()
            if name not in allowed:
                raise FieldError(
                    f"{name!r}{fields.suggest(name, allowed)} is not known; expected one of "
                    f"{', '.join(allowed)} (e.g. {example})"
                )
            if name in seen:
                raise FieldError(f"{name} is given twice; expected each name once")
            if not rest:
                raise FieldError(f"{name} has no value; expected e.g. {example}")
            seen.add(name)
            found.append((name, rest))
        return found

    return parse


def milestones(value: str, ctx: FieldContext) -> list[model.Milestone]:
    tz, tz_name = zone_of(ctx)
    found = []
    pairs = entries("milestones", model.MILESTONES, "call-closes 2023-09-30 23:59")(value, ctx)
    for name, text in pairs:
        try:
            moment = parse_when(text, tz, tz_name)
        except FieldError as error:
            raise FieldError(f"{name}: {error}") from None
        if moment.precision != "minute":
            raise FieldError(
                f"{name}: {text!r} has no time of day; expected YYYY-MM-DD HH:MM "
                f"in {tz_name}, e.g. {name} {moment.first:%Y-%m-%d} 23:59"
            )
        found.append(model.Milestone(name, moment.value))
    return sorted(found, key=lambda m: (model.utc(m.at), model.MILESTONES.index(m.key)))


def figures(value: str, ctx: FieldContext) -> list[model.Figure]:
    found = []
    for name, text in entries("figures", model.FIGURES, "participants 800+")(value, ctx):
        match = FIGURE.match(text.replace(",", "").replace(" ", ""))
        if not match:
            raise FieldError(
                f"{name}: {text!r} is not a count; expected a whole number, "
                "with + for 'more than' (800+)"
            )
        found.append(model.Figure(name, int(match[1]), bool(match[2])))
    return sorted(found, key=lambda f: model.FIGURES.index(f.key))


def links(value: str, ctx: FieldContext) -> list[model.Link]:
    found = []
    for name, url in entries("links", model.LINKS, "report /files/report.pdf")(value, ctx):
        site_path = url.startswith("/") and not url.startswith("//")
        if "\\" in url or not (url.startswith(("https://", "http://")) or site_path):
            raise FieldError(
                f"{name}: {url!r} is not a URL; expected https://… or a path on "
                "this site starting with a single / (e.g. /en/news/…/)"
            )
        if any(char.isspace() for char in url) or '"' in url or "<" in url:
            raise FieldError(f"{name}: {url!r} contains spaces or quotes; expected a URL")
        found.append(model.Link(name, url))
    return sorted(found, key=lambda link: model.LINKS.index(link.key))


def themes(value: str, ctx: FieldContext) -> list[str]:
    return fields.names(value, ctx)
