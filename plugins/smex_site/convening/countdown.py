"""Which edition is current, and what its countdown targets, at a given instant.

Pure functions of (editions, now): "now" is passed in (clock.now in a build,
a frozen instant in tests), so every phase boundary is testable.

The current edition is the first, in time, that has not ended and was not
cancelled. Its countdown targets the next, in time, of its milestones

    call-opens, call-closes, registration-opens, programme-released

then its start, then its end ("happening now"). Each target counts only when
known to the minute (or the day, for start and end). A start time with no end
is happening until the end of that day: that end is `implicit`, so the page
says "happening now" without claiming a closing time. A milestone is passed
at its own instant: at 12:00:00 the 12:00 target is behind us. With nothing
ahead at all, the phase is "concluded": the last edition that took place,
and no countdown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .model import MILESTONES, Edition, utc

# Countdown targets, in the order they usually come; "start" and "end" are the event's.
TARGETS = (*MILESTONES, "start", "end")

# Phase kinds
COUNTDOWN = "countdown"  # counting down to `target` (which may be "end": happening now)
ANNOUNCED = "announced"  # the next edition is known only to the month or year
POSTPONED = "postponed"  # the next edition is postponed: no date to count to
CONCLUDED = "concluded"  # nothing ahead: the last edition has ended
NOTHING = "nothing"  # no edition at all


@dataclass(frozen=True)
class Target:
    key: str  # one of TARGETS
    at: dt.datetime
    implicit: bool = False  # an end nobody gave: the end of the opening day


@dataclass
class Phase:
    kind: str
    edition: Edition | None = None
    target: Target | None = None
    # every target of the edition, in order, passed ones included
    targets: list[Target] = field(default_factory=list)
    # the target passed most recently, if any (e.g. call-closes at 2023-10-20)
    passed: Target | None = None

    @property
    def happening(self) -> bool:
        return self.target is not None and self.target.key == "end"

    @property
    def upcoming(self) -> list[Target]:
        """Targets from the current one on: what the page script may switch to."""
        if self.target is None:
            return []
        return self.targets[self.targets.index(self.target) :]

    def remaining(self, now: dt.datetime) -> dt.timedelta | None:
        return None if self.target is None else utc(self.target.at) - utc(now)


def targets(edition: Edition) -> list[Target]:
    """The edition's countdown targets that are known, in order."""
    found = [Target(m.key, m.at) for m in edition.milestones]
    if edition.starts_at is not None:
        found.append(Target("start", edition.starts_at))
        if edition.ends_at is not None:
            found.append(Target("end", edition.ends_at))
        else:
            found.append(Target("end", edition.span[1], implicit=True))
    # Validation keeps milestones before the start; a programme released
    # before the call closes is odd but allowed: keep time order, stable.
    return sorted(found, key=lambda t: (utc(t.at), TARGETS.index(t.key)))


def has_ended(edition: Edition, now: dt.datetime) -> bool:
    return utc(edition.span[1]) <= utc(now)


def current(editions: list[Edition], now: dt.datetime) -> Edition | None:
    """The next or ongoing edition: earliest listed, not ended and not cancelled."""
    ahead = [e for e in editions if e.listed and e.status != "cancelled" and not has_ended(e, now)]
    return min(ahead, key=lambda e: (utc(e.span[0]), e.year), default=None)


def last_concluded(editions: list[Edition], now: dt.datetime) -> Edition | None:
    """The most recent edition that took place (not cancelled) and has ended."""
    past = [e for e in editions if e.listed and e.status != "cancelled" and has_ended(e, now)]
    return max(past, key=lambda e: (utc(e.span[1]), e.year), default=None)


def phase(editions: list[Edition], now: dt.datetime) -> Phase:
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    edition = current(editions, now)
    if edition is None:
        last = last_concluded(editions, now)
        return Phase(CONCLUDED if last else NOTHING, edition=last)
    if edition.status == "postponed":
        return Phase(POSTPONED, edition=edition)
    now = utc(now)
    found = targets(edition)
    ahead = [t for t in found if utc(t.at) > now]
    behind = [t for t in found if utc(t.at) <= now]
    passed = behind[-1] if behind else None
    if not ahead:
        # Known only to the month or year (or its start time only): no
        # instant to count down to, but it is still the next edition.
        return Phase(ANNOUNCED, edition=edition, targets=found, passed=passed)
    return Phase(COUNTDOWN, edition=edition, target=ahead[0], targets=found, passed=passed)
