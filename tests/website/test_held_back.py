"""What an editor holds back stays back: every kind x every publishing state,
through the real build, asserted on the output (absence as well as presence).

One copy of content/ gets, for every kind (news post, article, page, report,
edition) and every state (published, draft, hidden, future-dated), one item in
both languages, each version with its own marker word in its title and text.
It also gets "half" pairs: the Arabic version published, the English one held
back (draft, hidden or future-dated), for the switcher, hreflang and the
report's "also in" links. The copy is built twice, with the search index:

- at FROZEN_NOW: published is everywhere, hidden is its own page only
  (noindex), draft and future-dated are nowhere, not even as a file name;
- at LATER_NOW, after the future date: the future-dated items are everywhere
  a published one is, and the drafts are still nowhere.

Every version also shows two images (one in images/, one in a folder of its
own, media/) and links a PDF of its own under content/ (issue 17): a file
only held-back items use is published with the first of them that is, and not
before, whichever language uses it; a file nothing uses is published with a
warning.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import icalendar
import pytest
from bs4 import BeautifulSoup

from tests.contentcopy import copy_content
from tests.sitecheck import FROZEN_NOW, LANGS, invoke
from tests.sitecheck import build as build_site

FUTURE_DATE = "2024-01-15"  # the future-dated items' Date (10:00 Beirut)
LATER_NOW = "2024-02-01T12:00+02:00"  # after it
STATES = ("published", "draft", "hidden", "future")
KINDS = ("news", "article", "page", "report", "edition")
SAMPLE_PDF = "files/publications/countering-hate-speech-guide-en.pdf"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"

# Editions need years no shipped edition uses. The hidden one is in 2024, so
# that at LATER_NOW (the 2023 edition over) it would be the home countdown's
# edition if hidden did not keep it out.
EDITION_YEARS = {"published": 2029, "hidden": 2024, "draft": 2027, "future": 2026}
HALF_EDITION_YEARS = {"draft": 2040, "hidden": 2041, "future": 2042}
# Report dates: the held-back ones are the newest, so a leak would put them at
# the top of the home page's latest publications; the future one alone is in
# 2024, so its year page exists only once it is published.
REPORT_DATES = {
    "published": "2023-10-10",
    "hidden": "2023-10-01",
    "draft": "2023-09-01",
    "future": FUTURE_DATE,
}
REPORT_TYPES = {"published": "research", "hidden": "guide", "draft": "guide", "future": "survey"}
# Half pairs' English reports: their years have no other English report.
HALF_REPORT_DATES = {"draft": "2016-05-01", "hidden": "2017-05-01", "future": FUTURE_DATE}


@dataclass(frozen=True)
class Version:
    """One language's file of one matrix item."""

    kind: str
    name: str  # the item's name: a state, or half-<state>
    lang: str
    state: str  # this version's publishing state

    @property
    def slug(self) -> str:
        if self.kind == "edition":
            return str(self.year)
        return f"mx-{self.kind}-{self.name}"

    @property
    def year(self) -> int:
        if self.name.startswith("half-"):
            return HALF_EDITION_YEARS[self.name[len("half-") :]]
        return EDITION_YEARS[self.name]

    @property
    def marker(self) -> str:
        return f"MX{self.kind}{self.name}{self.lang}".upper().replace("-", "")

    @property
    def title(self) -> str:
        return f"عنوان {self.marker}" if self.lang == "ar" else f"Title {self.marker}"

    @property
    def topic(self) -> str:
        """A topic only this item uses: its tag page exists only if it is listed."""
        return f"mx-topic-{self.kind}-{self.name}"

    @property
    def path(self) -> str:
        """Its page's path inside its language's subsite."""
        return {
            "news": f"news/{self.slug}/",
            "article": f"articles/{self.slug}/",
            "page": f"{self.slug}/",
            "report": f"publications/{self.slug}/",
            "edition": f"convening/{self.slug}/",
        }[self.kind]

    @property
    def url(self) -> str:
        return "/" + LANGS[self.lang] + self.path

    @property
    def file(self) -> str:
        return LANGS[self.lang] + self.path + "index.html"

    @property
    def report_date(self) -> str:
        if not self.name.startswith("half-"):
            return REPORT_DATES[self.name]
        return "2023-08-01" if self.lang == "ar" else HALF_REPORT_DATES[self.name[5:]]

    @property
    def report_type(self) -> str:
        return REPORT_TYPES.get(self.name, "position-paper")

    @property
    def pdf(self) -> str:
        return f"files/publications/{self.slug}-{self.lang}.pdf"

    @property
    def image(self) -> str:
        """An image only this version's text shows."""
        return f"images/{self.slug}-{self.lang}.png"

    @property
    def memo(self) -> str:
        """A file only this version's text links."""
        return f"files/{self.slug}-{self.lang}-memo.pdf"

    @property
    def media(self) -> str:
        """An image in a folder of its own, outside the settings' STATIC_PATHS."""
        return f"media/{self.slug}-{self.lang}.png"

    def later_state(self) -> str:
        return "published" if self.state == "future" else self.state

    def __str__(self) -> str:
        return f"{self.kind}-{self.name}-{self.lang}"


