"""The reader Pelican uses for our .md files, fed by the kinds' parsers.

It does not use Markdown's `meta` extension: it takes each file's metadata
from the content catalog the build's check made (validation.Catalog), which
read the block with frontmatter.py and each value with its kind's parser
(kinds.py), so the checker and the build cannot read a file differently and
no file is parsed twice. The text goes through the one renderer (markdown.py).
Every other reader is off (read_only_markdown): contentfiles.py reports the
files they would have read.
"""

from __future__ import annotations

from pelican.readers import BaseReader
from pelican.utils import SafeDatetime

from . import sanitize, textmeta
from . import state as build_state
from .contentfiles import CONTENT_EXTENSION
from .markdown import renderer

# Keys Pelican turns into objects itself (Tag, Category, Author).
PELICAN_PROCESSED = ("tags", "category", "author", "authors")


def read_only_markdown(readers) -> None:
    """`readers_init` receiver: every reader but Markdown's `.md` is off.

    So a `.markdown`, `.html` or `.rst` file is never read, even by a plain
    `pelican` run; contentfiles.check() reports such files to the editor.
    """
    keep = {CONTENT_EXTENSION, *BaseReader.file_extensions}  # "static": images, PDFs
    for extension in list(readers.reader_classes):
        if extension not in keep:
            readers.reader_classes[extension] = None


class SiteMarkdownReader(BaseReader):
    """Pelican's reader for our .md files, fed by the kinds' parsers."""

    enabled = True
    file_extensions = ("md",)

    def read(self, source_path):
        entry = self._entry(source_path)
        summary = entry.values.get("summary")
        summary_html, content = renderer(self.settings).convert_pair(
            textmeta.summary_source(summary) if summary else None, entry.doc.body
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
        """The build's catalog entry; a file the check did not read is read now,
        by the build's kinds, with the same parsers (Catalog.entry)."""
        return build_state.get(self.settings).catalog.entry(source_path)

    def _value(self, name: str, value):
        if isinstance(value, str) and name != "summary":
            value = textmeta.balance_bidi(value)
        if name in PELICAN_PROCESSED:
            return self.process_metadata(name, value)
        if name in ("date", "modified"):
            return SafeDatetime.fromisoformat(value.isoformat())
        return value
