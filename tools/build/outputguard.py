"""Which folders a build may replace and `invoke clean` may delete.

A build writes the new site beside its output folder and then swaps the two,
so whatever `--output` names is replaced wholesale. This module decides, in
one function used by tools/build/sitebuild.py and tasks.py, whether a folder may be:

    refusal(target, settings=None, root=ROOT, require_site=True) -> str | None

None means go ahead; a string is the message for the person who asked, naming
the target and what to pass instead. Refused: the repository root or any
folder that contains it; the content folder (PATH), the theme (THEME),
plugins/ and .git/, any folder inside them and any folder that contains them;
anything that is or contains a file tracked by git; an existing file that is
not a folder; and, with `require_site`, an existing folder that is neither
empty nor a site a build wrote (no index.html at its top), which also guards
folders outside the repository (a home folder, say) and checkouts without git.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# A folder a build wrote always has the Arabic home page at its top.
SITE_MARKER = "index.html"


def refusal(
    target: str | Path,
    settings: dict | None = None,
    root: str | Path = ROOT,
    require_site: bool = True,
    label: str = "--output ",
    instead: str | None = None,
) -> str | None:
    """Why `target` must not be replaced or deleted, or None if it may be.

    label: how the message names the target ("--output content", say);
    instead: what to do instead (default: which --output to pass).
    """
    root = Path(root).resolve()
    shown = f"{label}{target}"
    # Resolve symlinks: `output -> .` must be treated as the root itself.
    real = Path(os.path.abspath(target)).resolve()
    if instead is None:
        instead = (
            "Pass --output a new or empty folder, or the folder of a previous build, "
            f"e.g. --output {root / 'output'}"
        )

    def refuse(reason: str) -> str:
        return f"{shown}: {reason}; nothing was deleted or moved. {instead}"

    for name, folder in _protected(settings, root):
        if real == folder:
            return refuse(f"that is {name}, which the build would replace with the site")
        if _inside(folder, real):
            return refuse(f"that folder contains {name}, {folder}, which the build would delete")
        if folder != root and _inside(real, folder):
            return refuse(
                f"that folder is inside {name}, {folder}, where the site would overwrite "
                "sources, or be read back as content by the next build"
            )
    if real.exists() and not real.is_dir():
        return refuse("that is a file, not a folder; the build would replace it with a folder")
    tracked = tracked_under(root, real)
    if tracked:
        return refuse(f"that holds {tracked}, a file tracked by git, which the build would delete")
    is_other_folder = real.is_dir() and not (real / SITE_MARKER).is_file()
    if require_site and is_other_folder and any(real.iterdir()):
        return refuse(
            f"that folder is not empty and is not a site a build wrote (no {SITE_MARKER} "
            "at its top), so everything in it would be deleted"
        )
    return None


def _protected(settings: dict | None, root: Path) -> list[tuple[str, Path]]:
    folders = [("the repository root", root)]
    settings = settings or {}
    for key, default, name in (
        ("PATH", "content", "the content folder"),
        ("THEME", "theme", "the theme"),
    ):
        value = settings.get(key) or default
        folders.append((f"{name} ({key})", (root / value).resolve()))
    folders.append(("the plugins folder", (root / "plugins").resolve()))
    folders.append(("the git folder", (root / ".git").resolve()))
    return folders


def _inside(path: Path, folder: Path) -> bool:
    """path is folder or somewhere under it."""
    return path == folder or folder in path.parents


def tracked_under(root: Path, target: Path) -> str | None:
    """A file git tracks that is `target` or inside it (relative to root), if any."""
    try:
        rel = target.relative_to(root)
    except ValueError:
        return None  # outside the repository (containing it was refused already)
    prefix = rel.as_posix()
    for path in _tracked(root):
        if path == prefix or path.startswith(prefix + "/"):
            return path
    return None


def _tracked(root: Path) -> tuple[str, ...]:
    """`git ls-files`; empty outside a git checkout (the other rules still hold)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z"],
            capture_output=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return ()
    if done.returncode != 0:
        return ()
    return tuple(p for p in done.stdout.decode("utf-8", "surrogateescape").split("\0") if p)


def cache_refusal(cache: Path) -> str | None:
    """The cache folder cannot be used: a file is in its place, a link is in
    it, or the key that signs it is kept inside it (smex_site/cachekey.py)."""

    from smex_site import cachekey

    blocking = next((p for p in (cache, *cache.parents) if p.exists()), None)
    if blocking is not None and not blocking.is_dir():
        return (
            f"the cache folder (CACHE_PATH) {cache} cannot be made: {blocking} is a file, "
            "not a folder. The build keeps converted Markdown and compiled files there. "
            "Move that file away or delete it; for the checkout's own cache/, "
            "`invoke clean` does (it empties output/ too; the next build makes both). "
            "The previous output was left as it was."
        )
    link = next(_links_under(cache), None)
    if link is not None:
        return (
            f"{link} in the cache folder (CACHE_PATH) is a symbolic link, and the build "
            "writes and empties folders there: through a link it would change files "
            "elsewhere. Nothing in the cache is ever a link the build made; run `invoke clean` "
            "(or delete the cache folder). The previous output was left as it was."
        )
    refused = cachekey.refusal(cache)
    if refused is None:
        try:
            cachekey.key()  # made or read now: a bad key file is said before anything is built
        except cachekey.CacheKeyError as error:
            refused = str(error)
    return f"{refused}\nThe previous output was left as it was." if refused else None


def _links_under(folder: Path):
    """Symbolic links inside `folder` (not followed)."""
    for parent, folders, files in os.walk(folder):
        for name in (*folders, *files):
            if os.path.islink(os.path.join(parent, name)):
                yield Path(parent, name)
