"""Publications on the real built site: index, filter pages, report pages,
citations, PDFs, news links and the feed, in both languages."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT
from tests.sitecheck import LANGS

ATOM = {"a": "http://www.w3.org/2005/Atom"}
COUNT_TEXT = {
    "ar": {8: "8 إصدارات", 1: "إصدار واحد", 2: "إصداران", 7: "7 إصدارات"},
    "en": {6: "6 publications", 1: "1 publication", 5: "5 publications"},
}


def content_meta(lang: str) -> list[dict]:
    """Metadata of the shipped publication files, read independently of the plugin."""
    found = []
    for path in sorted((ROOT / "content" / lang / "publications").glob("*.md")):
        meta = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                break
            if ":" in line and not line.startswith((" ", "\t")):
                key, _, value = line.partition(":")
                meta[key.strip().lower()] = value.strip()
        found.append(meta)
    return found


def fresh(site, rel: str) -> BeautifulSoup:
    """A private parse: site.soup() is cached and other tests edit it in place."""
    return BeautifulSoup(site.read(rel), "lxml")


def cards(soup):
    return soup.select("[data-pub-list] [data-pub-card]")


def date_key(iso: str) -> tuple:
    parts = [int(p) for p in iso.split("-")]
    return tuple(parts + [0] * (3 - len(parts)))


@pytest.mark.parametrize("lang", LANGS)
def test_index_lists_every_report_newest_first(site, lang):
    soup = site.soup(LANGS[lang] + "publications/index.html")
    found = cards(soup)
    assert len(found) == len(content_meta(lang))
    dates = [date_key(card.select_one("time")["datetime"]) for card in found]
    assert dates == sorted(dates, reverse=True)
    assert (
        found[0]
        .select_one(".card__title a")["href"]
        .endswith("publications/annual-report-2022-7amleh/")
    )
    count = soup.select_one("#pub-count")
    assert count.get_text(strip=True) == COUNT_TEXT[lang][len(found)]
    assert count["aria-live"] == "polite"
    for card in found:
        assert card.select_one(".card__meta a").get_text(strip=True)  # type label
        assert card.select_one("time").get_text(strip=True)
        assert card.select_one(".card__summary").get_text(strip=True)
        assert card.select(".pub-card__topics li")
        assert re.match(r"PDF[,،] \d", card.select_one(".pub-card__pdf a").get_text())


@pytest.mark.parametrize("lang", LANGS)
def test_counts_per_type_and_year_and_every_filter_page(site, lang):
    meta = content_meta(lang)
    by_type = Counter(m["type"] for m in meta)
    by_year = Counter(m["date"][:4] for m in meta)
    index = site.soup(LANGS[lang] + "publications/index.html")
    links = index.select("nav.pub-browse a[href]")
    seen_types, seen_years = {}, {}
    for link in links:
        href = link["href"]
        if href.rstrip("/").endswith("/publications"):
            continue
        target = site.resolve(href)
        assert target is not None, href
        count = int(re.search(r"\((\d+)\)", link.get_text()).group(1))
        page = site.soup(site.rel(target))
        shown = cards(page)
        assert len(shown) == count, href
        assert page.select_one("#pub-count").get_text(strip=True).startswith((str(count), "إصدار"))
        current = page.select_one("nav.pub-browse a[aria-current=page]")
        assert site.resolve(current["href"]) == target
        if "/type/" in href:
            kind = href.rstrip("/").rsplit("/", 1)[1]
            assert {c["data-type"] for c in shown} == {kind}
            seen_types[kind] = count
        else:
            year = href.rstrip("/").rsplit("/", 1)[1]
            assert {c["data-year"] for c in shown} == {year}
            seen_years[year] = count
        assert page.select_one("html")["lang"] == lang
        assert not page.select("form.pub-filter")  # static page: links only
    assert seen_types == dict(by_type)
    assert seen_years == dict(by_year)


def test_filter_pages_have_reciprocal_switcher_where_both_exist(site):
    link = fresh(site, "publications/type/guide/index.html").select_one("nav.lang-switch a")
    assert site.rel(site.resolve(link["href"])) == "en/publications/type/guide/index.html"
    # No English quarterly report: the switcher falls back home and says so.
    link = fresh(site, "publications/type/quarterly-report/index.html").select_one(
        "nav.lang-switch a"
    )
    assert link.has_attr("data-untranslated")


def report_pages(site):
    for lang, prefix in LANGS.items():
        for meta in content_meta(lang):
            yield lang, meta, prefix + f"publications/{meta['slug']}/index.html"


def test_report_pages_show_what_the_metadata_says(site):
    for lang, meta, rel in report_pages(site):
        soup = site.soup(rel)
        article = soup.select_one("article.publication")
        assert article.select_one("h1").get_text(strip=True) == meta["title"], rel
        assert article.select_one(".byline time")["datetime"] == meta["date"]
        assert article.select_one(".publication__summary").get_text(strip=True) == meta["summary"]
        assert article.select_one(f".eyebrow a[href$='/type/{meta['type']}/']")
        topics = [a["href"].split("topic=")[1] for a in article.select(".tag-list a")]
        assert topics == [t.strip() for t in meta["topics"].split(",")]
        assert soup.select_one("html")["lang"] == lang


def test_annual_report_figures_block(site):
    expected = ["13", "3000+", "54", "76", "1119", "150+"]
    for prefix in LANGS.values():
        soup = site.soup(prefix + "publications/annual-report-2022-7amleh/index.html")
        values = [v.get_text(strip=True) for v in soup.select(".figures__value")]
        labels = [v.get_text(strip=True) for v in soup.select(".figures__label")]
        assert values == expected
        assert all(labels)
    en = site.soup("en/publications/annual-report-2022-7amleh/index.html")
    assert "7amleh" in en.select_one(".publication__partner").get_text()
    assert "trainees" in [v.get_text(strip=True) for v in en.select(".figures__label")]


def test_jsonld_parses_and_has_required_fields(site):
    for lang, meta, rel in report_pages(site):
        html = site.read(rel)
        blocks = site.soup(rel).select('script[type="application/ld+json"]')
        assert len(blocks) == 1, rel
        raw = blocks[0].string
        assert "<" not in raw and ">" not in raw and "&" not in raw.replace("\\u0026", "")
        data = json.loads(raw)
        assert data["@type"] == "Report"
        assert data["@context"] == "https://schema.org"
        assert data["name"] == meta["title"]
        assert data["datePublished"] == meta["date"]
        assert data["inLanguage"] == lang
        assert data["description"] == meta["summary"]
        assert data["author"] and all(a["name"] for a in data["author"])
        assert data["publisher"]["name"]
        assert site.resolve(data["url"]) == site.root / rel
        assert data["encoding"]["encodingFormat"] == "application/pdf"
        assert site.resolve(data["encoding"]["contentUrl"]) is not None
        assert html.count("</script>") == len(site.soup(rel).select("script"))


def test_jsonld_cannot_be_broken_out_of():
    from smex_site.jsonld import dumps as script_json

    evil = {"name": '</script><script>alert("x")</script> & <!-- \u2028'}
    text = script_json(evil)
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text
    assert json.loads(text) == evil


def test_google_scholar_citation_meta(site):
    for lang, meta, rel in report_pages(site):
        soup = site.soup(rel)
        tags = {}
        for el in soup.select("meta[name^=citation_]"):
            tags.setdefault(el["name"], []).append(el["content"])
        assert tags["citation_title"] == [meta["title"]]
        assert tags["citation_author"] and all(tags["citation_author"])
        assert tags["citation_language"] == [lang]
        assert tags["citation_publisher"][0]
        assert tags["citation_publication_date"] == [meta["date"].replace("-", "/")]
        assert re.fullmatch(r"\d{4}(/\d{2}(/\d{2})?)?", tags["citation_publication_date"][0])
        pdf = site.resolve(tags["citation_pdf_url"][0])
        assert pdf is not None and pdf.read_bytes().startswith(b"%PDF-")


BIBTEX_ENTRY = re.compile(
    r"^@(?P<type>[a-z]+)\{(?P<key>[A-Za-z0-9_:-]+),\n(?P<body>.*)\n\}$", re.DOTALL
)
BIBTEX_FIELD = re.compile(r"^  (?P<name>[a-z]+) = (?P<value>.+?),?$")


def balanced(text: str) -> bool:
    depth = 0
    escaped = False
    for char in text:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def test_bibtex_and_ris_are_well_formed(site):
    for _lang, meta, rel in report_pages(site):
        soup = site.soup(rel)
        bib = soup.select_one("pre[data-cite=bibtex]").get_text()
        match = BIBTEX_ENTRY.match(bib)
        assert match, rel
        assert match["type"] in ("techreport", "manual")
        assert balanced(bib)
        fields = {}
        for line in match["body"].splitlines():
            field = BIBTEX_FIELD.match(line)
            assert field, f"{rel}: {line!r}"
            assert balanced(field["value"])
            fields[field["name"]] = field["value"]
        assert {"title", "author", "year", "url"} <= set(fields)
        assert fields["year"] == "{" + meta["date"][:4] + "}"
        assert meta["title"] in fields["title"]

        ris = soup.select_one("pre[data-cite=ris]").get_text().splitlines()
        assert ris[0].startswith("TY  - ") and ris[-1] == "ER  - "
        for line in ris:
            assert re.match(r"^[A-Z][A-Z0-9]  - ", line), f"{rel}: {line!r}"
        tags = {line[:2]: line[6:] for line in ris}
        assert tags["TI"] == meta["title"]
        assert tags["PY"] == meta["date"][:4]
        assert site.resolve(tags["L1"]) is not None
        assert site.resolve(tags["UR"]) == site.root / rel


def test_pdf_links_resolve_and_sizes_are_right(site):
    from smex_site.l10n import Formats
    from tools.build.settings import load_settings

    languages = load_settings(ROOT / "pelicanconf.py")["SITE_LANGUAGES"]

    def format_size(size, lang):
        return Formats(lang, languages[lang]).size(size)

    checked = 0
    for prefix in LANGS.values():
        for rel in [prefix + "publications/index.html"] + [r for _, _, r in report_pages(site)]:
            for link in site.soup(rel).select('a[type="application/pdf"]'):
                target = site.resolve(link["href"])
                assert target is not None, f"{rel}: {link['href']}"
                assert target.read_bytes().startswith(b"%PDF-")
                size = target.stat().st_size
                assert int(link["data-bytes"]) == size
                page_lang = site.lang_of(site.root / rel)
                assert format_size(size, page_lang) in link.get_text(), rel
                assert link["hreflang"] in LANGS
                checked += 1
    assert checked > 20
    # CLDR's long unit names, or the short ones where a language has no long ones
    assert format_size(2_400_000, "en") == "2.4 megabytes"
    assert format_size(1880, "en") == "1.9 kilobytes"
    assert format_size(1880, "ar") == "1,9 كيلوبايت"
    assert format_size(2_400_000, "ar") == "2,4 ميغابايت"
    assert format_size(512, "en") == "512 bytes"
    assert format_size(1, "en") == "1 byte"
    assert format_size(512, "ar") == "512 بايت"


def test_single_language_report_says_so_and_offers_other_pdf(site):
    soup = fresh(site, "publications/youth-digital-activism-survey/index.html")
    assert soup.select_one("[data-single-language]")
    other = soup.select_one('.publication__files a[hreflang="en"][type="application/pdf"]')
    assert other is not None and site.resolve(other["href"]) is not None
    assert not (site.root / "en/publications/youth-digital-activism-survey").exists()
    switch = soup.select_one("nav.lang-switch a")
    assert switch.has_attr("data-untranslated")
    # The quarterly reports: Arabic only, no English PDF to offer.
    soup = site.soup("publications/quarterly-violations-reports-2022/index.html")
    assert soup.select_one("[data-single-language]")
    assert not soup.select('.publication__files a[hreflang="en"]')
    # A translated report offers the other language's page and PDF.
    soup = site.soup("publications/annual-report-2022-7amleh/index.html")
    assert not soup.select_one("[data-single-language]")
    page = soup.select_one('.publication__files a[hreflang="en"]:not([type])')
    assert site.rel(site.resolve(page["href"])) == (
        "en/publications/annual-report-2022-7amleh/index.html"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_news_post_and_report_link_to_each_other(site, lang):
    prefix = LANGS[lang]
    news = prefix + "news/annual-report-2022-7amleh/index.html"
    report = prefix + "publications/annual-report-2022-7amleh/index.html"
    link = site.soup(news).select_one("a[data-announces]")
    assert link is not None
    assert site.rel(site.resolve(link["href"])) == report
    back = site.soup(report).select("a[data-announced-by]")
    assert [site.rel(site.resolve(a["href"])) for a in back] == [news]


@pytest.mark.parametrize("lang", LANGS)
def test_publications_feed(site, lang):
    rel = LANGS[lang] + "feeds/publications.atom.xml"
    feed = ET.parse(site.root / rel).getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    self_link = feed.find("a:link[@rel='self']", ATOM).get("href")
    assert site.resolve(self_link) == site.root / rel
    entries = feed.findall("a:entry", ATOM)
    assert len(entries) == len(content_meta(lang))
    published = [e.find("a:published", ATOM).text for e in entries]
    assert published == sorted(published, reverse=True)
    for entry in entries:
        href = entry.find("a:link[@rel='alternate']", ATOM).get("href")
        target = site.resolve(href)
        assert target is not None and site.lang_of(target) == lang
        assert "/publications/" in href
        enclosure = entry.find("a:link[@rel='enclosure']", ATOM)
        assert enclosure.get("type") == "application/pdf"
        pdf = site.resolve(enclosure.get("href"))
        assert pdf is not None and int(enclosure.get("length")) == pdf.stat().st_size
    index = site.soup(LANGS[lang] + "publications/index.html")
    alt = index.select_one(
        'link[rel=alternate][type="application/atom+xml"][href$="publications.atom.xml"]'
    )
    assert site.resolve(alt["href"]) == site.root / rel


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_shows_latest_publications(site, lang):
    soup = site.soup(LANGS[lang] + "index.html")
    section = soup.select_one("section.home-publications")
    found = section.select("[data-pub-card]")
    assert len(found) == 3
    assert "annual-report-2022-7amleh" in found[0].select_one("h3 a")["href"]
    more = section.select_one(".home-publications__more a")
    assert site.rel(site.resolve(more["href"])) == LANGS[lang] + "publications/index.html"


def test_header_links_to_publications_and_marks_it_current(site):
    for prefix in LANGS.values():
        soup = site.soup(prefix + "publications/index.html")
        current = soup.select_one("nav.site-nav a[aria-current=page]")
        assert current["href"].endswith("publications/")


def test_sitemap_lists_report_pages_with_alternates(site):
    text = site.read("sitemap.xml")
    assert "/publications/annual-report-2022-7amleh/" in text
    assert "/en/publications/annual-report-2022-7amleh/" in text
    assert "/en/publications/type/guide/" in text


def test_shipped_pdfs_are_valid_and_up_to_date():
    from tools.assets import make_publication_pdfs

    assert make_publication_pdfs.main(["--check"]) == 0
    for path in sorted((ROOT / "content/files/publications").glob("*.pdf")):
        check_pdf_structure(path)


def check_pdf_structure(path: Path) -> None:
    """Header, trailer and every xref offset pointing at its object."""
    data = path.read_bytes()
    assert data.startswith(b"%PDF-1.")
    assert data.rstrip().endswith(b"%%EOF")
    startxref = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data).group(1))
    assert data[startxref:].startswith(b"xref")
    table = data[startxref:].split(b"trailer")[0].splitlines()
    first, count = (int(x) for x in table[1].split())
    rows = table[2 : 2 + count]
    assert len(rows) == count
    for number, row in enumerate(rows[1:], start=first + 1):
        offset = int(row[:10])
        assert data[offset:].startswith(f"{number} 0 obj".encode()), (path.name, number)
    assert b"/Root 1 0 R" in data and b"/Type /Catalog" in data
