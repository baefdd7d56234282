"""What a cache must be keyed on besides its input: the code that made it.

`code()` is one digest of this plugin's source and the versions of the
libraries whose output the site publishes, so a cache written by another
version of any of them is never read (markdown.py's cache of converted
texts, tools/build/buildcache.py's memo of a whole build).
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path

PLUGIN = Path(__file__).resolve().parent
LIBRARIES = (
    "pelican", "pelican-i18n-subsites", "markdown", "jinja2", "babel", "nh3", "libsass",
    "icalendar", "pagefind", "pagefind-bin", "cbor2", "brotli", "imagesize",
)  # fmt: skip


def digest_files(paths, root: Path, into=None):
    """Names and bytes of `paths`, in order, into one SHA-256."""
    found = into if into is not None else hashlib.sha256()
    for path in paths:
        found.update(path.relative_to(root).as_posix().encode() + b"\0")
        found.update(path.read_bytes() + b"\0")
    return found


@cache
def code() -> str:
    found = digest_files(sorted(PLUGIN.rglob("*.py")), PLUGIN)
    for name in LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        found.update(f"{name}={version}\0".encode())
    return found.hexdigest()
