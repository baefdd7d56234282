"""Which edition is current, and what its countdown targets, at a given instant.

Pure functions of (editions, now): "now" is passed in (clock.now in a build,
a frozen instant in tests), so every phase boundary is testable.

The current edition is the first, in time, that has not ended and was not
cancelled; with none, a postponed edition whose old dates have passed (it has
not taken place: it is never "concluded"). A cancelled edition whose dates are still ahead is
named beside the countdown ("cancelled"), or is the phase when nothing else
is ahead. Its countdown targets the next, in time, of its milestones

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
CANCELLED = "cancelled"  # the only edition ahead was cancelled
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
    # cancelled editions whose dates are still ahead: said, never counted down to
    cancelled: list[Edition] = field(default_factory=list)

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
    """Its dates (for a postponed edition, its old dates) are behind us."""
    return utc(edition.span[1]) <= utc(now)


def _in_time_order(editions: list[Edition]) -> list[Edition]:
    return sorted(editions, key=lambda e: (utc(e.span[0]), e.year))


def current(editions: list[Edition], now: dt.datetime) -> Edition | None:
    """The next or ongoing edition: earliest listed, not ended and not
    cancelled. With none ahead, a postponed edition whose old dates have
    passed, unless a later edition has taken place since: it has not taken
    place, and says so until new dates are given."""
    listed = [e for e in editions if e.listed and e.status != "cancelled"]
    ahead = [e for e in listed if not has_ended(e, now)]
    if ahead:
        return _in_time_order(ahead)[0]
    last = last_concluded(editions, now)
    pending = [e for e in listed if e.pending and (last is None or e.year > last.year)]
    return _in_time_order(pending)[-1] if pending else None


def cancelled_ahead(editions: list[Edition], now: dt.datetime) -> list[Edition]:
    """Listed editions cancelled before their dates came, in time order."""
    found = [e for e in editions if e.listed and e.status == "cancelled" and not has_ended(e, now)]
    return _in_time_order(found)


def last_concluded(editions: list[Edition], now: dt.datetime) -> Edition | None:
    """The most recent edition that took place (neither cancelled nor postponed)."""
    took_place = [e for e in editions if e.listed and e.status not in ("cancelled", "postponed")]
    past = [e for e in took_place if has_ended(e, now)]
    return max(past, key=lambda e: (utc(e.span[1]), e.year), default=None)


def phase(editions: list[Edition], now: dt.datetime) -> Phase:
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    edition = current(editions, now)
    cancelled = cancelled_ahead(editions, now)
    if edition is None and cancelled:
        return Phase(CANCELLED, edition=cancelled[0], cancelled=cancelled)
    if edition is None:
        last = last_concluded(editions, now)
        return Phase(CONCLUDED if last else NOTHING, edition=last)
    if edition.pending:
        return Phase(POSTPONED, edition=edition, cancelled=cancelled)
    now = utc(now)
    found = targets(edition)
    ahead = [t for t in found if utc(t.at) > now]
    behind = [t for t in found if utc(t.at) <= now]
    passed = behind[-1] if behind else None
    if not ahead:
        # Known only to the month or year (or its start time only): no
        # instant to count down to, but it is still the next edition.
        return Phase(ANNOUNCED, edition=edition, targets=found, passed=passed, cancelled=cancelled)
    return Phase(
        COUNTDOWN, edition=edition, target=ahead[0], targets=found, passed=passed,
        cancelled=cancelled,
    )  # fmt: skip
