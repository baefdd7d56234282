"""Translations that say when they fall behind (issue 21), through one real
build of a content copy where originals changed in turn, every kind, both
languages: the reader's notice, `invoke translations`, the pull-request
table, the status page.

The variant, prepared as an editor would (`invoke translations --accept`,
`invoke new --translate`), each item for one case:

    kind     original -> translation    change to the original        expected
    post     ar -> en   breadnet-2023-proposals-closed  text + Modified  outdated, dated
    post     en -> ar   shrinking-civic-space           title           outdated
    post     ar -> en   breadnet-over-the-years         only a tag      current
    post     ar -> en   annual-report-2022-7amleh (news)  re-added (new --translate)  current
    page     en -> ar   about                           text + Modified  outdated, dated (Arabic)
    page     ar -> en   contact                         translation removed  missing
    page     ar -> en   team (new --translate)          text            outdated
    report   ar -> en   countering-hate-speech-guide    summary         outdated
    report   en -> ar   incitement-bill-legal-analysis  title           outdated
    report   ar -> en   privacy-personal-data-position-paper  text, then --accept  current
    report   ar -> en   privacy-attitudes-survey        slug renamed in both  current
    edition  ar -> en   2020                            title           outdated
    edition  en -> ar   2021                            summary         outdated
    edition  ar -> en   2019                            nothing         current
    report   ar -> en   surveillance-sector-position-paper  text, but the translation
                        records nothing (an older pair)   unrecorded, no notice

The table is `invoke translations --strict`, run as an editor runs it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.contentcopy import accept, copy_content, edit
from tests.mutations import unrecord
from tests.sitecheck import FROZEN_NOW, BuiltSite, cli_build, invoke

NOTICE = "[data-translation]"
OUTDATED = {  # page -> (the original's page, its language, the date shown or None)
    "en/news/breadnet-2023-proposals-closed/index.html": (
        "/news/breadnet-2023-proposals-closed/",
        "ar",
        "15 October 2023",
    ),
    "articles/shrinking-civic-space/index.html": (
        "/en/articles/shrinking-civic-space/",
        "en",
        None,
    ),
    "about/index.html": ("/en/about/", "en", "12 تشرين الأول 2023"),
    "en/team/index.html": ("/team/", "ar", None),
    "en/publications/countering-hate-speech-guide/index.html": (
        "/publications/countering-hate-speech-guide/",
        "ar",
        None,
    ),
    "publications/incitement-bill-legal-analysis/index.html": (
        "/en/publications/incitement-bill-legal-analysis/",
        "en",
        None,
    ),
    "en/convening/2020/index.html": ("/convening/2020/", "ar", None),
    "convening/2021/index.html": ("/en/convening/2021/", "en", None),
}
WITHOUT = [  # pages of translated items, originals and translations, with no notice
    "news/breadnet-2023-proposals-closed/index.html",
    "en/articles/shrinking-civic-space/index.html",
    "articles/breadnet-over-the-years/index.html",
    "en/articles/breadnet-over-the-years/index.html",
    "en/news/annual-report-2022-7amleh/index.html",
    "en/about/index.html",
    "contact/index.html",
    "team/index.html",
    "publications/countering-hate-speech-guide/index.html",
    "en/publications/privacy-personal-data-position-paper/index.html",
    "en/publications/privacy-attitudes-survey-2021/index.html",
    "publications/privacy-attitudes-survey-2021/index.html",
    "convening/2020/index.html",
    "en/convening/2019/index.html",
    # an unrecorded pair: nothing says when its translation was made
    "publications/surveillance-sector-position-paper/index.html",
    "en/publications/surveillance-sector-position-paper/index.html",
]


def settings_for(content: Path) -> dict:
    from tools.editors.content import load

    return load({"PATH": str(content), "SITE_NOW": FROZEN_NOW})


def english_original(content: Path, rel: str) -> None:
    """Make the English file the original: the Arabic records it."""
    from tools.editors import translations
    from tools.editors.content import collect

    # the shipped English file records its Arabic original: that line goes
    english_file = content / "en" / rel
    lines = english_file.read_text("utf-8").splitlines(keepends=True)
    english_file.write_text(
        "".join(line for line in lines if not line.startswith("Translation-Of:")), "utf-8"
    )
    catalog = collect(settings_for(content))
    arabic = catalog.by_path(content / "ar" / rel)
    assert arabic is not None
    group = catalog.translations[arabic.key]
    english = group.versions["en"].entry
    drift = translations._drift()
    record = drift.Record("en", drift.hashes(drift.parts(english, english.kind.keys_for({}))))
    translations.write_record(arabic, record)


def prepare(content: Path) -> None:
    for slug in (
        "breadnet-2023-proposals-closed",
        "breadnet-over-the-years",
        "countering-hate-speech-guide",
        "privacy-personal-data-position-paper",
        "privacy-attitudes-survey",
        "2020",
        "2019",
    ):
        accept(content, slug)
    for rel in (
        "articles/shrinking-civic-space.md",
        "pages/about.md",
        "publications/incitement-bill-legal-analysis.md",
        "editions/2021.md",
    ):
        english_original(content, rel)
    # post, ar original: a new paragraph, and when it changed
    news = "ar/news/breadnet-2023-proposals-closed.md"
    edit(content, news, "Lang: ar\n", "Lang: ar\nModified: 2023-10-15 10:00\n")
    edit(content, news, "\n\n", "\n\nفقرة أضيفت بعد الترجمة.\n\n")
    # post, en original: its title
    edit(content, "en/articles/shrinking-civic-space.md", "Title: ", "Title: Updated: ")
    # post: only a fact; the translation leaves its tags out and takes the original's
    article = "breadnet-over-the-years.md"
    original_tags = next(
        line
        for line in (content / "ar/articles" / article).read_text("utf-8").splitlines()
        if line.startswith("Tags:")
    )
    edit(content, f"ar/articles/{article}", original_tags, original_tags + ", advocacy")
    edit(content, f"en/articles/{article}", original_tags + "\n", "")
    # page, en original: its text, with a date
    edit(content, "en/pages/about.md", "Lang: en\n", "Lang: en\nModified: 2023-10-12 09:00\n")
    edit(content, "en/pages/about.md", "\n\n", "\n\nA paragraph written after the translation.\n\n")
    # page: a translation removed
    (content / "en/pages/contact.md").unlink()
    # report, ar original: its summary
    edit(content, "ar/publications/countering-hate-speech-guide.md", "Summary: ", "Summary: جديد: ")
    # report, en original: its title
    edit(content, "en/publications/incitement-bill-legal-analysis.md", "Title: ", "Title: New: ")
    # report: a change of no meaning, accepted
    paper = "ar/publications/privacy-personal-data-position-paper.md"
    edit(content, paper, "\n\n", "\n\nتصحيح.\n\n")
    accept(content, "privacy-personal-data-position-paper")
    # report: its slug renamed in both languages
    for lang in ("ar", "en"):
        edit(
            content,
            f"{lang}/publications/privacy-attitudes-survey.md",
            "Slug: privacy-attitudes-survey\n",
            "Slug: privacy-attitudes-survey-2021\n",
        )
    # ...and its identifier follows it, as the Document-ID check tells editors to
    edit(
        content,
        "data/document-ids.toml",
        '= "privacy-attitudes-survey"',
        '= "privacy-attitudes-survey-2021"',
    )
    # report: an older pair, whose translation records nothing; its original edited
    paper = "publications/surveillance-sector-position-paper.md"
    unrecord(f"en/{paper}")(content)
    edit(content, f"ar/{paper}", "\n\n", "\n\nفقرة لا يقارنها شيء.\n\n")
    # edition, ar original: its title; en original: its summary
    edit(content, "ar/editions/2020.md", "Title: ", "Title: (محدّث) ")
    edit(content, "en/editions/2021.md", "Summary: ", "Summary: Revised. ")
    # page, ar original, a translation scaffolded, published, then the original edited
    (content / "ar/pages/team.md").write_text(
        "Title: الفريق\nLang: ar\nSlug: team\nSummary: من نحن.\n\nنص الصفحة.\n", "utf-8"
    )
    made = invoke("new", "--translate", "team", "--path", str(content))
    assert made.returncode == 0, made.stderr
    edit(content, "en/pages/team.md", "Title: الفريق", "Title: The team")
    edit(content, "en/pages/team.md", "Summary: من نحن.", "Summary: Who we are.")
    edit(content, "en/pages/team.md", "Status: draft\n", "")
    edit(content, "en/pages/team.md", "نص الصفحة.", "The text of the page.")
    edit(content, "ar/pages/team.md", "نص الصفحة.", "نص الصفحة، وفقرة جديدة.")
    # a translation added: removed, then scaffolded again and published
    (content / "en/news/annual-report-2022-7amleh.md").unlink()
    made = invoke(
        "new", "--translate", "annual-report-2022-7amleh", "--kind", "news", "--path", str(content)
    )
    assert made.returncode == 0, made.stderr
    edit(content, "en/news/annual-report-2022-7amleh.md", "Status: draft\n", "")


@pytest.fixture(scope="module")
def variant(tmp_path_factory):
    work = tmp_path_factory.mktemp("drift")
    content = work / "content"
    copy_content(content)
    prepare(content)
    built = cli_build(content, work / "output", work / "cache")
    assert built.returncode == 0, built.stderr
    table = invoke("translations", "--strict", "--path", str(content))
    assert table.stderr == ""
    return BuiltSite(work / "output"), content, table.stdout, table.returncode


@pytest.mark.parametrize("rel", sorted(OUTDATED))
def test_an_outdated_translation_says_so_in_its_language(variant, rel):
    site = variant[0]
    url, lang, date = OUTDATED[rel]
    [notice] = site.soup(rel).select(NOTICE)
    assert notice["data-translation"] == "outdated"
    text = " ".join(notice.get_text().split())
    if site.soup(rel).html["lang"] == "en":
        assert text.startswith(
            f"The {'Arabic' if lang == 'ar' else 'English'} original of this article was updated "
        )
    else:
        assert text.startswith("حُدِّث النص الأصلي لهذه المادة بالإنجليزية")
    if date:
        assert date in text
    else:
        assert " on " not in text and " في " not in text
    link = notice.find("a")
    assert (link["href"], link["hreflang"]) == (url, lang)
    assert site.resolve(url) is not None


@pytest.mark.parametrize("rel", WITHOUT)
def test_a_current_translation_or_an_original_has_no_notice(variant, rel):
    site = variant[0]
    assert site.soup(rel).select(NOTICE) == []


def test_feeds_never_carry_the_notice(variant):
    site = variant[0]
    feeds = [p for p in site.root.rglob("*.xml") if "feeds" in p.parts]
    assert feeds
    for path in feeds:
        text = path.read_text(encoding="utf-8")
        assert "original of this article" not in text and "النص الأصلي لهذه" not in text


def test_invoke_translations_lists_each_state(variant):
    _site, _content, table, strict = variant
    rows = {line.split()[0]: line.split() for line in table.splitlines() if line.startswith("  ")}
    assert rows["breadnet-2023-proposals-closed"][1:4] == ["original", "outdated", "en:"]
    assert "en: text (about " in table
    assert rows["shrinking-civic-space"][1:3] == ["outdated", "original"]
    assert "ar: title (about " in table
    assert rows["about"][1:3] == ["outdated", "original"]
    assert rows["contact"][1:3] == ["original", "missing"]
    assert rows["countering-hate-speech-guide"][1:3] == ["original", "outdated"]
    assert rows["2020"][1:3] == ["original", "outdated"] and rows["2021"][1:3] == [
        "outdated",
        "original",
    ]
    for current in (
        "breadnet-over-the-years",
        "privacy-personal-data-position-paper",
        "privacy-attitudes-survey-2021",
        "2019",
    ):
        assert rows[current][1:] == ["original", "current"], rows[current]
    assert rows["inclusive-arabic"][1:] == ["original", "not", "planned"]
    assert "annual-report-2022-7amleh" in rows and "privacy-attitudes-survey" not in rows
    assert rows["team"][1:3] == ["original", "outdated"]
    # recorded nothing: not compared, so not outdated, whatever the original did
    assert rows["surveillance-sector-position-paper"][1:] == ["original", "unrecorded"]
    assert "1 missing (or still a draft), 8 outdated, 1 unrecorded, 0 without" in table
    assert "After bringing one up to date: invoke translations --accept SLUG" in table
    assert strict == 1


def test_the_status_page_in_each_language(variant):
    site = variant[0]
    sitemap = site.read("sitemap.xml")
    for prefix, lang in (("", "ar"), ("en/", "en")):
        page = site.soup(f"{prefix}translations/index.html")
        assert page.html["lang"] == lang
        assert page.select_one('meta[name="robots"]')["content"] == "noindex"
        home = site.soup(f"{prefix}index.html")
        for shown in (page, home):  # in no menu: only the switcher links it, to itself
            links = shown.select("a[href]")
            menus = [a for a in links if "translations/" in a["href"]]
            assert all(a.find_parent(class_="lang-switch") for a in menus)
        states = {
            (row["data-item"], cell["data-lang"]): cell["data-state"]
            for row in page.select("tr[data-item]")
            for cell in row.select("td")
        }
        assert states[("edition/2020", "en")] == "outdated"
        assert states[("page/about", "ar")] == "outdated"
        assert states[("page/contact", "en")] == "missing"
        assert states[("article/breadnet-over-the-years", "en")] == "current"
        assert states[("report/surveillance-sector-position-paper", "en")] == "unrecorded"
        # an item only in Arabic: its title, marked as Arabic, on the English page
        title = page.select_one('tr[data-item="page/contact"] th')
        marked = (None, None) if lang == "ar" else ("ar", "rtl")
        assert (title.get("lang"), title.get("dir")) == marked
        assert f"/{prefix}translations/" not in sitemap
        other = "/en/translations/" if lang == "ar" else "/translations/"
        assert page.select_one(".lang-switch a")["href"] == other
        assert page.select_one("main").get("data-pagefind-body") is None  # not searched
        # in one language by design (Translate: no): not listed
        assert page.select('tr[data-item="article/inclusive-arabic"]') == []


def test_a_translation_takes_the_facts_it_leaves_out_from_its_original(variant):
    site = variant[0]
    for rel in (
        "articles/breadnet-over-the-years/index.html",
        "news/annual-report-2022-7amleh/index.html",
    ):
        arabic, english = site.soup(rel), site.soup("en/" + rel)
        times = [page.select_one(".byline time")["datetime"] for page in (arabic, english)]
        assert times[0] == times[1]  # the date, left out of the English file
        tags = [
            [a["href"].split("/")[-2] for a in p.select(".tag-list a")] for p in (arabic, english)
        ]
        assert tags[0] == tags[1] and tags[0]
    assert "advocacy" in [
        a["href"].split("/")[-2]
        for a in site.soup("en/articles/breadnet-over-the-years/index.html").select(".tag-list a")
    ]
