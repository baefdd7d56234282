"""Editions of the convening: reading, checking and the model.

An edition is one Markdown file per language, `<lang>/editions/<year>.md`,
whose metadata lines carry the facts (see docs/editions.md). Everything an
editor does not know is left out, and the model keeps it out: an unknown
figure is absent, never zero.

`parse()` turns one file into an `Edition` plus the problems found, each
naming the file, the line, the field and what is expected; validation
(before the build) and the generator (during it) both call it.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from . import frontmatter, validation
from . import settings as site_settings

FOLDER = "editions"

FORMATS = ("in-person", "online", "hybrid")
STATUSES = ("scheduled", "postponed", "cancelled", "moved-online")
# Milestones an edition may have, in the order they usually come.
MILESTONES = ("call-opens", "call-closes", "registration-opens", "programme-released")
FIGURES = ("participants", "countries", "sessions", "speakers")
LINKS = ("programme", "report", "recordings", "post")
# Fields both language versions of an edition must agree on.
SHARED_FIELDS = (
    "ordinal",
    "format",
    "status",
    "timezone",
    "start",
    "end",
    "milestones",
    "figures",
)

# Editors may type Arabic-Indic (or Persian) digits in the Arabic file.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
_LIST_SEPARATOR = re.compile(r"\s*[;؛]\s*")
_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MINUTE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$")
_WITH_OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?\s*(?:Z|[+-]\d{2}:?\d{2})$")
_FIGURE = re.compile(r"^(\d+)(\+?)$")

DATE_FORMS = (
    "YYYY-MM-DD HH:MM (local time in the edition's time zone), "
    "YYYY-MM-DD (a whole day) or YYYY-MM (the month only)"
)

PRECISIONS = ("year", "month", "day", "minute")


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
        if self.precision == "minute":
            return self.value
        return _midnight(self.value, self.tz)

    @property
    def after(self) -> dt.datetime:
        day = self.value
        if self.precision == "minute":
            return self.value
        if self.precision == "day":
            return _midnight(day + dt.timedelta(days=1), self.tz)
        if self.precision == "month":
            nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
            return _midnight(nxt, self.tz)
        return _midnight(dt.date(day.year + 1, 1, 1), self.tz)

    def iso(self) -> str:
        """ISO 8601 at the precision known: 2023-11-16T09:00:00+02:00, 2018-11-19, 2022-11."""
        if self.precision == "minute":
            return self.value.isoformat()
        if self.precision == "day":
            return self.value.isoformat()
        if self.precision == "month":
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return f"{self.value.year:04d}"

    def key(self) -> str:
        """Comparable text for the cross-language check."""
        if self.precision == "minute":
            return self.value.strftime("%Y-%m-%d %H:%M")
        return self.iso()


def utc(moment: dt.datetime) -> dt.datetime:
    """The same instant in UTC. Python compares and subtracts two datetimes
    that share one tzinfo by their wall clocks, which is wrong across a
    daylight-saving change: compare and subtract in UTC."""
    return moment.astimezone(dt.UTC)


def _midnight(day: dt.date, tz: dt.tzinfo) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=tz)


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
    url: str


@dataclass
class Edition:
    year: int
    slug: str
    lang: str
    title: str
    source: str  # path for messages, e.g. content/en/editions/2023.md
    tz_name: str
    tz: dt.tzinfo
    status: str = "scheduled"
    ordinal: int | None = None
    format: str | None = None
    city: str | None = None
    venue: str | None = None
    summary: str | None = None
    start: When | None = None
    end: When | None = None
    themes: list[str] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)  # in time order
    figures: list[Figure] = field(default_factory=list)  # in FIGURES order
    links: list[Link] = field(default_factory=list)  # in LINKS order
    body: str = ""  # Markdown
    content: str = ""  # HTML, filled by the generator

    @property
    def span(self) -> tuple[dt.datetime, dt.datetime]:
        """(first, after): when the edition starts and has surely ended.

        With no dates known, the edition's year stands in for them.
        """
        start = self.start or When("year", dt.date(self.year, 1, 1), self.tz)
        if self.end is not None:
            return start.first, self.end.after
        if start.precision == "minute":  # a start time alone: that day
            return start.first, When("day", start.value.date(), self.tz).after
        return start.first, start.after

    @property
    def starts_at(self) -> dt.datetime | None:
        return self.start.first if self.start and self.start.exact else None

    @property
    def ends_at(self) -> dt.datetime | None:
        """When it ends; a whole-day edition ends at the next midnight."""
        if not (self.start and self.start.exact):
            return None
        end = self.end or self.start
        if end.precision == "minute" and end is self.start:
            return None  # a start time alone says nothing about the end
        return end.after

    def milestone(self, key: str) -> Milestone | None:
        return next((m for m in self.milestones if m.key == key), None)

    def figure(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key), None)


# --- parsing -------------------------------------------------------------------


@cache
def known_timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def split_list(value: str) -> list[str]:
    return [part for part in _LIST_SEPARATOR.split(value.strip()) if part]


class _Reader:
    """Reads one document's fields, collecting problems as it goes."""

    def __init__(self, doc: frontmatter.Document, rel: str):
        self.doc = doc
        self.rel = rel
        self.problems: list[validation.Problem] = []

    def problem(self, key: str, message: str) -> None:
        self.problems.append(validation.Problem(self.rel, self.doc.line(key), key, message))

    def text(self, key: str) -> str | None:
        value = self.doc.get(key)
        return value.strip() if value and value.strip() else None

    def structured(self, key: str) -> str | None:
        value = self.text(key)
        return value.translate(_DIGITS) if value else None

    def choice(self, key: str, allowed: tuple[str, ...], default=None) -> str | None:
        value = self.structured(key)
        if value is None:
            return default
        if value.lower() not in allowed:
            self.problem(key, f"{value!r} is not known; expected one of {', '.join(allowed)}")
            return default
        return value.lower()

    def when(self, key: str, tz: dt.tzinfo, tz_name: str, value: str | None = None):
        text = value if value is not None else self.structured(key)
        if text is None:
            return None
        when, message = parse_when(text, tz, tz_name)
        if message:
            self.problem(key, message)
        return when


