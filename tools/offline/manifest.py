"""SHA256SUMS: one line per published file and per bundle, `sha256sum -c` format.

It sits at the site's root, so `sha256sum -c SHA256SUMS` runs there. A ZIM's
bytes change with every build (libzim's random UUID, Xapian's own ids), so
each ZIM's content digest (zim.content_digest) is written to ZIMSUMS beside
it: `invoke verify` accepts a ZIM whose bytes differ if its content matches.

With SITE_SIGNING_KEY (an OpenSSH private key file), SHA256SUMS is signed with
`ssh-keygen -Y sign -n file` into SHA256SUMS.sig; without it, nothing is signed
and `invoke offline` says so.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

from .site import OfflineError

SUMS = "SHA256SUMS"
SIGNATURE = "SHA256SUMS.sig"
ZIMSUMS = "ZIMSUMS"
NAMESPACE = "file"  # ssh-keygen -Y's namespace: what the signature is for
NOT_LISTED = {SUMS, SIGNATURE, ZIMSUMS}


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def listed_files(root: Path) -> list[str]:
    return sorted(
        rel
        for path in root.rglob("*")
        if path.is_file() and (rel := path.relative_to(root).as_posix()) not in NOT_LISTED
    )


def write(root: Path, zim_digests: dict[str, str]) -> Path:
    """Write root/SHA256SUMS (and ZIMSUMS) over every file under root."""
    lines = [f"{file_hash(root / rel)}  {rel}\n" for rel in listed_files(root)]
    (root / SUMS).write_text("".join(lines), encoding="utf-8")
    zims = [f"{digest}  {rel}\n" for rel, digest in sorted(zim_digests.items())]
    (root / ZIMSUMS).write_text("".join(zims), encoding="utf-8")
    return root / SUMS


def parse(text: str, source: str) -> dict[str, str]:
    """`sha256sum` lines -> {path: hash}; a malformed line is an error naming it."""
    sums = {}
    for number, line in enumerate(text.splitlines(), 1):
        digest, sep, rel = line.partition("  ")
        if not sep or len(digest) != 64 or not rel or rel.startswith("/") or ".." in rel.split("/"):
            raise OfflineError(f"{source} line {number}: not '<sha256>  <path>': {line[:80]!r}")
        sums[rel] = digest
    return sums


def fingerprint(key: str) -> str:
    """The key's SHA256:… fingerprint (what readers compare), checked first."""
    if not Path(key).is_file():
        raise OfflineError(
            f"SITE_SIGNING_KEY={key}: no such key file. Give the path of an OpenSSH private key."
        )
    command = ["ssh-keygen", "-l", "-f", key]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    found = [word for word in done.stdout.split() if word.startswith("SHA256:")]
    if done.returncode != 0 or not found:
        raise OfflineError(f"SITE_SIGNING_KEY={key}: ssh-keygen cannot read it as a key.")
    return found[0]


def sign(root: Path, key: str | None = None) -> str:
    """Sign SHA256SUMS if SITE_SIGNING_KEY names a key; say what was done."""
    key = key if key is not None else os.environ.get("SITE_SIGNING_KEY", "")
    (root / SIGNATURE).unlink(missing_ok=True)
    if not key:
        return (
            f"{SUMS} is unsigned: set SITE_SIGNING_KEY to an OpenSSH private key file to sign it."
        )
    signer = fingerprint(key)
    command = ["ssh-keygen", "-q", "-Y", "sign", "-f", key, "-n", NAMESPACE, str(root / SUMS)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise OfflineError(f"ssh-keygen -Y sign failed with {key}: {done.stderr.strip()}")
    return f"{SUMS} signed into {SIGNATURE} by the key {signer}"
