"""Plain data for the convening's templates: every date already formatted in
the page's language and the edition's own time zone, so templates only
choose words (through gettext) and markup.

The event status is read from the model, resolved there once (ics_status,
schema_status, dates_hold, online, timing); the programme's views and
files read the same values through `standing()`."""

from __future__ import annotations

import datetime as dt

from smex_site import urls
from smex_site.l10n import Formats

from . import countdown, model
from .programme.kind import NAME as PROGRAMME
from .programme.standing import Standing

SCHEMA = "https://schema.org/"
ATTENDANCE = {
    "in-person": "OfflineEventAttendanceMode",
    "online": "OnlineEventAttendanceMode",
    "hybrid": "MixedEventAttendanceMode",
}
# The line an edition's .ics files open their DESCRIPTION with (msgids of
# the templates' STATUS words, so the catalog has them).
STATUS_WORDS = {
    "postponed": "Postponed",
    "cancelled": "Cancelled",
    "moved-online": "Moved online",
    "rescheduled": "Rescheduled",
}


def moment(fmt: Formats, when: model.When | dt.datetime) -> dict:
    """A <time> element's parts: iso (with offset when timed), date, time, zone."""
    if isinstance(when, dt.datetime):
        when = model.When("minute", when, when.tzinfo)
    if when.precision == "minute":
        return {
            "iso": when.value.isoformat(),
            "date": fmt.date(when.value.date(), "EEEE d MMMM y"),
            "time": fmt.time(when.value),
            "zone": fmt.zone(when.tz),
        }
    if when.precision == "day":
        text = fmt.date(when.value, "EEEE d MMMM y")
    elif when.precision == "month":
        text = fmt.month(when.value)
    else:
        text = fmt.digits(str(when.value.year))
    return {"iso": when.iso(), "date": text, "time": None, "zone": None}


def date_range(fmt: Formats, edition: model.Edition) -> str | None:
    start, end = edition.start, edition.end
    if start is None:
        return None
    if start.precision == "month":
        return fmt.month(start.value)
    return fmt.date_range(start.day, end.day if end is not None else start.day)