def versions() -> list[Version]:
    found = []
    for kind in KINDS:
        for state in STATES:
            found += [Version(kind, state, lang, state) for lang in LANGS]
        for state in ("draft", "hidden", "future"):
            found.append(Version(kind, f"half-{state}", "ar", "published"))
            found.append(Version(kind, f"half-{state}", "en", state))
    return found


VERSIONS = versions()
IDS = [str(v) for v in VERSIONS]


def other(version: Version) -> Version:
    return next(
        v
        for v in VERSIONS
        if v.kind == version.kind and v.name == version.name and v.lang != version.lang
    )


# --- the content ----------------------------------------------------------------------


def _status(state: str) -> str:
    return {"draft": "Status: draft\n", "hidden": "Status: hidden\n"}.get(state, "")


def _date(version: Version, default: str) -> str:
    return f"{FUTURE_DATE} 10:00" if version.state == "future" else default


def source(version: Version) -> str:
    v = version
    text = (
        f"The text of {v.marker}, for the search index."
        if v.lang == "en"
        else (f"نص {v.marker} للبحث.")
    )
    text += f"\n\n![{v.marker} chart]({{static}}/{v.image})\n\n[Memo]({{static}}/{v.memo})"
    text += f"\n\n![{v.marker} photo]({{static}}/{v.media})"
    if v.kind == "news" and v.name in SHARING:
        text += f"\n\n![A shared chart]({{static}}/{SHARED_IMAGE})"
    head = f"Title: {v.title}\nLang: {v.lang}\nSlug: {v.slug}\n"
    if v.kind in ("news", "article"):
        head += f"Date: {_date(v, '2023-10-05 10:00')}\nTags: privacy, {v.topic}\n"
        head += f"Summary: Summary of {v.marker}.\n"
    elif v.kind == "page":
        if v.state == "future":
            head += f"Date: {FUTURE_DATE} 10:00\n"
    elif v.kind == "report":
        head += f"Date: {v.report_date}\nType: {v.report_type}\nTopics: privacy, {v.topic}\n"
        head += f"Summary: Summary of {v.marker}.\nPDF: {v.pdf}\n"
    else:  # edition
        y = v.year
        city = "بيروت" if v.lang == "ar" else "Beirut"
        head += f"Year: {y}\nCity: {city}\nStart: {y}-04-09 09:00\nEnd: {y}-04-10 18:00\n"
        head += f"Summary: Summary of {v.marker}.\n"
        if v.state == "future":
            head += f"Date: {FUTURE_DATE} 10:00\n"
    return head + _status(v.state) + "\n" + text + "\n"


IMAGE_SIZE = (12, 7)  # width, height: the <img> must say them
SHARED_IMAGE = "images/mx-shared.png"  # shown by a draft and a published post
SHARING = ("published", "draft")
ORPHAN_IMAGE = "images/mx-orphan.png"  # shown by nothing


