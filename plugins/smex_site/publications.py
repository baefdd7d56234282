"""Publications (reports): the model, loading from Markdown, and validation.

A report is `content/<lang>/publications/<slug>.md`; a translated pair shares
its slug. The metadata (see docs/publications.md):

    Title: …                       Type: a key of SITE_PUBLICATION_TYPES
    Date: 2023-02-20 | 2022-07 | 2022   (as precise as is known)
    Lang, Slug                     Topics: keys of data/topics.toml, commas
    Summary: plain text            Authors: names separated by ';'
    Publisher: (default SITE_PUBLICATIONS_PUBLISHER)
    PDF: files/… (this language)   PDF-en: files/… (another language's PDF,
    Cover: images/… (optional)      for a report with no page in that language)
    Figures: 13 | publications; 3000+ | trainees   (value | label; …)

Validation (KIND_CHECKS, SITE_CHECKS) and the generator use the same parsers
below, so what the build accepts is exactly what the check accepted.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import frontmatter, validation
from . import settings as site_settings

FOLDER = "publications"
# Folders whose posts may name the report they announce ("Announces: slug").
ANNOUNCING_FOLDERS = ("news", "articles")
# (title, lang and slug are checked for every kind by validation.py)
REQUIRED = ("date", "type", "summary", "pdf")
# Slugs that would collide with the listing pages under publications/.
RESERVED_SLUGS = {"type", "page", "feed"}
YEAR_SLUG = re.compile(r"^\d{4}$")
# ASCII and Arabic semicolons separate figures; a bar separates value | label.
FIGURE_SEPARATOR = re.compile(r"[;؛]")
LIST_SEPARATOR = re.compile(r"[;؛]")
TOPIC_SEPARATOR = re.compile(r"[,،]")


class PublicationError(ValueError):
    """Raised by the parsers; the message says what is wrong and expected."""


@dataclass(frozen=True)
class PubDate:
    """A publication date as precise as it is known: day, month or year."""

    value: dt.date
    precision: str  # "day", "month" or "year"

    @property
    def year(self) -> int:
        return self.value.year

    @property
    def iso(self) -> str:
        """2023-02-20, 2022-07 or 2022 (valid in <time datetime> and JSON-LD)."""
        return {
            "day": self.value.isoformat(),
            "month": self.value.strftime("%Y-%m"),
            "year": f"{self.value.year:04d}",
        }[self.precision]

    @property
    def citation(self) -> str:
        """Google Scholar's form: 2023/02/20, 2022/07 or 2022."""
        return self.iso.replace("-", "/")


@dataclass(frozen=True)
class Figure:
    value: str
    label: str


@dataclass(frozen=True)
class PdfFile:
    path: str  # relative to PATH, e.g. files/publications/x-en.pdf
    lang: str
    size: int  # bytes, measured at build time


@dataclass
class Publication:
    slug: str
    lang: str
    title: str
    type: str
    date: PubDate
    summary: str
    pdf: PdfFile
    source: Path
    topics: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    cover: str | None = None
    other_pdfs: dict[str, PdfFile] = field(default_factory=dict)
    figures: list[Figure] = field(default_factory=list)
    body: str = ""

    @property
    def path(self) -> str:
        """Where the report page lives inside its language's subsite."""
        return page_path(self.slug)

    @property
    def sort_key(self) -> tuple:
        """Newest first; within a date, by title."""
        return (-self.date.value.toordinal(), self.title.casefold())


def page_path(slug: str) -> str:
    return f"{FOLDER}/{slug}/"


# --- parsers ------------------------------------------------------------------


def parse_date(text: str) -> PubDate:
    text = (text or "").strip()
    formats = (("%Y-%m-%d", "day"), ("%Y-%m", "month"), ("%Y", "year"))
    for fmt, precision in formats:
        try:
            value = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if fmt == "%Y" and not re.fullmatch(r"\d{4}", text):
            continue
        return PubDate(value, precision)
    raise PublicationError(
        f"{text!r} is not a date; expected YYYY-MM-DD, or YYYY-MM or YYYY when "
        "only the month or year is known (e.g. 2023-02-20)"
    )


