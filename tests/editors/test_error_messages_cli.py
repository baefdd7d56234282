"""Every message the issues list, through the real command line.

Each failure case copies content/, breaks one thing, and runs both
`python3 -m tools.build.sitebuild` (over an output folder that holds a good build)
and `invoke check` on the copy. Each must name the file, the line where there
is one, the field and the words of the fix; the build exits 2, prints no
traceback and leaves the previous output byte for byte; `invoke check` says
the same and exits 1. The cases run once per session through the fault suites' one harness
(tests/contentcopy.py build_faults); the tests read their results.

A few inputs must be *accepted* (an Arabic comma in Tags, a byte-order mark in
topics.toml, an Etc/GMT zone): those copies are built and the output read.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT
from tests.contentcopy import Fault, build_faults, copy_content
from tests.mutations import append, replace, write
from tests.sitecheck import Outcome, cli_build, invoke, tree_digest

EN_NEWS = "en/news/breadnet-2023-proposals-closed.md"
EN_ARTICLE = "en/articles/shrinking-civic-space.md"
EN_REPORT = "en/publications/countering-hate-speech-guide.md"
AR_REPORT = "ar/publications/countering-hate-speech-guide.md"
EN_EDITION = "en/editions/2020.md"
EN_EDITION_2023 = "en/editions/2023.md"
TOPICS = "data/topics.toml"
PROGRAMME_FIXTURES = ROOT / "tests/fixtures/programme"


# --- mutations ------------------------------------------------------------------------


def delete(rel: str) -> Callable[[Path], None]:
    def mutate(content: Path) -> None:
        (content / rel).unlink()

    return mutate


def both(*mutations: Callable[[Path], None]) -> Callable[[Path], None]:
    def mutate(content: Path) -> None:
        for one in mutations:
            one(content)

    return mutate


def post(slug: str, title: str = "A post", date: str = "2023-10-01 10:00", extra: str = "") -> str:
    return f"Title: {title}\nDate: {date}\nLang: en\nSlug: {slug}\n{extra}\nText.\n"


def page(lang: str, slug: str) -> str:
    return f"Title: A page\nLang: {lang}\nSlug: {slug}\n\nText.\n"


def edition(year: str, extra: str = "") -> str:
    return f"Title: Bread&Net {year}\nLang: en\nSlug: {year}\nYear: {year}\n{extra}\nStory.\n"


# --- what a message must say ----------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    file: str  # inside content/
    field: str
    words: tuple[str, ...]
    # the line: a number, a piece of text on it (looked up in the broken file), or None
    line: int | str | None = None
    absent: tuple[str, ...] = ()  # words the message must not have


@dataclass(frozen=True)
class Case:
    id: str
    mutate: Callable[[Path], None]
    expects: tuple[Expect, ...]
    problems: int | None = None  # the exact number of errors, where it matters


def E(file, field, *words, line=None, absent=()) -> Expect:
    return Expect(file, field, tuple(words), line, tuple(absent))


SPACED = "Lang: en\nStatus : draft\n"
CASES = [
    # Status : draft / Date : … (a space before the colon: Pelican would not read it)
    Case(
        "status-space-before-colon",
        replace(EN_NEWS, "Lang: en\n", SPACED),
        (
            E(
                EN_NEWS,
                "metadata",
                "space before the colon",
                "would be published as text",
                "write 'Status: draft'",
                line=4,
            ),
        ),
        problems=1,
    ),
    Case(
        "date-space-before-colon",
        replace(EN_NEWS, "Date: 2023-10-02 09:00", "Date : 2023-10-02 09:00"),
        (
            E(
                EN_NEWS,
                "metadata",
                "space before the colon",
                "write 'Date: 2023-10-02 09:00'",
                line=2,
            ),
        ),
        problems=1,  # not also "date: missing"
    ),
    # day/month dates: both readings, and the ISO forms to write
    Case(
        "post-date-day-month-ambiguous",
        replace(EN_NEWS, "Date: 2023-10-02 09:00", "Date: 12/06/2023 09:00"),
        (
            E(
                EN_NEWS,
                "date",
                "12 June 2023 (day/month, as written in Lebanon)",
                "6 December 2023 (month/day)",
                "write 2023-06-12 09:00 or 2023-12-06 09:00",
                line=2,
            ),
        ),
    ),
    Case(
        "report-date-day-month-ambiguous",
        replace(EN_REPORT, "Date: 2022", "Date: 12/06/2023"),
        (
            E(
                EN_REPORT,
                "date",
                "12 June 2023 (day/month",
                "6 December 2023 (month/day)",
                "write 2023-06-12 or 2023-12-06",
                line=2,
            ),
        ),
    ),
    Case(
        "report-date-day-month-clear",
        replace(EN_REPORT, "Date: 2022", "Date: 25/12/2022"),
        (E(EN_REPORT, "date", "write it as 2022-12-25, year-month-day", line=2),),
    ),
    Case(
        "edition-start-day-month-ambiguous",
        replace(EN_EDITION, "Start: 2020-12-01\nEnd: 2020-12-04\n", "Start: 12/06/2020\n"),
        (
            E(
                EN_EDITION,
                "start",
                "12 June 2020 (day/month",
                "6 December 2020 (month/day)",
                "write 2020-06-12 or 2020-12-06",
                line="Start:",
            ),
        ),
    ),
    # an empty required line: "empty", with its line, and how to fill it
    Case(
        "report-empty-type",
        replace(EN_REPORT, "Type: guide", "Type:"),
        (
            E(
                EN_REPORT,
                "type",
                "empty",
                "write it after the colon",
                "'Type: annual-report'",
                line="Type:",
                absent=("missing",),
            ),
        ),
    ),
    Case(
        "edition-empty-year",
        replace(EN_EDITION, "Year: 2020", "Year:"),
        (E(EN_EDITION, "year", "empty", "write it after the colon", "'Year: 2023'", line=4),),
    ),
    Case(
        "report-empty-summary-is-not-to-be-deleted",
        replace(
            EN_REPORT,
            "Summary: A practical guide by 7amleh to recognising, documenting and countering "
            "hate speech online.",
            "Summary:",
        ),
        (
            E(
                EN_REPORT,
                "summary",
                "empty",
                "write it after the colon",
                line="Summary:",
                absent=("delete",),
            ),
        ),
    ),
    # a published report's Document-ID never changes; a DOI is written as a DOI
    Case(
        "report-changed-document-id",
        replace(EN_REPORT, "Document-ID: SMEX-2022-01", "Document-ID: SMEX-2022-11"),
        (
            E(
                EN_REPORT,
                "document-id",
                "published as 'SMEX-2022-01'",
                "data/document-ids.toml",
                "write Document-ID: SMEX-2022-01",
                line="Document-ID:",
            ),
        ),
        problems=1,
    ),
    Case(
        "report-doi-is-a-web-address",
        replace(EN_REPORT, "Type: guide", "DOI: https://example.org/guide\nType: guide"),
        (E(EN_REPORT, "doi", "is not a DOI", "10.<digits>/<suffix>", line="DOI:"),),
    ),
    # PDF paths: start from the content folder
    Case(
        "pdf-leading-slash",
        replace(EN_REPORT, "PDF: files/", "PDF: /files/"),
        (
            E(
                EN_REPORT,
                "pdf",
                "drop the leading '/'",
                "write 'files/publications/countering-hate-speech-guide-en.pdf'",
                line="PDF:",
                absent=("is not under",),
            ),
        ),
    ),
    Case(
        "pdf-leading-static",
        replace(EN_REPORT, "PDF: files/", "PDF: {static}/files/"),
        (
            E(
                EN_REPORT,
                "pdf",
                "drop the leading '{static}'",
                "write 'files/publications/countering-hate-speech-guide-en.pdf'",
                line="PDF:",
                absent=("is not under",),
            ),
        ),
    ),
    # data files
    Case(
        "topics-file-deleted",
        delete(TOPICS),
        (E(TOPICS, "topics", "missing", "restore the file", absent=("not a topic key",)),),
        problems=1,  # once, not once per file that uses a topic
    ),
    Case(
        "topic-label-not-text",
        replace(TOPICS, 'en = "Advocacy"', "en = 5"),
        (E(TOPICS, "topics.advocacy", "the en label is not text", 'en = "…"', line=24),),
    ),
    # editions
    Case(
        "edition-year-9999",
        write("en/editions/9999.md", edition("9999")),
        (
            E(
                "en/editions/9999.md",
                "year",
                "cannot be the year of an edition",
                "e.g. 2023",
                line=4,
            ),
        ),
    ),
    Case(
        "edition-year-0000",
        write("en/editions/0000.md", edition("0000")),
        (
            E(
                "en/editions/0000.md",
                "year",
                "cannot be the year of an edition",
                "e.g. 2023",
                line=4,
            ),
        ),
    ),
    Case(
        "timezone-localtime",
        replace(EN_EDITION, "Format: online\n", "Format: online\nTimezone: localtime\n"),
        (E(EN_EDITION, "timezone", "not an IANA time zone", "Asia/Beirut", line="Timezone:"),),
    ),
    Case(
        "timezone-factory",
        replace(EN_EDITION, "Format: online\n", "Format: online\nTimezone: Factory\n"),
        (E(EN_EDITION, "timezone", "not an IANA time zone", "Asia/Beirut", line="Timezone:"),),
    ),
    Case(
        "edition-links-backslash",
        replace(EN_EDITION, "Format: online\n", "Format: online\nLinks: post /\\evil.example/x\n"),
        (E(EN_EDITION, "links", "not a URL", "starting with a single /", line="Links:"),),
    ),
    Case(
        "edition-links-protocol-relative",
        replace(EN_EDITION, "Format: online\n", "Format: online\nLinks: post //evil.example/x\n"),
        (E(EN_EDITION, "links", "not a URL", "starting with a single /", line="Links:"),),
    ),
    Case(
        "edition-links-to-a-draft",
        replace(EN_NEWS, "Lang: en\n", "Lang: en\nStatus: draft\n"),
        (
            E(
                EN_EDITION_2023,
                "links",
                *(EN_NEWS, "which is a draft", "remove the link"),
                "delete its 'Status: draft' line",
                line="Links:",
                absent=("date after",),
            ),
        ),
    ),
    # text that cannot be published as it is
    Case(
        "control-character-in-title",
        replace(EN_NEWS, "Title: Proposals", "Title: Pro\x07posals"),
        (E(EN_NEWS, "title", "control character", "retype the value", line=1),),
    ),
    Case(
        "unknown-template",
        replace(EN_NEWS, "Lang: en\n", "Lang: en\nTemplate: fancy\n"),
        (E(EN_NEWS, "template", "'fancy' is not a template", "delete the line", line=4),),
    ),
    Case(
        "slug-300-characters",
        write("en/news/long.md", post("a" * 300)),
        (E("en/news/long.md", "slug", "300 characters", "keep it under 80", line=4),),
    ),
    Case(
        "body-link-to-missing-file",
        append(EN_NEWS, "The [report](/files/missing.pdf).\n"),
        (E(EN_NEWS, "link", "/files/missing.pdf", "{static}/", line=17),),
    ),
    Case(
        "body-raw-image-path",
        append(EN_NEWS, "![The timeline](/images/editions-timeline.svg)\n"),
        (E(EN_NEWS, "image", "write {static}/images/editions-timeline.svg instead", line=17),),
    ),
    Case(
        "body-raw-missing-image-path",
        append(EN_NEWS, "![A photo](/images/x.png)\n"),
        (E(EN_NEWS, "image", "/images/x.png", "{static}/", line=17),),
    ),
    Case(
        "cover-absolute-path",
        replace(EN_REPORT, "PDF: files/", "Cover: /tmp/x.png\nPDF: files/"),
        (
            E(
                EN_REPORT,
                "cover",
                "is not under images/",
                "expected e.g. images/report-cover.jpg",
                line="Cover:",
                absent=("write 'tmp/x.png'",),
            ),
        ),
    ),
    Case(
        "cover-outside-images",
        both(
            write("files/cover.png", b"\x89PNG\r\n\x1a\n"),
            replace(EN_REPORT, "PDF: files/", "Cover: files/cover.png\nPDF: files/"),
        ),
        (E(EN_REPORT, "cover", "is not under images/", line="Cover:"),),
    ),
    # a topic's label where its key belongs
    Case(
        "tags-topic-label-instead-of-key",
        replace(EN_NEWS, "Tags: convening\n", "Tags: الأمان الرقمي\n"),
        (
            E(
                EN_NEWS,
                "tags",
                "'الأمان الرقمي' is the label of the topic 'digital-security'",
                "write the key: digital-security",
                line="Tags:",
                absent=("separate items",),
            ),
        ),
        problems=1,
    ),
    # a topic table written without its topics. prefix: ignored before, refused now
    Case(
        "topics-table-without-prefix",
        append(TOPICS, '\n[elections]\nar = "الانتخابات"\nen = "Elections"\n'),
        (
            E(
                TOPICS,
                "topics",
                "[elections] is not read",
                "every topic is a table named [topics.KEY]",
                "write [topics.elections]",
                line="[elections]",
            ),
        ),
        problems=1,
    ),
    # a post time the clocks skip in Beirut (00:00-01:00 on 26 March 2023)
    Case(
        "post-date-in-the-spring-forward-gap",
        replace(EN_NEWS, "Date: 2023-10-02 09:00", "Date: 2023-03-26 00:30"),
        (
            E(
                EN_NEWS,
                "date",
                "2023-03-26 00:30 does not exist in Asia/Beirut",
                "daylight saving time begins",
                "e.g. 2023-03-26 01:30",
                line=2,
            ),
        ),
        problems=1,
    ),
    # an Arabic report's empty PDF: the Arabic file name is suggested
    Case(
        "arabic-report-empty-pdf",
        replace(AR_REPORT, "PDF: files/publications/countering-hate-speech-guide-ar.pdf", "PDF:"),
        (
            E(
                AR_REPORT,
                "pdf",
                "empty",
                "'PDF: files/publications/countering-hate-speech-guide-ar.pdf'",
                line="PDF:",
                absent=("-en.pdf", "report-"),
            ),
        ),
        problems=1,
    ),
    # addresses that belong to the site, or that Pelican would file elsewhere
    Case(
        "reserved-slugs-of-arabic-pages",
        both(
            *(
                write(f"ar/pages/{slug}-page.md", page("ar", slug))
                for slug in (
                    "en",
                    "search",
                    "tag",
                    "archives",
                    "convening",
                    "publications",
                    "news",
                    "articles",
                )
            )
        ),
        (
            # what has the address, in an editor's words (not a settings name)
            E(
                "ar/pages/search-page.md",
                "slug",
                "'search' is taken by the search page (/search/)",
                "e.g. about-search",
                line=3,
                absent=("SEARCH_URL", "_URL"),
            ),
            E(
                "ar/pages/archives-page.md",
                "slug",
                "the archive of every post (/archives/)",
                line=3,
                absent=("ARCHIVES_URL",),
            ),
            E("ar/pages/tag-page.md", "slug", "the topic pages (/tag/)", line=3, absent=("_URL",)),
            *(
                E(f"ar/pages/{slug}-page.md", "slug", f"'{slug}' is taken by", line=3)
                for slug in (
                    "en",
                    "search",
                    "tag",
                    "archives",
                    "convening",
                    "publications",
                    "news",
                    "articles",
                )
            ),
        ),
        problems=8,
    ),
    Case(
        "nested-news-folder",
        write("en/news/2023/x.md", post("x")),
        (E("en/news/2023/x.md", "path", "not in a subfolder", "move it to content/en/news/x.md"),),
    ),
    Case(
        "nested-publications-folder",
        write("en/publications/2024/x.md", post("x")),
        (
            E(
                "en/publications/2024/x.md",
                "path",
                "not in a subfolder",
                "move it to content/en/publications/x.md",
            ),
        ),
    ),
    Case(
        "published-post-links-to-held-back",
        both(
            write("en/news/the-draft.md", post("the-draft", extra="Status: draft\n")),
            write("en/news/the-future.md", post("the-future", date="2099-11-01 10:00")),
            append(
                EN_NEWS,
                "See [the draft]({filename}/en/news/the-draft.md).\n"
                "And [the future]({filename}/en/news/the-future.md).\n",
            ),
        ),
        (
            E(
                EN_NEWS,
                "link",
                *("content/en/news/the-draft.md", "a draft", "delete its 'Status: draft' line"),
                line=17,
                absent=("scheduled", "date after"),  # a draft has no date to move
            ),
            E(
                EN_NEWS,
                "link",
                "content/en/news/the-future.md",
                "scheduled for 2099-11-01 10:00",
                "give this one a date after that one's",
                line=18,
                absent=("Status: draft",),
            ),
        ),
        problems=2,
    ),
    Case(
        "published-post-links-a-held-back-reports-pdf",
        both(
            write(
                "en/publications/held-report.md",
                "Title: Held\nDate: 2099-01-01\nLang: en\nSlug: held-report\nType: guide\n"
                "Summary: Later.\nPDF: files/publications/held-report-en.pdf\n\nText.\n",
            ),
            write(
                "files/publications/held-report-en.pdf",
                (
                    ROOT / "content/files/publications/countering-hate-speech-guide-en.pdf"
                ).read_bytes(),
            ),
            append(EN_NEWS, "See [the PDF]({static}/files/publications/held-report-en.pdf).\n"),
        ),
        (
            E(
                EN_NEWS,
                "link",
                "files/publications/held-report-en.pdf, a file of "
                "content/en/publications/held-report.md, which is scheduled",
                line=17,
            ),
        ),
        problems=1,
    ),
    # digits that are not decimal digits: str.isdigit() accepts them, int() does not
    Case(
        "ordinal-superscript-digit",
        replace(EN_EDITION, "Ordinal: 3", "Ordinal: ²"),
        (E(EN_EDITION, "ordinal", "'²'", "expected a whole number", line=5),),
    ),
    Case(
        "programme-file-named-in-superscript-digits",
        write("data/programme/²⁰²⁵.json", (PROGRAMME_FIXTURES / "bilingual.json").read_bytes()),
        (
            E(
                "data/programme/²⁰²⁵.json",
                "file name",
                "'²⁰²⁵.json' is not named after a year",
                "content/data/programme/2025.json",
            ),
        ),
        problems=1,
    ),
]


# --- running them ----------------------------------------------------------------------------


@dataclass
class Result(Outcome):
    content: Path | None = None
    check: subprocess.CompletedProcess | None = None


def checked(fault: Fault, copy, outcome: Outcome) -> Result:
    """The build's outcome, and `invoke check` on the same broken copy."""
    result = Result(**vars(outcome), content=copy.content)
    if fault.mutate is not None:
        result.check = invoke("check", "--path", str(copy.content))
    return result


