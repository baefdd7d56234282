"""A report, declared once: its keys and their parsers, its checks, its pages.

Title, Lang, Slug, Summary (plain text), Status   as for every kind
Date: 2023-02-20 | 2022-07 | 2022   as precise as is known; schedules it
Type: a key of SITE_PUBLICATION_TYPES
Topics: keys of data/topics.toml     Authors: names (the one list rule)
Publisher: (default SITE_PUBLICATIONS_PUBLISHER)
PDF: files/… (this page's language) PDF-<lang>: another language's PDF,
Cover: images/…                      for a report with no page in it
                                     (pdfs.py: one PDF is one fact, whichever file
                                     names it)
Figures: 13 | publications; 3000+ | trainees   (value | label; …)
Document-ID: SMEX-2023-01            the same in every language, never reused (ids.py)
Original-Language: ar                the language it was written in, when known
DOI: 10.5281/zenodo.1234567          when it has one
"""

from __future__ import annotations

import datetime as dt
import re

from smex_site import dates, fields, kinds, publishing
from smex_site.fields import FieldContext, FieldError
from smex_site.validation.core import Problem

from . import howto, ids, model, pdfs

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".svg", ".avif", ".gif")
FIGURES_EXAMPLE = "'Figures: 13 | publications; 3000+ | trainees'"


def pub_date(value: str, ctx: FieldContext) -> model.PubDate:
    text = fields.structured(value)
    match = DATE_RE.match(text)
    expected = (
        "expected YYYY-MM-DD, or YYYY-MM or YYYY when only the month or year is "
        "known (e.g. 2023-02-20)"
    )
    if not match:
        hint = dates.day_month_hint(text)  # an unclear day/month order: its own message
        raise FieldError(f"{text!r} is not a date{hint}; {expected}")
    year, month, day = (int(part) if part else None for part in match.groups())
    precision = "day" if day else "month" if month else "year"
    try:
        found = dates.real_date(year, month or 1, day or 1, text)
    except FieldError:
        raise FieldError(f"{text!r} is not a real date; {expected}") from None
    return model.PubDate(found, precision)


def pub_type(value: str, ctx: FieldContext) -> str:
    known = tuple(ctx.options["SITE_PUBLICATION_TYPES"])
    found = value.strip()
    if found not in known:
        raise FieldError(
            f"{found!r}{fields.suggest(found, known)} is not a publication type; expected one "
            f"of {', '.join(known)} (SITE_PUBLICATION_TYPES in pelicanconf.py)"
        )
    return found


def figures(value: str, ctx: FieldContext) -> list[model.Figure]:
    """'13 | publications; 3000+ | trainees' -> [Figure('13', 'publications'), …]."""
    found = []
    for number, item in enumerate(fields.split_list(value), start=1):
        parts = [part.strip() for part in item.split("|")]
        if len(parts) != 2 or not all(parts):
            raise FieldError(
                f"item {number} {item!r} is not a 'value | label' pair; expected pairs "
                f"separated by ';', e.g. {FIGURES_EXAMPLE}"
            )
        found.append(model.Figure(*parts))
    return found


SUMMARY = kinds.Key(
    "summary",
    fields.text,
    required=True,
    multiline=True,
    example="one or two sentences",
    translated=kinds.TEXT,
)
KEYS = (
    *(key for key in kinds.COMMON if key.name != "summary"),
    SUMMARY,
    kinds.Key("date", pub_date, required=True, example="2023-02-20", fact=lambda d: d.iso),
    kinds.Key("type", pub_type, required=True, example="annual-report", fact=kinds.fact),
    kinds.Key(
        "topics", fields.topic_keys, multiline=True, example="privacy, advocacy", fact=kinds.fact
    ),
    kinds.Key("authors", fields.names, multiline=True, example="SMEX", translated=kinds.NAMES),
    kinds.Key("publisher", fields.text, example="SMEX", translated=kinds.NAMES),
    pdfs.OWN_PDF,
    kinds.Key(
        "cover",
        fields.content_file("images", IMAGE_SUFFIXES, "images/report-cover.jpg"),
        example="images/report-cover.jpg",
        fact=kinds.fact,
    ),
    kinds.Key(
        "figures",
        figures,
        multiline=True,
        example="13 | publications; 3000+ | trainees",
        translated=kinds.NAMES,  # the labels; the numbers stay
        fact=lambda found: "; ".join(figure.value for figure in found),
    ),
    kinds.Key("document-id", ids.document_id, example=ids.ID_EXAMPLE),
    kinds.Key("original-language", ids.language_code, example="ar"),
    kinds.Key("doi", ids.doi, example="10.5281/zenodo.1234567"),
)


