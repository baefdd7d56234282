"""Writes the publications of one language: index, filter pages, report pages, feed.

generate_context() loads the reports, registers every page this language will
write (so the switcher and hreflang of both languages know them) and puts
`publications` (this language's, newest first) and `publication_for(slug)`
into the shared context for the home page and the news posts.
generate_output() completes what needs the other language (its URLs exist
only once its subsite started) and the articles (who announces what).
"""

from __future__ import annotations

import datetime as dt
import html
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

import feedgenerator
from babel import Locale
from babel import dates as babel_dates
from babel.units import format_unit
from markdown import Markdown
from markupsafe import Markup
from pelican.generators import Generator

from . import dates, taxonomy
from . import publications as model
from . import publications_cite as cite
from . import settings as site_settings
from . import state as build_state


@dataclass
class PubView:
    """What templates need about one report, every string ready to print."""

    pub: model.Publication
    url: str
    type_label: str
    type_url: str
    year_url: str
    date_iso: str
    date_text: str
    topics: list[dict]
    pdf: dict
    content: Markup
    partner: bool
    publisher: str
    cover_url: str | None = None
    # filled in generate_output
    other_pdfs: list[dict] = field(default_factory=list)
    translations: list[dict] = field(default_factory=list)
    announced_by: list[dict] = field(default_factory=list)
    bibtex: str = ""
    ris: str = ""
    jsonld: str = ""
    meta: list[tuple[str, str]] = field(default_factory=list)

    def __getattr__(self, name):
        # slug, title, summary, figures, authors… straight from the model
        return getattr(self.__dict__["pub"], name)

    @property
    def search_text(self) -> str:
        return f"{self.pub.title} {self.pub.summary}"


def format_size(settings: dict, size: int, lang: str) -> str:
    """1234 -> '1.2 kB' / '1,2 كيلوبايت' (decimal units, CLDR names)."""
    info = site_settings.read(settings)["SITE_LANGUAGES"][lang]
    if size < 1000:
        amount, unit = size, "digital-byte"
    elif size < 1_000_000:
        amount, unit = round(size / 1000, 1), "digital-kilobyte"
    else:
        amount, unit = round(size / 1_000_000, 1), "digital-megabyte"
    text = format_unit(amount, unit, length="short", format="0.#", locale=info["locale"])
    return dates.digits(text, info)


def format_pub_date(settings: dict, date: model.PubDate, lang: str) -> str:
    info = site_settings.read(settings)["SITE_LANGUAGES"][lang]
    if date.precision == "day":
        return dates.format_date(settings, date.value, "long", lang)
    if date.precision == "month":
        text = babel_dates.format_skeleton("yMMMM", date.value, locale=info["locale"])
    else:
        text = str(date.year)
    return dates.digits(text, info)


def markdown_renderer(settings: dict) -> Markdown:
    """Pelican's Markdown configuration, without the metadata extension."""
    config = dict(settings.get("MARKDOWN", {}))
    ext_configs = {
        name: options
        for name, options in config.get("extension_configs", {}).items()
        if not name.endswith(".meta")
    }
    extensions = [e for e in config.get("extensions", []) if not str(e).endswith(".meta")]
    extensions += [name for name in ext_configs if name not in extensions]
    return Markdown(
        extensions=extensions,
        extension_configs=ext_configs,
        output_format=config.get("output_format", "html5"),
    )


