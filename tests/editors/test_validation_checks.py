"""The validation pass, called directly (fast): warnings, and the finer points.

End-to-end cases through the CLI are in test_validation_cli.py.
"""

from __future__ import annotations

import io
import re

import pytest

from tests.conftest import ROOT
from tests.contentcopy import ContentCopy
from tests.sitecheck import FROZEN_NOW

EN_NEWS = "en/news/breadnet-2023-proposals-closed.md"
AR_NEWS = "ar/news/breadnet-2023-proposals-closed.md"


@pytest.fixture
def tree(content_copy) -> ContentCopy:
    """A copy of content/ to break, and the validation of it."""
    return content_copy


def _lines(problems):
    return [str(p) for p in problems]


def test_the_real_content_is_clean(tree):
    assert tree.problems() == []


def test_one_validation_pass_reads_our_settings_once(monkeypatch):
    """settings.py reads them once per pass; the context carries them to every
    check (contentfiles, "now"), and the topics come back from check_data."""
    import smex_site
    from smex_site import settings as site_settings
    from smex_site import validation
    from tools.build.settings import load_settings

    reads = []
    real = site_settings.read
    monkeypatch.setattr(site_settings, "read", lambda given: reads.append(1) or real(given))
    settings = load_settings(ROOT / "pelicanconf.py", {"SITE_NOW": FROZEN_NOW})
    reads.clear()  # load_settings checks them once itself, before any pass
    catalog = validation.collect(settings, smex_site.KINDS)
    assert len(reads) == 1
    assert catalog.errors == []
    assert "advocacy" in catalog.topics


# --- warnings: reported, and the build goes on -------------------------------------


def _record(tree, slug: str) -> None:
    """`invoke translations --accept SLUG`: the translation records its original."""
    from tools.editors import translations

    assert translations.accept(tree.settings(), slug, out=io.StringIO()) == 0


def test_an_edited_original_makes_its_translation_outdated(tree):
    _record(tree, "breadnet-2023-proposals-closed")
    assert tree.problems() == []
    # the text, reflowed and with trailing spaces and CRLF, is the same text
    path = tree.content / AR_NEWS
    text = path.read_text(encoding="utf-8")
    head, body = text.split("\n\n", 1)
    reflowed = body.replace("، ", "،\n", 3).replace("\n", "  \r\n")
    path.write_text(head + "\n\n" + reflowed, encoding="utf-8")
    assert tree.only("warning") == []
    tree.edit(AR_NEWS, "Tags: convening", "Tags: convening, advocacy")  # a fact: no words
    assert [p.field for p in tree.problems()] == ["tags"]  # stated differently in the English
    tree.edit(EN_NEWS, "Tags: convening\n", "")  # left out: taken from the original
    assert tree.problems() == []
    tree.edit(AR_NEWS, "\n\n", "\n\nفقرة جديدة من ثلاث كلمات.\n\n")
    [warning] = tree.only("warning")
    assert (warning.path, warning.field) == (f"content/{EN_NEWS}", "translation-of")
    assert warning.line == tree.line_of(EN_NEWS, "Translation-Of:")
    assert warning.message.startswith(
        f"outdated translation: the text of content/{AR_NEWS} changed since it was translated"
    )
    assert "invoke translations --accept breadnet-2023-proposals-closed" in warning.message
    assert tree.only("error") == []


def test_a_translation_states_the_facts_of_its_original(tree):
    _record(tree, "breadnet-2023-proposals-closed")
    tree.edit(EN_NEWS, "Tags: convening", "Tags: privacy")
    [error] = tree.only("error")
    assert str(error) == (
        f"content/{EN_NEWS}:5: tags: privacy here but convening in content/{AR_NEWS}, the "
        "original; a translation states the same facts: write the Tags line as there, or "
        "leave it out to take the original's"
    )
    tree.edit(EN_NEWS, "Tags: privacy\n", "")
    # the date that publishes it may be left out (taken) or later (it appears later)
    tree.edit(EN_NEWS, "Date: 2023-10-02 09:00\n", "")
    assert tree.problems() == []
    tree.edit(EN_NEWS, "Lang: en\n", "Lang: en\nDate: 2023-10-05 09:00\n")
    assert tree.problems() == []


