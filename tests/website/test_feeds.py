"""Feeds, sizes, titles and the switcher's note, on real builds.

The shipped site (the session's `site` build): every Atom feed has its own
<id> (tag: URIs, never tag:None), says its language, is titled in it, and
labels its categories in it. A copy of content/ adds reports with PDFs of
600 and 999,999 bytes and a title with < and >, to read sizes ("PDF, 600
bytes" / "PDF، 600 بايت") and titles kept whole in JSON-LD, og:title and
feeds; and an English-only report, whose switcher note must be in Arabic too.
"""

from __future__ import annotations

import json
import tomllib
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT
from tests.contentcopy import copy_content
from tests.sitecheck import ARABIC, LATIN_WORD
from tests.sitecheck import build as build_site

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEEDS = {
    "feeds/all.atom.xml": ("ar", "سمكس: كل المنشورات"),
    "feeds/news.atom.xml": ("ar", "سمكس: الأخبار"),
    "feeds/articles.atom.xml": ("ar", "سمكس: مقالات"),
    "feeds/publications.atom.xml": ("ar", "سمكس: الإصدارات"),
    "en/feeds/all.atom.xml": ("en", "SMEX: all posts"),
    "en/feeds/news.atom.xml": ("en", "SMEX: News"),
    "en/feeds/articles.atom.xml": ("en", "SMEX: Articles"),
    "en/feeds/publications.atom.xml": ("en", "SMEX: Publications"),
}


def feed(site, rel: str) -> ET.Element:
    return ET.parse(site.root / rel).getroot()


def labels(lang: str) -> set[str]:
    """Every label a feed category may carry in `lang`: categories, topics, types."""
    from tools.build.settings import load_settings

    settings = load_settings(ROOT / "pelicanconf.py")
    found = {info[lang] for info in settings["SITE_CATEGORIES"].values()}
    found |= {info[lang] for info in settings["SITE_PUBLICATION_TYPES"].values()}
    topics = tomllib.loads((ROOT / "content/data/topics.toml").read_text(encoding="utf-8"))
    return found | {info[lang] for info in topics["topics"].values()}


def keys() -> set[str]:
    from tools.build.settings import load_settings

    settings = load_settings(ROOT / "pelicanconf.py")
    topics = tomllib.loads((ROOT / "content/data/topics.toml").read_text(encoding="utf-8"))
    return (
        set(settings["SITE_CATEGORIES"])
        | set(topics["topics"])
        | set(settings["SITE_PUBLICATION_TYPES"])
    )


def test_every_feed_is_there_and_has_its_own_id(site):
    found = sorted(str(p.relative_to(site.root)) for p in site.root.rglob("*.atom.xml"))
    assert found == sorted(FEEDS)
    ids = {rel: feed(site, rel).find(f"{ATOM}id").text for rel in FEEDS}
    assert len(set(ids.values())) == len(ids), ids
    for rel, value in ids.items():
        prefix = "" if rel.startswith("feeds/") else "en/"
        assert value == f"tag:smex.org,2008-01-01:/{prefix}{rel.removeprefix('en/')}", value


@pytest.mark.parametrize("rel", FEEDS)
def test_entry_ids_are_tag_uris_on_the_site_domain(site, rel):
    text = (site.root / rel).read_text(encoding="utf-8")
    assert "tag:None" not in text
    entries = list(feed(site, rel).iter(f"{ATOM}entry"))
    assert entries
    ids = [entry.find(f"{ATOM}id").text for entry in entries]
    assert len(set(ids)) == len(ids)
    lang = FEEDS[rel][0]
    for value, entry in zip(ids, entries, strict=True):
        assert value.startswith("tag:smex.org,"), value
        link = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert value.endswith(":" + link), (value, link)  # one entry, one id, in every feed
        assert link.startswith("/en/") == (lang == "en")


@pytest.mark.parametrize("rel", FEEDS)
def test_feed_says_its_language_and_is_titled_in_it(site, rel):
    lang, title = FEEDS[rel]
    root = feed(site, rel)
    assert root.get(XML_LANG) == lang
    assert root.find(f"{ATOM}title").text == title
    if lang == "ar":
        assert not LATIN_WORD.search(title)


@pytest.mark.parametrize("rel", FEEDS)
def test_categories_are_labels_in_the_feeds_language(site, rel):
    lang = FEEDS[rel][0]
    terms = {cat.get("term") for cat in feed(site, rel).iter(f"{ATOM}category")}
    assert terms, rel
    allowed, ascii_keys = labels(lang), keys()
    assert terms <= allowed, terms - allowed
    assert not {t for t in terms if t in ascii_keys and t not in allowed}
    if lang == "ar":
        assert all(ARABIC.search(term) for term in terms), terms
    # a post's category is there, as a label: News, الأخبار…
    if "news" in rel or "all" in rel:
        assert {"ar": "الأخبار", "en": "News"}[lang] in terms


# --- a copy with sizes, a title with < and >, an English-only report ----------------------

TITLE = "Why 3 < 5 > 2 matters"
TITLE_AR = "لماذا 3 < 5 > 2 مهم"
SIZES = {"tiny": 600, "big": 999_999}


def pdf_of(size: int) -> bytes:
    head = b"%PDF-1.4\n% test file\n"
    return head + b"0" * (size - len(head))


def report(lang: str, slug: str, title: str, pdf: str) -> str:
    return (
        f"Title: {title}\nDate: 2023-06-01\nLang: {lang}\nSlug: {slug}\nType: research\n"
        f"Topics: privacy\nSummary: A summary.\nPDF: {pdf}\n\nText.\n"
    )


