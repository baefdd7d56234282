"""Real builds of modified copies of content/: escaping, drafts, scheduling,
nothing lost, reproducibility."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT
from tests.contentcopy import copy_content
from tests.sitecheck import FROZEN_NOW, cli_build
from tests.sitecheck import build as build_site

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

HOSTILE_TITLE = (
    '</script><script>alert(1)</script> "double" \'single\' <b id="pwn">b</b> '
    "a < b & c > d \u202egnisrever"
)
HOSTILE_SUMMARY = (
    '</script><img src=x onerror=alert(2)> " onmouseover="alert(3) '
    '<i id="pwn2">i</i> *emphasis* & \u202e'
)
HOSTILE_TITLE_AR = '<script>alert(4)</script> «مقال» "عنوان" a < b \u202e'


def build(
    content: Path,
    work: Path,
    now: str = FROZEN_NOW,
    search: bool = False,
    name: str = "output",
):
    return build_site(
        work, name=name, now=now, search=search, strict=False, overrides={"PATH": str(content)}
    )


def post(
    lang,
    slug,
    title,
    date="2023-10-01 10:00",
    extra="",
    summary="A summary.",
    folder="news",
    body="Some text.",
):
    return (
        f"Title: {title}\nDate: {date}\nLang: {lang}\nSlug: {slug}\n"
        f"Summary: {summary}\n{extra}\n{body}\n"
    )


def texts(root: Path, suffixes=(".html", ".xml", ".txt", ".json")):
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in suffixes and "pagefind" not in path.parts:
            yield path, path.read_text(encoding="utf-8")


def digest(root: Path, skip=()) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not set(p.relative_to(root).parts) & set(skip)
    }


# --- one site with hostile metadata, drafts and scheduled posts ---------------------

SCHEDULED_AT = "2023-11-01 10:00"  # Beirut: UTC+2 after 29 October 2023
SCHEDULED_NOW = "2023-11-01T10:00+02:00"


@pytest.fixture(scope="module")
def tricky(tmp_path_factory):
    """content/ plus hostile items, drafts and future-dated items; built at FROZEN_NOW."""
    work = tmp_path_factory.mktemp("tricky")
    content = copy_content(work / "content")
    files = {
        "en/news/hostile.md": post("en", "hostile", HOSTILE_TITLE, summary=HOSTILE_SUMMARY),
        "ar/news/hostile.md": post("ar", "hostile", HOSTILE_TITLE_AR, summary=HOSTILE_SUMMARY),
        "en/pages/hostile-page.md": (
            f"Title: {HOSTILE_TITLE}\nLang: en\nSlug: hostile-page\n\nText.\n"
        ),
        # drafts: alone, and as the translation of a published post
        "ar/news/secret-draft.md": post(
            "ar", "secret-draft", "DRAFTTITLE-ONE", extra="Status: draft\n"
        ),
        "en/news/draft-translation.md": post(
            "en", "draft-translation", "DRAFTTITLE-TWO", extra="Status: draft\n"
        ),
        "ar/news/draft-translation.md": post("ar", "draft-translation", "منشور"),
        "en/pages/draft-page.md": "Title: DRAFTTITLE-PAGE\nLang: en\nSlug: draft-page\n"
        "Status: draft\n\nText.\n",
        # scheduled: a post in both languages and a page
        "ar/news/scheduled.md": post("ar", "scheduled", "FUTURE-AR", date=SCHEDULED_AT),
        "en/news/scheduled.md": post("en", "scheduled", "FUTURE-EN", date=SCHEDULED_AT),
        "en/pages/scheduled-page.md": f"Title: FUTURE-PAGE\nDate: {SCHEDULED_AT}\nLang: en\n"
        "Slug: scheduled-page\n\nText.\n",
    }
    for rel, text in files.items():
        (content / rel).write_text(text, encoding="utf-8")
    report = build(content, work)
    return work, content, report.output


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def test_hostile_metadata_is_text_in_every_html_page(tricky):
    _, _, out = tricky
    pages = [p for p, _ in texts(out, (".html",))]
    touched = 0
    for path in pages:
        doc = soup(path)
        assert not doc.select("#pwn, #pwn2"), path
        for element in doc.find_all(True):
            assert not [a for a in element.attrs if a.startswith("on")], (path, element)
        for script in doc.find_all("script"):
            if script.get("src"):
                continue
            # JSON-LD carries the hostile text as data; it must not be able
            # to close its element, and must parse.
            assert script.get("type") == "application/ld+json", path
            raw = script.get_text()
            assert "<" not in raw and ">" not in raw, path
            json.loads(raw)
        touched += "alert(1)" in path.read_text(encoding="utf-8")
    assert touched >= 4  # the post, the home page, the news list, the archives…


def test_hostile_title_reads_as_written(tricky):
    _, _, out = tricky
    page = soup(out / "en/news/hostile/index.html")
    closed = HOSTILE_TITLE + "\u202c"  # the override is closed before anything else
    assert page.h1.get_text() == closed
    assert page.title.get_text() == f"{closed} · SMEX"
    card = soup(out / "en/index.html").find("a", href="/en/news/hostile/")
    assert card.get_text() == closed
    archive = soup(out / "en/archives/index.html").find("a", href="/en/news/hostile/")
    assert archive.get_text() == closed
    assert soup(out / "en/hostile-page/index.html").h1.get_text() == closed
    ar = soup(out / "news/hostile/index.html")
    assert ar.h1.get_text() == HOSTILE_TITLE_AR + "\u202c"


def test_hostile_summary_is_text_in_description_and_cards(tricky):
    _, _, out = tricky
    page = soup(out / "en/news/hostile/index.html")
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert description.startswith('</script><img src=x onerror=alert(2)> " onmouseover="')
    card = soup(out / "en/index.html").find("a", href="/en/news/hostile/").find_parent("article")
    summary = card.select_one(".card__summary").get_text()
    assert summary.startswith("</script><img src=x onerror") and "emphasis" in summary


def test_hostile_metadata_keeps_feeds_well_formed(tricky):
    _, _, out = tricky
    for rel in (
        "en/feeds/all.atom.xml",
        "en/feeds/news.atom.xml",
        "feeds/all.atom.xml",
    ):
        feed = ET.parse(out / rel).getroot()  # raises if not well-formed
        entry = next(
            e
            for e in feed.iter(f"{ATOM}entry")
            if e.find(f"{ATOM}link").get("href").endswith("/news/hostile/")
        )
        title = entry.find(f"{ATOM}title").text
        expected = HOSTILE_TITLE if rel.startswith("en/") else HOSTILE_TITLE_AR.strip()
        assert title == " ".join((expected + "\u202c").split())
        # the summary is HTML for feed readers: the tags in it are text, not elements
        summary = BeautifulSoup(entry.find(f"{ATOM}summary").text, "lxml")
        assert not summary.find_all(["img", "i", "script"])
        assert summary.find("em").get_text() == "emphasis"
        assert "onerror=alert(2)" in summary.get_text()


def test_sitemap_well_formed_with_hostile_items(tricky):
    _, _, out = tricky
    root = ET.parse(out / "sitemap.xml").getroot()
    locs = {u.find(f"{SITEMAP}loc").text for u in root.iter(f"{SITEMAP}url")}
    assert {"/news/hostile/", "/en/news/hostile/", "/en/hostile-page/"} <= locs


def test_drafts_are_nowhere_on_the_public_site(tricky):
    _, _, out = tricky
    for path, text in texts(out):
        for marker in ("DRAFTTITLE", "secret-draft", "draft-page"):
            assert marker not in text, (path, marker)
    assert not (out / "news/secret-draft").exists()
    assert not (out / "en/news/draft-translation").exists()
    assert not (out / "en/draft-page").exists()


def test_a_draft_translation_is_not_a_switcher_target(tricky):
    _, _, out = tricky
    page = soup(out / "news/draft-translation/index.html")
    link = page.select_one("nav.lang-switch a[hreflang=en]")
    assert link["href"] == "/en/" and link.has_attr("data-untranslated")
    assert not page.select("link[rel=alternate][hreflang]")
    # Nothing of the English draft reaches the English site: neither its title nor
    # its address. (The translations status page names the published Arabic
    # original, with its English version as "missing": that is what it is for.)
    for path, text in texts(out / "en"):
        assert "DRAFTTITLE-TWO" not in text, path
        assert "/en/news/draft-translation/" not in text, path
    status = soup(out / "en/translations/index.html")
    cell = status.select_one('[data-item="article/draft-translation"] td[data-lang="en"]')
    assert cell is not None and cell["data-state"] == "missing" and not cell.select("a")


def test_future_items_wait_for_their_date(tricky):
    _, _, out = tricky
    for path, text in texts(out):
        for marker in ("FUTURE-", "scheduled"):
            assert marker not in text, (path, marker)


def test_future_items_appear_on_their_date(tricky, tmp_path):
    _, content, _ = tricky
    out = build(content, tmp_path, now=SCHEDULED_NOW).output
    assert soup(out / "news/scheduled/index.html").h1.get_text() == "FUTURE-AR"
    assert soup(out / "en/news/scheduled/index.html").h1.get_text() == "FUTURE-EN"
    assert soup(out / "en/scheduled-page/index.html").h1.get_text() == "FUTURE-PAGE"
    switch = soup(out / "news/scheduled/index.html").select_one("nav.lang-switch a")
    assert switch["href"] == "/en/news/scheduled/"
    feed = (out / "en/feeds/all.atom.xml").read_text(encoding="utf-8")
    assert "FUTURE-EN" in feed
    assert "/en/news/scheduled/" in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "FUTURE-AR" in (out / "index.html").read_text(encoding="utf-8")
    for path, text in texts(out):  # drafts stay drafts
        assert "DRAFTTITLE" not in text, path


def test_one_minute_early_is_too_early():
    import datetime as dt
    from zoneinfo import ZoneInfo

    from smex_site import publishing

    zone = ZoneInfo("Asia/Beirut")
    now = dt.datetime.fromisoformat("2023-11-01T09:59+02:00")

    def state(value, at=now):
        return publishing.visibility("published", publishing.moment(value, zone), at)

    when = dt.datetime(2023, 11, 1, 10, 0)  # naive: the site's time zone
    assert state(when) == publishing.SCHEDULED
    assert state(when, dt.datetime.fromisoformat("2023-11-01T10:00+02:00")) == publishing.PUBLISHED
    assert state(when, dt.datetime.fromisoformat("2023-11-01T08:00Z")) == publishing.PUBLISHED
    assert state(dt.date(2023, 11, 1)) == publishing.PUBLISHED
    assert state(dt.date(2023, 11, 2)) == publishing.SCHEDULED
    assert publishing.visibility("draft", None, now) == publishing.DRAFT
    assert (
        publishing.visibility("hidden", publishing.moment(when, zone), now) == publishing.SCHEDULED
    )


# --- nothing lost ---------------------------------------------------------------------


def cli(content: Path, output: Path, cache: Path, *extra: str):
    return cli_build(content, output, cache, *extra)


@pytest.fixture(scope="module")
def previous(tmp_path_factory):
    """A good build in output/, as the live site would be."""
    work = tmp_path_factory.mktemp("previous")
    output = work / "output"
    done = cli(ROOT / "content", output, work / "cache")
    assert done.returncode == 0, done.stderr
    return work, output, digest(output)


def crash_plugin(folder: Path, action: str) -> list[str]:
    """A plugin that fails after Pelican wrote a few pages: `action` runs then."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "crash_midway.py").write_text(
        "import os, signal\n"
        "from pelican import signals\n"
        "written = []\n"
        "def wrote(path, context=None):\n"
        "    written.append(path)\n"
        "    if len(written) == 5:\n"
        f"        {action}\n"
        "def register():\n"
        "    signals.content_written.connect(wrote)\n",
        encoding="utf-8",
    )
    plugins = json.dumps(["smex_site", "crash_midway", "pelican.plugins.i18n_subsites"])
    paths = json.dumps([str(ROOT / "plugins"), str(folder)])
    return ["--set", f"PLUGINS={plugins}", "--set", f"PLUGIN_PATHS={paths}"]