EN_REPORT = "en/publications/countering-hate-speech-guide.md"
AR_REPORT = "ar/publications/countering-hate-speech-guide.md"
PDFS = "files/publications/countering-hate-speech-guide-{}.pdf"


def test_an_empty_fact_line_in_a_recorded_translation_takes_the_original(tree):
    """'Type:' with nothing after it leaves the fact out, as no line does: the
    build once crashed on it (KeyError: 'type') while the check said nothing."""
    path = tree.content / EN_REPORT
    text = path.read_text(encoding="utf-8")
    assert "Translation-Of:" in text  # recorded: it may leave facts out
    path.write_text(re.sub(r"^Type: .*$", "Type:", text, flags=re.M), encoding="utf-8")
    assert tree.problems() == []
    # an unrecorded one states its facts: the same empty line is an error
    tree.edit(EN_REPORT, re.search(r"^Translation-Of: .*\n", text, re.M)[0], "")
    [error] = tree.only("error")
    assert (error.field, error.message.split(";")[0]) == ("type", "empty")


def test_an_unreadable_fact_in_a_translation_is_one_message(tree):
    """A fact line that does not parse is reported once, by its own parser,
    not again as missing from the original."""
    tree.edit(EN_REPORT, "Type: ", "Type: not-a-type-at-all\nX-Old-Type: ")
    errors = [p for p in tree.only("error") if p.field == "type"]
    assert len(errors) == 1, errors


def test_a_translation_takes_its_pdfs_from_the_original_or_states_the_same(tree):
    """The Arabic original's PDF-en is the English translation's PDF, and its
    PDF the translation's PDF-ar: one fact each, whichever file names it."""
    _record(tree, "countering-hate-speech-guide")
    tree.edit(EN_REPORT, f"PDF: {PDFS.format('en')}\n", "")
    # nothing to take: the original names no English PDF
    [error] = tree.only("error")
    assert str(error) == (
        f"content/{EN_REPORT}: pdf: missing, and content/{AR_REPORT}, the original, gives no "
        "PDF-en line to take it from; write it here: "
        "'PDF: files/publications/countering-hate-speech-guide-en.pdf'"
    )
    tree.edit(AR_REPORT, "PDF: ", f"PDF-en: {PDFS.format('en')}\nPDF: ")
    assert tree.problems() == []
    import smex_site
    from smex_site import validation

    catalog = validation.collect(tree.settings(), smex_site.KINDS)
    english = catalog.by_path(tree.content / EN_REPORT)
    assert english.values["pdf"] == PDFS.format("en")
    # the original's own PDF is offered from its own page, never taken
    assert "pdf-ar" not in english.values
    # stated, each must be the original's
    other = "files/publications/{}.pdf"
    pdf_ar = other.format("privacy-attitudes-survey-ar")
    pdf_en = other.format("incitement-bill-legal-analysis-en")
    tree.edit(EN_REPORT, "Summary: ", f"PDF-ar: {pdf_ar}\nPDF: {pdf_en}\nSummary: ")
    found = sorted(_lines(tree.only("error")))
    assert found == [
        (
            f"content/{EN_REPORT}:10: pdf-ar: {pdf_ar} here but {PDFS.format('ar')} in "
            f"content/{AR_REPORT} (PDF), the original; a "
            "translation states the same facts: write the PDF-ar line as there, or leave it "
            "out to take the original's"
        ),
        (
            f"content/{EN_REPORT}:11: pdf: {pdf_en} here but {PDFS.format('en')} in "
            f"content/{AR_REPORT} (PDF-en), the original; a "
            "translation states the same facts: write the PDF line as there, or leave it "
            "out to take the original's"
        ),
    ]


