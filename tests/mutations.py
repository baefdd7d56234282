"""Changes the command-line tests make to a copy of content/: each returns a
function of the content folder, so a case is declared before it is run."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path


def replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def mutate(content: Path) -> None:
        path = content / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return mutate


def append(rel: str, text: str) -> Callable[[Path], None]:
    def mutate(content: Path) -> None:
        with open(content / rel, "a", encoding="utf-8") as handle:
            handle.write(text)

    return mutate


def write(rel: str, data: str | bytes) -> Callable[[Path], None]:
    def mutate(content: Path) -> None:
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")

    return mutate


def move(rel: str, to: str) -> Callable[[Path], None]:
    def mutate(content: Path) -> None:
        (content / to).parent.mkdir(parents=True, exist_ok=True)
        shutil.move(content / rel, content / to)

    return mutate


def unrecord(rel: str) -> Callable[[Path], None]:
    """Take out a translation's Translation-Of line: an older pair, whose
    translation records nothing yet ("unrecorded" until --accept)."""

    def mutate(content: Path) -> None:
        path = content / rel
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if not line.startswith("Translation-Of:")]
        assert len(kept) == len(lines) - 1, (rel, "has no Translation-Of line")
        path.write_text("".join(kept), encoding="utf-8")

    return mutate


def line_of(content: Path, rel: str, start: str) -> int:
    """The number of the one line of content/<rel> that starts with `start`:
    a test names a line by its text, so a line added above it moves nothing."""
    text = (content / rel).read_text(encoding="utf-8")
    found = [n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start)]
    assert len(found) == 1, (rel, start, found)
    return found[0]
