"""The HTML policy of plugins/smex_site/sanitize/, called directly (fast).

find_problems() for editors' files (through the real build in
test_content_safety_cli.py), clean() and render_untrusted() for text written
by strangers, and the reader's cleaning of rendered summaries. The same
vectors are fed to both sides: what the checker refuses, clean() removes.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from smex_site import frontmatter, sanitize
from tests.conftest import ROOT

# (Markdown text, line of the finding, its key): each must be refused.
REFUSED = [
    ("<script>alert(1)</script>", 1, "tag:script"),
    ("Text.\n\n<SCRIPT SRC=//evil.example/x.js></SCRIPT>", 3, "tag:script"),
    ('<iframe src="https://www.youtube.com/embed/x"></iframe>', 1, "tag:iframe"),
    ("<style>p { color: red }</style>", 1, "tag:style"),
    ('<p onclick="alert(1)">x</p>', 1, "attr:onclick"),
    ('<img src="{static}/images/a.svg" alt="a" onerror="alert(1)">', 1, "attr:onerror"),
    ('<div>\n<img/src="x"/onerror=alert(1)>\n</div>', 2, "attr:onerror"),
    ('<div>\n<a href="x"onmouseover="alert(1)">x</a>\n</div>', 2, "attr:onmouseover"),
    ('<span style="color:red">x</span>', 1, "attr:style"),
    ('<span class="hero">x</span>', 1, "attr:class"),
    ('<p id="main">x</p>', 1, "attr:id"),
    ('<a href="javascript:alert(1)">x</a>', 1, "url:javascript"),
    ('<a href=" JaVaScRiPt:alert(1)">x</a>', 1, "url:javascript"),
    ('<a href="java&#x09;script:alert(1)">x</a>', 1, "url:javascript"),
    ('<a href="&#106;avascript:alert(1)">x</a>', 1, "url:javascript"),
    ("[x](javascript:alert(1))", 1, "url:javascript"),
    ("[x](<javascript:alert(1)>)", 1, "url:javascript"),
    ("[x](java&#115;cript:alert(1))", 1, "url:javascript"),
    ("One line,\n[x](\njavascript:alert(1))", 3, "url:javascript"),
    ("[x][r]\n\n[r]: javascript:alert(1)", 3, "url:javascript"),
    ("> [x][r]\n>\n> [r]: javascript:alert(1)", 3, "url:javascript"),
    ("[x](vbscript:msgbox(1))", 1, "url:vbscript"),
    ("[x](data:text/html,<script>alert(1)</script>)", 1, "url:data"),
    ("[x](file:///etc/passwd)", 1, "url:file"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', 1, "tag:meta"),
    ('<object data="x"></object>', 1, "tag:object"),
    ('<embed src="x">', 1, "tag:embed"),
    ('<form action="https://evil.example/"></form>', 1, "tag:form"),
    ('<base href="https://evil.example/">', 1, "tag:base"),
    ('<link rel="stylesheet" href="https://cdn.example/x.css">', 1, "tag:link"),
    ("<svg><script>alert(1)</script></svg>", 1, "tag:svg"),
    ("![x](https://tracker.example/p.png)", 1, "image:remote"),
    ("![x](//tracker.example/p.png)", 1, "image:remote"),
    ('<img src="https://tracker.example/p.png" alt="x">', 1, "image:remote"),
    ("![x][p]\n\n[p]: https://tracker.example/p.png", 1, "image:remote"),
    ("![x](data:image/png;base64,AAAA)", 1, "image:data"),
    # too long, or too nested, for the source check: the rendered text decides
    ("![" + "a" * 2500 + "](https://tracker.example/p.png)", 1, "image:remote"),
    ("![a [b] c][p]\n\n[p]: https://tracker.example/p.png", 3, "image:remote"),
    ('## Heading {: onclick="alert(1)" }', 1, "attr:onclick"),
    ('Para\n{: style="color: red" }', 2, "attr:style"),
    ("[x](https://example.org){: onmouseover=alert(1) }", 1, "attr:onmouseover"),
    ('```{ .js onclick="alert(1)" }\nx\n```', 1, "attr:onclick"),
    ("| a | b |\n|:--|--:|\n| 1 | 2 |", 2, "attr:style"),
    ("<!-- a note -->", 1, "comment"),
    ("<!--><script>alert(1)</script>-->", 1, "comment"),
    ("- item\n\n    <script>alert(1)</script>", 3, "tag:script"),
    ("<div>\n`<script>alert(1)</script>`\n</div>", 2, "tag:script"),
    ('<div markdown="1">\n<span onclick="x">y</span>\n</div>', 2, "attr:onclick"),
]

# Must pass: allowed HTML, code, links and images of the site, prose with < and {.
ALLOWED = [
    "Plain **Markdown** with a [link](https://example.org/a?b=c&d=e) and `code`.",
    "[mail](mailto:info@smex.example), [phone](tel:+9611234567), [anchor](#method)",
    "[post]({filename}/en/news/x.md) ![map]({static}/images/a.svg) [pdf]({static}/files/a.pdf)",
    "Write to <info@smex.example> or see <https://smex.org/>.",
    "If a < b and c > d, then {a, b} is a set, 3<5 and 5>3.",
    "Use `<script>` to see why, and ``<iframe src=x>`` too.",
    "```html\n<script>alert(1)</script>\n<iframe></iframe>\n```",
    "~~~\n<style>p{}</style>\n~~~",
    "Text.\n\n    <form action=x></form>\n    <!-- code -->",
    (
        '<figure><img src="{static}/images/a.svg" alt="a" width="640" height="160">'
        "<figcaption>c</figcaption></figure>"
    ),
    '<details open><summary>s</summary>t</details> <abbr title="x">X</abbr>',
    '<bdi>حملة</bdi> <span dir="ltr" lang="en">English</span> <bdo dir="rtl">x</bdo>',
    "<kbd>Ctrl</kbd> <mark>m</mark> H<sub>2</sub>O 10<sup>3</sup> <br> <wbr>",
    (
        '<table><thead><tr><th scope="col">a</th></tr></thead><tbody><tr><td colspan="2">1'
        "</td></tr></tbody></table>"
    ),
    '<h2 id="method">Method</h2>\n\n## Results {: #results }',
    "# Heading\n\n[TOC]\n\n## Sub",
    "Text[^1].\n\n[^1]: A footnote.",
    "*[ISP]: Internet service provider\n\nThe ISP.",
    "Term\n:   Definition",
    # Markdown does not take this for a tag, and shows it as text:
    '<img/src="x"/onerror=alert(1)>',
    "| a | b |\n|---|---|\n| 1 | 2 |",
    '<a href="https://example.org" title="t" hreflang="ar">x</a>',
    '<ol start="3" reversed><li>x</li></ol> <time datetime="2023-10-20">20 Oct</time>',
]


@pytest.mark.parametrize(
    ("text", "line", "what"), REFUSED, ids=[r[2] + ":" + r[0][:30] for r in REFUSED]
)
def test_refused_html_is_found_on_its_line(text, line, what):
    found = sanitize.find_problems(text, first_line=10)
    assert (10 + line - 1, what) in [(f.line, f.what) for f in found], found


@pytest.mark.parametrize("text", ALLOWED, ids=[a[:40] for a in ALLOWED])
def test_allowed_html_and_code_are_not_flagged(text):
    assert sanitize.find_problems(text) == []


def test_every_message_says_what_to_write_instead():
    for text, _, _ in REFUSED:
        for finding in sanitize.find_problems(text):
            message = finding.message
            assert re.search(
                r"write|delete|remove|save|link|ask a developer|keep notes", message
            ), message


def test_the_seed_content_has_no_findings():
    """The checker passes every real body and summary (no false alarm)."""
    checked = 0
    for path in sorted((ROOT / "content").rglob("*.md")):
        doc = frontmatter.parse(path, path.read_text(encoding="utf-8"))
        assert sanitize.find_problems(doc.body, doc.body_line) == [], path
        if doc.get("summary"):
            summary = html.escape(doc.get("summary"), quote=False)
            assert sanitize.find_problems(summary, doc.line("summary")) == [], path
        checked += 1
    assert checked > 30


# --- clean() and render_untrusted(): the same vectors, removed --------------------------


def active(fragment: str) -> list[str]:
    """What in an HTML fragment could run or load something: none may remain."""
    doc = BeautifulSoup(fragment, "lxml")
    found = []
    for el in doc.find_all(True):
        if el.name in ("script", "style", "iframe", "object", "embed", "form", "base", "meta"):
            found.append(f"<{el.name}>")
        if el.name in ("svg", "link", "input", "frame", "noscript"):
            found.append(f"<{el.name}>")
        for name, raw in el.attrs.items():
            value = " ".join(raw) if isinstance(raw, list) else raw
            if name.startswith("on") or name in ("style", "class", "id"):
                found.append(f"{name}=")
            if name in ("href", "src") and sanitize.url_scheme(value) not in (
                None,
                "http",
                "https",
                "mailto",
                "tel",
            ):
                found.append(f"{name}={value}")
            if el.name == "img" and sanitize.is_remote(el.get("src", "")):
                found.append(f"remote image {value}")
    for comment in doc.find_all(string=lambda s: type(s).__name__ == "Comment"):
        found.append(f"<!--{comment}-->")
    return found


@pytest.mark.parametrize("text", [r[0] for r in REFUSED], ids=[r[2] for r in REFUSED])
def test_clean_removes_what_the_checker_refuses(text):
    """For each refused vector: rendered as an editor's text would be, then
    cleaned, nothing active is left; rendered as a stranger's, neither."""
    assert active(sanitize.render(text)) != []
    assert active(sanitize.clean(sanitize.render(text))) == []
    assert active(sanitize.render_untrusted(text)) == []


