"""What the validation pass works with: a content file (entry) and the
context every check reads; a problem and the error that stops a build come
from the floor (problems.py), so the floor's own checks use them too."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from smex_site import frontmatter, publishing
from smex_site.kinds import Kind
from smex_site.problems import ERROR, STRICT, WARNING, ContentError, Problem

__all__ = ["ERROR", "STRICT", "WARNING", "ContentError", "Context", "Entry", "Problem"]


@dataclass
class Entry:
    """One content file, read by its kind's declaration."""

    kind: Kind
    doc: frontmatter.Document
    rel: str  # for messages: content/en/news/x.md
    lang: str  # from the folder
    folder: str  # news, articles, pages, publications, editions…
    values: dict = field(default_factory=dict)  # every key that parsed, by name
    failed: set = field(default_factory=set)  # keys whose value did not parse (reported)
    schedule: dt.datetime | None = None  # aware; when its date publishes it
    # (line, absolute path) of every {filename} link to another content file,
    # and (line, path inside the content folder) of every {static} link
    links: list[tuple[int, str]] = field(default_factory=list)
    static_links: list[tuple[int, str]] = field(default_factory=list)

    @property
    def slug(self) -> str | None:
        return self.values.get("slug") or self.doc.get("slug")

    @property
    def path(self) -> Path:
        return self.doc.path

    @property
    def status(self) -> str:
        return self.values.get("status", "published")

    @property
    def translation_planned(self) -> bool:
        return self.values.get("translate", True)

    @property
    def key(self) -> tuple[str, str | None]:
        """What a translated pair shares: (registry kind, slug)."""
        return (self.kind.registry, self.slug)

    def visibility(self, now: dt.datetime) -> str:
        return publishing.visibility(self.status, self.schedule, now)


@dataclass
class Context:
    settings: dict
    options: dict  # our settings, read once (settings.read)
    content: Path
    kinds: tuple[Kind, ...]
    now: dt.datetime
    # topic key -> {lang: label}; None while data/topics.toml is broken
    topics: dict | None = field(default_factory=dict)
    templates: frozenset[str] = frozenset()
    _files: dict = field(default_factory=dict)
    _heading_ids: dict = field(default_factory=dict)  # path -> ids (body.heading_ids)

    @property
    def languages(self) -> dict:
        return self.options["SITE_LANGUAGES"]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.settings.get("TIMEZONE") or "UTC")

    def is_file(self, path: str) -> bool:
        if path not in self._files:
            self._files[path] = os.path.isfile(path)
        return self._files[path]

    def problem(self, entry: Entry, key: str, message: str, severity=ERROR) -> Problem:
        return Problem(entry.rel, entry.doc.line(key), key, message, severity)

    def warning(self, entry: Entry, key: str, message: str) -> Problem:
        return self.problem(entry, key, message, WARNING)

    def rel(self, path: Path) -> str:
        """A path as messages show it: content/ar/news/x.md."""
        try:
            return str(Path(self.content.name) / Path(path).relative_to(self.content))
        except ValueError:
            return str(path)
