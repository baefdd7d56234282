"""Markdown written by strangers (the programme's speakers): rendered as
HTML that cannot run, track or load anything.

Raw HTML is shown as text, never passed through; links go only to http(s)
and mailto, with rel="nofollow noopener noreferrer ugc" (a link with another
target keeps its words and loses its target); an image is never loaded, a
link to it stands in its place; headings start at h3 (the page owns h1 and
h2); line breaks are kept, as pretalx shows them (nl2br, sane_lists). Then
nh3 (Ammonia) keeps only UNTRUSTED_TAGS, so nothing Markdown might ever let
through survives either.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import nh3
from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from .policy import EXTERNAL_REL

# What a speaker's Markdown may become: text structure, and links.
UNTRUSTED_TAGS = {
    "a", "blockquote", "br", "code", "em", "h3", "h4", "h5", "h6", "hr",
    "li", "ol", "p", "pre", "strong", "ul",
}  # fmt: skip
UNTRUSTED_REL = f"{EXTERNAL_REL} ugc"
# Characters a URL never holds unencoded (WHATWG): refusing them keeps a
# stray quote from ever reaching an attribute, escaped or not.
_NOT_IN_URL = re.compile(r'[\s"<>\\^`{|}\x00-\x1f\x7f]')
HEADING_OFFSET = 2


def web_url(url: str | None) -> str | None:
    """The URL if it is http(s) with a host, else None (javascript:, data:…)."""
    url = (url or "").strip()
    scheme, _, rest = url.partition("://")
    if scheme.lower() not in ("http", "https") or _NOT_IN_URL.search(url):
        return None
    return url if rest.split("/", 1)[0] else None


def _link_target(href: str | None) -> str | None:
    href = (href or "").strip()
    if href.lower().startswith("mailto:") and not _NOT_IN_URL.search(href):
        return href
    return web_url(href)


class _Neutralise(Treeprocessor):
    """Links only to the web and mail; images become links; headings go down."""

    def run(self, root: ET.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "img":
                    parent.remove(child)
                    parent.insert(index, self._image_link(child))
                elif child.tag == "a":
                    href = _link_target(child.get("href"))
                    child.attrib.clear()
                    if href is None:
                        child.tag = "span"  # nh3 drops the tag, keeps the words
                    else:
                        child.set("href", href)
                elif re.fullmatch(r"h[1-6]", child.tag):
                    child.tag = f"h{min(int(child.tag[1]) + HEADING_OFFSET, 6)}"

    @staticmethod
    def _image_link(image: ET.Element) -> ET.Element:
        src = web_url(image.get("src"))
        link = ET.Element("a" if src else "span", {"href": src} if src else {})
        link.text = image.get("alt") or src or ""
        link.tail = image.tail
        return link


def _markdown() -> Markdown:
    md = Markdown(extensions=["nl2br", "sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")  # raw HTML stays text (escaped)
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_Neutralise(md), "smex_neutralise", 0)
    return md


_MD = _markdown()  # one per process, reset between texts
CLEANER = nh3.Cleaner(
    tags=UNTRUSTED_TAGS,
    attributes={"a": {"href"}},
    url_schemes={"http", "https", "mailto"},
    link_rel=UNTRUSTED_REL,
    strip_comments=True,
)


def render_untrusted(text: str) -> str:
    """A stranger's Markdown as safe HTML (see the module doc)."""
    _MD.reset()
    return CLEANER.clean(_MD.convert(text))
