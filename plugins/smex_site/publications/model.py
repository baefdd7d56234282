"""Publications (reports): the model, and where their pages live.

A report is `content/<lang>/publications/<slug>.md`; a translated pair shares
its slug. Its keys are declared in kind.py; loading turns a checked entry into
a `Publication` (load.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class PubDate:
    """A publication date as precise as it is known: day, month or year."""

    value: dt.date
    precision: str  # "day", "month" or "year"

    @property
    def year(self) -> int:
        return self.value.year

    @property
    def first_day(self) -> dt.date:
        """The day it is published on (publishing.moment): the period's first."""
        return self.value

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
    path: str  # where its page lives inside its language's subsite
    listed: bool = True  # False: hidden, reachable only by its address
    topics: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    cover: str | None = None
    other_pdfs: dict[str, PdfFile] = field(default_factory=dict)
    figures: list[Figure] = field(default_factory=list)
    body: str = ""
    document_id: str | None = None  # SMEX-2023-01: the same in every language
    original_language: str | None = None  # only when known
    doi: str | None = None

    @property
    def key(self) -> str:
        """Citation key: the Document-ID outlives a slug; one per language file."""
        return f"{self.document_id or self.slug}-{self.lang}"

    @property
    def sort_key(self) -> tuple:
        """Newest first; within a date, by title."""
        return (-self.date.value.toordinal(), self.title.casefold())


def section(options: dict) -> str:
    return options["SITE_PUBLICATIONS_PATH"]


def page_path(options: dict, slug: str) -> str:
    return f"{section(options)}{slug}/"


def type_path(options: dict, key: str) -> str:
    return f"{section(options)}type/{key}/"


def year_path(options: dict, year: int) -> str:
    return f"{section(options)}{year:04d}/"