@pytest.mark.parametrize("text", ALLOWED, ids=[a[:40] for a in ALLOWED])
def test_clean_keeps_what_the_checker_allows(text):
    rendered = sanitize.render(text)
    cleaned = sanitize.clean(rendered)
    kept = {el.name for el in BeautifulSoup(cleaned, "lxml").find_all(True)}
    wanted = {el.name for el in BeautifulSoup(rendered, "lxml").find_all(True)}
    # only the tags Markdown itself writes beyond the editors' list (h1 from #) go
    assert wanted - kept <= {"h1"}, (wanted - kept, cleaned)


def test_clean_in_detail():
    assert sanitize.clean("<script>alert(1)</script><p>Hi</p>") == "<p>Hi</p>"
    assert sanitize.clean('<p onclick="x" style="color:red" id="y">Hi</p>') == "<p>Hi</p>"
    assert sanitize.clean('<a href="javascript:alert(1)">x</a>') == "<a>x</a>"
    assert sanitize.clean('<a href="/en/about/">x</a>') == '<a href="/en/about/">x</a>'
    assert sanitize.clean('<a href="https://other.example/">x</a>') == (
        '<a href="https://other.example/" rel="nofollow noopener noreferrer">x</a>'
    )
    assert sanitize.clean(
        '<a href="https://smex.example/en/">x</a>', site_url="https://smex.example"
    ) == ('<a href="https://smex.example/en/">x</a>')
    assert sanitize.clean('<a href="x" rel="opener">x</a>') == '<a href="x">x</a>'
    assert sanitize.clean('<img src="https://t.example/p.gif" alt="A &amp; B">') == (
        '<a href="https://t.example/p.gif" rel="nofollow noopener noreferrer">A &amp; B</a>'
    )
    assert sanitize.clean('<img src="data:image/png;base64,AA" alt="x">') == ""
    assert sanitize.clean('<img src="/images/a.svg" alt="a" width="9">') == (
        '<img src="/images/a.svg" alt="a" width="9">'
    )
    assert sanitize.clean('<span dir="rtl" lang="ar">x</span><span dir="up">y</span>') == (
        '<span dir="rtl" lang="ar">x</span><span>y</span>'
    )
    assert sanitize.clean("<!-- secret --><b>x</b>") == "<b>x</b>"
    assert sanitize.clean('<p title="a>b">x</p>') == "<p>x</p>"