def parse_when(text: str, tz: dt.tzinfo, tz_name: str) -> tuple[When | None, str | None]:
    """Parse one date field; (When, None) or (None, what is wrong and expected)."""
    text = text.strip().translate(_DIGITS)
    if _WITH_OFFSET.match(text):
        return None, (
            f"{text!r} carries a UTC offset; expected the local time without one, "
            f"YYYY-MM-DD HH:MM (the Timezone field, {tz_name}, gives the offset)"
        )
    try:
        if match := _MINUTE.match(text):
            y, m, d, hh, mm = (int(x) for x in match.groups())
            naive = dt.datetime(y, m, d, hh, mm)
            local = naive.replace(tzinfo=tz)
            if local.astimezone(dt.UTC).astimezone(tz).replace(tzinfo=None) != naive:
                return None, (
                    f"{text!r} does not exist in {tz_name} (the clocks skip it when "
                    "daylight saving time begins); expected a time outside that gap"
                )
            return When("minute", local, tz), None
        if match := _DAY.match(text):
            return When("day", dt.date(*(int(x) for x in match.groups())), tz), None
        if match := _MONTH.match(text):
            y, m = (int(x) for x in match.groups())
            return When("month", dt.date(y, m, 1), tz), None
    except ValueError:
        return None, f"{text!r} is not a real date; expected {DATE_FORMS}"
    return None, f"{text!r} is not a date; expected {DATE_FORMS}"


