"""The registry keys of the programme's pages, composed here once.

A key names a page across languages (state.BuildState.pages): the kind
registers each page under it (programme/kind.py pages()), the generators
hand it to the templates as `page_key`, and the language switcher and
hreflang look it up. No template composes one. A Markdown file's key is its
catalog entry's (validation.core.Entry.key).
"""

from __future__ import annotations

PROGRAMME = "programme"  # the programme's kind, its folder under data/, its key


def programme(year: int) -> tuple[str, str]:
    return (PROGRAMME, str(year))


def speakers(year: int) -> tuple[str, str]:
    return ("speakers", str(year))


def session(year: int, slug: str) -> tuple[str, str]:
    return ("session", f"{year}/{slug}")
