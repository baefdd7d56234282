"""What templates need about one report, every string ready to print."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from smex_site.l10n import Formats

from . import cite, howto, model, tags


@dataclass
class PubView:
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
    original_language_label: str = ""  # "Arabic" / "العربية", when known
    # filled once every language is known (Views.complete)
    other_pdfs: list[dict] = field(default_factory=list)
    translations: list[dict] = field(default_factory=list)
    announced_by: list[dict] = field(default_factory=list)
    coins: str = ""  # filled at once: lists (the home page too) print it
    bibtex: str = ""
    ris: str = ""
    csl: dict = field(default_factory=dict)
    jsonld: str = ""
    meta: list[tuple[str, str]] = field(default_factory=list)
    dc_meta: list[tuple[str, str]] = field(default_factory=list)
    cite_files: list[dict] = field(default_factory=list)  # cite.bib, .ris, .json
    how_to_cite: list[dict] = field(default_factory=list)  # howto.py, per style and language

    def __getattr__(self, name):
        # slug, title, summary, figures, authors, listed… straight from the model
        return getattr(self.__dict__["pub"], name)


def date_text(fmt: Formats, date: model.PubDate) -> str:
    if date.precision == "day":
        return fmt.date(date.value)
    if date.precision == "month":
        return fmt.month(date.value)
    return fmt.digits(str(date.year))


class Views:
    """Builds the PubViews of one language."""

    def __init__(self, state, lang: str, fmt: Formats):
        self.state = state
        self.lang = lang
        self.fmt = fmt
        self.options = state.options
        self.types = self.options["SITE_PUBLICATION_TYPES"]

    def url(self, path: str, lang: str | None = None) -> str:
        return self.state.url(lang or self.lang, path)

    def file_url(self, rel: str) -> str:
        """Content files live once, in the main language's output."""
        return self.state.url(self.state.main_lang, rel)

    def type_label(self, key: str, lang: str | None = None, plural: bool = False) -> str:
        info = self.types.get(key, {})
        lang = lang or self.lang
        return info.get("plural", {}).get(lang, key) if plural else info.get(lang, key)

    def pdf(self, pdf: model.PdfFile) -> dict:
        info = self.options["SITE_LANGUAGES"][pdf.lang]
        return {
            "url": self.file_url(pdf.path),
            "bytes": pdf.size,
            "size": self.fmt.size(pdf.size),
            "lang": pdf.lang,
            "lang_name": info["name"],
            "lang_dir": info["dir"],
            "lang_label": self.fmt.language_name(pdf.lang),
        }

    def view(self, pub: model.Publication, content: Markup) -> PubView:
        default = self.options["SITE_PUBLICATIONS_PUBLISHER"].get(self.lang)
        topics = self.state.topics
        view = PubView(
            pub=pub,
            url=self.url(pub.path),
            type_label=self.type_label(pub.type),
            type_url=self.url(model.type_path(self.options, pub.type)),
            year_url=self.url(model.year_path(self.options, pub.date.year)),
            date_iso=pub.date.iso,
            date_text=date_text(self.fmt, pub.date),
            topics=[
                {"key": key, "label": topics.get(key, {}).get(self.lang, key)} for key in pub.topics
            ],
            pdf=self.pdf(pub.pdf),
            content=content,
            partner=bool(pub.publisher) and pub.publisher != default,
            publisher=pub.publisher or default or "",
            cover_url=self.file_url(pub.cover) if pub.cover else None,
            original_language_label=(
                self.fmt.language_name(pub.original_language) if pub.original_language else ""
            ),
        )
        links = self.links(view)  # no translations yet: neither COinS nor CSL name them
        view.coins, view.csl = tags.coins(pub, links), cite.csl(pub, links)
        return view

    def how_to_cite(self, item: dict, lang: str, fmt: Formats) -> list[dict]:
        """The item rendered in every style the settings name, in `lang`."""
        info = self.options["SITE_LANGUAGES"].get(lang, {})
        return [
            {
                "style": style,
                "title": howto.style_title(style),
                "lang": lang,
                "dir": info.get("dir", "ltr"),
                "lang_label": self.fmt.language_name(lang),
                "html": howto.render(item, style, lang, fmt.digits),
            }
            for style in self.options["SITE_CITATION_STYLES"]
        ]

    def links(self, view: PubView) -> cite.Links:
        """Every URL and label the citation formats print, resolved once."""
        entry = self.types[view.pub.type]
        return cite.Links(
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

    def complete(self, view: PubView, all_pubs: dict, articles) -> None:
        """Translations, other PDFs, announcing posts and citations."""
        pub = view.pub
        view.translations, view.other_pdfs = [], []
        pdf_langs = {pub.lang}
        for lang, info in self.options["SITE_LANGUAGES"].items():
            if lang == self.lang:
                continue
            # a hidden translation is no other page's: neither its page nor its PDF
            other = next(
                (p for p in all_pubs.get(lang, []) if p.slug == pub.slug and p.listed), None
            )
            page = self.state.find(lang, ("report", pub.slug)) if other else None
            if page:
                view.translations.append(
                    {
                        "lang": lang,
                        "name": info["name"],
                        "dir": info["dir"],
                        "url": page,
                        "lang_label": self.fmt.language_name(lang),
                    }
                )
            pdf = other.pdf if other else pub.other_pdfs.get(lang)
            if pdf is not None and pdf.lang not in pdf_langs:
                pdf_langs.add(pdf.lang)
                view.other_pdfs.append(self.pdf(pdf))
        view.announced_by = [
            {"url": self.url(article.url), "title": article.title, "date": article.date}
            for article in articles
            if pub.slug in (getattr(article, "announces", None) or [])
        ]
        links = self.links(view)
        view.bibtex = cite.bibtex(pub, links)
        view.ris = cite.ris(pub, links)
        view.jsonld = cite.jsonld(pub, links)
        view.meta = tags.scholar_meta(pub, links)
        view.dc_meta = tags.dublin_core(pub, links)