def png(width: int, height: int) -> bytes:
    """A real PNG of that size (one grey pixel row repeated), made with the stdlib."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\0" + b"\x80" * width for _ in range(height))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))


def topics_toml(original: str) -> str:
    extra = []
    for topic in sorted({v.topic for v in VERSIONS}):
        extra.append(f'\n[topics.{topic}]\nar = "وسم {topic}"\nen = "Topic {topic}"\n')
    return original + "".join(extra)


def write_matrix(content: Path) -> None:
    folders = {
        "news": "news",
        "article": "articles",
        "page": "pages",
        "report": "publications",
        "edition": "editions",
    }
    for v in VERSIONS:
        (content / v.lang / folders[v.kind] / f"{v.slug}.md").write_text(
            source(v), encoding="utf-8"
        )
        if v.kind == "report":
            shutil.copy(content / SAMPLE_PDF, content / v.pdf)
        (content / v.image).write_bytes(png(*IMAGE_SIZE))
        (content / v.media).parent.mkdir(exist_ok=True)
        (content / v.media).write_bytes(png(*IMAGE_SIZE))
        shutil.copy(content / SAMPLE_PDF, content / v.memo)
    (content / SHARED_IMAGE).write_bytes(png(*IMAGE_SIZE))
    (content / ORPHAN_IMAGE).write_bytes(png(*IMAGE_SIZE))
    topics = content / "data/topics.toml"
    topics.write_text(topics_toml(topics.read_text(encoding="utf-8")), encoding="utf-8")


# --- reading the output ---------------------------------------------------------------

TEXT_SUFFIXES = {".html", ".xml", ".txt", ".json", ".ics", ".js", ".css", ".bib", ".ris"}


class Output:
    """Everything a build wrote, read once, with the indexes the tests ask."""

    def __init__(self, root: Path):
        self.root = root

    @cached_property
    def files(self) -> list[str]:
        return sorted(str(p.relative_to(self.root)) for p in self.root.rglob("*") if p.is_file())

    @cached_property
    def texts(self) -> dict[str, str]:
        """Every text file outside pagefind/ (the index is read by `fragments`)."""
        return {
            rel: (self.root / rel).read_text(encoding="utf-8")
            for rel in self.files
            if Path(rel).suffix in TEXT_SUFFIXES and not rel.startswith("pagefind/")
        }

    @cached_property
    def html(self) -> dict[str, BeautifulSoup]:
        texts = self.texts
        return {rel: BeautifulSoup(texts[rel], "lxml") for rel in texts if rel.endswith(".html")}

    @cached_property
    def hrefs(self) -> dict[str, set[str]]:
        """Every page's link targets (href of any element)."""
        return {
            rel: {el["href"] for el in soup.find_all(href=True)} for rel, soup in self.html.items()
        }

    def containing(self, word: str) -> set[str]:
        return {rel for rel, text in self.texts.items() if word in text}

    def mentioning(self, url: str) -> set[str]:
        """Text files that write this site path (not as the tail of a longer one)."""
        pattern = re.compile(r"(?<![\w/.-])" + re.escape(url))
        return {rel for rel, text in self.texts.items() if pattern.search(text)}

    def linking(self, url: str) -> set[str]:
        """HTML pages with an element whose href is this URL."""
        return {rel for rel, hrefs in self.hrefs.items() if url in hrefs}

    @cached_property
    def fragments(self) -> dict[str, dict]:
        """Pagefind's indexed pages: URL -> fragment (gzip, then a signature, then JSON)."""
        found = {}
        for path in sorted(self.root.glob("pagefind/fragment/*.pf_fragment")):
            raw = gzip.decompress(path.read_bytes())
            assert raw.startswith(b"pagefind_dcd"), path
            data = json.loads(raw[len(b"pagefind_dcd") :])
            found[data["url"]] = data
        return found

    @cached_property
    def feeds(self) -> dict[str, list[str]]:
        """Every Atom feed -> its entries' links."""
        found = {}
        for rel in self.files:
            if re.fullmatch(r"(en/)?feeds/[^/]+\.atom\.xml", rel):
                root = ET.fromstring(self.texts[rel])
                found[rel] = [
                    entry.find(f"{ATOM}link[@rel='alternate']").get("href")
                    for entry in root.iter(f"{ATOM}entry")
                ]
        return found

    @cached_property
    def sitemap(self) -> dict[str, dict[str, str]]:
        """loc -> {hreflang: href} of its alternates."""
        root = ET.fromstring(self.texts["sitemap.xml"])
        return {
            url.find(f"{SITEMAP}loc").text: {
                link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
            }
            for url in root.iter(f"{SITEMAP}url")
        }

    @cached_property
    def jsonld(self) -> dict[str, list[tuple[dict, str]]]:
        """Every page's JSON-LD blocks: (data, the data as text)."""
        found = {}
        for rel, soup in self.html.items():
            blocks = []
            for script in soup.select('script[type="application/ld+json"]'):
                data = json.loads(script.string)
                blocks.append((data, json.dumps(data, ensure_ascii=False)))
            found[rel] = blocks
        return found

    @cached_property
    def switchers(self) -> dict[str, object]:
        """Every page's one language-switcher link."""
        found = {}
        for rel, soup in self.html.items():
            links = soup.select("nav.lang-switch a[hreflang]")
            assert len(links) == 1, rel
            found[rel] = links[0]
        return found

    def switcher(self, rel: str):
        return self.switchers[rel]

    @cached_property
    def hreflangs(self) -> dict[str, dict[str, str]]:
        return {
            rel: {
                link["hreflang"]: link["href"]
                for link in soup.select("link[rel=alternate][hreflang]")
            }
            for rel, soup in self.html.items()
        }

    def hreflang(self, rel: str) -> dict[str, str]:
        return self.hreflangs[rel]

    LISTS = re.compile(
        r"^(?:en/)?(index\.html|page/\d+/index\.html"
        r"|(news|articles)/(page/\d+/)?index\.html|tag/.*index\.html|archives/index\.html"
        r"|publications/((type/[a-z-]+|\d{4})/)?index\.html|convening/index\.html)$"
    )

    def lists(self, lang: str) -> set[str]:
        """Every listing page of one language: home (all its pages), categories,
        topics, archives, publications index, type and year pages, convening."""
        return {rel for rel in self.html if self.LISTS.match(rel) and in_lang(rel, lang)}


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("matrix") / "content"
    copy_content(folder)
    write_matrix(folder)
    return folder