@pytest.fixture(scope="session")
def results(tmp_path_factory, good_output) -> dict[str, Result]:
    faults = [Fault(case.id, case.mutate) for case in CASES]
    faults += [
        Fault("now-without-offset", None, "2027-01-10"),
        Fault("now-garbage", None, "garbage"),
    ]
    return build_faults(tmp_path_factory.mktemp("messages"), good_output, faults, after=checked)


def line_number(result: Result, expect: Expect) -> int | None:
    if expect.line is None or isinstance(expect.line, int):
        return expect.line
    text = (result.content / expect.file).read_text(encoding="utf-8")
    found = [n for n, line in enumerate(text.splitlines(), 1) if line.startswith(expect.line)]
    assert len(found) == 1, (expect.file, expect.line)
    return found[0]


def messages(stream: str, prefix: str = "") -> list[str]:
    return [
        line.strip()[len(prefix) :]
        for line in stream.splitlines()
        if line.strip().startswith(prefix + "content/")
    ]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_the_build_stops_and_says_where_and_how_to_fix(results, case):
    result = results[case.id]
    assert result.code == 2, f"{case.id}: exit {result.code}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    found = messages(result.stderr)
    for expect in case.expects:
        line = line_number(result, expect)
        where = f"content/{expect.file}:{line}" if line else f"content/{expect.file}"
        matching = [m for m in found if m.startswith(f"{where}: {expect.field}: ")]
        assert matching, f"no message at {where}: {expect.field}: in\n{result.stderr}"
        good = [m for m in matching if all(w in m for w in expect.words)]
        assert good, (expect.words, matching)
        assert not [m for m in good if any(w in m for w in expect.absent)], good
    if case.problems is not None:
        noun = "problem" if case.problems == 1 else "problems"
        assert f"Build failed. {case.problems} content {noun}" in result.stderr, result.stderr
        assert len(found) == case.problems, found
    # output/ is exactly the previous good build; no staging folder is left
    assert result.after == result.before
    assert result.leftovers == []


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_invoke_check_says_the_same(results, case):
    result = results[case.id]
    check = result.check
    assert check.returncode == 1, check.stdout + check.stderr
    assert "Traceback" not in check.stdout + check.stderr
    errors = messages(check.stdout, "error: ")
    assert sorted(errors) == sorted(messages(result.stderr)), check.stdout


