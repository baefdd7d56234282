"""Hostile or careless content through the REAL build (issue 10), one fault each.

The cases are the fault table's safety cases (tests/editors/faults/safety.py).
Files that must not be read or published (symbolic links out of content/,
loops, dangling links, folders named x.md, content files that are not .md),
and HTML outside the allowlist of plugins/smex_site/sanitize/policy.py, in bodies
and summaries. Every case breaks its own file of one copy of content/, and
one run of `python3 -m tools.build.sitebuild` over it (the build reports every
problem at once) must exit 2 and name, for each case, the file, the line
where there is one and the safe way to write it, with no traceback, the
previous output byte for byte, and no staging folder left. (One run, not
forty: the suite stays fast, and each case's line is asserted on its own.)
The previous site is a small stand-in: any bytes do, the test is that they stay.

One more build proves the other side: allowed HTML and HTML inside code are
published as written (BeautifulSoup), a report's Summary is escaped in the
feed, and the privacy gate passes the result.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.contentcopy import copy_content
from tests.editors.faults import CASES
from tests.editors.faults.safety import EN_ARTICLE, EN_REPORT, POST
from tests.gates import privacy
from tests.mutations import append, replace, write
from tests.sitecheck import Outcome, build_over, cli_build

TOGETHER = [case for case in CASES if case.together]
FILE_CASES = [case for case in TOGETHER if case.group == "files"]


# --- running them --------------------------------------------------------------------


def previous_site(output: Path) -> None:
    """A stand-in for the site online: the build must leave every byte of it."""
    (output / "en").mkdir(parents=True)
    (output / "index.html").write_text("<!doctype html><title>old</title>", encoding="utf-8")
    (output / "en" / "index.html").write_text("<!doctype html><title>old</title>", "utf-8")
    (output / "feeds.xml").write_bytes(b"<feed/>")


@pytest.fixture(scope="module")
def result(tmp_path_factory) -> Outcome:
    """Every case in one copy of content/, one build over it."""
    work = tmp_path_factory.mktemp("unsafe")
    content = work / "content"
    copy_content(content)
    for one in TOGETHER:
        one.mutate(content)
    output = work / "output"
    previous_site(output)
    return build_over(content, output, work / "cache")


def test_unsafe_content_stops_the_build_and_leaves_the_site(result):
    assert result.code == 2, f"exit {result.code}\n{result.stderr}"
    assert "Traceback" not in result.stderr, result.stderr
    assert result.after == result.before  # the site online is exactly as it was
    assert result.leftovers == []  # and no staging folder is left


def reported(result: Outcome) -> list[str]:
    return [line.strip() for line in result.stderr.splitlines()]


@pytest.mark.parametrize("case", TOGETHER, ids=[case.id for case in TOGETHER])
def test_unsafe_content_is_named_with_what_to_write(result, case):
    lines = reported(result)
    for expect in case.expects:
        where = f"content/{expect.file}:{expect.line}" if expect.line else f"content/{expect.file}"
        start = f"{where}: {expect.field}: "
        matching = [line for line in lines if line.startswith(start)]
        assert matching, f"no line starting {start!r} in:\n{result.stderr}"
        assert any(all(w in line for w in expect.words) for line in matching), (
            expect.words,
            matching,
        )


def test_nothing_else_is_reported(result):
    """Exactly the expected problems: no case triggers others, no seed file is flagged."""
    expected = {(e.file, e.line) for one in TOGETHER for e in one.expects}
    found = set()
    for line in reported(result):
        if line.startswith("content/"):
            where = line.split(": ", 1)[0][len("content/") :]
            file, _, number = where.partition(":")
            found.add((file, int(number) if number else None))
    assert found == expected, (found - expected, expected - found)


def test_each_file_fault_is_reported_once(result):
    """A loop or a link out is one problem, not one per way the walk reached it."""
    for one in FILE_CASES:
        for expect in one.expects:
            hits = [line for line in reported(result) if line.startswith(f"content/{expect.file}:")]
            assert len(hits) == 1, (one.id, hits)


def test_unsafe_file_contents_never_reach_the_message(result):
    """A link to /etc names its target; nothing read from there is shown."""
    assert Path("/etc/passwd").read_text().startswith("root:")
    assert "root:" not in result.stderr
    assert "tracker.example/?c=" not in result.stderr


# --- what is allowed is published as written ----------------------------------------

ALLOWED = """
<figure>
  <img src="{static}/images/editions-timeline.svg" alt="Editions" width="640" height="160">
  <figcaption>Seven editions, two of them online.</figcaption>
