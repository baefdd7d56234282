"""Citation files, read by parsers that are not ours, field by field against
the reports' own files: each report's cite.bib / cite.ris / cite.json, the
library of every list and of every language, in both languages.

bibtexparser, rispy and citation-js (under Node, tests/publications/citejs.js)
read every file; every CSL-JSON file is valid against the CSL data schema
(tests/fixtures/csl/csl-data.json). Expected values come from the Markdown
files (test_site.content_meta), never from the plugin.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from functools import cache
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy
from bibtexparser.bparser import BibTexParser

from tests.conftest import ROOT
from tests.publications.test_site import content_meta
from tests.sitecheck import LANGS

SCHEMA = json.loads((ROOT / "tests/fixtures/csl/csl-data.json").read_text(encoding="utf-8"))
LANGUAGE = {"ar": "Arabic", "en": "English"}
SUFFIXES = ("bib", "ris", "json")


def node() -> str:
    found = shutil.which("node")
    assert found, "Node.js is missing: apt-get install nodejs (scripts/setup.sh)"
    assert (ROOT / "node_modules/@citation-js/core").is_dir(), "run scripts/setup.sh (npm ci)"
    return found


def citejs(paths: list[Path]) -> dict[str, list[dict]]:
    """citation-js's CSL items for each file, one Node process for them all."""
    done = subprocess.run(
        [node(), str(ROOT / "tests/publications/citejs.js"), *map(str, paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def read_bib(path: Path) -> list[dict]:
    """Fields as written (bibtexparser's own LaTeX decoding is partial: citation-js
    decodes, and `latex` below says what each field must be written as)."""
    parser = BibTexParser(common_strings=True)
    return bibtexparser.loads(path.read_text(encoding="utf-8"), parser=parser).entries


# LaTeX's special characters in text, as a BibTeX file must write them; nothing
# else is touched (Arabic, dashes and quotes are UTF-8 as they are).
LATEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&",
         "#": r"\#", "$": r"\$", "_": r"\_", "~": r"\textasciitilde{}",
         "^": r"\textasciicircum{}"}  # fmt: skip


def latex(text: str) -> str:
    return "".join(LATEX.get(char, char) for char in text)


def read_ris(path: Path) -> list[dict]:
    return rispy.loads(path.read_text(encoding="utf-8"))


def read_csl(path: Path) -> list[dict]:
    items = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(items, SCHEMA)
    return items


def unbraced(text: str) -> str:
    return text.replace("{", "").replace("}", "")


def date_parts(date: str) -> list[int]:
    return [int(part) for part in date.split("-")]


def page_path(lang: str, slug: str) -> str:
    return f"/{LANGS[lang]}publications/{slug}/"


# --- what each file must say, from the Markdown alone -------------------------------


def assert_bibtex(entry: dict, meta: dict, lang: str) -> None:
    assert entry["ID"] == f"{meta['document-id']}-{lang}"
    assert entry["title"] == "{" + latex(meta["title"]) + "}"
    assert entry["author"] == "{" + latex(meta["authors"]) + "}"
    assert (entry.get("institution") or entry["organization"]) == latex(publisher(meta))
    assert entry["year"] == meta["date"][:4]
    assert entry["number"] == meta["document-id"]
    assert entry["language"] == LANGUAGE[lang].lower()
    assert entry["url"] == page_path(lang, meta["slug"])
    if len(meta["date"]) > 4:
        assert entry["date"] == meta["date"]
    else:
        assert "date" not in entry and "month" not in entry
    assert entry.get("doi") == meta.get("doi")


def assert_ris(record: dict, meta: dict, lang: str) -> None:
    assert record["title"] == meta["title"]
    assert record["authors"] == [meta["authors"]]
    assert record["publisher"] == publisher(meta)
    assert record["year"] == meta["date"][:4]
    assert record["language"] == LANGUAGE[lang]
    assert record["abstract"] == meta["summary"]
    assert record["urls"] == [page_path(lang, meta["slug"])]
    number = record.get("issn") if record["type_of_reference"] == "RPRT" else record.get("note")
    assert number == meta["document-id"]


@cache
def settings() -> dict:
    from tools.build.settings import load_settings

    return load_settings(ROOT / "pelicanconf.py")


def publication_types() -> dict:
    return settings()["SITE_PUBLICATION_TYPES"]


def publisher(meta: dict) -> str:
    """Publisher:, else the site's own (SITE_PUBLICATIONS_PUBLISHER)."""
    return meta.get("publisher") or settings()["SITE_PUBLICATIONS_PUBLISHER"][meta["lang"]]


def ris_type(meta: dict) -> str:
    """The RIS type pelicanconf.py gives the report's Type."""
    return publication_types()[meta["type"]]["ris"]


def assert_csl(
    item: dict, meta: dict, lang: str, *, author_key: str = "literal", from_bibtex: bool = False
) -> None:
    """A CSL item (ours, or what citation-js made of BibTeX or RIS). citation-js
    reads both @techreport and @manual as a CSL report; RIS's GEN as a document."""
    expected = "report" if from_bibtex else {"RPRT": "report", "GEN": "document"}[ris_type(meta)]
    assert item["type"] == expected
    assert item["title"] == meta["title"]
    assert [a.get(author_key) or a.get("literal") for a in item["author"]] == [meta["authors"]]
    assert item["publisher"] == publisher(meta)
    assert item["issued"]["date-parts"] == [date_parts(meta["date"])]
    # citation-js reads a @manual's number as its series number (biblatex's reading)
    assert item.get("number", item.get("collection-number")) == meta["document-id"]
    assert item["URL"] == page_path(lang, meta["slug"])
    assert item["language"] in (lang, LANGUAGE[lang], LANGUAGE[lang].lower())


def listed(lang: str, metas: list[dict] | None = None) -> dict[str, dict]:
    """slug -> metadata of the reports a list of this language shows."""
    metas = content_meta(lang) if metas is None else metas
    return {m["slug"]: m for m in metas if m.get("status", "published") == "published"}


@cache
def shipped() -> dict[str, dict[str, dict]]:
    return {lang: listed(lang) for lang in LANGS}


# --- per report ------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_report_has_its_three_files_and_every_parser_reads_them(site, lang):
    reports = shipped()[lang]
    folders = {slug: site.root / f"{LANGS[lang]}publications/{slug}" for slug in reports}
    paths = [folders[slug] / f"cite.{suffix}" for slug in reports for suffix in SUFFIXES]
    by_citejs = citejs(paths)
    for slug, meta in reports.items():
        folder = folders[slug]
        (entry,) = read_bib(folder / "cite.bib")
        assert_bibtex(entry, meta, lang)
        (record,) = read_ris(folder / "cite.ris")
        assert_ris(record, meta, lang)
        (item,) = read_csl(folder / "cite.json")
        assert_csl(item, meta, lang)
        assert item["id"] == f"{meta['document-id']}-{lang}"
        assert item["abstract"] == meta["summary"]
        (from_bib,) = by_citejs[str(folder / "cite.bib")]
        assert_csl(from_bib, meta, lang, author_key="family", from_bibtex=True)
        (from_ris,) = by_citejs[str(folder / "cite.ris")]
        assert_csl(from_ris, meta, lang)
        (from_csl,) = by_citejs[str(folder / "cite.json")]
        assert_csl(from_csl, meta, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_report_pages_link_their_files_with_the_registered_types(site, lang):
    types = {
        "bib": "application/x-bibtex",
        "ris": "application/x-research-info-systems",
        "json": "application/vnd.citationstyles.csl+json",
    }
    for slug in shipped()[lang]:
        rel = f"{LANGS[lang]}publications/{slug}/index.html"
        soup = site.soup(rel)
        for suffix, media_type in types.items():
            url = page_path(lang, slug) + f"cite.{suffix}"
            (link,) = soup.select(f'head link[rel="alternate"][type="{media_type}"]')
            assert link["href"] == url
            (anchor,) = soup.select(f'.cite__files a[href="{url}"]')
            assert anchor["type"] == media_type
            assert site.resolve(url).is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_dublin_core_tags_beside_the_scholar_tags(site, lang):
    for slug, meta in shipped()[lang].items():
        soup = site.soup(f"{LANGS[lang]}publications/{slug}/index.html")
        tags: dict[str, list[str]] = {}
        for tag in soup.select('head meta[name^="DC."]'):
            tags.setdefault(tag["name"], []).append(tag["content"])
        assert tags == {
            "DC.title": [meta["title"]],
            "DC.creator": [meta["authors"]],
            "DC.date": [meta["date"]],
            "DC.publisher": [publisher(meta)],
            "DC.language": [lang],
            "DC.type": ["Text"],
            "DC.identifier": [page_path(lang, slug), meta["document-id"]],
        }
        assert soup.select_one('head link[rel="schema.DC"]')
        scholar = soup.select_one('meta[name="citation_technical_report_number"]')
        assert scholar["content"] == meta["document-id"]
        assert soup.select_one('meta[name="citation_title"]')["content"] == meta["title"]
        assert not soup.select('meta[name="citation_doi"]')  # no shipped report has a DOI


# --- libraries -----------------------------------------------------------------------


def lists_of(lang: str, reports: dict[str, dict]) -> dict[str, dict[str, dict]]:
    """folder of each list page -> the reports it shows: the index, each type, each year."""
    section = f"{LANGS[lang]}publications/"
    found = {section: reports}
    for meta in reports.values():
        for folder in (f"{section}type/{meta['type']}/", f"{section}{meta['date'][:4]}/"):
            found.setdefault(folder, {})[meta["slug"]] = meta
    return found


def library_paths(root: Path, folder: str, stem: str) -> dict[str, Path]:
    return {suffix: root / f"{folder}{stem}.{suffix}" for suffix in SUFFIXES}


def assert_library(
    root: Path, folder: str, stem: str, expected: dict[tuple, dict], read: dict | None = None
) -> None:
    """expected: (lang, slug) -> metadata; every parser reads exactly those reports.
    read: citation-js's reading of the files, when it was asked for several lists at once."""
    paths = library_paths(root, folder, stem)
    ids = {f"{meta['document-id']}-{lang}": (lang, meta) for (lang, _), meta in expected.items()}
    entries = read_bib(paths["bib"])
    assert sorted(e["ID"] for e in entries) == sorted(ids)
    for entry in entries:
        assert_bibtex(entry, ids[entry["ID"]][1], ids[entry["ID"]][0])
    items = read_csl(paths["json"])
    assert sorted(item["id"] for item in items) == sorted(ids)
    for item in items:
        assert_csl(item, ids[item["id"]][1], ids[item["id"]][0])
    records = read_ris(paths["ris"])
    assert len(records) == len(ids)
    by_url = {page_path(lang, meta["slug"]): (lang, meta) for lang, meta in ids.values()}
    for record in records:
        assert_ris(record, by_url[record["urls"][0]][1], by_url[record["urls"][0]][0])
    read = read or citejs(list(paths.values()))
    for suffix, path in paths.items():
        found = [item.get("number", item.get("collection-number")) for item in read[str(path)]]
        found = [number + item["URL"] for number, item in zip(found, read[str(path)], strict=True)]
        assert sorted(found) == sorted(
            meta["document-id"] + page_path(lang, meta["slug"]) for lang, meta in ids.values()
        ), suffix


@pytest.mark.parametrize("lang", LANGS)
def test_each_list_offers_the_library_of_what_it_lists(site, lang):
    lists = lists_of(lang, shipped()[lang])
    read = citejs(
        [path for folder in lists for path in library_paths(site.root, folder, "library").values()]
    )
    for folder, reports in lists.items():
        expected = {(lang, slug): meta for slug, meta in reports.items()}
        assert_library(site.root, folder, "library", expected, read)
        soup = site.soup(folder + "index.html")
        links = soup.select('head link[rel="alternate"][href*="/library."]')
        assert sorted(link["href"] for link in links) == sorted(
            f"/{folder}library.{suffix}" for suffix in SUFFIXES
        )
        anchors = soup.select("[data-library] a")
        assert [a["href"] for a in anchors] == [f"/{folder}library.{s}" for s in SUFFIXES]
        is_index = folder == f"{LANGS[lang]}publications/"
        everything = [a["href"] for a in soup.select("[data-library-all] a")]
        assert everything == (
            [f"/publications/library-all.{s}" for s in SUFFIXES] if is_index else []
        )


def test_the_library_of_every_language_holds_both(site):
    expected = {(lang, slug): meta for lang in LANGS for slug, meta in shipped()[lang].items()}
    assert_library(site.root, "publications/", "library-all", expected)
    assert not (site.root / "en/publications/library-all.bib").exists()


# --- COinS ----------------------------------------------------------------------------


def coins_of(soup) -> list[dict[str, list[str]]]:
    from urllib.parse import parse_qs

    return [parse_qs(span["title"], strict_parsing=True) for span in soup.select("span.Z3988")]


@pytest.mark.parametrize("lang", LANGS)
def test_every_list_of_reports_carries_one_coins_span_per_report(site, lang):
    reports = shipped()[lang]
    pages = {folder + "index.html": shown for folder, shown in lists_of(lang, reports).items()}
    pages[f"{LANGS[lang]}index.html"] = None  # the home page: its latest reports
    for rel, shown in pages.items():
        soup = site.soup(rel)
        cards = soup.select(".pub-card")
        spans = coins_of(soup)
        assert len(spans) == len(cards) == (len(shown) if shown is not None else len(cards))
        assert cards, rel
        for card, found in zip(cards, spans, strict=True):
            url = card.select_one(".card__title a")["href"]
            meta = reports[url.rstrip("/").rsplit("/", 1)[1]]
            assert found["ctx_ver"] == ["Z39.88-2004"]
            assert found["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:book"]
            genre = {"RPRT": "report", "GEN": "document"}[ris_type(meta)]
            assert found["rft.genre"] == [genre]
            assert found["rft.btitle"] == [meta["title"]]
            assert found["rft.aucorp"] == [meta["authors"]]
            assert found["rft.date"] == [meta["date"]]
            assert found["rft.pub"] == [publisher(meta)]
            assert found["rft.language"] == [lang]
            assert found["rft_id"] == [url]
            assert found["rft.identifier"] == [meta["document-id"]]
    assert not site.soup(f"{LANGS[lang]}about/index.html").select("span.Z3988")
