"""What reference managers read from the HTML itself: meta tags and COinS.

Google Scholar's citation_* tags and Dublin Core's DC.* tags on a report's
page (Zotero's "Embedded Metadata" reads both); a COinS span (OpenURL
ContextObject in a span's title) per report on every list, which is how
Zotero's connector offers "save all" on a page of many reports.
"""

from __future__ import annotations

from urllib.parse import urlencode

from .cite import CSL_TYPES, Links
from .model import Publication

DC_SCHEMA = "http://purl.org/dc/elements/1.1/"  # named by <link rel="schema.DC">, never fetched


def scholar_meta(pub: Publication, links: Links) -> list[tuple[str, str]]:
    """Google Scholar's citation_* <meta> tags, in the order it documents."""
    meta = [("citation_title", pub.title)]
    meta += [("citation_author", name) for name in (pub.authors or [links.publisher])]
    meta += [
        ("citation_publication_date", pub.date.citation),
        ("citation_publisher", links.publisher),
        ("citation_technical_report_institution", links.publisher),
    ]
    if pub.document_id:
        meta.append(("citation_technical_report_number", pub.document_id))
    if pub.doi:
        meta.append(("citation_doi", pub.doi))
    meta += [
        ("citation_language", pub.lang),
        ("citation_pdf_url", links.pdf),
        ("citation_abstract_html_url", links.page),
    ]
    return meta


def dublin_core(pub: Publication, links: Links) -> list[tuple[str, str]]:
    """DC.* <meta> tags (the DCMI "HTML meta" convention)."""
    meta = [("DC.title", pub.title)]
    meta += [("DC.creator", name) for name in (pub.authors or [links.publisher])]
    meta += [
        ("DC.date", pub.date.iso),
        ("DC.publisher", links.publisher),
        ("DC.language", pub.lang),
        ("DC.type", "Text"),  # the DCMI Type Vocabulary's term for a report
        ("DC.identifier", links.page),
    ]
    if pub.document_id:
        meta.append(("DC.identifier", pub.document_id))
    if pub.doi:
        meta.append(("DC.identifier", f"doi:{pub.doi}"))
    return meta


def coins(pub: Publication, links: Links) -> str:
    """The title attribute of a COinS span: a KEV ContextObject for a report
    (OpenURL's book format, genre "report"; corporate authors as aucorp)."""
    pairs = [
        ("ctx_ver", "Z39.88-2004"),
        ("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"),
        ("rfr_id", "info:sid/smex-site"),
        ("rft.genre", "report" if CSL_TYPES.get(links.ris_type) == "report" else "document"),
        ("rft.btitle", pub.title),
    ]
    pairs += [("rft.aucorp", name) for name in (pub.authors or [links.publisher])]
    pairs += [
        ("rft.date", pub.date.iso),
        ("rft.pub", links.publisher),
        ("rft.language", pub.lang),
        ("rft_id", links.page),
    ]
    if pub.doi:
        pairs.append(("rft_id", f"info:doi/{pub.doi}"))
    if pub.document_id:
        pairs.append(("rft.identifier", pub.document_id))
    return urlencode(pairs)