@pytest.mark.parametrize(
    ("job", "words"),
    [
        ("now-without-offset", ("--now '2027-01-10' has no UTC offset", "e.g. --now 2027-01-10T")),
        ("now-garbage", ("--now 'garbage' is not a date and time", "--now 2023-10-20T12:00+03:00")),
    ],
)
def test_a_bad_now_is_one_clear_line(results, job, words):
    result = results[job]
    assert result.code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Build failed. ")
    assert all(word in lines[0] for word in words), lines[0]
    assert re.search(r"--now \d{4}-\d\d-\d\dT\d\d:\d\d[+-]\d\d:\d\d\b", lines[0]), lines[0]
    assert "Traceback" not in result.stderr and "SITE_NOW" not in result.stderr
    assert result.after == result.before


@pytest.mark.parametrize("now", ["2027-01-10", "garbage"])
def test_invoke_new_with_a_bad_now_does_nothing_and_says_why(tmp_path, now):
    content = tmp_path / "content"
    copy_content(content)
    before = tree_digest(content)
    done = invoke("new", "--kind", "news", "--title", "Hello", "--now", now, "--path", str(content))
    assert done.returncode == 2
    assert done.stderr.startswith("Nothing done: --now ") and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert tree_digest(content) == before


def test_a_link_to_nothing_warns_in_a_preview_and_stops_a_publish(tmp_path, good_output):
    """Like Pelican's unresolved {filename} links: a preview of a partial tree
    builds and says so; a strict (publish) build refuses."""
    dead = "Format: online\nLinks: report /files/missing.pdf\n"
    mutate = replace(EN_EDITION, "Format: online\n", dead)
    both = build_faults(
        tmp_path,
        good_output,
        [Fault("preview", mutate), Fault("strict", mutate, extra=("--strict",))],
        after=checked,
    )
    preview, strict = both["preview"], both["strict"]
    line = line_number(preview, E(EN_EDITION, "links", line="Links:"))
    message = (
        f"content/{EN_EDITION}:{line}: links: report: '/files/missing.pdf' is not a page or "
        "file of this site; check the address"
    )
    assert preview.code == 0, preview.stderr
    assert [m for m in messages(preview.stderr, "warning: ") if m.startswith(message)]
    assert preview.after != preview.before  # it built
    assert strict.code == 2, strict.stderr
    assert [m for m in messages(strict.stderr) if m.startswith(message)], strict.stderr
    assert strict.after == strict.before and strict.leftovers == []
    assert preview.check.returncode == 0
    assert [m for m in messages(preview.check.stdout, "warning: ") if m.startswith(message)]


