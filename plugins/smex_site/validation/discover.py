"""Find every content file and say which kind it is, by its folder.

Content lives in `<lang>/<folder>/<file>.md`; the folder names the kind
(kinds.py). Files anywhere else, in unknown folders, or in subfolders (which
Pelican would silently turn into categories of their own) are problems.
Shared folders at the top (images, files, extra, data) hold no content.
"""

from __future__ import annotations

import os
from pathlib import Path

from smex_site import contentfiles, frontmatter
from smex_site.fields import suggest
from smex_site.kinds import by_folder

from .core import Context, Problem

DATA_FOLDER = "data"


def shared_folders(ctx: Context) -> set[str]:
    static = {str(path).split("/", 1)[0] for path in ctx.settings.get("STATIC_PATHS", [])}
    return {*static, DATA_FOLDER}


def markdown_files(content: Path) -> list[Path]:
    """Every *.md under the content folder, without following links to folders."""
    found = []
    for folder, dirs, files in os.walk(content):
        dirs.sort()
        found += [Path(folder) / name for name in sorted(files) if name.endswith(".md")]
    return found


def discover(ctx: Context) -> tuple[list[tuple], list[Problem]]:
    """[(document, rel, lang, folder, kind)], problems."""
    folders = by_folder(ctx.kinds)
    shared = shared_folders(ctx)
    found, problems = [], []
    for path in markdown_files(ctx.content):
        rel = path.relative_to(ctx.content)
        shown = ctx.rel(path)
        if rel.parts[0] in shared or any(part.endswith(".md") for part in rel.parts[:-1]):
            continue  # (a folder named like a file: contentfiles reports it)
        place = _place_problem(rel, ctx, folders)
        if place:
            problems.append(Problem(shown, None, *place))
            continue
        # os.walk follows no link: a file that is not a link is inside content/
        inside = contentfiles.readable(path, ctx.content) if path.is_symlink() else path.is_file()
        if not inside:
            continue  # a dangling link, a link out, a loop: contentfiles reports it
        if path.stat().st_size > contentfiles.REFUSED_MARKDOWN_BYTES:
            continue  # too long to read: contentfiles refuses it
        try:
            text = frontmatter.read_text(path)
        except frontmatter.NotUTF8 as error:
            problems.append(not_utf8(shown, error))
            continue
        lang, folder = rel.parts[0], rel.parts[1]
        found.append((frontmatter.parse(path, text), shown, lang, folder, folders[folder]))
    return found, problems


def _place_problem(rel: Path, ctx: Context, folders: dict) -> tuple[str, str] | None:
    lang = rel.parts[0]
    known = ", ".join(sorted(folders))
    if lang not in ctx.languages or len(rel.parts) < 3:
        return (
            "path",
            (
                f"content files belong in <lang>/<section>/ with lang one of "
                f"{', '.join(ctx.languages)} and section one of {known}"
            ),
        )
    folder = rel.parts[1]
    if folder not in folders:
        return (
            "category",
            f"unknown section folder {folder!r}{suggest(folder, folders)}; expected one of {known}",
        )
    if len(rel.parts) > 3:
        flat = Path("content", lang, folder, rel.name)
        return (
            "path",
            (
                f"files of {folder}/ go directly in content/{lang}/{folder}/, not in a "
                f"subfolder (it would become a section of its own); move it to {flat}"
            ),
        )
    return None


def not_utf8(rel: str, error: frontmatter.NotUTF8) -> Problem:
    return Problem(
        rel,
        error.line,
        "encoding",
        f"not valid UTF-8 (byte 0x{error.byte:02x} on this line); save the file as UTF-8 "
        "(in your editor: Save with encoding, UTF-8)",
    )
