"""`invoke programme --year YEAR --from FILE_OR_URL [--force]`.

Copies pretalx's schedule export (a file, or an https:// URL such as
https://pretalx.example/<event>/schedule/export/schedule.json) into
content/data/programme/<year>.json, after checking it exactly as the build
will, and stores a checked copy of each speaker's avatar under
content/images/programme/<year>/ (avatars.py; not with --no-avatars). The
only command that touches the network; never part of a build.

Nothing is written unless the export passes the check; text is stored in
Unicode NFC (composed, as the web expects), otherwise byte for byte; an existing file that
differs is kept unless --force; the new file replaces the old in one step
(a temporary file beside it, then a rename), so a failure leaves either the
old file or the new one, never half of either.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import ssl
import sys
import tempfile
import unicodedata
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 30  # seconds, for the connection and each read
MAX_BYTES = 50 * 1024 * 1024  # far above any real programme; stops a runaway download


class ProgrammeError(Exception):
    """The export cannot be taken in; the message says why and what to do."""


class _HttpsOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.lower().startswith("https://"):
            raise ProgrammeError(f"{req.full_url} redirects to {newurl}, which is not https://")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(source: str) -> bytes:
    """The bytes of a local file or of an https:// URL."""
    if "://" in source:
        if not source.lower().startswith("https://"):
            raise ProgrammeError(
                f"{source}: only https:// addresses are fetched; use the https address "
                "pretalx shows under Schedule > Export, or download the file and give its path"
            )
        context = ssl.create_default_context()  # verifies the certificate and host name
        opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=context), _HttpsOnlyRedirects()
        )
        request = urllib.request.Request(source, headers={"Accept": "application/json"})
        try:
            with opener.open(request, timeout=TIMEOUT) as response:
                data = response.read(MAX_BYTES + 1)
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise ProgrammeError(f"{source}: could not download it ({reason})") from None
        if len(data) > MAX_BYTES:
            raise ProgrammeError(f"{source}: larger than {MAX_BYTES // 2**20} MB; not a programme")
        return data
    path = Path(source).expanduser()
    if not path.is_file():
        raise ProgrammeError(f"{source}: no such file")
    return path.read_bytes()


