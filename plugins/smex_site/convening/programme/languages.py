"""Which language a session is in, and which way it is written.

pretalx gives each session one `language` (its content locale: "ar", "en",
"de-formal"…). A tag is known when it is well-formed BCP 47 and its primary
language is one CLDR names; an unknown tag is kept as written (the reader
warns) and has no direction: templates then use dir="auto".
"""

from __future__ import annotations

import functools
import re

from babel import Locale, UnknownLocaleError

# BCP 47 (RFC 5646) language tags, without the grandfathered irregular ones.
_TAG = re.compile(
    r"^(?P<language>[a-z]{2,3}|[a-z]{5,8})"
    r"(?:-[a-z]{3}){0,3}"  # extlang
    r"(?:-(?P<script>[a-z]{4}))?"
    r"(?:-(?P<region>[a-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"  # variants
    r"(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*"  # extensions
    r"(?:-x(?:-[a-z0-9]{1,8})+)?$",
    re.IGNORECASE,
)


@functools.cache
def _cldr_languages() -> frozenset[str]:
    return frozenset(Locale("en").languages)


def well_formed(tag: str | None) -> bool:
    return bool(tag) and _TAG.match(tag) is not None


@functools.cache
def is_known(tag: str | None) -> bool:
    if not well_formed(tag):
        return False
    primary = tag.split("-", 1)[0].lower()
    return primary != "und" and primary in _cldr_languages()


@functools.cache
def direction(tag: str | None) -> str | None:
    """ "rtl" or "ltr" for a known tag (az-Arab is rtl, az is ltr); else None."""
    if not is_known(tag):
        return None
    match = _TAG.match(tag)
    candidates = [tag.replace("-", "_")]
    if match["script"]:
        candidates.append(f"{match['language']}_{match['script']}")
    candidates.append(match["language"])
    for candidate in candidates:
        try:
            order = Locale.parse(candidate).character_order
        except (UnknownLocaleError, ValueError, TypeError):
            continue
        return "rtl" if order == "right-to-left" else "ltr"
    return None