def test_a_translation_writes_the_place_its_original_gives(tree):
    """City and Venue are words (بيروت, Beirut): never taken, always written."""
    edition = "en/editions/2023.md"
    tree.edit(edition, "City: Beirut\n", "")
    [error] = tree.only("error")
    assert str(error) == (
        f"content/{edition}: city: missing, but content/ar/editions/2023.md, the original, "
        "gives 'City: بيروت'; words are not copied across languages: add the City line, "
        "the same city written in English"
    )
    # recorded or not, the same: a place is in the hash, never inherited
    _record(tree, "2023")
    assert _lines(tree.only("error")) == [str(error)]
    tree.edit("ar/editions/2023.md", "City: بيروت\n", "City: بيروت\nVenue: فندق\n")
    assert sorted(p.field for p in tree.only("error")) == ["city", "venue"]
    tree.edit(edition, "Year: 2023\n", "Year: 2023\nCity:\nVenue: A hotel\n")
    [error] = tree.only("error")
    assert error.line == 5 and error.message.startswith("empty, but content/ar/editions/")
    assert "write the City line, the same city written in English" in error.message
    tree.edit(edition, "City:\n", "City: Beirut\n")
    assert tree.only("error") == []
    # a draft translation's missing place waits, as its other problems do
    tree.edit(edition, "Venue: A hotel\n", "Status: draft\n")
    [warning] = [p for p in tree.only("warning") if p.field == "venue"]
    assert warning.message.endswith("(a draft: fix it before you publish)")
    assert tree.only("error") == []


def test_a_translation_whose_original_is_gone(tree):
    _record(tree, "breadnet-2023-proposals-closed")
    tree.edit(EN_NEWS, "Date: 2023-10-02 09:00\n", "")
    (tree.content / AR_NEWS).unlink()
    found = [str(p) for p in tree.problems() if p.path == f"content/{EN_NEWS}"]
    record = tree.line_of(EN_NEWS, "Translation-Of:")
    assert found == [
        (
            f"content/{EN_NEWS}: date: missing, and there is no original to take it from; add a "
            "line such as 'Date: 2023-10-20 12:00'"
        ),
        (
            f"content/{EN_NEWS}:{record}: translation-of: no ar version has the slug "
            "'breadnet-2023-proposals-closed' any more; give the original back that slug, or "
            "delete this line if this version is now the original"
        ),
    ]


def test_long_summary_warns(tree):
    tree.overrides["SITE_SUMMARY_MAX_LENGTH"] = 100
    warnings = [p for p in tree.only("warning") if p.field == "summary"]
    assert {p.path for p in warnings} >= {f"content/{EN_NEWS}"}
    first = next(p for p in warnings if p.path == f"content/{EN_NEWS}")
    assert first.line == 6 and "expected at most 100" in first.message
    assert tree.only("error") == []


def test_empty_summary_warns(tree):
    tree.edit(EN_NEWS, tree_line(tree, EN_NEWS, "Summary:"), "Summary:")
    [warning] = tree.only("warning")
    assert (warning.line, warning.field) == (
        6,
        "summary",
    ) and "empty" in warning.message


def tree_line(tree: ContentCopy, rel: str, start: str) -> str:
    text = (tree.content / rel).read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if line.startswith(start))


