"""The search index: Pagefind over the built site, made reproducible.

Pagefind (`pagefind[bin]`) indexes every page marked `data-pagefind-body`,
per `<html lang>`. Two of its outputs depend on hash-map order inside the
binary, so two builds of the same site differ ("TODO: Change filter indexes
to BTree to give them a stable hash", pagefind/src/index/mod.rs):

- `pagefind-entry.json` lists the languages in any order;
- a filter file (`filter/*.pf_filter`) lists its values in any order, and the
  language's meta file (`pagefind.*.pf_meta`) lists the filters in any order.

`canonicalize()` sorts both and renames the files after their new content
(the names are only looked up through the meta and entry files). The files
are gzip'd CBOR behind a "pagefind_dcd" signature; cbor2 re-encodes them
byte for byte as minicbor wrote them (a test checks the round trip).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"


class SearchIndexError(RuntimeError):
    pass


BODY = b"data-pagefind-body"
GLOB_SPECIAL = re.compile(r"([\\{}\[\]*?,<>:!])")


def index(site: Path) -> None:
    """Pagefind's index of every language (it reads <html lang>), reproducible.

    Pagefind indexes only the pages that mark their text (data-pagefind-body)
    but parses every page to find out; a third of a large site is lists (tags,
    categories, pages 2, 3, …). So it is given exactly the marked pages, in a
    pagefind.json beside nothing else (a glob of thousands of names is too long
    for a command line): the same index, a third less work.
    """
    marked = sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if "pagefind" not in path.relative_to(site).parts and BODY in path.read_bytes()
    )
    config = {"site": str(Path(site).resolve()), "silent": True}
    if marked:
        config["glob"] = "{" + ",".join(GLOB_SPECIAL.sub(r"\\\1", rel) for rel in marked) + "}"
    with tempfile.TemporaryDirectory(prefix="pagefind-") as folder:
        (Path(folder) / "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "pagefind"],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed:\n{result.stdout}\n{result.stderr}")
    for name in UNUSED:  # Pagefind's own interfaces: search.js uses its API only
        (site / "pagefind" / name).unlink(missing_ok=True)
    canonicalize(site / "pagefind")


# Pagefind writes its ready-made interfaces too; the site never loads them
# (theme/static/js/search.js builds its own on pagefind.js), so they are not
# published: less to download for mirrors and offline copies, nothing that
# writes HTML from strings on the site's origin.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
# search.html leaves this comment, with the module's URL, where Pagefind's
# module goes: its integrity can only be known once Pagefind has written it.
MODULE_MARK = re.compile(rb"<!--pagefind-module:([^\"<>\s]+)-->")


def stamp_module(site: Path) -> None:
    """Give the search pages Pagefind's module as a <script type="module"> with
    the SHA-384 of the very file written, so even Pagefind's engine is loaded
    only if its bytes are the ones built (Integrity-Policy, headers.py).
    search.js's import() of the same URL then reuses that module, fetching
    nothing unhashed. Runs after the bundles are merged, before precompression."""
    module = site / "pagefind" / "pagefind.js"
    if not module.is_file():
        return
    digest = base64.b64encode(hashlib.sha384(module.read_bytes()).digest()).decode("ascii")
    for path in site.rglob("index.html"):
        data = path.read_bytes()
        if b"<!--pagefind-module:" not in data:
            continue
        stamped = MODULE_MARK.sub(
            lambda m: (
                b'<script type="module" src="%s" integrity="sha384-%s" '
                b'crossorigin="anonymous"></script>' % (m[1], digest.encode("ascii"))
            ),
            data,
            count=1,
        )
        path.write_bytes(stamped)


def merge(bundle: Path, other: Path) -> None:
    """Move another language's bundle into `bundle` (tools/build/perlanguage.py).

    Pagefind's files per language are the same whether it indexed one language
    or all of them; only pagefind-entry.json lists the languages, so the two
    lists are joined, sorted as canonicalize() sorts them. The shared files
    (the scripts, the WebAssembly) must be the same bytes in both.
    """
    entry_name = "pagefind-entry.json"
    for path in sorted(p for p in other.rglob("*") if p.is_file()):
        rel = path.relative_to(other)
        target = bundle / rel
        if rel.as_posix() == entry_name:
            continue
        if target.exists():
            if target.read_bytes() != path.read_bytes():
                raise SearchIndexError(f"Pagefind bundles disagree on {rel}; rebuild")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        path.rename(target)
    entry = json.loads((bundle / entry_name).read_text(encoding="utf-8"))
    theirs = json.loads((other / entry_name).read_text(encoding="utf-8"))
    if {k: v for k, v in entry.items() if k != "languages"} != {
        k: v for k, v in theirs.items() if k != "languages"
    }:
        raise SearchIndexError(f"Pagefind bundles disagree on {entry_name}; rebuild")
    entry["languages"] = dict(sorted({**entry["languages"], **theirs["languages"]}.items()))
    (bundle / entry_name).write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )


def read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise SearchIndexError(f"{path}: not a Pagefind data file")
    return cbor2.loads(raw[len(SIGNATURE) :])


def write(data) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(data), compresslevel=9, mtime=0)


def short_hash(content: bytes, length: int) -> str:
    return hashlib.sha256(content).hexdigest()[:length]


def canonicalize(bundle: Path) -> None:
    entry_path = bundle / "pagefind-entry.json"
    if not entry_path.is_file():
        return
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for lang, info in entry.get("languages", {}).items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        info["hash"] = _canonical_meta(bundle, meta_path, lang)
    entry["languages"] = dict(sorted(entry.get("languages", {}).items()))
    entry_path.write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )


def _canonical_meta(bundle: Path, meta_path: Path, lang: str) -> str:
    """Sort the language's filters and their values; return the meta's new hash."""
    meta = read(meta_path)
    filters = meta[3]  # [[filter name, file hash], ...]
    renamed = []
    for name, old in filters:
        path = bundle / "filter" / f"{old}.pf_filter"
        data = read(path)
        data[1] = sorted(data[1], key=lambda value: value[0])  # [[value, [pages]], ...]
        content = write(data)
        new = f"{lang}_{short_hash(content, 7)}"
        path.unlink()
        (bundle / "filter" / f"{new}.pf_filter").write_bytes(content)
        renamed.append([name, new])
    meta[3] = sorted(renamed)
    content = write(meta)
    new_hash = f"{lang}_{short_hash(content, 10)}"
    meta_path.unlink()
    (bundle / f"pagefind.{new_hash}.pf_meta").write_bytes(content)
    return new_hash