class PublicationsGenerator(Generator):
    """One per language run; writes only that language's pages."""

    def generate_context(self):
        settings = self.settings
        self.lang = settings["DEFAULT_LANG"]
        self.state = build_state.get(settings)
        self.ours = site_settings.read(settings)
        self.all = model.load_all(settings)
        self.topic_table = self.state.topics or taxonomy.load_topics(settings)
        renderer = markdown_renderer(settings)
        self.views = []
        for pub in self.all.get(self.lang, []):
            renderer.reset()
            self.views.append(self._view(pub, Markup(renderer.convert(pub.body))))
        self.by_slug = {view.slug: view for view in self.views}
        self._register()
        self.context["publications"] = self.views
        self.context["publications_latest"] = self.views[: self.ours["SITE_PUBLICATIONS_ON_HOME"]]
        self.context["publication_for"] = self.publication_for
        self.context["publications_feed_url"] = self._url(self.ours["SITE_PUBLICATIONS_FEED"])

    # --- urls and views -----------------------------------------------------

    def _url(self, path: str, lang: str | None = None) -> str:
        return self.state.url(lang or self.lang, path)

    def _file_url(self, rel: str) -> str:
        """Content files live once, in the main language's output."""
        return self.state.url(self.state.main_lang, rel)

    def _pdf(self, pdf: model.PdfFile) -> dict:
        return {
            "url": self._file_url(pdf.path),
            "bytes": pdf.size,
            "size": format_size(self.settings, pdf.size, self.lang),
            "lang": pdf.lang,
            "lang_name": self.ours["SITE_LANGUAGES"][pdf.lang]["name"],
            "lang_dir": self.ours["SITE_LANGUAGES"][pdf.lang]["dir"],
            "lang_label": self._language_label(pdf.lang),
        }

    def _digits(self, text: str) -> str:
        return dates.digits(text, self.ours["SITE_LANGUAGES"][self.lang])

    def _language_label(self, other: str) -> str:
        """'English' / 'الإنجليزية': a language named in the page's language."""
        locale = self.ours["SITE_LANGUAGES"][self.lang]["locale"]
        return Locale.parse(other).get_display_name(locale) or other

    def _view(self, pub: model.Publication, content: Markup) -> PubView:
        publisher = pub.publisher or self.ours["SITE_PUBLICATIONS_PUBLISHER"][self.lang]
        return PubView(
            pub=pub,
            url=self._url(pub.path),
            type_label=model.type_label(self.settings, pub.type, self.lang),
            type_url=self._url(type_path(pub.type)),
            year_url=self._url(year_path(pub.date.year)),
            date_iso=pub.date.iso,
            date_text=format_pub_date(self.settings, pub.date, self.lang),
            topics=[
                {"key": key, "label": taxonomy.label(self.topic_table, key, self.lang)}
                for key in pub.topics
            ],
            pdf=self._pdf(pub.pdf),
            content=content,
            partner=bool(pub.publisher)
            and pub.publisher != self.ours["SITE_PUBLICATIONS_PUBLISHER"][self.lang],
            publisher=publisher,
            cover_url=self._file_url(pub.cover) if pub.cover else None,
        )

    def _register(self) -> None:
        lang = self.lang
        self.state.register(lang, ("path", model.FOLDER + "/"), model.FOLDER + "/")
        for view in self.views:
            self.state.register(lang, ("report", view.slug), view.pub.path)
        for key in self.type_counts():
            self.state.register(lang, ("path", type_path(key)), type_path(key))
        for year in self.year_counts():
            self.state.register(lang, ("path", year_path(year)), year_path(year))

    def type_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for key in self.ours["SITE_PUBLICATION_TYPES"]:  # the settings' order
            found = sum(1 for view in self.views if view.type == key)
            if found:
                counts[key] = found
        return counts

    def year_counts(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for view in self.views:
            counts[view.date.year] = counts.get(view.date.year, 0) + 1
        return dict(sorted(counts.items(), reverse=True))

    def topic_counts(self) -> list[dict]:
        counts: dict[str, int] = {}
        for view in self.views:
            for key in view.pub.topics:
                counts[key] = counts.get(key, 0) + 1
        return [
            {
                "key": key,
                "label": taxonomy.label(self.topic_table, key, self.lang),
                "count": n,
            }
            for key, n in sorted(
                counts.items(),
                key=lambda item: taxonomy.label(self.topic_table, item[0], self.lang),
            )
        ]

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
            for pub in pubs:
                url = self.state.find(lang, ("report", slug)) if pub.slug == slug else None
                if url:
                    return {
                        "url": url,
                        "title": pub.title,
                        "lang": lang,
                        "type_label": model.type_label(self.settings, pub.type, lang),
                        "date_text": format_pub_date(self.settings, pub.date, lang),
                        "pdf": None,
                    }
        return None

    # --- output -------------------------------------------------------------

    def _complete(self, view: PubView, articles) -> None:
        """Translations, announcing posts and citations (need every language)."""
        pub = view.pub
        view.translations = []
        pdf_langs = {pub.lang}
        view.other_pdfs = []
        for lang, info in self.ours["SITE_LANGUAGES"].items():
            if lang == self.lang:
                continue
            other = next((p for p in self.all.get(lang, []) if p.slug == pub.slug), None)
            page = self.state.find(lang, ("report", pub.slug)) if other else None
            if page:
                view.translations.append(
                    {
                        "lang": lang,
                        "name": info["name"],
                        "dir": info["dir"],
                        "url": page,
                        "lang_label": self._language_label(lang),
                    }
                )
            pdf = other.pdf if other else pub.other_pdfs.get(lang)
            if pdf is not None and pdf.lang not in pdf_langs:
                pdf_langs.add(pdf.lang)
                view.other_pdfs.append(self._pdf(pdf))
        view.announced_by = [
            {
                "url": self._url(article.url),
                "title": article.title,
                "date": article.date,
            }
            for article in articles
            if pub.slug in model.parse_topics(getattr(article, "announces", ""))
        ]
        entry = self.ours["SITE_PUBLICATION_TYPES"][pub.type]
        links = cite.Links(
            page=view.url,
            pdf=view.pdf["url"],
            publisher=view.publisher,
            type_label=view.type_label,
            bibtex_type=entry.get("bibtex", "techreport"),
            ris_type=entry.get("ris", "RPRT"),
            size_text=view.pdf["size"],
            topic_labels=tuple(topic["label"] for topic in view.topics),
            translations=tuple((t["lang"], t["url"]) for t in view.translations),
            cover=view.cover_url,
        )
        view.bibtex = cite.bibtex(pub, links)
        view.ris = cite.ris(pub, links)
        view.jsonld = cite.jsonld(pub, links)
        view.meta = cite.scholar_meta(pub, links)

    def generate_output(self, writer):
        articles = self.context.get("articles", [])
        for view in self.views:
            self._complete(view, articles)
        facets = {
            "types": [
                {
                    "key": key,
                    "label": model.type_label(self.settings, key, self.lang, plural=True),
                    "count": n,
                    "url": self._url(type_path(key)),
                    "path": type_path(key),
                }
                for key, n in self.type_counts().items()
            ],
            "years": [
                {
                    "year": year,
                    "count": n,
                    "url": self._url(year_path(year)),
                    "path": year_path(year),
                    "label": self._digits(str(year)),
                }
                for year, n in self.year_counts().items()
            ],
            "topics": self.topic_counts(),
        }
        listing = self.env.get_template("publications.html")
        common = {"facets": facets, "relative_urls": False}
        writer.write_file(
            model.FOLDER + "/index.html",
            listing,
            self.context,
            pubs=self.views,
            filter_kind=None,
            filter_value=None,
            listing_path=model.FOLDER + "/",
            **common,
        )
        for facet in facets["types"]:
            writer.write_file(
                facet["path"] + "index.html",
                listing,
                self.context,
                pubs=[v for v in self.views if v.type == facet["key"]],
                filter_kind="type",
                filter_value=facet["key"],
                filter_label=facet["label"],
                listing_path=facet["path"],
                **common,
            )
        for facet in facets["years"]:
            writer.write_file(
                facet["path"] + "index.html",
                listing,
                self.context,
                pubs=[v for v in self.views if v.date.year == facet["year"]],
                filter_kind="year",
                filter_value=facet["year"],
                filter_label=facet["label"],
                listing_path=facet["path"],
                **common,
            )
        report = self.env.get_template("publication.html")
        for view in self.views:
            writer.write_file(
                view.pub.path + "index.html",
                report,
                self.context,
                pub=view,
                relative_urls=False,
            )
        self.write_feed(writer)

    def write_feed(self, writer) -> None:
        path = self.ours["SITE_PUBLICATIONS_FEED"]
        if not path:
            return
        title = self.env.from_string('{{ _("Publications") }}').render()
        feed = feedgenerator.Atom1Feed(
            title=f"{self.settings['SITENAME']}: {title}",
            link=self._url(model.FOLDER + "/"),
            feed_url=self._url(path),
            description="",
            language=self.lang,
        )
        zone = zoneinfo.ZoneInfo(self.settings.get("TIMEZONE") or "UTC")
        for view in self.views:
            moment = dt.datetime.combine(view.date.value, dt.time(), zone)
            feed.add_item(
                title=view.title,
                link=view.url,
                # Issue 10: <summary type="html"> is read as HTML; the Summary is
                # plain text, so escape it (else <img onerror> runs in feed readers).
                description=html.escape(view.summary or "", quote=False),
                unique_id=feedgenerator.get_tag_uri(view.url, moment),
                pubdate=moment,
                updateddate=moment,
                categories=[view.type_label, *(t["label"] for t in view.topics)],
                author_name="; ".join(view.authors) or view.publisher,
                enclosures=[
                    feedgenerator.Enclosure(
                        view.pdf["url"], str(view.pdf["bytes"]), "application/pdf"
                    )
                ],
            )
        target = Path(writer.output_path) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8") as handle:
            feed.write(handle, "utf-8")


def type_path(key: str) -> str:
    return f"{model.FOLDER}/type/{key}/"


def year_path(year: int) -> str:
    return f"{model.FOLDER}/{year:04d}/"
