"""Putting a finished site in place: the swap, precompression, leftovers.

The site is written into a temporary sibling of the output folder and
swapped in whole once everything succeeded, so a failed or interrupted
build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

ABANDONED_AFTER = 6 * 3600  # seconds; no real build runs that long


def remove_abandoned_builds(target: Path) -> None:
    """Remove staging folders a killed build left beside the output.

    Only old ones: a younger folder may belong to a build running right now.
    """
    cutoff = time.time() - ABANDONED_AFTER
    for pattern in (f".{target.name}.building-*", f".{target.name}.old-*"):
        for leftover in target.parent.glob(pattern):
            if leftover.is_dir() and leftover.stat().st_mtime < cutoff:
                shutil.rmtree(leftover, ignore_errors=True)


# --- precompression (publish builds) -------------------------------------------

PRECOMPRESSED = {".html", ".css", ".js", ".svg", ".xml", ".json", ".ics", ".txt", ".bib", ".ris"}


def precompress(site: Path) -> int:
    """Write name.gz and name.br beside every text file; returns how many files.

    Servers send them as they are (nginx gzip_static, GitLab Pages), so a
    visitor on a slow line gets the smallest file with no work per request.
    Deterministic: gzip stores mtime 0 and no name, brotli stores neither, so
    two builds of the same tree stay byte-identical. `_headers` and the like
    are read by the host, never sent: left alone.
    """
    count = 0
    for path in sorted(site.rglob("*")):
        if path.suffix not in PRECOMPRESSED or path.name.startswith("_") or not path.is_file():
            continue
        precompress_file(path)
        count += 1
    return count


def precompress_file(path: Path) -> None:
    """name.gz and name.br beside one file (also after `invoke offline` fills a page)."""
    import gzip

    import brotli  # pinned in requirements.txt (fonttools uses it for woff2)

    data = path.read_bytes()
    path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, 9, mtime=0))
    path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=11))


def swap(staging: Path, target: Path) -> None:
    """Replace target with staging, never leaving a half-written site.

    On Linux one atomic exchange of the two names (renameat2 RENAME_EXCHANGE):
    at every instant `target` is either the whole old site or the whole new
    one. Elsewhere, two renames (a moment without `target`, never a mix).
    """
    os.chmod(staging, 0o755)
    if target.exists() and _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the old site
    elif target.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rename(target, retired / target.name)
        os.rename(staging, target)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.rename(staging, target)


def _exchange(first: Path, second: Path) -> bool:
    """Atomically swap two paths' names; False where the system cannot."""
    try:
        import ctypes

        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    return done == 0
