"""The one Markdown renderer.

Every Markdown text of the site goes through `Renderer`: posts and pages
(read by Pelican through reader.py), reports, editions, and summaries. One
Python-Markdown instance per configuration and process, `reset()` between
texts: building one per file is a good part of a build's time. A file's
Summary and body are converted in one pass (summary, a marker paragraph,
body), so each source file costs exactly one conversion.

A leaf: it imports only the cache's key and signature (fingerprint.py,
cachekey.py), so the reader, the checker and the generators all use it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from markdown import Markdown
from markdown.extensions.toc import slugify_unicode

from . import cachekey, fingerprint

MARKER = "smexsummarybreak9f1c3a"
MARKER_HTML = f"<p>{MARKER}</p>"
TOC = "markdown.extensions.toc"


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
