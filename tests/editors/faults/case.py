"""The one shape of a fault case: what to break in a copy of content/, and what
the build (and, for some, `invoke check`) must answer: one Expect per message."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.mutations import line_of


@dataclass(frozen=True)
class Expect:
    """One message: `content/<file>[:<line>]: <field>: ` followed by every one of
    `words` and none of `absent`."""

    file: str  # inside content/
    field: str
    words: tuple[str, ...]
    # the line: a number, a piece of text on it (looked up in the broken file), or None
    line: int | str | None = None
    absent: tuple[str, ...] = ()  # words the message must not have

    def where(self, content: Path) -> str:
        """'content/<file>:<line>' as a message starts, the line looked up in
        the broken copy at `content` when given as text."""
        line = self.line
        if isinstance(line, str):
            line = line_of(content, self.file, line)
        return f"content/{self.file}:{line}" if line else f"content/{self.file}"


@dataclass(frozen=True)
class Case:
    """One fault. Built alone in its own copy unless `together` (all of those in
    one copy, one build: the build reports every problem at once)."""

    id: str
    mutate: Callable[[Path], None]
    expects: tuple[Expect, ...]
    problems: int | None = None  # the exact number of errors, where it matters
    check: bool = False  # `invoke check` on the copy must say the same as the build
    together: bool = False
    group: str = ""  # what kind of fault: fields, messages, files, html, active, links
