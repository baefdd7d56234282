"""Every kind of item is linked the same way, and the check and the build agree
(issue 17, item 5, and the headings' ids).

One copy of content/ where a post in each language links, with `{filename}`,
a report, an edition, an article at one of its headings (an Arabic heading
too, as written and percent-encoded) and a page, and where a report's and an
edition's own texts link a post and show an image. `invoke check` finds
nothing to fix; one strict production build (what `invoke publish` runs,
`--settings publishconf.py --strict`) succeeds, every link leads to its
page at the site's address, no `{filename}` is left anywhere, every image
has its size, and the links gate finds no dead link or fragment.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT
from tests.contentcopy import accept, copy_content
from tests.gates.links import link_problems
from tests.sitecheck import FROZEN_NOW

SITE = "https://smex.example"
AR_HEADING = "سنوات-الشاشة"  # "## سنوات الشاشة" in content/ar/articles/breadnet-over-the-years.md

POSTS = {
    "en": """Title: Everything linked
Date: 2023-10-01 10:00
Lang: en
Slug: everything-linked

Read [the survey]({filename}/en/publications/privacy-attitudes-survey.md),
[the 2023 edition]({filename}/en/editions/2023.md),
[the screen years]({filename}/en/articles/breadnet-over-the-years.md#the-screen-years),
[how to reach us]({filename}../pages/contact.md#email).

![Timeline of the editions]({static}/images/editions-timeline.svg)
""",
    "ar": f"""Title: كل الروابط
Date: 2023-10-01 10:00
Lang: ar
Slug: everything-linked

اقرأ [الاستطلاع]({{filename}}/ar/publications/privacy-attitudes-survey.md)
و[دورة 2023]({{filename}}/ar/editions/2023.md)
و[سنوات الشاشة]({{filename}}/ar/articles/breadnet-over-the-years.md#{AR_HEADING})
و[الرابط نفسه مرمّزًا]({{filename}}/ar/articles/breadnet-over-the-years.md#{quote(AR_HEADING)}).
""",
}
REPORT_TEXT = """
See [the post]({filename}/LANG/news/everything-linked.md) and the timeline:

![Timeline]({static}/images/editions-timeline.svg)
"""
ODD_TITLE = """Title: /etc/passwd
Date: 2023-10-01 10:00
Lang: en
Slug: odd-title
Summary: ../../../../../../etc/passwd

Text.
"""
EDITION_TEXT = "\nRead [the survey]({filename}../publications/privacy-attitudes-survey.md).\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    work = tmp_path_factory.mktemp("intrasite")
    content = work / "content"
    copy_content(content)
    for lang, text in POSTS.items():
        (content / lang / "news/everything-linked.md").write_text(text, encoding="utf-8")
        for rel, extra in (
            (f"{lang}/publications/privacy-attitudes-survey.md", REPORT_TEXT),
            (f"{lang}/editions/2023.md", EDITION_TEXT),
        ):
            with open(content / rel, "a", encoding="utf-8") as handle:
                handle.write(extra.replace("LANG", lang))
    # the same words added to both versions: the translations are still current
    for slug in ("privacy-attitudes-survey", "2023"):
        accept(content, slug)
    # metadata is any text: a title that reads like a path is not a file to publish
    (content / "en/news/odd-title.md").write_text(ODD_TITLE, encoding="utf-8")
    env = {**os.environ, "SITE_URL": SITE}
    checked = subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--path", str(content), "--now", FROZEN_NOW],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False, env=env,
    )  # fmt: skip
    command = [sys.executable, "-m", "tools.build.sitebuild", "--settings", "publishconf.py"]
    command += ["--strict", "--no-search", "--output", str(work / "output"), "--now", FROZEN_NOW]
    command += ["--set", f'PATH="{content}"', "--set", f'CACHE_PATH="{work / "cache"}"']
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=180, check=False, env=env
    )
    return checked, done, work / "output"


def page(output: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((output / rel / "index.html").read_text(encoding="utf-8"), "lxml")


def main_links(soup: BeautifulSoup) -> set[str]:
    return {a["href"] for a in soup.find("main").find_all("a", href=True)}


def test_check_and_strict_publish_agree(built):
    checked, done, _ = built
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "nothing to fix" in checked.stdout, checked.stdout
    assert done.returncode == 0, done.stderr
    assert "Unable to find" not in done.stderr


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_post_links_every_kind_of_item(built, lang):
    _, _, output = built
    base = SITE if lang == "ar" else f"{SITE}/en"
    prefix = "" if lang == "ar" else "en/"
    links = main_links(page(output, f"{prefix}news/everything-linked"))
    assert f"{base}/publications/privacy-attitudes-survey/" in links
    assert f"{base}/convening/2023/" in links
    if lang == "en":
        assert f"{base}/articles/breadnet-over-the-years/#the-screen-years" in links
        assert f"{base}/contact/#email" in links
    else:
        article = f"{base}/articles/breadnet-over-the-years/"
        assert f"{article}#{AR_HEADING}" in links
        assert f"{article}#{quote(AR_HEADING)}" in links


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_reports_and_editions_texts_link_like_posts(built, lang):
    _, _, output = built
    base = SITE if lang == "ar" else f"{SITE}/en"
    prefix = "" if lang == "ar" else "en/"
    report = page(output, f"{prefix}publications/privacy-attitudes-survey")
    assert f"{base}/news/everything-linked/" in main_links(report)
    images = {img["src"]: img for img in report.find("main").find_all("img")}
    timeline = images[f"{SITE}/images/editions-timeline.svg"]
    assert (timeline["width"], timeline["height"]) == ("640", "160")
    edition = page(output, f"{prefix}convening/2023")
    assert f"{base}/publications/privacy-attitudes-survey/" in main_links(edition)


def test_no_link_is_left_unreplaced_and_none_is_dead(built):
    _, _, output = built
    assert list(output.parent.rglob("*passwd*")) == []  # a title is not a file
    for path in output.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "{filename}" not in text and "{static}" not in text, path
    # built without the search index (--no-search): its files are not there
    assert [p for p in link_problems(output, SITE) if "/pagefind/" not in p] == []


def test_headings_have_ids_of_their_own_words(built):
    _, _, output = built
    heading = page(output, "articles/breadnet-over-the-years").find("h2", id=AR_HEADING)
    assert heading is not None and heading.get_text(strip=True) == "سنوات الشاشة"
    ids = [h.get("id") for h in page(output, "articles/breadnet-over-the-years").select("main h2")]
    assert all(one and not one.startswith("_") for one in ids), ids


@pytest.mark.parametrize(
    "target", ["en/publications/privacy-attitudes-survey.md", "en/editions/2023.md"]
)
def test_a_link_to_a_held_back_report_or_edition_is_refused(tmp_path, target):
    """As a link to a draft post is: the check names the linking file and line."""
    content = tmp_path / "content"
    copy_content(content)
    (content / "en/news/everything-linked.md").write_text(POSTS["en"], encoding="utf-8")
    held = content / target
    held.write_text(
        held.read_text(encoding="utf-8").replace("Lang: en\n", "Lang: en\nStatus: draft\n", 1),
        encoding="utf-8",
    )
    checked = subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--path", str(content), "--now", FROZEN_NOW],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert checked.returncode == 1
    line = 6 if "publications" in target else 7
    expected = (
        f"error: content/en/news/everything-linked.md:{line}: link: links to content/{target}"
    )
    found = [one for one in checked.stdout.splitlines() if one.startswith(expected)]
    assert found and "which is a draft" in found[0] and "remove the link" in found[0], (
        checked.stdout
    )


def test_a_pelican_warning_that_fails_a_strict_build_names_file_and_line():
    """The safety net behind the check: a warning quoting a link is named by
    every file and line that writes it (tools/build/steps.py, --strict)."""
    from tools.build import settings as build_settings
    from tools.build import steps

    catalog = build_settings.check(build_settings.load_settings(ROOT / "pelicanconf.py"))
    link = "{static}/images/editions-timeline.svg"
    warning = f"Unable to find '{link}', skipping url replacement."
    ar, en = (f"content/{lang}/articles/breadnet-over-the-years.md" for lang in ("ar", "en"))
    assert steps.locate_warning(warning, catalog) == (
        f"{ar}:{line_with(ar, link)}, {en}:{line_with(en, link)}: {warning}"
    )
    assert steps.locate_warning("Something else", catalog) == "Something else"


def line_with(rel: str, text: str) -> int:
    """The number of the one line of the shipped file that holds `text`."""
    lines = (ROOT / rel).read_text(encoding="utf-8").splitlines()
    [number] = [n for n, line in enumerate(lines, 1) if text in line]
    return number