class Views:
    def __init__(self, state, lang: str, fmt: Formats, editions: list[model.Edition], gettext):
        self.state = state
        self.lang = lang
        self.gettext = gettext  # the page language's catalog, for words in files
        self.now = state.now
        self.fmt = fmt
        self.options = state.options
        self.base = self.options["SITE_CONVENING_PATH"]
        self.editions = editions
        self.phase = countdown.phase(editions, self.now)

    def path(self, edition: model.Edition) -> str:
        return f"{self.base}{edition.slug}/"

    def url(self, path: str) -> str:
        return self.state.url(self.lang, path)

    def link_url(self, url: str) -> str:
        """A Links: address; a site path (/en/news/…) goes under the site's URL,
        so it works when the site is served under a sub-path."""
        return urls.under_root(self.state, url)

    def ics_name(self, edition: model.Edition) -> str | None:
        if edition.start is None or not edition.start.exact:
            return None
        return self.options["SITE_EVENT_ICS_NAME"].format(year=edition.year)

    def standing(self, edition: model.Edition) -> Standing:
        """The edition's event status as its programme's sessions inherit it."""
        return Standing(
            ics_status=edition.ics_status,
            schema_status=edition.schema_status,
            online=edition.online,
            online_label=self.gettext("Online"),
        )

    def file_words(self, edition: model.Edition) -> dict:
        """What an .ics file says of the event status, in this language."""
        status = STATUS_WORDS.get(edition.status)
        return {"online": self.gettext("Online"), "status": status and self.gettext(status)}

    def edition(self, edition: model.Edition) -> dict:
        fmt, path, ics = self.fmt, self.path(edition), self.ics_name(edition)
        # the registry knows, before any generator runs, whether this
        # language shows the programme (released, edition written)
        programme = self.state.find(self.lang, (PROGRAMME, str(edition.year)), hidden=True)
        # once the site has the programme, a link to one elsewhere is redundant
        links = [link for link in edition.links if not (programme and link.key == "programme")]
        return {
            "model": edition,
            "year": edition.year,
            "year_text": fmt.digits(str(edition.year)),
            "slug": edition.slug,
            "title": edition.title,
            "path": path,
            "url": self.url(path),
            "listed": edition.listed,
            "ordinal": fmt.ordinal(edition.ordinal) if edition.ordinal else None,
            "format": edition.format,
            "status": edition.status,
            "online": edition.online,
            "dates_hold": edition.dates_hold,
            "previous_start": (
                moment(fmt, edition.previous_start) if edition.previous_start else None
            ),
            "city": edition.city,
            "venue": edition.venue,
            "dates": date_range(fmt, edition),
            "start": moment(fmt, edition.start) if edition.start else None,
            "end": moment(fmt, edition.end) if edition.end else None,
            "themes": edition.themes,
            "figures": [
                {"key": f.key, "value": fmt.number(f.value), "at_least": f.at_least}
                for f in edition.figures
            ],
            "links": [{"key": link.key, "url": self.link_url(link.url)} for link in links],
            "summary": edition.summary,
            "content": edition.content,
            "ics_url": self.url(path + ics) if ics else None,
            # offered as "add to calendar" only while its dates hold
            "calendar_url": self.url(path + ics) if ics and edition.dates_hold else None,
            "programme_url": programme,
            "timing": edition.timing(self.now),
            "current": self.phase.edition is edition
            and self.phase.kind not in (countdown.CONCLUDED, countdown.CANCELLED),
        }

    def timeline(self, edition: model.Edition) -> list[dict]:
        """Milestones, start and end in time order, each past or ahead at build time."""
        entries = [
            (m.at, m.key, model.When("minute", m.at, edition.tz)) for m in edition.milestones
        ]
        # postponed or cancelled: the old opening and closing are not milestones ahead
        if edition.start is not None and edition.dates_hold:
            entries.append((edition.start.first, "start", edition.start))
        if edition.end is not None and edition.dates_hold:
            entries.append((edition.end.first, "end", edition.end))
        entries.sort(key=lambda e: model.utc(e[0]))
        now = model.utc(self.now)
        return [
            {"key": key, "moment": moment(self.fmt, when), "passed": model.utc(when.after) <= now}
            for _instant, key, when in entries
        ]

    def countdown(self) -> dict:
        """The countdown partial's data, for the home page and the edition page."""
        phase = self.phase
        view = {
            "kind": phase.kind,
            "edition": self.edition(phase.edition) if phase.edition else None,
            "index_url": self.url(self.base),
            "index_path": self.base,
            "passed": phase.passed.key if phase.passed else None,
            "target": phase.target.key if phase.target else None,
            "targets": [],
            "lang": self.lang,
            "digits": self.fmt.info.get("digits", "latn"),
            # cancelled editions whose dates were ahead: named, not counted down to
            "cancelled": [
                {"title": e.title, "url": self.url(self.path(e))}
                for e in phase.cancelled
                if e is not phase.edition
            ],
        }
        for target in phase.upcoming:
            current = target is phase.target
            view["targets"].append(
                {
                    "key": target.key,
                    "implicit": target.implicit,
                    "moment": moment(self.fmt, target.at),
                    "current": current,
                    "left": self.fmt.left(phase.remaining(self.now)) if current else None,
                }
            )
        return view

    def _places(self, edition: model.Edition, mode: str | None, url: str) -> list[dict]:
        """schema.org locations: the venue, and the online one for online and hybrid."""
        places = []
        if mode != "online" and (edition.city or edition.venue):
            place = {"@type": "Place", "name": edition.venue or edition.city}
            if edition.city:
                place["address"] = {"@type": "PostalAddress", "addressLocality": edition.city}
            places.append(place)
        if mode in ("online", "hybrid"):
            programme = next((link.url for link in edition.links if link.key == "programme"), None)
            places.append({"@type": "VirtualLocation", "url": self.link_url(programme or url)})
        return places

    def jsonld(self, edition: model.Edition) -> dict:
        url = self.url(self.path(edition))
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "@id": url,  # what a session's superEvent points to
            "name": edition.title,
            "url": url,
            "inLanguage": self.lang,
            "eventStatus": SCHEMA + edition.schema_status,
        }
        if edition.summary:
            data["description"] = edition.summary
        if edition.start is not None:
            data["startDate"] = edition.start.iso()
            if edition.end is not None:
                data["endDate"] = edition.end.iso()
            elif edition.start.precision == "day":
                data["endDate"] = edition.start.iso()
        if edition.previous_start is not None:
            data["previousStartDate"] = edition.previous_start.iso()
        mode = edition.format  # moved-online: Format is online (kind.check)
        if mode:
            data["eventAttendanceMode"] = SCHEMA + ATTENDANCE[mode]
        places = self._places(edition, mode, url)
        if places:
            data["location"] = places[0] if len(places) == 1 else places
        organizer = self.options["SITE_EVENT_ORGANIZER"]
        if organizer:
            data["organizer"] = {"@type": "Organization", **organizer}
        if edition.themes:
            data["keywords"] = ", ".join(edition.themes)
        return data
