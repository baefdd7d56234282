"""HTML from anywhere: everything outside the allowlist removed (summaries,
and the last layer for whatever else needs it)."""

from __future__ import annotations

import html
import re

import nh3

from .policy import (
    DIR_VALUES,
    DROP_WITH_CONTENT,
    EXTERNAL_REL,
    GLOBAL_ATTRIBUTES,
    LINK_SCHEMES,
    TAGS,
    is_remote,
)

# --- cleaning what strangers wrote ------------------------------------------------


def _clean_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "dir" and value.strip().lower() not in DIR_VALUES:
        return None
    if name in ("width", "height") and not value.strip().isdigit():
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS) - DROP_WITH_CONTENT,
    clean_content_tags=set(DROP_WITH_CONTENT),
    # No ids: they would clash with the page's own, and could hijack its anchors.
    attributes={
        "*": set(GLOBAL_ATTRIBUTES),
        **{tag: set(attributes - {"id"}) for tag, attributes in TAGS.items()},
    },
    attribute_filter=_clean_attribute,
    url_schemes=set(LINK_SCHEMES),
    link_rel=None,  # added below, to links that leave the site only
    strip_comments=True,
)
_CLEAN_TAG = re.compile(r"<(a|img)\b([^>]*)>")
_CLEAN_ATTRIBUTE = re.compile(r'([^\s="]+)="([^"]*)"')


def clean(fragment: str, site_url: str = "") -> str:
    """`fragment` with everything outside the allowlist removed (see the module doc)."""
    cleaned = _CLEANER.clean(fragment)
    if "<a" not in cleaned and "<img" not in cleaned:
        return cleaned

    def external(url: str) -> bool:
        return is_remote(url) and not (site_url and url.startswith(site_url.rstrip("/") + "/"))

    def fix(match: re.Match) -> str:
        # nh3's output is canonical: quoted values, with < > " & escaped.
        tag, attributes = match.group(1), dict(_CLEAN_ATTRIBUTE.findall(match.group(2)))
        url = html.unescape(attributes.get("href" if tag == "a" else "src", ""))
        if tag == "a":
            if url and external(url):
                return match.group(0)[:-1] + f' rel="{EXTERNAL_REL}">'
            return match.group(0)
        if not url:
            return ""  # its source was not allowed (data:, javascript:…)
        if is_remote(url):
            text = html.unescape(attributes.get("alt", "")) or url
            return f'<a href="{html.escape(url)}" rel="{EXTERNAL_REL}">{html.escape(text)}</a>'
        return match.group(0)

    return _CLEAN_TAG.sub(fix, cleaned)