def test_render_untrusted_escapes_raw_html_and_neutralises_links():
    out = sanitize.render_untrusted(
        "Hello <b>world</b> <script>alert(1)</script>\n\n"
        "[site](https://pretalx.example/talk) [js](javascript:alert(1)) "
        "[own](/en/convening/) ![pic](https://cdn.example/p.jpg)\n\n"
        '<img src=x onerror="alert(1)">\n\n# Title'
    )
    doc = BeautifulSoup(out, "lxml")
    text = doc.get_text()
    assert "<b>world</b>" in text and "<script>alert(1)</script>" in text  # shown, as text
    assert '<img src=x onerror="alert(1)">' in text
    assert not doc.find_all(["b", "script", "img"])
    links = {a.get_text(): a for a in doc.find_all("a")}
    assert links["site"]["href"] == "https://pretalx.example/talk"
    assert links["site"]["rel"] == ["nofollow", "noopener", "noreferrer", "ugc"]
    # a stranger's link goes to the web or to mail only: the others keep their words
    assert "js" not in links and "own" not in links and "js" in text and "own" in text
    assert links["pic"]["href"] == "https://cdn.example/p.jpg"  # a plain link to the image
    assert doc.find("h3").get_text() == "Title"  # the page owns h1 and h2
    assert active(out) == []


