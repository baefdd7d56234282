"""The publications' Atom feed, one per language.

A report's Summary is plain text: it is escaped before it goes into
`<summary type="html">`, so markup in it stays text in feed readers.
"""

from __future__ import annotations

import datetime as dt
import html
import zoneinfo
from pathlib import Path

import feedgenerator

from smex_site import catalogs
from smex_site.feeds import feed_id


def write(writer, settings: dict, state, lang: str, views: list, feed_path: str, index_path: str):
    _ = catalogs.gettext_for(settings, lang)
    feed = feedgenerator.Atom1Feed(
        title=f"{_(settings['SITENAME'])}: {_('Publications')}",
        link=state.url(lang, index_path),
        feed_url=state.url(lang, feed_path),
        description="",
        language=lang,
    )
    feed.feed["id"] = feed_id(state, lang, feed_path)
    zone = zoneinfo.ZoneInfo(settings.get("TIMEZONE") or "UTC")
    for view in views:
        moment = dt.datetime.combine(view.date.value, dt.time(), zone)
        feed.add_item(
            title=view.title,
            link=view.url,
            description=html.escape(view.summary),
            unique_id=feed_id(state, lang, view.pub.path, moment),
            pubdate=moment,
            updateddate=moment,
            categories=[view.type_label, *(t["label"] for t in view.topics)],
            author_name="; ".join(view.authors) or view.publisher,
            enclosures=[
                feedgenerator.Enclosure(view.pdf["url"], str(view.pdf["bytes"]), "application/pdf")
            ],
        )
    target = Path(writer.output_path) / feed_path
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as handle:
        feed.write(handle, "utf-8")
