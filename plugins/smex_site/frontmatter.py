"""Read a Markdown file's metadata block with line numbers, for validation.

Pelican's Markdown reader uses Python-Markdown's `meta` extension: "Key: value"
lines at the top (optionally between `---` fences), continuation lines
indented by four spaces, a blank line before the body. We parse the same shape
ourselves so errors can name the line an editor must fix, and report what the
extension would silently do differently from what the editor meant (a line
without a colon ends the metadata and becomes text; a continued title turns
into a list).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# Python-Markdown's META_RE allows up to three leading spaces.
KEY_LINE = re.compile(r"^ {0,3}(?P<key>[A-Za-z0-9][A-Za-z0-9_-]*)\s*:\s?(?P<value>.*)$")
CONTINUATION = re.compile(r"^(?: {4,}|\t)(?P<value>.*)$")
FENCE_START = re.compile(r"^-{3}(\s.*)?$")
FENCE_END = re.compile(r"^(-{3}|\.{3})(\s.*)?$")


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


def read_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise NotUTF8(error.start, line, raw[error.start]) from None


def parse(path: Path, text: str) -> Document:
    """Fields with their lines, the body, and the lines that break the format.

    Pelican's reader stops reading metadata at the first line that is not
    "Key: value" (and reads none at all if the very first line is not). We
    report that line, then keep reading the rest of the block leniently, so
    one missing colon gives one message, not "missing" for every later key.
    """
    doc = Document(path=path)
    lines = text.splitlines()
    start = 0
    fenced = bool(lines) and FENCE_START.match(lines[0]) is not None
    if fenced:
        start = 1
    last_key = None
    broken = False
    end = len(lines)
    for index in range(start, len(lines)):
        line = lines[index]
        number = index + 1
        if not line.strip() or (fenced and FENCE_END.match(line)):
            end = index
            break
        match = KEY_LINE.match(line)
        continued = CONTINUATION.match(line) if last_key else None
        if continued:
            item = doc.fields[last_key]
            item.value = f"{item.value} {continued['value'].strip()}".strip()
            item.continued = True
        elif match:
            key = match["key"].lower()
            if key in doc.fields:
                first = doc.fields[key].line
                doc.syntax_errors.append(
                    (number, f"{key}: given twice (first on line {first}); keep one")
                )
            else:
                doc.fields[key] = Field(match["value"].strip(), number)
            last_key = key
        else:
            last_key = None
            if broken:
                continue  # one message per block: the first line that breaks it
            broken = True
            shown = repr(line.strip()[:40])
            doc.broken_keys.add(line.split(maxsplit=1)[0].lower().rstrip(":"))
            if index == start:
                message = (
                    f"{shown} is not a metadata line; the file must start with lines "
                    "such as 'Title: …' (a name, a colon, a value)"
                )
            else:
                message = (
                    f"{shown} is not a 'Key: value' line; add the missing colon, or "
                    "leave one blank line between the metadata and the text"
                )
            doc.syntax_errors.append((number, message))
    doc.body_line = end + 2
    doc.body = "\n".join(lines[end + 1 :])
    return doc
