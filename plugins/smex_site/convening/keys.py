"""The registry keys of the convening's pages, composed here once.

A key names a page across languages (state.BuildState.pages): the kinds
register each page under it, the generators hand it to the templates as
`page_key`, and the language switcher and hreflang look it up. No template
composes one.
"""

from __future__ import annotations

EDITION = "edition"  # the edition kind's registry name
PROGRAMME = "programme"  # the programme's kind, its folder under data/, its key


def edition(slug: str) -> tuple[str, str]:
    return (EDITION, slug)


def programme(year: int) -> tuple[str, str]:
    return (PROGRAMME, str(year))


def speakers(year: int) -> tuple[str, str]:
    return ("speakers", str(year))


def session(year: int, slug: str) -> tuple[str, str]:
    return ("session", f"{year}/{slug}")
