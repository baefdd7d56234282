"""The key that signs what a build keeps in its cache folder.

Anyone who can write CACHE_PATH (a CI cache restored from another run, a
shared build folder) must not be able to change what is published. So each
entry a build writes there and a later build reads (markdown.py's converted
texts, templating.py's compiled templates, the build memo of
tools/build/buildcache.py) carries an HMAC-SHA256 under a key kept outside the
cache, and an entry whose MAC does not match was not written by this
checkout's builds: it is made again, never used.

The key is 32 random bytes, written once as hex into a file only its owner
may read: $SMEX_CACHE_KEY_FILE, else $XDG_CONFIG_HOME/smex-site/cache-key
(~/.config/smex-site/cache-key). Caches are kept per key (`key_id`), so a
cache written under another key (a CI runner with a fresh home, another
machine) is simply not read: the build converts everything again.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from functools import cache
from pathlib import Path

ENVIRONMENT = "SMEX_CACHE_KEY_FILE"
KEY_BYTES = 32
# What `distrusted` says starts so: tools/build/sitebuild.py repeats it as a warning
# that never fails a strict build (the entry was made again, correctly, and
# failing would let whoever wrote the cache stop every deploy).
NOTE = "Cache entry not used:"
log = logging.getLogger("smex_site.cache")
log.propagate = False  # the build collects it; Pelican's console would wrap the path


class CacheKeyError(ValueError):
    """The key file cannot be used; the message says what to do."""


def key_file() -> Path:
    given = os.environ.get(ENVIRONMENT)
    if given:
        return Path(given).expanduser().resolve()
    config = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return (Path(config) / "smex-site" / "cache-key").resolve()


def refusal(cache_folder: Path) -> str | None:
    """Why the key cannot guard `cache_folder`: it is kept inside it."""
    where = key_file()
    if where.is_relative_to(cache_folder.resolve()):
        return (
            f"the cache key {where} is inside the cache folder {cache_folder}, where anyone "
            f"who can write the cache could change it. Set {ENVIRONMENT} to a file outside "
            "it (or unset it: the default is ~/.config/smex-site/cache-key)."
        )
    return None


def key() -> bytes:
    return _key(key_file())


@cache
def _key(path: Path) -> bytes:
    if not path.exists():
        try:
            _create(path)
        except OSError as error:
            raise CacheKeyError(
                f"the cache key {path} cannot be made ({error.strerror}). Set {ENVIRONMENT} "
                "to a file in a folder you can write, outside the cache folder."
            ) from None
    try:
        found = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise CacheKeyError(_unusable(path, str(error))) from None
    if len(found) < KEY_BYTES:
        raise CacheKeyError(_unusable(path, f"shorter than {KEY_BYTES} bytes"))
    return found


def _unusable(path: Path, why: str) -> str:
    return (
        f"the cache key {path} cannot be read ({why}). It should hold {KEY_BYTES * 2} hex "
        "digits; delete it and the next build makes a new one (and converts everything "
        "again)."
    )


def _create(path: Path) -> None:
    """A new key, whole or not at all: written aside, then linked into place
    (a second build starting at the same moment keeps the first one's key)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    aside = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as out:
        out.write(secrets.token_hex(KEY_BYTES) + "\n")
    try:
        os.link(aside, path)
    except FileExistsError:
        pass
    finally:
        aside.unlink()


def key_id() -> str:
    """A name for the key that tells nothing about it: its caches' folder."""
    return hmac.new(key(), b"smex-site cache folder", hashlib.sha256).hexdigest()[:16]


def sign(label: bytes, payload: bytes) -> str:
    """The MAC of `payload` stored under `label` (its cache name: an entry
    moved to another name does not match either)."""
    return hmac.new(key(), label + b"\0" + payload, hashlib.sha256).hexdigest()


def signed(label: bytes, payload: bytes) -> bytes:
    """A cache file: the MAC's line, then the payload."""
    return sign(label, payload).encode("ascii") + b"\n" + payload


def verified(label: bytes, data: bytes) -> bytes | None:
    """The payload of a cache file written by `signed` under this key; else None."""
    mac, newline, payload = data.partition(b"\n")
    if not newline:
        return None
    expected = sign(label, payload).encode("ascii")
    return payload if hmac.compare_digest(mac, expected) else None


def distrusted(path: Path, what: str) -> None:
    """Say that the entry at `path` failed its check (once per cache and
    process: its caller remembers)."""
    log.warning(
        "%s %s (%s) was not written by this site's build, or was changed since: it was "
        "made again and not used (nor any other such %s in this build). If nobody else "
        "should write the cache, find out who did; `invoke clean` empties it.",
        NOTE,
        path,
        what,
        what,
    )
