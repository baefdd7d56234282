"""Adding a language is three steps (docs/adding-a-language.md): its entry and
labels in the settings, its catalog and topic labels, its content. Here a
third, left-to-right language (French) is added to a copy of the site, with
one page translated, and the build must hold every promise it holds for two.
"""

from __future__ import annotations

import shutil

import pytest
from babel.messages.pofile import read_po, write_po

from tests.conftest import ROOT
from tests.contentcopy import copy_content
from tests.gates.links import link_problems
from tests.sitecheck import BuiltSite, build

FR = {"name": "Français", "dir": "ltr", "locale": "fr_FR", "digits": "latn"}
ABOUT_FR = """\
Title: À propos
Lang: fr
Slug: about
Summary: SMEX défend les droits numériques depuis 2008.

SMEX est une organisation libanaise fondée en 2008.
"""


def french_settings() -> dict:
    from tools.build.settings import load_settings

    settings = load_settings(ROOT / "pelicanconf.py")
    types = {
        key: {**info, "fr": info["en"], "plural": {**info["plural"], "fr": info["plural"]["en"]}}
        for key, info in settings["SITE_PUBLICATION_TYPES"].items()
    }
    return {
        "SITE_LANGUAGES": {**settings["SITE_LANGUAGES"], "fr": FR},
        "SITE_CATEGORIES": {
            key: {**labels, "fr": labels["en"]}
            for key, labels in settings["SITE_CATEGORIES"].items()
        },
        "SITE_PUBLICATION_TYPES": types,
        "SITE_PUBLICATIONS_PUBLISHER": {**settings["SITE_PUBLICATIONS_PUBLISHER"], "fr": "SMEX"},
    }


@pytest.fixture(scope="module")
def french(tmp_path_factory):
    work = tmp_path_factory.mktemp("french")
    content, theme = work / "content", work / "theme"
    copy_content(content)
    shutil.copytree(ROOT / "theme", theme)
    # step 2: the catalog (untranslated strings show in English) and topic labels
    with open(theme / "translations/messages.pot", "rb") as handle:
        catalog = read_po(handle, locale="fr")
    target = theme / "translations/fr/LC_MESSAGES/messages.po"
    target.parent.mkdir(parents=True)
    with open(target, "wb") as handle:
        write_po(handle, catalog)
    topics = content / "data/topics.toml"
    text = topics.read_text(encoding="utf-8")
    topics.write_text(
        "\n".join(
            line + "\n" + line.replace("en = ", "fr = ", 1) if line.startswith("en = ") else line
            for line in text.splitlines()
        ),
        encoding="utf-8",
    )
    # step 3: content; a report in Arabic only offers its French PDF too
    (content / "fr/pages").mkdir(parents=True)
    (content / "fr/pages/about.md").write_text(ABOUT_FR, encoding="utf-8")
    pdfs = content / "files/publications"
    shutil.copy(
        pdfs / "youth-digital-activism-survey-en.pdf", pdfs / "youth-digital-activism-survey-fr.pdf"
    )
    report = content / "ar/publications/youth-digital-activism-survey.md"
    report.write_text(
        report.read_text(encoding="utf-8").replace(
            "\n\n", "\nPDF-fr: files/publications/youth-digital-activism-survey-fr.pdf\n\n", 1
        ),
        encoding="utf-8",
    )
    overrides = {**french_settings(), "PATH": str(content), "THEME": str(theme)}
    result = build(work, overrides=overrides)
    return result, BuiltSite(result.output)


def test_the_build_has_no_broken_link(french):
    _, site = french
    assert (site.root / "fr/about/index.html").is_file()
    assert link_problems(site.root) == []


def test_every_french_page_says_its_language_and_direction(french):
    _, site = french
    pages = [path for path in site.html_files() if site.rel(path).startswith("fr/")]
    # its listings, its search and 404 pages, and the one translated page
    assert {site.rel(path) for path in pages} >= {
        "fr/index.html", "fr/about/index.html", "fr/archives/index.html", "fr/search/index.html",
        "fr/404.html", "fr/convening/index.html", "fr/publications/index.html",
    }  # fmt: skip
    for path in pages:
        html = site.soup(site.rel(path)).html
        assert (html["lang"], html["dir"]) == ("fr", "ltr"), site.rel(path)


def test_switcher_and_hreflang_join_all_three_languages(french):
    _, site = french
    expected = {"ar": "/about/", "en": "/en/about/", "fr": "/fr/about/", "x-default": "/about/"}
    for rel in ("about/index.html", "en/about/index.html", "fr/about/index.html"):
        soup = site.soup(rel)
        links = {
            link["hreflang"]: link["href"]
            for link in soup.select('link[rel="alternate"][hreflang]')
        }
        assert links == expected, rel
    switcher = {
        a["lang"]: a["href"] for a in site.soup("fr/about/index.html").select("nav.lang-switch a")
    }
    assert switcher == {"ar": "/about/", "en": "/en/about/"}
    # a page French does not have: the switcher says so, in French as well
    note = site.soup("en/contact/index.html").select_one('nav.lang-switch a[lang="fr"] + small')
    assert note is not None and note.select_one('[lang="fr"]') is not None


def test_sitemap_lists_the_french_page_with_its_alternates(french):
    _, site = french
    sitemap = site.read("sitemap.xml")
    assert "<loc>/fr/about/</loc>" in sitemap
    block = sitemap.split("<loc>/fr/about/</loc>", 1)[1].split("</url>", 1)[0]
    for lang, url in (("ar", "/about/"), ("en", "/en/about/"), ("x-default", "/about/")):
        assert f'hreflang="{lang}" href="{url}"' in block


def test_other_language_pdf_key_is_known_and_offered(french):
    report, site = french
    assert not [w for w in report.warnings if "pdf-fr" in w.lower()], report.warnings
    page = site.soup("publications/youth-digital-activism-survey/index.html")
    assert page.select_one('a[hreflang="fr"][type="application/pdf"]') is not None
