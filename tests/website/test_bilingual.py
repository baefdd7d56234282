"""The bilingual foundation, asserted on the real built site."""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET

import pytest

from tests.sitecheck import ARABIC, LATIN_WORD, is_external

LANG_DIR = {"ar": "rtl", "en": "ltr"}


def test_every_page_has_lang_and_dir(site):
    pages = site.html_files()
    assert len(pages) > 20
    for path in pages:
        html = site.soup(site.rel(path)).html
        lang = site.lang_of(path)
        assert html.get("lang") == lang, site.rel(path)
        assert html.get("dir") == LANG_DIR[lang], site.rel(path)


def test_language_switcher_targets_exist_and_are_reciprocal(site):
    checked = 0
    for path in site.html_files():
        soup = site.soup(site.rel(path))
        links = soup.select("nav.lang-switch a[hreflang]")
        assert len(links) == 1, f"{site.rel(path)}: one switcher link expected"
        link = links[0]
        target = site.resolve(link["href"])
        assert target is not None, f"{site.rel(path)}: switcher -> {link['href']} missing"
        assert site.lang_of(target) == link["hreflang"]
        if link.has_attr("data-untranslated"):
            assert site.url_of(target) in ("/", "/en/"), "fallback goes home"
            continue
        back = site.soup(site.rel(target)).select_one("nav.lang-switch a[hreflang]")
        assert site.resolve(back["href"]) == path, (
            f"{site.rel(path)} -> {site.rel(target)} does not link back"
        )
        checked += 1
    assert checked > 20


@pytest.mark.parametrize(
    "rel",
    [
        "index.html",
        "news/index.html",
        "tag/advocacy/index.html",
        "tag/index.html",
        "archives/index.html",
        "404.html",
        "about/index.html",
        "news/annual-report-2022-7amleh/index.html",
    ],
)
def test_switcher_reaches_same_page_in_each_kind(site, rel):
    link = site.soup(rel).select_one("nav.lang-switch a[hreflang]")
    assert not link.has_attr("data-untranslated"), rel
    assert site.rel(site.resolve(link["href"])) == "en/" + rel


