"""Speakers' avatars, taken in by `invoke programme` (issue 22, item 3).

pretalx puts an `avatar` address on each person of its export. No page
loads it from there: the import downloads each one once and stores a checked
copy under content/, which the build publishes with the programme
(plugins/smex_site/convening/programme/avatars.py):

- https only, certificate verified, at most MAX_REDIRECTS redirects and each
  to https; TIMEOUT for the connection and each read, DEADLINE for the whole
  download (a server that trickles a byte at a time); at most MAX_BYTES read,
  so nothing larger is ever decoded;
- Pillow opens it only as one of FORMATS (raster images: an SVG, which can
  carry script and load other files, is refused) and only if its header
  gives at most MAX_PIXELS, before any pixel is decoded (a small file can
  claim a huge image: a decompression bomb);
- it is turned upright (EXIF orientation), cut to a centred square, scaled to
  SIZE pixels and re-encoded as WebP at QUALITY, into a new image: no EXIF
  (a phone's photo may carry where it was taken), ICC profile or comment
  survives;
- it is named after the speaker's slug (images/programme/<year>/<slug>.webp),
  never after anything in its URL.

A speaker whose avatar cannot be taken in is a warning naming them and the
address; the import goes on without it. The year's folder is replaced in
one step: the new avatars are written into a temporary folder beside it,
which then takes its place, so an interrupted import leaves the old folder
or the new one, and no partial file. An avatar that pretalx no longer gives
(or that fails this time) is not kept from an earlier import: the speaker
may have withdrawn it.
"""

from __future__ import annotations

import io
import shutil
import ssl
import tempfile
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from smex_site.convening.programme import avatars as stored
from smex_site.convening.programme import queries

TIMEOUT = 10  # seconds, for the connection and each read
DEADLINE = 30  # seconds, for the whole download of one avatar
MAX_BYTES = 2 * 1024 * 1024  # far above a portrait; nothing larger is decoded
MAX_PIXELS = 40_000_000  # e.g. 8000 x 5000, a large camera's photo; more is a bomb
MAX_REDIRECTS = 3
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")  # what pretalx accepts, minus SVG
QUALITY = 80  # fixed, so a second import of the same picture writes the same bytes
SIZE = stored.SIZE


class AvatarError(Exception):
    """This avatar cannot be taken in; the message says why."""


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.lower().startswith("https://"):
            raise AvatarError(f"it redirects to {newurl}, which is not https://")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def download(url: str) -> bytes:
    """At most MAX_BYTES + 1 bytes of an https:// address."""
    if not url.lower().startswith("https://"):
        raise AvatarError("only https:// addresses are downloaded")
    opener = urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=ssl.create_default_context()), _Redirects()
    )
    request = urllib.request.Request(url, headers={"Accept": "image/webp,image/*"})
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            return _read(response, time.monotonic() + DEADLINE)
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:  # urllib gives up on a loop or a long chain
            raise AvatarError(f"more than {MAX_REDIRECTS} redirects, or a loop") from None
        raise AvatarError(f"the server answered {error.code}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise AvatarError(f"could not download it ({getattr(error, 'reason', error)})") from None


def _read(response, deadline: float) -> bytes:
    """At most MAX_BYTES + 1 bytes, read in chunks until `deadline`."""
    chunks, size = [], 0
    while size <= MAX_BYTES:
        if time.monotonic() > deadline:
            raise AvatarError(f"it took more than {DEADLINE} seconds to download")
        chunk = response.read1(min(64 * 1024, MAX_BYTES + 1 - size))  # what has come
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def reencode(data: bytes) -> bytes:
    """A SIZE x SIZE WebP, without metadata, of a raster picture; AvatarError
    for anything else."""
    if len(data) > MAX_BYTES:
        raise AvatarError(f"larger than {MAX_BYTES // 2**20} MB; not an avatar")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=FORMATS) as image:
                square = _square(image)
    except AvatarError:
        raise
    except UnidentifiedImageError:
        raise AvatarError(f"not a raster image ({', '.join(FORMATS)})") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise AvatarError(f"a decompression bomb ({error})") from None
    except Exception as error:  # noqa: BLE001
        # OSError, SyntaxError, struct.error…: however a decoder fails on
        # hostile or damaged bytes, it is this picture's problem, not the import's
        raise AvatarError(f"a damaged image ({type(error).__name__}: {error})") from None
    clean = Image.frombytes(square.mode, square.size, square.tobytes())  # pixels only, no info
    out = io.BytesIO()
    clean.save(out, "WEBP", quality=QUALITY, method=4)
    return out.getvalue()


def _square(image: Image.Image) -> Image.Image:
    """The opened picture upright, cut square and scaled to SIZE, if its
    header (read, nothing decoded yet) claims no more than MAX_PIXELS."""
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise AvatarError(
            f"{width}×{height} pixels: a decompression bomb, or too large "
            f"to decode safely (at most {MAX_PIXELS:,} pixels); not an avatar"
        )
    upright = ImageOps.exif_transpose(image)  # the first frame, decoded
    mode = "RGBA" if _has_alpha(upright) else "RGB"
    return ImageOps.fit(upright.convert(mode), (SIZE, SIZE), Image.Resampling.LANCZOS)


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def store(
    content: Path,
    year: int,
    programme,
    out,
    fetch: Callable[[str], bytes] = download,
) -> int:
    """Download, check and store every speaker's avatar; the year's folder
    then holds exactly these. Returns how many were stored."""
    target = content / stored.FOLDER / str(year)
    wanted = [e.speaker for e in queries.speakers(programme) if e.speaker.avatar_source]
    taken: dict[str, bytes] = {}
    for speaker in wanted:
        url = speaker.avatar_source
        try:
            taken[stored.rel(year, speaker.slug)] = reencode(fetch(url))
        except AvatarError as error:
            print(
                f"warning: the avatar of {speaker.name} ({speaker.code or speaker.slug}) at "
                f"{url}: {error}. The import goes on without it.",
                file=out,
            )
    _replace(content, target, taken)
    if taken:
        shown = Path(content.name) / target.relative_to(content)
        print(f"Stored {len(taken)} of {len(wanted)} avatars in {shown}/.", file=out)
    return len(taken)


def _replace(content: Path, target: Path, files: dict[str, bytes]) -> None:
    """The folder `target` holding exactly `files` (rel -> bytes), or gone
    when there are none: written beside it, then swapped in."""
    if not files:
        if target.exists():
            shutil.rmtree(target)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.new-"))
    old = None
    try:
        fresh.chmod(0o755)  # mkdtemp makes it private; the content folder is not
        for rel, data in files.items():
            path = fresh / Path(rel).name
            path.write_bytes(data)
            path.chmod(0o644)
        if target.exists():
            old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.old-"))
            target.rename(old / target.name)
        fresh.rename(target)
    except BaseException:
        if old is not None and not target.exists() and (old / target.name).exists():
            (old / target.name).rename(target)  # put the previous avatars back
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
