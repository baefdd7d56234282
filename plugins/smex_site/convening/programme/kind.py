"""The programme as a kind of the site, declared once (kinds.DataKind).

Its items are data files, not Markdown: content/data/programme/<year>.json,
pretalx's export saved unchanged, and labels.toml beside them. The
validation pass reads them once, after the content files (it needs the
editions), into catalog.data["programme"]: errors stop the build with the
file and what to fix, warnings go on. The registry learns every page they
give each language from `pages()`, before any generator runs.

Release: a programme is part of its edition, so it is never seen more than
the edition is (publishing.within), and it waits for the edition's
`programme-released` milestone; with no such milestone (a past edition's
programme added to the archive) it is there as soon as the file is. A
programme whose edition is only a draft is read, and its problems wait as
the draft's do: it breaks nothing and shows nowhere.

Unlike the data layer beside it, this module is the site's side: it reads
the catalog, the editions and the publishing rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from smex_site import kinds, publishing
from smex_site.convening import keys
from smex_site.convening import load as editions
from smex_site.validation import data as data_files
from smex_site.validation import entries as entry_checks

from . import FOLDER, avatars, changes, queries, reader, spoken
from . import labels as labels_table
from .fields import Problems
from .labels import Labels
from .model import Programme

NAME = keys.PROGRAMME  # the folder under data/, the kind, the registry key
LABELS_FILE = "labels.toml"


@dataclass(frozen=True)
class EditionProgramme:
    """One edition's programme as the build sees it."""

    year: int
    programme: Programme
    release: dt.datetime | None  # the programme-released milestone, if any
    editions: dict = field(default_factory=dict)  # lang -> that edition's Entry
    online: bool = False  # held online: no room is a place, so no grid, no room pages
    history: changes.History = field(default_factory=changes.History)  # <year>.history.json
    avatars: dict = field(default_factory=dict)  # speaker slug -> avatars.Avatar (stored copy)

    def visibility(self, lang: str, now: dt.datetime) -> str:
        entry = self.editions.get(lang)
        if entry is None:
            return publishing.DRAFT  # no edition in this language: nowhere to show it
        return publishing.within(entry.visibility(now), self.release, now)


@dataclass(frozen=True)
class Programmes:
    labels: Labels = field(default_factory=Labels)
    by_year: dict = field(default_factory=dict)  # year -> EditionProgramme


def programme_path(options: dict, year: int) -> str:
    return f"{options['SITE_CONVENING_PATH']}{year}/programme/"


def session_path(options: dict, year: int, slug: str) -> str:
    return f"{programme_path(options, year)}{slug}/"


def speakers_path(options: dict, year: int) -> str:
    return f"{options['SITE_CONVENING_PATH']}{year}/speakers/"


def day_path(options: dict, year: int, iso: str) -> str:
    return f"{programme_path(options, year)}day/{iso}/"


def agenda_key(year: int, slug: str) -> str:
    """A session's key in My agenda (js/agenda.js keeps these in the browser)."""
    return f"{year}/{slug}"


def agenda_path(options: dict, year: int) -> str:
    return f"{programme_path(options, year)}agenda/"


def changes_path(options: dict, year: int) -> str:
    return f"{programme_path(options, year)}changes/"


def room_path(options: dict, year: int, slug: str) -> str:
    return f"{programme_path(options, year)}room/{slug}/"


def track_path(options: dict, year: int, slug: str) -> str:
    return f"{programme_path(options, year)}track/{slug}/"


def speaker_path(options: dict, year: int, slug: str) -> str:
    return f"{speakers_path(options, year)}{slug}/"


def _editions_by_year(catalog) -> dict[int, dict]:
    found: dict[int, dict] = {}
    for entry in catalog.of_kind("edition"):
        year = entry.values.get("year")
        if year is not None:
            found.setdefault(year, {}).setdefault(entry.lang, entry)
    return found


def _models(catalog, ctx) -> list:
    """Every edition's model (one language's entry each), drafts included."""
    models = []
    for group in _editions_by_year(catalog).values():
        entry = next(iter(group.values()))
        if "title" in entry.values:  # else the edition's own error stops the build
            models.append(editions.edition(entry, ctx.options, listed=True))
    return models


def inputs(catalog, ctx, year: int) -> dict:
    """What the reader needs from the editions, drafts included (a draft's
    programme is checked, never shown): years, zone, dates, release."""
    facts = editions.programme_inputs(_models(catalog, ctx), year)
    facts["edition_years"] |= set(_editions_by_year(catalog))
    return facts


def _online(catalog, ctx, year: int | None) -> bool:
    return any(model.year == year and model.online for model in _models(catalog, ctx))


def read(catalog, ctx) -> tuple[Programmes, list]:
    """Every programme file, checked: (Programmes, problems)."""
    folder = ctx.content / FOLDER
    if not folder.is_dir():
        return Programmes(), []
    problems = []
    labels = Labels()
    by_edition = _editions_by_year(catalog)
    by_year = {}
    for path in sorted(folder.iterdir()):
        rel = ctx.rel(path)
        if path.name == LABELS_FILE:
            parsed, found = data_files.load_data_file(path, rel)
            checked = Problems(rel)
            if parsed is not None:
                labels = labels_table.check(parsed, checked, ctx.languages)
            problems += found + checked.found
            continue
        if _beside_an_export(path):  # read with its export, below
            if not (folder / f"{path.name.split('.')[0]}.json").is_file():
                problems.append(_stray(rel))
            continue
        if path.suffix != ".json" or not path.is_file():
            if not path.name.startswith("."):
                problems.append(_stray(rel))
            continue
        item, found = _one(catalog, ctx, path, rel, by_edition)
        problems += found
        if item is not None:
            by_year[item.year] = item
    problems += avatars.stray_warnings(ctx.content, by_year)
    return Programmes(labels, by_year), problems