def parse_figures(text: str) -> list[Figure]:
    """'13 | publications; 3000+ | trainees' -> [Figure('13', 'publications'), …]."""
    figures = []
    items = [part.strip() for part in FIGURE_SEPARATOR.split(text or "")]
    if items and not items[-1]:
        items.pop()  # a trailing separator is harmless
    if not items:
        raise PublicationError(
            "empty; expected 'value | label' pairs separated by ';', "
            "e.g. 'Figures: 13 | publications; 3000+ | trainees'"
        )
    for number, item in enumerate(items, start=1):
        parts = [part.strip() for part in item.split("|")]
        if len(parts) != 2 or not all(parts):
            raise PublicationError(
                f"item {number} {item!r} is not a 'value | label' pair; expected "
                "pairs separated by ';', e.g. 'Figures: 13 | publications; 3000+ | trainees'"
            )
        figures.append(Figure(*parts))
    return figures


def parse_list(text: str | None, separator=LIST_SEPARATOR) -> list[str]:
    return [part.strip() for part in separator.split(text or "") if part.strip()]


def parse_topics(text: str | None) -> list[str]:
    return parse_list(text, TOPIC_SEPARATOR)


def pdf_problem(content: Path, rel: str) -> str | None:
    """None if `rel` is a PDF file under content/files/, else what is wrong."""
    rel = (rel or "").strip()
    if not rel:
        return "empty; expected a path such as files/publications/report-en.pdf"
    path = (content / rel).resolve()
    files = (content / "files").resolve()
    if files not in path.parents:
        return f"{rel!r} is not under files/; put the PDF in content/files/publications/"
    if path.suffix.lower() != ".pdf":
        return f"{rel!r} is not a .pdf file; expected a PDF under files/publications/"
    if not path.is_file():
        return f"{rel!r} does not exist; expected a file at content/{rel}"
    with path.open("rb") as handle:
        if handle.read(5) != b"%PDF-":
            return f"{rel!r} does not start with %PDF-; it is not a PDF file"
    return None


def types(settings: dict) -> dict:
    return site_settings.read(settings)["SITE_PUBLICATION_TYPES"]


def type_label(settings: dict, key: str, lang: str, plural: bool = False) -> str:
    info = types(settings).get(key, {})
    if plural:
        return info.get("plural", {}).get(lang, key)
    return info.get(lang, key)


# --- validation ---------------------------------------------------------------


def check(item: validation.Item, ctx: validation.Context) -> list[validation.Problem]:
    """Every problem in one publication file."""
    doc = item.doc
    problems = []

    def problem(key: str, message: str) -> None:
        problems.append(ctx.problem(item, key, message))

    for key in REQUIRED:
        if not doc.get(key):
            problems.append(
                validation.Problem(item.rel, None, key, f"missing; add a '{_label(key)}:' line")
            )
    slug = item.slug or ""
    if slug in RESERVED_SLUGS or YEAR_SLUG.match(slug):
        problem(
            "slug",
            f"{slug!r} is taken by the publications listing pages; choose a slug "
            "with words, e.g. annual-report-2022",
        )
    if doc.get("date"):
        try:
            parse_date(doc.get("date"))
        except PublicationError as error:
            problem("date", str(error))
    known_types = types(ctx.settings)
    kind = doc.get("type")
    if kind and kind not in known_types:
        problem(
            "type",
            f"{kind!r} is not a publication type; expected one of {', '.join(known_types)}",
        )
    # Topic keys are checked for every kind by validation (check_topic_keys).
    if doc.get("pdf"):
        message = pdf_problem(ctx.content, doc.get("pdf"))
        if message:
            problem("pdf", message)
    for key in doc.fields:
        if key.startswith("pdf-"):
            other = key[len("pdf-") :]
            if other not in ctx.languages or other == item.lang:
                problem(
                    key,
                    f"{other!r} is not another language of this site; expected "
                    f"PDF-<lang> with lang one of "
                    f"{', '.join(code for code in ctx.languages if code != item.lang)}",
                )
                continue
            message = pdf_problem(ctx.content, doc.get(key))
            if message:
                problem(key, message)
    if doc.get("cover"):
        rel = doc.get("cover")
        if not (ctx.content / rel).is_file():
            problem("cover", f"{rel!r} does not exist; expected an image under images/")
    if "figures" in doc.fields:
        try:
            parse_figures(doc.get("figures"))
        except PublicationError as error:
            problem("figures", str(error))
    return problems


