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
import xml.etree.ElementTree as ET

import nh3
from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

_CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufff9-\ufffb]"
)
_SPACES = re.compile(r"\s+")
# Characters a URL never holds unencoded (WHATWG): refusing them keeps a
# stray quote from ever reaching an attribute, escaped or not.
_NOT_IN_URL = re.compile(r'[\s"<>\\^`{|}\x00-\x1f\x7f]')

# Everything Markdown can make, minus images, headings above h3, tables and
# raw HTML; a and nothing else keeps an attribute.
ALLOWED_TAGS = {
    "a", "blockquote", "br", "code", "em", "h3", "h4", "h5", "h6", "hr",
    "li", "ol", "p", "pre", "strong", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href"}}
LINK_REL = "nofollow noopener noreferrer ugc"


def clean_text(text: str) -> str:
    """The text minus control and bidi-override characters; newlines kept."""
    return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(text: str) -> str:
    """A title, name or room: clean, on one line, no outer spaces."""
    return _SPACES.sub(" ", clean_text(text)).strip()


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s) with a host, else None (javascript:, data:…)."""
    url = (url or "").strip()
    scheme, _, rest = url.partition("://")
    if scheme.lower() not in ("http", "https") or _NOT_IN_URL.search(url):
        return None
    return url if rest.split("/", 1)[0] else None


def _safe_href(href: str | None) -> str | None:
    href = (href or "").strip()
    if href.lower().startswith("mailto:") and not _NOT_IN_URL.search(href):
        return href
    return safe_url(href)


class _Neutralise(Treeprocessor):
    """Links only to http(s) and mailto; an image becomes a link to it (never
    loaded); headings start at h3, as the page owns h1 and h2."""

    def run(self, root: ET.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "img":
                    parent.remove(child)
                    parent.insert(index, self._image_link(child))
                elif child.tag == "a":
                    href = _safe_href(child.get("href"))
                    child.attrib.clear()
                    if href is None:
                        child.tag = "span"  # nh3 drops the tag, keeps the words
                    else:
                        child.set("href", href)
                elif re.fullmatch(r"h[1-6]", child.tag):
                    child.tag = f"h{min(int(child.tag[1]) + 2, 6)}"

    @staticmethod
    def _image_link(image: ET.Element) -> ET.Element:
        src = safe_url(image.get("src"))
        link = ET.Element("a" if src else "span", {"href": src} if src else {})
        link.text = image.get("alt") or src or ""
        link.tail = image.tail
        return link


def _markdown() -> Markdown:
    # pretalx renders speakers' text with nl2br and sane_lists: so do we.
    md = Markdown(extensions=["nl2br", "sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")  # raw HTML stays text (escaped)
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_Neutralise(md), "smex_neutralise", 0)
    return md


_MD = _markdown()
_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes={"http", "https", "mailto"},
    link_rel=LINK_REL,
    strip_comments=True,
)
_STRIP_ALL = nh3.Cleaner(tags=set())
_BREAK = re.compile(r"<br\s*/?>\n?")
_BLOCK_END = re.compile(r"</(?:p|pre|blockquote|h[1-6]|ul|ol)>")


# Both languages' pages, the calendars and the JSON-LD render the same texts:
# once each per build is enough.
@functools.lru_cache(maxsize=8192)
def render_untrusted(text: str | None) -> Markup:
    """Speaker-written Markdown as HTML that cannot run, track or load anything.

    Raw HTML is shown as text, links go only to http(s) and mailto (with
    rel="nofollow noopener noreferrer ugc"), images are never loaded (a link
    to them instead), then nh3 (Ammonia) keeps only ALLOWED_TAGS.

    To be swapped, at merge, for the untrusted renderer of
    plugins/smex_site/sanitize.py, which is being written in parallel.
    """
    if not text:
        return Markup("")
    _MD.reset()
    rendered = _MD.convert(clean_text(text))
    return Markup(_CLEANER.clean(rendered))


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