def _build(content: Path, now: str, name: str) -> Output:
    report = build_site(
        content.parent, name=name, now=now, search=True, overrides={"PATH": str(content)}
    )
    built = Output(report.output)
    built.warnings = report.warnings
    return built


@pytest.fixture(scope="module")
def out(content) -> Output:
    return _build(content, FROZEN_NOW, "frozen")


@pytest.fixture(scope="module")
def later(content) -> Output:
    return _build(content, LATER_NOW, "later")


def written(state: str) -> bool:
    return state in ("published", "hidden")


def in_lang(rel: str, lang: str) -> bool:
    """Is this output file one of this language's? (Shared files are the main one's.)"""
    return rel.startswith("en/") == (lang == "en")


# --- its own page ---------------------------------------------------------------------


@pytest.mark.parametrize("v", VERSIONS, ids=IDS)
def test_own_page_exists_only_when_written(out, v):
    if written(v.state):
        assert v.file in out.html, f"{v}: no page at {v.file}"
        assert out.html[v.file].h1.get_text(strip=True).endswith(v.marker)
        assert out.html[v.file].html["lang"] == v.lang
        if v.kind == "report":  # its PDF is there, and its page offers it
            assert (out.root / v.pdf).is_file()
            assert f"/{v.pdf}" in out.hrefs[v.file]
    else:
        assert not (out.root / v.file).exists(), f"{v} ({v.state}) has a page"
        if v.kind == "report":
            assert not (out.root / v.pdf).exists(), f"{v} ({v.state}): its PDF is published"


# the translations' status pages (noindex, for editors) list the published
# items of every language, by slug
STATUS_PAGES = {"translations/index.html", "en/translations/index.html"}


def test_noindex_is_on_hidden_pages_only(out):
    hidden = {v.file for v in VERSIONS if v.state == "hidden"} | STATUS_PAGES
    marked = {
        rel
        for rel, soup in out.html.items()
        if soup.find("meta", attrs={"name": "robots", "content": "noindex"})
    }
    assert marked == hidden


def own_files(v: Version) -> set[str]:
    """What a written version may put its marker in: its page (and calendar)."""
    found = {v.file}
    if v.kind == "edition":
        found.add(f"{LANGS[v.lang]}{v.path}bread-and-net-{v.year}.ics")
    if v.kind == "report":  # its citation files, beside its page (in no library)
        found |= {f"{LANGS[v.lang]}{v.path}cite.{suffix}" for suffix in ("bib", "ris", "json")}
    return found


@pytest.mark.parametrize("v", [v for v in VERSIONS if not written(v.state)], ids=str)
def test_held_back_is_nowhere_not_even_a_file_name(out, v):
    """No text file mentions its marker, address or slug; no file is named after it."""
    assert out.containing(v.marker) == set(), v
    assert out.mentioning(v.url) == set(), v
    if v.kind == "edition":  # an edition's slug is a bare year
        assert not (out.root / LANGS[v.lang] / "convening" / v.slug).exists()
        return
    # a half pair's published Arabic version has the same slug: look in English only
    mine = [rel for rel in out.files if not written(other(v).state) or in_lang(rel, v.lang)]
    if written(other(v).state):  # the status page names that published version
        mine = [rel for rel in mine if rel not in STATUS_PAGES]
    assert [rel for rel in mine if v.slug in rel] == [], v
    assert [rel for rel in mine if v.slug in out.texts.get(rel, "")] == [], v