def test_untranslated_article_falls_back_to_home_and_says_so(site):
    rel = "articles/inclusive-arabic/index.html"
    switch = site.soup(rel).select_one("nav.lang-switch")
    link = switch.select_one("a[hreflang=en]")
    assert link["href"] == "/en/"
    assert link.has_attr("data-untranslated")
    assert "غير مترجمة" in switch.get_text()  # "not translated", in the page's language
    assert not (site.root / "en/articles/inclusive-arabic").exists()
    for path in site.root.joinpath("en").rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml"}:
            assert "inclusive-arabic" not in path.read_text(encoding="utf-8"), path
    sitemap = ET.parse(site.root / "sitemap.xml").getroot()
    locs = [el.text for el in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "/articles/inclusive-arabic/" in locs
    assert "/en/articles/inclusive-arabic/" not in locs


def _hreflangs(soup) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")}


def test_every_shipped_translation_is_tracked_and_current(site):
    """Issue 21 on the site as shipped: every translation records its original
    and says the same, so the status page lists each pair as original and up
    to date in both languages, and no page carries the outdated notice."""
    for path in site.html_files():
        assert "data-translation=" not in path.read_text(encoding="utf-8"), site.rel(path)
    for prefix in ("", "en/"):
        page = site.soup(f"{prefix}translations/index.html")
        rows = page.select("tr[data-item]")
        states = [cell["data-state"] for row in rows for cell in row.select("td")]
        assert rows and len(states) == 2 * len(rows)
        assert sorted(set(states)) == ["current", "original"], states
        assert states.count("current") == states.count("original") == len(rows)


def test_hreflang_reciprocal_with_x_default(site):
    for path in site.html_files():
        soup = site.soup(site.rel(path))
        links = _hreflangs(soup)
        if not links:
            continue
        lang = site.lang_of(path)
        assert site.resolve(links[lang]) == path, site.rel(path)
        assert links["x-default"] == links["ar"]
        for other, href in links.items():
            target = site.resolve(href)
            assert target is not None, f"{site.rel(path)}: hreflang {other} -> {href}"
            back = _hreflangs(site.soup(site.rel(target)))
            assert back == links, f"{site.rel(path)} and {site.rel(target)} disagree"


def test_no_dot_dot_in_any_url(site):
    for path in site.root.rglob("*"):
        if path.suffix in {".html", ".xml", ".css", ".txt"} and "pagefind" not in str(path):
            text = path.read_text(encoding="utf-8")
            assert "/../" not in text and "/./" not in text, site.rel(path)


def test_feeds_are_per_language_and_resolve(site):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    for lang, rel in (("ar", "feeds/all.atom.xml"), ("en", "en/feeds/all.atom.xml")):
        feed = ET.parse(site.root / rel).getroot()
        self_link = feed.find("a:link[@rel='self']", ns).get("href")
        assert site.resolve(self_link) == site.root / rel
        entries = feed.findall("a:entry", ns)
        assert entries
        for entry in entries:
            href = entry.find("a:link[@rel='alternate']", ns).get("href")
            target = site.resolve(href)
            assert target is not None, href
            assert site.lang_of(target) == lang


def test_sitemap_has_both_languages_with_alternates(site):
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    xhtml = "{http://www.w3.org/1999/xhtml}"
    root = ET.parse(site.root / "sitemap.xml").getroot()
    urls = root.findall(f"{ns}url")
    locs = [u.find(f"{ns}loc").text for u in urls]
    assert any(loc.startswith("/en/") for loc in locs) and "/" in locs
    for url in urls:
        loc = url.find(f"{ns}loc").text
        assert site.resolve(loc) is not None, loc
        for alt in url.findall(f"{xhtml}link"):
            assert site.resolve(alt.get("href")) is not None
    assert (site.root / "robots.txt").is_file()
    assert not (site.root / "en/sitemap.xml").exists()


def test_theme_assets_and_content_files_stored_once(site):
    assert len(list((site.root / "theme/css").glob("main.*.css"))) == 1  # hashed name
    assert not (site.root / "en/theme").exists()
    assert not (site.root / "en/images").exists()
    assert not (site.root / "en/files").exists()
    img = site.soup("en/articles/breadnet-over-the-years/index.html").select_one("main img")
    assert img["src"] == "/images/editions-timeline.svg"
    assert (site.root / "images/editions-timeline.svg").is_file()
    assert list((site.root / "theme/fonts").glob("*.woff2"))
    assert (site.root / "theme/fonts/LICENSE-IBM-Plex-Sans-Arabic.txt").is_file()


def _chrome_text(soup, page_lang):
    """Visible UI chrome text, leaving out parts marked as another language."""
    parts = []
    soup = copy.copy(soup)  # the parsed pages are shared by the whole session
    for region in soup.select("header.site-header, footer.site-footer, nav.pagination, title"):
        for el in region.find_all(attrs={"lang": True}):
            if el["lang"] != page_lang:
                el.extract()
        parts.append(region.get_text(" "))
    return " ".join(parts)


def test_no_arabic_in_english_chrome_and_no_english_in_arabic_chrome(site):
    for path in site.html_files():
        soup = site.soup(site.rel(path))
        lang = site.lang_of(path)
        # title ends with the site name, which is an English proper noun in both
        text = _chrome_text(soup, lang)
        if lang == "en":
            assert not ARABIC.search(text), f"{site.rel(path)}: {ARABIC.findall(text)[:5]}"
        else:
            words = [w for w in LATIN_WORD.findall(text) if w not in {"SMEX"}]
            assert not words, f"{site.rel(path)}: English words in Arabic chrome: {words[:5]}"


def test_every_catalog_entry_is_translated(tmp_path):
    from babel.messages.frontend import CommandLineInterface
    from babel.messages.pofile import read_po

    from tests.conftest import ROOT

    # extracted afresh from the templates and pelicanconf.py, not the committed
    # .pot, which `invoke messages` may not have been run to update
    fresh = tmp_path / "messages.pot"
    CommandLineInterface().run(
        ["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-o", str(fresh),
         "--no-location", "--omit-header", str(ROOT)]
    )  # fmt: skip
    pot = read_po(fresh.open("rb"))
    assert len(pot) > 100
    po = read_po((ROOT / "theme/translations/ar/LC_MESSAGES/messages.po").open("rb"))
    missing = [m.id for m in pot if m.id and not (po.get(m.id) and po.get(m.id).string)]
    assert not missing, "run `invoke messages` and translate: " + ", ".join(map(str, missing))
    fuzzy = [m.id for m in po if m.id and m.fuzzy]
    assert not fuzzy


def test_dates_in_each_language(site):
    ar = site.soup("articles/breadnet-over-the-years/index.html").select_one("p.byline time")
    en = site.soup("en/articles/breadnet-over-the-years/index.html").select_one("p.byline time")
    assert ar.get_text() == "15 أيلول 2023"  # Levantine month name
    assert en.get_text() == "15 September 2023"
    assert ar["datetime"] == en["datetime"] == "2023-09-15T12:00:00+03:00"


def test_internal_links_and_assets_resolve(site):
    for path in site.html_files():
        soup = site.soup(site.rel(path))
        base = site.url_of(path)
        for el in soup.select("[href], [src]"):
            url = el.get("href") or el.get("src")
            if is_external(url) or url.startswith(("mailto:", "#")):
                continue
            assert site.resolve(url, base) is not None, f"{site.rel(path)}: {url}"


def test_categories_and_tags_use_ascii_slugs(site):
    for folder in ("tag", "en/tag"):
        for entry in (site.root / folder).iterdir():
            assert re.fullmatch(r"[a-z0-9-]+(\.html)?", entry.name), entry