def _one(catalog, ctx, path, rel: str, by_edition) -> tuple[EditionProgramme | None, list]:
    """One edition's export (and the history beside it), checked."""
    year = int(path.stem) if path.stem.isdecimal() else None
    facts = inputs(catalog, ctx, year) if year else {"edition_years": set()}
    release = facts.pop("release", None)
    found, problems = reader.load(path, rel=rel, **facts)
    group = by_edition.get(year, {})
    history = changes.History()
    if found is not None and found.sessions:
        found, problems = _spoken(ctx, path.parent, year, found, problems)
        history, problems = _history(ctx, path.parent, year, found, problems)
    if group and all(entry.status == publishing.DRAFT for entry in group.values()):
        problems = [entry_checks.as_draft(p, set()) for p in problems]
    if found is None or not group or not found.sessions:
        return None, problems
    at = release.at if release is not None else None
    online = _online(catalog, ctx, year)
    stored, avatar_problems = avatars.find(ctx.content, year, found)
    item = EditionProgramme(year, found, at, group, online, history, avatars=stored)
    return item, problems + avatar_problems


def _beside_an_export(path) -> bool:
    """<year>.history.json, which `invoke programme` keeps beside <year>.json,
    and <year>.toml, the sessions' languages (spoken.py)."""
    name = path.name
    if path.suffix == ".toml" and path.stem.isdecimal():
        return True
    return name.endswith(changes.SUFFIX) and name[: -len(changes.SUFFIX)].isdecimal()


def _spoken(ctx, folder, year, programme, problems: list):
    """The programme with the languages <year>.toml gives its sessions."""
    path = folder / f"{year}.toml"
    if not path.is_file():
        return programme, problems
    rel = ctx.rel(path)
    parsed, found = data_files.load_data_file(path, rel)
    checked = Problems(rel)
    if parsed is not None:
        text = path.read_text(encoding="utf-8")
        programme = spoken.apply(parsed, text, checked, programme)
    return programme, problems + found + checked.found


def _history(ctx, folder, year, programme, problems: list):
    """The imports `invoke programme` recorded beside the export, if any."""
    path = folder / f"{year}{changes.SUFFIX}"
    if not path.is_file():
        return changes.History(), problems
    rel = ctx.rel(path)
    parsed, found = data_files.load_data_file(path, rel)
    checked = Problems(rel)
    history = changes.read(parsed, checked, programme) if parsed is not None else None
    return history or changes.History(), problems + found + checked.found


def _stray(rel: str):
    checked = Problems(rel)
    checked.warning(
        "file name",
        "not a programme, ignored; this folder holds <year>.json (pretalx's "
        f"schedule.json, saved unchanged) and {LABELS_FILE}",
    )
    return checked.found[0]


def pages(catalog, lang: str, now: dt.datetime, settings: dict, options: dict) -> list[tuple]:
    """[(key, path, listed)]: the programme, speakers and session pages of
    every programme this language shows at `now`, and its days' grids, its
    rooms', tracks' and speakers' pages."""
    found = []
    programmes = catalog.data.get(NAME) or Programmes()
    for year, item in sorted(programmes.by_year.items()):
        seen = item.visibility(lang, now)
        if not publishing.is_written(seen):
            continue
        listed = publishing.is_listed(seen)
        found.append((keys.programme(year), programme_path(options, year), listed))
        if any(session.speakers for session in item.programme.sessions):
            found.append((keys.speakers(year), speakers_path(options, year), listed))
        for session in item.programme.sessions:
            key = keys.session(year, session.slug)
            found.append((key, session_path(options, year, session.slug), listed))
        found += _attendee_pages(item, options, listed)
    return found


def _attendee_pages(item: EditionProgramme, options: dict, listed: bool) -> list[tuple]:
    """The pages of issue 22: a grid per day and a page per room (not for an
    online edition: no room is a place), a page per track and per speaker."""
    year, programme = item.year, item.programme
    found = [(keys.agenda(year), agenda_path(options, year), listed)]
    if not item.online:
        for day in queries.facets(programme).days:
            iso = day.date.isoformat()
            found.append((keys.day(year, iso), day_path(options, year, iso), listed))
        for room in queries.rooms(programme):
            found.append((keys.room(year, room.slug), room_path(options, year, room.slug), listed))
    for track in queries.tracks(programme):
        key = keys.track(year, track.slug)
        found.append((key, track_path(options, year, track.slug), listed))
    for entry in queries.speakers(programme):
        slug = entry.speaker.slug
        found.append((keys.speaker(year, slug), speaker_path(options, year, slug), listed))
    if item.history.imports:
        found.append((keys.changes(year), changes_path(options, year), listed))
        for gone in item.history.removed:  # its old address says it was removed: no 404
            key = keys.session(year, gone.slug)
            found.append((key, session_path(options, year, gone.slug), listed))
    return found


PROGRAMME = kinds.DataKind(
    name=NAME,
    label="programme of an edition",
    data_folders=(NAME,),
    read_data=read,
    data_pages=pages,
    file_users=avatars.users,  # the speakers' avatars: published with the programme
)