@pytest.mark.parametrize("v", [v for v in VERSIONS if v.state == "hidden"], ids=str)
def test_hidden_is_on_its_own_page_only(out, v):
    own = own_files(v)
    assert v.file in out.containing(v.marker) <= own
    assert out.linking(v.url) <= {v.file}, f"{v}: linked from elsewhere"
    assert out.mentioning(v.url) <= own, f"{v}: its address is written elsewhere"


# --- lists ----------------------------------------------------------------------------


def expected_lists(v: Version, out: Output) -> set[str]:
    """The listing pages a published version must appear on."""
    p = LANGS[v.lang]
    if v.kind in ("news", "article"):
        category = "news" if v.kind == "news" else "articles"
        home = {
            rel for rel in out.lists(v.lang) if re.fullmatch(rf"{p}(page/\d+/)?index\.html", rel)
        }
        on_home = {rel for rel in home if v.url in out.hrefs[rel]}
        assert len(on_home) == 1, f"{v}: on {len(on_home)} pages of the home page"
        return on_home | {
            f"{p}{category}/index.html",
            f"{p}tag/privacy/index.html",
            f"{p}tag/{v.topic}/index.html",
            f"{p}archives/index.html",
        }
    if v.kind == "report":
        return {
            f"{p}publications/index.html",
            f"{p}publications/{v.report_date[:4]}/index.html",
            f"{p}publications/type/{v.report_type}/index.html",
        }
    if v.kind == "edition":
        return {f"{p}convening/index.html"}
    return set()  # pages are in no list


@pytest.mark.parametrize("v", VERSIONS, ids=IDS)
def test_lists(out, v):
    lists = out.lists(v.lang)
    showing = {rel for rel in lists if v.url in out.hrefs[rel]}
    if v.state == "published":
        expected = expected_lists(v, out)
        assert expected <= lists, f"{v}: missing list pages {expected - lists}"
        assert showing >= expected, f"{v}: not on {expected - showing}"
        assert all(v.marker in out.texts[rel] for rel in expected)
    else:
        assert showing == set(), f"{v} ({v.state}) is listed on {showing}"
        assert not [rel for rel in lists if v.marker in out.texts[rel]]
    # a topic only this item has gets a page only when the item is listed
    if v.kind in ("news", "article") and v.state != "published":
        assert not (out.root / LANGS[v.lang] / "tag" / v.topic).exists()


def test_lists_are_what_the_matrix_expects(out):
    """The list patterns find the pages they should (the tests above read them)."""
    assert "page/2/index.html" in out.lists("ar")  # the Arabic home page runs over two
    for lang, p in LANGS.items():
        lists = out.lists(lang)
        assert {
            f"{p}tag/index.html",
            f"{p}convening/index.html",
            f"{p}archives/index.html",
        } <= lists
        assert f"{p}publications/type/research/index.html" in lists
        assert f"{p}news/mx-news-published/index.html" not in lists


def test_home_page_latest_publications(out):
    """The held-back reports are the newest: a leak would put them on top."""
    for lang, prefix in LANGS.items():
        cards = out.html[f"{prefix}index.html"].select(".home-publications [data-pub-card]")
        links = [card.select_one(".card__title a")["href"] for card in cards]
        assert links[0] == f"/{prefix}publications/mx-report-published/", links
        for v in VERSIONS:
            if v.kind == "report" and v.lang == lang and v.state != "published":
                assert v.url not in links


def test_held_back_years_and_types_have_no_listing_page(out):
    """A year or type page exists for what is published only."""
    assert (out.root / "publications/type/research/index.html").is_file()  # the published one
    for gone in ("publications/2024", "en/publications/2024", "en/publications/2016"):
        assert not (out.root / gone).exists(), gone
    assert not (out.root / "en/publications/2017").exists()  # the hidden one's year
    for url in out.sitemap:
        assert "/publications/2024/" not in url and "/en/publications/201" not in url


@pytest.mark.parametrize("lang", LANGS)
def test_home_countdown_is_not_a_held_back_edition(out, later, lang):
    for built in (out, later):
        box = built.html[f"{LANGS[lang]}index.html"].select_one("section.countdown")
        assert box is not None
        for v in VERSIONS:
            if v.kind == "edition" and v.lang == lang and v.state in ("draft", "hidden"):
                assert v.marker not in str(box), v
    # at LATER_NOW the hidden 2024 edition is the earliest one that has not
    # ended: the countdown shows the next listed one instead, 2025
    box = later.html[f"{LANGS[lang]}index.html"].select_one("section.countdown")
    assert "2025" in box.select_one(".countdown__title").get_text()