def _label(key: str) -> str:
    return "PDF" if key == "pdf" else key.title()


def check_site(items: list[validation.Item], ctx: validation.Context) -> list[validation.Problem]:
    """Cross references: a post that announces a report names one that exists."""
    problems = []
    known = {item.slug for item in items if item.folder == FOLDER and item.slug}
    for item in items:
        if item.folder not in ANNOUNCING_FOLDERS:
            continue
        for slug in parse_list(item.doc.get("announces"), TOPIC_SEPARATOR):
            if slug not in known:
                hint = ", ".join(sorted(known)) or "none yet"
                problems.append(
                    ctx.problem(
                        item,
                        "announces",
                        f"{slug!r} is not the slug of any publication; expected the "
                        f"Slug of a file in content/<lang>/{FOLDER}/ (known: {hint})",
                    )
                )
    return problems


validation.KIND_CHECKS[FOLDER] = check
validation.add_known_keys(
    FOLDER,
    "type", "topics", "authors", "publisher", "pdf", "figures", "cover",
    # the other languages' PDFs of a report written in one language only
    *(f"pdf-{lang}" for lang in site_settings.DEFAULTS["SITE_LANGUAGES"]),
)  # fmt: skip
# A news post or article names the report it announces.
validation.add_known_keys("news", "announces")
validation.add_known_keys("articles", "announces")
validation.MULTILINE_KEYS.update({"figures", "topics", "authors"})
validation.SITE_CHECKS.append(check_site)


# --- loading ------------------------------------------------------------------


def load_file(path: Path, settings: dict, lang: str) -> Publication:
    """One publication; assumes validation passed (raises otherwise)."""
    content = Path(settings["PATH"])
    doc = frontmatter.parse(path, frontmatter.read_text(path))

    def pdf(rel: str, pdf_lang: str) -> PdfFile:
        message = pdf_problem(content, rel)
        if message:
            raise PublicationError(f"{path}: {message}")
        return PdfFile(rel.strip(), pdf_lang, (content / rel.strip()).stat().st_size)

    others = {}
    for key in doc.fields:
        if key.startswith("pdf-"):
            other = key[len("pdf-") :]
            others[other] = pdf(doc.get(key), other)
    return Publication(
        slug=doc.get("slug"),
        lang=lang,
        title=doc.get("title"),
        type=doc.get("type"),
        date=parse_date(doc.get("date")),
        summary=doc.get("summary"),
        pdf=pdf(doc.get("pdf") or "", lang),
        source=path,
        topics=parse_topics(doc.get("topics")),
        authors=parse_list(doc.get("authors")),
        publisher=doc.get("publisher") or None,
        cover=doc.get("cover") or None,
        other_pdfs=others,
        figures=parse_figures(doc.get("figures")) if doc.get("figures") else [],
        body=doc.body,
    )


def load_all(settings: dict) -> dict[str, list[Publication]]:
    """lang -> its publications, newest first, for every language of the site."""
    content = Path(settings["PATH"])
    result = {}
    for lang in site_settings.read(settings)["SITE_LANGUAGES"]:
        folder = content / lang / FOLDER
        found = [load_file(path, settings, lang) for path in sorted(folder.glob("*.md"))]
        result[lang] = sorted(found, key=lambda pub: pub.sort_key)
    return result
