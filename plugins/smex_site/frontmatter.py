"""A content file's metadata block, split exactly as Pelican's reader splits it.

The shape is Python-Markdown's `meta` extension's, and we use its own
patterns, so this parser and the extension cannot disagree about what a
metadata line is: "Key: value" lines at the top (optionally between `---`
fences), continuation lines indented by four spaces (a tab counts as four,
as Markdown expands tabs first), a blank line before the body. A line that
fits none of these ends the metadata; everything from there is text. We read
the rest of the block leniently only to report it (`syntax_errors`), so an
editor fixes the whole block at once; `broken_keys` keeps those keys from
also being called "missing".

The site's own Markdown reader (reader.py) reads files through `parse()`,
so the checker and the build see the same fields and the same body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown.extensions.meta import BEGIN_RE, END_RE, META_MORE_RE, META_RE

# "Status : draft", "Date : …": a key, spaces, then the colon. The meta
# extension does not read it, so the file would go out with it as text.
SPACED_COLON = re.compile(r"^ {0,3}(?P<key>[A-Za-z0-9_-]+)\s+:")


@dataclass
class Field:
    value: str
    line: int
    # lines after the first (Pelican turns most such values into lists)
    continued: bool = False


@dataclass
class Document:
    path: Path
    fields: dict[str, Field] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    # (line, message) for lines that are neither metadata nor body
    syntax_errors: list[tuple[int, str]] = field(default_factory=list)
    # first words of broken lines ("Date 2023-10-02" -> "date"): not "missing"
    broken_keys: set[str] = field(default_factory=set)

    def get(self, key: str, default=None):
        item = self.fields.get(key)
        return default if item is None else item.value

    def line(self, key: str) -> int | None:
        item = self.fields.get(key)
        return None if item is None else item.line

    def body_lines(self):
        """(line number in the file, text) for each line of the body."""
        for offset, text in enumerate(self.body.split("\n")):
            yield self.body_line + offset, text


class NotUTF8(ValueError):
    def __init__(self, offset: int, line: int, byte: int):
        super().__init__(offset)
        self.offset = offset
        self.line = line
        self.byte = byte


def decode(raw: bytes) -> str:
    """UTF-8 text without a byte-order mark (Windows Notepad writes one)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise NotUTF8(error.start, line, raw[error.start]) from None


def read_text(path: Path) -> str:
    """Every text file the site reads (Markdown, TOML, JSON) comes through here."""
    return decode(Path(path).read_bytes())


def parse(path: Path, text: str) -> Document:
    """Fields with their lines, the body, and the lines that break the format."""
    doc = Document(path=path)
    lines = text.expandtabs(4).splitlines()
    start = 1 if lines and BEGIN_RE.match(lines[0]) else 0
    end = len(lines)
    last_key = None
    broken = False
    for index in range(start, len(lines)):
        line = lines[index]
        if not line.strip() or END_RE.match(line):
            end = index
            break
        match = META_RE.match(line)
        more = META_MORE_RE.match(line) if last_key and not match else None
        if match:
            last_key = _add_field(doc, match["key"].lower(), match["value"].strip(), index + 1)
        elif more:
            item = doc.fields[last_key]
            item.value = f"{item.value} {more['value'].strip()}".strip()
            item.continued = True
        else:
            last_key = None
            if not broken:  # one message per block: the first line that breaks it
                broken = True
                _report_broken(doc, line, index + 1, first=index == start)
    doc.body_line = end + 2
    doc.body = "\n".join(lines[end + 1 :])
    return doc


def _add_field(doc: Document, key: str, value: str, number: int) -> str:
    if key in doc.fields:
        first = doc.fields[key].line
        doc.syntax_errors.append((number, f"{key}: given twice (first on line {first}); keep one"))
    else:
        doc.fields[key] = Field(value, number)
    return key


def _report_broken(doc: Document, line: str, number: int, first: bool) -> None:
    shown = repr(line.strip()[:40])
    spaced = SPACED_COLON.match(line)
    if spaced:
        key = spaced["key"]
        doc.broken_keys.add(key.lower())
        value = line.split(":", 1)[1].strip()
        message = (
            f"{shown} has a space before the colon, so it is not read as metadata and "
            f"would be published as text; write '{key}: {value}'"
        )
    elif first:
        doc.broken_keys.add(line.split(maxsplit=1)[0].lower().rstrip(":"))
        message = (
            f"{shown} is not a metadata line; the file must start with lines "
            "such as 'Title: …' (a name, a colon, a value)"
        )
    else:
        doc.broken_keys.add(line.split(maxsplit=1)[0].lower().rstrip(":"))
        message = (
            f"{shown} is not a 'Key: value' line; add the missing colon, or "
            "leave one blank line between the metadata and the text"
        )
    doc.syntax_errors.append((number, message))
