"""Typed access to the parsed JSON, each value with its JSON path.

Every problem names the file (Problem.path), where in it (Problem.field: a
JSON path such as schedule.conference.days[0].rooms["Hall A"][2].date; a
pretalx export is one long line, so a line number would say nothing) and
what to write instead.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from smex_site.validation.core import Problem

from .safe import clean_text, one_line, unwritable

# The fix for any structural fault: the file is not the export as pretalx wrote it.
EXPORT_AGAIN = (
    "export schedule.json again from pretalx (/<event>/schedule/export/schedule.json) "
    "and save it unchanged, or fetch it with `invoke programme --year YEAR --from URL`"
)
MISSING = object()
# No session lasts longer; schedule.xml's duration (HH:MM) cannot say more than 99:59.
MAX_DURATION = dt.timedelta(hours=48)
_HOURS_MINUTES = re.compile(r"^(\d{1,3}):([0-5]\d)$")  # 00:45, 01:30
_DAYS_HOURS_MINUTES = re.compile(r"^(\d+):([01]\d|2[0-3]):([0-5]\d)$")  # pretalx: 1:02:00
_ISO_DURATION = re.compile(r"^PT(?=\d)(?:(\d+)H)?(?:(\d+)M)?$", re.IGNORECASE)


def kind(value) -> str:
    """The JSON name of a value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "an object"


class Problems:
    """The problems of one file, in the order found."""

    def __init__(self, rel: str):
        self.rel = rel
        self.found: list[Problem] = []

    def error(self, where: str, message: str, line: int | None = None) -> None:
        self.found.append(Problem(self.rel, line, where, message, "error"))

    def warning(self, where: str, message: str) -> None:
        self.found.append(Problem(self.rel, None, where, message, "warning"))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.found if p.severity == "error"]


class Node:
    """A JSON value and its path."""

    __slots__ = ("path", "value")

    def __init__(self, value, path: str):
        self.value = value
        self.path = path

    def key(self, name: str) -> Node:
        value = self.value.get(name, MISSING) if isinstance(self.value, dict) else MISSING
        return Node(value, f"{self.path}.{name}" if self.path else name)

    def member(self, name: str) -> Node:
        """A member whose name is data (a room): quoted, as JSON writes it."""
        quoted = json.dumps(name, ensure_ascii=False)
        return Node(self.value[name], f"{self.path}[{quoted}]")

    def items(self) -> list[Node]:
        return [Node(value, f"{self.path}[{i}]") for i, value in enumerate(self.value)]

    @property
    def missing(self) -> bool:
        return self.value is MISSING

    @property
    def empty(self) -> bool:
        return self.value is MISSING or self.value is None or self.value == ""


def structure(node: Node, problems: Problems, expected: type, what: str) -> bool:
    """True if the node is of the expected JSON type; else an error."""
    if isinstance(node.value, expected) and not isinstance(node.value, bool):
        return True
    found = "missing" if node.missing else kind(node.value)
    problems.error(
        node.path,
        f"{found}, expected {what}: the file is not pretalx's schedule export; {EXPORT_AGAIN}",
    )
    return False


def text(node: Node, problems: Problems, *, line: bool = True) -> str | None:
    """Optional text (null and "" are none); one line for names and titles."""
    if node.empty:
        return None
    if not isinstance(node.value, str):
        problems.error(node.path, f"{kind(node.value)}, not text; expected text: {EXPORT_AGAIN}")
        return None
    if dropped := unwritable(node.value):
        problems.warning(
            node.path,
            f"{dropped} character(s) no page or file can carry (a lone surrogate, or a "
            "non-character such as U+FFFE or U+FFFF) removed; retype the text in pretalx "
            "to be sure nothing else is missing",
        )
    value = one_line(node.value) if line else clean_text(node.value).strip()
    return value or None


def integer(node: Node, problems: Problems) -> int | None:
    if node.empty:
        return None
    if isinstance(node.value, int) and not isinstance(node.value, bool):
        return node.value
    problems.error(node.path, f"{kind(node.value)}, not a whole number: {EXPORT_AGAIN}")
    return None


def flag(node: Node, problems: Problems) -> bool | None:
    if node.empty:
        return None
    if isinstance(node.value, bool):
        return node.value
    problems.error(node.path, f"{kind(node.value)}, not true or false: {EXPORT_AGAIN}")
    return None


def instant(value: str) -> dt.datetime | None:
    """An ISO 8601 date and time with its UTC offset, or None."""
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


@dataclass(frozen=True)
class Span:
    """The instants a programme of `year` can plausibly hold: from the year
    before to the year after (an edition may start on 31 December, a draft
    export may still carry last year's dates). Anything else is a typo in
    pretalx, and some of it (year 1, 9999-12-31T23:30-12:00) no file the
    build writes can carry."""

    year: int

    @property
    def first(self) -> dt.datetime:
        return dt.datetime(self.year - 1, 1, 1, tzinfo=dt.UTC)

    @property
    def after(self) -> dt.datetime:
        return dt.datetime(self.year + 2, 1, 1, tzinfo=dt.UTC)

    def holds(self, moment: dt.datetime | dt.date) -> bool:
        if not isinstance(moment, dt.datetime):
            return self.year - 1 <= moment.year <= self.year + 1
        try:
            return self.first <= moment.astimezone(dt.UTC) < self.after
        except OverflowError:  # past year 9999 (or before year 1) in UTC
            return False

    def says(self) -> str:
        return f"between {self.year - 1}-01-01 and {self.year + 1}-12-31 (UTC)"


def date(value) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def duration(value: str) -> dt.timedelta | None:
    """pretalx writes HH:MM, or D:HH:MM from a day on; c3voc's newer form is PT1H30M.
    None when it is none of these, or longer than any session (MAX_DURATION)."""
    value = value.strip()
    try:
        if match := _HOURS_MINUTES.match(value):
            length = dt.timedelta(hours=int(match[1]), minutes=int(match[2]))
        elif match := _DAYS_HOURS_MINUTES.match(value):
            days, hours, minutes = (int(x) for x in match.groups())
            length = dt.timedelta(days=days, hours=hours, minutes=minutes)
        elif match := _ISO_DURATION.match(value):
            length = dt.timedelta(hours=int(match[1] or 0), minutes=int(match[2] or 0))
        else:
            return None
    except (OverflowError, ValueError):  # PT99999999999H: past what Python can count
        return None
    return length if length <= MAX_DURATION else None
