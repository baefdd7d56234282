"""How a report is cited: BibTeX, RIS, CSL-JSON, schema.org JSON-LD.

Pure functions of a `Publication` and the URLs the generator resolved; the
templates and the files (files.py) only print what these return. The meta
tags and COinS are in tags.py.
"""

from __future__ import annotations

import json
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
# CSL's item type for the RIS type SITE_PUBLICATION_TYPES names, so that every
# format says the same (citation-js and Zotero read GEN as a "document").
CSL_TYPES = {"RPRT": "report", "GEN": "document", "BOOK": "book", "CHAP": "chapter"}
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
    if pub.document_id:  # a report's number, in BibTeX's own field
        fields.append(("number", pub.document_id))
    lines = [f"@{links.bibtex_type}{{{pub.key},"]
    for name, value in fields:
        lines.append(f"  {name} = {{{value}}},")
    if pub.date.precision in ("day", "month"):
        lines.append(f"  month = {MONTHS[pub.date.value.month - 1]},")
        lines.append(f"  date = {{{pub.date.iso}}},")  # biblatex's, to the day
    lines.append(f"  language = {{{language_name(pub.lang).lower()}}},")
    if pub.original_language:  # biblatex's field; BibTeX styles ignore it
        lines.append(f"  origlanguage = {{{language_name(pub.original_language).lower()}}},")
    if pub.doi:
        lines.append(f"  doi = {{{bibtex_escape(pub.doi)}}},")
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
    if pub.document_id:  # the report number: SN for TY RPRT (elsewhere SN is an ISBN)
        rows.append(("SN" if links.ris_type == "RPRT" else "M1", pub.document_id))
    if pub.original_language:  # RIS has no tag of its own for it
        rows.append(("N1", f"Original language: {language_name(pub.original_language)}"))
    if pub.doi:
        rows.append(("DO", pub.doi))
    rows += [("KW", label) for label in links.topic_labels]
    rows += [("UR", links.page), ("L1", links.pdf)]
    lines = [f"{tag}  - {_one_line(value)}" for tag, value in rows]
    lines.append("ER  - ")
    return "\n".join(lines)


def csl_date(pub: Publication) -> dict:
    """CSL's date-parts, as precise as the date is known."""
    value = pub.date.value
    parts = {"day": [value.year, value.month, value.day], "month": [value.year, value.month]}
    return {"date-parts": [parts.get(pub.date.precision, [value.year])]}


def csl(pub: Publication, links: Links) -> dict:
    """One CSL-JSON item (the CSL data schema, csl-data.json)."""
    item = {
        "id": pub.key,
        "type": CSL_TYPES.get(links.ris_type, "document"),
        "title": _one_line(pub.title),
        "author": [{"literal": _one_line(name)} for name in (pub.authors or [links.publisher])],
        "publisher": _one_line(links.publisher),
        "genre": _one_line(links.type_label),
        "issued": csl_date(pub),
        "language": pub.lang,
        "abstract": _one_line(pub.summary),
        "URL": links.page,
    }
    if pub.document_id:
        item["number"] = pub.document_id
    if pub.doi:
        item["DOI"] = pub.doi
    if links.topic_labels:
        item["keyword"] = ", ".join(links.topic_labels)
    if pub.original_language:  # CSL has no variable of its own for it
        item["note"] = f"Original language: {language_name(pub.original_language)}"
    return item


def csl_json(items: list[dict]) -> str:
    """A CSL-JSON file: an array of items, as reference managers import it."""
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


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
    identifiers = [("Document-ID", pub.document_id), ("DOI", pub.doi)]
    found = [
        {"@type": "PropertyValue", "propertyID": name, "value": value}
        for name, value in identifiers
        if value
    ]
    if found:
        data["identifier"] = found if len(found) > 1 else found[0]
    data.update(translation_links(pub, links))
    if links.cover:
        data["image"] = links.cover
    return data


def translation_links(pub: Publication, links: Links) -> dict:
    """The original names its translations; a translation names its original.
    Without Original-Language, every other language's page is a translation."""
    original = pub.original_language
    others = [
        {"@type": "Report", "@id": url, "inLanguage": lang} for lang, url in links.translations
    ]
    if original and original != pub.lang:
        source = [other for other in others if other["inLanguage"] == original]
        return {
            "translationOfWork": source[0]
            if source
            else {"@type": "Report", "inLanguage": original}
        }
    return {"workTranslation": others} if others else {}


def jsonld(pub: Publication, links: Links) -> str:
    """JSON safe to print inside <script type="application/ld+json">."""
    return jsonld_dumps(jsonld_data(pub, links))
