"""`invoke offline`: bundles, ZIMs and SHA256SUMS from a production build.

Each bundle and ZIM is kept in cache/offline/ under a key of its own input
(every file it carries, the date, the language and this package's code), so a
rebuild remakes only a language whose pages changed, like the site's own
build memo (tools/buildcache.py).
"""

from __future__ import annotations

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


def _key(files: dict[str, bytes], lang: str, date: str, kind: str) -> str:
    digest = hashlib.sha256(f"{kind}\0{lang}\0{date}\0".encode())
    for code in sorted(CODE.rglob("*.py")) + sorted((CODE / "static").iterdir()):
        digest.update(code.name.encode() + b"\0" + code.read_bytes())
    for rel in sorted(files):
        digest.update(rel.encode() + b"\0" + hashlib.sha256(files[rel]).digest())
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
    published = site.read(root)
    out = root / OUT
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    ymd = tuple(int(part) for part in date.split("-"))
    report, digests = OfflineReport(), {}
    for lang in sorted(published.prefixes):
        files = bundle.contents(published, lang)
        name = f"smex-{lang}-{date}"

        def make_zip(target, files=files, name=name):
            target.write_bytes(bundle.zip_bytes(files, name, ymd))

        report.made.append(
            _memo(cache, _key(files, lang, date, "zip"), ".zip", out / f"{name}.zip", make_zip)
        )
        if not zims:
            continue
        home = published.prefixes[lang] + "index.html"
        meta = zim.metadata(lang, date, published.url)

        def make_zim(target, files=files, lang=lang, home=home, meta=meta):
            zim.write(target, files, lang, home, meta)

        made = _memo(cache, _key(files, lang, date, "zim"), ".zim", out / f"{name}.zim", make_zim)
        report.made.append(made)
        digests[f"{OUT}/{made.path.name}"] = zim.content_digest(made.path)
    key = key if key is not None else os.environ.get("SITE_SIGNING_KEY", "")
    signer = manifest.fingerprint(key) if key else ""
    download.fill(published, [m.path for m in report.made], date, languages or {}, signer)
    manifest.write(root, digests)
    report.signing = manifest.sign(root, key)
    return report
