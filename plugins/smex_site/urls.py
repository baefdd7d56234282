"""Collapse `/en/../x` into `/x` in everything the subsites write.

i18n_subsites links the English subsite to the main site's static files with
relative URLs such as `/en/../images/a.png` (#333, #537); browsers resolve
them, but they are wrong in feeds, sitemaps and to link checkers.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

# A URL path (root-relative or absolute) containing a "/../" or "/./" segment.
DOTTED_URL = re.compile(
    r"(?P<prefix>(?:https?://[^/\s\"'<>]+)?)(?P<path>/[^\s\"'<>()?#]*?/\.\.?/[^\s\"'<>()?#]*)"
)
TEXT_SUFFIXES = {".html", ".xml", ".css", ".json", ".txt", ".ics"}


def normalize_urls(text: str) -> str:
    def fix(match: re.Match) -> str:
        path = match["path"]
        fixed = posixpath.normpath(path)
        if path.endswith("/") and not fixed.endswith("/"):
            fixed += "/"
        return match["prefix"] + fixed

    return DOTTED_URL.sub(fix, text)


def normalize_file(path, *args, **kwargs) -> None:
    """content_written / feed_written receiver."""
    file = Path(path)
    if file.suffix not in TEXT_SUFFIXES or not file.is_file():
        return
    text = file.read_text(encoding="utf-8")
    fixed = normalize_urls(text)
    if fixed != text:
        file.write_text(fixed, encoding="utf-8")
