"""How a report is cited: BibTeX, RIS, schema.org JSON-LD, Scholar meta tags.

Pure functions of a `Publication` and the URLs the generator resolved; the
templates only print what these return.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel import Locale

from smex_site.jsonld import dumps as jsonld_dumps

from .model import Publication

MONTHS = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)
BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


@dataclass(frozen=True)
class Links:
    """URLs the generator resolved for one report (absolute when published)."""

    page: str
    pdf: str
    publisher: str
    type_label: str
    bibtex_type: str
    ris_type: str
    size_text: str = ""
    topic_labels: tuple[str, ...] = ()
    translations: tuple[tuple[str, str], ...] = ()  # (lang, page url)
    cover: str | None = None


def language_name(lang: str) -> str:
    """English name of a language ('Arabic'), as citation managers expect."""
    return Locale.parse(lang).get_display_name("en")


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def bibtex_escape(text: str) -> str:
    return "".join(BIBTEX_SPECIALS.get(char, char) for char in _one_line(text))


def bibtex(pub: Publication, links: Links) -> str:
    """One entry; corporate authors in double braces so they are not split."""
    authors = pub.authors or [links.publisher]
    fields = [
        ("title", "{" + bibtex_escape(pub.title) + "}"),
        ("author", " and ".join("{" + bibtex_escape(a) + "}" for a in authors)),
        (
            "institution" if links.bibtex_type == "techreport" else "organization",
            bibtex_escape(links.publisher),
        ),
        ("type", bibtex_escape(links.type_label)),
        ("year", str(pub.date.year)),
    ]
    lines = [f"@{links.bibtex_type}{{{pub.slug}-{pub.lang},"]
    for name, value in fields:
        lines.append(f"  {name} = {{{value}}},")
    if pub.date.precision in ("day", "month"):
        lines.append(f"  month = {MONTHS[pub.date.value.month - 1]},")
    lines.append(f"  language = {{{language_name(pub.lang).lower()}}},")
    lines.append(f"  url = {{{links.page}}},")
    lines.append(f"  note = {{PDF: {bibtex_escape(links.pdf)}}}")
    lines.append("}")
    return "\n".join(lines)


def ris_date(pub: Publication) -> str:
    """RIS dates are YYYY/MM/DD/other, fields left empty when unknown."""
    parts = [*pub.date.citation.split("/"), "", "", ""]
    return "/".join(parts[:3]) + "/"


def ris(pub: Publication, links: Links) -> str:
    """RIS: 'TY  - ' first, 'ER  - ' last, one tag per line."""
    rows = [("TY", links.ris_type), ("TI", pub.title)]
    rows += [("AU", author) for author in (pub.authors or [links.publisher])]
    rows += [
        ("PY", str(pub.date.year)),
        ("DA", ris_date(pub)),
        ("PB", links.publisher),
        ("M3", links.type_label),
        ("LA", language_name(pub.lang)),
        ("AB", pub.summary),
    ]
    rows += [("KW", label) for label in links.topic_labels]
    rows += [("UR", links.page), ("L1", links.pdf)]
    lines = [f"{tag}  - {_one_line(value)}" for tag, value in rows]
    lines.append("ER  - ")
    return "\n".join(lines)


def jsonld_data(pub: Publication, links: Links) -> dict:
    organisation = {"@type": "Organization", "name": links.publisher}
    data = {
        "@context": "https://schema.org",
        "@type": "Report",
        "@id": links.page,
        "url": links.page,
        "name": pub.title,
        "headline": pub.title[:110],
        "description": pub.summary,
        "datePublished": pub.date.iso,
        "inLanguage": pub.lang,
        "genre": links.type_label,
        "author": [{"@type": "Organization", "name": name} for name in pub.authors]
        or [organisation],
        "publisher": organisation,
        "isAccessibleForFree": True,
        "encoding": {
            "@type": "MediaObject",
            "contentUrl": links.pdf,
            "encodingFormat": "application/pdf",
            "contentSize": links.size_text,
            "inLanguage": pub.lang,
        },
    }
    if links.topic_labels:
        data["keywords"] = ", ".join(links.topic_labels)
        data["about"] = [{"@type": "Thing", "name": label} for label in links.topic_labels]
    if links.translations:
        data["workTranslation"] = [
            {"@type": "Report", "@id": url, "inLanguage": lang} for lang, url in links.translations
        ]
    if links.cover:
        data["image"] = links.cover
    return data


def jsonld(pub: Publication, links: Links) -> str:
    """JSON safe to print inside <script type="application/ld+json">."""
    return jsonld_dumps(jsonld_data(pub, links))


def scholar_meta(pub: Publication, links: Links) -> list[tuple[str, str]]:
    """Google Scholar's citation_* <meta> tags, in the order it documents."""
    meta = [("citation_title", pub.title)]
    meta += [("citation_author", name) for name in (pub.authors or [links.publisher])]
    meta += [
        ("citation_publication_date", pub.date.citation),
        ("citation_publisher", links.publisher),
        ("citation_technical_report_institution", links.publisher),
        ("citation_language", pub.lang),
        ("citation_pdf_url", links.pdf),
        ("citation_abstract_html_url", links.page),
    ]
    return meta