# --- what must be accepted ------------------------------------------------------------------

LIST_SEPARATORS = "Tags: convening، privacy\n"  # an Arabic comma
ARABIC_TAGS = "Tags: convening؛ privacy\n"  # an Arabic semicolon
GMT_EDITION = edition(
    "2031",
    "Timezone: Etc/GMT+12\nStart: 2031-03-10 09:00\nEnd: 2031-03-11 17:00\n",
)


# warnings, not errors: a draft never stops the build; a value left untranslated
RESERVED_DRAFT = "ar/pages/search.md"
UNTRANSLATED_EDITION = "en/editions/2032.md"
UNTRANSLATED = (
    "Title: خبز ونت 2032\nLang: en\nSlug: 2032\nYear: 2032\nCity: بيروت\n"
    "Venue: فندق المدينة\nThemes: Privacy; الأمان الرقمي\n\nStory.\n"
)
LATIN_PAGE = "ar/pages/jobs.md"


@pytest.fixture(scope="module")
def accepted(tmp_path_factory) -> dict[str, Path]:
    """Two copies that must build: list separators and a zone; a BOM in topics.toml."""
    work = tmp_path_factory.mktemp("accepted")
    variants = {
        "separators": both(
            replace(EN_NEWS, "Tags: convening\n", LIST_SEPARATORS),
            replace("ar/news/breadnet-2023-proposals-closed.md", "Tags: convening\n", ARABIC_TAGS),
            write("en/editions/2031.md", GMT_EDITION),
        ),
        "bom": lambda content: (content / TOPICS).write_bytes(
            b"\xef\xbb\xbf" + (content / TOPICS).read_bytes()
        ),
        "warnings": both(
            write(
                RESERVED_DRAFT, "Title: بحث\nLang: ar\nSlug: search\nStatus: draft\n\nWARNDRAFT\n"
            ),
            write(UNTRANSLATED_EDITION, UNTRANSLATED),
            write(LATIN_PAGE, "Title: Jobs\nLang: ar\nSlug: jobs\n\nنص الصفحة.\n"),
        ),
    }
    built = {}
    for name, mutate in variants.items():
        content = work / name / "content"
        copy_content(content)
        mutate(content)
        done = cli_build(content, work / name / "output", work / name / "cache")
        assert done.returncode == 0, f"{name}:\n{done.stderr}"
        assert "Traceback" not in done.stderr
        (work / name / "build.stderr").write_text(done.stderr, encoding="utf-8")
        built[name] = work / name
    return built


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