# --- feeds, sitemap, search, calendars, JSON-LD -------------------------------------------


def expected_feeds(v: Version) -> set[str]:
    p = LANGS[v.lang]
    if v.kind in ("news", "article"):
        category = "news" if v.kind == "news" else "articles"
        return {f"{p}feeds/all.atom.xml", f"{p}feeds/{category}.atom.xml"}
    if v.kind == "report":
        return {f"{p}feeds/publications.atom.xml"}
    return set()


@pytest.mark.parametrize("v", VERSIONS, ids=IDS)
def test_feeds(out, v):
    assert len(out.feeds) == 8, sorted(out.feeds)  # all, news, articles, publications x 2
    carrying = {rel for rel, links in out.feeds.items() if v.url in links}
    expected = expected_feeds(v) if v.state == "published" else set()
    assert carrying == expected, v
    if v.state != "published":
        assert not [rel for rel in out.feeds if v.marker in out.texts[rel]]


@pytest.mark.parametrize("v", VERSIONS, ids=IDS)
def test_sitemap(out, v):
    if v.state != "published":
        assert v.url not in out.sitemap
        assert not [loc for loc, alts in out.sitemap.items() if v.url in alts.values()]
        return
    alternates = out.sitemap[v.url]
    pair = other(v)
    if pair.state == "published":
        assert alternates == {v.lang: v.url, pair.lang: pair.url, "x-default": f"/{v.path}"}
    else:
        assert alternates == {}, f"{v}: alternates to a {pair.state} version"


@pytest.mark.parametrize("v", VERSIONS, ids=IDS)
def test_search_index(out, v):
    if v.state == "published":
        fragment = out.fragments.get(v.url)
        assert fragment is not None, f"{v}: not indexed"
        assert fragment["filters"]["kind"] == [v.kind]
        assert v.marker in fragment["content"]
    else:
        assert v.url not in out.fragments
        assert not [u for u, f in out.fragments.items() if v.marker in f["content"]]


def test_search_index_has_every_kind_with_its_filter(out):
    kinds = {}
    for url, fragment in out.fragments.items():
        for kind in fragment["filters"].get("kind", []):
            kinds.setdefault(kind, set()).add(url)
    assert set(kinds) == set(KINDS)
    # the shipped reports and editions are found, in both languages
    assert "/publications/annual-report-2022-7amleh/" in kinds["report"]
    assert "/en/publications/annual-report-2022-7amleh/" in kinds["report"]
    assert {"/convening/2023/", "/en/convening/2023/"} <= kinds["edition"]
    # nothing is indexed that is not an item's own page: lists are not
    assert not [u for u in out.fragments if u.endswith(("/publications/", "/convening/"))]


@pytest.mark.parametrize("v", [v for v in VERSIONS if v.kind == "edition"], ids=str)
def test_calendar_files(out, v):
    ics = out.root / LANGS[v.lang] / v.path / f"bread-and-net-{v.year}.ics"
    if not written(v.state):
        assert not ics.exists()
        return
    event = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")[0]
    assert str(event["summary"]) == v.title
    linking = out.linking(f"/{LANGS[v.lang]}{v.path}bread-and-net-{v.year}.ics")
    if v.state == "published":
        assert f"{LANGS[v.lang]}convening/index.html" in linking  # the archive offers it
    else:
        assert linking == {v.file}


@pytest.mark.parametrize("v", VERSIONS, ids=IDS)
def test_jsonld_in_every_page(out, v):
    url = re.compile(r'"(?:https?://[^/"]+)?' + re.escape(v.url) + '"')
    pair = other(v)
    # a published version is named by its translation's page (workTranslation)
    allowed = {v.file, pair.file} if v.state == "published" else {v.file}
    for rel, blocks in out.jsonld.items():
        if rel in allowed:
            continue
        for _, text in blocks:
            assert v.marker not in text and not url.search(text), f"{v}: in the JSON-LD of {rel}"
    if written(v.state) and v.kind != "page":  # pages carry no JSON-LD
        (own, _), *_ = out.jsonld[v.file]
        assert (own.get("headline") or own.get("name")) == v.title
        assert own.get("url") in (v.url, None) or own["url"].endswith(v.url)
        if v.kind == "report":  # a report names its published translations
            translations = [t["@id"] for t in own.get("workTranslation", [])]
            assert translations == ([pair.url] if pair.state == "published" else []), v


