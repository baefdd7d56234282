"""Editions of the convening: the model.

An edition is one Markdown file per language, `<lang>/editions/<year>.md`,
whose metadata lines carry the facts (docs/editions.md; the keys are declared
in kind.py). Everything an editor does not know is left out, and the model
keeps it out: an unknown figure is absent, never zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

FORMATS = ("in-person", "online", "hybrid")
# schema.org EventStatusType; kept apart from the publishing status (Status:)
EVENT_STATUSES = ("scheduled", "postponed", "cancelled", "moved-online", "rescheduled")
# What each event status means for every output, decided here once: the
# iCalendar STATUS, schema.org's eventStatus, and whether the dates written
# in Start/End (and the programme's times) still hold.
ICS_STATUS = {
    "scheduled": "CONFIRMED",
    "moved-online": "CONFIRMED",
    "rescheduled": "CONFIRMED",
    "postponed": "TENTATIVE",
    "cancelled": "CANCELLED",
}
SCHEMA_STATUS = {
    "scheduled": "EventScheduled",
    "postponed": "EventPostponed",
    "cancelled": "EventCancelled",
    "moved-online": "EventMovedOnline",
    "rescheduled": "EventRescheduled",
}
DATES_HOLD = ("scheduled", "moved-online", "rescheduled")
# Milestones an edition may have, in the order they usually come.
MILESTONES = ("call-opens", "call-closes", "registration-opens", "programme-released")
FIGURES = ("participants", "countries", "sessions", "speakers")
LINKS = ("programme", "report", "recordings", "post")
PRECISIONS = ("year", "month", "day", "minute")


def utc(moment: dt.datetime) -> dt.datetime:
    """The same instant in UTC. Python compares and subtracts two datetimes
    that share one tzinfo by their wall clocks, which is wrong across a
    daylight-saving change: compare and subtract in UTC."""
    return moment.astimezone(dt.UTC)


def midnight(day: dt.date, tz: dt.tzinfo) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=tz)


@dataclass(frozen=True)
class When:
    """A moment or period as precisely as it is known, in local time.

    `value` is a date for year/month/day precision, an aware datetime for
    minute precision. `first` and `after` are the instants the period starts
    and ends (exclusive); for a minute both are that minute.
    """

    precision: str
    value: dt.date | dt.datetime
    tz: dt.tzinfo

    @property
    def exact(self) -> bool:
        """Known to the day or better: something a countdown can target."""
        return self.precision in ("day", "minute")

    @property
    def first(self) -> dt.datetime:
        return self.value if self.precision == "minute" else midnight(self.value, self.tz)

    @property
    def day(self) -> dt.date:
        return self.value.date() if self.precision == "minute" else self.value

    @property
    def after(self) -> dt.datetime:
        day = self.value
        if self.precision == "minute":
            return self.value
        if self.precision == "day":
            return midnight(day + dt.timedelta(days=1), self.tz)
        if self.precision == "month":
            nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
            return midnight(nxt, self.tz)
        return midnight(dt.date(day.year + 1, 1, 1), self.tz)

    def iso(self) -> str:
        """ISO 8601 at the precision known: 2023-11-16T09:00:00+02:00, 2018-11-19, 2022-11."""
        if self.precision in ("minute", "day"):
            return self.value.isoformat()
        if self.precision == "month":
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return f"{self.value.year:04d}"

    def key(self) -> str:
        """Comparable text for the cross-language check."""
        if self.precision == "minute":
            return self.value.strftime("%Y-%m-%d %H:%M")
        return self.iso()


@dataclass(frozen=True)
class Milestone:
    key: str
    at: dt.datetime


@dataclass(frozen=True)
class Figure:
    key: str
    value: int
    at_least: bool = False  # "800+"


@dataclass(frozen=True)
class Link:
    key: str
    url: str  # https://… or a site path (/en/news/…), made absolute by the views


@dataclass
class Edition:
    year: int
    slug: str
    lang: str
    title: str
    source: str  # path for messages, e.g. content/en/editions/2023.md
    tz_name: str
    tz: dt.tzinfo
    status: str = "scheduled"  # the event's status, one of EVENT_STATUSES
    listed: bool = True  # False: hidden (Status: hidden), reachable only by its address
    ordinal: int | None = None
    format: str | None = None
    city: str | None = None
    venue: str | None = None
    summary: str | None = None
    start: When | None = None
    end: When | None = None
    previous_start: When | None = None  # rescheduled: when it was to start
    themes: list[str] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)  # in time order
    figures: list[Figure] = field(default_factory=list)  # in FIGURES order
    links: list[Link] = field(default_factory=list)  # in LINKS order
    body: str = ""  # Markdown
    content: str = ""  # HTML, filled by the generator

    # --- the event status, resolved for every output ------------------------------

    @property
    def ics_status(self) -> str:
        return ICS_STATUS[self.status]

    @property
    def schema_status(self) -> str:
        return SCHEMA_STATUS[self.status]

    @property
    def dates_hold(self) -> bool:
        """False while postponed or cancelled: Start and End are the dates it
        will not be held on, never offered as if they were ("add to calendar")."""
        return self.status in DATES_HOLD

    @property
    def online(self) -> bool:
        """Held online, with no physical place. The check keeps the file
        saying so itself: moved-online needs Format: online, and an online
        edition has no Venue or City (kind.check)."""
        return self.format == "online"

    @property
    def pending(self) -> bool:
        """Postponed: it has not taken place, whatever the old dates say."""
        return self.status == "postponed"

    def timing(self, now: dt.datetime) -> str:
        """upcoming, current (happening now) or past at `now`; cancelled for
        an edition that will not take place. A postponed edition stays
        upcoming until new dates are given, its old ones passed or not."""
        if self.status == "cancelled":
            return "cancelled"
        if self.pending:
            return "upcoming"
        first, after = self.span
        if utc(after) <= utc(now):
            return "past"
        return "current" if utc(first) <= utc(now) else "upcoming"

    @property
    def span(self) -> tuple[dt.datetime, dt.datetime]:
        """(first, after): when the edition starts and has surely ended.

        With no dates known, the edition's year stands in for them; a start
        time with no end stands for that day.
        """
        start = self.start or When("year", dt.date(self.year, 1, 1), self.tz)
        if self.end is not None:
            return start.first, self.end.after
        if start.precision == "minute":
            return start.first, When("day", start.day, self.tz).after
        return start.first, start.after

    @property
    def starts_at(self) -> dt.datetime | None:
        return self.start.first if self.start and self.start.exact else None

    @property
    def ends_at(self) -> dt.datetime | None:
        """When it ends, as written: a whole-day edition ends at the next
        midnight; a start time with no end says nothing about the end."""
        if not (self.start and self.start.exact):
            return None
        end = self.end or self.start
        if end.precision == "minute" and end is self.start:
            return None
        return end.after

    def milestone(self, key: str) -> Milestone | None:
        return next((m for m in self.milestones if m.key == key), None)

    def figure(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key), None)
