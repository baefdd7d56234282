"""The one Markdown renderer, and the reader that gives Pelican our fields.

Every Markdown text of the site goes through `Renderer`: posts and pages
(read by Pelican through `SiteMarkdownReader`), reports, editions, and
summaries. One Python-Markdown instance per configuration and process,
`reset()` between texts: building one per file is a good part of a build's
time. A file's Summary and body are converted in one pass (summary, a marker
paragraph, body), so each source file costs exactly one conversion.

The reader does not use Markdown's `meta` extension: it reads the metadata
block with frontmatter.py and each value with its kind's parser (kinds.py),
so the checker and the build cannot read a file differently. In a build the
validation pass has parsed every file already; the reader takes those values
from the catalog instead of parsing again.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import tempfile
from pathlib import Path

from markdown import Markdown
from markdown.extensions.toc import slugify_unicode
from pelican.readers import BaseReader
from pelican.utils import SafeDatetime

from . import cachekey, fingerprint, sanitize, textmeta
from . import state as build_state

MARKER = "smexsummarybreak9f1c3a"
MARKER_HTML = f"<p>{MARKER}</p>"
TOC = "markdown.extensions.toc"
# Keys Pelican turns into objects itself (Tag, Category, Author).
PELICAN_PROCESSED = ("tags", "category", "author", "authors")


class Renderer:
    """One configured Markdown converter; counts its conversions.

    With a cache folder, each text's HTML is kept under the digest of the
    text, the configuration and the code (fingerprint.py): a rebuild converts
    only what changed, and a changed text, setting or plugin is a new key, so
    nothing stale is ever read. Each entry is signed (cachekey.py) and read
    back only if its MAC and its shape match; any other entry was not written
    by this checkout's builds: the text is converted again, the entry is
    replaced and never published, and the first such entry is named once.
    """

    def __init__(self, config: tuple, cache: Path | None = None):
        extensions, configs, output_format = config
        options = {name: dict(values) for name, values in configs}
        if TOC in extensions:
            # A heading's id is its own words, in any script ("## الأمان الرقمي" gets
            # id="الأمان-الرقمي"; the ASCII default gave Arabic headings "_1", "_2"),
            # so it stays the same while the heading does. (Not in `config`, the
            # cache key: the function is code, and the code is in the key.)
            options.setdefault(TOC, {}).setdefault("slugify", slugify_unicode)
        self._md = Markdown(
            extensions=list(extensions),
            extension_configs=options,
            output_format=output_format,
        )
        self._salt = f"{fingerprint.code()}\0{config!r}\0".encode()
        self._cache = cache
        self._distrusted = False
        self.conversions = 0

    def convert(self, text: str) -> str:
        return self._cached(("body", text), lambda: self._convert(text))

    def convert_pair(self, summary: str | None, body: str) -> tuple[str | None, str]:
        """(summary HTML, body HTML) in one conversion when there is a summary."""
        if not summary:
            return None, self.convert(body)
        return tuple(self._cached(("pair", summary, body), lambda: self._pair(summary, body)))

    def _convert(self, text: str) -> str:
        self.conversions += 1
        self._md.reset()
        return self._md.convert(text)

    def _pair(self, summary: str, body: str) -> tuple[str, str]:
        output = self._convert(f"{summary}\n\n{MARKER}\n\n{body}")
        if output.count(MARKER_HTML) != 1:  # a summary that swallowed the marker
            self.conversions -= 1
            return self._convert(summary), self._convert(body)
        head, _, tail = output.partition(MARKER_HTML)
        return head.strip(), tail.lstrip("\n")

    def _cached(self, key: tuple, make):
        if self._cache is None:
            return make()
        digest = hashlib.sha256(self._salt + json.dumps(key).encode()).hexdigest()
        path = self._cache / digest[:2] / f"{digest}.json"
        found = self._read_entry(path, digest.encode(), key[0])
        if found is not None:
            return found
        made = make()
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(made, ensure_ascii=False).encode("utf-8")
        # write then rename: a reader never sees half a file, even from another process
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(cachekey.signed(digest.encode(), payload))
        os.replace(temporary, path)
        return made

    def _read_entry(self, path: Path, label: bytes, kind: str):
        """The entry's value if this checkout's build wrote it; else None."""
        try:
            data = path.read_bytes()
        except OSError:
            return None  # not there yet: convert
        payload = cachekey.verified(label, data)
        try:
            value = json.loads(payload) if payload is not None else None
        except ValueError:
            value = None
        if _shaped(value, kind):
            return value
        if not self._distrusted:
            self._distrusted = True
            cachekey.distrusted(path, "converted Markdown")
        return None


def _shaped(value, kind: str) -> bool:
    """What `_cached` stores: a body's HTML, or a (summary, body) pair of it."""
    if kind == "body":
        return isinstance(value, str)
    return isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)


