"""A release's manifest: what makes it complete, and the check that it still is.

`manifest(site)` lists every file of a built site with its SHA-256 in
`sha256sum -c`'s format. tools/deploy/releases.py writes it as
TARGET/releases/<name>.SHA256SUMS, beside the release (nginx serves the
release folder, not this file, and a SHA256SUMS the site publishes for its
mirrors cannot collide with it), and last: a release without one never
finished uploading. `verify()` runs on the target (through ssh for a remote
one, with find and sha256sum, as any Debian has): the folder holds exactly
the files listed, each with its hash. Deploy checks a new release before
switching to it; rollback checks the release it goes back to.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tools.deploy.target import Target

SUMS = ".SHA256SUMS"  # releases/<name>.SHA256SUMS


class ManifestError(Exception):
    """A built site that cannot be described by a manifest."""


def manifest(site: Path) -> str:
    """`sha256sum -c`'s format: '<hex>  ./<path>' for every file of the site, sorted."""
    lines = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_symlink() or not (path.is_file() or path.is_dir()):
            raise ManifestError(f"{path} is not a plain file or folder: a release holds only those")
        if path.is_dir():
            continue
        if "\n" in rel or "\\" in rel:
            raise ManifestError(f"{path!r}: a file name with a newline or backslash; rename it")
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  ./{rel}")
    return "\n".join(lines) + "\n"


def verify(target: Target, name: str, sums: str | None = None) -> str | None:
    """What is wrong with releases/<name> (None: it is complete and unchanged):
    its manifest (releases/<name>.SHA256SUMS, or `sums` while deploying) must
    exist and list exactly its files, and every file must have its hash."""
    folder = target.at(f"releases/{name}")
    sums = sums or target.at(f"releases/{name}{SUMS}")
    if not target.ok("test", "-d", folder):
        return "it is not a folder"
    if not target.ok("test", "-f", sums):
        return (
            "it has no manifest (releases/<name>.SHA256SUMS): its upload never finished, "
            "or it was made before releases recorded one"
        )
    listed = {line.split("  ./", 1)[-1] for line in target.must("cat", sums).splitlines()}
    found = set(
        target.must(
            "find", folder, "-mindepth", "1", "!", "-type", "d", "-printf", "%P\n"
        ).splitlines()
    )
    if found != listed:
        extra, missing = sorted(found - listed), sorted(listed - found)
        return "; ".join(
            part
            for part in (
                extra and f"files its manifest does not list: {_few(extra)}",
                missing and f"files missing: {_few(missing)}",
            )
            if part
        )
    # the manifest is opened before the cd: a relative target path stays right
    done = target.run(
        "sh",
        "-c",
        'exec <"$2" && cd "$1" && sha256sum --check --quiet --strict -',
        "sh",
        folder,
        sums,
    )
    if done.returncode != 0:
        changed = [line.split(": ", 1)[0].removeprefix("./") for line in done.stdout.splitlines()]
        return f"files that differ from its manifest: {_few(changed) or done.stderr.strip()}"
    return None


def _few(names: list[str]) -> str:
    return ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
