"""Who may see an item, at the site's "now": one rule for every kind.

    draft      nowhere: no page, list, feed, sitemap, search index, calendar
    scheduled  a date after "now": like a draft until that instant
    hidden     its page is written, reachable by its address, listed nowhere
               (not in lists, feeds, sitemap, search, nor as another page's
               translation), and marked noindex
    published  everywhere

Pelican's own WITH_FUTURE_DATES = False uses the machine's clock, and only for
articles; we hold back by the site clock (SITE_NOW, read once per build), for
every kind: Pelican's posts and pages through `hold_future` below (at
`content_object_init`, before the generators sort items into published and
drafts), our reports and editions through `visibility()` in their loaders,
and what belongs to an edition (its programme) through `within()`.
"""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

from pelican.contents import Article, Page

logger = logging.getLogger(__name__)

DRAFT, SCHEDULED, HIDDEN, PUBLISHED = "draft", "scheduled", "hidden", "published"
# how messages name the two states that keep an item from visitors
HELD_WORDS = {DRAFT: "a draft", SCHEDULED: "scheduled"}
WRITTEN = (HIDDEN, PUBLISHED)  # has a page of its own


def moment(value, zone: dt.tzinfo) -> dt.datetime | None:
    """The aware instant a date value publishes at (naive = the site's zone).

    A date known only to the day, month or year (a report's "2022-07")
    publishes at the first moment of that period.
    """
    if value is None:
        return None
    first = getattr(value, "first_day", None)
    if first is not None:
        value = first
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)


def visibility(status: str, when: dt.datetime | None, now: dt.datetime) -> str:
    if status == DRAFT:
        return DRAFT
    if when is not None and when > now:
        return SCHEDULED
    return HIDDEN if status == HIDDEN else PUBLISHED


def within(parent: str, when: dt.datetime | None, now: dt.datetime) -> str:
    """An item that is part of another (an edition's programme): never seen
    more than its parent (a draft's part is a draft, a hidden one's hidden),
    and held back like a scheduled item until its own instant, if it has one."""
    if not is_written(parent):
        return parent
    return visibility(parent, when, now)


def is_written(state: str) -> bool:
    return state in WRITTEN


def is_listed(state: str) -> bool:
    return state == PUBLISHED


def hold_future(content) -> None:
    """`content_object_init` receiver: a future-dated post or page waits as a draft."""
    if not isinstance(content, (Article, Page)):
        return
    status = getattr(content, "status", None)
    if status not in (PUBLISHED, HIDDEN):
        return
    from . import state as build_state

    now = build_state.now(content.settings)
    zone = ZoneInfo(content.settings.get("TIMEZONE") or "UTC")
    when = moment(getattr(content, "date", None), zone)
    if visibility(status, when, now) != SCHEDULED:
        return
    content.status = DRAFT
    content.site_scheduled = True
    logger.info("Scheduled for %s, not published yet: %s", when.isoformat(), content)
