"""What changed, in one page language (issue 22): the changes page, its Atom
feed, a changed session's notice and a removed session's page at its old
address. The facts come from changes.History, resolved once in kind.read.

Words are chosen here through gettext where a file (the feed) has no
template; the pages' templates say the same in the same words.
"""

from __future__ import annotations

import datetime as dt
import html
import io

import feedgenerator

from . import calendar
from .changes import Change, Seen
from .kind import agenda_key, changes_path
from .model import utc
from .views import ProgrammeViews

FEED_NAME = "changes.atom"


class ChangeViews:
    def __init__(self, views: ProgrammeViews, gettext):
        self.views, self._ = views, gettext
        self.history = views.item.history
        self.path = changes_path(views.options, views.year)
        self.slugs = {s.guid: s.slug for s in views.programme.sessions}
        self.slugs |= {s.guid: s.slug for s in self.history.removed}

    def _when(self, seen: Seen) -> str:
        views = self.views
        start, end = views.moment(seen.start), views.moment(seen.end)
        return self._("%(date)s, %(start)s–%(end)s") % {
            "date": start["date"], "start": start["time"], "end": end["time"],
        }  # fmt: skip

    def _room(self, seen: Seen) -> str:
        return self.views.labels.label("rooms", seen.room, self.views.lang).text

    def change(self, change: Change) -> dict:
        """One change, with the sentences that say it in this language."""
        views, _ = self.views, self._
        at = change.at.astimezone(views.programme.tz)
        seen = change.after or change.before
        slug = self.slugs.get(change.guid)
        lines = []
        if "added" in change.what:
            lines.append(_("Added to the programme."))
        if "removed" in change.what:
            lines.append(_("Removed from the programme (cancelled or withdrawn)."))
        if "time" in change.what:
            lines.append(_("Moved from %(before)s to %(after)s.") % {
                "before": self._when(change.before), "after": self._when(change.after),
            })  # fmt: skip
        if "room" in change.what and not views.standing.online:
            lines.append(_("Moved from %(before)s to %(after)s.") % {
                "before": self._room(change.before), "after": self._room(change.after),
            })  # fmt: skip
        if "title" in change.what:
            lines.append(_("Retitled; it was “%(before)s”.") % {"before": change.before.title})
        return {
            "iso": at.isoformat(),
            "date": self._("%(date)s, %(time)s")
            % {"date": views.fmt.date(at.date(), "d MMMM y"), "time": views.fmt.time(at)},
            "what": list(change.what),
            "title": seen.title,
            "url": views.url(f"{views.base}{slug}/") if slug else None,
            "lines": lines,
            "guid": change.guid,
        }

    def of(self, guid: str) -> list[dict]:
        """A session's own changes, newest first, for its page."""
        return [self.change(c) for c in self.history.of(guid)]

    def page(self) -> dict:
        views = self.views
        return {
            "path": self.path,
            "url": views.url(self.path),
            "feed_url": views.url(self.path + FEED_NAME),
            "changes": [self.change(c) for c in self.history.changes],
        }

    def removed(self, seen: Seen) -> dict:
        """A removed session's page at its old address."""
        views = self.views
        path = f"{views.base}{seen.slug}/"
        last = next((c for c in self.history.of(seen.guid) if "removed" in c.what), None)
        return {
            "slug": seen.slug,
            "path": path,
            "url": views.url(path),
            "title": seen.title,
            "when": self._when(seen),
            "room": None if views.standing.online else self._room(seen),
            "change": self.change(last) if last else None,
        }

    def agenda_cards(self) -> list[dict]:
        """The removed sessions as My agenda shows one a visitor starred before:
        said removed, and cancelled in the calendar file it makes."""
        views = self.views
        return [
            {
                **self.removed(seen),
                "agenda": agenda_key(views.year, seen.slug),
                "uid": calendar.uid(seen),
                "start_utc": utc(seen.start).isoformat(),
                "end_utc": utc(seen.end).isoformat(),
                "revision": calendar.revision(self.history.revisions, seen.guid),
            }
            for seen in self.history.removed
        ]

    def removed_urls(self) -> dict[str, str]:
        """guid -> the old address of each removed session (its page says so)."""
        return {seen.guid: self.removed(seen)["url"] for seen in self.history.removed}

    def feed(self, page: dict, edition_title: str) -> bytes:
        """The changes as Atom, newest first: one entry per session per import."""
        _ = self._
        feed = _Feed(
            self.history.last_import,
            title=_("Changes to the programme of %(title)s") % {"title": edition_title},
            link=page["url"],
            description="",
            language=self.views.lang,
            feed_url=page["feed_url"],
        )
        for item in page["changes"]:
            feed.add_item(
                title=item["title"],
                link=item["url"] or page["url"],
                # a summary is HTML to a feed reader: the speakers' words are text in it
                description=html.escape(" ".join(item["lines"])),
                unique_id=f"tag:smex.org,{self.views.year}:programme/{item['guid']}/{item['iso']}",
                updateddate=dt.datetime.fromisoformat(item["iso"]),
                pubdate=dt.datetime.fromisoformat(item["iso"]),
            )
        out = io.StringIO()
        feed.write(out, "utf-8")
        return out.getvalue().encode("utf-8")


class _Feed(feedgenerator.Atom1Feed):
    """Atom whose <updated> is the last import, never the clock: a feed with
    no entry yet is the same file at every build."""

    def __init__(self, updated: dt.datetime, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._updated = updated

    def latest_post_date(self):
        return self._updated
