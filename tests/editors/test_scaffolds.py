"""`invoke new` and `invoke new --translate` for every kind, each followed by a
real build of that content copy: a scaffold builds as written, and the draft
it writes is published nowhere.

Each case copies content/, maybe adds the published original to translate,
runs the invoke CLI as an editor does, then `python3 -m tools.build.sitebuild` on
the copy. The cases run in a thread pool once per session; the tests read
their results. A few cases then publish the translation (delete its
`Status: draft` line) to see which PDF the report pages offer.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.contentcopy import copy_content
from tests.mutations import replace
from tests.sitecheck import ARABIC, FROZEN_NOW, cli_build, invoke, tree_digest


def add(rel: str, text: str) -> Callable[[Path], None]:
    def prepare(content: Path) -> None:
        (content / rel).write_text(text, encoding="utf-8")

    return prepare


def publish(rel: str) -> Callable[[Path], None]:
    """What an editor does to publish a draft: delete its Status line."""

    def after(content: Path) -> None:
        path = content / rel
        text = path.read_text(encoding="utf-8")
        assert "Status: draft\n" in text
        path.write_text(text.replace("Status: draft\n", ""), encoding="utf-8")

    return after


LINKED_POST = (
    "Title: منشور بروابط SCAFLINKS\nDate: 2023-10-10 10:00\nLang: ar\nSlug: scaffold-links\n"
    "Summary: ملخص.\n\n"
    "اقرأ [الخبر]({filename}/ar/news/breadnet-2023-proposals-closed.md) "
    "و[المقال]({filename}/ar/articles/shrinking-civic-space.md).\n\n"
    "وأيضاً [هذا]({filename}/ar/articles/inclusive-arabic.md).\n"
)
JOBS_PAGE = "Title: وظائف SCAFJOBS\nLang: ar\nSlug: jobs\n\nنص الصفحة.\n"
EDITION_2028 = (
    "Title: خبز ونت 2028 SCAFEDITION\nLang: ar\nSlug: 2028\nYear: 2028\nCity: بيروت\n"
    "Venue: فندق المدينة\nThemes: المجتمعات الصامدة؛ الأمان الرقمي\n"
    "Start: 2028-11-14 09:00\nEnd: 2028-11-15 18:00\nSummary: دورة 2028.\n\nقصة.\n"
)


@dataclass(frozen=True)
class Case:
    id: str
    args: tuple[str, ...]  # to `invoke new`, without --path
    created: str  # the file it writes, inside content/
    marker: str  # a word of that file the output must not have (its title's)
    prepare: Callable[[Path], None] | None = None
    after: Callable[[Path], None] | None = None  # between `new` and the build
    built_ok: bool = True


CASES = [
    # invoke new, every kind
    Case(
        "new-news",
        ("--kind", "news", "--lang", "en", "--title", "Scaffold SCAFNEWS"),
        "en/news/scaffold-scafnews.md",
        "SCAFNEWS",
    ),
    Case(
        "new-article",
        ("--kind", "article", "--title", "مقال SCAFARTICLE", "--slug", "scaffold-article"),
        "ar/articles/scaffold-article.md",
        "SCAFARTICLE",
    ),
    Case(
        "new-page",
        ("--kind", "page", "--lang", "en", "--title", "Scaffold SCAFPAGE"),
        "en/pages/scaffold-scafpage.md",
        "SCAFPAGE",
    ),
    Case(
        "new-report",
        ("--kind", "report", "--lang", "en", "--title", "Scaffold SCAFREPORT"),
        "en/publications/scaffold-scafreport.md",
        "SCAFREPORT",
    ),
    Case(
        "new-edition",  # the title alone: file, slug and year come from it
        ("--kind", "edition", "--title", "Bread&Net 2026"),
        "ar/editions/2026.md",
        "Bread&Net 2026",
    ),
    # invoke new --translate, every kind
    Case(
        "translate-news-with-links",
        ("--translate", "scaffold-links"),
        "en/news/scaffold-links.md",
        "SCAFLINKS",
        prepare=add("ar/news/scaffold-links.md", LINKED_POST),
    ),
    Case(
        "translate-article",
        ("--translate", "inclusive-arabic"),
        "en/articles/inclusive-arabic.md",
        "inclusive-arabic",
    ),
    Case(
        "translate-page",
        ("--translate", "jobs"),
        "en/pages/jobs.md",
        "SCAFJOBS",
        prepare=add("ar/pages/jobs.md", JOBS_PAGE),
    ),
    Case(
        "translate-report-with-its-pdf",
        ("--translate", "youth-digital-activism-survey"),
        "en/publications/youth-digital-activism-survey.md",
        "youth-digital-activism-survey",
        prepare=replace(
            "ar/publications/youth-digital-activism-survey.md",
            "PDF: files/",
            "Figures: 1200 | مشارك/ة؛ 5 | دول\nPDF: files/",
        ),
    ),
    Case(
        "translate-report-without-a-pdf",
        ("--translate", "quarterly-violations-reports-2022"),
        "en/publications/quarterly-violations-reports-2022.md",
        "quarterly-violations-reports-2022",
    ),
    Case(
        "translate-edition",
        ("--translate", "2028"),
        "en/editions/2028.md",
        "SCAFEDITION",
        prepare=add("ar/editions/2028.md", EDITION_2028),
    ),
    # then published by its editor
    Case(
        "publish-translated-report",
        ("--translate", "youth-digital-activism-survey"),
        "en/publications/youth-digital-activism-survey.md",
        "",
        after=publish("en/publications/youth-digital-activism-survey.md"),
    ),
    Case(  # its original held back: the Arabic PDF is the original's, and waits with it
        "publish-translation-of-a-draft-report",
        ("--translate", "youth-digital-activism-survey"),
        "en/publications/youth-digital-activism-survey.md",
        "",
        prepare=replace(
            "ar/publications/youth-digital-activism-survey.md",
            "Lang: ar\n",
            "Lang: ar\nStatus: draft\n",
        ),
        after=publish("en/publications/youth-digital-activism-survey.md"),
    ),
    Case(
        "publish-translated-report-without-a-pdf",
        ("--translate", "quarterly-violations-reports-2022"),
        "en/publications/quarterly-violations-reports-2022.md",
        "",
        after=publish("en/publications/quarterly-violations-reports-2022.md"),
        built_ok=False,
    ),
    Case(
        "publish-translated-news-with-a-link-left-in-arabic",
        ("--translate", "scaffold-links"),
        "en/news/scaffold-links.md",
        "",
        prepare=add("ar/news/scaffold-links.md", LINKED_POST),
        after=publish("en/news/scaffold-links.md"),
        built_ok=False,
    ),
]


@dataclass
class Result:
    new: subprocess.CompletedProcess
    text: str  # the file `new` wrote
    build: subprocess.CompletedProcess
    output: Path
    before: set[str] = field(default_factory=set)  # content files before `new`

    @property
    def outputs(self) -> dict[str, str]:
        return {
            str(path.relative_to(self.output)): path.read_text(encoding="utf-8")
            for path in sorted(self.output.rglob("*"))
            if path.suffix in {".html", ".xml", ".json", ".ics", ".txt"}
        }

    def soup(self, rel: str) -> BeautifulSoup:
        return BeautifulSoup((self.output / rel).read_text(encoding="utf-8"), "lxml")


def _files(content: Path) -> set[str]:
    return {str(p.relative_to(content)) for p in content.rglob("*") if p.is_file()}


@pytest.fixture(scope="session")
def results(tmp_path_factory) -> dict[str, Result]:
    work = tmp_path_factory.mktemp("scaffolds")

    def one(case: Case) -> tuple[str, Result]:
        folder = work / case.id
        content = folder / "content"
        copy_content(content)
        if case.prepare:
            case.prepare(content)
        before = _files(content)
        made = invoke("new", *case.args, "--now", FROZEN_NOW, "--path", str(content))
        path = content / case.created
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        if case.after and made.returncode == 0:
            case.after(content)
        built = cli_build(content, folder / "output", folder / "cache")
        return case.id, Result(made, text, built, folder / "output", before)

    with ThreadPoolExecutor(max_workers=3) as pool:
        return dict(pool.map(one, CASES))


IDS = [case.id for case in CASES]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_scaffold_is_written_as_a_draft(results, case):
    result = results[case.id]
    assert result.new.returncode == 0, result.new.stderr
    assert "Created" in result.new.stdout and "(a draft)" in result.new.stdout
    assert result.text, f"{case.created} was not written"
    head = result.text.split("\n\n", 1)[0].splitlines()
    assert "Status: draft" in head  # in the metadata block, where Pelican reads it
    assert _files(result.output.parent / "content") - result.before <= {case.created}


@pytest.mark.parametrize("case", [c for c in CASES if c.built_ok], ids=lambda c: c.id)
def test_the_content_with_the_scaffold_builds(results, case):
    build = results[case.id].build
    assert build.returncode == 0, build.stderr
    assert "Traceback" not in build.stderr


@pytest.mark.parametrize("case", [c for c in CASES if c.built_ok and c.marker], ids=lambda c: c.id)
def test_the_draft_is_published_nowhere(results, case):
    result = results[case.id]
    lang = case.created.split("/", 1)[0]
    prefix = "en/" if lang == "en" else ""
    folder, name = case.created.split("/")[1:]
    slug = name.removesuffix(".md")
    page = {
        "news": f"news/{slug}/",
        "articles": f"articles/{slug}/",
        "pages": f"{slug}/",
        "publications": f"publications/{slug}/",
        "editions": f"convening/{slug}/",
    }[folder]
    assert not (result.output / prefix / page).exists(), f"{case.created} has a page"
    texts = result.outputs
    if case.id.startswith("new-"):  # a new item: its title is nowhere at all
        words = (case.marker, case.marker.replace("&", "&amp;"))
        found = [rel for rel, text in texts.items() if any(w in text for w in words)]
        assert found == [], f"{case.marker!r} in {found}"
        assert [rel for rel, text in texts.items() if f"/{page}" in text] == []
    else:  # a translation: nothing in its language mentions it
        # (the status page lists the published original, and its draft as missing)
        status = "en/translations/index.html"
        mine = {rel: text for rel, text in texts.items() if rel.startswith("en/") and rel != status}
        cell = result.soup(status).select_one(f'tr[data-item$="/{slug}"] td[data-lang="en"]')
        assert cell["data-state"] == "missing" and cell.find("a") is None
        assert [rel for rel, text in mine.items() if f"/en/{page}" in text] == []
        assert [rel for rel, text in mine.items() if case.marker in text] == []
        original = result.soup(page + "index.html")  # the Arabic one, still published
        switch = original.select_one("nav.lang-switch a[hreflang=en]")
        assert switch["href"] == "/en/" and switch.has_attr("data-untranslated")
        assert not original.select("link[hreflang]")


# --- what the scaffolds write ------------------------------------------------------------


def test_new_edition_from_its_title_alone(results):
    text = results["new-edition"].text
    assert text.startswith("Title: Bread&Net 2026\nLang: ar\nSlug: 2026\nYear: 2026\n")
    assert results["new-edition"].build.returncode == 0
    assert "slug" not in results["new-edition"].build.stderr.lower()


def test_translated_post_links_to_the_new_language_where_it_can(results):
    result = results["translate-news-with-links"]
    body = result.text.split("\n\n", 1)[1]
    assert "{filename}/en/news/breadnet-2023-proposals-closed.md" in body
    assert "{filename}/en/articles/shrinking-civic-space.md" in body
    assert "{filename}/ar/news/" not in body and "{filename}/ar/articles/shrinking" not in body
    # no English version to link: left as it is, and the editor is told
    assert "{filename}/ar/articles/inclusive-arabic.md" in body
    assert "inclusive-arabic.md: not in en yet" in result.new.stdout
    # the draft builds; published as it is, the build names the line to fix
    failed = results["publish-translated-news-with-a-link-left-in-arabic"].build
    assert failed.returncode == 2
    assert "content/en/news/scaffold-links.md:9: link: " in failed.stderr
    assert "in the 'ar' folder" in failed.stderr


def test_translated_report_leaves_the_facts_to_its_original(results):
    """The original names the English PDF (PDF-en:) and its own (PDF:): both
    are facts the translation takes, as are its date, type and topics."""
    text = results["translate-report-with-its-pdf"].text
    head = text.split("\n\n", 1)[0].splitlines()
    names = [line.split(":", 1)[0].lower() for line in head]
    for fact in ("pdf", "pdf-ar", "pdf-en", "date", "type", "topics"):
        assert fact not in names, (fact, head)
    assert "pdf-en" not in text.lower() and "-ar.pdf" not in text
    assert "Translation-Of: ar " in text  # what makes the build take them
    assert "Figures: 1200 | " in text  # words (the labels) stay, to translate
    assert "Translate:" not in text  # a translation is wanted after all


def test_translated_report_without_a_pdf_in_its_language_offers_none(results):
    result = results["translate-report-without-a-pdf"]
    head = result.text.split("\n\n", 1)[0].splitlines()
    assert [line for line in head if line.lower().startswith("pdf")] == ["PDF:"]
    assert "no en PDF found" in result.new.stdout
    # the path to write, in the new language's name
    wanted = "'PDF: files/publications/quarterly-violations-reports-2022-en.pdf'"
    assert wanted in result.new.stdout, result.new.stdout
    # published without one: the build says the PDF is wanted, with its line
    failed = results["publish-translated-report-without-a-pdf"].build
    assert failed.returncode == 2
    line = head.index("PDF:") + 1
    path = "content/en/publications/quarterly-violations-reports-2022.md"
    assert f"{path}:{line}: pdf: empty" in failed.stderr, failed.stderr


def test_published_translation_offers_each_languages_pdf_under_its_own_label(results):
    result = results["publish-translated-report"]
    assert result.build.returncode == 0, result.build.stderr
    slug = "youth-digital-activism-survey"
    for lang, prefix, other in (("en", "en/", "ar"), ("ar", "", "en")):
        page = result.soup(f"{prefix}publications/{slug}/index.html")
        main = page.select_one(".publication__files a.button")
        assert main["href"] == f"/files/publications/{slug}-{lang}.pdf"
        assert main["hreflang"] == lang
        also = [
            (a["href"], a["hreflang"])
            for a in page.select('.publication__files a[type="application/pdf"]')
            if a is not main
        ]
        assert also == [(f"/files/publications/{slug}-{other}.pdf", other)]
        cards = result.soup(f"{prefix}publications/index.html").select(
            f'[data-pub-card] a[href="/{prefix}publications/{slug}/"]'
        )
        assert cards, f"not listed in {lang}"
        card = cards[0].find_parent(attrs={"data-pub-card": True})
        pdf = card.select_one(".pub-card__pdf a")
        assert (pdf["href"], pdf["hreflang"]) == (f"/files/publications/{slug}-{lang}.pdf", lang)
        # the citations and JSON-LD name the page's own language's PDF, never the other's
        (data,) = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
        assert data["encoding"]["contentUrl"].endswith(f"/files/publications/{slug}-{lang}.pdf")
        assert data["encoding"]["inLanguage"] == lang
        folder = result.output / f"{prefix}publications/{slug}"
        for name in ("cite.bib", "cite.ris", "cite.json"):  # CSL-JSON names no file
            cited = (folder / name).read_text("utf-8")
            named = f"/files/publications/{slug}-{lang}.pdf" in cited
            assert named == (name != "cite.json"), (lang, name)
            assert f"{slug}-{other}.pdf" not in cited, (lang, name)
    # the English file names no PDF: both came from the Arabic original
    assert "pdf" not in result.text.split("\n\n", 1)[0].lower()
    published = set(result.outputs) | {
        str(p.relative_to(result.output)) for p in result.output.rglob("*.pdf")
    }
    assert {f"files/publications/{slug}-{lang}.pdf" for lang in ("ar", "en")} <= published


def test_a_translation_never_offers_its_held_back_originals_pdf(results):
    """The English translation takes its PDF from the draft Arabic original's
    PDF-en, never the original's own: while the original waits, so does its
    PDF (fileuse.py), and no English page links it."""
    result = results["publish-translation-of-a-draft-report"]
    assert result.build.returncode == 0, result.build.stderr
    slug = "youth-digital-activism-survey"
    page = result.soup(f"en/publications/{slug}/index.html")
    pdfs = [a["href"] for a in page.select('.publication__files a[type="application/pdf"]')]
    assert pdfs == [f"/files/publications/{slug}-en.pdf"]
    assert (result.output / f"files/publications/{slug}-en.pdf").is_file()
    assert not (result.output / f"files/publications/{slug}-ar.pdf").exists()
    assert not (result.output / f"publications/{slug}").exists()
    assert f"{slug}-ar.pdf" not in "".join(result.outputs.values())


def test_translate_an_item_in_every_language_says_so(tmp_path):
    content = tmp_path / "content"
    copy_content(content)
    before = _files(content)
    done = invoke("new", "--translate", "breadnet-2023-proposals-closed", "--path", str(content))
    assert done.returncode == 2
    assert "already in every language of the site" in done.stderr
    assert "content/ar/news/breadnet-2023-proposals-closed.md" in done.stderr
    assert "content/en/news/breadnet-2023-proposals-closed.md" in done.stderr
    assert "--lang" not in done.stderr  # it is translated, not ambiguous
    assert _files(content) == before


@pytest.mark.parametrize(
    ("case", "lines"),
    [
        ("translate-edition", "Title, City, Venue, Themes, Summary"),
        ("translate-report-with-its-pdf", "Title, Authors, Publisher, Summary, Figures"),
        ("translate-page", "Title"),
    ],
)
def test_translate_names_every_line_to_rewrite(results, case, lines):
    """The kind's declaration says which lines are written per language
    (Key.translated); each one the original has is named, nothing else."""
    stdout = results[case].new.stdout
    assert f"Translate these lines: {lines}; then the text below them." in stdout, stdout
    copied = dict(
        line.split(": ", 1) for line in results[case].text.split("\n\n", 1)[0].splitlines()
    )
    for label in lines.split(", "):  # each is there, still in the original's words
        assert label in copied and re.search(ARABIC, copied[label]), (label, copied)


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("Search", "the slug 'search' is taken by the search page (/search/)"),
        ("Publications", "the slug 'publications' is taken by a section of the site"),
        ("News", "the slug 'news' is taken by the news section (/news/)"),
        ("About", "the slug 'about' is already used by content/ar/pages/about.md"),
    ],
)
def test_new_refuses_a_taken_slug_before_writing_anything(tmp_path, title, words):
    content = tmp_path / "content"
    copy_content(content)
    before = tree_digest(content)
    done = invoke("new", "--kind", "page", "--title", title, "--path", str(content))
    assert done.returncode == 2, done.stdout
    assert done.stderr.startswith("Nothing done: ") and "Traceback" not in done.stderr
    assert words in done.stderr and "nothing was written" in done.stderr, done.stderr
    suggested = re.search(r"e\.g\. --slug ([a-z0-9-]+)", done.stderr)[1]
    assert suggested != title.lower()
    assert tree_digest(content) == before
    # the suggestion is free: given as --slug, the page is written
    again = invoke("new", "--kind", "page", "--title", title, "--slug", suggested,
                   "--path", str(content))  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert (content / f"ar/pages/{suggested}.md").is_file()
