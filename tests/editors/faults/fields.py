"""Faults in the fields of one file, each built alone: the build names the
file, the line and the field (tests/editors/test_validation_cli.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.editors.faults.case import Case, Expect
from tests.editors.faults.messages import both
from tests.mutations import append, move, replace, unrecord, write

EN_NEWS = "en/news/breadnet-2023-proposals-closed.md"
AR_NEWS = "ar/news/breadnet-2023-proposals-closed.md"
EN_ARTICLE = "en/articles/shrinking-civic-space.md"
EN_PAGE = "en/pages/about.md"
TOPICS = "data/topics.toml"


POST = "Title: A post\nDate: 2023-10-01 10:00\nLang: en\nSlug: {slug}\n\nText.\n"


def field_case(
    id: str,
    mutate: Callable[[Path], None],
    file: str,
    field: str,
    line: int | str | None,
    words: str,
) -> Case:
    return Case(id, mutate, (Expect(file, field, (words,), line),), group="fields")


# Line numbers refer to the seed files: in EN_NEWS, 1 Title, 2 Date, 3 Lang,
# 4 Slug, 5 Tags, 6 Summary, 7 Translation-Of, 8 blank, 9 text. A line added at
# the end is named by its text (Expect.line), not by a count of the file's lines.
FIELD_CASES = [
    field_case(
        "metadata-line-without-colon",
        replace(EN_NEWS, "Date: 2023-10-02", "Date 2023-10-02"),
        EN_NEWS,
        "metadata",
        2,
        "not a 'Key: value' line",
    ),
    field_case(
        "file-without-metadata",
        replace(EN_NEWS, "Title: ", "# "),
        EN_NEWS,
        "metadata",
        1,
        "not a metadata line",
    ),
    field_case(
        "key-given-twice",
        replace(EN_NEWS, "Lang: en\n", "Lang: en\nTitle: Again\n"),
        EN_NEWS,
        "metadata",
        4,
        "given twice",
    ),
    field_case(
        "title-continued-on-two-lines",
        replace(EN_NEWS, "\nDate:", "\n    and more\nDate:"),
        EN_NEWS,
        "title",
        1,
        "one line",
    ),
    field_case(
        "missing-title",
        replace(
            EN_NEWS,
            "Title: Proposals for Bread&Net 2023 are closed: the programme is on its way\n",
            "",
        ),
        EN_NEWS,
        "title",
        None,
        "missing",
    ),
    field_case(
        # the original: its translation, which records it, may leave the date out
        # and take the original's (tests/editors/test_validation_checks.py)
        "missing-date",
        replace(AR_NEWS, "Date: 2023-10-02 09:00\n", ""),
        AR_NEWS,
        "date",
        None,
        "2023-10-20 12:00",
    ),
    field_case(
        # a translation that records no original (an older pair) takes nothing from it
        "missing-date-in-an-unrecorded-translation",
        both(unrecord(EN_NEWS), replace(EN_NEWS, "Date: 2023-10-02 09:00\n", "")),
        EN_NEWS,
        "date",
        None,
        "2023-10-20 12:00",
    ),
    field_case(
        "missing-lang",
        replace(EN_NEWS, "Lang: en\n", ""),
        EN_NEWS,
        "lang",
        None,
        "missing",
    ),
    field_case(
        "missing-slug",
        replace(EN_NEWS, "Slug: breadnet-2023-proposals-closed\n", ""),
        EN_NEWS,
        "slug",
        None,
        "missing",
    ),
    field_case(
        "unknown-lang",
        replace(EN_NEWS, "Lang: en", "Lang: fr"),
        EN_NEWS,
        "lang",
        3,
        "not a language of this site",
    ),
    field_case(
        "lang-does-not-match-folder",
        replace(AR_NEWS, "Lang: ar", "Lang: en"),
        AR_NEWS,
        "lang",
        3,
        "folder",
    ),
    field_case(
        "date-does-not-parse",
        replace(EN_NEWS, "Date: 2023-10-02 09:00", "Date: 2023-13-45 09:00"),
        EN_NEWS,
        "date",
        2,
        "not a real date; expected e.g. 2023-10-20 12:00 (year-month-day",
    ),
    field_case(
        "date-in-words",
        replace(EN_NEWS, "Date: 2023-10-02 09:00", "Date: next Friday"),
        EN_NEWS,
        "date",
        2,
        "e.g. 2023-10-20 12:00",
    ),
    field_case(
        "modified-does-not-parse",
        replace(EN_NEWS, "Lang: en\n", "Lang: en\nModified: yesterday\n"),
        EN_NEWS,
        "modified",
        4,
        "not a date",
    ),
    field_case(
        "duplicate-slug-in-one-language",
        write("en/news/another.md", POST.format(slug="breadnet-2023-proposals-closed")),
        "en/news/another.md",
        "slug",
        4,
        "also used by",
    ),
    field_case(
        "translation-slug-differs",
        replace(EN_NEWS, "Slug: breadnet-2023-proposals-closed", "Slug: proposals-closed"),
        EN_NEWS,
        "slug",
        4,
        "shares one slug",
    ),
    field_case(
        "translation-in-other-section",
        move(EN_NEWS, "en/articles/breadnet-2023-proposals-closed.md"),
        "en/articles/breadnet-2023-proposals-closed.md",
        "slug",
        4,
        "same kind of content",
    ),
    field_case(
        "slug-not-ascii",
        replace(EN_NEWS, "Slug: breadnet-2023-proposals-closed", "Slug: Proposals Closed"),
        EN_NEWS,
        "slug",
        4,
        "ASCII slug",
    ),
    field_case(
        "link-to-missing-file",
        append(EN_NEWS, "See [the call]({filename}/en/news/nope.md).\n"),
        EN_NEWS,
        "link",
        "See [the call]",
        "no file content/en/news/nope.md",
    ),
    field_case(
        "relative-link-to-missing-file",
        append(EN_NEWS, "See [it]({filename}../articles/nope.md).\n"),
        EN_NEWS,
        "link",
        "See [it]",
        "content/en/articles/nope.md",
    ),
    field_case(
        "image-missing",
        append(EN_NEWS, "![A crowd]({static}/images/crowd.jpg)\n"),
        EN_NEWS,
        "image",
        "![A crowd]",
        "no file content/images/crowd.jpg",
    ),
    field_case(
        "link-into-other-language",
        append(EN_NEWS, "[Arabic]({filename}/ar/articles/inclusive-arabic.md)\n"),
        EN_NEWS,
        "link",
        "[Arabic]",
        "in the 'ar' folder",
    ),
    field_case(
        "unknown-section-folder",
        write("en/blog/post.md", POST.format(slug="post")),
        "en/blog/post.md",
        "category",
        None,
        "unknown section folder",
    ),
    field_case(
        "file-outside-language-folder",
        write("fr/news/post.md", POST.format(slug="post")),
        "fr/news/post.md",
        "path",
        None,
        "belong in <lang>/<section>/",
    ),
    field_case(
        "unknown-category",
        replace(EN_NEWS, "Lang: en\n", "Lang: en\nCategory: blog\n"),
        EN_NEWS,
        "category",
        4,
        "not a category",
    ),
    field_case(
        "unknown-tag",
        replace(EN_NEWS, "Tags: convening", "Tags: convening, survelance"),
        EN_NEWS,
        "tags",
        5,
        "did you mean 'surveillance'",
    ),
    field_case(
        "unknown-tag-link",
        append(EN_NEWS, "More on [privacy]({tag}privcy).\n"),
        EN_NEWS,
        "link",
        "More on [privacy]",
        "not a topic key",
    ),
    field_case(
        "key-close-to-a-known-one",
        replace(EN_NEWS, "Summary:", "Sumary:"),
        EN_NEWS,
        "sumary",
        6,
        "did you mean summary?",
    ),
    field_case(
        "unknown-status",
        replace(EN_NEWS, "Lang: en\n", "Lang: en\nStatus: drafts\n"),
        EN_NEWS,
        "status",
        4,
        "not a status",
    ),
    field_case(
        "not-utf8",
        write(
            EN_ARTICLE,
            "Title: Caf\u00e9\nDate: 2023-10-01 10:00\nLang: en\n"
            "Slug: shrinking-civic-space\n\nText.\n".encode("latin-1"),
        ),
        EN_ARTICLE,
        "encoding",
        1,
        "not valid UTF-8",
    ),
    field_case(
        "empty-body",
        write(EN_PAGE, "Title: About us\nLang: en\nSlug: about\n\n\n"),
        EN_PAGE,
        "text",
        5,
        "empty",
    ),
    field_case(
        "broken-topics-toml",
        replace(TOPICS, 'en = "Advocacy"', "en = Advocacy"),
        TOPICS,
        "toml",
        26,
        "TOML",
    ),
    field_case(
        "topic-without-label",
        replace(TOPICS, 'en = "Hate speech"\n', ""),
        TOPICS,
        "topics.hate-speech",
        28,
        "no label for en",
    ),
]
