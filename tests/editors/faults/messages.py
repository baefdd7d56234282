"""Faults whose messages the issues list word for word, each built alone; `invoke
check` on the copy must say the same (tests/editors/test_error_messages_cli.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import ROOT
from tests.editors.faults.case import Case, Expect
from tests.mutations import append, replace, write

EN_NEWS = "en/news/breadnet-2023-proposals-closed.md"
EN_ARTICLE = "en/articles/shrinking-civic-space.md"
EN_REPORT = "en/publications/countering-hate-speech-guide.md"
AR_REPORT = "ar/publications/countering-hate-speech-guide.md"
EN_EDITION = "en/editions/2020.md"
AR_EDITION = "ar/editions/2020.md"
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


def E(file, field, *words, line=None, absent=()) -> Expect:
    return Expect(file, field, tuple(words), line, tuple(absent))


def message_case(id, mutate, expects, problems=None) -> Case:
    return Case(id, mutate, expects, problems, check=True, group="messages")


SPACED = "Lang: en\nStatus : draft\n"
MESSAGE_CASES = [
    # Status : draft / Date : … (a space before the colon: Pelican would not read it)
    message_case(
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
    message_case(
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
    message_case(
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
    message_case(
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
    message_case(
        "report-date-day-month-clear",
        replace(EN_REPORT, "Date: 2022", "Date: 25/12/2022"),
        (E(EN_REPORT, "date", "write it as 2022-12-25, year-month-day", line=2),),
    ),
    message_case(
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
    # an empty required line: "empty", with its line, and how to fill it (in the
    # originals: a fact's line in a translation that records its original may go)
    message_case(
        "report-empty-type",
        replace(AR_REPORT, "Type: guide", "Type:"),
        (
            E(
                AR_REPORT,
                "type",
                "empty",
                "write it after the colon",
                "'Type: annual-report'",
                line="Type:",
                absent=("missing",),
            ),
        ),
    ),
    message_case(
        "edition-empty-year",
        replace(AR_EDITION, "Year: 2020", "Year:"),
        (E(AR_EDITION, "year", "empty", "write it after the colon", "'Year: 2023'", line=4),),
    ),
    message_case(
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
    message_case(
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
            # a fact: the one rule for every fact says it too, naming the original
            E(
                EN_REPORT,
                "document-id",
                "SMEX-2022-11 here but SMEX-2022-01 in content/" + AR_REPORT,
                "a translation states the same facts",
                line="Document-ID:",
            ),
        ),
        problems=2,
    ),
    message_case(
        "report-doi-is-a-web-address",
        replace(EN_REPORT, "Type: guide", "DOI: https://example.org/guide\nType: guide"),
        (E(EN_REPORT, "doi", "is not a DOI", "10.<digits>/<suffix>", line="DOI:"),),
    ),
    # PDF paths: start from the content folder
    message_case(
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
    message_case(
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
    message_case(
        "topics-file-deleted",
        delete(TOPICS),
        (E(TOPICS, "topics", "missing", "restore the file", absent=("not a topic key",)),),
        problems=1,  # once, not once per file that uses a topic
    ),
    message_case(
        "topic-label-not-text",
        replace(TOPICS, 'en = "Advocacy"', "en = 5"),
        (E(TOPICS, "topics.advocacy", "the en label is not text", 'en = "…"', line=24),),
    ),
    # editions
    message_case(
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
    message_case(
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
    message_case(
        "timezone-localtime",
        replace(EN_EDITION, "Format: online\n", "Format: online\nTimezone: localtime\n"),
        (E(EN_EDITION, "timezone", "not an IANA time zone", "Asia/Beirut", line="Timezone:"),),
    ),
    message_case(
        "timezone-factory",
        replace(EN_EDITION, "Format: online\n", "Format: online\nTimezone: Factory\n"),
        (E(EN_EDITION, "timezone", "not an IANA time zone", "Asia/Beirut", line="Timezone:"),),
    ),
    message_case(
        "edition-links-backslash",
        replace(EN_EDITION, "Format: online\n", "Format: online\nLinks: post /\\evil.example/x\n"),
        (E(EN_EDITION, "links", "not a URL", "starting with a single /", line="Links:"),),
    ),
    message_case(
        "edition-links-protocol-relative",
        replace(EN_EDITION, "Format: online\n", "Format: online\nLinks: post //evil.example/x\n"),
        (E(EN_EDITION, "links", "not a URL", "starting with a single /", line="Links:"),),
    ),
    message_case(
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
    message_case(
        "control-character-in-title",
        replace(EN_NEWS, "Title: Proposals", "Title: Pro\x07posals"),
        (E(EN_NEWS, "title", "control character", "retype the value", line=1),),
    ),
    message_case(
        "unknown-template",
        replace(EN_NEWS, "Lang: en\n", "Lang: en\nTemplate: fancy\n"),
        (E(EN_NEWS, "template", "'fancy' is not a template", "delete the line", line=4),),
    ),
    message_case(
        "slug-300-characters",
        write("en/news/long.md", post("a" * 300)),
        (E("en/news/long.md", "slug", "300 characters", "keep it under 80", line=4),),
    ),
    message_case(
        "body-link-to-missing-file",
        append(EN_NEWS, "The [report](/files/missing.pdf).\n"),
        (E(EN_NEWS, "link", "/files/missing.pdf", "{static}/", line="The [report]"),),
    ),
    message_case(
        "body-raw-image-path",
        append(EN_NEWS, "![The timeline](/images/editions-timeline.svg)\n"),
        (
            E(
                EN_NEWS,
                "image",
                "write {static}/images/editions-timeline.svg instead",
                line="![The timeline]",
            ),
        ),
    ),
    message_case(
        "body-raw-missing-image-path",
        append(EN_NEWS, "![A photo](/images/x.png)\n"),
        (E(EN_NEWS, "image", "/images/x.png", "{static}/", line="![A photo]"),),
    ),
    message_case(
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
    message_case(
        "cover-outside-images",
        both(
            write("files/cover.png", b"\x89PNG\r\n\x1a\n"),
            replace(EN_REPORT, "PDF: files/", "Cover: files/cover.png\nPDF: files/"),
        ),
        (E(EN_REPORT, "cover", "is not under images/", line="Cover:"),),
    ),
    # a topic's label where its key belongs
    message_case(
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
    message_case(
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
    message_case(
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
    message_case(
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
    message_case(
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
    message_case(
        "nested-news-folder",
        write("en/news/2023/x.md", post("x")),
        (E("en/news/2023/x.md", "path", "not in a subfolder", "move it to content/en/news/x.md"),),
    ),
    message_case(
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
    message_case(
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
                line="See [the draft]",
                absent=("scheduled", "date after"),  # a draft has no date to move
            ),
            E(
                EN_NEWS,
                "link",
                "content/en/news/the-future.md",
                "scheduled for 2099-11-01 10:00",
                "give this one a date after that one's",
                line="And [the future]",
                absent=("Status: draft",),
            ),
        ),
        problems=2,
    ),
    message_case(
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
                line="See [the PDF]",
            ),
        ),
        problems=1,
    ),
    # digits that are not decimal digits: str.isdigit() accepts them, int() does not
    message_case(
        "ordinal-superscript-digit",
        replace(EN_EDITION, "Ordinal: 3", "Ordinal: ²"),
        (E(EN_EDITION, "ordinal", "'²'", "expected a whole number", line=5),),
    ),
    message_case(
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
    # issue 21: one language's PDF is one fact, whichever file names it
    message_case(
        "translation-names-another-arabic-pdf",
        replace(
            EN_REPORT,
            "PDF: files/",
            "PDF-ar: files/publications/incitement-bill-legal-analysis-ar.pdf\nPDF: files/",
        ),
        (
            E(
                EN_REPORT,
                "pdf-ar",
                "files/publications/incitement-bill-legal-analysis-ar.pdf here but "
                "files/publications/countering-hate-speech-guide-ar.pdf in "
                f"content/{AR_REPORT} (PDF), the original",
                "write the PDF-ar line as there, or leave it out",
                line="PDF-ar:",
            ),
        ),
        problems=1,
    ),
    # a place is words: the translation writes it, it is not taken
    message_case(
        "translation-leaves-its-city-out",
        replace(EN_EDITION_2023, "City: Beirut\n", ""),
        (
            E(
                EN_EDITION_2023,
                "city",
                "missing, but content/ar/editions/2023.md, the original, gives 'City: بيروت'",
                "add the City line, the same city written in English",
            ),
        ),
        problems=1,
    ),
]
