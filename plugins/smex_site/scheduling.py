"""Scheduled posts: an item dated after the site's "now" waits as a draft.

Pelican's own WITH_FUTURE_DATES = False does this with the machine's clock
(`datetime.now()` in `Article.__init__`), and only for articles. We use the
site clock instead (`clock.now(settings)`: the SITE_NOW setting, else the real
time), for articles and pages, so that

- `invoke build --now 2023-11-01T09:00+02:00` previews the site as it will be
  then, scheduled posts included;
- a scheduled rebuild (a daily CI job) publishes a post on its date without
  anyone pushing.

The receiver runs on `content_object_init`, at the end of the content
object's construction, before the generators sort items into published and
drafts; a held item is therefore a draft everywhere: no page (DRAFT_SAVE_AS is
""), no feed entry, no listing, no sitemap entry, no language switcher target.

Modules with their own content (editions, publications) use `is_due()`.
"""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

from pelican.contents import Article, Page

from . import clock

logger = logging.getLogger(__name__)


def is_due(settings: dict, when: dt.datetime | dt.date | None) -> bool:
    """True when `when` is at or before the site's now (naive = site time zone)."""
    if when is None:
        return True
    if not isinstance(when, dt.datetime):
        when = dt.datetime.combine(when, dt.time())
    if when.tzinfo is None:
        when = when.replace(tzinfo=ZoneInfo(settings.get("TIMEZONE") or "UTC"))
    return when <= clock.now(settings)


def hold_future(content) -> None:
    """`content_object_init` receiver: future-dated articles and pages -> draft."""
    if not isinstance(content, (Article, Page)):
        return
    if getattr(content, "status", None) != "published":
        return
    date = getattr(content, "date", None)
    if date is None or is_due(content.settings, date):
        return
    content.status = "draft"
    content.site_scheduled = True
    logger.info("Scheduled for %s, not published yet: %s", date.isoformat(), content)