</figure>

<details markdown="1">
<summary>How we counted</summary>

We counted *every* report.
</details>

The law is called <span dir="rtl" lang="ar">قانون الجرائم الإلكترونية</span>,
the <abbr title="Internet service provider">ISP</abbr> <mark>blocked</mark> it,
press <kbd>Ctrl</kbd>, H<sub>2</sub>O, 10<sup>3</sup>, <bdi>حملة</bdi>.

## Method {: #method }

| Country | Cases |
|---------|-------|
| Lebanon | 12 |

Write `<script>alert(1)</script>` to show a script as text.

```
<iframe src="https://player.example/v"></iframe>
```

    <style>body { display: none }</style>
"""
HOSTILE_SUMMARY = 'Results <img src=x onerror="alert(1)"> & more.'


@pytest.fixture(scope="module")
def allowed_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("allowed")
    content = work / "content"
    copy_content(content)
    append(EN_ARTICLE, ALLOWED)(content)
    original = next(
        line for line in (content / EN_REPORT).read_text("utf-8").splitlines() if "Summary:" in line
    )
    replace(EN_REPORT, original, f"Summary: {HOSTILE_SUMMARY}")(content)
    big = POST.format(slug="very-long") + ("A sentence of ordinary length. " * 20_000)
    write("en/news/very-long.md", big)(content)
    done = cli_build(content, work / "output", work / "cache")
    assert done.returncode == 0, done.stderr
    return work / "output", done.stderr


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def test_allowed_html_is_published_as_written(allowed_site):
    output, _ = allowed_site
    page = soup(output / "en/articles/shrinking-civic-space/index.html")
    main = page.find("main")
    figure = main.find("figure")
    assert figure.find("img")["src"] == "/images/editions-timeline.svg"
    assert figure.find("figcaption").get_text() == "Seven editions, two of them online."
    details = main.find("details")
    assert details.find("summary").get_text() == "How we counted"
    assert details.find("em").get_text() == "every"
    assert main.find("span", dir="rtl", lang="ar").get_text() == "قانون الجرائم الإلكترونية"
    assert main.find("abbr", title="Internet service provider").get_text() == "ISP"
    for tag, text in (("mark", "blocked"), ("kbd", "Ctrl"), ("sub", "2"), ("sup", "3")):
        assert main.find(tag).get_text() == text
    assert main.find("h2", id="method").get_text() == "Method"
    assert main.find("table").find("td").get_text() == "Lebanon"


def test_html_in_code_is_text_not_markup(allowed_site):
    output, _ = allowed_site
    main = soup(output / "en/articles/shrinking-civic-space/index.html").find("main")
    codes = [code.get_text() for code in main.find_all("code")]
    assert "<script>alert(1)</script>" in codes
    assert any("<iframe" in code for code in codes)
    assert any("<style>" in code for code in codes)
    assert not main.find_all(["script", "iframe", "style"])


def test_report_summary_is_escaped_in_the_feed_and_the_page(allowed_site):
    output, _ = allowed_site
    feed = BeautifulSoup((output / "en/feeds/publications.atom.xml").read_bytes(), "xml")
    entry = next(
        e for e in feed.find_all("entry") if "privacy-attitudes-survey" in e.find("link")["href"]
    )
    summary = entry.find("summary")
    assert summary["type"] == "html"
    # what a feed reader renders: the text, with no element in it
    rendered = BeautifulSoup(summary.get_text(), "lxml")
    assert not rendered.find_all("img")
    assert rendered.get_text() == HOSTILE_SUMMARY
    page = soup(output / "en/publications/privacy-attitudes-survey/index.html")
    shown = page.select_one(".publication__summary")
    assert shown.get_text() == HOSTILE_SUMMARY
    assert not shown.find_all("img")


def test_the_privacy_gate_passes_allowed_html(allowed_site):
    output, _ = allowed_site
    assert privacy.source_problems(output) == []


def test_a_very_long_markdown_file_is_warned_about(allowed_site):
    output, stderr = allowed_site
    warning = next(
        (line for line in stderr.splitlines() if "content/en/news/very-long.md: file:" in line),
        None,
    )
    assert warning is not None, stderr
    assert warning.startswith("warning: content/en/news/very-long.md: file: 0.6 MB of Markdown")
    assert "500 kB" in warning and "split it into several pages" in warning
    assert (output / "en/news/very-long/index.html").is_file()  # a warning, not a refusal
    assert "breadnet-2023-proposals-closed.md: file:" not in stderr  # ordinary files are not
