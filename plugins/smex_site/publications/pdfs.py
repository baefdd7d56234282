"""A report's PDFs: PDF: is the page's own language's file, PDF-<lang>
another language's (for a report with no page in that language).

One language's PDF is one fact, whichever file names it: a translation's
PDF: is its original's PDF-<translation's language>, and its PDF-<lang> the
original's PDF: when <lang> is the original's language (kinds.Key.fact_key).
So a translation may leave its PDFs out and take them from its original
(translations.inherit), and one it states must be the original's
(validation/translations.py). The original's own PDF is never taken
(Key.own_file): the original's page offers it, while that page is listed.
"""

from __future__ import annotations

import re

from smex_site import fields, kinds, paths
from smex_site.fields import FieldContext, FieldError

PDF_LANG = re.compile(r"-(?P<lang>[a-z]{2,3})\.pdf$", re.IGNORECASE)
PDF_EXAMPLE = "files/publications/report-en.pdf"


def pdf_for(lang_of_key: str | None):
    """A PDF under files/, in the language the key is for (PDF: the page's)."""
    path = fields.content_file("files", (".pdf",), PDF_EXAMPLE)

    def parse(value: str, ctx: FieldContext) -> str:
        rel = path(value, ctx)
        with (ctx.content / rel).open("rb") as handle:
            if handle.read(5) != b"%PDF-":
                raise FieldError(f"{rel!r} does not start with %PDF-; it is not a PDF file")
        lang = lang_of_key or ctx.lang
        named = PDF_LANG.search(rel)
        if named and named["lang"] in ctx.languages and named["lang"] != lang:
            wanted = PDF_LANG.sub(f"-{lang}.pdf", rel)
            hint = f"; expected {wanted}" if paths.is_file(ctx.content / wanted) else ""
            raise FieldError(
                f"{rel!r} is the {ctx.languages[named['lang']]['name']} PDF, but this key is "
                f"for {ctx.languages[lang]['name']}: the page would offer it under the wrong "
                f"language{hint}"
            )
        return rel

    return parse


def other_pdf_keys(languages: dict) -> tuple[kinds.Key, ...]:
    return tuple(
        kinds.Key(
            f"pdf-{lang}",
            pdf_for(lang),
            example=f"files/publications/{{slug}}-{lang}.pdf",
            fact=kinds.fact,
            fact_key=other_pdf_in_original(lang),
        )
        for lang in languages
    )


def own_pdf_in_original(lang: str, original_lang: str) -> str:
    return f"pdf-{lang}"


def other_pdf_in_original(pdf_lang: str):
    def key(lang: str, original_lang: str) -> str | None:
        if pdf_lang == lang:
            return None  # a page's own PDF goes in PDF: (kind.check)
        return "pdf" if pdf_lang == original_lang else f"pdf-{pdf_lang}"

    return key


OWN_PDF = kinds.Key(
    "pdf",
    pdf_for(None),
    required=True,
    example="files/publications/{slug}-{lang}.pdf",
    fact=kinds.fact,
    fact_key=own_pdf_in_original,
    own_file=True,
)