@pytest.mark.parametrize(
    "markup",
    [
        "![]({static}/images/x.svg)",
        '<img src="{static}/images/x.svg">',
        '<img alt="" src="{static}/images/x.svg">',
    ],
)
def test_image_without_alt_text_warns(tree, markup):
    tree.write("images/x.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    with open(tree.content / EN_NEWS, "a", encoding="utf-8") as handle:
        handle.write(f"\n{markup}\n")
    [warning] = tree.only("warning")
    assert (warning.path, warning.line, warning.field) == (
        f"content/{EN_NEWS}",
        tree.line_of(EN_NEWS, markup),
        "image",
    )
    assert "alt" in warning.message
    assert tree.only("error") == []


def test_image_with_alt_text_is_fine(tree):
    tree.write("images/x.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    with open(tree.content / EN_NEWS, "a", encoding="utf-8") as handle:
        handle.write(
            "\n![Participants in a workshop]({static}/images/x.svg)\n"
            '<img src="{static}/images/x.svg" alt="A map">\n'
        )
    assert tree.problems() == []


def test_direction_override_in_a_title_warns(tree):
    tree.edit(EN_NEWS, "Title: Proposals", "Title: \u202eProposals")
    [warning] = tree.only("warning")
    assert (warning.line, warning.field) == (1, "title")
    assert "U+202E" in warning.message and "RIGHT-TO-LEFT OVERRIDE" in warning.message


def test_ambiguous_date_order_is_refused_with_both_readings(tree):
    tree.edit(EN_NEWS, "Date: 2023-10-02 09:00", "Date: 12/06/2023 09:00")
    [error] = tree.only("error")
    assert (error.line, error.field) == (2, "date")
    assert error.message == (
        "'12/06/2023 09:00' can be read as 12 June 2023 (day/month, as written in Lebanon) "
        "or 6 December 2023 (month/day); write 2023-06-12 09:00 or 2023-12-06 09:00 "
        "(year-month-day)"
    )


def test_clear_day_month_date_warns_how_it_was_read(tree):
    for rel in (EN_NEWS, AR_NEWS):  # a fact: the same in both languages
        tree.edit(rel, "Date: 2023-10-02 09:00", "Date: 25/09/2023 09:00")
    [warning] = [p for p in tree.problems() if p.path == f"content/{EN_NEWS}"]
    assert (warning.severity, warning.line, warning.field) == ("warning", 2, "date")
    assert "read as 25 September 2023" in warning.message
    assert "write it as 2023-09-25 09:00" in warning.message


def test_unknown_key_far_from_any_known_one_warns(tree):
    tree.edit(EN_NEWS, "Lang: en\n", "Lang: en\nPhotographer: Rania\n")
    [warning] = tree.only("warning")
    assert (warning.line, warning.field) == (4, "photographer")
    assert "ignored" in warning.message and "summary" in warning.message


def test_draft_may_have_no_text_yet(tree):
    tree.write(
        "en/news/later.md",
        "Title: Later\nDate: 2023-10-01 10:00\nLang: en\nSlug: later\nStatus: draft\n\n",
    )
    [warning] = tree.problems()
    assert (warning.severity, warning.field) == ("warning", "text")


# --- errors: finer points ------------------------------------------------------------


def test_hostile_titles_are_not_errors(tree):
    tree.edit(EN_NEWS, "Title: Proposals", 'Title: </script><b>"x"</b> a < b & c >')
    assert tree.problems() == []


def test_yaml_style_fences_are_accepted(tree):
    text = (tree.content / EN_NEWS).read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    tree.write(EN_NEWS, f"---\n{head}\n---\n{body}")
    assert tree.problems() == []


def test_problems_are_sorted_by_file_and_line(tree):
    tree.edit(EN_NEWS, "Slug: breadnet-2023-proposals-closed", "Slug: Bad Slug")
    tree.edit(EN_NEWS, "Lang: en", "Lang: xx")
    tree.edit(AR_NEWS, "Tags: convening", "Tags: nope")
    found = [p for p in tree.problems() if p.severity in ("error", "strict")]
    keys = [(p.path, p.line or 0) for p in found]
    assert keys == sorted(keys)
    # (the 2023 edition links the post by its address, which the bad slug breaks:
    # a dead link, which stops a strict build)
    assert {p.path for p in found} == {
        f"content/{EN_NEWS}",
        f"content/{AR_NEWS}",
        "content/en/editions/2023.md",
    }


def test_tags_split_like_pelican(tree):
    tree.edit(EN_NEWS, "Tags: convening", "Tags: convening; advocacy")
    tree.edit(AR_NEWS, "Tags: convening", "Tags: convening, advocacy")  # the same tags
    assert tree.problems() == []


def test_link_relative_to_the_file_and_with_anchor_resolves(tree):
    with open(tree.content / EN_NEWS, "a", encoding="utf-8") as handle:
        handle.write(
            "[a]({filename}../articles/shrinking-civic-space.md#what-changed) "
            "[b]({filename}/en/pages/about.md) [c]({tag}privacy) "
            "[d]({category}articles)\n"
        )
    assert tree.problems() == []


def test_link_outside_the_content_folder(tree):
    with open(tree.content / EN_NEWS, "a", encoding="utf-8") as handle:
        handle.write("[x]({static}../../../../etc/passwd)\n")
    [error] = tree.problems()
    line = tree.line_of(EN_NEWS, "[x]({static}../")
    assert (error.line, error.field) == (line, "link") and "outside" in error.message


def test_broken_json_data_file(tree):
    tree.write("data/partners.json", '{"a": 1,\n "b": }\n')
    [error] = tree.problems()
    assert (error.path, error.line, error.field) == (
        "content/data/partners.json",
        2,
        "json",
    )


def test_topics_file_not_utf8(tree):
    (tree.content / "data/topics.toml").write_bytes(b'[topics.a]\nar = "\xe9"\n')
    [error] = tree.problems()
    assert (error.line, error.field) == (2, "encoding")


def test_kinds_are_passed_in_not_registered_by_imports(tree):
    import smex_site
    from smex_site import fields, kinds

    tree.write(
        "en/reports/index-2023.md",
        "Title: Index\nLang: en\nSlug: index-2023\nPdf: files/index.pdf\nPages: 40\n\nText.\n",
    )
    assert any(p.field == "category" for p in tree.problems())  # unknown folder
    pdf = kinds.Key("pdf", fields.content_file("files", (".pdf",), "files/x.pdf"), required=True)
    reports = kinds.Kind(
        name="index", label="index", folders=("reports",), registry="index",
        keys=(*kinds.COMMON, pdf), body_required=False, writer="site",
    )  # fmt: skip
    found = tree.problems((*smex_site.KINDS, reports))
    assert [(p.field, p.severity) for p in found] == [("pdf", "error"), ("pages", "warning")]
    assert "does not exist" in found[0].message
    # the same kinds, minus the new one: the folder is unknown again
    assert any(p.field == "category" for p in tree.problems())
    tree.write("files/index.pdf", "%PDF-1.4")
    tree.write(
        "en/reports/index-2023.md",
        "Title: Index\nLang: en\nSlug: index-2023\nPdf: files/index.pdf\n",
    )
    assert tree.problems((*smex_site.KINDS, reports)) == []


def test_slug_shared_by_an_article_and_a_page_is_allowed(tree):
    # different kinds live at different URLs: /about/ and /news/about/
    tree.write(
        "en/news/about.md",
        "Title: About\nDate: 2023-10-01 10:00\nLang: en\nSlug: about\n\nText.\n",
    )
    tree.write(
        "ar/news/about.md",
        "Title: عن\nDate: 2023-10-01 10:00\nLang: ar\nSlug: about\n\nنص.\n",
    )
    assert tree.problems() == []


def test_every_problem_reads_path_line_field_message(tree):
    tree.edit(EN_NEWS, "Lang: en", "Lang: fr")
    [error] = tree.problems()
    assert str(error) == (
        f"content/{EN_NEWS}:3: lang: 'fr' is not a language of this site; expected one of ar, en"
    )


@pytest.mark.parametrize(
    "overrides",
    [
        {"WITH_FUTURE_DATES": False},
        {"CONTENT_CACHING_LAYER": "generator", "LOAD_CONTENT_CACHE": True},
        {"SITE_SUMMARY_MAX_LENGTH": -1},
    ],
)
def test_settings_that_would_defeat_the_checks_are_refused(overrides):
    from smex_site import settings as site_settings

    with pytest.raises(site_settings.SettingsError) as error:
        site_settings.read(
            {
                "SITE_LANGUAGES": {"en": {"name": "English", "dir": "ltr", "locale": "en"}},
                **overrides,
            }
        )
    assert next(iter(overrides)) in str(error.value)


def test_translate_accepts_only_yes_or_no(tree):
    tree.edit("ar/articles/inclusive-arabic.md", "Translate: no", "Translate: never")
    assert _lines(tree.only("error")) == [
        (
            "content/ar/articles/inclusive-arabic.md:5: translate: 'never'; expected 'no' "
            "(this item stays in one language) or 'yes'"
        )
    ]