def parse(
    doc: frontmatter.Document, rel: str, lang: str, settings: dict
) -> tuple[Edition | None, list[validation.Problem]]:
    """Read one edition file into an Edition, with every problem found."""
    read = _Reader(doc, rel)
    ours = site_settings.read(settings)

    year = None
    year_text = read.structured("year")
    if year_text is None:
        read.problem("year", "missing; add a 'Year:' line with the edition's year, e.g. 2023")
    elif not _YEAR.match(year_text):
        read.problem("year", f"{year_text!r} is not a year; expected four digits, e.g. 2023")
    else:
        year = int(year_text)
        slug = read.text("slug")
        if slug and slug != year_text:
            read.problem(
                "slug",
                f"{slug!r} differs from the year; expected 'Slug: {year_text}' "
                f"(the page is convening/{year_text}/)",
            )

    tz_name = read.text("timezone") or ours["SITE_EVENT_TIMEZONE"]
    if tz_name not in known_timezones():
        read.problem(
            "timezone",
            f"{tz_name!r} is not an IANA time zone; expected a name such as Asia/Beirut",
        )
        tz_name = ours["SITE_EVENT_TIMEZONE"]
    tz = zoneinfo.ZoneInfo(tz_name)

    ordinal = None
    ordinal_text = read.structured("ordinal")
    if ordinal_text is not None:
        if ordinal_text.isdigit() and int(ordinal_text) > 0:
            ordinal = int(ordinal_text)
        else:
            read.problem(
                "ordinal",
                f"{ordinal_text!r}; expected a whole number: 1 for the first edition",
            )

    fmt = read.choice("format", FORMATS)
    status = read.choice("status", STATUSES, default="scheduled")

    start = read.when("start", tz, tz_name)
    end = read.when("end", tz, tz_name)
    if end is not None and read.text("start") is None:
        read.problem("end", "given without a Start; add a 'Start:' line")
    if start is not None and year is not None and start.value.year != year:
        read.problem(
            "start",
            f"{start.iso()} is not in {year}, the edition's Year; expected a date in {year}",
        )
    if start is not None and end is not None:
        if start.precision != end.precision:
            read.problem(
                "end",
                f"{end.key()} is not written like Start ({start.key()}); "
                "expected both as YYYY-MM-DD HH:MM, both as YYYY-MM-DD or both as YYYY-MM",
            )
        elif utc(end.first) < utc(start.first) or (
            start.precision == "minute" and utc(end.first) == utc(start.first)
        ):
            read.problem(
                "end",
                f"{end.key()} is before Start ({start.key()}); expected a moment after the start",
            )

    milestones = _milestones(read, tz, tz_name, start)
    figures = _figures(read)
    links = _links(read)

    title = read.text("title")
    if year is None or title is None:
        return None, read.problems
    edition = Edition(
        year=year,
        slug=str(year),
        lang=lang,
        title=title,
        source=rel,
        tz_name=tz_name,
        tz=tz,
        status=status,
        ordinal=ordinal,
        format=fmt,
        city=read.text("city"),
        venue=read.text("venue"),
        summary=read.text("summary"),
        start=start,
        end=end if start is not None else None,
        themes=split_list(read.text("themes") or ""),
        milestones=milestones,
        figures=figures,
        links=links,
        body=doc.body,
    )
    return edition, read.problems


def _entries(read: _Reader, key: str, allowed: tuple[str, ...], example: str):
    """'name value; name value' pairs, each name known and given once."""
    text = read.structured(key)
    if text is None:
        return []
    seen, found = set(), []
    for entry in split_list(text):
        name, _, value = entry.partition(" ")
        name, value = name.lower(), value.strip()
        if name not in allowed:
            read.problem(
                key,
                f"{name!r} is not known; expected one of {', '.join(allowed)} (e.g. {example})",
            )
        elif name in seen:
            read.problem(key, f"{name} is given twice; expected each name once")
        elif not value:
            read.problem(key, f"{name} has no value; expected e.g. {example}")
        else:
            seen.add(name)
            found.append((name, value))
    return found


def _milestones(read: _Reader, tz, tz_name: str, start: When | None) -> list[Milestone]:
    found = []
    for name, value in _entries(read, "milestones", MILESTONES, "call-closes 2023-09-30 23:59"):
        when, message = parse_when(value, tz, tz_name)
        if message:
            read.problem("milestones", f"{name}: {message}")
            continue
        if when.precision != "minute":
            read.problem(
                "milestones",
                f"{name}: {value!r} has no time of day; expected YYYY-MM-DD HH:MM "
                f"in {tz_name}, e.g. {name} {when.value.isoformat()[:10]} 23:59",
            )
            continue
        found.append(Milestone(name, when.value))
    if start is not None:
        # A milestone leads up to its edition: it must come before the start
        # (before the end of the month or year when only those are known).
        limit = start.first if start.exact else start.after
        for milestone in found:
            if utc(milestone.at) >= utc(limit):
                read.problem(
                    "milestones",
                    f"{milestone.key} {milestone.at.strftime('%Y-%m-%d %H:%M')} is not before "
                    f"the edition starts ({start.key()}); expected a moment before the start",
                )
    opens, closes = (
        next((m for m in found if m.key == k), None) for k in ("call-opens", "call-closes")
    )
    if opens and closes and utc(closes.at) <= utc(opens.at):
        read.problem(
            "milestones",
            "call-closes is not after call-opens; expected the call to open before it closes",
        )
    return sorted(found, key=lambda m: (utc(m.at), MILESTONES.index(m.key)))


def _figures(read: _Reader) -> list[Figure]:
    found = []
    for name, value in _entries(read, "figures", FIGURES, "participants 800+"):
        match = _FIGURE.match(value.replace(",", "").replace(" ", ""))
        if not match:
            read.problem(
                "figures",
                f"{name}: {value!r} is not a count; expected a whole number, "
                "with + for 'more than' (800+)",
            )
            continue
        found.append(Figure(name, int(match[1]), bool(match[2])))
    return sorted(found, key=lambda f: FIGURES.index(f.key))


