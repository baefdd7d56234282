"""Speakers' avatars as the build sees them (issue 22, item 3): the copies
`invoke programme` stored under content/images/programme/<year>/<slug>.webp.

The export's avatar address is never used by the build: a page that loaded
it would ask pretalx's host for it and show whatever is there. The import
(tools/editors/avatars.py) downloads it once, checks it is a picture,
re-encodes it as a small square WebP without metadata and names the file
after the speaker's slug. Here the build takes a stored file only if it is
what the import writes (a WebP of SIZE x SIZE pixels), resolves it once per
speaker (EditionProgramme.avatars), and tells fileuse which files are the
programme's: a speaker's avatar is published with the programme and held
back with it (a draft edition, a programme not yet released). Any other file
under images/programme/ is never published, and `invoke check` says so.

Unlike the data layer beside it, this module is the site's side: it reads
content/ and the publishing rule.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import imagesize

from smex_site import publishing
from smex_site.validation.core import Problem

from . import FOLDER as DATA_FOLDER
from . import queries

FOLDER = "images/programme"  # inside PATH, one folder per year
SIZE = 160  # pixels, square: twice the largest size a page shows it at (80 px)
SUFFIX = ".webp"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # assemble.unique_slugs' output
_IMPORT_AGAIN = "run invoke programme again for that year, which stores each speaker's avatar"


@dataclass(frozen=True)
class Avatar:
    rel: str  # inside content/: images/programme/2025/spkaaa.webp; the URL path too
    width: int
    height: int


def rel(year: int, slug: str) -> str:
    """Where a speaker's avatar is stored, named after the speaker's slug
    (ASCII, made by the reader), never after anything in the export's URL."""
    if not _SLUG.match(slug):
        raise ValueError(f"{slug!r} is not a speaker slug")
    return f"{FOLDER}/{year}/{slug}{SUFFIX}"


def shown(state, item) -> dict[str, dict]:
    """slug -> what a page shows of a speaker's avatar: the stored copy's URL
    (with the main site's files: content files are published once,
    static_files.py), width and height."""
    return {
        slug: {"url": state.url(state.main_lang, a.rel), "width": a.width, "height": a.height}
        for slug, a in item.avatars.items()
    }


def urls(state, item) -> dict[str, str]:
    """slug -> the stored copy's URL (for JSON-LD's Person.image)."""
    return {slug: view["url"] for slug, view in shown(state, item).items()}


def _is_webp(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(12)
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


def _warning(content: Path, where: str, message: str) -> Problem:
    return Problem(f"{content.name}/{where}", None, "avatar", message, "warning")


def find(content: Path, year: int, programme) -> tuple[dict[str, Avatar], list[Problem]]:
    """slug -> Avatar, for each speaker of `programme` whose stored copy is
    there and is what the import writes; a file that is not is a warning
    (it is left out, and not published: `users`)."""
    found, problems = {}, []
    for entry in queries.speakers(programme):
        where = rel(year, entry.speaker.slug)
        path = content / where
        if not path.is_file() or path.is_symlink():
            continue
        size = imagesize.get(str(path)) if _is_webp(path) else (-1, -1)
        if size != (SIZE, SIZE):
            problems.append(
                _warning(
                    content,
                    where,
                    f"not an avatar as invoke programme stores it (a {SIZE}×{SIZE} WebP); it is "
                    f"left out and not published: {_IMPORT_AGAIN}",
                )
            )
            continue
        found[entry.speaker.slug] = Avatar(where, SIZE, SIZE)
    return found, problems


def strays(content: Path, kept: dict[int, dict]) -> list[str]:
    """The files under images/programme/ that no speaker's avatar is
    (`kept`: year -> the avatars `find` took): never published."""
    folder = content / FOLDER
    if not folder.is_dir():
        return []
    taken = {avatar.rel for avatars in kept.values() for avatar in avatars.values()}
    return sorted(
        rel
        for path in folder.rglob("*")
        if path.is_file() and (rel := path.relative_to(content).as_posix()) not in taken
    )


def stray_warnings(content: Path, by_year: dict) -> list[Problem]:
    """A warning for each file under images/programme/ that no speaker of a
    programme has (a refused one of a speaker's is said by `find`)."""
    kept = {year: item.avatars for year, item in by_year.items()}
    speakers = {
        rel(year, entry.speaker.slug)
        for year, item in by_year.items()
        for entry in queries.speakers(item.programme)
    }
    return [
        _warning(
            content,
            where,
            "no speaker of a programme has this avatar, so it is not published; delete it, "
            f"or {_IMPORT_AGAIN}",
        )
        for where in strays(content, kept)
        if where not in speakers
    ]


@dataclass(frozen=True)
class _Owner:
    """A programme (or the strays) as fileuse reads an item: the files it
    names, and whether it is written at an instant (fileuse.resolve)."""

    rel: str
    values: dict
    languages: tuple = field(default=())  # those to ask `item`; none: held for good
    item: object = None  # the EditionProgramme
    static_links: tuple = ()

    def visibility(self, now: dt.datetime) -> str:
        seen = [self.item.visibility(lang, now) for lang in self.languages] or [publishing.DRAFT]
        return next((s for s in seen if publishing.is_written(s)), seen[0])


def users(programmes, ctx) -> list[_Owner]:
    """The items fileuse counts beside the Markdown ones: each programme,
    naming its speakers' avatars (published while any language shows it),
    and the strays under images/programme/, held for good."""
    owners = [
        _Owner(
            rel=f"{ctx.content.name}/{DATA_FOLDER}/{year}.json",
            values={"avatars": [avatar.rel for avatar in item.avatars.values()]},
            languages=tuple(ctx.languages),
            item=item,
        )
        for year, item in sorted(programmes.by_year.items())
    ]
    kept = {year: item.avatars for year, item in programmes.by_year.items()}
    owners.append(
        _Owner(rel=f"{ctx.content.name}/{FOLDER}/", values={"strays": strays(ctx.content, kept)})
    )
    return owners