def _config(settings: dict) -> tuple:
    """A hashable form of the MARKDOWN setting, without the meta extension."""
    config = settings.get("MARKDOWN", {})
    configs = config.get("extension_configs", {})
    extensions = [str(e) for e in config.get("extensions", []) if not str(e).endswith(".meta")]
    extensions += [
        name for name in configs if name not in extensions and not name.endswith(".meta")
    ]
    frozen = tuple(
        (name, tuple(sorted(options.items())))
        for name, options in configs.items()
        if not name.endswith(".meta")
    )
    return tuple(extensions), frozen, config.get("output_format", "html5")


_RENDERERS: dict[tuple, Renderer] = {}


CACHE_FOLDER = "markdown"  # under CACHE_PATH


def renderer(settings: dict) -> Renderer:
    """This process's renderer for the site's configuration and cache."""
    cache = settings.get("CACHE_PATH")
    # one folder per key: a cache written under another key is never read
    cache = Path(cache).resolve() / CACHE_FOLDER / cachekey.key_id() if cache else None
    key = (_config(settings), cache, os.getpid())  # a forked worker makes its own
    found = _RENDERERS.get(key)
    if found is None:
        found = _RENDERERS[key] = Renderer(key[0], cache)
    return found


def conversions() -> int:
    """Markdown conversions so far in this process (the benchmark prints them)."""
    return sum(r.conversions for (*_, pid), r in _RENDERERS.items() if pid == os.getpid())


def summary_source(text: str) -> str:
    """A summary is text: its <, > and & are shown, not read as HTML."""
    return html.escape(text, quote=False)


class SiteMarkdownReader(BaseReader):
    """Pelican's reader for our .md files, fed by the kinds' parsers."""

    enabled = True
    file_extensions = ("md",)

    def read(self, source_path):
        entry = self._entry(source_path)
        summary = entry.values.get("summary")
        summary_html, content = renderer(self.settings).convert_pair(
            summary_source(summary) if summary else None, entry.doc.body
        )
        metadata = {}
        for name, value in entry.values.items():
            metadata[name] = self._value(name, value)
        if summary_html is not None:
            # what Markdown made of an editor's summary keeps to the allowlist
            metadata["summary"] = sanitize.clean(summary_html, self.settings.get("SITEURL", ""))
        metadata.pop("translate", None)
        return content, metadata

    def _entry(self, source_path: str):
        """The catalog's entry; outside a build (no catalog), the file read now,
        by its kind, with the same parsers."""
        state = self.settings.get(build_state.STATE_KEY)
        if state is not None and state.catalog is not None:
            entry = state.catalog.by_path(source_path)
            if entry is not None:
                return entry
        import smex_site
        from smex_site import frontmatter, validation

        rel = os.path.relpath(source_path, self.settings["PATH"])
        text = frontmatter.read_text(source_path)
        entry, problems = validation.read_one(self.settings, smex_site.KINDS, rel, text)
        errors = validation.errors(problems)
        if errors:
            raise validation.ContentError(errors)
        return entry

    def _value(self, name: str, value):
        if isinstance(value, str) and name != "summary":
            value = textmeta.balance_bidi(value)
        if name in PELICAN_PROCESSED:
            return self.process_metadata(name, value)
        if name in ("date", "modified"):
            return SafeDatetime.fromisoformat(value.isoformat())
        return value
