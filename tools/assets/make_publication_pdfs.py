"""Writes the small PDF summary sheets shipped with the publications.

    python -m tools.assets.make_publication_pdfs [--check]

Each sheet is a one-page PDF 1.4 built by hand: the title, who published the
work, and a few sentences, set in the PDF standard font Helvetica (no font is
embedded). Helvetica has no Arabic glyphs, so the sheets for the Arabic pages
are set in English and say so; their document title (metadata, which needs no
font) is the Arabic title. Output is deterministic: running the tool again
gives the same bytes, and --check fails if a committed file differs.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "content" / "files" / "publications"
PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 56
SEVENAMLEH = "7amleh – The Arab Center for the Advancement of Social Media"
SHEET = (
    "This one-page sheet was prepared by SMEX for its website. The full publication "
    f"is by {SEVENAMLEH}, and is available on 7amleh's own website."
)
ARABIC_NOTE = (
    "Arabic edition of the sheet. It is set in Latin script because it was "
    "generated without embedded fonts; the Arabic text is on the web page."
)


@dataclass(frozen=True)
class Sheet:
    name: str  # file name under content/files/publications/
    title: str  # Latin-script title printed on the page
    doc_title: str  # document title metadata (may be Arabic)
    lang: str
    lines: tuple[str, ...]
    author: str = SEVENAMLEH


def _sheets() -> list[Sheet]:
    both = [
        (
            "annual-report-2022-7amleh",
            "Annual activity report 2022",
            "تقرير النشاطات السنوي 2022",
            (
                (
                    "7amleh's account of its work in 2022: 13 publications, more than 3,000 "
                    "trainees, 54 institutions trained, 76 trainers of trainers, 1,119 "
                    "documented violations of Palestinian digital rights and more than 150 "
                    "participants in its digital-security conference."
                ),
            ),
        ),
        (
            "surveillance-sector-position-paper",
            "Position paper: the Israeli surveillance sector",
            "ورقة موقف: قطاع المراقبة الإسرائيلي",
            (
                (
                    "A position paper on the surveillance technology sector in Israel and "
                    "what it means for Palestinians' right to privacy."
                ),
            ),
        ),
        (
            "privacy-personal-data-position-paper",
            "Position paper: privacy and personal data in the Palestinian context",
            "ورقة موقف: الخصوصية والبيانات الشخصية في السياق الفلسطيني",
            (
                (
                    "A position paper on the state of privacy and the protection of personal "
                    "data in the Palestinian context."
                ),
            ),
        ),
        (
            "incitement-bill-legal-analysis",
            "Legal analysis: the draft law on incitement on social networks",
            "تحليل قانوني: مشروع قانون منع التحريض على شبكات التواصل الاجتماعي",
            (
                (
                    "A legal analysis of the draft law to prevent incitement on social "
                    "networks and its consequences for freedom of expression."
                ),
            ),
        ),
        (
            "countering-hate-speech-guide",
            "Guide: countering hate speech in digital space",
            "دليل مكافحة خطاب الكراهية في الفضاء الرقمي",
            (("A practical guide to recognising, documenting and countering hate speech online."),),
        ),
        (
            "privacy-attitudes-survey",
            "Survey: attitudes towards privacy and data protection",
            "استطلاع: مواقف المواطنين/ات من الخصوصية وحماية البيانات",
            (
                (
                    "Results of a survey of citizens' attitudes towards privacy and the "
                    "protection of their data."
                ),
            ),
        ),
    ]
    sheets = []
    for slug, title, arabic_title, lines in both:
        sheets.append(Sheet(f"{slug}-en.pdf", title, title, "en", (*lines, SHEET)))
        sheets.append(
            Sheet(
                f"{slug}-ar.pdf",
                title,
                arabic_title,
                "ar",
                (ARABIC_NOTE, *lines, SHEET),
            )
        )
    youth = "Survey: digital activism of Palestinian youth"
    sheets.append(
        Sheet(
            "youth-digital-activism-survey-ar.pdf",
            youth,
            "استطلاع: النشاط الرقمي للشباب الفلسطيني",
            "ar",
            (
                ARABIC_NOTE,
                ("Results of a survey of how young Palestinians use digital tools for activism."),
                SHEET,
            ),
        )
    )
    sheets.append(
        Sheet(
            "youth-digital-activism-survey-en.pdf",
            youth,
            youth,
            "en",
            (
                (
                    "Results of a survey of how young Palestinians use digital tools for "
                    "activism. The page on the SMEX website is in Arabic only."
                ),
                SHEET,
            ),
        )
    )
    sheets.append(
        Sheet(
            "quarterly-violations-reports-2022-ar.pdf",
            "Quarterly reports on Palestinian digital rights violations, 2022",
            "التقارير الربعية عن انتهاكات الحقوق الرقمية الفلسطينية 2022",
            "ar",
            (
                ARABIC_NOTE,
                (
                    "The series of quarterly reports 7amleh published through 2022 on "
                    "violations of Palestinian digital rights."
                ),
                SHEET,
            ),
        )
    )
    return sheets


def _pdf_text(text: str) -> bytes:
    """A literal string for a Helvetica (WinAnsi) text operator."""
    raw = text.encode("cp1252")
    for char in (b"\\", b"(", b")"):
        raw = raw.replace(char, b"\\" + char)
    return b"(" + raw + b")"


def _info_text(text: str) -> bytes:
    """A document-information string: UTF-16BE with BOM, as hex."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def render(sheet: Sheet) -> bytes:
    """One A4 page; returns the bytes of a complete PDF file."""
    ops = [
        b"BT",
        b"/F2 20 Tf",
        b"26 TL",
        f"{MARGIN} {PAGE_HEIGHT - MARGIN - 20} Td".encode(),
    ]
    for line in textwrap.wrap(sheet.title, 44):
        ops.append(_pdf_text(line) + b" Tj T*")
    ops += [b"/F1 11 Tf", b"16 TL", b"T*"]
    ops.append(_pdf_text(f"Published by {sheet.author}") + b" Tj T* T*")
    for paragraph in sheet.lines:
        for line in textwrap.wrap(paragraph, 88):
            ops.append(_pdf_text(line) + b" Tj T*")
        ops.append(b"T*")
    ops.append(b"ET")
    stream = b"\n".join(ops)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Lang " + _info_text(sheet.lang) + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            "/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>"
        ).encode(),
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Title "
        + _info_text(sheet.doc_title)
        + b" /Author "
        + _info_text(sheet.author)
        # the name this script had when the shipped sheets were made: kept, so
        # --check still finds them byte-identical
        + b" /Producer (tools/make_publication_pdfs.py) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n".encode()
    out += b"0000000000 65535 f \n"
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    TARGET.mkdir(parents=True, exist_ok=True)
    stale = []
    for sheet in _sheets():
        data = render(sheet)
        path = TARGET / sheet.name
        if args.check:
            if not path.is_file() or path.read_bytes() != data:
                stale.append(sheet.name)
        else:
            path.write_bytes(data)
            print(f"wrote {path.relative_to(ROOT)} ({len(data)} bytes)")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
