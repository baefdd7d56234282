"""Checked entries -> Publication models, with what a visitor may see at "now"."""

from __future__ import annotations

from pathlib import Path

from smex_site import publishing

from . import model


def pdf_file(content: Path, rel: str, lang: str) -> model.PdfFile:
    return model.PdfFile(rel, lang, (content / rel).stat().st_size)


def publication(entry, options: dict, content: Path, listed: bool) -> model.Publication:
    values = entry.values
    others = {
        key[len("pdf-") :]: pdf_file(content, rel, key[len("pdf-") :])
        for key, rel in values.items()
        if key.startswith("pdf-")
    }
    return model.Publication(
        slug=entry.slug,
        lang=entry.lang,
        title=values["title"],
        type=values["type"],
        date=values["date"],
        summary=values["summary"],
        pdf=pdf_file(content, values["pdf"], entry.lang),
        source=entry.path,
        path=model.page_path(options, entry.slug),
        listed=listed,
        topics=values.get("topics", []),
        authors=values.get("authors", []),
        publisher=values.get("publisher"),
        cover=values.get("cover"),
        other_pdfs=others,
        figures=values.get("figures", []),
        body=entry.doc.body,
        document_id=values.get("document-id"),
        original_language=values.get("original-language"),
        doi=values.get("doi"),
    )


def load_all(catalog, options: dict, now) -> dict[str, list[model.Publication]]:
    """lang -> its written publications (published and hidden), newest first."""
    content = catalog.ctx.content
    result: dict[str, list[model.Publication]] = {lang: [] for lang in options["SITE_LANGUAGES"]}
    for entry in catalog.of_kind("report"):
        seen = entry.visibility(now)
        if publishing.is_written(seen):
            pub = publication(entry, options, content, publishing.is_listed(seen))
            result[entry.lang].append(pub)
    for pubs in result.values():
        pubs.sort(key=lambda pub: pub.sort_key)
    return result