def news(lang: str, title: str) -> str:
    return (
        f"Title: {title}\nDate: 2023-10-10 10:00\nLang: {lang}\nSlug: why-3-5-2\n"
        f"Tags: privacy\nSummary: A summary.\n\nText.\n"
    )


@pytest.fixture(scope="module")
def variant(tmp_path_factory):
    from tests.sitecheck import BuiltSite

    work = tmp_path_factory.mktemp("feeds")
    content = work / "content"
    copy_content(content)
    files = content / "files/publications"
    for name, size in SIZES.items():
        for lang in ("ar", "en"):
            (files / f"{name}-{lang}.pdf").write_bytes(pdf_of(size))
    (content / "en/publications/tiny.md").write_text(
        report("en", "tiny", TITLE, "files/publications/tiny-en.pdf"), encoding="utf-8"
    )
    (content / "ar/publications/tiny.md").write_text(
        report("ar", "tiny", TITLE_AR, "files/publications/tiny-ar.pdf"), encoding="utf-8"
    )
    (content / "en/publications/big.md").write_text(  # English only
        report("en", "big", "A big report", "files/publications/big-en.pdf"), encoding="utf-8"
    )
    (content / "en/news/why-3-5-2.md").write_text(news("en", TITLE), encoding="utf-8")
    (content / "ar/news/why-3-5-2.md").write_text(news("ar", TITLE_AR), encoding="utf-8")
    out = build_site(work, search=False, overrides={"PATH": str(content)}).output
    return BuiltSite(out)


def soup(site, rel: str) -> BeautifulSoup:
    return BeautifulSoup(site.read(rel), "lxml")


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        ("en/publications/tiny/index.html", "(PDF, 600 bytes)"),
        ("publications/tiny/index.html", "(PDF، 600 بايت)"),
        ("en/publications/big/index.html", "(PDF, 1 megabyte)"),
        ("en/publications/annual-report-2022-7amleh/index.html", "(PDF, 1.9 kilobytes)"),
        ("publications/annual-report-2022-7amleh/index.html", "(PDF، 2 كيلوبايت)"),
    ],
)
def test_sizes_in_each_language(variant, rel, expected):
    page = soup(variant, rel)
    size = page.select_one(".publication__files a.button .publication__size").get_text()
    assert size == expected


@pytest.mark.parametrize(("prefix", "text"), [("en/", "PDF, 600 bytes"), ("", "PDF، 600 بايت")])
def test_sizes_on_cards_and_in_jsonld(variant, prefix, text):
    index = soup(variant, f"{prefix}publications/index.html")
    card = index.find("a", href=f"/{prefix}publications/tiny/").find_parent(
        attrs={"data-pub-card": True}
    )
    assert card.select_one(".pub-card__pdf a").get_text() == text
    page = soup(variant, f"{prefix}publications/tiny/index.html")
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["encoding"]["contentSize"] == text.split(" ", 1)[1]


def test_feed_enclosures_give_the_byte_count(variant):
    root = feed(variant, "en/feeds/publications.atom.xml")
    lengths = {
        link.get("href"): link.get("length")
        for link in root.iter(f"{ATOM}link")
        if link.get("rel") == "enclosure"
    }
    assert lengths["/files/publications/tiny-en.pdf"] == "600"
    assert lengths["/files/publications/big-en.pdf"] == "999999"


@pytest.mark.parametrize(("lang", "prefix", "title"), [("en", "en/", TITLE), ("ar", "", TITLE_AR)])
def test_a_title_with_angle_brackets_is_kept_whole(variant, lang, prefix, title):
    post = soup(variant, f"{prefix}news/why-3-5-2/index.html")
    assert post.h1.get_text() == title
    (data,) = [json.loads(s.string) for s in post.select('script[type="application/ld+json"]')]
    assert data["headline"] == title
    assert post.find("meta", property="og:title")["content"] == title
    report_page = soup(variant, f"{prefix}publications/tiny/index.html")
    (data,) = [
        json.loads(s.string) for s in report_page.select('script[type="application/ld+json"]')
    ]
    assert data["headline"] == title and data["name"] == title
    assert report_page.find("meta", attrs={"name": "citation_title"})["content"] == title
    for rel in ("all", "news", "publications"):
        root = feed(variant, f"{prefix}feeds/{rel}.atom.xml")
        titles = [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]
        assert title in titles, (rel, titles)


# --- the "not translated" note, in both languages ------------------------------------------


@pytest.mark.parametrize(
    ("which", "rel", "target"),
    [
        ("site", "articles/inclusive-arabic/index.html", "en"),
        ("variant", "en/publications/big/index.html", "ar"),
    ],
)
def test_untranslated_note_is_also_in_the_readers_language(site, variant, which, rel, target):
    built = site if which == "site" else variant
    page = soup(built, rel)
    here = page.html["lang"]
    note = page.select_one("nav.lang-switch .lang-switch__note")
    assert note is not None
    words = {
        "ar": "(الصفحة الرئيسية: هذه الصفحة غير مترجمة)",
        "en": "(home page: this page is not translated)",
    }
    inner = note.find(attrs={"lang": target})
    assert inner is not None, note
    assert inner.get_text(strip=True) == words[target]
    assert inner.get("dir") == ("rtl" if target == "ar" else "ltr")
    own = note.get_text(" ", strip=True).replace(inner.get_text(" ", strip=True), "").strip()
    assert own == words[here]
    link = page.select_one(f"nav.lang-switch a[hreflang={target}]")
    assert link.has_attr("data-untranslated") and link["href"] == (
        "/en/" if target == "en" else "/"
    )
