"""`invoke offline`: bundles, ZIMs and SHA256SUMS from a production build.

Each bundle and ZIM is kept in cache/offline/ under a key of its own input
(every file it carries, the date, the language and this package's code), so a
rebuild remakes only a language whose pages changed, like the site's own
build memo (tools/build/buildcache.py).
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import bundle, download, manifest, site, zim

CODE = Path(__file__).parent
OUT = "offline"


@dataclass
class Made:
    path: Path
    seconds: float
    reused: bool


@dataclass
class OfflineReport:
    made: list[Made] = field(default_factory=list)
    signing: str = ""

    def lines(self) -> list[str]:
        rows = [
            f"{m.path.name}: {m.path.stat().st_size / 1e6:.2f} MB"
            + (" (unchanged, from cache/offline/)" if m.reused else f" in {m.seconds:.1f} s")
            for m in self.made
        ]
        return [*rows, self.signing]


def _key(published: site.Site, inputs: list[str], lang: str, date: str) -> str:
    """What a language's bundles are made of: the published files they carry
    (the download page as built), the date, the language and this package's
    code. Known before they are made, so an unchanged language is not remade."""
    digest = hashlib.sha256(f"{lang}\0{date}\0{published.url}\0".encode())
    for code in sorted(CODE.rglob("*.py")) + sorted((CODE / "static").iterdir()):
        digest.update(code.name.encode() + b"\0" + code.read_bytes())
    for rel in inputs:
        data = (published.root / rel).read_bytes()
        if download.MARKER in data:
            data = download.unfill(data.decode("utf-8")).encode("utf-8")
        digest.update(rel.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()[:32]


def _memo(cache: Path | None, key: str, suffix: str, target: Path, make) -> Made:
    started = time.perf_counter()
    kept = cache / f"{key}{suffix}" if cache else None
    if kept and kept.is_file():
        shutil.copyfile(kept, target)
        return Made(target, time.perf_counter() - started, True)
    make(target)
    if kept:
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, kept)
    return Made(target, time.perf_counter() - started, False)


def _prune(cache: Path | None, used: set[str]) -> None:
    """Keep only this run's bundles in the cache: it would grow by a day's every day."""
    if cache and cache.is_dir():
        for kept in cache.iterdir():
            if kept.name.split(".", 1)[0] not in used:
                kept.unlink()


def _zim_digest(cache: Path | None, key: str, path: Path) -> str:
    """The ZIM's content digest, kept beside it in the cache (reading a ZIM is slow)."""
    kept = cache / f"{key}.zim.sha256" if cache else None
    if kept and kept.is_file():
        return kept.read_text(encoding="ascii").strip()
    digest = zim.content_digest(path)
    if kept:
        kept.write_text(digest + "\n", encoding="ascii")
    return digest


def run(
    root: Path,
    date: str,
    cache: Path | None = None,
    zims: bool = True,
    key: str | None = None,
    languages: dict | None = None,
) -> OfflineReport:
    """Write root/offline/ (a zip and a ZIM per language) and root/SHA256SUMS.

    key: the signing key file (default: SITE_SIGNING_KEY); languages: the
    settings' SITE_LANGUAGES, for the download page's names and sizes.
    """
    key = key if key is not None else os.environ.get("SITE_SIGNING_KEY", "")
    signer = manifest.fingerprint(key) if key else ""  # a bad key stops before any write
    published = site.read(root)
    out = root / OUT
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    ymd = tuple(int(part) for part in date.split("-"))
    report, digests, used = OfflineReport(), {}, set()
    for lang in sorted(published.prefixes):
        key_of = _key(published, bundle.carried(published, lang), lang, date)
        used.add(key_of)
        name = f"smex-{lang}-{date}"
        made = functools.cache(functools.partial(bundle.contents, published, lang))

        def make_zip(target, made=made, name=name):
            target.write_bytes(bundle.zip_bytes(made(), name, ymd))

        report.made.append(_memo(cache, key_of, ".zip", out / f"{name}.zip", make_zip))
        if not zims:
            continue
        home = published.prefixes[lang] + "index.html"
        meta = zim.metadata(published, lang, date)

        def make_zim(target, made=made, lang=lang, home=home, meta=meta):
            zim.write(target, made(), lang, home, meta)

        written = _memo(cache, key_of, ".zim", out / f"{name}.zim", make_zim)
        report.made.append(written)
        digests[f"{OUT}/{written.path.name}"] = _zim_digest(cache, key_of, written.path)
    _prune(cache, used)
    download.fill(published, [m.path for m in report.made], date, languages or {}, signer)
    manifest.write(root, digests)
    report.signing = manifest.sign(root, key)
    return report
