"""Text written by strangers: cleaned on reading, rendered without risk.

`clean_text` runs on every string the reader takes from the export: it drops
control characters (XML cannot carry them), lone surrogates and Unicode's
non-characters (U+FFFE, U+FFFF, U+FDD0-U+FDEF…: no file the build writes can
carry them), and the bidi embedding, override and isolate controls, which
could reorder the page around a title ("Trojan Source"); the marks LRM, RLM
and ALM stay, Arabic text needs them. What is left is in Unicode NFC, the
form the web expects (a decomposed "é" from a speaker's Mac is composed).

`render_untrusted` turns a speaker's Markdown into HTML that cannot run,
track or load anything; `plain_text` and `bare_text` into text for files.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata

import nh3
from markupsafe import Markup

from smex_site import sanitize

_CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufff9-\ufffb"
    "\ud800-\udfff\ufdd0-\ufdef"  # surrogates (never whole in a str), non-characters
    + "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(17))
    + "]"
)
_SPACES = re.compile(r"\s+")


def unwritable(text: str) -> int:
    """How many characters clean_text drops that no file can carry (lone
    surrogates, non-characters), for the reader's warning."""
    return sum(1 for c in text if 0xD800 <= ord(c) <= 0xDFFF or _noncharacter(c))


def _noncharacter(c: str) -> bool:
    code = ord(c)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def clean_text(text: str) -> str:
    """The text minus control, bidi-override and non-characters, in NFC;
    newlines kept."""
    kept = _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return unicodedata.normalize("NFC", kept)


def one_line(text: str) -> str:
    """A title, name or room: clean, on one line, no outer spaces."""
    return _SPACES.sub(" ", clean_text(text)).strip()


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s) with a host, else None (javascript:, data:…)."""
    return sanitize.web_url(url)


_STRIP_ALL = nh3.Cleaner(tags=set())
_BREAK = re.compile(r"<br\s*/?>\n?")
_BLOCK_END = re.compile(r"</(?:p|pre|blockquote|h[1-6]|ul|ol)>")
# A link of the sanitiser's output (attributes quoted, text escaped; no nested <a>).
_LINK = re.compile(r'<a\s[^>]*?href="([^"]*)"[^>]*>(.*?)</a>', re.DOTALL)


def _link_as_text(match: re.Match) -> str:
    """[Gluon](https://…) as "Gluon (https://…)": a file's plain text keeps
    where a link led (the words alone, "Gluon", would lose it)."""
    href, words = match[1], match[2]
    shown = _STRIP_ALL.clean(words).strip()
    if html.unescape(shown) == html.unescape(href) or not href:
        return words
    return f"{words} ({href})"


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
    """Speaker-written Markdown as plain text, for calendars, schedule.xml
    and JSON-LD (from the rendered HTML, so a text is parsed once per
    build); each link's address follows its words."""
    if not text:
        return ""
    rendered = _LINK.sub(_link_as_text, _BREAK.sub("\n", str(render_untrusted(text))))
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


SUMMARY_LENGTH = 200  # characters of an abstract in <meta name=description>


def summary(text: str) -> str:
    """An untrusted text's words, one line, cut to SUMMARY_LENGTH."""
    text = " ".join(plain_text(text).split())
    return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1].rstrip() + "…"
