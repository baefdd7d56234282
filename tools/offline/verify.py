"""`invoke verify --site URL_OR_FOLDER`: is this mirror the published site?

Every file SHA256SUMS lists is read from the mirror (a folder, or fetched from
its address) and hashed. Each missing or different file is named, and so is
each extra one: in a folder, any file SHA256SUMS does not list; at an
address, any page its sitemap.xml names that SHA256SUMS does not. A ZIM whose
bytes differ passes when its content matches ZIMSUMS (see zim.py: libzim
writes a new UUID every time). SHA256SUMS itself comes from --sums (a file or
address), else from the mirror: then only a signature (--signers) proves it.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from . import manifest, zim
from .site import OfflineError

SITEMAP_LOC = re.compile(r"<loc>([^<]+)</loc>")


class Mirror:
    def __init__(self, where: str):
        self.where = where.rstrip("/")
        self.remote = where.startswith(("http://", "https://"))
        if not self.remote and not Path(where).is_dir():
            raise OfflineError(f"--site {where}: no such folder, and not an http(s) address.")

    def read(self, rel: str) -> bytes | None:
        if not self.remote:
            path = Path(self.where) / rel
            return path.read_bytes() if path.is_file() else None
        try:
            address = f"{self.where}/{urllib.parse.quote(rel)}"
            with urllib.request.urlopen(address, timeout=60) as answer:
                return answer.read()
        except urllib.error.HTTPError as error:
            if error.code in (404, 410):
                return None
            raise OfflineError(f"{self.where}/{rel}: HTTP {error.code}") from None
        except urllib.error.URLError as error:
            raise OfflineError(f"{self.where}/{rel}: {error.reason}") from None

    def extras(self, listed: set[str]) -> list[str]:
        if not self.remote:
            root = Path(self.where)
            return [rel for rel in manifest.listed_files(root) if rel not in listed]
        sitemap = self.read("sitemap.xml")
        pages = SITEMAP_LOC.findall(sitemap.decode("utf-8")) if sitemap else []
        found = []
        # The sitemap names the site's own address, not the mirror's: its
        # shortest address is the home page, the root of every other.
        root = min(pages, key=len) if pages else ""
        for url in pages:
            rel = url.removeprefix(root).split("#")[0]
            rel = rel + "index.html" if rel == "" or rel.endswith("/") else rel
            if rel not in listed:
                found.append(rel)
        return found


def _text(source: str, mirror: Mirror, name: str) -> tuple[str, str]:
    if source and not source.startswith(("http://", "https://")):
        path = Path(source)
        if not path.is_file():
            raise OfflineError(f"--sums {source}: no such file.")
        return path.read_text(encoding="utf-8"), source
    data = Mirror(source.rsplit("/", 1)[0]).read(name) if source else mirror.read(name)
    where = source or f"{mirror.where}/{name}"
    if data is None:
        raise OfflineError(
            f"{where}: not found; a mirror must carry {name} (invoke offline writes it)."
        )
    return data.decode("utf-8"), where


def check_signature(sums: str, signature: bytes | None, signers: str) -> str | None:
    """A problem with the signature, or None when ssh-keygen accepts it."""
    if signature is None:
        return "SHA256SUMS.sig: missing, so SHA256SUMS cannot be checked against the key"
    with tempfile.TemporaryDirectory() as folder:
        sig = Path(folder) / "SHA256SUMS.sig"
        sig.write_bytes(signature)
        identity = Path(signers).read_text(encoding="utf-8").split()[0]
        command = ["ssh-keygen", "-Y", "verify", "-f", signers, "-I", identity]
        command += ["-n", manifest.NAMESPACE, "-s", str(sig)]
        done = subprocess.run(command, input=sums.encode(), capture_output=True, check=False)
    return None if done.returncode == 0 else f"SHA256SUMS.sig: {done.stderr.decode().strip()}"


def problems(where: str, sums_source: str = "", signers: str = "") -> list[str]:
    """Every way the mirror differs from SHA256SUMS (empty: it is the site)."""
    mirror = Mirror(where)
    text, origin = _text(sums_source, mirror, manifest.SUMS)
    sums = manifest.parse(text, origin)
    found = []
    if signers:
        bad = check_signature(text, mirror.read(manifest.SIGNATURE), signers)
        found += [bad] if bad else []
    zimsums = {}
    if any(rel.endswith(".zim") for rel in sums):
        beside = sums_source and sums_source.rsplit("/", 1)[0] + "/" + manifest.ZIMSUMS
        if sums_source and not mirror.remote and "/" not in sums_source:
            beside = manifest.ZIMSUMS
        zim_text, zim_origin = _text(beside, mirror, manifest.ZIMSUMS)
        zimsums = manifest.parse(zim_text, zim_origin)
    for rel, digest in sorted(sums.items()):
        data = mirror.read(rel)
        if data is None:
            found.append(f"missing: {rel}")
        elif hashlib.sha256(data).hexdigest() != digest and not _same_zim(rel, data, zimsums):
            found.append(f"changed: {rel} (its SHA-256 is not the one in SHA256SUMS)")
    found += [f"extra: {rel} (not in SHA256SUMS)" for rel in mirror.extras(set(sums))]
    return found


def _same_zim(rel: str, data: bytes, zimsums: dict[str, str]) -> bool:
    if not rel.endswith(".zim") or rel not in zimsums:
        return False
    with tempfile.NamedTemporaryFile(suffix=".zim") as copy:
        copy.write(data)
        copy.flush()
        try:
            return zim.content_digest(Path(copy.name)) == zimsums[rel]
        except RuntimeError:
            return False  # not a ZIM at all