def in_nfc(data: bytes) -> bytes:
    """The export with its text in Unicode NFC; unchanged when it is already
    (JSON's own characters are ASCII, which NFC leaves alone). Bytes that are
    not UTF-8 are kept for the reader to report."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data
    if unicodedata.is_normalized("NFC", text):
        return data
    return unicodedata.normalize("NFC", text).encode("utf-8")


def edition_facts(settings: dict, year: int) -> tuple[dict, object, tuple]:
    """The editions as the build reads them (the catalog, drafts included),
    for the reader; the labels table and the site's languages. The
    programmes' own problems do not count: replacing a broken export is what
    this command is for."""
    from smex_site.convening.programme import FOLDER, kind
    from tools.editors import content

    catalog = content.collect(settings)
    programmes = f"{Path(settings['PATH']).name}/{FOLDER}/"
    errors = [p for p in catalog.errors if not p.path.startswith(programmes)]
    if errors:
        listed = "\n".join(f"  {p}" for p in errors)
        raise ProgrammeError(f"fix the content first (invoke check):\n{listed}")
    labels = (catalog.data.get(kind.NAME) or kind.Programmes()).labels
    return kind.inputs(catalog, catalog.ctx, year), labels, tuple(catalog.ctx.languages)


def unlabelled(found, labels, site_languages, table: str) -> list[str]:
    """One line per language: the rooms, tracks and types of this export
    that the labels table does not translate into it."""
    from babel import Locale

    used = {
        "rooms": found.rooms,
        "tracks": found.tracks,
        "types": sorted({s.type for s in found.sessions if s.type}),
    }
    lines = []
    for code in site_languages:
        groups = []
        for group, names in used.items():
            lacking = [n for n in names if code in labels.missing(group, n, site_languages)]
            if lacking:
                groups.append(f"{group} " + ", ".join(f'"{n}"' for n in lacking))
        if groups:
            language = Locale.parse(code).get_display_name("en")
            lines.append(
                f"No {language} label in {table} for: {'; '.join(groups)}. {language} pages "
                f"show them as written; add each under its table, e.g. [rooms] "
                f'"Main Hall" = {{ {code} = "…" }} (docs/programme.md, section 4).'
            )
    return lines


def _write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    umask = os.umask(0)
    os.umask(umask)
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~umask
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.chmod(name, mode)  # mkstemp makes it private; the content file is not
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(name, target)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def _history(target: Path, found, parse, at) -> bytes:
    """<year>.history.json with this import added: what the build compares to
    say what changed (changes.py). The first time, the export being replaced
    is recorded first (at its file's time), so this import's changes show."""
    from smex_site.convening.programme import changes

    path = target.with_name(target.stem + changes.SUFFIX)
    previous = None
    if path.is_file():
        try:
            previous = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            previous = None  # the build warns about it; start it anew
    if not isinstance(previous, dict) and target.is_file():
        old, _ = parse(target.read_bytes())
        if old is not None:
            then = dt.datetime.fromtimestamp(target.stat().st_mtime, dt.UTC)
            previous = changes.with_import(None, old, min(then, at))
    return changes.dumps(changes.with_import(previous, found, at))


def run(
    settings: dict,
    year: int,
    source: str,
    force: bool = False,
    out=sys.stdout,
    now=None,
    avatars: bool = True,
) -> int:
    """Check the export and write it, then (unless not `avatars`) its
    speakers' avatars; 0 on success, 1 when nothing was written. `now` is
    when it is taken in (the clock's, unless a test gives one)."""
    from smex_site.convening import programme
    from smex_site.convening.programme.kind import LABELS_FILE

    content = Path(settings["PATH"])
    target = content / programme.FOLDER / f"{year}.json"
    shown = Path(content.name) / target.relative_to(content)
    try:
        facts, labels, site_languages = edition_facts(settings, year)
        data = in_nfc(fetch(source))
    except ProgrammeError as error:
        print(f"error: {error}\nNothing was written.", file=out)
        return 1
    release = facts.pop("release")
    found, problems = programme.parse(data, rel=source, year=year, **facts)
    for problem in problems:
        print(f"{problem.severity}: {problem}", file=out)
    if found is None:
        print(f"{source} is not a programme the site can use; nothing was written.", file=out)
        return 1
    warnings = sum(1 for p in problems if p.severity == "warning")
    counts = {
        "day": len([day for day in found.days if day.sessions]),
        "session": len(found.sessions),
        "speaker": len(programme.speakers(found)),
        "room": len(found.rooms),
        "track": len(found.tracks),
        "warning": warnings,
    }
    listed = ", ".join(f"{n} {noun}{'' if n == 1 else 's'}" for noun, n in counts.items())
    print(f"Found {listed}.", file=out)
    table = shown.parent / LABELS_FILE
    for line in unlabelled(found, labels, site_languages, str(table)):
        print(line, file=out)
    if target.is_file():
        if target.read_bytes() == data:
            but = " but its avatars" if avatars else ""
            print(f"{shown} is already this export; nothing to do{but}.", file=out)
            _avatars(content, year, found, out, avatars)
            return 0
        if not force:
            print(
                f"error: {shown} exists and differs; run again with --force to replace it. "
                "Nothing was written.",
                file=out,
            )
            return 1
    now = now or dt.datetime.now(dt.UTC)

    def parse(old: bytes):
        return programme.parse(old, rel=str(shown), year=year, **facts)

    history = _history(target, found, parse, now)
    _write_atomically(target, data)
    _write_atomically(target.with_name(f"{year}.history.json"), history)
    print(f"Wrote {shown}.", file=out)
    print(f"Kept what changed since the last import in {year}.history.json beside it.", file=out)
    _avatars(content, year, found, out, avatars)
    if release is not None:
        moment = release.at.isoformat(timespec="minutes")
        print(
            f"It stays off the site until the programme-released milestone ({moment}); "
            f"preview it with: invoke build --now {moment}",
            file=out,
        )
    else:
        print(
            f"The {year} edition has no programme-released milestone: the programme "
            "appears with the next build.",
            file=out,
        )
    return 0


def _avatars(content: Path, year: int, found, out, wanted: bool) -> None:
    """The speakers' avatars, stored under content/images/programme/<year>/."""
    from tools.editors import avatars

    if wanted:
        avatars.store(content, year, found, out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="programme", description=__doc__.split("\n\n")[0])
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--from", dest="source", required=True)
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--no-avatars", dest="avatars", action="store_false")
    parser.add_argument("--path", help="content folder (default: content/)")
    args = parser.parse_args(argv)
    return save(args.year, args.source, force=args.force, path=args.path, avatars=args.avatars)


def save(
    year: int, source: str, force: bool = False, path: str | None = None, avatars: bool = True
) -> int:
    """`invoke programme` and main(): `run` with the settings of the content
    folder at `path` (default: content/)."""
    from tools.editors import content

    overrides = {"PATH": str(Path(path).resolve())} if path else {}
    return run(content.load(overrides), int(year), source, force=force, avatars=avatars)


if __name__ == "__main__":
    sys.exit(main())
