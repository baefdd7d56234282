"""Which items use each file under content/, and so when the file is published.

One rule for every file in the static folders (images/, files/, any other):

- a file an item *names* in its metadata (a report's PDF, PDF-<lang>, Cover)
  belongs to that item: while every item that names it is held back (a
  draft, scheduled, or anything not written yet), the file is not published,
  even if a published text links it (the checker refuses that link);
- a file only *linked* from texts ({static}/…, {attach}/…, a Links: path) is
  published as soon as one item that links it is written (published or
  hidden), and not before;
- a file nothing names or links is published as it is, and `invoke check`
  warns about it (an orphan should be a decision, not an accident). Files the
  site itself places (EXTRA_PATH_METADATA: the favicon) are used by the site.

The catalog resolves this once per build (Catalog.files); the static files
the main site copies (static_files.py: every used file that is not held,
wherever it is under content/, and whichever language uses it), the
checker's held-link check and its orphan warning all read that one answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import paths, publishing


@dataclass
class FileUse:
    """Every content file the items use, at one instant."""

    # rel path (files/x.pdf) -> an item that names it, for files held back
    held: dict[str, object] = field(default_factory=dict)
    # the held files that a held item names in its metadata (its own files)
    owned: dict[str, object] = field(default_factory=dict)
    # every rel path any item names or links, held back or not
    used: set[str] = field(default_factory=set)

    def is_held(self, rel: str) -> bool:
        return rel in self.held

    @property
    def published(self) -> set[str]:
        """The files an item that is written uses: the site publishes them."""
        return self.used - self.held.keys()


def named(entry) -> set[str]:
    """Paths an item's metadata names (report PDFs, covers, Links: /files/…)."""
    found = set()
    for value in entry.values.values():
        for item in value if isinstance(value, (list, tuple)) else (value,):
            if isinstance(item, str):
                found.add(item)
            url = getattr(item, "url", None)
            if isinstance(url, str) and url.startswith("/") and not url.startswith("//"):
                found.add(url.split("#", 1)[0].split("?", 1)[0].lstrip("/"))
    return found


def linked(entry) -> set[str]:
    """Paths an item's text links ({static}/…, {attach}/…, {filename}/images/…)."""
    return {rel for _line, rel in entry.static_links}


def resolve(entries, now, content: Path) -> FileUse:
    """Which files the items use, and which only held-back items use, at `now`."""
    use = FileUse()
    written_names, written_links = set(), set()
    held_names: dict[str, object] = {}
    held_links: dict[str, object] = {}
    files: dict[str, bool] = {}
    inside = content.resolve()

    def is_file(rel: str) -> bool:
        """A metadata value may be any text (a title, "/etc/passwd", "../x"):
        keep only the files inside the content folder, links resolved."""
        if rel not in files:
            path = content / rel
            files[rel] = (
                bool(rel)
                and not rel.endswith(".md")
                and not Path(rel).is_absolute()
                and ".." not in Path(rel).parts
                and paths.is_file(path)
                and inside in path.resolve().parents
            )
        return files[rel]

    for entry in entries:
        names = {rel for rel in named(entry) if is_file(rel)}
        links = {rel for rel in linked(entry) if is_file(rel)}
        use.used |= names | links
        if publishing.is_written(entry.visibility(now)):
            written_names |= names
            written_links |= links
        else:
            for rel in names:
                held_names.setdefault(rel, entry)
            for rel in links:
                held_links.setdefault(rel, entry)
    use.owned = {rel: e for rel, e in held_names.items() if rel not in written_names}
    everyone = written_names | written_links
    only_linked = {rel: e for rel, e in held_links.items() if rel not in everyone}
    use.held = {**only_linked, **use.owned}
    return use
