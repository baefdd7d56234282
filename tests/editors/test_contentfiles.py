"""Which files under content/ may be read or published (contentfiles.py), directly.

The refusals go through the real build in test_content_safety_cli.py; here,
what must stay allowed, and the two helpers validation and Pelican use.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from smex_site import contentfiles, reader
from tests.conftest import ROOT


def problems(content: Path, **overrides):
    from tools.build.settings import load_settings

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


def test_the_size_limits_are_a_warning_and_a_refusal_with_the_documented_numbers(content):
    news = content / "en" / "news"
    (news / "big.md").write_text("x" * (contentfiles.MAX_MARKDOWN_BYTES + 1), encoding="utf-8")
    (news / "just-under.md").write_text("x" * contentfiles.MAX_MARKDOWN_BYTES, encoding="utf-8")
    (news / "huge.md").write_text("x" * (contentfiles.REFUSED_MARKDOWN_BYTES + 1), encoding="utf-8")
    (news / "under-refused.md").write_text(
        "x" * contentfiles.REFUSED_MARKDOWN_BYTES, encoding="utf-8"
    )
    from tools.build.settings import load_settings

    settings = load_settings(ROOT / "pelicanconf.py", {"PATH": str(content)})
    found = contentfiles.check(settings)
    assert sorted((p.path, p.severity) for p in found) == [
        ("content/en/news/big.md", "warning"),
        ("content/en/news/huge.md", "error"),
        ("content/en/news/under-refused.md", "warning"),
    ]
    warned, refused = contentfiles.MAX_MARKDOWN_BYTES, contentfiles.REFUSED_MARKDOWN_BYTES
    docs = ROOT / "docs"
    for english, arabic in (
        ("html-in-markdown.md", "html-in-markdown.ar.md"),
        ("editors-guide.en.md", "editors-guide.ar.md"),
    ):
        text = (docs / english).read_text(encoding="utf-8")
        assert f"**{warned // 1000} kB**" in text and f"**{refused // 1_000_000} MB**" in text
        text = (docs / arabic).read_text(encoding="utf-8")
        assert f"**{warned // 1000} كيلوبايت**" in text, arabic
        assert f"**{refused // 1_000_000} ميغابايت**" in text, arabic


def test_a_markdown_file_above_the_refused_size_stops_the_build_unread(content, good_output):
    """Through the real command: the file named, the previous site kept, and
    nothing converted (the refusal comes before any reading)."""
    from tests.sitecheck import build_over

    output = content.parent / "output"
    shutil.copytree(good_output, output)
    huge = content / "en" / "news" / "pasted-by-mistake.md"
    paragraph = "A paragraph pasted again and again, with a [link](https://example.org).\n\n"
    huge.write_text(
        "Title: Pasted\nDate: 2023-10-01\nLang: en\nSlug: pasted\nTags: privacy\n\n"
        + paragraph * (contentfiles.REFUSED_MARKDOWN_BYTES // len(paragraph) + 1),
        encoding="utf-8",
    )
    outcome = build_over(content, output, content.parent / "cache")
    assert outcome.code == 2, outcome.stderr
    said = [line for line in outcome.stderr.splitlines() if "pasted-by-mistake.md" in line]
    assert len(said) == 1 and "content/en/news/pasted-by-mistake.md: file: 2.0 MB" in said[0]
    assert "more than the 2 MB the build accepts" in said[0] and "split it" in said[0]
    assert outcome.after == outcome.before and outcome.leftovers == []
    assert not (content.parent / "cache" / "markdown").exists()  # nothing was converted


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

    from tools.build.settings import load_settings

    settings = load_settings(ROOT / "pelicanconf.py", {"PATH": str(content)})
    readers = Readers(settings)
    reader.read_only_markdown(readers)
    enabled = {ext for ext, cls in readers.reader_classes.items() if cls}
    assert enabled == {"md", "static"}
    assert {"markdown", "mkd", "mdown", "html", "htm"} <= set(readers.reader_classes)
