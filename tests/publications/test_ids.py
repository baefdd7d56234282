"""Document-ID, Original-Language and DOI: what `invoke check` refuses, with
the file, the line and what to write instead; the parsers; the next free id.

Validation only (no site is built): a private copy of content/ per test.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.publications.test_validation import EN_REPORT, assert_one, edit, line_of, problems_for

AR_REPORT = "ar/publications/countering-hate-speech-guide.md"
OTHER_EN = "en/publications/privacy-attitudes-survey.md"
REGISTRY = "data/document-ids.toml"


def parse(key: str, text: str):
    from smex_site.publications import ids

    parser = {"document-id": ids.document_id, "original-language": ids.language_code}
    return {**parser, "doi": ids.doi}[key](text, None)


@pytest.mark.parametrize(
    ("key", "text", "value"),
    [
        ("document-id", "SMEX-2023-01", "SMEX-2023-01"),
        ("document-id", " smex-2023-01 ", "SMEX-2023-01"),
        ("document-id", "SMEX-٢٠٢٣-٠١", "SMEX-2023-01"),  # Arabic-Indic digits
        ("original-language", "ar", "ar"),
        ("original-language", "he", "he"),
        ("original-language", "pt_BR", "pt-BR"),
        ("doi", "10.5281/zenodo.1234567", "10.5281/zenodo.1234567"),
        ("doi", "https://doi.org/10.1000/xyz(1)", "10.1000/xyz(1)"),
        ("doi", "doi:10.1000/abc", "10.1000/abc"),
    ],
)
def test_parsers_accept_what_the_docs_promise(key, text, value):
    assert parse(key, text) == value


@pytest.mark.parametrize(
    ("key", "text", "hint"),
    [
        ("document-id", "SMEX 2023 01", "SMEX-2023-01"),
        ("document-id", "2023", "SMEX-2023-01"),
        ("original-language", "Arabic", "ar, en or fr"),
        ("original-language", "xx", "ar, en or fr"),
        ("doi", "10.5281/<script>", "10.<digits>/<suffix>"),
        ("doi", "https://example.org/paper", "10.<digits>/<suffix>"),
    ],
)
def test_parsers_refuse_and_say_what_to_write(key, text, hint):
    from smex_site.fields import FieldError

    with pytest.raises(FieldError, match=hint.replace("(", r"\(")):
        parse(key, text)


def test_a_published_id_is_never_given_to_another_report(content, tmp_path):
    text = (content / EN_REPORT).read_text(encoding="utf-8")
    new = "en/publications/another-guide.md"
    (content / new).write_text(
        text.replace("Slug: countering-hate-speech-guide", "Slug: another-guide")
    )
    problems = problems_for(content, tmp_path)
    found = assert_one(problems, new, "document-id", "'SMEX-2022-01'", "SMEX-2023-02 is free")
    assert "published as the report 'countering-hate-speech-guide'" in found.message
    assert found.line == line_of(content, new, "Document-ID")


def test_two_reports_cannot_share_an_id_even_before_it_is_published(content, tmp_path):
    text = (content / EN_REPORT).read_text(encoding="utf-8")
    for slug in ("guide-one", "guide-two"):
        copy = text.replace("Slug: countering-hate-speech-guide", f"Slug: {slug}")
        copy = copy.replace("SMEX-2022-01", "SMEX-2031-05")
        (content / f"en/publications/{slug}.md").write_text(copy, encoding="utf-8")
    problems = problems_for(content, tmp_path)
    found = assert_one(problems, "en/publications/guide-two.md", "document-id", "'SMEX-2031-05'")
    assert "is also the Document-ID of content/en/publications/guide-one.md" in found.message
    assert len(problems) == 1, [str(p) for p in problems]


def test_languages_of_a_report_carry_the_same_id(content, tmp_path):
    registry = content / REGISTRY
    registry.write_text(registry.read_text().replace('"SMEX-2022-01" = ', '"SMEX-2022-99" = '))
    edit(content, EN_REPORT, "SMEX-2022-01", "SMEX-2022-99")
    problems = problems_for(content, tmp_path)
    found = assert_one(problems, EN_REPORT, "document-id", "SMEX-2022-99", AR_REPORT)
    # the one rule for every fact (validation/translations.py)
    assert "the original; a translation states the same facts" in found.message


def test_a_published_id_never_changes_nor_goes_away(content, tmp_path):
    edit(content, EN_REPORT, "SMEX-2022-01", "SMEX-2022-77")
    edit(content, AR_REPORT, "Document-ID: SMEX-2022-01\n", "")
    problems = problems_for(content, tmp_path)
    # the registry's word; the fact rule adds that the original now has none
    [changed] = [p for p in problems if p.path.endswith(EN_REPORT) and "never changes" in p.message]
    assert changed.field == "document-id" and "Document-ID: SMEX-2022-01" in changed.message
    gone = assert_one(problems, AR_REPORT, "slug", "Document-ID: SMEX-2022-01")
    assert gone.line == line_of(content, AR_REPORT, "Slug")


def test_a_new_slug_keeps_its_id_through_one_line_in_the_registry(content, tmp_path):
    old, new = "countering-hate-speech-guide", "hate-speech-guide"
    for rel in (EN_REPORT, AR_REPORT):
        edit(content, rel, f"Slug: {old}", f"Slug: {new}")
    problems = problems_for(content, tmp_path)
    found = assert_one(problems, EN_REPORT, "document-id", f"write '{new}' for it in {REGISTRY}")
    assert "was published as the report" in found.message
    registry = content / REGISTRY
    registry.write_text(registry.read_text().replace(f'= "{old}"', f'= "{new}"'))
    assert problems_for(content, tmp_path) == []


def test_the_next_free_id(content):
    from smex_site.publications import ids

    now = dt.datetime(2022, 5, 1, tzinfo=dt.UTC)
    assert ids.next_free(content, [], now) == "SMEX-2022-08"
    assert ids.next_free(content, [], now.replace(year=2031)) == "SMEX-2031-01"
    (content / REGISTRY).unlink()
    assert ids.next_free(content, [], now) == "SMEX-2022-01"


def test_invoke_new_proposes_the_next_free_id_and_translate_keeps_it(content, tmp_path):
    from tests.sitecheck import FROZEN_NOW, invoke

    args = ("--now", FROZEN_NOW, "--path", str(content))
    made = invoke("new", "--kind", "report", "--lang", "en", "--title", "A new report", *args)
    assert made.returncode == 0, made.stderr
    text = (content / "en/publications/a-new-report.md").read_text(encoding="utf-8")
    head = text.split("\n\n", 1)[0].splitlines()
    assert head[:6] == [
        "Title: A new report",
        "Date: 2023-10-20",
        "Lang: en",
        "Slug: a-new-report",
        "Document-ID: SMEX-2023-02",  # SMEX-2023-01 is the annual report's
        "Original-Language: en",
    ]
    made = invoke("new", "--translate", "youth-digital-activism-survey", *args)
    assert made.returncode == 0, made.stderr
    text = (content / "en/publications/youth-digital-activism-survey.md").read_text("utf-8")
    # a fact: the translation takes it from the original, so the line is left out
    assert "Document-ID:" not in text and "Translation-Of:" in text
    assert problems_for(content, tmp_path) == []
