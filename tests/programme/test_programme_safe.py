"""Speaker-written text stays inert: no script, no on* attribute, no
javascript:/data:/vbscript: link, nothing loaded from anywhere."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup

from smex_site import sanitize
from smex_site.convening import programme
from smex_site.convening.programme import safe
from tests.programme.support import good

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
LOADS = ("src", "srcset", "data", "poster", "background", "style", "action", "formaction")


def untrusted_texts() -> list[str]:
    found = good("hostile.json")
    texts = []
    for session in found.sessions:
        texts += [session.abstract, session.description]
        texts += [speaker.biography for speaker in session.speakers]
    return [text for text in texts if text]


def assert_inert(html: str) -> None:
    soup = BeautifulSoup(html, "html.parser")
    dangerous = soup.find_all(["script", "style", "iframe", "object", "embed", "form", "input"])
    assert dangerous == [], dangerous
    assert soup.find_all(["img", "svg", "video", "audio", "source", "picture", "link"]) == []
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), tag
            assert name not in LOADS, tag
            if name == "href":
                assert re.match(r"(https?://|mailto:)", value), tag
        if tag.name == "a":
            assert tag.get("rel") == ["nofollow", "noopener", "noreferrer", "ugc"], tag
    assert not BIDI_CONTROLS.search(html) and "\x00" not in html


def test_hostile_markdown_renders_inert():
    texts = untrusted_texts()
    assert len(texts) == 5  # abstract, description, biography; abstract, biography
    for text in texts:
        rendered = programme.render_untrusted(text)
        assert isinstance(rendered, Markup)
        assert_inert(str(rendered))


def test_the_inertness_check_catches_what_it_looks_for():
    # Each of these, were it ever rendered, must fail assert_inert.
    for html in (
        "<script>x</script>",
        '<p onclick="x">a</p>',
        '<a href="javascript:x" rel="nofollow noopener noreferrer ugc">a</a>',
        '<a href="https://ok.example/">no rel</a>',
        '<img src="https://tracker.example/p.gif">',
        '<p style="background:url(https://tracker.example/)">a</p>',
        "\u202eoverride",
    ):
        with pytest.raises(AssertionError):
            assert_inert(html)


def test_raw_html_is_shown_as_text_not_dropped():
    html = str(programme.render_untrusted('<script>alert("x")</script> and <b>bold</b>'))
    assert html == '<p>&lt;script&gt;alert("x")&lt;/script&gt; and &lt;b&gt;bold&lt;/b&gt;</p>'


@pytest.mark.parametrize(
    "link",
    [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](  javascript:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox(1))",
        "[x][r]\n\n[r]: javascript:alert(1)",
        "[x](/relative/path)",
    ],
)
def test_a_link_that_is_not_http_keeps_its_words_and_loses_its_target(link):
    html = str(programme.render_untrusted(link))
    assert "href" not in html and BeautifulSoup(html, "html.parser").get_text().strip() == "x"


def test_a_remote_image_becomes_a_link_and_is_never_loaded():
    html = str(programme.render_untrusted("![a pixel](https://tracker.example/p.gif)"))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("img") is None
    (link,) = soup.find_all("a")
    assert (link["href"], link.text) == ("https://tracker.example/p.gif", "a pixel")
    inline = str(programme.render_untrusted("![](data:image/png;base64,AAAA)"))
    assert "data:" not in inline and "<img" not in inline


def test_fine_markdown_survives():
    html = str(
        programme.render_untrusted(
            "# Title\n\nSome *emphasis*, **strength** and `code`.\n\n"
            "- one\n- two\n\n> quoted\n\n[a link](https://ok.example/?a=1&b=2)"
        )
    )
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("h3").text == "Title"  # the page owns h1 and h2
    assert [t.name for t in soup.find_all(["em", "strong", "code", "ul", "blockquote"])] == [
        "em",
        "strong",
        "code",
        "ul",
        "blockquote",
    ]
    assert soup.find("a")["href"] == "https://ok.example/?a=1&b=2"


def test_titles_and_names_are_plain_text_without_bidi_controls():
    found = good("hostile.json")
    session = found.sessions[0]
    assert session.title == '</script><script>alert("title")</script> "quoted" & <b>bold</b> txet'
    assert session.subtitle == "evil subtitle"
    assert session.speakers[0].name == '<img src=x onerror=alert("name")> Mallory'
    for text in (session.title, session.subtitle, session.speakers[0].name):
        assert not BIDI_CONTROLS.search(text)
    assert "\x00" not in session.description and "\x07" not in session.description


def test_arabic_marks_are_kept():
    assert safe.clean_text("\u200fنص\u200e \u061c") == "\u200fنص\u200e \u061c"


def test_plain_text_for_calendars_and_structured_data():
    text = programme.plain_text("# Head\n\nOne *two* [three](https://x.example)\nfour")
    assert text == "Head\n\nOne two three (https://x.example)\nfour"  # the address kept
    assert programme.plain_text(None) == ""


def test_strip_tags_leaves_the_words_and_no_tag_even_an_escaped_one():
    assert safe.strip_tags("plain, a < b & c") == "plain, a < b & c"
    assert safe.strip_tags('<b>bold</b> <a href="javascript:x">link</a>') == "bold link"
    assert safe.strip_tags("<script>alert(1)</script>kept") == "kept"
    assert safe.strip_tags("&lt;script&gt;alert(1)&lt;/script&gt;<i>x</i>") == "x"
    assert programme.bare_text("**One** <img src=x onerror=y> [two](javascript:z)") == "One  two"


def test_the_empty_text_renders_nothing():
    assert programme.render_untrusted(None) == Markup("")
    assert programme.render_untrusted("") == Markup("")


def test_the_last_layer_alone_still_strips_what_markdown_never_makes():
    # nh3 runs after Markdown; were raw HTML ever to reach it, it must hold.
    html = sanitize.untrusted.CLEANER.clean(
        '<img src="https://tracker.example/p.gif" onerror="x"><script>alert(1)</script>'
        '<a href="javascript:alert(1)" onclick="x">a</a><iframe src="https://e.example"></iframe>'
        '<p style="color:red" class="x">p</p>'
    )
    assert_inert(html)
    assert "alert(1)" not in html  # script content goes with it
