"""One pass over every content and data file before anything is written.

It collects *all* problems, each as `path:line: field: what is wrong; what is
expected`, so an editor fixes a whole evening's mistakes in one go. Errors
stop the build before anything is written; warnings are printed and the
build goes on. The pass reads every file once, by its kind's declaration
(kinds.py), into a `Catalog` the build then uses: the loaders, the registry
of pages and the editor tools read the same parsed values.

    core       Entry, Context; Problem and ContentError (from ../problems.py)
    discover   which files exist, where, and of what kind
    entries    one file's keys, through each key's parser
    body       links, images, text that misleads
    site       across files: slugs, translated pairs, reserved addresses, held links
    translations  each translation against its original: outdated, facts
    data       content/data/*.toml and *.json, the topic table
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from smex_site import activefiles, contentfiles, fileuse, frontmatter
from smex_site import settings as site_settings
from smex_site import state as build_state
from smex_site import translations as drift
from smex_site.kinds import data_kinds, markdown_kinds
from smex_site.timer import Timer

from . import body, data, discover, entries, site, translations
from .core import ERROR, STRICT, ContentError, Context, Entry, Problem

__all__ = ["Catalog", "ContentError", "Context", "Entry", "Problem", "collect", "validate"]


@dataclass
class Catalog:
    """Every content file of the site, read and checked once."""

    ctx: Context
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # kind name -> what its read_data hook made of its data files
    data: dict = field(default_factory=dict)
    # every file under the static folders (images/…, files/…), as named in links
    static_files: list[str] = field(default_factory=list)
    # (registry kind, slug) -> translations.Group: each version's state, once
    translations: dict = field(default_factory=dict)
    _paths: dict = field(default_factory=dict, repr=False)
    _files: fileuse.FileUse | None = field(default=None, repr=False)
    # CPU time of reading each kind and of its hooks, by label (timer.py);
    # the build state carries it on through the generators
    timer: Timer = field(default_factory=Timer, repr=False)

    @property
    def files(self) -> fileuse.FileUse:
        """Which files the items use, and which only held-back items use: the
        one answer static publishing and the checks read (fileuse.py)."""
        if self._files is None:
            users = [*self.entries, *self._data_file_users()]
            self._files = fileuse.resolve(users, self.ctx.now, self.ctx.content)
        return self._files

    def _data_file_users(self) -> list:
        """The data kinds' items that name files (a programme's avatars)."""
        return [
            user
            for kind in data_kinds(self.ctx.kinds)
            if kind.file_users is not None and kind.name in self.data
            for user in kind.file_users(self.data[kind.name], self.ctx)
        ]

    @property
    def topics(self) -> dict | None:
        return self.ctx.topics

    @property
    def errors(self) -> list[Problem]:
        return errors(self.problems)

    def of_kind(self, name: str, lang: str | None = None) -> list[Entry]:
        return [
            entry
            for entry in self.entries
            if entry.kind.name == name and (lang is None or entry.lang == lang)
        ]

    def find(self, lang: str, key: tuple) -> Entry | None:
        return next((e for e in self.entries if e.lang == lang and e.key == key), None)

    def by_path(self, path: Path | str) -> Entry | None:
        if len(self._paths) != len(self.entries):
            self._paths = {str(entry.path): entry for entry in self.entries}
        return self._paths.get(str(path))

    def entry(self, path: Path | str) -> Entry:
        """The file's entry as this pass read it; a file it did not read (a
        reader used before the pass saw the file) is read now, by the kinds
        the pass was given, with the same parsers; its errors stop the build."""
        found = self.by_path(path)
        if found is not None:
            return found
        rel = os.path.relpath(path, self.ctx.content)
        text = frontmatter.read_text(path)
        found, problems = read_one(self.ctx.settings, self.ctx.kinds, rel, text, self.ctx.now)
        if errors(problems):
            raise ContentError(errors(problems))
        return found

    def locate(self, text: str) -> list[str]:
        """Where `text` is written in the items' texts, as messages name it
        (content/en/news/x.md:12): for a warning that quotes only a link."""
        return [
            f"{entry.rel}:{number}"
            for entry in self.entries
            for number, line in entry.doc.body_lines()
            if text in line
        ]

    def replace(self, entry: Entry) -> None:
        """The file read again (the live preview's edited file)."""
        self.entries = [entry if str(e.path) == str(entry.path) else e for e in self.entries]
        self._paths = {}  # by_path() indexes again
        self._files = None  # and the files it uses are resolved again
        # the translations' states again, and the facts the file takes from its original
        self.translations = drift.resolve(self.entries, self.ctx)


def templates(settings: dict) -> frozenset[str]:
    folder = Path(settings["THEME"]) / "templates"
    return frozenset(path.stem for path in folder.glob("*.html"))


def make_context(settings: dict, kinds, now: dt.datetime | None = None) -> Context:
    """Our settings are read once per pass (settings.py): the build's, else
    now; the context carries them to every check, and "now" comes from them."""
    options = site_settings.options(settings)
    state = settings.get(build_state.STATE_KEY)
    if now is None:
        now = state.now if state is not None else build_state.fixed_now(options)
    return Context(
        settings=settings,
        options=options,
        content=Path(settings["PATH"]),
        kinds=tuple(kinds),
        now=now,
        templates=templates(settings),
    )


def collect(settings: dict, kinds, now: dt.datetime | None = None) -> Catalog:
    """Read and check everything: the catalog, with every problem found."""
    ctx = make_context(settings, kinds, now)
    catalog = Catalog(ctx)
    ctx.topics, catalog.problems = data.check_data(ctx, skip=data_folders_of(kinds))
    # links out of content/, loops, content files Pelican must not read, huge files
    problems, catalog.static_files = contentfiles.scan(settings, ctx.options)
    catalog.problems += problems
    found, problems = discover.discover(ctx)
    catalog.problems += problems
    for found_file in found:
        with catalog.timer.timing(f"{found_file[-1].name}: read and check"):
            entry, problems = _read(ctx, *found_file)
        catalog.entries.append(entry)
        catalog.problems += problems
    # Originals, translations and their states; the facts a translation left
    # out taken from its original, before anything reads them.
    catalog.translations = drift.resolve(catalog.entries, ctx)
    # Data files after the content files (a programme needs its edition), and
    # before the checks across files (an edition's Links may name its pages).
    for kind in data_kinds(ctx.kinds):
        with catalog.timer.timing(f"{kind.name}.read_data"):
            catalog.data[kind.name], problems = kind.read_data(catalog, ctx)
        catalog.problems += problems
    catalog.problems += site.check_slugs(catalog.entries, ctx)
    catalog.problems += site.check_reserved(catalog.entries, ctx)
    catalog.problems += translations.check(catalog.translations, ctx)
    catalog.problems += site.check_held_links(catalog.entries, catalog.files, ctx)
    catalog.problems += site.check_orphans(catalog.static_files, catalog.files, ctx)
    elsewhere = catalog.files.used - set(catalog.static_files)  # content/media/x.svg
    catalog.problems += activefiles.check_linked(settings, elsewhere)
    for kind in markdown_kinds(ctx.kinds):
        if kind.site_check is not None:
            mine = [entry for entry in catalog.entries if entry.kind is kind]
            with catalog.timer.timing(f"{kind.name}.site_check"):
                catalog.problems += kind.site_check(mine, catalog, ctx)
    unique = list(dict.fromkeys(catalog.problems))
    unique.sort(key=lambda p: (p.path, p.line or 0))
    catalog.problems = unique
    return catalog


def read_one(settings: dict, kinds, rel: str, text: str, now=None) -> tuple[Entry, list[Problem]]:
    """One file's entry and problems, as if it were at <content>/<rel>: for
    the editor tools and tests. Cross-file checks are not run."""
    from smex_site.frontmatter import parse
    from smex_site.kinds import by_folder

    ctx = make_context(settings, kinds, now)
    ctx.topics, _problems = data.check_data(ctx, skip=data_folders_of(kinds))
    path = ctx.content / rel
    lang, folder = Path(rel).parts[:2]
    return _read(ctx, parse(path, text), ctx.rel(path), lang, folder, by_folder(kinds)[folder])


def _read(ctx: Context, doc, rel: str, lang: str, folder: str, kind) -> tuple[Entry, list]:
    """One file through its kind's keys, then its text; a draft's problems wait."""
    entry, problems = entries.read_entry(doc, rel, lang, folder, kind, ctx)
    problems += body.check_body(entry, ctx) + body.check_text(entry, ctx)
    if entry.status == "draft":
        problems = [entries.as_draft(p, entries.blocking(entry, ctx)) for p in problems]
    return entry, problems


def data_folders_of(kinds) -> tuple[str, ...]:
    return tuple(folder for kind in data_kinds(kinds) for folder in kind.data_folders)


def validate(settings: dict, kinds, now: dt.datetime | None = None) -> list[Problem]:
    """Every problem in the content tree, errors and warnings, by file and line."""
    return collect(settings, kinds, now).problems


def errors(problems: list[Problem], strict: bool = False) -> list[Problem]:
    """What stops the build; strict (publish) builds stop on STRICT problems too."""
    stopping = (ERROR, STRICT) if strict else (ERROR,)
    return [p for p in problems if p.severity in stopping]


def warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity != ERROR]
