"""Bad content through the REAL build: the CLI, in a subprocess, one fault each.

Each case copies content/ into its own folder, breaks one thing, and runs
`python3 -m tools.build.sitebuild` over it with an output folder that already holds
a good build. Every case must: exit non-zero, name the file, the line (where
there is one) and the field, and leave the previous output byte for byte.

The cases run in parallel threads (each is a ~1 s subprocess), once per
session; the parametrised tests then read their results.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.contentcopy import Fault, build_faults, copy_content
from tests.mutations import append, move, replace, write
from tests.sitecheck import Outcome, cli_build

EN_NEWS = "en/news/breadnet-2023-proposals-closed.md"
AR_NEWS = "ar/news/breadnet-2023-proposals-closed.md"
EN_ARTICLE = "en/articles/shrinking-civic-space.md"
EN_PAGE = "en/pages/about.md"
TOPICS = "data/topics.toml"


POST = "Title: A post\nDate: 2023-10-01 10:00\nLang: en\nSlug: {slug}\n\nText.\n"


@dataclass(frozen=True)
class Case:
    id: str
    mutate: Callable[[Path], None]
    file: str  # inside content/
    field: str
    line: int | None
    words: str = ""  # a phrase the message must contain


# Line numbers refer to the seed files: in EN_NEWS, 1 Title, 2 Date, 3 Lang,
# 4 Slug, 5 Tags, 6 Summary, 7 blank, 8 text; the file has 16 lines.
CASES = [
    Case(
        "metadata-line-without-colon",
        replace(EN_NEWS, "Date: 2023-10-02", "Date 2023-10-02"),
        EN_NEWS,
        "metadata",
        2,
        "not a 'Key: value' line",
    ),
    Case(
        "file-without-metadata",
        replace(EN_NEWS, "Title: ", "# "),
        EN_NEWS,
        "metadata",
        1,
        "not a metadata line",
    ),
    Case(
        "key-given-twice",
        replace(EN_NEWS, "Lang: en\n", "Lang: en\nTitle: Again\n"),
        EN_NEWS,
        "metadata",
        4,
        "given twice",
    ),
    Case(
        "title-continued-on-two-lines",
        replace(EN_NEWS, "\nDate:", "\n    and more\nDate:"),
        EN_NEWS,
        "title",
        1,
        "one line",
    ),
    Case(
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
    Case(
        "missing-date",
        replace(EN_NEWS, "Date: 2023-10-02 09:00\n", ""),
        EN_NEWS,
        "date",
        None,
        "2023-10-20 12:00",
    ),
    Case(
        "missing-lang",
        replace(EN_NEWS, "Lang: en\n", ""),
        EN_NEWS,
        "lang",
        None,
        "missing",
    ),
    Case(
        "missing-slug",
        replace(EN_NEWS, "Slug: breadnet-2023-proposals-closed\n", ""),
        EN_NEWS,
        "slug",
        None,
        "missing",
    ),
    Case(
        "unknown-lang",
        replace(EN_NEWS, "Lang: en", "Lang: fr"),
        EN_NEWS,
        "lang",
        3,
        "not a language of this site",
    ),
    Case(
        "lang-does-not-match-folder",
        replace(AR_NEWS, "Lang: ar", "Lang: en"),
        AR_NEWS,
        "lang",
        3,
        "folder",
    ),
    Case(
        "date-does-not-parse",
        replace(EN_NEWS, "Date: 2023-10-02 09:00", "Date: 2023-13-45 09:00"),
        EN_NEWS,
        "date",
        2,
        "not a real date; expected e.g. 2023-10-20 12:00 (year-month-day",
    ),
    Case(
        "date-in-words",
        replace(EN_NEWS, "Date: 2023-10-02 09:00", "Date: next Friday"),
        EN_NEWS,
        "date",
        2,
        "e.g. 2023-10-20 12:00",
    ),
    Case(
        "modified-does-not-parse",
        replace(EN_NEWS, "Lang: en\n", "Lang: en\nModified: yesterday\n"),
        EN_NEWS,
        "modified",
        4,
        "not a date",
    ),
    Case(
        "duplicate-slug-in-one-language",
        write("en/news/another.md", POST.format(slug="breadnet-2023-proposals-closed")),
        "en/news/another.md",
        "slug",
        4,
        "also used by",
    ),
    Case(
        "translation-slug-differs",
        replace(EN_NEWS, "Slug: breadnet-2023-proposals-closed", "Slug: proposals-closed"),
        EN_NEWS,
        "slug",
        4,
        "shares one slug",
    ),
    Case(
        "translation-in-other-section",
        move(EN_NEWS, "en/articles/breadnet-2023-proposals-closed.md"),
        "en/articles/breadnet-2023-proposals-closed.md",
        "slug",
        4,
        "same kind of content",
    ),
    Case(
        "slug-not-ascii",
        replace(EN_NEWS, "Slug: breadnet-2023-proposals-closed", "Slug: Proposals Closed"),
        EN_NEWS,
        "slug",
        4,
        "ASCII slug",
    ),
    Case(
        "link-to-missing-file",
        append(EN_NEWS, "See [the call]({filename}/en/news/nope.md).\n"),
        EN_NEWS,
        "link",
        17,
        "no file content/en/news/nope.md",
    ),
    Case(
        "relative-link-to-missing-file",
        append(EN_NEWS, "See [it]({filename}../articles/nope.md).\n"),
        EN_NEWS,
        "link",
        17,
        "content/en/articles/nope.md",
    ),
    Case(
        "image-missing",
        append(EN_NEWS, "![A crowd]({static}/images/crowd.jpg)\n"),
        EN_NEWS,
        "image",
        17,
        "no file content/images/crowd.jpg",
    ),
    Case(
        "link-into-other-language",
        append(EN_NEWS, "[Arabic]({filename}/ar/articles/inclusive-arabic.md)\n"),
        EN_NEWS,
        "link",
        17,
        "in the 'ar' folder",
    ),
    Case(
        "unknown-section-folder",
        write("en/blog/post.md", POST.format(slug="post")),
        "en/blog/post.md",
        "category",
        None,
        "unknown section folder",
    ),
    Case(
        "file-outside-language-folder",
        write("fr/news/post.md", POST.format(slug="post")),
        "fr/news/post.md",
        "path",
        None,
        "belong in <lang>/<section>/",
    ),
    Case(
        "unknown-category",
        replace(EN_NEWS, "Lang: en\n", "Lang: en\nCategory: blog\n"),
        EN_NEWS,
        "category",
        4,
        "not a category",
    ),
    Case(
        "unknown-tag",
        replace(EN_NEWS, "Tags: convening", "Tags: convening, survelance"),
        EN_NEWS,
        "tags",
        5,
        "did you mean 'surveillance'",
    ),
    Case(
        "unknown-tag-link",
        append(EN_NEWS, "More on [privacy]({tag}privcy).\n"),
        EN_NEWS,
        "link",
        17,
        "not a topic key",
    ),
    Case(
        "key-close-to-a-known-one",
        replace(EN_NEWS, "Summary:", "Sumary:"),
        EN_NEWS,
        "sumary",
        6,
        "did you mean summary?",
    ),
    Case(
        "unknown-status",
        replace(EN_NEWS, "Lang: en\n", "Lang: en\nStatus: drafts\n"),
        EN_NEWS,
        "status",
        4,
        "not a status",
    ),
    Case(
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
    Case(
        "empty-body",
        write(EN_PAGE, "Title: About us\nLang: en\nSlug: about\n\n\n"),
        EN_PAGE,
        "text",
        5,
        "empty",
    ),
    Case(
        "broken-topics-toml",
        replace(TOPICS, 'en = "Advocacy"', "en = Advocacy"),
        TOPICS,
        "toml",
        26,
        "TOML",
    ),
    Case(
        "topic-without-label",
        replace(TOPICS, 'en = "Hate speech"\n', ""),
        TOPICS,
        "topics.hate-speech",
        28,
        "no label for en",
    ),
]


@pytest.fixture(scope="session")
def results(tmp_path_factory, good_output) -> dict[str, Outcome]:
    faults = [Fault(case.id, case.mutate) for case in CASES]
    # build_faults asserts one result per case: a repeated id would replace another's
    return build_faults(tmp_path_factory.mktemp("bad"), good_output, faults)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_stops_the_build_and_says_where(results, case):
    result = results[case.id]
    assert result.code != 0, f"{case.id}: the build succeeded\n{result.stderr}"
    where = f"content/{case.file}:{case.line}" if case.line else f"content/{case.file}"
    expected = f"{where}: {case.field}: "
    lines = [line.strip() for line in result.stderr.splitlines()]
    matching = [line for line in lines if line.startswith(expected)]
    assert matching, f"no line starting {expected!r} in:\n{result.stderr}"
    assert any(case.words in line for line in matching), (case.words, matching)
    assert "Traceback" not in result.stderr
    # output/ is exactly the previous good build, and no staging folder is left
    assert result.after == result.before
    assert result.leftovers == []


def test_all_problems_reported_at_once(tmp_path):
    """Three faults in three files: one run names all three."""
    content = tmp_path / "content"
    copy_content(content)
    replace(EN_NEWS, "Lang: en", "Lang: fr")(content)
    replace(AR_NEWS, "Date: 2023-10-02 09:00", "Date: 2023-10-99")(content)
    replace(EN_ARTICLE, "Summary:", "Sumary:")(content)
    done = cli_build(content, tmp_path / "output", tmp_path / "cache")
    assert done.returncode == 2
    assert f"content/{EN_NEWS}:3: lang:" in done.stderr
    assert f"content/{AR_NEWS}:2: date:" in done.stderr
    assert f"content/{EN_ARTICLE}:6: sumary:" in done.stderr
    assert "3 content problems" in done.stderr
    assert not (tmp_path / "output").exists()
