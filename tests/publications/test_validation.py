"""Bad publication input stops the build with a message naming file and field;
the parsers accept what docs/publications.md promises."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import ROOT
from tests.contentcopy import edit
from tests.mutations import unrecord
from tests.sitecheck import FROZEN_NOW, cli_build


def parse_date(text):
    from smex_site.publications.kind import pub_date

    return pub_date(text, None)


def parse_figures(text):
    from smex_site.publications.kind import figures

    return figures(text, None)


EN_REPORT = "en/publications/countering-hate-speech-guide.md"
AR_REPORT = "ar/publications/countering-hate-speech-guide.md"
NEWS = "en/news/annual-report-2022-7amleh.md"


def problems_for(content, tmp_path):
    import smex_site
    from smex_site import validation
    from tools.build.settings import load_settings

    settings = load_settings(
        ROOT / "pelicanconf.py",
        {"PATH": str(content), "CACHE_PATH": str(tmp_path / "cache"), "SITE_NOW": FROZEN_NOW},
    )
    return validation.errors(validation.validate(settings, smex_site.KINDS))


def line_of(content, rel: str, key: str) -> int:
    for number, line in enumerate((content / rel).read_text(encoding="utf-8").splitlines(), 1):
        if line.lower().startswith(key.lower() + ":"):
            return number
    raise AssertionError(key)


def assert_one(problems, rel: str, field: str, *words: str, line: int | None = None):
    found = [p for p in problems if p.path == f"content/{rel}" and p.field == field]
    assert len(found) == 1, [str(p) for p in problems]
    text = str(found[0])
    assert text.startswith(f"content/{rel}:"), text
    assert f": {field}: " in text
    for word in words:
        assert word in text, text
    if line is not None:
        assert found[0].line == line
    return found[0]


def test_shipped_content_is_valid(content, tmp_path):
    assert problems_for(content, tmp_path) == []


def test_unknown_type(content, tmp_path):
    edit(content, EN_REPORT, "Type: guide", "Type: handbook")
    problem = assert_one(
        problems_for(content, tmp_path),
        EN_REPORT,
        "type",
        "'handbook'",
        "position-paper",
        line=line_of(content, EN_REPORT, "type"),
    )
    assert "not a publication type" in problem.message


def test_unknown_topic(content, tmp_path):
    edit(content, EN_REPORT, "Topics: hate-speech,", "Topics: hate-speach,")
    assert_one(
        problems_for(content, tmp_path),
        EN_REPORT,
        "topics",
        "'hate-speach'",
        "topics.toml",
        line=line_of(content, EN_REPORT, "topics"),
    )


def test_missing_pdf_file(content, tmp_path):
    edit(content, EN_REPORT, "countering-hate-speech-guide-en.pdf", "no-such-file.pdf")
    assert_one(
        problems_for(content, tmp_path),
        EN_REPORT,
        "pdf",
        "no-such-file.pdf",
        "does not exist",
        line=line_of(content, EN_REPORT, "pdf"),
    )


def test_pdf_outside_files_or_not_a_pdf(content, tmp_path):
    edit(
        content,
        EN_REPORT,
        "PDF: files/publications/countering-hate-speech-guide-en.pdf",
        "PDF: data/topics.toml",
    )
    assert_one(problems_for(content, tmp_path), EN_REPORT, "pdf", "not under files/")
    fake = content / "files/publications/fake.pdf"
    fake.write_text("hello", encoding="utf-8")
    edit(content, EN_REPORT, "PDF: data/topics.toml", "PDF: files/publications/fake.pdf")
    assert_one(problems_for(content, tmp_path), EN_REPORT, "pdf", "%PDF-")


def test_missing_pdf_line(content, tmp_path):
    edit(
        content,
        EN_REPORT,
        "PDF: files/publications/countering-hate-speech-guide-en.pdf\n",
        "",
    )
    assert_one(problems_for(content, tmp_path), EN_REPORT, "pdf", "missing", "'PDF: files/")


def test_other_language_pdf_checked(content, tmp_path):
    rel = "ar/publications/youth-digital-activism-survey.md"
    edit(content, rel, "youth-digital-activism-survey-en.pdf", "gone-en.pdf")
    assert_one(problems_for(content, tmp_path), rel, "pdf-en", "gone-en.pdf")


def test_unparsable_date(content, tmp_path):
    edit(content, EN_REPORT, "Date: 2022", "Date: 2022-13-45")
    assert_one(
        problems_for(content, tmp_path),
        EN_REPORT,
        "date",
        "'2022-13-45'",
        "YYYY-MM-DD",
        line=line_of(content, EN_REPORT, "date"),
    )


@pytest.mark.parametrize(
    "figures, bad",
    [
        ("13 publications; 3000+ | trainees", "item 1"),
        ("13 | publications; 3000+ trainees", "item 2"),
        ("13 | publications; | trainees", "item 2"),
        ("13 | a | b", "item 1"),
    ],
)
def test_malformed_figures(content, tmp_path, figures, bad):
    rel = "en/publications/annual-report-2022-7amleh.md"
    path = content / rel
    text = path.read_text(encoding="utf-8")
    start = text.index("Figures:")
    end = text.index("\n\n", start)
    path.write_text(text[:start] + f"Figures: {figures}" + text[end:], encoding="utf-8")
    assert_one(
        problems_for(content, tmp_path),
        rel,
        "figures",
        bad,
        "value | label",
        line=line_of(content, rel, "figures"),
    )


def test_news_post_announcing_missing_report(content, tmp_path):
    edit(
        content,
        NEWS,
        "Announces: annual-report-2022-7amleh",
        "Announces: annual-report-2021",
    )
    assert_one(
        problems_for(content, tmp_path),
        NEWS,
        "announces",
        "'annual-report-2021'",
        "annual-report-2022-7amleh",
        line=line_of(content, NEWS, "announces"),
    )


def test_reserved_slug(content, tmp_path):
    edit(content, EN_REPORT, "Slug: countering-hate-speech-guide", "Slug: 2022")
    rel_ar = "ar/publications/countering-hate-speech-guide.md"
    edit(content, rel_ar, "Slug: countering-hate-speech-guide", "Slug: 2022")
    problems = problems_for(content, tmp_path)
    assert_one(problems, EN_REPORT, "slug", "publications list")


def test_missing_required_fields(content, tmp_path):
    """In the original, and in a translation that records no original (an
    older pair): one that records it takes these facts from there."""
    unrecord(EN_REPORT)(content)
    for rel in (AR_REPORT, EN_REPORT):
        edit(content, rel, "Type: guide\n", "")
        edit(content, rel, "Date: 2022\n", "")
    problems = problems_for(content, tmp_path)
    for rel in (AR_REPORT, EN_REPORT):
        assert_one(problems, rel, "type", "missing")
        assert_one(problems, rel, "date", "missing")


def run_cli(content, tmp_path):
    return cli_build(content, tmp_path / "out", tmp_path / "cache", now=None)


def test_cli_stops_on_bad_type_and_bad_announce(content, tmp_path):
    edit(content, EN_REPORT, "Type: guide", "Type: handbook")
    edit(content, NEWS, "Announces: annual-report-2022-7amleh", "Announces: nope")
    result = run_cli(content, tmp_path)
    assert result.returncode == 2, result.stderr
    type_line = line_of(content, EN_REPORT, "type")
    assert f"content/{EN_REPORT}:{type_line}: type: 'handbook'" in result.stderr
    news_line = line_of(content, NEWS, "announces")
    assert f"content/{NEWS}:{news_line}: announces: 'nope'" in result.stderr
    assert not (tmp_path / "out").exists()


def test_cli_stops_on_figures(content, tmp_path):
    rel = "ar/publications/annual-report-2022-7amleh.md"
    edit(content, rel, "13 | إصداراً؛", "13 إصداراً؛")
    result = run_cli(content, tmp_path)
    assert result.returncode == 2
    assert f"content/{rel}:{line_of(content, rel, 'figures')}: figures: item 1" in result.stderr


# --- parsers --------------------------------------------------------------------


def test_dates_keep_their_precision():
    from smex_site.fields import FieldError as PublicationError

    day = parse_date("2023-02-20")
    assert (day.value, day.precision, day.iso, day.citation) == (
        dt.date(2023, 2, 20),
        "day",
        "2023-02-20",
        "2023/02/20",
    )
    month = parse_date("2022-07")
    assert (month.precision, month.iso, month.citation) == (
        "month",
        "2022-07",
        "2022/07",
    )
    year = parse_date("2022")
    assert (year.precision, year.iso) == ("year", "2022")
    for bad in ("20/2/2023", "2023-2-30", "22", "", "2023-02-20 10:00", "next year"):
        with pytest.raises(PublicationError):
            parse_date(bad)


def test_figures_syntax():
    from smex_site.publications.model import Figure

    assert parse_figures("13 | publications; 3000+ | trainees;") == [
        Figure("13", "publications"),
        Figure("3000+", "trainees"),
    ]
    assert parse_figures("13 | إصداراً؛ 54 | مؤسسة") == [
        Figure("13", "إصداراً"),
        Figure("54", "مؤسسة"),
    ]


def test_bibtex_escapes_specials_and_ris_dates():
    from smex_site.publications import cite
    from smex_site.publications.model import PdfFile, Publication

    pub = Publication(
        slug="x",
        lang="en",
        title="Costs & 100% {risk}_",
        type="guide",
        date=parse_date("2022-07"),
        summary="line\nbreak",
        source=ROOT,
        pdf=PdfFile("files/x.pdf", "en", 10),
        path="publications/x/",
        authors=["A & B"],
    )
    links = cite.Links(
        page="/x/",
        pdf="/x.pdf",
        publisher="SMEX",
        type_label="Guide",
        bibtex_type="manual",
        ris_type="GEN",
    )
    bib = cite.bibtex(pub, links)
    assert r"Costs \& 100\% \{risk\}\_" in bib
    assert "organization = {SMEX}" in bib and "month = jul" in bib
    ris = cite.ris(pub, links)
    assert "DA  - 2022/07//" in ris
    assert "AB  - line break" in ris
