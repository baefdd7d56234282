"""Citations at the instants where the published set changes, and a report
with every new key: one content copy, built twice (at FROZEN_NOW, before the
scheduled report's date, and after it), once per session.

The copy adds a draft report (never anywhere) and a scheduled pair, written
in Arabic and translated (Original-Language: ar), with a DOI and an English
title full of BibTeX's special characters.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.contentcopy import copy_content
from tests.publications.test_cite_files import (
    LANGS,
    SUFFIXES,
    assert_library,
    citejs,
    latex,
    library_paths,
    listed,
    read_bib,
    read_csl,
    read_ris,
)
from tests.sitecheck import FROZEN_NOW, build

AFTER = "2023-11-02T12:00+02:00"
SCHEDULED = "scheduled-open-data-report"
DRAFT = "draft-report-not-ready"
DOI = "10.5281/zenodo.1234567"
TITLES = {
    "en": r"Open data & privacy: 100% of cases_x #1 {draft} ~ ^ \ $",
    "ar": "البيانات المفتوحة والخصوصية: تقرير 2023",
}
AUTHORS = {"en": "SMEX Research Team", "ar": "فريق البحث في سمكس"}


def report(lang: str, slug: str, title: str, extra: str = "") -> str:
    return (
        f"Title: {title}\nDate: 2023-11-01\nLang: {lang}\nSlug: {slug}\n{extra}"
        f"Type: research\nTopics: privacy\nAuthors: {AUTHORS[lang]}\n"
        f"Summary: Summary of {slug} ({lang}).\n"
        f"PDF: files/publications/privacy-attitudes-survey-{lang}.pdf\n\nText.\n"
    )


@pytest.fixture(scope="module")
def variants(tmp_path_factory) -> dict[str, Path]:
    """'before' and 'after': the output at each instant, from one content copy."""
    work = tmp_path_factory.mktemp("cite-variants")
    content = work / "content"
    copy_content(content)
    for lang in LANGS:
        folder = content / lang / "publications"
        keys = f"Document-ID: SMEX-2023-02\nOriginal-Language: ar\nDOI: https://doi.org/{DOI}\n"
        (folder / f"{SCHEDULED}.md").write_text(
            report(lang, SCHEDULED, TITLES[lang], keys), encoding="utf-8"
        )
        draft = report(lang, DRAFT, f"Draft {lang}", "Document-ID: SMEX-2023-03\nStatus: draft\n")
        (folder / f"{DRAFT}.md").write_text(draft, encoding="utf-8")
    found = {}
    for name, now in (("before", FROZEN_NOW), ("after", AFTER)):
        done = build(work, name=name, now=now, search=False, overrides={"PATH": str(content)})
        found[name] = done.output
        found[f"registry-{name}"] = (content / "data/document-ids.toml").read_text("utf-8")
    found["content"] = content
    return found


def metas(content: Path, lang: str, now: str) -> dict[str, dict]:
    """What a list of this language shows at `now`, from the Markdown alone."""
    day = now[:10]
    found = listed(lang, content_meta_of(content, lang))
    return {slug: meta for slug, meta in found.items() if meta["date"] <= day}


def content_meta_of(content: Path, lang: str) -> list[dict]:
    """test_site.content_meta, on the copy."""
    found = []
    for path in sorted((content / lang / "publications").glob("*.md")):
        meta = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                break
            key, _, value = line.partition(":")
            meta[key.strip().lower()] = value.strip()
        if "doi" in meta:
            meta["doi"] = meta["doi"].removeprefix("https://doi.org/")
        found.append(meta)
    return found


@pytest.mark.parametrize("instant", ["before", "after"])
def test_libraries_hold_exactly_the_published_reports(variants, instant):
    root, now = variants[instant], FROZEN_NOW if instant == "before" else AFTER
    shown = {lang: metas(variants["content"], lang, now) for lang in LANGS}
    assert (SCHEDULED in shown["en"]) == (instant == "after")
    assert DRAFT not in shown["en"]
    for lang in LANGS:
        folders = {f"{LANGS[lang]}publications/": shown[lang]}
        folders[f"{LANGS[lang]}publications/type/research/"] = {
            slug: m for slug, m in shown[lang].items() if m["type"] == "research"
        }
        folders[f"{LANGS[lang]}publications/2023/"] = {
            slug: m for slug, m in shown[lang].items() if m["date"].startswith("2023")
        }
        for folder, reports in folders.items():
            if not reports:  # no such list page at this instant
                assert not (root / folder / "library.bib").exists(), folder
                continue
            expected = {(lang, slug): meta for slug, meta in reports.items()}
            assert_library(root, folder, "library", expected)
        for slug in (SCHEDULED, DRAFT):
            written = slug in shown[lang]
            for suffix in SUFFIXES:
                path = root / f"{LANGS[lang]}publications/{slug}/cite.{suffix}"
                assert path.exists() == written, path
    both = {(lang, slug): m for lang in LANGS for slug, m in shown[lang].items()}
    assert_library(root, "publications/", "library-all", both)
    for path in root.rglob("*"):
        if path.suffix in (".bib", ".ris", ".json") and path.is_file():
            text = path.read_text(encoding="utf-8")
            assert "Draft en" not in text and "SMEX-2023-03" not in text, path
            if instant == "before":
                assert "SMEX-2023-02" not in text, path


def test_an_id_is_registered_once_published(variants):
    assert "SMEX-2023-02" not in variants["registry-before"]
    assert '"SMEX-2023-02" = "scheduled-open-data-report"' in variants["registry-after"]
    assert "SMEX-2023-03" not in variants["registry-after"]  # a draft's id is not taken yet


def test_bibtex_escapes_what_it_must_and_parsers_read_the_title_back(variants):
    folder = variants["after"] / f"en/publications/{SCHEDULED}"
    text = (folder / "cite.bib").read_text(encoding="utf-8")
    assert (
        r"title = {{Open data \& privacy: 100\% of cases\_x \#1 \{draft\} \textasciitilde{} "
        r"\textasciicircum{} \textbackslash{} \$}}," in text
    )
    (entry,) = read_bib(folder / "cite.bib")
    assert entry["doi"] == DOI
    assert entry["origlanguage"] == "arabic"
    read = citejs([folder / f"cite.{suffix}" for suffix in SUFFIXES])
    for suffix in SUFFIXES:
        (item,) = read[str(folder / f"cite.{suffix}")]
        assert item["title"] == TITLES["en"], suffix
        assert item["DOI"] == DOI, suffix
    (record,) = read_ris(folder / "cite.ris")
    assert record["doi"] == DOI
    assert record["notes"] == ["Original language: Arabic"]
    (item,) = read_csl(folder / "cite.json")
    assert item["DOI"] == DOI and item["note"] == "Original language: Arabic"


@pytest.mark.parametrize("lang", LANGS)
def test_arabic_titles_and_authors_in_every_format(variants, lang):
    folder = variants["after"] / f"{LANGS[lang]}publications/{SCHEDULED}"
    (entry,) = read_bib(folder / "cite.bib")
    assert entry["title"] == "{" + latex(TITLES[lang]) + "}"
    assert entry["author"] == "{" + AUTHORS[lang] + "}"
    assert entry["language"] == {"ar": "arabic", "en": "english"}[lang]
    (record,) = read_ris(folder / "cite.ris")
    assert (record["title"], record["authors"], record["language"]) == (
        TITLES[lang],
        [AUTHORS[lang]],
        {"ar": "Arabic", "en": "English"}[lang],
    )
    (item,) = read_csl(folder / "cite.json")
    assert (item["title"], item["author"], item["language"]) == (
        TITLES[lang],
        [{"literal": AUTHORS[lang]}],
        lang,
    )


@pytest.mark.parametrize("lang", LANGS)
def test_report_page_shows_and_exports_the_identifiers(variants, lang):
    rel = f"{LANGS[lang]}publications/{SCHEDULED}/index.html"
    soup = BeautifulSoup((variants["after"] / rel).read_text(encoding="utf-8"), "lxml")
    original = soup.select_one("[data-original-language]")
    label = {"ar": "اللغة الأصلية: العربية", "en": "Original language: Arabic"}[lang]
    assert original.get_text(strip=True) == label
    assert soup.select_one("[data-document-id]").get_text() == "SMEX-2023-02"
    assert soup.select_one("[data-doi]")["href"] == f"https://doi.org/{DOI}"
    assert soup.select_one('meta[name="citation_doi"]')["content"] == DOI
    identifiers = [m["content"] for m in soup.select('meta[name="DC.identifier"]')]
    assert identifiers[1:] == ["SMEX-2023-02", f"doi:{DOI}"]
    assert not soup.select("span.Z3988")  # a report page is not a list
    (data,) = [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]
    assert data["inLanguage"] == lang
    assert data["identifier"] == [
        {"@type": "PropertyValue", "propertyID": "Document-ID", "value": "SMEX-2023-02"},
        {"@type": "PropertyValue", "propertyID": "DOI", "value": DOI},
    ]
    if lang == "ar":  # the original names its translation
        assert data["workTranslation"] == [
            {"@type": "Report", "@id": f"/en/publications/{SCHEDULED}/", "inLanguage": "en"}
        ]
        assert "translationOfWork" not in data
    else:
        assert data["translationOfWork"] == {
            "@type": "Report",
            "@id": f"/publications/{SCHEDULED}/",
            "inLanguage": "ar",
        }
        assert "workTranslation" not in data


@pytest.mark.parametrize("lang", LANGS)
def test_how_to_cite_in_the_pages_language_and_the_originals(variants, lang):
    rel = f"{LANGS[lang]}publications/{SCHEDULED}/index.html"
    soup = BeautifulSoup((variants["after"] / rel).read_text(encoding="utf-8"), "lxml")
    entries = soup.select("[data-howto]")
    found = [(e["data-howto"], e["lang"], e["dir"]) for e in entries]
    mine = [("apa", lang, "rtl" if lang == "ar" else "ltr")]
    mine += [("chicago-author-date", lang, mine[0][2])]
    originals = [("apa", "ar", "rtl"), ("chicago-author-date", "ar", "rtl")]
    assert found == (mine if lang == "ar" else mine + originals)
    for entry in entries:
        text = entry.get_text()
        # Chicago writes English titles in title case; the words stay
        assert TITLES[entry["lang"]].casefold() in text.casefold()
        assert AUTHORS[entry["lang"]] in text
        assert "2023" in text  # the site's Arabic digits are Latin (pelicanconf.py)
        (doi,) = entry.select('bdi[dir="ltr"]:-soup-contains("doi.org")')
        assert doi.get_text() == f"https://doi.org/{DOI}"
        assert entry.select_one('bdi[dir="ltr"]:-soup-contains("SMEX-2023-02")')


def test_unlisted_years_and_types_have_no_library(variants):
    before = variants["before"]
    for lang in LANGS:
        assert not (before / f"{LANGS[lang]}publications/type/research/library.json").exists()
    after = library_paths(variants["after"], "en/publications/type/research/", "library")
    assert all(path.is_file() for path in after.values())
