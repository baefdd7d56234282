"""Which files under content/ may be read or published (contentfiles.py), directly.

The refusals go through the real build in test_content_safety_cli.py; here,
what must stay allowed, and the two helpers validation and Pelican use.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from smex_site import contentfiles
from tests.conftest import ROOT


@pytest.fixture
def content(tmp_path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy)
    return copy


def problems(content: Path, **overrides):
    from tools.sitebuild import load_settings

    settings = load_settings(ROOT / "pelicanconf.py", {"PATH": str(content), **overrides})
    return [str(p) for p in contentfiles.check(settings)]


def test_the_seed_content_is_clean(content):
    assert problems(content) == []


def test_links_inside_content_and_ignored_names_are_allowed(content):
    # an image under a second name, a folder of PDFs shown under images/
    os.symlink("editions-timeline.svg", content / "images" / "timeline.svg")
    os.symlink("../files/publications", content / "images" / "reports")
    # an editor's lock file (a dangling link) and a README, as Pelican ignores them
    os.symlink("user@host.1234", content / "en" / "news" / ".#draft.md")
    (content / "en" / "news" / "README.html").write_text("notes", encoding="utf-8")
    # other files in a language folder are not content (Pelican does not read them)
    (content / "en" / "news" / "notes.txt").write_text("notes", encoding="utf-8")
    assert problems(content) == []


def test_the_size_limit_is_a_warning_with_the_documented_number(content):
    big = content / "en" / "news" / "big.md"
    big.write_text("x" * (contentfiles.MAX_MARKDOWN_BYTES + 1), encoding="utf-8")
    (content / "en" / "news" / "just-under.md").write_text(
        "x" * contentfiles.MAX_MARKDOWN_BYTES, encoding="utf-8"
    )
    from tools.sitebuild import load_settings

    settings = load_settings(ROOT / "pelicanconf.py", {"PATH": str(content)})
    found = contentfiles.check(settings)
    assert [(p.path, p.severity) for p in found] == [("content/en/news/big.md", "warning")]
    documented = (ROOT / "docs" / "html-in-markdown.md").read_text(encoding="utf-8")
    assert f"**{contentfiles.MAX_MARKDOWN_BYTES // 1000} kB**" in documented
    assert f"**{contentfiles.MAX_MARKDOWN_BYTES // 1000} كيلوبايت**" in (
        ROOT / "docs" / "html-in-markdown.ar.md"
    ).read_text(encoding="utf-8")


def test_a_static_path_from_the_settings_is_walked(content):
    (content / "downloads").mkdir()
    os.symlink("/etc", content / "downloads" / "etc")
    assert problems(content) == []  # not a folder Pelican publishes
    found = problems(content, STATIC_PATHS=["images", "files", "extra", "downloads"])
    assert len(found) == 1 and found[0].startswith("content/downloads/etc: file: ")


def test_readable_is_what_discover_may_read(content, tmp_path):
    news = content / "en" / "news"
    outside = tmp_path / "outside.md"
    outside.write_text("Title: x\n", encoding="utf-8")
    os.symlink(outside, news / "out.md")
    os.symlink("missing.md", news / "gone.md")
    os.symlink("breadnet-2023-proposals-closed.md", news / "alias.md")
    (news / "folder.md").mkdir()
    assert contentfiles.readable(news / "breadnet-2023-proposals-closed.md", content)
    assert contentfiles.readable(news / "alias.md", content)
    for name in ("out.md", "gone.md", "folder.md"):
        assert not contentfiles.readable(news / name, content), name


def test_pelican_reads_only_md(content):
    from pelican.readers import Readers

    from tools.sitebuild import load_settings

    settings = load_settings(ROOT / "pelicanconf.py", {"PATH": str(content)})
    readers = Readers(settings)
    contentfiles.read_only_markdown(readers)
    enabled = {ext for ext, cls in readers.reader_classes.items() if cls}
    assert enabled == {"md", "static"}
    assert {"markdown", "mkd", "mdown", "html", "htm"} <= set(readers.reader_classes)