def _links(read: _Reader) -> list[Link]:
    found = []
    for name, value in _entries(read, "links", LINKS, "report /files/report.pdf"):
        if not value.startswith(("https://", "http://", "/")) or value.startswith("//"):
            read.problem(
                "links",
                f"{name}: {value!r} is not a URL; expected https://… or a path on "
                "this site starting with /",
            )
            continue
        if any(c.isspace() for c in value) or '"' in value:
            read.problem("links", f"{name}: {value!r} contains spaces or quotes; expected a URL")
            continue
        found.append(Link(name, value))
    return sorted(found, key=lambda link: LINKS.index(link.key))


# --- loading for a build -----------------------------------------------------------


class EditionError(ValueError):
    """An edition file is broken (validation should have stopped the build)."""


def folder(settings: dict, lang: str) -> Path:
    return Path(settings["PATH"]) / lang / FOLDER


def load(settings: dict, lang: str) -> list[Edition]:
    """Every edition in one language, oldest first; raises on any problem."""
    editions, problems = [], []
    base = Path(settings["PATH"])
    for path in sorted(folder(settings, lang).glob("*.md")):
        rel = str(Path(base.name) / path.relative_to(base))
        doc = frontmatter.parse(path, frontmatter.read_text(path))
        edition, found = parse(doc, rel, lang, settings)
        problems.extend(found)
        if edition is not None:
            editions.append(edition)
    if problems:
        raise EditionError("\n".join(str(p) for p in problems))
    return sorted(editions, key=lambda e: e.year)


# --- validation hooks ----------------------------------------------------------------


def check_item(item: validation.Item, ctx: validation.Context) -> list[validation.Problem]:
    _, problems = parse(item.doc, item.rel, item.lang, ctx.settings)
    return problems


def shared_values(edition: Edition) -> dict[str, str]:
    """The language-neutral facts, as comparable text."""
    return {
        "ordinal": str(edition.ordinal or ""),
        "format": edition.format or "",
        "status": edition.status,
        "timezone": edition.tz_name,
        "start": edition.start.key() if edition.start else "",
        "end": edition.end.key() if edition.end else "",
        "milestones": "; ".join(
            f"{m.key} {m.at.strftime('%Y-%m-%d %H:%M')}" for m in edition.milestones
        ),
        "figures": "; ".join(
            f"{f.key} {f.value}{'+' if f.at_least else ''}" for f in edition.figures
        ),
    }


def check_site(items: list[validation.Item], ctx: validation.Context) -> list[validation.Problem]:
    """One edition per year and language; translations agree on the facts."""
    problems = []
    by_lang_year: dict[tuple[str, int], tuple[validation.Item, Edition]] = {}
    by_year: dict[int, list[tuple[validation.Item, Edition]]] = {}
    for item in items:
        if item.folder != FOLDER:
            continue
        edition, _ = parse(item.doc, item.rel, item.lang, ctx.settings)
        if edition is None:
            continue
        key = (item.lang, edition.year)
        if key in by_lang_year:
            problems.append(
                ctx.problem(
                    item,
                    "year",
                    f"{edition.year} already has an edition in {by_lang_year[key][0].rel}; "
                    "expected one edition per year (one file per language)",
                )
            )
            continue
        by_lang_year[key] = (item, edition)
        by_year.setdefault(edition.year, []).append((item, edition))
    languages = list(ctx.languages)
    for group in by_year.values():
        group.sort(
            key=lambda pair: languages.index(pair[0].lang) if pair[0].lang in languages else 99
        )
        (first_item, first), *others = group
        reference = shared_values(first)
        for item, edition in others:
            for key, value in shared_values(edition).items():
                if value != reference[key]:
                    shown = value or "(not given)"
                    there = reference[key] or "(not given)"
                    problems.append(
                        ctx.problem(
                            item,
                            key,
                            f"{shown} here but {there} in {first_item.rel}; "
                            "expected the same facts in every language of an edition",
                        )
                    )
    return problems


validation.KIND_CHECKS[FOLDER] = check_item
validation.add_known_keys(
    FOLDER,
    "year", "ordinal", "format", "city", "venue", "start", "end", "timezone",
    "status", "milestones", "figures", "links", "themes",
)  # fmt: skip
validation.MULTILINE_KEYS.update({"themes", "milestones", "figures", "links"})
if check_site not in validation.SITE_CHECKS:
    validation.SITE_CHECKS.append(check_site)
