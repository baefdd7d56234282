"""Every image a text shows from content/ gets its width and height.

Without them a browser lays the page out before the image arrives, then
pushes the text down when it does. The size is read from the file's own
header (`imagesize`: PNG, JPEG, GIF, WebP, AVIF, SVG's width and height or
viewBox), when the page is made, not when the Markdown is converted: the
converted text is cached by its words, and an image replaced by one of
another size must not keep the old size. An <img> that already says its
width or height keeps what the editor wrote; one whose size the header does
not give (an SVG sized in percent) is left as it is.

    sized(html, content, source) -> html   posts, pages (`content_object_init`),
                                           reports and editions (intrasite.resolve)
"""

from __future__ import annotations

import os
import re
from urllib.parse import unquote, urlsplit

import imagesize

IMG = re.compile(r"<img\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.IGNORECASE)
# one attribute of a tag: name, and its value quoted or not (an alt text may
# hold "width=" or "src=": only real attributes count)
ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
INTRASITE = re.compile(r"^[{|](?:static|attach|filename)[|}](?P<path>.+)$")


def sized(html: str, content: str, source: str) -> str:
    """`html` with width and height on each <img> of a content file.

    content: the content folder; source: the file the text is in (a path
    without a leading "/" is from that file's folder, as Pelican reads it).
    """
    if "<img" not in html:
        return html
    return IMG.sub(lambda match: _sized(match[0], content, source), html)


def _sized(tag: str, content: str, source: str) -> str:
    attributes = {
        match[1].lower(): next((v for v in match.groups()[1:] if v is not None), "")
        for match in ATTRIBUTE.finditer(tag[len("<img") :].rstrip(">/"))
    }
    found = INTRASITE.match(attributes.get("src", ""))
    if found is None or "width" in attributes or "height" in attributes:
        return tag
    path = unquote(urlsplit(found["path"]).path)
    base = content if path.startswith("/") else os.path.dirname(source)
    target = os.path.normpath(os.path.join(base, path.lstrip("/")))
    if not target.startswith(os.path.join(os.path.normpath(content), "")):
        return tag
    size = dimensions(target)
    if size is None:
        return tag
    end = -2 if tag.endswith("/>") else -1
    return f'{tag[:end].rstrip()} width="{size[0]}" height="{size[1]}"{tag[end:]}'


def dimensions(path: str) -> tuple[int, int] | None:
    """(width, height) in CSS pixels, or None when the header does not say."""
    try:
        width, height = imagesize.get(path)
    except (OSError, ValueError):
        return None
    if width is None or height is None or width <= 0 or height <= 0:
        return None
    return round(width), round(height)


def add_to_content(content) -> None:
    """`content_object_init` receiver: a post's or page's images, sized."""
    text = getattr(content, "_content", None)
    source = getattr(content, "source_path", None)
    if text and source:
        content._content = sized(text, content.settings["PATH"], source)