def check(entry, ctx) -> list[Problem]:
    problems = []
    slug = entry.slug or ""
    if re.fullmatch(r"\d{4}", slug):
        problems.append(
            ctx.problem(
                entry,
                "slug",
                f"{slug!r} is the address of the {slug} publications list; choose a slug "
                "with words, e.g. annual-report-2022",
            )
        )
    own = f"pdf-{entry.lang}"
    if own in entry.doc.fields:
        problems.append(
            ctx.problem(
                entry,
                own,
                f"this page is in {ctx.languages[entry.lang]['name']}: its PDF goes in 'PDF:'; "
                "PDF-<lang> is for another language "
                f"({', '.join(sorted(ctx.languages.keys() - {entry.lang}))})",
            )
        )
    return problems


def site_check(entries, catalog, ctx) -> list[Problem]:
    """Translations do not share one PDF; a post announces a report that exists
    and is published when the post is."""
    problems = []
    by_pdf: dict[tuple, object] = {}
    for entry in entries:
        pdf = entry.values.get("pdf")
        if not pdf:
            continue
        first = by_pdf.setdefault((entry.slug, pdf), entry)
        if first is not entry:
            problems.append(
                ctx.problem(
                    entry,
                    "pdf",
                    f"{pdf!r} is also the PDF of {first.rel}; each language's page offers its "
                    "own language's PDF (the other one appears as 'Also in …')",
                )
            )
    problems += ids.check(entries, ctx)
    reports = {entry.slug: entry for entry in entries if entry.slug}
    for post in catalog.of_kind("post"):
        if not publishing.is_written(post.visibility(ctx.now)):
            continue
        for slug in post.values.get("announces", []):
            report = reports.get(slug)
            state = report.visibility(ctx.now) if report else None
            if report is None:
                hint = ", ".join(sorted(reports)) or "none yet"
                message = (
                    f"{slug!r} is not the slug of any publication; expected the Slug of a "
                    f"file in content/<lang>/publications/ (known: {hint})"
                )
            elif not publishing.is_written(state):
                message = (
                    f"{slug!r} is {state} ({report.rel}): the post would link to a page "
                    "that does not exist yet; publish the report first"
                )
            else:
                continue
            problems.append(ctx.problem(post, "announces", message))
    return problems


def listings(entries, settings: dict, options: dict) -> list[tuple]:
    paths = [model.section(options)]
    types = {entry.values["type"] for entry in entries}
    paths += [
        model.type_path(options, key) for key in options["SITE_PUBLICATION_TYPES"] if key in types
    ]
    years = sorted({entry.values["date"].year for entry in entries}, reverse=True)
    paths += [model.year_path(options, year) for year in years]
    return [(("path", path), path) for path in paths]


def scaffold(title: str, slug: str | None, lang: str, now: dt.datetime) -> tuple[None, dict]:
    """A report is dated to the day (or less precisely); written in the language
    of its first file until the editor says otherwise."""
    return None, {"date": now.strftime("%Y-%m-%d"), "original-language": lang}


def propose(catalog, now: dt.datetime) -> dict:
    """What a new report's file proposes from the others: the next free Document-ID."""
    return {"document-id": ids.next_free(catalog.ctx.content, catalog.of_kind("report"), now)}


REPORT = kinds.Kind(
    name="report",
    label="publication",
    folders=("publications",),
    registry="report",
    keys=KEYS,
    extra_keys=pdfs.other_pdf_keys,
    body_required=False,
    schedule_key="date",
    writer="site",
    check=check,
    site_check=site_check,
    check_options=howto.check_styles,
    reserved_slugs=lambda ctx: dict.fromkeys(("type", "page", "feed"), "a publications list page"),
    page_path=lambda entry, settings, options: model.page_path(options, entry.slug),
    listings=listings,
    new_names={"report": "publications"},
    new_keys=(
        "title",
        "date",
        "lang",
        "slug",
        *ids.SCAFFOLD_KEYS,
        "type",
        "topics",
        "authors",
        "summary",
        "pdf",
    ),
    scaffold=scaffold,
    propose=propose,
)
