"""The build's caches never serve old content.

Two caches make a rebuild fast: converted Markdown, keyed on each text, the
settings and the code (smex_site/markdown.py, fingerprint.py), and the memo
of a whole build (tools/buildcache.py). Each kind of change is made to a
site built with a warm cache; the rebuild must be byte for byte what a cold
build of the changed site writes, on every page (lists, feeds, the sitemap,
the other language's switcher), and the change must be seen where it belongs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT
from tests.sitecheck import build, tree_digest

MARK = "Cachemark"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def read(root: Path, rel: str) -> str:
    return (root / rel).read_text(encoding="utf-8")


def soup(root: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup(read(root, rel), "html.parser")


# Each change: (id, what it does to the work folder, what must then be seen).
def change_article(work: Path) -> None:
    edit(
        work / "content/en/articles/shrinking-civic-space.md",
        "\n\n",
        f"\n\n{MARK} article paragraph.\n\n",
    )


def seen_article(out: Path) -> None:
    assert MARK in read(out, "en/articles/shrinking-civic-space/index.html")
    assert MARK in read(out, "en/feeds/all.atom.xml")


def change_template(work: Path) -> None:
    edit(
        work / "theme/templates/partials/footer.html", "</footer>", f"<p>{MARK} footer</p></footer>"
    )


def seen_template(out: Path) -> None:
    for rel in ("index.html", "en/index.html", "en/about/index.html", "en/convening/index.html"):
        assert f"{MARK} footer" in read(out, rel), rel


def change_setting(work: Path) -> None:
    (work / "settings.txt").write_text("mailto:cachemark@smex.example", encoding="utf-8")


def seen_setting(out: Path) -> None:
    assert "Contact: mailto:cachemark@smex.example" in read(out, ".well-known/security.txt")


def change_topics(work: Path) -> None:
    edit(work / "content/data/topics.toml", 'en = "Surveillance"', f'en = "{MARK} surveillance"')


def seen_topics(out: Path) -> None:
    assert f"{MARK} surveillance" in read(out, "en/tag/surveillance/index.html")


def change_edition(work: Path) -> None:
    edit(
        work / "content/en/editions/2023.md",
        "Every year, activists",
        f"{MARK} edition. Every year, activists",
    )


def seen_edition(out: Path) -> None:
    assert MARK in read(out, "en/convening/2023/index.html")


def change_report(work: Path) -> None:
    edit(
        work / "content/en/publications/annual-report-2022-7amleh.md",
        "Title: Annual activity report 2022",
        f"Title: {MARK} annual report 2022",
    )


def seen_report(out: Path) -> None:
    assert MARK in read(out, "en/publications/annual-report-2022-7amleh/index.html")
    assert MARK in read(out, "en/publications/index.html")
    assert MARK in read(out, "en/feeds/publications.atom.xml")


def change_translation(work: Path) -> None:
    # an Arabic-only post ("Translate: no") gets its English version
    edit(work / "content/ar/articles/inclusive-arabic.md", "Translate: no\n", "")
    (work / "content/en/articles/inclusive-arabic.md").write_text(
        "Title: Inclusive Arabic\nDate: 2023-03-09\nLang: en\nSlug: inclusive-arabic\n"
        "Tags: advocacy\nSummary: The English version.\n\nThe English version of the post.\n",
        encoding="utf-8",
    )


def seen_translation(out: Path) -> None:
    arabic = soup(out, "articles/inclusive-arabic/index.html")
    english = [a["href"] for a in arabic.select("a[hreflang=en]")]
    assert "/en/articles/inclusive-arabic/" in english, english
    assert "/en/articles/inclusive-arabic/" in read(out, "sitemap.xml")


CHANGES = [
    ("article", change_article, seen_article),
    ("template", change_template, seen_template),
    ("setting", change_setting, seen_setting),
    ("topics", change_topics, seen_topics),
    ("edition", change_edition, seen_edition),
    ("report", change_report, seen_report),
    ("translation", change_translation, seen_translation),
]


def overrides(work: Path) -> dict:
    contact = work / "settings.txt"
    found = {"PATH": str(work / "content"), "THEME": str(work / "theme")}
    if contact.is_file():
        found["SITE_SECURITY_CONTACT"] = [contact.read_text(encoding="utf-8")]
    return found


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """A copy of the site (content and theme), built once with its cache."""
    work = tmp_path_factory.mktemp("cache")
    shutil.copytree(ROOT / "content", work / "content")
    shutil.copytree(ROOT / "theme", work / "theme")
    first = build(work, name="warm", search=False, overrides=overrides(work))
    assert not first.reused
    return work


def test_nothing_changed_reuses_the_output_as_it_is(warm):
    out = warm / "warm"
    before = tree_digest(out)
    again = build(warm, name="warm", search=False, overrides=overrides(warm))
    assert again.reused
    assert tree_digest(out) == before


def test_an_output_someone_changed_is_built_again(warm):
    out = warm / "warm"
    before = tree_digest(out)
    (out / "en/about/index.html").write_text("changed by hand", encoding="utf-8")
    again = build(warm, name="warm", search=False, overrides=overrides(warm))
    assert not again.reused
    assert tree_digest(out) == before


@pytest.mark.parametrize(("name", "change", "seen"), CHANGES, ids=[c[0] for c in CHANGES])
def test_each_change_shows_everywhere_as_a_cold_build_shows_it(warm, name, change, seen):
    change(warm)  # the changes add up, in order: each build has a warmer cache
    rebuilt = build(warm, name="warm", search=False, overrides=overrides(warm))
    assert not rebuilt.reused
    cold = build(warm, name=f"cold-{name}", search=False, overrides=overrides(warm))
    seen(warm / "warm")
    ours, theirs = tree_digest(warm / "warm"), tree_digest(warm / f"cold-{name}")
    assert sorted(ours) == sorted(theirs)
    assert [rel for rel in ours if ours[rel] != theirs[rel]] == []
    assert cold.warnings == rebuilt.warnings