@pytest.mark.parametrize(("prefix", "post_dir"), [("en/", "en/news"), ("", "news")])
def test_arabic_commas_and_semicolons_separate_tags(accepted, prefix, post_dir):
    out = accepted["separators"] / "output"
    url = f"/{post_dir}/breadnet-2023-proposals-closed/"
    for tag in ("convening", "privacy"):
        listing = soup(out / f"{prefix}tag/{tag}/index.html")
        assert listing.find("a", href=url), f"{url} not on {prefix}tag/{tag}/"
    tags = soup(out / f"{post_dir}/breadnet-2023-proposals-closed/index.html")
    assert len(tags.select("ul.tag-list li")) == 2
    assert not list(out.glob(f"{prefix}tag/*،*")) and not list(out.glob(f"{prefix}tag/*؛*"))


def test_invoke_check_accepts_the_separators(accepted):
    done = invoke("check", "--path", str(accepted["separators"] / "content"))
    assert done.returncode == 0, done.stdout
    assert "tags" not in done.stdout.lower()


def test_etc_gmt_zones_are_shown_with_the_sign_readers_expect(accepted):
    """Etc/GMT+12 is twelve hours behind UTC: readers see UTC-12, never GMT+12."""
    page = soup(accepted["separators"] / "output/en/convening/2031/index.html")
    text = page.select_one(".timeline").get_text(" ", strip=True)
    assert re.search(r"09:00 UTC[-−]12 time", text), text
    assert "+12" not in page.get_text() and "GMT" not in page.get_text()
    start = page.select_one(".timeline time")["datetime"]
    assert start == "2031-03-10T09:00:00-12:00"


