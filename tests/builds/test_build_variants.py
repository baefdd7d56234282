"""Builds other than the session's: production settings, small pages, errors."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.sitecheck import BuiltSite, build, cli_build


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> BuiltSite:
    report = build(tmp_path_factory.mktemp("publish"), "publishconf.py")
    return BuiltSite(report.output, siteurl="https://smex.example")


def test_production_urls_are_absolute_and_per_subsite(published):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(published.root / "en/feeds/all.atom.xml").getroot()
    assert feed.find("a:link[@rel='self']", ns).get("href") == (
        "https://smex.example/en/feeds/all.atom.xml"
    )
    for entry in feed.findall("a:entry", ns):
        assert entry.find("a:link", ns).get("href").startswith("https://smex.example/en/")
        # ids name the organisation's domain, not the host: they survive a move
        assert entry.find("a:id", ns).text.startswith("tag:smex.org,")
    ar_feed = ET.parse(published.root / "feeds/all.atom.xml").getroot()
    assert ar_feed.find("a:link[@rel='self']", ns).get("href") == (
        "https://smex.example/feeds/all.atom.xml"
    )
    canonical = published.soup("en/about/index.html").select_one("link[rel=canonical]")
    assert canonical["href"] == "https://smex.example/en/about/"
    robots = published.read("robots.txt")
    assert robots.endswith("Sitemap: https://smex.example/sitemap.xml\n")  # a text file's end
    sitemap = published.read("sitemap.xml")
    assert "<loc>https://smex.example/en/about/</loc>" in sitemap
    assert "/../" not in sitemap


def test_every_link_of_the_production_build_resolves(published):
    for path in published.html_files():
        for el in published.soup(published.rel(path)).select("a[href], link[href], script[src]"):
            url = el.get("href") or el.get("src")
            if url.startswith("https://smex.example"):
                assert published.resolve(url) is not None, f"{published.rel(path)}: {url}"


def test_pagination_uses_page_folders_so_names_never_collide(tmp_path):
    report = build(tmp_path, search=False, overrides={"DEFAULT_PAGINATION": 1})
    site = BuiltSite(report.output)
    assert (site.root / "tag/advocacy/page/2/index.html").is_file()
    assert (site.root / "en/news/page/2/index.html").is_file()
    assert (site.root / "page/2/index.html").is_file()
    nav = site.soup("news/page/2/index.html").select_one("nav.pagination")
    assert site.resolve(nav.select_one("a[rel=prev]")["href"]) == site.root / "news/index.html"
    # a paginated listing's switcher goes to the other language's first page
    link = site.soup("news/page/2/index.html").select_one("nav.lang-switch a")
    assert site.resolve(link["href"]) == site.root / "en/news/index.html"


def _cli_build(content, output, *extra):
    return cli_build(content, output, content.parent / "cache", *extra, now=None)


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        (
            "en/articles/shrinking-civic-space.md",
            "Lang: en",
            "Lang: fr",
            (
                "content/en/articles/shrinking-civic-space.md:3: lang: 'fr' is not a language "
                "of this site; expected one of ar, en"
            ),
        ),
        (
            "en/articles/shrinking-civic-space.md",
            "Lang: en\n",
            "",
            (
                "content/en/articles/shrinking-civic-space.md: lang: missing; every file in "
                "articles/ needs it: add a line such as 'Lang: en'"
            ),
        ),
        (
            "en/articles/shrinking-civic-space.md",
            "Slug: shrinking-civic-space",
            "Slug: civic-space",
            (
                "content/en/articles/shrinking-civic-space.md:4: slug: 'civic-space' differs "
                "from 'shrinking-civic-space'"
            ),
        ),
        (
            "ar/news/breadnet-2023-proposals-closed.md",
            "Lang: ar",
            "Lang: en",
            (
                "content/ar/news/breadnet-2023-proposals-closed.md:3: lang: 'en' but the file "
                "is in the 'ar' folder"
            ),
        ),
    ],
    ids=["unknown-lang", "missing-lang", "pair-slug-mismatch", "lang-folder-mismatch"],
)
def test_language_mistakes_stop_the_build_with_file_and_line(
    content, tmp_path, rel, old, new, expected
):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("previous site", encoding="utf-8")
    path = content / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = _cli_build(content, output)
    assert result.returncode == 2, result.stderr
    assert expected in result.stderr, result.stderr
    assert "KeyError" not in result.stderr
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text(encoding="utf-8") == "previous site"


def test_section_paths_and_menu_come_from_the_settings(tmp_path):
    """Move the convening and the publications: every link follows, none breaks."""
    from tests.gates.links import link_problems

    overrides = {"SITE_CONVENING_PATH": "events/", "SITE_PUBLICATIONS_PATH": "library/"}
    site = BuiltSite(build(tmp_path, overrides=overrides, search=False).output)
    assert (site.root / "events/2023/index.html").is_file()
    assert (site.root / "en/library/annual-report-2022-7amleh/index.html").is_file()
    assert not (site.root / "convening").exists() and not (site.root / "publications").exists()
    menu = [a["href"] for a in site.soup("en/index.html").select("nav.site-nav a")]
    assert "/en/events/" in menu and "/en/library/" in menu
    for path in site.html_files():
        hrefs = [a.get("href", "") for a in site.soup(site.rel(path)).select("a[href]")]
        old = ("/convening/", "/en/convening/", "/publications/", "/en/publications/")
        stale = [h for h in hrefs if h.startswith(old)]
        assert not stale, (site.rel(path), stale)
    problems = [p for p in link_problems(site.root) if "/pagefind/" not in p]
    assert problems == []
