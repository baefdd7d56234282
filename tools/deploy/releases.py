"""Releases on your own server: upload a built site, switch to it atomically, roll back.

    TARGET/releases/20231020T120000Z-1a2b3c4d5e6f/   one folder per deploy
    TARGET/releases/20231020T120000Z-1a2b3c4d5e6f.SHA256SUMS
                                                     its files' hashes, written last
    TARGET/current -> releases/<the live one>        what nginx's root points at

TARGET is a local folder or user@host:path (rsync over ssh; the server needs
rsync and GNU coreutils, as any Debian has). The same commands run in both
cases, only through ssh for a remote one, so the local tests exercise the
remote path's logic too.

- `check()` fails before anything moves: a target that does not exist, is not
  writable, or has a `current` that is not our symlink.
- `release()` uploads into releases/.partial-<name>, renames it, checks it
  against the manifest of the built folder (`sha256sum -c` format, beside the
  release so nginx never serves it and a published SHA256SUMS cannot collide
  with it), writes that manifest under its final name last, then points a
  new symlink at the release and renames that over `current` (rename(2):
  visitors see the old site or the new one, never a mix). A failed upload or
  check removes what it wrote and leaves `current` alone. The last KEEP
  releases stay (never the live one); unchanged files are hard links to the
  previous release. A release is named after the newest one when the clock
  is behind it (a clock that was once ahead), never by counting seconds.
- `rollback()` points `current` at an earlier release, only one whose
  manifest exists and whose files are exactly those it lists, hash for hash
  (a release whose upload never finished has none).

    python -m tools.deploy.releases upload SITE --to TARGET [--keep 5]
    python -m tools.deploy.releases rollback --to TARGET [--release NAME]
    invoke deploy --to TARGET / invoke rollback --to TARGET [--release NAME]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tools.deploy.releasecheck import SUMS, ManifestError, manifest, verify
from tools.deploy.target import SSH, DeployFailed, Target

ROOT = Path(__file__).resolve().parents[2]
KEEP = 5
RELEASE = re.compile(r"^\d{8}T\d{6}Z-[0-9a-z]+(?:-[0-9a-z]+)*$")
STAMP = "%Y%m%dT%H%M%SZ"  # a release name's UTC time


def rollback_target(text: str | None) -> Target:
    """rollback's --to: the target, named as for deploy, never a release."""
    text = (text or "").strip()
    if RELEASE.match(text) and not Path(text).exists():
        raise DeployFailed(
            f"--to names the deploy target, as for `invoke deploy`; {text!r} looks like "
            f"a release: invoke rollback --to TARGET --release {text}"
        )
    return Target.parse(text)


def check(target: Target) -> None:
    """Everything that can be known before a build: fail now, move nothing."""
    if shutil.which("rsync") is None:
        raise DeployFailed("rsync is not installed here: sudo apt-get install -y rsync")
    where = f" on {target.host}" if target.host else ""
    if not target.ok("test", "-d", target.path):
        raise DeployFailed(
            f"{target} does not exist or is not a folder; create it first"
            f"{where} (mkdir -p {shlex.quote(target.path)}) and make it the deploying "
            "user's, then deploy again"
        )
    for rel in ("", "releases"):
        if target.ok("test", "-e", target.at(rel)) and not target.ok("test", "-w", target.at(rel)):
            raise DeployFailed(
                f"{target.at(rel)}{where} is not writable by the deploying user; "
                "give that user the folder (chown) or deploy as its owner"
            )
    current = target.at("current")
    if target.ok("test", "-e", current) and not target.ok("test", "-L", current):
        raise DeployFailed(
            f"{current}{where} is a real file or folder, not the symlink deploy manages; "
            "move it out of the way (it may be a site copied by hand), then deploy again"
        )
    if target.host and not target.ok("sh", "-c", "command -v rsync"):
        raise DeployFailed(f"rsync is not installed on {target.host}: apt-get install -y rsync")


def releases(target: Target) -> list[str]:
    """Release names, oldest first (the names start with their UTC time)."""
    if not target.ok("test", "-d", target.at("releases")):
        return []
    names = target.must("ls", "-1A", target.at("releases")).split()
    return sorted(name for name in names if RELEASE.match(name))


def current(target: Target) -> str | None:
    done = target.run("readlink", target.at("current"))
    return done.stdout.strip().rsplit("/", 1)[-1] if done.returncode == 0 else None


def release_name(now: dt.datetime | None = None, existing: list[str] = ()) -> str:
    """<UTC time>-<commit>[-dirty]: names sort by time. When the newest existing
    release is not older than now (two deploys in one second, or a clock that
    was once ahead), the name takes the second after that release's."""
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    if existing and f"{moment:{STAMP}}" <= existing[-1][:16]:
        return _after(existing[-1])
    return f"{moment:{STAMP}}-{_commit()}"


def _after(newest: str) -> str:
    try:
        moment = dt.datetime.strptime(newest[:16], STAMP).replace(tzinfo=dt.UTC)
        return f"{moment + dt.timedelta(seconds=1):{STAMP}}-{_commit()}"
    except (ValueError, OverflowError):
        raise DeployFailed(
            f"releases/{newest} is named with a time that does not exist; move it out "
            "of releases/ (it cannot be a release deploy made), then deploy again"
        ) from None