def test_a_bom_in_topics_toml_builds_and_checks(accepted):
    out = accepted["bom"] / "output"
    assert (out / "en/tag/convening/index.html").is_file()
    done = invoke("check", "--path", str(accepted["bom"] / "content"))
    assert done.returncode == 0 and "nothing to fix" in done.stdout, done.stdout


def test_a_draft_with_a_reserved_slug_is_a_warning_and_is_written_nowhere(accepted):
    out = accepted["warnings"] / "output"
    stderr = (accepted["warnings"] / "build.stderr").read_text(encoding="utf-8")
    message = (
        f"content/{RESERVED_DRAFT}:3: slug: 'search' is taken by the search page (/search/); "
        "choose another slug with words, e.g. about-search (a draft: fix it before you publish)"
    )
    assert message in messages(stderr, "warning: "), stderr
    # the search pages are the site's own, in both languages; the draft is nowhere
    for prefix in ("", "en/"):
        page = soup(out / f"{prefix}search/index.html")
        assert page.select_one("main section.search form[data-search-form]"), prefix
    found = [p for p in out.rglob("*") if p.is_file() and b"WARNDRAFT" in p.read_bytes()]
    assert found == []
    done = invoke("check", "--path", str(accepted["warnings"] / "content"))
    assert done.returncode == 0, done.stdout
    assert message in messages(done.stdout, "warning: ")


