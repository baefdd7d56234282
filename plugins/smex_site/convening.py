"""The convening's pages: editions index, one page per edition, .ics files.

`ConveningGenerator` (returned by get_generators) runs once per language:

- generate_context reads that language's editions, works out the countdown
  phase at clock.now(settings), registers every page it will write (so the
  switcher and hreflang know both languages before anything is written) and
  puts `convening` in the shared context for the home page's partial;
- generate_output writes convening/, convening/<year>/ and
  convening/<year>/bread-and-net-<year>.ics.

Templates get plain data (views) built here: every date is already formatted
in the page's language and the edition's own time zone, so templates only
choose words (through gettext) and markup.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from pathlib import Path

import icalendar
from babel import dates as babel_dates
from babel import units as babel_units
from markdown import Markdown
from pelican.generators import Generator

from . import clock, countdown, dates, editions, jsonld, urls
from . import settings as site_settings
from . import state as build_state

SCHEMA = "https://schema.org/"
ATTENDANCE = {
    "in-person": "OfflineEventAttendanceMode",
    "online": "OnlineEventAttendanceMode",
    "hybrid": "MixedEventAttendanceMode",
}
EVENT_STATUS = {
    "scheduled": "EventScheduled",
    "postponed": "EventPostponed",
    "cancelled": "EventCancelled",
    "moved-online": "EventMovedOnline",
}
ICS_STATUS = {
    "scheduled": "CONFIRMED",
    "moved-online": "CONFIRMED",
    "postponed": "TENTATIVE",
    "cancelled": "CANCELLED",
}

# Ordinal words for "the Nth edition" (Arabic: feminine, agreeing with الدورة).
ORDINAL_WORDS = {
    "ar": [
        "الأولى",
        "الثانية",
        "الثالثة",
        "الرابعة",
        "الخامسة",
        "السادسة",
        "السابعة",
        "الثامنة",
        "التاسعة",
        "العاشرة",
    ],
    "en": [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
    ],
}


# --- formatting, per language -------------------------------------------------------


class Formatter:
    """Dates, numbers and durations in one language (Babel, explicit digits)."""

    def __init__(self, settings: dict, lang: str):
        self.settings = settings
        self.lang = lang
        self.info = site_settings.read(settings)["SITE_LANGUAGES"][lang]
        self.locale = self.info["locale"]

    def digits(self, text: str) -> str:
        return dates.digits(text, self.info)

    def date(self, day: dt.date, pattern: str = "d MMMM y") -> str:
        return self.digits(babel_dates.format_date(day, pattern, locale=self.locale))

    def number(self, value: int) -> str:
        return dates.format_number(self.settings, value, lang=self.lang)

    def zone(self, tz: dt.tzinfo) -> str:
        """The time zone as people name it: Beirut / بيروت."""
        key = getattr(tz, "key", None)
        if key in (None, "UTC", "Etc/UTC"):
            return "UTC"
        return babel_dates.get_timezone_location(tz, locale=self.locale, return_city=True)

    def moment(self, when: editions.When | dt.datetime) -> dict:
        """A <time> element's parts: iso (with offset when timed), date, time, zone."""
        if isinstance(when, dt.datetime):
            when = editions.When("minute", when, when.tzinfo)
        if when.precision == "minute":
            value = when.value
            return {
                "iso": value.isoformat(),
                "date": self.date(value.date(), "EEEE d MMMM y"),
                "time": self.digits(babel_dates.format_time(value, "HH:mm", locale=self.locale)),
                "zone": self.zone(when.tz),
            }
        if when.precision == "day":
            return {
                "iso": when.iso(),
                "date": self.date(when.value, "EEEE d MMMM y"),
                "time": None,
                "zone": None,
            }
        if when.precision == "month":
            return {
                "iso": when.iso(),
                "date": self.date(when.value, "MMMM y"),
                "time": None,
                "zone": None,
            }
        return {
            "iso": when.iso(),
            "date": self.digits(str(when.value.year)),
            "time": None,
            "zone": None,
        }

    def date_range(self, edition: editions.Edition) -> str | None:
        """19–21 November 2018; 30 November – 4 December 2020; November 2022."""
        start, end = edition.start, edition.end
        if start is None:
            return None
        if start.precision == "month":
            return self.date(start.value, "MMMM y")
        first = start.value.date() if start.precision == "minute" else start.value
        last = first
        if end is not None:
            last = end.value.date() if end.precision == "minute" else end.value
        if first == last:
            return self.date(first)
        if (first.year, first.month) == (last.year, last.month):
            return self.digits(f"{first.day}–") + self.date(last)
        if first.year == last.year:
            return f"{self.date(first, 'd MMMM')} – {self.date(last)}"
        return f"{self.date(first)} – {self.date(last)}"

    def duration(self, value: int, unit: str) -> str:
        """7 days / 7 أيام; CLDR lacks some long Arabic forms: fall back to short."""
        for length in ("long", "short"):
            text = babel_units.format_unit(
                value, f"duration-{unit}", length=length, locale=self.locale
            )
            if "duration-" not in text:
                return self.digits(text)
        return self.digits(f"{value} {unit}")

    def left(self, delta: dt.timedelta) -> str:
        """What is left at build time, in its largest whole unit."""
        seconds = max(int(delta.total_seconds()), 0)
        if seconds >= 86400:
            return self.duration(seconds // 86400, "day")
        if seconds >= 3600:
            return self.duration(seconds // 3600, "hour")
        return self.duration(max(-(-seconds // 60), 1), "minute")

    def ordinal(self, number: int) -> str:
        words = ORDINAL_WORDS.get(self.lang)
        if words and number <= len(words):
            return words[number - 1]
        if self.lang == "en":
            suffix = {1: "st", 2: "nd", 3: "rd"}.get(
                number % 10 if number % 100 not in (11, 12, 13) else 0, "th"
            )
            return f"{number}{suffix}"
        return self.number(number)


# --- views: plain data for the templates ------------------------------------------------


# JSON safe inside <script>: no '<', '>' or '&' can end the element.
json_for_script = jsonld.dumps


class Views:
    def __init__(self, settings: dict, lang: str, now: dt.datetime, all_editions):
        self.settings = settings
        self.lang = lang
        self.now = now
        self.fmt = Formatter(settings, lang)
        self.ours = site_settings.read(settings)
        self.state = build_state.get(settings)
        self.base = self.ours["SITE_CONVENING_PATH"]
        self.editions = all_editions
        self.phase = countdown.phase(all_editions, now)

    def path(self, edition: editions.Edition) -> str:
        return f"{self.base}{edition.slug}/"

    def ics_name(self, edition: editions.Edition) -> str | None:
        if edition.start is None or not edition.start.exact:
            return None
        return self.ours["SITE_EVENT_ICS_NAME"].format(year=edition.year)

    def timing(self, edition: editions.Edition) -> str:
        """upcoming, current (happening now) or past, at build time."""
        first, after = edition.span
        now = editions.utc(self.now)
        if editions.utc(after) <= now:
            return "past"
        return "current" if editions.utc(first) <= now else "upcoming"

    def edition(self, edition: editions.Edition) -> dict:
        fmt = self.fmt
        path = self.path(edition)
        ics = self.ics_name(edition)
        return {
            "model": edition,
            "year": edition.year,
            "year_text": fmt.digits(str(edition.year)),
            "slug": edition.slug,
            "title": edition.title,
            "path": path,
            "url": self.state.url(self.lang, path),
            "ordinal": fmt.ordinal(edition.ordinal) if edition.ordinal else None,
            "format": edition.format,
            "status": edition.status,
            "city": edition.city,
            "venue": edition.venue,
            "dates": fmt.date_range(edition),
            "start": fmt.moment(edition.start) if edition.start else None,
            "end": fmt.moment(edition.end) if edition.end else None,
            "themes": edition.themes,
            "figures": [
                {"key": f.key, "value": fmt.number(f.value), "at_least": f.at_least}
                for f in edition.figures
            ],
            "links": [{"key": link.key, "url": link.url} for link in edition.links],
            "summary": edition.summary,
            "content": edition.content,
            "ics_url": self.state.url(self.lang, path + ics) if ics else None,
            "timing": self.timing(edition),
            "current": self.phase.edition is edition and self.phase.kind != countdown.CONCLUDED,
        }

    def timeline(self, edition: editions.Edition) -> list[dict]:
        """Milestones, start and end in time order, each past or ahead at build time."""
        entries = [
            (m.at, m.key, editions.When("minute", m.at, edition.tz)) for m in edition.milestones
        ]
        if edition.start is not None:
            entries.append((edition.start.first, "start", edition.start))
        if edition.end is not None:
            entries.append((edition.end.first, "end", edition.end))
        entries.sort(key=lambda e: editions.utc(e[0]))
        result = []
        for _instant, key, when in entries:
            passed = editions.utc(when.after) <= editions.utc(self.now)
            result.append({"key": key, "moment": self.fmt.moment(when), "passed": passed})
        return result

    def countdown(self) -> dict:
        """The countdown partial's data, for the home page and the edition page."""
        phase = self.phase
        view = {
            "kind": phase.kind,
            "edition": self.edition(phase.edition) if phase.edition else None,
            "index_url": self.state.url(self.lang, self.base),
            "index_path": self.base,
            "passed": phase.passed.key if phase.passed else None,
            "target": phase.target.key if phase.target else None,
            "targets": [],
            "lang": self.lang,
            "digits": self.fmt.info.get("digits", "latn"),
        }
        for target in phase.upcoming:
            view["targets"].append(
                {
                    "key": target.key,
                    "moment": self.fmt.moment(target.at),
                    "current": target is phase.target,
                    "left": self.fmt.left(phase.remaining(self.now))
                    if target is phase.target
                    else None,
                }
            )
        return view

    def jsonld(self, edition: editions.Edition) -> str:
        url = self.state.url(self.lang, self.path(edition))
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": edition.title,
            "url": url,
            "inLanguage": self.lang,
            "eventStatus": SCHEMA + EVENT_STATUS[edition.status],
        }
        if edition.summary:
            data["description"] = edition.summary
        if edition.start is not None:
            data["startDate"] = edition.start.iso()
            if edition.end is not None:
                data["endDate"] = edition.end.iso()
            elif edition.start.precision == "day":
                data["endDate"] = edition.start.iso()
        mode = "online" if edition.status == "moved-online" else edition.format
        if mode:
            data["eventAttendanceMode"] = SCHEMA + ATTENDANCE[mode]
        places = []
        if mode != "online" and (edition.city or edition.venue):
            place = {"@type": "Place", "name": edition.venue or edition.city}
            if edition.city:
                place["address"] = {
                    "@type": "PostalAddress",
                    "addressLocality": edition.city,
                }
            places.append(place)
        if mode in ("online", "hybrid"):
            programme = next((link.url for link in edition.links if link.key == "programme"), None)
            places.append({"@type": "VirtualLocation", "url": programme or url})
        if places:
            data["location"] = places[0] if len(places) == 1 else places
        organizer = self.ours["SITE_EVENT_ORGANIZER"]
        data["organizer"] = {"@type": "Organization", **organizer}
        if edition.themes:
            data["keywords"] = ", ".join(edition.themes)
        return json_for_script(data)


# --- iCalendar -----------------------------------------------------------------------


def calendar(edition: editions.Edition, settings: dict, page_url: str, now: dt.datetime) -> bytes:
    """One VEVENT with its VTIMEZONE; local times, a UID that never changes."""
    ours = site_settings.read(settings)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//SMEX//Bread&Net editions//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", ours["SITE_EVENT_UID"].format(year=edition.year))
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


# --- the generator ---------------------------------------------------------------------


def render_markdown(settings: dict, text: str) -> str:
    config = copy.deepcopy(settings["MARKDOWN"])
    config.setdefault("extensions", [])
    for extension in config.get("extension_configs", {}):
        if extension not in config["extensions"]:
            config["extensions"].append(extension)
    return Markdown(**config).convert(text)


class ConveningGenerator(Generator):
    """The editions index, edition pages and calendar files of one language."""

    def generate_context(self):
        settings = self.settings
        self.lang = settings["DEFAULT_LANG"]
        self.editions = editions.load(settings, self.lang)
        for edition in self.editions:
            edition.content = render_markdown(settings, edition.body)
            # "Links: post /news/x/" resolves under a base path too (SITE_URL with a path)
            edition.links = [
                dataclasses.replace(link, url=urls.under_site(settings, link.url))
                for link in edition.links
            ]
        self.now = clock.now(settings)
        self.views = Views(settings, self.lang, self.now, self.editions)
        state = build_state.get(settings)
        base = self.views.base
        state.register(self.lang, ("path", base), base)
        for edition in self.editions:
            state.register(self.lang, ("edition", edition.slug), self.views.path(edition))
        # For the home page's partial (index.html, written by Pelican).
        self.context["convening"] = self.views.countdown()

    def generate_output(self, writer):
        views = self.views
        newest_first = sorted(self.editions, key=lambda e: e.year, reverse=True)
        writer.write_file(
            f"{views.base}index.html",
            self.env.get_template("convening.html"),
            self.context,
            editions=[views.edition(e) for e in newest_first],
            countdown=self.context["convening"],
            convening_path=views.base,
            relative_urls=False,
        )
        for edition in self.editions:
            path = views.path(edition)
            writer.write_file(
                f"{path}index.html",
                self.env.get_template("edition.html"),
                self.context,
                edition=views.edition(edition),
                timeline=views.timeline(edition),
                jsonld=views.jsonld(edition),
                countdown=self.context["convening"],
                relative_urls=False,
            )
            ics = views.ics_name(edition)
            if ics:
                target = Path(self.output_path) / path / ics
                target.parent.mkdir(parents=True, exist_ok=True)
                page_url = build_state.get(self.settings).url(self.lang, path)
                target.write_bytes(calendar(edition, self.settings, page_url, self.now))