def _commit() -> str:
    git = ["git", "-C", str(ROOT)]
    commit = subprocess.run(
        [*git, "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    dirty = subprocess.run(
        [*git, "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return (commit or "nogit") + ("-dirty" if dirty else "")


def release(site: Path, target: Target, keep: int = KEEP) -> str:
    """Upload `site` as a new release, check it, switch `current` to it, prune; its name."""
    site = Path(site)
    if not (site / "index.html").is_file():
        raise DeployFailed(f"{site} holds no built site (no index.html): run `invoke publish`")
    if keep < 1:
        raise DeployFailed(f"--keep {keep}: keep at least the live release (1 or more)")
    check(target)
    try:
        sums = manifest(site)
    except ManifestError as error:
        raise DeployFailed(str(error)) from None
    name = release_name(existing=releases(target))
    partial = f"releases/.partial-{name}"
    target.must("mkdir", "-p", target.at("releases"))
    previous = current(target)
    # Every build writes every file anew, so content decides what is unchanged
    # (--checksum), and build times are not copied (no -t): an unchanged file
    # stays the same inode, with the same mtime, so its ETag and the visitors'
    # cached copy stay valid across deploys.
    command = ["rsync", "-rlpD", "--delete", "--checksum"]
    if target.host:
        command += ["-e", shlex.join(SSH)]
    if previous:  # unchanged files become hard links to the live release's
        command.append(f"--link-dest=../{previous}")
    command += [f"{site}/", target.rsync_destination(partial) + "/"]
    uploaded = subprocess.run(command, capture_output=True, text=True, check=False)
    if uploaded.returncode != 0:
        target.run("rm", "-rf", target.at(partial))
        raise DeployFailed(
            f"upload failed (rsync exit {uploaded.returncode}): {uploaded.stderr.strip()}\n"
            f"current still points at {previous or 'nothing'}"
        )
    target.must("mv", target.at(partial), target.at(f"releases/{name}"))
    staged = f"releases/.partial-{name}{SUMS}"
    _upload_text(sums, target, staged)
    problem = verify(target, name, target.at(staged))
    if problem:
        target.run("rm", "-rf", target.at(f"releases/{name}"), target.at(staged))
        raise DeployFailed(
            f"the uploaded release {name} does not match the built site: {problem}; it was "
            f"removed, and current still points at {previous or 'nothing'}"
        )
    target.must("mv", target.at(staged), target.at(f"releases/{name}{SUMS}"))  # complete
    switch(target, name)
    prune(target, keep)
    return name


def _upload_text(text: str, target: Target, rel: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        local = Path(folder) / "SHA256SUMS"
        local.write_text(text, encoding="utf-8")
        command = ["rsync", "-p"] + (["-e", shlex.join(SSH)] if target.host else [])
        done = subprocess.run(
            [*command, str(local), target.rsync_destination(rel)],
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        raise DeployFailed(f"upload of the manifest failed: {done.stderr.strip()}")


def switch(target: Target, name: str) -> None:
    """Point `current` at releases/<name> in one rename (relative link: the
    folder may be mounted or moved elsewhere)."""
    staged = target.at(".current.new")
    target.must("ln", "-sfn", f"releases/{name}", staged)
    target.must("mv", "-Tf", staged, target.at("current"))


def prune(target: Target, keep: int) -> list[str]:
    live = current(target)
    found = releases(target)
    gone = [name for name in found[:-keep] if name != live]
    for name in gone:
        target.must("rm", "-rf", target.at(f"releases/{name}"), target.at(f"releases/{name}{SUMS}"))
    return gone


def rollback(target: Target, to: str | None = None) -> str:
    """Point `current` at release `to`, or at the one before the live one, once
    it is shown complete and unchanged (verify)."""
    check(target)
    found = releases(target)
    live = current(target)
    if to:
        name = to.rstrip("/").rsplit("/", 1)[-1]
        if name not in found:
            raise DeployFailed(
                f"no release {name!r} in {target.at('releases')}; there are: "
                + (", ".join(found) or "none")
            )
    else:
        older = [n for n in found if live is None or n < live]
        if not older:
            raise DeployFailed(f"no release older than {live or 'nothing'} in {target}")
        name = older[-1]
    problem = verify(target, name)
    if problem:
        others = [n for n in found if n not in (name, live)]
        raise DeployFailed(
            f"release {name} cannot go live: {problem}. Choose another with --release NAME"
            + (f" (there are also: {', '.join(others)})" if others else "")
            + ", or deploy again"
        )
    switch(target, name)
    return name


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    upload = commands.add_parser("upload", help="upload a built site as a new release")
    upload.add_argument("site", type=Path)
    upload.add_argument("--to", required=True)
    upload.add_argument("--keep", type=int, default=KEEP)
    back = commands.add_parser("rollback", help="point current at an earlier release")
    back.add_argument("--to", required=True, help="the deploy target")
    back.add_argument("--release", default=None)
    args = parser.parse_args(argv)
    try:
        target = Target.parse(args.to) if args.command == "upload" else rollback_target(args.to)
        if args.command == "upload":
            print(f"Deployed {release(args.site, target, args.keep)} to {target}")
        else:
            print(f"{target}/current -> releases/{rollback(target, args.release)}")
    except DeployFailed as failure:
        print(f"Deploy failed. {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
