"""Writes the programmes one language shows: per edition, the programme page,
the speakers page, a page and an .ics per session, and the whole programme
as .ics and as frab schedule.xml.

What a language shows was settled before any generator ran (kind.pages, in
the registry): this generator asks the registry, never another language's
run, so each language could be built in its own process.
"""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator

from smex_site import catalogs, languages
from smex_site import state as build_state
from smex_site.convening import keys, load
from smex_site.convening.views import Views
from smex_site.templating import formats

from . import calendar, frab_json, frab_xml
from .attendee_views import AttendeeViews
from .change_views import FEED_NAME, ChangeViews
from .kind import NAME, Programmes
from .views import ICS_NAME, JSON_NAME, XML_NAME, ProgrammeViews


class ProgrammeGenerator(Generator):
    @build_state.timed
    def generate_context(self):
        self.lang = self.settings["DEFAULT_LANG"]
        self.state = build_state.get(self.settings)
        catalog = self.state.catalog
        self.programmes = catalog.data.get(NAME) or Programmes()
        self.shown = [
            item
            for year, item in sorted(self.programmes.by_year.items())
            if self.state.find(self.lang, keys.programme(year), hidden=True)
        ]
        if not self.shown:
            return
        editions = load.load(catalog, self.state.options, self.lang, self.state.now)
        fmt = formats(self.state, self.lang)
        gettext = self.gettext = catalogs.gettext_for(self.settings, self.lang)
        self.editions = Views(self.state, self.lang, fmt, editions, gettext)
        by_year = {edition.year: edition for edition in editions}
        self.views = [
            ProgrammeViews(
                self.state, self.lang, fmt, item, self.programmes.labels,
                self.editions.edition(by_year[item.year]),
                self.editions.standing(by_year[item.year]),
            )
            for item in self.shown
        ]  # fmt: skip

    @build_state.timed
    def generate_output(self, writer):
        if languages.skipped(writer):  # another process writes this language
            return
        for views in getattr(self, "views", []):
            self.write_programme(writer, views)

    def _page(self, writer, path: str, template: str, views, **values) -> None:
        writer.write_file(
            f"{path}index.html",
            self.env.get_template(template),
            self.context,
            # a hidden edition's programme: its address only (registry says)
            hidden=self.state.find(self.lang, keys.programme(views.year)) is None,
            relative_urls=False,
            **values,
        )

    def _file(self, path: str, data: bytes) -> None:
        target = Path(self.output_path) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def write_programme(self, writer, views: ProgrammeViews) -> None:
        page = views.page()
        programme = views.programme
        key = keys.programme(views.year)
        self._page(writer, views.base, "programme.html", views, programme=page, page_key=key)
        now, standing = self.state.now, views.standing
        changed = ChangeViews(views, self.gettext)
        page["removed"] = changed.agenda_cards()  # My agenda: starred before, now removed
        revisions = changed.history.revisions
        urls = {}
        for session in programme.sessions:
            view = views.session(session)
            view["changes"] = changed.of(session.guid)
            urls[session.guid] = view["url"]
            key = keys.session(views.year, session.slug)
            self._page(
                writer, view["path"], "session.html", views,
                programme=page, session=view, page_key=key,
            )  # fmt: skip
            ics = calendar.session_ics(
                session, dtstamp=now, url=view["url"], name=programme.title, standing=standing,
                revisions=revisions,
            )  # fmt: skip
            self._file(view["path"] + views.ics_name(session), ics)
        urls |= changed.removed_urls()  # a cancelled event points to its old address
        whole = calendar.programme_ics(
            programme, dtstamp=now, urls=urls, standing=standing, revisions=revisions,
            cancelled=changed.history.cancelled,
        )  # fmt: skip
        self._file(views.base + ICS_NAME, whole)
        self._file(views.base + XML_NAME, frab_xml.schedule_xml(programme, urls=urls))
        self._file(views.base + JSON_NAME, frab_json.schedule_json(programme, urls=urls))
        self.write_attendee_pages(writer, views, page, urls)
        if changed.history.imports:
            self.write_changes(writer, views, page, changed)

    def write_attendee_pages(self, writer, views: ProgrammeViews, page: dict, urls: dict) -> None:
        """My agenda, a grid per day, a page and an .ics per room and track, the
        speakers page and a page per speaker."""
        more = AttendeeViews(views)
        year = views.year
        self._page(writer, page["agenda_path"], "programme_agenda.html", views, programme=page,
                   page_key=keys.agenda(year))  # fmt: skip
        for day in more.grids():
            self._page(writer, day["path"], "programme_day.html", views, programme=page, day=day,
                       page_key=keys.day(year, day["iso"]))  # fmt: skip
        kinds = [("rooms", g) for g in views.rooms] + [("tracks", g) for g in views.tracks]
        for kind, found in kinds:
            group = more.group(found, kind)
            self._page(writer, group["path"], "programme_group.html", views, programme=page,
                       group=group, page_key=keys.group(kind, year, group["slug"]))  # fmt: skip
            sessions = [s for day in found.days for s in day.sessions]
            name = f"{views.programme.title or ''} · {group['name']['text']}".strip(" ·")
            history = views.item.history  # what it had and lost: cancelled in its file
            ics = calendar.sessions_ics(
                sessions, dtstamp=self.state.now, urls=urls, name=name, standing=views.standing,
                revisions=history.revisions, cancelled=history.cancelled_in(kind, found.name),
            )  # fmt: skip
            self._file(group["path"] + group["ics_name"], ics)
        speakers = more.speakers()  # the speakers page lists them all, each has its own
        if speakers:
            self._page(writer, views.speakers_path, "speakers.html", views, programme=page,
                       speakers=speakers, page_key=keys.speakers(year))  # fmt: skip
        for speaker in speakers:
            self._page(writer, speaker["path"], "speaker.html", views, programme=page,
                       speaker=speaker, page_key=keys.speaker(year, speaker["slug"]))  # fmt: skip

    def write_changes(self, writer, views: ProgrammeViews, page: dict, changed: ChangeViews):
        """The changes page and its Atom feed; a removed session's old address,
        its page and its .ics (the event, cancelled)."""
        changes = changed.page()
        self._page(writer, changes["path"], "programme_changes.html", views, programme=page,
                   changes=changes, page_key=keys.changes(views.year))  # fmt: skip
        self._file(changes["path"] + FEED_NAME, changed.feed(changes, views.edition["title"]))
        for gone in changed.history.removed:
            removed = changed.removed(gone)
            self._page(writer, removed["path"], "session_removed.html", views, programme=page,
                       removed=removed, changes=changes,
                       page_key=keys.session(views.year, removed["slug"]))  # fmt: skip
            ics = calendar.removed_ics(
                gone, dtstamp=self.state.now, revisions=changed.history.revisions,
                url=removed["url"], name=views.programme.title, standing=views.standing,
            )  # fmt: skip
            self._file(removed["path"] + views.ics_name(gone), ics)