# --- the reader: rendered summaries are cleaned, whatever ran before -----------------


def test_the_reader_cleans_rendered_summaries(tmp_path):
    from pelican.readers import Readers

    from smex_site import KINDS, register, validation
    from smex_site import state as build_state
    from tools.build.settings import load_settings

    register()  # as Pelican does: our reader, and .md only
    settings = load_settings(ROOT / "pelicanconf.py", {"PATH": str(tmp_path)})
    shutil.copytree(ROOT / "content/data", tmp_path / "data")
    # the state a build hangs on its settings, with a catalog that has not
    # read this file: the reader reads it itself, by the build's kinds
    ctx = validation.make_context(settings, KINDS)
    settings[build_state.STATE_KEY] = build_state.BuildState(
        main_lang=next(iter(ctx.languages)),
        options=ctx.options,
        now=ctx.now,
        kinds=KINDS,
        catalog=validation.Catalog(ctx),
    )
    post = tmp_path / "en/news/post.md"
    post.parent.mkdir(parents=True)
    post.write_text(
        "Title: T\nDate: 2023-10-01 10:00\nLang: en\nSlug: t\nStatus: draft\n"
        "Summary: [a](javascript:alert(1)) "
        "![b](https://t.example/p.gif) *c*{: onmouseover=alert(2) } <i>d</i>\n\nText.\n",
        encoding="utf-8",
    )
    readers = Readers(settings)
    assert set(readers.readers) == {"md", "static"}  # .markdown, .html, .rst: off
    # a file the build's check did not read: the reader parses it itself
    # (a draft: its summary's problems are warnings, so it is read, and cleaned)
    content = readers.read_file(str(tmp_path), "en/news/post.md")
    summary = BeautifulSoup(content.metadata["summary"], "lxml")
    assert active(str(summary)) == []
    assert "<i>d</i>" in summary.get_text()  # escaped before Markdown: text
    assert summary.find("em").get_text() == "c"
    assert summary.find("a", string="b")["href"] == "https://t.example/p.gif"


def test_markdown_config_of_the_site_is_used(tmp_path):
    """find_problems renders with the MARKDOWN setting it is given."""
    config = {"extensions": ["markdown.extensions.attr_list"], "output_format": "html5"}
    # without attr_list the {: …} would be text; with it, an attribute
    text = "Para *x*{: onclick=y }"
    assert [f.what for f in sanitize.find_problems(text, markdown_config=config)] == [
        "attr:onclick"
    ]
    assert Path(sanitize.__file__).parent.name == "sanitize"