@pytest.mark.parametrize(
    ("rel", "line", "field", "words"),
    [
        (UNTRANSLATED_EDITION, 1, "title", "written in Arabic script, but this is the English"),
        (UNTRANSLATED_EDITION, 5, "city", "written in Arabic script, but this is the English"),
        (UNTRANSLATED_EDITION, 6, "venue", "written in Arabic script, but this is the English"),
        (LATIN_PAGE, 1, "title", "written in Latin script, but this is the Arabic version"),
    ],
)
def test_a_value_in_the_other_languages_script_is_a_warning(accepted, rel, line, field, words):
    stderr = (accepted["warnings"] / "build.stderr").read_text(encoding="utf-8")
    done = invoke("check", "--path", str(accepted["warnings"] / "content"))
    assert done.returncode == 0, done.stdout
    for stream in (messages(stderr, "warning: "), messages(done.stdout, "warning: ")):
        found = [m for m in stream if m.startswith(f"content/{rel}:{line}: {field}: ")]
        assert found and words in found[0] and "translate it into" in found[0], stream
        # Themes mixes both scripts (one theme translated): not flagged; nor is any
        # shipped file, whose every value is in its own language's script
        scripts = [m for m in stream if "script, but this is" in m]
        assert len(scripts) == 4, scripts