# --- the other language: switcher, hreflang, "also in" ----------------------------------


@pytest.mark.parametrize("v", [v for v in VERSIONS if written(v.state)], ids=str)
def test_switcher_and_hreflang(out, v):
    """The switcher offers the other version only when it is published; hreflang
    pairs only two published versions (a hidden page has none)."""
    pair = other(v)
    link = out.switcher(v.file)
    if pair.state == "published":
        assert link["href"] == pair.url and not link.has_attr("data-untranslated")
    else:
        assert link["href"] == f"/{LANGS[pair.lang]}" and link.has_attr("data-untranslated")
        assert pair.url not in out.hrefs[v.file]
    if v.state == "published" and pair.state == "published":
        assert out.hreflang(v.file) == {
            v.lang: v.url,
            pair.lang: pair.url,
            "x-default": f"/{v.path}",
        }
    else:
        assert out.hreflang(v.file) == {}


@pytest.mark.parametrize("v", [v for v in VERSIONS if v.state == "hidden"], ids=str)
def test_no_page_offers_a_hidden_version_as_a_translation(out, v):
    for rel in out.html:
        if rel != v.file:
            assert out.switcher(rel)["href"] != v.url, rel
            assert v.url not in out.hreflang(rel).values(), rel


@pytest.mark.parametrize(
    "v", [v for v in VERSIONS if v.kind == "report" and v.name.startswith("half-")], ids=str
)
def test_report_offers_no_held_back_translation_or_its_pdf(out, v):
    if v.lang == "en":
        return  # the held-back side: covered above
    page = out.html[v.file]
    pair = other(v)
    assert page.select_one("[data-single-language]") is not None
    assert pair.url not in out.hrefs[v.file]
    assert f"/{pair.pdf}" not in out.hrefs[v.file], f"{v}: offers the {pair.state} English PDF"
    assert [a["href"] for a in page.select('a[type="application/pdf"]')] == [f"/{v.pdf}"]


# --- later: the future-dated ones are published, everywhere ---------------------------------

FUTURE = [v for v in VERSIONS if v.state == "future"]


@pytest.mark.parametrize("v", FUTURE, ids=str)
def test_future_dated_appear_after_their_date_everywhere(later, v):
    assert later.html[v.file].h1.get_text(strip=True).endswith(v.marker)
    assert not later.html[v.file].find("meta", attrs={"name": "robots"})
    for rel in expected_lists(v, later):
        assert v.url in later.hrefs[rel], (v, rel)
    if v.kind == "report":  # now the newest report: on the home page
        home = later.html[f"{LANGS[v.lang]}index.html"]
        links = [a["href"] for a in home.select(".home-publications .card__title a")]
        assert v.url in links
        if not v.name.startswith("half-"):
            assert links[0] == v.url
        assert (later.root / v.pdf).is_file()
    if v.kind == "edition":
        ics = later.root / LANGS[v.lang] / v.path / f"bread-and-net-{v.year}.ics"
        assert ics.is_file()
    assert {rel for rel, links in later.feeds.items() if v.url in links} == expected_feeds(v)
    assert v.url in later.sitemap
    assert later.fragments[v.url]["filters"]["kind"] == [v.kind]
    pair = other(v)
    link = later.switcher(v.file)
    assert link["href"] == pair.url and not link.has_attr("data-untranslated")
    assert later.hreflang(v.file)[pair.lang] == pair.url
    assert later.sitemap[v.url][pair.lang] == pair.url
    assert later.switcher(pair.file)["href"] == v.url


@pytest.mark.parametrize("v", [v for v in VERSIONS if v.state in ("draft", "hidden")], ids=str)
def test_later_drafts_still_nowhere_and_hidden_still_unlisted(later, v):
    if v.state == "draft":
        assert later.containing(v.marker) == set()
        assert not (later.root / v.file).exists()
    else:
        assert later.linking(v.url) <= {v.file}
        assert v.url not in later.sitemap and v.url not in later.fragments


# --- search in a real browser: reports and editions are found, by kind ------------------

