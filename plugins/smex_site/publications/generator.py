"""Writes the publications of one language: index, filter pages, report pages, feed.

generate_context() loads the reports this language writes (published and
hidden; drafts and scheduled ones are not loaded at all) and puts
`publications` (the listed ones, newest first) and `publication_for(slug)`
into the shared context for the home page and the news posts.
generate_output() completes what needs every language and the articles
(who announces what), then writes. Hidden reports get their page (and its
citation files) only. Each list gets the library of what it lists (files.py).
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup
from pelican.generators import Generator

from smex_site import intrasite, languages, markdown
from smex_site import state as build_state
from smex_site.templating import formats

from . import cite, feed, files, load, model
from .views import Views


class PublicationsGenerator(Generator):
    """One per language run; writes only that language's pages."""

    @build_state.timed
    def generate_context(self):
        settings = self.settings
        self.lang = settings["DEFAULT_LANG"]
        self.state = build_state.get(settings)
        self.options = self.state.options
        self.all = load.load_all(self.state.catalog, self.options, self.state.now)
        self.views_of = Views(self.state, self.lang, formats(self.state, self.lang))
        renderer = markdown.renderer(settings)
        self.views = [
            self.views_of.view(pub, Markup(self.text(renderer.convert(pub.body), pub.slug)))
            for pub in self.all.get(self.lang, [])
        ]
        self.listed = [view for view in self.views if view.listed]
        self.by_slug = {view.slug: view for view in self.views}
        self.context["publications"] = self.listed
        self.context["publications_latest"] = self.listed[
            : self.options["SITE_PUBLICATIONS_ON_HOME"]
        ]
        self.context["publication_for"] = self.publication_for
        self.context["publications_feed_url"] = self.state.url(
            self.lang, self.options["SITE_PUBLICATIONS_FEED"]
        )

    def text(self, html: str, slug: str) -> str:
        """A report's text with its {filename} and {static} links replaced."""
        entry = self.state.catalog.find(self.lang, ("report", slug))
        return intrasite.resolve(html, entry, self.settings)

    def publication_for(self, slug: str) -> dict | None:
        """The report a post announces: this language's, else another's."""
        view = self.by_slug.get(slug)
        if view is not None:
            return {
                "url": view.url,
                "title": view.title,
                "lang": self.lang,
                "type_label": view.type_label,
                "date_text": view.date_text,
                "pdf": view.pdf,
            }
        for lang, pubs in self.all.items():
            pub = next((p for p in pubs if p.slug == slug), None)
            url = self.state.find(lang, ("report", slug), hidden=True) if pub else None
            if url:
                return {
                    "url": url,
                    "title": pub.title,
                    "lang": lang,
                    "type_label": self.views_of.type_label(pub.type, lang),
                    "date_text": self.views_of.view(pub, Markup()).date_text,
                    "pdf": None,
                }
        return None

    # --- output -------------------------------------------------------------

    def file_links(self, folder: str, stem: str) -> list[dict]:
        return files.links(lambda path: self.state.url(self.lang, path), folder, stem)

    def how_to_cite(self, view) -> list[dict]:
        """In the page's language; and the original's, when the report was
        written in another language of the site and that page exists."""
        found = self.views_of.how_to_cite(view.csl, self.lang, self.views_of.fmt)
        original = view.original_language
        source = next(
            (p for p in self.all.get(original or "", []) if p.slug == view.slug and p.listed), None
        )
        if source is not None and original != self.lang:
            fmt = formats(self.state, original)
            item = Views(self.state, original, fmt).view(source, Markup()).csl
            found += self.views_of.how_to_cite(item, original, fmt)
        return found

    def every_language(self) -> list:
        """Every language's listed reports, cited as each language's page cites them."""
        found = []
        for lang in self.options["SITE_LANGUAGES"]:
            if lang == self.lang:
                found += self.listed
                continue
            views_of = Views(self.state, lang, formats(self.state, lang))
            for pub in self.all.get(lang, []):
                if pub.listed:
                    view = views_of.view(pub, Markup())
                    links = views_of.links(view)
                    view.bibtex, view.ris = cite.bibtex(pub, links), cite.ris(pub, links)
                    found.append(view)
        return found

    def facets(self) -> dict:
        options, lang, views = self.options, self.lang, self.listed
        types = [
            (key, sum(1 for v in views if v.type == key))
            for key in options["SITE_PUBLICATION_TYPES"]
        ]
        years: dict[int, int] = {}
        for view in views:
            years[view.date.year] = years.get(view.date.year, 0) + 1
        topics: dict[str, int] = {}
        for view in views:
            for topic in view.topics:
                topics[topic["key"]] = topics.get(topic["key"], 0) + 1
        label = self.views_of.state.topics
        return {
            "types": [
                {
                    "key": key,
                    "label": self.views_of.type_label(key, plural=True),
                    "count": n,
                    "url": self.state.url(lang, model.type_path(options, key)),
                    "path": model.type_path(options, key),
                }
                for key, n in types
                if n
            ],
            "years": [
                {
                    "year": year,
                    "count": n,
                    "url": self.state.url(lang, model.year_path(options, year)),
                    "path": model.year_path(options, year),
                    "label": self.views_of.fmt.digits(str(year)),
                }
                for year, n in sorted(years.items(), reverse=True)
            ],
            "topics": sorted(
                (
                    {"key": key, "label": label.get(key, {}).get(lang, key), "count": n}
                    for key, n in topics.items()
                ),
                key=lambda topic: topic["label"],
            ),
        }

    @build_state.timed
    def generate_output(self, writer):
        if languages.skipped(writer):  # another process writes this language
            return
        articles = self.context.get("articles", [])
        out = Path(writer.output_path)
        for view in self.views:
            self.views_of.complete(view, self.all, articles)
            files.write(out / view.pub.path, "cite", [view])
            view.cite_files = self.file_links(view.pub.path, "cite")
            view.how_to_cite = self.how_to_cite(view)
        facets = self.facets()
        listing = self.env.get_template("publications.html")
        index = model.section(self.options)
        main = self.state.main_lang
        if self.lang == main:  # every language's library, written once
            files.write(out / index, files.LIBRARY_ALL, self.every_language())
        library_all = files.links(lambda path: self.state.url(main, path), index, files.LIBRARY_ALL)
        common = {
            "facets": facets,
            "relative_urls": False,
            "index_path": index,
            "library_all": library_all,
        }
        pages = [(index, self.listed, None, None, None)]
        pages += [
            (
                f["path"],
                [v for v in self.listed if v.type == f["key"]],
                "type",
                f["key"],
                f["label"],
            )
            for f in facets["types"]
        ]
        pages += [
            (
                f["path"],
                [v for v in self.listed if v.date.year == f["year"]],
                "year",
                f["year"],
                f["label"],
            )
            for f in facets["years"]
        ]
        for path, pubs, kind, value, label in pages:
            files.write(out / path, files.LIBRARY, pubs)
            writer.write_file(
                path + "index.html",
                listing,
                self.context,
                pubs=pubs,
                filter_kind=kind,
                filter_value=value,
                filter_label=label,
                listing_path=path,
                library=self.file_links(path, files.LIBRARY),
                **common,
            )
        report = self.env.get_template("publication.html")
        for view in self.views:
            writer.write_file(
                view.pub.path + "index.html",
                report,
                self.context,
                pub=view,
                page_key=view.pub.page_key,
                index_path=index,
                hidden=not view.listed,
                relative_urls=False,
            )
        if self.options["SITE_PUBLICATIONS_FEED"]:
            feed.write(
                writer, self.settings, self.state, self.lang, self.listed,
                self.options["SITE_PUBLICATIONS_FEED"], index,
            )  # fmt: skip