def test_failing_build_leaves_output_byte_for_byte(previous, tmp_path):
    work, output, before = previous
    content = copy_content(tmp_path / "content")
    (content / "en/pages/about.md").write_text("Title: About\nLang: xx\n\nText\n", "utf-8")
    done = cli(content, output, work / "cache")
    assert done.returncode == 2
    assert "content/en/pages/about.md:2: lang:" in done.stderr
    assert digest(output) == before


def test_exception_in_the_middle_of_writing_leaves_output(previous, tmp_path):
    work, output, before = previous
    extra = crash_plugin(
        tmp_path / "plugins", "raise RuntimeError('simulated crash while writing')"
    )
    done = cli(ROOT / "content", output, work / "cache", *extra)
    assert done.returncode == 2, done.stderr
    assert "simulated crash while writing" in done.stderr
    assert "previous output was left as it was" in done.stderr
    assert digest(output) == before
    assert not [p for p in work.iterdir() if p.name.startswith(".output")]


def test_killed_build_leaves_output(previous, tmp_path):
    """SIGKILL mid-write: no clean-up code runs, output/ is still the old site."""
    work, output, before = previous
    extra = crash_plugin(tmp_path / "plugins", "os.kill(os.getpid(), signal.SIGKILL)")
    done = cli(ROOT / "content", output, work / "cache", *extra, "--jobs", "1")
    assert done.returncode == -9
    assert digest(output) == before
    for leftover in work.glob(".output.*"):  # what a kill leaves behind
        shutil.rmtree(leftover)


