"""Whether a path an editor wrote names a file.

Metadata and links are any text: a 300-letter summary taken for a path, or a
name with a NUL, makes the file system refuse the question (ENAMETOOLONG,
ValueError) where pathlib only absorbs "no such file". Such a name is no
file, and the caller says so as it would of any missing file.
"""

from __future__ import annotations

from pathlib import Path


def is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False
