"""Text written by strangers: cleaned on reading, rendered without risk.

`clean_text` runs on every string the reader takes from the export: it drops
control characters (XML cannot carry them) and the bidi embedding, override
and isolate controls, which could reorder the page around a title
("Trojan Source"); the marks LRM, RLM and ALM stay, Arabic text needs them.

`render_untrusted` turns a speaker's Markdown into HTML that cannot run,
track or load anything; `plain_text` and `bare_text` into text for files.
"""

from __future__ import annotations

import functools
import html
import re

import nh3
from markupsafe import Markup

from smex_site import sanitize

_CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufff9-\ufffb]"
)
_SPACES = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """The text minus control and bidi-override characters; newlines kept."""
    return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(text: str) -> str:
    """A title, name or room: clean, on one line, no outer spaces."""
    return _SPACES.sub(" ", clean_text(text)).strip()


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s) with a host, else None (javascript:, data:…)."""
    return sanitize.web_url(url)


_STRIP_ALL = nh3.Cleaner(tags=set())
_BREAK = re.compile(r"<br\s*/?>\n?")
_BLOCK_END = re.compile(r"</(?:p|pre|blockquote|h[1-6]|ul|ol)>")


# Both languages' pages, the calendars and the JSON-LD render the same texts:
# once each per build is enough.
@functools.lru_cache(maxsize=8192)
def render_untrusted(text: str | None) -> Markup:
    """Speaker-written Markdown as HTML that cannot run, track or load
    anything: the site's one untrusted renderer (sanitize.render_untrusted),
    after the reader's own cleaning of control characters."""
    if not text:
        return Markup("")
    return Markup(sanitize.render_untrusted(clean_text(text)))


@functools.lru_cache(maxsize=8192)
def plain_text(text: str | None) -> str:
    """Speaker-written Markdown as plain text, for calendars and JSON-LD
    (from the rendered HTML, so a text is parsed once per build)."""
    if not text:
        return ""
    rendered = _BREAK.sub("\n", str(render_untrusted(text)))
    stripped = _STRIP_ALL.clean(_BLOCK_END.sub("\n\n", rendered))
    paragraphs = [line.strip() for line in html.unescape(stripped).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(paragraphs)).strip()


_TAG_START = re.compile(r"<[A-Za-z/!?]")


def strip_tags(text: str) -> str:
    """Text minus anything that reads as an HTML tag (the words stay), for
    files whose readers may show text as HTML: schedule.xml's abstract and
    description (apps render them; feed readers render a <description>),
    a calendar's DESCRIPTION (some calendar clients do too). Repeated until
    nothing is left to strip, so an escaped tag cannot come back as one."""
    while _TAG_START.search(text):
        stripped = html.unescape(_STRIP_ALL.clean(text))
        if stripped == text:
            break
        text = stripped
    return text


@functools.lru_cache(maxsize=8192)
def bare_text(text: str | None) -> str:
    """Speaker-written Markdown as plain text with no tag left in it."""
    return strip_tags(plain_text(text))