SEARCHES = """async (queries) => {
  const pagefind = await import("/pagefind/pagefind.js");
  await pagefind.init();
  const found = {filters: await pagefind.filters()};
  for (const [query, filters] of queries) {
    const search = await pagefind.search(query, {filters});
    const pages = await Promise.all(search.results.map((result) => result.data()));
    found[query + " " + JSON.stringify(filters)] = pages.map((page) => page.url);
  }
  return found;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_reports_and_editions_by_kind_in_chromium(out, browser, lang):
    """Pagefind itself (the site's bundle, under the production CSP) finds the
    published report and edition, with the kind filter, and never a held-back one."""
    from tools.deploy.serve import serve_in_thread

    mine = {v.kind + "-" + v.name: v for v in VERSIONS if v.lang == lang}
    report, edition = mine["report-published"], mine["edition-published"]
    queries = [
        (report.marker.lower(), {}),
        (report.marker.lower(), {"kind": "report"}),
        (report.marker.lower(), {"kind": "news"}),
        (edition.marker.lower(), {"kind": "edition"}),
        *((v.marker.lower(), {}) for v in mine.values() if v.state != "published"),
    ]
    httpd, base = serve_in_thread(out.root)
    context = browser.new_context()
    try:
        page = context.new_page()
        errors = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(f"{base}/{LANGS[lang]}search/")
        found = page.evaluate(SEARCHES, queries)
    finally:
        context.close()
        httpd.shutdown()
        httpd.server_close()
    assert errors == []
    assert set(found["filters"]["kind"]) == set(KINDS)
    key = report.marker.lower()
    assert found[f"{key} {{}}"] == [report.url]
    assert found[f'{key} {{"kind":"report"}}'] == [report.url]
    assert found[f'{key} {{"kind":"news"}}'] == []
    assert found[f'{edition.marker.lower()} {{"kind":"edition"}}'] == [edition.url]
    held = {v.url for v in mine.values() if v.state != "published"}
    for query, urls in found.items():
        if query != "filters":
            assert not held & set(urls), (query, urls)


# --- files under content/: published with the first item that uses them ---------------


def images_shown(page: BeautifulSoup) -> dict[str, tuple[str, str]]:
    return {img["src"]: (img.get("width"), img.get("height")) for img in page.find_all("img")}


def assert_file_published_with(build: Output, v: Version, state: str) -> None:
    for rel in (v.image, v.memo, v.media):
        url = f"/{rel}"
        if written(state):
            assert (build.root / rel).is_file(), (v, state, rel)
            assert v.file in build.mentioning(url), (v, rel)
        else:
            assert not (build.root / rel).exists(), f"{v} ({state}): {rel} is published"
            assert build.mentioning(url) == set(), (v, rel)
            assert not any(url in json.dumps(f) for f in build.fragments.values()), (v, rel)
            assert url not in json.dumps(build.sitemap)
    if written(state):  # its size is on the <img>, so the text does not jump
        shown = images_shown(build.html[v.file])
        for rel in (v.image, v.media):
            assert shown[f"/{rel}"] == tuple(str(n) for n in IMAGE_SIZE), shown


@pytest.mark.parametrize("v", VERSIONS, ids=IDS)
def test_a_file_only_held_back_items_use_waits_for_them(out, later, v):
    """Before the future date, at FROZEN_NOW, and after it, at LATER_NOW."""
    assert_file_published_with(out, v, v.state)
    assert_file_published_with(later, v, v.later_state())


def test_a_file_a_published_item_also_uses_is_published(out):
    assert (out.root / SHARED_IMAGE).is_file()
    news = next(v for v in VERSIONS if v.kind == "news" and v.name == "published")
    assert images_shown(out.html[news.file])[f"/{SHARED_IMAGE}"] == ("12", "7")


def test_a_file_nothing_uses_is_published_with_a_warning(out, content):
    assert (out.root / ORPHAN_IMAGE).is_file()  # a warning, not a refusal
    checked = invoke("check", "--path", str(content), "--now", FROZEN_NOW)
    assert checked.returncode == 0, checked.stdout
    assert f"warning: content/{ORPHAN_IMAGE}: file: no item links to it" in checked.stdout
    said = [w for w in out.warnings if f"content/{ORPHAN_IMAGE}: file:" in w]
    expected = (
        f"content/{ORPHAN_IMAGE}: file: no item links to it, yet it is published at "
        f"/{ORPHAN_IMAGE}; link it from the item it belongs to ({{static}}/{ORPHAN_IMAGE}), "
        "or delete it if nothing needs it"
    )
    assert said == [expected]
    assert not [w for w in out.warnings if "no item links to it" in w and ORPHAN_IMAGE not in w]
