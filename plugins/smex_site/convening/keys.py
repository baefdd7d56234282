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


def agenda(year: int) -> tuple[str, str]:
    return ("programme-agenda", str(year))


def changes(year: int) -> tuple[str, str]:
    return ("programme-changes", str(year))


def day(year: int, iso: str) -> tuple[str, str]:
    return ("programme-day", f"{year}/{iso}")


def room(year: int, slug: str) -> tuple[str, str]:
    return ("room", f"{year}/{slug}")


def track(year: int, slug: str) -> tuple[str, str]:
    return ("track", f"{year}/{slug}")


def speaker(year: int, slug: str) -> tuple[str, str]:
    return ("speaker", f"{year}/{slug}")


def group(kind: str, year: int, slug: str) -> tuple[str, str]:
    """A room's or a track's page (kind: "rooms" or "tracks")."""
    return {"rooms": room, "tracks": track}[kind](year, slug)
