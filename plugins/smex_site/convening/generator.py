"""The convening's pages of one language: the editions index, one page per
edition, and an .ics file per edition whose dates are known to the day.

`ConveningGenerator` (returned by get_generators) runs once per language:
generate_context loads that language's editions (published and hidden),
works out the countdown at the build's "now" and puts `convening` in the
shared context for the home page's partial; generate_output writes
convening/, convening/<year>/ and convening/<year>/<ics name>.
"""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator

from smex_site import catalogs, intrasite, languages, markdown
from smex_site import state as build_state
from smex_site.templating import formats

from . import load
from .calendar import calendar
from .views import Views


class ConveningGenerator(Generator):
    @build_state.timed
    def generate_context(self):
        settings = self.settings
        self.lang = settings["DEFAULT_LANG"]
        self.state = build_state.get(settings)
        self.editions = load.load(self.state.catalog, self.state.options, self.lang, self.state.now)
        renderer = markdown.renderer(settings)
        for edition in self.editions:
            html = renderer.convert(edition.body) if edition.body.strip() else ""
            entry = self.state.catalog.find(self.lang, ("edition", edition.slug))
            edition.content = intrasite.resolve(html, entry, settings)
        fmt = formats(self.state, self.lang)
        gettext = catalogs.gettext_for(settings, self.lang)
        self.views = Views(self.state, self.lang, fmt, self.editions, gettext)
        # For the home page's partial (index.html, written by Pelican).
        self.context["convening"] = self.views.countdown()

    @build_state.timed
    def generate_output(self, writer):
        if languages.skipped(writer):  # another process writes this language
            return
        views = self.views
        listed = sorted((e for e in self.editions if e.listed), key=lambda e: e.year, reverse=True)
        writer.write_file(
            f"{views.base}index.html",
            self.env.get_template("convening.html"),
            self.context,
            editions=[views.edition(e) for e in listed],
            countdown=self.context["convening"],
            convening_path=views.base,
            relative_urls=False,
        )
        for edition in self.editions:
            path = views.path(edition)
            writer.write_file(
                f"{path}index.html",
                self.env.get_template("edition.html"),
                self.context,
                edition=views.edition(edition),
                page_key=edition.page_key,
                timeline=views.timeline(edition),
                edition_jsonld=views.jsonld(edition),
                countdown=self.context["convening"],
                hidden=not edition.listed,
                relative_urls=False,
            )
            ics = views.ics_name(edition)
            if ics:
                target = Path(self.output_path) / path / ics
                target.parent.mkdir(parents=True, exist_ok=True)
                page_url = self.state.url(self.lang, path)
                words = views.file_words(edition)
                ics_file = calendar(edition, self.state.options, page_url, self.state.now, words)
                target.write_bytes(ics_file)
