"""{filename} and {static} links work the same from and to every kind of item.

Pelican replaces `{filename}/en/news/x.md` only with what its own generators
read (posts and pages). Reports and editions are written by ours, so a link to
one stayed a dead `{filename}/…` in a preview and failed a publish build with
"Unable to find …", naming no file; and the texts of reports and editions
were never replaced at all. Both halves read the registry (every page each
language writes, registry.py), so a link leads where the page is:

- `register(generator)`, a `generator_init` receiver: every written report and
  edition of the run's language goes into Pelican's `generated_content`, under
  its source path, so posts and pages link them as they link each other;
- `resolve(html, entry, settings)`: the same replacement, Pelican's pattern,
  in the texts our generators render, for items, files, tags and categories
  (and their images get their sizes, imagesizes.py, as posts' do).

A link the checker passed always resolves; one that does not (a file removed
under a running preview) is left as written, with a warning naming the file.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

from pelican.urlwrappers import Author, Category, Tag

from . import imagesizes, publishing
from . import state as build_state

logger = logging.getLogger(__name__)

LINK = re.compile(
    r"""(?P<markup><[^>]+(?:href|src|poster|data|cite|formaction|action|content)\s*=\s*)
        (?P<quote>["'])(?P<path>[{|](?P<what>filename|static|attach|tag|category|index|author)
        [|}](?P<value>.*?))(?P=quote)""",
    re.X,
)


@dataclass(frozen=True)
class Linked:
    """What Pelican needs of a linked item: its URL inside its language's site."""

    url: str


def register(generator) -> None:
    """`generator_init`: reports and editions join Pelican's linkable content."""
    settings = generator.settings
    state = settings.get(build_state.STATE_KEY)
    if state is None or state.catalog is None:
        return
    lang = settings["DEFAULT_LANG"]
    known = generator.context.setdefault("generated_content", {})
    content = settings["PATH"]
    for entry in state.catalog.entries:
        if entry.lang != lang or entry.kind.writer == "pelican":
            continue
        path = page_path(state, entry)
        if path is not None:
            rel = os.path.relpath(entry.path, content).replace(os.sep, "/")
            known.setdefault(rel, Linked(path))


def page_path(state, entry) -> str | None:
    """The item's path inside its language's site, if that page is written."""
    if not publishing.is_written(entry.visibility(state.now)):
        return None
    record = state.pages.get(entry.lang, {}).get(entry.key)
    return record.path if record is not None else None


def resolve(html: str, entry, settings: dict) -> str:
    """`html` (the text of `entry`, a report or an edition) with its intrasite
    links replaced as Pelican replaces them in posts."""
    if entry is None or ("{" not in html and "|" not in html):
        return html
    html = imagesizes.sized(html, settings["PATH"], str(entry.path))
    state = build_state.get(settings)
    return LINK.sub(lambda match: _replace(match, entry, state, settings), html)


def _replace(match: re.Match, entry, state, settings: dict) -> str:
    what, value = match["what"], urlsplit(match["value"])
    url = _target(what, unquote(value.path), entry, state, settings)
    if url is None:
        where = [p for p in state.catalog.locate(match["path"]) if p.startswith(f"{entry.rel}:")]
        logger.warning(
            "%s: %s: no such page or file, left as written; run invoke check",
            where[0] if where else entry.rel,
            match["path"],
        )
        return match[0]
    joined = urlunsplit(("", "", url, value.query, value.fragment))
    return f"{match['markup']}{match['quote']}{joined}{match['quote']}"


def _target(what: str, path: str, entry, state, settings: dict) -> str | None:
    lang = entry.lang
    if what in ("tag", "category", "author"):
        wrapper = {"tag": Tag, "category": Category, "author": Author}[what]
        return state.url(lang, wrapper(path, settings).url)
    if what == "index":
        return state.url(lang, settings.get("INDEX_SAVE_AS", "index.html"))
    content = settings["PATH"]
    base = content if path.startswith("/") else os.path.dirname(entry.path)
    target = os.path.normpath(os.path.join(base, path.lstrip("/")))
    rel = os.path.relpath(target, content).replace(os.sep, "/")
    if rel.startswith("../"):
        return None
    if what == "filename" and rel.endswith(".md"):
        linked = state.catalog.by_path(target)
        found = page_path(state, linked) if linked is not None else None
        return state.url(linked.lang, found) if found is not None else None
    # a content file: published once, at the main site's root (static_files.py)
    return state.url(state.main_lang, rel) if os.path.isfile(target) else None
