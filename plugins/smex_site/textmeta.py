"""Metadata is text: it is escaped wherever it lands, and cannot reorder the page.

The templates run with Jinja autoescape on, so a title such as
`</script> "x" a < b` is shown as written in HTML and attributes. Three places
are outside the templates' reach, and this module handles them:

- The Summary is Markdown (Pelican's FORMATTED_FIELDS), and Markdown passes
  raw HTML through: `<img src=x onerror=…>` in a summary would be live in the
  feeds (type="html") and anywhere a template shows the summary with |safe. Our
  Markdown reader escapes `<`, `>` and `&` in formatted fields *before* Markdown
  runs, so *emphasis* still works and tags come out as text; and it passes the
  result through sanitize.clean(), so a `[x](javascript:…)` link or an image
  from another host cannot land there either.
- Pelican's feed writer treats the title as HTML (`Markup(title).striptags()`),
  which drops everything between `<` and `>` of a plain-text title. We put the
  title back, as text; feedgenerator escapes it for XML.
- Unbalanced direction controls (U+202A–U+202E, U+2066–U+2068) in a title would
  reverse whatever follows it, the site name in <title> for instance. We close
  each one at the end of the value. (Validation warns about them as well.)
"""

from __future__ import annotations

import html

from pelican.readers import MarkdownReader

from . import sanitize

EMBEDDINGS = {"\u202a", "\u202b", "\u202d", "\u202e"}  # closed by PDF U+202C
ISOLATES = {"\u2066", "\u2067", "\u2068"}  # closed by PDI U+2069
PDF, PDI = "\u202c", "\u2069"


def balance_bidi(text: str) -> str:
    """Close every direction embedding, override or isolate left open."""
    if not any(char in text for char in EMBEDDINGS | ISOLATES):
        return text
    stack: list[str] = []
    for char in text:
        if char in EMBEDDINGS:
            stack.append(PDF)
        elif char in ISOLATES:
            stack.append(PDI)
        elif char == PDF and stack and stack[-1] == PDF:
            stack.pop()
        elif char == PDI and PDI in stack:
            # a PDI also closes the embeddings opened inside its isolate
            while stack and stack.pop() != PDI:
                pass
    return text + "".join(reversed(stack))


def _text(values):
    if isinstance(values, str):
        return balance_bidi(values)
    return [balance_bidi(value) if isinstance(value, str) else value for value in values]


class TextMetadataMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, with metadata treated as text."""

    def _parse_metadata(self, meta):
        formatted = {name.lower() for name in self.settings["FORMATTED_FIELDS"]}
        safe = {}
        for name, raw in meta.items():
            values = _text(raw)
            if name.lower() in formatted:
                values = [html.escape(value, quote=False) for value in values]
            safe[name] = values
        parsed = super()._parse_metadata(safe)
        # Issue 10: what Markdown made of them keeps to the allowlist (no
        # javascript: link, no image from another host), even where the
        # validation did not run first.
        for name in formatted & set(parsed):
            if isinstance(parsed[name], str):
                parsed[name] = sanitize.clean(parsed[name], self.settings.get("SITEURL", ""))
        return parsed


def install_reader(readers) -> None:
    """`readers_init` receiver: use our reader for every Markdown extension."""
    for extension, reader in list(readers.reader_classes.items()):
        if reader is MarkdownReader:
            readers.reader_classes[extension] = TextMetadataMarkdownReader


def restore_feed_titles(context, feed) -> None:
    """`feed_generated` receiver: entry titles as written, not as stripped HTML."""
    titles = {}
    for name in ("articles", "pages", "hidden_articles"):
        for item in context.get(name) or []:
            titles[item.url] = str(item.title)
    for entry in feed.items:
        parts = (entry.get("link") or "").split("/")
        for start in range(len(parts)):
            title = titles.get("/".join(parts[start:]))
            if title is not None:
                entry["title"] = " ".join(title.split())
                break
