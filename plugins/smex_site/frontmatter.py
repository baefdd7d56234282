"""Read a Markdown file's metadata block with line numbers, for validation.

Pelican's Markdown reader uses the `meta` extension: "Key: value" lines at the
top, continuation lines indented, a blank line before the body. We parse the
same shape ourselves so errors can name the line an editor must fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

KEY_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]*)\s*:\s?(?P<value>.*)$")
CONTINUATION = re.compile(r"^(?: {4}|\t)(?P<value>.*)$")


@dataclass
class Field:
    value: str
    line: int


@dataclass
class Document:
    path: Path
    fields: dict[str, Field] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    # (line, message) for lines that are neither metadata nor body
    syntax_errors: list[tuple[int, str]] = field(default_factory=list)

    def get(self, key: str, default=None):
        item = self.fields.get(key)
        return default if item is None else item.value

    def line(self, key: str) -> int | None:
        item = self.fields.get(key)
        return None if item is None else item.line


class NotUTF8(ValueError):
    def __init__(self, offset: int):
        super().__init__(offset)
        self.offset = offset


def read_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise NotUTF8(error.start) from None


def parse(path: Path, text: str) -> Document:
    doc = Document(path=path)
    lines = text.splitlines()
    last_key = None
    index = 0
    for index, line in enumerate(lines):
        number = index + 1
        if not line.strip():
            break
        match = KEY_LINE.match(line)
        continued = CONTINUATION.match(line) if last_key else None
        if continued:
            item = doc.fields[last_key]
            item.value = f"{item.value} {continued['value'].strip()}".strip()
        elif match:
            key = match["key"].lower()
            if key in doc.fields:
                doc.syntax_errors.append((number, f"{key}: given twice"))
            doc.fields[key] = Field(match["value"].strip(), number)
            last_key = key
        else:
            if not doc.fields:
                doc.syntax_errors.append(
                    (number, "the file must start with metadata lines such as 'Title: …'")
                )
            else:
                doc.syntax_errors.append(
                    (number, f"{line.strip()[:40]!r} is not a 'Key: value' line; "
                     "leave one blank line between the metadata and the text")
                )
            break
    else:
        index = len(lines)
    doc.body_line = index + 2
    doc.body = "\n".join(lines[index + 1 :])
    return doc