def test_a_killed_language_process_fails_the_build_and_leaves_output(previous, tmp_path):
    """One language's process killed (the crash plugin runs in each): the build
    says which, and leaves output/ and nothing beside it."""
    work, output, before = previous
    extra = crash_plugin(tmp_path / "plugins", "os.kill(os.getpid(), signal.SIGKILL)")
    done = cli(ROOT / "content", output, work / "cache", *extra, "--jobs", "2")
    assert done.returncode == 2, done.stderr
    assert "was killed by signal 9" in done.stderr
    assert "previous output was left as it was" in done.stderr
    assert "Traceback" not in done.stderr
    assert digest(output) == before
    assert not [p for p in work.iterdir() if p.name.startswith(".output")]


def test_successful_build_replaces_output(previous, tmp_path):
    output = previous[1]
    target = tmp_path / "output"
    shutil.copytree(output, target)
    (target / "stale-file.html").write_text("old", "utf-8")
    content = copy_content(tmp_path / "content")
    (content / "en/news/new-one.md").write_text(post("en", "new-one", "NEW"), "utf-8")
    done = cli(content, target, tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    assert not (target / "stale-file.html").exists()
    assert (target / "en/news/new-one/index.html").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".output")]


# --- reproducible ------------------------------------------------------------------------


def test_two_builds_at_the_same_now_are_byte_identical(tmp_path):
    """Everything, the Pagefind index included, from two builds in two places."""
    first = build(ROOT / "content", tmp_path / "one", search=True).output
    content = copy_content(tmp_path / "two" / "content")  # the same tree at another path
    second = build(content, tmp_path / "two", search=True).output
    one, two = digest(first), digest(second)
    assert any(name.startswith("pagefind/") for name in one)
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


def test_feed_updated_is_the_newest_entry_not_the_build_time(tmp_path):
    out = build(ROOT / "content", tmp_path, now="2030-01-01T00:00+00:00").output
    feed = ET.parse(out / "en/feeds/all.atom.xml").getroot()
    updated = feed.find(f"{ATOM}updated").text
    newest = max(e.find(f"{ATOM}updated").text for e in feed.iter(f"{ATOM}entry"))
    assert updated == newest and updated.startswith("2023-")


def test_abandoned_staging_folders_are_cleaned_only_when_old(tmp_path):
    from tools.build import swap

    target = tmp_path / "output"
    old = tmp_path / ".output.building-abc"
    young = tmp_path / ".output.building-def"
    for folder in (old, young):
        (folder / "en").mkdir(parents=True)
    hours_ago = time.time() - swap.ABANDONED_AFTER - 60
    os.utime(old, (hours_ago, hours_ago))
    swap.remove_abandoned_builds(target)
    assert not old.exists()
    assert young.exists()  # may be a build running right now
